"""Properties of reading layout text (wrapped/layout_columns.py, wrapped/centring.py).

A line cut into columns loses no word and cuts none; a unit column of names centred on their
rows, some on cells merged over two rows, reads back every name on its own rows, sure.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lib.extract.rows import AdjustmentCells
from lib.extract.wrapped.centring import Centring, place_centred_cells
from lib.extract.wrapped.layout_columns import Bands, runs_of
from lib.extract.wrapped.pieces import Anchor, Piece

CHINESE = st.text(
    alphabet="热线办理综合考评信箱月度质量知识库管上级核息报送", min_size=1, max_size=6
)
WORD = st.one_of(CHINESE, st.sampled_from(["B", "12345", "1", "类"]))
CELL = st.lists(WORD, min_size=0, max_size=4).map(" ".join)


@given(st.lists(CELL, min_size=1, max_size=6), st.lists(st.integers(2, 6), min_size=6, max_size=6))
def test_a_cut_keeps_every_word_whole_and_in_order(cells, gaps):
    line = ""
    for cell, gap in zip(cells, gaps, strict=False):
        line += " " * gap + cell
    bands = Bands(unit=(0, 8), points=(8, 12), indicator=(12, 20), detail=(20, 60), capacity=8)
    cut = bands.split(line)
    words = [
        word
        for role in ("unit", "points", "indicator", "detail")
        for word in cut.cells[role].split()
    ]
    assert words == line.split()
    assert [w for run in runs_of(line) for _, w in run] == line.split()


def _table(cells: list[tuple[str, int, bool]]) -> tuple[list[Anchor], list[Piece], list[str]]:
    """Anchors and unit pieces of a table whose names are centred on their rows: each cell
    (name, lines, merged) is one row's, or two rows' where merged. Returns the unit each row
    should read ("" for the second row of a merged cell, which carries the one above)."""
    anchors, pieces, want, line = [], [], [], 0

    def anchor(own: str) -> Anchor:
        row = AdjustmentCells(unit=own, points=-1.0, signed=True, indicator="x", detail="y")
        return Anchor(row=row, page=1, pos=line, empty=frozenset() if own else {"unit"})

    for name, count, merged in cells:
        size = len(name)
        parts = [name[k * size // count : (k + 1) * size // count] for k in range(count)]
        if merged:
            anchors.append(anchor(""))
            for part in parts:
                line += 1
                pieces.append(Piece(part, 1, line, "unit"))
            line += 1
            anchors.append(anchor(""))
            want += ["".join(parts), ""]
        else:
            above, below = parts[: count // 2], parts[count - count // 2 :]
            own = parts[count // 2] if count % 2 else ""
            for part in above:
                pieces.append(Piece(part, 1, line, "unit"))
                line += 1
            anchors.append(anchor(own))
            for part in below:
                line += 1
                pieces.append(Piece(part, 1, line, "unit"))
            want.append("".join(parts))
        line += 2
    return anchors, pieces, want


NAME = st.text(alphabet="岳阳华润燃气公司国网供电市电信", min_size=4, max_size=8)


@given(
    st.lists(
        st.tuples(NAME, st.integers(1, 4), st.booleans()).map(
            lambda c: (c[0], min(c[1], 2) if c[2] else c[1], c[2])
        ),
        min_size=1,
        max_size=7,
    )
)
def test_centred_names_read_back_on_their_rows_merged_or_not(cells):
    anchors, pieces, want = _table(cells)
    assert place_centred_cells(anchors, pieces, "unit", Centring(0.25, 2, ("unit",)))
    assert [a.cell("unit", a.row.unit) for a in anchors] == want
    assert not any(p.unsure for a in anchors for p in a.before + a.after)
