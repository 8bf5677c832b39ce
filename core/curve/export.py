"""The one-curve story's downloads for the reader: predictions as CSV and a plain-language summary."""

import io

import numpy as np
import pandas as pd

from ..show.plain_numbers import format_lam, format_miss, markdown_safe, spreadsheet_safe
from ..verdict import verdict as verdict_of
from .words import sklearn_code


def predictions_csv(dataset, path, index):
    """Every row with its prediction at the chosen λ, as CSV bytes (UTF-8).

    Column names come from the reader's file, so they are made spreadsheet-safe;
    the cells are numbers and dates written by this function.
    """
    x = np.concatenate([dataset.x_train, dataset.x_test])
    y = np.concatenate([dataset.y_train, dataset.y_test])
    predicted = path.predict(x)[index]
    frame = pd.DataFrame(
        {
            spreadsheet_safe(dataset.x_label): dataset.x_for_display(x),
            spreadsheet_safe(dataset.y_label): y,
            "prediction": predicted,
            "miss": y - predicted,
            "used for": np.where(np.arange(x.size) < dataset.x_train.size, "training", "held out"),
        }
    )
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def _md(text):
    return markdown_safe(text)


def summary_markdown(dataset, path, index):
    """A short Markdown report of the chosen setting and what it means."""
    verdict = verdict_of(path, index)
    low, high = path.good_range
    unit = dataset.y_unit
    lam = float(path.lams[index])
    return "\n".join(
        [
            f"# L2 Lab summary: {_md(dataset.title)}",
            "",
            f"- Predicting **{_md(dataset.y_label)}** from **{_md(dataset.x_label)}**, "
            f"{dataset.x_train.size:,} training rows and {dataset.x_test.size:,} held-out rows. {dataset.story}",
            f"- Curve flexibility: degree {path.degree}. Penalty strength: λ = {format_lam(lam)}.",
            f"- Typical miss on the training rows: {_md(format_miss(path.train_rmse[index], unit))}; "
            f"on the held-out rows: {_md(format_miss(path.test_rmse[index], unit))}.",
            f"- Verdict: **{verdict.label}**. {verdict.advice}",
            f"- Recommended λ (cross-validation): {format_lam(path.lams[path.best_index])}; anything from "
            f"{format_lam(path.lams[low])} to {format_lam(path.lams[high])} is about as good.",
            "",
            "## What this means",
            "",
            "L2 regularization charges the model for large weights. A little keeps the curve from chasing noise in "
            "the training rows; too much makes it too stiff to follow the real pattern. The recommended λ is the "
            "one that predicted rows left out of the fit best.",
            "",
            "## Reproduce it in scikit-learn",
            "",
            "```python",
            sklearn_code(path.degree, dataset.x_train.size, lam),
            "```",
            "",
        ]
    )
