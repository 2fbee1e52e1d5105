"""Review and correction: the queue of a month's findings and warnings, the audit log of what
analysts decided about them, and the corrected values every view reads.

Nothing here edits a printed value. The store keeps the values as printed and the log beside
them (`review_log`); the store's read layer hands out evaluations with the log's corrections
applied (`apply.corrected`), so every page, export and briefing reads the same corrected
values and marks. Pure functions over frames: no store, no streamlit.
"""
