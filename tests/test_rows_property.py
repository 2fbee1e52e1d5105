"""Property tests of the row parsers: every printed form of a row reads back to its values,
and a row that is not quite a row is refused (a RowError, then a ParseWarning), never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lib.document import Document, Page, Table
from lib.extract.evaluations import read_evaluations
from lib.extract.rows import (
    RowError,
    cells_to_evaluation,
    group_label,
    line_to_cells,
    tokens_to_adjustment,
)
from lib.model import NUMBERS as EVAL_FIELDS

CJK = "市县区局委公司中心岳阳华容汨罗湘阴国家金融监督管理总分行政审批服务住房公积金"
FULL = str.maketrans("0123456789.%+-ABCDE", "０１２３４５６７８９．％＋－ＡＢＣＤＥ")
KINDS = ("count", "count", "rate", "count", "rate", "count", "rate", "count", "rate", "score")
HEADER = [
    "部门名称",
    "应办理数",
    "办理数",
    "办结率",
    "按期办理数",
    "按期办结率",
    "返工数",
    "返工率",
    "回访不满意数",
    "群众不满意率",
    "综合指标值",
    "等级评价",
]

names = st.text(alphabet=CJK, min_size=2, max_size=16).filter(
    lambda s: not s.startswith(("合计", "小计", "总计", "全市")) and group_label(s) is None
)
wide = st.booleans()


@st.composite
def name_parts(draw) -> list[str]:
    """A unit name, maybe wrapped into two or three printed pieces."""
    name = draw(names)
    cuts = sorted(draw(st.sets(st.integers(1, len(name) - 1), max_size=2)))
    return [name[a:b] for a, b in zip([0, *cuts], [*cuts, len(name)], strict=True)]


@st.composite
def printed(draw, kind: str) -> tuple[str, Decimal]:
    """A number as a bulletin prints it (`100%`, `99.5%`, `100.00%`, `95`, full width …)."""
    if kind == "count":
        value = Decimal(draw(st.integers(0, 99_999)))
        text = str(value)
    else:
        cents = draw(st.integers(0, 10_000))
        places = draw(st.sampled_from([0, 1, 2])) if cents % 100 == 0 else 2
        value = Decimal(cents) / 100
        text = f"{value:.{places}f}" + ("%" if kind == "rate" else "")
        value = Decimal(text.rstrip("%"))
    return (text.translate(FULL) if draw(wide) else text), value


@st.composite
def evaluation_lines(draw):
    parts = draw(name_parts())
    numbers = [draw(printed(kind)) for kind in KINDS]
    grade = draw(st.sampled_from("ABCDE"))
    tab = draw(st.booleans())
    gaps = st.sampled_from(["\t"] if tab else [" ", "  ", "   ", " \u3000"])
    printed_grade = grade.translate(FULL) if draw(wide) else grade
    cells = [" ".join(parts), *(t for t, _ in numbers), printed_grade]
    line = cells[0]
    for cell in cells[1:]:
        line += draw(gaps) + cell
    return line, "".join(parts), [v for _, v in numbers], grade


@given(evaluation_lines())
def test_an_evaluation_line_reads_back_to_its_name_and_values(case):
    line, name, values, grade = case
    row = cells_to_evaluation(line_to_cells(line), tokens="\t" not in line)
    assert row.name == name
    assert [Decimal(str(row.values[f])) for f in EVAL_FIELDS] == values
    assert row.grade == grade


@given(name_parts(), st.data())
def test_a_grid_row_with_a_wrapped_name_cell_reads_back(parts, data):
    numbers = [data.draw(printed(kind)) for kind in KINDS]
    row = cells_to_evaluation(["\n".join(parts), *(t for t, _ in numbers), "B"])
    assert row.name == "".join(parts)
    assert [Decimal(str(row.values[f])) for f in EVAL_FIELDS] == [v for _, v in numbers]


@st.composite
def malformed_cells(draw) -> list[str]:
    """A row with one number cell missing, or replaced by text that is no number of its kind."""
    numbers = [draw(printed(kind))[0] for kind in KINDS]
    at = draw(st.integers(0, 9))
    if draw(st.booleans()):
        del numbers[at]
    else:
        bad = {
            "count": ["5%", "1.5", "十", "—", "1,23", "x"],
            "rate": ["95", "9.5.1%", "%", "—"],
            "score": ["95%", "9 5", "九十", "—"],
        }[KINDS[at]]
        numbers[at] = draw(st.sampled_from(bad))
    return [draw(names), *numbers, draw(st.sampled_from("ABCDE"))]


@given(malformed_cells())
def test_a_malformed_evaluation_row_is_refused(cells):
    with pytest.raises(RowError):
        cells_to_evaluation(cells)


@given(malformed_cells(), st.integers(1, 30))
def test_a_malformed_row_in_a_table_is_a_warning_with_its_page_not_a_value(cells, page):
    doc = Document("pdf", [Page(page, [Table([HEADER, ["县市区"] * 12, cells], page=page)])])
    rows, warnings = read_evaluations(doc)
    assert rows == []
    assert warnings[0].page == page and warnings[0].message.startswith("评价表的一行无法读取")
    assert warnings[0].snippet.startswith(cells[0])


points = st.tuples(st.sampled_from("+-"), st.integers(0, 20), st.sampled_from(["", ".5"]))


@given(st.lists(names, min_size=0, max_size=2), points, names, st.lists(names, max_size=3), wide)
def test_an_adjustment_line_reads_back(unit, sign_number, indicator, detail, full):
    sign, whole, half = sign_number
    text = f"{sign}{whole}{half}"
    assume(float(text) != 0)
    line = " ".join([*unit, text.translate(FULL) if full else text, indicator, *detail])
    row = tokens_to_adjustment(line_to_cells(line))
    assert row is not None
    assert (row.unit, row.points, row.indicator, row.detail) == (
        "".join(unit),
        float(text),
        indicator,
        "".join(detail),
    )


@given(names, st.integers(0, 20), names, names)
def test_a_line_without_signed_points_is_no_adjustment_row(unit, number, indicator, detail):
    assert tokens_to_adjustment([unit, str(number), indicator, detail]) is None
    assert tokens_to_adjustment([f"{unit}，", f"-{number}", indicator]) is None
