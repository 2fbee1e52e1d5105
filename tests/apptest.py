"""Helpers for the app's AppTest tests: an app on its own store, and bulletins made in code.

`open_app` points the app at a fresh SQLite file (HOTLINE_DB) with or without the demo load
(HOTLINE_DEMO) and returns an AppTest of app.py on one of its pages. `made_bulletin` builds a small Bulletin for a
month without the parser, so a page can be tested on exactly the rows a test needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from streamlit.testing.v1 import AppTest

from lib.model import Bulletin, Evaluation, Finding, Issue, ParseWarning, Period, Source
from lib.store import Store
from ui.links import DOSSIER_PATH, DOSSIER_TEXT

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
RUN_TIMEOUT_S = 120
HOSTILE_NAMES = ("<script>alert(1)</script>", "[x](javascript:alert(1))")


def use_store(monkeypatch: pytest.MonkeyPatch, db: Path, demo: bool) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    monkeypatch.setenv("HOTLINE_DEMO", "1" if demo else "0")


def open_app(
    monkeypatch: pytest.MonkeyPatch, db: Path, demo: bool = False, page: str = "views/upload.py"
) -> AppTest:
    """app.py on the store at `db`, opening at `page` (a url_path equal to the file's stem
    lets AppTest find the page before the first run)."""
    use_store(monkeypatch, db, demo)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    return at.switch_page(page)


def open_page(monkeypatch: pytest.MonkeyPatch, db: Path, path: str, **query) -> AppTest:
    """The app on `db` opened at page `path` with `query` in its URL, run without an exception
    or an error line on screen."""
    at = open_app(monkeypatch, db)
    at.query_params.update(query)
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def made_bulletin(
    year: int, month: int, units: tuple[str, ...] = ("岳阳楼区",), filename: str | None = None
) -> Bulletin:
    """A bulletin with one hotline row per unit, one finding and one warning on the first unit."""
    name = filename or f"made-{year}-{month:02d}.txt"
    source = Source(
        filename=name,
        sha256=hashlib.sha256(name.encode()).hexdigest(),
        pages=1,
        format="text",
        size=len(name),
    )
    rows = [
        Evaluation(
            channel="hotline",
            group="县市区",
            unit=unit,
            due=10,
            handled=10,
            completion_rate=100.0,
            on_time=10,
            on_time_rate=100.0,
            rework=0,
            rework_rate=0.0,
            visited=0,
            visited_rate=0.0,
            score=99.0,
            grade="A",
            order=i + 1,
            page=1,
        )
        for i, unit in enumerate(units)
    ]
    finding = Finding(
        kind="score",
        table="附件1",
        unit=units[0],
        field="score",
        printed=99.0,
        computed=100.0,
        message=f"{units[0]} 综合指标值印为 99，按公式计算为 100.00",
        channel="hotline",
        page=1,
    )
    warning = ParseWarning(message="未能确定归属的行", page=1, snippet=units[0])
    return Bulletin(
        source=source,
        issue=Issue(year, month, f"{year}年第{month}期"),
        period=Period(year, month),
        evaluations=rows,
        checks=[finding],
        warnings=[warning],
    )


def stored(db: Path, *bulletins: Bulletin) -> list[int]:
    """Import `bulletins` into the SQLite store at `db` (each with its own name as the file);
    returns their ids."""
    store = Store.open(f"sqlite:///{db}")
    try:
        results = [store.import_bulletin(b, b.source.filename.encode()) for b in bulletins]
    finally:
        store.close()
    assert all(r.status == "imported" for r in results), results
    return [r.bulletin_id for r in results]


def texts(at: AppTest) -> Iterator[str]:
    """Every string the app rendered as Markdown (where Markdown syntax would be live)."""
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "error",
        "warning",
        "info",
        "success",
    ):
        for element in getattr(at, kind):
            yield element.value
    for expander in at.expander:
        yield expander.label


def frames(at: AppTest) -> list:
    return [element.value for element in at.dataframe]


def as_shown(frame):
    """A page's dataframe with its dossier links as the page shows them: the unit's name (the
    link column's display text, decoded as Streamlit decodes it)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.map(_is_dossier_link).any():
            out[column] = values.map(link_text)
    return out


def link_text(url: str) -> str:
    found = re.search(DOSSIER_TEXT, url)
    return unquote(found.group(1).replace("+", "%20"))


def _is_dossier_link(value) -> bool:
    return isinstance(value, str) and value.startswith(f"{DOSSIER_PATH}?")
