"""Logistic regression with the L2 penalty, in the app's convention, for every λ of a grid.

For labels y ∈ {0, 1} and features X (n rows), minimize

    (1/n)·Σᵢ [log(1 + exp(zᵢ)) − yᵢ·zᵢ] + λ·Σⱼ wⱼ²,   z = b + X·w,

the mean log-loss plus λ times the squared weights; the intercept b is not penalized. This
equals scikit-learn's ``LogisticRegression(C=1/(2·n·λ))`` (its objective is
½·‖w‖² + C·Σ log-loss; divide by C·n), so λ does not depend on n, as for ridge.

Two solvers, both Newton's method to rounding error, chosen by the size of the problem:

- **In the row space** (when ``min(n, p) ≤ ROW_SPACE_MAX_RANK``: few rows, or few features). With the thin
  SVD X = U·S·Vᵀ (rank r), every minimizer has w = V·c: a part of w outside the row space changes no
  prediction and only adds penalty. So there are r + 1 unknowns (c and b), z = U·S·c + b, the penalty is
  λ·‖c‖², and the Hessian is small. Newton steps with a backtracking line search converge quadratically,
  to rounding error; one SVD serves the whole path. Each Newton step costs n·r², so this route is for
  small r only (the two-signal customers: 80 rows, 27 features).
- **Newton–CG on X itself** (otherwise: comments, with thousands of rows and word columns, X sparse).
  Each Newton step solves H·s = −g by conjugate gradients, which touch X only through products X·v and
  Xᵀ·u (a pass over the non-zero entries, no n × n or p × p matrix is ever formed); the steps get more
  exact as the gradient shrinks, and once the decrease left is at rounding level one last step is solved
  to rounding and taken whole. Every λ of a path starts from a guess: a parabola (in log λ) through the
  three previous, stronger λ's solutions, so a λ takes about three Newton steps.

Along a path both routes fit from the strongest λ down, each λ starting from the previous (stronger)
λ's solution, so a step of the path takes a few Newton steps.

λ = 0 is special. When a line through the features splits the training labels perfectly
(with more words than comments it almost always can), the unpenalized log-loss has no
minimum: scaling the weights up always lowers it, and the weights grow without end. The path
therefore fits its λ = 0 row with ``NO_PENALTY_STAND_IN``, a penalty far weaker than any other
step: what the model does as the penalty vanishes (its weights point where the unpenalized
ones head, and it is all but certain on every training row).
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import scipy.linalg
import scipy.sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .checks import check_binary, check_lam, check_lams
from .grid import N_FOLDS, SLIDER_LAMS

#: Rows of features: a dense array or a scipy sparse matrix.
Matrix = Any
#: ``progress(done, total)``, called after each fit of a path.
Progress = Callable[[int, int], None]

#: The penalty that stands in for λ = 0 on a path (100 times weaker than the slider's smallest step).
NO_PENALTY_STAND_IN = 1e-10
#: Up to this many rows or features (whichever is fewer) the row-space route solves; above it Newton–CG.
ROW_SPACE_MAX_RANK = 300
_MAX_NEWTON = 200
_ARMIJO = 1e-4
#: Newton decrement (≈ twice the distance to the minimum's value) below which the objective is at rounding level.
_SMALL_DECREMENT = 1e-14
#: Newton–CG: relative decrement at which the objective can no longer tell steps apart (then one exact last step).
_CG_SMALL_DECREMENT = 1e-12
#: Newton–CG: residual of the last step's conjugate gradients, relative to the gradient, or this small in
#: size (the gradient left after the step, at rounding level), whichever comes first.
_CG_LAST_STEP_TOLERANCE = 1e-12
_CG_LAST_STEP_RESIDUAL = 1e-15


def mean_log_loss(z: np.ndarray, y: np.ndarray) -> float:
    """(1/n)·Σ [log(1 + exp(z)) − y·z]: the mean log-loss from the scores z (exact for any z)."""
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _objective(design: np.ndarray, y: np.ndarray, lam: float, theta: np.ndarray) -> tuple[float, np.ndarray]:
    z = design @ theta
    return mean_log_loss(z, y) + lam * float(theta[:-1] @ theta[:-1]), z


def _newton(
    design: np.ndarray, y: np.ndarray, lam: float, theta: np.ndarray, max_iter: int = _MAX_NEWTON
) -> tuple[np.ndarray, int, bool]:
    """Minimize the penalized mean log-loss over θ = (c, b) with scores design·θ (the last column is the intercept).

    Returns θ, the number of Newton steps and whether it converged (the Newton decrement
    reached rounding level, or no step lowered the objective any more).
    """
    n = y.size
    penalized = np.ones(theta.size)
    penalized[-1] = 0.0
    value, z = _objective(design, y, lam, theta)
    for step in range(1, max_iter + 1):
        p = expit(z)
        gradient = design.T @ (p - y) / n + 2.0 * lam * penalized * theta
        hessian = (design.T * (p * (1.0 - p))) @ design / n + np.diag(2.0 * lam * penalized)
        try:
            direction = -scipy.linalg.solve(hessian, gradient, assume_a="pos")
        except (np.linalg.LinAlgError, scipy.linalg.LinAlgError):
            direction = -np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        decrement = -float(gradient @ direction)
        if decrement <= _SMALL_DECREMENT * max(1.0, value):
            # Close enough for a pure Newton step (no line search: the objective no longer changes by
            # more than rounding); Newton's quadratic convergence lands it on the minimum to rounding.
            return theta + direction, step, True

        def objective_at(
            size: float, theta: np.ndarray = theta, direction: np.ndarray = direction
        ) -> tuple[float, np.ndarray]:
            return _objective(design, y, lam, theta + size * direction)

        found = _backtrack(objective_at, value, decrement)
        if found is None:
            return theta, step, True  # no step lowers the objective: at the minimum to rounding
        size, value, z = found
        theta = theta + size * direction
    return theta, max_iter, False


def _backtrack(
    value_at: Callable[[float], tuple[float, np.ndarray]], value: float, decrement: float
) -> tuple[float, float, np.ndarray] | None:
    """Armijo backtracking: the first step size (1, 1/2, 1/4, …) that lowers the objective enough.

    ``value_at(size)`` returns the objective and the scores there. Returns (size, value, scores), or None when
    no step down to 1e-12 lowers it (the minimum, to rounding).
    """
    size = 1.0
    while size > 1e-12:
        new_value, new_z = value_at(size)
        if new_value <= value - _ARMIJO * size * decrement:
            return size, new_value, new_z
        size /= 2
    return None


@dataclass(frozen=True)
class _RowSpace:
    """X = U·S·Vᵀ, thin and without null directions; ``design`` = [U·S | 1]."""

    design: np.ndarray
    basis: np.ndarray  # V, shape (p, r)

    @classmethod
    def of(cls, X: Matrix) -> Self:
        X = X.toarray() if scipy.sparse.issparse(X) else np.asarray(X, dtype=float)
        U, s, Vt = scipy.linalg.svd(X, full_matrices=False, lapack_driver="gesdd")
        keep = s > (s[0] if s.size else 0.0) * max(X.shape) * np.finfo(float).eps
        design = np.hstack([U[:, keep] * s[keep], np.ones((X.shape[0], 1))])
        return cls(design=design, basis=Vt[keep].T)

    def start(self) -> np.ndarray:
        return np.zeros(self.design.shape[1])

    def weights(self, theta: np.ndarray) -> tuple[np.ndarray, float]:
        """(w, b) from θ = (c, b)."""
        return self.basis @ theta[:-1], float(theta[-1])


def _path_in_row_space(X: Matrix, y: np.ndarray, fit_lams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights and intercepts for ``fit_lams`` (any order), fitted from the largest λ down, each warm-started."""
    space = _RowSpace.of(X)
    coef = np.empty((fit_lams.size, space.basis.shape[0]))
    intercept = np.empty(fit_lams.size)
    theta = space.start()
    for i in np.argsort(fit_lams)[::-1]:
        theta, _, _ = _newton(space.design, y, fit_lams[i], theta)
        coef[i], intercept[i] = space.weights(theta)
    return coef, intercept


