"""Findings: what the bulletin prints against what can be recomputed from it. Never edits.

- rates from the counts (办结率, 按期办结率, 返工率, mailbox 群众满意率), to two decimals;
- the composite score from the channel's formula (lib/rules.py), at its printed precision;
- the grade against configurable bands (lib/data/rules.json);
- the narrative grade counts against the table rows;
- the scores the narrative quotes ("华容县（96.8分）") against the table rows;
- a unit listed twice in one table.

Tolerances follow the printed precision: a printed rate may differ from the exact ratio by
half a unit of its last decimal (the source rounds 90.625 down to 90.62); a score computed
from printed (rounded) rates may differ by that half unit plus the rates' own rounding.
"""

from __future__ import annotations

import re
from collections import Counter

from lib.model import FIGURES, Bulletin, Evaluation, Finding
from lib.rules import ChannelRules, Rules, load_rules
from lib.units import UnitIndex

TABLE_OF = {"hotline": "附件1", "mailbox": "附件2"}
NARRATIVE = "通报正文"
QUOTED_SCORE = re.compile(r"([\u4e00-\u9fff]{2,24}?)（(\d+(?:\.\d+)?)分）")
SCORE_SECTIONS = {"工单考核": "hotline", "市长信箱运行情况": "mailbox"}


def composite_score(row: Evaluation) -> float:
    """The score formula of the row's channel (lib/data/rules.json) on its printed rates."""
    return load_rules()[row.channel].score(row)


def run_checks(bulletin: Bulletin, rules: Rules | None = None) -> list[Finding]:
    rules = rules or load_rules()
    findings: list[Finding] = []
    for row in bulletin.evaluations:
        findings += rate_findings(row, rules[row.channel])
        findings += score_findings(row, rules[row.channel])
    findings += duplicate_findings(bulletin.evaluations)
    findings += narrative_count_findings(bulletin)
    findings += narrative_score_findings(bulletin)
    return findings


def _row_finding(row: Evaluation, kind, field, printed, computed, message) -> Finding:
    return Finding(
        kind=kind,
        table=TABLE_OF[row.channel],
        unit=row.unit,
        field=field,
        printed=printed,
        computed=computed,
        message=message,
        channel=row.channel,
        page=row.page,
    )


def rate_findings(row: Evaluation, rules: ChannelRules | None = None) -> list[Finding]:
    """Each rate the bulletin prints both counts of (Figure.ratio), against their quotient."""
    rules = rules or load_rules()[row.channel]
    out = []
    for figure in FIGURES:
        pair = figure.ratio.get(row.channel)
        numerator, denominator = (getattr(row, f) for f in pair) if pair else (0, 0)
        if not denominator:
            continue
        exact = 100 * numerator / denominator
        printed = getattr(row, figure.name)
        if abs(printed - exact) > rules.rate_tolerance:
            out.append(
                _row_finding(
                    row,
                    "rate",
                    figure.name,
                    printed,
                    round(exact, rules.rate_decimals),
                    f"{figure.label(row.channel)}印为 {printed}%，按 {numerator}/{denominator} "
                    f"计算为 {exact:.{rules.rate_decimals}f}%",
                )
            )
    return out


def score_findings(row: Evaluation, rules: ChannelRules) -> list[Finding]:
    out = []
    computed = rules.score(row)
    if abs(row.score - computed) > rules.score_tolerance:
        shown = round(computed, rules.score_decimals)
        out.append(
            _row_finding(
                row,
                "score",
                "score",
                row.score,
                shown,
                f"综合指标值印为 {row.score:g}，按公式计算为 {computed:.2f}",
            )
        )
    expected = rules.grade_for(row.score)
    if row.grade != expected:
        out.append(
            _row_finding(
                row,
                "grade",
                "grade",
                row.grade,
                expected,
                f"等级印为 {row.grade}，按等级区间 {row.score:g} 分应为 {expected}",
            )
        )
    return out


def duplicate_findings(rows: list[Evaluation]) -> list[Finding]:
    seen: dict[tuple[str, str], Evaluation] = {}
    out = []
    for row in rows:
        key = (row.channel, row.unit_id or row.unit)
        if key in seen:
            first = seen[key]
            out.append(
                _row_finding(
                    row,
                    "duplicate",
                    "unit",
                    row.group,
                    first.group,
                    f"{row.unit} 在{TABLE_OF[row.channel]}中重复出现"
                    f"（{first.group}第 {first.order} 行、{row.group}第 {row.order} 行）",
                )
            )
        else:
            seen[key] = row
    return out


def narrative_count_findings(bulletin: Bulletin) -> list[Finding]:
    out = []
    for channel, grades, zero_key in (
        ("hotline", bulletin.hotline_grades, "zero_orders"),
        ("mailbox", bulletin.mailbox_grades, "zero_letters"),
    ):
        rows = [r for r in bulletin.evaluations if r.channel == channel]
        if not rows:
            continue
        counted = Counter(r.grade if r.grade in "ABC" else "D_or_below" for r in rows)
        for key in ("A", "B", "C", "D_or_below"):
            printed = getattr(grades, key, None)
            if printed is None and not counted[key]:
                continue
            if printed != counted[key]:
                out.append(
                    _narrative(
                        channel,
                        key,
                        printed,
                        counted[key],
                        f"正文称{_grade_label(key)} {_show(printed)} 个，"
                        f"{TABLE_OF[channel]}中有 {counted[key]} 行",
                    )
                )
        zero, total = getattr(grades, zero_key), grades.units_total
        if zero is not None and total is not None and len(rows) + zero != total:
            out.append(
                _narrative(
                    channel,
                    "units_total",
                    total,
                    len(rows) + zero,
                    f"正文称共 {total} 个承办单位，但{TABLE_OF[channel]}评价 "
                    f"{len(rows)} 行加量为 0 的 {zero} 个，合计 {len(rows) + zero} 个",
                )
            )
    return out


def narrative_score_findings(bulletin: Bulletin, index: UnitIndex | None = None) -> list[Finding]:
    """Scores quoted in 工单考核 / 市长信箱运行情况 that the channel's table prints differently."""
    index = index or UnitIndex.default()
    out = []
    for section in bulletin.sections:
        channel = SCORE_SECTIONS.get(section.key)
        if channel is None:
            continue
        rows = {r.unit_id: r for r in bulletin.evaluations if r.channel == channel}
        for name, score in QUOTED_SCORE.findall(section.text):
            row = rows.get(_quoted_unit(name, rows, index))
            if row is not None and abs(row.score - float(score)) > 1e-9:
                out.append(
                    _narrative(
                        channel,
                        "score",
                        float(score),
                        row.score,
                        f"正文称{name}{score}分，{TABLE_OF[channel]}印为 {row.score:g}",
                        unit=row.unit,
                    )
                )
    return out


def _quoted_unit(name: str, rows: dict, index: UnitIndex) -> str | None:
    """The unit a quoted name refers to: the longest known name that ends the quoted text."""
    for start in range(len(name)):
        uid = index.unit_id(name[start:])
        if uid in rows:
            return uid
    return None


def _narrative(channel, field, printed, computed, message, unit=None) -> Finding:
    kind = "narrative_score" if field == "score" else "narrative_count"
    return Finding(
        kind=kind,
        table=NARRATIVE,
        unit=unit,
        field=field,
        printed=printed,
        computed=computed,
        message=message,
        channel=channel,
    )


def _grade_label(key: str) -> str:
    return "D 类及以下" if key == "D_or_below" else f"{key} 类"


def _show(value) -> str:
    return "未列明" if value is None else str(value)
