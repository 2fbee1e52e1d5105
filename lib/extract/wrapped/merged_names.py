"""Adjustment rows without a unit, above a unit whose name may be a merged cell's.

Without rules (a 三线表 PDF, `pdftotext -layout`) a row whose unit cell is empty carries the
unit above — unless the unit below is one cell merged over several rows, its name centred
on them: printed on a middle row's line, it stands beside that row's own figures, and the
rows above that line are its rows too. Where the name is as centred on a block that takes in
such rows as on its own row, the two readings give those rows different units: they are
not read (the caller warns). Where the name is off that block's centre, the rows keep the
unit above; where any unit's name stands on no block's centre, the table does not centre
names on merged cells, and no row is in doubt. Only a unit with rows of its own below it is
looked at: one whose name ends its block is no merged cell's centre.
"""

from __future__ import annotations

from lib.extract.wrapped.pieces import Anchor, line_step


def rows_doubtful_above_merged_names(anchors: list[Anchor], tolerance: float) -> set[int]:
    """ids of the unit-less rows that may belong to the merged cell of the unit below; none
    where the table shows a unit with rows of its own below it whose name is centred on no
    block of them (it puts names on a unit's first row, not centred on merged cells). A name
    within `tolerance` line heights of a block's middle is centred on it."""
    near = tolerance * line_step([pos for a in anchors for pos in _lines(a)])
    units = _units(anchors)
    claims = [_claim(above, anchor, below, near) for above, anchor, below in units]
    for k, (above, anchor, below) in enumerate(units):
        shared = k + 1 < len(units) and [id(r) for r in units[k + 1][0]] == [id(r) for r in below]
        claimed_by_next = claims[k + 1] if shared else len(below)
        if below[:claimed_by_next] and not any(
            _centred_from([*above, anchor], _extent(end)[1], _name_position(anchor), near)
            is not None
            for end in below[max(claimed_by_next, 1) - 1 :]
        ):
            return set()
    return {
        id(row) for (above, _, _), claim in zip(units, claims, strict=True) for row in above[claim:]
    }


def _units(anchors: list[Anchor]) -> list[tuple[list[Anchor], Anchor, list[Anchor]]]:
    """Each named row with the unit-less rows between it and the named row above (none if
    there is no named row above: they have no unit to carry) and below it."""
    out = []
    for index, anchor in enumerate(anchors):
        if not _named(anchor):
            continue
        above = _unnamed_run(reversed(anchors[:index]))[::-1]
        out.append(
            ([] if index == len(above) else above, anchor, _unnamed_run(anchors[index + 1 :]))
        )
    return out


def _claim(above: list[Anchor], anchor: Anchor, below: list[Anchor], near: float) -> int:
    """From which of the rows above the unit's name may be centred on its block (to the
    end of its rows below); len(above) where on none (or it has no rows below)."""
    if not below:
        return len(above)
    start = _centred_from([*above, anchor], _extent(below[-1])[1], _name_position(anchor), near)
    return len(above) if start is None else start


def _centred_from(rows: list[Anchor], bottom: float, name_at: float, near: float) -> int | None:
    """The first of `rows` from which down to `bottom` the name stands at the centre."""
    return next(
        (
            i
            for i, row in enumerate(rows)
            if abs(name_at - (_extent(row)[0] + bottom) / 2) <= near + 1e-9
        ),
        None,
    )


def _named(anchor: Anchor) -> bool:
    return anchor.row is not None and bool(anchor.cell("unit", anchor.row.unit))


def _unnamed_run(anchors) -> list[Anchor]:
    run = []
    for anchor in anchors:
        if anchor.row is None or _named(anchor):
            break
        run.append(anchor)
    return run


def _lines(anchor: Anchor) -> list[float]:
    """Where a row's lines stand: its own and its cells' wrapped pieces."""
    return [anchor.pos, *(p.pos for p in anchor.before + anchor.after)]


def _extent(anchor: Anchor) -> tuple[float, float]:
    """The first and last line of a row."""
    return min(_lines(anchor)), max(_lines(anchor))


def _name_position(anchor: Anchor) -> float:
    """Where the unit's name stands: the middle of its lines (the row's own, its pieces)."""
    lines = [p.pos for p in anchor.before + anchor.after if p.column == "unit"]
    if anchor.row.unit:
        lines.append(anchor.pos)
    return (min(lines) + max(lines)) / 2
