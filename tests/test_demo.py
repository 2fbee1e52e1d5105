"""First run loads the demo bulletins once; deleted demo data never comes back."""

from __future__ import annotations

from lib.demo import DEMO_DIR, ensure_demo
from tests.conftest import all_at_once, parsed_sample


def test_demo_folder_holds_the_two_sample_pdfs():
    assert sorted(p.name for p in DEMO_DIR.glob("*.pdf")) == ["2024-03.pdf", "2024-05.pdf"]


def test_first_run_loads_the_demo_once(store, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "1")

    results = ensure_demo(store, parse=parsed_sample)

    assert [(r.status, r.period) for r in results] == [
        ("imported", "2024-03"),
        ("imported", "2024-05"),
    ]
    assert all(b.is_demo for b in store.list_bulletins())
    assert store.demo_seeded()
    assert ensure_demo(store, parse=parsed_sample) == []


def test_deleted_demo_does_not_come_back(store, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "1")
    ensure_demo(store, parse=parsed_sample)
    assert store.delete_demo() == 2

    assert ensure_demo(store, parse=parsed_sample) == []
    assert store.list_bulletins() == []


def test_hotline_demo_0_turns_it_off(store):
    assert ensure_demo(store, parse=parsed_sample) == []
    assert store.list_bulletins() == []
    assert not store.demo_seeded()


def test_a_store_with_bulletins_gets_no_demo(store, samples, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "1")
    may = samples["2024-05.pdf"]
    store.import_bulletin(may.bulletin, may.data)

    assert ensure_demo(store, parse=parsed_sample) == []
    assert store.demo_seeded()
    store.delete_bulletin(store.list_bulletins()[0].id)
    assert ensure_demo(store, parse=parsed_sample) == []


def test_sessions_starting_together_load_the_demo_once(store, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "1")

    results = all_at_once([lambda: ensure_demo(store, parse=parsed_sample)] * 3)

    statuses = sorted(r.status for batch in results for r in batch)
    assert statuses.count("imported") == 2
    assert set(statuses) <= {"imported", "duplicate"}
    assert [b.period for b in store.list_bulletins()] == ["2024-03", "2024-05"]
