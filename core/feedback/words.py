"""The Sorting-feedback page in words: what the charts show at each λ, and what the model makes of a comment.

Sentences are plain text (the live texts are never rendered as Markdown), numbers in plain
digits (``plain_numbers``), λ named in words with its number small (``lam_in_words``). A sentence
about a chart that compares two models names them as the chart draws them (``charts.both``: the
reader's setting beside the sweet spot while λ is 0, else beside no penalty), each with its
palette role's word for its colour. A typed comment's words appear only in texts shown as plain text.
"""

import numpy as np
from scipy.special import expit

from ..models.logistic import NO_PENALTY_STAND_IN
from ..show.kit import ROLE_ZONE_WORDS
from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING, YOUR_PENALTY
from ..show.plain_numbers import lam_in_words, lam_words, plain_number
from ..verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE
from .charts import both
from .data import CATEGORIES
from .fit import (
    MAX_COMMENT_CHARS,
    MIN_COMMENTS,
    NO_KNOWN_WORDS,
    RARE_COUNT,
    UNSURE,
    rare_in_strongest,
    strongest,
    sureness,
    sweet_spot,
    words_carrying,
)

STRONGEST_SHOWN = 10
#: What the reader sees while the models are fitted.
WAIT_WORDS = "Teaching the model every penalty strength…"
WAIT_BOUNDARY = "Drawing the boundary for every penalty strength…"
#: The comment in the "Try your own comment" box before the reader types (edit it or replace it).
EXAMPLE_COMMENT = "Not bad at all, but the delivery took two weeks and nobody answered my emails."

INTRO = (
    "A shop receives hundreds of comments a week and wants them sorted: complaints to the support team, "
    "praise to the marketing team. A simple model learns this from comments someone already sorted, here "
    "1,628 comments on cafés, online shops and software, written the way customers write. It reads words "
    "and pairs of neighbouring words (*not bad* is not *bad*) and gives each a **weight**. In a comment each "
    "word **pushes** toward *complaint* or toward *praise* (further when the word is rare and the comment "
    "short), and the pushes add up to the model's guess.\n\n"
    "With no penalty the model will do anything to get every training comment right, and the easiest way is "
    "a huge push on a word or pair found in only two or three training comments, such as *not once* or a "
    "typo like *gorgous*: on its own, such a word makes the model all but certain. It then gets every "
    "training comment right, and on new comments it is very sure of itself even when it is wrong. **L2** "
    "charges for every large weight, so no single word can make the model all but certain: every push "
    "shrinks, and a sure answer needs several words that agree. The model is right about as often, and "
    "far less often sure of a wrong answer."
)

#: After the story: what to remember, and what to ask of a tool that sorts comments.
TAKEAWAY = (
    "**The takeaway.** With no penalty, a comment sorter lets a word or pair seen in two or three comments make "
    "it all but certain. L2 shrinks every push, so a sure answer needs several words that agree. The sorter is "
    "right about as often, and far less often sure of a wrong answer. If you buy a tool that sorts comments, ask "
    "how often it was wrong on comments it never saw, and how sure it was when it was wrong."
)
SWEET_SPOT_BUTTON = "Find the sweet spot for me"
SWEET_SPOT_HELP = "Moves λ to the value that cross-validation says sorts new comments best."
#: Above the line the model reads of a typed comment.
MODEL_READS = "The model reads:"
#: When the comment box is empty.
TYPE_A_COMMENT = "Type a comment above and press Ctrl+Enter (or click outside the box) to see how the model sorts it."


def comment_help():
    """The comment box's help."""
    return f"Anything up to {MAX_COMMENT_CHARS:,} characters. Nothing you type is stored or shared with anyone."


def boundary_intro(n_customers, degree):
    """In depth, above the decision boundary: the two signals, the customers and the lines, by their colours."""
    return (
        "Another shop predicts complaints from two numbers it already has: how much the order was worth and how "
        f"many days late it arrived. Each {TRAINING.word} cross is a customer who complained, each ring one who did "
        f"not ({n_customers} customers to learn from). The model may bend its boundary freely (every combination of "
        f"the two numbers up to power {degree}). The {YOUR_PENALTY.word} line is where it says “50 % chance of a "
        f"complaint” with your setting; beside it, the {SWEET_SPOT.word} line is the same at the sweet spot while "
        f"your penalty is 0, and the {NO_PENALTY.word} dotted line with no penalty once you add one. Drag λ and "
        "watch the boundary calm down from a shape that loops around single customers to a smooth curve."
    )


