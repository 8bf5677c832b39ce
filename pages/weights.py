import streamlit as st

import ui

ui.start_page()
st.title("Weights: what the penalty actually shrinks")
st.markdown(
    "The curve is a recipe: a bit of x, a bit of x², a bit of x³, and so on. Each **weight** says how much "
    "of one ingredient goes in. Without a penalty the weights can grow enormous and cancel each other out, "
    "which is how a curve manages to pass through every noisy point. The penalty charges for large weights, "
    "so they shrink and share the work more evenly."
)
fit = ui.fit_controls()
ui.live.text(ui.steps.weights_sentences(fit), key="weights_sentence")

st.subheader("How big is each weight?")
st.caption(
    "Each bar is how far one ingredient can swing the curve, measured in spreads of y (its standard deviation). "
    "Purple: no penalty. Orange: at the λ you chose. Far above the dashed line at 1 means terms are fighting each other."
)
ui.live.chart(ui.steps.weight_bars(fit), key="weight_bars")

st.subheader("Each weight as the penalty grows")
st.caption(
    "Read from left to right: as λ grows every weight shrinks smoothly toward zero. Lines that leave the chart "
    "on the left are weights in the thousands or millions: the unpenalized curve's terms fighting each other. "
    "The dotted line is your λ."
)
ui.live.chart(ui.steps.weight_paths(fit), key="weight_paths")
ui.live.text(ui.steps.paths_summaries(fit), key="paths_summary")

st.subheader("All weights together")
st.caption(
    "Left: the size of all weights together. Right: how many weights the model effectively still uses "
    "(with no penalty, all of them; with a huge penalty, almost none)."
)
ui.live.chart(ui.steps.weight_totals(fit), key="weight_totals")
ui.live.text(ui.steps.total_summaries(fit), key="total_summary")
ui.sweet_spot_button(fit)
ui.view_actions()

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
