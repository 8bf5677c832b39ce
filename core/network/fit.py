"""A small neural network with weight decay, trained for every λ at once, step for step as scikit-learn trains it.

The network is scikit-learn's ``MLPClassifier`` with the settings of ``Settings`` (tanh hidden layers,
a logistic output, the Adam solver, every training row in one batch, no shuffling, a fixed number of
epochs and a fixed seed). Its objective, read from scikit-learn's source
(``sklearn/neural_network/_multilayer_perceptron.py``, ``_backprop``), is

    binary_log_loss + (alpha / (2·n))·Σ w²    (n = rows in the batch; Σ over every layer's weights, not the biases),

where ``binary_log_loss`` is the *mean* log-loss over the batch (``_base.py``). The app's convention is
(1/n)·Σ log-loss + λ·Σ w², so **alpha = 2·n·λ** (``sklearn_alpha``). This holds because the batch is the
whole training set: with mini-batches of b rows each step would charge alpha/(2·b), a stronger penalty.
(``MLPRegressor``'s squared error carries a factor ½, so there alpha = n·λ.)

``train`` runs the same arithmetic as scikit-learn (Glorot-uniform start drawn from
``RandomState(seed)`` layer by layer, weights then biases; forward pass; back-propagation with the
penalty's gradient alpha·W/n; Adam's update) for many penalties at once: every array gets a leading
axis, one network per λ, so a whole λ path costs about as much Python as one network.
tests/test_network.py checks each λ against ``MLPClassifier(...).fit`` (predictions to 1e-6; they
agree to about 1e-14). No streamlit here.
"""

import itertools
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy.special import expit
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier

from ..models.checks import check_binary, check_lams
from ..show.compare import compared_with
from ..show.palette import NO_PENALTY
from ..verdict import SweetSpot, sweet_spot

#: Folds of the cross-validation (stratified, shuffled with seed 0), as on the other classifier pages.
N_FOLDS = 5


@dataclass(frozen=True)
class Settings:
    """How the networks are built and trained: everything but the penalty.

    Attributes
    ----------
    hidden : tuple of int
        Units in each hidden layer.
    epochs : int
        Passes over the training rows (one Adam step each: the batch is every row).
    learning_rate : float
        Adam's step size (scikit-learn's ``learning_rate_init``).
    seed : int
        Seed of the starting weights (scikit-learn's ``random_state``).
    """

    hidden: tuple = (16, 16)
    epochs: int = 1000
    learning_rate: float = 0.01
    seed: int = 0

    #: scikit-learn's defaults for Adam, named here because the trainer repeats its arithmetic.
    beta_1 = 0.9
    beta_2 = 0.999
    epsilon = 1e-8
    activation = "tanh"


SETTINGS = Settings()


def sklearn_alpha(lam, n):
    """scikit-learn's ``alpha`` for the app's λ on n training rows: alpha = 2·n·λ (see the module's docstring)."""
    return 2.0 * n * lam


def lam_of_alpha(alpha, n):
    """The app's λ for scikit-learn's ``alpha`` on n training rows: λ = alpha / (2·n)."""
    return alpha / (2.0 * n)


#: scikit-learn's ``batch_size="auto"`` is min(200, rows): every row in one batch up to this many rows.
FULL_BATCH_ROWS = 200


def sklearn_network(lam, n, settings=SETTINGS):
    """The ``MLPClassifier`` that ``train`` reproduces for the penalty λ on n training rows (not fitted).

    Its batch is every training row (``batch_size="auto"`` is min(200, rows)), so alpha = 2nλ holds; also in
    cross-validation, where each fold's batch is the fold's rows.
    """
    if n > FULL_BATCH_ROWS:
        raise ValueError(f"alpha = 2nλ needs one batch of all rows: at most {FULL_BATCH_ROWS} rows, got {n}")
    return MLPClassifier(
        hidden_layer_sizes=settings.hidden,
        activation=settings.activation,
        solver="adam",
        alpha=sklearn_alpha(lam, n),
        batch_size="auto",
        learning_rate_init=settings.learning_rate,
        max_iter=settings.epochs,
        shuffle=False,
        tol=0.0,
        n_iter_no_change=settings.epochs,  # never stop early: always ``epochs`` passes
        random_state=settings.seed,
        beta_1=settings.beta_1,
        beta_2=settings.beta_2,
        epsilon=settings.epsilon,
    )


