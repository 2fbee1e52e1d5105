"""The briefing as an HTML page for the browser's print view: one A4 sheet.

`briefing_html` is the one place parsed text (unit names, adjustment details, narrative
passages) meets HTML: every string goes through `_e` (html.escape, quotes included), the
chart is a PNG data URI, and nothing else is interpolated. The styles (`STYLE`, `PRINT_STYLE`)
are constants: the page adds them as they are.

The sheet mirrors the Word document (same parts, same wording from text.py and tables.py) and
is set tighter, with the last three parts side by side, so that it prints on one page.
"""

from __future__ import annotations

import base64

from lib.briefing import text
from lib.briefing.content import Briefing
from lib.briefing.tables import SECTIONS, adjustment_rows, headline_rows, indicator_rows
from lib.labels import month_label
from lib.printsheet import e as _e
from lib.printsheet import table as _table

MAX_ADJUSTMENTS, MAX_RECEPTION_DAYS = 8, 4
# What fits on the sheet beside the fixed parts, in lines of text: a what-if target takes
# TARGET_LINES, an adjustment row a line per DETAIL_LINE characters of detail, a passage a line
# per MENTION_LINE characters. Passages are kept while they fit (the first always); the rest
# are counted, not printed.
LINE_BUDGET, TARGET_LINES, DETAIL_LINE, MENTION_LINE = 26, 2, 64, 31
SHEET_CLASS = "hotline-briefing"

STYLE = f"""<style>
.{SHEET_CLASS} {{ box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto;
  padding: 10mm 15mm 8mm; background: #fff; color: #111; box-shadow: 0 1px 6px rgba(0,0,0,.25);
  font-family: "Noto Serif CJK SC", "FangSong", "STFangsong", "仿宋", serif;
  font-size: 9.2pt; line-height: 1.45; }}
.{SHEET_CLASS} h1 {{ font-family: "Noto Sans CJK SC", "SimHei", "黑体", sans-serif;
  font-size: 17pt; font-weight: 700; text-align: center; margin: 0; padding: 0;
  letter-spacing: .08em; line-height: 1.3; }}
.{SHEET_CLASS} .sub {{ text-align: center; font-size: 11pt; padding-bottom: 3pt;
  border-bottom: 1.5pt solid #a51c1c; margin-bottom: 3pt; }}
.{SHEET_CLASS} .meta, .{SHEET_CLASS} .note {{ color: #555; }}
.{SHEET_CLASS} .meta {{ text-align: center; }}
.{SHEET_CLASS} h2 {{ font-family: "Noto Sans CJK SC", "SimHei", "黑体", sans-serif;
  font-size: 10.5pt; font-weight: 700; margin: 6pt 0 2pt; padding: 0; line-height: 1.3; }}
/* !important: the app's own paragraph styles must not reach into the sheet */
.{SHEET_CLASS} p {{ margin: 0 0 1.5pt !important; font-size: 9.2pt !important;
  line-height: 1.45 !important; }}
.{SHEET_CLASS} p.meta, .{SHEET_CLASS} p.note {{ font-size: 8.2pt !important;
  margin: 1pt 0 !important; }}
.{SHEET_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 8.6pt;
  line-height: 1.3; border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000;
  margin: 1pt 0 2pt; }}
.{SHEET_CLASS} th {{ text-align: left; font-weight: 700; border-bottom: .6pt solid #000;
  padding: 1.5pt 4pt; }}
.{SHEET_CLASS} td {{ padding: 1.5pt 4pt; border-top: .3pt solid #bfbfbf; vertical-align: top; }}
.{SHEET_CLASS} th, .{SHEET_CLASS} td {{ white-space: nowrap; }}
.{SHEET_CLASS} th:last-child, .{SHEET_CLASS} td:last-child {{ white-space: normal; width: 99%; }}
.{SHEET_CLASS} tr:first-child td {{ border-top: none; }}
.{SHEET_CLASS} .strong {{ font-weight: 700; }}
.{SHEET_CLASS} img {{ display: block; width: 74%; margin: 2pt auto 1pt; }}
.{SHEET_CLASS} .columns {{ display: grid; grid-template-columns: 1.6fr 1fr; gap: 0 7mm; }}
</style>"""

PRINT_STYLE = f"""<style>
@media print {{
  @page {{ size: A4; margin: 0; }}
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {{ background: #fff !important; height: auto !important;
    overflow: visible !important; position: static !important; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stBottom"],
  [data-testid="stStatusWidget"], .st-key-briefing-controls {{ display: none !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; margin: 0 !important;
    max-width: none !important; }}
  .{SHEET_CLASS} {{ box-shadow: none; margin: 0; min-height: 0; }}
}}
</style>"""


def _labelled(label: str, body: str) -> str:
    return f"<p><b>{_e(label)}：</b>{_e(body)}</p>"


