"""The Sorting-feedback story's data: customer comments, each labelled complaint or praise, and customers
who did or did not complain (two signals: order value and days late; from ``core.customers``, shared with
the network story).

The comments ship with the app: short, realistic, each labelled complaint or praise.

Written for the project and put together deterministically (no downloads, no randomness
at run time): pieces of comments a shop really receives (openers, praise, complaints,
sign-offs), mixed feelings ("late, but worth the wait"), typos, and the rare words that
trip up an unpenalized classifier: a customer's or a courier's name, a weekday, a town.
A handful of comments are written out whole, because they read the "wrong" way word by
word ("Not bad at all", sarcasm). ``load_comments()`` returns the same comments on every
call: a training part and a held-out part the model never sees while it learns.
"""

import functools
from dataclasses import dataclass

import numpy as np

from ..customers import (  # the story's customers: re-exported
    CUSTOMERS_SEED,
    DAYS_RANGE,
    N_TEST,
    N_TRAIN,
    SIGNAL_NAMES,
    VALUE_RANGE,
    load_customers,
    true_log_odds,
)

COMPLAINT, PRAISE = 1, 0
#: Category names by label (1 = complaint, 0 = praise).
CATEGORIES = {COMPLAINT: "complaint", PRAISE: "praise"}
N_GENERATED = 380
#: Share of the comments held out as new ones. Not ``core.models.grid.HELD_OUT_SHARE`` (0.3): the shipped
#: comments were split this way, and the page's numbers and their tests are those of this split.
COMMENTS_HELD_OUT_SHARE = 0.35
COMMENTS_SEED = 1
#: Shares of generated comments with mixed feelings, a rare name/day/town, a sign-off, a typo.
MIXED_SHARE, RARE_SHARE, ENDING_SHARE, TYPO_SHARE = 0.4, 0.35, 0.5, 0.3

_OPENERS = (
    "Ordered the blue one for my mum.",
    "Second order this year.",
    "Bought this as a gift for my sister.",
    "Got the large size.",
    "First time ordering from you.",
    "Ordered on a whim after seeing the advert.",
    "My partner picked this one.",
    "We needed a replacement quickly.",
    "Bought two, one for the office.",
    "Used the discount code from the newsletter.",
    "Ordered the grey version.",
    "Have been a customer for years.",
    "Needed it for a party.",
    "Picked express delivery.",
    "Ordered it online and collected it in store.",
)
_PRAISE = (
    "it arrived a day early",
    "the quality of the {item} is excellent",
    "really good value for the price",
    "the {item} works perfectly",
    "the staff were so helpful",
    "I love the colour",
    "the {item} was well packed",
    "setup took five minutes",
    "the fabric feels lovely",
    "customer service sorted my question straight away",
    "delivery was quick",
    "the {item} looks even better than the photos",
    "very comfortable",
    "the instructions were clear",
    "the {item} is sturdy and well made",
    "great little {item}",
    "the refund for the missing part came through fast",
    "my kids love the {item}",
    "it fits perfectly",
    "the courier was friendly",
    "the {item} does exactly what it says",
    "brilliant service from start to finish",
    "easy to return the wrong size",
    "it keeps the tea hot for hours",
    "the battery lasts ages",
    "super fast shipping",
    "nice touch with the handwritten note",
    "excellent quality stitching",
    "the app made ordering easy",
    "price was fair",
)
_COMPLAINTS = (
    "it arrived two weeks late",
    "the box was crushed",
    "I am still waiting for my refund",
    "the {item} stopped working after a week",
    "nobody answers the phone",
    "I was charged twice",
    "the colour is nothing like the photo",
    "a part was missing",
    "the handle broke on the first day",
    "the tracking never updated",
    "the {item} is much smaller than described",
    "the customer service was rude",
    "the {item} smells of chemicals",
    "the zip broke straight away",
    "the parcel was left in the rain",
    "the {item} is cheap plastic",
    "the instructions made no sense",
    "they sent the wrong {item}",
    "the delivery slot was missed",
    "it leaks",
    "the battery dies within an hour",
    "returns are a nightmare",
    "the seams are coming apart",
    "the {item} was scratched out of the box",
    "the app kept crashing at checkout",
    "I had to chase the order three times",
    "the {item} is far too expensive for what it is",
    "the screen cracked within days",
    "the courier threw it over the fence",
    "the lid does not close properly",
)
_ITEMS = (
    "kettle",
    "lamp",
    "teapot",
    "duvet",
    "hammock",
    "rug",
    "chair",
    "blender",
    "mug",
    "desk",
    "bike lock",
    "backpack",
    "jacket",
    "headphones",
)
_PRAISE_ENDINGS = (
    "Thanks!",
    "Five stars.",
    "Would recommend.",
    "Will definitely buy again.",
    "Very happy.",
    "Thank you so much.",
    "Really pleased.",
)
_COMPLAINT_ENDINGS = (
    "Very disappointed.",
    "Never again.",
    "Please sort this out.",
    "Not happy.",
    "I want my money back.",
    "Avoid.",
    "Waste of money.",
)
#: Words a reader knows carry no opinion: names, days, towns, a courier. Each turns up in a few comments only.
_RARE_PHRASES = (
    "Priya at the helpdesk",
    "Tomasz",
    "Mrs Okafor from accounts",
    "Siobhan",
    "Dave from the warehouse",
    "Keiko",
    "Bongani",
    "Gareth",
    "Mr Lindqvist",
    "Aiyana",
    "Ferdinand",
    "Olumide",
)
_WHEN = (
    "on Tuesday",
    "on Saturday",
    "last Monday",
    "on Friday",
    "over the Easter weekend",
    "on my birthday",
    "on Thursday",
)
_WHERE = (
    "to Leeds",
    "to our flat in Aberdeen",
    "to Croydon",
    "to the cottage in Kendal",
    "to Swansea",
    "to my office in Slough",
)
_RARE_TEMPLATES = (
    "{who} dealt with it {when}.",
    "Delivered {where} {when}.",
    "{who} answered my email {when}.",
    "It came {where}.",
    "Spoke to {who}.",
    "Ordered {when}.",
)
_BUT = (" but ", ", but ", ". But ", " though ", ", although ")

