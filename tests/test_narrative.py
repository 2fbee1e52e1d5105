"""Narrative sections: found by their headings, one passage per item, the same from every format."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.document import Line
from lib.extract.narrative import read_sections
from lib.extract.numbers import parse_cn_numeral
from lib.model import SECTION_KEYS
from lib.text import strip_markup
from tests.fixture_lines import MONTH_OF, fixture_lines, lines

MARCH_KEYS = (
    ["工作动态"] * 3
    + [
        "热线运行情况",
        "诉求类型",
        "热点焦点",
        "工单考核",
        "回访督办",
        "专线服务",
        "知识库管理",
        "市长信箱运行情况",
        "工作经验交流",
    ]
    + ["存在的问题"] * 5
)
MAY_KEYS = (
    ["工作动态"] * 2
    + [
        "热线运行情况",
        "诉求类型",
        "热点焦点",
        "工单考核",
        "专线服务",
        "回访督办",
        "市长信箱运行情况",
    ]
    + ["工作经验交流"] * 2
    + ["存在的问题"] * 4
)
KEYS = {"2024-03": MARCH_KEYS, "2024-05": MAY_KEYS}


def sections_of(name):
    return read_sections(list(fixture_lines(name)))


def triples(sections):
    return [(s.key, s.heading, s.text) for s in sections]


@pytest.mark.parametrize("name", MONTH_OF)
def test_fixture_sections_in_printed_order(name):
    sections = sections_of(name)
    assert [s.key for s in sections] == KEYS[MONTH_OF[name]]
    assert {s.key for s in sections} <= set(SECTION_KEYS)


@pytest.mark.parametrize(
    "name", ["2024-03.docx", "seed-2024-03.md", "2024-05.docx", "seed-2024-05.txt"]
)
def test_every_format_gives_the_same_texts_as_the_pdf(name):
    pdf = f"{MONTH_OF[name]}.pdf"
    assert triples(sections_of(name)) == triples(sections_of(pdf))


def test_march_texts_are_exact_without_numbering_and_with_the_title_sentence():
    by_heading = {s.heading: s.text for s in sections_of("2024-03.pdf")}
    assert by_heading["（一）诉求类型"].startswith(
        "诉求类型。主要诉求类型：人力资源和社会保障类13214件"
    )
    assert by_heading["（一）诉求类型"].endswith("农林水利类1442件，占比2.97%。")
    assert by_heading["热点焦点"].startswith("热点焦点：1、电梯故障停运影响业主出行")
    assert by_heading["热点焦点"].endswith("小区配套设施不完善和不动产证未办理等问题。")
    assert by_heading["二、12345热线运行情况"] == (
        "市12345热线平台共受理群众和企业来电70446件，其中，话务员在线直接答复咨询50736件，"
        "各责任单位承办工单19710件，办结率99.81%，按期办结率98.36%，群众满意率96.16%。"
    )
    assert by_heading[
        "5、市城管局热线工单办理质效明显提升，但办理市长信箱信件不及时，"
        "案件编号为190307的信件超期结案，综合指标考核为C类"
    ] == (
        "市城管局热线工单办理质效明显提升，但办理市长信箱信件不及时，案件编号为190307的信件"
        "超期结案，综合指标考核为C类。"
    )


def test_a_paragraph_across_pages_is_whole_and_starts_on_its_first_page():
    sections = sections_of("2024-03.pdf")
    problem = [s for s in sections if s.key == "存在的问题"]
    assert [s.page for s in problem] == [5, 6, 6, 6, 6]
    assert "因无具体完成时间被驳回后，再次回复“已将市民田地的堆土恢复”" in problem[0].text
    hot = next(s for s in sections if s.key == "热点焦点")
    assert hot.page == 2


def test_may_swaps_items_and_numbers_problems_in_parentheses():
    sections = sections_of("2024-05.pdf")
    assert [s.heading for s in sections if s.key in ("专线服务", "回访督办")] == [
        "（四）专线服务",
        "（五）回访督办",
    ]
    problems = [s.heading for s in sections if s.key == "存在的问题"]
    assert problems[2] == "（三）市民政局、市生态环境局、市国资委工单办理质量整体偏低"


@pytest.mark.parametrize("name", MONTH_OF)
def test_nothing_after_the_narrative_is_read(name):
    text = "".join(s.text for s in sections_of(name))
    for after in ("附件", "评价表", "分送", "日印发", "岳政简准字", "部门名称", "华容县920"):
        assert after not in text
    assert not re.search(r"—\d+—", text)


def test_items_must_be_numbered_in_sequence_and_start_a_paragraph():
    sections = read_sections(
        lines(
            "一、工作动态",
            "（一）甲事。",
            "（三）乙事跳号，不算新条目。",
            "（二）丙事开始于",
            "（二）这一行是折行，不算新条目。",
            "二、12345热线运行情况",
            "（一）诉求类型。甲类1件。",
            "1、小条目不是新条目。",
            "（二）工单考核。乙。",
        )
    )
    assert triples(sections) == [
        ("工作动态", "（一）甲事", "甲事。（三）乙事跳号，不算新条目。"),
        (
            "工作动态",
            "（二）丙事开始于（二）这一行是折行，不算新条目",
            "丙事开始于（二）这一行是折行，不算新条目。",
        ),
        ("诉求类型", "（一）诉求类型", "诉求类型。甲类1件。1、小条目不是新条目。"),
        ("工单考核", "（二）工单考核", "工单考核。乙。"),
    ]


def test_an_indented_line_starts_an_item_even_after_an_unfinished_line():
    sections = read_sections(
        [
            Line("一、存在的问题", 1, x0=110),
            Line("1、某单位工单办理超期", 1, x0=110),
            Line("严重", 1, x0=80),
            Line("2、另一单位", 1, x0=110),
            Line("3、折行不算", 1, x0=80),
        ]
    )
    assert triples(sections) == [
        ("存在的问题", "1、某单位工单办理超期严重", "某单位工单办理超期严重"),
        ("存在的问题", "2、另一单位3、折行不算", "另一单位3、折行不算"),
    ]


def test_markdown_marks_and_an_unknown_section_title():
    sections = read_sections(
        lines(
            "### 一、工作动态",
            "**（一）某会议召开。**3月25日开会。",
            "#### 二、下一步工作",
            "继续做好工作。",
            "- 附件：1、某表",
        )
    )
    assert triples(sections) == [
        ("工作动态", "（一）某会议召开", "某会议召开。3月25日开会。"),
        ("下一步工作", "二、下一步工作", "继续做好工作。"),
    ]


@pytest.mark.parametrize(
    "end",
    [
        "附件：1、2024年3月综合评价表",
        "附件1：",
        "附件 2",
        "分送：各单位。",
        "岳阳市人民政府12345热线服务中心 2024年4月18日印发",
    ],
)
def test_reading_stops_at_attachments_or_banji(end):
    sections = read_sections(lines("一、工作动态", "某事。", end, "尾部文字。"))
    assert triples(sections) == [("工作动态", "一、工作动态", "某事。")]


def test_an_unrelated_document_has_no_sections():
    assert read_sections(lines("番茄炒蛋的做法", "一、准备食材：番茄两个。", "先炒鸡蛋。")) == []


def rewrap(text: str, width: int, spaced: bool) -> list[str]:
    """A paragraph as a PDF extraction breaks it, optionally with spaces around numbers."""
    chunks = [text[i : i + width] for i in range(0, len(text), width)]
    if spaced:
        chunks = [
            re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=[\d%])(?=[\u4e00-\u9fff])", " ", c)
            for c in chunks
        ]
    return chunks


@pytest.mark.parametrize("name", ["2024-03.docx", "2024-05.docx"])
@settings(max_examples=40, deadline=None)
@given(width=st.integers(14, 40), spaced=st.booleans())
def test_property_wrapping_and_pdf_spacing_do_not_change_the_sections(name, width, spaced):
    paragraphs = fixture_lines(name)
    wrapped = [Line(chunk, p.page) for p in paragraphs for chunk in rewrap(p.text, width, spaced)]
    assert triples(read_sections(wrapped)) == triples(sections_of(name))


def chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, units = divmod(n, 10)
    if not tens:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


@given(st.integers(1, 99))
def test_property_chinese_heading_numbers_read_back(n):
    assert parse_cn_numeral(chinese(n)) == n


@pytest.mark.parametrize("text", ["", "十十", "一二", "二十三十", "百", "3"])
def test_what_is_not_a_chinese_number(text):
    assert parse_cn_numeral(text) is None


def test_a_long_heading_wrapped_in_a_text_extraction_is_one_heading():
    title = "岳阳市人民政府门户网站及各县市区政务新媒体平台市长"
    assert len(title) > 24
    sections = read_sections(
        lines("一、工作动态", "某事。", f"二、{title}", "信箱运行情况", "来信1113件。")
    )
    assert triples(sections)[1] == ("市长信箱运行情况", f"二、{title}信箱运行情况", "来信1113件。")


@pytest.mark.parametrize(
    ("after", "first"),
    [
        ("领导接听日活动", ("工作动态", "一、工作动态", "领导接听日活动某事。")),
        ("（一）领导接听日活动", ("工作动态", "（一）领导接听日活动某事", "领导接听日活动某事。")),
        ("3月25日，开会。", ("工作动态", "一、工作动态", "3月25日，开会。某事。")),
        ("二、热线运行情况", ("热线运行情况", "二、热线运行情况", "某事。")),
    ],
)
def test_a_heading_short_enough_for_one_line_takes_no_next_line_in_text(after, first):
    assert triples(read_sections(lines("一、工作动态", after, "某事。")))[0] == first


def pdf_line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text, 1, top=top, bottom=top + 16, x0=x0, x1=x1)


@pytest.mark.parametrize(
    ("heading_x1", "after_x0", "joined"),
    [
        (510.0, 90.0, True),  # the heading runs to the margin; the next line is its end
        (400.0, 90.0, False),  # the heading ends short of the margin: it did not wrap
        (510.0, 122.0, False),  # the next line is indented: a paragraph of its own
    ],
)
def test_a_heading_wrapped_in_a_pdf_runs_to_the_margin(heading_x1, after_x0, joined):
    sections = read_sections(
        [
            pdf_line("一、工作动态", 122, 218, 100),
            pdf_line("某事一件，写满一行的正文文字。", 90, 512, 128),
            pdf_line("二、全市政务服务便民诉求受理", 122, heading_x1, 156),
            pdf_line("与热线运行情况", after_x0, 202, 184),
            pdf_line("来电65452件。", 122, 300, 212),
        ]
    )
    if joined:
        assert triples(sections)[1] == (
            "热线运行情况",
            "二、全市政务服务便民诉求受理与热线运行情况",
            "来电65452件。",
        )
    else:
        assert triples(sections)[1] == (
            "全市政务服务便民诉求受理",
            "二、全市政务服务便民诉求受理",
            "与热线运行情况来电65452件。",
        )


def test_text_is_not_joined_across_a_scanned_page_and_reading_resumes_at_a_heading():
    sections = read_sections(
        [
            *lines("一、工作动态", "（一）某事。"),
            *lines("二、12345热线运行情况", "各责任单位承办工单", page=2),
            *lines("59件，满意率88.89%。", "（四）专线服务。工单59件。", page=4),
            *lines("三、市长信箱运行情况", "来信1113件。", page=4),
        ],
        unread_pages=frozenset({3}),
    )
    assert triples(sections) == [
        ("工作动态", "（一）某事", "某事。"),
        ("热线运行情况", "二、12345热线运行情况", "各责任单位承办工单"),
        ("市长信箱运行情况", "三、市长信箱运行情况", "来信1113件。"),
    ]


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("### 县市区", "县市区"),
        ("#### 四、工作经验交流", "四、工作经验交流"),
        ("##", ""),
        ("#3栋电梯故障停运", "#3栋电梯故障停运"),
        ("##12345热线", "##12345热线"),
        ("**（一）诉求类型。**", "（一）诉求类型。"),
        ("- 附件：1、综合评价表", "附件：1、综合评价表"),
    ],
)
def test_strip_markup_takes_a_heading_mark_only_with_a_space_after_it(text, stripped):
    assert strip_markup(text) == stripped
