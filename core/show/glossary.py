"""Plain definitions of every technical word the pages use, and questions to ask about an AI tool.

Each definition is one or two short sentences for a reader with no maths; pages show them
as hover help or in a short glossary, and link a term with ``anchor(term)``.
"""

from dataclasses import dataclass

from .palette import SWEET_SPOT


@dataclass(frozen=True)
class Term:
    """A word, the other names it goes by, and its plain definition."""

    word: str
    also: tuple[str, ...]
    meaning: str


TERMS = (
    Term(
        "memorizing",
        ("overfitting", "too wiggly"),
        "Learning the training examples by heart, luck and all, instead of the pattern behind them. "
        "The model looks perfect on the data it has seen and does worse on new data.",
    ),
    Term(
        "too simple",
        ("underfitting", "too stiff"),
        "A model too stiff to follow the real pattern. It misses on the training data and on new data alike.",
    ),
    Term(
        "weight",
        ("coefficient",),
        "A number the model learns: how much one ingredient of its formula counts. "
        "Huge weights that cancel each other out are a sign of memorizing.",
    ),
    Term(
        "penalty",
        ("λ", "lambda", "penalty strength"),
        "A charge the model pays for large weights while it learns. "
        "λ (the Greek letter lambda) is how strong that charge is: 0 means no penalty, and more means smaller weights overall.",
    ),
    Term(
        "L2",
        ("ridge", "weight decay", "L2 regularization"),
        "The penalty this app is about: it charges each weight by its size squared. "
        "Big weights cost a lot, so the model spreads the work over many small ones. "
        "Statisticians call it ridge; neural-network tools call it weight decay.",
    ),
    Term(
        "L1",
        ("lasso",),
        "A cousin of L2 that charges each weight by its plain size. "
        "It tends to switch some weights off completely, where L2 keeps them all but small.",
    ),
    Term(
        "training data",
        ("training points",),
        "The examples the model learns from.",
    ),
    Term(
        "new data",
        ("held-out data", "held-out points", "test data"),
        "Examples kept aside and never shown to the model while it learns. "
        "Its miss on them shows how it will do on tomorrow's cases.",
    ),
    Term(
        "cross-validation",
        ("checking on unseen points",),
        "A way to test a model on data it did not learn from, without setting data aside for good. "
        "Leave some rows out, learn from the rest, check the miss on the rows left out, and repeat for every row.",
    ),
    Term(
        "typical miss",
        ("error", "RMSE"),
        "How far the model's guesses usually land from the true values, in the data's own units. "
        "A typical miss of ±2 thousand € means the guesses are usually about 2 thousand € off.",
    ),
    Term(
        "sweet spot",
        (),
        "The one penalty with the smallest miss when checked on data the model did not learn from "
        "(cross-validation), found without peeking at the new data; the λ that turns out best on the new data "
        "is known only afterwards, and may differ. Charts mark the sweet spot with a star. "
        f"The {SWEET_SPOT.word} band around it holds the penalties that do about as well: the differences there are too small "
        "to trust.",
    ),
    Term(
        "margin of error",
        ("standard error",),
        "How much a measured miss would change if we had drawn a different sample of data. "
        "Two settings closer than this are a tie.",
    ),
    Term(
        "degree",
        ("flexibility", "curve flexibility"),
        "How bendy the model's curve may be. Degree 1 is a straight line; "
        "degree 15 can bend 14 times, enough to pass through almost every point.",
    ),
    Term(
        "noise",
        ("luck", "scatter"),
        "The part of each value that no pattern can predict: a rainy day, a one-off order, a typing slip. "
        "A model that follows the noise is memorizing.",
    ),
    Term(
        "true pattern",
        ("true curve", "truth"),
        "For our made-up data we know the rule that made the numbers before the noise was added. "
        "Real data never tell us this, which is why we check on new data.",
    ),
    Term(
        "spread",
        ("standard deviation", "spread of your data", "usual ups and downs"),
        "How far values typically sit from their average: the usual ups and downs of the data. "
        "Weights are shown as multiples of it, so a weight of 1 moves the guess by one usual up or down.",
    ),
    Term(
        "effective number of weights",
        ("free weights", "effective degrees of freedom"),
        "How many weights the model really uses once the penalty holds it back. "
        "A weight the penalty holds back half-way counts as half a weight, so the count can be a fraction. "
        "With no penalty it is all of them; a strong penalty brings it close to none.",
    ),
)

