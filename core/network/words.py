"""The network page in words: plain sentences for every step of the λ control, and the In depth notes.

Sentences are plain text (the live texts are never rendered as Markdown): numbers in plain digits,
λ as the control shows it. The In depth notes are Markdown, with the exact settings and the
scikit-learn lines that reproduce the page's networks.
"""

import itertools

from ..show.kit import ROLE_ZONE_WORDS
from ..show.palette import NEW_DATA, NO_PENALTY, SWEET_SPOT, TRAINING, TRUE_PATTERN, YOUR_PENALTY
from ..show.plain_numbers import format_lam, plain_number
from ..verdict import ABOUT_RIGHT, MEMORIZING, TOO_SIMPLE
from . import data
from .fit import FULL_BATCH_ROWS, N_FOLDS, SETTINGS, compared_row, comparison, lowest_new_loss_epoch, sklearn_alpha

#: What a reader sees while the page is busy (the first visit of a server only).
WAIT_TRAINING = "Training the network for every penalty strength (first visit only)…"
WAIT_PICTURES = "Drawing the networks for every penalty strength…"
SWEET_SPOT_BUTTON = "Move λ to the sweet spot"
SWEET_SPOT_HELP = "Moves λ to the value that cross-validation says predicts new customers best."

#: Below this spread of chances over the whole picture, the network says the same for every customer.
SAME_FOR_EVERYONE = 0.02


def weight_count(settings=SETTINGS):
    """How many weights the network has (biases not counted): the ones the penalty charges."""
    units = [2, *settings.hidden, 1]
    return sum(a * b for a, b in itertools.pairwise(units))


def bias_count(settings=SETTINGS):
    return sum(settings.hidden) + 1


def percent(share):
    """A share as a whole percent: '83%' (never a rounded-up 100%)."""
    value = 100 * float(share)
    if 99.5 <= value < 100:
        return "99%"
    return f"{value:.0f}%"


def _loss(value):
    return f"{float(value):.2f}"


def _passes(count):
    count = int(count)
    return f"{count:,} pass" + ("" if count == 1 else "es")


def _at(path, step):
    """'At the sweet spot (λ = 0.01)' or 'At your λ = 0.0001': who the compared network is (``fit.comparison``)."""
    other = comparison(path, step)
    if other.role == NO_PENALTY:
        return f"At your λ = {format_lam(path.lams[step])}"
    return f"At {other.phrase} (λ = {format_lam(path.lams[other.row])})"


INTRO = (
    "The AI tools you meet at work are mostly **neural networks**: thousands or billions of "
    "**weights** wired together, tuned bit by bit while the network goes over its examples again and again. "
    "They memorize just like the curves on the other pages, and the same penalty holds them back. In these "
    "tools it is called **weight decay**: every step of training shrinks every weight a little, so only the "
    "weights the examples keep asking for stay large."
)

PROBLEM = (
    f"Here a small network ({weight_count()} weights in two layers of {SETTINGS.hidden[0]}) learns from "
    f"{data.N_TRAIN} customers whether a customer will complain, from two numbers the shop already has: how much "
    "the order was worth and how many days late it arrived. These are the same customers as in the two-number "
    "example in Sorting feedback's In depth part (the same penalty on two numbers). Each cross is a customer who "
    "complained, each circle one who did not. The shading is "
    "the network's answer for any customer: white where it expects no complaint, darker the surer it is of one. "
    "Its line marks where it says 50–50. The "
    f"{TRUE_PATTERN.word} dashed line is the real pattern's 50–50 line (we made the customers up, so we know it). "
    f"Left, the network with no penalty ({NO_PENALTY.word} dotted line); right, the same network trained with "
    f"your penalty ({YOUR_PENALTY.word} line). While your λ is 0, the right shows the sweet spot instead "
    f"({SWEET_SPOT.word} line), so you see the difference straight away."
)

LOSS_INTRO = (
    "A network learns in passes over its examples, called **epochs** (one epoch: every training customer seen "
    "once). After every pass we measure its **loss**, a score of how wrong it is: how surprised it is by what "
    "each customer really did. The loss is small when the network gave the real "
    "outcome a high chance and large when it was sure of the wrong one; lower is better, and a network that "
    f"always says 50–50 scores 0.69 (dotted line). The {TRAINING.word} line is the loss on the customers it "
    f"learns from, the {NEW_DATA.word} line on {data.N_TEST} new customers it never sees."
)

SIZE_INTRO = (
    f"The size of all {weight_count()} weights together (the square root of the sum of their squares) after every "
    f"pass: with no penalty ({NO_PENALTY.word} dotted line) and with yours ({YOUR_PENALTY.word}; "
    f"{SWEET_SPOT.word} for the sweet spot while your λ is 0). Large weights are how a network bends sharply "
    "around single customers. Weight decay charges for them: every step of training first shrinks each weight a "
    "little, in proportion to its size, and the customers must push it back up. The size settles where the two "
    "balance."
)

