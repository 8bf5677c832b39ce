import streamlit as st

import ui
from core.curve import buyer, words
from core.show import facts
from core.show.glossary import VENDOR_QUESTIONS
from core.show.glossary import link as term
from core.show.palette import NO_PENALTY, TRUE_PATTERN, YOUR_PENALTY
from ui import live
from ui.controls import next_in_story
from ui.curve import steps
from ui.curve.controls import show_misses, show_verdict, sweet_spot_button
from ui.curve.fits import cafe_fit, current_fit, for_markdown, history_for

ui.start_page()
fit = current_fit()
cafe = cafe_fit()  # the forecast and the buyer's numbers are the café's, whatever data the view shows

st.title("L2 Lab: how a small penalty stops a model from memorizing")
with st.container(border=True):
    st.markdown(
        "**The bottom line.** A model that learns from your data can learn your past by heart instead of its "
        "pattern. Then it looks perfect on the past and its forecasts go wild. A charge on big weights, called L2, "
        f"is the usual guard. {facts.L2_IS_STANDARD} So ask your vendor how they chose it, and what the model "
        "misses on days it never saw, in euros."
    )
st.markdown(
    f"""
Think of two students preparing for an exam. One **memorizes the answers** to last year's practice questions;
the other **learns the subject**. On the practice questions the first student is perfect. On the real exam, with
new questions, the second does far better.

A model that learns from data can fall into the same trap. Given enough freedom, it bends itself through every
example it learns from, luck and all. That is {term("memorizing")} (experts say *overfitting*): close to perfect
on the data it was shown, poor on new data. {term("L2", "L2 regularization")} (also called *ridge* or *weight
decay*) charges the model for big {term("weight", "weights")}, the numbers that say how much each part of its
formula counts. So it keeps only the bends the data really support. One setting, **λ** (the Greek letter lambda),
says how strong the charge is.
"""
)

st.subheader("Before and after: one model, three penalties")
st.markdown(for_markdown(steps.pictures_sentence(fit), fit.dataset))
for column, (figure, caption) in zip(st.columns(3), steps.pictures(fit)):
    with column:
        st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})
        st.caption(for_markdown(caption, fit.dataset))

st.subheader("Try it: drag the penalty")
st.markdown(
    f"**The data:** {fit.dataset.story} {words.sample_sentence(fit.dataset)} "
    + (f"The {TRUE_PATTERN.word} dashed line is that true pattern. " if fit.dataset.is_synthetic else "")
    + f"Your penalty's curve is {NO_PENALTY.word} dotted while there is none (the no-penalty curve above), and "
    f"{YOUR_PENALTY.word} once you add some: a little calms it down, too much flattens it."
)
live.lam_control(rerun_page=False, explain=True)  # everything that follows λ here is live
live.chart(steps.fit_chart(fit, height=420, compare=True, story_names=True), key="home_fit")
live.text(steps.fit_summaries(fit, story=True, compared=True), key="home_fit_summary")
show_misses(fit)
show_verdict(fit)
sweet_spot_button(fit)

forecast = steps.forecast(cafe)
if forecast is not None:
    figure, said = forecast
    st.subheader("What memorizing does to a forecast")
    st.markdown(
        "A vendor sells forecasts, so ask the café's model about the future: the two weeks after its year. "
        "It learned from the year, not from these days."
    )
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False}, key="home_forecast")
    st.markdown(for_markdown(said, cafe.dataset))
    st.caption(facts.TEACHING_MODEL)

st.markdown(
    f"""
**What to take away**
- A penalty does not make a model smarter. It makes it steadier: [Questions](/faq) shows it on 20 samples.
- Too little, and the model memorizes: a stronger penalty would do better on new data.
- Too much makes the curve too stiff, so it misses the real pattern. Some data need none at all.
- The right amount is found by testing on parts of the past data that the model is held back from learning, in
  turn ({term("cross-validation")}); days it never saw only check the choice afterwards.
  Every verdict in this app follows [one simple rule](/curves#the-rule).
- Most ready-made tools set this for you, by testing; ask how. It matters when you build or tune a model.
"""
)

st.subheader("If you are buying a model")
st.markdown(for_markdown(f"**What miss to accept.** {buyer.miss_to_accept(cafe.path, cafe.dataset)}", cafe.dataset))
history = history_for(cafe)
if history is not None:
    st.markdown(
        for_markdown(
            f"**How much history helps.** {buyer.history_sentence(history, cafe.dataset.y_unit)}", cafe.dataset
        )
    )
_SHOWN_ON = {
    "/": "the chart “Try it” above",
    "/curves": "The sweet spot",
    "/faq": "Questions",
    "/signals": "Many signals",
    "/your-data": "Your data",
}
st.markdown(
    "**What to ask.** These questions show whether a tool guards against memorizing. Each comes with what a good "
    "answer and a red flag sound like, and the page that shows why it matters.\n\n"
    + "\n".join(
        f"{number}. **{item.question}** {item.why} "
        + (f"See {_SHOWN_ON[item.page]}." if item.page == "/" else f"See [{_SHOWN_ON[item.page]}]({item.page}).")
        + f"\n    - Good answer: {item.good}\n    - Red flag: {item.red_flag}"
        for number, item in enumerate(VENDOR_QUESTIONS, start=1)
    )
)
st.markdown(
    "**A worked example.** A vendor says their sales forecast misses by ±€150 a day on the days it learned from, "
    "and by ±€600 on days it never saw. The second number is the one to plan with. The big gap between them is a "
    "warning sign: the model may be memorizing. Ask question 3, and whether a stronger penalty would lower the "
    "±€600."
)

with st.expander("In depth: the λ control's numbers, and a tour for analysts"):
    st.markdown(
        "The λ control's far left is 0, no penalty at all. Each notch to the right multiplies λ by about 1.8, so the "
        "values climb very fast: the middle is already 0.001, and the far right, 100, is a huge penalty. The "
        "words name ranges of λ: very light below 0.000001, light up to 0.0001, medium up to 0.01, strong up "
        "to 1, very strong above. λ means the same whatever the units of the data, euros or cents."
    )
    st.page_link(
        "pages/playground.py",
        label="Playground: change the data, the flexibility and the noise",
        icon=":material/tune:",
    )
    st.page_link("pages/weights.py", label="Weights: watch every weight shrink as λ grows", icon=":material/bar_chart:")
    st.page_link("pages/why.py", label="Why it works: the picture behind the penalty", icon=":material/lightbulb:")
    st.page_link("pages/faq.py", label="Questions people ask, each with a live demo", icon=":material/help:")
    st.page_link("pages/network.py", label="In a neural network: weight decay in AI tools", icon=":material/hub:")
next_in_story("/")
ui.finish_page()
