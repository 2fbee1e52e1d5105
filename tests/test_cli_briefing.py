"""`python -m lib briefing`: the same Word document from the shell, one unit or a zip of several."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from lib.__main__ import main


@pytest.fixture
def env(samples_db, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(samples_db))


def test_one_unit_by_alias_to_a_docx(env, tmp_path, capsys):
    out = tmp_path / "简报.docx"
    code = main(
        [
            "briefing",
            "城管局",
            "--month",
            "2024-03",
            "--out",
            str(out),
            "--leader",
            "李四",
            "--title",
            "局长",
            "--date",
            "2024-04-18",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == f"已生成 1 份接听日简报：{out}（市城管局）\n"
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    assert lines[:3] == [
        "领导接听日简报",
        "市城管局 · 2024年3月通报数据",
        "接听领导：李四 局长　接听日期：2024年4月18日",
    ]


def test_several_units_to_a_zip(env, tmp_path):
    out = tmp_path / "简报.zip"
    assert main(["briefing", "岳阳楼区", "经开区", "--out", str(out)]) == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert archive.namelist() == [
            "接听日简报_岳阳楼区_2024年5月.docx",
            "接听日简报_岳阳经开区_2024年5月.docx",
        ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["岳阳塔区"],
            "通报库中没有这个单位，请检查名称（可用简称或别名）"
            "（岳阳塔区，最接近的名称：岳阳楼区、岳阳经开区）",
        ),
        (["岳阳楼区", "--month", "2024-04"], "通报库中没有该月份的通报（2024-04）"),
        (["岳阳楼区", "市城管局"], "多个单位时请用 .zip 作输出文件（--out 简报.zip）"),
        (["岳阳楼区", "--date", "6月18日"], "接听日期应为 YYYY-MM-DD：6月18日"),
    ],
)
def test_what_cannot_be_made_is_one_line_and_exit_2(env, tmp_path, capsys, args, message):
    out = tmp_path / "x.docx"
    assert main(["briefing", *args, "--out", str(out)]) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not out.exists()
