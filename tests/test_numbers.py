"""Printed numbers as bulletins print them: full-width digits and signs, non-breaking spaces,
placeholders. Each parses to its value, a placeholder to None, anything else is refused.

(Whole rows in every width and spacing are property-tested in test_rows_property.py.)
"""

from __future__ import annotations

import pytest

from lib.document import Document, Page, Table
from lib.extract.evaluations import read_evaluations
from lib.extract.numbers import (
    PLACEHOLDERS,
    parse_count,
    parse_decimal,
    parse_points,
    parse_rate,
)
from lib.extract.rows import cells_to_adjustment, cells_to_evaluation, line_to_cells

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (parse_count, "１２３", 123),
        (parse_count, f"{NBSP}920{NBSP}", 920),
        (parse_count, "１,２３４", 1234),
        (parse_count, "\u3000１２３\u200b", 123),
        (parse_rate, "９９．６７％", 99.67),
        (parse_rate, "100％", 100.0),
        (parse_rate, f"99.67{NBSP}%", 99.67),
        (parse_rate, "８．７%", 8.7),
        (parse_decimal, "９６．８", 96.8),
        (parse_decimal, f"{NBSP}58.3", 58.3),
        (parse_points, "－１", -1.0),
        (parse_points, "\u22121", -1.0),
        (parse_points, "＋０．５", 0.5),
        (parse_points, f"{NBSP}+0.5{NBSP}", 0.5),
    ],
)
def test_full_width_and_spaced_numbers_parse_to_their_value(parse, text, value):
    assert parse(text) == value


@pytest.mark.parametrize("parse", [parse_count, parse_rate, parse_decimal, parse_points])
@pytest.mark.parametrize("text", sorted(PLACEHOLDERS | {NBSP, "\u3000", f"{NBSP}—{NBSP}"}))
def test_a_placeholder_is_no_value(parse, text):
    assert parse(text) is None


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_count, "1，234"),
        (parse_count, "99.5"),
        (parse_count, "十二"),
        (parse_rate, "99.67"),
        (parse_rate, "%"),
        (parse_decimal, "96.8%"),
        (parse_points, "1—2"),
        (parse_points, "O.5"),
    ],
)
def test_anything_else_is_refused_not_guessed(parse, text):
    with pytest.raises(ValueError):
        parse(text)


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
HUARONG = [
    "华容县",
    "920",
    "917",
    "99.67%",
    "917",
    "99.67%",
    "31",
    "3.37%",
    "105",
    "11.65%",
    "96.8",
    "A",
]


def test_a_row_line_separated_by_non_breaking_spaces():
    row = cells_to_evaluation(line_to_cells(NBSP.join(HUARONG)), tokens=True)
    assert (row.name, row.values["due"], row.values["visited_rate"], row.grade) == (
        "华容县",
        920,
        11.65,
        "A",
    )


def test_a_grid_row_with_full_width_cells_and_padding():
    wide = [
        f"{NBSP}{cell.translate(str.maketrans('0123456789.%A', '０１２３４５６７８９．％Ａ'))}"
        for cell in HUARONG
    ]
    row = cells_to_evaluation(wide)
    assert row.values == cells_to_evaluation(HUARONG).values
    assert row.grade == "A"


def test_a_placeholder_where_a_row_needs_a_number_is_a_warning_with_its_page():
    cells = ["君山区", *HUARONG[1:6], "—", *HUARONG[7:]]
    doc = Document("pdf", [Page(9, [Table([HEADER, HUARONG, cells], page=9)])])
    rows, warnings = read_evaluations(doc)
    assert [r.unit for r in rows] == ["华容县"]
    assert (warnings[0].page, warnings[0].snippet.split()[0]) == (9, "君山区")
    assert "“—”不是整数" in warnings[0].message


def test_a_placeholder_detail_is_kept_as_printed_and_placeholder_points_refused():
    row = cells_to_adjustment("市教育局", "－０．５", "知识库", "—")
    assert (row.points, row.detail) == (-0.5, "—")
    with pytest.raises(ValueError, match="加扣分值“—”不是数值"):
        cells_to_adjustment("市教育局", "—", "知识库", "")
