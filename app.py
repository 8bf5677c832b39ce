import streamlit as st

st.set_page_config(page_title="L2 Lab: see regularization work", page_icon="📈", layout="wide")
st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/playground.py", title="Playground", icon=":material/tune:", url_path="playground"),
        st.Page("pages/weights.py", title="Weights", icon=":material/bar_chart:", url_path="weights"),
        st.Page("pages/curves.py", title="Overfitting curves", icon=":material/show_chart:", url_path="curves"),
        st.Page("pages/signals.py", title="Many signals", icon=":material/stacked_bar_chart:", url_path="signals"),
        st.Page("pages/feedback.py", title="Sorting feedback", icon=":material/reviews:", url_path="feedback"),
        st.Page("pages/your-data.py", title="Your data", icon=":material/upload_file:", url_path="your-data"),
        st.Page("pages/faq.py", title="Questions", icon=":material/help:", url_path="faq"),
        st.Page("pages/why.py", title="Why it works", icon=":material/lightbulb:", url_path="why"),
    ]
).run()