_ZONES = ROLE_ZONE_WORDS  # the zones' shades as lam_figure draws them (memorizing, about right, too simple)

LAM_INTRO = (
    f"The loss after all the training, for every penalty strength: on the training customers ({TRAINING.word}), "
    f"on the new customers ({NEW_DATA.word}), and checked on training customers left out in turn "
    f"({N_FOLDS}-fold cross-validation, dashed). The {SWEET_SPOT.word} star is the sweet spot, found without "
    "looking at the new customers, and the shading gives the app's one verdict for every λ: "
    f"{_ZONES[0]} where the network memorizes, {_ZONES[1]} where it is about as good as the best, {_ZONES[2]} where "
    "it is too simple."
)

_ADVICE = {
    MEMORIZING.key: (
        "The network bends its border around single customers and is far too sure of itself on new ones. "
        "More penalty would make it steadier."
    ),
    ABOUT_RIGHT.key: "Checking on customers the network did not learn from, no other setting does clearly better.",
    TOO_SIMPLE.key: (
        "The penalty is so strong that the network can barely use its weights and misses the real pattern. "
        "Less penalty would do better, on training customers and on new ones."
    ),
}


def verdict_text(path, step):
    """'Verdict at λ = …: memorizing (too wiggly). …' for the reader's λ."""
    verdict = path.spot.verdict(step)
    lam = path.lams[step]
    where = "with no penalty" if lam == 0 else f"at λ = {format_lam(lam)}"
    return f"Verdict {where}: {verdict.label}. {_ADVICE[verdict.key]}"


def verdict_tone(path, step):
    return path.spot.verdict(step).tone


def _shape(path, probability, row):
    """What the network's picture looks like at ``row``, in words."""
    spread = float(probability[row].max() - probability[row].min())
    if spread < SAME_FOR_EVERYONE:
        chance = float(probability[row].mean())
        return (
            f"it gives every customer about the same chance of a complaint ({percent(chance)}), so it "
            "expects no one to complain"
        )
    verdict = path.spot.verdict(row)
    if verdict is MEMORIZING:
        return "its border still curls around single customers"
    if verdict is TOO_SIMPLE:
        return "its border is almost a straight line, stiffer than the real pattern"
    return "its border is one smooth curve close to the real pattern"


def answer_text(path, probability, step):
    """The two pictures read aloud: how many customers each network gets right, and the shape of its border."""
    row = compared_row(path, step)
    free = (
        f"With no penalty the network is right about {percent(path.train_accuracy[0])} of the {path.n} customers "
        f"it learned from, but only {percent(path.test_accuracy[0])} of {data.N_TEST} new ones: it has carved out "
        "islands around single customers."
    )
    return (
        f"{free} {_at(path, step)} it is right about {percent(path.train_accuracy[row])} of the customers it "
        f"learned from and {percent(path.test_accuracy[row])} of the new ones, and {_shape(path, probability, row)}."
    )


def _decayed(path, row):
    """True when the penalty has pulled every weight to almost nothing by the end of training."""
    size = path.history.weight_size[row]
    return size[-1] < 0.01 * size[0]


def loss_text(path, step):
    """The training chart read aloud: where each network's loss on new customers was lowest, and where it ended."""
    epochs = path.history.epochs
    train, new = path.history.losses["train"], path.history.losses["new"]
    low = lowest_new_loss_epoch(path, 0)
    free = (
        f"With no penalty the loss on new customers is lowest after {_passes(epochs[low])} ({_loss(new[0, low])}). "
        f"Then it climbs, to {_loss(new[0, -1])} after {_passes(epochs[-1])}, while on the training customers it "
        f"keeps falling, to {_loss(train[0, -1])}: the network has stopped learning the pattern and started "
        f"learning the customers. Stopping after {_passes(epochs[low])} would have avoided most of the damage: that "
        "is called early stopping."
    )
    row = compared_row(path, step)
    at = _at(path, step)
    here = lowest_new_loss_epoch(path, row)
    if _decayed(path, row):
        if new[row, here] < new[row, -1] - 0.02:
            return (
                f"{free} {at} the network learns a little in the first {_passes(epochs[here])} (loss on new "
                f"customers {_loss(new[row, here])}); then the decay pulls every weight to almost nothing, and both "
                f"losses go back to {_loss(new[row, -1])}, the loss of a network that gives everyone the same answer."
            )
        return (
            f"{free} {at} the decay keeps every weight near zero: both losses stay near {_loss(new[row, -1])}, the "
            "loss of a network that gives everyone the same answer."
        )
    if here == epochs.size - 1:
        shape = f"keeps falling, to {_loss(new[row, -1])} after {_passes(epochs[-1])}"
    elif new[row, -1] > 1.1 * new[row, here]:
        shape = (
            f"is lowest after {_passes(epochs[here])} ({_loss(new[row, here])}), then rises again, to "
            f"{_loss(new[row, -1])}: still memorizing, more slowly"
        )
    else:
        shape = (
            f"is lowest after {_passes(epochs[here])} ({_loss(new[row, here])}) and stays close to that: "
            f"{_loss(new[row, -1])} after {_passes(epochs[-1])}"
        )
    return f"{free} {at} the loss on new customers {shape}; on training customers it ends at {_loss(train[row, -1])}."


