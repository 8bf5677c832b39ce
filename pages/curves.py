import streamlit as st

import ui
from core import charts, explain, studies

ui.start_page()
st.title("Overfitting curves: finding the sweet spot")
st.markdown(
    "Too little penalty and the model memorizes its training points; too much and it misses the real "
    "pattern. The error on **new data** tells the two apart: it falls as λ grows, then rises again. "
    "The sweet spot is the bottom of that valley."
)
fit = ui.fit_controls()
unit_label = fit.dataset.y_label
path = fit.path
low, high = path.good_range

st.subheader("Error against the penalty")
if ui.guess_first(fit):
    st.plotly_chart(charts.error_curves_figure(path, fit.index, unit_label), width="stretch")
    st.markdown(explain.sweet_spot_sentence(path, fit.index, ui.unit_text(fit.dataset)))
    ui.sweet_spot_button(fit)
    ui.show_verdict(fit)

st.subheader("Error against flexibility")
st.caption(
    "The classic U: more flexibility first helps, then hurts. With no penalty (dotted) the error on new data "
    "climbs steeply at high degrees; with your λ it stays down."
)
sweep = ui.degree_sweep()
st.plotly_chart(charts.degree_figure(sweep, fit.index, path.degree, unit_label), width="stretch")
ui.chart_summary(explain.degree_summary(sweep, fit.index))

st.subheader("How much the fit jumps between samples")
resampled = ui.resampled_curves(fit)
here = ui.slider_index()
spreads = studies.spread(resampled)
st.caption(
    (
        "Each line is the model fitted to a fresh sample from the same curve. "
        if fit.dataset.is_synthetic
        else "Each line is the model fitted to a different resample of the training rows. "
    )
    + "Small λ: wild spaghetti. Larger λ: a tight bundle. "
    + f"At this λ the curve moves by about {explain.format_miss(spreads[here], ui.unit_text(fit.dataset))} between samples; "
    + f"with no penalty, {explain.format_miss(spreads[0], ui.unit_text(fit.dataset))}."
)
st.plotly_chart(charts.spaghetti_figure(fit.dataset, fit.curve_x, resampled[here]), width="stretch")

st.subheader("Fast preview: drag λ inside the chart")
st.caption(
    "This chart carries its own λ slider (below it), starting at the sweet spot. Every step is computed in "
    "advance, so dragging it updates the curve instantly in your browser and keeps your zoom. It does not "
    "change the λ of the other charts, and they do not change it."
)
st.plotly_chart(ui.preview_figure(fit), width="stretch")
ui.view_actions()

with st.expander("In depth: how the curves are computed"):
    st.markdown(
        "All errors are root mean squared errors in the units of y. The cross-validated error is exact "
        "leave-one-out: for ridge it has a closed form, eᵢ / (1 − hᵢᵢ), with hᵢᵢ the leverage of point i, so "
        "every λ costs one matrix product, not n refits. The feature scaling is fitted once on all training "
        "points and α = n·λ is kept in every fold, as "
        "`cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())` on the standardized features Z. "
        "Above 5,000 training rows it uses 5-fold cross-validation instead (seeded, the same folds as "
        "`KFold(5, shuffle=True, random_state=0)`). "
        "The band is the one-standard-error rule: every λ whose cross-validated error is within one standard "
        "error of the lowest."
    )
    st.markdown(
        f"Best λ on the fine grid: {explain.format_lam(path.lams[path.best_index])}; band from "
        f"{explain.format_lam(path.lams[low])} to {explain.format_lam(path.lams[high])}. "
        f"The resampled fits use {resampled.shape[1]} "
        + (
            "fresh samples from the true curve."
            if fit.dataset.is_synthetic
            else "bootstrap resamples of the training rows."
        )
    )
ui.finish_page()
