"""The dossier as a Word document for reading: A4 landscape (a month's row has fifteen
columns), the house style of lib/wordfile.py, every part of the dossier in full — a record,
not a one-page brief, so no list is cut short."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from lib.analysis.display import MARK, NOTE, Table, table_text
from lib.analysis.spans import missing_text
from lib.briefing import text
from lib.briefing.docx import write_targets
from lib.dossier import tables
from lib.dossier.content import Dossier
from lib.labels import CHANNELS
from lib.wordfile import RED, WordFile, chinese_number, rule_below

TITLE = "单位档案"
HISTORY_WIDTHS = [1.9, *[1.35] * 2, 1.45, 1.35, 1.45, 1.2, 1.3, 1.35, 1.45, 1.4, 0.9, 4.3, 1.6, 1.5]
"""月份, the eleven printed columns, 名次 with its pool, 组内名次, 等级变化 (cm)."""
TOTALS_WIDTHS = [1.8, 3.6, 1.1, *[1.35] * 2, 1.45, 1.35, 1.45, 1.2, 1.3, 1.35, 1.45, 1.6, 1.6, 1.6]
"""分组, 期间, 列入月数, the nine counts and rates, both scores, 各月等级 (cm)."""
NOT_LISTED = "所选期间未列入评价表。"
NO_HISTORY = "所选期间未列入{channel}评价表。"
NO_ADJUSTMENTS = "所选期间的通报中没有本单位的加扣分记录。"
NO_MENTIONS = "所选期间的通报正文未点名本单位。"
NO_RECEPTION = "所选期间的通报中未见本单位参加领导接听日的记录。"


def dossier_docx(dossier: Dossier) -> bytes:
    word = WordFile("档案", landscape=True)
    _title(word, dossier)
    parts = [
        ("期间合计", _totals),
        *((f"逐月评价（{word_}）", _history(ch)) for ch, word_ in CHANNELS.items()),
        ("加扣分", _adjustments),
        ("通报点名", _mentions),
        ("领导接听日", _reception),
        ("指标与组中位数（期间）", _indicators),
        ("提升空间（最近一月测算）", _targets),
    ]
    for number, (heading, write) in enumerate(parts, start=1):
        word.paragraph(f"{chinese_number(number)}、{heading}", "小标题")
        write(word, dossier)
    return word.bytes()


def _title(word: WordFile, dossier: Dossier) -> None:
    word.paragraph(TITLE, "标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    sub = word.paragraph(
        f"{dossier.unit_id} · {dossier.span.label}", "副标题", align=WD_ALIGN_PARAGRAPH.CENTER
    )
    rule_below(sub, RED, 12)
    others = [n for n in dossier.names if n != dossier.unit_id]
    meta = [f"也称：{'、'.join(others)}" if others else "", missing_text(dossier.missing)]
    if any(meta):
        word.note("　".join(m for m in meta if m)).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _totals(word: WordFile, dossier: Dossier) -> None:
    listed = False
    for channel, name in CHANNELS.items():
        table = tables.totals_table(dossier, channel)
        if table.empty:
            continue
        listed = True
        word.paragraph(name, bold=True)
        table, notes = _corrected(table, "期间")
        header, rows = table_text(table)
        word.table(header, rows, TOTALS_WIDTHS)
        _notes(word, notes)
    if not listed:
        word.paragraph(NOT_LISTED)
    for note in tables.totals_notes(dossier):
        word.note(note, space_before=1)


def _history(channel: str):
    def write(word: WordFile, dossier: Dossier) -> None:
        table = tables.history_table(dossier, channel)
        table = Table(table.frame.drop(columns=["分组", "印刷名称"]), table.formats)
        table, notes = _corrected(table, "月份")
        _table(word, table, HISTORY_WIDTHS, NO_HISTORY.format(channel=CHANNELS[channel]))
        _notes(word, notes)

    return write


def _corrected(table: Table, by: str) -> tuple[Table, list[str]]:
    """The table without its 更正说明 column (a Word table keeps its widths), the `by` cell of
    a corrected row marked ※, and the lines to print under it: '※ 2024年3月：…'."""
    frame = table.frame
    if NOTE not in frame:
        return table, []
    noted = frame[NOTE] != ""
    labels = frame[by].str.removesuffix(MARK)
    notes = [
        f"{MARK} {label}：{note}"
        for label, note in zip(labels[noted], frame[NOTE][noted], strict=True)
    ]
    frame = frame.drop(columns=NOTE).assign(**{by: labels.where(~noted, labels + MARK)})
    return Table(frame, table.formats), notes


def _notes(word: WordFile, notes: list[str]) -> None:
    for note in notes:
        word.note(note, space_before=1)


def _table(word: WordFile, table: Table, widths: list[float], empty: str, strong=None) -> bool:
    """The table ruled, or the line saying it is `empty`; whether there was a table."""
    if table.empty:
        word.paragraph(empty)
        return False
    header, rows = table_text(table)
    word.table(header, rows, widths, strong(rows) if strong else frozenset())
    return True


def _adjustments(word: WordFile, dossier: Dossier) -> None:
    table = tables.adjustments_table(dossier)
    _table(word, table, [2.2, 1.2, 1.8, 1.8, 3.4, 15.6], NO_ADJUSTMENTS)


def _mentions(word: WordFile, dossier: Dossier) -> None:
    if not dossier.mentions:
        word.paragraph(NO_MENTIONS)
    for mention in dossier.mentions:
        word.labelled(text.mention_label(mention), mention.excerpt)


def _reception(word: WordFile, dossier: Dossier) -> None:
    if not dossier.reception_days:
        word.paragraph(NO_RECEPTION)
    for day in dossier.reception_days:
        word.paragraph(text.reception(day))


def _indicators(word: WordFile, dossier: Dossier) -> None:
    widths = [3.0, 3.6, 3.2, 3.2, 3.4, 2.0]
    if not _table(word, tables.indicators_table(dossier), widths, NOT_LISTED, _weakest):
        return
    word.note(text.INDICATORS_NOTE.replace("组内中位数", "组中位数（同一期间）"), space_before=2)


def _weakest(rows: list[list[str]]) -> set[tuple[int, int]]:
    """The indicator and its gap, on the rows marked weakest."""
    return {(r, c) for r, row in enumerate(rows) if row[-1] for c in (1, 4)}


def _targets(word: WordFile, dossier: Dossier) -> None:
    write_targets(word, dossier.targets)