def initial_weights(n_features, settings=SETTINGS):
    """The starting weights and biases scikit-learn draws (Glorot uniform, ``RandomState(seed)``, layer by layer)."""
    state = np.random.RandomState(settings.seed)
    units = [n_features, *settings.hidden, 1]
    coefs, intercepts = [], []
    factor = 2.0 if settings.activation == "logistic" else 6.0
    for fan_in, fan_out in itertools.pairwise(units):
        bound = np.sqrt(factor / (fan_in + fan_out))
        coefs.append(state.uniform(-bound, bound, (fan_in, fan_out)))
        intercepts.append(state.uniform(-bound, bound, fan_out))
    return coefs, intercepts


@dataclass(frozen=True)
class Networks:
    """A stack of networks of one shape, one per penalty.

    Attributes
    ----------
    coefs : tuple of ndarray
        Layer k's weights for every network: shape (L, units in, units out).
    intercepts : tuple of ndarray
        Layer k's biases: shape (L, units out).
    """

    coefs: tuple
    intercepts: tuple

    @property
    def size(self):
        return self.coefs[0].shape[0]

    def scores(self, X):
        """The output layer before the logistic (the log-odds of label 1) for every network: shape (L, m)."""
        return _forward(self.coefs, self.intercepts, np.asarray(X, dtype=float))[-1][..., 0]

    def predict_proba(self, X):
        """Probability of label 1 for every network: shape (L, m)."""
        return expit(self.scores(X))

    def weight_size(self):
        """Size of all weights together, √(Σ w²) over every layer (biases not counted): shape (L,)."""
        return np.sqrt(_sum_of_squares(self.coefs))

    def take(self, rows):
        """The networks at ``rows`` (an index or an index array) as a new stack."""
        rows = np.atleast_1d(rows)
        return Networks(tuple(c[rows] for c in self.coefs), tuple(b[rows] for b in self.intercepts))


def _sum_of_squares(coefs):
    return sum(np.einsum("lij,lij->l", c, c) for c in coefs)


def _forward(coefs, intercepts, X):
    """Every layer's output for every network (the last before its logistic), as scikit-learn's forward pass."""
    activations = [X]
    last = len(coefs) - 1
    for k, (coef, intercept) in enumerate(zip(coefs, intercepts)):
        z = activations[-1] @ coef
        z += intercept[:, None, :]
        if k < last:
            np.tanh(z, out=z)
        activations.append(z)
    return activations


def mean_log_loss(scores, y):
    """(1/m)·Σ [log(1 + exp(z)) − y·z] along the last axis: the mean log-loss, exact for any score z."""
    return np.mean(np.logaddexp(0.0, scores) - y * scores, axis=-1)


def accuracy(scores, y):
    """Share of rows on the right side of 50 %: along the last axis."""
    return np.mean((scores > 0) == (y > 0.5), axis=-1)


@dataclass(frozen=True)
class History:
    """What happened during training, at the epochs in ``epochs`` (0 = the starting weights).

    ``losses[name]`` is the mean log-loss on the watched rows called ``name``, shape (L, len(epochs));
    ``weight_size`` is √(Σ w²) over every layer, same shape.
    """

    epochs: np.ndarray
    losses: dict
    weight_size: np.ndarray


