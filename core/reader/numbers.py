"""Reading cells as numbers: "no value" spellings, currency and percent signs, thousands separators,
decimal commas, accounting negatives in brackets, and durations such as 00:25:31."""

import numpy as np
import pandas as pd

MISSING_WORDS = frozenset(
    {"", "na", "n/a", "#n/a", "nan", "null", "none", "-", "—", "–", "?"}
    | {"#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#error!"}  # spreadsheet errors: no value
)
# In a text column fewer spellings mean "no value": "-" or "?" can be a category there (a strand, a sign),
# and "None" a real answer.
TEXT_MISSING_WORDS = frozenset({"", "na", "n/a", "#n/a", "nan", "null"}) | (
    MISSING_WORDS - {"na", "n/a", "nan", "null", "none", "-", "—", "–", "?"}
)
NUMERIC_SHARE = 0.8  # a column is numbers when this share of its filled cells are numbers

_CURRENCY = "[$€£¥₹₩₽₺₪¢]"
# currencies written as a code or a local abbreviation before or after the amount: 12,50 zł, 1 234 Kč, EUR 12
_CURRENCY_WORDS = (
    r"(?:EUR|USD|GBP|CHF|JPY|CNY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|HRK|RSD|TRY|RUB|UAH|INR|BRL|MXN|ZAR"
    r"|Kč|zł|Ft|kr\.?|lei|Lei)"
)
CURRENCY_WORD = rf"^{_CURRENCY_WORDS}\s*(?=[-+(\d.,])|(?<=[\d.,)])\s*{_CURRENCY_WORDS}$"
_SPACES = "[ \u00a0\u202f\u2009'’]"  # thousands written as 1 200 (also no-break and thin spaces) or 1'200
_SPACE_GROUPED = rf"[+-]?\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:[.,]\d*)?"
_GROUPED = {
    ".": r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})(?:\.\d*)?",  # 1,234,567.8 and Indian 12,34,567.8
    ",": r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?",
}
_BRACKETED = r"\(\s*([^()]*?)\s*\)"  # accounting negatives: (75.78) is -75.78
_DURATION = r"\d{1,4}:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"  # 00:25:31, 1:02:03.5, 8:30


def numbers_in_block(cells, decimal, head=1000):
    """Parse a (columns, rows) block of stripped strings as numbers.

    Long columns are first tried on their first ``head`` cells; those where fewer than
    half of the filled cells are numbers (dates, words) skip the slow cleaning.
    Returns values, missing and flags shaped like ``cells`` (see :func:`_numbers_from_text`).
    """
    k, n = cells.shape
    maybe = np.ones(k, dtype=bool)
    if n > head:
        values, missing, _ = numbers_from_text(as_series(cells[:, :head]), decimal)
        filled = (~missing).reshape(k, head).sum(axis=1)
        parsed = (~np.isnan(values)).reshape(k, head).sum(axis=1)
        maybe = (filled == 0) | (parsed >= 0.5 * filled)
    values = np.full((k, n), np.nan)
    missing = np.zeros((k, n), dtype=bool)
    flags = {}
    if maybe.any():
        v, m, f = numbers_from_text(as_series(cells[maybe]), decimal)
        values[maybe], missing[maybe] = v.reshape(-1, n), m.reshape(-1, n)
        for flag, mask in f.items():
            flags[flag] = np.zeros((k, n), dtype=bool)
            flags[flag][maybe] = mask.reshape(-1, n)
    if not maybe.all():
        missing[~maybe] = missing_cells(as_series(cells[~maybe])).reshape(-1, n)
    return values, missing, flags


def as_series(cells):
    return pd.Series(cells.ravel(), dtype="str")


def missing_cells(text):
    """Boolean array: cells that are empty or say "no value" (NA, n/a, null, -, ...)."""
    return text.fillna("").str.strip().str.lower().isin(MISSING_WORDS).to_numpy(dtype=bool)


