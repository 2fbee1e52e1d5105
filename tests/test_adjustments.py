"""附件3/4: deductions and bonuses read exactly from every reader's Document, and from made-up ones.

Continuation rows (an empty unit cell, or one cell merged over several rows) carry the unit
above; details that wrap are joined; text lines are read as tab-separated cells, as aligned
columns (pdftotext -layout), as positioned PDF lines, or in the order a flowing text gives.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from pathlib import Path

import pytest

from lib.document import Document, Line, Page, Table, Word
from lib.extract.adjustments import read_adjustments
from lib.extract.wrapped.layout_columns import find_bands
from lib.extract.wrapped.line_order import indicator_and_detail, unit_lines
from lib.extract.wrapped.pieces import Anchor, Piece, place_centred
from lib.extract.wrapped.word_boxes import Columns, covered_runs, find_columns
from lib.readers import read_document
from tests.truth_compare import mismatches

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    "2024-03.pdf": "2024-03",
    "2024-03.docx": "2024-03",
    "seed-2024-03.md": "2024-03",
    "2024-05.pdf": "2024-05",
    "2024-05.docx": "2024-05",
    "seed-2024-05.txt": "2024-05",
}
HEADER = ["部门名称", "加扣分值", "指标名称", "扣分明细"]
BONUS_HEADER = ["部门名称", "加扣分值", "指标名称", "加分明细"]


@cache
def adjustments_of(name: str):
    return read_adjustments(read_document((FIXTURES / name).read_bytes(), name))


def answer(month: str) -> dict:
    return json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))


def document(*pages: list, fmt: str = "pdf") -> Document:
    return Document(fmt, [Page(n, blocks) for n, blocks in enumerate(pages, start=1)])


def text_document(*texts: str) -> Document:
    return document([Line(t, 1) for t in texts], fmt="text")


def brief(rows) -> list[tuple]:
    return [(r.kind, r.unit, r.points, r.indicator, r.detail) for r in rows]


@pytest.mark.parametrize("name", FILES)
def test_rows_equal_the_answer_key_field_for_field_in_printed_order(name):
    rows, warnings = adjustments_of(name)
    out = {"adjustments": [asdict(r) for r in rows]}
    problems = [m for m in mismatches(answer(FILES[name]), out) if "adjustment" in m]
    assert problems == []
    assert warnings == []


@pytest.mark.parametrize("name", FILES)
def test_order_and_page_within_each_table(name):
    rows, _ = adjustments_of(name)
    for kind in ("deduction", "bonus"):
        assert [r.order for r in rows if r.kind == kind] == list(
            range(1, 1 + sum(r.kind == kind for r in rows))
        )
    assert all(r.page for r in rows)


@pytest.mark.parametrize(
    ("name", "pages"),
    [("2024-03.pdf", {11, 12, 13}), ("2024-05.pdf", {11, 12}), ("seed-2024-05.txt", {2})],
)
def test_each_row_has_the_page_it_is_printed_on(name, pages):
    assert {r.page for r in adjustments_of(name)[0]} == pages


@pytest.mark.parametrize("name", ["2024-05.pdf", "2024-05.docx", "seed-2024-05.txt"])
def test_a_unit_cell_merged_over_two_rows_names_both(name):
    rows = adjustments_of(name)[0]
    assert [(r.points, r.indicator) for r in rows if r.unit == "湘阴县"] == [
        (0.5, "信息报送"),
        (1.0, "创新创优"),
    ]


def test_grid_continuation_rows_carry_the_unit_above_and_details_are_joined():
    doc = document(
        [
            Line("附件 3：", 11),
            Line("2024 年 3 月 12345 热线和市长信箱工作考核扣分表", 11),
            Table(
                [
                    HEADER,
                    [
                        "汨罗市",
                        "-1",
                        "热线办理质量",
                        "承办单位未及时联系诉求人，虚假结案或结案内容\n"
                        "出现文不对题情况，每件扣1分（热线编号：\n122773）",
                    ],
                    ["", "-2", "上级考核", "省监管平台抽查回访通报批评"],
                    ["国网岳阳供电公司", "-2", "热线办理综合考\n评", "热线月度考评B类"],
                    [None, "-2", "信箱月度考评B类", "信箱月度考评B类"],
                ],
                page=11,
            ),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        (
            "deduction",
            "汨罗市",
            -1.0,
            "热线办理质量",
            "承办单位未及时联系诉求人，虚假结案或结案内容出现文不对题情况，每件扣1分（热线编号：122773）",
        ),
        ("deduction", "汨罗市", -2.0, "上级考核", "省监管平台抽查回访通报批评"),
        ("deduction", "国网岳阳供电公司", -2.0, "热线办理综合考评", "热线月度考评B类"),
        ("deduction", "国网岳阳供电公司", -2.0, "信箱月度考评B类", "信箱月度考评B类"),
    ]
    assert [(r.order, r.page) for r in rows] == [(1, 11), (2, 11), (3, 11), (4, 11)]
    assert warnings == []


def test_a_row_cut_by_a_page_break_is_joined_to_the_row_above():
    doc = document(
        [
            Line("扣分表", 11),
            Table(
                [
                    HEADER,
                    [
                        "岳阳楼区",
                        "-1",
                        "热线办理质量",
                        "承办单位工单办理严重超期，且没有提前申请延",
                    ],
                ],
                page=11,
            ),
        ],
        [
            Table(
                [
                    ["", "", "", "期，每件扣0.5分；（热线编号：537509）"],
                    ["市卫健委", "-0.5", "知识库管理", "未及时更新"],
                ],
                page=12,
            )
        ],
    )
    rows, _ = read_adjustments(doc)
    assert brief(rows) == [
        (
            "deduction",
            "岳阳楼区",
            -1.0,
            "热线办理质量",
            "承办单位工单办理严重超期，且没有提前申请延期，每件扣0.5分；（热线编号：537509）",
        ),
        ("deduction", "市卫健委", -0.5, "知识库管理", "未及时更新"),
    ]


def test_a_unit_name_cut_by_a_page_break_is_joined_under_a_repeated_header():
    doc = document(
        [
            Line("加分表", 12),
            Table(
                [
                    BONUS_HEADER,
                    ["市住房公积金管理", "+0.5", "信息报送", "市级及以上主流媒体刊登1篇典型"],
                ],
                page=12,
            ),
        ],
        [
            Table(
                [
                    BONUS_HEADER,
                    ["中心", None, None, "案例"],
                    [None, "+1", "信件办理质量", "表扬信件：193914"],
                ],
                page=13,
            )
        ],
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.unit, r.points, r.detail, r.page) for r in rows] == [
        ("市住房公积金管理中心", 0.5, "市级及以上主流媒体刊登1篇典型案例", 12),
        ("市住房公积金管理中心", 1.0, "表扬信件：193914", 13),
    ]
    assert warnings == []


def test_kind_from_the_caption_else_the_sign_and_unsigned_points_without_kind_are_refused():
    doc = document(
        [
            Line("附件4", 13),
            Line("2024年2月12345热线和市长信箱工作考核加分表", 13),
            Table([BONUS_HEADER, ["平江县", "＋１", "信件办理质量", "表扬信件：191510"]], page=13),
            Line("附件5", 14),
            Table(
                [
                    ["部门名称", "分值", "指标名称", "说明"],
                    ["市林业局", "6", "热线办理综合考评", "D类"],
                    ["市国资委", "-6", "热线办理综合考评", "E类"],
                ],
                page=14,
            ),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("bonus", "平江县", 1.0, "信件办理质量", "表扬信件：191510"),
        ("deduction", "市国资委", -6.0, "热线办理综合考评", "E类"),
    ]
    assert [(w.message, w.page, w.snippet) for w in warnings] == [
        (
            "无法确定这一行是扣分还是加分（分值无正负号，表头与标题也未说明），未读取",
            14,
            "市林业局 +6 热线办理综合考评 D类",
        )
    ]


def test_without_kind_the_sign_decides_and_a_contradicting_sign_is_flagged():
    doc = document(
        [
            Line("附件3", 11),
            Table(
                [
                    ["部门名称", "加扣分值", "指标名称", "明细"],
                    ["市国资委", "-6", "热线办理综合考评", "E类"],
                    ["市人社局", "+1", "信件办理质量", "表扬信件"],
                ],
                page=11,
            ),
        ],
        [
            Line("2024年3月12345热线和市长信箱工作考核扣分表", 12),
            Table(
                [
                    HEADER,
                    ["市林业局", "6", "热线办理综合考评", "D类"],
                    ["市水利局", "+2", "信箱办理综合考评", "B类"],
                ],
                page=12,
            ),
        ],
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.kind, r.unit, r.points) for r in rows] == [
        ("deduction", "市国资委", -6.0),
        ("bonus", "市人社局", 1.0),
        ("deduction", "市林业局", -6.0),
        ("deduction", "市水利局", 2.0),
    ]
    assert [(w.message, w.page, w.snippet) for w in warnings] == [
        (
            "分值的正负号与表格（扣分表/加分表）不一致，按原样保留",
            12,
            "市水利局 +2 信箱办理综合考评 B类",
        )
    ]


def test_columns_are_found_by_their_header_in_any_order():
    doc = document(
        [
            Line("扣分表", 11),
            Table(
                [
                    ["序号", "部门名称", "指标名称", "扣分明细", "扣分值"],
                    ["1", "市林业局", "热线办理综合考评", "热线月度考评D类", "6"],
                    ["2", "", "信息报送", "未报送典型案例", "-1"],
                ],
                page=11,
            ),
        ]
    )
    assert brief(read_adjustments(doc)[0]) == [
        ("deduction", "市林业局", -6.0, "热线办理综合考评", "热线月度考评D类"),
        ("deduction", "市林业局", -1.0, "信息报送", "未报送典型案例"),
    ]


def test_a_detail_column_headed_with_its_reason_names_the_table_and_is_the_detail():
    doc = document(
        [
            Line("附件5", 14),
            Table(
                [
                    ["部门名称", "分值", "指标名称", "扣分原因"],
                    ["平江县", "2", "上级考核", "省监管平台抽查回访不满意"],
                    ["", "1", "信息报送", "未报送值班安排"],
                ],
                page=14,
            ),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("deduction", "平江县", -2.0, "上级考核", "省监管平台抽查回访不满意"),
        ("deduction", "平江县", -1.0, "信息报送", "未报送值班安排"),
    ]
    assert warnings == []


def test_rows_that_do_not_parse_are_warnings_not_values():
    doc = document(
        [
            Line("扣分表", 11),
            Table(
                [
                    HEADER,
                    ["", "-1", "信息报送", "无单位可沿用"],
                    ["君山区", "一分", "信息报送", "未报送"],
                    ["市民政局", "-2", "热线办理综合考评", "B类"],
                ],
                page=11,
            ),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.unit, r.points) for r in rows] == [("市民政局", -2.0)]
    assert [(w.message, w.page) for w in warnings] == [
        ("加扣分表的一行没有单位名称，上方也没有可沿用的单位，未读取", 11),
        ("加扣分表的一行无法读取：加扣分值“一分”不是数值", 11),
    ]


def test_a_table_with_no_readable_row_is_a_warning():
    doc = document(
        [
            Line("附件3", 11),
            Line("2024年3月12345热线和市长信箱工作考核扣分表", 11),
            Table([HEADER], page=11),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert rows == []
    assert [(w.message, w.page) for w in warnings] == [("找到加扣分表，但未读出任何数据行", 11)]


def test_flowing_text_detail_continues_and_a_lone_unit_names_the_rows_below():
    doc = text_document(
        " 附件 4：",
        "2024 年 5 月 12345 热线和市长信箱工作考核加分表",
        "部门名称 加扣分值 指标名称 加分明细",
        "华容县 +1.5 信息报送 市级及以上主流媒体刊登 3 篇典型案例",
        "湘阴县",
        "+0.5 信息报送 市级及以上主流媒体刊登 1 篇典型案例",
        "+1 创新创优 湘阴县 12345 热线办参加宣传活动",
        "市人社局 +2 创新创优",
        "市人社局局长林治学主持召开 12345 热线和市长信箱工作调",
        "度会，重点明确投诉工单的规范办理。",
        "分送：各县市区人民政府，岳阳经济技术开发区、",
        "岳阳市人民政府 12345 热线服务中心 2024 年 6 月 24 日印发",
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("bonus", "华容县", 1.5, "信息报送", "市级及以上主流媒体刊登3篇典型案例"),
        ("bonus", "湘阴县", 0.5, "信息报送", "市级及以上主流媒体刊登1篇典型案例"),
        ("bonus", "湘阴县", 1.0, "创新创优", "湘阴县12345热线办参加宣传活动"),
        (
            "bonus",
            "市人社局",
            2.0,
            "创新创优",
            "市人社局局长林治学主持召开12345热线和市长信箱工作调度会，重点明确投诉工单的规范办理。",
        ),
    ]
    assert warnings == []


def test_a_wrapped_indicator_printed_after_its_row_is_read():
    """pdftotext -raw prints a row whose 指标名称 wraps as `unit points`, then the indicator's
    lines (full, then a shorter last one), then the detail: read exactly (issue 12)."""
    doc = text_document(
        "2024 年 5 月 12345 热线和市长信箱工作考核扣分表",
        "部门名称 加扣分值 指标名称 扣分明细",
        "君山区 -1 信息报送 未按要求及时报送典型案例",
        "市供销联社 -2",
        "信箱办理综合考",
        "评",
        "信箱月度考评 B 类",
        "-1 信息报送 未按要求及时报送典型案例",
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("deduction", "君山区", -1.0, "信息报送", "未按要求及时报送典型案例"),
        ("deduction", "市供销联社", -2.0, "信箱办理综合考评", "信箱月度考评B类"),
        ("deduction", "市供销联社", -1.0, "信息报送", "未按要求及时报送典型案例"),
    ]
    assert warnings == []


def test_a_row_whose_indicator_cannot_be_told_from_its_detail_is_reported_not_read():
    """No shorter line ends the indicator: where the detail starts is unknown."""
    doc = text_document(
        "2024 年 5 月 12345 热线和市长信箱工作考核扣分表",
        "部门名称 加扣分值 指标名称 扣分明细",
        "市供销联社 -2",
        "信箱办理综合考",
        "信箱月度考评类",
    )
    rows, warnings = read_adjustments(doc)
    assert rows == []
    assert [(w.message, w.snippet) for w in warnings] == [
        ("加扣分表的一行无法读取：分值后没有指标名称", "信箱办理综合考 信箱月度考评类"),
        ("找到加扣分表，但未读出任何数据行", "2024 年 5 月 12345 热线和市长信箱工作考核扣分表"),
    ]


@pytest.mark.parametrize(
    ("lines", "split"),
    [
        (["热线办理综合考", "评", "热线月度考评 B 类"], ("热线办理综合考评", "热线月度考评B类")),
        (["信箱月度考评 B", "类", "信箱月度考评 B 类"], ("信箱月度考评B类", "信箱月度考评B类")),
        (
            ["热线办理综合", "考评工作落实", "承办单位未及时联系诉求人，虚假结案"],
            ("热线办理综合考评工作落实", "承办单位未及时联系诉求人，虚假结案"),
        ),
        (
            ["热线办理综合", "考评工作落实", "情况", "承办单位未及时联系诉求人"],
            ("热线办理综合考评工作落实情况", "承办单位未及时联系诉求人"),
        ),
        (["热线办理综合考", "评"], None),
    ],
)
def test_indicator_and_detail_split_where_the_narrow_column_ends(lines, split):
    assert indicator_and_detail(lines) == split


FLOWING_BONUS = (
    "加分表",
    "市人社局 +2 创新创优 工作调度会",
    "市住房公积金管理",
    "中心",
    "+0.5 信息报送 市级及以上主流媒体刊登 1 篇典型案例",
)


def test_a_unit_wrapped_before_its_row_in_flowing_text_is_joined_when_the_bulletin_knows_it():
    rows, warnings = read_adjustments(
        text_document(*FLOWING_BONUS), known=frozenset({"市人社局", "市住房公积金管理中心"})
    )
    assert [(r.unit, r.detail) for r in rows] == [
        ("市人社局", "工作调度会"),
        ("市住房公积金管理中心", "市级及以上主流媒体刊登1篇典型案例"),
    ]
    assert warnings == []


def test_a_unit_wrapped_before_its_row_in_flowing_text_is_not_guessed():
    """Unknown units: `市住房公积金管理` may end the detail above or start `中心`'s name. Neither
    row gets it, and the row below, whose unit is unknown, is not read."""
    rows, warnings = read_adjustments(text_document(*FLOWING_BONUS))
    assert [(r.unit, r.detail) for r in rows] == [("市人社局", "工作调度会")]
    assert [(w.message, w.snippet) for w in warnings] == [
        (
            "无法确定这行文字是上一行明细的末尾还是下一行单位名称的开头：未计入任何一行，下一行因单位不明未读取，请核对",
            "市住房公积金管理 中心 | +0.5 信息报送 市级及以上主流媒体刊登1篇典型案例",
        )
    ]


@pytest.mark.parametrize(
    ("names", "own", "count"),
    [
        (["案例", "湘阴县"], "", 1),  # the known unit of a merged cell
        (["市住房公积金管理"], "中心", 1),  # the start of a known name
        (["国家金融监督管理总局", "岳阳监管分局"], "", 2),
        (["活动"], "市工信局", 0),  # the row's own name is known: a detail's end
        (["领导接听日活动"], "", 0),  # does not end like a unit: a detail's end
        (["湘阴县"], "", 1),  # alone, ends like a unit, before a row without
        ([], "市新单位", 0),
        (["市住房和城乡"], "建设局", None),  # unknown either way
        (["领导接听日活动", "某某县"], "", None),  # 某某县 may have wrapped too
    ],
)
def test_unit_lines_before_a_row_in_flowing_text(names, own, count):
    known = frozenset(
        {"湘阴县", "市住房公积金管理中心", "国家金融监督管理总局岳阳监管分局", "市工信局"}
    )
    assert unit_lines(names, own, known) == count


def test_tab_separated_lines_are_cells_and_an_empty_unit_cell_continues():
    doc = text_document(
        "## 2024 年 2 月 12345 热线和市长信箱工作考核加分表",
        "部门名称\t加扣分值\t指标名称\t加分明细",
        "汨罗市\t+2\t创新创优\t3 月 28 日上午，汨罗市召开 12345 热线工作会议。",
        "\t+0.5\t信息报送\t市级及以上主流媒体刊登 1 篇典型案例",
    )
    assert brief(read_adjustments(doc)[0]) == [
        ("bonus", "汨罗市", 2.0, "创新创优", "3月28日上午，汨罗市召开12345热线工作会议。"),
        ("bonus", "汨罗市", 0.5, "信息报送", "市级及以上主流媒体刊登1篇典型案例"),
    ]


def aligned(*cells: str, at: tuple[int, ...] = (1, 12, 19, 28)) -> str:
    """One line of layout-preserving text: each cell starts at its column (char offset)."""
    line = ""
    for start, cell in zip(at, cells, strict=False):
        line = line.ljust(start) + cell if cell else line
    return line


def test_aligned_layout_text_reads_columns_and_centred_wrapped_cells():
    doc = text_document(
        "附件 3：",
        "   2024 年 5 月 12345 热线和市长信箱工作考核扣分表",
        "  部门名称    加扣分值       指标名称                扣分明细",
        aligned("君山区", "-1", "信息报送", "未按要求及时报送典型案例"),
        aligned("", "", "信箱办理综合考"),
        aligned("市供销联社", "-2", "", "信箱月度考评 B 类"),
        aligned("", "", "   评"),
        aligned("", "", "", "承办单位工单办理严重超期，且没有提前申请延"),
        aligned("岳阳楼区", "-1", "热线办理质量", "期，又无正当理由的，每件扣 0.5 分；"),
        aligned("", "", "", "（热线编号：537509、412489）"),
        aligned("市住房公积金管"),
        aligned("", "-0.5", "知识库管理", "未及时更新"),
        aligned("  理中心"),
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("deduction", "君山区", -1.0, "信息报送", "未按要求及时报送典型案例"),
        ("deduction", "市供销联社", -2.0, "信箱办理综合考评", "信箱月度考评B类"),
        (
            "deduction",
            "岳阳楼区",
            -1.0,
            "热线办理质量",
            "承办单位工单办理严重超期，且没有提前申请延期，又无正当理由的，每件扣0.5分；（热线编号：537509、412489）",
        ),
        ("deduction", "市住房公积金管理中心", -0.5, "知识库管理", "未及时更新"),
    ]
    assert warnings == []


MERGED_CAPTION = (
    "附件 3：",
    "   2024 年 10 月 12345 热线和市长信箱工作考核扣分表",
    "  部门名称    加扣分值       指标名称                扣分明细",
)


def test_rows_above_a_name_centred_on_a_merged_cell_are_in_doubt_and_not_read():
    """`pdftotext -layout` of a generated bulletin (tests/fixtures/unseen): 市住建局's four
    rows share one merged cell, its name centred on them, so printed on its second row's
    line. Its first row (-3) was given to 华容县 above; it could be either's: not read."""
    doc = text_document(
        *MERGED_CAPTION,
        aligned("", "", "", "承办单位未及时联系诉求人，虚假结案"),
        aligned("华容县", "-2", "热线办理质量", "或结案内容出现文不对题情况"),
        aligned("", "", "", "（热线编号：241008220）"),
        aligned("", "", "", "承办单位未及时联系诉求人，虚假结案"),
        aligned("", "-3", "热线办理质量", "或结案内容出现文不对题情况"),
        aligned("", "", "", "（热线编号：241002986）"),
        aligned("", "", "", "知识库中商品房预售资金监管条目未"),
        aligned("市住建局", "-1", "知识库管理", "及时更新，每次扣 1 分"),
        aligned("", "", "", "（知识库编号：1022）"),
        aligned("", "-2", "上级考核", "省监管平台抽查回访通报批评"),
        aligned("", "", "", "省政务服务中心通报：工单超期"),
        aligned("", "-2", "热线办理综合考评", "热线月度考评 B 类"),
        aligned("", "", "", "（热线编号：241011456）"),
        aligned("市林业局", "-6", "热线办理综合考评", "热线月度考评 D 类"),
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.unit, r.points) for r in rows] == [
        ("华容县", -2.0),
        ("市住建局", -1.0),
        ("市住建局", -2.0),
        ("市住建局", -2.0),
        ("市林业局", -6.0),
    ]
    assert [(w.message, w.snippet[:14]) for w in warnings] == [
        (
            "无法确定这一行属于上方的单位，还是下方跨行合并单元格中的单位：未读取，请核对",
            "-3 热线办理质量 承办单位",
        )
    ]


