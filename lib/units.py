"""Canonical unit ids: one id per responsible unit, whatever name a table prints.

The alias table (lib/data/units.csv: unit_id,alias) is an editable data file; the store keeps
its own copy so editors can add aliases from the app. A name with no alias is its own id.
Printed names are never changed: the id sits beside them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lib.model import Bulletin
from lib.text import compact

ALIASES_CSV = Path(__file__).parent / "data" / "units.csv"


def normalise_name(name: str) -> str:
    return compact(name)


@dataclass
class UnitIndex:
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs) -> UnitIndex:
        return cls({normalise_name(alias): normalise_name(uid) for uid, alias in pairs})

    @classmethod
    def from_csv(cls, path: Path = ALIASES_CSV) -> UnitIndex:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return cls.from_pairs((r["unit_id"], r["alias"]) for r in csv.DictReader(fh))

    @staticmethod
    @cache
    def default() -> UnitIndex:
        return UnitIndex.from_csv()

    def unit_id(self, name: str) -> str:
        key = normalise_name(name)
        return self.aliases.get(key, key)

    def names_of(self, unit_id: str) -> list[str]:
        """Every name known for a unit, the id first: for searching text that mentions it."""
        return [unit_id, *sorted(a for a, uid in self.aliases.items() if uid == unit_id)]

    def names(self) -> frozenset[str]:
        """Every name the table knows, aliases and ids alike (normalised)."""
        return frozenset(self.aliases) | frozenset(self.aliases.values())

    def pairs(self) -> list[tuple[str, str]]:
        return sorted((uid, alias) for alias, uid in self.aliases.items())

    def assign(self, bulletin: Bulletin) -> None:
        for row in [*bulletin.evaluations, *bulletin.adjustments]:
            row.unit_id = self.unit_id(row.unit)
