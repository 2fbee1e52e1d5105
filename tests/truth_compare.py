"""Field-for-field comparison of a parse result with an answer key (truth JSON).

The same rules as the team's scoring tool: evaluations matched by channel, group and unit
in printed order; adjustments in order; text compared ignoring whitespace; numbers exactly.
Returns the list of mismatches so a failing test can show them.
"""

from __future__ import annotations

import re

EVAL_FIELDS = (
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
)
ADJ_FIELDS = ("kind", "unit", "points", "indicator", "detail")
SCALAR_PARTS = ("issue", "period", "overview", "hotline_grades", "mailbox", "mailbox_grades")


def norm_text(value) -> str:
    return re.sub(r"\s+", "", str(value or ""))


def same(a, b) -> bool:
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-6
    if isinstance(a, str) and isinstance(b, str):
        return norm_text(a) == norm_text(b)
    return a == b


def mismatches(truth: dict, out: dict) -> list[str]:
    return [
        *_evaluations(truth, out),
        *_adjustments(truth, out),
        *_scalars(truth, out),
        *_categories(truth, out),
    ]


def _evaluations(truth, out):
    pool: dict[tuple, list] = {}
    for row in out.get("evaluations") or []:
        pool.setdefault((row["channel"], row["group"], norm_text(row["unit"])), []).append(row)
    for want in truth["evaluations"]:
        key = (want["channel"], want["group"], norm_text(want["unit"]))
        got = pool[key].pop(0) if pool.get(key) else None
        if got is None:
            yield f"evaluation {key}: missing"
            continue
        for f in EVAL_FIELDS:
            if not same(want[f], got.get(f)):
                yield f"evaluation {key} {f}: want {want[f]!r} got {got.get(f)!r}"
    extra = [k for k, rows in pool.items() for _ in rows]
    if extra:
        yield f"{len(extra)} evaluation rows not in the key: {extra[:5]}"


def _adjustments(truth, out):
    want_rows, got_rows = truth.get("adjustments") or [], out.get("adjustments") or []
    if len(want_rows) != len(got_rows):
        yield f"adjustments: want {len(want_rows)} rows, got {len(got_rows)}"
    for i, (want, got) in enumerate(zip(want_rows, got_rows, strict=False)):
        for f in ADJ_FIELDS:
            if not same(want[f], got.get(f)):
                yield f"adjustment #{i} {f}: want {want[f]!r} got {got.get(f)!r}"


def _scalars(truth, out):
    for part in SCALAR_PARTS:
        for key, want in (truth.get(part) or {}).items():
            got = (out.get(part) or {}).get(key)
            if not same(want, got):
                yield f"{part}.{key}: want {want!r} got {got!r}"
    for key in ("published", "issuer"):
        if not same(truth.get(key), out.get(key)):
            yield f"{key}: want {truth.get(key)!r} got {out.get(key)!r}"


def _categories(truth, out):
    want_rows, got_rows = truth.get("categories") or [], out.get("categories") or []
    if [norm_text(c["name"]) for c in want_rows] != [norm_text(c["name"]) for c in got_rows]:
        yield f"categories: want {[c['name'] for c in want_rows]} got {[c['name'] for c in got_rows]}"
    for want, got in zip(want_rows, got_rows, strict=False):
        for f in ("count", "share"):
            if not same(want[f], got.get(f)):
                yield f"category {want['name']} {f}: want {want[f]!r} got {got.get(f)!r}"


def figure_count(truth: dict) -> int:
    """How many values the key holds (what mismatches() can name one by one)."""
    scalars = sum(v is not None for p in SCALAR_PARTS for v in (truth.get(p) or {}).values())
    return (
        len(truth["evaluations"]) * len(EVAL_FIELDS)
        + len(truth.get("adjustments") or []) * len(ADJ_FIELDS)
        + scalars
        + sum(truth.get(k) is not None for k in ("published", "issuer"))
        + 2 * len(truth.get("categories") or [])
    )


def silent(truth: dict, out: dict) -> list[str]:
    """Wrong values presented as sure: present, not the key's, and not in the row's
    `doubtful` (the team tool's SILENT; rows are matched as mismatches() matches them)."""
    pool: dict[tuple, list] = {}
    for row in out.get("evaluations") or []:
        pool.setdefault((row["channel"], row["group"], norm_text(row["unit"])), []).append(row)
    wrong = []
    for want in truth["evaluations"]:
        key = (want["channel"], want["group"], norm_text(want["unit"]))
        got = pool[key].pop(0) if pool.get(key) else None
        wrong += _silent_fields(want, got, EVAL_FIELDS)
    want_rows, got_rows = truth.get("adjustments") or [], out.get("adjustments") or []
    for want, got in zip(want_rows, got_rows, strict=False):
        wrong += _silent_fields(want, got, ADJ_FIELDS)
    return wrong


def _silent_fields(want: dict, got: dict | None, names) -> list[str]:
    if got is None:
        return []
    doubt = set(got.get("doubtful") or [])
    return [
        f"{want['unit']} {f}: want {want[f]!r} got {got.get(f)!r}"
        for f in names
        if got.get(f) is not None and not same(want[f], got.get(f)) and f not in doubt
    ]
