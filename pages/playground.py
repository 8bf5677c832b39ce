import streamlit as st

import ui
from core.curve import words
from core.show import glossary
from core.show.plain_numbers import format_lam
from ui import live
from ui.controls import view_actions
from ui.curve import steps
from ui.curve.controls import fit_controls, guess_first, show_misses, show_verdict, sweet_spot_button
from ui.curve.fits import degree_sweep, for_markdown

ui.start_page()
st.title("Playground")
st.markdown(
    "A sandbox for students and analysts: here you are in charge of the data, the curve's flexibility and the "
    "penalty, with every number exact. Change one thing at a time and watch the curve and the two misses. "
    "Some things to try:\n"
    f"- Set λ to 0 and the {glossary.link('degree')} to 15, then press **New sample** in the sidebar a few times: "
    "the curve jumps around, because it chases each sample's luck.\n"
    "- Now give it a small penalty and press New sample again: the curve barely moves.\n"
    "- Drag **Training points** up: with more points there is less luck to chase, so less penalty is needed.\n"
    "- Drag **Noise** to 0: with no luck to chase, the penalty has little to do.\n"
    "- Pick another dataset: some need a strong penalty, and some need none."
)
fit = fit_controls()
st.caption(fit.dataset.story)
live.chart(steps.fit_chart(fit), key="playground_fit")
live.text(steps.fit_summaries(fit), key="playground_fit_summary")
show_misses(fit)
show_verdict(fit)
sweet_spot_button(fit)
view_actions()

st.subheader("Error against flexibility")
live.text(steps.degree_captions(fit), key="degree_caption")
sweep = degree_sweep()
live.chart(steps.degree_chart(fit, sweep), key="degree_chart")
live.text(steps.degree_summaries(fit, sweep), key="degree_summary")

st.subheader("Challenge: where is the sweet spot?")
if guess_first(fit, toggle=False):
    live.chart(steps.error_curves(fit), key="playground_error_curves")
    st.caption(words.ZONES_CAPTION)
    live.text(steps.sweet_spot_sentences(fit), key="playground_sweet_spot")

with st.expander("In depth: the exact model behind this chart"):
    st.markdown(
        "x is rescaled to t between 0 and 1, the curve is built from t, t², …, t^d, each standardized "
        "(mean 0, standard deviation 1 on the training data), and the weights w minimize"
    )
    st.latex(r"\frac{1}{n}\sum_{i=1}^{n}\Big(y_i - b - \sum_{j=1}^{d} w_j z_{ij}\Big)^2 + \lambda \sum_{j=1}^{d} w_j^2")
    st.markdown(
        "The intercept b is not penalized. Because of the 1/n and the standardized features, λ means the "
        "same thing whatever the number of points or the units of x and y. λ = 0 is plain least squares, "
        "computed in a Legendre basis so that it is exact. This view in scikit-learn "
        f"(n = {fit.n} training points):"
    )
    st.code(words.sklearn_code(fit.path.degree, fit.n, fit.lam), language="python")
    lo, hi = fit.path.good_range
    st.markdown(
        f"Effective number of free weights at this λ: **{fit.path.df[fit.index]:.1f}** of {fit.path.degree}. "
        f"The verdict uses exact {fit.path.cv} cross-validation: λ from {format_lam(fit.path.lams[lo])} "
        f"to {format_lam(fit.path.lams[hi])} is within one standard error of the sweet spot, "
        f"{format_lam(fit.path.lams[fit.path.best_index])}. "
        + for_markdown(words.held_out_best_sentence(fit.path, fit.dataset.y_unit), fit.dataset)
    )
ui.finish_page()
