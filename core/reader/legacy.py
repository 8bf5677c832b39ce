"""Choosing the 8-bit encoding of a file that is neither UTF-8 nor UTF-16.

Spreadsheet programs on Windows write Windows-1252 in Western Europe and the Americas and
Windows-1250 in Central Europe; older systems write Latin-1 (ISO-8859-1). The three agree on
plain ASCII and differ only on a few bytes, and those bytes decide:

- 0x80-0x9F hold the euro sign (0x80), typographic quotes (0x91-0x94), dashes (0x96, 0x97)
  and a few letters in both Windows code pages, but invisible control characters in Latin-1:
  a file holding them is not Latin-1. A byte a code page leaves undefined rules that code page
  out. (With none of these bytes, Latin-1 reads exactly like Windows-1252.)
- The no-break space (0xA0, which French and Czech exports put inside amounts) is the same in
  all three.
- Between Windows-1252 and Windows-1250, first the numbers: the reading under which more cells
  parse as numbers wins (0xA3 is £ in one and Ł in the other). Then the letters: each reading's
  non-ASCII letters are scored against the letter frequencies of the languages written in that
  code page (è, à and ñ are common in French and Spanish; č, ě and ł in Czech and Polish), a
  symbol inside a word (Wroc³aw) or a small letter before a capital (żQué) counts against it.
- A file whose "letters" under every Latin reading are mostly accented letters (Cyrillic,
  Greek, Hebrew read as Windows-1252 look like that), or that no Latin code page reads, is left
  to charset-normalizer.

:func:`choose_legacy` returns the encoding and whether to tell the reader it was a guess: when
the readings differ and the choice is not the common Windows-1252 or the letters were close.
"""

import math
import re
import unicodedata

import numpy as np
import pandas as pd

from .decimal_mark import decimal_mark
from .numbers import numbers_from_text
from .separators import count_title_rows, excel_separator_line, sample_rows, sniff_separator
from .words import DataProblem

WESTERN, CENTRAL, LATIN_1 = "cp1252", "cp1250", "latin-1"
ENCODING_NAMES = {
    WESTERN: "Western European (Windows-1252)",
    CENTRAL: "Central European (Windows-1250)",
    LATIN_1: "Latin-1 (ISO-8859-1)",
}

# Letters beyond ASCII, with rough frequencies (per 100 letters of ordinary text) in each language a
# code page is used for. Only their ratios matter: they say which accented letters a language
# uses often, rarely, or never.
_WESTERN_LANGUAGES = {
    "French": "é1.9 è.3 à.5 ê.2 ç.09 ô.02 î.05 û.06 ù.06 â.05 ë.01 ï.005 œ.02 æ.001 ü.001 ÿ.0005",
    "Spanish": "á.5 é.4 í.7 ó.8 ú.17 ñ.3 ü.01",
    "Portuguese": "á.5 â.5 ã.7 à.07 ç.5 é.3 ê.45 í.13 ó.3 ô.6 õ.04 ú.2",
    "Italian": "à.6 è.3 é.06 ì.03 ò.1 ù.2 ó.005 í.002 î.002 ú.002",
    "Catalan": "à.5 ç.1 è.4 é.5 í.4 ï.05 ò.3 ó.5 ú.1 ü.02",
    "German": "ä.5 ö.3 ü.65 ß.3 é.005",
    "Dutch": "é.02 ë.02 ï.01 ó.005 ö.005 ü.005 è.005",
    "Danish and Norwegian": "æ.9 ø.9 å1.2 é.01",
    "Swedish": "å1.3 ä1.8 ö1.3 é.01",
    "Finnish": "ä3.6 ö.4 å.001 š.001 ž.001",
    "Icelandic": "á1.8 ð4.4 é.6 í1.6 ó1 ú.6 ý.9 þ1.5 æ.9 ö.8",
}
_CENTRAL_LANGUAGES = {
    "Czech": "á.87 č.46 ď.02 é.63 ě.82 í1.64 ň.08 ó.02 ř.38 š.69 ť.04 ú.05 ů.2 ý1 ž.72",
    "Slovak": "á2 ä.1 č.9 ď.07 é.6 í1.6 ĺ.01 ľ.4 ň.1 ó.2 ô.2 ŕ.005 š.6 ť.4 ú.7 ý1.6 ž.7",
    "Polish": "ą.99 ć.4 ę1.11 ł1.82 ń.2 ó.85 ś.66 ź.06 ż.83",
    "Hungarian": "á3.4 é4 í.6 ó1 ö1 ő.9 ú.3 ü.6 ű.1",
    "Slovenian": "č1.5 š1 ž.8",
    "Croatian": "č1.1 ć.9 đ.3 š1 ž.8",
    "Romanian": "ă4 â.6 î1.4 ş1.4 ţ1",
    "German": "ä.5 ö.3 ü.65 ß.3 é.005",
    "Albanian": "ç.3 ë8",
}
_UNLIKELY = math.log(1e-4)  # a letter the language does not use, a symbol inside a word, a capital after a small letter
_IN_WORD_MARKS = frozenset("’‘'·‐‑-")  # d’affaires, l·l, Jean‐Paul: punctuation that belongs inside words
_SURE = 6.0  # log-likelihood margin beyond which the letters settle the choice (no note)
_CENTRAL_PRIOR = 3.0  # Windows-1250 files are far rarer: its letters must be about 20 times likelier
_MOSTLY_ACCENTED = 0.5  # beyond this share of accented letters in the words that have any, the text is not Latin
_WORD = re.compile(r"\w+", re.UNICODE)


