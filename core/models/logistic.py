"""Logistic regression with the L2 penalty, in the app's convention, for every λ of a grid.

For labels y ∈ {0, 1} and features X (n rows), minimize

    (1/n)·Σᵢ [log(1 + exp(zᵢ)) − yᵢ·zᵢ] + λ·Σⱼ wⱼ²,   z = b + X·w,

the mean log-loss plus λ times the squared weights; the intercept b is not penalized. This
equals scikit-learn's ``LogisticRegression(C=1/(2·n·λ))`` (its objective is
½·‖w‖² + C·Σ log-loss; divide by C·n), so λ does not depend on n, as for ridge.

Solver: Newton's method in the row space of X. With the thin SVD X = U·S·Vᵀ (rank r), every
minimizer has w = V·c: a part of w outside the row space changes no prediction and only
adds penalty. So there are r + 1 unknowns (c and b), z = U·S·c + b, the penalty is λ·‖c‖², and
the Hessian is small (r ≤ n). Newton steps with a backtracking line search converge
quadratically, to rounding error; along a path each λ starts from the previous (stronger)
λ's solution, so a step of the path takes a few Newton steps. One SVD serves the whole path.

λ = 0 is special. When a line through the features splits the training labels perfectly
(with more words than comments it almost always can), the unpenalized log-loss has no
minimum: scaling the weights up always lowers it, and the weights grow without end. The path
therefore fits its λ = 0 row with ``NO_PENALTY_STAND_IN``, a penalty far weaker than any other
step: what the model does as the penalty vanishes (its weights point where the unpenalized
ones head, and it is all but certain on every training row).
"""

import warnings
from dataclasses import dataclass

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

#: The penalty that stands in for λ = 0 on a path (100 times weaker than the slider's smallest step).
NO_PENALTY_STAND_IN = 1e-10
_MAX_NEWTON = 200
_ARMIJO = 1e-4
#: Newton decrement (≈ twice the distance to the minimum's value) below which the objective is at rounding level.
_SMALL_DECREMENT = 1e-14


def mean_log_loss(z, y):
    """(1/n)·Σ [log(1 + exp(z)) − y·z]: the mean log-loss from the scores z (exact for any z)."""
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _objective(design, y, lam, theta):
    z = design @ theta
    return mean_log_loss(z, y) + lam * float(theta[:-1] @ theta[:-1]), z


def _newton(design, y, lam, theta, max_iter=_MAX_NEWTON):
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
        size = 1.0
        while size > 1e-12:
            candidate = theta + size * direction
            new_value, new_z = _objective(design, y, lam, candidate)
            if new_value <= value - _ARMIJO * size * decrement:
                break
            size /= 2
        else:
            return theta, step, True  # no step lowers the objective: at the minimum to rounding
        theta, value, z = candidate, new_value, new_z
    return theta, max_iter, False


@dataclass(frozen=True)
class _RowSpace:
    """X = U·S·Vᵀ, thin and without null directions; ``design`` = [U·S | 1]."""

    design: np.ndarray
    basis: np.ndarray  # V, shape (p, r)

    @classmethod
    def of(cls, X):
        X = X.toarray() if scipy.sparse.issparse(X) else np.asarray(X, dtype=float)
        U, s, Vt = scipy.linalg.svd(X, full_matrices=False, lapack_driver="gesdd")
        keep = s > (s[0] if s.size else 0.0) * max(X.shape) * np.finfo(float).eps
        design = np.hstack([U[:, keep] * s[keep], np.ones((X.shape[0], 1))])
        return cls(design=design, basis=Vt[keep].T)

    def start(self):
        return np.zeros(self.design.shape[1])

    def weights(self, theta):
        """(w, b) from θ = (c, b)."""
        return self.basis @ theta[:-1], float(theta[-1])


def _path_in_row_space(X, y, fit_lams):
    """Weights and intercepts for ``fit_lams`` (any order), fitted from the largest λ down, each warm-started."""
    space = _RowSpace.of(X)
    coef = np.empty((fit_lams.size, space.basis.shape[0]))
    intercept = np.empty(fit_lams.size)
    theta = space.start()
    for i in np.argsort(fit_lams)[::-1]:
        theta, _, _ = _newton(space.design, y, fit_lams[i], theta)
        coef[i], intercept[i] = space.weights(theta)
    return coef, intercept


