"""Which values of a row the parser is not sure of, and which the checks pin down exactly.

A value read from a file's text is what the file holds: never doubtful here (a source error is
a finding, not a doubt); the table readers mark the fields whose text does not settle them (a
line a text extraction put out of order, a layout cut that reads two ways). A value recognised by OCR carries the engine's confidence (the lowest
score of its characters, lib/readers/ocr) and is doubtful when

- that confidence is low, unless a check it takes part in holds with every other value of the
  check sure (返工数 read unsurely as "0" beside a sure 返工率 0% and 应办理数 is confirmed); or
- a check it takes part in fails and no other check vouches for it.

Where a failing rate check has a single unsure member and the sure ones admit exactly one value
for it (a count from its rate and denominator, a rate from its counts), that value is taken, a
warning says it was derived, and it is not doubtful. The score is never derived: bulletins print
scores that do not follow the formula, and such a score is kept, doubtful.

The checks are lib/checks' own (each figure's `ratio`, the channel's score formula and grade
bands, their tolerances, lib/rules.py); this module only decides what a failure says about the
values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lib.document import SURE, Document, Line, Table
from lib.extract.numbers import parse_count, parse_decimal, parse_points, parse_rate
from lib.labels import field_label
from lib.model import FIGURE, FIGURES, NUMBERS, Adjustment, Bulletin, Evaluation, ParseWarning
from lib.rules import ChannelRules, load_rules
from lib.text import compact, join_wrapped

# A recognised value scored below this is unsure (see tests/test_doubt.py for what the engine
# scores the values it misreads on the scanned fixtures).
UNSURE_BELOW = 0.9
ADJ_FIELDS = ("unit", "points", "indicator", "detail")
_PARSE = {"count": parse_count, "rate": parse_rate, "score": parse_decimal}
RATES = tuple(f.name for f in FIGURES if f.kind == "rate")


@dataclass
class _Token:
    text: str
    confidence: float


@dataclass
class _Row:
    """A row of recognised text on a page: a table row's filled cells, or a line's words."""

    tokens: list[_Token]
    used: bool = False


@dataclass
class _Verdict:
    """What the checks of one row say: members vouched for, members of failed checks."""

    vouched: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)


def mark_doubtful(bulletin: Bulletin, doc: Document, rules=None) -> None:
    """Fill `doubtful` on every row read from a recognised page; derive what checks pin down."""
    rules = rules or load_rules()
    recognised = {page.number: _rows(page.blocks) for page in doc.pages if page.recognised}
    if not recognised:
        return
    for row in bulletin.evaluations:
        if row.page in recognised:
            sure = _evaluation_confidence(row, recognised[row.page])
            bulletin.warnings += _judge_evaluation(row, sure, rules[row.channel])
    carried: dict[str, float] = {}
    for row in bulletin.adjustments:
        if row.page in recognised:
            sure = _adjustment_confidence(row, recognised[row.page], carried)
            row.doubtful = [f for f in ADJ_FIELDS if sure.get(f, 0.0) < UNSURE_BELOW]


def _rows(blocks) -> list[_Row]:
    rows = []
    for block in blocks:
        if isinstance(block, Table):
            grid = block.confidence or [[SURE] * len(r) for r in block.rows]
            for cells, scores in zip(block.rows, grid, strict=True):
                tokens = [_Token(c, s) for c, s in zip(cells, scores, strict=True) if c is not None]
                rows.append(_Row(tokens))
        elif isinstance(block, Line):
            rows.append(_Row([_Token(w.text, w.confidence) for w in block.words]))
    return rows


def _value(field_name: str, text: str):
    try:
        return _PARSE[FIGURE[field_name].kind](text)
    except ValueError:
        return None


def _evaluation_confidence(row: Evaluation, rows: list[_Row]) -> dict[str, float]:
    """Each field's confidence, from the recognised row that printed it (0 when none did)."""
    for candidate in rows:
        tokens = [t for t in candidate.tokens if t.text.strip()]
        if candidate.used or len(tokens) < 12 or tokens[-1].text.strip() != row.grade:
            continue
        numbers = tokens[-11:-1]
        if all(
            _same(_value(f, t.text), getattr(row, f)) for f, t in zip(NUMBERS, numbers, strict=True)
        ):
            candidate.used = True
            sure = {f: t.confidence for f, t in zip(NUMBERS, numbers, strict=True)}
            sure["grade"] = tokens[-1].confidence
            sure["unit"] = min((t.confidence for t in tokens[:-11]), default=0.0)
            return sure
    return {}


def _same(read, value) -> bool:
    return read is not None and abs(float(read) - float(value)) < 1e-9


