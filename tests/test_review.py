"""Review and correction on the March sample, on SQLite and PostgreSQL: the queue holds every
known finding, a confirmation changes nothing, a correction reaches the ranking, the briefing
and the export, an undo takes all of it back, and the log says who did what and when."""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, datetime
from functools import partial

import docx
import pytest
from openpyxl import load_workbook

from lib.analysis.periods import period_rows
from lib.analysis.rankings import rank_in_group, ranking_table
from lib.analysis.spans import parse_span
from lib.backup import backup, restore
from lib.briefing import tables, text
from lib.briefing.content import Library, build_briefing
from lib.dossier import tables as dossier_tables
from lib.dossier.content import build_dossier
from lib.dossier.docx import dossier_docx
from lib.errors import ReviewError
from lib.export import library_tables, to_xlsx_bytes
from lib.review import requests
from lib.review.apply import stale
from lib.review.queue import build_queue
from lib.review.report import log_table
from lib.store import Store
from tests.conftest import FIXTURES

MARCH = "2024-03"
ANALYST = "分析员甲"


def correct(store, unit="市国资委", field="score", value="69.1", **more):
    request = requests.CorrectionRequest(
        more.pop("period", MARCH),
        more.pop("channel", "hotline"),
        unit,
        field,
        value,
        more.pop("reason", "按公式 0.3·办结率+… 计算为 69.11"),
        **more,
    )
    return store.append_review(partial(requests.correction, request=request))


def undo(store, entry_id, author="本机"):
    return store.append_review(partial(requests.undo, entry_id=entry_id, author=author))


def queue(store):
    return requests.month_queue(store.frame, MARCH)


@pytest.fixture
def march(store, samples):
    sample = samples["2024-03.pdf"]
    store.import_bulletin(sample.bulletin, sample.data)
    return store


def bureau(store, unit="市国资委"):
    ranking = rank_in_group(store.frame("evaluations"), "hotline", MARCH, "行政事业单位")
    return ranking[ranking["unit"] == unit].iloc[0]


def test_each_known_march_finding_waits_in_the_queue(march):
    known = json.loads((FIXTURES / "2024-03.findings.json").read_text(encoding="utf-8"))
    items = queue(march)
    listed = {(i.kind, i.unit, i.field): i.state for i in items}
    assert {(f["kind"], f["unit"], f["field"]) for f in known} == set(listed)
    assert set(listed.values()) == {"open"}


def test_confirming_leaves_every_value_as_printed(march):
    before = march.frame("evaluations")
    (item,) = [i for i in queue(march) if i.unit == "临湘市"]
    build = partial(requests.decision, period=MARCH, key=item.key, action="confirm", reason="")
    march.append_review(build)
    assert march.frame("evaluations").equals(before)
    assert [i.state for i in queue(march) if i.unit == "临湘市"] == ["confirmed"]


def test_a_correction_reaches_the_ranking_the_briefing_and_the_export(march):
    correct(march, author=ANALYST)

    row = bureau(march)
    assert row["score"] == 69.1
    assert row["correction"] == "综合指标值已更正：通报原值 69.0"
    shown = ranking_table(
        rank_in_group(march.frame("evaluations"), "hotline", MARCH, "行政事业单位"), "hotline"
    ).frame
    assert shown.loc[shown["部门名称"] == "市国资委※", "更正说明"].tolist() == [
        "综合指标值已更正：通报原值 69.0"
    ]

    briefing = build_briefing(Library.from_store(march), "市国资委", MARCH)
    assert briefing.headline("hotline").current.score == 69.1
    assert tables.headline_rows(briefing)[1][0][1] == "69.1※"
    assert "※2024年3月热线综合指标值已更正：通报原值 69.0" in text.source(briefing)

    book = load_workbook(io.BytesIO(to_xlsx_bytes(library_tables(march), {})))
    hotline = _rows(book["热线评价"])
    (mine,) = [r for r in hotline if r["部门名称"] == "市国资委"]
    assert mine["综合指标值"] == 69.1
    assert mine["更正说明"] == "综合指标值已更正：通报原值 69.0"
    (entry,) = _rows(book["核实记录"])
    assert (entry["通报原值"], entry["更正值"], entry["操作人"]) == ("69.0", "69.1", ANALYST)


def test_a_corrected_score_moves_the_unit_in_its_group(march):
    before = bureau(march)
    briefed = build_briefing(Library.from_store(march), "市国资委", MARCH).headline("hotline")
    correct(march, value="72")
    after = bureau(march)
    assert int(after["rank"]) == int(before["rank"]) - 1, "72 passes 湖南民族职业学院 (71)"
    assert bureau(march, "湖南民族职业学院")["rank"] == before["rank"]
    moved = build_briefing(Library.from_store(march), "市国资委", MARCH).headline("hotline")
    assert moved.current.rank == briefed.current.rank - 1


