"""Units side by side: chosen by any of their names, compared on a month, over months, across
the two channels, and each against the median of its group.

Units are identified by unit id (the store's alias table maps every printed name to one) and
shown under the name their latest listed row prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import MARK, NOTE, SAME, Table, shape
from lib.analysis.pools import placed
from lib.analysis.rows import in_months, latest_names, of_channel, one_row_per_unit
from lib.labels import CHANNELS
from lib.units import normalise_name

MAX_UNITS = 10
NOT_LISTED = "未列入"


def unit_choices(units: pd.DataFrame, aliases: pd.DataFrame) -> list[str]:
    """Every name a unit can be looked up by (ids and aliases, from Store.frame("units") and
    Store.frame("aliases")), sorted."""
    return sorted({*units["unit_id"], *aliases["alias"]})


def resolve_units(
    names: Iterable[str], aliases: pd.DataFrame, known: Iterable[str]
) -> tuple[list[str], list[str]]:
    """The unit ids `names` stand for, in the order first named and each once, and the names
    that are neither a known unit id nor an alias."""
    to_id = dict(zip(aliases["alias"], aliases["unit_id"], strict=True))
    known = set(known)
    found: list[str] = []
    unknown: list[str] = []
    for name in names:
        key = normalise_name(name)
        unit_id = to_id.get(key, key)
        if unit_id not in known:
            unknown.append(name)
        elif unit_id not in found:
            found.append(unit_id)
    return found, unknown


def group_medians(evaluations: pd.DataFrame, channel: str, period: str) -> pd.DataFrame:
    """The median of every measure over each group's units in a month (index: group).

    Rates keep two decimals, the score its printed precision.
    """
    rows = one_row_per_unit(of_channel(evaluations, channel, period))
    medians = rows.groupby("group")[list(metrics.MEASURES)].median()
    return medians.round({m: metrics.decimals(m, channel) for m in metrics.MEASURES})


def versus_group_median(
    evaluations: pd.DataFrame, channel: str, period: str, unit_ids: Sequence[str]
) -> pd.DataFrame:
    """Each unit's score and rates against its group's median in a month, long form:
    unit_id, unit, group, measure, value, median, difference (value − median) and `ahead`
    (True when the unit does better than the median, whichever way better points)."""
    rows = one_row_per_unit(of_channel(evaluations, channel, period)).set_index("unit_id")
    rows = rows.loc[[u for u in unit_ids if u in rows.index]].reset_index()
    medians = group_medians(evaluations, channel, period)
    long = rows.melt(
        id_vars=["unit_id", "unit", "group"],
        value_vars=[metrics.SCORE, *metrics.RATES],
        var_name="measure",
        value_name="value",
    )
    long["median"] = [medians.at[g, m] for g, m in zip(long["group"], long["measure"], strict=True)]
    long["difference"] = long["value"] - long["median"]
    better_high = long["measure"].map(lambda m: metrics.higher_is_better(m, channel))
    long["ahead"] = long["difference"].where(better_high, -long["difference"]) > 0
    order = {u: n for n, u in enumerate(unit_ids)}
    return long.sort_values("unit_id", key=lambda ids: ids.map(order), kind="stable").reset_index(
        drop=True
    )


def measure_history(
    evaluations: pd.DataFrame,
    channel: str,
    unit_ids: Sequence[str],
    measure: str,
    start: str | None = None,
    end: str | None = None,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One measure of some units month by month: period, unit_id, name, value, grade.
    `names` (unit id → name shown) defaults to the latest printed in the months asked."""
    rows = evaluations[evaluations["unit_id"].isin(unit_ids)]
    rows = one_row_per_unit(in_months(of_channel(rows, channel), start, end))
    names = names or latest_names(rows)
    return pd.DataFrame(
        {
            "period": rows["period"],
            "unit_id": rows["unit_id"],
            "name": rows["unit_id"].map(names),
            "value": rows[measure],
            "grade": rows["grade"],
        }
    ).reset_index(drop=True)


def _placed(
    evaluations: pd.DataFrame, channel: str, period: str, unit_ids: Sequence[str]
) -> pd.DataFrame:
    """The month's row of each unit with its place under the bulletin's rule (index: unit_id;
    a unit printed twice by its first row)."""
    ranked = placed(of_channel(evaluations, channel, period), channel).drop_duplicates("unit_id")
    return ranked[ranked["unit_id"].isin(unit_ids)].set_index("unit_id")


