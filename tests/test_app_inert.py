"""Text from a file is shown as inert text on every page: unit names, details, narrative and
file names holding `<script>`, Markdown links and `data:` URLs never reach Markdown or HTML
live. The store holds the real March bulletin with such strings planted in it."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import (
    AlertBase,
    Dataframe,
    Html,
    Markdown,
    Radio,
    Text,
)

from lib.model import Bulletin, ParseWarning
from lib.store import Store
from tests.apptest import ROOT, as_shown, open_app
from tests.conftest import sample
from ui import overrides

SCRIPT = "<script>alert(1)</script>"
LINK = "[点此查看](javascript:alert(1))"
DATA = "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"
IMG = "<img src=x onerror=alert(1)>"
UNITS = {"岳阳楼区": f"岳阳楼区{SCRIPT}", "华容县": f"华容县{LINK}", "汨罗市": f"汨罗市{DATA}"}
DETAIL = f"{IMG} 详见 {LINK} 或 data:text/html,{SCRIPT}"
LIVE = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\((javascript|data):|javascript:alert")
"""Markup that would act: an HTML tag or a link target not escaped by ui.safe.inert()."""
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "views").glob("*.py"))


def planted() -> Bulletin:
    bulletin = copy.deepcopy(sample("2024-03.pdf").bulletin)
    bulletin.source.filename = f"{LINK}{SCRIPT}.pdf"
    bulletin.source.sha256 = hashlib.sha256(b"planted").hexdigest()
    for row in [*bulletin.evaluations, *bulletin.adjustments, *bulletin.checks]:
        row.unit = UNITS.get(row.unit, row.unit)
    bulletin.adjustments[0].detail = DETAIL
    bulletin.adjustments[1].indicator = LINK
    bulletin.categories[0].name = f"{SCRIPT}{DATA}"
    for section in bulletin.sections:
        section.text = f"{DETAIL}\n{section.text}"
    bulletin.checks[0].message = DETAIL
    bulletin.warnings.append(ParseWarning(DETAIL, 9, SCRIPT))
    return bulletin


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("inert") / "hotline.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.import_bulletin(planted(), b"planted").status == "imported"
    finally:
        store.close()
    return path


def walk(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def markdown_texts(at: AppTest) -> Iterator[str]:
    """Every string Streamlit renders as Markdown: bodies, alerts, labels, radio options."""
    for node in walk(at._tree):
        if isinstance(node, Markdown | AlertBase):
            yield node.value
        label = getattr(node, "label", None)
        if isinstance(label, str):
            yield label
        if isinstance(node, Radio):
            yield from map(str, node.options)


class LiveHtml(HTMLParser):
    """What in an HTML body could run or fetch: script tags, handlers, javascript:/data: URLs
    (a PNG of our own chart excepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if (
                name.startswith("on")
                or value.startswith("javascript:")
                or (value.startswith("data:") and not value.startswith("data:image/png;base64,"))
            ):
                self.found.append(f"{tag} {name}={value[:40]}")


def live_html(at: AppTest) -> list[str]:
    """Live HTML anywhere but in the app's own fixed script (ui.overrides.SIDEBAR_SCRIPT)."""
    parser = LiveHtml()
    for node in walk(at._tree):
        if isinstance(node, Html) and node.value != overrides.SIDEBAR_SCRIPT:
            parser.feed(node.value)
    return parser.found


def shown_as_text(at: AppTest) -> str:
    """Everything shown without Markdown: dataframe cells (a dossier link as the name it
    shows), st.text, HTML bodies (escaped)."""
    parts = []
    for node in walk(at._tree):
        if isinstance(node, Dataframe):
            parts.append(as_shown(node.value).to_csv())
        elif isinstance(node, Text | Html):
            parts.append(node.value)
    return "\n".join(parts)


def visit(monkeypatch, db, page: str) -> Iterator[AppTest]:
    """The page as it opens, then (the briefing) with a planted unit chosen, then printed:
    each state is yielded while it is on screen."""
    at = open_app(monkeypatch, db)
    at.query_params["units"] = [UNITS["岳阳楼区"], UNITS["华容县"]]
    at.run()
    yield at.switch_page(page).run()
    if page == "views/briefing.py":
        (unit,) = [s for s in at.main.selectbox if s.label.startswith("单位")]
        yield unit.set_value(UNITS["岳阳楼区"]).run()
        (printing,) = [t for t in at.main.toggle if t.label == "打印视图"]
        yield printing.set_value(True).run()


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_planted_text_live(monkeypatch, db, page):
    for at in visit(monkeypatch, db, page):
        assert not at.exception, page
        for text in markdown_texts(at):
            assert not LIVE.search(text), (page, text)
        assert live_html(at) == [], page


def test_the_planted_text_is_shown_somewhere_as_text(monkeypatch, db):
    """The check above is not vacuous: every planted string does reach the screen."""
    seen = "\n".join(shown_as_text(at) for page in PAGES for at in visit(monkeypatch, db, page))
    for planted_text in (*UNITS.values(), DETAIL, LINK, f"{SCRIPT}{DATA}"):
        assert planted_text in seen or planted_text.replace("<", "&lt;") in seen, planted_text
