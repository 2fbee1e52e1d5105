"""The parser on layout variants of the sample bulletins it has never seen.

Every file NAME.{docx,pdf,txt} in tests/fixtures/variants/ is parsed with lib.parse.parse_bytes and
compared field for field with NAME.expected.json (the answer key of the sample it was made from;
see make_variants.py there for what each variant changes and how to regenerate them).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from tests.truth_compare import mismatches

VARIANTS = Path(__file__).parent / "fixtures" / "variants"
SUFFIXES = (".docx", ".pdf", ".txt", ".md")
EXPECTED_KEYS = (
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
SHOW = 25


def expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


FILES = sorted(p for p in VARIANTS.iterdir() if p.suffix in SUFFIXES)


def load_expected(path: Path) -> dict:
    return json.loads(expected_path(path).read_text(encoding="utf-8"))


@functools.cache
def parsed(path: Path) -> dict:
    """The parser's JSON for one file (parsed once per test session)."""
    from lib.parse import parse_bytes

    out = parse_bytes(path.read_bytes(), path.name).to_json()
    # Round-trip through JSON, as the CLI prints it (tuples, dataclass leftovers).
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_variant_matches_expected(path: Path) -> None:
    want = load_expected(path)
    got = parsed(path)
    found = mismatches(want, got)
    if found:
        head = "\n  ".join(found[:SHOW])
        more = f"\n  … and {len(found) - SHOW} more" if len(found) > SHOW else ""
        warnings = got.get("warnings") or []
        said = "".join(f"\n  {_warning(x)}" for x in warnings[:5])
        said = f"\nthe parser's warnings ({len(warnings)}):{said}" if warnings else ""
        pytest.fail(
            f"{path.name} ({want.get('variant', '')}): {len(found)} mismatches\n  "
            f"{head}{more}{said}",
            pytrace=False,
        )


CHECK_KEYS = ("kind", "table", "unit", "field", "printed", "computed")


def findings(out: dict) -> frozenset:
    return frozenset(
        tuple(str(c.get(k)) for k in CHECK_KEYS) if isinstance(c, dict) else str(c)
        for c in out.get("checks") or []
    )


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_variant_finds_the_samples_source_errors(path: Path) -> None:
    """Layout does not change what the checks find: the same findings as the sample's .docx."""
    want = load_expected(path)
    sample = f"{want['period']['year']}-{want['period']['month']:02d}"
    got = findings(parsed(path))
    expected = findings(parsed(VARIANTS.parent / f"{sample}.docx"))
    lost, extra = sorted(expected - got), sorted(got - expected)
    assert not lost and not extra, (
        f"{path.name}: checks differ from {sample}.docx's\n"
        f"  not found: {lost[:5]}\n  extra: {extra[:5]}"
    )


def _warning(item) -> str:
    if isinstance(item, dict):
        page = f"p.{item['page']} " if item.get("page") else ""
        return f"{page}{item.get('message', '')} | {str(item.get('snippet', ''))[:80]}"
    return str(item)[:160]


# --- the fixtures themselves (no parser needed) ---------------------------------------------------


def test_every_variant_has_an_expected_file() -> None:
    assert FILES, "no variant fixtures: run tests/fixtures/variants/make_variants.py --pdf"
    missing = [p.name for p in FILES if not expected_path(p).exists()]
    assert not missing, f"variants without NAME.expected.json: {missing}"
    orphans = [
        p.name
        for p in VARIANTS.glob("*.expected.json")
        if not any(f.stem + ".expected.json" == p.name for f in FILES)
    ]
    assert not orphans, f"expected files without a variant: {orphans}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_variant_fixture_is_complete_and_small(path: Path) -> None:
    assert path.stat().st_size < 400 * 1024, f"{path.name} is over 400 KB"
    want = load_expected(path)
    absent = [k for k in EXPECTED_KEYS if k not in want]
    assert not absent, f"{expected_path(path).name} lacks {absent}"
    assert want["evaluations"] and want["adjustments"] and want["categories"]
    # The answer key is the sample's: a variant changes the layout, never the values.
    sample = VARIANTS.parent / f"{want['period']['year']}-{want['period']['month']:02d}.truth.json"
    truth = json.loads(sample.read_text(encoding="utf-8"))
    assert mismatches(truth, want) == []
