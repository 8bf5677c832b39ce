import streamlit as st

import ui

ui.start_page()
st.title("L2 Lab: how a small penalty stops a model from memorizing")

st.markdown(
    """
Think of two students preparing for an exam. One **memorizes the answers** to last year's
practice questions; the other **learns the subject**. On the practice questions the first
student is perfect. On the real exam, with new questions, the second student does far better.

A model learning from data can fall into the same trap. Given enough freedom, it bends itself
through every training point, noise and all. That is **overfitting**: perfect on the data it
was shown, poor on new data.

**L2 regularization** (also called *ridge* or *weight decay*) is a charge on the model's
weights, the numbers that say how much each ingredient of the curve counts. Large weights cost
more, so the model keeps only the bends the data really support. One setting, **λ**, says how
strong the charge is.
"""
)

st.subheader("Try it: drag λ to the right")
st.caption(
    "Black dots are the points the model learns from; pale blue dots are new points it never saw. "
    "The dotted purple curve is the model with no penalty at all: it chases individual dots. "
    "Move λ and watch the orange curve: a little penalty calms it down, too much flattens it."
)
ui.live.lam_control()
fit = ui.current_fit()
ui.live.chart(ui.steps.fit_chart(fit, height=400, unpenalized=True), key="home_fit")
ui.live.text(ui.steps.fit_summaries(fit), key="home_fit_summary")
ui.show_misses(fit)
ui.show_verdict(fit)
ui.sweet_spot_button(fit)

st.markdown(
    """
**What to take away**
- More λ gives smaller, more evenly spread weights, and so a smoother, steadier curve.
- You need more when the miss on training data is much smaller than the miss on new data.
- Too much is bad too: the curve gets too stiff and misses the real pattern.
- The best λ is found by checking on data the model did not see (cross-validation).
- Most ready-made tools set this for you; it matters when you build or fine-tune a model.
"""
)
st.subheader("A five-minute tour")
TOUR_VIEW = {"data": "wave", "degree": "15", "n": "30", "noise": "0.3", "seed": "0"}
for page, label, lam in (
    ("pages/playground.py", "1. See overfitting: a flexible curve with no penalty", "0"),
    ("pages/playground.py", "2. Add the penalty: watch the curve calm down", "0.001"),
    ("pages/weights.py", "3. Watch the weights shrink", "0.001"),
    ("pages/curves.py", "4. Find the sweet spot", "0.001"),
):
    st.page_link(page, label=label, query_params=TOUR_VIEW | {"lam": lam}, icon=":material/arrow_forward:")
st.page_link("pages/your-data.py", label="5. Try your own data", icon=":material/upload_file:")
st.markdown("**More:**")
st.page_link("pages/faq.py", label="Questions people ask, each with a live demo", icon=":material/help:")
st.page_link("pages/why.py", label="Why it works: the picture behind the penalty", icon=":material/lightbulb:")
ui.finish_page()
