"""`python -m lib review`, `correct`, `correct --undo` and `corrections` on the store named by
the environment: what they print, and bad input as one Chinese line, exit 2, nothing written."""

from __future__ import annotations

import pytest

from lib.__main__ import main
from lib.store import Store
from tests.conftest import FIXTURES

MARCH, MAY = (str(FIXTURES / n) for n in ("2024-03.pdf", "2024-05.pdf"))


@pytest.fixture
def cli(store_url, monkeypatch, capsys):
    """The CLI's store (DATABASE_URL) holding March and May; yields its review log reader."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.delenv("HOTLINE_DB", raising=False)
    assert main(["import", MARCH, MAY]) == 0
    capsys.readouterr()

    def log():
        store = Store.open(store_url)
        try:
            return store.frame("review_log")
        finally:
            store.close()

    return log


def run(capsys, *args) -> tuple[int, list[str], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_review_lists_the_months_queue(cli, capsys):
    code, out, _ = run(capsys, "review", "2024-03")
    assert code == 0
    assert out == [
        "2024年3月核实清单：待核实 4，已确认原文 0，已更正 0，已忽略 0",
        "  1 [待核实] 综合指标值与公式不符 · 热线 第7页 临湘市 综合指标值 · "
        "综合指标值印为 96.4，按公式计算为 96.46",
        "  2 [待核实] 综合指标值与公式不符 · 热线 第8页 市国资委 综合指标值 · "
        "综合指标值印为 69，按公式计算为 69.11",
        "  3 [待核实] 综合指标值与公式不符 · 市长信箱 第9页 南湖新区 综合指标值 · "
        "综合指标值印为 98.53，按公式计算为 97.73",
        "  4 [待核实] 正文计数与表格不符 · 热线 承办单位总数 · "
        "正文称共 79 个承办单位，但附件1评价 64 行加量为 0 的 13 个，合计 77 个",
    ]


def test_correct_confirm_undo_and_the_log(cli, capsys):
    code, out, _ = run(
        capsys, "correct", "2024-03", "hotline", "市国资委", "score", "69.1", "--reason", "按公式"
    )
    assert (code, out) == (0, ["已记录更正（编号 1）：2024年3月 市国资委 综合指标值 69.0 → 69.1"])
    code, out, _ = run(capsys, "review", "2024-03", "--confirm", "1", "--author", "分析员乙")
    assert (code, out) == (0, ["已记录（编号 2）：第 1 项确认原文"])
    code, out, _ = run(capsys, "review", "2024-03")
    assert out[0] == "2024年3月核实清单：待核实 2，已确认原文 1，已更正 1，已忽略 0"
    assert out[2].startswith("  2 [已更正]") and out[2].endswith("（更正后核对一致）")

    assert run(capsys, "correct", "--undo", "1")[:2] == (0, ["已撤销编号 1（撤销记录编号 3）"])
    code, out, _ = run(capsys, "corrections", "--month", "2024-03")
    assert code == 0
    assert [line.split(" · ", 2)[2] for line in out] == [
        "本机 · 撤销 · 2024年3月 热线 市国资委 综合指标值 69.0 → 69.1 · 撤销编号 1",
        "分析员乙 · 确认原文 · 2024年3月 热线 临湘市 综合指标值 · 有效",
        "本机 · 更正 · 2024年3月 热线 市国资委 综合指标值 69.0 → 69.1 · 理由：按公式 · 已撤销",
    ]
    assert out[0].startswith("编号 3 · 20")
    assert run(capsys, "corrections", "--month", "2024-05")[1] == ["没有核实记录"]


BAD = {
    "unknown unit": (
        ("2024-03", "hotline", "市不存在局", "score", "70"),
        "2024年3月热线评价表中没有单位“市不存在局”，未作记录",
    ),
    "unknown field": (
        ("2024-03", "hotline", "市国资委", "points", "1"),
        "字段“points”不是评价表的一列",
    ),
    "not a number": (
        ("2024-03", "hotline", "市国资委", "score", "abc"),
        "综合指标值的更正值“abc”不是数值，未作记录",
    ),
    "rate over 100": (
        ("2024-03", "mailbox", "南湖新区", "rework_rate", "120%"),
        "返工率应在 0–100 之间，而不是“120%”，未作记录",
    ),
    "missing value": (("2024-03", "hotline", "市国资委", "score"), "缺少参数。用法：correct"),
    "twice printed": (
        ("2024-05", "hotline", "城陵矶新港区", "score", "90"),
        "“城陵矶新港区”在2024年5月热线评价表中出现 2 次（县市区、行政事业单位），请用 --group 指明分组",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_chinese_line_and_nothing_is_written(cli, capsys, case):
    args, message = BAD[case]
    code, out, err = run(capsys, "correct", *args, "--reason", "测试")
    assert (code, out) == (2, [])
    assert err.startswith(message) and err.count("\n") == 1
    assert cli().empty


@pytest.mark.parametrize(
    "args, message",
    [
        (("correct", "--undo", "7"), "没有编号为 7 的核实记录，未作记录\n"),
        (("correct", "--undo", "1", "2024-03"), "--undo 只需编号。"),
        (("review", "2024-04"), "通报库中没有2024年4月的通报，未作记录\n"),
        (
            ("review", "2024-03", "--confirm", "9"),
            "2024年3月的核实清单没有第 9 项（共 4 项），未作记录\n",
        ),
        (("review", "2024-03", "--ignore", "1"), "忽略须说明理由，未作记录\n"),
    ],
)
def test_bad_review_requests_are_refused(cli, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, [])
    assert err.startswith(message)
    assert cli().empty
