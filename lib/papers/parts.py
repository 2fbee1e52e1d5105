"""The monthly report as parts (a heading and its blocks: paragraphs, notes, tables), the one
layout Word (docx.py) and the print sheet (html.py) both render, so they say the same.

Every sentence comes from the month's data (text.py); a list a page could not hold (a large
group's ranking) shows its best and worst units and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lib.analysis import metrics
from lib.analysis.ledger import KINDS, totals_by_unit
from lib.briefing.text import score
from lib.labels import CHANNELS, month_label
from lib.model import GROUPS
from lib.papers import text
from lib.papers.content import LIST_LENGTH, GroupRanking, Report

GRADE_COLUMNS = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class Para:
    text: str
    label: str = ""
    note: bool = False


@dataclass(frozen=True)
class Grid:
    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)
    """Column widths in cm for Word (the text is 17.4 cm wide); empty: equal."""


@dataclass(frozen=True)
class Part:
    heading: str
    blocks: list[Para | Grid]


def subtitle(report: Report) -> str:
    issue = f"（{report.issue}通报）" if report.issue else ""
    return f"{month_label(report.month)}{issue}"


def source(report: Report) -> str:
    return f"资料来源：{report.issue or month_label(report.month)}通报；※为经核实更正的数值。"


def report_parts(report: Report) -> list[Part]:
    return [
        Part("总体情况", _overview(report)),
        Part("诉求类型", _categories(report)),
        Part("等级分布与变动", _grades(report)),
        Part("各组排名", _rankings(report)),
        Part("预警", _alerts(report)),
        Part("加扣分", _ledger(report)),
        Part("存在的问题", _problems(report)),
        Part("数据核对", _checks(report)),
    ]


def _overview(report: Report) -> list[Para | Grid]:
    figures = report.figures.dropna(subset=["value"])
    said = "；".join(
        text.figure_sentence(r.label, r.kind, r.value, r.change, report.previous)
        for r in figures.itertuples()
    )
    year_ago = figures["year"].notna().any()
    header = ["指标", month_label(report.month), "上期", "环比"]
    header += ["去年同期", "同比"] if year_ago else []
    rows = [
        [
            r.label,
            text.figure_value(r.kind, r.value),
            text.figure_value(r.kind, r.previous),
            text.figure_change(r.kind, r.change),
            *(
                [text.figure_value(r.kind, r.year), text.figure_change(r.kind, r.year_change)]
                if year_ago
                else []
            ),
        ]
        for r in figures.itertuples()
    ]
    widths = [4.4, 2.6, 2.6, 2.6, 2.6, 2.6] if year_ago else [5.4, 4.0, 4.0, 4.0]
    return [
        Para(f"{month_label(report.month)}，{said}。"),
        Grid(header, rows, widths),
        Para(text.gap_note(report.previous, report.skipped), note=True),
        Para(text.year_note(report.month, year_ago), note=True),
    ]


def _categories(report: Report) -> list[Para | Grid]:
    rows = [
        [
            str(r.place),
            r.name,
            text.count(r.count),
            f"{r.share:.2f}%",
            text.count(r.previous_count),
            text.signed_count(r.change),
        ]
        for r in report.categories.itertuples()
    ]
    header = ["序号", "类型", "件数", "占比", "上期件数", "变化"]
    return [
        Para(text.category_sentence(report.categories, report.previous)),
        *([Grid(header, rows, [1.4, 5.6, 2.6, 2.6, 2.6, 2.6])] if rows else []),
    ]


def _grades(report: Report) -> list[Para | Grid]:
    then = report.previous_grades.set_index("channel")
    rows = []
    for r in report.grades.itertuples(index=False):
        if not r.listed:
            continue
        before = then.loc[r.channel] if report.previous else None
        counts = [
            f"{getattr(r, g)}" + (f"（{before[g]}）" if before is not None else "")
            for g in GRADE_COLUMNS
        ]
        rows.append([CHANNELS[r.channel], *counts, str(r.listed), text.count(r.zero_units)])
    header = ["渠道", *(f"{g}类" for g in GRADE_COLUMNS), "列入评价", "无工单/信件"]
    blocks: list[Para | Grid] = [Grid(header, rows, [2.2, 2.0, 2.0, 2.0, 2.0, 2.0, 2.4, 2.8])]
    if report.previous:
        blocks.append(Para(f"括号内为{month_label(report.previous)}的单位数。", note=True))
    for channel, movers in report.movers.items():
        blocks.append(Para(text.movers_sentence(movers, channel), label=CHANNELS[channel]))
    return blocks


def _rankings(report: Report) -> list[Para | Grid]:
    blocks: list[Para | Grid] = []
    order = sorted(report.groups, key=lambda g: (GROUPS.index(g.group), g.channel != "hotline"))
    for group in order:
        whole = report.complete(group.group)
        blocks.append(Para(_ranking_title(group, whole), label=CHANNELS[group.channel]))
        rows = group.ranking if whole else pd.concat([group.top, group.bottom.iloc[::-1]])
        blocks.append(Grid(*ranking_rows(rows, group.channel), [2.6, 6.0, 2.4, 1.4, 2.0, 3.0]))
    return blocks


def _ranking_title(group: GroupRanking, whole: bool) -> str:
    pool = group.ranking["pool"].iloc[0] if len(group.ranking) else group.group
    if whole:
        return f"{group.group}（{pool}）"
    return f"{group.group}：名次最前与最后的各 {LIST_LENGTH} 个单位（{pool}）"


def ranking_rows(rows: pd.DataFrame, channel: str) -> tuple[list[str], list[list[str]]]:
    """名次 · 单位 · 综合指标值 · 等级 · 较上期名次 · 较上期分数; ※ after a corrected value."""
    header = ["名次", "单位", metrics.label(metrics.SCORE, channel), "等级", "名次变化", "分数变化"]
    body = []
    for r in rows.itertuples(index=False):
        mark = "※" if r.correction else ""
        place = f"{r.rank}/{r.out_of}" if r.in_pool else f"（{r.rank}/{r.out_of}）"
        change = "—" if pd.isna(r.score_change) else f"{r.score_change:+.{_places(channel)}f}"
        body.append(
            [
                place,
                r.unit + mark,
                score(r.score, channel),
                r.grade,
                text.rank_change(r.rank_change),
                change,
            ]
        )
    return header, body


def _places(channel: str) -> int:
    return metrics.score_decimals(channel)


def _alerts(report: Report) -> list[Para | Grid]:
    blocks: list[Para | Grid] = []
    for channel, view in report.alerts.items():
        lines = []
        for r in view.declines.itertuples(index=False):
            lines.append(f"{r.unit}连续 {r.declines} 个月下降，降至{score(r.score, channel)}分")
        for r in view.first_falls.itertuples(index=False):
            lines.append(
                f"{r.unit}首次低于A类：{score(r.previous_score, channel)}→"
                f"{score(r.score, channel)}分（{r.grade}类）"
            )
        for r in view.beyond_limits.itertuples(index=False):
            lines.append(
                f"{r.unit}{metrics.label(r.measure, channel)}{r.value:.2f}%，低于预警线{r.limit:g}%"
                if metrics.higher_is_better(r.measure, channel)
                else f"{r.unit}{metrics.label(r.measure, channel)}{r.value:.2f}%，高于预警线{r.limit:g}%"
            )
        said = "；".join(lines) + "。" if lines else "本月没有单位触发预警。"
        blocks.append(Para(said, label=CHANNELS[channel]))
    return blocks


def _ledger(report: Report) -> list[Para | Grid]:
    rows = report.adjustments
    if rows.empty:
        return [Para("本月通报没有加扣分记录。")]
    by_indicator = [
        [KINDS[r.kind], r.indicator, str(r.items), str(r.units), f"{r.points:+g}"]
        for r in report.by_indicator.itertuples(index=False)
    ]
    deductions = rows[rows["kind"] == "deduction"]
    by_unit = totals_by_unit(rows)
    lost = [
        [
            r.unit,
            f"{r.deductions:+g}",
            f"{r.bonuses:+g}",
            f"{r.net:+g}",
            text.order_numbers(
                "\n".join(deductions.loc[deductions["unit_id"] == r.unit_id, "detail"])
            ),
        ]
        for r in by_unit[by_unit["deductions"] < 0].itertuples(index=False)
    ]
    total = f"扣分 {len(deductions)} 条共 {deductions['points'].sum():+g} 分，加分 {len(rows) - len(deductions)} 条共 {rows.loc[rows['kind'] == 'bonus', 'points'].sum():+g} 分。"
    return [
        Para(total),
        Grid(["类别", "指标", "条数", "单位数", "分值"], by_indicator, [1.6, 6.4, 2.4, 2.4, 2.4]),
        Para("被扣分的单位", label="按单位"),
        Grid(
            ["单位", "扣分", "加分", "合计", "扣分工单／信件编号"], lost, [4.4, 1.6, 1.6, 1.6, 8.2]
        ),
    ]


def _problems(report: Report) -> list[Para | Grid]:
    if not report.problems:
        return [Para("本月通报未列存在的问题。")]
    return [Para(f"{p.number or n}. {p.summary}") for n, p in enumerate(report.problems, start=1)]


def _checks(report: Report) -> list[Para | Grid]:
    if not report.checks:
        return [Para("本月通报的数值经核对一致，没有待核实或已更正的项。")]
    return [
        Para(
            f"{c.mark}{c.text}" + (f"（{c.state}）" if c.state else ""),
            label=c.channel or "通报",
        )
        for c in report.checks
    ] + [Para("数值以通报原文为准；经核实更正的数值已在本报告中使用，并以※标出。", note=True)]
