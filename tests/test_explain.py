"""Plain words: one verdict rule for every path, plain numbers, captions from the data, glossary, reading ease."""

from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from core import verdict as verdict_rule
from core.curve import buyer, degree_words, words
from core.curve.data import DATASET_TITLES, SHAPES, TABLES, load_dataset
from core.curve.fit import DegreeSweep
from core.models.path import ridge_path
from core.show import glossary
from core.show.plain_numbers import format_lam, format_miss, lam_axis_ticks, log_axis_ticks, plain_number
from core.verdict import (
    ABOUT_RIGHT,
    GAP_HINT_IN_WORDS,
    MEMORIZING,
    RULE_IN_WORDS,
    TOO_SIMPLE,
    VERDICTS,
    read_setting,
    sweet_spot,
)
from tests.reading_ease import NOT_PLAIN, flesch_reading_ease, syllables, text_counts
from ui import registry

PLAIN_ENOUGH = 60


def _built_in_paths():
    """(name, dataset, path) for every built-in dataset at several degrees, and the synthetic ones at several seeds."""
    for key in SHAPES:
        for seed in (0, 1, 2):
            for n, noise in ((30, 0.3), (60, 0.6)):
                dataset = load_dataset(key, n, noise, seed)
                for degree in (3, 8, 15):
                    yield f"{key}-n{n}-seed{seed}-d{degree}", dataset, _path(dataset, degree)
    for key in TABLES:
        dataset = load_dataset(key)
        for degree in (1, 3, 8, 15):
            yield f"{key}-d{degree}", dataset, _path(dataset, degree)


def _path(dataset, degree):
    return ridge_path(dataset.x_train, dataset.y_train, degree, x_test=dataset.x_test, y_test=dataset.y_test)


@pytest.fixture(scope="module")
def built_in_paths():
    return list(_built_in_paths())


# --- 1. One verdict rule ---------------------------------------------------------------------


def test_the_rule_agrees_with_the_band_on_every_built_in_dataset(built_in_paths):
    for name, _, path in built_in_paths:
        low, high = path.good_range  # the band the charts draw (core.models.path_base's own computation)
        spot = sweet_spot(path.cv_mse, path.cv_se)
        assert (spot.best, spot.low, spot.high) == (path.best_index, low, high), name
        keys = [verdict_rule.verdict(path, i).key for i in range(path.lams.size)]
        expected = (
            ["memorizing"] * low + ["about_right"] * (high - low + 1) + ["too_simple"] * (path.lams.size - high - 1)
        )
        assert keys == expected, name


def _reader_procedure(misses, margins):
    """RULE_IN_WORDS done literally by a reader with a table of settings (weakest penalty first)."""
    misses = np.where(np.isfinite(misses), misses, np.inf)
    smallest = int(np.argmin(misses))  # "the smallest miss marks the sweet spot"
    limit = misses[smallest] + (margins[smallest] if np.isfinite(margins[smallest]) else 0.0)
    weakest = smallest
    while weakest > 0 and misses[weakest - 1] <= limit:  # "step to weaker ... for as long as the miss stays within"
        weakest -= 1
    strongest = smallest
    while strongest < misses.size - 1 and misses[strongest + 1] <= limit:  # "... and to stronger penalties"
        strongest += 1
    return [
        "memorizing (too wiggly)" if i < weakest else "too simple (too stiff)" if i > strongest else "about right"
        for i in range(misses.size)
    ]


def test_the_words_say_the_rule(built_in_paths):
    for name, _, path in built_in_paths:
        said = _reader_procedure(path.cv_mse, path.cv_se)
        assert said == [verdict_rule.verdict(path, i).label for i in range(path.lams.size)], name
    # The words name the three verdicts in the rule's order: weaker than the range, the range, stronger.
    where = [
        RULE_IN_WORDS.index(label) for label in ("about right", "memorizing (too wiggly)", "too simple (too stiff)")
    ]
    assert where == sorted(where)
    assert "weaker penalty than the range is memorizing" in RULE_IN_WORDS
    assert "stronger one is too simple" in RULE_IN_WORDS
    assert "margin of error of the smallest" in RULE_IN_WORDS
    # The rule is the check that finds the sweet spot: on training points left out, never on the new data.
    assert "training data alone" in RULE_IN_WORDS and "left out" in RULE_IN_WORDS
    assert "new data" not in RULE_IN_WORDS


