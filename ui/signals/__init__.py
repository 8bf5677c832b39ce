"""The many-signals story's Streamlit side: cached fits (``fits``) and the story drawn on a page (``story``)."""