def boundary_code_intro(degree):
    """In depth, above the boundary's scikit-learn code."""
    return (
        "**The two signals.** The same penalty on the same kind of model, with the features of the other pages: "
        f"both numbers rescaled to [0, 1], every product of their powers up to degree {degree}, each standardized "
        "on the training customers:"
    )


_ADVICE = {
    MEMORIZING.key: (
        "The model lets words that happened to sit in two or three training comments decide on their own, and "
        "it is far too sure of itself on new ones. More penalty would make it steadier."
    ),
    ABOUT_RIGHT.key: "Checking on comments the model did not see, no other setting does clearly better.",
    TOO_SIMPLE.key: (
        "The penalty is so strong that even telling words barely count, and the model hedges on everything. "
        "Less penalty would do better, on training comments and on new ones."
    ),
}


def _with(lam):
    """ "With a light penalty (λ under 0.0001)": the story names λ in words, its number in small print."""
    return f"With {lam_in_words(lam)}"


def _who(path, setting):
    """A model a sentence names (a ``charts.Setting``): who it is, and its penalty in words ("" for no penalty).

    ('with your setting', 'no penalty (λ = 0)'), ('at the sweet spot', 'a light penalty (λ under 0.0001)'),
    ('with no penalty', '').
    """
    lam = lam_in_words(path.lams[setting.row])
    if setting.role == NO_PENALTY:
        return "with no penalty", ""
    if setting.role == YOUR_PENALTY:
        return "with your setting", lam
    if setting.row == sweet_spot(path).best:
        return "at the sweet spot", lam
    return "with the strongest penalty about as good as none", lam


def _at(path, setting, colour=True):
    """``_who`` as one phrase, with the colour the model is drawn in unless ``colour`` is False.

    'with your setting (orange), no penalty (λ = 0)', 'at the sweet spot (green), a light penalty (λ under
    0.0001)', 'with no penalty (pink)'.
    """
    who, penalty = _who(path, setting)
    word = f" ({setting.role.word})" if colour else ""
    return who + word + (f", {penalty}" if penalty else "")


def _capital(text):
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


_BOUNDARY_ADVICE = {
    MEMORIZING.key: "The boundary loops around single customers. More penalty would make it steadier.",
    ABOUT_RIGHT.key: "Checking on customers the model did not see, no other setting does clearly better.",
    TOO_SIMPLE.key: "The boundary is so stiff that it misses the real pattern. Less penalty would do better.",
}


def verdict_text(spot, index, advice=None):
    """'Verdict: memorizing (too wiggly). …' for the λ at ``index`` (advice on the word model unless given)."""
    verdict = spot.verdict(index)
    return f"Verdict: {verdict.label}. {(advice or _ADVICE)[verdict.key]}"


def boundary_verdict_text(spot, index):
    return verdict_text(spot, index, _BOUNDARY_ADVICE)


def _alone(model, push):
    """What one word's push does on its own, in sureness a reader can feel (from an undecided 50–50 start)."""
    toward = model.categories[1] if push > 0 else model.categories[0]
    sure = float(expit(abs(push)))
    if sure > 0.999:
        return f"makes the model all but certain (more than 99.9% sure) of {toward}"
    return f"would take the model from a 50–50 guess to {percent(sure)} sure of {toward}"


def _word_with_count(model, column):
    count = int(model.counts[column])
    return f"“{model.words[column]}” (in {count} training comment{'s' if count != 1 else ''})"


def _rare_clause(model, index):
    """'5 of its 10 strongest words appear in 3 training comments or fewer (“not once”, …)', or none of them."""
    rare = rare_in_strongest(model, index, STRONGEST_SHOWN)
    fewer = f"in {RARE_COUNT} training comments or fewer"
    if not rare:
        return f"none of its {STRONGEST_SHOWN} strongest words appears {fewer}"
    listed = ", ".join(f"“{word}”" for word in rare)
    verb = "appears" if len(rare) == 1 else "appear"
    return f"{len(rare)} of its {STRONGEST_SHOWN} strongest words {verb} {fewer} ({listed})"


