"""The words that tell an attachment's lines apart: captions, labels, headers, the end.

A caption (`附件1`, a title ending in 评价表 / 扣分表 / 加分表) announces a table; a header
names its columns (应办理数 … for an evaluation table, 回访不满意数 for the hotline and 回访满意数
for the mailbox, the detail column's heading 扣分明细 / 加分原因 … for the adjustments) and
may wrap over several lines or rows; the 版记 (分送：…, 印发) ends the attachments. The
attachment cutter and both table readers ask this module, so each word is listed once.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Literal

from lib.document import Line, Table
from lib.extract.rows import group_label
from lib.settings import ExtractSettings
from lib.text import compact, strip_markup

Family = Literal["evaluation", "adjustment"]

_HEADER_WORDS = (
    "部门名称",
    "单位名称",
    "承办单位",
    "序号",
    "应办理数",
    "办理数",
    "办结率",
    "按期办理数",
    "按期办结率",
    "返工数",
    "返工率",
    "回访不满意数",
    "回访满意数",
    "群众不满意率",
    "群众满意率",
    "综合指标值",
    "等级评价",
    "加扣分值",
    "扣分值",
    "加分值",
    "指标名称",
    "扣分明细",
    "加分明细",
    "扣分原因",
    "加分原因",
    "扣分事由",
    "加分事由",
    "扣分说明",
    "加分说明",
    "说明",
    "备注",
)
# An adjustment header's column roles, most specific first: 指标名称 is the indicator, not a
# unit's 名称.
_ADJUSTMENT_ROLES = (
    ("points", ("分值", "分数")),
    ("indicator", ("指标", "项目")),
    ("detail", ("明细", "说明", "内容", "事由", "原因")),
    ("unit", ("名称", "单位")),
)
# The detail column's heading says which table it is: 扣分明细, 加分原因 …
_DETAIL_KIND = re.compile(r"(?P<kind>[扣加])分(?:明细|原因|事由|说明)")
LIST_ITEM = re.compile(r"^(附件[:：])?\d{1,2}[、.．]")
_LABEL = re.compile(r"^附件\d{1,2}[:：]?")
_STOP = re.compile(r"^((分送|抄送|抄报|主送|发送)[:：]|[-—_*=]{3,}$|[一二三四五六七八九十]{1,3}、)")
_UNIT_MARK = re.compile(r"[（(]?[%％][）)]?|[（(][%％]?$|^[）)]")
# A page number alone, or between dashes (`— 8 —`); a dash on one side only is signed points
# (`-2`: an adjustment row whose other cells wrap onto the next lines).
_PAGE_MARK = re.compile(r"^[—–-]+\d{1,4}[—–-]+$|^\d{1,4}$|^第\d+页")


def line_kind(text: str, settings: ExtractSettings) -> str:
    """'caption', 'label' (附件N alone), 'stop' (the end of the attachments), 'skip' or 'other'."""
    s = compact(strip_markup(text))
    if not s or _PAGE_MARK.match(s):
        return "skip"
    if LIST_ITEM.match(s):
        return "other"
    if caption_kind(s, settings) is not None:
        return "caption"
    if _LABEL.fullmatch(s):
        return "label"
    if group_label(s) is None and (_STOP.match(s) or s.endswith("印发")):
        return "stop"
    return "other"


def caption_kind(text: str, settings: ExtractSettings) -> tuple[Family, str | None] | None:
    """What a caption announces: ('evaluation', 'hotline'|'mailbox'|None) or
    ('adjustment', 'deduction'|'bonus'|None); None if the text is not a caption."""
    s = _LABEL.sub("", compact(strip_markup(text)))
    if len(s) > settings.caption_max_chars or "，" in s or "。" in s or LIST_ITEM.match(s):
        return None
    if s.endswith("评价表"):
        return "evaluation", "mailbox" if "信箱" in s else "hotline" if "热线" in s else None
    if s.endswith("加扣分表"):
        return "adjustment", None
    if s.endswith("扣分表"):
        return "adjustment", "deduction"
    if s.endswith("加分表"):
        return "adjustment", "bonus"
    return None


def header_kind(text: str, settings: ExtractSettings) -> tuple[Family, str | None] | None:
    """What a header announces, from its text (cells or lines joined; wraps do not matter)."""
    s = compact(text)
    if "，" in s or "。" in s:
        return None
    enough = sum(word in s for word in _HEADER_WORDS) >= settings.header_min_words
    if not enough and not ("名称" in s and "分值" in s):
        return None
    if "应办" in s or "综合指标" in s or "办结率" in s:
        return "evaluation", "hotline" if "不满" in s else "mailbox" if "满意" in s else None
    if "分值" in s or "明细" in s or "指标名称" in s:
        detail = _DETAIL_KIND.search(s)
        return "adjustment", {"扣": "deduction", "加": "bonus"}.get(detail and detail["kind"])
    return None


def is_header_fragment(text: str) -> bool:
    """Every cell or token is a piece of a header word (`应办`, `理数`, `返工数 返工率`)."""
    return _all_header_pieces(text.split("\t") if "\t" in text else text.split())


def header_runs(lines: list[Line], settings: ExtractSettings) -> list[tuple[bool, list[Line]]]:
    """Lines grouped as (True, a header's lines) or (False, [one other line]).

    A header wrapped over several lines is a run of header pieces, on one page, that
    together name an attachment's columns; a lone piece such as `评` (a wrapped `综合考评`)
    is not a header, nor part of the header printed right below it.
    """
    out: list[tuple[bool, list[Line]]] = []
    for (pieces, _), group in groupby(lines, lambda x: (is_header_fragment(x.text), x.page)):
        group = list(group)
        after_row = bool(out) and not out[-1][0] and out[-1][1][0].page == group[0].page
        header = _header_in(group, after_row, settings) if pieces else []
        out += [(False, [line]) for line in group[: len(group) - len(header)]]
        if header:
            out.append((True, header))
    return out


def _header_in(run: list[Line], after_row: bool, settings: ExtractSettings) -> list[Line]:
    """The lines of a run of header pieces that are the header: all of them, less the
    leading pieces of a cell wrapped from the row above, if any; none if no header."""
    kind = header_kind("".join(line.text for line in run), settings)
    if kind is None:
        return []
    while (
        after_row
        and len(run) > 1
        and _partial(run[0].text)
        and header_kind("".join(line.text for line in run[1:]), settings) == kind
    ):
        run = run[1:]
    return run


def _partial(text: str) -> bool:
    """A piece of one header word (`评`, `理数`), not a whole word or several."""
    return len(text.split()) == 1 and compact(text) not in _HEADER_WORDS


def header_cells(cells: list[str | None]) -> bool:
    return _all_header_pieces([c or "" for c in cells])


def _all_header_pieces(parts: list[str]) -> bool:
    """Every non-empty part is a piece of a header word, once a unit such as `（%）` is set
    aside (`办结率（%）`, `率（%）`, or `（%）` alone: a heading's unit wrapped onto a line of
    its own), or such a piece with 情况 heading the columns below it in a header of two rows
    (`办结情况` over 办理数 and 办结率)."""
    filled = [compact(part) for part in parts if compact(part)]
    pieces = [p for p in (_UNIT_MARK.sub("", part) for part in filled) if p]
    pieces = [p.removesuffix("情况") or p for p in pieces]
    return bool(filled) and all(any(p in word for word in _HEADER_WORDS) for p in pieces)


def table_header_kind(table: Table, settings: ExtractSettings) -> tuple[Family, str | None] | None:
    """The kind announced by the header rows at the top of a table, if it has any."""
    text = ""
    for row in table.rows[: settings.header_max_rows]:
        if not header_cells(row):
            if text:
                break
            continue
        text += "".join(c or "" for c in row)
    return header_kind(text, settings) if text else None


def adjustment_columns(cells: list[str | None]) -> dict[str, int]:
    """Which cell of an adjustment header heads which column (unit, points, indicator,
    detail), for the roles it names; the first cell naming a role wins."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = compact(cell or "")
        role = next((r for r, words in _ADJUSTMENT_ROLES if any(w in text for w in words)), None)
        if role and role not in roles:
            roles[role] = index
    return roles