def test_no_fixed_gap_ratio_matches_the_band(built_in_paths):
    """Why the rule is not "new-data miss > N × training miss": measured, every N misjudges some built-in view."""
    gaps_memorizing, gaps_not = [], []
    for _, _, path in built_in_paths:
        low, _ = path.good_range
        gap = np.sqrt(path.cv_mse) / path.train_rmse
        finite = np.isfinite(gap)
        gaps_memorizing += list(gap[:low][finite[:low]])
        gaps_not += list(gap[low:][finite[low:]])
    # Some views that are not memorizing have a wider gap than some views that are.
    assert max(gaps_not) > min(gaps_memorizing)
    for n_times in (1.1, 1.2, 1.5, 2.0, 3.0):
        assert np.any(np.array(gaps_memorizing) <= n_times) or np.any(np.array(gaps_not) > n_times)
    assert "not a verdict" in GAP_HINT_IN_WORDS


def test_too_much_penalty_says_both_misses_are_high(built_in_paths):
    for name, dataset, path in built_in_paths:
        last = path.lams.size - 1
        if verdict_rule.verdict(path, last) is not TOO_SIMPLE:
            continue
        here = verdict_rule.reading(path, last)
        assert here.both_high, name  # at λ = 100 even the training miss is above the best miss on new data
        sentence = words.verdict_sentence(path, last, dataset.y_unit)
        assert "Both misses are high" in sentence and "Less penalty would lower both" in sentence
    assert "Both misses are high" in TOO_SIMPLE.advice


def test_verdict_sentence_gives_the_misses_in_units():
    dataset = load_dataset("wave")
    path = _path(dataset, 15)
    sentence = words.verdict_sentence(path, 0, dataset.y_unit)
    assert sentence.startswith(
        f"Typical miss on training data: {format_miss(path.train_rmse[0], '€')}. "
        f"On new data: {format_miss(path.test_rmse[0], '€')}. Verdict: memorizing (too wiggly)."
    )
    assert format_miss(path.test_rmse[0], "€").startswith("±€")  # money as a reader writes it


def test_the_rule_on_generic_arrays():
    cv = np.array([5.0, 3.0, 2.2, 2.0, 2.1, 2.6, 4.0])
    se = np.full(7, 0.25)
    train = np.array([0.5, 1.0, 1.5, 1.8, 2.0, 2.5, 3.9])
    spot = sweet_spot(cv, se)
    assert (spot.best, spot.low, spot.high) == (3, 2, 4)
    assert [read_setting(train, cv, se, i).verdict for i in range(7)] == [MEMORIZING] * 2 + [ABOUT_RIGHT] * 3 + [
        TOO_SIMPLE
    ] * 2
    reading = read_setting(train, cv, se, 6, held_out_error=cv + 0.5)
    assert (reading.train_error, reading.new_error, reading.best_new_error) == (3.9, 4.5, 2.5)
    assert reading.gap == pytest.approx(4.5 / 3.9) and reading.both_high
    assert not read_setting(train, cv, se, 0).both_high and read_setting(train, cv, se, 0).gap == 10.0
    # A dip within the margin but outside the run around the best is not "about right" (the band is one run).
    assert sweet_spot([2.0, 3.0, 1.9, 3.0], [0.2] * 4) == sweet_spot([9.0, 9.0, 1.9, 3.0], [0.2] * 4)
    # Settings that could not be judged are never in the band.
    assert sweet_spot([np.inf, 1.0, 1.05], [np.nan, 0.1, 0.1]).low == 1