class _Primal:
    """The objective on X itself, for Newton–CG: scores, values, gradients and Hessian products.

    θ = (w, b) is one vector (the intercept last); X is kept as given (sparse CSR or dense), and ``Xt``
    is its transpose, made once per path (building a sparse transpose view costs as much as a product).
    """

    def __init__(self, X: Matrix, Xt: Matrix, y: np.ndarray, lam: float) -> None:
        self.X, self.Xt, self.y, self.lam = X, Xt, y, lam
        self.n = y.size

    def scores(self, theta: np.ndarray) -> np.ndarray:
        return np.asarray(self.X @ theta[:-1]).ravel() + theta[-1]

    def value(self, theta: np.ndarray, z: np.ndarray) -> float:
        w = theta[:-1]
        return mean_log_loss(z, self.y) + self.lam * float(w @ w)

    def gradient(self, theta: np.ndarray, p: np.ndarray) -> np.ndarray:
        g = np.empty_like(theta)
        g[:-1] = np.asarray(self.Xt @ (p - self.y)).ravel() / self.n + 2.0 * self.lam * theta[:-1]
        g[-1] = float(np.mean(p - self.y))
        return g

    def hessian_times(self, curvature: np.ndarray, v: np.ndarray) -> np.ndarray:
        """H·v with H = [X | 1]ᵀ·diag(curvature)·[X | 1] + 2λ (on w only); ``curvature`` is p(1 − p)/n."""
        u = curvature * self.scores(v)
        out = np.empty_like(v)
        out[:-1] = np.asarray(self.Xt @ u).ravel() + 2.0 * self.lam * v[:-1]
        out[-1] = u.sum()
        return out


