"""Reading a reader's own spreadsheet export into one x column and one y column.

People upload whatever their spreadsheet wrote: commas or semicolons, decimal
commas, thousands separators, currency and percent signs, UTF-16 from Excel,
Latin-1 from old systems, blank lines, repeated column names, and every way of
writing "no value". :func:`read_table` turns the uploaded bytes into a
:class:`Table` (numbers, dates and text, plus plain notes on how the file was
read); :func:`extract_xy` turns two chosen columns into the float arrays the
fitting code needs, counting the rows it had to leave out and why.

Only ``pandas.read_csv`` parses the text: nothing is evaluated or unpickled.
Every problem a reader can fix raises :class:`DataProblem`, whose message says
what is wrong and what to do without repeating the file's own text, so it can
be shown as it is. Notes do name columns (the reader's own words): show them
as plain text, not as markdown.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pandas as pd

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # matches server.maxUploadSize = 50 in .streamlit/config.toml
MIN_ROWS = 5

NUMERIC_SHARE = 0.8  # a column is numbers when this share of its filled cells are numbers
DATE_SHARE = 0.8  # ... and dates when this share of its filled cells are dates
MISSING_WORDS = frozenset({"", "na", "n/a", "#n/a", "nan", "null", "none", "-", "—", "–", "?"})
SEPARATORS = ("\t", ";", "|", ",")  # on a tie, the one less likely to appear inside a value wins
MAX_NAME_CHARS = 80

_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe (|)"}
_SNIFF_CHARS = 1 << 20
_SNIFF_ROWS = 100
_EVIDENCE_CELLS = 20_000
_DATE_SAMPLE = 200
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CURRENCY = "[$€£¥₹₩₽₺₪¢]"
_SPACES = "[ \u00a0\u202f\u2009'’]"  # thousands written as 1 200 (also no-break and thin spaces) or 1'200
_SPACE_GROUPED = rf"[+-]?\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:[.,]\d*)?"
_GROUPED = {".": r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?", ",": r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?"}
_DECIMAL_EVIDENCE = {
    ",": re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+,\d+|\d*,\d{1,2}|\d*,\d{4,}|0,\d+|\d{1,3}(?:\.\d{3}){2,})"),
    ".": re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+\.\d+|\d*\.\d{1,2}|\d*\.\d{4,}|0\.\d+|\d{1,3}(?:,\d{3}){2,})"),
}
_AMBIGUOUS = {",": re.compile(r"[+-]?[1-9]\d{0,2},\d{3}"), ".": re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")}
_NOT_IN_EVIDENCE = re.compile(r"[\s$€£¥₹₩₽₺₪¢%]")
_MAGIC = (
    (b"PK\x03\x04", "workbook"),
    (b"PK\x05\x06", "workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "workbook"),
    (b"\x89PNG", "binary"),
    (b"\xff\xd8\xff", "binary"),
    (b"GIF8", "binary"),
    (b"%PDF-", "binary"),
    (b"\x1f\x8b", "binary"),
)
# Tried in this order; month-first before day-first, so day-first wins only when
# it is the only consistent reading.
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
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %Y %H:%M",
)
_DAY_FIRST = {
    f: f.replace("%m", "#").replace("%d", "%m").replace("#", "%d")
    for f in DATE_FORMATS
    if f.startswith("%m/%d") or f.startswith("%m-%d")
}


class DataProblem(ValueError):
    """A problem with the reader's file, in plain words that say what is wrong and what to do."""


@dataclass(frozen=True)
class Table:
    """A parsed upload.

    Attributes
    ----------
    frame : pandas.DataFrame
        Numeric columns as float64, date columns as datetime64, other columns left as text.
    numeric_columns : list of str
        Columns usable as x or y (at least 2 finite values).
    date_columns : list of str
        Columns usable as x only (at least 2 dates).
    notes : list of str
        Plain sentences about how the file was read. They may name columns: show as plain text.
    n_rows : int
        Rows of data in the file (blank lines and skipped malformed rows not counted).
    unreadable : dict of str to numpy.ndarray
        For numeric and date columns that had them, a boolean mask of the cells that held
        something that could not be read as a number or date (they are NaN/NaT in ``frame``);
        other NaN cells were empty. Lets :func:`extract_xy` tell "missing" from "not a number".
    """

    frame: pd.DataFrame
    numeric_columns: list[str]
    date_columns: list[str]
    notes: list[str]
    n_rows: int
    unreadable: dict[str, np.ndarray] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class XY:
    """Two chosen columns as float arrays, rows with unusable values left out (file order kept).

    For a date column, x is the number of days since ``x_origin``, the earliest date used.
    ``dropped`` maps a reason ("missing", "not a number", "not a date", "infinite") to the
    number of rows left out for it; each left-out row is counted once.
    """

    x: np.ndarray
    y: np.ndarray
    x_name: str
    y_name: str
    x_is_date: bool
    x_origin: pd.Timestamp | None
    dropped: dict[str, int]
    n_rows: int