@pytest.mark.parametrize(
    "train, cv, se, index, message",
    [
        ([1.0], [[1.0]], [0.1], 0, "1-D"),
        ([1.0, 2.0], [1.0], [0.1], 0, "settings"),
        ([1.0], [1.0], [0.1], 1, "index"),
        ([1.0], [np.nan], [0.1], 0, "finite"),
    ],
)
def test_the_rule_rejects_bad_arrays(train, cv, se, index, message):
    with pytest.raises(ValueError, match=message):
        read_setting(train, cv, se, index)


def test_the_rule_finds_scikit_learns_best_logistic_regression():
    """A classifier's L2 path with log-loss errors: the best setting is the one LogisticRegressionCV picks."""
    X, y = load_breast_cancer(return_X_y=True)
    X = make_pipeline(StandardScaler()).fit_transform(X)
    cs = np.logspace(-3, 3, 13)
    model = LogisticRegressionCV(
        Cs=cs, cv=5, scoring="neg_log_loss", max_iter=5000, l1_ratios=(0.0,), use_legacy_attributes=True
    ).fit(X, y)
    scores = model.scores_[1].reshape(5, cs.size)  # (folds, Cs): minus the log-loss of each fold
    log_loss = -scores.mean(axis=0)[::-1]  # weakest penalty (largest C) first
    se = scores.std(axis=0)[::-1] / np.sqrt(scores.shape[0])
    spot = sweet_spot(log_loss, se)
    assert cs[::-1][spot.best] == pytest.approx(model.C_[0])
    assert spot.low <= spot.best <= spot.high
    assert read_setting(log_loss, log_loss, se, cs.size - 1).verdict is TOO_SIMPLE  # C = 0.001


def test_a_classifier_path_is_read_on_log_loss():
    path = SimpleNamespace(
        train_log_loss=np.array([0.01, 0.1, 0.2, 0.4, 0.6]),
        cv_log_loss=np.array([0.9, 0.27, 0.25, 0.42, 0.65]),
        cv_log_loss_se=np.full(5, 0.03),
        test_log_loss=np.array([0.8, 0.35, 0.3, 0.45, 0.7]),
        cv_mse=np.array([0.1, 0.2, 0.3, 0.4, 0.5]),  # not used: a classifier is judged on log-loss
    )
    assert [verdict_rule.verdict(path, i) for i in range(5)] == [
        MEMORIZING,
        ABOUT_RIGHT,
        ABOUT_RIGHT,
        TOO_SIMPLE,
        TOO_SIMPLE,
    ]
    assert verdict_rule.reading(path, 4).new_error == 0.7 and verdict_rule.reading(path, 4).best_new_error == 0.3
    path.test_log_loss = np.full(5, np.nan)  # no held-out rows: the new-data error is the cross-validated one
    assert verdict_rule.reading(path, 4).new_error == 0.65


# --- 2. Plain numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (1e-12, "0.000000000001"),
        (1e-13, "almost 0"),
        (1e-8, "0.00000001"),
        (3.2e-5, "0.000032"),
        (0.000999, "0.000999"),
        (0.0009996, "0.001"),
        (0.1234, "0.123"),
        (12.34, "12.3"),
        (99.96, "100"),
        (1239.6, "1,240"),
        (999_999.6, "1 million"),
        (1_234_567, "1.23 million"),
        (1.81e8, "181 million"),
        (999.96e6, "1 billion"),
        (2.29e9, "2.29 billion"),
        (1e12, "1 trillion"),
        (2.5e16, "25,000 trillion"),
        (1e18, "more than a million trillion"),
        (-0.5, "–0.5"),
        (0, "0"),
    ],
)
def test_plain_number(value, expected):
    assert plain_number(value) == expected


