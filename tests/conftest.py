"""Shared fixtures: the sample bulletins parsed once per session, and a fresh store per test.

Store tests take `store` (or `store_url`) and run on SQLite, and on PostgreSQL too when
TEST_DATABASE_URL is set (scripts/test starts a throwaway server): each PostgreSQL test gets
its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit import config as st_config

from lib.model import Bulletin
from lib.parse import parse_bytes
from lib.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_FILES = ("2024-03.pdf", "2024-05.pdf", "2024-03.docx")


@dataclass(frozen=True)
class Sample:
    """A sample file, its bytes and its parse. Shared by many tests: never mutate it."""

    name: str
    data: bytes
    bulletin: Bulletin


@cache
def sample(name: str) -> Sample:
    data = (FIXTURES / name).read_bytes()
    return Sample(name, data, parse_bytes(data, name))


def parsed_sample(data: bytes, name: str) -> Bulletin:
    """parse_bytes for the sample files, from the session's cache (checked by content)."""
    cached = sample(name)
    assert cached.data == data
    return cached.bulletin


def all_at_once(jobs):
    """Run the callables in threads released together; return their results in order."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        barrier.wait()
        return job()

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


@pytest.fixture(scope="session")
def samples() -> dict[str, Sample]:
    return {name: sample(name) for name in SAMPLE_FILES}


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory) -> Path:
    """The March and May PDF samples stored in a SQLite file, shared: only read it."""
    from tests.briefing_library import store_samples

    db = tmp_path_factory.mktemp("samples") / "samples.db"
    store_samples(db)
    return db


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL to an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hotline.db'}"
        return
    with postgres_schemas(1) as (url,):
        yield url


@contextmanager
def postgres_schemas(count: int) -> Iterator[list[str]]:
    """URLs of `count` new, empty schemas on TEST_DATABASE_URL, dropped afterwards; the test
    is skipped when no PostgreSQL is configured."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL not set: PostgreSQL store tests skipped")
    schemas = [f"test_{uuid.uuid4().hex[:12]}" for _ in range(count)]
    admin = create_engine(base)
    with admin.begin() as conn:
        for schema in schemas:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield [
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
            for schema in schemas
        ]
    finally:
        with admin.begin() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_url, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def exposed():
    """The server bound to every interface, as for colleagues on the network."""
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", before)
