"""Doubtful values: OCR confidence and the checks decide, text layers are never doubtful."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from lib.document import Document, Line, Page, Table, Word
from lib.doubt import UNSURE_BELOW, mark_doubtful
from lib.model import Adjustment, Bulletin, Evaluation, Source
from lib.readers.ocr.text import LOOK_ALIKE, tidy_cell, tidy_line
from tests.test_evaluations import ROW_HUARONG

SURE, UNSURE = 0.99, UNSURE_BELOW / 2
# 华容县 of March's 附件1, exactly as printed: every check holds.
ROW = ROW_HUARONG
VALUES = dict(
    due=920,
    handled=917,
    completion_rate=99.67,
    on_time=917,
    on_time_rate=99.67,
    rework=31,
    rework_rate=3.37,
    visited=105,
    visited_rate=11.65,
    score=96.8,
    grade="A",
)
COLUMN = {f: i for i, f in enumerate(["unit", *VALUES])}


def scanned(cells: list[str], unsure: set[str] = frozenset(), recognised: bool = True):
    """A one-row recognised table and the evaluation extract/ would read from it."""
    confidence = [UNSURE if f in unsure else SURE for f in COLUMN]
    table = Table(rows=[cells], page=7, confidence=[confidence])
    doc = Document("scan", [Page(7, [table], recognised=recognised)])
    row = Evaluation("hotline", "县市区", cells[0], page=7, **_values(cells))
    return doc, Bulletin(source=Source("x.pdf", "0", 1, "scan"), evaluations=[row])


def _values(cells: list[str]) -> dict:
    out = {}
    for field, text in zip(VALUES, cells[1:], strict=True):
        number = text.rstrip("%")
        out[field] = text if field == "grade" else float(number) if "." in number else int(number)
        if field.endswith("rate"):
            out[field] = float(number)
    return out


def judged(cells, unsure=frozenset(), recognised=True):
    doc, bulletin = scanned(cells, unsure, recognised)
    mark_doubtful(bulletin, doc)
    return bulletin.evaluations[0], bulletin.warnings


def test_a_sure_row_whose_checks_hold_has_no_doubt():
    row, warnings = judged(ROW)
    assert row.doubtful == [] and warnings == []


def test_an_unsure_value_that_its_checks_confirm_is_not_doubtful():
    row, warnings = judged(ROW, unsure={"rework"})
    assert row.doubtful == [] and warnings == []


def test_an_unsure_value_without_a_check_stays_doubtful():
    """The hotline 回访不满意数 takes part in no check: only the engine vouches for it."""
    row, _ = judged(ROW, unsure={"visited"})
    assert row.doubtful == ["visited"]


def test_a_misread_count_pinned_by_its_rate_is_derived_with_a_warning():
    cells = ROW.copy()
    cells[COLUMN["rework"]] = "37"
    row, warnings = judged(cells, unsure={"rework"})
    assert row.rework == 31 and row.doubtful == []
    assert [w.message for w in warnings] == [
        "华容县的返工数识别不确定（读作 37），按同行其他数字推算为 31"
    ]


def test_a_misread_value_that_nothing_pins_is_doubtful_not_silent():
    """A score read wrong (96.8 as 98.6) fails the formula: the score and the 不满意率 it
    shares the check with are doubtful; the rates their counts confirm are not."""
    cells = ROW.copy()
    cells[COLUMN["score"]] = "98.6"
    row, warnings = judged(cells)
    assert row.score == 98.6 and warnings == []
    assert row.doubtful == ["visited_rate", "score"]


def test_a_row_no_recognised_text_accounts_for_is_doubtful_throughout():
    doc, bulletin = scanned(ROW)
    bulletin.evaluations[0].due = 921
    mark_doubtful(bulletin, doc)
    assert bulletin.evaluations[0].doubtful == ["unit", *VALUES]


def test_values_from_a_text_layer_are_never_doubtful():
    cells = ROW.copy()
    cells[COLUMN["score"]] = "98.6"
    row, _ = judged(cells, unsure={"due"}, recognised=False)
    assert row.doubtful == []


def test_an_adjustment_carries_the_confidence_of_its_cells_and_its_unit_above():
    rows = [["平江县", "+1", "信件办理质量", "表扬信件：191510"], [None, "+2", "创新创优", "活动"]]
    confidence = [[UNSURE, SURE, SURE, SURE], [SURE, SURE, SURE, UNSURE]]
    doc = Document("scan", [Page(13, [Table(rows, 13, confidence=confidence)], recognised=True)])
    adjustments = [
        Adjustment("bonus", "平江县", 1.0, "信件办理质量", "表扬信件：191510", page=13),
        Adjustment("bonus", "平江县", 2.0, "创新创优", "活动", page=13),
    ]
    bulletin = Bulletin(source=Source("x", "0", 1, "scan"), adjustments=adjustments)
    mark_doubtful(bulletin, doc)
    assert [a.doubtful for a in bulletin.adjustments] == [["unit"], ["unit", "detail"]]


def test_a_rule_less_row_reads_its_confidence_from_its_words():
    words = tuple(
        Word(t, i * 30.0, i * 30.0 + 20, UNSURE if i == 7 else SURE) for i, t in enumerate(ROW)
    )
    line = Line(" ".join(ROW), 7, words=words)
    doc = Document("scan", [Page(7, [line], recognised=True)])
    bulletin = Bulletin(
        source=Source("x", "0", 1, "scan"),
        evaluations=[Evaluation("hotline", "县市区", "华容县", page=7, **VALUES)],
    )
    mark_doubtful(bulletin, doc)
    assert bulletin.evaluations[0].doubtful == []


def test_every_row_of_the_json_has_its_doubtful_list(samples):
    out = json.loads(json.dumps(samples["2024-03.pdf"].bulletin.to_json(), default=str))
    assert all(row["doubtful"] == [] for row in out["evaluations"] + out["adjustments"])


@given(st.from_regex(r"[+-]?\d{1,4}(\.\d{1,2})?%?", fullmatch=True), st.floats(0, 1))
def test_a_number_read_as_digits_is_kept_as_read_and_as_sure(text, confidence):
    assert tidy_cell(text, confidence) == (text, confidence)


@given(st.from_regex(r"[0-9oOlI]{1,4}(\.[0-9oOlI]{1,2})?%?", fullmatch=True))
def test_a_number_read_through_look_alikes_is_never_sure(text):
    fixed, confidence = tidy_cell(text, 1.0)
    assert fixed.replace(".", "").rstrip("%").isdigit()
    assert confidence == (1.0 if fixed == text else LOOK_ALIKE)


def test_chinese_punctuation_is_written_full_width_and_brackets_pair():
    assert tidy_line("每件扣1分(热线编号:\n120836)") == "每件扣1分（热线编号：\n120836）"
    assert tidy_line("附件1:") == "附件1：" and tidy_line("10:30 开会") == "10:30 开会"
    assert tidy_line("1,234件") == "1,234件" and tidy_line("no (change)") == "no (change)"