@pytest.mark.parametrize(
    "lam, expected",
    [
        (0, "0 (off)"),
        (1e-8, "0.00000001"),
        (1e-7, "0.0000001"),
        (2.5118864315095823e-08, "0.000000025"),
        (0.00031622776601683794, "0.00032"),
        (0.001, "0.001"),
        (0.0031622776601683794, "0.0032"),
        (1.0, "1"),
        (100.0, "100"),
        (1e4, "10,000"),
        (1e12, "1 trillion"),
    ],
)
def test_format_lam(lam, expected):
    assert format_lam(lam) == expected


@pytest.mark.parametrize("exponent", np.arange(-12, 12.5, 0.25))
def test_no_number_needs_e_notation(exponent):
    for value in (10.0**exponent, -(10.0**exponent), 3.7 * 10.0**exponent):
        for text in (plain_number(value), format_lam(abs(value)), format_miss(abs(value), "thousand €")):
            assert not NOT_PLAIN.search(text), text
    # The text reads back as the number: 2 significant digits for λ, 3 for other numbers.
    assert _read_back(format_lam(10.0**exponent)) == pytest.approx(10.0**exponent, rel=0.05)
    assert _read_back(plain_number(3.7 * 10.0**exponent)) == pytest.approx(3.7 * 10.0**exponent, rel=0.005)


def _read_back(text):
    """The number a reader understands from a plain number: '1.8 million' → 1,800,000."""
    words = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
    amount, _, word = text.replace(",", "").partition(" ")
    return float(amount) * words.get(word, 1.0)


def test_log_axis_ticks_are_plain_powers_of_ten():
    assert log_axis_ticks(0.002, 150) == (
        [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0],
        ["0.001", "0.01", "0.1", "1", "10", "100", "1,000"],
    )
    values, labels = log_axis_ticks(1e-12, 1e12)
    assert len(values) <= 8 and values[0] <= 1e-12 and values[-1] >= 1e12 * 0.999
    assert (labels[0] == "0.000000000001" and "1 million" in labels) or "1 trillion" in labels
    assert log_axis_ticks(1e5, 2e6)[1] == ["100,000", "1 million", "10 million"]
    for text in labels:
        assert not NOT_PLAIN.search(text)
    with pytest.raises(ValueError, match="log axis"):
        log_axis_ticks(0, 1)


def test_lam_axis_ticks_match_the_slider_grid():
    lams = np.concatenate([[0.0], np.logspace(-8, 2, 201)])
    values, labels = lam_axis_ticks(lams)
    assert values == [-9.0, -8.0, -6.0, -4.0, -2.0, 0.0, 2.0]
    assert labels == ["0", "0.00000001", "0.000001", "0.0001", "0.01", "1", "100"]
    assert lam_axis_ticks([0.001, 0.01, 0.1]) == ([-3.0, -2.0, -1.0], ["0.001", "0.01", "0.1"])
    with pytest.raises(ValueError, match="positive"):
        lam_axis_ticks([0.0])


def test_sentences_on_built_in_data_are_plain(built_in_paths):
    for name, dataset, path in built_in_paths[::5]:
        index = path.index_of(0.001)
        for text in (
            words.verdict_sentence(path, index, dataset.y_unit),
            words.sweet_spot_sentence(path, index, dataset.y_unit),
            words.curves_summary(path, index, dataset.y_unit),
            words.paths_summary(path, index),
            words.total_summary(path, index),
            words.weights_sentence(path, 0),
            words.guess_verdict(path, 0.01),
        ):
            assert not NOT_PLAIN.search(text), (name, text)
            assert flesch_reading_ease(text) >= 50, (name, text)  # numbers with units make one caption denser


# --- 3. Units and stories ---------------------------------------------------------------------


def test_every_built_in_dataset_has_a_story_and_units():
    assert set(DATASET_TITLES) == {"wave", "step", "line", "gapminder", "tips", "diabetes"}  # keys are in URLs
    for key in DATASET_TITLES:
        dataset = load_dataset(key)
        assert dataset.y_unit and dataset.x_label not in ("x", "") and dataset.y_label not in ("y", ""), key
        assert dataset.story and flesch_reading_ease(dataset.story) >= PLAIN_ENOUGH, key
    assert format_miss(204.3, load_dataset("wave").y_unit) == "±€204"
    assert format_miss(1234.6, load_dataset("line").y_unit) == "±€1,235"
    assert format_miss(312.4, load_dataset("step").y_unit) == "±312 visitors"
    assert format_miss(0.907, load_dataset("tips").y_unit) == "±$0.91"