def test_a_table_that_prints_names_on_a_units_first_row_puts_no_row_in_doubt():
    """The same rows, but 汨罗市's name is on its first row, off the centre of its rows:
    the table does not centre names on merged cells, so each unit-less row is the unit's
    above, even where the name below happens to stand at the centre of a block."""
    doc = text_document(
        *MERGED_CAPTION,
        aligned("汨罗市", "-1", "信息报送", "未按要求报送值班安排"),
        aligned("", "", "", "承办单位未及时联系诉求人，虚假结案"),
        aligned("", "-2", "热线办理质量", "或结案内容出现文不对题情况"),
        aligned("", "", "", "（热线编号：250202303）"),
        aligned("", "-6", "热线办理综合考评", "热线月度考评 D 类"),
        aligned("国家金融监督", "", "", "承办单位未及时联系诉求人，虚假结案"),
        aligned("", "-1", "热线办理质量", "或结案内容出现文不对题情况"),
        aligned("管理总局", "", "", "（热线编号：250226246）"),
        aligned("", "-1", "信息报送", "未按要求报送值班安排"),
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.unit, r.points) for r in rows] == [
        ("汨罗市", -1.0),
        ("汨罗市", -2.0),
        ("汨罗市", -6.0),
        ("国家金融监督管理总局", -1.0),
        ("国家金融监督管理总局", -1.0),
    ]
    assert warnings == []


