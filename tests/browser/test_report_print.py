"""The monthly report's print sheet and the ranking sheets printed by chromium: the report of each
sample month takes 2–4 A4 pages, the lists one A4 landscape page per channel × group."""

from __future__ import annotations

import pypdfium2
import pytest

from lib.papers.content import Frames, build_report
from lib.papers.html import report_file
from lib.papers.lists import lists_file
from lib.store import Store

A4 = (595, 842)


@pytest.fixture(scope="module")
def frames(samples_db):
    store = Store.open(f"sqlite:///{samples_db}", read_only=True)
    try:
        return Frames.from_store(store)
    finally:
        store.close()


def printed(page, html: str) -> list[tuple[int, int]]:
    page.set_content(html, wait_until="load")
    pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True))
    return [tuple(round(x) for x in pdf[i].get_size()) for i in range(len(pdf))]


@pytest.mark.parametrize("month", ["2024-03", "2024-05"])
def test_the_report_prints_on_two_to_four_a4_pages(page, frames, month):
    sizes = printed(page, report_file(build_report(frames, month)))
    assert 2 <= len(sizes) <= 4
    assert set(sizes) == {A4}


def test_the_lists_print_one_landscape_page_per_channel_and_group(page, frames):
    report = build_report(frames, "2024-05")
    sizes = printed(page, lists_file(report.month, list(report.groups)))
    assert len(report.groups) == 6
    assert sizes == [A4[::-1]] * 6