def train(X, y, alphas, settings=SETTINGS, record_epochs=(), watch=None, progress=None):
    """Train one network per ``alphas`` value (scikit-learn's alpha) on rows X and labels y (0 or 1), full batch.

    Parameters
    ----------
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
    alphas : array of shape (L,)
        scikit-learn's ``alpha`` of each network (``sklearn_alpha(λ, n)``).
    settings : Settings
    record_epochs : sequence of int
        Epochs (0 to ``settings.epochs``) after which to record the losses on ``watch`` and the weights' size.
    watch : dict of name -> (X, y), optional
        Rows on which to record the mean log-loss.
    progress : callable, optional
        Called with the share of epochs done (0 to 1) now and then.

    Returns
    -------
    (Networks, History)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = np.asarray(alphas, dtype=float)
    n = X.shape[0]
    count = alphas.size
    start_coefs, start_intercepts = initial_weights(X.shape[1], settings)
    coefs = [np.repeat(c[None], count, axis=0) for c in start_coefs]
    intercepts = [np.repeat(b[None], count, axis=0) for b in start_intercepts]
    params = coefs + intercepts
    first_moments = [np.zeros_like(p) for p in params]
    second_moments = [np.zeros_like(p) for p in params]
    target = y[:, None]
    decay = alphas[:, None, None]
    layers = len(coefs)
    watch = watch or {}
    record_epochs = np.asarray(sorted({int(e) for e in record_epochs}), dtype=int)
    if record_epochs.size and not 0 <= record_epochs[0] <= record_epochs[-1] <= settings.epochs:
        raise ValueError(f"record_epochs must be from 0 to {settings.epochs}")
    losses = {name: np.empty((count, record_epochs.size)) for name in watch}
    sizes = np.empty((count, record_epochs.size))
    recorded = 0

    def record():
        nonlocal recorded
        for name, (rows, labels) in watch.items():
            scores = _forward(coefs, intercepts, np.asarray(rows, dtype=float))[-1][..., 0]
            losses[name][:, recorded] = mean_log_loss(scores, np.asarray(labels, dtype=float))
        sizes[:, recorded] = np.sqrt(_sum_of_squares(coefs))
        recorded += 1

    if record_epochs.size and record_epochs[0] == 0:
        record()
    report_every = max(1, settings.epochs // 50)
    for step in range(1, settings.epochs + 1):
        activations = _forward(coefs, intercepts, X)
        delta = expit(activations[-1]) - target
        coef_grads = [None] * layers
        intercept_grads = [None] * layers
        for k in range(layers - 1, -1, -1):
            grad = activations[k].transpose(0, 2, 1) @ delta if k else X.T @ delta
            grad += decay * coefs[k]
            grad /= n
            coef_grads[k] = grad
            intercept_grads[k] = delta.sum(axis=1) / n
            if k:
                delta = delta @ coefs[k].transpose(0, 2, 1)
                delta *= 1.0 - activations[k] ** 2
        grads = coef_grads + intercept_grads
        first_moments = [settings.beta_1 * m + (1 - settings.beta_1) * g for m, g in zip(first_moments, grads)]
        second_moments = [settings.beta_2 * v + (1 - settings.beta_2) * g**2 for v, g in zip(second_moments, grads)]
        rate = settings.learning_rate * np.sqrt(1 - settings.beta_2**step) / (1 - settings.beta_1**step)
        for param, m, v in zip(params, first_moments, second_moments):
            param += -rate * m / (np.sqrt(v) + settings.epsilon)
        if recorded < record_epochs.size and record_epochs[recorded] == step:
            record()
        if progress is not None and step % report_every == 0:
            progress(step / settings.epochs)
    networks = Networks(tuple(coefs), tuple(intercepts))
    return networks, History(record_epochs, losses, sizes)


def stratified_folds(y, folds=N_FOLDS):
    """Training and validation rows of each fold: ``StratifiedKFold(folds, shuffle=True, random_state=0)``."""
    return list(StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(len(y)), y))


def cross_validate(X, y, lams, settings=SETTINGS, folds=N_FOLDS, progress=None):
    """Per-fold mean log-loss and accuracy on the left-out rows for every λ: arrays of shape (folds, L).

    Every fold's networks use alpha = 2·n·λ with n = *all* training rows, as
    ``cross_val_score(sklearn_network(λ, n), X, y, cv=StratifiedKFold(...))`` does with a fixed alpha.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = sklearn_alpha(np.asarray(lams, dtype=float), y.size)
    losses, accuracies = [], []
    splits = stratified_folds(y, folds)
    for k, (rows, left_out) in enumerate(splits):
        fold_progress = None if progress is None else (lambda share, k=k: progress((k + share) / len(splits)))
        networks, _ = train(X[rows], y[rows], alphas, settings, progress=fold_progress)
        scores = networks.scores(X[left_out])
        losses.append(mean_log_loss(scores, y[left_out]))
        accuracies.append(accuracy(scores, y[left_out]))
    return np.array(losses), np.array(accuracies)