def test_undo_restores_every_consumer(march):
    evaluations = march.frame("evaluations")
    ranking = rank_in_group(evaluations, "hotline", MARCH, "行政事业单位")
    briefing = build_briefing(Library.from_store(march), "市国资委", MARCH)
    exported = library_tables(march)["热线评价"]

    entry = correct(march, value="72")
    undo(march, entry)

    assert march.frame("evaluations").equals(evaluations)
    assert rank_in_group(march.frame("evaluations"), "hotline", MARCH, "行政事业单位").equals(
        ranking
    )
    assert build_briefing(Library.from_store(march), "市国资委", MARCH) == briefing
    assert library_tables(march)["热线评价"].equals(exported)
    assert [i.state for i in queue(march) if i.unit == "市国资委"] == ["open"]


def test_the_log_lists_both_actions_with_author_and_time(march):
    start = datetime.now(UTC).replace(tzinfo=None)
    entry = correct(march, author=ANALYST)
    undo(march, entry)
    end = datetime.now(UTC).replace(tzinfo=None)

    log = march.frame("review_log")
    assert log[["id", "action", "author", "unit", "field", "printed", "value"]].values.tolist() == [
        [1, "correct", ANALYST, "市国资委", "score", "69.0", "69.1"],
        [2, "undo", "本机", "市国资委", "score", "69.0", "69.1"],
    ]
    assert log["undoes"].tolist()[1] == 1
    assert all(start <= at <= end for at in log["at"]), "stored as UTC, when written"
    table = log_table(log)
    assert table["现状"].tolist() == ["撤销编号 1", "已撤销"]
    assert table["操作"].tolist() == ["撤销", "更正"]


def test_a_count_corrected_rechecks_its_rate_and_the_score(march):
    correct(march, field="rework", value="14", reason="原表返工数多计一件")
    items = {(i.kind, i.field): i for i in queue(march) if i.unit == "市国资委"}
    rate = items[("rate", "rework_rate")]
    assert rate.message == "更正后：返工率印为 100.0%，按 14/15 计算为 93.33%"
    assert rate.state == "open", "a finding the correction caused still needs a look"
    assert items[("score", "score")].state == "open"


def test_replacing_the_month_keeps_corrections_whose_cell_remains(march, samples):
    kept = correct(march)
    gone = correct(march, unit="市发改委", value="61")
    replacement = copy.deepcopy(samples["2024-03.pdf"].bulletin)
    replacement.evaluations = [e for e in replacement.evaluations if e.unit != "市发改委"]
    data = samples["2024-03.pdf"].data + b"\n% reissued\n"
    assert march.import_bulletin(replacement, data, replace=True).status == "replaced"

    assert bureau(march)["score"] == 69.1
    log = march.frame("review_log")
    left = stale(march.frame("printed_evaluations"), log)
    assert left[["id", "why"]].values.tolist() == [[gone, "替换后的通报中没有这一行"]]
    assert kept not in set(left["id"])


def test_a_correction_against_another_printed_value_no_longer_applies(march, samples):
    correct(march)
    reissued = copy.deepcopy(samples["2024-03.pdf"].bulletin)
    (row,) = [e for e in reissued.evaluations if (e.unit, e.channel) == ("市国资委", "hotline")]
    row.score = 69.1
    march.import_bulletin(reissued, samples["2024-03.pdf"].data + b"\n%", replace=True)
    left = stale(march.frame("printed_evaluations"), march.frame("review_log"))
    assert left["why"].tolist() == ["替换后的通报原值为 69.1"]
    assert bureau(march)["correction"] == ""


