"""Plain-language readings of a fit: amounts in the reader's units and the verdict."""

from dataclasses import dataclass

import numpy as np

_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~&$=:")


def markdown_safe(text):
    """Text that Markdown shows literally: every punctuation mark that could mean something is escaped.

    For text from a stranger's file (column and file names) wherever Streamlit renders Markdown.
    """
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in str(text))


def format_number(value):
    """A number as a reader writes it: 3 significant digits, thousands separated."""
    value = float(value)
    if not np.isfinite(value):
        return "∞" if value > 0 else "–∞" if value < 0 else "not defined"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e15 or magnitude < 1e-4:
        return f"{value:.2g}"
    if magnitude >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_miss(rmse, unit=""):
    """A typical miss (an RMSE) in the data's own units: '±1,240 dollars'."""
    return f"±{format_number(rmse)}" + (f" {unit}" if unit else "")


def format_lam(lam):
    """λ as the slider shows it: '0 (off)', '0.001', '3.2e-05'."""
    return "0 (off)" if lam == 0 else f"{lam:.2g}"


@dataclass(frozen=True)
class Verdict:
    key: str
    label: str
    advice: str


MEMORIZING = Verdict(
    "memorizing",
    "memorizing (too wiggly)",
    "The curve bends to fit the noise in the training points. More penalty would make it steadier.",
)
ABOUT_RIGHT = Verdict(
    "about_right",
    "about right",
    "Checking on points the model did not see, no other setting does clearly better.",
)
TOO_SIMPLE = Verdict(
    "too_simple",
    "too simple (too stiff)",
    "The penalty is so strong that the curve misses the real pattern. Less penalty would fit better.",
)


def verdict(path, index):
    """Verdict for the λ at ``index`` of a ``RidgePath``.

    About right: inside the run of λ whose cross-validated error is within one
    standard error of the best; memorizing below it, too simple above it.
    """
    low, high = path.good_range
    if index < low:
        return MEMORIZING
    if index > high:
        return TOO_SIMPLE
    return ABOUT_RIGHT


def weights_sentence(path, index):
    """The weights chart read aloud."""
    sizes = np.abs(path.coef) / (path.y_sd or 1.0)
    unpenalized = format_number(sizes[0].max())
    if index == 0:
        return (
            f"There is no penalty now: the largest weight is {unpenalized}× the spread of your data. "
            "Weights far above 1 cancel each other out, the signature of memorizing."
        )
    now = sizes[index]
    largest = int(np.argmax(now))
    share = now[largest] / now.sum() if now.sum() > 0 else 0.0
    balance = (
        "and no single term dominates" if share < 0.5 else f"and the x^{largest + 1} term carries most of the weight"
    )
    return (
        f"Without the penalty the largest weight is {unpenalized}× the spread of your data; "
        f"at this λ it is {format_number(now.max())}×, {balance}."
    )


_CV_IN_WORDS = {
    "leave-one-out": "leave each training point out in turn, fit the rest, check the miss on the point left out",
    "5-fold": "split the training rows into 5 parts, fit on 4, check the miss on the fifth, for each part in turn",
}


def sweet_spot_sentence(path, index, unit=""):
    """Where the best λ is, how sure we are, and where the reader stands."""
    best = path.best_index
    low, high = path.good_range
    cv_miss = format_miss(np.sqrt(path.cv_mse[best]), unit)
    here = verdict(path, index)
    return (
        f"Cross-validation ({_CV_IN_WORDS.get(path.cv, path.cv)}) "
        f"finds the lowest error at **λ = {format_lam(path.lams[best])}** (the star), a typical miss of {cv_miss}. "
        f"Every λ from {format_lam(path.lams[low])} to {format_lam(path.lams[high])} (green band) is within one "
        f"standard error of that best, so the differences there are noise: any of them is about as good. "
        f"Your λ = {format_lam(path.lams[index])} is **{here.label}**."
    )


def framework_settings(lam, n):
    """How to write this λ in other tools, with the data's n: rows of (tool, setting, note)."""
    return [
        (
            "scikit-learn",
            f"Ridge(alpha={n * lam:.6g})",
            f"alpha = n × λ with n = {n} rows, on standardized features, intercept not penalized.",
        ),
        (
            "Keras",
            f"kernel_regularizer=keras.regularizers.l2({lam:.6g})",
            'With loss="mse": Keras adds l2 × Σw² to the mean loss, exactly our λ.',
        ),
        (
            "PyTorch",
            f"torch.optim.SGD(..., weight_decay={2 * lam:.6g})",
            "With nn.MSELoss() (a mean): weight decay adds wd × w to the gradient, the gradient of (wd/2)·Σw², so "
            "wd = 2λ. Keep the bias in a group with weight_decay=0. AdamW's decoupled decay is a different penalty.",
        ),
    ]


