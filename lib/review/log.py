"""The review log: every decision about a month's findings and every correction, appended.

An entry is never edited or deleted: undoing one is another entry (`undo`, naming it), so the
log says who decided what, when and why, and what was taken back. What stands is what no undo
names. A correction names its cell — month, channel, group, printed unit, field — and the
value printed there when it was made; the latest standing correction of a cell is in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

LOCAL_AUTHOR = "本机"
"""Who acts from this machine's shell, or in an app open to this machine only."""
Action = Literal["confirm", "correct", "ignore", "undo"]
ACTIONS: dict[str, str] = {
    "confirm": "确认原文",
    "correct": "更正",
    "ignore": "忽略",
    "undo": "撤销",
}
STATES: dict[str, str] = {
    "open": "待核实",
    "confirmed": "已确认原文",
    "corrected": "已更正",
    "ignored": "已忽略",
}
STATE_OF_ACTION = {"confirm": "confirmed", "correct": "corrected", "ignore": "ignored"}
ROW_KEY = ["period", "channel", "group", "unit"]
CELL_KEY = [*ROW_KEY, "field"]


@dataclass(frozen=True)
class Entry:
    """One entry to append. `item` is the queue item decided on (queue.Item.key; '' for a
    correction made from a table); a correction's cell is channel, group, unit and field,
    with the value `printed` there and the new `value`, both as text; `undoes` is the id of
    the entry an undo takes back."""

    period: str
    action: Action
    author: str
    reason: str = ""
    item: str = ""
    channel: str | None = None
    group: str | None = None
    unit: str | None = None
    field: str | None = None
    printed: str | None = None
    value: str | None = None
    undoes: int | None = None


def standing(log: pd.DataFrame) -> pd.DataFrame:
    """The entries that stand: not undos, and not undone by one."""
    undone = set(log.loc[log["action"] == "undo", "undoes"].dropna().astype(int))
    return log[(log["action"] != "undo") & ~log["id"].isin(undone)]


def undone_ids(log: pd.DataFrame) -> set[int]:
    return set(log.loc[log["action"] == "undo", "undoes"].dropna().astype(int))


def in_force(log: pd.DataFrame) -> pd.DataFrame:
    """The correction in force for each cell: the latest standing one."""
    kept = standing(log)
    kept = kept[kept["action"] == "correct"]
    return kept.sort_values("id").drop_duplicates(CELL_KEY, keep="last")
