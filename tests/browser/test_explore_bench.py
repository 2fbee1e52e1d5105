"""bench/explore_bench.py in its smoke mode: it runs end to end and prints every line (times are
printed for people, never asserted)."""

from __future__ import annotations

from bench.explore_bench import VIEWS, main


def test_the_explore_bench_runs_in_smoke_mode(capsys):
    assert main(["--smoke"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "3 个月 × 20 个单位，每项打开 1 次取中位数"
    assert lines[1].endswith("空白 Streamlit 页面（基准）")
    assert [line.split("自助分析 ", 1)[1] for line in lines[3:-1]] == list(VIEWS)
    assert lines[-1].endswith("总览（已有页面，作对照）")
    assert len(lines) == 4 + len(VIEWS)