def _conjugate_gradients(
    problem: _Primal, curvature: np.ndarray, gradient: np.ndarray, tolerance: float, max_steps: int
) -> np.ndarray:
    """An approximate solution s of H·s = −g: stops when ‖H·s + g‖ ≤ tolerance·‖g‖ (or on no curvature left)."""
    residual = -gradient
    step = np.zeros_like(gradient)
    direction = residual.copy()
    size = float(residual @ residual)
    goal = tolerance**2 * size
    for _ in range(max_steps):
        h_direction = problem.hessian_times(curvature, direction)
        curve = float(direction @ h_direction)
        if curve <= 0.0:
            break
        alpha = size / curve
        step += alpha * direction
        residual -= alpha * h_direction
        new_size = float(residual @ residual)
        if new_size <= goal:
            break
        direction = residual + (new_size / size) * direction
        size = new_size
    return step


def _newton_cg(
    X: Matrix, y: np.ndarray, lam: float, theta: np.ndarray, max_iter: int = _MAX_NEWTON, Xt: Matrix | None = None
) -> tuple[np.ndarray, int, bool]:
    """Minimize the penalized mean log-loss over θ = (w, b) on X itself, from ``theta``.

    Returns θ, the number of Newton steps and whether it converged (the decrease left reached rounding
    level and one last step was solved to ``_CG_LAST_STEP_TOLERANCE``, or no step lowered the objective).
    """
    problem = _Primal(X, X.T if Xt is None else Xt, y, lam)
    max_cg = 2 * min(X.shape[0], X.shape[1] + 1) + 20
    z = problem.scores(theta)
    value = problem.value(theta, z)
    for step in range(1, max_iter + 1):
        p = expit(z)
        gradient = problem.gradient(theta, p)
        size = float(np.abs(gradient).max())
        if size == 0.0:
            return theta, step, True
        curvature = p * (1.0 - p) / problem.n
        direction = _conjugate_gradients(problem, curvature, gradient, min(0.1, np.sqrt(size)), max_cg)
        decrement = -float(gradient @ direction)
        if decrement <= _CG_SMALL_DECREMENT * value:
            # Next to the minimum: one step solved to rounding, taken whole (Newton lands on the minimum).
            tolerance = max(_CG_LAST_STEP_TOLERANCE, _CG_LAST_STEP_RESIDUAL / float(np.linalg.norm(gradient)))
            last = _conjugate_gradients(problem, curvature, gradient, tolerance, max_cg)
            return theta + last, step, True
        change = problem.scores(direction)  # the scores move along a straight line: z + size·change

        def value_at(
            size: float, theta: np.ndarray = theta, direction: np.ndarray = direction, z: np.ndarray = z,
            change: np.ndarray = change,
        ) -> tuple[float, np.ndarray]:  # fmt: skip
            new_z = z + size * change
            return problem.value(theta + size * direction, new_z), new_z

        found = _backtrack(value_at, value, decrement)
        if found is None:
            return theta, step, True  # no step lowers the objective: at the minimum to rounding
        size, value, z = found
        theta = theta + size * direction
    return theta, max_iter, False