# --- 4. Captions that match the chart ---------------------------------------------------------


def _sweep(here, free):
    here, free = np.asarray(here, dtype=float), np.asarray(free, dtype=float)
    return DegreeSweep(
        degrees=np.arange(1, here.size + 1),
        lams=np.array([0.0, 0.001]),
        train_rmse=np.zeros((here.size, 2)),
        test_rmse=np.column_stack([free, here]),
        cv_rmse=np.zeros((here.size, 2)),
    )


def test_degree_summary_says_u_or_l():
    l_shape = [1.0, 0.6, 0.5, 0.5, 0.5, 0.5, 0.51, 0.51]
    u_shape = [1.0, 0.6, 0.45, 0.45, 0.5, 0.7, 0.9, 1.2]
    said = degree_words.degree_summary(_sweep(l_shape, u_shape), 1, "years")
    assert "with your penalty, the miss on new data falls, then stays about level (an L, not a U)" in said
    assert "With no penalty it falls, then climbs again (a U): ±0.45 years at degree 3, ±1.2 years at degree 8." in said
    assert "At degrees 3 to 4 no penalty does better. A curve with few weights is too stiff to memorize" in said
    said = degree_words.degree_summary(_sweep(u_shape, u_shape), 1)
    assert "with your penalty, the miss on new data falls, then climbs again (a U)" in said
    assert "no penalty does better" not in said
    many = degree_words.degree_summary(_sweep([1.0] * 8, [0.5] * 8), 1)
    assert "At 8 of the 8 degrees no penalty does better" in many


def test_degree_summary_on_the_wave_explains_why_no_penalty_wins_at_low_degrees():
    from core.curve.fit import degree_sweep

    dataset = load_dataset("wave")
    sweep = degree_sweep(dataset)
    said = degree_words.degree_summary(sweep, int(np.argmin(np.abs(sweep.lams - 0.001))), dataset.y_unit)
    assert "(an L, not a U)" in said and "With no penalty it falls, then climbs again (a U)" in said
    better = sweep.degrees[sweep.test_rmse[:, 0] < 0.99 * sweep.test_rmse[:, 101]]
    assert f"At degrees {better[0]} to {better[-1]} no penalty does better" in said


def test_degree_summary_tells_a_line_with_two_lows_and_a_jump_as_drawn():
    """The first view's green line (each degree's sweet spot) is low at 4 to 7 and 12 to 15 with a jump at 10: no U."""
    tuned = [610.0, 635, 368, 341, 337, 336.5, 339, 373, 412, 876, 414, 336.4, 336.1, 336.0, 336.4, 530, 558, 571]
    sweep = _sweep(tuned, tuned)  # no cross-validated error: each degree's sweet spot is column 0, these values
    said = degree_words.degree_summary(sweep, 0, "€")
    assert (
        "green line gives each degree its own sweet spot: then the miss on new data is near its lowest, about "
        "±€336, at degrees 4 to 7 and 12 to 15, jumps to ±€876 at degree 10, and ends at ±€571 at degree 18." in said
    )
    assert said.count("(a U)") == 0


def test_degree_caption_names_the_line_drawn_at_each_step():
    at_zero, moved = degree_words.degree_caption(True), degree_words.degree_caption(False)
    assert "green: new data with each degree at its own sweet spot" in at_zero and "pink" not in at_zero
    assert "pink dotted: new data with no penalty" in moved and "green" not in moved


