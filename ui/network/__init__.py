"""The network story's Streamlit side: its trained networks (``models``) and their views for every λ step (``views``)."""
