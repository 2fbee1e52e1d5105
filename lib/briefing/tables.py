"""The briefing's parts and tables as rows of text, shared by Word, the print view and the screen.

Each function returns a header and rows of strings (values as printed, in the bulletin's
precision); renderers only lay them out.
"""

from __future__ import annotations

from lib.analysis import metrics
from lib.briefing import text
from lib.briefing.content import Briefing
from lib.labels import CHANNELS, month_label

SECTIONS = {
    "standing": "考评概况",
    "indicators": "各项指标与组内中位数",
    "whatif": "提升空间（本月测算）",
    "adjustments": "加扣分",
    "mentions": "通报点名",
    "reception": "既往接听日",
    "categories": "全市诉求类型",
}
HEADLINE_HEADER = ["渠道", "综合指标值", "等级", "名次", "排名范围", "较上期"]
INDICATOR_HEADER = [
    "指标",
    "热线（%）",
    "组中位数（%）",
    "差距（百分点）",
    "市长信箱（%）",
    "组中位数（%）",
    "差距（百分点）",
]
ADJUSTMENT_HEADER = ["月份", "类别", "分值", "指标", "明细"]
KINDS = {"deduction": "扣分", "bonus": "加分"}
LAST_RATE = "群众不满意率／满意率"


def headline_rows(briefing: Briefing) -> tuple[list[str], list[list[str]]]:
    header = [*HEADLINE_HEADER[:-1], text.change_heading(briefing)]
    rows = []
    for headline in briefing.headlines:
        now, name = headline.current, CHANNELS[headline.channel]
        if now is None:
            rows.append([name, "—", "—", "—", text.no_row(headline.channel), "—"])
            continue
        rows.append(
            [
                name,
                text.score(now.score, now.channel) + text.mark(now),
                now.grade,
                text.rank(now),
                now.pool,
                text.change(headline),
            ]
        )
    return header, rows


def indicator_rows(briefing: Briefing) -> tuple[list[str], list[list[str]], set]:
    """Rates against the group median, hotline and mailbox side by side; the weakest cells
    (row, column) to set off."""
    by_key = {(i.channel, i.field): i for i in briefing.indicators}
    if not by_key:
        return INDICATOR_HEADER, [], set()
    rows, weakest = [], set()
    for r, field in enumerate(metrics.RATES):
        label = LAST_RATE if field == "visited_rate" else metrics.label(field, "hotline")
        row = [label]
        for channel in CHANNELS:
            item = by_key.get((channel, field))
            if item is None:
                row += ["—", "—", "—"]
                continue
            row += [
                text.rate_number(item.value),
                text.rate_number(item.median),
                text.versus_median(item),
            ]
            if item.weakest:
                weakest |= {(r, len(row) - 3), (r, len(row) - 1)}
        rows.append(row)
    return INDICATOR_HEADER, rows, weakest


def adjustment_rows(briefing: Briefing) -> tuple[list[str], list[list[str]]]:
    rows = [
        [
            month_label(a.period),
            KINDS.get(a.kind, a.kind),
            text.points(a.points),
            a.indicator,
            a.detail,
        ]
        for a in briefing.adjustments
    ]
    return ADJUSTMENT_HEADER, rows