def size_text(path, step):
    """The weights' size during training, read aloud."""
    size = path.history.weight_size
    epochs = path.history.epochs
    free = (
        f"With no penalty the weights together grow from {plain_number(size[0, 0], 2)} to "
        f"{plain_number(size[0, -1], 2)} over {_passes(epochs[-1])}: big weights are what let the network curl "
        "around single customers."
    )
    row = compared_row(path, step)
    end = size[row, -1]
    if _decayed(path, row):
        return (
            f"{free} {_at(path, step)} the decay wins: the weights shrink to almost nothing, and the network can no "
            "longer bend at all."
        )
    if end < size[row, 0]:
        return (
            f"{free} {_at(path, step)} they end at {plain_number(end, 2)}, smaller than where they started: every "
            "step shrinks each weight a little, and only what the customers keep asking for stays."
        )
    return (
        f"{free} {_at(path, step)} they end at {plain_number(end, 2)}: the decay slows their growth but does not "
        "stop it."
    )


def sweet_spot_text(path):
    """Where cross-validation puts the sweet spot, and what it gains on new customers."""
    spot = path.spot
    best = spot.best
    band = (
        f"Every λ from {format_lam(path.lams[spot.low])} to {format_lam(path.lams[spot.high])} does about as well "
        f"(the {SWEET_SPOT.word} band): the differences there are within the margin of error."
        if spot.high > spot.low
        else "No other λ comes within the margin of error."
    )
    return (
        f"Checking on customers left out of training, the sweet spot is **λ = {format_lam(path.lams[best])}** "
        f"(the star). {band} There the network's loss on the {data.N_TEST} new customers is "
        f"{_loss(path.test_log_loss[best])} against {_loss(path.test_log_loss[0])} with no penalty, and it is "
        f"right about {percent(path.test_accuracy[best])} of them against {percent(path.test_accuracy[0])}."
    )


BOTTOM_LINE = (
    "**For a buyer.** Every neural network can memorize, and weight decay is one of the standard brakes, together "
    "with stopping early and more data. A good vendor answer: “we tune weight decay (and when to stop) by checking "
    "on data the model never trained on”. A bad one: “our model is 100% accurate on our data”: so is the "
    "network on the left."
)


