"""The bulletin's ranking rule, the one every page, the briefing, the CLI and the exports use.

A bulletin ranks a unit among the units of its group that handled enough work that month: its
工单考核 paragraph names the top three of 县市区 (all), of 行政事业单位 "工单量50件以上" and of
公共服务企业 "工单量100件以上", its 市长信箱 paragraph those with "信件办理量在10件以上". That
pool is the rank: 2 orders at 100 % are not ranked against 500 at 99 %. The floors are the
rules file's `ranking_pools` (lib/data/rules.json); the volume is the row's 应办理数.

A unit outside its pool still has a place: its place in the whole group, said as such with
the reason, never passed off as a pool rank. Every unit also has its place in the whole group
(`group_place`), for the dossier.

A period longer than a month (lib.analysis.periods: its rows carry `span_months`, the months
of it the library holds) ranks on its summed orders against the floor for each of those
months: "工单≥50件/月的行政事业单位" is 150 orders over three stored months, so a unit is in a
quarter's pool when it averaged the monthly floor. Ties share a place (1 2 2 4), on the printed
value; a unit printed twice in one table (a source error the checks report) is ranked at
each row, as the table prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.rows import of_channel
from lib.model import GROUPS
from lib.rules import load_rules

VOLUME = "due"
"""The column a pool's floor applies to: 应办理数, the orders (letters) a unit had to handle."""
ORDERS = {"hotline": "工单", "mailbox": "信件"}
"""What a channel's volume counts, as the bulletin words it."""


@dataclass(frozen=True)
class Pool:
    """The units a group's rows are ranked among in a channel: `floor` orders or more each
    month, over `months` months (a period's stored months; 1 for a month)."""

    channel: str
    group: str
    floor: int
    months: int = 1

    @property
    def label(self) -> str:
        """'信件≥10件的县市区', '工单≥50件/月的行政事业单位' (a period), '全部县市区' (no floor)."""
        if not self.floor:
            return f"全部{self.group}"
        return f"{ORDERS[self.channel]}≥{self.floor}件{self._per}的{self.group}"

    @property
    def outside(self) -> str:
        """Where a unit below the floor is placed instead, and why."""
        orders = ORDERS[self.channel]
        return f"{self.group}全组（{orders}不足{self.floor}件{self._per}，通报不排名）"

    @property
    def _per(self) -> str:
        return "/月" if self.months > 1 else ""


def pool_of(channel: str, group: str, months: int = 1) -> Pool:
    return Pool(channel, group, load_rules()[channel].pool_floor(group), months)


def _months(rows: pd.DataFrame) -> pd.Series:
    """The months each row's volume covers: a period row's `span_months`, else 1."""
    if "span_months" in rows.columns:
        return rows["span_months"].fillna(1).astype("int64")
    return pd.Series(1, index=rows.index, dtype="int64")


def pool_rule(channel: str) -> str:
    """The channel's pools in words: '全部县市区；工单≥50件的行政事业单位；…'."""
    return "；".join(pool_of(channel, group).label for group in GROUPS)


def in_their_pools(rows: pd.DataFrame, channel: str) -> pd.Series:
    """For each row of `channel`, whether the unit has its group's floor of orders."""
    groups = rows["group"]
    floors = groups.map({g: pool_of(channel, g).floor for g in groups.unique()})
    return rows[VOLUME] >= floors * _months(rows)


def place_text(rank, out_of, pool):
    """'第 8 / 11 · 信件≥10件的县市区': a place always says what it is a place among. The
    place as text: strings, or string Series (placed() words a whole column at once)."""
    return "第 " + rank + " / " + out_of + " · " + pool


def placed(evaluations: pd.DataFrame, channel: str, measure: str = metrics.SCORE) -> pd.DataFrame:
    """The channel's rows of every month, each with its place under the bulletin's rule.

    Added columns: `in_pool` (the unit has its group's floor of orders), `rank` and `out_of`
    (its place in the pool; outside the pool, its place in the whole group), `pool` (what it
    is ranked among: Pool.label, or Pool.outside with the reason), `place` (place_text) and
    `group_place` ('第 3 / 13', in the whole group). `value` is the measure ranked on.
    """
    rows = of_channel(evaluations, channel)
    if rows.empty:
        return rows.assign(
            value=rows[measure],
            in_pool=False,
            rank=pd.NA,
            out_of=0,
            pool="",
            place="",
            group_place="",
        )
    months = _months(rows)
    key = rows["group"] + "/" + months.astype(str)
    kinds = pd.DataFrame({"key": key, "group": rows["group"], "months": months}).drop_duplicates()
    pools = {
        k: pool_of(channel, g, int(m))
        for k, g, m in zip(kinds["key"], kinds["group"], kinds["months"], strict=True)
    }
    in_pool = in_their_pools(rows, channel)
    value = rows[measure]
    by_table = [rows["period"], rows["group"]]
    ascending = not metrics.higher_is_better(measure, channel)
    pool_rank = value.where(in_pool).groupby(by_table).rank(method="min", ascending=ascending)
    group_rank = value.groupby(by_table).rank(method="min", ascending=ascending)
    pool_size = in_pool.groupby(by_table).transform("sum")
    group_size = value.groupby(by_table).transform("count")
    rank = pool_rank.where(in_pool, group_rank).astype("Int64")
    out_of = pool_size.where(in_pool, group_size).astype("int64")
    labels = key.map({k: p.label for k, p in pools.items()})
    pool = labels.where(in_pool, key.map({k: p.outside for k, p in pools.items()}))
    place = place_text(rank.astype(str), out_of.astype(str), pool)
    whole = "第 " + group_rank.astype("Int64").astype(str) + " / " + group_size.astype(str)
    return rows.assign(
        value=value,
        in_pool=in_pool,
        rank=rank,
        out_of=out_of,
        pool=pool,
        place=place,
        group_place=whole,
    )


def places_moved(before_rank, before_in_pool, rank, in_pool) -> int | None:
    """Places moved up since an earlier month (negative: down); None when either month has no
    place, or when one place is in the pool and the other in the whole group."""
    if pd.isna(before_rank) or pd.isna(rank) or bool(before_in_pool) != bool(in_pool):
        return None
    return int(before_rank) - int(rank)
