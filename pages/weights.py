import streamlit as st

import ui
from core import charts, explain

ui.start_page()
st.title("Weights: what the penalty actually shrinks")
st.markdown(
    "The curve is a recipe: a bit of x, a bit of x², a bit of x³, and so on. Each **weight** says how much "
    "of one ingredient goes in. Without a penalty the weights can grow enormous and cancel each other out, "
    "which is how a curve manages to pass through every noisy point. The penalty charges for large weights, "
    "so they shrink and share the work more evenly."
)
fit = ui.fit_controls()
st.info(explain.weights_sentence(fit.path, fit.index))

st.subheader("How big is each weight?")
st.caption(
    "Each bar is how far one ingredient can swing the curve, measured in spreads of y (its standard deviation). "
    "Purple: no penalty. Orange: at the λ you chose. Far above the dashed line at 1 means terms are fighting each other."
)
st.plotly_chart(charts.weight_bars_figure(fit.path, fit.index), width="stretch")

st.subheader("Each weight as the penalty grows")
st.caption(
    "Read from left to right: as λ grows every weight shrinks smoothly toward zero. Lines that leave the chart "
    "on the left are weights in the thousands or millions: the unpenalized curve's terms fighting each other. "
    "The dotted line is your λ."
)
st.plotly_chart(charts.weight_paths_figure(fit.path, fit.index), width="stretch")
ui.chart_summary(explain.paths_summary(fit.path, fit.index))

st.subheader("All weights together")
st.caption(
    "Left: the size of all weights together. Right: how many weights the model effectively still uses "
    "(with no penalty, all of them; with a huge penalty, almost none)."
)
st.plotly_chart(charts.weight_total_figure(fit.path, fit.index), width="stretch")
ui.chart_summary(explain.total_summary(fit.path, fit.index))
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
