"""What the model makes of one comment, in words: the "Try your own comment" box, and each row of a download.

The box's example, help and notes; a typed comment read aloud with the reader's setting and with the model
its chart compares it with (``charts.both``), with the words that push it which way; and the model's answer
about any comment ("complaint, 87% sure", "not sure: …"), which ``reviews`` also writes into the download of
the reader's own comments. A typed comment's words appear only in texts shown as plain text.
"""

import re

import numpy as np

from ..show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from .charts import both, comment_shown
from .fit import MAX_COMMENT_CHARS, NO_KNOWN_WORDS, UNSURE, sureness
from .phrases import capital, named, percent

#: The comment in the "Try your own comment" box before the reader types (edit it or replace it).
EXAMPLE_COMMENT = "Not bad at all, but the delivery took two weeks and nobody answered my emails."
#: Above the typed comment with the words the model knows in brackets.
MODEL_READS = "The words the model knows are in [brackets]; the others carry no weight."


def marked(model, text):
    """The comment as typed, each single word the model knows in [brackets] (plain text: never Markdown)."""
    vocabulary = model.vectorizer.vocabulary_
    pattern = re.compile(model.vectorizer.token_pattern)

    def mark(match):
        word = match.group(0)
        return f"[{word}]" if word.lower() in vocabulary else word

    return pattern.sub(mark, text)


#: When the comment box is empty.
TYPE_A_COMMENT = "Type a comment above and press Ctrl+Enter (or click outside the box) to see how the model sorts it."


def comment_help():
    """The comment box's help."""
    return f"Anything up to {MAX_COMMENT_CHARS:,} characters. Nothing you type is stored or shared with anyone."


def sure_words(probability):
    """How sure, in words: '87% sure', 'more than 99.9% sure'."""
    sure = max(probability, 1.0 - probability)
    return "more than 99.9% sure" if sure > 0.999 else f"{percent(sure)} sure"


def category(model, probability):
    """The category a probability of label 1 points to."""
    return model.categories[1] if probability >= 0.5 else model.categories[0]


#: What the model says about a comment with none of the words it learned (it does not guess).
NOT_SURE_NO_WORDS = "not sure: none of these words were in the comments it learned from"
#: The download's words for a row the model is not sure about, and why.
NOT_SURE = "not sure"
NOT_SURE_NEAR_EVEN = "not sure: near 50%"
NOT_SURE_NO_COMMENT = "not sure: no comment"


def guess_words(model, probability, n_known):
    """The model's answer in words: 'complaint, 87% sure', 'not sure (leans praise, 54%)', or ``NOT_SURE_NO_WORDS``."""
    kind = sureness(float(probability), n_known)
    if kind == NO_KNOWN_WORDS:
        return NOT_SURE_NO_WORDS
    if kind == UNSURE:
        return f"not sure (leans {category(model, probability)}, {percent(max(probability, 1 - probability))})"
    return f"{category(model, probability)}, {sure_words(probability)}"


#: Words named per side when a comment's pushes are told (the strongest first; the rest are counted).
PUSHES_NAMED = 4


def _pushes(model, reading, index):
    """The strongest pushes each way among the words the chart draws (``charts.comment_shown``)."""
    pushes = reading.pushes(model, index)
    drawn = comment_shown(model, reading)
    order = drawn[np.argsort(-np.abs(pushes[drawn]), kind="stable")]
    toward = {True: [], False: []}
    for k in order:
        if pushes[k] != 0:
            signed = "about 0" if abs(pushes[k]) < 0.005 else f"{pushes[k]:+.2f}".replace("-", "−")
            toward[bool(pushes[k] > 0)].append(f"{model.words[reading.known[k]]} ({signed})")
    parts = []
    for side, name in ((True, model.categories[1]), (False, model.categories[0])):
        told = toward[side][:PUSHES_NAMED]
        if told:
            more = len(toward[side]) - len(told)
            parts.append(f"toward {name}: " + ", ".join(told) + (f" and {more} more in the chart" if more else ""))
    return "; ".join(parts) if parts else "no word it knows pushes either way"


def _verdict_on_comment(model, reading, setting):
    """What one model (a ``charts.Setting``) makes of the comment, and which words push it which way."""
    probability = float(reading.label1_probability[setting.row])
    return (
        f"{capital(named(model.path, setting))}: {guess_words(model, probability, reading.known.size)}. "
        f"Words push {_pushes(model, reading, setting.row)}."
    )


def comment_text(model, reading, index):
    """What the model makes of a typed comment with the reader's setting and with the model its chart compares it
    with (``charts.both``); plain text: it holds the reader's words.

    With no word it knows, it says it is not sure and why, instead of offering its starting guess.
    """
    lines = []
    if reading.known.size == 0:
        lines.append(
            f"The model is {NOT_SURE_NO_WORDS}. Nothing pushes either way, so it does not guess: its only "
            "other clue would be how common each kind was among the training comments, and that says nothing "
            "about this comment."
        )
    else:
        other, mine = both(model.path, index)
        lines += [_verdict_on_comment(model, reading, mine), _verdict_on_comment(model, reading, other)]
    if reading.unknown:
        lines.append(
            "Never seen in two or more training comments, so they carry no weight: " + ", ".join(reading.unknown) + "."
        )
    return "\n".join(lines)


def cut_note():
    return (
        f"Only the first {MAX_COMMENT_CHARS:,} characters are read; the rest of your comment was left out. "
        "Nothing you type is stored or shared: it lives in this browser tab only."
    )


COMMENT_CAPTION = (
    "Each word and pair of your comment that the model knows, and how far it pushes this comment: with your "
    f"setting in {YOUR_PENALTY.word}, beside the sweet spot in {SWEET_SPOT.word} while your penalty is 0, or no "
    f"penalty in {NO_PENALTY.word} once you add one."
)


def comment_caption(model, reading):
    """``COMMENT_CAPTION``, or when the chart draws only some of the known words, how many of how many."""
    drawn, known = comment_shown(model, reading).size, reading.known.size
    if drawn == known:
        return COMMENT_CAPTION
    return (
        f"The {drawn} words and pairs of your comment that push hardest with no penalty, of the {known} the model "
        "knows, and how far each pushes this comment: with your "
        + COMMENT_CAPTION.split("pushes this comment: with your ", 1)[1]
    )
