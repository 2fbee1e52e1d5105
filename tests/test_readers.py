"""The readers on the real samples: pages, tables, wrapped and merged cells, first lines."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from hypothesis import given
from hypothesis import strategies as st

from lib.document import Line, Table
from lib.doubt import UNSURE_BELOW
from lib.readers import read_document, sniff

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"


@functools.cache
def read(path: Path):
    return read_document(path.read_bytes(), path.name)


def tables(doc) -> list[Table]:
    return [b for b in doc.blocks() if isinstance(b, Table)]


PDF_HEADER = [
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
DOCX_HEADER = [
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


@pytest.mark.parametrize(
    ("name", "fmt", "pages", "table_rows"),
    [
        (
            "2024-03.pdf",
            "pdf",
            13,
            {7: [38], 8: [31], 9: [38], 10: [25], 11: [18], 12: [3], 13: [17]},
        ),
        ("2024-05.pdf", "pdf", 13, {7: [38], 8: [30], 9: [38], 10: [21], 11: [15], 12: [26]}),
        ("2024-03.docx", "docx", 5, {2: [68], 3: [62], 4: [20], 5: [17]}),
        ("2024-05.docx", "docx", 5, {2: [67], 3: [58], 4: [15], 5: [26]}),
    ],
)
def test_sample_structure(name, fmt, pages, table_rows):
    doc = read(FIXTURES / name)
    assert (doc.format, doc.page_count) == (fmt, pages)
    found = {p.number: [len(b.rows) for b in p.blocks if isinstance(b, Table)] for p in doc.pages}
    assert {n: rows for n, rows in found.items() if rows} == table_rows
    assert all(page.has_text for page in doc.pages)
    assert all(block.page == page.number for page in doc.pages for block in page.blocks)


@pytest.mark.parametrize(
    ("name", "first_lines"),
    [
        (
            "2024-03.pdf",
            [
                "政务服务热线工作通报",
                "2024 年第 3 期",
                "岳阳市人民政府 12345 热线服务中心 2024 年 4 月 22 日",
                "2024 年 3 月 12345 热线和市长信箱",
                "运行办理情况通报",
                "一、工作动态",
            ],
        ),
        (
            "2024-05.pdf",
            [
                "政务服务热线工作通报",
                "岳阳市人民政府 12345 热线服务中心 2024 年 6 月 24 日",
                "2024 年 5 月 12345 热线和市长信箱",
                "运行办理情况通报",
                "一、工作动态",
            ],
        ),
        (
            "2024-03.docx",
            [
                "政务服务热线工作通报",
                "2024年第3期",
                "岳阳市人民政府12345热线服务中心\t2024年4月22日",
                "2024年3月12345热线和市长信箱",
                "运行办理情况通报",
                "一、工作动态",
            ],
        ),
        (
            "2024-05.docx",
            [
                "政务服务热线工作通报",
                "岳阳市人民政府12345热线服务中心\t2024年6月24日",
                "2024年5月12345热线和市长信箱",
                "运行办理情况通报",
                "一、工作动态",
            ],
        ),
    ],
)
def test_first_lines_of_page_one(name, first_lines):
    blocks = read(FIXTURES / name).pages[0].blocks
    assert [b.text for b in blocks[: len(first_lines)]] == first_lines


def test_pdf_lines_carry_positions_in_reading_order():
    page = read(FIXTURES / "2024-03.pdf").pages[0]
    first = page.blocks[0]
    assert (first.x0, first.x1, round(first.top, 2), round(first.bottom, 2)) == (
        120.6,
        480.6,
        125.7,
        161.7,
    )
    tops = [b.top for b in page.blocks]
    assert tops == sorted(tops)
    assert (page.width, page.height) == (pytest.approx(595.3039), pytest.approx(841.8898))


@pytest.mark.parametrize(
    ("name", "header", "group_row", "wrapped_name"),
    [
        ("2024-03.pdf", PDF_HEADER, ["县市区"] + [None] * 11, "国家金融监督管理总\n局岳阳监管分局"),
        ("2024-03.docx", DOCX_HEADER, ["县市区"] * 12, "国家金融监督管理总局岳阳监管分局"),
    ],
)
def test_wrapped_and_merged_cells(name, header, group_row, wrapped_name):
    hotline = tables(read(FIXTURES / name))[0]
    assert hotline.rows[0] == header
    assert hotline.rows[1] == group_row
    assert hotline.rows[2] == [
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
    wrapped = [row for row in hotline.rows if row[0] and row[0].startswith("国家金融")]
    assert [row[:3] for row in wrapped] == [[wrapped_name, "178", "178"]]


def test_pdf_wrapped_detail_keeps_its_visual_lines():
    bonus = tables(read(FIXTURES / "2024-03.pdf"))[-1]
    assert bonus.rows[8] == [
        "汨罗市",
        "+2",
        "创新创优",
        "3月28日上午，汨罗市召开12345热线工作会议，\n市直部门、乡镇工单员参加会议，并邀请市政府\n"
        "12345热线服务中心城运协调部部长邹焱进行专题培\n训。",
    ]
    assert bonus.rows[9] == ["", "+0.5", "信息报送", "市级及以上主流媒体刊登1篇典型案例"]


@pytest.mark.parametrize(
    ("name", "unit_cells"),
    [
        ("2024-05.pdf", ["湘阴县", None]),
        ("2024-05.docx", ["湘阴县", "湘阴县"]),
    ],
)
def test_vertical_merge_in_bonus_table(name, unit_cells):
    """May's 附件4 merges a unit's name over its rows: PDF gives None, DOCX repeats the text."""
    bonus = tables(read(FIXTURES / name))[-1]
    assert [row[0] for row in bonus.rows[4:6]] == unit_cells
    assert bonus.rows[5][1:3] == ["+1", "创新创优"]


def test_rotated_landscape_pages_read_like_upright_ones():
    doc = read(BAD / "rotated-landscape.pdf")
    assert [(round(p.width), round(p.height)) for p in doc.pages] == [(842, 595), (842, 595)]
    first, second = tables(doc)
    assert (len(first.rows), len(second.rows)) == (31, 37)
    assert first.rows[2] == [
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
    assert [b.text for b in doc.pages[0].blocks[:2]] == [
        "附件 1：",
        "2024 年 3 月岳阳市 12345 政务服务便民热线综合评价表",
    ]


def test_rule_less_table_rows_stay_one_token_per_cell():
    """A three-line table has no vertical rules: no grid, each row is a line of cells."""
    doc = read(FIXTURES / "variants" / "v2-threeline.pdf")
    assert tables(doc) == []
    texts = [b.text for b in doc.blocks()]
    assert "屈原管理区 139 139 100% 139 100% 9 6.47% 4 2.80% 98.1 A" in texts
    assert "市国防动员办公室 4 4 100% 2 50% 4 100% 1 33.33% 58.3 E" in texts


def test_owner_password_only_pdf_reads_like_the_original():
    locked = read(BAD / "owner-password-only.pdf")
    plain = read(FIXTURES / "2024-05.pdf")
    assert [t.rows for t in tables(locked)] == [t.rows for t in tables(plain)]
    assert [b.text for b in locked.blocks() if isinstance(b, Line)] == [
        b.text for b in plain.blocks() if isinstance(b, Line)
    ]


def test_mixed_scan_reads_the_scanned_page_by_ocr_like_its_text():
    """Page 3 is March's page 7 (附件1) as a 72-dpi picture: its grid reads as the text does,
    but for cells the engine says it is unsure of (at 72 dpi a 7 can look like a 1)."""
    doc = read(BAD / "mixed-scan.pdf")
    assert [p.recognised for p in doc.pages] == [False, False, True]
    text = tables(read(FIXTURES / "2024-03.pdf"))[0]
    scan = tables(doc)[0]
    assert len(scan.rows) == len(text.rows)
    differ = [
        scan.confidence[r][c]
        for r, row in enumerate(text.rows)
        for c, cell in enumerate(row)
        if scan.rows[r][c] != cell
    ]
    assert len(differ) <= 2 and all(score < UNSURE_BELOW for score in differ)


def test_all_image_pdf_is_read_as_a_scan():
    doc = read(BAD / "scanned.pdf")
    assert doc.format == "scan" and [p.recognised for p in doc.pages] == [True, True]


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_explicit_page_breaks_and_soft_line_breaks():
    def build(document):
        first = document.add_paragraph("第一页")
        first.add_run().add_break(WD_BREAK.LINE)
        first.add_run("换行后")
        first.add_run().add_break(WD_BREAK.PAGE)
        first.add_run("第二页开头")
        document.add_table(rows=1, cols=2).rows[0].cells[0].text = "格"
        document.add_paragraph("尾").paragraph_format.page_break_before = True

    doc = read_document(_docx_bytes(build), "breaks.docx")
    assert [[b.text if isinstance(b, Line) else b.rows for b in p.blocks] for p in doc.pages] == [
        ["第一页", "换行后"],
        ["第二页开头", [["格", ""]]],
        ["尾"],
    ]


def test_docx_rendered_page_breaks_win_over_explicit_ones():
    """Where Word saved its layout, its page breaks are the pages; explicit ones are in them."""

    def build(document):
        document.add_paragraph("一")
        document.add_paragraph("二").add_run().add_break(WD_BREAK.PAGE)
        third = document.add_paragraph("三")
        third.runs[0]._r.insert(0, third._p.makeelement(docx.oxml.ns.qn("w:lastRenderedPageBreak")))

    doc = read_document(_docx_bytes(build), "rendered.docx")
    assert [[b.text for b in p.blocks] for p in doc.pages] == [["一", "二"], ["三"]]


def test_sniff_by_content_not_name():
    assert sniff((FIXTURES / "2024-03.pdf").read_bytes()) == "pdf"
    assert sniff((FIXTURES / "2024-03.docx").read_bytes()) == "docx"
    assert sniff((FIXTURES / "seed-2024-05.txt").read_bytes()) == "text"
    assert sniff((BAD / "sheet.xlsx").read_bytes()) == "zip"
    assert sniff((BAD / "random.bin").read_bytes()) == "binary"


def test_gb18030_text_is_read():
    text = (FIXTURES / "seed-2024-05.txt").read_text(encoding="utf-8")
    doc = read_document(text.encode("gb18030"), "seed.txt")
    assert doc.format == "text"
    assert [b.text for b in doc.blocks()] == [
        b.text for b in read(FIXTURES / "seed-2024-05.txt").blocks()
    ]


@given(
    st.text(alphabet=st.characters(categories=["Lo", "Nd", "Po"]), min_size=1, max_size=3000),
    st.integers(0, 3),
)
def test_sniff_text_whatever_the_cut(text, pad):
    """A multi-byte character cut by the sniff's 4096-byte sample must not make text binary."""
    data = ("a" * pad + "通报" + text).encode("utf-8") * 3
    assert sniff(data) == "text"


