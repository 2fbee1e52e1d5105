"""Frames as the pages show and export them: Chinese headings, the bulletin's precision.

A `Table` is a frame under Chinese headings plus, for its number columns, the printf format
the screen uses (`%.1f` for a hotline score, `%+.2f` for a change of rate…). Values are
rounded to that precision in the frame itself, so a download holds what the screen shows.

A corrected value (lib/review/apply.py) is marked here, once for every table of units: the
unit's name gets ※ and the table a 更正说明 column with what the bulletin printed — on screen
and in every download.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from lib.analysis import metrics
from lib.labels import month_label
from lib.model import FIGURES

Column = tuple[str, str, str | None]
"""(column of the source frame, Chinese heading, printf format or None)."""
MARK = "※"
NOTE = "更正说明"


@dataclass(frozen=True)
class Table:
    """`secondary` columns are in the downloads but not on screen, so the table fits a tablet
    held upright without scrolling sideways. `sources`: each heading's column of the frame it
    was shaped from (shape), so a cell picked on screen can be traced to the value behind it."""

    frame: pd.DataFrame
    formats: Mapping[str, str] = field(default_factory=dict)
    secondary: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.frame.empty


COUNT = "%,d"
"""A count (orders, letters, units): thousands separators, 12,345."""
SAME = "持平"
"""A change of nothing at the shown precision: never '+0' or '+0.0'."""
PLACE = "%d"
"""A place in a ranking or a number of times."""


def number_format(places: int, signed: bool = False) -> str:
    """printf for a figure: whole numbers with thousands separators (12,345), others at their
    precision."""
    sign = "+" if signed else ""
    return f"%{sign},d" if places == 0 else f"%{sign}.{places}f"


def measure_format(measure: str, channel: str, signed: bool = False) -> str:
    return number_format(metrics.decimals(measure, channel), signed)


def shape(frame: pd.DataFrame, columns: Sequence[Column], secondary: Sequence[str] = ()) -> Table:
    """Pick, round and rename `columns`; months ('period', '…_period') are shown as 2024年3月.
    `secondary` names (by heading) the columns kept off the screen (Table.secondary)."""
    out = {}
    formats = {}
    for source, heading, printf in columns:
        values = frame[source]
        if source == "period" or source.endswith("_period"):
            values = values.map(month_label)
        elif printf is not None:
            values = _rounded(values, printf)
            formats[heading] = printf
        out[heading] = values.reset_index(drop=True)
    _mark_corrections(out, frame, columns)
    sources = {heading: source for source, heading, _ in columns}
    return Table(pd.DataFrame(out), formats, tuple(secondary), sources)


def _mark_corrections(out: dict, frame: pd.DataFrame, columns: Sequence[Column]) -> None:
    """※ after a corrected row's unit, and the 更正说明 column, where any row is corrected."""
    if "correction" not in frame or not (frame["correction"] != "").any():
        return
    notes = frame["correction"].fillna("").reset_index(drop=True)
    for source, heading, _ in columns:
        if source == "unit":
            out[heading] = out[heading].where(notes == "", out[heading] + MARK)
    out[NOTE] = notes


def format_places(printf: str) -> int:
    """Decimal places a printf format shows: 2 for '%+.2f', 0 for '%,d'."""
    return int(printf.rsplit(".", 1)[1][:-1]) if "." in printf else 0


def _rounded(values: pd.Series, printf: str) -> pd.Series:
    places = format_places(printf)
    if not pd.api.types.is_float_dtype(values):
        return values
    return values.round(places) if places else values.round().astype("Int64")


def figure_columns(channel: str, kinds=("count", "rate", "score", "grade")) -> list[Column]:
    """The printed columns of the channel's table of these `kinds`, in printed order, headed
    as the bulletin heads them (rates with （%）), at its precision."""
    return [
        (
            f.name,
            metrics.heading(f.name, channel),
            None if f.kind == "grade" else measure_format(f.name, channel),
        )
        for f in FIGURES
        if f.kind in kinds
    ]


NOT_PRINTED = "—"
"""A cell with no value, as text."""


def cell_text(value, printf: str | None) -> str:
    """A table cell as shown: numbers at the table's printf format ('%.2f', '%+.1f', '%,d')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return NOT_PRINTED
    if printf is None:
        return str(value)
    spec = printf.removeprefix("%")
    return format(int(value) if spec.endswith("d") else float(value), spec)


def table_text(table: Table) -> tuple[list[str], list[list[str]]]:
    """A Table's headings and its rows as text."""
    header = [str(c) for c in table.frame.columns]
    rows = [
        [cell_text(v, table.formats.get(c)) for c, v in zip(header, row, strict=True)]
        for row in table.frame.itertuples(index=False, name=None)
    ]
    return header, rows
