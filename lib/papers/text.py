"""The report's wording: sentences made from the month's figures, one place for Word and the print
sheet. Numbers keep the bulletin's precision (counts whole, rates 2 decimals, scores as the
channel prints them); a change always names the month it is measured from. Plain text only: a
renderer escapes what it must.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis import metrics
from lib.analysis.spans import year_earlier
from lib.briefing.text import score
from lib.labels import month_label

TITLE = "月度分析报告"
_NUMBERS = re.compile(r"编号[：:]\s*([0-9][0-9、，,\s]*[0-9]|[0-9]+)")


def count(value) -> str:
    return "—" if pd.isna(value) else f"{int(value):,}"


def signed_count(value) -> str:
    return "—" if pd.isna(value) else ("持平" if value == 0 else f"{int(value):+,}")


def rate(value) -> str:
    return "—" if pd.isna(value) else f"{value:.2f}%"


def signed_rate(value) -> str:
    """A change of a rate in points: '+0.32', '持平'."""
    return "—" if pd.isna(value) else ("持平" if round(value, 2) == 0 else f"{value:+.2f}")


def figure_value(kind: str, value) -> str:
    return count(value) if kind == "count" else rate(value)


def figure_change(kind: str, value) -> str:
    return signed_count(value) if kind == "count" else signed_rate(value)


def figure_sentence(label: str, kind: str, value, change, before: str | None) -> str:
    """'受理来电65,452件，较2024年3月减少4,994件'; without a previous month, the value alone."""
    unit = "件" if kind == "count" else ""
    said = f"{label}{figure_value(kind, value)}{unit}"
    if before is None or pd.isna(change):
        return said
    if round(change, 2) == 0:
        return f"{said}，与{month_label(before)}持平"
    word = (
        ("增加" if change > 0 else "减少")
        if kind == "count"
        else ("上升" if change > 0 else "下降")
    )
    amount = f"{abs(int(change)):,}件" if kind == "count" else f"{abs(change):.2f}个百分点"
    return f"{said}，较{month_label(before)}{word}{amount}"


def gap_note(before: str | None, skipped: tuple[str, ...]) -> str:
    """What 环比 is measured against, and the months between that the library lacks."""
    if before is None:
        return "库中没有更早的月份，本报告不作环比。"
    note = f"环比均与库中上一个月份{month_label(before)}相比"
    if skipped:
        note += f"（{'、'.join(month_label(m) for m in skipped)}未载入）"
    return note + "。"


def year_note(month: str, year_ago: bool) -> str:
    """What 同比 is measured against, or that the library lacks it."""
    earlier = month_label(year_earlier(month))
    if year_ago:
        return f"同比均与{earlier}相比。"
    return f"库中没有去年同期（{earlier}）的通报，本报告不作同比。"


def category_sentence(categories: pd.DataFrame, before: str | None) -> str:
    """The largest category, and the largest rise and fall against `before`."""
    if categories.empty:
        return "通报未列出诉求类型。"
    first = categories.iloc[0]
    said = f"诉求量最多的是{first['name']}，{count(first['count'])}件，占{first['share']:.2f}%"
    known = categories.dropna(subset=["change"])
    if before and len(known):
        rise, fall = known.loc[known["change"].idxmax()], known.loc[known["change"].idxmin()]
        if rise["change"] > 0:
            said += f"；增加最多的是{rise['name']}（{signed_count(rise['change'])}件）"
        if fall["change"] < 0:
            said += f"；减少最多的是{fall['name']}（{signed_count(fall['change'])}件）"
    return said + "。"


def mover(row, channel: str) -> str:
    """'市民政局 A→B（87.1分，回访不满意率 7.69→20.00）'."""
    label = metrics.label(row["indicator"], channel)
    return (
        f"{row['unit']} {row['grade_before']}→{row['grade_after']}"
        f"（{score(row['score_after'], channel)}分，{label} "
        f"{row['indicator_before']:.2f}→{row['indicator_after']:.2f}）"
    )


def movers_sentence(movers: pd.DataFrame, channel: str) -> str:
    rank = {g: n for n, g in enumerate("ABCDE")}
    fell = movers["grade_after"].map(rank) > movers["grade_before"].map(rank)
    parts = []
    for word, rows in (("降级", movers[fell]), ("升级", movers[~fell])):
        if len(rows):
            names = "；".join(mover(row, channel) for _, row in rows.iterrows())
            parts.append(f"{word} {len(rows)} 个：{names}")
    return "。".join(parts) + "。" if parts else "与上一个月份相比，没有单位的等级变动。"


def order_numbers(detail: str) -> str:
    """The work-order or letter numbers a deduction's detail gives ('120836、125369')."""
    found = [re.split(r"[、，,\s]+", m.strip()) for m in _NUMBERS.findall(detail)]
    return "、".join(n for numbers in found for n in numbers if n)


def rank_change(value) -> str:
    if pd.isna(value):
        return "—"
    return "持平" if value == 0 else f"{'升' if value > 0 else '降'}{abs(int(value))}位"
