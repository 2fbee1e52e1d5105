"""`python -m lib report`: the monthly analysis report as Word (or its print sheet with --html),
and with --lists the printable 排名 and 红黑榜 sheets. Registered by lib/__main__.py; the
analysis is imported inside the command, so other commands start without pandas."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="生成月度分析报告（Word，或 --html 打印版）；--lists 生成排名与红黑榜打印页"
    )
    p.add_argument("--month", help="月份 YYYY-MM，默认为库中最新的月份")
    p.add_argument("--out", required=True, help="输出文件（.docx，或 --html / --lists 时 .html）")
    p.add_argument("--html", action="store_true", help="写 A4 打印版（HTML），用浏览器打印")
    p.add_argument("--lists", action="store_true", help="写排名与红黑榜：每个渠道×分组一页 A4 横向")
    p.set_defaults(func=_cmd_report)


def _cmd_report(args) -> int:
    from lib import outputs
    from lib.papers.content import Frames, build_report
    from lib.store import Store

    if args.month and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        print(f"月份应写作 YYYY-MM，如 2024-05：{args.month}", file=sys.stderr)
        return 2
    month = args.month
    store = Store.open(read_only=True)
    try:
        frames = Frames.from_store(store)
    finally:
        store.close()
    report = build_report(frames, month)
    out = Path(args.out)
    if args.lists:
        from lib.papers.lists import lists_file

        data, what = lists_file(report.month, list(report.groups)).encode(), "排名与红黑榜打印页"
    elif args.html:
        from lib.papers.html import report_file

        data, what = report_file(report).encode(), "月度分析报告打印版"
    else:
        from lib.papers.docx import report_docx

        data, what = report_docx(report), "月度分析报告"
    outputs.write_bytes(out, data)
    print(f"已生成{report.month[:4]}年{int(report.month[5:])}月{what}：{out}")
    return 0
