import streamlit as st

import ui
from core.models.grid import LARGE_N, N_FOLDS
from core.show import glossary
from core.show.plain_numbers import format_lam
from core.verdict import RULE_IN_WORDS
from ui import live
from ui.controls import view_actions
from ui.curve import steps
from ui.curve.controls import fit_controls, guess_first, show_verdict, sweet_spot_button
from ui.curve.fits import degree_sweep, resampled_curves

ui.start_page()
st.title("Overfitting curves: finding the sweet spot")
st.markdown(
    "Too little penalty and the model memorizes its training points; too much and it misses the real "
    "pattern. The miss on **new data** tells the two apart, so the chart below shows it for every λ, "
    "next to the miss on the training data. The sweet spot is the star: the λ with the lowest miss when the "
    "model is checked on training points it was not allowed to learn from. It is found without peeking at the "
    "new data, as a real project must, since it has no new data yet. The green band around it is about as good. "
    f"Here the {glossary.link('degree', 'curve flexibility')} (how many bends the curve may make) and "
    "the data stay fixed; only λ changes."
)
fit = fit_controls(rerun_page=False)  # everything that follows λ here is live
path = fit.path
low, high = path.good_range

st.subheader("Error against the penalty")
answer_shown = guess_first(fit)
if answer_shown:
    st.markdown(
        "Along the bottom, λ = 0 (no penalty) sits at the far left, set apart from the rest. From the next label "
        "on, each label is 100 times the one before it."
    )
    live.chart(steps.error_curves(fit), key="error_curves")
    live.text(steps.curves_summaries(fit), key="curves_summary")
    live.text(steps.sweet_spot_sentences(fit), key="sweet_spot_sentence")
    sweet_spot_button(fit)

st.subheader("The rule behind every verdict", anchor="the-rule")
st.markdown(
    f"{RULE_IN_WORDS} The green band on the chart above is that range. Every page of this app "
    "gives its verdict by this rule."
)
if answer_shown:
    show_verdict(fit)

st.subheader("Error against flexibility")
st.caption(
    "Each point is the typical miss for one curve flexibility, called the degree: degree 1 is a straight line, "
    "and each step up allows one more bend. Blue: training data, and orange: new data, both with your λ. "
    "Dotted: new data with no penalty."
)
sweep = degree_sweep()
live.chart(steps.degree_chart(fit, sweep), key="degree_chart")
live.text(steps.degree_summaries(fit, sweep), key="degree_summary")

st.subheader("How much the fit jumps between samples")
resampled = resampled_curves(fit)
st.caption(
    "Each line is the model learned from a different sample of the same kind of data. "
    "Lines that agree mean a steady model; lines that scatter mean one that chases luck."
)
live.chart(steps.spaghetti(fit, resampled), key="spaghetti")
live.text(steps.spread_sentences(fit, resampled, unpenalized_shown=False), key="spread_sentence")
view_actions()

with st.expander("In depth: how the curves are computed"):
    st.markdown(
        "All errors are root mean squared errors in the units of y. The cross-validated error is exact "
        "leave-one-out: for ridge it has a closed form, eᵢ / (1 − hᵢᵢ), with hᵢᵢ the leverage of point i, so "
        "every λ costs one matrix product, not n refits. The feature scaling is fitted once on all training "
        "points and α = n·λ is kept in every fold, as "
        "`cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())` on the standardized features Z. "
        f"Above {LARGE_N:,} training rows it uses {N_FOLDS}-fold cross-validation instead (seeded, the same folds as "
        f"`KFold({N_FOLDS}, shuffle=True, random_state=0)`). "
        "The band is the one-standard-error rule: every λ whose cross-validated error is within one standard "
        "error of the lowest."
    )
    st.markdown(
        f"Best λ on the fine grid: {format_lam(path.lams[path.best_index])}; band from "
        f"{format_lam(path.lams[low])} to {format_lam(path.lams[high])}. "
        f"The resampled fits use {resampled.shape[1]} "
        + (
            "fresh samples from the true curve."
            if fit.dataset.is_synthetic
            else "bootstrap resamples of the training rows."
        )
    )
ui.finish_page()