def test_docx_section_breaks_start_a_page_unless_continuous():
    def build(document):
        document.add_paragraph("甲")
        document.add_section(WD_SECTION.CONTINUOUS)
        document.add_paragraph("乙")
        document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph("丙")

    doc = read_document(_docx_bytes(build), "sections.docx")
    assert [[b.text for b in p.blocks] for p in doc.pages] == [["甲", "乙"], ["丙"]]


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        # pdftotext: each page's marker, then the form feed that ends the page: one break.
        ("甲\n— 1 —\n\f乙\n—2—\n\f丙\n— 3 —\n\f", [["甲"], ["乙"], ["丙"]]),
        # Markers at the top of each page, after the form feed: still one break each.
        ("甲\f— 2 —\n乙\f— 3 —\n丙", [["甲"], ["乙"], ["丙"]]),
        # A blank page keeps its number.
        ("甲\f\f丙", [["甲"], [], ["丙"]]),
        # Text copied out of a viewer has no form feeds: the markers are the breaks.
        ("甲\n— 1 —\n乙\n— 2—\n丙", [["甲"], ["乙"], ["丙"]]),
    ],
)
def test_text_pages_break_once_at_a_marker_and_its_form_feed(text, pages):
    doc = read_document(text.encode("utf-8"), "extraction.txt")
    assert [[b.text for b in p.blocks] for p in doc.pages] == pages
    assert [b.page for b in doc.blocks()] == [n for n, p in enumerate(pages, 1) for _ in p]


def test_pdf_lines_carry_their_words_and_where_each_is_printed():
    page = read(FIXTURES / "variants" / "v2-threeline.pdf").pages[-1]
    line = next(b for b in page.blocks if b.text.startswith("市公安交警支队 +1 信件办理质量"))
    assert [w.text for w in line.words] == line.text.split(" ")
    assert [w.text for w in line.words][:3] == ["市公安交警支队", "+1", "信件办理质量"]
    assert (line.words[0].x0, line.words[-1].x1) == (line.x0, line.x1)
    assert all(a.x1 < b.x0 for a, b in zip(line.words, line.words[1:], strict=False))
    assert all(not b.words for b in read(FIXTURES / "seed-2024-05.txt").blocks())
