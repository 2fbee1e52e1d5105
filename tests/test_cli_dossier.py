"""`python -m lib dossier` and `python -m lib export --period` on stored bulletins."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from lib.__main__ import main
from tests.quarter_library import store_quarter


@pytest.fixture(scope="module")
def quarter_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("period-cli") / "quarter.db"
    store_quarter(db)
    return db


def use(db, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(db))


def workbook(path):
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return {sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)] for sheet in book}


def test_the_dossier_of_yueyanglou_as_word(samples_db, monkeypatch, tmp_path, capsys):
    use(samples_db, monkeypatch)
    out = tmp_path / "档案.docx"

    assert main(["dossier", "岳阳楼区", "--out", str(out)]) == 0

    assert capsys.readouterr().out == (
        f"已生成岳阳楼区的单位档案（2024年3月 – 2024年5月）：{out}\n"
    )
    document = docx.Document(str(out))
    lines = [p.text for p in document.paragraphs]
    hotline = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert [row[0] for row in hotline] == ["月份", "2024年3月", "2024年5月"]
    assert [row[10] for row in hotline] == ["综合指标值", "93.5", "95.5"]
    deductions = [
        [c.text for c in row.cells]
        for row in document.tables[4].rows
        if row.cells[1].text == "扣分"
    ]
    assert [(d[0], d[2]) for d in deductions] == [("2024年3月", "-1.0"), ("2024年5月", "-1.0")]
    assert "热线编号：120836" in deductions[0][5]
    assert "热线编号：537509、412489" in deductions[1][5]
    mentions = [line for line in lines if line.startswith(("2024年3月 · ", "2024年5月 · "))]
    assert [m.split("：", 1)[0] for m in mentions] == [
        "2024年3月 · 存在的问题第1条",
        "2024年5月 · 存在的问题第1条",
        "2024年5月 · 存在的问题第2条",
        "2024年5月 · 热点焦点第2条",
    ]
    assert "公园大邸东门" in mentions[0] and "蔡家社区" in mentions[3]
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_dossier_as_a_workbook_for_a_span_by_alias(samples_db, monkeypatch, tmp_path):
    use(samples_db, monkeypatch)
    out = tmp_path / "档案.xlsx"

    assert (
        main(["dossier", "经开区", "--from", "2024-05", "--to", "2024-05", "--out", str(out)]) == 0
    )

    sheets = workbook(out)
    assert list(sheets)[:3] == ["期间合计（热线）", "期间合计（市长信箱）", "逐月评价（热线）"]
    assert [row[0] for row in sheets["逐月评价（热线）"]] == ["月份", "2024年5月"]
    filters = dict(sheets["筛选条件"][1:])
    assert (filters["单位"], filters["期间"]) == ("岳阳经开区", "2024年5月")


def test_a_quarter_given_as_both_ends_is_that_quarter(quarter_db, monkeypatch, tmp_path, capsys):
    use(quarter_db, monkeypatch)
    out = tmp_path / "档案.xlsx"

    assert main(["dossier", "岳阳县", "--from", "2024Q4", "--to", "2024Q4", "--out", str(out)]) == 0

    assert "（2024年第四季度）" in capsys.readouterr().out
    filters = dict(workbook(out)["筛选条件"][1:])
    assert filters["缺少的月份"] == "缺 2024年11月"
    totals = workbook(out)["期间合计（市长信箱）"]
    assert dict(zip(*totals, strict=True))["各月等级"] == "A×1 C×1"


def test_an_unknown_unit_is_one_line_with_the_closest_names(
    samples_db, monkeypatch, tmp_path, capsys
):
    use(samples_db, monkeypatch)
    out = tmp_path / "档案.docx"

    assert main(["dossier", "岳阳塔区", "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert error.startswith(
        "通报库中没有这个单位，请检查名称（可用简称或别名）（岳阳塔区，最接近的名称：岳阳楼区"
    )
    assert error.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "档案.pdf"], "单位档案的输出文件应为 .docx 或 .xlsx"),
        (["--from", "2024年3月", "--out", "档案.docx"], "期间写法无法识别（“2024年3月”"),
    ],
)
def test_a_wrong_output_or_month_is_refused(
    samples_db, monkeypatch, tmp_path, capsys, args, message
):
    use(samples_db, monkeypatch)
    monkeypatch.chdir(tmp_path)

    assert main(["dossier", "岳阳楼区", *args]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert not list(tmp_path.iterdir())


def test_a_quarter_exported_names_its_missing_month(quarter_db, monkeypatch, tmp_path, capsys):
    use(quarter_db, monkeypatch)
    out = tmp_path / "2024Q4.xlsx"

    assert main(["export", "--period", "2024Q4", str(out)]) == 0

    assert capsys.readouterr().out == (
        f"已导出2024年第四季度的 2 张期间表到 {out}（缺 2024年11月）\n"
    )
    sheets = workbook(out)
    assert list(sheets) == ["热线（2024Q4）", "市长信箱（2024Q4）", "筛选条件"]
    header, *rows = sheets["热线（2024Q4）"]
    first = dict(zip(header, next(r for r in rows if r[1] == "岳阳楼区"), strict=True))
    assert (first["应办理数"], first["按期办结率（%）"], first["群众不满意率（%，加权平均）"]) == (
        6979,
        99.68,
        2.08,
    )
    assert (first["综合指标值（按公式）"], first["综合指标值（各月平均）"]) == (99.4, 99.4)
    filters = dict(sheets["筛选条件"][1:])
    assert filters["缺少的月份"] == "缺 2024年11月"
    assert filters["库中月份"] == "2024年10月、2024年12月"


def test_a_half_year_as_csv_files(samples_db, monkeypatch, tmp_path):
    use(samples_db, monkeypatch)
    out = tmp_path / "2024H1.zip"

    assert main(["export", "--period", "2024H1", "--format", "csv", str(out)]) == 0

    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == [
            "热线（2024H1）.csv",
            "市长信箱（2024H1）.csv",
            "筛选条件.csv",
        ]
        filters = archive.read("筛选条件.csv").decode("utf-8-sig")
    assert "缺 2024年1月、2024年2月、2024年4月、2024年6月" in filters


def test_a_period_written_wrong_is_refused(samples_db, monkeypatch, tmp_path, capsys):
    use(samples_db, monkeypatch)

    assert main(["export", "--period", "2024Q5", str(tmp_path / "x.xlsx")]) == 2
    assert capsys.readouterr().err == (
        "期间写法无法识别（“2024Q5”；应为 2024-05、2024Q2、2024H1、2024 或 2024-03~2024-05）\n"
    )
