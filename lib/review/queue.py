"""A month's review queue: every check finding, parse warning and doubtful value, with its state.

The state of an item is set by the latest standing log entry about it (log.py): a decision on
the item itself (确认原文, 忽略, or a correction made from it), or a correction of the row it
concerns. An item nobody decided on is 待核实.

After a correction the row's own checks are run again (lib.checks: rates from counts, the
score formula, the grade band) on the corrected values: a finding the correction resolves
says so, one it leaves says what remains, and one it causes (a corrected 返工数 that no
longer fits its printed 返工率) joins the queue as a new item.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from lib.checks import rate_findings, score_findings
from lib.labels import field_label
from lib.model import FIGURES, Evaluation, Finding
from lib.reports import shown
from lib.review.log import ROW_KEY, STATE_OF_ACTION, STATES, standing
from lib.rules import load_rules

ROW_KINDS = ("rate", "score", "grade")
"""Finding kinds about one row's printed values: a correction of the row may settle them."""
RESOLVED = "（更正后核对一致）"
AFTER = "更正后："


@dataclass(frozen=True)
class Item:
    """One thing to review. `source`: finding, warning, doubtful (a value the parser read
    without certainty) or correction (a value corrected from a table, not from an item).
    `entry` is the log entry that set `state`, None while it is open; `resolved`, for a
    finding about a row's values, that a correction of the row made the checks agree."""

    key: str
    period: str
    source: str
    kind: str
    channel: str | None
    group: str | None
    unit: str | None
    field: str | None
    page: int | None
    message: str
    state: str = "open"
    entry: int | None = None
    resolved: bool = False


def build_queue(
    period: str,
    findings: pd.DataFrame,
    warnings: pd.DataFrame,
    evaluations: pd.DataFrame,
    log: pd.DataFrame,
    adjustments: pd.DataFrame | None = None,
) -> list[Item]:
    """The queue of `period`, from the store's frames (evaluations corrected, see apply.py):
    findings, warnings, then the values read without certainty, evaluations' and (where
    given) adjustments'."""
    rows = evaluations[evaluations["period"] == period]
    items = _finding_items(period, findings[findings["period"] == period], rows)
    items += _warning_items(period, warnings[warnings["period"] == period])
    items += _doubtful_items(period, rows)
    if adjustments is not None:
        items += _doubtful_adjustments(period, adjustments[adjustments["period"] == period])
    log = log[log["period"] == period]
    items += _correction_items(period, log, items)
    return [_with_state(item, log) for item in items]


def state_counts(items: list[Item]) -> dict[str, int]:
    """How many items are in each state (every state listed, in STATES order)."""
    counts = dict.fromkeys(STATES, 0)
    for item in items:
        counts[item.state] += 1
    return counts


def finding_key(kind: str, channel, table: str, unit, field: str) -> str:
    return "|".join(["finding", kind, _text(channel) or "", table, _text(unit) or "", field])


def _finding_items(period: str, findings: pd.DataFrame, rows: pd.DataFrame) -> list[Item]:
    stored = [_finding(period, f, rows) for f in findings.itertuples(index=False)]
    rechecked = {item.key: item for item in _rechecked(period, rows)}
    out = []
    for item in stored:
        corrected = _row_corrected(rows, item)
        if item.key in rechecked:
            out.append(rechecked.pop(item.key))
        elif corrected and item.kind in ROW_KINDS:
            out.append(replace(item, message=item.message + RESOLVED, resolved=True))
        else:
            out.append(item)
    return out + list(rechecked.values())


def _finding(period: str, f, rows: pd.DataFrame) -> Item:
    group = f.printed if f.kind == "duplicate" else _group_of(rows, f.channel, f.unit)
    return Item(
        key=finding_key(f.kind, f.channel, f.table, f.unit, f.field),
        period=period,
        source="finding",
        kind=f.kind,
        channel=_text(f.channel),
        group=group,
        unit=_text(f.unit),
        field=f.field,
        page=_page(f.page),
        message=f.message,
    )


def _rechecked(period: str, rows: pd.DataFrame) -> list[Item]:
    """The row checks run again on every corrected row, as items."""
    if "corrected" not in rows:
        return []
    rules = load_rules()
    out = []
    for row in rows[rows["corrected"] != ""].itertuples(index=False):
        evaluation = _evaluation(row)
        found = rate_findings(evaluation, rules[row.channel])
        found += score_findings(evaluation, rules[row.channel])
        out += [_recheck_item(period, f, row.group) for f in found]
    return out


