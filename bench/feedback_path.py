"""What the Sorting-feedback page precomputes, against refitting scikit-learn for every λ, in one process.

    .venv/bin/python bench/feedback_path.py [--rounds N]

For the shipped comments (1,628 × 7,476 tf-idf words and pairs, sparse; the Newton–CG route) and the
two-signal customers (80 × 27 degree-6 features; the row-space route):

- **ours**: ``core.models.logistic.logistic_path`` for the 42 slider λ: every λ's weights and intercept plus
  5-fold stratified cross-validation (6 × 42 = 252 fits, warm-started from the strongest penalty down).
- **scikit-learn, newton-cg**: ``LogisticRegression(C=1/(2nλ), solver="newton-cg", tol=1e-10)`` fitted for
  each λ on all training rows, and ``cross_val_score`` with the same folds for each λ (252 fits). (Its
  newton-cholesky would form a 7,476 × 7,476 Hessian at every step of the comments.)
- **scikit-learn, lbfgs** (its default solver, default tol): the same 252 fits.

Also printed: the held-out accuracy of the comments at the sweet spot (cross-validation, the one rule of
``core.verdict``) and with no penalty.

Each round times ours, then each scikit-learn route once, in turn; the table shows medians and each
ratio against ours from the same rounds. "max |Δp|" is the largest difference in the held-out
predicted probabilities over the 41 λ > 0, and in brackets at λ = 0 (fitted with the stand-in penalty
everywhere, where the weights are in the tens and thousands and a solver's tolerance shows).
Also timed: building the page's stepped figures (42 steps each) from the precomputed path.
"""

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core
from core import verdict
from core.feedback import charts as feedback_charts
from core.feedback import fit as feedback_fit
from core.models.grid import SLIDER_LAMS
from core.models.logistic import logistic_path, stratified_folds
from core.show import live


def _sklearn_route(X, y, X_test, fit_lams, solver):
    """Per-λ LogisticRegression on all rows plus cross_val_score per λ; held-out probabilities of each λ."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    folds = stratified_folds(y)
    options = {"solver": "newton-cg", "tol": 1e-10, "max_iter": 1000} if solver == "newton-cg" else {}
    probabilities = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", "Line Search failed|The line search algorithm did not converge")
        for lam in fit_lams:
            model = LogisticRegression(C=1.0 / (2 * y.size * lam), **options)
            probabilities.append(model.fit(X, y).predict_proba(X_test)[:, 1])
            cross_val_score(model, X, y, cv=folds, scoring="neg_log_loss")
    return np.array(probabilities)


def _timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _problems():
    words = feedback_fit.word_model()
    comments = words.comments
    X, X_test = words.features(comments.train_texts), words.features(comments.test_texts)
    customers = feedback_fit.boundary_model()
    X2, X2_test = customers.features.transform(customers.X_train), customers.features.transform(customers.X_test)
    return {
        f"comments ({X.shape[0]:,} rows, {X.shape[1]:,} words and pairs)": (
            X,
            comments.train_labels,
            X_test,
            comments.test_labels,
        ),
        f"two signals ({X2.shape[0]} rows, {X2.shape[1]} features)": (X2, customers.y_train, X2_test, customers.y_test),
    }


def _bench_paths(rounds):
    print(
        "| problem | ours ms | newton-cg ms | ratio | its max abs Δp, λ > 0 (at λ = 0) "
        "| lbfgs ms | ratio | its max abs Δp, λ > 0 (at λ = 0) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (X, y, X_test, y_test) in _problems().items():
        times = {"ours": [], "newton-cg": [], "lbfgs": []}
        differences = {}
        for _ in range(rounds):
            seconds, path = _timed(lambda: logistic_path(X, y, SLIDER_LAMS, X_test, y_test))
            times["ours"].append(seconds)
            ours = path.predict_proba(X_test)
            for solver in ("newton-cg", "lbfgs"):
                seconds, theirs = _timed(lambda: _sklearn_route(X, y, X_test, path.fit_lams, solver))
                times[solver].append(seconds)
                gaps = np.abs(theirs - ours).max(axis=1)
                differences[solver] = f"{gaps[1:].max():.1e} ({gaps[0]:.1e})"
        median = {key: 1000 * statistics.median(values) for key, values in times.items()}
        print(
            f"| {name} | {median['ours']:,.0f} | {median['newton-cg']:,.0f} | "
            f"{median['newton-cg'] / median['ours']:.1f}× | {differences['newton-cg']} | "
            f"{median['lbfgs']:,.0f} | {median['lbfgs'] / median['ours']:.1f}× | {differences['lbfgs']} |"
        )


def _bench_figures(rounds):
    words = feedback_fit.word_model()
    customers = feedback_fit.boundary_model()
    spot = verdict.sweet_spot(words.path.cv_log_loss, words.path.cv_log_loss_se)
    reading = feedback_fit.read_comment(words, "Arrived two weeks late, but the staff were lovely. Not bad at all.")
    builds = {
        "word weights": lambda k: feedback_charts.word_weights_figure(words, k),
        "right answers": lambda k: feedback_charts.scores_figure(words.path, k, spot),
        "typed comment (per comment, per session)": lambda k: feedback_charts.comment_figure(words, reading, k),
        "decision boundary": lambda k: feedback_charts.boundary_figure(customers, k),
    }
    print("\n| stepped figure (42 steps) | ms |")
    print("|---|---:|")
    for name, build in builds.items():
        seconds = [_timed(lambda: live.stepped(build, SLIDER_LAMS.size))[0] for _ in range(rounds)]
        print(f"| {name} | {1000 * statistics.median(seconds):,.0f} |")


def _bench_accuracy():
    words = feedback_fit.word_model()
    path = words.path
    spot = verdict.sweet_spot(path.cv_log_loss, path.cv_log_loss_se)
    print("\n| held-out comments (420) | λ | right | confidence in the right answer |")
    print("|---|---:|---:|---:|")
    for name, k in (("no penalty", 0), ("sweet spot (cross-validation)", spot.best), ("best λ on them", None)):
        k = int(np.argmax(path.test_accuracy)) if k is None else k
        print(
            f"| {name} | {path.lams[k]:.2g} | {100 * path.test_accuracy[k]:.1f}% | "
            f"{100 * np.exp(-path.test_log_loss[k]):.0f}% |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    core.limit_blas_threads()
    _bench_accuracy()
    _bench_paths(rounds)
    _bench_figures(rounds)


if __name__ == "__main__":
    main()
