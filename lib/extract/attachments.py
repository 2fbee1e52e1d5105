"""Finding the attachment tables (附件1–4) in a document's block stream.

An attachment is a caption (`附件1`, a title ending in 评价表 / 扣分表 / 加分表), then a
table that may run over several pages: one Table block per page where the file draws rules,
or plain text lines where it does not, with or without a repeated header row. What the
table is comes from its caption and, nearer to the data, from its header: 应办理数 … for an
evaluation table, 回访不满意数 for the hotline and 回访满意数 for the mailbox, the detail
column's heading (扣分明细, 加分原因 …) for the adjustments (those words: vocabulary.py). A
caption's month is never read (captions are sometimes wrong; the period comes from the
document header).

The body's list of attachments (`附件：1、2024年3月……综合评价表`) is not a caption.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from lib.document import Block, Document, Line, Table
from lib.extract.rows import RowError, cells_to_evaluation
from lib.extract.vocabulary import (
    LIST_ITEM,
    Family,
    caption_kind,
    header_kind,
    is_header_fragment,
    line_kind,
    table_header_kind,
)
from lib.settings import ExtractSettings
from lib.text import compact, strip_markup


@dataclass
class Attachment:
    """One attachment table: the blocks from its caption (or first header) to its end.

    `family` is None while only a bare `附件N` label has been seen; the header settles it.
    """

    family: Family | None
    variant: str | None
    caption: str = ""
    page: int | None = None
    blocks: list[Block] = field(default_factory=list)

    def accepts(self, family: Family, variant: str | None) -> bool:
        if self.family is None:
            return True
        same = None in (variant, self.variant) or variant == self.variant
        return self.family == family and same

    def settle(self, family: Family, variant: str | None) -> None:
        self.family = self.family or family
        self.variant = self.variant or variant

    def runs(self) -> Iterator[Table | list[Line]]:
        """The blocks in order, each table alone and consecutive lines together."""
        for is_line, blocks in groupby(self.blocks, key=lambda b: isinstance(b, Line)):
            if is_line:
                yield list(blocks)
            else:
                yield from blocks


def find_attachments(doc: Document, settings: ExtractSettings) -> list[Attachment]:
    """The attachment tables in printed order, each with its blocks (tables and lines)."""
    found: list[Attachment] = []
    current: Attachment | None = None
    wrapping: Line | None = None
    for block in doc.blocks():
        if isinstance(block, Table):
            current, wrapping = _place_table(block, current, found, settings), None
            continue
        kind = line_kind(block.text, settings)
        if _list_item_tail(wrapping, block, kind):
            kind = "skip"
            wrapping = None if compact(block.text).endswith("表") else wrapping
        else:
            wrapping = block if _list_item_wraps(block) else None
        if kind == "caption":
            family, variant = caption_kind(block.text, settings)
            if current is None or current.blocks or current.caption:
                current = _open(found, Attachment(None, None, page=block.page))
            current.caption = block.text.strip()
            current.settle(family, variant)
        elif kind == "label":
            current = _open(found, Attachment(None, None, page=block.page))
        elif kind == "stop":
            current = None
        elif kind == "other" and current is not None:
            current.blocks.append(block)
        elif (
            kind == "other" and is_header_fragment(block.text) and header_kind(block.text, settings)
        ):
            current = _open(found, Attachment(*header_kind(block.text, settings), page=block.page))
            current.blocks.append(block)
    for attachment in found:
        if attachment.family is None:
            attachment.settle(*(_lines_header_kind(attachment.blocks, settings) or (None, None)))
    return [a for a in found if a.blocks and a.family is not None]


def _list_item_wraps(line: Line) -> bool:
    """An item of the body's list of attachments whose title goes on on the next line (a
    title ends in 表); the rest of it (`评价表`) is not a caption."""
    s = compact(strip_markup(line.text))
    return bool(LIST_ITEM.match(s)) and not s.endswith("表")


def _list_item_tail(wrapping: Line | None, line: Line, kind: str) -> bool:
    """`line` is the wrapped rest of the list item `wrapping`: on its page, not an item,
    label or header of its own."""
    return (
        wrapping is not None
        and line.page == wrapping.page
        and kind in ("caption", "other")
        and not LIST_ITEM.match(compact(strip_markup(line.text)))
        and not is_header_fragment(line.text)
    )


def _open(found: list[Attachment], attachment: Attachment) -> Attachment:
    found.append(attachment)
    return attachment


def _place_table(
    table: Table, current: Attachment | None, found: list[Attachment], settings: ExtractSettings
):
    """Continue the current attachment with this table, or open a new one.

    A table continues the attachment above it unless its header says it is another one;
    a table outside any attachment is taken only if it has an attachment's header or rows.
    """
    kind = table_header_kind(table, settings)
    if kind is not None:
        if current is None or not current.accepts(*kind):
            current = _open(found, Attachment(None, None, page=table.page))
        current.settle(*kind)
    elif current is None:
        if not _has_evaluation_rows(table):
            return None
        current = _open(found, Attachment("evaluation", None, page=table.page))
    current.blocks.append(table)
    return current


def _lines_header_kind(blocks: list[Block], settings: ExtractSettings):
    """The kind of a header printed as text lines, wrapped pieces and all."""
    text = "".join(
        b.text
        for b in blocks[: settings.header_scan_lines]
        if isinstance(b, Line) and is_header_fragment(b.text)
    )
    return header_kind(text, settings)


def _has_evaluation_rows(table: Table) -> bool:
    for row in table.rows:
        try:
            cells_to_evaluation(row)
            return True
        except RowError:
            continue
    return False
