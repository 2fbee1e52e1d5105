"""The one place that picks how a run of text lines gives its wrapped pieces to rows."""

from __future__ import annotations

from lib.document import Line
from lib.extract.vocabulary import Family
from lib.extract.wrapped import layout_columns, word_boxes
from lib.extract.wrapped.strategy import IN_ORDER, Strategy
from lib.settings import ExtractSettings


def choose_strategy(lines: list[Line], family: Family, settings: ExtractSettings) -> Strategy:
    """By word boxes where every line has its place on the page (PDF); else by layout columns
    where the text keeps its columns apart with runs of spaces; else by line order. An
    adjustment table is read by position only where its columns show (its rows' signed points
    in one column with two more right of it); otherwise in order."""
    if all(line.top is not None for line in lines):
        chosen = word_boxes.strategy(lines, family, settings)
    else:
        chosen = layout_columns.strategy(lines, family, settings)
    return chosen or IN_ORDER
