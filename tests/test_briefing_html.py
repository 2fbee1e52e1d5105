"""The print sheet's HTML: parsed text is escaped, only the sheet's own tags are made, and
what does not fit on the page is counted, not dropped silently."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from lib.briefing.content import Library, build_briefing
from lib.briefing.html import STYLE, briefing_html, fitted
from lib.model import Adjustment, Category, Section
from lib.store import Store
from tests.apptest import HOSTILE_NAMES, made_bulletin
from tests.briefing_library import sample_library

PNG = b"\x89PNG\r\n\x1a\nfake"
SHEET_TAGS = {"div", "h1", "h2", "p", "b", "table", "thead", "tbody", "tr", "th", "td", "img"}
SCRIPT, LINK = HOSTILE_NAMES


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def hostile(tmp_path):
    """A month where the unit's name, an adjustment, a passage and a category carry markup."""
    bulletin = made_bulletin(2024, 5, HOSTILE_NAMES)
    bulletin.adjustments = [
        Adjustment(
            "deduction", SCRIPT, -1.0, "<b>质量</b>", '明细<img src=x onerror="alert(1)">', 1, 1
        )
    ]
    bulletin.sections = [Section("存在的问题", "（一）<script>", f"{SCRIPT}办理不力，“引号”&。", 5)]
    bulletin.categories = [Category("<i>类</i>", 10, 1.0)]
    store = Store.open(f"sqlite:///{tmp_path / 'hostile.db'}")
    try:
        store.import_bulletin(bulletin, b"hostile")
        library = Library.from_store(store)
    finally:
        store.close()
    return build_briefing(library, SCRIPT)


def test_parsed_text_is_escaped(hostile):
    html = briefing_html(hostile, PNG)
    assert "<script" not in html and "<i>" not in html and 'onerror="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; · 2024年5月通报数据" in html
    assert "明细&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;办理不力，“引号”&amp;。" in html


def test_only_the_sheet_s_own_tags_and_one_inline_png(hostile):
    tags = parsed(briefing_html(hostile, PNG))
    assert {tag for tag, _ in tags} <= SHEET_TAGS
    images = [attrs for tag, attrs in tags if tag == "img"]
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png;base64,")
    assert all(set(attrs) <= {"class", "alt", "src"} for _, attrs in tags)


def test_the_style_is_a_constant_without_parsed_text():
    assert STYLE.startswith("<style>") and STYLE.rstrip().endswith("</style>")


def test_the_sample_sheet_shows_everything_for_louqu():
    briefing = build_briefing(sample_library("pdf"), "岳阳楼区")
    assert fitted(briefing) == (5, 4)
    html = briefing_html(briefing, PNG)
    assert "另有" not in html
    assert "（热线编号：537509、412489）" in html


def test_what_does_not_fit_is_counted():
    briefing = build_briefing(sample_library("pdf"), "岳阳楼区")
    crowded = replace(briefing, mentions=briefing.mentions * 4)
    adjustments, mentions = fitted(crowded)
    assert adjustments == 5 and 1 <= mentions < 16
    assert f"另有 {16 - mentions} 条，详见分析台。" in briefing_html(crowded, PNG)
