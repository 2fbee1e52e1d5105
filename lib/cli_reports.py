"""The report commands of `python -m lib`: a unit's dossier, and a period's tables.

    python -m lib dossier 岳阳楼区 [--from 2024-01 --to 2024-12] --out 档案.docx|.xlsx
    python -m lib export --period 2024Q2|2024H1|2024 OUT.xlsx   (lib/__main__.py's export)

Registered by lib/__main__.py; a HotlineError raised here is printed there as one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.analysis.spans import Span, between

SUFFIXES = (".docx", ".xlsx")


def register(sub) -> None:
    p = sub.add_parser(
        "dossier", help="生成单位档案：逐月评价、期间合计、加扣分、通报点名等（Word 或 Excel）"
    )
    p.add_argument("unit", metavar="UNIT", help="单位名称（可用简称或别名）")
    p.add_argument(
        "--from",
        dest="start",
        help="起始月份 YYYY-MM（或 2024Q1 等期间的首月），默认为库中最早的月份",
    )
    p.add_argument(
        "--to", dest="end", help="截止月份 YYYY-MM（或 2024Q4 等期间的末月），默认为库中最新的月份"
    )
    p.add_argument("--out", required=True, help="输出文件：.docx（阅读）或 .xlsx（每部分一页）")
    p.set_defaults(func=_cmd_dossier)


def _cmd_dossier(args: argparse.Namespace) -> int:
    from lib import outputs
    from lib.analysis.spans import parse_span
    from lib.briefing.content import Library, find_unit
    from lib.dossier.content import build_dossier
    from lib.store import Store

    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        print("单位档案的输出文件应为 .docx 或 .xlsx（--out 档案.docx）", file=sys.stderr)
        return 2
    first, last = (parse_span(m) if m else None for m in (args.start, args.end))
    store = Store.open(read_only=True)
    try:
        library = Library.from_store(store)
    finally:
        store.close()
    span = chosen_span(first, last, library.months())
    dossier = build_dossier(library, find_unit(library, args.unit), span)
    outputs.write_bytes(out, dossier_bytes(dossier, out.suffix.lower()))
    print(f"已生成{dossier.unit_id}的单位档案（{dossier.span.label}）：{out}")
    return 0


def chosen_span(first: Span | None, last: Span | None, loaded: list[str]) -> Span | None:
    """--from and --to as one period: the same period at both ends is that period (a quarter
    stays a quarter); else the months from the first's start to the last's end, the library's
    own ends where one is not given. None for an empty library."""
    if first is not None and first == last:
        return first
    if not loaded:
        return None
    return between(first.start if first else loaded[0], last.end if last else loaded[-1])


def dossier_bytes(dossier, suffix: str) -> bytes:
    """The dossier as .docx or as .xlsx (a sheet per part, 筛选条件 naming the span)."""
    from lib.dossier import tables
    from lib.dossier.docx import dossier_docx
    from lib.export import to_xlsx_bytes

    if suffix == ".docx":
        return dossier_docx(dossier)
    return to_xlsx_bytes(tables.sheets(dossier), tables.choices(dossier))


def export_period(period: str, out: Path, fmt: str) -> int:
    """The period's tables per channel (every unit, figures recomputed from counts)."""
    from lib import outputs
    from lib.analysis.spans import parse_span
    from lib.export import period_tables, to_csv_zip_bytes, to_xlsx_bytes
    from lib.store import Store

    span = parse_span(period)
    store = Store.open(read_only=True)
    try:
        tables, choices = period_tables(store, span)
    finally:
        store.close()
    write = to_xlsx_bytes if fmt == "xlsx" else to_csv_zip_bytes
    outputs.write_bytes(out, write(tables, choices))
    missing = f"（{choices['缺少的月份']}）" if "缺少的月份" in choices else ""
    print(f"已导出{span.label}的 {len(tables)} 张期间表到 {out}{missing}")
    return 0
