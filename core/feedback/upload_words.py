"""The reader's own comments in words: the upload's labels, its problems and notes, and their charts' text.

What the "Sort your own comments" part of the page says: the title, the file box and column pickers, the
progress bar, the download; the problems ``reviews`` raises as ``DataProblem`` (plain text naming no cell)
and its notes on how the comments are used; and the captions and sentences of the charts of the reader's
comments (the rest of their story is told by ``words``, with ``new="held-out"``).
"""

from ..show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from ..show.plain_numbers import lam_in_words
from .data import CATEGORIES
from .fit import MAX_COMMENT_CHARS
from .words import sweet_spot_text

# --- The reader's own comments (core.feedback.reviews): problems and notes, plain text naming no cell ---

PRAISE, COMPLAINT = CATEGORIES[0], CATEGORIES[1]
_PICK_LABEL = "Pick a star rating (numbers from 1 to 5) or a column with two values, such as complaint and praise."
NO_TEXT_COLUMN = (
    "No column of this file holds comments: every column holds numbers or dates, and comments are words (a "
    "review, a ticket, a message). Check that the comments were saved in the file, and upload it again."
)
NUMBERS_AS_COMMENTS = (
    "The column chosen for the comments holds numbers or dates, not words. Pick the column that holds the comments."
)
NO_LABEL_COLUMN = (
    "This file has only a column of comments. A second column is needed to learn from: a star rating (1 to 5) "
    "or a label with two values (such as complaint and praise, or yes and no). Add one and upload the file again."
)
DATES_AS_LABEL = "The column chosen as the label holds dates. " + _PICK_LABEL
COLUMN_GONE = "A chosen column is not in this file (was another file uploaded?). Pick the columns again."
SAME_COLUMN = "The comments and the label are the same column. Pick two different columns."
NO_SHARED_WORDS = (
    "No word appears in two of the comments the model learns from, so there is nothing it could learn. Check "
    "that the column chosen for the comments holds them, written with spaces between the words."
)


def one_value_label(n_values):
    if n_values == 0:
        return "The column chosen as the label is empty. " + _PICK_LABEL
    return (
        "The column chosen as the label has the same value on every row, so there is nothing to tell apart. "
        + _PICK_LABEL
    )


def many_values_label(n_values):
    return f"The column chosen as the label has {n_values:,} different values. " + _PICK_LABEL


def too_few_labelled(n, need):
    return (
        f"Only {n:,} rows have both a comment and a label the model can use; at least {need} are needed, to "
        "learn from some and check on the others. Upload more comments, or pick another label column."
    )


def too_few_of_one(n, need):
    return (
        f"Only {n:,} of the labelled comments fall in one of the two categories; at least {need} of each are "
        "needed, so that every part of the cross-validation has some. Upload more comments of that kind, or "
        "pick another label column."
    )


def _count(n, noun, plural=None):
    """ "1 comment", "1,200 comments"."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def review_notes(n_rows, n_learn, n_held_out, n_cut, n_empty, n_unlabelled, n_middle, capped, n_only_sorted=0):
    """Plain sentences on how the reader's comments are used: learned from, held out, left out, cut."""
    notes = [
        f"{_count(n_rows, 'row')}: the model learns from {n_learn:,} labelled comments and is checked on "
        f"{n_held_out:,} others it never sees while it learns (picked at random, the same way every time)."
    ]
    if capped:
        notes.append(
            f"It learns from at most {n_learn:,} comments so that the charts come within seconds; the other "
            "labelled comments are used to check it."
        )
    if n_only_sorted:
        notes.append(
            f"{_count(n_only_sorted, 'other labelled comment')} {'is' if n_only_sorted == 1 else 'are'} not needed "
            f"to check it ({n_held_out:,} tell its accuracy to within a point or so), and sorted in the download."
        )
    if n_middle:
        notes.append(
            f"{_count(n_middle, 'comment')} rated 3 stars (between a complaint, 1 or 2 stars, and praise, 4 or 5) "
            f"{'is' if n_middle == 1 else 'are'} left out of learning and checking, and sorted in the download."
        )
    if n_unlabelled:
        notes.append(
            f"{_count(n_unlabelled, 'comment')} {'has' if n_unlabelled == 1 else 'have'} no label: the model does "
            "not learn from them, but sorts them in the download."
        )
    if n_empty:
        notes.append(
            f"{_count(n_empty, 'row')} {'has' if n_empty == 1 else 'have'} no comment; the download marks "
            f"{'it' if n_empty == 1 else 'them'} not sure."
        )
    if n_cut:
        notes.append(
            f"{_count(n_cut, 'comment')} {'is' if n_cut == 1 else 'are'} longer than {MAX_COMMENT_CHARS:,} "
            f"characters: only the first {MAX_COMMENT_CHARS:,} characters are read."
        )
    return notes


