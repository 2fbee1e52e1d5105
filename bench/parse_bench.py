"""Parse speed on the sample PDFs against pdfplumber's own floor, in the same run.

    .venv/bin/python bench/parse_bench.py [ROUNDS]

For each file: the median seconds of pdfplumber's floor (open + extract_words on every page),
of our PDF reader alone, of our full parse in this process (lib.parse.parse_bytes), and of the
same parse through the sandbox (lib.sandbox.parse_untrusted, what the CLI and the app use);
then the full parse's ratio to the floor (target <= 1.5) in wall-clock and in CPU time (this
process's CPU, steadier on a shared machine), and the sandbox's overhead per call. The
measurements are interleaved round by round so a busy machine slows all of them alike.
"""

from __future__ import annotations

import statistics
import sys
import time
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

FILES = [ROOT / "tests" / "fixtures" / "2024-03.pdf", ROOT / "tests" / "fixtures" / "2024-05.pdf"]


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


def bench(path: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) seconds per label."""
    data = path.read_bytes()
    for run in MEASURED.values():
        run(data, path.name)
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in MEASURED}
    for _ in range(rounds):
        for label, run in MEASURED.items():
            times[label].append(seconds(run, data, path.name))
    return {
        label: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for label, values in times.items()
    }


def main(rounds: int) -> None:
    print(f"median seconds per file over {rounds} rounds")
    print(
        f"{'file':<14}"
        + "".join(f"{label:>13}" for label in MEASURED)
        + f"{'parse/floor':>13}{'cpu ratio':>11}{'sandbox +s':>12}"
    )
    for path in FILES:
        medians = bench(path, rounds)
        wall = {label: w for label, (w, _) in medians.items()}
        ratio = wall["parse_bytes"] / wall["floor"]
        cpu_ratio = medians["parse_bytes"][1] / medians["floor"][1]
        overhead = wall["sandboxed"] - wall["parse_bytes"]
        print(
            f"{path.name:<14}"
            + "".join(f"{wall[label]:>13.3f}" for label in MEASURED)
            + f"{ratio:>12.2f}x{cpu_ratio:>10.2f}x{overhead:>+12.3f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