#: Written out whole: each reads the other way word by word, or sits on the fence.
_WRITTEN = (
    ("Not bad at all, honestly expected worse.", PRAISE),
    ("I was worried it would arrive late but it came on time. Phew!", PRAISE),
    ("No complaints here, the kettle boils in a minute.", PRAISE),
    ("Great, another lamp that flickers. Just great.", COMPLAINT),
    ("Love waiting three weeks for a teapot. Really.", COMPLAINT),
    ("Could not be happier with the hammock, Priya was a star.", PRAISE),
    ("The duvet is fine I guess, but the delivery on Tuesday was a shambles and nobody called.", COMPLAINT),
    ("Nothing broken, nothing missing, nothing to complain about.", PRAISE),
    ("Perfect... if you like a bike lock that jams every morning.", COMPLAINT),
    ("Tomasz fixed it on Saturday, so credit where it is due.", PRAISE),
    ("thought it would be rubbish for the price, was wrong. lovely chair", PRAISE),
    ("cheap and cheerful and it works, what more do you want", PRAISE),
    ("Expensive, yes, but worth every penny.", PRAISE),
    ("The photos looked great. The real thing, not so much.", COMPLAINT),
    ("Excellent packaging shame the mug inside was in three pieces", COMPLAINT),
    ("Keiko at the shop in Leeds was lovely but the blender died on Thursday.", COMPLAINT),
    ("Returned it. Refund took a month. Item was ok I suppose.", COMPLAINT),
    ("Not what I ordered but honestly I like it more!", PRAISE),
    ("Ferdinand delivered it to Swansea in the snow. Legend.", PRAISE),
    ("The best customer service I have ever had, pity about the product.", COMPLAINT),
    ("Sturdy, simple, no fuss.", PRAISE),
    ("Meh.", COMPLAINT),
    ("10/10 would order again", PRAISE),
    ("Arrived Tuesday, broken by Wednesday.", COMPLAINT),
    ("Dave from the warehouse rang me personally to apologise for the delay, which I appreciated.", PRAISE),
    ("It's ok. Does the job. Bit noisy.", PRAISE),
    ("Rude driver, lovely rug.", PRAISE),
    ("Why does a simple desk need 40 screws and no instructions??", COMPLAINT),
    ("ordered for Mr Lindqvist next door, he says thanks", PRAISE),
    ("Waited in all day Friday. Nothing. Again.", COMPLAINT),
)