def _log_shares(table):
    shares = {}
    for language, spec in table.items():
        pairs = [(item[0], float(item[1:])) for item in spec.split()]
        total = sum(frequency for _, frequency in pairs)
        shares[language] = {letter: math.log(frequency / total) for letter, frequency in pairs}
    return shares


_LANGUAGES = {WESTERN: _log_shares(_WESTERN_LANGUAGES), CENTRAL: _log_shares(_CENTRAL_LANGUAGES)}


def choose_legacy(sample):
    """The encoding to read ``sample`` (the first bytes of the file) with, and whether it was a guess.

    Returns (encoding, guessed, name): ``encoding`` is None when no Latin code page fits (leave the
    file to a general detector); ``name`` is a plain name of the encoding for a note.
    """
    readings = {}
    for encoding in (WESTERN, CENTRAL):
        try:
            readings[encoding] = sample.decode(encoding)
        except UnicodeDecodeError:  # a byte this code page leaves undefined
            continue
    if not readings:
        return (LATIN_1, True, ENCODING_NAMES[LATIN_1]) if _latin_1_is_plausible(sample) else (None, True, None)
    if len(set(readings.values())) == 1 or len(readings) == 1:
        encoding = next(iter(readings))
        if _mostly_accented(readings[encoding]):
            return None, True, None
        return encoding, len(readings) == 1 and encoding != WESTERN, ENCODING_NAMES[encoding]
    if all(_mostly_accented(text) for text in readings.values()):
        return None, True, None
    numbers = {encoding: _numbers_read(text) for encoding, text in readings.items()}
    if numbers[WESTERN] != numbers[CENTRAL]:
        encoding = max(numbers, key=numbers.get)
        return encoding, encoding != WESTERN, ENCODING_NAMES[encoding]
    letters = {encoding: _letter_score(text, _LANGUAGES[encoding]) for encoding, text in readings.items()}
    margin = letters[CENTRAL] - letters[WESTERN]
    encoding = CENTRAL if margin > _CENTRAL_PRIOR else WESTERN
    return encoding, abs(margin) < _SURE or encoding != WESTERN, ENCODING_NAMES[encoding]


def _latin_1_is_plausible(sample):
    """Latin-1 reads every byte; it fits when the bytes 0x80-0x9F (control characters in it) are rare."""
    codes = np.frombuffer(sample, dtype=np.uint8)
    return np.count_nonzero((codes >= 0x80) & (codes < 0xA0)) <= 0.001 * codes.size + 1


def _mostly_accented(text):
    """Whether the words with accented letters are mostly accented letters (another script misread)."""
    accented = plain = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        for ch in word:
            if ch.isalpha():
                if ch.isascii():
                    plain += 1
                else:
                    accented += 1
    return accented > _MOSTLY_ACCENTED * (accented + plain)


def _numbers_read(text):
    """How many cells of the first rows parse as numbers when the text is split into columns."""
    try:
        text, separator = excel_separator_line(text)
        separator = separator or sniff_separator(text)
    except DataProblem:
        return 0
    rows = sample_rows(text, separator)
    body = rows[count_title_rows(rows) + 1 :]
    cells = [cell for row in body for cell in row]
    if not cells:
        return 0
    values = numbers_from_text(pd.Series(cells, dtype="str"), decimal_mark(body, separator)[0])[0]
    return int(np.count_nonzero(~np.isnan(values)))


def _letter_score(text, languages):
    """The log-likelihood of the text's accented letters under the language that explains them best."""
    totals = dict.fromkeys(languages, 0.0)
    penalty = 0.0
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch.isalpha():
            if (ch.isupper() and before.isalpha() and before.islower()) or (ch.islower() and after.isupper()):
                penalty += _UNLIKELY
            letter = ch.lower()
            for language, shares in languages.items():
                totals[language] += shares.get(letter, _UNLIKELY)
        elif before.isalpha() and after.isalpha() and ch not in _IN_WORD_MARKS and not _is_space(ch):
            penalty += _UNLIKELY
    return max(totals.values()) + penalty


def _is_space(ch):
    return unicodedata.category(ch) == "Zs"