def in_depth(path):
    """The In depth notes (Markdown): the network, alpha and λ, real tools, early stopping, how it is computed."""
    s = path.settings
    n = path.n
    low = lowest_new_loss_epoch(path, 0)
    return [
        f"**The network.** Two inputs (order value and days late, each standardized on the {n} training "
        f"customers), two hidden layers of {s.hidden[0]} and {s.hidden[1]} tanh units, one logistic output: "
        f"{weight_count(s)} weights and {bias_count(s)} biases. scikit-learn's `MLPClassifier` with the Adam solver, "
        f"learning rate {s.learning_rate:g}, every training customer in one batch, no shuffling, exactly "
        f"{s.epochs:,} epochs, starting weights from seed {s.seed}. Same seed, same pictures.",
        "**λ and scikit-learn's `alpha`, exactly.** scikit-learn's network minimizes the mean log-loss plus "
        "(alpha / (2·n))·Σ w², the sum over every layer's weights but not the biases "
        "(`_backprop` in `sklearn/neural_network/_multilayer_perceptron.py`: "
        "`loss += (0.5 * self.alpha) * values / sw_sum`, where `values` is Σ w² and `sw_sum` the batch's rows). "
        "This app minimizes (1/n)·Σ log-loss + λ·Σ w², so **alpha = 2·n·λ**, here "
        f"alpha = {2 * n}·λ (λ = {format_lam(path.lams[path.spot.best])} is alpha = "
        f"{plain_number(sklearn_alpha(path.lams[path.spot.best], n))}). It holds because the batch is every row: "
        "with mini-batches of b rows each step charges alpha / (2·b), so the same alpha is a stronger penalty "
        f'(`batch_size="auto"` is min({FULL_BATCH_ROWS}, n)). `MLPRegressor` halves its squared error, so there '
        "alpha = n·λ. The tests check it against scikit-learn's own objective (`loss_`).",
        "**Where the setting lives in real tools** (with the loss averaged over the batch, their default):",
        "- scikit-learn: `MLPClassifier(alpha=2·n·λ)`, `MLPRegressor(alpha=n·λ)`; on the other pages "
        "`Ridge(alpha=n·λ)` and `LogisticRegression(C=1/(2·n·λ))`.\n"
        "- Keras: `Dense(..., kernel_regularizer=keras.regularizers.L2(λ))` on each layer adds λ·Σ w² of that "
        "layer's weights to the loss: l2 = λ (biases only with `bias_regularizer`).\n"
        "- PyTorch: `torch.optim.SGD(..., weight_decay=2·λ)` (and `Adam`) adds weight_decay·w to every gradient, "
        "the gradient of (weight_decay / 2)·Σ w², so weight_decay = 2·λ; it decays biases too unless they sit in a "
        "parameter group with `weight_decay=0`.\n"
        "- AdamW (`torch.optim.AdamW(weight_decay=...)`, `keras.optimizers.AdamW(weight_decay=...)`): *decoupled* "
        "weight decay, each step multiplies every weight by (1 − learning rate · weight_decay) outside Adam's "
        "scaling. With plain gradient descent that is L2 with λ = weight_decay / 2; with Adam it is a different "
        "penalty, and no λ matches it exactly (Loshchilov and Hutter, *Decoupled Weight Decay Regularization*, 2019). "
        "scikit-learn's Adam, used here, is the coupled kind: the penalty's gradient goes through Adam's scaling.",
        f"**Early stopping** is the other brake: stop training when the loss on data held back stops falling "
        f"(`MLPClassifier(early_stopping=True)`, Keras' `EarlyStopping` callback). Here the network with no penalty "
        f"does best on new customers after {_passes(path.history.epochs[low])}. For plain gradient descent on a "
        "linear model, stopping after t steps of size η acts much like L2 with λ ≈ 1/(2·η·t): fewer steps, "
        "stronger penalty. The two are often used together; weight decay keeps working however long training runs.",
        f"**The sweet spot and the verdict.** {N_FOLDS}-fold stratified cross-validation "
        "(`StratifiedKFold(5, shuffle=True, random_state=0)`) of the mean log-loss, with alpha fixed at 2·n·λ "
        f"for n = all {n} training customers, as "
        '`cross_val_score(MLPClassifier(alpha=2*n*lam, ...), Z, y, cv=folds, scoring="neg_log_loss")` does; the '
        "app's one rule (`core.verdict.sweet_spot`) reads the band from it.",
        "**How the page computes it.** It does not call scikit-learn 252 times (42 λ, and 5 folds for each): "
        "`core/network/fit.py` repeats scikit-learn's arithmetic (Glorot start from `RandomState(seed)`, forward "
        "pass, back-propagation with the penalty's gradient alpha·W/n, Adam's update) for all 42 networks at once, "
        "and the tests check every network against `MLPClassifier(...).fit` (predictions agree to 1e-6, in fact "
        "about 1e-14). `scripts/build_network_path.py` computes them once (about 4 s) into a small file that "
        "ships with the app.",
    ]


def sklearn_code(path, step):
    """scikit-learn lines that train the page's network at the reader's λ (or the sweet spot at λ = 0)."""
    s = path.settings
    row = compared_row(path, step)
    lam = float(path.lams[row])
    why = f"  # {comparison(path, step).phrase} (your λ is 0)" if row != step else ""
    return (
        "from sklearn.neural_network import MLPClassifier\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "from core.network.data import problem\n"
        "\n"
        "p = problem()  # p.X_train: order value (€) and days late; p.y_train: 1 = complained\n"
        f"lam = {lam!r}{why}\n"
        "n = len(p.y_train)\n"
        "net = make_pipeline(\n"
        "    StandardScaler(),\n"
        "    MLPClassifier(\n"
        f'        hidden_layer_sizes={tuple(s.hidden)!r}, activation="tanh", solver="adam",\n'
        "        alpha=2 * n * lam,  # scikit-learn's penalty for the app's λ\n"
        f'        batch_size="auto", learning_rate_init={s.learning_rate!r}, max_iter={s.epochs},\n'
        f"        shuffle=False, tol=0.0, n_iter_no_change={s.epochs}, random_state={s.seed},\n"
        "    ),\n"
        ").fit(p.X_train, p.y_train)  # it warns that max_iter was reached: intended\n"
        f"# here: right about {percent(path.test_accuracy[row])} of new customers, "
        f"net.predict_proba(p.X_test) as on the page"
    )
