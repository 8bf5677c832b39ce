import streamlit as st

import ui
from core.show.glossary import VENDOR_QUESTIONS
from core.show.glossary import link as term
from ui import live
from ui.curve import steps
from ui.curve.controls import show_misses, show_verdict, sweet_spot_button
from ui.curve.fits import current_fit

ui.start_page()

st.title("L2 Lab: how a small penalty stops a model from memorizing")

st.markdown(
    f"""
Think of two students preparing for an exam. One **memorizes the answers** to last year's
practice questions; the other **learns the subject**. On the practice questions the first
student is perfect. On the real exam, with new questions, the second student does far better.

A model that learns from data can fall into the same trap. Given enough freedom, it bends
itself through every example it learns from, luck and all. That is {term("memorizing")}
(experts say *overfitting*): perfect on the data it was shown, poor on new data.

{term("L2", "L2 regularization")} (also called *ridge* or *weight decay*) is a charge on the
model's {term("weight", "weights")}: the numbers that say how much each part of its formula
counts. Large weights cost more, so the model keeps only the bends the data really support.
One setting, **λ** (the Greek letter lambda), says how strong the charge is. At 0 there is no charge.
"""
)

st.subheader("Try it: drag λ to the right")
fit = current_fit()
st.markdown(
    f"**The data:** {fit.dataset.story} Black dots are the points the model learns from; pale blue dots are new points "
    "it never saw. "
    + (
        "The dashed green line is the true pattern, known here only because we made these data up. "
        if fit.dataset.is_synthetic
        else ""
    )
    + "The dotted purple curve has no penalty at all. The orange curve has your λ: a little penalty calms it "
    "down, too much flattens it."
)
st.markdown(
    "**The λ slider:** the far left is 0, no penalty at all. Each notch to the right multiplies the penalty by about "
    "1.8, so the values climb very fast: the middle is already a small penalty (0.001), and the far right (100) "
    "is a huge one."
)
live.lam_control(rerun_page=False)  # everything that follows λ here is live
live.chart(steps.fit_chart(fit, height=400, unpenalized=True), key="home_fit")
live.text(steps.fit_summaries(fit), key="home_fit_summary")
show_misses(fit)
show_verdict(fit)
sweet_spot_button(fit)

st.markdown(
    f"""
**What to take away**
- The penalty does not make a model smarter. It makes it steadier: [Questions](/faq) shows it on 20 samples.
- Too little, and the model memorizes: a stronger penalty would do better on new data.
- A penalty can also hurt. Too much makes the curve too stiff, so it misses the real pattern. And some data
  need none at all: a stiff curve with few weights cannot memorize, so any penalty only holds it back.
- The right amount is found by testing on data the model did not see ({term("cross-validation")}).
  Every verdict in this app follows [one simple rule](/curves#the-rule).
- Most ready-made tools set this for you. It matters when you build or tune a model.
"""
)
st.subheader("A five-minute tour")
TOUR_VIEW = {"data": "wave", "degree": "15", "n": "30", "noise": "0.3", "seed": "3"}  # a sample that memorizes visibly
for page, label, lam in (
    ("pages/playground.py", "1. See overfitting: with no penalty, a bendy curve memorizes", "0"),
    ("pages/playground.py", "2. Add a little penalty: watch the curve calm down", "0.001"),
    ("pages/weights.py", "3. Watch the weights shrink", "0.001"),
    ("pages/curves.py", "4. Find the sweet spot, and the rule behind the verdict", "0.001"),
):
    st.page_link(page, label=label, query_params=TOUR_VIEW | {"lam": lam}, icon=":material/arrow_forward:")
st.page_link("pages/your-data.py", label="5. Try your own data", icon=":material/upload_file:")

st.subheader("What to ask about your AI tool")
_SHOWN_ON = {
    "/": "the chart “Try it: drag λ to the right” above",
    "/playground": "Playground",
    "/curves": "Overfitting curves",
    "/faq": "Questions",
    "/signals": "Many signals",
    "/your-data": "Your data",
}
st.markdown(
    "If you buy or use a tool that learns from data, these questions show whether it guards against "
    "memorizing. Each one comes with the page that shows why it matters.\n\n"
    + "\n".join(
        f"{number}. **{item.question}** {item.why} "
        + (f"See {_SHOWN_ON[item.page]}." if item.page == "/" else f"See [{_SHOWN_ON[item.page]}]({item.page}).")
        for number, item in enumerate(VENDOR_QUESTIONS, start=1)
    )
)
st.markdown(
    "**A worked example.** A vendor says their sales forecast misses by ±0.5 thousand € a day on the data it "
    "learned from, and by ±2 thousand € on days it never saw. The second number is the one to plan with. The big "
    "gap between them is a warning sign: the model may be memorizing. Ask question 3, and whether a stronger "
    "penalty would lower the ±2 thousand €."
)
st.markdown("**More:**")
st.page_link("pages/faq.py", label="Questions people ask, each with a live demo", icon=":material/help:")
st.page_link("pages/why.py", label="Why it works: the picture behind the penalty", icon=":material/lightbulb:")
st.page_link("pages/network.py", label="In a neural network: weight decay in AI tools", icon=":material/hub:")
ui.finish_page()