def _hardest(model, row):
    """The strongest push at ``row`` told by what it does alone, and how rare the strongest words are."""
    top = strongest(model, row, 1)[0]
    return (
        f"the word that pushes hardest is {_word_with_count(model, top)}: on its own it "
        f"{_alone(model, model.pushes(row)[top])}, and {_rare_clause(model, row)}"
    )


def _largest_push(model, row):
    return float(np.abs(model.pushes(row)).max())


def _smaller(factor):
    """'3.6 times smaller than', or 'about as large as' for a factor under 1.05."""
    return "about as large as" if factor < 1.05 else f"{_times(factor)} smaller than"


def words_text(model, index):
    """The word chart read aloud: in both models it draws (``charts.both``), the strongest push and how rare the
    strongest words are; how much smaller the more penalized model's largest push is; how many words carry half."""
    path = model.path
    other, mine = both(path, index)
    sentences = [
        f"{_capital(_at(path, mine))}, {_hardest(model, index)}.",
        f"{_capital(_at(path, other))}, {_hardest(model, other.row)}.",
    ]
    if index == 0:
        factor = _largest_push(model, 0) / max(_largest_push(model, other.row), 1e-300)
        sentences.append(f"The largest push {_who(path, other)[0]} is {_smaller(factor)} yours.")
    else:
        factor = _largest_push(model, 0) / max(_largest_push(model, index), 1e-300)
        sentences.append(f"Your largest push is {_smaller(factor)} with no penalty.")
    sentences.append(
        f"With yours, half of all the push sits on {words_carrying(model, index):,} of the {model.words.size:,} "
        "words and pairs."
    )
    return " ".join(sentences)


def _times(factor):
    """'3.6 times' (one decimal below 10, whole numbers above; plain digits)."""
    return f"{factor:.1f} times" if factor < 10 else f"{plain_number(round(factor), 3)} times"


#: A mistake counts as "sure" when the model gave the wrong category more than this probability.
SURE_MISTAKE = 0.9


def new_comment_probabilities(model):
    """For every λ and held-out comment, the probability the model gave its right category: shape (L, m)."""
    label1 = model.path.predict_proba(model.features(model.comments.test_texts))
    return np.where(np.asarray(model.comments.test_labels) == 1, label1, 1.0 - label1)


def _mistakes(right):
    """(mistakes, of which sure mistakes) among held-out comments, from their probabilities of the right category."""
    wrong = right < 0.5
    return int(wrong.sum()), int((right[wrong] < 1.0 - SURE_MISTAKE).sum())


def _sure_mistakes(wrong, sure):
    """'58 of the 420 new comments wrong, and on 37 of those it was more than 90% sure ...' (after "It gets")."""
    if sure:
        return f", and on {sure:,} of those it was more than {SURE_MISTAKE:.0%} sure of the wrong answer."
    return f", none of them while more than {SURE_MISTAKE:.0%} sure."


def scores_text(model, index, right=None, new="new"):
    """Right answers, sure mistakes and the confidence in the right answer: with the reader's setting, then with
    the model the charts compare it with (``charts.both``: the sweet spot while λ is 0, else no penalty).

    ``right`` is ``new_comment_probabilities(model)`` (computed here when not given); ``new`` names the
    held-out comments ("new" for the shipped ones, "held-out" for a reader's). Shares of comments are
    told in whole numbers ("87 in 100").
    """
    path = model.path
    right = new_comment_probabilities(model) if right is None else right
    other, mine = both(path, index)
    wrong, sure = _mistakes(right[index])
    here = (
        f"{_capital(_at(path, mine, colour=False))}, the model sorts {in_100(path.train_accuracy[index])} of its "
        f"training comments right and {in_100(path.test_accuracy[index])} {new} ones. It gets {wrong:,} of "
        f"the {right.shape[1]:,} {new} comments wrong{_sure_mistakes(wrong, sure)} "
        f"Its confidence in the right answer averages {percent(np.exp(-path.test_log_loss[index]))}"
    )
    if sure and 2 * sure >= wrong:  # most mistakes are sure ones: that is what pulls the average down
        here += (
            ": every sure mistake gives the right answer a chance near zero, and such chances drag this kind of "
            "average down far more than the many right answers lift it."
        )
    else:
        here += "."
    if index == 0 and sure:
        here += " That is the price of trusting rare words: when it is wrong, it is often wrong with near certainty."
    wrong0, sure0 = _mistakes(right[other.row])
    return (
        here + f" {_capital(_at(path, other, colour=False))}, it sorts {in_100(path.train_accuracy[other.row])} of "
        f"its training comments right and {in_100(path.test_accuracy[other.row])} {new} ones, makes {sure0:,} of "
        f"its {wrong0:,} mistakes while more than {SURE_MISTAKE:.0%} sure, and its confidence in the right answer "
        f"averages {percent(np.exp(-path.test_log_loss[other.row]))}."
    )