# --------------------------------------------------------------------------- read_table


def read_table(data: bytes, name: str = "") -> Table:
    """Read an uploaded .csv/.tsv/.txt file into a :class:`Table`.

    Parameters
    ----------
    data : bytes
        The file's contents.
    name : str, optional
        The file's name; not used to decide anything (the contents decide), kept for callers.

    Raises
    ------
    DataProblem
        If the file is too large, empty, not text, has one column, fewer than
        ``MIN_ROWS`` rows, or no two columns that can be plotted against each other.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be the file's bytes, got {type(data).__name__}.")
    _check_size(data)
    data = bytes(data)
    _check_not_empty(data)
    _check_magic(data)
    text, notes = _decode(data)
    _check_text(text)
    text, separator = _excel_separator_line(text)
    separator = separator or _sniff_separator(text)
    decimal, comma_numbers, decimal_notes = _decimal_mark(_sample_rows(text, separator)[1:], separator)
    header, header_text, body = _split_header(text, separator)
    has_header = not _all_numbers(header, decimal)
    if not has_header:
        header_text, body, header = None, text, [""] * len(header)
    raw, row_notes = _parse_body(body, separator, decimal, len(header), header_text)
    raw, header = _drop_empty_unnamed(raw, header)
    raw = _drop_empty_rows(raw)
    _check_row_count(len(raw))
    names, name_notes = _column_names(header, has_header)
    columns, column_notes = _convert_columns(raw, names, decimal)
    format_notes = _format_notes(separator, decimal, comma_numbers, columns)
    table = _build_table(
        columns, notes + format_notes + decimal_notes + name_notes + row_notes + column_notes, len(raw)
    )
    _check_usable(table)
    return table


def _check_row_count(n_rows):
    if n_rows == 0:
        raise DataProblem(
            "The file has column names but no rows of data below them. "
            f"Upload a file with at least {MIN_ROWS} rows of data under the names."
        )
    if n_rows < MIN_ROWS:
        raise DataProblem(
            f"The file has only {_count(n_rows, 'row')} of data; at least {MIN_ROWS} are needed "
            "to fit a curve and check it. Upload a file with more rows."
        )


def _check_size(data):
    if len(data) > MAX_UPLOAD_BYTES:
        raise DataProblem(
            f"The file is {len(data) / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB. "
            "Upload a smaller file, for example with only the two columns you need or fewer rows."
        )


def _check_not_empty(data):
    if not data.strip():
        _raise_empty()


def _raise_empty():
    raise DataProblem(
        "The file is empty. Upload a CSV file with column names on the first line "
        "and one row of values on each line below."
    )


def _check_magic(data):
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if kind == "workbook":
                raise DataProblem(
                    "This is a spreadsheet workbook or a zip archive, not a CSV text file, even if its "
                    "name ends in .csv. Open it in your spreadsheet program, save it as CSV "
                    "(File, Save As, CSV), and upload that file."
                )
            _raise_binary()


def _raise_binary():
    raise DataProblem(
        "This file does not contain text (it looks like an image or other binary file), so it "
        "cannot be read as a table. Upload a CSV file: in your spreadsheet program use "
        "Save As (or Download) and choose CSV."
    )


def _decode(data):
    """Return the text of ``data`` and notes on its encoding."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            pass
    encoding = _utf16_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace").lstrip("\ufeff"), ["Read as UTF-16 text."]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, [
        "The file is not UTF-8, so it was read as Western European (Windows-1252) text; "
        "if some letters look wrong, save the file as CSV UTF-8 and upload it again."
    ]