def fit_summary(path, index, leaves_chart):
    """One sentence on what the fit chart shows right now."""
    shape = (
        "swings far beyond the data between and around the points"
        if leaves_chart
        else "stays within the range of the data"
    )
    return (
        f"At λ = {format_lam(path.lams[index])} and degree {path.degree}, the model's curve {shape}; "
        f"its typical miss is {format_miss(path.train_rmse[index], '')} on training points and "
        f"{format_miss(path.test_rmse[index], '')} on new points."
    )


def paths_summary(path, index):
    """One sentence on the weight-paths chart."""
    sizes = np.abs(path.coef) / (path.y_sd or 1.0)
    return (
        f"At λ = {format_lam(path.lams[index])} the largest weight is {format_number(sizes[index].max())}× the spread "
        f"of y; at λ = {format_lam(path.lams[-1])} it is {format_number(sizes[-1].max())}×, and every weight heads to zero."
    )


def total_summary(path, index):
    """One sentence on the total-size and free-weights chart."""
    total = np.sqrt(np.sum(np.square(path.coef[index]))) / (path.y_sd or 1.0)
    return (
        f"At this λ all weights together measure {format_number(total)}× the spread of y, and the model "
        f"effectively uses {path.df[index]:.1f} of its {path.degree} weights."
    )


def degree_summary(sweep, lam_index):
    """One sentence on the error-against-degree chart."""
    here = sweep.test_rmse[:, lam_index]
    free = sweep.test_rmse[:, 0]
    best_here = int(np.nanargmin(here))
    best_free = int(np.nanargmin(free))
    return (
        f"At this λ the error on new data is lowest at degree {sweep.degrees[best_here]} "
        f"({format_miss(here[best_here])}) and is {format_miss(here[-1])} at degree {sweep.degrees[-1]}; "
        f"with no penalty it is lowest at degree {sweep.degrees[best_free]} and reaches "
        f"{format_miss(free[-1])} at degree {sweep.degrees[-1]}."
    )


def guess_verdict(path, guess):
    """How close a reader's guess came to the cross-validated best λ, in slider steps and as a factor."""
    best = path.lams[path.best_index]
    low, high = path.good_range
    if guess == 0:
        closeness = "No penalty at all: for this curve that lets it memorize."
    else:
        factor = max(guess, best) / min(guess, best)
        steps = abs(np.log10(guess / best)) / 0.25
        closeness = (
            "Spot on: within the band of λ that are about as good."
            if path.lams[low] <= guess <= path.lams[high]
            else f"About {steps:.0f} slider steps away (a factor of {format_number(factor)})."
        )
    return (
        f"Your guess: λ = {format_lam(guess)}. Cross-validation's best: λ = {format_lam(best)}, and anything from "
        f"{format_lam(path.lams[low])} to {format_lam(path.lams[high])} is about as good. {closeness}"
    )


def sklearn_code(degree, n, lam):
    """The scikit-learn lines that reproduce this exact fit, to show and to run."""
    # Plain Python numbers: the repr of a numpy scalar ("np.float64(0.03)") is not runnable here.
    degree, n, lam = int(degree), int(n), float(lam)
    if lam == 0:
        return (
            "import numpy as np\n"
            "# λ = 0 is plain least squares; a Legendre basis computes it exactly\n"
            f"model = np.polynomial.Legendre.fit(x_train, y_train, deg={degree})\n"
            "y_curve = model(x_curve)"
        )
    return (
        "from sklearn.linear_model import Ridge\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler\n"
        "\n"
        f"# alpha = n × λ = {n} × {lam!r}\n"
        "model = make_pipeline(\n"
        "    MinMaxScaler(),\n"
        f"    PolynomialFeatures({degree}, include_bias=False),\n"
        "    StandardScaler(),\n"
        f'    Ridge(alpha={n * lam!r}, solver="svd"),\n'
        ")\n"
        "model.fit(x_train.reshape(-1, 1), y_train)\n"
        "y_curve = model.predict(x_curve.reshape(-1, 1))"
    )
