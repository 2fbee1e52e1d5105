"""The administrator's commands of `python -m lib`: backup, restore, check, hash-password.

Registered by lib/__main__.py; a HotlineError raised here is printed there as one line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "backup", help="备份整个库（全部原文件与数据）到一个 .zip，应用运行中也可执行"
    )
    p.add_argument("out", help="输出的 .zip 文件")
    p.set_defaults(func=_cmd_backup)
    p = sub.add_parser("restore", help="从 backup 生成的 .zip 恢复到库（默认只恢复到空库）")
    p.add_argument("backup", help="备份 .zip 文件")
    p.add_argument("--force", action="store_true", help="库中已有数据时，用备份覆盖全部数据")
    p.set_defaults(func=_cmd_restore)
    p = sub.add_parser("check", help="检查库的完整性（无残缺导入、无孤立数据行）")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser(
        "hash-password", help="输入编辑密码，输出写入 .streamlit/secrets.toml 的哈希"
    )
    p.set_defaults(func=_cmd_hash_password)


def _cmd_backup(args: argparse.Namespace) -> int:
    from lib.backup import backup
    from lib.store import Store

    store = Store.open(read_only=True)
    try:
        summary = backup(store, Path(args.out))
    finally:
        store.close()
    print(
        f"已备份 {summary.bulletins} 期通报（共 {sum(summary.rows.values())} 行数据）到 {args.out}"
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when the store is sound, 1 with one line per problem when it is not."""
    from lib.store import Store

    store = Store.open()
    try:
        problems = store.integrity_problems()
    finally:
        store.close()
    for problem in problems:
        print(problem)
    print(f"{store.url}：" + (f"发现 {len(problems)} 处问题" if problems else "完整，未发现问题"))
    return 1 if problems else 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from lib.backup import restore
    from lib.store import Store

    store = Store.open()
    try:
        summary = restore(store, Path(args.backup), force=args.force)
    finally:
        store.close()
    print(
        f"已从 {args.backup} 恢复 {summary.bulletins} 期通报（共 {sum(summary.rows.values())} 行数据）"
        f"到 {store.url}"
    )
    return 0


def _cmd_hash_password(args: argparse.Namespace) -> int:
    """Asks twice without echo; prints the lines to paste, never the password."""
    from lib.access import MIN_PASSWORD_LENGTH, hash_password

    password = getpass.getpass("编辑密码：")
    if len(password) < MIN_PASSWORD_LENGTH:
        print(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符，未生成", file=sys.stderr)
        return 2
    if getpass.getpass("再输入一次：") != password:
        print("两次输入的密码不一致，未生成", file=sys.stderr)
        return 2
    print("# 把下面两行加入 .streamlit/secrets.toml（不要提交到代码库），然后重启应用：")
    print("[auth]")
    print(f'editor_password_hash = "{hash_password(password)}"')
    return 0
