"""The Sorting-feedback story in words: the page's text, and what each chart shows at every λ.

The introduction and the takeaway, the captions, the verdict, and every chart of the shipped comments read
aloud at each λ step (the words the model trusts, its right answers and sure mistakes, the sweet spot, the
two-signal boundary). Sentences are plain text (the live texts are never rendered as Markdown), numbers in
plain digits (``plain_numbers``), λ named in words with its number small (``lam_in_words``). A sentence
about a chart that compares two models names them as the chart draws them (``charts.both``, through
``phrases.named``), each with its palette role's word for its colour.

The rest of the story's words live beside this module, by job: ``comment_words`` (a typed comment and the
model's answer about one comment), ``upload_words`` (the reader's own file of comments) and
``method_words`` (In depth: the formulas, how λ = 0 is drawn, why pairs of words, the scikit-learn code).
"""

import numpy as np
from scipy.special import expit

from ..show.compare import compared_with
from ..show.kit import ROLE_ZONE_WORDS
from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING, YOUR_PENALTY
from ..show.plain_numbers import lam_in_words, lam_words, plain_number
from ..verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE
from .charts import both
from .fit import MIN_COMMENTS, RARE_COUNT, rare_in_strongest, strongest, words_carrying
from .phrases import capital, in_100, named, percent, who_and_penalty

#: The strongest words a sentence counts the rare ones among (the words chart draws as many).
STRONGEST_SHOWN = 10
#: What the reader sees while the models are fitted.
WAIT_WORDS = "Teaching the model every penalty strength…"
WAIT_BOUNDARY = "Drawing the boundary for every penalty strength…"

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
    "charges for every large weight, so every push shrinks."
)


def intro(model, spot):
    """The page's introduction, its last sentences read from the shipped model at the sweet spot: how much the
    largest push shrinks, whether one rare word still settles it, and that rare words can still lead."""
    best = spot.best
    factor = _largest_push(model, 0) / max(_largest_push(model, best), 1e-300)
    top = strongest(model, best, 1)[0]
    alone = float(expit(abs(model.pushes(best)[top])))
    settled = (
        "one rare word no longer makes the model all but certain"
        if alone <= 0.999
        else "yet one word can still make the model all but certain"
    )
    rare = rare_in_strongest(model, best, STRONGEST_SHOWN)
    lead = (
        f" Rare words can still lead the list ({len(rare)} of the {STRONGEST_SHOWN} strongest at the sweet spot): "
        "L2 makes them weaker, it does not remove them."
        if rare
        else ""
    )
    return (
        f"{INTRO} At the sweet spot the largest push is about {_times(factor)} smaller, and {settled}.{lead} A sure "
        "answer now needs several words that agree, and the model is far less often sure of a wrong answer."
    )


#: After the story: what to remember, and what to ask of a tool that sorts comments.
TAKEAWAY = (
    "**The takeaway.** With no penalty, a comment sorter lets a word or pair seen in two or three comments make "
    "it all but certain. L2 shrinks every push, rare words' too (they can still lead, only weaker), so a sure "
    "answer needs several words that agree. The sorter is right about as often, and far less often sure of a "
    "wrong answer. If you buy a tool that sorts comments, ask "
    "how often it was wrong on comments it never saw, and how sure it was when it was wrong."
)
SWEET_SPOT_BUTTON = "Find the sweet spot for me"
SWEET_SPOT_HELP = "Moves λ to the value that cross-validation says sorts new comments best."


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
        f"{capital(named(path, mine))}, {_hardest(model, index)}.",
        f"{capital(named(path, other))}, {_hardest(model, other.row)}.",
    ]
    if index == 0:
        factor = _largest_push(model, 0) / max(_largest_push(model, other.row), 1e-300)
        sentences.append(f"The largest push {who_and_penalty(path, other)[0]} is {_smaller(factor)} yours.")
    else:
        factor = _largest_push(model, 0) / max(_largest_push(model, index), 1e-300)
        sentences.append(f"Your largest push is {_smaller(factor)} with no penalty.")
    weaker = other.row if index == 0 else index  # the more penalized of the two
    if index != 0 or other.row > 0:
        rare = rare_in_strongest(model, weaker, STRONGEST_SHOWN)
        if rare:
            sentences.append(
                "The penalty shrinks rare words like every other word; it does not remove them, so they can still "
                "lead the list."
            )
    return " ".join(sentences)


