"""Several sessions at once against one store: every import lands exactly once, readers keep
reading, and no "database is locked" (or any other error) reaches a caller."""

from __future__ import annotations

import multiprocessing

from lib.store import Store
from tests.conftest import all_at_once


def test_two_threads_import_different_bulletins(store, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]

    results = all_at_once(
        [
            lambda: store.import_bulletin(march.bulletin, march.data),
            lambda: store.import_bulletin(may.bulletin, may.data),
        ]
    )

    assert [r.status for r in results] == ["imported", "imported"]
    assert [b.period for b in store.list_bulletins()] == ["2024-03", "2024-05"]
    assert len(store.frame("evaluations")) == len(march.bulletin.evaluations) + len(
        may.bulletin.evaluations
    )
    assert store.integrity_problems() == []


def test_threads_importing_the_same_file_store_it_once(store, samples):
    march = samples["2024-03.pdf"]

    results = all_at_once([lambda: store.import_bulletin(march.bulletin, march.data)] * 5)

    assert sorted(r.status for r in results) == ["duplicate"] * 4 + ["imported"]
    assert len(store.list_bulletins()) == 1
    assert len(store.frame("evaluations")) == len(march.bulletin.evaluations)


def test_two_files_for_one_month_at_once_give_one_import_and_one_conflict(store, samples):
    pdf, docx = samples["2024-03.pdf"], samples["2024-03.docx"]

    results = all_at_once(
        [
            lambda: store.import_bulletin(pdf.bulletin, pdf.data),
            lambda: store.import_bulletin(docx.bulletin, docx.data),
        ]
    )

    assert sorted(r.status for r in results) == ["conflict", "imported"]
    assert len(store.list_bulletins()) == 1
    assert store.integrity_problems() == []


def test_five_sessions_importing_and_browsing(store_url, samples):
    """Five stores (as five app processes would have) on one database: two import, three
    browse the whole time; every import lands once and every read sees whole bulletins."""
    stores = [Store.open(store_url) for _ in range(5)]
    names = ["2024-03.pdf", "2024-05.pdf"]
    finished: list[str] = []
    sizes = {len(samples[n].bulletin.evaluations) for n in names}

    def importer(store, name):
        def job():
            try:
                return [
                    store.import_bulletin(samples[name].bulletin, samples[name].data).status
                    for _ in range(3)
                ]
            finally:
                finished.append(name)

        return job

    def browser(store):
        def job():
            seen = []
            while not seen or len(finished) < len(names):
                rows = store.frame("evaluations")
                seen.append(tuple(sorted(rows.groupby("period").size().tolist())))
                store.list_bulletins()
                store.version()
            return seen

        return job

    jobs = [
        importer(stores[0], names[0]),
        importer(stores[1], names[1]),
        *(browser(s) for s in stores[2:]),
    ]
    imports_a, imports_b, *reads = all_at_once(jobs)

    assert imports_a == imports_b == ["imported", "duplicate", "duplicate"]
    for seen in reads:
        assert all(set(counts) <= sizes for counts in seen)
    assert [b.period for b in stores[0].list_bulletins()] == ["2024-03", "2024-05"]
    assert stores[0].integrity_problems() == []
    for s in stores:
        s.close()


def _import_in_own_process(url, bulletin, data):
    store = Store.open(url)
    try:
        return store.import_bulletin(bulletin, data).status
    finally:
        store.close()


def test_processes_importing_at_once(store_url, samples):
    """The app and a `python -m lib import` run side by side: separate processes, one store."""
    Store.open(store_url).close()
    args = [
        (store_url, samples[n].bulletin, samples[n].data)
        for n in ("2024-03.pdf", "2024-05.pdf", "2024-03.pdf", "2024-05.pdf")
    ]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        statuses = pool.starmap(_import_in_own_process, args)

    assert sorted(statuses) == ["duplicate", "duplicate", "imported", "imported"]
    store = Store.open(store_url)
    assert [b.period for b in store.list_bulletins()] == ["2024-03", "2024-05"]
    assert store.integrity_problems() == []
    store.close()
