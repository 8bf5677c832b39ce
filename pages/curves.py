import streamlit as st

import ui
from core.curve import words
from core.models.grid import LARGE_N, N_FOLDS
from core.show import facts, glossary
from core.show.palette import NEW_DATA, SWEET_SPOT, TRAINING
from core.show.plain_numbers import format_lam
from core.verdict import RULE_IN_WORDS
from ui import live
from ui.controls import next_in_story, view_actions
from ui.curve import steps
from ui.curve.controls import degree_slider, fit_controls, show_verdict, sweet_spot_button
from ui.curve.fits import for_markdown

ui.start_page()
st.title("The sweet spot: how much penalty is right")
st.markdown(
    "Too little penalty and the model memorizes its training points; too much and it misses the real pattern. "
    "The chart shows the typical miss for every penalty, from none on the left to very strong on the right: "
    f"the {TRAINING.word} line on the data the model learned from, the {NEW_DATA.word} line on new data it never "
    f"saw. The {SWEET_SPOT.word} star marks the sweet spot. {facts.SWEET_SPOT_WITHOUT_NEW_DATA}"
)
fit = fit_controls(rerun_page=False, degree=False)  # everything that follows λ here is live
path = fit.path
low, high = path.good_range

st.subheader("Miss against the penalty")
live.chart(steps.error_curves(fit, story=True), key="error_curves")
st.caption(f"{words.ZONES_CAPTION} {words.WORD_EDGES_CAPTION} {facts.LAM_WORDS_NAME_SIZES}")
live.text(steps.curves_summaries(fit, story=True), key="curves_summary")
live.text(steps.sweet_spot_sentences(fit, story=True), key="sweet_spot_sentence")
show_verdict(fit)
sweet_spot_button(fit)

st.markdown(
    f"**What to take away.** {facts.ONE_SWEET_SPOT} Around it, a range of penalties does about as well. A vendor "
    "should be able to tell you how they found theirs."
)

st.subheader("The rule behind every verdict", anchor="the-rule")
st.markdown(
    f"{RULE_IN_WORDS} The {SWEET_SPOT.word} band on the chart above is that range. Every page of this app "
    "gives its verdict by this rule."
)

with st.expander("In depth: exact numbers, the curve's flexibility and how the misses are computed"):
    degree_slider()
    st.markdown(
        f"Here the {glossary.link('degree', 'curve flexibility')} (how many bends the curve may make) and the data "
        f"stay fixed; only λ changes. Sweet spot on the fine grid of λ: {format_lam(path.lams[path.best_index])}; "
        f"the band runs from {format_lam(path.lams[low])} to {format_lam(path.lams[high])}. "
        + for_markdown(words.held_out_best_sentence(path, fit.dataset.y_unit), fit.dataset)
    )
    st.markdown(
        "All misses are root mean squared errors in the units of y. The cross-validated error is exact "
        "leave-one-out: for ridge it has a closed form, eᵢ / (1 − hᵢᵢ), with hᵢᵢ the leverage of point i, so "
        "every λ costs one matrix product, not n refits. The feature scaling is fitted once on all training "
        "points and α = n·λ is kept in every fold, as "
        "`cross_val_score(Ridge(alpha=n*lam), Z, y, cv=LeaveOneOut())` on the standardized features Z. "
        f"Above {LARGE_N:,} training rows it uses {N_FOLDS}-fold cross-validation instead (seeded, the same folds as "
        f"`KFold({N_FOLDS}, shuffle=True, random_state=0)`). "
        "The band is the one-standard-error rule: every λ whose cross-validated error is within one standard "
        "error of the lowest."
    )
    st.markdown("The sweet spot's model in scikit-learn:")
    st.code(words.sklearn_code(path.degree, fit.n, path.lams[path.best_index]), language="python")
    st.markdown(
        "More for analysts: the miss against the flexibility and a guess-first challenge are on the "
        "[Playground](/playground); how much the fit jumps between samples is on [Questions](/faq)."
    )
    view_actions()
next_in_story("/curves")
ui.finish_page()
