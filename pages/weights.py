import streamlit as st

import ui
from core.curve import words
from core.show import glossary
from core.show.palette import NO_PENALTY, SWEET_SPOT, YOUR_PENALTY
from ui import live
from ui.controls import view_actions
from ui.curve import steps
from ui.curve.controls import fit_controls, sweet_spot_button

ui.start_page()
st.title("Weights: what the penalty actually shrinks")
st.markdown(
    "The model's curve is a recipe: a bit of a straight line (the 1st ingredient), a bit of a gentle bend (the 2nd), "
    "a bit of a sharper bend (the 3rd), and so on, up to the flexibility you chose. Each "
    f"{glossary.link('weight')} says how much of one ingredient goes in. Without a penalty the weights can grow enormous and cancel each other out. That is "
    "how a curve manages to pass through every point, luck and all. The penalty charges for large weights, so they "
    "shrink and share the work more evenly."
)
fit = fit_controls(rerun_page=False)  # everything that follows λ here is live
live.text(steps.weights_sentences(fit), key="weights_sentence")

st.subheader("How big is each weight?")
fit_swings = words.swings_of(fit.dataset)
st.markdown(
    f"Each bar is how far one ingredient can move the curve, counted in {fit_swings} "
    f"(their {glossary.link('spread')}: how far values typically sit from their average). "
    f"{NO_PENALTY.word.capitalize()}: no penalty. {YOUR_PENALTY.word.capitalize()}: your λ. While your λ is 0, the "
    f"{SWEET_SPOT.word} bars show the sweet spot instead, for comparison. The scale is stretched so that tiny and "
    "giant bars fit on one chart: read the numbers on the left. Bars far above the dashed line at 1 mean "
    "ingredients fighting each other."
)
live.chart(steps.weight_bars(fit), key="weight_bars")

st.subheader("Each weight as the penalty grows")
st.markdown(
    "Read from left to right: λ grows along the bottom, and each grey line is one weight, light for the straight "
    "line and darker for sharper bends. λ = 0 sits at the far left, apart from the rest: each line has a dot there "
    "when it fits on the chart. Lines that leave the chart on the left are the unpenalized curve's ingredients "
    "fighting each other: a note says how far they go. The dotted line is your λ."
)
live.chart(steps.weight_paths(fit), key="weight_paths")
live.text(steps.paths_summaries(fit), key="paths_summary")

st.subheader("All weights together")
st.markdown(
    "Left: the size of all weights together. Right: how many weights the model really uses "
    f"({glossary.link('effective number of weights', 'its free weights')}). A weight the penalty holds back "
    "counts only in part, so this can be a fraction: all of them with no penalty, almost none with a huge one."
)
live.chart(steps.weight_totals(fit), key="weight_totals")
live.text(steps.total_summaries(fit), key="total_summary")
sweet_spot_button(fit)
view_actions()

with st.expander("In depth: what the bars measure"):
    st.markdown(
        "The features are t, t², …, t^d with t = x rescaled to [0, 1], each standardized to mean 0 and "
        "standard deviation 1 on the training data. A bar is |wⱼ| / sd(y): moving the feature by one of its "
        "standard deviations moves the curve by that many standard deviations of y. The total is ‖w‖ / sd(y). "
        "The effective number of free weights is df(λ) = Σ sⱼ² / (sⱼ² + nλ), with sⱼ the singular values "
        "of the standardized feature matrix; the intercept is not counted."
    )
    st.markdown(
        "Weight sizes depend on the basis: the same unpenalized curve written with Legendre polynomials has "
        "small weights. Compare weights within one basis only."
    )
ui.finish_page()
