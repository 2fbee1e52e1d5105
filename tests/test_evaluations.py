"""附件1/2: evaluation rows read exactly from every reader's Document, and from made-up ones.

The real files go through the real readers; the made-up Documents each hold one layout a
bulletin may come in (header wrapped over lines, no header on a continuation page, group
label as a merged row, a first cell or a text line, a name split around its numbers …).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from pathlib import Path

import pytest

from lib.document import Document, Line, Page, Table
from lib.extract.evaluations import read_evaluations
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
HEADER = [
    "部门名称",
    "应办\n理数",
    "办理\n数",
    "办结率",
    "按期\n办理\n数",
    "按期办结\n率",
    "返工\n数",
    "返工率",
    "回访\n不满\n意数",
    "群众不满\n意率",
    "综合指\n标值",
    "等级\n评价",
]
MAIL_HEADER = [*HEADER[:8], "回访\n满意\n数", "群众满意\n率", *HEADER[10:]]
ROW_HUARONG = [
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
ROW_YUNXI = [
    "云溪区",
    "457",
    "457",
    "100%",
    "456",
    "99.78%",
    "9",
    "1.97%",
    "73",
    "15.77%",
    "96.4",
    "A",
]
ROW_POLICE = [
    "市公安交警支队",
    "512",
    "512",
    "100%",
    "512",
    "100%",
    "24",
    "4.69%",
    "64",
    "11.64%",
    "96.7",
    "A",
]


@cache
def evaluations_of(name: str):
    doc = read_document((FIXTURES / name).read_bytes(), name)
    return read_evaluations(doc)


def answer(month: str) -> dict:
    return json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))


def document(*pages: list) -> Document:
    return Document("pdf", [Page(n, blocks) for n, blocks in enumerate(pages, start=1)])


def caption(text: str, page: int = 1) -> Line:
    return Line(text, page)


def merged(label: str, width: int = 12) -> list:
    return [label, *[None] * (width - 1)]


def brief(rows) -> list[tuple]:
    return [(r.channel, r.group, r.unit, r.due, r.score, r.grade, r.order, r.page) for r in rows]


@pytest.mark.parametrize("name", FILES)
def test_rows_equal_the_answer_key_field_for_field_in_printed_order(name):
    rows, warnings = evaluations_of(name)
    want = answer(FILES[name])
    out = {"evaluations": [asdict(r) for r in rows]}
    problems = [m for m in mismatches(want, out) if "evaluation" in m]
    assert problems == []
    assert [(r.channel, r.group, r.unit) for r in rows] == [
        (e["channel"], e["group"], e["unit"]) for e in want["evaluations"]
    ]
    assert warnings == []


@pytest.mark.parametrize("name", FILES)
def test_order_counts_rows_within_each_table(name):
    rows, _ = evaluations_of(name)
    for channel in ("hotline", "mailbox"):
        orders = [r.order for r in rows if r.channel == channel]
        assert orders == list(range(1, len(orders) + 1))


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("2024-03.pdf", ("华容县", 1, 7), ("市电信公司", 64, 8)),
        ("2024-05.pdf", ("屈原管理区", 1, 7), ("市城运集团公司", 63, 8)),
        ("2024-03.docx", ("华容县", 1, 2), ("市电信公司", 64, 2)),
        ("seed-2024-05.txt", ("屈原管理区", 1, 2), ("市城运集团公司", 63, 2)),
    ],
)
def test_first_and_last_hotline_rows_carry_order_and_page(name, first, last):
    hotline = [r for r in evaluations_of(name)[0] if r.channel == "hotline"]
    assert (hotline[0].unit, hotline[0].order, hotline[0].page) == first
    assert (hotline[-1].unit, hotline[-1].order, hotline[-1].page) == last


@pytest.mark.parametrize("name", ["2024-05.pdf", "2024-05.docx", "seed-2024-05.txt"])
def test_wrapped_names_are_joined_and_a_cut_off_name_stays_cut_off(name):
    rows, _ = evaluations_of(name)
    units = {(r.channel, r.unit) for r in rows}
    assert ("mailbox", "国家金融监督管理总局岳阳监管分局") in units
    assert ("hotline", "国家金融监督管理总局") in units
    assert ("hotline", "市住房公积金管理中心") in units


def test_a_name_printed_with_a_space_is_one_name():
    rows, _ = evaluations_of("seed-2024-03.md")
    assert [r.unit for r in rows if r.unit.startswith("国家金融")] == [
        "国家金融监督管理总局岳阳监管分局",
        "国家金融监督管理总局岳阳监管分局",
    ]


def test_grid_with_header_wrapped_in_cells_and_group_rows_merged():
    doc = document(
        [
            caption("附件1："),
            caption("2024年3月岳阳市12345政务服务便民热线综合评价表"),
            Table(
                [
                    HEADER,
                    merged("县市区"),
                    ROW_HUARONG,
                    ROW_YUNXI,
                    merged("行政事业单位"),
                    ROW_POLICE,
                ],
                page=1,
            ),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert brief(rows) == [
        ("hotline", "县市区", "华容县", 920, 96.8, "A", 1, 1),
        ("hotline", "县市区", "云溪区", 457, 96.4, "A", 2, 1),
        ("hotline", "行政事业单位", "市公安交警支队", 512, 96.7, "A", 3, 1),
    ]
    assert rows[0].completion_rate == 99.67 and rows[0].visited_rate == 11.65
    assert warnings == []


def test_continuation_table_without_header_or_caption_keeps_channel_and_group():
    doc = document(
        [
            caption("2024年3月岳阳市市长信箱办理综合评价表"),
            Table([MAIL_HEADER, ["县市区"] * 12, ROW_HUARONG], page=1),
        ],
        [Table([ROW_YUNXI], page=2)],
    )
    rows, _ = read_evaluations(doc)
    assert brief(rows) == [
        ("mailbox", "县市区", "华容县", 920, 96.8, "A", 1, 1),
        ("mailbox", "县市区", "云溪区", 457, 96.4, "A", 2, 2),
    ]


def test_header_names_the_channel_even_under_a_wrong_caption():
    doc = document(
        [
            caption("附件2"),
            caption("2024年2月岳阳市12345政务服务热线综合评价表"),
            Table([MAIL_HEADER, merged("县市区"), ROW_HUARONG], page=1),
        ]
    )
    assert [r.channel for r in read_evaluations(doc)[0]] == ["mailbox"]


def test_group_label_as_a_text_line_between_tables_and_as_a_first_cell():
    doc = document(
        [
            caption("热线综合评价表"),
            Line("（一）县市区", 1),
            Table([HEADER, ROW_HUARONG], page=1),
            Line("### 行政事业单位", 1),
            Table([HEADER, ROW_POLICE], page=1),
        ],
        [Table([["分组", *HEADER], ["公共服务企业", *ROW_YUNXI], [None, *ROW_HUARONG]], page=2)],
    )
    rows, _ = read_evaluations(doc)
    assert [(r.group, r.unit) for r in rows] == [
        ("县市区", "华容县"),
        ("行政事业单位", "市公安交警支队"),
        ("公共服务企业", "云溪区"),
        ("公共服务企业", "华容县"),
    ]


def test_rank_column_left_of_the_name_is_not_part_of_it():
    doc = document(
        [
            caption("热线综合评价表"),
            Table([["序号", *HEADER], merged("县市区", 13), ["1", *ROW_HUARONG]], page=1),
        ]
    )
    assert [r.unit for r in read_evaluations(doc)[0]] == ["华容县"]


def test_full_width_digits_and_two_decimal_rates_read_as_the_same_numbers():
    row = [
        "华容县",
        "９２０",
        "９１７",
        "９９．６７％",
        "917",
        "99.67%",
        "31",
        "3.37%",
        "105",
        "11.65%",
        "９６．８",
        "Ａ",
    ]
    doc = document(
        [
            caption("热线综合评价表"),
            Table(
                [HEADER, merged("县市区"), row, [*ROW_YUNXI[:3], "100.00%", *ROW_YUNXI[4:]]], page=1
            ),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert [(r.due, r.handled, r.completion_rate, r.score, r.grade) for r in rows] == [
        (920, 917, 99.67, 96.8, "A"),
        (457, 457, 100.0, 96.4, "A"),
    ]
    assert warnings == []


def test_text_lines_with_wrapped_header_and_a_name_alone_before_its_numbers():
    texts = [
        "附件 1：",
        "2024 年 5 月岳阳市 12345 政务服务便民热线综合评价表",
        "县市区",
        "部门名称",
        "应办",
        "理数",
        "办理",
        "数",
        "办结率",
        "按期",
        "办理数",
        "按期",
        "办结率",
        "返工数 返工率",
        "回访不",
        "满意数",
        "群众",
        "不满意率",
        "综合",
        "指标值",
        "等级",
        "评价",
        "屈原管理区 139 139 100% 139 100% 9 6.47% 4 2.80% 98.1 A",
        "国家金融监督管理总局",
        "岳阳监管分局",
        "6 6 100% 6 100% 0 0% 6 0% 100 A",
        "市城运集团公司 69 69 100% 69 100% 12 17.39% 5 6.85% 95.2 A",
        "分送：各县市区人民政府",
    ]
    doc = Document("text", [Page(1, [Line(t, 1) for t in texts])])
    rows, warnings = read_evaluations(doc)
    assert [(r.channel, r.group, r.unit, r.due) for r in rows] == [
        ("hotline", "县市区", "屈原管理区", 139),
        ("hotline", "县市区", "国家金融监督管理总局岳阳监管分局", 6),
        ("hotline", "县市区", "市城运集团公司", 69),
    ]
    assert warnings == []


def test_positioned_lines_a_name_split_around_its_numbers_line():
    def at(text, top):
        return Line(text, 7, top=top, bottom=top + 10, x0=80, x1=520)

    doc = document(
        [
            caption("热线综合评价表", 7),
            at(
                "部门名称 应办理数 办理数 办结率 按期办理数 按期办结率 "
                "返工数 返工率 回访不满意数 群众不满意率 综合指标值 等级评价",
                150,
            ),
            at("行政事业单位", 170),
            at("市卫健委 155 155 100% 153 98.71% 9 5.81% 9 5.63% 97.3 A", 184),
            at("国家金融监督管理总", 198),
            at("135 135 100% 131 97.04% 11 8.15% 12 8% 95.9 A", 204),
            at("局", 211),
            at("市邮政管理局 134 134 100% 132 98.51% 1 0.75% 3 2.21% 99 A", 225),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert [(r.unit, r.due, r.page) for r in rows] == [
        ("市卫健委", 155, 7),
        ("国家金融监督管理总局", 135, 7),
        ("市邮政管理局", 134, 7),
    ]
    assert warnings == []


def test_a_row_that_does_not_parse_is_a_warning_with_page_and_snippet_never_a_value():
    short = ["市林业局", "3", "3", "100%", "2", "66.67%", "1", "33.33%", "1", "76.7", "D"]
    letters = [
        "市国资委",
        "15",
        "15",
        "100%",
        "14",
        "93.33%",
        "十五",
        "100%",
        "8",
        "44.44%",
        "69",
        "E",
    ]
    doc = document(
        [
            caption("热线综合评价表"),
            Table([HEADER, merged("行政事业单位"), ROW_POLICE, short, letters], page=4),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert [r.unit for r in rows] == ["市公安交警支队"]
    assert [(w.message, w.page) for w in warnings] == [
        ("评价表的一行无法读取：数值列只有 9 个，应为 10 个", 4),
        ("评价表的一行无法读取：“十五”不是整数", 4),
    ]
    assert warnings[1].snippet.startswith("市国资委 15 15 100%")


def test_a_table_with_no_readable_row_is_a_warning():
    doc = document(
        [
            caption("附件1", 7),
            caption("2024年3月岳阳市12345政务服务便民热线综合评价表", 7),
            Table([HEADER, merged("县市区")], page=7),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert rows == []
    assert [(w.message, w.page) for w in warnings] == [("找到评价表，但未读出任何数据行", 7)]


def test_rows_before_any_group_label_are_kept_and_flagged():
    doc = document([caption("热线综合评价表"), Table([HEADER, ROW_HUARONG], page=1)])
    rows, warnings = read_evaluations(doc)
    assert [(r.group, r.unit) for r in rows] == [("", "华容县")]
    assert [w.message for w in warnings] == [
        "评价表中有数据行之前没有分组标签（县市区/行政事业单位/公共服务企业）"
    ]


def test_the_body_list_of_attachments_is_not_a_caption():
    doc = document(
        [
            Line("附件：1、2024 年 3 月岳阳市 12345 政务服务热线综合评价表", 6),
            Line("2、2024 年 3 月岳阳市市长信箱办理综合评价表", 6),
            Line("2、国网岳阳供电公司工单按期办结率和回访群众满意率偏", 6),
        ]
    )
    assert read_evaluations(doc) == ([], [])


def test_a_subtotal_row_is_not_a_unit():
    total = [
        "合计",
        "1377",
        "1374",
        "99.78%",
        "1373",
        "99.71%",
        "40",
        "2.90%",
        "178",
        "12.93%",
        "96.6",
        "A",
    ]
    doc = document(
        [caption("热线综合评价表"), Table([HEADER, merged("县市区"), ROW_HUARONG, total], page=2)]
    )
    rows, warnings = read_evaluations(doc)
    assert [r.unit for r in rows] == ["华容县"]
    assert [w.message for w in warnings] == ["评价表的一行无法读取：“合计”是合计行，不是承办单位"]


def test_rates_printed_bare_under_a_percent_header_and_refused_without_it():
    percent = [
        *HEADER[:3],
        "办结率\n（%）",
        HEADER[4],
        "按期办结\n率（%）",
        HEADER[6],
        "返工率\n（%）",
        HEADER[8],
        "群众不满\n意率\n（%）",
        *HEADER[10:],
    ]
    bare = ["岳阳监狱", "2", "2", "100", "2", "100", "0", "0", "1", "50", "90", "A"]
    doc = document(
        [
            caption("热线综合评价表", 8),
            Table([percent, merged("行政事业单位"), bare], page=8),
            Line("注：综合指标值=办结率×30%+按期办结率×30%+（100%-返工率）×20%，等级", 8),
        ],
        [caption("热线综合评价表", 9), Table([HEADER, merged("行政事业单位"), bare], page=9)],
    )
    rows, warnings = read_evaluations(doc)
    assert [(r.unit, r.completion_rate, r.rework_rate, r.visited_rate, r.page) for r in rows] == [
        ("岳阳监狱", 100.0, 0.0, 50.0, 8)
    ]
    assert [(w.message, w.page) for w in warnings[:1]] == [
        ("评价表的一行无法读取：“100”不是百分率", 9)
    ]


def test_a_wrapped_item_of_the_attachment_list_is_not_a_caption():
    """Found on a generated bulletin (tests/fixtures/unseen): the list item's last word
    `评价表`, wrapped onto a line of its own, opened an empty attachment."""
    doc = document(
        [
            Line("附件：1．2024 年 7 月岳阳市 12345 政务服务便民热线综合", 5),
            Line("评价表", 5),
            Line("2．2024 年 7 月岳阳市市长信箱办理综合评价表", 5),
            Line("3．2024 年 7 月 12345 热线和市长信箱工作考核扣分", 5),
            Line("表", 5),
        ],
        [
            caption("附件1：", 6),
            caption("2024年7月岳阳市12345政务服务便民热线综合评价表", 6),
            Table([HEADER, merged("县市区"), ROW_HUARONG], page=6),
        ],
    )
    rows, warnings = read_evaluations(doc)
    assert [(r.channel, r.unit, r.page) for r in rows] == [("hotline", "华容县", 6)]
    assert warnings == []


def test_a_group_labelled_with_its_city_in_brackets_and_a_header_of_two_rows():
    upper = [
        "部门名称",
        "应办理数",
        "办结情况",
        "办结情况",
        "按期办结情况",
        "按期办结情况",
        "返工情况",
        "返工情况",
        "回访不满意情况",
        "回访不满意情况",
        "综合指标值",
        "等级评价",
    ]
    lower = [
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
    doc = document(
        [
            caption("热线综合评价表"),
            Table([upper, lower, merged("县（市）区"), ROW_HUARONG], page=1),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert [(r.channel, r.group, r.unit) for r in rows] == [("hotline", "县市区", "华容县")]
    assert warnings == []


def test_a_note_column_after_the_grade_is_set_aside_but_a_number_there_is_refused():
    doc = document(
        [
            caption("热线综合评价表"),
            Table(
                [
                    [*HEADER, "备注"],
                    merged("县市区", 13),
                    [*ROW_HUARONG, ""],
                    [*ROW_YUNXI, "7月起纳入\n考核"],
                    [*ROW_POLICE, "512"],
                ],
                page=2,
            ),
        ]
    )
    rows, warnings = read_evaluations(doc)
    assert [r.unit for r in rows] == ["华容县", "云溪区"]
    assert [w.message for w in warnings] == ["评价表的一行无法读取：末列不是等级评价（A–E）"]


def test_layout_text_names_wrapped_above_and_below_their_numbers_and_a_note_column():
    """`pdftotext -layout` of a generated bulletin (tests/fixtures/unseen): names wrap onto a
    line above and below their row's line, a 备注 note too, at the right. In line order the
    tail of one name (`局`) glued onto the next (`局市住房公积金管理中心`) and the note into
    a name; by line position each piece goes to its nearest row, and a note is no name."""
    texts = [
        "附件 1：",
        "2024 年 7 月岳阳市 12345 政务服务便民热线综合评价表",
        " 部门名称 应办理数 办理数 办结率 按期办理数 按期办结率 返工数 返工率 回访不满意数 "
        "群众不满意率 综合指标值 等级评价  备注",
        "     行政事业单位",
        "市文化旅游广电",
        "          15    15    100%   15    100%     0     0%     0     0%     100    A",
        "   局",
        "市住房公积金管",
        "          13    13    100%   13    100%     0     0%     0     0%     100    A",
        "  理中心",
        "                                                                     7 月起纳",
        " 市数据局      5     5    100%    5    100%     0     0%     0     0%     100    A",
        "                                                                      入考核",
    ]
    doc = Document("text", [Page(1, [Line(t, 1) for t in texts])])
    rows, warnings = read_evaluations(doc)
    assert [(r.group, r.unit, r.due) for r in rows] == [
        ("行政事业单位", "市文化旅游广电局", 15),
        ("行政事业单位", "市住房公积金管理中心", 13),
        ("行政事业单位", "市数据局", 5),
    ]
    assert warnings == []


def test_layout_text_piece_right_of_the_numbers_without_a_note_column_is_reported():
    texts = [
        "热线综合评价表",
        " 部门名称 应办理数 办理数 办结率 按期办理数 按期办结率 返工数 返工率 "
        "回访不满意数 群众不满意率 综合指标值 等级评价",
        "县市区",
        " 华容县     920   917 99.67%  917 99.67%   31  3.37%  105 11.65%  96.8  A",
        "                                                               另见附表",
        " 云溪区     457   457   100%  456 99.78%    9  1.97%   73 15.77%  96.4  A",
    ]
    doc = Document("text", [Page(1, [Line(t, 1) for t in texts])])
    rows, warnings = read_evaluations(doc)
    assert [r.unit for r in rows] == ["华容县", "云溪区"]
    assert [(w.message, w.snippet) for w in warnings] == [
        ("评价表中有一行文字不属于任何数据行，未读取", "另见附表")
    ]


def test_raw_text_a_note_printed_before_a_wrapped_name_leaves_the_name_doubtful():
    """`pdftotext -raw` of the same July bulletin prints the 备注 note before the name it
    stands beside (`7 月起纳` / `入考核` / `市退役军人事务` / `局`): in line order the two cannot
    be told apart, so the row is read with its name doubtful and a warning."""
    texts = [
        "附件 1：",
        "2024 年 7 月岳阳市 12345 政务服务便民热线综合评价表",
        "部门名称 应办理数 办理数 办结率 按期办理数 按期办结率 返工数 返工率 回访不满意数 "
        "群众不满意率 综合指标值 等级评价 备注",
        "行政事业单位",
        "市数据局 5 5 100% 5 100% 0 0% 0 0% 100 A",
        "7 月起纳",
        "入考核",
        "市退役军人事务",
        "局",
        "4 4 100% 4 100% 0 0% 0 0% 100 A",
        "市文化旅游广电局 15 15 100% 15 100% 0 0% 0 0% 100 A",
    ]
    doc = Document("text", [Page(1, [Line(t, 1) for t in texts])])
    rows, warnings = read_evaluations(doc)
    assert [(r.unit, r.due, r.doubtful) for r in rows] == [
        ("市数据局", 5, []),
        ("7月起纳入考核市退役军人事务局", 4, ["unit"]),
        ("市文化旅游广电局", 15, []),
    ]
    assert [(w.message[:13], w.page) for w in warnings] == [("评价表这一行的单位名称前有", 1)]