def carrying_text(model, index):
    """In depth: on how many of all the words and pairs half of all the push sits, at ``index``."""
    return (
        f"With your setting, half of all the push sits on {words_carrying(model, index):,} of the "
        f"{model.words.size:,} words and pairs: add up the pushes from the largest down, and these carry half."
    )


def mistakes_text(model, index, right):
    """The story's plain count of mistakes on new comments, and the sure ones, in the two models drawn."""
    path = model.path
    other, mine = both(path, index)
    parts = []
    for setting in (mine, other):
        wrong, sure = _mistakes(right[setting.row])
        parts.append(
            f"{named(path, setting, colour=False)}, it gets {wrong:,} wrong and is more than {SURE_MISTAKE:.0%} "
            f"sure of {sure:,} of those"
        )
    return f"On {right.shape[1]:,} new comments, {parts[0]}; {parts[1]}."


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
        f"{capital(named(path, mine, colour=False))}, the model sorts {in_100(path.train_accuracy[index])} of its "
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
        here + f" {capital(named(path, other, colour=False))}, it sorts {in_100(path.train_accuracy[other.row])} of "
        f"its training comments right and {in_100(path.test_accuracy[other.row])} {new} ones, makes {sure0:,} of "
        f"its {wrong0:,} mistakes while more than {SURE_MISTAKE:.0%} sure, and its confidence in the right answer "
        f"averages {percent(np.exp(-path.test_log_loss[other.row]))}."
    )


def sweet_spot_text(path, spot, comments="training comments"):
    """Where cross-validation puts the sweet spot, what the charts draw beside the reader's λ = 0 (the sweet
    spot, or ``core.show.compare``'s stand-in when the sweet spot is no penalty itself), and the band that is
    about as good."""
    beside = compared_with(path.lams, 0, spot.best, spot.high)
    drawn = (
        f"drawn in {beside.role.word} beside your setting while your penalty is 0"
        if beside.is_sweet_spot
        else f"so beside your penalty of 0 the charts draw {beside.phrase}, in {beside.role.word}"
    )
    return (
        f"Cross-validation (split the {comments} into 5 parts, learn from 4, check on the fifth, for each "
        f"part in turn) finds the most trustworthy model with {lam_in_words(path.lams[spot.best])}: the sweet "
        f"spot, {drawn}. Every penalty from "
        f"{lam_words(path.lams[spot.low])} to {lam_words(path.lams[spot.high])} is about as good: the differences "
        "there are within the margin of error."
    )


def boundary_text(model, index):
    """The decision-boundary chart read aloud at ``index``: the reader's line, then the one drawn beside it."""
    path = model.path
    other, mine = both(path, index)
    here = (
        f"{capital(named(path, mine))}, the boundary sorts {percent(path.train_accuracy[index])} of the "
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
        f" {capital(named(path, other))}: {percent(path.train_accuracy[other.row])} and "
        f"{percent(path.test_accuracy[other.row])}, from {shape}."
    )


WORDS_CAPTION = (
    "The ten words and pairs that push hardest in each of two models: how far each moves the guess in a typical "
    "comment that contains it. Bars to the right push toward complaint, bars to the left toward praise. Right, in "
    f"{YOUR_PENALTY.word}: your setting. Left, for comparison: the sweet spot in {SWEET_SPOT.word} while your "
    f"penalty is 0, and no penalty in {NO_PENALTY.word} once you add one. Both sides use the same scale, so you see "
    "the pushes shrink; each bar shows its push."
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
        "many training comments contain the word."
    )


def known_words_note():
    """In depth: which words the model knows at all."""
    return (
        f"The model knows a word or pair once at least {MIN_COMMENTS} training comments contain it; rarer ones "
        "carry no weight at all."
    )


def boundary_text_with_verdict(model, spot, index):
    """The decision-boundary chart read aloud at ``index``, then its verdict."""
    return boundary_text(model, index) + " " + boundary_verdict_text(spot, index)
