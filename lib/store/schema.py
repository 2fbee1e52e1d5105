"""The tables of the store, as SQLAlchemy Core metadata: the current schema.

One `bulletins` row per stored file (with the original bytes); every other bulletin table holds
rows of exactly one bulletin (`bulletin_id`) and is emptied with it. `units` and `unit_aliases`
are the store's own copy of the alias table (lib/data/units.csv plus editors' edits).
`saved_views` holds the 自助分析 charts saved under a name (lib/analysis/explore.py's spec as
JSON), shared by everyone who opens their link.
`store_state` is a single row: the data version every write bumps, and whether the demo was
ever seeded. `schema_version` records the migrations applied (see migrations.py).
`review_log` is the review and correction audit log (lib/review): keyed by month, channel,
printed unit and field — not by bulletin — so it outlives the file it was made against.

Column names avoid SQL keywords (`group_name`, `row_order`, `table_name`); the frame queries
label them back to the model's names.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from lib.model import FIGURES

metadata = MetaData()


def _bulletin_fk() -> Column:
    return Column("bulletin_id", Integer, ForeignKey("bulletins.id"), nullable=False, index=True)


def _doubtful() -> Column:
    """The row's doubtful fields (model field names) joined by commas; '' when all are sure."""
    return Column("doubtful", Text, nullable=False, default="", server_default="")


bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("period", String(7), nullable=False, unique=True),
    Column("year", Integer, nullable=False),
    Column("month", Integer, nullable=False),
    Column("issue_year", Integer),
    Column("issue_number", Integer),
    Column("issue_label", Text),
    Column("published", String(10)),
    Column("issuer", Text),
    Column("filename", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("pages", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("original", LargeBinary, nullable=False),
    Column("parsed_at", DateTime, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("parser_version", String(32), nullable=False),
    Column("is_demo", Boolean, nullable=False, default=False),
    sqlite_autoincrement=True,  # ids are never reused: a stale link cannot reach another file
)

_TYPE_OF_KIND = {"count": Integer, "rate": Float, "score": Float, "grade": lambda: String(8)}


def _figure_columns() -> list[Column]:
    """One column per printed figure of the field table (lib/model.FIGURES)."""
    return [Column(f.name, _TYPE_OF_KIND[f.kind](), nullable=False) for f in FIGURES]


def place_columns() -> list[Column]:
    """Where a row was printed (Evaluation.box, .row_text): its outline on `page`, in
    points, where the format has positions, and the row as read."""
    return [
        *(Column(name, Float) for name in BOX_COLUMNS),
        Column("row_text", Text, nullable=False, server_default=""),
    ]


BOX_COLUMNS = ("box_x0", "box_top", "box_x1", "box_bottom")
"""Evaluation.box's edges as stored."""

evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("channel", String(16), nullable=False),
    Column("group_name", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("unit_id", Text, nullable=False, index=True),
    Column("row_order", Integer, nullable=False),
    Column("page", Integer),
    *_figure_columns(),
    _doubtful(),
    *place_columns(),
)

adjustments = Table(
    "adjustments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("kind", String(16), nullable=False),
    Column("unit", Text, nullable=False),
    Column("unit_id", Text, nullable=False, index=True),
    Column("points", Float, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("row_order", Integer, nullable=False),
    Column("page", Integer),
    _doubtful(),
)

overview = Table(
    "overview",
    metadata,
    Column("bulletin_id", Integer, ForeignKey("bulletins.id"), primary_key=True),
    Column("calls", Integer),
    Column("direct_answers", Integer),
    Column("work_orders", Integer),
    Column("completion_rate", Float),
    Column("on_time_rate", Float),
    Column("satisfaction_rate", Float),
    Column("mailbox_letters", Integer),
    Column("mailbox_satisfaction_rate", Float),
)

categories = Table(
    "categories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("row_order", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("count", Integer),
    Column("share", Float),
)

grade_counts = Table(
    "grade_counts",
    metadata,
    Column("bulletin_id", Integer, ForeignKey("bulletins.id"), primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("a", Integer),
    Column("b", Integer),
    Column("c", Integer),
    Column("d_or_below", Integer),
    Column("zero_units", Integer),
    Column("units_total", Integer),
)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("row_order", Integer, nullable=False),
    Column("key", String(32), nullable=False),
    Column("heading", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("page", Integer),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("row_order", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("channel", String(16)),
    Column("table_name", Text, nullable=False),
    Column("unit", Text),
    Column("field", Text, nullable=False),
    Column("printed", Text),
    Column("computed", Text),
    Column("message", Text, nullable=False),
    Column("page", Integer),
)

warnings = Table(
    "warnings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _bulletin_fk(),
    Column("row_order", Integer, nullable=False),
    Column("message", Text, nullable=False),
    Column("page", Integer),
    Column("snippet", Text, nullable=False),
)

units = Table(
    "units",
    metadata,
    Column("unit_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
)

unit_aliases = Table(
    "unit_aliases",
    metadata,
    Column("alias", Text, primary_key=True),
    Column("unit_id", Text, ForeignKey("units.unit_id"), nullable=False, index=True),
    Column("edited", Boolean, nullable=False, default=False),
)

saved_views = Table(
    "saved_views",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("spec", Text, nullable=False),
    Column("saved_at", DateTime, nullable=False),
    sqlite_autoincrement=True,  # ids are never reused: an old link cannot open another view
)

store_state = Table(
    "store_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("data_version", Integer, nullable=False),
    Column("demo_seeded", Boolean, nullable=False),
)

review_log = Table(
    "review_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(7), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("item", Text, nullable=False),
    Column("channel", String(16)),
    Column("group_name", Text),
    Column("unit", Text),
    Column("field", Text),
    Column("printed", Text),
    Column("value", Text),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("undoes", Integer),
    sqlite_autoincrement=True,  # an entry's number is never reused: `correct --undo ID`
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime, nullable=False),
)

BULLETIN_PARTS = (
    evaluations,
    adjustments,
    overview,
    categories,
    grade_counts,
    sections,
    findings,
    warnings,
)
"""Tables whose rows belong to one bulletin: emptied with it, in this order, before it."""
