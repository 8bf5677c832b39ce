"""Numbers as a reader writes them: plain decimals and words, never e-notation or powers of ten.

Tiny numbers are written out in full ("0.00000001"); big ones use thousands
separators up to a million and then words ("2.5 million", "181 billion").
Money is written with its sign first ("€204", "$0.91": ``format_money``, and ``format_miss``
for a unit in ``CURRENCY_SIGNS``). Log-scale axes get ticks at whole powers of ten labelled the
same way. λ on the story track: in words with its number small (``lam_words``, ``lam_in_words``).
Also plain text: ordinals, and Markdown made literal (``markdown_safe``) or dropped (``unmarked``), cells a spreadsheet will not run
(``spreadsheet_safe``).
"""

import math

import numpy as np
from numpy.typing import ArrayLike

#: Below this size a number is shown as "almost 0" (twelve zeros after the point are the most we write).
SMALLEST_SHOWN = 1e-12
_BIG_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
#: From this size on, words stop helping ("a million trillion" is as far as we count).
_LARGEST_NAMED = 1e18


def _round_significant(value: float, digits: int) -> tuple[float, int]:
    """``value`` rounded to ``digits`` significant digits, and the power of ten of its leading digit."""
    exponent = math.floor(math.log10(abs(value)))
    rounded = round(value, digits - 1 - exponent)
    if rounded != 0 and abs(rounded) >= 10 ** (exponent + 1):  # 0.000999 rounds up to 0.001
        exponent += 1
    return rounded, exponent


def _decimal(value: float, digits: int) -> str:
    """A number of size under a million as plain digits: ``digits`` significant ones, commas, no trailing zeros."""
    rounded, exponent = _round_significant(value, digits)
    places = max(0, digits - 1 - exponent)
    text = f"{rounded:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plain_number(value: float, digits: int = 3) -> str:
    """``value`` with ``digits`` significant digits, in plain words and digits.

    Parameters
    ----------
    value : float
    digits : int, default=3
        Significant digits kept; whole numbers below a million keep all their digits.

    Returns
    -------
    str
        "0.00032", "12.3", "1,240", "2.5 million", "181 billion", "almost 0",
        "more than a million trillion", "∞", "not defined".
    """
    value = float(value)
    if math.isnan(value):
        return "not defined"
    sign = "–" if value < 0 else ""
    size = abs(value)
    if math.isinf(size):
        return sign + "∞"
    if size == 0:
        return "0"
    if size < SMALLEST_SHOWN:
        return "almost 0"
    if size >= _LARGEST_NAMED:
        return sign + "more than a million trillion"
    shown = float(f"{size:.{digits}g}")  # the size once rounded picks the word: 999.96 million is 1 billion
    for scale, word in _BIG_WORDS:
        if shown >= scale:
            return f"{sign}{_decimal(size / scale, digits)} {word}"
    if size >= 10 ** (digits - 1):
        return sign + f"{round(size):,}"
    return sign + _decimal(size, digits)


def format_lam(lam: float) -> str:
    """λ as the slider shows it: '0 (off)', '0.001', '0.00032', '0.00000001', '100'."""
    return "0 (off)" if lam == 0 else plain_number(lam, digits=2)


#: The penalty in words for the story track, by the smallest λ each phrase starts at (λ = 0: "no penalty").
LAM_WORDS = (
    (1.0, "a very strong penalty"),
    (1e-2, "a strong penalty"),
    (1e-4, "a medium penalty"),
    (1e-6, "a light penalty"),
    (0.0, "a very light penalty"),
)
#: The smallest λ the story track writes as a number: it has three zeros after the decimal point.
SMALLEST_STORY_LAM = 1e-4


def lam_words(lam: float) -> str:
    """λ named in words: 'no penalty', 'a very light penalty', …, 'a very strong penalty'."""
    if lam == 0:
        return "no penalty"
    return next(words for start, words in LAM_WORDS if lam >= start)


def lam_small_print(lam: float) -> str:
    """λ's number for the story track's small print: 'λ = 0', 'λ = 0.00032', 'λ under 0.0001'.

    A story reader never meets a number with more than three zeros after the decimal point.
    """
    if 0 < lam < SMALLEST_STORY_LAM:
        return f"λ under {plain_number(SMALLEST_STORY_LAM)}"
    return f"λ = {plain_number(lam, digits=2)}"


def lam_in_words(lam: float) -> str:
    """'a medium penalty (λ = 0.00032)': the words first, the number in brackets."""
    return f"{lam_words(lam)} ({lam_small_print(lam)})"


#: Units written before the number, as money is: "€204", "$0.91".
CURRENCY_SIGNS = ("€", "$", "£")


def format_money(amount: float, sign: str) -> str:
    """An amount of money as a reader writes it: '€204', '€1,240', '$0.91', '–€9,650'.

    Below 10 it keeps cents (two places, '$1.25'); from 10 on, whole units ('€56', '€1,240',
    '€20,400'); words only from a million on.
    """
    amount = float(amount)
    if not math.isfinite(amount):
        return plain_number(amount).replace("∞", sign + "∞")
    minus = "–" if amount < 0 else ""
    size = abs(amount)
    if size == 0:
        return f"{sign}0"
    if size < 0.005:
        return f"{minus}under {sign}0.01"
    digits = f"{size:,.2f}" if round(size, 2) < 10 else f"{round(size):,}" if size < 1e6 else plain_number(size)
    return f"{minus}{sign}{digits}"


