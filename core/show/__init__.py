"""The presentation kit every story shares: colours, chart pieces, figures that follow the λ control,
plain numbers and the glossary. Knows no story; never imports streamlit.
"""
