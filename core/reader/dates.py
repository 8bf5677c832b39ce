"""Recognising columns of dates, whatever way the spreadsheet wrote them.

Each column's cells are tried with common formats (month first before day first, so
day first wins only when it is the only consistent reading); a column none of them reads
gets formats guessed by pandas from its own cells (``guess_datetime_format``, which uses
dateutil: "Jan 1 2000", "Mon, 03 Jan 2000"), then quarters ("1959 Q1") and ISO weeks
("2024-W05"). Whether 01/02/2024 is January or February is decided from the data, and
said in a note when the data cannot decide.
"""

import warnings

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

DATE_SHARE = 0.8  # a column is dates when this share of its filled cells are dates
DATE_FORMATS = (
    "ISO8601",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y",
    "%d/%m/%y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d",
    "%b %Y",
    "%B %Y",
    "%b-%y",
    "%b-%Y",
    "%Y %b",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %Y %H:%M",
)
DAY_FIRST = {
    f: f.replace("%m", "#").replace("%d", "%m").replace("#", "%d")
    for f in DATE_FORMATS
    if f.startswith("%m/%d") or f.startswith("%m-%d")
}

_DATE_SAMPLE = 200
_GUESS_CELLS = 10
_QUARTER = r"(?i)\s*(?:(?P<y1>\d{4})\s*[-/ ]?\s*Q(?P<q1>[1-4])|Q(?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4}))\s*"
_ISO_WEEK = r"(?i)\s*(?P<year>\d{4})-?W(?P<week>\d{2})(?:-?(?P<day>[1-7]))?\s*"


def dates_in_block(cells, missing):
    """Read each column of a (columns, rows) block of stripped strings as dates, if it is dates.

    Each column takes the format that reads most of a sample of its cells (the
    earlier format on a tie), checked on all its cells; when that one leaves cells
    unread, the next two are tried too. Work is batched across columns. A column
    no common format reads is tried with formats guessed from its cells, as quarters
    and as ISO weeks.
    Returns (datetime64 array or None, flags) per column.
    """
    filled = [row[~miss] for row, miss in zip(cells, missing)]
    ranked = _rank_formats([_date_sample(cells) for cells in filled])
    chosen = [None] * len(filled)
    for fmt, group in _by_first(ranked).items():
        for j, parsed in zip(group, _parse_dates_split([filled[j] for j in group], fmt)):
            chosen[j] = fmt, parsed
    for j, formats in enumerate(ranked):
        if chosen[j] is not None and np.isnat(chosen[j][1]).any():
            chosen[j] = max(
                ((fmt, _parse_dates(filled[j], fmt)) for fmt in formats[:3]),
                key=lambda pair: np.count_nonzero(~np.isnat(pair[1])),
            )
    for j, formats in enumerate(ranked):
        if not formats and chosen[j] is None:
            chosen[j] = _other_reading(filled[j])
    ambiguous = _read_both_ways(filled, chosen)
    found = []
    for j, (row, miss) in enumerate(zip(cells, missing)):
        if chosen[j] is None or np.count_nonzero(~np.isnat(chosen[j][1])) < DATE_SHARE * filled[j].size:
            found.append((None, []))
            continue
        fmt, parsed = chosen[j]
        dates = np.full(row.size, np.datetime64("NaT"), dtype=parsed.dtype)
        dates[~miss] = parsed
        found.append((dates, _date_flags(fmt, j in ambiguous)))
    return found


def _date_sample(filled):
    """Up to ``_DATE_SAMPLE`` distinct filled cells, or None when too few hold a digit to be dates."""
    if filled.size == 0:
        return None
    sample = pd.unique(filled[: 20 * _DATE_SAMPLE])[:_DATE_SAMPLE]
    if sum(any(ch.isdigit() for ch in cell) for cell in sample) < DATE_SHARE * sample.size:
        return None
    return sample


def _rank_formats(samples):
    """Per sample, the formats that read at least ``DATE_SHARE`` of it, best first ([] for None).

    Every format is tried once on the distinct cells of all samples together; only
    cells with a digit and a separator (- / . , : or space) can be dates.
    """
    present = [sample for sample in samples if sample is not None]
    if not present:
        return [[] for _ in samples]
    codes, distinct = pd.factorize(np.concatenate(present))
    text = pd.Series(distinct, dtype="str")
    possible = np.flatnonzero((text.str.contains(r"\d") & text.str.contains(r"[-/.,: ]")).to_numpy(dtype=bool))
    reads = np.zeros((len(DATE_FORMATS), len(distinct)), dtype=bool)
    if possible.size:
        for rank, fmt in enumerate(DATE_FORMATS):
            reads[rank, possible] = ~np.isnat(_parse_dates(distinct[possible], fmt))
    ranked, start = [], 0
    for sample in samples:
        if sample is None:
            ranked.append([])
            continue
        shares = reads[:, codes[start : start + sample.size]].mean(axis=1)
        start += sample.size
        order = sorted(range(len(DATE_FORMATS)), key=lambda rank: (-shares[rank], rank))
        ranked.append([DATE_FORMATS[rank] for rank in order if shares[rank] >= DATE_SHARE])
    return ranked


