"""Running page headers and footers are dropped before anything reads the document."""

from __future__ import annotations

from lib.document import Document, Line, Page, Table
from lib.extract.evaluations import read_evaluations
from lib.extract.furniture import running_places, without_running_lines
from tests.test_evaluations import HEADER, ROW_HUARONG, ROW_POLICE, ROW_YUNXI

RUNNING = "政务服务热线工作通报（2024年第3期）"


def at(text: str, page: int, top: float) -> Line:
    return Line(text, page, top=top, bottom=top + 10, x0=80, x1=520)


def test_a_running_page_header_inside_the_tables_is_not_read():
    header = " ".join(h.replace("\n", "") for h in HEADER)
    pages = [
        [at(RUNNING, n, 35.4), at(header, n, 105), at(" ".join(row), n, 120)]
        for n, row in ((7, ROW_HUARONG), (8, ROW_YUNXI), (9, ROW_POLICE))
    ]
    pages[0][1:1] = [at("热线综合评价表", 7, 60), at("县市区", 7, 90)]
    doc = Document("pdf", [Page(n, blocks) for n, blocks in zip((7, 8, 9), pages, strict=True)])
    rows, warnings = read_evaluations(without_running_lines(doc))
    assert [(r.unit, r.page) for r in rows] == [("华容县", 7), ("云溪区", 8), ("市公安交警支队", 9)]
    assert warnings == []


def test_a_header_and_a_footer_at_the_edges_of_three_pages_are_furniture():
    doc = Document(
        "pdf",
        [
            Page(
                n,
                [
                    at(RUNNING, n, 35.4),
                    at(f"正文第{n}页。", n, 100),
                    at("岳阳市12345热线服务中心", n, 800),
                ],
            )
            for n in (1, 2, 3)
        ],
    )
    assert running_places(doc) == {(RUNNING, "at 35"), ("岳阳市12345热线服务中心", "at 800")}
    assert [[b.text for b in p.blocks] for p in without_running_lines(doc).pages] == [
        ["正文第1页。"],
        ["正文第2页。"],
        ["正文第3页。"],
    ]


def test_text_extraction_furniture_is_counted_in_lines_from_the_page_edges():
    doc = Document(
        "text",
        [
            Page(
                n,
                [
                    Line(RUNNING, n),
                    Line(f"正文{n}", n),
                    Line(f"结尾{n}", n),
                    Line("内部资料 注意保存", n),
                ],
            )
            for n in (1, 2, 3)
        ],
    )
    assert [[b.text for b in p.blocks] for p in without_running_lines(doc).pages] == [
        ["正文1", "结尾1"],
        ["正文2", "结尾2"],
        ["正文3", "结尾3"],
    ]


def test_what_repeats_but_is_not_furniture_is_kept():
    """On two pages only; in the middle of the page; a table's repeated header; bare numbers."""
    two = Document("pdf", [Page(n, [at(RUNNING, n, 35.4), at("正文。", n, 100)]) for n in (1, 2)])
    assert without_running_lines(two) is two
    middle = [
        Page(n, [at(f"第{n}页", n, 30), at("同一句话", n, 100), at(f"正文{n}", n, 200)])
        for n in (1, 2, 3)
    ]
    assert without_running_lines(Document("pdf", middle)).pages == middle
    header = " ".join(h.replace("\n", "") for h in HEADER)
    tables = [
        Page(
            n,
            [
                at(header, n, 35.4),
                at("100%", n, 50),
                Table([ROW_HUARONG], n, 60, 80),
                at("100%", n, 90),
            ],
        )
        for n in (7, 8, 9)
    ]
    assert running_places(Document("pdf", tables)) == set()