def _utf16_encoding(data):
    """'utf-16' (byte order mark) or 'utf-16-le'/'utf-16-be' (ASCII-like text without one), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if b"\x00" not in head or len(head) < 4:
        return None
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    if odd > 0.7 and even < 0.1:
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


def _check_text(text):
    if not text.strip():
        _raise_empty()
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        _raise_binary()


def _sample_rows(text, separator):
    """The first rows of ``text`` split on ``separator``, blank rows left out."""
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    if truncated and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    rows = []
    try:
        for row in islice(csv.reader(io.StringIO(sample), delimiter=separator), _SNIFF_ROWS + 1):
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error:  # e.g. a cell longer than the csv module's limit: judge by the rows before it
        truncated = True
    if truncated and len(rows) <= _SNIFF_ROWS:
        rows = rows[:-1] or rows
    return rows[:_SNIFF_ROWS]


def _sniff_separator(text):
    """The separator that splits the first rows most consistently into the header's columns."""
    best, best_score = None, None
    for rank, separator in enumerate(SEPARATORS):
        rows = _sample_rows(text, separator)
        if not rows or len(rows[0]) < 2:
            continue
        score = (*_consistency(rows), len(rows[0]), -rank)
        if best_score is None or score > best_score:
            best, best_score = separator, score
    if best is None:
        raise DataProblem(
            "Only one column was found. The file needs at least two columns (one for x, one for y), "
            "separated by commas, semicolons, tabs or | on every line. Check that it was saved as CSV; "
            "if there is a title line above the column names, delete it and upload again."
        )
    return best


def _consistency(rows):
    """Shares of data rows that fit the header's width (shorter or empty extras allowed), and that match it."""
    width, data = len(rows[0]), rows[1:]
    if not data:
        return 1.0, 1.0
    fits = sum(len(row) <= width or not any(cell.strip() for cell in row[width:]) for row in data)
    exact = sum(len(row) == width for row in data)
    return fits / len(data), exact / len(data)


def _excel_separator_line(text):
    """Excel may start a file with a line like "sep=;": drop it and return the separator it names."""
    match = re.match(r"\s*sep=([,;\t|])[ \t]*\r?\n", text)
    if match is None:
        return text, None
    return text[match.end() :], match.group(1)


def _split_header(text, separator):
    """The first non-blank record's cells, its text, and the text after it.

    The csv module reads the record, so quoted line breaks inside names are respected.
    """
    text = re.sub(r"\A(?:[ \t]*\r?\n)+", "", text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    try:
        header = next(reader)
    except csv.Error:
        _raise_unclosed_quote()
    end = -1
    for _ in range(reader.line_num):
        end = text.find("\n", end + 1)
        if end < 0:
            return header, text, ""
    return header, text[:end], text[end + 1 :]


def _decimal_mark(data_rows, separator):
    """Decide whether numbers use a decimal comma or point, from the first rows' cells.

    Unambiguous cells ("1,5", "1.200,50", "0.25") decide; when only ambiguous ones
    like "1,200" appear, semicolon files are read with decimal commas, others with points.
    Returns the mark, whether cells with a decimal comma were seen, and notes.
    """
    cells = [cell for row in data_rows for cell in row][:_EVIDENCE_CELLS]
    cells = [_NOT_IN_EVIDENCE.sub("", cell) for cell in cells]
    votes = {mark: sum(bool(pattern.fullmatch(cell)) for cell in cells) for mark, pattern in _DECIMAL_EVIDENCE.items()}
    if votes[","] != votes["."]:
        decimal = "," if votes[","] > votes["."] else "."
        return decimal, decimal == "," and votes[","] > 0, []
    decimal = "," if separator == ";" else "."
    notes = []
    ambiguous = any(_AMBIGUOUS[decimal].fullmatch(cell) for cell in cells)
    if ambiguous:
        if decimal == ",":
            notes.append(
                "Numbers like 1,200 could mean 1.2 or 1200; they were read as 1.2 (decimal comma), "
                "as is usual in semicolon-separated files."
            )
        else:
            notes.append("Numbers like 1.200 could mean 1.2 or 1200; they were read as 1.2 (decimal point).")
    return decimal, decimal == "," and ambiguous, notes


def _all_numbers(cells, decimal):
    """True when every cell of a header row is a number: then the file has no header."""
    values, missing = _numbers_from_text(pd.Series(cells, dtype=object), decimal)[:2]
    return not missing.any() and bool(np.isfinite(values).all())


def _parse_body(body, separator, decimal, width, header_text):
    """The data rows as a frame of ``width`` columns; notes on rows that had to be skipped.

    The fast C parser reads clean numeric columns straight to numbers and leaves
    everything else as text (no NA guessing: ``na_filter=False``). Rows with more
    values than the header send the file to the slower Python parser, which drops
    empty extra values and skips rows whose extras hold something.
    """
    if not body.strip():
        return pd.DataFrame(index=pd.RangeIndex(0), columns=range(width), dtype=object), []
    options = dict(
        sep=separator,
        header=None,
        index_col=None,
        na_filter=False,
        keep_default_na=False,
        skip_blank_lines=True,
        decimal=decimal,
    )
    try:
        frame = pd.read_csv(io.StringIO(body), engine="c", low_memory=False, **options)
    except pd.errors.ParserError as error:
        if "EOF inside string" in str(error):
            _raise_unclosed_quote()
        frame = None
    if frame is not None and frame.shape[1] > width:
        extra = frame.iloc[:, width:]
        if all(_blank(extra[c]).all() for c in extra.columns):
            frame = frame.iloc[:, :width]
        else:
            frame = None
    if frame is None:
        return _parse_ragged(body, options, width, header_text)
    return _pad(frame, width), []


def _parse_ragged(body, options, width, header_text):
    """Python-parser fallback; the header line (if any) goes first so that it sets the width."""
    skipped = []

    def trim(row):
        if any(str(cell).strip() for cell in row[width:]):
            skipped.append(1)
            return None
        return row[:width]

    source = body if header_text is None else header_text + "\n" + body
    try:
        frame = pd.read_csv(io.StringIO(source), engine="python", dtype=str, on_bad_lines=trim, **options)
    except (pd.errors.ParserError, csv.Error):
        _raise_unclosed_quote()
    if header_text is not None:
        frame = frame.iloc[1:].reset_index(drop=True)
    notes = []
    if skipped:
        notes.append(
            f"{_count(len(skipped), 'row').capitalize()} had more values than there are column names "
            f"and {'was' if len(skipped) == 1 else 'were'} left out; a number or text with an unquoted "
            "separator inside (like 1,200 in a comma-separated file) often causes this."
        )
    return _pad(frame, width), notes


def _raise_unclosed_quote():
    raise DataProblem(
        'The file could not be split into rows and columns, probably because a quote mark (") '
        "is opened and never closed. Check the file in a text editor or export it again as CSV, "
        "then upload it again."
    )


def _pad(frame, width):
    frame = frame.copy() if frame.shape[1] < width else frame
    for position in range(frame.shape[1], width):
        frame[position] = ""
    return frame


def _blank(column):
    """Boolean Series: cells that are empty or whitespace (numbers never are)."""
    if column.dtype.kind in "fiub":
        return pd.Series(False, index=column.index)
    text = column.astype(str) if column.dtype == object else column
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)


