"""The one-curve story's charts and sentences for every step of the λ control, built once per dataset and degree.

Each is a ``core.show.live.SteppedFigure`` or ``SteppedText`` for ``ui.live.chart`` / ``ui.live.text``,
kept in the one cache of built steps (``ui.cache.stepped``).
"""

import dataclasses

import numpy as np

from core.curve import buyer, charts, degree_words, faq_words, weight_charts, words
from core.curve import fit as curve_fit
from core.curve.fit import spread
from core.models.grid import SLIDER_LAMS
from core.show import kit, live
from core.show.palette import NO_PENALTY, SWEET_SPOT, TOO_MUCH, YOUR_PENALTY
from core.show.plain_numbers import format_lam, unmarked
from core.verdict import verdict

from ..cache import stepped


def _cached(name, fit, build, *options):
    """``build()`` once per dataset, degree and ``options``; ``name`` says which chart or text it is."""
    return stepped(name, (fit.key, fit.path.degree, options), build)


def _texts(name, fit, sentence, tone=None, *options):
    """A ``SteppedText`` with ``sentence(row)`` (and ``tone(row)``) for the path's row at every step."""
    rows = fit.path.slider_rows

    def build():
        texts = [unmarked(sentence(row)) for row in rows]
        return live.stepped_text(texts, None if tone is None else [tone(row) for row in rows])

    return _cached(name, fit, build, *options)


# --- The fit ---


def fit_chart(fit, height=440, compare=False, truth=True, story_names=False):
    """Points, true curve and the model's curve at every step; ``compare`` adds a curve to compare with.

    The curve compared with is the sweet spot's while the reader's λ is 0, else no penalty's
    (``charts.comparison_at``), so the first view shows a before and an after; the legend then names the reader's
    curve by its penalty ("Your penalty: none" at λ = 0: that curve is no penalty's). ``truth=False`` leaves the
    true curve out, for made-up data presented as if it were a real file. ``story_names`` names the points in the
    legend by the two students' story (Home): the practice questions and the exam.
    """
    dataset = fit.dataset if truth else dataclasses.replace(fit.dataset, truth=None)
    rows = fit.path.slider_rows

    def build():
        return live.stepped(
            lambda step: charts.fit_figure.spec(
                dataset,
                fit.curve_x,
                fit.curves[rows[step]],
                height=height,
                compare=charts.comparison_at(fit.path, rows[step], fit.curves.__getitem__) if compare else None,
                legend_name=words.your_penalty_name(fit.path.lams[rows[step]]) if compare else None,
                role=NO_PENALTY if compare and fit.path.lams[rows[step]] == 0 else YOUR_PENALTY,
                point_names=words.STORY_POINT_NAMES if story_names else None,
            ),
            len(rows),
        )

    return _cached("fit", fit, build, height, compare, truth, story_names)


def sweet_spot_step(fit):
    """The step of the λ control nearest the cross-validated best λ (for a chart shown at the sweet spot)."""
    return int(np.argmin(np.abs(fit.path.slider_rows - fit.path.best_index)))


def fit_summaries(fit, story=False, compared=False):
    """What the fit chart shows at every step; ``compared`` when it draws a curve to compare with."""
    window = charts.chart_window(fit.dataset)
    return _texts(
        "fit summary",
        fit,
        lambda row: words.fit_summary(fit.path, row, charts.leaves_window(fit.curves[row], window), story, compared),
        None,
        story,
        compared,
    )


def unpenalized_leaves_chart(fit):
    """Whether the curve with no penalty leaves the fit chart (said the same way under the curve and the weights)."""
    return charts.leaves_window(fit.curves[0], charts.chart_window(fit.dataset))


# --- The story's first page ---


def pictures(fit):
    """The three small pictures (no penalty · sweet spot · too much) and their captions: no control needed."""

    def build():
        rows = curve_fit.picture_rows(fit.path)
        unit = fit.dataset.y_unit
        return [
            (
                charts.picture_figure(fit.dataset, fit.curve_x, fit.curves[row], role, title),
                buyer.picture_caption(fit.path, row, unit, fit.n),
            )
            for row, role, title in zip(
                rows, (NO_PENALTY, SWEET_SPOT, TOO_MUCH), ("No penalty", "Sweet spot", "Too much")
            )
        ]

    return _cached("pictures", fit, build)


def pictures_sentence(fit):
    return buyer.pictures_sentence(fit.path, curve_fit.picture_rows(fit.path)[2], fit.dataset.y_unit)


