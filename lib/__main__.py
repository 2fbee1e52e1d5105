"""Command line: `python -m lib COMMAND …`, a thin shell over the same functions the app uses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lib import cli_admin, cli_papers, cli_reports, cli_review
from lib.errors import HotlineError


def _cmd_parse(args) -> int:
    from lib.sandbox import parse_in_order

    inputs = _inputs(args.files, args.as_one)
    if isinstance(inputs, str):
        print(inputs, file=sys.stderr)
        return 2
    if args.explain:
        return cli_review.explain(inputs, Path(args.explain))
    files = [(data, name) for name, data in inputs]
    results = list(parse_in_order(files, from_here=True, progress=_pages_read(inputs)))
    refused = [outcome for outcome in results if isinstance(outcome, HotlineError)]
    for error in refused:
        print(error.message, file=sys.stderr)
    if refused:
        return 2
    if args.json:
        out = [b.to_json() for b in results]
        json.dump(out[0] if len(out) == 1 else out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for b in results:
            print(_summary(b))
    return 0


def _inputs(paths: list[str], as_one: bool) -> list[tuple[str, bytes]] | str:
    """(name, bytes) of each file to parse; with `as_one`, the pictures bound into one PDF
    named after the first. The line saying why, when one cannot be read."""
    files = []
    for path in paths:
        try:
            files.append((Path(path).name, Path(path).read_bytes()))
        except OSError as exc:
            return f"“{path}”：无法读取文件（{exc.strerror}）"
    if not as_one:
        return files
    from lib.readers.pictures import bound_name
    from lib.sandbox import bind_untrusted

    try:
        return [(bound_name(files), bind_untrusted(files))]
    except HotlineError as exc:
        return exc.message


def _pages_read(inputs: list[tuple[str, bytes]]):
    """Progress of OCR on stderr, one line a page: “a.pdf”：第 3/11 页 识别中…"""

    def show(index: int, done: int, total: int) -> None:
        if done < total:
            name = inputs[index][0]
            print(f"“{name}”：第 {done + 1}/{total} 页 识别中…", file=sys.stderr, flush=True)

    return show


def _summary(b) -> str:
    period = b.period.key if b.period else "?"
    hot = sum(e.channel == "hotline" for e in b.evaluations)
    mail = len(b.evaluations) - hot
    return (
        f"{b.source.filename}: {period} {b.issue.label or ''} 热线评价 {hot} 行，信箱评价 {mail} 行，"
        f"加扣分 {len(b.adjustments)} 行，核对不一致 {len(b.checks)} 处，警告 {len(b.warnings)} 条"
    )


IMPORT_LINES = {
    "imported": "{name}：已导入 {period}（编号 {id}）",
    "replaced": "{name}：已导入 {period}（编号 {id}），替换了原编号 {existing}",
    "duplicate": "{name}：同一文件已在库中（{period}，编号 {existing}），未重复导入",
    "conflict": "{name}：{period} 已有另一份通报（编号 {existing}），未导入；确认替换请加 --replace",
}


def _cmd_import(args) -> int:
    """Exit 0 when every file is stored (or already was), 1 when one met a conflict, 2 when one
    was rejected; the other files are imported either way. The files are parsed side by side
    (one sandboxed child per core) and stored one at a time, in the order given, each as soon
    as it and those before it are parsed."""
    from lib.sandbox import parse_in_order
    from lib.store import Store

    groups = [args.files] if args.as_one else [[path] for path in args.files]
    items = [_inputs(group, args.as_one) for group in groups]
    readable = [item[0] for item in items if not isinstance(item, str)]
    files = [(data, name) for name, data in readable]
    codes = []
    store = Store.open()
    try:
        outcomes = parse_in_order(files, from_here=True, progress=_pages_read(readable))
        for item in items:
            if isinstance(item, str):
                print(item, file=sys.stderr)
                codes.append(2)
            else:
                codes.append(_store(store, *item[0], next(outcomes), args.replace))
    finally:
        store.close()
    return max(codes, default=0)


def _store(store, name: str, data: bytes, outcome, replace: bool) -> int:
    """One parsed file stored; its exit code."""
    if isinstance(outcome, HotlineError):
        print(outcome.message, file=sys.stderr)
        return 2
    result = store.import_bulletin(outcome, data, replace=replace)
    print(
        IMPORT_LINES[result.status].format(
            name=name, period=result.period, id=result.bulletin_id, existing=result.existing_id
        )
    )
    return 1 if result.status == "conflict" else 0


def _cmd_export(args) -> int:
    if args.period:
        return cli_reports.export_period(args.period, Path(args.out), args.format)
    from lib import outputs
    from lib.export import library_tables, to_csv_zip_bytes, to_xlsx_bytes
    from lib.store import Store

    store = Store.open(read_only=True)
    try:
        tables = library_tables(store)
    finally:
        store.close()
    write = to_xlsx_bytes if args.format == "xlsx" else to_csv_zip_bytes
    outputs.write_bytes(Path(args.out), write(tables, {}))
    print(f"已导出 {len(tables)} 张表到 {args.out}")
    return 0


def _cmd_briefing(args) -> int:
    """One unit → a .docx; several → a .zip of them. Units by any name, alias or part of one."""
    from datetime import date

    from lib import outputs
    from lib.briefing.batch import briefings_zip
    from lib.briefing.content import Library, Visit, build_briefing, find_unit
    from lib.briefing.docx import briefing_docx
    from lib.store import Store

    out = Path(args.out)
    if len(args.units) > 1 and out.suffix.lower() != ".zip":
        print("多个单位时请用 .zip 作输出文件（--out 简报.zip）", file=sys.stderr)
        return 2
    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"接听日期应为 YYYY-MM-DD：{args.date}", file=sys.stderr)
        return 2
    store = Store.open(read_only=True)
    try:
        library = Library.from_store(store)
    finally:
        store.close()
    visit = Visit(args.leader or "", args.title or "", day)
    try:
        units = [find_unit(library, name) for name in args.units]
        if out.suffix.lower() == ".zip":
            data = briefings_zip(library, units, args.month, visit)
        else:
            data = briefing_docx(build_briefing(library, units[0], args.month, visit))
    except HotlineError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    outputs.write_bytes(out, data)
    print(f"已生成 {len(units)} 份接听日简报：{out}（{'、'.join(units)}）")
    return 0


def _as_one_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-one",
        action="store_true",
        help="所给图片是同一份通报的各页（按文件名排序），合为一份解析",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="热线通报分析台命令行")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="解析通报文件（PDF / DOCX / TXT / MD / 页面图片 PNG、JPEG）")
    p.add_argument("files", nargs="+")
    _as_one_option(p)
    p.add_argument("--json", action="store_true", help="输出 JSON（多个文件时为数组）")
    p.add_argument(
        "--explain", metavar="OUT_DIR", help="每页写一张 PNG，标出识别到的表格、行、列与词"
    )
    p.set_defaults(func=_cmd_parse)
    p = sub.add_parser("import", help="解析并导入通报到库（DATABASE_URL 或 HOTLINE_DB 指定的库）")
    p.add_argument("files", nargs="+")
    _as_one_option(p)
    p.add_argument("--replace", action="store_true", help="同月已有另一份通报时替换它")
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser("export", help="把库中全部数据导出为 Excel（.xlsx）或 CSV 压缩包（.zip）")
    p.add_argument("out", help="输出文件")
    p.add_argument(
        "--format",
        choices=["xlsx", "csv"],
        default="xlsx",
        help="xlsx：一个工作簿，每表一页；csv：每表一个 CSV 的 zip 包",
    )
    p.add_argument(
        "--period",
        help="只导出一个期间的合计表：2024Q2（季度）、2024H1（半年）、2024（年度）或 2024-03~2024-05",
    )
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("briefing", help="生成领导接听日简报（Word）；多个单位时打包为 .zip")
    p.add_argument("units", nargs="+", metavar="UNIT", help="单位名称（可用简称或别名）")
    p.add_argument("--month", help="月份 YYYY-MM，默认为库中最新的月份")
    p.add_argument("--out", required=True, help="输出文件：一个单位 .docx，多个单位 .zip")
    p.add_argument("--leader", help="接听领导姓名")
    p.add_argument("--title", help="接听领导职务")
    p.add_argument("--date", help="接听日期 YYYY-MM-DD")
    p.set_defaults(func=_cmd_briefing)
    cli_admin.register(sub)
    cli_reports.register(sub)
    cli_review.register(sub)
    cli_papers.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except HotlineError as exc:
        print(exc.message, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
