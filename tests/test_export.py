"""Exports: no cell ever becomes a formula, numbers stay numbers, Chinese survives Excel."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lib.export import (
    FORMULA_START,
    library_tables,
    to_csv_bytes,
    to_csv_zip_bytes,
    to_xlsx_bytes,
)

DANGEROUS = [
    "=SUM(A1:A9)",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "\n=1",
    '=HYPERLINK("http://x","点我")',
]


def _cells(xlsx: bytes, sheet: str) -> list[list]:
    book = load_workbook(io.BytesIO(xlsx))
    return [[(c.value, c.data_type) for c in row] for row in book[sheet].iter_rows()]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_formula_text_is_neutralised_in_xlsx_and_numbers_stay_numbers():
    df = pd.DataFrame(
        {"明细": DANGEROUS, "加扣分值": [-1.0] * len(DANGEROUS), "件数": [-1] * len(DANGEROUS)}
    )

    header, *rows = _cells(to_xlsx_bytes({"加扣分": df}, {}), "加扣分")

    assert [v for v, _ in header] == ["明细", "加扣分值", "件数"]
    assert [r[0] for r in rows] == [("'" + text, "s") for text in DANGEROUS]
    assert {(r[1], r[2]) for r in rows} == {((-1, "n"), (-1, "n"))}


def test_formula_text_is_neutralised_in_csv():
    df = pd.DataFrame({"明细": DANGEROUS, "加扣分值": [-1.0] * len(DANGEROUS)})
    header, *rows = _csv_rows(to_csv_bytes(df))
    assert header == ["明细", "加扣分值"]
    assert [r[0] for r in rows] == ["'" + text for text in DANGEROUS]
    assert {r[1] for r in rows} == {"-1.0"}


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text())
def test_no_exported_cell_is_ever_a_formula(text, header):
    df = pd.DataFrame({header or "列": [text], "分值": [-1]})

    book = load_workbook(io.BytesIO(to_xlsx_bytes({"表": df}, {text: text})))
    cells = [(c.value, c.data_type) for sheet in book for row in sheet.iter_rows() for c in row]
    for value, data_type in cells:
        assert data_type != "f"
        assert not (isinstance(value, str) and value.startswith(FORMULA_START))
    assert (-1, "n") in cells

    header_row, row = _csv_rows(to_csv_bytes(df))
    assert not any(cell.startswith(FORMULA_START) for cell in [*header_row, row[0]])
    assert row[1] == "-1"


def test_missing_values_are_empty_cells():
    df = pd.DataFrame(
        {
            "序": [1, 2],
            "文字": ["a", None],
            "数": pd.array([1, None], dtype="Int64"),
            "率": [1.5, float("nan")],
        }
    )
    _, first, second = _cells(to_xlsx_bytes({"表": df}, {}), "表")
    assert [v for v, _ in first] == [1, "a", 1, 1.5]
    assert [v for v, _ in second] == [2, None, None, None]
    assert _csv_rows(to_csv_bytes(df))[2] == ["2", "", "", ""]


def test_workbook_has_one_sheet_per_table_and_the_filters():
    tables = {
        "排名/热线:2024年3月": pd.DataFrame({"a": [1]}),
        "很长的表名" * 8: pd.DataFrame({"a": [2]}),
        "很长的表名" * 9: pd.DataFrame({"a": [3]}),
    }
    filters = {"渠道": "热线", "月份": "2024年3月"}

    book = load_workbook(io.BytesIO(to_xlsx_bytes(tables, filters)))

    assert book.sheetnames[0] == "排名_热线_2024年3月"
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len(set(book.sheetnames)) == 4 and book.sheetnames[-1] == "筛选条件"
    assert [[c.value for c in row] for row in book["筛选条件"].iter_rows()] == [
        ["条件", "取值"],
        ["渠道", "热线"],
        ["月份", "2024年3月"],
    ]


def test_csv_zip_holds_one_file_per_table_and_the_filters():
    tables = {"热线评价": pd.DataFrame({"单位": ["华容县"]}), "加扣分": pd.DataFrame({"分": [-1]})}
    archive = zipfile.ZipFile(io.BytesIO(to_csv_zip_bytes(tables, {})))
    assert archive.namelist() == ["热线评价.csv", "加扣分.csv", "筛选条件.csv"]
    assert _csv_rows(archive.read("加扣分.csv")) == [["分"], ["-1"]]
    assert _csv_rows(archive.read("筛选条件.csv"))[1] == ["（无）", "全部数据"]


def test_library_tables_speak_chinese_and_keep_numbers(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)

    tables = library_tables(store)

    hotline, mailbox = tables["热线评价"], tables["市长信箱评价"]
    assert {"部门名称", "综合指标值", "回访不满意数", "群众不满意率"} <= set(hotline.columns)
    assert {"回访满意数", "群众满意率"} <= set(mailbox.columns)
    assert set(hotline["渠道"]) == {"热线"}
    assert len(hotline) + len(mailbox) == len(march.bulletin.evaluations)
    adjustments = tables["加扣分"]
    assert set(adjustments["类别"]) <= {"扣分", "加分"}
    sheet = _cells(to_xlsx_bytes(tables, {}), "加扣分")
    points = sheet[0].index(("加扣分值", "s"))
    assert [row[points] for row in sheet[1:]] == [
        (a.points, "n") for a in march.bulletin.adjustments
    ]
    assert tables["通报"]["文件名"].tolist() == ["2024-03.pdf"]
