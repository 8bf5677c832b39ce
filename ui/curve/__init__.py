"""The one-curve story's Streamlit side: cached fits (``fits``), every chart and sentence for every λ step (``steps``) and the curve's widgets (``controls``)."""