def _by_first(ranked):
    """{format: [column positions whose best format it is]}."""
    groups = {}
    for j, formats in enumerate(ranked):
        if formats:
            groups.setdefault(formats[0], []).append(j)
    return groups


def _read_both_ways(filled, chosen):
    """Positions of columns read month first whose every date also reads day first."""
    groups = {}
    for j, pick in enumerate(chosen):
        if pick is not None and pick[0] in DAY_FIRST and not np.isnat(pick[1]).any():
            groups.setdefault(pick[0], []).append(j)
    both = set()
    for fmt, group in groups.items():
        for j, parsed in zip(group, _parse_dates_split([filled[j] for j in group], DAY_FIRST[fmt])):
            if not np.isnat(parsed).any():
                both.add(j)
    return both


def _parse_dates_split(arrays, fmt):
    """:func:`_parse_dates` on several arrays of strings at once; one result per array."""
    parsed = _parse_dates(np.concatenate(arrays), fmt)
    return np.split(parsed, np.cumsum([a.size for a in arrays])[:-1])


def _parse_dates(cells, fmt):
    """Parse strings with one format into datetime64[us]; NaT where it does not fit, and for plain numbers."""
    text = pd.Series(cells, dtype="str")
    if fmt == "ISO8601":
        parsed = pd.to_datetime(text, format=fmt, errors="coerce", utc=True).dt.tz_localize(None)
    else:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
    parsed = parsed.to_numpy(dtype="datetime64[us]", copy=True)
    parsed[text.str.fullmatch(r"[+-]?\d+(?:[.,]\d*)?").to_numpy(dtype=bool)] = np.datetime64("NaT")
    return parsed


def _date_flags(fmt, read_both_ways):
    if fmt in DAY_FIRST.values():
        return frozenset({"day first"})
    return frozenset({"both ways"}) if read_both_ways else frozenset()


def _other_reading(filled):
    """(format, dates) for a column no common format reads: guessed formats, quarters or ISO weeks; else None."""
    sample = _date_sample(filled)
    if sample is None:
        return None
    best = None
    for fmt in _guessed_formats(sample):
        parsed = _parse_dates(sample, fmt)
        share = np.count_nonzero(~np.isnat(parsed)) / sample.size
        if share >= DATE_SHARE and (best is None or share > best[1]):
            best = fmt, share
    if best is not None:
        return best[0], _parse_dates(filled, best[0])
    for fmt, reader in (("quarter", _quarters), ("ISO week", _iso_weeks)):
        if np.count_nonzero(~np.isnat(reader(sample))) >= DATE_SHARE * sample.size:
            return fmt, reader(filled)
    return None


def _guessed_formats(sample):
    """Formats pandas guesses from the first cells, month-first guesses before day-first ones."""
    guessed = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for dayfirst in (False, True):
            for cell in sample[:_GUESS_CELLS]:
                fmt = guess_datetime_format(str(cell), dayfirst=dayfirst)
                if fmt and fmt not in guessed:
                    guessed.append(fmt)
    return guessed


def _quarters(cells):
    """ "1959 Q1", "1959-Q1", "Q1 1959" as the first day of the quarter; NaT for other cells."""
    parts = pd.Series(cells, dtype="str").str.extract(_QUARTER)
    year = parts["y1"].fillna(parts["y2"])
    quarter = parts["q1"].fillna(parts["q2"])
    month = (pd.to_numeric(quarter) * 3 - 2).astype("Int64").astype(str).str.zfill(2)
    return _parse_dates((year + "-" + month + "-01").fillna("").to_numpy(dtype=object), "%Y-%m-%d")


def _iso_weeks(cells):
    """ "2024-W05" and "2024-W05-3" as dates (the week's Monday when no day is given); NaT for other cells."""
    parts = pd.Series(cells, dtype="str").str.extract(_ISO_WEEK)
    text = parts["year"] + "-W" + parts["week"] + "-" + parts["day"].fillna("1")
    return _parse_dates(text.fillna("").to_numpy(dtype=object), "%G-W%V-%u")
