"""OCR speed: seconds per page of a scanned bulletin, against a floor in the same run.

    .venv/bin/python bench/scan_bench.py [ROUNDS]     # 11 pages of each sample at 150 dpi
    .venv/bin/python bench/scan_bench.py --smoke      # one page, one round (scripts/test)

For each scan (the first 11 pages of a sample, rendered to an image-only PDF by
tests/fixtures/scans/make_scans.py): the median wall-clock seconds of the floor — pdfium
rendering every page and the detector finding its text, what any OCR reading must do — and of
the whole reading (lib.readers.read_document), per page and for all pages, and their ratio;
also CPU seconds of this process per page (steadier on a shared machine, but counting both of
onnxruntime's threads). The goal: an 11-page scan in under 90 s on two cores.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "scans"))

import make_scans  # noqa: E402

from lib.readers import DEFAULT_LIMITS, read_document  # noqa: E402
from lib.readers.ocr import engine  # noqa: E402
from lib.readers.pdf import rendered_pages  # noqa: E402

PAGES = 11


def scan(month: str, pages: int) -> bytes:
    images = make_scans.pages(month, 150)[:pages]
    return make_scans.image_pdf(images, 150)


def floor(data: bytes, pages: int) -> None:
    import cv2

    for _, gray, _ in rendered_pages(data, list(range(1, pages + 1))):
        engine.detect(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))


def reading(data: bytes, pages: int) -> None:
    read_document(data, "scan.pdf", DEFAULT_LIMITS)


def timed(run, data: bytes, pages: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run(data, pages)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(rounds: int, pages: int, months: tuple[str, ...]) -> None:
    engine.load()
    print(f"median over {rounds} round(s), {pages} page(s) per scan, 150 dpi")
    print(
        f"{'scan':<10}{'floor s':>9}{'read s':>9}{'s/page':>9}{'cpu s/page':>12}{'read/floor':>12}"
    )
    for month in months:
        data = scan(month, pages)
        times: dict[str, list[tuple[float, float]]] = {"floor": [], "read": []}
        for _ in range(rounds):
            times["floor"].append(timed(floor, data, pages))
            times["read"].append(timed(reading, data, pages))
        base = statistics.median(w for w, _ in times["floor"])
        read = statistics.median(w for w, _ in times["read"])
        cpu = statistics.median(c for _, c in times["read"])
        print(
            f"{month:<10}{base:>9.1f}{read:>9.1f}{read / pages:>9.2f}{cpu / pages:>12.2f}"
            f"{read / base:>11.2f}x"
        )


if __name__ == "__main__":
    if "--smoke" in sys.argv:
        main(1, 1, ("2024-03",))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, PAGES, make_scans.MONTHS)
