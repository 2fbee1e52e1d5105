"""ExtractSettings: checked once, passed down to the reader and every extract step, and the
wrapped-cell strategy each table was read with recorded in the parse's source."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from lib.parse import parse_bytes
from lib.settings import DEFAULT_SETTINGS, ExtractSettings

FIXTURES = Path(__file__).parent / "fixtures"
RUNNING_HEADER = "政务服务热线工作通报（2024年第3期）"


@functools.cache
def parsed(name: str, settings: ExtractSettings = DEFAULT_SETTINGS):
    path = FIXTURES / name
    return parse_bytes(path.read_bytes(), path.name, settings=settings)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("indent_pt", 0),
        ("piece_reach_lines", -1.0),
        ("running_min_pages", 2.5),
        ("header_min_words", True),
        ("word_gap_pt", "3"),
    ],
)
def test_a_setting_that_is_not_a_positive_number_of_its_type_is_refused(field, value):
    with pytest.raises(ValueError, match=f"ExtractSettings.{field} "):
        ExtractSettings(**{field: value})


def test_the_pdf_reader_takes_its_word_gap_from_the_settings():
    """Gaps of 40 pt run a three-line table's cells together: no columns, no rows."""
    bulletin = parsed("variants/v2-threeline.pdf", ExtractSettings(word_gap_pt=40))
    assert bulletin.source.strategies == {
        "evaluation": ["word_boxes"],
        "adjustment": ["line_order"],
    }
    assert (len(bulletin.evaluations), len(bulletin.adjustments)) == (0, 0)


def test_furniture_takes_its_page_count_from_the_settings():
    name = "cases/pdftotext-running-header.txt"
    kept = parsed(name, ExtractSettings(running_min_pages=99)).sections
    assert sum(RUNNING_HEADER in s.text for s in parsed(name).sections) == 0
    assert sum(RUNNING_HEADER in s.text for s in kept) == 4


def test_wrapped_names_are_placed_within_the_reach_the_settings_give():
    """A reach of a tenth of a line leaves every wrapped name's pieces unread, with warnings."""
    name = "variants/v2-threeline.pdf"
    tight = parsed(name, ExtractSettings(piece_reach_lines=0.1))
    lost = {r.unit for r in parsed(name).evaluations} - {r.unit for r in tight.evaluations}
    assert sorted(lost) == [
        "国家金融监督管理总局",
        "国家金融监督管理总局岳阳监管分局",
        "市住房公积金管理中心",
    ]
    assert len(parsed(name).evaluations) - len(tight.evaluations) == 4
    assert Counter(w.message for w in tight.warnings if w.message.startswith("评价表")) == {
        "评价表中有一行文字不属于任何数据行，未读取": 8,
        "评价表的一行没有单位名称，未读取": 4,
    }


@pytest.mark.parametrize(
    ("name", "strategies"),
    [
        ("2024-03.docx", {"evaluation": ["grid"], "adjustment": ["grid"]}),
        ("2024-03.pdf", {"evaluation": ["grid"], "adjustment": ["grid"]}),
        ("variants/v2-threeline.pdf", {"evaluation": ["word_boxes"], "adjustment": ["word_boxes"]}),
        (
            "variants/v6-threeline-layout.txt",
            {"evaluation": ["layout_columns"], "adjustment": ["layout_columns"]},
        ),
        ("seed-2024-05.txt", {"evaluation": ["line_order"], "adjustment": ["line_order"]}),
        ("seed-2024-03.md", {"evaluation": ["line_order"], "adjustment": ["tab_cells"]}),
    ],
)
def test_the_strategy_each_table_was_read_with_is_in_the_source(name, strategies):
    bulletin = parsed(name)
    assert bulletin.source.strategies == strategies
    assert bulletin.to_json()["source"]["strategies"] == strategies
