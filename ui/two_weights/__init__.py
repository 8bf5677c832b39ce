"""The "Why it works" page's Streamlit side: its pictures and sentences for every λ, built once."""
