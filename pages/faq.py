import pandas as pd
import streamlit as st

import ui
from core.curve import charts, faq_words, words
from core.curve.data import DATASET_TITLES
from core.curve.fit import LASSO_LAMS
from core.models.grid import SLIDER_LAMS
from core.show.glossary import TERMS, anchor
from core.show.glossary import link as term
from core.show.palette import NEW_DATA, TRAINING
from core.show.plain_numbers import format_lam, format_miss
from core.verdict import GAP_HINT_IN_WORDS, verdict
from ui import live, registry
from ui.controls import chart_summary
from ui.curve import steps
from ui.curve.controls import fit_controls, show_verdict, sweet_spot_button
from ui.curve.fits import fit_for, for_markdown, lasso_for, resampled_compared, resampled_curves

ui.start_page()
st.title("Questions")
st.markdown(
    "The questions people ask first, each answered in a few sentences and a small live demo. "
    "The demos use the data you picked in the sidebar, and the λ and curve flexibility set just below. "
    "These settings are shared with the other pages. Words in blue link to the [glossary](#glossary) at the end."
)
fit = fit_controls()
sweet_spot_button(fit)

st.header("Does it make my model smarter?")
st.markdown(
    "Not smarter: **steadier**. The penalty does not add knowledge. It stops the model from reacting to every "
    "accident in its training data. Below, the same model learned from 20 different samples: on the left with no "
    "penalty, on the right with a penalty, the sweet spot's until you move λ, then yours. The sentence under them "
    "says how much the curves move from one sample to the next."
)
resampled, compared = resampled_curves(fit), resampled_compared(fit)
left, right = st.columns(2)
left.plotly_chart(
    steps.spaghetti_unpenalized(fit, resampled, height=340), width="stretch", key="faq_spread_unpenalized"
)
with right:
    live.chart(steps.spaghetti(fit, resampled, compared, height=340), key="faq_spread_yours")
live.text(steps.spread_sentences(fit, resampled, compared), key="faq_spread_sentence")

