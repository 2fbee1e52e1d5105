"""The unit dossier's content, its tables and its Word file, on the two samples (March and May
2024, April missing) and on the fourth quarter of 2024 (October and December)."""

from __future__ import annotations

import io

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from lib.analysis.display import cell_text
from lib.analysis.spans import parse_span
from lib.briefing.content import Library
from lib.dossier import tables
from lib.dossier.content import build_dossier
from lib.dossier.directory import matching, unit_directory
from lib.dossier.docx import dossier_docx
from lib.errors import MonthNotLoaded, UnknownUnit
from tests.briefing_library import sample_library
from tests.quarter_library import quarter_library

WORK_ORDERS = ("120836", "537509、412489")


@pytest.fixture(scope="module")
def yueyanglou():
    return build_dossier(sample_library(), "岳阳楼区")


def test_the_dossier_spans_the_library_and_names_the_month_it_lacks(yueyanglou):
    assert (yueyanglou.span.start, yueyanglou.span.end) == ("2024-03", "2024-05")
    assert yueyanglou.stored == ("2024-03", "2024-05")
    assert yueyanglou.missing == ("2024-04",)
    assert tables.choices(yueyanglou)["缺少的月份"] == "缺 2024年4月"
    assert "缺 2024年4月：库中没有这些月份的通报，未计入。" in tables.totals_notes(yueyanglou)


def test_each_months_row_is_the_printed_row_with_its_places(yueyanglou):
    history = yueyanglou.history
    hotline = history[history["channel"] == "hotline"]

    assert hotline["score"].tolist() == [93.5, 95.5]
    assert hotline[["due", "handled", "on_time", "rework", "visited"]].values.tolist() == [
        [3322, 3313, 3289, 289, 806],
        [3083, 3050, 3039, 260, 310],
    ]
    assert hotline["group_place"].tolist() == ["第 11 / 13", "第 10 / 13"]
    assert history["channel"].tolist() == ["hotline", "mailbox"] * 2
    mailbox = history[history["channel"] == "mailbox"]
    assert mailbox["score"].tolist() == [97.08, 98.83]
    # 信件≥10件 leaves 12 counties in March's pool and 11 in May's
    assert mailbox["place"].tolist() == [
        "第 10 / 12 · 信件≥10件的县市区",
        "第 8 / 11 · 信件≥10件的县市区",
    ]
    assert hotline["place"].tolist() == ["第 11 / 13 · 全部县市区", "第 10 / 13 · 全部县市区"]
    assert mailbox["group_place"].tolist() == ["第 11 / 13", "第 9 / 13"]


def test_a_grade_change_is_said_against_the_previous_listed_month():
    history = build_dossier(quarter_library(), "岳阳县").history

    assert history["grade_change"].tolist() == ["", "", "", "A → C"]


def test_deductions_and_bonuses_run_to_a_net_total(yueyanglou):
    rows = yueyanglou.adjustments

    assert rows[["period", "kind", "points", "running"]].values.tolist() == [
        ["2024-03", "deduction", -1.0, -1.0],
        ["2024-03", "bonus", 0.5, -0.5],
        ["2024-05", "deduction", -1.0, -1.5],
        ["2024-05", "bonus", 1.5, 0.0],
        ["2024-05", "bonus", 1.0, 1.0],
    ]
    details = " ".join(rows["detail"])
    assert all(number in details for number in WORK_ORDERS)


def test_every_passage_naming_the_unit_month_by_month(yueyanglou):
    assert [(m.period, m.key, m.item) for m in yueyanglou.mentions] == [
        ("2024-03", "存在的问题", 1),
        ("2024-05", "存在的问题", 1),
        ("2024-05", "存在的问题", 2),
        ("2024-05", "热点焦点", 2),
    ]


def test_reception_days_from_the_news_and_the_bonus_table():
    days = build_dossier(quarter_library(), "岳阳县").reception_days

    assert [(d.period, d.leader, d.sources) for d in days] == [
        ("2024-10", "县长李卫东", ("工作动态", "加分表（+1 分）"))
    ]


def test_the_weakest_rate_over_the_span_against_the_group_median(yueyanglou):
    weakest = {i.channel: i for i in yueyanglou.indicators if i.weakest}

    # hotline 不满意率 (weighted) 16.46 against the counties' 12.87: 0.2 × 3.59 points
    assert (weakest["hotline"].field, weakest["hotline"].value) == ("visited_rate", 16.46)
    assert weakest["hotline"].median == 12.87
    assert (weakest["mailbox"].field, weakest["mailbox"].value) == ("visited_rate", 90.63)