def numbers_from_text(text, decimal):
    """Parse a Series of strings as numbers.

    Returns
    -------
    values : numpy.ndarray
        float64; NaN where a cell is missing or not a number.
    missing : numpy.ndarray
        bool; cells that are empty or say "no value" (NA, n/a, null, -, ...).
    flags : dict of str to numpy.ndarray
        For "percent", "currency", "thousands" (and "spaced thousands", 1 200), "accounting" and
        "decimal comma": the cells that needed that clean-up and were then read as numbers.
    """
    n = len(text)
    values = np.full(n, np.nan)
    if decimal == ".":
        values[:] = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        todo = np.flatnonzero(np.isnan(values))
    else:
        todo = np.arange(n)
    missing = np.zeros(n, dtype=bool)
    flags = {}
    if todo.size:
        rest = text.iloc[todo].fillna("").str.strip()
        is_missing = rest.str.lower().isin(MISSING_WORDS).to_numpy(dtype=bool)
        missing[todo[is_missing]] = True
        filled = rest[~is_missing]
        if len(filled):
            cleaned, cell_flags = _clean_numbers(filled, decimal)
            parsed = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
            where = todo[~is_missing]
            values[where] = parsed
            for flag, mask in cell_flags.items():
                flags[flag] = np.zeros(n, dtype=bool)
                flags[flag][where] = mask & ~np.isnan(parsed)
    return values, missing, flags


def _clean_numbers(cells, decimal):
    """Strip currency and percent signs and thousands separators, read (12.5) as -12.5; make the decimal mark a point."""
    cells = cells.str.replace("\u2212", "-", regex=False)
    flags = {"percent": cells.str.contains("%", regex=False).to_numpy(dtype=bool)}
    if flags["percent"].any():
        cells = cells.str.strip().str.strip("%")  # only a leading or trailing sign: 1%5 stays unreadable
    flags["currency"] = cells.str.contains(_CURRENCY, regex=True).to_numpy(dtype=bool)
    cells = cells.str.replace(_CURRENCY, "", regex=True).str.strip()
    worded = cells.str.contains(CURRENCY_WORD, regex=True).to_numpy(dtype=bool)
    if worded.any():
        flags["currency"] = flags["currency"] | worded
        cells = cells.str.replace(CURRENCY_WORD, "", regex=True).str.strip()
    flags["accounting"] = cells.str.fullmatch(_BRACKETED).to_numpy(dtype=bool)
    if flags["accounting"].any():
        cells = cells.str.replace(f"^{_BRACKETED}$", r"-\1", regex=True)
    spaced = cells.str.fullmatch(_SPACE_GROUPED).to_numpy(dtype=bool)
    if spaced.any():
        cells = cells.where(~spaced, cells.str.replace(_SPACES, "", regex=True))
    grouped = cells.str.fullmatch(_GROUPED[decimal]).to_numpy(dtype=bool)
    group_mark = "," if decimal == "." else "."
    cells = cells.where(~grouped, cells.str.replace(group_mark, "", regex=False))
    flags["thousands"] = spaced | grouped
    flags["spaced thousands"] = spaced
    if decimal == ",":
        flags["decimal comma"] = cells.str.contains(",", regex=False).to_numpy(dtype=bool)
        cells = cells.str.replace(",", ".", regex=False)
    return cells, flags


def durations(cells, missing):
    """A column of durations or clock times (00:25:31, 8:30) as hours or minutes, or None.

    Returns the values, whether they are in minutes (else hours), and the mask of filled cells
    that are not durations; None when fewer than ``NUMERIC_SHARE`` of the filled cells are.
    """
    filled = cells[~missing]
    if filled.size == 0 or (":" not in filled[0] and ":" not in filled[-1]):
        return None
    text = pd.Series(cells, dtype="str")
    is_duration = text.str.fullmatch(_DURATION).to_numpy(dtype=bool) & ~missing
    if np.count_nonzero(is_duration) < NUMERIC_SHARE * filled.size:
        return None
    padded = text.where(~text.str.fullmatch(r"\d+:\d\d"), text + ":00")  # 8:30 is hours and minutes
    span = pd.to_timedelta(padded.where(is_duration), errors="coerce").to_numpy(dtype="timedelta64[ns]")
    hours = span / np.timedelta64(1, "h")
    in_minutes = bool(np.nanmedian(hours) < 1)
    return (hours * 60 if in_minutes else hours), in_minutes, ~missing & ~is_duration