def record_epochs(epochs, points=120):
    """About ``points`` epochs from 0 to ``epochs``, evenly spaced on a log scale (every epoch early on, then sparser)."""
    spaced = np.unique(np.rint(np.geomspace(1, epochs, points)).astype(int))
    return np.concatenate([[0], spaced])


@dataclass(frozen=True)
class NetworkPath:
    """The network trained for every λ of a grid, with its errors and its training history.

    Attributes
    ----------
    lams : ndarray of shape (L,)
        Penalty strengths in the app's convention, ascending (may start with 0).
    n : int
        Training rows.
    settings : Settings
    networks : Networks
        The trained networks, one per λ.
    train_log_loss, test_log_loss, train_accuracy, test_accuracy : ndarray of shape (L,)
        Mean log-loss and share right on the training rows and on the new rows.
    cv_log_loss, cv_se, cv_accuracy : ndarray of shape (L,)
        ``N_FOLDS``-fold cross-validation on the training rows: mean of the fold log-losses, their standard
        deviation (ddof=1) / √folds, and the mean fold accuracy.
    history : History
        Log-loss on the training rows (``"train"``) and on the new rows (``"new"``), and the weights' size,
        during training.
    """

    lams: np.ndarray
    n: int
    settings: Settings
    networks: Networks
    train_log_loss: np.ndarray
    test_log_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    cv_log_loss: np.ndarray
    cv_se: np.ndarray
    cv_accuracy: np.ndarray
    history: History

    @property
    def alphas(self):
        """scikit-learn's alpha for each λ."""
        return sklearn_alpha(self.lams, self.n)

    @property
    def spot(self) -> SweetSpot:
        """The sweet-spot band by the app's one rule (``core.verdict.sweet_spot``) on the cross-validated log-loss."""
        return sweet_spot(self.cv_log_loss, self.cv_se)


def network_path(X, y, lams, X_test, y_test, settings=SETTINGS, folds=N_FOLDS, progress=None):
    """Train the network for every λ of ``lams`` on (X, y), score it on (X_test, y_test) and cross-validate it.

    ``progress(share)`` (optional) hears how far the work is, from 0 to 1.
    """
    lams = check_lams(lams)
    y = check_binary(y)
    y_test = np.asarray(y_test, dtype=float)
    # The main run is one of folds + 1 runs of about the same cost.
    parts = folds + 1
    networks, history = train(
        X,
        y,
        sklearn_alpha(lams, y.size),
        settings,
        record_epochs=record_epochs(settings.epochs),
        watch={"train": (X, y), "new": (X_test, y_test)},
        progress=None if progress is None else lambda share: progress(share / parts),
    )
    fold_losses, fold_accuracies = cross_validate(
        X,
        y,
        lams,
        settings,
        folds,
        progress=None if progress is None else lambda share: progress((1 + share * folds) / parts),
    )
    train_scores, test_scores = networks.scores(X), networks.scores(X_test)
    return NetworkPath(
        lams=lams,
        n=y.size,
        settings=settings,
        networks=networks,
        train_log_loss=mean_log_loss(train_scores, y),
        test_log_loss=mean_log_loss(test_scores, y_test),
        train_accuracy=accuracy(train_scores, y),
        test_accuracy=accuracy(test_scores, y_test),
        cv_log_loss=fold_losses.mean(axis=0),
        cv_se=fold_losses.std(axis=0, ddof=1) / np.sqrt(folds),
        cv_accuracy=fold_accuracies.mean(axis=0),
        history=history,
    )


def comparison(path, step):
    """What the reader's λ at ``step`` is compared with, by the one rule (``core.show.compare.compared_with``):
    the sweet spot while λ is 0, else no penalty."""
    spot = path.spot
    return compared_with(path.lams, step, spot.best, spot.high)


def compared_row(path, step):
    """The network drawn beside the one with no penalty at ``step``: the reader's λ once it moves; while it is 0,
    what ``comparison`` compares it with (the sweet spot, or its stand-in when the sweet spot is λ = 0 itself)."""
    other = comparison(path, step)
    return step if other.role == NO_PENALTY else other.row