def test_bands_are_found_only_in_aligned_text():
    def points_at(text):
        return text.find("-") if "-" in text else None

    lines = [
        aligned("君山区", "-1", "信息报送", "未按要求"),
        aligned("市工信局", "-2", "信箱办理", "B 类"),
    ]
    bands = find_bands(lines, points_at)
    assert bands is not None and bands.split(lines[1]).cells == {
        "unit": "市工信局",
        "points": "-2",
        "indicator": "信箱办理",
        "detail": "B 类",
    }
    flowing = [
        "君山区 -1 信息报送 未按要求及时报送典型案例",
        "市供销联社 -2 信箱办理综合考评 信箱月度考评 B类",
    ]
    assert find_bands(flowing, points_at) is None


def at(top: float, *words: tuple[str, float, float]) -> Line:
    """A PDF line on page 12 from its words (text, x0, x1), as the PDF reader gives it."""
    return Line(
        " ".join(w[0] for w in words),
        12,
        top=top,
        bottom=top + 10,
        x0=words[0][1],
        x1=words[-1][2],
        words=tuple(Word(*w) for w in words),
    )


def test_positioned_pdf_lines_split_a_merged_unit_from_a_detail_piece():
    doc = document(
        [
            Line("2024年5月12345热线和市长信箱工作考核加分表", 12),
            at(
                171.7,
                ("部门名称", 102, 150),
                ("加扣分值", 178, 226),
                ("指标名称", 230, 278),
                ("加分明细", 380, 428),
            ),
            at(
                207.5,
                ("华容县", 107, 137),
                ("+1.5", 182, 198),
                ("信息报送", 225, 265),
                ("市级及以上主流媒体刊登3篇典型案例", 291, 460),
            ),
            at(
                219.2,
                ("+0.5", 182, 198),
                ("信息报送", 225, 265),
                ("市级及以上主流媒体刊登1篇典型案例", 291, 460),
            ),
            at(
                230.9,
                ("湘阴县", 107, 137),
                ("湘阴县12345热线办参加全县政务公开工业园宣传活", 291, 520),
            ),
            at(236.8, ("+1", 185, 195), ("创新创优", 225, 265)),
            at(242.6, ("动", 291, 301)),
            at(382.8, ("市人社局局长林治学主持召开12345热线和市长信箱", 291, 520)),
            at(388.6, ("市人社局", 102, 142), ("+2", 185, 195), ("创新创优", 225, 265)),
            at(394.5, ("工作调度会，重点明确投诉工单的规范办理。", 291, 491)),
        ]
    )
    rows, warnings = read_adjustments(doc)
    assert brief(rows) == [
        ("bonus", "华容县", 1.5, "信息报送", "市级及以上主流媒体刊登3篇典型案例"),
        ("bonus", "湘阴县", 0.5, "信息报送", "市级及以上主流媒体刊登1篇典型案例"),
        ("bonus", "湘阴县", 1.0, "创新创优", "湘阴县12345热线办参加全县政务公开工业园宣传活动"),
        (
            "bonus",
            "市人社局",
            2.0,
            "创新创优",
            "市人社局局长林治学主持召开12345热线和市长信箱工作调度会，重点明确投诉工单的规范办理。",
        ),
    ]
    assert warnings == []


