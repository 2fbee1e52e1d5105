"""The store on SQLite and PostgreSQL: import, duplicate, conflict and replace, delete,
rollback of a failed import, frames, aliases, and the schema migration."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pandas as pd
import pytest
from sqlalchemy import delete, select, text, update

from lib.errors import NotABulletin, StoreError, ViewNameTaken
from lib.store import Store, importer
from lib.store.engine import writing
from lib.store.migrations import CURRENT_VERSION, stored_version
from lib.store.schema import (
    evaluations,
    overview,
    place_columns,
    review_log,
    saved_views,
    schema_version,
    unit_aliases,
    units,
)

EVALUATION_COLUMNS = [
    "period",
    "year",
    "month",
    "channel",
    "group",
    "unit",
    "unit_id",
    "order",
    "page",
    "due",
    "handled",
    "completion_rate",
    "on_time",
    "on_time_rate",
    "rework",
    "rework_rate",
    "visited",
    "visited_rate",
    "score",
    "grade",
    "doubtful",
    "bulletin_id",
    "corrected",
    "correction",
]


def test_import_stores_every_row_and_the_file(store, samples):
    march = samples["2024-03.pdf"]
    before = store.version()
    result = store.import_bulletin(march.bulletin, march.data)

    assert (result.status, result.period, result.existing_id) == ("imported", "2024-03", None)
    assert store.version() > before
    assert store.span() == ("2024-03", "2024-03")
    [info] = store.list_bulletins()
    b = march.bulletin
    assert (info.id, info.filename, info.is_demo) == (result.bulletin_id, "2024-03.pdf", False)
    assert info.hotline_rows == sum(e.channel == "hotline" for e in b.evaluations)
    assert info.mailbox_rows == sum(e.channel == "mailbox" for e in b.evaluations)
    assert (info.adjustment_rows, info.findings) == (len(b.adjustments), len(b.checks))
    assert info.imported_at.tzinfo is not None
    assert tuple(store.original(result.bulletin_id)) == ("2024-03.pdf", march.data)


def test_evaluation_frame_keeps_every_printed_number(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    frame = store.frame("evaluations")
    assert list(frame.columns) == EVALUATION_COLUMNS
    fields = [
        f.name
        for f in dataclasses.fields(march.bulletin.evaluations[0])
        if f.name not in ("order", "page", "unit_id", "doubtful", "box", "row_text")
    ]
    assert frame[fields].to_dict("records") == [
        {f: getattr(e, f) for f in fields} for e in march.bulletin.evaluations
    ]
    assert set(frame.doubtful) == {""}
    top = store.frame("evaluations", channel="hotline").query("group == '县市区'").head(3)
    assert list(zip(top.unit, top.score, strict=True)) == [
        ("华容县", 96.8),
        ("云溪区", 96.4),
        ("临湘市", 96.4),
    ]


def test_adjustment_points_stay_signed_numbers(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    frame = store.frame("adjustments")
    assert frame.points.tolist() == [a.points for a in march.bulletin.adjustments]
    assert frame.points.dtype == "float64"
    assert (frame.query("kind == 'deduction'").points < 0).all()
    assert store.frame("adjustments", kind="bonus").kind.unique().tolist() == ["bonus"]


def test_figures_frames_hold_the_narrative(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    o = store.frame("overview").iloc[0]
    assert (o.calls, o.work_orders, o.satisfaction_rate, o.mailbox_letters) == (
        70446,
        19710,
        96.16,
        1113,
    )
    grades = store.frame("grade_counts").set_index("channel")
    assert grades.loc[
        "hotline", ["A", "B", "C", "D_or_below", "zero_units", "units_total"]
    ].tolist() == [57, 2, 1, 4, 13, 79]
    assert pd.isna(grades.loc["mailbox", "D_or_below"])
    cats = store.frame("categories")
    assert cats.name.tolist() == [c.name for c in march.bulletin.categories]
    assert store.frame("sections").key.tolist() == [s.key for s in march.bulletin.sections]
    assert len(store.frame("findings")) == len(march.bulletin.checks)
    assert len(store.frame("warnings")) == len(march.bulletin.warnings)


def test_same_file_again_is_a_duplicate_and_writes_nothing(store, samples):
    march = samples["2024-03.pdf"]
    first = store.import_bulletin(march.bulletin, march.data)
    version = store.version()

    again = store.import_bulletin(march.bulletin, march.data, replace=True)

    assert (again.status, again.existing_id, again.bulletin_id) == (
        "duplicate",
        first.bulletin_id,
        None,
    )
    assert store.version() == version
    assert len(store.list_bulletins()) == 1
    assert len(store.frame("evaluations")) == len(march.bulletin.evaluations)


def test_other_file_for_a_loaded_month_conflicts_until_replace(store, samples):
    pdf, docx = samples["2024-03.pdf"], samples["2024-03.docx"]
    first = store.import_bulletin(pdf.bulletin, pdf.data)

    conflict = store.import_bulletin(docx.bulletin, docx.data)
    assert (conflict.status, conflict.existing_id, conflict.bulletin_id) == (
        "conflict",
        first.bulletin_id,
        None,
    )
    assert [b.filename for b in store.list_bulletins()] == ["2024-03.pdf"]

    replaced = store.import_bulletin(docx.bulletin, docx.data, replace=True)
    assert (replaced.status, replaced.existing_id) == ("replaced", first.bulletin_id)
    assert [b.filename for b in store.list_bulletins()] == ["2024-03.docx"]
    assert store.original(first.bulletin_id) is None
    assert set(store.frame("evaluations").bulletin_id) == {replaced.bulletin_id}
    assert len(store.frame("evaluations")) == len(docx.bulletin.evaluations)
    assert store.integrity_problems() == []


def test_delete_removes_the_bulletin_and_all_its_rows(store, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    kept = store.import_bulletin(march.bulletin, march.data)
    gone = store.import_bulletin(may.bulletin, may.data)

    assert store.delete_bulletin(gone.bulletin_id) is True
    assert store.delete_bulletin(gone.bulletin_id) is False
    assert [b.id for b in store.list_bulletins()] == [kept.bulletin_id]
    for rows in (
        store.frame("evaluations"),
        store.frame("adjustments"),
        store.frame("overview"),
        store.frame("categories"),
        store.frame("grade_counts"),
        store.frame("findings"),
    ):
        assert set(rows.bulletin_id) <= {kept.bulletin_id}
    assert store.span() == ("2024-03", "2024-03")
    assert store.integrity_problems() == []


def test_delete_demo_removes_only_demo_bulletins(store, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    store.import_bulletin(march.bulletin, march.data, demo=True)
    store.import_bulletin(may.bulletin, may.data)

    assert store.delete_demo() == 1
    assert [(b.period, b.is_demo) for b in store.list_bulletins()] == [("2024-05", False)]


def test_import_failing_half_way_leaves_nothing_behind(store, samples, monkeypatch):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    version, rows_before = store.version(), len(store.frame("evaluations"))

    def fail_after_evaluations(conn, bulletin_id, bulletin, index):
        written = conn.execute(
            select(evaluations.c.id).where(evaluations.c.bulletin_id == bulletin_id)
        ).all()
        assert len(written) == len(may.bulletin.evaluations)
        raise RuntimeError("injected failure")

    monkeypatch.setattr(importer, "_insert_adjustments", fail_after_evaluations)
    with pytest.raises(RuntimeError, match="injected failure"):
        store.import_bulletin(may.bulletin, may.data)

    assert [b.period for b in store.list_bulletins()] == ["2024-03"]
    assert len(store.frame("evaluations")) == rows_before
    assert store.version() == version
    assert store.integrity_problems() == []
    monkeypatch.undo()
    assert store.import_bulletin(may.bulletin, may.data).status == "imported"


def test_integrity_check_reports_a_cut_short_bulletin(store, samples):
    march = samples["2024-03.pdf"]
    result = store.import_bulletin(march.bulletin, march.data)
    with writing(store.engine) as conn:
        conn.execute(delete(overview).where(overview.c.bulletin_id == result.bulletin_id))
    assert store.integrity_problems() == [f"通报 {result.bulletin_id} 缺少概况行（导入不完整）"]


def test_bulletin_without_a_month_is_refused(store, samples):
    march = samples["2024-03.pdf"]
    undated = dataclasses.replace(march.bulletin, period=None)
    with pytest.raises(NotABulletin, match="未找到通报所属月份"):
        store.import_bulletin(undated, march.data)
    assert store.list_bulletins() == []


def test_empty_store_frames_have_their_columns(store):
    assert store.span() is None
    assert list(store.frame("evaluations").columns) == EVALUATION_COLUMNS
    assert store.frame("evaluations").score.dtype == "float64"
    for frame in (
        store.frame("adjustments"),
        store.frame("overview"),
        store.frame("categories"),
        store.frame("grade_counts"),
        store.frame("sections"),
        store.frame("findings"),
        store.frame("warnings"),
    ):
        assert frame.empty
        assert {"period", "bulletin_id"} <= set(frame.columns)


def test_frames_filter_by_channel_period_and_unit(store, samples):
    for name in ("2024-03.pdf", "2024-05.pdf"):
        store.import_bulletin(samples[name].bulletin, samples[name].data)
    may_mail = store.frame("evaluations", channel="mailbox", period=["2024-05"])
    assert set(may_mail.channel) == {"mailbox"} and set(may_mail.period) == {"2024-05"}
    huarong = store.frame("evaluations", unit_id=["华容县"])
    assert set(huarong.unit_id) == {"华容县"}
    assert set(huarong.period) == {"2024-03", "2024-05"}
    assert store.span() == ("2024-03", "2024-05")


def test_units_come_from_the_alias_table(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    adj = store.frame("adjustments")
    assert set(adj[adj.unit == "经开区"].unit_id) <= {"岳阳经开区"}
    aliases = store.frame("aliases").set_index("alias")
    assert aliases.loc["市国网供电公司", "unit_id"] == "国网岳阳供电公司"
    assert not aliases.edited.any()
    assert set(store.frame("evaluations").unit_id) <= set(store.frame("units").unit_id)


def test_alias_edit_repoints_stored_rows_and_later_imports(store, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    version = store.version()

    changed = store.set_alias("华容县", "华容县人民政府")

    assert changed == sum(e.unit == "华容县" for e in march.bulletin.evaluations) + sum(
        a.unit == "华容县" for a in march.bulletin.adjustments
    )
    assert store.version() > version
    assert set(store.frame("evaluations").query("unit == '华容县'").unit_id) == {"华容县人民政府"}
    store.import_bulletin(may.bulletin, may.data)
    assert set(
        store.frame("evaluations", period=["2024-05"]).query("unit == '华容县'").unit_id
    ) == {"华容县人民政府"}
    assert store.frame("aliases").set_index("alias").loc["华容县", "edited"]

    store.remove_alias("华容县")
    assert set(store.frame("evaluations").query("unit == '华容县'").unit_id) == {"华容县"}


def test_demo_seeded_flag_is_remembered(store):
    assert store.demo_seeded() is False
    store.mark_demo_seeded()
    assert store.demo_seeded() is True


def test_upgrade_from_version_1_backfills_units(store_url, samples, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    march = samples["2024-03.pdf"]
    store = Store.open(store_url)
    store.import_bulletin(march.bulletin, march.data)
    _downgrade_to_version_1(store)
    store.close()

    upgraded = Store.open(store_url)

    with upgraded.engine.connect() as conn:
        assert stored_version(conn) == CURRENT_VERSION
    assert set(upgraded.frame("evaluations").unit_id) <= set(upgraded.frame("units").unit_id)
    assert "市国网供电公司" in set(upgraded.frame("aliases").alias)
    assert (
        upgraded.import_bulletin(
            samples["2024-05.pdf"].bulletin, samples["2024-05.pdf"].data
        ).status
        == "imported"
    )
    assert upgraded.integrity_problems() == []
    upgraded.close()


def test_upgrade_from_version_4_keeps_rows_without_their_places(store_url, samples, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    march = samples["2024-03.pdf"]
    store = Store.open(store_url)
    store.import_bulletin(march.bulletin, march.data)
    _drop_review_log(store)
    store.close()

    upgraded = Store.open(store_url)

    places = upgraded.frame("places")
    assert len(places) == len(march.bulletin.evaluations)
    assert places["box_top"].isna().all() and (places["row_text"] == "").all()
    assert upgraded.frame("review_log").empty
    assert upgraded.frame("evaluations")["score"].tolist() == [
        e.score for e in march.bulletin.evaluations
    ]
    assert upgraded.integrity_problems() == []
    upgraded.close()


def _downgrade_to_version_1(store: Store) -> None:
    """A version-1 store: the current schema without what migrations 2 to 5 added."""
    _drop_doubtful(store)
    with writing(store.engine) as conn:
        saved_views.drop(conn)
        unit_aliases.drop(conn)
        units.drop(conn)
        conn.execute(delete(schema_version))
        conn.execute(schema_version.insert().values(version=1, applied_at=datetime(2024, 1, 1)))


def _drop_review_log(store: Store) -> None:
    """Undo migration 5: the review log and the rows' places go, the store is at version 4."""
    with writing(store.engine) as conn:
        review_log.drop(conn)
        for column in place_columns():
            conn.execute(text(f"ALTER TABLE evaluations DROP COLUMN {column.name}"))
        conn.execute(update(schema_version).values(version=4))