def _column_names(header, has_header):
    """Cleaned, unique column names and notes on the renaming.

    White space inside a name becomes single spaces; names longer than
    ``MAX_NAME_CHARS`` are shortened; a missing name becomes "Column <position>".
    """
    names = [" ".join(cell.split()) for cell in header]
    notes = []
    if not has_header:
        notes.append(
            "The first line holds numbers, not column names, so it was read as data; "
            'the columns are called "Column 1", "Column 2" and so on.'
        )
    else:
        if any(len(name) > MAX_NAME_CHARS for name in names):
            notes.append(f"Column names longer than {MAX_NAME_CHARS} characters were shortened.")
        if "" in names:
            notes.append('Columns without a name are called by their position, like "Column 3".')
    names = [_short(name) or f"Column {i + 1}" for i, name in enumerate(names)]
    unique, renamed = _deduplicate(names)
    return unique, notes + _duplicate_notes(renamed)


def _short(name):
    return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "…"


def _deduplicate(names):
    """Repeated names get " (2)", " (3)", ...; return the names and {original: [shown names]}."""
    taken, seen, unique, renamed = set(names), set(), [], {}
    for name in names:
        shown = name
        if name in seen:
            k = 2
            while f"{name} ({k})" in taken:
                k += 1
            shown = f"{name} ({k})"
            taken.add(shown)
            renamed.setdefault(name, [name]).append(shown)
        seen.add(shown)
        unique.append(shown)
    return unique, renamed


def _duplicate_notes(renamed):
    if len(renamed) > 3:
        example = next(iter(renamed))
        return [
            f"{len(renamed)} column names were used more than once; the repeats are shown with a number, "
            f'like "{example} (2)".'
        ]
    notes = []
    for name, shown in renamed.items():
        if len(shown) == 2:
            notes.append(f'Two columns were both called "{name}"; the second is shown as "{shown[1]}".')
        else:
            notes.append(
                f'{_number_word(len(shown)).capitalize()} columns were all called "{name}"; '
                f"they are shown as {_name_list(shown)}."
            )
    return notes