st.header("Do I have to set it myself?")
st.markdown(
    f"Usually not. Most ready-made tools pick it for you by {term('cross-validation')}: they leave some data out, "
    "check the miss on it, and keep the λ that missed least. You set it yourself when you build or tune a model. "
    "Does the automatic choice work? Here it is on three datasets, each with new data kept aside, so we can also "
    "see which λ really was best on them:"
)
PICKED, PICKED_MISS = "Sweet spot λ", "Its miss"  # short: the table is narrow; the caption says what each is
BEST, BEST_MISS = "Hindsight λ", "Hindsight miss"
rows, picks, none_best = [], [], []
for key in ("wave", "step", "tips"):
    other = fit_for(key, 15, fit.lam)
    chosen, truly_best = other.path.best_index, int(other.path.test_rmse.argmin())
    if other.path.lams[truly_best] == 0:
        none_best.append(DATASET_TITLES[key])
    picks.append(
        faq_words.PickedAndBest(
            DATASET_TITLES[key],
            float(other.path.lams[chosen]),
            float(other.path.lams[truly_best]),
            float(other.path.test_rmse[chosen]),
            float(other.path.test_rmse[truly_best]),
        )
    )
    rows.append(
        {
            "Data": DATASET_TITLES[key],
            PICKED: format_lam(other.path.lams[chosen]),
            PICKED_MISS: format_miss(other.path.test_rmse[chosen], other.dataset.y_unit),
            BEST: format_lam(other.path.lams[truly_best]),
            BEST_MISS: format_miss(other.path.test_rmse[truly_best], other.dataset.y_unit),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True)
chart_summary(
    f"For each dataset, with the most flexible curve: “{PICKED}” is what cross-validation chose without seeing the "
    f"new data; “{BEST}” is the λ that turned out best on the new data, known only here, afterwards (it is not the "
    f"sweet spot); “{PICKED_MISS}” and “{BEST_MISS}” are the typical misses on new data with each."
)
st.markdown(faq_words.cross_validation_sentence(picks).replace("$", "\\$"))  # built-in data: money signs only
if none_best:
    st.markdown(
        f"Where “{BEST}” reads 0 (off), as for “{none_best[0]}”, no penalty at all did best on the new data: "
        "some data need none, because the curve has little luck to chase there, and any penalty only holds it back "
        "a little. Cross-validation cannot know that in advance, so it picked a small penalty: compare the two "
        "misses in the table to see what that cost."
    )

st.header("How do I know my model needs more?")
curves_page = registry.BY_PATH["/curves"]
st.markdown(
    "Test it on data it did not learn from. The two bars below are the typical miss at your λ: on the data the "
    f"model learned from ({TRAINING.word}) and on new data it never saw ({NEW_DATA.word}). When the second is much "
    "bigger, the model may be memorizing, and more penalty would likely help. To be sure, compare the miss on data left "
    "out of training (the check the sweet spot uses) at weaker and stronger penalties: if a stronger one gives a "
    "clearly smaller miss, the model needs more. "
    f"The verdict below follows that rule, written out in full on the page [{curves_page.title}]"
    f"({curves_page.path}#the-rule)."
)
live.chart(steps.gap_chart(fit), key="faq_gap")
live.text(steps.gap_sentences(fit), key="faq_gap_sentence")
st.markdown(f"**What about the gap between the two misses?** {GAP_HINT_IN_WORDS}")
show_verdict(fit)

st.header("Can there be too much?")
st.markdown(
    "Yes. Push λ far up and the model is charged so much for any weight that it can barely bend. "
    f"It flattens toward the average and misses the real pattern: it is {term('too simple')} "
    "(experts say *underfitting*). Slide this one to the right:"
)
too_much = st.select_slider(
    "Push the penalty λ up (this demo only)",
    options=SLIDER_LAMS[SLIDER_LAMS >= 1e-3].tolist(),
    value=10.0,
    format_func=format_lam,
    key="faq_too_much",
)
strong = fit.path.index_of(too_much)
st.plotly_chart(charts.fit_figure(fit.dataset, fit.curve_x, fit.curves[strong], height=360), width="stretch")
chart_summary(
    for_markdown(
        f"At λ = {format_lam(too_much)} the verdict is {verdict(fit.path, strong).label}: typical miss "
        f"{format_miss(fit.path.train_rmse[strong], fit.dataset.y_unit)} on training data and "
        f"{format_miss(fit.path.test_rmse[strong], fit.dataset.y_unit)} on new data.",
        fit.dataset,
    )
)

st.header("How is L2 different from L1 (lasso)?")
st.markdown(
    f"Both charge for weights. **L2** charges for their squares, so it pulls every weight toward zero but "
    f"rarely makes any exactly zero. **{term('L1')}** charges for their plain sizes, so as λ grows it switches "
    "weights off, setting them to exactly zero, until none is left. That also picks which parts of the formula to keep. Same data, same formula:"
)
lasso = lasso_for(fit)
live.chart(steps.l2_l1_chart(fit, LASSO_LAMS, lasso), key="faq_l2_l1")
live.text(steps.l1_switched_off_sentences(fit, LASSO_LAMS, lasso), key="faq_l1_off")
with st.expander("In depth: the two penalties"):
    st.markdown(
        "L2: minimize (1/n)·Σr² + λ·Σwⱼ², scikit-learn `Ridge(alpha=n·λ)`. L1: minimize (1/n)·Σr² + λ·Σ|wⱼ|, "
        "scikit-learn `Lasso(alpha=λ/2)` (lasso's own loss has a 1/(2n)), here via `lasso_path` on the same "
        "standardized features."
    )
with st.expander("In depth: what λ means in scikit-learn, Keras and PyTorch"):
    st.markdown(
        "Every tool has this setting under another name and scale. For your data "
        f"({fit.n} training rows) and λ = {format_lam(fit.lam)}:"
    )
    st.table(pd.DataFrame(words.framework_settings(fit.lam, fit.n), columns=["Tool", "Setting", "Why this number"]))
    st.caption(
        "All three assume standardized features and a mean squared error; see the Playground's In depth box for "
        "the full pipeline."
    )
st.page_link(
    "pages/why.py", label="Why does a penalty on weights calm the curve? See the picture", icon=":material/lightbulb:"
)

st.header("Glossary", anchor="glossary")
st.markdown("The words this app uses, in plain English.")
for entry in TERMS:
    st.subheader(entry.word[0].upper() + entry.word[1:], anchor=anchor(entry.word))
    st.markdown(entry.meaning + (f" *Also called: {', '.join(entry.also)}.*" if entry.also else ""))
ui.finish_page()
