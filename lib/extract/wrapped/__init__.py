"""Wrapped cells of tables printed without rules: which row each stray line belongs to.

Where a table reaches us as text lines, a cell that wraps (a long unit name, a detail) leaves
pieces on lines of their own. Three strategies give them to their rows, named for what they
use; `choice.choose_strategy` picks one per run of lines and the readers record its name in the
parse's `source.strategies`:

- `word_boxes`: a PDF's line tops and word edges (the columns are the strips of page width
  the words cover);
- `layout_columns`: layout-preserving text (`pdftotext -layout`), each line one printed line
  and the columns bands of character positions;
- `line_order`: a flowing extraction, where only the order of the lines tells.

`pieces` holds what they share (a row's anchor line, a piece, placing by nearness, by centring
or by order), `places` where a line starts across, `merged_names` the rows a unit name centred
on a merged cell may cover. A new strategy is a module with a `strategy(lines, family)` that
returns a `Strategy` or None, tried in `choose_strategy`.
"""