def _drop_empty_unnamed(raw, header):
    """Drop columns with no name and no values (left by separators at the ends of lines)."""
    raw.columns = pd.RangeIndex(raw.shape[1])
    keep = [i for i in range(raw.shape[1]) if header[i].strip() or not _blank(raw[i]).all()]
    if len(keep) == raw.shape[1]:
        return raw, header
    raw = raw[keep]
    raw.columns = pd.RangeIndex(len(keep))
    return raw, [header[i] for i in keep]


def _drop_empty_rows(raw):
    """Leave out rows whose every cell is empty (lines of bare separators)."""
    if any(raw[c].dtype.kind in "fiub" for c in raw.columns) or raw.shape[1] == 0:
        return raw
    empty = np.ones(len(raw), dtype=bool)
    for c in raw.columns:
        empty &= _blank(raw[c]).to_numpy()
        if not empty.any():
            return raw
    return raw[~empty].reset_index(drop=True)


@dataclass
class _Column:
    name: str
    kind: str  # "number", "date" or "text"
    values: object
    unreadable: np.ndarray | None
    usable: bool
    flags: frozenset = frozenset()  # how it was read: "percent", "currency", "thousands", "day first", ...


def _convert_columns(raw, names, decimal):
    """Type every column; return the columns and notes on what was converted.

    Columns are handled in batches (all those the parser read as numbers at once,
    all text cells at once), so thousands of columns cost about as much as one long one.
    """
    columns = [None] * len(names)
    kinds = [dtype.kind for dtype in raw.dtypes]
    read_as_numbers = [i for i, kind in enumerate(kinds) if kind in "fiu"]
    block = np.ascontiguousarray(raw.iloc[:, read_as_numbers].to_numpy(dtype=np.float64).T)
    for i, values in zip(read_as_numbers, block):
        columns[i] = _Column(names[i], "number", values, None, _enough(values))
    for i in (i for i, kind in enumerate(kinds) if kind == "b"):
        columns[i] = _Column(names[i], "text", raw.iloc[:, i].astype(str).array, None, False)
    texts = [i for i, kind in enumerate(kinds) if kind not in "fiub"]
    if texts:
        original = raw.iloc[:, texts].to_numpy(dtype=object).T
        cells = _text_block(original)
        values, missing, flags = _numbers_in_block(cells, decimal)
        not_numbers = []
        for j, i in enumerate(texts):
            columns[i] = _number_column(names[i], values[j], missing[j], {f: m[j] for f, m in flags.items()})
            if columns[i] is None:
                not_numbers.append(j)
        found = _dates_in_block(cells[not_numbers], missing[not_numbers], [names[texts[j]] for j in not_numbers])
        for j, (dates, flags) in zip(not_numbers, found):
            i = texts[j]
            columns[i] = (
                _date_column(names[i], dates, missing[j], flags)
                if dates is not None
                else _Column(names[i], "text", original[j], None, False)
            )
    return columns, _column_notes(columns)


def _enough(values):
    """At least two finite numbers (or dates) to work with."""
    return int(np.count_nonzero(np.isfinite(values))) >= 2


def _text_block(original):
    """A (columns, rows) array of cells as stripped strings ("" for none)."""
    cells = original.copy()
    cells[pd.isna(cells)] = ""
    return _series(cells).str.strip().to_numpy(dtype=object).reshape(cells.shape)


def _number_column(name, values, missing, flags):
    """A number column when enough filled cells are numbers, else None."""
    unreadable = ~missing & np.isnan(values)
    filled = int(np.count_nonzero(~missing))
    if not filled or filled - np.count_nonzero(unreadable) < NUMERIC_SHARE * filled:
        return None
    used = {flag for flag, mask in flags.items() if mask.any()}
    return _Column(name, "number", values, unreadable if unreadable.any() else None, _enough(values), frozenset(used))


def _date_column(name, dates, missing, flags):
    unreadable = ~missing & np.isnat(dates)
    usable = int(np.count_nonzero(~np.isnat(dates))) >= 2
    return _Column(name, "date", dates, unreadable if unreadable.any() else None, usable, flags)