def _drop_doubtful(store: Store) -> None:
    """Undo migrations 5 and 4: the rows' doubtful columns go, the store is at version 3."""
    _drop_review_log(store)
    with writing(store.engine) as conn:
        for table in ("evaluations", "adjustments"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN doubtful"))
        conn.execute(update(schema_version).values(version=3))


def test_upgrade_from_version_2_adds_saved_views_and_keeps_the_data(
    store_url, samples, monkeypatch
):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    march = samples["2024-03.pdf"]
    store = Store.open(store_url)
    store.import_bulletin(march.bulletin, march.data)
    _drop_doubtful(store)
    with writing(store.engine) as conn:
        saved_views.drop(conn)
        conn.execute(update(schema_version).values(version=2))
    store.close()

    upgraded = Store.open(store_url)

    with upgraded.engine.connect() as conn:
        assert stored_version(conn) == CURRENT_VERSION
    assert upgraded.frame("saved_views").empty
    view_id = upgraded.save_view("县市区得分", '{"measure": "score"}')
    assert upgraded.frame("saved_views", id=view_id).name.tolist() == ["县市区得分"]
    assert len(upgraded.frame("evaluations")) == len(march.bulletin.evaluations)
    upgraded.close()


def test_upgrade_from_version_3_keeps_rows_sure_and_stores_doubt_after(
    store_url, samples, monkeypatch
):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    march = samples["2024-03.pdf"]
    store = Store.open(store_url)
    store.import_bulletin(march.bulletin, march.data)
    _drop_doubtful(store)
    store.close()

    upgraded = Store.open(store_url)
    assert set(upgraded.frame("evaluations").doubtful) == {""}
    may = dataclasses.replace(samples["2024-05.pdf"].bulletin)
    may.evaluations = [dataclasses.replace(e) for e in may.evaluations]
    may.evaluations[0].doubtful = ["rework", "score"]
    upgraded.import_bulletin(may, samples["2024-05.pdf"].data)
    stored = upgraded.frame("evaluations")
    assert list(stored[stored.doubtful != ""].doubtful) == ["rework,score"]
    assert upgraded.integrity_problems() == []
    upgraded.close()


def test_store_newer_than_the_program_is_refused(store_url, monkeypatch):
    store = Store.open(store_url)
    with writing(store.engine) as conn:
        conn.execute(update(schema_version).values(version=CURRENT_VERSION + 1))
    store.close()
    with pytest.raises(StoreError, match="比本程序新"):
        Store.open(store_url)


def test_a_saved_view_is_kept_under_its_name_and_never_overwritten(store):
    before = store.version()
    first = store.save_view("县市区得分", '{"measure": "score"}')
    assert store.version() > before

    with pytest.raises(ViewNameTaken, match="县市区得分"):
        store.save_view("县市区得分", '{"measure": "due"}')

    views = store.frame("saved_views")
    assert views[["id", "name", "spec"]].values.tolist() == [
        [first, "县市区得分", '{"measure": "score"}']
    ]
    assert store.delete_view(first) is True
    assert store.delete_view(first) is False
    assert store.frame("saved_views").empty
    assert store.save_view("县市区得分", "{}") > first