def _fake_path(coef):
    coef = np.asarray(coef, dtype=float)
    lams = np.concatenate([[0.0], np.logspace(-3, 2, coef.shape[0] - 1)])
    cv = np.array([2.0, 1.0, 1.0, 1.0, 1.5, 2.0])  # the band: settings 1 to 3
    return SimpleNamespace(
        coef=coef,
        y_sd=1.0,
        lams=lams,
        degree=coef.shape[1],
        cv_mse=cv,
        cv_se=np.full(lams.size, 0.01),
        train_rmse=np.sqrt(cv) / 2,
        test_rmse=np.sqrt(cv),
        best_index=int(np.argmin(cv)),
    )


def test_paths_summary_says_smooth_only_when_it_is():
    shrink = np.outer(np.linspace(1, 0.01, 6), [2.0, -1.0, 0.5])
    assert "Every weight shrinks steadily toward zero" in words.paths_summary(_fake_path(shrink), 2)
    crossing = shrink.copy()
    crossing[:, 1] = [-1.0, -0.5, 0.2, 0.1, 0.05, 0.01]
    said = words.paths_summary(_fake_path(crossing), 2)
    assert "not smoothly: 1 of the 3 lines cross zero on the way" in said and "steadily" not in said
    growing = shrink.copy()
    growing[:, 2] = [0.5, 0.4, 0.6, 0.3, 0.1, 0.01]  # grows inside the drawn range (from the band on)
    assert "1 of the 3 weights grow for a while before they shrink" in words.paths_summary(_fake_path(growing), 2)


def test_curves_summary_says_whether_the_new_data_miss_falls_then_rises():
    path = _fake_path(np.ones((6, 2)))
    path.test_rmse = np.array([2.0, 1.5, 1.0, 1.02, 1.5, 3.0])
    said = words.curves_summary(path, 2, "years")
    assert "falls from ±2 years with no penalty to ±1 years at its lowest, then rises to ±3 years at λ = 100" in said
    assert "0.018" not in said  # the held-out points' own best λ is not a second sweet spot
    assert "modest" not in said
    path.test_rmse = np.array([1.1, 1.05, 1.0, 1.02, 1.5, 3.0])  # no penalty is only 10% worse
    assert "The penalty's gain on the typical miss is modest here" in words.curves_summary(path, 2)
    path.test_rmse = np.array([2.0, 1.5, 1.0, 1.0, 1.02, 1.03])
    assert "and stays near that" in words.curves_summary(path, 2)
    path.test_rmse = np.array([1.0, 1.0, 1.01, 1.1, 1.5, 3.0])
    assert "is lowest with little or no penalty" in words.curves_summary(path, 2)
    path.test_rmse = np.array([1.0, 1.01, 1.0, 1.02, 1.01, 1.03])
    assert "whatever the penalty" in words.curves_summary(path, 2)


def test_sweet_spot_sentence_names_the_check_it_used():
    path = _fake_path(np.ones((6, 2)))
    path.cv = "leave-one-out"
    path.test_rmse = np.array([2.0, 1.2, 1.0, 0.9, 1.5, 3.0])  # the held-out points favour another λ
    said = words.sweet_spot_sentence(path, 1, "years")
    assert said.startswith(
        "The sweet spot, the green star, is **λ = 0.001**. It was found without peeking at the new data"
    )
    assert (
        "by leaving each training point out in turn and checking the miss on it: there it has the lowest miss" in said
    )
    assert "typically ±1 years. On the new data it misses by ±1.2 years." in said
    assert "Every λ from 0.001 to 0.32 (green band) is about as good by the check on left-out training points" in said
    assert "did worse" not in said  # the band's ends did about as well on the new data: nothing more to say
    assert said.endswith("Your λ = 0.001 is **about right**.")
    assert "0.32" in said and said.count("λ = ") == 2  # one sweet spot, and the reader's λ: not the held-out best
    path.cv = "5-fold"
    assert "by splitting the training rows into 5 parts" in words.sweet_spot_sentence(path, 1)
    # The story track names the penalties in words, the numbers small.
    story = words.sweet_spot_sentence(path, 0, "years", story=True)
    assert "is **a medium penalty (λ = 0.001)**" in story and "Every penalty from a medium penalty to a strong" in story
    assert story.endswith("Your penalty, no penalty (λ = 0), is **memorizing (too wiggly)**.")
    # When the new data disagree with the band (its strong end clearly worse there), the sentence says so.
    path.test_rmse = np.array([2.0, 1.2, 1.0, 1.9, 1.5, 3.0])
    assert "On the new data the strong end did worse: ±1.9 years against ±1.2 years" in words.sweet_spot_sentence(
        path, 0, "years", story=True
    )
    assert "On the new data λ = 0.32 did worse" in words.sweet_spot_sentence(path, 0, "years")
    path.test_rmse = np.array([2.0, 1.2, 1.0, 0.9, 1.5, 3.0])
    # The held-out points' own best λ is named apart from the sweet spot, and only afterwards.
    luckiest = words.held_out_best_sentence(path, "years")
    assert "λ = 0.32 happened to do best" in luckiest and "it is not the sweet spot" in luckiest