#: Newton–CG paths start each λ from a polynomial of this degree (in log λ) through the previous solutions.
_GUESS_DEGREE = 2


def _extrapolated(log_lams: list[float], solutions: list[np.ndarray], log_lam: float) -> np.ndarray:
    """The polynomial through (log λ, solution) pairs, at ``log_lam`` (Lagrange's form)."""
    guess = np.zeros_like(solutions[0])
    for a, (x_a, y_a) in enumerate(zip(log_lams, solutions)):
        weight = 1.0
        for b, x_b in enumerate(log_lams):
            if b != a:
                weight *= (log_lam - x_b) / (x_a - x_b)
        guess += weight * y_a
    return guess


def _path_newton_cg(
    X: Matrix, y: np.ndarray, fit_lams: np.ndarray, progress: Callable[[], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weights and intercepts for ``fit_lams`` (any order) by Newton–CG, from the largest λ down.

    Each λ starts from a polynomial in log λ through the previous solutions (a line through two, then a
    parabola through three: about a tenth fewer Hessian products than the line on the shipped comments),
    or from the previous solution when that guess is worse on this λ's objective.
    """
    p = X.shape[1]
    Xt = X.T
    coef = np.empty((fit_lams.size, p))
    intercept = np.empty(fit_lams.size)
    theta = np.zeros(p + 1)
    log_lams: list[float] = []
    solutions: list[np.ndarray] = []
    for i in np.argsort(fit_lams)[::-1]:
        start = theta
        if len(solutions) >= 2:
            guess = _extrapolated(log_lams, solutions, np.log(fit_lams[i]))
            problem = _Primal(X, Xt, y, fit_lams[i])
            if problem.value(guess, problem.scores(guess)) < problem.value(theta, problem.scores(theta)):
                start = guess
        theta, _, _ = _newton_cg(X, y, fit_lams[i], start, Xt=Xt)
        coef[i], intercept[i] = theta[:-1], theta[-1]
        log_lams, solutions = (
            [*log_lams, np.log(fit_lams[i])][-_GUESS_DEGREE - 1 :],
            [*solutions, theta][-_GUESS_DEGREE - 1 :],
        )
        if progress is not None:
            progress()
    return coef, intercept


def _fit_path(
    X: Matrix, y: np.ndarray, fit_lams: np.ndarray, progress: Callable[[], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The path by the route that suits the problem's size (see the module's docstring)."""
    if min(X.shape) <= ROW_SPACE_MAX_RANK:
        coef, intercept = _path_in_row_space(X, y, fit_lams)
        if progress is not None:
            for _ in fit_lams:
                progress()
        return coef, intercept
    X = X.tocsr() if scipy.sparse.issparse(X) else np.asarray(X, dtype=float)
    return _path_newton_cg(X, y, fit_lams, progress)


def _scores(X: Matrix, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """Scores b + X·w for every λ: shape (L, m)."""
    return np.asarray((X @ coef.T).T) + intercept[:, None]


def _mean_log_losses(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.mean(np.logaddexp(0.0, scores) - y * scores, axis=1)


def _accuracies(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.mean((scores > 0) == (y > 0.5), axis=1)


@dataclass(frozen=True)
class LogisticPath:
    """An L2 logistic regression fitted for every λ of a grid, with its errors.

    Attributes
    ----------
    lams : ndarray of shape (L,)
        Penalty strengths as shown (ascending; may start with 0).
    fit_lams : ndarray of shape (L,)
        Penalties actually fitted: ``lams`` with 0 replaced by ``NO_PENALTY_STAND_IN``.
    coef : ndarray of shape (L, p)
    intercept : ndarray of shape (L,)
    train_accuracy, train_log_loss : ndarray of shape (L,)
        Share of training rows classified right, and the mean log-loss there.
    test_accuracy, test_log_loss : ndarray of shape (L,)
        The same on held-out rows (NaN when none were given).
    cv_log_loss, cv_log_loss_se, cv_accuracy : ndarray of shape (L,)
        ``N_FOLDS``-fold cross-validation (stratified, shuffled with seed 0) on the training rows: mean of the fold log-losses, their standard
        deviation (ddof=1) / √folds, and the mean fold accuracy. Every fold fit uses
        ``C = 1/(2·n·λ)`` with n = all training rows, as ``cross_val_score(LogisticRegression(C=...), ...)`` does.
    n : int
        Number of training rows.
    """

    lams: np.ndarray
    fit_lams: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    train_accuracy: np.ndarray
    train_log_loss: np.ndarray
    test_accuracy: np.ndarray
    test_log_loss: np.ndarray
    cv_log_loss: np.ndarray
    cv_log_loss_se: np.ndarray
    cv_accuracy: np.ndarray
    n: int

    def decision_function(self, X: Matrix) -> np.ndarray:
        """Scores b + X·w (log-odds of label 1) for every λ: shape (L, m)."""
        return _scores(X, self.coef, self.intercept)

    def predict_proba(self, X: Matrix) -> np.ndarray:
        """Probability of label 1 for every λ: shape (L, m)."""
        return expit(self.decision_function(X))

    @property
    def best_index(self) -> int:
        """Index of the λ with the lowest cross-validated log-loss."""
        return int(np.argmin(self.cv_log_loss))

    def sklearn_C(self, index: int) -> float:
        """scikit-learn's C for the λ at ``index``: 1/(2·n·λ) (with the stand-in penalty at λ = 0)."""
        return 1.0 / (2.0 * self.n * self.fit_lams[index])


def stratified_folds(y: np.ndarray, folds: int = N_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    """Training and validation rows of each fold: ``StratifiedKFold(folds, shuffle=True, random_state=0)``."""
    return list(StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(y.size), y))


def _cross_validate(
    X: Matrix, y: np.ndarray, fit_lams: np.ndarray, folds: int, progress: Callable[[], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-fold log-loss and accuracy for every λ: arrays of shape (folds, L)."""
    n = y.size
    losses, accuracies = [], []
    for train, valid in stratified_folds(y, folds):
        # The fold's objective with C = 1/(2nλ) fixed: (1/n_fold)·Σ log-loss + λ·(n/n_fold)·‖w‖².
        coef, intercept = _fit_path(X[train], y[train], fit_lams * n / train.size, progress)
        scores = _scores(X[valid], coef, intercept)
        losses.append(_mean_log_losses(scores, y[valid]))
        accuracies.append(_accuracies(scores, y[valid]))
    return np.array(losses), np.array(accuracies)


def _counter(progress: Progress | None, total: int) -> Callable[[], None] | None:
    """A function that reports one more fit done to ``progress(done, total)`` (None when nobody listens)."""
    if progress is None:
        return None
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    return tick


def logistic_path(
    X: Matrix,
    y: Any,
    lams: Any = SLIDER_LAMS,
    X_test: Matrix | None = None,
    y_test: Any = None,
    folds: int = N_FOLDS,
    progress: Progress | None = None,
) -> LogisticPath:
    """Fit L2 logistic regression for every λ of ``lams``, with held-out and cross-validated errors.

    Parameters
    ----------
    X : array or sparse matrix of shape (n, p)
        Training features (used as given: no scaling here).
    y : array of shape (n,)
        Labels, 0 or 1.
    lams : array of shape (L,)
        Ascending penalty strengths ≥ 0; 0 is fitted with ``NO_PENALTY_STAND_IN``.
    X_test, y_test : optional
        Held-out rows.
    folds : int
        Folds of the cross-validation on the training rows.
    progress : callable, optional
        Called as ``progress(done, total)`` after each of the ``(folds + 1)·L`` fits.

    Returns
    -------
    LogisticPath
    """
    y = check_binary(y)
    lams = check_lams(lams)
    if X.shape[0] != y.size:
        raise ValueError(f"X has {X.shape[0]} rows and y has {y.size}")
    fit_lams = np.where(lams > 0, lams, NO_PENALTY_STAND_IN)
    tick = _counter(progress, (folds + 1) * lams.size)
    coef, intercept = _fit_path(X, y, fit_lams, tick)
    train_scores = _scores(X, coef, intercept)
    if X_test is not None:
        test_y = np.asarray(y_test, dtype=float)
        test_scores = _scores(X_test, coef, intercept)
        test_accuracy, test_log_loss = _accuracies(test_scores, test_y), _mean_log_losses(test_scores, test_y)
    else:
        test_accuracy = test_log_loss = np.full(lams.size, np.nan)
    losses, accuracies = _cross_validate(X, y, fit_lams, folds, tick)
    return LogisticPath(
        lams=lams,
        fit_lams=fit_lams,
        coef=coef,
        intercept=intercept,
        train_accuracy=_accuracies(train_scores, y),
        train_log_loss=_mean_log_losses(train_scores, y),
        test_accuracy=test_accuracy,
        test_log_loss=test_log_loss,
        cv_log_loss=losses.mean(axis=0),
        cv_log_loss_se=losses.std(axis=0, ddof=1) / np.sqrt(folds),
        cv_accuracy=accuracies.mean(axis=0),
        n=y.size,
    )


class L2LogisticRegression(ClassifierMixin, BaseEstimator):
    """Binary logistic regression with the L2 penalty in the app's convention.

    Minimizes (1/n)·Σ log-loss + lam·‖w‖², intercept not penalized; equal to
    ``sklearn.linear_model.LogisticRegression(C=1/(2*n*lam))``. Solved in the row space when rows or
    features are few (``ROW_SPACE_MAX_RANK``), otherwise by Newton–CG on X itself (see the module).

    Parameters
    ----------
    lam : float, default=1e-3
        Penalty strength λ ≥ 0. With 0 and training rows a line can split perfectly, the weights
        grow without end: the fit stops after ``max_iter`` Newton steps with a ``ConvergenceWarning``.
    max_iter : int, default=200
        Most Newton steps.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
        Newton steps taken.
    n_features_in_ : int
    """

    def __init__(self, lam: float = 1e-3, max_iter: int = _MAX_NEWTON) -> None:
        self.lam = lam
        self.max_iter = max_iter

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        tags.input_tags.sparse = True
        return tags

    def fit(self, X: Any, y: Any) -> Self:
        """Fit the model to rows X (array or sparse matrix) and labels y (two classes)."""
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        check_classification_targets(y)
        lam = check_lam(self.lam)
        self.classes_, labels = np.unique(y, return_inverse=True)
        if self.classes_.size != 2:
            count = self.classes_.size
            raise ValueError(
                "Only binary classification is supported: L2LogisticRegression needs exactly 2 classes, "
                f"got {count} class{'es' if count != 1 else ''}"
            )
        labels = labels.astype(float)
        if min(X.shape) <= ROW_SPACE_MAX_RANK:
            space = _RowSpace.of(X)
            theta, self.n_iter_, converged = _newton(space.design, labels, lam, space.start(), self.max_iter)
            coef, intercept = space.weights(theta)
        else:
            start = np.zeros(X.shape[1] + 1)
            theta, self.n_iter_, converged = _newton_cg(X, labels, lam, start, self.max_iter)
            coef, intercept = theta[:-1], float(theta[-1])
        if not converged:
            warnings.warn(
                f"no minimum reached in {self.max_iter} Newton steps: with lam=0 and rows a line can split "
                "perfectly, the weights grow without end",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.coef_ = coef[None, :]
        self.intercept_ = np.array([intercept])
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of ``classes_[1]`` for each row."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        return np.asarray(X @ self.coef_[0]).ravel() + self.intercept_[0]

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]``: shape (m, 2)."""
        positive = expit(self.decision_function(X))
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X: Any) -> np.ndarray:
        """The class of each row (``classes_[1]`` where its probability is above one half)."""
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
