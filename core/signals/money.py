"""Amounts in the unit of the column a table predicts, as a reader writes them.

Money in its unit ("€16,900", "−€7,720", "$0.69"), other units after the number ("12.3 points"),
and no unit for a reader's file (it has none we know). Three significant digits, cents below ten;
never e-notation, never "million": a big amount is written out ("€16,900,000").
"""

import math

from ..show.plain_numbers import plain_number

#: Units written before the number, as money is.
CURRENCIES = ("€", "$", "£")
#: Plotly's (d3's) format for the number axes of these charts: plain digits with commas, never "16.9k".
TICK_FORMAT = ",~r"
_WRITTEN_OUT_BELOW = 1e15
_MINUS = "−"


def _digits(size, money):
    """``size`` (≥ 0) as plain digits: three significant ones (cents below ten for money)."""
    if size == 0:
        return "0"
    if money and size < 10:
        return f"{size:,.2f}" if size >= 0.005 else None
    if size >= _WRITTEN_OUT_BELOW or size < 1e-3:
        return plain_number(size)
    rounded = float(f"{size:.3g}")
    if rounded >= 100:
        return f"{round(rounded):,}"
    return plain_number(rounded)


def amount(value, unit, signed=False):
    """``value`` in ``unit``: '€16,900', '−€7,720', '+$0.69' (``signed``), '12.3 points', 'less than $0.01'.

    Parameters
    ----------
    value : float
    unit : str
        A currency sign (``CURRENCIES``), a word such as "points", or "" for none.
    signed : bool, default=False
        Write "+" before a positive amount (a weight that raises the forecast).
    """
    value = float(value)
    if math.isnan(value):
        return "not defined"
    money = unit in CURRENCIES
    size = abs(value)
    digits = "∞" if math.isinf(size) else _digits(size, money)
    sign = _MINUS if value < 0 else ("+" if signed and value > 0 else "")
    if digits is None:  # money under half a cent, either way
        return f"less than {unit}0.01"
    if money:
        return f"{sign}{unit}{digits}"
    return f"{sign}{digits}" + (f" {unit}" if unit else "")


def spread(value, unit):
    """A typical miss or a jump, either way from the middle: '±€7,220', '±52.4 points'."""
    size = amount(abs(value), unit)
    return size if size.startswith("less") else "±" + size