# --- 5. Glossary and questions for a vendor ---------------------------------------------------


def test_glossary_defines_every_word_the_pages_use():
    for word in (
        "overfitting",
        "memorizing",
        "underfitting",
        "weight",
        "penalty",
        "λ",
        "L2",
        "ridge",
        "weight decay",
        "cross-validation",
        "held-out data",
        "new data",
        "training data",
        "degree",
        "flexibility",
        "sweet spot",
        "noise",
        "true curve",
        "standard deviation",
        "spread",
        "typical miss",
        "effective number of weights",
        "L1",
        "lasso",
    ):
        term = glossary.lookup(word)
        assert 1 <= text_counts(term.meaning)[0] <= 3, word
    anchors = [glossary.anchor(term.word) for term in glossary.TERMS]
    assert len(set(anchors)) == len(anchors) and glossary.anchor("Weight Decay") == "glossary-l2"
    with pytest.raises(KeyError):
        glossary.lookup("gradient")


def test_questions_for_a_vendor_point_at_pages():
    pages = set(registry.BY_PATH)
    assert 5 <= len(glossary.VENDOR_QUESTIONS) <= 7
    for item in glossary.VENDOR_QUESTIONS:
        assert item.question.endswith("?") and item.page in pages
        assert text_counts(item.why)[0] == 1


