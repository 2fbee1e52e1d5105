"""The monthly analysis report and the ranking sheets from the two samples, through
`python -m lib report`: the Word document's facts, the findings it states, the print sheet's
escaping, and the Chinese lines for a month the library lacks."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from lib.__main__ import main
from tests.apptest import HOSTILE_NAMES, made_bulletin, stored

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def env(samples_db, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(samples_db))


def document_text(path) -> str:
    document = docx.Document(str(path))
    cells = ["｜".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def report(tmp_path, month: str) -> str:
    out = tmp_path / "r.docx"
    assert main(["report", "--month", month, "--out", str(out)]) == 0
    return document_text(out)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_may_report_holds_the_bulletin_s_figures(fmt, tmp_path, monkeypatch, capsys):
    from tests.briefing_library import store_samples

    db = tmp_path / "s.db"
    store_samples(db, fmt)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    said = report(tmp_path, "2024-05")
    assert capsys.readouterr().out == f"已生成2024年5月月度分析报告：{tmp_path / 'r.docx'}\n"
    assert said.startswith("月度分析报告\n2024年5月")
    assert "受理来电65,452件，较2024年3月减少4,994件" in said
    assert "受理来电｜65,452｜70,446｜-4,994" in said
    assert "（2024年4月未载入）" in said
    assert "热线｜57（57）｜2（2）｜1（1）｜0（1）｜2（3）｜62｜16" in said
    assert "市长信箱｜52（53）｜2（3）｜0（2）｜0（0）｜0（0）｜54｜22" in said
    assert re.search(r"\n\d+/13｜岳阳楼区｜\d+\.\d｜A｜", said)
    assert "岳阳楼区｜-1｜+2.5｜+1.5｜537509、412489" in said
    assert "市国防动员办公室 A→E（58.3分" in said
    assert "城陵矶新港区 在附件1中重复出现" in said


def test_march_report_states_the_score_finding(env, tmp_path):
    said = report(tmp_path, "2024-03")
    assert "市国资委综合指标值通报为69.0，按公式应为69.11（待核实）" in said
    assert "南湖新区综合指标值通报为98.53，按公式应为97.73" in said
    assert "库中没有更早的月份，本报告不作环比。" in said


def test_a_correction_is_used_and_marked(tmp_path, monkeypatch):
    from tests.briefing_library import store_samples

    db = tmp_path / "s.db"
    store_samples(db)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    args = ["correct", "2024-03", "热线", "市国资委", "综合指标值", "69.1", "--reason", "按公式"]
    assert main(args) == 0
    said = report(tmp_path, "2024-03")
    assert "热线：※市国资委综合指标值已更正：通报原值 69.0" in said
    assert "市国资委综合指标值通报为69.0，按公式应为69.11（已更正）" in said


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--month", "2024-04"], "通报库中没有该月份的通报（2024-04）"),
        (["--month", "2024-13"], "月份应写作 YYYY-MM，如 2024-05：2024-13"),
    ],
)
def test_a_month_the_library_lacks(env, tmp_path, capsys, args, line):
    out = tmp_path / "r.docx"
    assert main(["report", *args, "--out", str(out)]) == 2
    assert capsys.readouterr().err == line + "\n"
    assert not out.exists()


def test_print_sheet_escapes_parsed_names(tmp_path, monkeypatch):
    db = tmp_path / "h.db"
    stored(db, made_bulletin(2024, 5, HOSTILE_NAMES))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    for extra in (["--html"], ["--lists"]):
        out = tmp_path / "p.html"
        assert main(["report", *extra, "--month", "2024-05", "--out", str(out)]) == 0
        sheet = out.read_text()
        assert "<script>" not in sheet
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet


def test_lists_one_sheet_per_channel_and_group(env, tmp_path):
    out = tmp_path / "lists.html"
    assert main(["report", "--lists", "--month", "2024-05", "--out", str(out)]) == 0
    sheet = out.read_text()
    titles = re.findall(r"<h1>(.*?)</h1>", sheet)
    assert titles == [
        "热线县市区排名",
        "热线行政事业单位排名",
        "热线公共服务企业排名",
        "市长信箱县市区排名",
        "市长信箱行政事业单位排名",
        "市长信箱公共服务企业排名",
    ]
    assert "月份：2024年5月　渠道：热线　分组：县市区　排名指标：综合指标值" in sheet
    assert sheet.count('<td class="strong">红榜</td>') >= 30


def test_may_report_has_year_on_year_when_a_year_earlier_is_stored(tmp_path, monkeypatch):
    """A May a year earlier (the sample with 2023 printed, tests/fixtures/years.py) gives the
    headline table 去年同期 and 同比; without it the report says it makes none."""
    from tests.fixtures.years import write_months

    may_2023 = write_months(tmp_path, 8)[-1]
    assert may_2023.name == "2023-05.pdf"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(tmp_path / "y.db"))
    samples = [str(FIXTURES / f"2024-0{m}.pdf") for m in (3, 5)]
    assert main(["import", *samples]) == 0
    alone = report(tmp_path, "2024-05")
    assert "库中没有去年同期（2023年5月）的通报，本报告不作同比。" in alone
    assert main(["import", str(may_2023)]) == 0

    said = report(tmp_path, "2024-05")

    assert "指标｜2024年5月｜上期｜环比｜去年同期｜同比" in said
    assert "受理来电｜65,452｜70,446｜-4,994｜65,452｜持平" in said
    assert "同比均与2023年5月相比。" in said
