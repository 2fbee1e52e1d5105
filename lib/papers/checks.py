"""The data-quality findings a monthly report states: the month's review queue (lib.review) and
the corrections in force, each worded as one plain sentence naming the unit and the figure.

A score finding is worded from the printed row itself: the value the bulletin printed, at the
channel's printed precision, and the value the score formula gives from its printed rates
("市国资委综合指标值通报为69.0，按公式应为69.11"). Every other item keeps the queue's wording.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.labels import CHANNELS, field_label
from lib.model import FIGURES, Evaluation
from lib.review.log import STATES
from lib.review.queue import Item, build_queue
from lib.rules import load_rules


@dataclass(frozen=True)
class Check:
    """One finding or correction: `mark` is ※ for a value corrected in the report."""

    channel: str
    unit: str
    text: str
    state: str
    mark: str = ""


def month_checks(frames, month: str) -> list[Check]:
    """The month's review items (ignored ones left out), then its corrected rows."""
    evaluations = frames.library.evaluations
    items = build_queue(
        month,
        frames.findings,
        frames.warnings,
        evaluations,
        frames.review_log,
        frames.library.adjustments,
    )
    printed = frames.printed[frames.printed["period"] == month]
    out = [_item_check(item, printed) for item in items if item.state != "ignored"]
    corrected = evaluations[(evaluations["period"] == month) & (evaluations["corrected"] != "")]
    for row in corrected.itertuples(index=False):
        out.append(Check(CHANNELS[row.channel], row.unit, f"{row.unit}{row.correction}", "", "※"))
    return out


def _item_check(item: Item, printed: pd.DataFrame) -> Check:
    channel = CHANNELS.get(item.channel or "", "")
    unit = item.unit or ""
    text = _score_text(item, printed) if item.kind == "score" else None
    if text is None:
        text = item.message if unit in item.message else f"{unit}：{item.message}"
    return Check(channel, unit, text, STATES[item.state])


def _score_text(item: Item, printed: pd.DataFrame) -> str | None:
    """'市国资委综合指标值通报为69.0，按公式应为69.11' from the printed row; None when the
    row is not found (then the queue's own words are used)."""
    rows = printed[(printed["channel"] == item.channel) & (printed["unit"] == item.unit)]
    if item.group:
        rows = rows[rows["group"] == item.group]
    if len(rows) != 1:
        return None
    row = rows.iloc[0]
    rules = load_rules()[row["channel"]]
    values = {f.name: row[f.name] for f in FIGURES}
    formula = rules.score(Evaluation(row["channel"], row["group"], row["unit"], **values))
    label = field_label("score", row["channel"])
    return (
        f"{row['unit']}{label}通报为{row['score']:.{rules.score_decimals}f}，"
        f"按公式应为{formula:.2f}"
    )
