"""Corrections applied to evaluation rows: the one place a corrected value replaces a printed one.

The store's read layer calls `corrected` on every evaluations frame it hands out, so pages,
exports, briefings and reports all read the same values. Each row says what was corrected
(`corrected`: field names, comma-separated) and what was printed (`correction`: the note the
views show, "综合指标值已更正：通报原值 69.0"); both are '' on a row as printed.

A correction applies while its cell exists and still prints the value it was made against: a
month replaced by a file that prints another value there (or no such row) leaves it
`stale`, listed for the analyst, not applied.
"""

from __future__ import annotations

import pandas as pd

from lib.labels import field_label
from lib.model import FIGURE
from lib.review.log import ROW_KEY, in_force


def corrected(printed: pd.DataFrame, log: pd.DataFrame) -> pd.DataFrame:
    """`printed` (the evaluations frame as stored) with the corrections in force applied."""
    out = printed.assign(corrected="", correction="")
    if out.empty or log.empty:
        return out
    rows = _row_index(out)
    for entry in in_force(log).itertuples(index=False):
        at = rows.get((entry.period, entry.channel, entry.group, entry.unit))
        if at is None or not same_value(entry.printed, out.at[at, entry.field]):
            continue
        out.at[at, entry.field] = typed(entry.field, entry.value)
        out.at[at, "corrected"] = _joined(out.at[at, "corrected"], entry.field)
        out.at[at, "correction"] = _joined(
            out.at[at, "correction"], note(entry.field, entry.channel, entry.printed), "；"
        )
    return out


def stale(printed: pd.DataFrame, log: pd.DataFrame) -> pd.DataFrame:
    """The corrections in force, of the months in `printed`, that no longer apply: their row
    is gone or prints another value. Columns: the log's, plus `why`."""
    months = set(printed["period"])
    entries = in_force(log)
    entries = entries[entries["period"].isin(months)]
    rows = _row_index(printed)
    why = []
    for entry in entries.itertuples(index=False):
        at = rows.get((entry.period, entry.channel, entry.group, entry.unit))
        if at is None:
            why.append("替换后的通报中没有这一行")
        elif not same_value(entry.printed, printed.at[at, entry.field]):
            why.append(f"替换后的通报原值为 {printed.at[at, entry.field]}")
        else:
            why.append("")
    entries = entries.assign(why=why)
    return entries[entries["why"] != ""]


def note(field: str, channel: str, printed: str) -> str:
    return f"{field_label(field, channel)}已更正：通报原值 {printed}"


def typed(field: str, text: str):
    """A stored text value as its figure's type: a count int, a rate or score float."""
    kind = FIGURE[field].kind
    if kind == "grade":
        return text
    return int(float(text)) if kind == "count" else float(text)


def same_value(text: str | None, value) -> bool:
    if text is None:
        return False
    if isinstance(value, str):
        return text == value
    try:
        return abs(float(text) - float(value)) < 1e-9
    except ValueError:
        return False


def _row_index(frame: pd.DataFrame) -> dict[tuple, object]:
    """Row key (period, channel, group, unit) → index label, the first row when repeated."""
    keys = zip(*(frame[k] for k in ROW_KEY), strict=True)
    index: dict[tuple, object] = {}
    for key, label in zip(keys, frame.index, strict=True):
        index.setdefault(key, label)
    return index


def _joined(before: str, more: str, sep: str = ",") -> str:
    return f"{before}{sep}{more}" if before else more
