"""The loop both attachment readers share: each attachment of their kind, block by block.

A table's grid is read row by row, a run of text lines by the reader's line function (which
picks a wrapped-cell strategy, wrapped/choice.py); what carries from block to block is the
reader's `Reading`, whose rows, warnings and strategies are gathered over the attachments.
Rows are numbered in printed order within each channel or kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lib.document import Document, Line, Table
from lib.extract.attachments import Attachment, find_attachments
from lib.extract.vocabulary import Family
from lib.model import ParseWarning
from lib.settings import ExtractSettings

# A ruled table's cells need no strategy: it is read as its grid.
GRID = "grid"
# Nor does a text line with tab-separated cells (a text extraction of a Word table).
TAB_CELLS = "tab_cells"


@dataclass
class Reading:
    """What carries from one block of an attachment to the next; readers add their own state."""

    settings: ExtractSettings
    rows: list = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    strategies: list[str] = field(default_factory=list)

    def warn(self, message: str, page: int | None, snippet: str = "") -> None:
        self.warnings.append(ParseWarning(message, page, " ".join(snippet.split())[:80]))

    def used(self, strategy: str) -> None:
        """Note how a block was read (source.strategies), once."""
        if strategy not in self.strategies:
            self.strategies.append(strategy)


@dataclass(frozen=True)
class TableReader:
    """One kind of attachment table. `start` makes the state for an attachment, `finish`
    warns about the attachment as a whole; rows are numbered within each value of their
    attribute `numbered_by` (channel, kind)."""

    family: Family
    start: Callable[[Attachment, ExtractSettings], Reading]
    table: Callable[[Table, Any], None]
    lines: Callable[[list[Line], Any], None]
    finish: Callable[[Attachment, Any], None]
    numbered_by: str


def read_tables(
    doc: Document,
    reader: TableReader,
    chosen: dict[str, list[str]] | None,
    settings: ExtractSettings,
) -> tuple[list, list[ParseWarning]]:
    """The rows and warnings of every attachment the reader reads; the strategies it used go
    into `chosen` under its family (the parse's source.strategies), where given."""
    rows: list = []
    warnings: list[ParseWarning] = []
    used: list[str] = []
    for attachment in find_attachments(doc, settings):
        if attachment.family != reader.family:
            continue
        state = reader.start(attachment, settings)
        for run in attachment.runs():
            if isinstance(run, Table):
                state.used(GRID)
                reader.table(run, state)
            else:
                reader.lines(run, state)
        reader.finish(attachment, state)
        rows += state.rows
        warnings += state.warnings
        used += [name for name in state.strategies if name not in used]
    counts: dict[str, int] = {}
    for row in rows:
        value = getattr(row, reader.numbered_by)
        counts[value] = row.order = counts.get(value, 0) + 1
    if chosen is not None and used:
        chosen[reader.family] = used
    return rows, warnings