def sweet_spot_text(path, spot, comments="training comments"):
    """Where cross-validation puts the sweet spot, and the band that is about as good."""
    return (
        f"Cross-validation (split the {comments} into 5 parts, learn from 4, check on the fifth, for each "
        f"part in turn) finds the most trustworthy model with {lam_in_words(path.lams[spot.best])}: the sweet "
        f"spot, drawn in {SWEET_SPOT.word} beside your setting while your penalty is 0. Every penalty from "
        f"{lam_words(path.lams[spot.low])} to {lam_words(path.lams[spot.high])} is about as good: the differences "
        "there are within the margin of error."
    )


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
PUSHES_NAMED = 6


def _pushes(model, reading, index):
    pushes = reading.pushes(model, index)
    order = np.argsort(-np.abs(pushes), kind="stable")
    toward = {True: [], False: []}
    for k in order:
        if pushes[k] != 0:
            signed = "about 0" if abs(pushes[k]) < 0.005 else f"{pushes[k]:+.2f}".replace("-", "−")
            toward[bool(pushes[k] > 0)].append(f"{model.words[reading.known[k]]} ({signed})")
    parts = []
    for side, name in ((True, model.categories[1]), (False, model.categories[0])):
        named = toward[side][:PUSHES_NAMED]
        if named:
            more = len(toward[side]) - len(named)
            parts.append(f"toward {name}: " + ", ".join(named) + (f" and {more} more" if more else ""))
    return "; ".join(parts) if parts else "no word it knows pushes either way"