def forecast(fit):
    """The forecast chart and its words: no penalty and the sweet spot asked about the next two weeks (or None)."""

    def build():
        rows = curve_fit.picture_rows(fit.path)[:2]
        found = curve_fit.forecast(fit.dataset, fit.path, rows)
        if found is None:
            return None
        future, curve_x, curves, on_days = found
        roles, names = (NO_PENALTY, SWEET_SPOT), ("No penalty", "Sweet spot")
        figure = charts.forecast_figure(
            fit.dataset, future, [(role, name, curve_x, curve) for role, name, curve in zip(roles, names, curves)]
        )
        said = buyer.forecast_sentences(
            fit.dataset, future, list(zip(("With no penalty", "At the sweet spot"), on_days))
        )
        return figure, said

    return _cached("forecast", fit, build)


def misses(fit):
    """Typical misses on training data and on new data, in the data's units (two texts)."""
    path, unit = fit.path, fit.dataset.y_unit
    return (
        _texts("train miss", fit, lambda row: words.train_miss_text(path, row, unit)),
        _texts("new miss", fit, lambda row: words.new_miss_text(path, row, unit)),
    )


def verdicts(fit):
    """The one verdict rule (core/verdict.py) at every step: "Verdict: <label>." and what to do."""
    unit = fit.dataset.y_unit
    return _texts(
        "verdict",
        fit,
        lambda row: words.verdict_text(fit.path, row, unit),
        lambda row: verdict(fit.path, row).tone,
    )


# --- Weights ---


def weight_bars(fit):
    return _cached("weight bars", fit, lambda: weight_charts.weight_bars_figure.steps(fit.path.slider_rows, fit.path))


def weight_paths(fit):
    return _cached("weight paths", fit, lambda: weight_charts.weight_paths_figure.steps(fit.path.slider_rows, fit.path))


def weight_totals(fit):
    return _cached(
        "weight totals", fit, lambda: weight_charts.weight_total_figure.steps(fit.path.slider_rows, fit.path)
    )


def weights_sentences(fit):
    swings, leaves = words.swings_of(fit.dataset), unpenalized_leaves_chart(fit)
    return _texts("weights sentence", fit, lambda row: words.weights_sentence(fit.path, row, swings, leaves))


def paths_summaries(fit):
    swings = words.swings_of(fit.dataset)
    return _texts("paths summary", fit, lambda row: words.paths_summary(fit.path, row, swings))


def total_summaries(fit):
    swings = words.swings_of(fit.dataset)
    return _texts("total summary", fit, lambda row: words.total_summary(fit.path, row, swings))


# --- Overfitting curves ---


def error_curves(fit, story=False):
    """The miss against λ at every step, in the palette's roles; ``story`` writes the λ axis in words."""
    unit = fit.dataset.y_unit
    return _cached(
        "error curves",
        fit,
        lambda: kit.error_curves_figure.steps(fit.path.slider_rows, fit.path, unit=unit, by_role=True, story=story),
        story,
    )


def sweet_spot_sentences(fit, story=False):
    unit = fit.dataset.y_unit
    return _texts("sweet spot", fit, lambda row: words.sweet_spot_sentence(fit.path, row, unit, story), None, story)


def curves_summaries(fit, story=False):
    """The error-against-λ chart read aloud at every step: its shape on this data and the verdict."""
    unit = fit.dataset.y_unit
    return _texts("curves summary", fit, lambda row: words.curves_summary(fit.path, row, unit, story), None, story)


def degree_chart(fit, sweep):
    """Error against degree at every step's λ (the sweep's λ grid is the path's)."""
    rows, unit, degree = fit.path.slider_rows, fit.dataset.y_unit, fit.path.degree

    def build():
        return live.stepped(lambda step: charts.degree_figure.spec(sweep, rows[step], degree, unit), len(rows))

    return _cached("degree chart", fit, build)


def degree_summaries(fit, sweep):
    unit = fit.dataset.y_unit
    return _texts("degree summary", fit, lambda row: degree_words.degree_summary(sweep, row, unit))


def degree_captions(fit):
    """What the error-against-degree chart draws at every step: its comparison line is the sweet spot's at λ = 0."""
    return _texts("degree caption", fit, lambda row: degree_words.degree_caption(fit.path.lams[row] == 0))


#: Points per resampled fit sent to the browser: 20 fits × 42 steps of the full 300 would be over 1 MB.
SPAGHETTI_POINTS = 100


