"""Parse speed on the sample PDFs against pdfplumber's own floor, in the same run.

    .venv/bin/python bench/parse_bench.py [--rounds N] [--all] [--baseline DIR] [--smoke]

In this process, for each file: the median seconds of pdfplumber's floor (open + extract_words
on every page), of our PDF reader alone, of our full parse (lib.parse.parse_bytes), and of the
same parse through the sandbox (lib.sandbox.parse_untrusted, what the app uses); then the full
parse's ratio to the floor (target <= 1.1), taken round by round (the two run back to back, so
a busy machine slows both alike) as median [min–max], in wall-clock and in CPU time (this
process's CPU), and the sandbox's overhead per call.

As whole processes, for each file: `python -m lib parse FILE --json` against a floor script
(a fresh interpreter that imports pdfplumber, opens the file and extracts every page's words):
min / median / max seconds, and the ratio to the floor round by round as median [min–max]
(target <= 1.2) — what a user of the command line waits for, start-up and imports included.
`--baseline DIR` adds the same command run from another checkout (e.g. `git archive main | tar
-x -C DIR`), to measure a change before and after in one run.

Every measurement is interleaved round by round so a busy machine slows all of them alike.
`--all` adds the PDF layout variants to the two samples; `--smoke` is one round on one file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.parse import parse_bytes  # noqa: E402
from lib.readers import DEFAULT_LIMITS  # noqa: E402
from lib.readers.pdf import read_pdf  # noqa: E402
from lib.sandbox import parse_untrusted  # noqa: E402
from lib.settings import DEFAULT_SETTINGS  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = [FIXTURES / "2024-03.pdf", FIXTURES / "2024-05.pdf"]
VARIANTS = sorted((FIXTURES / "variants").glob("*.pdf"))

FLOOR_SCRIPT = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.extract_words()\n"
)


def floor(data: bytes, name: str) -> None:
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()


def reader(data: bytes, name: str) -> None:
    read_pdf(data, name, DEFAULT_LIMITS, DEFAULT_SETTINGS)


MEASURED = {
    "floor": floor,
    "read_pdf": reader,
    "parse_bytes": parse_bytes,
    "sandboxed": parse_untrusted,
}


def seconds(run, data: bytes, name: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(data, name)
    return time.perf_counter() - wall, time.process_time() - cpu


def bench(path: Path, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) seconds per label and round, after one warm-up round."""
    data = path.read_bytes()
    for run in MEASURED.values():
        run(data, path.name)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in MEASURED}
    for _ in range(rounds):
        for label, run in MEASURED.items():
            times[label].append(seconds(run, data, path.name))
    return times


def in_process(files: list[Path], rounds: int) -> None:
    print(
        f"in this process: median seconds per file over {rounds} rounds; parse_bytes / floor "
        "per round, median [min–max], wall-clock and CPU"
    )
    print(
        f"{'file':<30}"
        + "".join(f"{label:>12}" for label in MEASURED)
        + f"{'wall ratio':>20}{'cpu ratio':>20}{'sandbox +s':>12}"
    )
    for path in files:
        times = bench(path, rounds)
        wall = {label: statistics.median(w for w, _ in values) for label, values in times.items()}
        ratios = [
            _spread(
                [
                    p[axis] / f[axis]
                    for p, f in zip(times["parse_bytes"], times["floor"], strict=True)
                ]
            )
            for axis in (0, 1)
        ]
        print(
            f"{path.name:<30}"
            + "".join(f"{wall[label]:>12.3f}" for label in MEASURED)
            + "".join(f"{r:>20}" for r in ratios)
            + f"{wall['sandboxed'] - wall['parse_bytes']:>+12.3f}"
        )


def _spread(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}x [{min(ratios):.2f}–{max(ratios):.2f}]"


def commands(baseline: Path | None) -> dict[str, tuple[Path, Callable[[Path], list[str]]]]:
    """label → (working directory, command for a file)."""
    cli = lambda path: [sys.executable, "-m", "lib", "parse", str(path), "--json"]  # noqa: E731
    found = {
        "floor": (ROOT, lambda path: [sys.executable, "-c", FLOOR_SCRIPT, str(path)]),
        "cli parse": (ROOT, cli),
    }
    if baseline is not None:
        found["baseline"] = (baseline, cli)
    return found


def process_seconds(cwd: Path, argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, check=True, env=_clean_env())
    return time.perf_counter() - started


def _clean_env() -> dict[str, str]:
    """No store or demo settings reach the command (`parse` must not need them), and bytecode
    is cached as in any installed copy, so the warm-up run leaves nothing to compile."""
    skip = ("HOTLINE_", "DATABASE_", "PYTHONDONTWRITEBYTECODE")
    return {k: v for k, v in os.environ.items() if not k.startswith(skip)}


def whole_processes(files: list[Path], rounds: int, baseline: Path | None) -> None:
    runs = commands(baseline)
    others = [label for label in runs if label != "floor"]
    print(
        f"\nwhole processes: seconds per file over {rounds} rounds (min/median/max); "
        "command / floor per round, median [min–max]"
    )
    print(
        f"{'file':<30}"
        + "".join(f"{label:>18}" for label in runs)
        + "".join(f"{label + ' / floor':>24}" for label in others)
    )
    for path in files:
        times: dict[str, list[float]] = {label: [] for label in runs}
        for cwd, command in runs.values():
            process_seconds(cwd, command(path))
        for _ in range(rounds):
            for label, (cwd, command) in runs.items():
                times[label].append(process_seconds(cwd, command(path)))
        ratios = [
            _spread([t / f for t, f in zip(times[label], times["floor"], strict=True)])
            for label in others
        ]
        print(
            f"{path.name:<30}"
            + "".join(f"{_span(v):>18}" for v in times.values())
            + "".join(f"{r:>24}" for r in ratios)
        )


def _span(values: list[float]) -> str:
    return f"{min(values):.2f}/{statistics.median(values):.2f}/{max(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--all", action="store_true", help="the PDF layout variants too")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout's CLI too")
    parser.add_argument("--smoke", action="store_true", help="one round on one file")
    args = parser.parse_args(argv)
    files = SAMPLES + (VARIANTS if args.all else [])
    if args.smoke:
        files, args.rounds = files[:1], 1
    in_process(files, args.rounds)
    whole_processes(files, args.rounds, args.baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