REFUSED = {
    "unknown unit": (
        dict(unit="市不存在局"),
        "2024年3月热线评价表中没有单位“市不存在局”，未作记录",
    ),
    "unknown field": (dict(field="分数"), "字段“分数”不是评价表的一列，可用："),
    "not a number": (dict(value="六十九"), "综合指标值的更正值“六十九”不是数值，未作记录"),
    "rate over 100": (
        dict(field="rework_rate", value="100.5"),
        "返工率应在 0–100 之间，而不是“100.5”，未作记录",
    ),
    "negative count": (dict(field="rework", value="-1"), "返工数不能为负数，而不是“-1”，未作记录"),
    "fractional count": (
        dict(field="due", value="14.5"),
        "应办理数应为整数，而不是“14.5”，未作记录",
    ),
    "bad grade": (
        dict(field="grade", value="F"),
        "等级评价应为 A、B、C、D、E 之一，而不是“F”，未作记录",
    ),
    "month not stored": (dict(period="2024-04"), "通报库中没有2024年4月的热线评价表数据，未作记录"),
    "bad month": (dict(period="三月"), "月份“三月”应写作 YYYY-MM，如 2024-03，未作记录"),
    "bad channel": (
        dict(channel="电话"),
        "渠道“电话”无效，应为 hotline（热线）、mailbox（市长信箱），未作记录",
    ),
    "same value": (dict(value="69.0"), "综合指标值的当前值已是 69.0，未作记录"),
    "no reason": (dict(reason=" "), "更正须说明理由，未作记录"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_correction_is_one_line_and_writes_nothing(march, case):
    given, message = REFUSED[case]
    version = march.version()
    with pytest.raises(ReviewError) as refused:
        correct(march, **given)
    assert refused.value.message.startswith(message)
    assert march.version() == version
    assert march.frame("review_log").empty


def test_a_unit_printed_twice_needs_its_group(store, samples):
    may = samples["2024-05.pdf"]
    store.import_bulletin(may.bulletin, may.data)
    with pytest.raises(ReviewError, match="出现 2 次（县市区、行政事业单位），请用 --group"):
        correct(store, unit="城陵矶新港区", period="2024-05", value="90")
    correct(store, unit="城陵矶新港区", period="2024-05", value="90", group="行政事业单位")
    rows = store.frame("evaluations", period="2024-05", channel="hotline", unit="城陵矶新港区")
    assert rows[["group", "score"]].values.tolist() == [["县市区", 92.2], ["行政事业单位", 90.0]]


def test_an_undo_is_refused_twice_and_for_an_undo(march):
    entry = correct(march)
    second = undo(march, entry)
    for target, message in (
        (entry, f"编号 {entry} 已经撤销过，未作记录"),
        (second, f"编号 {second} 本身是撤销记录，不能再撤销，未作记录"),
        (99, "没有编号为 99 的核实记录，未作记录"),
    ):
        with pytest.raises(ReviewError) as refused:
            undo(march, target)
        assert refused.value.message == message
    assert len(march.frame("review_log")) == 2


def _rows(sheet) -> list[dict]:
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_a_backup_carries_the_log_and_its_corrections(march, tmp_path):
    entry = correct(march, author=ANALYST)
    undo(march, correct(march, unit="临湘市", value="96.5"))
    backup(march, tmp_path / "backup.zip")
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        restore(fresh, tmp_path / "backup.zip")
        assert fresh.frame("review_log").equals(march.frame("review_log"))
        assert fresh.frame("evaluations").equals(march.frame("evaluations"))
        assert correct(fresh, unit="市发改委", value="61") == entry + 3, "ids go on"
    finally:
        fresh.close()


def test_doubtful_values_join_the_queue_and_a_correction_settles_them(march):
    """The `doubtful` column a store may hold (fields read without certainty, comma-joined):
    one item per value; correcting that value sets it 已更正, the other stays 待核实."""
    correct(march, unit="岳阳楼区", field="rework", value="288", reason="对照原文")
    evaluations = march.frame("evaluations")
    doubtful = (evaluations["unit"] == "岳阳楼区") & (evaluations["channel"] == "hotline")
    evaluations["doubtful"] = ""
    evaluations.loc[doubtful, "doubtful"] = "score,rework"
    items = build_queue(
        MARCH,
        march.frame("findings"),
        march.frame("warnings"),
        evaluations,
        march.frame("review_log"),
    )
    mine = {(i.kind, i.field): i.state for i in items if i.unit == "岳阳楼区"}
    assert mine[("doubtful", "score")] == "open"
    assert mine[("doubtful", "rework")] == "corrected"
    assert ("correction", "rework") not in mine, "the correction is the doubtful item's own"


def test_a_corrected_month_reaches_the_period_and_the_dossier_marked(march, samples):
    may = samples["2024-05.pdf"]
    march.import_bulletin(may.bulletin, may.data)
    correct(march, unit="岳阳楼区", field="rework", value="279", reason="工单复核")
    half = parse_span("2024H1")

    rows = period_rows(march.frame("evaluations"), "hotline", half)
    mine = rows.set_index("unit_id").loc["岳阳楼区"]
    # March 289 reworked as printed, 279 corrected; May 260: (279 + 260) / 6405 = 8.4153 %
    assert (mine["rework"], mine["rework_rate"]) == (539, 8.42)
    assert (mine["corrected"], mine["correction"]) == (
        "rework",
        "2024年3月：返工数已更正：通报原值 289",
    )
    assert (rows.set_index("unit_id").loc["君山区", "correction"]) == ""

    dossier = build_dossier(Library.from_store(march), "岳阳楼区", half)
    totals = dossier_tables.totals_table(dossier, "hotline").frame
    assert totals[["期间", "返工数", "更正说明"]].values.tolist() == [
        ["2024年上半年※", 539, "2024年3月：返工数已更正：通报原值 289"]
    ]
    history = dossier_tables.history_table(dossier, "hotline").frame
    assert history[["月份", "返工数", "更正说明"]].values.tolist() == [
        ["2024年3月", 279, "返工数已更正：通报原值 289"],
        ["2024年5月", 260, ""],
    ]
    word = docx.Document(io.BytesIO(dossier_docx(dossier)))
    said = [p.text for p in word.paragraphs]
    assert "※ 2024年3月：返工数已更正：通报原值 289" in said
    assert "※ 2024年上半年：2024年3月：返工数已更正：通报原值 289" in said
    months = [row.cells[0].text for row in word.tables[2].rows]
    assert months == ["月份", "2024年3月※", "2024年5月"]
