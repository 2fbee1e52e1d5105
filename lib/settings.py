"""The parser's tolerances, in one place: every allowance the readers and extract/ make for
how real files are drawn, printed and extracted.

One frozen `ExtractSettings` is made (and checked) once and passed down from the entry points
(`read_document`, `build_bulletin`, `parse_bytes`); nothing below them keeps a tolerance of its
own. Each field says what it guards against. The defaults are the values every fixture is read
with; changing one changes what the parser reads, so run `scripts/parse_snapshot.py` around it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ExtractSettings:
    rule_snap_pt: float = 0.01
    """PDF: a stroke whose ends differ by at most this across its length is a horizontal or
    vertical table rule. Guards against rotated pages (/Rotate), where pdfplumber's exact test
    sees 1e-14 between a rule's top and bottom and took every rule for a vertical one."""

    min_rule_pt: float = 1.0
    """PDF: a rule is at least this long. Guards against dots and ticks being taken for the
    edges of a table grid."""

    word_gap_pt: float = 3.0
    """PDF: a gap wider than this between two characters is printed as a space (pdfplumber's
    x_tolerance). Guards both ways: CJK text set with letter-spacing stays one word, while the
    cells of a rule-less table do not run together."""

    duplicate_char_pt: float = 1.0
    """PDF: the same character drawn again within this distance is one character. Guards
    against fake-bold text (drawn twice, slightly offset) reading `9966..88` for `96.8`."""

    running_min_pages: int = 3
    """A line is a running header or footer when printed at the same place on this many pages.
    Guards against a page header splitting a sentence or standing as a stray table line, while
    a line repeated on two pages (a table's last row and a total) is kept."""

    header_max_lines: int = 20
    """The bulletin's header (issue, period, date, issuer) is read from at most this many
    first lines. Guards against a date or issuer in running text being taken for the header's
    when the first section heading is missing."""

    heading_max_chars: int = 24
    """A section heading's title (`二、12345热线运行情况`) is at most this long on one line (a
    wrapped heading twice that). Guards against a numbered sentence being read as a heading."""

    indent_pt: float = 6.0
    """PDF: a line starting this much right of the page's text margin is indented (a paragraph
    start; the indent is two characters, ~32 pt). Guards against jitter of a point or two
    starting a new item."""

    caption_max_chars: int = 60
    """An attachment caption (`附件1 …评价表`) is at most this long. Guards against a sentence
    that ends in 评价表 being read as a caption."""

    header_min_words: int = 3
    """A table header names at least this many known column headings. Guards against a line
    that happens to hold one or two of them (`说明`, `备注`) being read as a header."""

    header_max_rows: int = 4
    """A ruled table's header is looked for in its first this many rows (a header may take
    two rows, after a title row). Guards against a body row far down being read as a header."""

    header_scan_lines: int = 24
    """A header printed as text lines is looked for in an attachment's first this many
    lines. Guards against header-like pieces further down deciding the table's kind."""

    row_min_numbers: int = 6
    """A table line with this many numbers is meant as a row, so one that does not parse is
    warned about. Guards against both silence on a broken row and warnings on prose."""

    name_max_chars: int = 30
    """A unit name (or a wrapped piece of one) is at most this long. Guards against a
    sentence, a note or a detail being taken for a unit's name."""

    unit_max_tokens: int = 3
    """In a text line an adjustment row's signed points come after at most this many tokens of
    unit name. Guards against a number deep inside a detail being read as points."""

    piece_reach_lines: float = 2.5
    """A wrapped piece of a cell is given to the nearest row only within this many line
    heights. Guards against a stray line (a note, a footnote) being joined to a far row."""

    centre_tolerance_lines: float = 0.5
    """A unit name stands at the centre of a block of rows (a merged cell) when within this
    many line heights of the block's middle. Guards against a name on a unit's first row
    being read as centred on rows that are not its own, and the reverse."""

    layout_centre_lines: float = 0.25
    """Layout text (`pdftotext -layout`): where a column's wrapped pieces do not split evenly
    between the rows around them (a unit's name on a cell merged over rows), a cell stands
    centred on its row when the middle of its lines is within this many lines of the row's
    own line, or of the middle of the rows a merged cell spans. Each is a whole printed line,
    so a centred cell is not off at all; guards against half a line off (a name taken with
    the next unit's for two rows' merged cell) counting as centred."""

    layout_cell_gap_lines: float = 2.0
    """Layout text: two lines of one wrapped cell stand at most this many lines apart (a
    row's own line, or another column's line set half a line lower, may stand between them).
    Guards against a reading of centred cells that joins two units' names, far apart, into
    one name merged over the rows between them."""

    scan_min_chars: int = 5
    """PDF: a page showing images with fewer usable characters than this is a picture of
    print, read by OCR. Guards against a scan's stray text-layer glyphs (an invisible page
    number, unmappable `(cid:…)` codes) passing for the page's text."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            kind = int if f.type == "int" else (int, float)
            if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
                raise ValueError(f"ExtractSettings.{f.name} must be a positive {f.type}: {value!r}")


DEFAULT_SETTINGS = ExtractSettings()
