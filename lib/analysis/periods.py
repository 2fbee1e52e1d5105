"""A period's figures per unit, recomputed from the monthly counts — never averaged rates.

One definition, read off the field table (lib.model.FIGURES), for every page, the dossier and
the exports:

- counts (应办理数, 办理数, 按期办理数, 返工数, 回访…数) are summed over the months;
- a rate with a `ratio` is its summed numerator over its summed denominator;
- a rate without one — the hotline's 群众不满意率, taken over return visits the bulletin does not
  print — is the mean of the monthly rates weighted by 应办理数 (`WEIGHT`), and says so
  (`UNRECOMPUTABLE`);
- the score twice: `score` by the bulletin's formula on the period's rates (lib/rules.py), and
  `mean_score`, the mean of the monthly printed scores; the bulletin publishes neither;
- the grade as the distribution of the monthly grades ('A×2 B×1'), not an invented band;
- the months' corrections (lib/review/apply.py) carried: `corrected` the fields corrected in
  any month, `correction` each month's note ('2024年3月：综合指标值已更正：通报原值 69.0'),
  so a period figure made from a corrected value is marked like the month's (display.shape).

Values are rounded half up (四舍五入) to the bulletin's printed precision, the score by the
formula from the rates as rounded, so every shown figure can be checked by hand.

The frame has the columns of a month's evaluations (its `period` is the span's key), so the
month functions — medians, ranks, side by side — work on a period as they do on a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from lib.analysis.display import Table, figure_columns, measure_format, shape
from lib.analysis.rows import in_months, of_channel, one_row_per_unit, previous_month
from lib.analysis.spans import Span, before, year_before, year_earlier
from lib.labels import month_label
from lib.model import FIGURE, FIGURES, GRADES, GROUPS
from lib.rules import load_rules

WEIGHT = "due"
"""The count a rate without a printed denominator is weighted by: 应办理数."""
WEIGHTED = "（%，加权平均）"
"""Said in the heading of a period's rate that is a weighted mean, not recomputed."""
EXTRA = ["months", "span_months", "mean_score"]
"""Columns a period adds to a month's: the months the unit is listed, the months of the period
the channel's tables are stored for, the mean of the monthly printed scores."""
CORRECTIONS = ["corrected", "correction"]
"""The columns saying where an analyst corrected a printed value (lib/review/apply.py)."""
_KEPT = {
    "period",
    "channel",
    "group",
    "unit",
    "order",
    *(f.name for f in FIGURES),
    *EXTRA,
    *CORRECTIONS,
}
"""Columns with a value for a period; the others (the month's page, bulletin id…) are NA."""
SCORE_WORDS = {"score": "按公式", "mean_score": "各月平均"}
"""How each period score is made, said beside it: the bulletin publishes neither."""


def unrecomputable(channel: str) -> list[str]:
    """The rates of `channel` that cannot be recomputed from counts (no printed denominator)."""
    return [f.name for f in FIGURES if f.kind == "rate" and channel not in f.ratio]


def weighted_note(channel: str) -> str:
    """The words that go with a period's weighted rate (a clause, no full stop), '' when the
    channel has none."""
    names = [f.label(channel) for f in FIGURES if f.name in unrecomputable(channel)]
    if not names:
        return ""
    return (
        f"{'、'.join(names)}的分母（回访数）通报未印，无法由计数重算，"
        "期间值为各月比率按应办理数加权的平均"
    )


def rounded(value: float, places: int) -> float:
    """`value` rounded half up at `places` decimals (as written: 99.35 → 99.4); NaN stays."""
    if pd.isna(value):
        return float("nan")
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def grade_mix(grades) -> str:
    """The monthly grades as a distribution, best first: 'A×2 B×1'."""
    return mix_text(grade_tally(pd.DataFrame({"unit_id": 0, "grade": list(grades)}))).iloc[0]


def grade_tally(rows: pd.DataFrame) -> pd.DataFrame:
    """Months per unit (index: unit_id) and grade letter (columns, best first)."""
    counts = pd.crosstab(rows["unit_id"], rows["grade"])
    present = set(counts.columns)
    return counts[[g for g in GRADES if g in present] + sorted(present - set(GRADES))]


def mix_text(tally: pd.DataFrame) -> pd.Series:
    """grade_tally's rows as text: 'A×2 B×1'."""
    letters = list(tally.columns)
    return pd.Series(
        [
            " ".join(f"{g}×{n}" for g, n in zip(letters, row, strict=True) if n)
            for row in tally.to_numpy().tolist()
        ],
        index=tally.index,
    )


