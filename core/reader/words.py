"""The reader's problems and the small pieces of plain English its messages are built from."""

#: An upload that is not a CSV file or a workbook (checked before Streamlit or pandas sees it).
WRONG_FILE_TYPE = (
    "This kind of file cannot be read here. Upload a CSV file (.csv, .tsv or .txt) or a workbook "
    "(.xlsx or .ods): in your spreadsheet program use Save As (or Download) and choose one of those."
)
#: After a problem with a new file or a new choice, what stays.
PREVIOUS_DATA_KEPT = " Your previous data are still here."
PREVIOUS_CHOICE_KEPT = " The previous choice is kept."


def too_big(size, limit):
    """An upload of ``size`` bytes over the ``limit``."""
    return (
        f"This file is {size / 2**20:,.0f} MB; the limit is {limit // 2**20} MB. "
        "Upload a smaller extract, for example only the two columns you need."
    )


def reading(size):
    """While a file of ``size`` bytes is read."""
    return f"Reading {size / 2**20:,.1f} MB…"


class DataProblem(ValueError):
    """A problem with the reader's file, in plain words that say what is wrong and what to do."""


def two_columns(comments=False):
    """What the two columns a file needs are for: x and y, or comments and their rating or label."""
    return "one with the comments, one with a rating or a label" if comments else "one for x, one for y"


def count(n, noun):
    """ "1 row", "1,200 rows"."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def and_list(parts):
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def name_list(names, limit=4):
    """Quoted names joined with "and"; beyond ``limit`` the rest are counted."""
    quoted = [f'"{name}"' for name in names]
    if len(quoted) > limit:
        return ", ".join(quoted[: limit - 1]) + f" and {len(quoted) - limit + 1} more"
    return and_list(quoted)


def number_word(n):
    """ "two" for 2, up to ten; digits beyond."""
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)