def test_columns_are_the_runs_between_white_strips_and_each_word_goes_to_its_own():
    lines = [
        at(
            10,
            ("君山区", 107, 137),
            ("-1", 185, 195),
            ("信息报送", 225, 265),
            ("未按要求", 291, 331),
        ),
        at(
            22,
            ("市工信局", 102, 142),
            ("-2", 185, 195),
            ("信箱办理", 225, 265),
            ("B", 291, 297),
            ("类", 300, 310),
        ),
        at(34, ("湘阴县", 107, 137), ("评", 240, 250), ("湘阴县12345热线办参加", 291, 400)),
    ]
    assert covered_runs([w for line in lines for w in line.words]) == [
        (102, 142),
        (185, 195),
        (225, 265),
        (291, 400),
    ]
    columns = find_columns(lines)
    assert columns == Columns(points_start=185, points_end=195, indicator_end=265)
    assert columns.split(lines[1]).cells == {
        "unit": "市工信局",
        "points": "-2",
        "indicator": "信箱办理",
        "detail": "B 类",
    }
    assert columns.split(lines[2]).cells == {
        "unit": "湘阴县",
        "points": "",
        "indicator": "评",
        "detail": "湘阴县12345热线办参加",
    }


def test_no_columns_when_the_rows_points_are_not_in_one_run_of_their_own():
    one_row = [
        at(
            10,
            ("君山区", 107, 137),
            ("-1", 185, 195),
            ("信息报送", 225, 265),
            ("未按要求", 291, 331),
        )
    ]
    assert find_columns(one_row) is None
    shifted = [
        *one_row,
        at(22, ("市工信局", 102, 142), ("-2", 230, 240), ("信箱办理", 250, 280), ("B类", 291, 310)),
    ]
    assert find_columns(shifted) is None
    # A unit name reaching under the points column: the runs cannot tell the unit from the points.
    touching = [
        *one_row,
        at(
            22,
            ("市住房公积金管理中心", 102, 190),
            ("-2", 192, 198),
            ("信箱办理", 225, 265),
            ("B类", 291, 310),
        ),
    ]
    assert find_columns(touching) is None