def period_rows(evaluations: pd.DataFrame, channel: str, span: Span) -> pd.DataFrame:
    """One row per unit listed in the span's months of `channel`: the month columns with the
    period's values, plus EXTRA. `unit`, `group` and `order` are the latest month's; a unit a
    table prints twice counts once, by its first row (rows.one_row_per_unit)."""
    rows = one_row_per_unit(in_months(of_channel(evaluations, channel), span.start, span.end))
    columns = [*evaluations.columns, *EXTRA]
    if rows.empty:
        return evaluations.iloc[:0].reindex(columns=columns)
    units = rows.groupby("unit_id", sort=False)
    out = units.tail(1).set_index("unit_id")
    out["period"] = span.key
    sums = units[[f.name for f in FIGURES if f.kind == "count"]].sum()
    rules = load_rules()[channel]
    for figure in FIGURES:
        if figure.kind == "count":
            out[figure.name] = sums[figure.name]
        elif figure.kind == "rate":
            out[figure.name] = _rate(figure, channel, rows, sums).map(
                lambda v: rounded(v, rules.rate_decimals)
            )
    formula = rules.score({rate: out[rate] for rate in rules.weights})
    out["score"] = formula.map(lambda v: rounded(v, rules.score_decimals))
    out["grade"] = mix_text(grade_tally(rows))
    out["months"] = units.size()
    out["span_months"] = rows["period"].nunique()
    out["mean_score"] = units["score"].mean().map(lambda v: rounded(v, rules.score_decimals))
    if "correction" in rows.columns:
        out[CORRECTIONS] = _corrections(rows).reindex(out.index, fill_value="")
    for column in set(out.columns) - _KEPT:
        out[column] = pd.NA
    return _in_printed_order(out.reset_index())[columns]


def _corrections(rows: pd.DataFrame) -> pd.DataFrame:
    """Per unit id with a corrected month: the fields corrected in any month (comma-joined,
    once each) and each month's note after its month."""
    fixed = rows[rows["correction"].fillna("") != ""]
    fields: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for unit_id, period, corrected, note in zip(
        fixed["unit_id"], fixed["period"], fixed["corrected"], fixed["correction"], strict=True
    ):
        fields.setdefault(unit_id, []).extend(corrected.split(","))
        notes.setdefault(unit_id, []).append(f"{month_label(period)}：{note}")
    return pd.DataFrame(
        {
            "corrected": {u: ",".join(dict.fromkeys(f)) for u, f in fields.items()},
            "correction": {u: "；".join(n) for u, n in notes.items()},
        },
        columns=CORRECTIONS,
        dtype="str",
    )


def _rate(figure, channel: str, rows: pd.DataFrame, sums: pd.DataFrame) -> pd.Series:
    if channel in figure.ratio:
        numerator, denominator = figure.ratio[channel]
        return 100 * sums[numerator] / sums[denominator].where(sums[denominator] > 0)
    weighted = (rows[figure.name] * rows[WEIGHT]).groupby(rows["unit_id"], sort=False).sum()
    return weighted / sums[WEIGHT].where(sums[WEIGHT] > 0)


def _in_printed_order(frame: pd.DataFrame) -> pd.DataFrame:
    group_order = frame["group"].map({g: n for n, g in enumerate(GROUPS)}).fillna(len(GROUPS))
    return (
        frame.assign(_group=group_order)
        .sort_values(["_group", "order"], kind="stable")
        .drop(columns="_group")
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class Compared:
    """A period's rows beside the rows of the periods it is compared with, in one
    evaluations-shaped frame (`rows`, one channel): `period` is the chosen period's key in it,
    `before` the previous one's (环比) and `year_ago` the same period a year earlier (同比),
    each None when the library holds none of it. For a month these are the stored rows: the
    previous month stored, and the same month a year earlier when stored."""

    rows: pd.DataFrame
    period: str
    before: str | None
    year_ago: str | None


def compared(evaluations: pd.DataFrame, channel: str, span: Span) -> Compared:
    """The channel's rows for `span` and what it is compared with (see Compared)."""
    rows = of_channel(evaluations, channel)
    if span.kind == "month":
        held = set(rows["period"].unique())
        year = year_earlier(span.start)
        return Compared(
            rows, span.start, previous_month(rows, span.start), year if year in held else None
        )
    earlier, year = before(span), year_before(span)
    frame = periods_frame(rows, channel, [year, earlier, span])
    held = set(frame["period"].unique())
    return Compared(
        frame,
        span.key,
        earlier.key if earlier.key in held else None,
        year.key if year.key in held else None,
    )


def periods_frame(evaluations: pd.DataFrame, channel: str, spans) -> pd.DataFrame:
    """period_rows of several periods in one frame, oldest first (each keyed by its `period`):
    what the month functions (previous period, ranks, changes) read like months."""
    frames = [period_rows(evaluations, channel, span) for span in sorted(set(spans), key=_first)]
    return pd.concat(frames, ignore_index=True)


def _first(span: Span) -> tuple[str, str]:
    return span.start, span.end


def _weighted(name: str, channel: str) -> str:
    return f"{FIGURE[name].label(channel)}{WEIGHTED}"


def period_table(rows: pd.DataFrame, channel: str) -> Table:
    """A period's rows (period_rows) under Chinese headings at the bulletin's precision; each
    score heading says how it was made."""
    score = measure_format("score", channel)
    weighted = unrecomputable(channel)
    return shape(
        rows,
        [
            ("group", "分组", None),
            ("unit", "部门名称", None),
            ("months", "列入月数", "%d"),
            *(
                (name, _weighted(name, channel) if name in weighted else heading, form)
                for name, heading, form in figure_columns(channel, ("count", "rate"))
            ),
            *((column, f"综合指标值（{how}）", score) for column, how in SCORE_WORDS.items()),
            ("grade", "各月等级", None),
        ],
    )
