"""The store's frames for the two sample bulletins (March and May 2024), read once per test
session, and small evaluation frames made in code for the cases the samples lack."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from lib.store import Store
from tests.conftest import sample

SAMPLES = ("2024-03.pdf", "2024-05.pdf")


@dataclass(frozen=True)
class Frames:
    evaluations: pd.DataFrame
    adjustments: pd.DataFrame
    overview: pd.DataFrame
    categories: pd.DataFrame
    grade_counts: pd.DataFrame
    sections: pd.DataFrame
    units: pd.DataFrame
    aliases: pd.DataFrame


@cache
def demo() -> Frames:
    """Frames of a store holding the two parsed samples. Shared: never mutate them."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            for name in SAMPLES:
                store.import_bulletin(sample(name).bulletin, sample(name).data)
            return Frames(
                store.frame("evaluations"),
                store.frame("adjustments"),
                store.frame("overview"),
                store.frame("categories"),
                store.frame("grade_counts"),
                store.frame("sections"),
                store.frame("units"),
                store.frame("aliases"),
            )
        finally:
            store.close()


def made_evaluations(
    rows: list[tuple[str, str, float, str]],
    channel: str = "hotline",
    group: str = "县市区",
    due: int = 100,
) -> pd.DataFrame:
    """An evaluations frame from (period, unit, score, grade) rows, other columns plain."""
    data = [
        {
            "period": period,
            "channel": channel,
            "group": group,
            "unit": unit,
            "unit_id": unit,
            "order": n,
            "due": due,
            "handled": due,
            "completion_rate": 100.0,
            "on_time": due,
            "on_time_rate": 100.0,
            "rework": 0,
            "rework_rate": 0.0,
            "visited": 0,
            "visited_rate": 0.0,
            "score": score,
            "grade": grade,
            "corrected": "",
            "correction": "",
        }
        for n, (period, unit, score, grade) in enumerate(rows)
    ]
    return pd.DataFrame(data).sort_values("period", kind="stable").reset_index(drop=True)
