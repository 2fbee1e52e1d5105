"""Papers for the center's monthly meeting: the city's analysis report (content.py, its wording
in text.py and rows in tables.py, rendered as Word by docx.py and as a print sheet by html.py)
and the printable 红黑榜 and 排名 sheets (lists.py)."""
