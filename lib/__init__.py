"""热线通报分析台: the parsing library, the store and the analysis behind the app.

Nothing in this package imports streamlit.
"""

PARSER_VERSION = "1"
