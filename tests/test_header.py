"""The header: issue, period, date and issuer from the lines before the first section."""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.extract.header import read_header
from lib.model import Bulletin, Issue, Period, Source
from tests.fixture_lines import MONTH_OF, answer_key, fixture_lines, lines

ISSUER = "岳阳市人民政府12345热线服务中心"
WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def header_of(line_list) -> Bulletin:
    bulletin = Bulletin(source=Source("test", "", 1, "text"))
    read_header(list(line_list), bulletin)
    return bulletin


@pytest.mark.parametrize("name", MONTH_OF)
def test_fixture_header_equals_the_answer_key(name):
    b, key = header_of(fixture_lines(name)), answer_key(name)
    assert asdict(b.issue) == key["issue"]
    assert asdict(b.period) == key["period"]
    assert (b.published, b.issuer) == (key["published"], key["issuer"])
    assert b.warnings == []


def test_issuer_and_date_on_separate_lines_as_in_the_march_seed():
    b = header_of(
        lines(
            "政务服务热线工作通报",
            "2024年第3期",
            ISSUER,
            "2024年4月22日",
            "2024年3月12345热线和市长信箱运行办理情况通报",
            "一、工作动态",
        )
    )
    assert (b.issue, b.period) == (Issue(2024, 3, "2024年第3期"), Period(2024, 3))
    assert (b.published, b.issuer) == ("2024-04-22", ISSUER)


def test_tab_between_issuer_and_date_and_a_wrapped_title_as_in_the_docx():
    b = header_of(
        lines(
            "政务服务热线工作通报",
            f"{ISSUER}\t2024年6月24日",
            "2024年5月12345热线和市长信箱",
            "运行办理情况通报",
            "一、工作动态",
        )
    )
    assert (b.period, b.published, b.issuer) == (Period(2024, 5), "2024-06-24", ISSUER)
    assert b.issue == Issue()


def test_full_width_digits_and_a_chinese_issue_number():
    b = header_of(
        lines(
            "２０２４年第三期",
            "岳阳市人民政府１２３４５热线服务中心　２０２４年４月２２日",
            "２０２４年３月份１２３４５热线运行情况通报",
        )
    )
    assert (b.issue, b.period) == (Issue(2024, 3, "2024年第3期"), Period(2024, 3))
    assert (b.published, b.issuer) == ("2024-04-22", ISSUER)


def test_the_banji_date_and_wrong_month_captions_are_never_used():
    b = header_of(
        lines(
            "政务服务热线工作通报",
            ISSUER,
            "2024年3月12345热线运行情况通报",
            "一、工作动态",
            "（一）某项工作。",
            "附件4：",
            "2024年2月12345热线和市长信箱工作考核加分表",
            f"{ISSUER} 2024年4月18日印发",
        )
    )
    assert b.period == Period(2024, 3)
    assert (b.published, b.issuer) == (None, ISSUER)
    assert [w.message for w in b.warnings] == ["通报头部未找到发文日期"]


def test_a_header_without_an_issuer_says_so():
    b = header_of(
        lines(
            "政务服务热线工作通报",
            "2024年第3期",
            "2024年4月22日",
            "2024年3月12345热线运行情况通报",
            "一、工作动态",
        )
    )
    assert (b.published, b.issuer) == ("2024-04-22", None)
    assert [(w.message, w.page) for w in b.warnings] == [("通报头部未找到发文单位", 1)]


def test_without_a_title_the_issue_line_gives_the_period_with_a_warning():
    b = header_of(
        lines("政务服务热线工作通报", "2024年第7期", f"{ISSUER} 2024年8月20日", "一、工作动态")
    )
    assert b.period == Period(2024, 7)
    assert [w.message for w in b.warnings] == ["标题中未找到通报月份，按期号“2024年第7期”推定"]


def test_an_issue_number_disagreeing_with_the_title_is_flagged_and_the_title_wins():
    b = header_of(
        lines(
            "2024年第4期", f"{ISSUER} 2024年4月22日", "2024年3月12345热线和市长信箱运行办理情况通报"
        )
    )
    assert b.period == Period(2024, 3)
    assert len(b.warnings) == 1 and "不一致" in b.warnings[0].message
    assert b.warnings[0].snippet == "2024年3月12345热线和市长信箱运行办理情况通报"


@pytest.mark.parametrize(
    "texts",
    [
        ("会议纪要", "2024年5月10日", "2024年5月全市工作情况通报", "一、会议内容"),
        ("番茄炒蛋的做法", "2024年5月，天气转热。"),
        ("一、工作动态", "2024年3月12345热线和市长信箱运行办理情况通报"),
    ],
)
def test_an_unrelated_document_has_no_period(texts):
    assert header_of(lines(*texts)).period is None


def test_an_impossible_date_is_skipped_for_the_next_one():
    b = header_of(
        lines(f"{ISSUER} 2024年2月30日", "2024年3月4日", "2024年2月12345热线运行情况通报")
    )
    assert b.published == "2024-03-04"


@st.composite
def printed_headers(draw):
    """A header as some producer prints it: spacing, widths and line breaks vary."""
    year, month = draw(st.integers(2000, 2099)), draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    pub_month = month % 12 + 1
    pub_year = year + (month == 12)
    spaced = draw(st.booleans())
    wide = draw(st.booleans())

    def show(text):
        if spaced:
            text = re.sub(r"(\d+)", r" \1 ", text).strip()
        return text.translate(WIDE_DIGITS) if wide else text

    issue = show(f"{year}年第{month}期")
    date = show(f"{pub_year}年{pub_month}月{day}日")
    title = [show(f"{year}年{month}月12345热线和市长信箱"), "运行办理情况通报"]
    if draw(st.booleans()):
        title = ["".join(title)]
    who = [f"{show(ISSUER)} {date}"] if draw(st.booleans()) else [show(ISSUER), date]
    texts = ["政务服务热线工作通报", issue, *who, *title, "一、工作动态"]
    return texts, (year, month, f"{pub_year:04d}-{pub_month:02d}-{day:02d}")


@given(printed_headers())
def test_property_any_printing_of_the_header_reads_the_same(case):
    texts, (year, month, published) = case
    b = header_of(lines(*texts))
    assert b.issue == Issue(year, month, f"{year}年第{month}期")
    assert b.period == Period(year, month)
    assert (b.published, b.issuer) == (published, ISSUER)
    assert b.warnings == []
