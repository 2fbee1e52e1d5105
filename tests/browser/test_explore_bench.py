"""bench/explore_bench.py in its smoke mode, as a command: it runs end to end and prints every
line (times are printed for people, never asserted). A process of its own, as it drives its own
Playwright beside the one the browser tests hold."""

from __future__ import annotations

import subprocess
import sys

from bench.explore_bench import VIEWS
from tests.apptest import ROOT


def test_the_explore_bench_runs_in_smoke_mode():
    done = subprocess.run(
        [sys.executable, "bench/explore_bench.py", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "3 个月 × 20 个单位，每项打开 1 次取中位数"
    assert lines[1].endswith("空白 Streamlit 页面（基准）")
    assert [line.split("自助分析 ", 1)[1] for line in lines[3:-1]] == list(VIEWS)
    assert lines[-1].endswith("总览（已有页面，作对照）")
    assert len(lines) == 4 + len(VIEWS)