_BY_NAME = {name.lower(): term for term in TERMS for name in (term.word, *term.also)}


def lookup(word: str) -> Term:
    """The ``Term`` for ``word`` or any of its other names (any case).

    Raises
    ------
    KeyError
        If no term goes by that name.
    """
    return _BY_NAME[word.lower()]


def anchor(word: str) -> str:
    """The glossary's anchor for ``word`` (any of its names), for a link such as ``/faq#glossary-weight``."""
    return "glossary-" + lookup(word).word.lower().replace(" ", "-")


#: The page that holds the glossary.
GLOSSARY_PAGE = "/faq"


def link(word: str, shown: str | None = None) -> str:
    """A Markdown link from ``shown`` (default ``word``) to ``word``'s entry in the glossary."""
    return f"[{shown or word}]({GLOSSARY_PAGE}#{anchor(word)})"


@dataclass(frozen=True)
class VendorQuestion:
    """A question a business owner can ask about an AI tool, why it matters, and the page that shows it.

    ``good`` is what a good answer sounds like, ``red_flag`` what should make the buyer wary.
    """

    question: str
    why: str
    page: str
    good: str
    red_flag: str


VENDOR_QUESTIONS = (
    VendorQuestion(
        "How do you check the model on data it never saw while learning?",
        "A model can look perfect on its own training data and still fail on your next customer.",
        "/curves",
        "“We held back the last weeks, which it never learned from, and here is its miss on them.”",
        "“It fits your past sales perfectly.” A perfect fit to the past is what memorizing looks like.",
    ),
    VendorQuestion(
        "What is the typical miss on new data, in my units, next to the miss on training data?",
        "A plain number like ±€300 a day tells you what to expect; a much lower training miss is a warning sign.",
        "/your-data",
        "“About ±€300 a day on weeks it never saw, and ±€250 on the weeks it learned from.”",
        "A score with no unit (“98% accurate”), or only the miss on the data it learned from.",
    ),
    VendorQuestion(
        "How do you keep the model from memorizing, and how did you choose how strong that guard is?",
        "A penalty such as L2 (weight decay) is the usual answer; its strength is a number with no meaning on its "
        "own, since each tool and each dataset has its own scale, so ask how it was chosen, not its value.",
        "/",
        "“A penalty on big weights, L2. We chose its strength by testing: we tried weak to strong settings and "
        "kept the one that missed least on data held back from training.”",
        "“Our AI does not need that”, or “we use L2” as if that settled it, with no word on how its strength was "
        "chosen, or just a number for it.",
    ),
    VendorQuestion(
        "Was that strength chosen on other data than the test results you show me?",
        "Choosing a setting by the very test you report makes the test look better than the model will do.",
        "/curves",
        "“We chose it by cross-validation, on data held back from training for that choice only. Then we tested "
        "the finished model once on weeks it had never seen, and that is the miss we report. Less penalty made it "
        "memorize, more made it too stiff.”",
        "“We left the default number, without testing it on your data”, or “we tried settings until the test results we show you looked best”: the setting "
        "was picked by looking at the very results they report to you, so those results flatter the model.",
    ),
    VendorQuestion(
        "If you trained it again on a fresh sample of my data, how much would its answers change?",
        "A steady model gives about the same answers each time; a model that jumps around is memorizing.",
        "/faq",
        "“Very little: here are the forecasts from models trained on different months side by side.”",
        "“We never checked”, or forecasts that change a lot from one sample to the next.",
    ),
    VendorQuestion(
        "When two of my inputs move together, how does the model share the credit between them?",
        "Without a penalty, one can take all the credit or the pair can swing to huge opposite values.",
        "/signals",
        "“The penalty shares the credit between them, so we do not read much into either one alone.”",
        "“This one input drives 90% of your sales”, from a model with no penalty.",
    ),
    VendorQuestion(
        "Can I try it on my own data and see the result before I buy?",
        "Your data may behave differently from the vendor's demo; a test on your own file shows the real miss.",
        "/your-data",
        "“Yes. Send a file, and we will report the miss on the last weeks we held back from the model.”",
        "“Only on our demo data.”",
    ),
)