def _note(content: str) -> str:
    return f'<p class="note">{_e(content)}</p>'


def _heading(number: int, key: str) -> str:
    return f"<h2>{_e('一二三四五六七八九十'[number - 1])}、{_e(SECTIONS[key])}</h2>"


def _standing(briefing: Briefing, chart: bytes) -> str:
    header, rows = headline_rows(briefing)
    image = base64.b64encode(chart).decode("ascii")
    return (
        _table(header, rows) + f'<img alt="{_e("综合指标值走势")}" '
        f'src="data:image/png;base64,{image}"/>'
        + _note_labelled("等级走势", text.grade_history(briefing))
    )


def _note_labelled(label: str, body: str) -> str:
    return f'<p class="note"><b>{_e(label)}：</b>{_e(body)}</p>'


def _indicators(briefing: Briefing) -> str:
    header, rows, weakest = indicator_rows(briefing)
    if not rows:
        return f"<p>{_e(text.NOT_LISTED)}</p>"
    return _table(header, rows, weakest) + _note(text.INDICATORS_NOTE)


def _whatif(briefing: Briefing) -> str:
    if not briefing.targets:
        return f"<p>{_e(text.NO_TARGETS)}</p>"
    lines = "".join(
        _labelled(text.target(t), "；".join(text.lever(lv) for lv in t.levers) + "。")
        for t in briefing.targets
    )
    return lines + _note(text.WHATIF_NOTE)


def _lines(content: str, per_line: int) -> int:
    return 1 + len(content) // per_line


def fitted(briefing: Briefing) -> tuple[int, int]:
    """How many adjustment rows and passages the sheet prints."""
    rows = briefing.adjustments[:MAX_ADJUSTMENTS]
    left = (
        LINE_BUDGET
        - TARGET_LINES * len(briefing.targets)
        - sum(_lines(a.detail, DETAIL_LINE) for a in rows)
    )
    needs = [_lines(text.mention_label(m) + m.excerpt, MENTION_LINE) for m in briefing.mentions]
    shown = len(needs)
    while shown > 1 and sum(needs[:shown]) + 1 > left:  # + 1: the line counting the rest
        shown -= 1
    if sum(needs) <= left:
        shown = len(needs)
    return len(rows), shown


def _adjustments(briefing: Briefing, shown: int) -> str:
    header, rows = adjustment_rows(briefing)
    if not rows:
        return f"<p>{_e(text.NO_ADJUSTMENTS)}</p>"
    more = _note(text.more(len(rows) - shown)) if len(rows) > shown else ""
    return _table(header, rows[:shown]) + more


def _mentions(briefing: Briefing, shown: int) -> str:
    if not briefing.mentions:
        return f"<p>{_e(text.NO_MENTIONS)}</p>"
    extra = len(briefing.mentions) - shown
    return "".join(
        _labelled(text.mention_label(m), m.excerpt) for m in briefing.mentions[:shown]
    ) + (_note(text.more(extra)) if extra else "")


def _reception(briefing: Briefing) -> str:
    if not briefing.reception_days:
        return f"<p>{_e(text.NO_RECEPTION)}</p>"
    days = briefing.reception_days[:MAX_RECEPTION_DAYS]
    extra = len(briefing.reception_days) - len(days)
    return "".join(f"<p>{_e(text.reception(day))}</p>" for day in days) + (
        _note(text.more(extra)) if extra else ""
    )


def _categories(briefing: Briefing) -> str:
    return _labelled(
        month_label(briefing.month), text.categories(briefing) or "通报未列出。"
    ) + _note(text.NO_OWN_CATEGORIES)


def briefing_html(briefing: Briefing, chart: bytes) -> str:
    """The sheet's HTML (without STYLE): every parsed string escaped."""
    meta = "　".join(
        p
        for p in (
            text.visit(briefing.visit),
            text.aliases(briefing),
            "资料来源：" + text.source(briefing),
        )
        if p
    )
    adjustments, mentions = fitted(briefing)
    return "".join(
        [
            f'<div class="{SHEET_CLASS}">',
            f"<h1>{_e(text.TITLE)}</h1>",
            f'<div class="sub">{_e(text.subtitle(briefing))}</div>',
            f'<p class="meta">{_e(meta)}</p>',
            _heading(1, "standing"),
            _standing(briefing, chart),
            _heading(2, "indicators"),
            _indicators(briefing),
            _heading(3, "whatif"),
            _whatif(briefing),
            _heading(4, "adjustments"),
            _adjustments(briefing, adjustments),
            '<div class="columns"><div>',
            _heading(5, "mentions"),
            _mentions(briefing, mentions),
            "</div><div>",
            _heading(6, "reception"),
            _reception(briefing),
            _heading(7, "categories"),
            _categories(briefing),
            "</div></div></div>",
        ]
    )
