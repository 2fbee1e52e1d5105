"""The bulletin model: what one parsed bulletin holds, and its JSON form.

Field names are those of the answer key (`samples/truth/*.json`): rates are percent numbers,
points are signed numbers, names are as printed. Nothing here is ever "corrected": a value is
what the bulletin prints, and disagreements are `Finding`s beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Literal

Channel = Literal["hotline", "mailbox"]
GROUPS = ("县市区", "行政事业单位", "公共服务企业")
GRADES = ("A", "B", "C", "D", "E")
"""The grade letters an evaluation row may print."""
SECTION_KEYS = (
    "工作动态",
    "热线运行情况",
    "诉求类型",
    "热点焦点",
    "工单考核",
    "回访督办",
    "专线服务",
    "知识库管理",
    "市长信箱运行情况",
    "工作经验交流",
    "存在的问题",
)


@dataclass
class Issue:
    year: int | None = None
    number: int | None = None
    label: str | None = None


@dataclass
class Period:
    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Overview:
    calls: int | None = None
    direct_answers: int | None = None
    work_orders: int | None = None
    completion_rate: float | None = None
    on_time_rate: float | None = None
    satisfaction_rate: float | None = None


@dataclass
class Category:
    name: str
    count: int | None
    share: float | None


@dataclass
class HotlineGrades:
    A: int | None = None
    B: int | None = None
    C: int | None = None
    D_or_below: int | None = None
    zero_orders: int | None = None
    units_total: int | None = None


@dataclass
class MailboxSummary:
    letters: int | None = None
    satisfaction_rate: float | None = None


@dataclass
class MailboxGrades:
    A: int | None = None
    B: int | None = None
    C: int | None = None
    zero_letters: int | None = None
    units_total: int | None = None


@dataclass(frozen=True)
class Figure:
    """One printed column of 附件1/2: the field table the rest of the code derives from.

    Schema columns, the importer, frame queries, headings, the parser's number reading,
    recomputed rates, the score formula's direction and the briefing all read `FIGURES`;
    adding a column is one line in `Evaluation` plus a store migration.

    `kind` says how it is printed and read: a count, a rate (percent, two decimals), the score
    (the channel's precision, lib/data/rules.json) or the grade letter. `labels` are the
    bulletin's headings per channel; `lower_is_better` the channels where less is better;
    `ratio` the (numerator, denominator) fields a rate is recomputed from, per channel where
    the bulletin prints both.
    """

    name: str
    kind: Literal["count", "rate", "score", "grade"]
    labels: Mapping[str, str]
    lower_is_better: frozenset[str] = frozenset()
    ratio: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def label(self, channel: str = "hotline") -> str:
        return self.labels[channel]

    def higher_is_better(self, channel: str) -> bool:
        return channel not in self.lower_is_better


def _figure(
    kind: str,
    label: str,
    mailbox_label: str | None = None,
    *,
    lower: tuple = (),
    of: Mapping[str, tuple[str, str]] | None = None,
):
    spec = {
        "kind": kind,
        "labels": {"hotline": label, "mailbox": mailbox_label or label},
        "lower_is_better": frozenset(lower),
        "ratio": dict(of or {}),
    }
    return field(metadata={"figure": spec})


_BOTH = ("hotline", "mailbox")


@dataclass
class Evaluation:
    """One row of 附件1 (hotline) or 附件2 (mailbox).

    `visited`/`visited_rate` are 回访不满意数/群众不满意率 on hotline rows and
    回访满意数/群众满意率 on mailbox rows, as in the answer key. The hotline 不满意率 is taken
    over return visits, which the bulletin does not print, so it has no `ratio` there.
    `doubtful` names the fields the parser is not sure it read right (lib/doubt.py); empty
    when every value is sure.

    Where it was printed, for showing the source beside a value: `page`, `box` (the row's
    outline on the page in points, lib.document.Box, where the format has positions: PDF) and
    `row_text` (the row as read: a grid's cells joined by " │ ", or its text lines).
    """

    channel: Channel
    group: str
    unit: str
    due: int = _figure("count", "应办理数")
    handled: int = _figure("count", "办理数")
    completion_rate: float = _figure("rate", "办结率", of=dict.fromkeys(_BOTH, ("handled", "due")))
    on_time: int = _figure("count", "按期办理数")
    on_time_rate: float = _figure("rate", "按期办结率", of=dict.fromkeys(_BOTH, ("on_time", "due")))
    rework: int = _figure("count", "返工数", lower=_BOTH)
    rework_rate: float = _figure(
        "rate", "返工率", lower=_BOTH, of=dict.fromkeys(_BOTH, ("rework", "due"))
    )
    visited: int = _figure("count", "回访不满意数", "回访满意数", lower=("hotline",))
    visited_rate: float = _figure(
        "rate",
        "群众不满意率",
        "群众满意率",
        lower=("hotline",),
        of={"mailbox": ("visited", "handled")},
    )
    score: float = _figure("score", "综合指标值")
    grade: str = _figure("grade", "等级评价")
    order: int = 0
    page: int | None = None
    unit_id: str = ""
    doubtful: list[str] = field(default_factory=list)
    box: tuple[float, float, float, float] | None = None
    row_text: str = ""


FIGURES: tuple[Figure, ...] = tuple(
    Figure(f.name, **f.metadata["figure"]) for f in fields(Evaluation) if "figure" in f.metadata
)
"""The printed columns of an evaluation row, in printed order (due … score, grade)."""
FIGURE = {f.name: f for f in FIGURES}
NUMBERS = tuple(f.name for f in FIGURES if f.kind != "grade")
"""The ten numbers of a row, in printed order."""


@dataclass
class Adjustment:
    """One row of 附件3 (deduction) or 附件4 (bonus); a continuation row carries the unit above.

    `doubtful` as on Evaluation.
    """

    kind: Literal["deduction", "bonus"]
    unit: str
    points: float
    indicator: str
    detail: str
    order: int = 0
    page: int | None = None
    unit_id: str = ""
    doubtful: list[str] = field(default_factory=list)


@dataclass
class Section:
    """The text of one narrative section, found by its heading."""

    key: str
    heading: str
    text: str
    page: int | None = None


@dataclass
class Finding:
    """A printed value that disagrees with what can be recomputed. Never applied to the data."""

    kind: Literal["rate", "score", "grade", "narrative_count", "narrative_score", "duplicate"]
    table: str
    unit: str | None
    field: str
    printed: float | int | str | None
    computed: float | int | str | None
    message: str
    channel: Channel | None = None
    page: int | None = None


@dataclass
class ParseWarning:
    """Something the parser could not read with certainty: where, what text, and why."""

    message: str
    page: int | None = None
    snippet: str = ""


@dataclass
class Source:
    """The file a bulletin came from. `strategies`: how each kind of attachment table was
    read ('evaluation'/'adjustment' → grid, tab_cells, word_boxes, layout_columns,
    line_order; see extract/wrapped/), in the order first used."""

    filename: str
    sha256: str
    pages: int
    format: str
    size: int = 0
    strategies: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Bulletin:
    source: Source
    issue: Issue = field(default_factory=Issue)
    period: Period | None = None
    published: str | None = None
    issuer: str | None = None
    overview: Overview = field(default_factory=Overview)
    categories: list[Category] = field(default_factory=list)
    hotline_grades: HotlineGrades = field(default_factory=HotlineGrades)
    mailbox: MailboxSummary = field(default_factory=MailboxSummary)
    mailbox_grades: MailboxGrades = field(default_factory=MailboxGrades)
    evaluations: list[Evaluation] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    checks: list[Finding] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_json(self) -> dict:
        """The CLI's JSON object: the answer key's keys, plus checks, warnings, source and more."""
        data = asdict(self)
        data["evaluations"] = [_row_json(e) for e in self.evaluations]
        data["adjustments"] = [_row_json(a) for a in self.adjustments]
        data["unit_ids"] = {r.unit: r.unit_id for r in [*self.evaluations, *self.adjustments]}
        return data


_ROW_EXTRA = ("order", "page", "unit_id", "box", "row_text")


def _row_json(row) -> dict:
    return {k: v for k, v in asdict(row).items() if k not in _ROW_EXTRA}
