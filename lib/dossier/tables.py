"""The dossier's parts as Chinese-headed tables, at the bulletin's precision: one definition
for the page, the workbook (a sheet per part) and the Word file.

Wording shared with the briefing (targets, levers, mentions, reception days) comes from
lib.briefing.text.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import Table, figure_columns, shape
from lib.analysis.periods import period_table, weighted_note
from lib.analysis.spans import missing_text
from lib.briefing import text
from lib.dossier.content import Dossier
from lib.labels import CHANNELS, month_label

SCORES_NOTE = (
    "综合指标值的两种算法，通报均未公布：“按公式”以期间比率代入评分公式，"
    "“各月平均”为各月所印分数的平均。"
)
KINDS = {"deduction": "扣分", "bonus": "加分"}
POINTS = "%+.1f"
PARTS = {
    "history": "逐月评价",
    "totals": "期间合计",
    "adjustments": "加扣分",
    "mentions": "通报点名",
    "reception": "领导接听日",
    "indicators": "指标与组中位数",
    "targets": "提升空间",
}
"""The dossier's parts in the order shown, with their headings (and sheet names)."""


def history_table(dossier: Dossier, channel: str) -> Table:
    """The unit's row of the channel's table month by month, with its places and grade moves."""
    rows = dossier.history[dossier.history["channel"] == channel]
    return shape(
        rows,
        [
            ("period", "月份", None),
            ("group", "分组", None),
            ("unit", "印刷名称", None),
            *figure_columns(channel),
            ("place", "名次（通报排名范围）", None),
            ("group_place", "组内名次", None),
            ("grade_change", "等级变化", None),
        ],
    )


def totals_table(dossier: Dossier, channel: str) -> Table:
    """The span's figures in the channel, recomputed from counts (lib.analysis.periods): the
    period's row of the channel's table, both scores, the grade mix."""
    rows = dossier.totals[dossier.totals["channel"] == channel]
    table = period_table(rows.assign(unit=dossier.span.label), channel)
    return Table(table.frame.rename(columns={"部门名称": "期间"}), table.formats)


def totals_notes(dossier: Dossier) -> list[str]:
    """What the totals need said beside them: the span, its missing months, how rates and
    scores were made."""
    notes = [f"期间：{dossier.span.label}，库中 {len(dossier.stored)} 个月。"]
    if dossier.missing:
        notes.append(f"{missing_text(dossier.missing)}：库中没有这些月份的通报，未计入。")
    notes.append("计数为各月之和；比率由合计计数重新计算，不是各月比率的平均。")
    note = weighted_note("hotline")
    if note and (dossier.totals["channel"] == "hotline").any():
        notes.append(f"热线{note}。")
    notes.append(SCORES_NOTE)
    return notes


def adjustments_table(dossier: Dossier) -> Table:
    rows = dossier.adjustments.assign(kind=dossier.adjustments["kind"].map(KINDS))
    return shape(
        rows,
        [
            ("period", "月份", None),
            ("kind", "类别", None),
            ("points", "加扣分值", POINTS),
            ("running", "累计净分", POINTS),
            ("indicator", "指标名称", None),
            ("detail", "明细", None),
        ],
    )


def mentions_table(dossier: Dossier) -> Table:
    rows = [
        (month_label(m.period), m.key, f"第{m.item}条" if m.item else "", m.excerpt)
        for m in dossier.mentions
    ]
    return Table(pd.DataFrame(rows, columns=["月份", "栏目", "条目", "原文摘录"]))


def reception_table(dossier: Dossier) -> Table:
    rows = [(d.when, d.leader, "、".join(d.sources)) for d in dossier.reception_days]
    return Table(pd.DataFrame(rows, columns=["日期", "接听领导", "依据"]))


def indicators_table(dossier: Dossier) -> Table:
    """Each rate over the span against its group's median over the span."""
    rows = [
        (
            CHANNELS[i.channel],
            metrics.label(i.field, i.channel),
            i.value,
            i.median,
            i.value - i.median,
            "最弱" if i.weakest else "",
        )
        for i in dossier.indicators
    ]
    frame = pd.DataFrame(
        rows, columns=["渠道", "指标", "本单位（%）", "组中位数（%）", "差距（百分点）", "备注"]
    )
    formats = {"本单位（%）": "%.2f", "组中位数（%）": "%.2f", "差距（百分点）": "%+.2f"}
    return Table(frame.round(2), formats)


def targets_table(dossier: Dossier) -> Table:
    rows = [(text.target(t), "；".join(text.lever(lv) for lv in t.levers)) for t in dossier.targets]
    return Table(pd.DataFrame(rows, columns=["目标", "途径（逐项单独测算，整件计）"]))


def sheets(dossier: Dossier) -> dict[str, pd.DataFrame]:
    """The workbook: a sheet per part, the totals and the history one per channel listed."""
    out = {}
    for part, table_of in (("totals", totals_table), ("history", history_table)):
        for channel, word in CHANNELS.items():
            table = table_of(dossier, channel)
            if not table.empty:
                out[f"{PARTS[part]}（{word}）"] = table.frame
    out[PARTS["adjustments"]] = adjustments_table(dossier).frame
    out[PARTS["mentions"]] = mentions_table(dossier).frame
    out[PARTS["reception"]] = reception_table(dossier).frame
    out[PARTS["indicators"]] = indicators_table(dossier).frame
    out[PARTS["targets"]] = targets_table(dossier).frame
    return out


def choices(dossier: Dossier) -> dict[str, str]:
    """The workbook's 筛选条件: the unit, its names, the span and the months it lacks."""
    out = {
        "单位": dossier.unit_id,
        "名称与别名": "、".join(dossier.names),
        "期间": dossier.span.label,
        "库中月份": "、".join(month_label(m) for m in dossier.stored) or "无",
    }
    if dossier.missing:
        out["缺少的月份"] = missing_text(dossier.missing)
    if dossier.latest:
        out["提升空间测算月份"] = month_label(dossier.latest)
    return out