def _verdict_on_comment(model, reading, setting):
    """What one model (a ``charts.Setting``) makes of the comment, and which words push it which way."""
    probability = float(reading.label1_probability[setting.row])
    return (
        f"{_capital(_at(model.path, setting))}: {guess_words(model, probability, reading.known.size)}. "
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


def boundary_text(model, index):
    """The decision-boundary chart read aloud at ``index``: the reader's line, then the one drawn beside it."""
    path = model.path
    other, mine = both(path, index)
    here = (
        f"{_capital(_at(path, mine))}, the boundary sorts {percent(path.train_accuracy[index])} of the "
        f"{model.y_train.size} customers it learned from right, and {percent(path.test_accuracy[index])} of "
        f"{model.y_test.size} new customers."
    )
    probability = model.grid_probability[index]
    if probability.max() < 0.5 or probability.min() >= 0.5:
        answer = "will complain" if probability.min() >= 0.5 else "will not complain"
        here += (
            " The chance of a complaint stays on one side of 50 % everywhere on the chart, so there is no "
            f"boundary to draw: the model says every customer {answer}."
        )
    shape = "a smoother boundary" if other.row > index else "a boundary that twists around single customers"
    if index == 0:
        here += " It twists around single customers to get every one of them right."
    return here + (
        f" {_capital(_at(path, other))}: {percent(path.train_accuracy[other.row])} and "
        f"{percent(path.test_accuracy[other.row])}, from {shape}."
    )


def no_penalty_note():
    """What λ = 0 shows, in words that keep "0 means no penalty" true."""
    return (
        "About λ = 0 (no penalty): when some setting of the words' weights gets every training comment right, "
        "the weights never settle. Making all of them twice as big makes the model even surer of the same "
        "answers, so with no penalty they grow without end. The page therefore shows where they are heading: "
        "weights so big that the model is already all but certain about every training comment."
    )


def stand_in_note():
    """In depth: how λ = 0 is computed (a penalty far below the slider's smallest step)."""
    return (
        "**How λ = 0 is drawn.** Since the unpenalized weights grow without end, the λ = 0 row is fitted with "
        f"λ = {plain_number(NO_PENALTY_STAND_IN, 1)}, a penalty 100 times weaker than the slider's smallest step: "
        "its weights show where the unpenalized ones are heading, and it already sorts every training comment "
        "right with near certainty."
    )


#: Pairs that mean something else than their second word, as the shipped comments show.
PAIRS = ("not bad", "not worth", "not happy")


def _side(model, has):
    """ "all of them praise", "8 of them praise": the larger side among training comments ``has``."""
    labels = np.asarray(model.comments.train_labels)[has]
    n, n1 = int(has.sum()), int(labels.sum())
    most, name = (n1, model.categories[1]) if 2 * n1 > n else (n - n1, model.categories[0])
    plural = "complaints" if name == "complaint" else name  # "all of them complaints", "all of them praise"
    return f"all of them {plural}" if most == n else f"{most} of them {plural}"


def phrase_words_note(model):
    """Why the model reads pairs: a pair and its second word point opposite ways (counts from the training comments)."""
    X = model.features(model.comments.train_texts).tocsc()
    parts = []
    for pair in PAIRS:
        word = pair.split(" ")[-1]
        described = []
        for term in (pair, word):
            column = model.vectorizer.vocabulary_[term]
            has = np.zeros(X.shape[0], dtype=bool)
            has[X.indices[X.indptr[column] : X.indptr[column + 1]]] = True
            described.append(f"“{term}” is in {int(has.sum())} training comments, {_side(model, has)}")
        parts.append(" while ".join(described))
    return (
        "Reading pairs of words is what lets the model tell “not bad” from “bad”: "
        + "; ".join(parts)
        + ". Each pair is a column of its own, with its own weight."
    )


WORDS_CAPTION = (
    "The ten words and pairs that push hardest in each of two models: how far each moves the guess in a typical "
    "comment that contains it. Bars to the right push toward complaint, bars to the left toward praise. Right, in "
    f"{YOUR_PENALTY.word}: your setting. Left, for comparison: the sweet spot in {SWEET_SPOT.word} while your "
    f"penalty is 0, and no penalty in {NO_PENALTY.word} once you add one. Both sides use the same scale, so you see "
    "the pushes shrink; each bar shows its push."
)
THEIR_WORDS_CAPTION = (
    "The ten words and pairs of your comments that push hardest: your setting on the right, in "
    f"{YOUR_PENALTY.word}; on the left the sweet spot for your comments ({SWEET_SPOT.word}) while your penalty is "
    f"0, or no penalty ({NO_PENALTY.word}) once you add one, as in the chart of the shipped comments above."
)
COMMENT_CAPTION = (
    "Each word and pair of your comment that the model knows, and how far it pushes this comment: with your "
    f"setting in {YOUR_PENALTY.word}, beside the sweet spot in {SWEET_SPOT.word} while your penalty is 0, or no "
    f"penalty in {NO_PENALTY.word} once you add one."
)


def scores_caption(n_train, n_new, new="new comments"):
    """Above the right-answers chart: what its lines, zones and star are (``new`` names the held-out comments)."""
    memorizing, about_right, too_simple = ROLE_ZONE_WORDS
    return (
        f"Solid lines: the share of comments sorted right, among the {n_train:,} training comments "
        f"({TRAINING.word}) and {n_new:,} {new} the model never saw ({NEW_DATA.word}). Dotted and dashed lines: the "
        f"model's confidence in the right answer (the probability it gave the right category), on average: on the "
        f"{new} ({NEW_DATA.word} dots) and on training comments left out in turn ({TRAINING.word} dashes). A "
        "mistake made with near certainty gives the right answer a chance near zero and pulls this average far "
        "down, so a model can be right most of the time and still score low here. The shaded zones: memorizing "
        f"({memorizing}), about right ({about_right}, the band about as good as the best) and too simple "
        f"({too_simple}); the {SWEET_SPOT.word} star is the sweet spot."
    )


def rare_words_note():
    return (
        f"Hatched bars are words found in {RARE_COUNT} training comments or fewer; the number in brackets is how "
        f"many training comments contain the word. A word or pair becomes a column once {MIN_COMMENTS} training "
        "comments contain it."
    )


def _sklearn_C(lam, n):
    """scikit-learn's C for our λ (the stand-in penalty at λ = 0), as runnable Python."""
    fitted = lam if lam > 0 else NO_PENALTY_STAND_IN
    return f"1 / (2 * {n} * {float(fitted)!r})"


#: The vectorizer as the In depth code writes it (the same as ``fit.make_vectorizer``; a test checks).
VECTORIZER_CODE = f"TfidfVectorizer(ngram_range=(1, 2), min_df={MIN_COMMENTS}, sublinear_tf=True)"


def sklearn_words_code(lam, n):
    """scikit-learn lines that give the word model at ``lam`` (n training comments)."""
    return (
        "from sklearn.feature_extraction.text import TfidfVectorizer\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "\n"
        "from core.feedback.data import load_comments\n"
        "\n"
        "comments = load_comments()  # labels: 1 = complaint, 0 = praise\n"
        f"# C = 1/(2·n·λ) with n = {n} training comments"
        + (" (λ = 0 is fitted with the stand-in penalty)" if lam == 0 else "")
        + "\n"
        "model = make_pipeline(\n"
        f"    {VECTORIZER_CODE},\n"
        f'    LogisticRegression(C={_sklearn_C(lam, n)}, solver="newton-cg", tol=1e-12, max_iter=1_000),\n'
        ")\n"
        "model.fit(comments.train_texts, comments.train_labels)\n"
        "model.predict_proba(comments.test_texts)[:, 1]  # probability of a complaint"
    )


def sklearn_boundary_code(lam, n, degree):
    """scikit-learn lines that give the two-signal boundary at ``lam`` (n training customers)."""
    return (
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler\n"
        "\n"
        "from core.feedback.fit import boundary_model\n"
        "\n"
        "m = boundary_model()  # m.X_train: order value and days late; m.y_train: 1 = complained\n"
        "model = make_pipeline(\n"
        f"    MinMaxScaler(), PolynomialFeatures({degree}, include_bias=False), StandardScaler(),\n"
        f'    LogisticRegression(C={_sklearn_C(lam, n)}, solver="newton-cholesky", tol=1e-12, max_iter=10_000),\n'
        ")\n"
        "model.fit(m.X_train, m.y_train)"
    )


IN_DEPTH = (
    "**The comments.** 1,628 training comments on cafés, online shops and software or services, and 420 new "
    "comments written separately, on other businesses (restaurants, hotels, salons, repair shops, gyms, "
    "deliveries, banks) in other voices; all written for this app by hand and shipped with it "
    "(`core/feedback/comments_train.csv`, `comments_heldout.csv`). The new comments are never seen while the "
    "model learns: they are where its accuracy is measured.",
    "**The model.** Logistic regression on words and pairs of words: scikit-learn's "
    f"`{VECTORIZER_CODE}`, learned from the training comments only. Words are runs of two or more letters or "
    "digits in lower case, in any language that puts spaces between words, with no stop list; a word or pair "
    f"becomes a column when at least {MIN_COMMENTS} training comments contain it. Its value in a comment is "
    "(1 + log of its count) times its rarity (idf), and each comment's row is scaled to length 1. A comment's "
    "score is z = b + Σⱼ wⱼ·xⱼ and the probability of a complaint is 1/(1 + e^(−z)). A word's **push** in a "
    "comment is wⱼ·xⱼ, its share of the score; the charts of the strongest words show wⱼ times the word's mean "
    "value in the training comments that contain it (its push in a typical such comment).",
    "**The penalty, in the app's convention.** The weights minimize (1/n)·Σᵢ log-loss(yᵢ, zᵢ) + λ·Σⱼ wⱼ², "
    "the mean log-loss plus λ times the squared weights; the intercept b is not penalized. scikit-learn's "
    "`LogisticRegression` minimizes ½·‖w‖² + C·Σᵢ log-loss instead; dividing it by C·n gives ours with "
    "λ = 1/(2·C·n), so **C = 1/(2·n·λ)**. In scikit-learn 1.8 and later the L2 penalty is the default "
    '(`l1_ratio=0`); the old `penalty="l2"` argument is deprecated and is left out.',
    "**Log-loss in words.** The log-loss of one comment is −log(probability given to its right category). "
    "The charts show exp(−mean log-loss), the geometric mean of the probability given to the right category: "
    "one confident mistake (a probability near 0 for the right answer) pulls it down far more than a timid "
    "one, which is why the model with no penalty scores badly on it even when it gets most comments right.",
    "**Cross-validation.** `StratifiedKFold(5, shuffle=True, random_state=0)` on the training comments, the "
    "word list learned from all of them, each fold fitted with the same C = 1/(2·n·λ), n = all training "
    'comments: the numbers are `cross_val_score(LogisticRegression(C=...), X, y, cv=..., scoring="neg_log_loss")`. '
    "The sweet spot is the lowest cross-validated log-loss; the band is every neighbouring λ within one standard "
    "error of it (the same rule as on every page).",
    "**Not sure.** A comment that shares no word or pair with the training comments gets no guess: its score "
    "would be the intercept alone, which only says how common complaints were. A probability within "
    "10 points of 50% is told as not sure, with the side it leans to.",
    "**How it is computed.** For each λ, Newton's method on the sparse matrix X: each step's equations are "
    "solved by conjugate gradients, which only multiply by X and its transpose, and the last step is solved "
    "to rounding error. The path runs from the strongest penalty to the weakest, each λ starting from a "
    "curve through the three previous solutions. Every λ's weights, for the model and for each of the "
    "5 folds, are computed once when the page first loads and kept; dragging λ only picks a row.",
)


def boundary_text_with_verdict(model, spot, index):
    """The decision-boundary chart read aloud at ``index``, then its verdict."""
    return boundary_text(model, index) + " " + boundary_verdict_text(spot, index)


# --- The reader's own comments (core.feedback.reviews): problems and notes, plain text naming no cell ---

PRAISE, COMPLAINT = CATEGORIES[0], CATEGORIES[1]
_PICK_LABEL = "Pick a star rating (numbers from 1 to 5) or a column with two values, such as complaint and praise."
NO_TEXT_COLUMN = (
    "No column of this file holds comments: every column holds numbers or dates, and comments are words (a "
    "review, a ticket, a message). Check that the comments were saved in the file, and upload it again."
)
NUMBERS_AS_COMMENTS = (
    "The column chosen for the comments holds numbers or dates, not words. Pick the column that holds the comments."
)
NO_LABEL_COLUMN = (
    "This file has only a column of comments. A second column is needed to learn from: a star rating (1 to 5) "
    "or a label with two values (such as complaint and praise, or yes and no). Add one and upload the file again."
)
DATES_AS_LABEL = "The column chosen as the label holds dates. " + _PICK_LABEL
COLUMN_GONE = "A chosen column is not in this file (was another file uploaded?). Pick the columns again."
SAME_COLUMN = "The comments and the label are the same column. Pick two different columns."
NO_SHARED_WORDS = (
    "No word appears in two of the comments the model learns from, so there is nothing it could learn. Check "
    "that the column chosen for the comments holds them, written with spaces between the words."
)


def one_value_label(n_values):
    if n_values == 0:
        return "The column chosen as the label is empty. " + _PICK_LABEL
    return (
        "The column chosen as the label has the same value on every row, so there is nothing to tell apart. "
        + _PICK_LABEL
    )


def many_values_label(n_values):
    return f"The column chosen as the label has {n_values:,} different values. " + _PICK_LABEL


def too_few_labelled(n, need):
    return (
        f"Only {n:,} rows have both a comment and a label the model can use; at least {need} are needed, to "
        "learn from some and check on the others. Upload more comments, or pick another label column."
    )


def too_few_of_one(n, need):
    return (
        f"Only {n:,} of the labelled comments fall in one of the two categories; at least {need} of each are "
        "needed, so that every part of the cross-validation has some. Upload more comments of that kind, or "
        "pick another label column."
    )


def _count(n, noun, plural=None):
    """ "1 comment", "1,200 comments"."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def review_notes(n_rows, n_learn, n_held_out, n_cut, n_empty, n_unlabelled, n_middle, capped, n_only_sorted=0):
    """Plain sentences on how the reader's comments are used: learned from, held out, left out, cut."""
    notes = [
        f"{_count(n_rows, 'row')}: the model learns from {n_learn:,} labelled comments and is checked on "
        f"{n_held_out:,} others it never sees while it learns (picked at random, the same way every time)."
    ]
    if capped:
        notes.append(
            f"It learns from at most {n_learn:,} comments so that the charts come within seconds; the other "
            "labelled comments are used to check it."
        )
    if n_only_sorted:
        notes.append(
            f"{_count(n_only_sorted, 'other labelled comment')} {'is' if n_only_sorted == 1 else 'are'} not needed "
            f"to check it ({n_held_out:,} tell its accuracy to within a point or so), and sorted in the download."
        )
    if n_middle:
        notes.append(
            f"{_count(n_middle, 'comment')} rated 3 stars (between a complaint, 1 or 2 stars, and praise, 4 or 5) "
            f"{'is' if n_middle == 1 else 'are'} left out of learning and checking, and sorted in the download."
        )
    if n_unlabelled:
        notes.append(
            f"{_count(n_unlabelled, 'comment')} {'has' if n_unlabelled == 1 else 'have'} no label: the model does "
            "not learn from them, but sorts them in the download."
        )
    if n_empty:
        notes.append(
            f"{_count(n_empty, 'row')} {'has' if n_empty == 1 else 'have'} no comment; the download marks "
            f"{'it' if n_empty == 1 else 'them'} not sure."
        )
    if n_cut:
        notes.append(
            f"{_count(n_cut, 'comment')} {'is' if n_cut == 1 else 'are'} longer than {MAX_COMMENT_CHARS:,} "
            f"characters: only the first {MAX_COMMENT_CHARS:,} characters are read."
        )
    return notes


# --- The reader's own comments on the page ---

UPLOAD_TITLE = "Sort your own comments"
UPLOAD_INTRO = (
    "Bring your own comments: a review export (Google, Trustpilot, an app store, your shop), support tickets, "
    "survey answers. The file needs a column of comments and a column that sorts them: a star rating from 1 to "
    "5 (1 or 2 stars count as a complaint, 4 or 5 as praise, 3 is left out) or any column with two values, "
    "such as complaint and praise, or yes and no. The model learns from some of your comments, is checked on "
    "others it never saw, and then sorts every row of your file, with how sure it is; you can download them "
    "all. Any language with spaces between its words works."
)


def upload_label(limit_bytes):
    return (
        f"Upload your comments: a CSV file (.csv, .tsv or .txt) or a workbook (.xlsx or .ods), up to "
        f"{limit_bytes // 2**20} MB"
    )


NO_UPLOAD_YET = (
    "No file yet. Your file stays on this server for your session only and is never shared with anyone else. "
    "A shared link cannot carry the file itself."
)
SHEET_LABEL = "Sheet of the workbook"
TEXT_COLUMN_LABEL = "Column of comments"
LABEL_COLUMN_LABEL = "Column that sorts them (stars, or two values)"
LABEL_COLUMN_HELP = "A star rating from 1 to 5, or any column with exactly two values (like complaint and praise)."
PREVIOUS_CHOICE_KEPT = "The previous choice is kept."
THEIR_HELD_OUT = "your held-out comments"
DRAWING = "Drawing the charts…"
THEIR_SWEET_SPOT_BUTTON = "Find the sweet spot for my comments"
THEIR_SWEET_SPOT_HELP = "Moves λ to the value that cross-validation on your comments says sorts new ones best."
DOWNLOAD_LABEL = "Download every comment, sorted (CSV)"
DOWNLOAD_HELP = (
    "Every row of your file with what the model says at the λ you chose: the category it leans to, how sure it "
    "is, and 'not sure' where it cannot tell."
)


def learning(done, total):
    """The progress bar's words while the model learns from the reader's comments."""
    return f"Learning from your comments: {done:,} of {total:,} fits (every penalty strength, and each check)…"


def file_line(name, n_rows):
    """ "File: reviews.csv (1,200 rows)": shown as plain text (the file's name is the reader's)."""
    return f"File: {name} ({n_rows:,} row{'s' if n_rows != 1 else ''})"


def their_sweet_spot_text(path, spot):
    return sweet_spot_text(path, spot, comments="comments it learns from")


def mistakes_caption(total, shown, m, lam):
    """Above the table of the held-out comments the model gets wrong at ``lam``."""
    if total == 0:
        return f"{_with(lam)} the model sorts all {m:,} of your held-out comments right."
    more = f"; the {shown:,} it was surest about are listed" if shown < total else ", listed surest first"
    return (
        f"{_with(lam)} the model sorts {total:,} of your {m:,} held-out comments the other way from your label"
        f"{more}. Some are its mistakes; some are comments whose words say one thing and whose label another."
    )
