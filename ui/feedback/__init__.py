"""The Sorting-feedback story's Streamlit side: cached models (``models``) and their views for every λ step (``views``)."""