# --- 6. Reading ease --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, count",
    [("the", 1), ("quick", 1), ("over", 2), ("lazy", 2), ("table", 2), ("simple", 2), ("penalty", 3),
     ("memorizing", 4), ("regularization", 6), ("wanted", 2), ("trained", 1), ("0.001", 1), ("λ", 1)],
)  # fmt: skip
def test_syllables(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize(
    "text, sentences, words, syllable_count",
    [
        ("The cat sat on the mat.", 1, 6, 6),
        ("The quick brown fox jumps over the lazy dog.", 1, 9, 11),
        ("A miss of ±0.3 thousand €. Try λ = 0.001!", 2, 8, 9),  # "€" and "=" are not words
        ("Heading\nA line without a full stop", 2, 7, 9),
    ],
)
def test_text_counts(text, sentences, words, syllable_count):
    assert text_counts(text) == (sentences, words, syllable_count)


def test_flesch_reading_ease_known_scores():
    # 206.835 − 1.015 × words/sentences − 84.6 × syllables/words, with the counts above
    assert flesch_reading_ease("The cat sat on the mat.") == pytest.approx(206.835 - 1.015 * 6 - 84.6)
    assert flesch_reading_ease("The quick brown fox jumps over the lazy dog.") == pytest.approx(94.3, abs=0.01)
    academic = (
        "Regularization mitigates overparameterization by constraining coefficient magnitudes, "
        "thereby reducing estimator variance considerably."
    )
    assert flesch_reading_ease(academic) < 0
    with pytest.raises(ValueError, match="no words"):
        flesch_reading_ease(" … ")


def test_our_own_texts_are_plain_english():
    texts = [RULE_IN_WORDS, GAP_HINT_IN_WORDS, *(v.advice for v in VERDICTS)]
    texts += [term.meaning for term in glossary.TERMS]
    texts += [item.question + " " + item.why for item in glossary.VENDOR_QUESTIONS]
    for text in texts:
        assert flesch_reading_ease(text) >= PLAIN_ENOUGH, text


# --- 6. The scary numbers, explained where they are shown -----------------------------------------


def test_weights_are_counted_in_the_data_s_own_ups_and_downs():
    dataset = load_dataset("wave")
    assert words.swings_of(dataset) == "the usual ups and downs of daily sales"
    assert words.swings_of(SimpleNamespace()) == words.SWINGS  # data without words of their own
    path = _fake_path(np.outer(np.linspace(1, 0.01, 6), [2.0e8, -1.0e8, 0.5]))
    said = words.weights_sentence(path, 0, words.swings_of(dataset))
    assert said.startswith("There is no penalty now: the largest weight is 200 million times the usual ups and downs")
    assert "cancel each other out, so the curve still passes near the training points" in said
    # What the curve does between its points is said as under the curve (unpenalized_swing), from the chart.
    assert words.unpenalized_swing(True) in said and "swings wildly" not in said
    calm = words.weights_sentence(path, 0, words.swings_of(dataset), leaves_chart=False)
    assert words.unpenalized_swing(False) in calm and "leaves the chart" not in calm
    assert "The green bars show the sweet spot for comparison" in said


def test_free_weights_are_a_whole_number_in_the_sentence():
    path = _fake_path(np.outer(np.linspace(1, 0.01, 6), [2.0, -1.0, 0.5]))
    path.df = np.array([3.0, 2.6, 2.2, 1.4, 0.6, 0.1])
    assert "a curve with 2 free weights of 3 would" in words.total_summary(path, 2)
    assert "a curve with 1 free weight of 3 would" in words.total_summary(path, 3)
    assert "uses all 3 weights freely" in words.total_summary(path, 0)
    assert "2.2" not in words.total_summary(path, 2)


def test_worked_example_explains_its_wide_band_and_its_higher_training_miss():
    dataset = load_dataset("line")
    path = ridge_path(dataset.x_train, dataset.y_train, 15, x_test=dataset.x_test, y_test=dataset.y_test)
    spot = verdict_rule.reading(path, 0).spot
    said = buyer.worked_example(path, dataset)
    assert path.lams[spot.high] / path.lams[spot.low] >= buyer.WIDE_BAND
    assert "That range is wide, which is good news" in said
    assert path.train_rmse[spot.best] > path.test_rmse[spot.best]
    assert "Here it is larger because one of those months had a one-off bulk order" in said


def test_vendor_questions_ask_how_the_penalty_was_chosen_and_tell_the_two_answers_apart():
    """The buyer asks how λ was chosen, never for its value; the good answer and the red flag differ in plain words."""
    said = " ".join(f"{item.question} {item.why} {item.good} {item.red_flag}" for item in glossary.VENDOR_QUESTIONS)
    assert "Here is its value" not in said and "how strong is that setting" not in said
    (chosen,) = [item for item in glossary.VENDOR_QUESTIONS if "other data than the test results" in item.question]
    assert "held back from training for that choice" in chosen.good and "tested the finished model once" in chosen.good
    assert "the very results they report to you" in chosen.red_flag


def test_lay_words_agree_with_what_the_pages_show():
    """The sweet spot is not called the band; the rule leaves one point or a small group out; no bare "default"."""
    from core.show.glossary import TERMS, VENDOR_QUESTIONS

    (spot,) = [entry for entry in TERMS if entry.word == "sweet spot"]
    assert not any("band" in name for name in spot.also)
    assert "one training point, or a small group" in RULE_IN_WORDS and "a few training points" not in RULE_IN_WORDS
    flags = " ".join(question.red_flag for question in VENDOR_QUESTIONS)
    assert "We left the default number, without testing it on your data" in flags