def _numbers_in_block(cells, decimal, head=1000):
    """Parse a (columns, rows) block of stripped strings as numbers.

    Long columns are first tried on their first ``head`` cells; those where fewer than
    half of the filled cells are numbers (dates, words) skip the slow cleaning.
    Returns values, missing and flags shaped like ``cells`` (see :func:`_numbers_from_text`).
    """
    k, n = cells.shape
    maybe = np.ones(k, dtype=bool)
    if n > head:
        values, missing, _ = _numbers_from_text(_series(cells[:, :head]), decimal)
        filled = (~missing).reshape(k, head).sum(axis=1)
        parsed = (~np.isnan(values)).reshape(k, head).sum(axis=1)
        maybe = (filled == 0) | (parsed >= 0.5 * filled)
    values = np.full((k, n), np.nan)
    missing = np.zeros((k, n), dtype=bool)
    flags = {}
    if maybe.any():
        v, m, f = _numbers_from_text(_series(cells[maybe]), decimal)
        values[maybe], missing[maybe] = v.reshape(-1, n), m.reshape(-1, n)
        for flag, mask in f.items():
            flags[flag] = np.zeros((k, n), dtype=bool)
            flags[flag][maybe] = mask.reshape(-1, n)
    if not maybe.all():
        missing[~maybe] = _missing(_series(cells[~maybe])).reshape(-1, n)
    return values, missing, flags


def _series(cells):
    return pd.Series(cells.ravel(), dtype="str")


def _missing(text):
    """Boolean array: cells that are empty or say "no value" (NA, n/a, null, -, ...)."""
    return text.fillna("").str.strip().str.lower().isin(MISSING_WORDS).to_numpy(dtype=bool)


def _numbers_from_text(text, decimal):
    """Parse a Series of strings as numbers.

    Returns
    -------
    values : numpy.ndarray
        float64; NaN where a cell is missing or not a number.
    missing : numpy.ndarray
        bool; cells that are empty or say "no value" (NA, n/a, null, -, ...).
    flags : dict of str to numpy.ndarray
        For "percent", "currency", "thousands" and "decimal comma": the cells that
        needed that clean-up and were then read as numbers.
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
    """Strip currency and percent signs and thousands separators; make the decimal mark a point."""
    cells = cells.str.replace("\u2212", "-", regex=False)
    flags = {"percent": cells.str.contains("%", regex=False).to_numpy(dtype=bool)}
    if flags["percent"].any():
        cells = cells.str.strip().str.strip("%")  # only a leading or trailing sign: 1%5 stays unreadable
    flags["currency"] = cells.str.contains(_CURRENCY, regex=True).to_numpy(dtype=bool)
    cells = cells.str.replace(_CURRENCY, "", regex=True).str.strip()
    spaced = cells.str.fullmatch(_SPACE_GROUPED).to_numpy(dtype=bool)
    if spaced.any():
        cells = cells.where(~spaced, cells.str.replace(_SPACES, "", regex=True))
    grouped = cells.str.fullmatch(_GROUPED[decimal]).to_numpy(dtype=bool)
    group_mark = "," if decimal == "." else "."
    cells = cells.where(~grouped, cells.str.replace(group_mark, "", regex=False))
    flags["thousands"] = spaced | grouped
    if decimal == ",":
        flags["decimal comma"] = cells.str.contains(",", regex=False).to_numpy(dtype=bool)
        cells = cells.str.replace(",", ".", regex=False)
    return cells, flags


def _dates_in_block(cells, missing, names):
    """Read each column of a (columns, rows) block of stripped strings as dates, if it is dates.

    Each column takes the format that reads most of a sample of its cells (the
    earlier format on a tie), checked on all its cells; when that one leaves cells
    unread, the next two are tried too. Work is batched across columns.
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
        if pick is not None and pick[0] in _DAY_FIRST and not np.isnat(pick[1]).any():
            groups.setdefault(pick[0], []).append(j)
    both = set()
    for fmt, group in groups.items():
        for j, parsed in zip(group, _parse_dates_split([filled[j] for j in group], _DAY_FIRST[fmt])):
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
    if fmt in _DAY_FIRST.values():
        return frozenset({"day first"})
    return frozenset({"both ways"}) if read_both_ways else frozenset()


_COLUMN_NOTES = {
    "percent": "Percent signs were dropped in {names}: 15% is read as 15, not 0.15.",
    "currency": "Currency signs were dropped in {names}.",
    "day first": "Dates in {names} were read day first (31/01/2024 is 31 January 2024).",
    "both ways": "Dates in {names} could be read day first or month first; they were read month first "
    "(01/02/2024 is January 2, 2024). If they are day first, write them as 2024-02-01 "
    "and upload again.",
}