def _thinned(fit):
    return np.linspace(0, fit.curve_x.size - 1, SPAGHETTI_POINTS).round().astype(int)


def spaghetti_unpenalized(fit, resampled, height=400):
    """The fits to resampled data with no penalty, in no penalty's colour: the left of a side-by-side pair."""
    points = _thinned(fit)
    return charts.spaghetti_figure(
        fit.dataset, fit.curve_x[points], resampled[0][..., points], height=height, role=NO_PENALTY, title="No penalty"
    )


def spaghetti(fit, resampled, compared, height=400):
    """The fits to resampled data beside no penalty's, at every step (the comparison rule, ``core.show.compare``).

    ``resampled`` has one row per step of the control; ``compared`` is ``fits.resampled_compared(fit)``, the
    setting and its fits drawn while the reader's λ is 0 (so the pair never shows twins); at a λ above 0, the
    reader's fits in the reader's colour.
    """
    points = _thinned(fit)
    setting, compared_curves = compared

    def spec(step):
        if step == 0:
            curves, role, title = compared_curves, setting.role, setting.label
        else:
            curves, role, title = resampled[step], YOUR_PENALTY, f"Your penalty: λ = {format_lam(SLIDER_LAMS[step])}"
        return charts.spaghetti_figure.spec(
            fit.dataset, fit.curve_x[points], curves[..., points], height=height, role=role, title=title
        )

    return _cached("spaghetti", fit, lambda: live.stepped(spec, len(SLIDER_LAMS)), height)


def spread_sentences(fit, resampled, compared):
    """How much the curve moves between samples with no penalty (left) and beside it (right), at every step."""
    setting, compared_curves = compared
    path, rows = fit.path, fit.path.slider_rows

    def build():
        spreads = spread(resampled)
        low, high = charts.chart_window(fit.dataset)
        points = _thinned(fit)  # the ends as drawn
        shown = [
            faq_words.SpreadShown(
                float(spread(compared_curves[None])[0]),
                f"at {setting.phrase}",
                setting.role.word,
                float(path.lams[setting.row]),
                *faq_words.middle_and_edge(compared_curves[..., points]),
            )
            if step == 0
            else faq_words.SpreadShown(
                float(spreads[step]),
                "with your penalty",
                YOUR_PENALTY.word,
                float(SLIDER_LAMS[step]),
                *faq_words.middle_and_edge(resampled[step][..., points]),
            )
            for step in range(len(SLIDER_LAMS))
        ]
        stiff = [
            verdict(path, setting.row if step == 0 else rows[step]).key == "too_simple" for step in range(len(rows))
        ]
        return live.stepped_text(
            faq_words.spread_sentences(
                float(spreads[0]), shown, stiff, fit.dataset.y_unit, spreads[0] > high - low, fit.dataset.is_synthetic
            )
        )

    return _cached("spread", fit, build, setting.row)


# --- Questions ---


def gap_chart(fit):
    """Typical miss on training data against new data at every step."""
    rows, path = fit.path.slider_rows, fit.path
    top = float(np.max(np.maximum(path.train_rmse[rows], path.test_rmse[rows])))  # the axis holds every step

    def build():
        return live.stepped(
            lambda step: weight_charts.gap_figure.spec(
                path.train_rmse[rows[step]], path.test_rmse[rows[step]], top=top, unit=fit.dataset.y_unit
            ),
            len(rows),
        )

    return _cached("gap", fit, build)


def l2_l1_chart(fit, lasso_lams, lasso):
    """Ridge and lasso weight paths side by side, the step's λ marked."""
    return _cached(
        "l2 l1", fit, lambda: weight_charts.l2_l1_paths_figure.steps(SLIDER_LAMS, fit.path, lasso_lams, lasso)
    )


def l1_switched_off_sentences(fit, lasso_lams, lasso):
    """How L1 switches weights off as λ grows, against L2 keeping all, and how many at every step's λ."""

    def build():
        return live.stepped_text(faq_words.l1_switched_off_sentences(SLIDER_LAMS, lasso_lams, lasso, fit.path.degree))

    return _cached("l1 off", fit, build)


def gap_sentences(fit):
    """The gap chart's two bars read aloud at every step."""
    path, unit = fit.path, fit.dataset.y_unit
    return _texts(
        "gap sentence",
        fit,
        lambda row: faq_words.gap_sentence(path.train_rmse[row], path.test_rmse[row], path.lams[row], unit),
    )