def test_what_it_would_take_is_for_the_latest_month(yueyanglou):
    assert yueyanglou.latest == "2024-05"
    assert [(t.channel, t.kind, t.score) for t in yueyanglou.targets] == [
        ("hotline", "top3", 97.2),
        ("mailbox", "top3", 99.84),
    ]


def test_a_shorter_span_keeps_to_its_months():
    dossier = build_dossier(sample_library(), "岳阳楼区", parse_span("2024-05"))

    assert dossier.span.label == "2024年5月"
    assert dossier.missing == ()
    assert dossier.history["period"].unique().tolist() == ["2024-05"]
    assert [a for a in dossier.adjustments["period"].unique()] == ["2024-05"]
    assert dossier.totals["grade"].tolist() == ["A×1", "A×1"]


def test_an_unknown_unit_or_an_empty_library_is_refused():
    with pytest.raises(UnknownUnit):
        build_dossier(sample_library(), "岳阳塔区")
    full = sample_library()
    frames = (full.evaluations, full.adjustments, full.sections, full.categories)
    with pytest.raises(MonthNotLoaded):
        build_dossier(Library(*(f.iloc[:0] for f in frames)), "岳阳楼区")


def test_the_workbook_has_a_sheet_per_part(yueyanglou):
    sheets = tables.sheets(yueyanglou)

    assert list(sheets) == [
        "期间合计（热线）",
        "期间合计（市长信箱）",
        "逐月评价（热线）",
        "逐月评价（市长信箱）",
        "加扣分",
        "通报点名",
        "领导接听日",
        "指标与组中位数",
        "提升空间",
    ]
    assert sheets["逐月评价（热线）"]["综合指标值"].tolist() == [93.5, 95.5]
    totals = sheets["期间合计（热线）"].iloc[0]
    assert (totals["综合指标值（按公式）"], totals["综合指标值（各月平均）"]) == (94.4, 94.5)
    assert sheets["加扣分"]["累计净分"].tolist() == [-1.0, -0.5, -1.5, 0.0, 1.0]


def test_the_word_file_holds_every_part_in_full(yueyanglou):
    document = docx.Document(io.BytesIO(dossier_docx(yueyanglou)))
    lines = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]

    assert lines[:3] == ["单位档案", "岳阳楼区 · 2024年3月 – 2024年5月", "缺 2024年4月"]
    assert document.sections[0].page_width > document.sections[0].page_height
    assert {"93.5", "95.5", "97.08", "98.83"} <= set(cells)
    assert all(any(n in c for c in cells) for n in WORK_ORDERS)
    assert sum(line.startswith(("2024年3月 · ", "2024年5月 · ")) for line in lines) == 4
    assert document.styles["档案正文"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"


@pytest.mark.parametrize(
    ("value", "printf", "shown"),
    [(6405, "%d", "6405"), (6405, "%,d", "6,405"), (-0.5, "%+.1f", "-0.5"), (None, "%d", "—")],
)
def test_a_cell_is_shown_at_its_tables_format(value, printf, shown):
    assert cell_text(value, printf) == shown


def test_the_directory_lists_every_unit_with_its_names_and_latest_figures():
    library = sample_library()
    aliases = _aliases(library)
    directory = unit_directory(library.evaluations, aliases).set_index("unit_id")

    row = directory.loc["岳阳楼区"]
    assert (row["group"], row["channels"], row["months"]) == ("县市区", "热线、市长信箱", 2)
    assert (row["hotline_score"], row["hotline_grade"], row["mailbox_score"]) == (95.5, "A", 98.83)
    assert row["trend"] == [93.5, 95.5]
    assert "经开区" in directory.loc["岳阳经开区", "names"]
    assert directory.index.is_unique
    assert directory["group"].tolist()[0] == "县市区"


def test_the_directory_is_searched_by_any_name():
    library = sample_library()
    directory = unit_directory(library.evaluations, _aliases(library))

    assert matching(directory, "经开区")["unit_id"].tolist() == ["岳阳经开区"]
    assert matching(directory, " 楼 区")["unit_id"].tolist() == ["岳阳楼区"]
    assert len(matching(directory, "")) == len(directory)


def _aliases(library):
    return pd.DataFrame(library.aliases, columns=["unit_id", "alias"])
