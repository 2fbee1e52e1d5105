"""The monthly report as a print sheet: A4 portrait pages in the briefing's type (仿宋 body,
黑体 headings), page numbers at the foot. The same parts as the Word document (parts.py), every
string escaped (lib.printsheet.e). `SHEET_STYLE` is scoped to the sheet's class, so the 月度报告
page can show the sheet among its own elements; `report_file` is the standalone file to print.
"""

from __future__ import annotations

from lib.papers.content import Report
from lib.papers.parts import Grid, Para, report_parts, source, subtitle
from lib.papers.text import TITLE
from lib.printsheet import document, e, page_style, table

SHEET_CLASS = "hotline-report"
NUMERALS = "一二三四五六七八九十"
SERIF = '"Noto Serif CJK SC", "FangSong", "STFangsong", "仿宋", serif'
SANS = '"Noto Sans CJK SC", "SimHei", "黑体", sans-serif'

SHEET_STYLE = f"""<style>
.{SHEET_CLASS} {{ box-sizing: border-box; max-width: 180mm; margin: 0 auto; background: #fff;
  color: #111; font-family: {SERIF}; font-size: 9.6pt; line-height: 1.5; }}
.{SHEET_CLASS} .title {{ font-family: {SANS}; font-size: 18pt; font-weight: 700; text-align: center;
  margin: 0; padding: 0; letter-spacing: .1em; line-height: 1.35; }}
.{SHEET_CLASS} .sub {{ text-align: center; font-size: 11.5pt; padding-bottom: 3pt;
  border-bottom: 1.5pt solid #a51c1c; margin-bottom: 4pt; }}
.{SHEET_CLASS} h2 {{ font-family: {SANS}; font-size: 11pt; font-weight: 700; margin: 7pt 0 2pt;
  padding: 0; line-height: 1.35; break-after: avoid; }}
.{SHEET_CLASS} p {{ margin: 0 0 2pt !important; font-size: 9.6pt !important;
  line-height: 1.5 !important; text-align: justify; }}
.{SHEET_CLASS} p.note {{ color: #555; font-size: 8.4pt !important; }}
.{SHEET_CLASS} p.source {{ color: #555; font-size: 8.4pt !important; text-align: right; }}
.{SHEET_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 8.6pt; line-height: 1.3;
  border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; margin: 2pt 0 4pt; }}
.{SHEET_CLASS} th {{ text-align: left; font-weight: 700; border-bottom: .6pt solid #000;
  padding: 1.3pt 4pt; white-space: nowrap; }}
.{SHEET_CLASS} td {{ padding: 1.3pt 4pt; border-top: .3pt solid #bfbfbf; vertical-align: top; }}
.{SHEET_CLASS} tr {{ break-inside: avoid; }}
.{SHEET_CLASS} .pair {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }}
</style>"""


def report_html(report: Report) -> str:
    """The sheet's HTML (without its styles): every string escaped."""
    out = [
        f'<div class="{SHEET_CLASS}">',
        f'<div class="title">{e(TITLE)}</div>',
        f'<div class="sub">{e(subtitle(report))}</div>',
    ]
    for number, part in enumerate(report_parts(report), start=1):
        out.append(f"<h2>{e(NUMERALS[number - 1])}、{e(part.heading)}</h2>")
        out += _blocks(part.blocks, paired=part.heading == "各组排名")
    out.append(f'<p class="source">{e(source(report))}</p></div>')
    return "".join(out)


def _blocks(blocks: list[Para | Grid], paired: bool) -> list[str]:
    """Each block's HTML; with `paired`, a caption and its table are set two to a row."""
    if not paired:
        return [_block(b) for b in blocks]
    cells = [
        _block(caption) + _block(grid)
        for caption, grid in zip(blocks[::2], blocks[1::2], strict=True)
    ]
    return [f'<div class="pair">{"".join(f"<div>{c}</div>" for c in cells)}</div>']


def _block(block: Para | Grid) -> str:
    if isinstance(block, Grid):
        return table(block.header, block.rows)
    if block.note:
        return f'<p class="note">{e(block.text)}</p>'
    label = f"<b>{e(block.label)}：</b>" if block.label else ""
    return f"<p>{label}{e(block.text)}</p>"


def report_file(report: Report) -> str:
    """The standalone print sheet: A4 portrait, 15 mm margins, page numbers."""
    styles = page_style("A4", "14mm 15mm 16mm") + SHEET_STYLE
    return document(f"{TITLE} {subtitle(report)}", styles, report_html(report))