def _adjustment_confidence(
    row: Adjustment, rows: list[_Row], carried: dict[str, float]
) -> dict[str, float]:
    """Each field's confidence from the recognised row that printed it; a unit carried down
    from the row above keeps that row's confidence."""
    wanted = {f: compact(getattr(row, f)) for f in ("unit", "indicator", "detail")}
    for candidate in rows:
        if candidate.used:
            continue
        points = [t for t in candidate.tokens if _points(t.text) == row.points]
        texts = {f: _text_token(candidate, v) for f, v in wanted.items() if v}
        if not points or any(t is None for f, t in texts.items() if f != "unit"):
            continue
        candidate.used = True
        sure = {f: t.confidence for f, t in texts.items() if t is not None}
        sure["points"] = points[0].confidence
        if texts.get("unit") is None:
            sure["unit"] = carried.get(wanted["unit"], 0.0)
        carried[wanted["unit"]] = sure["unit"]
        return sure
    return {}


def _points(text: str) -> float | None:
    try:
        return parse_points(text)
    except ValueError:
        return None


def _text_token(row: _Row, wanted: str) -> _Token | None:
    return next((t for t in row.tokens if compact(join_wrapped(t.text)) == wanted), None)


def _judge_evaluation(row: Evaluation, sure: dict[str, float], rules: ChannelRules):
    """Set row.doubtful; derive what a failed rate check pins down. Returns its warnings."""
    unsure = {f for f in (*NUMBERS, "grade", "unit") if sure.get(f, 0.0) < UNSURE_BELOW}
    warnings = [w for check in _rate_checks(row) if (w := _derive(row, rules, check, unsure))]
    verdict = _verdict(row, unsure, rules)
    doubtful = (unsure - verdict.vouched) | (verdict.failed - verdict.vouched)
    row.doubtful = [f for f in ("unit", *NUMBERS, "grade") if f in doubtful]
    return warnings


def _rate_checks(row: Evaluation) -> list[tuple[str, str, str]]:
    """(rate, numerator, denominator) of each rate the row prints both counts of (the checks'
    Figure.ratio)."""
    return [(f.name, *f.ratio[row.channel]) for f in FIGURES if row.channel in f.ratio]


def _rate_holds(row: Evaluation, rules: ChannelRules, rate: str, num: str, den: str) -> bool:
    denominator = getattr(row, den)
    if not denominator:
        return getattr(row, num) == 0 and getattr(row, rate) == 0
    exact = 100 * getattr(row, num) / denominator
    return abs(exact - getattr(row, rate)) <= rules.rate_tolerance


def _verdict(row: Evaluation, unsure: set[str], rules: ChannelRules) -> _Verdict:
    verdict = _Verdict()
    checks = [(list(c), _rate_holds(row, rules, *c)) for c in _rate_checks(row)]
    checks.append(([*RATES, "score"], abs(row.score - rules.score(row)) <= rules.score_tolerance))
    for members, holds in checks:
        if not holds:
            verdict.failed.update(members)
            continue
        for member in members:
            if not (set(members) - {member}) & unsure:
                verdict.vouched.add(member)
    if rules.grade_for(row.score) != row.grade:
        verdict.failed.update({"score", "grade"})
    elif "score" in verdict.vouched:
        verdict.vouched.add("grade")
    return verdict


def _derive(
    row: Evaluation, rules: ChannelRules, check: tuple[str, str, str], unsure: set[str]
) -> ParseWarning | None:
    """The one value a failed rate check admits for its only unsure member, taken."""
    members = set(check)
    if _rate_holds(row, rules, *check) or len(members & unsure) != 1:
        return None
    (target,) = members & unsure
    value = _implied(row, rules, check, target)
    if value is None:
        return None
    read = getattr(row, target)
    setattr(row, target, value)
    unsure.discard(target)
    return ParseWarning(
        f"{row.unit}的{field_label(target, row.channel)}识别不确定（读作 {read:g}），按同行其他数字推算为 {value:g}",
        row.page,
        row.unit,
    )


def _implied(row: Evaluation, rules: ChannelRules, check: tuple[str, str, str], target: str):
    """The value of `target` that makes the check hold, when exactly one does (a rate at the
    printed decimals, unless the exact quotient lies on a rounding tie)."""
    rate, num, den = check
    r, n, d = getattr(row, rate), getattr(row, num), getattr(row, den)
    tolerance = rules.rate_tolerance
    if target == rate:
        if not d:
            return None
        scaled = 100 * n / d * 10**rules.rate_decimals
        tie = math.isclose(scaled - math.floor(scaled), 0.5, abs_tol=1e-9)
        return None if tie else round(100 * n / d, rules.rate_decimals)
    if target == num:
        low, high = (r - tolerance) * d / 100, (r + tolerance) * d / 100
    elif r - tolerance > 0:
        low, high = 100 * n / (r + tolerance), 100 * n / (r - tolerance)
    else:
        return None
    found = range(max(0, math.ceil(low)), math.floor(high) + 1)
    return found[0] if len(found) == 1 and (target == num or found[0] > 0) else None
