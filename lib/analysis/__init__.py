"""Analysis: pandas frames for the views, computed from the store's frames. No streamlit, no I/O.

One module per view (overview, rankings, grades, comparison, trends, ledger, alerts,
explore), each with pure functions and a `*_view()` that computes everything its page shows
(the benchmark times those). Shared: metrics (the measures, their direction and precision), rows
(months, one row per unit), display (Chinese-headed tables at the bulletin's precision), pools
(the bulletin's ranking rule: every place any page, the briefing or an export shows).

For a unit's briefing: pools.placed, comparison.group_medians, comparison.versus_group_median.
"""