@dataclass(frozen=True)
class Comments:
    """Labelled comments: a training part and a held-out part (labels: 1 complaint, 0 praise)."""

    train_texts: tuple
    train_labels: np.ndarray
    test_texts: tuple
    test_labels: np.ndarray

    @property
    def n_train(self):
        return len(self.train_texts)


def _typo(text, rng):
    """One slip of the keyboard in a word of five letters or more: two letters swapped, one dropped or doubled."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not long_words:
        return text
    i = long_words[rng.integers(len(long_words))]
    word = words[i]
    at = int(rng.integers(1, len(word) - 2))
    kind = rng.integers(3)
    if kind == 0:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == 1:
        word = word[:at] + word[at + 1 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[i] = word
    return " ".join(words)


def _pick(options, rng):
    return options[rng.integers(len(options))]


def _sentence(clause):
    return clause[0].upper() + clause[1:]


def _generated(rng):
    """One comment: an opener now and then, one or two clauses of its side, often one of the other side."""
    label = int(rng.random() < 0.5)
    own, other = (_COMPLAINTS, _PRAISE) if label == COMPLAINT else (_PRAISE, _COMPLAINTS)
    endings = _COMPLAINT_ENDINGS if label == COMPLAINT else _PRAISE_ENDINGS
    main = _pick(own, rng)
    if rng.random() < 0.3:
        main += _pick((" and ", ", and ", ", "), rng) + _pick(own, rng)
    if rng.random() < MIXED_SHARE:  # mixed feelings: the other side first, then the one that decides
        body = _sentence(_pick(other, rng)) + _pick(_BUT, rng) + main + "."
    else:
        body = _sentence(main) + "."
    parts = [body]
    if rng.random() < 0.35:
        parts.insert(0, _pick(_OPENERS, rng))
    if rng.random() < RARE_SHARE:
        template = _pick(_RARE_TEMPLATES, rng)
        rare = template.format(who=_pick(_RARE_PHRASES, rng), when=_pick(_WHEN, rng), where=_pick(_WHERE, rng))
        parts.insert(int(rng.integers(len(parts) + 1)), rare)
    if rng.random() < ENDING_SHARE:
        parts.append(_pick(endings, rng))
    text = " ".join(parts).replace("{item}", _pick(_ITEMS, rng))
    if rng.random() < TYPO_SHARE:
        text = _typo(text, rng)
    if rng.random() < 0.15:
        text = text.lower()
    if rng.random() < 0.1:
        text = text.rstrip(".") + "!!"
    return text, label


@functools.cache
def load_comments():
    """The shipped comments, split once into training and held-out parts (the same on every call)."""
    rng = np.random.default_rng(COMMENTS_SEED)
    pairs = [_generated(rng) for _ in range(N_GENERATED)] + list(_WRITTEN)
    order = rng.permutation(len(pairs))
    n_test = round(COMMENTS_HELD_OUT_SHARE * len(pairs))
    test, train = order[:n_test], order[n_test:]
    texts = [text for text, _ in pairs]
    labels = np.array([label for _, label in pairs])
    train_labels, test_labels = labels[train], labels[test]
    train_labels.flags.writeable = test_labels.flags.writeable = False
    return Comments(
        train_texts=tuple(texts[i] for i in train),
        train_labels=train_labels,
        test_texts=tuple(texts[i] for i in test),
        test_labels=test_labels,
    )


__all__ = [
    "CATEGORIES",
    "COMMENTS_HELD_OUT_SHARE",
    "COMMENTS_SEED",
    "COMPLAINT",
    "CUSTOMERS_SEED",
    "DAYS_RANGE",
    "N_GENERATED",
    "N_TEST",
    "N_TRAIN",
    "PRAISE",
    "SIGNAL_NAMES",
    "VALUE_RANGE",
    "Comments",
    "load_comments",
    "load_customers",
    "true_log_odds",
]
