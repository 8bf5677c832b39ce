"""Review exports as a review site writes them, built from the shipped comments (for the feedback tests).

The export is made from the shipped new comments (restaurants, hotels, …) with a star rating each: a date, a
reviewer, the stars, the review; some 3-star reviews, some without a rating, an empty review, a very long
one, markup, and cells a spreadsheet would run as formulas.
"""

import io

import numpy as np
import openpyxl
import pandas as pd

from core.feedback.data import COMPLAINT, load_comments

MARKER = "Zq7Secret"
SPECIAL = {
    5: "",  # an empty review
    7: "<b>Great</b> **value**, ![x](http://127.0.0.1:9/a.png) would come back " + "and again " * 120,  # long
    11: '=HYPERLINK("http://127.0.0.1:9", "click") was the only thing that worked',
    13: "@everyone the staff were rude and slow",
    17: "-5 stars if I could, rude and slow",
}


def review_export(n=420, unrated=(3, 9, 30), three_stars=(1, 4, 40, 41)):
    """A review site's CSV export of the shipped new comments, with stars from their labels (bytes)."""
    comments = load_comments()
    texts = list(comments.test_texts[:n])
    for row, text in SPECIAL.items():
        texts[row] = text
    stars = np.where(comments.test_labels[:n] == COMPLAINT, 1 + np.arange(n) % 2, 4 + np.arange(n) % 2).astype(object)
    for row in unrated:
        stars[row] = ""
    for row in three_stars:
        stars[row] = 3
    frame = pd.DataFrame(
        {
            "Date": pd.date_range("2024-01-01", periods=n, freq="D").strftime("%d/%m/%Y"),
            "Reviewer": [f"Guest {i}" for i in range(n)],
            "Rating": stars,
            "Review": texts,
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


def review_workbook(n=420, sheets=("Reviews",)):
    """The same export as an .xlsx workbook (bytes); every sheet named in ``sheets`` holds it."""
    frame = pd.read_csv(io.BytesIO(review_export(n)), dtype=str, keep_default_na=False)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
