"""One ranking rule everywhere: for every unit, month and channel of the fixtures, the place the
briefing gives is the place the 排名 page, the 单位对比 page and the library export give.

The fixtures: the two real samples (March and May 2024) and the four unseen months (July,
October and December 2024, February 2025), stored together.
"""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib.analysis.comparison import side_by_side
from lib.analysis.pools import place_text
from lib.analysis.rankings import rank_in_group
from lib.briefing.content import Library, Standing, build_briefing, standings
from lib.export import library_tables, to_xlsx_bytes
from lib.labels import CHANNELS
from lib.parse import parse_bytes
from lib.store import Store
from tests.conftest import sample

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
MONTHS = ("2024-03", "2024-05", "2024-07", "2024-10", "2024-12", "2025-02")


@cache
def stored() -> tuple[Library, dict[str, pd.DataFrame]]:
    """Every fixture month in one store: the briefing's Library and the export's tables."""
    files = [(found.data, found.bulletin) for found in map(sample, ("2024-03.pdf", "2024-05.pdf"))]
    for path in sorted(UNSEEN.glob("*.docx")):
        files.append((path.read_bytes(), parse_bytes(path.read_bytes(), path.name)))
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'months.db'}")
        try:
            for data, bulletin in files:
                store.import_bulletin(bulletin, data)
            return Library.from_store(store), library_tables(store)
        finally:
            store.close()


@pytest.fixture(scope="module")
def library() -> Library:
    return stored()[0]


@pytest.fixture(scope="module")
def briefed(library) -> dict[tuple[str, str, str], Standing]:
    """(unit id, channel, month) → the briefing's Standing, for every unit of the library."""
    return {
        (unit_id, s.channel, s.period): s
        for unit_id in library.unit_ids()
        for s in standings(library.evaluations, unit_id)
    }


def test_every_fixture_month_is_stored(library):
    assert library.months() == list(MONTHS)


def test_the_briefing_and_the_rankings_page_give_every_unit_the_same_place(library, briefed):
    rows = library.evaluations
    pages = {}
    for channel in CHANNELS:
        for month in MONTHS:
            ranking = rank_in_group(rows, channel, month, None).drop_duplicates("unit_id")
            for r in ranking.itertuples():
                pages[(r.unit_id, channel, month)] = (r.rank, r.out_of, r.pool)
    assert len(briefed) > 600
    assert {key: (s.rank, s.of, s.pool) for key, s in briefed.items()} == pages


@pytest.mark.parametrize("month", MONTHS)
def test_the_briefing_headline_is_the_comparison_pages_place(library, month):
    rows = library.evaluations
    listed = sorted(set(rows.loc[rows["period"] == month, "unit_id"]))
    for channel in CHANNELS:
        table = side_by_side(rows, channel, month, listed, {u: u for u in listed})
        shown = table.set_index("项目").loc["名次"]
        for unit_id in listed[:: max(1, len(listed) // 6)]:
            current = build_briefing(library, unit_id, month).headline(channel).current
            expected = "未列入" if current is None else current.place
            assert shown[unit_id] == expected, (unit_id, channel, month)


def test_the_export_gives_every_row_the_same_place(briefed):
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(stored()[1], {})))
    exported = {}
    for channel, sheet in (("hotline", "热线评价"), ("mailbox", "市长信箱评价")):
        values = list(workbook[sheet].values)
        frame = pd.DataFrame(values[1:], columns=values[0]).drop_duplicates(["月份", "统一单位名"])
        for r in frame.itertuples():
            exported[(r.统一单位名, channel, r.月份)] = place_text(
                str(r.名次), str(r.共), r.排名范围
            )
    assert {key: s.place for key, s in briefed.items()} == exported


def test_the_issues_example_mailbox_place_of_yueyanglou(library):
    """2024年5月 市长信箱: 岳阳楼区 is 8th of the 11 counties with 10 letters or more."""
    may = build_briefing(library, "岳阳楼区", "2024-05").headline("mailbox").current
    assert may.place == "第 8 / 11 · 信件≥10件的县市区"
    ranking = rank_in_group(library.evaluations, "mailbox", "2024-05", "县市区")
    assert ranking.set_index("unit_id").loc["岳阳楼区", "place"] == may.place