# --- The reader's own comments on the page ---

UPLOAD_TITLE = "Sort your own comments"
UPLOAD_INTRO = (
    "Bring your own comments: a review export (Google, Trustpilot, an app store, your shop), support tickets, "
    "survey answers. The file needs a column of comments and a column that sorts them: a star rating from 1 to "
    "5 (1 or 2 stars count as a complaint, 4 or 5 as praise, 3 is left out) or any column with two values, "
    "such as complaint and praise, or yes and no. The model learns from some of your comments, is checked on "
    "others it never saw, and then sorts every row of your file, with how sure it is; you can download them "
    "all. Any language with spaces between its words works."
)


def upload_label(limit_bytes):
    return (
        f"Upload your comments: a CSV file (.csv, .tsv or .txt) or a workbook (.xlsx or .ods), up to "
        f"{limit_bytes // 2**20} MB"
    )


NO_UPLOAD_YET = (
    "No file yet. Your file stays on this server for your session only and is never shared with anyone else. "
    "A shared link cannot carry the file itself."
)
SHEET_LABEL = "Sheet of the workbook"
TEXT_COLUMN_LABEL = "Column of comments"
LABEL_COLUMN_LABEL = "Column that sorts them (stars, or two values)"
LABEL_COLUMN_HELP = "A star rating from 1 to 5, or any column with exactly two values (like complaint and praise)."
PREVIOUS_CHOICE_KEPT = "The previous choice is kept."
THEIR_HELD_OUT = "your held-out comments"
DRAWING = "Drawing the charts…"
THEIR_SWEET_SPOT_BUTTON = "Find the sweet spot for my comments"
THEIR_SWEET_SPOT_HELP = "Moves λ to the value that cross-validation on your comments says sorts new ones best."
DOWNLOAD_LABEL = "Download every comment, sorted (CSV)"
DOWNLOAD_HELP = (
    "Every row of your file with what the model says at the λ you chose: the category it leans to, how sure it "
    "is, and 'not sure' where it cannot tell."
)


THEIR_WORDS_CAPTION = (
    "The ten words and pairs of your comments that push hardest: your setting on the right, in "
    f"{YOUR_PENALTY.word}; on the left the sweet spot for your comments ({SWEET_SPOT.word}) while your penalty is "
    f"0, or no penalty ({NO_PENALTY.word}) once you add one, as in the chart of the shipped comments above."
)


def learning(done, total):
    """The progress bar's words while the model learns from the reader's comments."""
    return f"Learning from your comments: {done:,} of {total:,} fits (every penalty strength, and each check)…"


def file_line(name, n_rows):
    """ "File: reviews.csv (1,200 rows)": shown as plain text (the file's name is the reader's)."""
    return f"File: {name} ({n_rows:,} row{'s' if n_rows != 1 else ''})"


def their_sweet_spot_text(path, spot):
    return sweet_spot_text(path, spot, comments="comments it learns from")


def _with(lam):
    """ "With a light penalty (λ under 0.0001)": the story names λ in words, its number in small print."""
    return f"With {lam_in_words(lam)}"


def mistakes_caption(total, shown, m, lam):
    """Above the table of the held-out comments the model gets wrong at ``lam``."""
    if total == 0:
        return f"{_with(lam)} the model sorts all {m:,} of your held-out comments right."
    more = f"; the {shown:,} it was surest about are listed" if shown < total else ", listed surest first"
    return (
        f"{_with(lam)} the model sorts {total:,} of your {m:,} held-out comments the other way from your label"
        f"{more}. Some are its mistakes; some are comments whose words say one thing and whose label another."
    )