def side_by_side(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    unit_ids: Sequence[str],
    names: dict[str, str],
) -> pd.DataFrame:
    """A month's figures with one column per unit (headed by its name) and one row per item:
    group, place (pools.place_text), score, grade, rates, counts — as text at the bulletin's
    precision, rates in % (said in the item's name); 未列入 for a unit the month's table does
    not list. A corrected value has ※, and a last item 更正说明 says what the bulletin
    printed."""
    placed_rows = _placed(evaluations, channel, period, unit_ids)
    items = [
        "分组",
        "名次",
        metrics.heading(metrics.SCORE, channel),
        "等级评价",
        *(metrics.heading(m, channel) for m in metrics.MEASURES[1:]),
    ]
    noted = bool((placed_rows["correction"] != "").any())
    items += [NOTE] if noted else []
    columns = {}
    for unit_id in unit_ids:
        if unit_id not in placed_rows.index:
            columns[names.get(unit_id, unit_id)] = [NOT_LISTED] * len(items)
            continue
        row = placed_rows.loc[unit_id]
        values = [shown(row[m], m, channel) for m in metrics.MEASURES]
        fixed = row["corrected"].split(",")
        values = [v + MARK * (m in fixed) for v, m in zip(values, metrics.MEASURES, strict=True)]
        columns[names.get(unit_id, unit_id)] = [
            row["group"],
            row["place"],
            values[0],
            row["grade"] + MARK * ("grade" in fixed),
            *values[1:],
            *([row["correction"]] if noted else []),
        ]
    return pd.DataFrame(columns, index=pd.Index(items, name="项目")).reset_index()


def shown(value: float, measure: str, channel: str, signed: bool = False) -> str:
    """A figure as text at its precision: '95.5', '98.57', '1,234'; a change (`signed`) '+1.46',
    '持平' when there is none."""
    places = metrics.decimals(measure, channel)
    if signed and round(value, places) == 0:
        return SAME
    return f"{value:{'+' if signed else ''},.{places}f}"


def channels_side_by_side(
    evaluations: pd.DataFrame, period: str, unit_ids: Sequence[str], names: dict[str, str]
) -> pd.DataFrame:
    """Per unit and channel, one month's score, grade and place (pools.place_text): 单位, 渠道,
    综合指标值, 等级评价, 名次 — 未列入 where the channel's table does not list the unit."""
    by_channel = {ch: _placed(evaluations, ch, period, unit_ids) for ch in CHANNELS}
    rows = []
    for unit_id in unit_ids:
        name = names.get(unit_id, unit_id)
        for channel, word in CHANNELS.items():
            placed_rows = by_channel[channel]
            if unit_id not in placed_rows.index:
                rows.append((name, word, NOT_LISTED, NOT_LISTED, NOT_LISTED))
                continue
            row = placed_rows.loc[unit_id]
            score = shown(row["score"], metrics.SCORE, channel)
            rows.append((name, word, score, row["grade"], row["place"]))
    return pd.DataFrame(rows, columns=["单位", "渠道", "综合指标值", "等级评价", "名次"])


@dataclass(frozen=True)
class ComparisonView:
    """What the 单位对比 page shows for some units."""

    names: dict[str, str]
    month: pd.DataFrame
    history: pd.DataFrame
    channels: pd.DataFrame
    channel_scores: dict[str, pd.DataFrame]
    versus_median: pd.DataFrame


def comparison_view(
    evaluations: pd.DataFrame,
    channel: str,
    start: str,
    end: str,
    unit_ids: Sequence[str],
    measure: str = metrics.SCORE,
    period: tuple[str, pd.DataFrame] | None = None,
) -> ComparisonView:
    """`evaluations` of both channels; the month compared is `end`, the lines run start–end.
    Units are named alike in every part: `names`, their latest printed names up to `end`.

    `period`, a period's key and its rows of both channels (lib.analysis.periods), compares
    the units over that period instead of in month `end`."""
    mine = evaluations[evaluations["unit_id"].isin(unit_ids) & (evaluations["period"] <= end)]
    key, month = period or (end, evaluations[evaluations["period"] == end])
    names = latest_names(mine, unit_ids)
    versus = versus_group_median(month, channel, key, unit_ids)
    return ComparisonView(
        names=names,
        month=side_by_side(month, channel, key, unit_ids, names),
        history=measure_history(mine, channel, unit_ids, measure, start, end, names),
        channels=channels_side_by_side(month, key, unit_ids, names),
        channel_scores={
            ch: measure_history(mine, ch, unit_ids, metrics.SCORE, start, end, names)
            for ch in CHANNELS
        },
        versus_median=versus.assign(unit=versus["unit_id"].map(names)),
    )


def versus_table(long: pd.DataFrame, channel: str) -> Table:
    """The units against their group medians, as text at each measure's precision (the score
    and the rates share a column)."""
    verdict = long["ahead"].map({True: "优于中位数", False: "落后于中位数"})

    def texts(column: str, signed: bool = False) -> list[str]:
        return [
            shown(v, m, channel, signed) for v, m in zip(long[column], long["measure"], strict=True)
        ]

    named = long.assign(
        measure=long["measure"].map(lambda m: metrics.heading(m, channel)),
        value=texts("value"),
        median=texts("median"),
        difference=texts("difference", signed=True),
        ahead=verdict.where(long["difference"] != 0, "与中位数持平"),
    )
    return shape(
        named,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("measure", "指标", None),
            ("value", "本单位", None),
            ("median", "组中位数", None),
            ("difference", "差值", None),
            ("ahead", "比较", None),
        ],
    )