def _column_notes(columns):
    """One note per way of reading that some columns needed, naming those columns."""
    notes = []
    for flag, sentence in _COLUMN_NOTES.items():
        names = [c.name for c in columns if flag in c.flags and c.kind in ("number", "date")]
        if names:
            notes.append(sentence.format(names=_name_list(names)))
    return notes


def _format_notes(separator, decimal, comma_numbers, columns):
    """How values were separated and how numbers were written."""
    numbers = [c for c in columns if c.kind == "number"]
    decimal_comma = decimal == "," and (comma_numbers or any("decimal comma" in c.flags for c in numbers))
    notes = [f"Read as {_SEPARATOR_NAMES[separator]}-separated{' with decimal commas' if decimal_comma else ''}."]
    if any("thousands" in c.flags for c in numbers):
        example = "1,200" if decimal == "." else "1.200"
        notes.append(f"Thousands separators were removed ({example} is read as 1200).")
    return notes


def _build_table(columns, notes, n_rows):
    frame = pd.DataFrame({c.name: c.values for c in columns}, index=pd.RangeIndex(n_rows))
    return Table(
        frame=frame,
        numeric_columns=[c.name for c in columns if c.kind == "number" and c.usable],
        date_columns=[c.name for c in columns if c.kind == "date" and c.usable],
        notes=notes,
        n_rows=n_rows,
        unreadable={c.name: c.unreadable for c in columns if c.unreadable is not None},
    )


def _check_usable(table):
    if not table.numeric_columns:
        raise DataProblem(
            "No column in this file has at least two numbers that can be used (empty cells, text and "
            "infinite values do not count). The y column needs numbers, and x needs numbers or dates. "
            "Check that the file holds your measurements and upload it again."
        )
    if len(table.numeric_columns) < 2 and not table.date_columns:
        raise DataProblem(
            "Only one column holds usable numbers, and no column holds dates. Two columns are needed: "
            "x (numbers or dates) and y (numbers). Add the second column and upload the file again."
        )


# --------------------------------------------------------------------------- choosing x and y


def default_columns(table: Table) -> tuple[str, str]:
    """The first usable pair: x is the first date column, else the first numeric column;
    y is the first numeric column that is not x.

    Raises
    ------
    DataProblem
        If the table has no usable pair.
    """
    x_options = list(table.date_columns) + list(table.numeric_columns)
    if not x_options:
        raise DataProblem(
            "This file has no column of numbers or dates to use. Upload a file with at least "
            "two columns of numbers, or one of dates and one of numbers."
        )
    x = x_options[0]
    y = next((c for c in table.numeric_columns if c != x), None)
    if y is None:
        raise DataProblem(
            "This file has no second column of numbers to use for y. Upload a file with at least "
            "two columns of numbers, or one of dates and one of numbers."
        )
    return x, y


def extract_xy(table: Table, x_name: str, y_name: str) -> XY:
    """The chosen columns as float arrays, leaving out rows where either is unusable.

    Rows keep the file's order. For a date column x is days (fractions allowed)
    since the earliest date among the rows used.

    Raises
    ------
    DataProblem
        If the columns are the same or cannot be used, fewer than ``MIN_ROWS`` rows
        remain, x does not vary, or the values are too extreme to compute with.
    """
    _check_choice(table, x_name, y_name)
    x_is_date = x_name in table.date_columns
    x_values, x_reason = _column_reasons(table, x_name, x_is_date)
    y_values, y_reason = _column_reasons(table, y_name, False)
    reasons = np.minimum(x_reason, y_reason)
    keep = reasons == _FINE
    counts = np.bincount(reasons, minlength=len(_REASONS) + 1)
    dropped = {reason: int(counts[code]) for code, reason in enumerate(_REASONS) if counts[code]}
    x, origin = _x_values(x_values[keep], x_is_date)
    y = np.ascontiguousarray(y_values[keep], dtype=np.float64)
    _check_rows(x, dropped)
    _check_range(x, "x")
    _check_range(y, "y")
    return XY(
        x=x,
        y=y,
        x_name=x_name,
        y_name=y_name,
        x_is_date=x_is_date,
        x_origin=origin,
        dropped=dropped,
        n_rows=table.n_rows,
    )


_REASONS = ("missing", "not a date", "not a number", "infinite")  # a row left out counts under the first that applies
_FINE = len(_REASONS)