def format_amount(value: float, unit: str = "") -> str:
    """A value in the data's own unit: '€204' for money, '312 visitors', '0.907' with no unit."""
    if unit in CURRENCY_SIGNS:
        return format_money(value, unit)
    return plain_number(value) + (f" {unit}" if unit else "")


def format_miss(miss: float, unit: str = "") -> str:
    """A typical miss (a root-mean-square error) in the data's own units: '±1,240 dollars', '±€204'."""
    text = plain_number(miss)
    if unit in CURRENCY_SIGNS:
        return "almost 0" if text == "almost 0" or 0 < miss < 0.005 else f"±{format_money(miss, unit)}"
    return ("almost 0" if text == "almost 0" else f"±{text}") + (f" {unit}" if unit else "")


def power_of_ten_label(exponent: float) -> str:
    """The label of the tick at 10^``exponent``: '0.001', '1', '1,000', '1 million', '10 billion'."""
    return plain_number(10.0 ** int(exponent), digits=1)


def _decade_ticks(low: float, high: float, max_ticks: int) -> list[int]:
    """Whole powers of ten covering [low, high], every k-th one so that at most ``max_ticks`` remain."""
    if not (np.isfinite(low) and np.isfinite(high) and 0 < low <= high):
        raise ValueError(f"a log axis needs 0 < low <= high, got {low!r} and {high!r}.")
    first, last = math.floor(math.log10(low) + 1e-9), math.ceil(math.log10(high) - 1e-9)
    step = max(1, math.ceil((last - first + 1) / max_ticks))
    last_tick = last + (-(last - first) % step)  # the top tick is a multiple of step above the first
    return list(range(first, last_tick + 1, step))


def log_axis_ticks(low: float, high: float, max_ticks: int = 8) -> tuple[list[float], list[str]]:
    """Ticks for a plotly ``type="log"`` axis showing values from ``low`` to ``high``.

    Returns
    -------
    tickvals : list of float
        Whole powers of ten (the axis's own values); for a range within about one decade, where
        fewer than two of those fall, 1, 2 and 5 (or 1 to 9) times a power of ten.
    ticktext : list of str
        Their plain labels: "0.01", "1", "1,000", "1 million"; "0.2", "0.5".
    """
    exponents = _decade_ticks(low, high, max_ticks)
    if sum(low <= 10.0**exponent <= high for exponent in exponents) < 2:  # within about one decade
        for multiples in ((1, 2, 5), range(1, 10)):
            values = [m * 10.0**e for e in range(exponents[0] - 1, exponents[-1] + 1) for m in multiples]
            values = [value for value in values if low <= value <= high]
            if len(values) >= 2:
                return values, [plain_number(value, digits=1) for value in values]
    return [10.0**exponent for exponent in exponents], [power_of_ten_label(exponent) for exponent in exponents]


def lam_axis_ticks(lams: ArrayLike, max_ticks: int = 7) -> tuple[list[float], list[str]]:
    """Ticks for a λ axis drawn at log10 λ, with λ = 0 one decade left of the smallest positive λ.

    Parameters
    ----------
    lams : array-like
        The λ grid shown, ascending, with at least one positive value.
    max_ticks : int, default=7
        At most this many ticks at positive λ.

    Returns
    -------
    tickvals : list of float
        Positions on the axis: log10 λ, and for λ = 0 (when ``lams`` holds it) log10 of the smallest positive λ − 1.
    ticktext : list of str
        "0" for λ = 0, then plain labels: "0.00000001", "0.001", "1", "100".
    """
    lams = np.asarray(lams, dtype=float)
    positive = lams[lams > 0]
    if positive.size == 0:
        raise ValueError("a λ axis needs at least one positive λ.")
    exponents = _decade_ticks(positive.min(), positive.max(), max_ticks)
    tickvals = [float(exponent) for exponent in exponents]
    ticktext = [power_of_ten_label(exponent) for exponent in exponents]
    if np.any(lams == 0):
        tickvals.insert(0, float(np.log10(positive.min())) - 1.0)
        ticktext.insert(0, "0")
    return tickvals, ticktext


def ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '11th', '22nd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~&$=:")


#: What a spreadsheet reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: object) -> str:
    """Text that a spreadsheet will not run as a formula: such cells get a leading apostrophe."""
    text = str(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_safe(text: object) -> str:
    """Text that Markdown shows literally: every punctuation mark that could mean something is escaped.

    For text from a stranger's file (column and file names) wherever Streamlit renders Markdown.
    """
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in str(text))


def unmarked(sentence: str) -> str:
    """A sentence written for Markdown, as plain text (the live texts are never rendered as Markdown)."""
    return sentence.replace("**", "")
