"""The reviewer's commands of `python -m lib`: review, correct, corrections, and the pictures
behind `parse --explain`.

Registered by lib/__main__.py. The CLI acts as 本机 unless `--author` names someone. Every
refusal is one Chinese line and exit 2 with nothing written (a ReviewError raised inside the
store's write transaction, printed by lib/__main__.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from lib.errors import OutputError, ReviewError, os_cause
from lib.labels import field_label, month_label
from lib.review.log import LOCAL_AUTHOR

_USAGE = "用法：correct 月份 渠道 单位 字段 新值 --reason 理由，或 correct --undo 编号"


def register(sub) -> None:
    p = sub.add_parser("review", help="列出某月的核实清单（核对不一致、解析警告）及其状态")
    p.add_argument("month", help="月份 YYYY-MM")
    p.add_argument("--confirm", type=int, metavar="序号", help="确认该项通报原文无误（保留原值）")
    p.add_argument("--ignore", type=int, metavar="序号", help="忽略该项（须 --reason 说明理由）")
    p.add_argument("--reason", default="", help="理由")
    p.add_argument("--author", default=LOCAL_AUTHOR, help="操作人，默认“本机”")
    p.set_defaults(func=_cmd_review)
    p = sub.add_parser("correct", help="更正评价表中的一个数值（记入核实记录，不改动原值）")
    for name in ("month", "channel", "unit", "field", "value"):
        p.add_argument(name, nargs="?")
    p.add_argument("--reason", default="", help="更正理由")
    p.add_argument("--group", help="单位在该月评价表中出现两次时，指明分组")
    p.add_argument("--undo", type=int, metavar="编号", help="撤销一条核实记录")
    p.add_argument("--author", default=LOCAL_AUTHOR, help="操作人，默认“本机”")
    p.set_defaults(func=_cmd_correct)
    p = sub.add_parser("corrections", help="列出核实记录（更正、确认、忽略、撤销），新的在前")
    p.add_argument("--month", help="只列出该月份（YYYY-MM）")
    p.set_defaults(func=_cmd_corrections)


def _cmd_review(args: argparse.Namespace) -> int:
    from lib.review import requests
    from lib.review.log import STATES
    from lib.review.queue import state_counts
    from lib.review.report import queue_table

    period = requests.month_key(args.month)
    with _store() as store:
        _known_month(store, period)
        if args.confirm is not None or args.ignore is not None:
            return _decide(store, period, args)
        items = requests.month_queue(store.frame, period)
    counts = state_counts(items)
    print(
        f"{month_label(period)}核实清单："
        + "，".join(f"{STATES[s]} {n}" for s, n in counts.items())
    )
    for row in queue_table(items).itertuples(index=False):
        place = " ".join(p for p in (row.位置, row.单位, row.字段) if p)
        print(f"{row.序号:>3} [{row.状态}] {row.类别} · {place} · {row.说明}")
    return 0


def _decide(store, period: str, args: argparse.Namespace) -> int:
    from lib.review import requests

    if args.confirm is not None and args.ignore is not None:
        raise ReviewError(detail="--confirm 与 --ignore 只能选一个")
    confirm = args.confirm is not None
    action, number = ("confirm", args.confirm) if confirm else ("ignore", args.ignore)
    items = requests.month_queue(store.frame, period)
    if not 1 <= number <= len(items):
        raise ReviewError(
            detail=f"{month_label(period)}的核实清单没有第 {number} 项（共 {len(items)} 项）"
        )
    item = items[number - 1]
    build = partial(
        requests.decision,
        period=period,
        key=item.key,
        action=action,
        reason=args.reason,
        author=args.author,
    )
    entry_id = store.append_review(build)
    word = "确认原文" if action == "confirm" else "忽略"
    print(f"已记录（编号 {entry_id}）：第 {number} 项{word}")
    return 0


def _cmd_correct(args: argparse.Namespace) -> int:
    from lib.review import requests

    given = [args.month, args.channel, args.unit, args.field, args.value]
    with _store() as store:
        if args.undo is not None:
            if any(v is not None for v in given):
                raise ReviewError(detail=f"--undo 只需编号。{_USAGE}")
            build = partial(
                requests.undo, entry_id=args.undo, author=args.author, reason=args.reason
            )
            entry_id = store.append_review(build)
            print(f"已撤销编号 {args.undo}（撤销记录编号 {entry_id}）")
            return 0
        if any(v is None for v in given):
            raise ReviewError(detail=f"缺少参数。{_USAGE}")
        request = requests.CorrectionRequest(
            *given, reason=args.reason, author=args.author, group=args.group
        )
        entry_id = store.append_review(partial(requests.correction, request=request))
        entry = store.frame("review_log", id=entry_id).iloc[0]
    label = field_label(entry["field"], entry["channel"])
    print(
        f"已记录更正（编号 {entry_id}）：{month_label(entry['period'])} {entry['unit']} "
        f"{label} {entry['printed']} → {entry['value']}"
    )
    return 0


def _cmd_corrections(args: argparse.Namespace) -> int:
    from lib.review import requests
    from lib.review.apply import stale
    from lib.review.report import change, log_table

    filters = {"period": requests.month_key(args.month)} if args.month else {}
    with _store(read_only=True) as store:
        log = store.frame("review_log", **filters)
        printed = store.frame("printed_evaluations", **filters)
    table = log_table(log, stale(printed, log))
    if table.empty:
        print("没有核实记录")
    for _, row in table.iterrows():
        reason = f" · 理由：{row['理由']}" if row["理由"] else ""
        who = f"编号 {row['编号']} · {row['时间']} · {row['操作人']} · {row['操作']}"
        print(f"{who} · {change(row)}{reason} · {row['现状']}")
    return 0


def explain(inputs: list[tuple[str, bytes]], out: Path) -> int:
    """`parse FILE… --explain OUT_DIR`: one PNG per page of each PDF (name, bytes), named
    after the file."""
    from lib import outputs
    from lib.sandbox import explain_untrusted

    for name, data in inputs:
        pages = explain_untrusted(data, name)
        _folder(out)
        for number, png in pages:
            outputs.write_bytes(out / f"{Path(name).stem}-p{number:02d}.png", png)
        print(f"{name}：已在 {out} 写入 {len(pages)} 张页面图")
    return 0


def _folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(out), os_cause(error)) from None


def _known_month(store, period: str) -> None:
    if period not in {info.period for info in store.list_bulletins()}:
        raise ReviewError(detail=f"通报库中没有{month_label(period)}的通报")


@contextmanager
def _store(read_only: bool = False) -> Iterator:
    """The store for one command, closed afterwards."""
    from lib.store import Store

    store = Store.open(read_only=read_only)
    try:
        yield store
    finally:
        store.close()
