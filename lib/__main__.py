"""Command line: `python -m lib COMMAND …`, a thin shell over the same functions the app uses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lib.errors import HotlineError


def _cmd_parse(args) -> int:
    from lib.sandbox import parse_untrusted

    results = []
    for path in args.files:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            print(f"“{path}”：无法读取文件（{exc.strerror}）", file=sys.stderr)
            return 2
        try:
            results.append(parse_untrusted(data, Path(path).name))
        except HotlineError as exc:
            print(exc.message, file=sys.stderr)
            return 2
    if args.json:
        out = [b.to_json() for b in results]
        json.dump(out[0] if len(out) == 1 else out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for b in results:
            print(_summary(b))
    return 0


def _summary(b) -> str:
    period = b.period.key if b.period else "?"
    hot = sum(e.channel == "hotline" for e in b.evaluations)
    mail = len(b.evaluations) - hot
    return (f"{b.source.filename}: {period} {b.issue.label or ''} 热线评价 {hot} 行，信箱评价 {mail} 行，"
            f"加扣分 {len(b.adjustments)} 行，核对不一致 {len(b.checks)} 处，警告 {len(b.warnings)} 条")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="热线通报分析台命令行")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="解析通报文件（PDF / DOCX / TXT / MD）")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="输出 JSON（多个文件时为数组）")
    p.set_defaults(func=_cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