def _check_choice(table, x_name, y_name):
    columns = set(table.frame.columns)
    if x_name not in columns or y_name not in columns:
        raise DataProblem(
            "A chosen column is not in this file (was another file uploaded?). "
            "Pick x and y again from the listed columns."
        )
    if x_name == y_name:
        raise DataProblem("x and y are the same column. Pick two different columns.")
    if x_name not in table.numeric_columns and x_name not in table.date_columns:
        raise DataProblem(
            "The column chosen for x does not hold usable numbers or dates. Pick a column of numbers or dates for x."
        )
    if y_name in table.date_columns:
        raise DataProblem(
            "The column chosen for y holds dates, but y must be numbers. "
            "Pick a column of numbers for y; dates can only be used for x."
        )
    if y_name not in table.numeric_columns:
        raise DataProblem("The column chosen for y does not hold usable numbers. Pick a column of numbers for y.")


def _column_reasons(table, name, is_date):
    """The column's values and, per row, the index in ``_REASONS`` of why it is unusable (``_FINE`` if not)."""
    column = table.frame[name]
    unreadable = table.unreadable.get(name)
    if unreadable is None:
        unreadable = np.zeros(len(column), dtype=bool)
    reason = np.full(len(column), _FINE, dtype=np.int8)
    if is_date:
        values = column.to_numpy()
        empty = np.isnat(values)
        reason[empty] = _REASONS.index("missing")
        reason[empty & unreadable] = _REASONS.index("not a date")
        return values, reason
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    reason[np.isinf(values)] = _REASONS.index("infinite")
    empty = np.isnan(values)
    reason[empty] = _REASONS.index("missing")
    reason[empty & unreadable] = _REASONS.index("not a number")
    return values, reason


def _x_values(values, is_date):
    if not is_date:
        return np.ascontiguousarray(values, dtype=np.float64), None
    if values.size == 0:
        return np.empty(0), None
    origin = values.min()
    days = (values - origin) / np.timedelta64(1, "D")
    return np.ascontiguousarray(days, dtype=np.float64), pd.Timestamp(origin)


def _check_rows(x, dropped):
    if x.size < MIN_ROWS:
        left_out = sum(dropped.values())
        detail = f" ({_count(left_out, 'row')} had to be left out)" if left_out else ""
        raise DataProblem(
            f"Only {_count(x.size, 'row')} {'has' if x.size == 1 else 'have'} usable values in both chosen "
            f"columns{detail}; at least {MIN_ROWS} are needed. Pick other columns, or fill in the missing "
            "values and upload the file again."
        )
    if x.min() == x.max():
        raise DataProblem(
            "Every usable row has the same x value, so there is no curve to fit. "
            "Pick a column for x whose values change from row to row."
        )


def _check_range(values, axis):
    with np.errstate(over="ignore", invalid="ignore"):
        ok = np.isfinite(values.max() - values.min()) and np.isfinite(values.mean()) and np.isfinite(values.std())
    if not ok:
        raise DataProblem(
            f"The numbers in the {axis} column are too extreme to compute with (their spread overflows "
            "the largest number a computer can hold). Remove the extreme values, or rescale the column "
            "(for example, write it in millions), and upload the file again."
        )


def dropped_sentence(xy: XY) -> str | None:
    """A plain sentence on the rows left out, or None when none were.

    Example: "12 rows with missing values and 3 rows with text where a number was
    expected were left out."
    """
    parts = []
    for reason in _REASONS:
        count = xy.dropped.get(reason, 0)
        if count:
            parts.append(_DROPPED_WORDS[reason][count == 1].format(count=f"{count:,}"))
    if not parts:
        return None
    verb = "was" if len(parts) == 1 and sum(xy.dropped.values()) == 1 else "were"
    return f"{_and_list(parts)} {verb} left out."


_DROPPED_WORDS = {
    "missing": ("{count} rows with missing values", "1 row with a missing value"),
    "not a number": (
        "{count} rows with text where a number was expected",
        "1 row with text where a number was expected",
    ),
    "not a date": ("{count} rows with text where a date was expected", "1 row with text where a date was expected"),
    "infinite": ("{count} rows with infinite values", "1 row with an infinite value"),
}


# --------------------------------------------------------------------------- words


def _count(n, noun):
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _and_list(parts):
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _name_list(names, limit=4):
    quoted = [f'"{name}"' for name in names]
    if len(quoted) > limit:
        return ", ".join(quoted[: limit - 1]) + f" and {len(quoted) - limit + 1} more"
    return _and_list(quoted)


def _number_word(n):
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)