def test_centred_cells_split_the_pieces_between_two_rows_by_halves():
    rows = [
        Anchor(row="君山区", page=1, pos=1),
        Anchor(row="汨罗市", page=1, pos=4),
        Anchor(row="岳阳楼区", page=1, pos=7),
    ]
    pieces = [
        Piece("3 月 28 日上午", 1, 2, "detail"),
        Piece("市直部门", 1, 3, "detail"),
        Piece("12345 热线", 1, 5, "detail"),
        Piece("训。", 1, 6, "detail"),
    ]
    assert place_centred(rows, pieces)
    assert [([p.text for p in a.before], [p.text for p in a.after]) for a in rows] == [
        ([], []),
        (["3 月 28 日上午", "市直部门"], ["12345 热线", "训。"]),
        ([], []),
    ]
    assert not place_centred(rows[:1], [Piece("湘阴县", 1, 2, "unit")])


def test_quotes_a_raw_extraction_prints_apart_leave_the_detail_doubtful_not_wrong():
    """`pdftotext -raw` of a generated bulletin (tests/fixtures/unseen, July): the quotes
    round 领导接听日 drawn apart from their words (`参加 7 “ ”` / `月 领导接听日 活动`). No
    reader can put them back: the row is read, its detail doubtful, with a warning."""
    doc = text_document(
        "附件 4：",
        "2024 年 7 月 12345 热线和市长信箱工作考核加分表",
        "部门名称 加扣分值 指标名称 加分明细",
        "岳阳楼区 +1 领导接听日",
        "单位负责同志参加 7 “ ”",
        "月 领导接听日 活动，到市",
        "12345 热线话务大厅接听来电",
        "平江县 +1.5 信息报送 市级及以上主流媒体刊登 3 篇典型案例",
    )
    rows, warnings = read_adjustments(doc)
    assert [(r.unit, r.indicator, r.doubtful) for r in rows] == [
        ("岳阳楼区", "领导接听日", ["detail"]),
        ("平江县", "信息报送", []),
    ]
    assert [(w.message, w.page, w.snippet[:9]) for w in warnings] == [
        ("加扣分表这一行的明细在文本中无法确定，已标为存疑，请核对", 1, "岳阳楼区 +1 领")
    ]


def test_a_serial_number_column_before_the_unit_is_not_part_of_it():
    """A 加分表 with a 序号 column, as `pdftotext -raw` and `-layout` print it."""
    raw = text_document(
        "附件 4：",
        "2025 年 2 月 12345 热线和市长信箱工作考核加分表",
        "序号 部门名称 加扣分值 指标名称 加分明细",
        "1 汨罗市 +1 领导接听日 单位主要负责同志参加领导接听日活动",
        "2 市城管局 +1 知识库管理 新增政务数据共享类知识条目 48 条，审核及时",
    )
    layout = text_document(
        "附件 4：",
        "                 2025 年 2 月 12345 热线和市长信箱工作考核加分表",
        " 序号       部门名称     加扣分值     指标名称                      加分明细",
        "  1      汨罗市         +1    领导接听日       单位主要负责同志参加领导接听日活动",
        "  2     市城管局         +1    知识库管理       新增政务数据共享类知识条目 48 条，审核及时",
    )
    for doc in (raw, layout):
        rows, warnings = read_adjustments(doc)
        assert [(r.unit, r.points, r.indicator) for r in rows] == [
            ("汨罗市", 1.0, "领导接听日"),
            ("市城管局", 1.0, "知识库管理"),
        ]
        assert warnings == []