def _scores(X, coef, intercept):
    """Scores b + X·w for every λ: shape (L, m)."""
    return np.asarray((X @ coef.T).T) + intercept[:, None]


def _mean_log_losses(scores, y):
    return np.mean(np.logaddexp(0.0, scores) - y * scores, axis=1)


def _accuracies(scores, y):
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

    def decision_function(self, X):
        """Scores b + X·w (log-odds of label 1) for every λ: shape (L, m)."""
        return _scores(X, self.coef, self.intercept)

    def predict_proba(self, X):
        """Probability of label 1 for every λ: shape (L, m)."""
        return expit(self.decision_function(X))

    @property
    def best_index(self):
        """Index of the λ with the lowest cross-validated log-loss."""
        return int(np.argmin(self.cv_log_loss))

    def sklearn_C(self, index):
        """scikit-learn's C for the λ at ``index``: 1/(2·n·λ) (with the stand-in penalty at λ = 0)."""
        return 1.0 / (2.0 * self.n * self.fit_lams[index])


def stratified_folds(y, folds=N_FOLDS):
    """Training and validation rows of each fold: ``StratifiedKFold(folds, shuffle=True, random_state=0)``."""
    return list(StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(y.size), y))


def _cross_validate(X, y, fit_lams, folds):
    """Per-fold log-loss and accuracy for every λ: arrays of shape (folds, L)."""
    n = y.size
    losses, accuracies = [], []
    for train, valid in stratified_folds(y, folds):
        # The fold's objective with C = 1/(2nλ) fixed: (1/n_fold)·Σ log-loss + λ·(n/n_fold)·‖w‖².
        coef, intercept = _path_in_row_space(X[train], y[train], fit_lams * n / train.size)
        scores = _scores(X[valid], coef, intercept)
        losses.append(_mean_log_losses(scores, y[valid]))
        accuracies.append(_accuracies(scores, y[valid]))
    return np.array(losses), np.array(accuracies)


def logistic_path(X, y, lams=SLIDER_LAMS, X_test=None, y_test=None, folds=N_FOLDS):
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

    Returns
    -------
    LogisticPath
    """
    y = check_binary(y)
    lams = check_lams(lams)
    if X.shape[0] != y.size:
        raise ValueError(f"X has {X.shape[0]} rows and y has {y.size}")
    fit_lams = np.where(lams > 0, lams, NO_PENALTY_STAND_IN)
    coef, intercept = _path_in_row_space(X, y, fit_lams)
    train_scores = _scores(X, coef, intercept)
    if X_test is not None:
        test_y = np.asarray(y_test, dtype=float)
        test_scores = _scores(X_test, coef, intercept)
        test_accuracy, test_log_loss = _accuracies(test_scores, test_y), _mean_log_losses(test_scores, test_y)
    else:
        test_accuracy = test_log_loss = np.full(lams.size, np.nan)
    losses, accuracies = _cross_validate(X, y, fit_lams, folds)
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
    ``sklearn.linear_model.LogisticRegression(C=1/(2*n*lam))``.

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

    def __init__(self, lam=1e-3, max_iter=_MAX_NEWTON):
        self.lam = lam
        self.max_iter = max_iter

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        tags.input_tags.sparse = True
        return tags

    def fit(self, X, y):
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
        space = _RowSpace.of(X)
        theta, self.n_iter_, converged = _newton(space.design, labels.astype(float), lam, space.start(), self.max_iter)
        if not converged:
            warnings.warn(
                f"no minimum reached in {self.max_iter} Newton steps: with lam=0 and rows a line can split "
                "perfectly, the weights grow without end",
                ConvergenceWarning,
                stacklevel=2,
            )
        coef, intercept = space.weights(theta)
        self.coef_ = coef[None, :]
        self.intercept_ = np.array([intercept])
        return self

    def decision_function(self, X):
        """Log-odds of ``classes_[1]`` for each row."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        return np.asarray(X @ self.coef_[0]).ravel() + self.intercept_[0]

    def predict_proba(self, X):
        """Probabilities of ``classes_[0]`` and ``classes_[1]``: shape (m, 2)."""
        positive = expit(self.decision_function(X))
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X):
        """The class of each row (``classes_[1]`` where its probability is above one half)."""
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