def _recheck_item(period: str, f: Finding, group: str) -> Item:
    return Item(
        key=finding_key(f.kind, f.channel, f.table, f.unit, f.field),
        period=period,
        source="finding",
        kind=f.kind,
        channel=f.channel,
        group=group,
        unit=f.unit,
        field=f.field,
        page=f.page,
        message=AFTER + f.message,
    )


def _evaluation(row) -> Evaluation:
    values = {f.name: getattr(row, f.name) for f in FIGURES}
    return Evaluation(row.channel, row.group, row.unit, **values, page=_page(row.page))


def _warning_items(period: str, warnings: pd.DataFrame) -> list[Item]:
    return [
        Item(
            key="|".join(["warning", str(_page(w.page) or ""), w.message, w.snippet]),
            period=period,
            source="warning",
            kind="warning",
            channel=None,
            group=None,
            unit=None,
            field=None,
            page=_page(w.page),
            message=f"{w.message}：{w.snippet}" if w.snippet else w.message,
        )
        for w in warnings.itertuples(index=False)
    ]


def _doubtful_items(period: str, rows: pd.DataFrame) -> list[Item]:
    """Each evaluation value the reader was not sure of (OCR: the `doubtful` column)."""
    return [
        _cell_item(period, "doubtful", row, field, _page(row.page), _unsure(row, field))
        for row in rows[rows["doubtful"] != ""].itertuples(index=False)
        for field in row.doubtful.split(",")
    ]


def _doubtful_adjustments(period: str, rows: pd.DataFrame) -> list[Item]:
    """Each deduction or bonus cell the reader was not sure of: to confirm or ignore (a
    correction is of an evaluation figure)."""
    return [
        Item(
            key="|".join(["doubtful", row.kind, row.unit, str(row.order), field]),
            period=period,
            source="doubtful",
            kind="doubtful",
            channel=None,
            group=None,
            unit=row.unit,
            field=field,
            page=_page(row.page),
            message=_unsure(row, field),
        )
        for row in rows[rows["doubtful"] != ""].itertuples(index=False)
        for field in row.doubtful.split(",")
    ]


def _unsure(row, field: str) -> str:
    label = field_label(field, getattr(row, "channel", None))
    return f"{label}识别为 {shown(getattr(row, field))}，没有把握，请对照原文"


def _correction_items(period: str, log: pd.DataFrame, items: list[Item]) -> list[Item]:
    """Corrections made from a table (no item of their own), one item per cell."""
    kept = standing(log)
    kept = kept[(kept["action"] == "correct") & (kept["item"] == "")]
    out: dict[str, Item] = {}
    for entry in kept.itertuples(index=False):
        if not any(_concerns_row(item, entry) for item in items):
            message = f"通报原值 {entry.printed}，更正为 {entry.value}"
            item = _cell_item(period, "correction", entry, entry.field, None, message)
            out[item.key] = item
    return list(out.values())


def _cell_item(period: str, source: str, row, field: str, page, message: str) -> Item:
    """An item about one cell of `row` (an evaluation row or a log entry)."""
    return Item(
        key="|".join([source, row.channel, row.group, row.unit, field]),
        period=period,
        source=source,
        kind=source,
        channel=row.channel,
        group=row.group,
        unit=row.unit,
        field=field,
        page=page,
        message=message,
    )


def _with_state(item: Item, log: pd.DataFrame) -> Item:
    kept = standing(log)
    about = [
        entry
        for entry in kept.itertuples(index=False)
        if entry.item == item.key or (entry.action == "correct" and _concerns_row(item, entry))
    ]
    if not about:
        return item
    last = max(about, key=lambda entry: entry.id)
    return replace(item, state=STATE_OF_ACTION[last.action], entry=int(last.id))


def _concerns_row(item: Item, entry) -> bool:
    """A correction of this row settles a finding about its values that it resolved; a
    doubtful or corrected value only by a correction of that very field."""
    if not (item.resolved or item.kind in ("doubtful", "correction")):
        return False
    same_row = all(getattr(item, k) == getattr(entry, k) for k in ROW_KEY)
    return same_row and (item.resolved or item.field == entry.field)


def _row_corrected(rows: pd.DataFrame, item: Item) -> bool:
    if "corrected" not in rows or item.unit is None:
        return False
    mine = rows[(rows["channel"] == item.channel) & (rows["unit"] == item.unit)]
    return bool((mine["corrected"] != "").any())


def _group_of(rows: pd.DataFrame, channel, unit) -> str | None:
    mine = rows.loc[(rows["channel"] == channel) & (rows["unit"] == unit), "group"]
    return None if mine.empty else mine.iloc[0]


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _page(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
