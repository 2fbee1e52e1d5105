"""The parser on whole bulletins it has never seen: new months generated from data.

Every file NAME.{docx,pdf,md} in tests/fixtures/unseen/ (see make_unseen.py there) is parsed
with lib.parse.parse_bytes and compared field for field with NAME.expected.json, written from
the generating data; its checks must be exactly the source errors planted in it
(NAME.findings.json); every snippet in the key's `must_warn` must be quoted by a warning (a
figure deliberately left unread); every unit in `mentions` must be named by its section.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.truth_compare import mismatches, norm_text

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
SUFFIXES = (".docx", ".pdf", ".md")
ANSWER_KEYS = (
    "issue",
    "period",
    "published",
    "issuer",
    "overview",
    "categories",
    "hotline_grades",
    "mailbox",
    "mailbox_grades",
    "evaluations",
    "adjustments",
)
CHECK_KEYS = ("kind", "table", "unit", "field", "printed", "computed")
SHOW = 25

FILES = sorted(p for p in UNSEEN.iterdir() if p.suffix in SUFFIXES)


def sidecar(path: Path, what: str) -> dict | list:
    return json.loads(path.with_name(f"{path.stem}.{what}.json").read_text(encoding="utf-8"))


@functools.cache
def parsed(path: Path) -> dict:
    """The parser's JSON for one file, as the CLI prints it (parsed once per session)."""
    from lib.parse import parse_bytes

    out = parse_bytes(path.read_bytes(), path.name).to_json()
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def _warning(item: dict) -> str:
    page = f"p.{item['page']} " if item.get("page") else ""
    return f"{page}{item.get('message', '')} | {str(item.get('snippet', ''))[:80]}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unseen_bulletin_matches_its_answer_key(path: Path) -> None:
    got = parsed(path)
    found = mismatches(sidecar(path, "expected"), got)
    if found:
        head = "\n  ".join(found[:SHOW])
        more = f"\n  … and {len(found) - SHOW} more" if len(found) > SHOW else ""
        said = "".join(f"\n  {_warning(w)}" for w in got["warnings"][:8])
        pytest.fail(
            f"{path.name}: {len(found)} mismatches\n  {head}{more}\n"
            f"the parser's warnings ({len(got['warnings'])}):{said}",
            pytrace=False,
        )


def _finding(item: dict) -> tuple:
    return tuple(item.get(k) for k in CHECK_KEYS)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unseen_bulletin_checks_find_the_planted_errors_and_nothing_else(path: Path) -> None:
    want = Counter(_finding(f) for f in sidecar(path, "findings"))
    got = Counter(_finding(f) for f in parsed(path)["checks"])
    assert not want - got and not got - want, (
        f"{path.name}\n  not found: {sorted(want - got, key=str)}\n"
        f"  not planted: {sorted(got - want, key=str)}"
    )


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unseen_bulletin_warns_where_a_figure_is_left_unread_and_nowhere_else(path: Path) -> None:
    warnings = [norm_text(f"{w['message']} {w['snippet']}") for w in parsed(path)["warnings"]]
    expected = [norm_text(s) for s in sidecar(path, "expected")["must_warn"]]
    for snippet in expected:
        assert any(snippet in w for w in warnings), (
            f"{path.name}: no warning quotes “{snippet}”; warnings: {warnings[:8]}"
        )
    unexpected = [w for w in warnings if not any(s in w for s in expected)]
    assert not unexpected, f"{path.name}: warnings on a clean bulletin: {unexpected[:8]}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unseen_bulletin_sections_name_their_units(path: Path) -> None:
    sections = parsed(path)["sections"]
    for key, units in sidecar(path, "expected")["mentions"].items():
        text = norm_text("".join(s["text"] for s in sections if s["key"] == key))
        missing = [u for u in units if u not in text]
        assert not missing, f"{path.name}: section {key} does not name {missing}"


# --- the fixtures themselves (no parser needed) ---------------------------------------------------


def test_every_unseen_bulletin_has_its_key_and_findings() -> None:
    assert FILES, "no fixtures: run tests/fixtures/unseen/make_unseen.py"
    for path in FILES:
        for what in ("expected", "findings"):
            assert path.with_name(f"{path.stem}.{what}.json").exists(), f"{path.name}: no {what}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unseen_fixture_is_complete_and_small(path: Path) -> None:
    assert path.stat().st_size < 300 * 1024, f"{path.name} is over 300 KB"
    want = sidecar(path, "expected")
    assert not [k for k in ANSWER_KEYS if k not in want]
    assert want["evaluations"] and want["adjustments"] and want["categories"]