def lowest_new_loss_epoch(path, row):
    """Where (an index into ``path.history.epochs``) the loss on new rows was lowest during training."""
    return int(np.argmin(path.history.losses["new"][row]))


def grid_probability(path, problem):
    """Every network's chance of label 1 on ``problem.grid``: shape (L, GRID_POINTS, GRID_POINTS)."""
    side = problem.grid_days.size
    return path.networks.predict_proba(problem.grid).reshape(path.lams.size, side, problem.grid_value.size)


# --- The page's path: built once by scripts/build_network_path.py, shipped as a small file ---

#: The file that ships with the app: the page's networks for every step of the λ control, and their errors.
PATH_FILE = Path(__file__).with_name("network_path.npz")
#: Bump when the file's layout changes.
FILE_FORMAT = 1
_ARRAYS = (
    "lams",
    "train_log_loss",
    "test_log_loss",
    "train_accuracy",
    "test_accuracy",
    "cv_log_loss",
    "cv_se",
    "cv_accuracy",
)


def recipe(lams, settings=SETTINGS, folds=N_FOLDS):
    """Everything the page's path depends on, as plain JSON: a file built from another recipe is stale."""
    from . import data

    return {
        "format": FILE_FORMAT,
        "lams": [float(lam) for lam in lams],
        "settings": {**asdict(settings), "hidden": list(settings.hidden), "activation": settings.activation},
        "folds": folds,
        "customers": {"seed": data.CUSTOMERS_SEED, "train": data.N_TRAIN, "new": data.N_TEST},
    }


def build_path(lams, settings=SETTINGS, progress=None):
    """The page's path computed from scratch (about 5 s on one core): the customers, every λ, cross-validated."""
    from . import data

    problem = data.problem()
    return network_path(
        problem.Z_train, problem.y_train, lams, problem.Z_test, problem.y_test, settings, progress=progress
    )


def save_path(path, file):
    """Write ``path`` to ``file`` (numpy's .npz: plain arrays and the recipe as JSON text, nothing pickled)."""
    arrays = {name: getattr(path, name) for name in _ARRAYS}
    for k, (coef, intercept) in enumerate(zip(path.networks.coefs, path.networks.intercepts)):
        arrays[f"coef_{k}"] = coef
        arrays[f"intercept_{k}"] = intercept
    arrays["history_epochs"] = path.history.epochs
    arrays["history_weight_size"] = path.history.weight_size
    for name, losses in path.history.losses.items():
        arrays[f"history_loss_{name}"] = losses
    arrays["recipe"] = np.array(json.dumps(recipe(path.lams, path.settings), sort_keys=True))
    np.savez_compressed(file, **arrays)


def load_path(file=PATH_FILE, lams=None, settings=SETTINGS):
    """The path stored in ``file``, or None when the file is missing or was built from another recipe.

    ``lams`` (default: the stored ones) and ``settings`` must be the ones the file was built from.
    """
    try:
        stored = np.load(file, allow_pickle=False)
    except FileNotFoundError:
        return None
    with stored:
        found = json.loads(str(stored["recipe"]))
        lams = stored["lams"] if lams is None else np.asarray(lams, dtype=float)
        if found != json.loads(json.dumps(recipe(lams, settings), sort_keys=True)):
            return None
        layers = sum(1 for name in stored.files if name.startswith("coef_"))
        networks = Networks(
            tuple(stored[f"coef_{k}"] for k in range(layers)), tuple(stored[f"intercept_{k}"] for k in range(layers))
        )
        history = History(
            epochs=stored["history_epochs"],
            losses={
                name.removeprefix("history_loss_"): stored[name]
                for name in stored.files
                if name.startswith("history_loss_")
            },
            weight_size=stored["history_weight_size"],
        )
        values = {name: stored[name] for name in _ARRAYS}
    n = found["customers"]["train"]
    return NetworkPath(n=n, settings=settings, networks=networks, history=history, **values)


def page_path(lams, progress=None):
    """The page's path: from the shipped file when it matches ``lams`` and ``SETTINGS``, otherwise built (slow)."""
    return load_path(PATH_FILE, lams) or build_path(lams, progress=progress)
