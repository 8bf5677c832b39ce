"""What kind of file the bytes are, and turning text files into str.

The contents decide, never the file's name: a workbook renamed .csv is still a workbook.
"""

import codecs
import re

from charset_normalizer import from_bytes

from .legacy import choose_legacy
from .words import DataProblem

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel .xls (and password-protected workbooks)
_BINARY = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF-", b"\x1f\x8b")
_ENCODING_SAMPLE = 1 << 16


def file_kind(data):
    """ "zip" (a workbook, or another zip archive), "xls", or "text"; binary files are refused."""
    if data.startswith(_ZIP):
        return "zip"
    if data.startswith(_OLE):
        return "xls"
    if data.startswith(_BINARY):
        raise_binary()
    return "text"


def check_not_empty(data):
    if not data.strip():
        raise_empty()


def raise_empty():
    raise DataProblem(
        "The file is empty. Upload a CSV file with column names on the first line "
        "and one row of values on each line below."
    )


def raise_binary():
    raise DataProblem(
        "This file does not contain text (it looks like an image or other binary file), so it "
        "cannot be read as a table. Upload a CSV file or an Excel workbook (.xlsx): in your "
        "spreadsheet program use Save As (or Download) and choose CSV or Excel."
    )


def decode(data):
    """Return the text of ``data`` and notes on its encoding.

    UTF-8 (with or without a byte order mark) and UTF-16 are read as they are. Anything
    else is read with the Latin code page its bytes point to (Windows-1252, Windows-1250 or
    Latin-1: see :mod:`.legacy`), or, for other scripts, with the encoding charset-normalizer
    finds least garbled. A note says so when the readings differed and the choice was a guess.
    """
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
    return _decode_legacy(data)


def _decode_legacy(data):
    sample = data[:_ENCODING_SAMPLE]
    encoding, guessed, name = choose_legacy(sample)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # the sample read cleanly but a later byte does not
            text, guessed = data.decode(encoding, errors="replace"), True
        return text, [_guessed(name)] if guessed else []
    best = from_bytes(sample).best()
    encoding = best.encoding if best is not None else "latin-1"
    return data.decode(encoding, errors="replace"), [_guessed(None)]


def _guessed(name):
    how = f": read as {name}. If" if name else "; if"
    return (
        f"The file is not saved as UTF-8, so its letters were guessed{how} some look wrong, "
        "save the file as CSV UTF-8 and upload it again."
    )


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


def check_text(text):
    """Refuse text that is empty or mostly control characters (a binary file)."""
    if not text.strip():
        raise_empty()
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise_binary()


def unify_line_ends(text):
    """Text with CR-only line ends (Excel for Mac) gets LF line ends; other text is returned as it is."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text
