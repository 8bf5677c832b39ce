"""The small phrases every sentence of the Sorting-feedback story is built from.

How a share of comments is counted ("87 in 100", "87%", never a rounded-up "all" or "100%"), and how a model a
chart draws is named in a sentence (``named``): who it is, in its palette role's colour word, and its penalty
in words, the way ``charts.both`` draws it (the reader's setting beside the sweet spot while λ is 0, else
beside no penalty). ``words``, ``comment_words`` and ``upload_words`` use them, so the three say it alike.
"""

import numpy as np

from ..show.palette import NO_PENALTY, YOUR_PENALTY
from ..show.plain_numbers import lam_in_words


def who_and_penalty(path, setting):
    """A model a sentence names (a ``charts.Setting``): who it is, and its penalty in words ("" for no penalty).

    ('with your setting', 'no penalty (λ = 0)'), ('at the sweet spot', 'a light penalty (λ under 0.0001)'),
    ('with no penalty', '').
    """
    if setting.role == NO_PENALTY:
        return f"with {setting.phrase}", ""
    lam = lam_in_words(path.lams[setting.row])
    if setting.role == YOUR_PENALTY:
        return f"with {setting.phrase}", lam
    return f"at {setting.phrase}", lam


def named(path, setting, colour=True):
    """``who_and_penalty`` as one phrase, with the colour the model is drawn in unless ``colour`` is False.

    'with your setting (orange), no penalty (λ = 0)', 'at the sweet spot (green), a light penalty (λ under
    0.0001)', 'with no penalty (pink)'.
    """
    who, penalty = who_and_penalty(path, setting)
    word = f" ({setting.role.word})" if colour else ""
    return who + word + (f", {penalty}" if penalty else "")


def capital(text):
    """The text with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]


def in_100(share):
    """A share of comments as a reader counts them: 'all', '87 in 100', 'more than 99 in 100' (never a rounded-up all)."""
    share = float(share)
    if share == 1:
        return "all"
    if share > 0.99:
        return "more than 99 in 100"
    if share < 0.005:
        return "none" if share == 0 else "fewer than 1 in 100"
    return f"{round(100 * share)} in 100"


def percent(share):
    """A share as a whole percent: '87%' (with one decimal between 99 and 100, never a rounded-up 100%)."""
    value = 100 * float(share)
    if 99 <= value < 100:
        return f"{np.floor(value * 10) / 10:.1f}%"
    return f"{value:.0f}%"
