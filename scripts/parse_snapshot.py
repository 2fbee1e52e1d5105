"""Write, or compare against, the parse JSON of every fixture with an answer key.

    python scripts/parse_snapshot.py write DIR     # one DIR/<fixture>.json per file
    python scripts/parse_snapshot.py compare DIR   # exit 1 and list the files that differ

Used around a refactoring that must not change what the parser reads: write before, compare
after. Only the keys a refactoring must keep are compared when `--keys` is given (e.g. the
answer key's fields while a new key such as `doubtful` is being added); `--ignore` leaves out
nested keys a refactoring adds (`--ignore source.strategies`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.errors import HotlineError  # noqa: E402
from lib.parse import parse_bytes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
FOLDERS = ("", "variants", "unseen", "cases")
SUFFIXES = {".pdf", ".docx", ".txt", ".md"}


def fixture_files() -> list[Path]:
    files = []
    for folder in FOLDERS:
        files += [
            p for p in sorted((FIXTURES / folder).iterdir()) if p.is_file() and p.suffix in SUFFIXES
        ]
    return files


def snapshot(path: Path, keys: list[str] | None, ignore: list[str] = ()) -> str:
    try:
        data = parse_bytes(path.read_bytes(), path.name).to_json()
    except HotlineError as exc:
        data = {"rejected": exc.message}
    for dotted in ignore:
        *outer, last = dotted.split(".")
        inner = data
        for key in outer:
            inner = inner.get(key) if isinstance(inner, dict) else None
        if isinstance(inner, dict):
            inner.pop(last, None)
    if keys:
        data = {k: data.get(k) for k in keys}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["write", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--keys", nargs="*", help="compare only these top-level keys")
    parser.add_argument(
        "--ignore", nargs="*", default=[], help="leave out these dotted keys (source.strategies)"
    )
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = []
    for path in fixture_files():
        name = f"{path.parent.name}-{path.name}.json"
        text = snapshot(path, args.keys, args.ignore)
        target = args.folder / name
        if args.action == "write":
            target.write_text(text, encoding="utf-8")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            differ.append(name)
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(fixture_files())} fixtures, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
