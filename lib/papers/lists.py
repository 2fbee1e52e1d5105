"""The printable 排名 sheets with their 红黑榜: one A4 landscape page per channel × group of a
month, the choices it was made with printed at the top, every unit of the group in the order
and places of the 排名 page (rankings.rank_in_group, the pools' rule), the best and worst
LIST_LENGTH of the pool marked 红榜 / 黑榜 (rankings.top_and_bottom)."""

from __future__ import annotations

from lib.labels import CHANNELS, month_label
from lib.papers.content import LIST_LENGTH, GroupRanking
from lib.papers.html import SANS, SERIF
from lib.papers.parts import ranking_rows
from lib.printsheet import document, e, page_style, table

TITLE = "排名与红黑榜"
LISTS_STYLE = f"""<style>
.sheet {{ font-family: {SERIF}; color: #111; break-after: page; }}
.sheet:last-child {{ break-after: auto; }}
.sheet h1 {{ font-family: {SANS}; font-size: 14pt; margin: 0 0 2pt; text-align: center; }}
.sheet .filters {{ font-size: 9pt; margin: 0 0 4pt; text-align: center;
  border-bottom: 1.2pt solid #a51c1c; padding-bottom: 3pt; }}
.sheet table {{ width: 100%; border-collapse: collapse; font-size: 7.8pt; line-height: 1.15;
  border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; }}
.sheet th {{ text-align: left; border-bottom: .6pt solid #000; padding: .5pt 4pt; }}
.sheet td {{ padding: .8pt 4pt; border-top: .3pt solid #bfbfbf; }}
.sheet tr {{ break-inside: avoid; }}
</style>"""


def filters(month: str, group: GroupRanking) -> str:
    pool = group.ranking["pool"].iloc[0] if len(group.ranking) else group.group
    return (
        f"月份：{month_label(month)}　渠道：{CHANNELS[group.channel]}　"
        f"分组：{group.group}　排名指标：综合指标值　排名范围：{pool}　红榜、黑榜：排名范围内前、后 {LIST_LENGTH} 名"
    )


def _sheet(month: str, group: GroupRanking) -> str:
    header, rows = ranking_rows(group.ranking, group.channel)
    red, black = set(group.top["unit_id"]), set(group.bottom["unit_id"])
    marks = ["红榜" if u in red else "黑榜" if u in black else "" for u in group.ranking["unit_id"]]
    rows = [[*row, mark] for row, mark in zip(rows, marks, strict=True)]
    strong = {(r, len(header)) for r, mark in enumerate(marks) if mark}
    return (
        f'<section class="sheet"><h1>{e(CHANNELS[group.channel])}{e(group.group)}排名</h1>'
        f'<p class="filters">{e(filters(month, group))}</p>'
        f"{table([*header, '榜单'], rows, strong)}</section>"
    )


def lists_file(month: str, groups: list[GroupRanking]) -> str:
    """The sheets of `groups` (content.group_rankings of the month), one a page."""
    styles = page_style("A4 landscape", "8mm 12mm 11mm") + LISTS_STYLE
    body = "".join(_sheet(month, g) for g in groups)
    return document(f"{TITLE} {month_label(month)}", styles, body)
