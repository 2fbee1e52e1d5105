"""Streamlit-specific code shared by app.py and the pages: state, filters, cards, safety."""
