"""The reception-day briefing (接听日简报): its content for one unit and month (content.py, with
mentions.py and whatif.py), its wording (text.py), its chart (chart.py), and its renderings:
Word (docx.py), the print view's HTML (html.py), and a zip of several (batch.py)."""
