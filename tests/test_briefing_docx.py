"""The Word briefing read back with python-docx: the exact figures of the samples, the page,
the fonts, the chart, and the batch zip."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from lib.briefing import text
from lib.briefing.batch import briefings_zip, zip_name
from lib.briefing.content import Visit, build_briefing
from lib.briefing.docx import briefing_docx
from tests.briefing_library import sample_library

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def library():
    return sample_library("pdf")


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


@pytest.fixture(scope="module")
def louqu(library):
    briefing = build_briefing(library, "岳阳楼区", visit=Visit("王明", "区长", date(2024, 6, 18)))
    return briefing, read(briefing_docx(briefing))


@pytest.fixture(scope="module")
def town_march(library):
    briefing = build_briefing(library, "市城管局", "2024-03")
    return briefing, read(briefing_docx(briefing))


def test_title_unit_month_and_visit(louqu):
    _, document = louqu
    assert paragraphs(document)[:3] == [
        "领导接听日简报",
        "岳阳楼区 · 2024年5月通报数据",
        "接听领导：王明 区长　接听日期：2024年6月18日",
    ]
    assert (
        paragraphs(document)[-1]
        == "资料来源：2024年3月 – 2024年5月《政务服务热线工作通报》（2 期）"
    )


def test_headline_scores_grades_and_ranks_of_louqu(louqu):
    headline = tables(louqu[1])[0]
    assert headline == [
        ["渠道", "综合指标值", "等级", "名次", "排名范围", "较上期（2024年3月）"],
        ["热线", "95.5", "A", "第 10 / 13", "全部县市区", "+2.0 分，名次升 1 位"],
        ["市长信箱", "98.83", "A", "第 8 / 11", "信件≥10件的县市区", "+1.75 分，名次升 2 位"],
    ]


def test_indicators_against_the_median_with_the_weakest_in_bold(louqu):
    document = louqu[1]
    assert tables(document)[1][0][1:4] == ["热线（%）", "组中位数（%）", "差距（百分点）"]
    assert tables(document)[1][2] == [
        "按期办结率",
        "98.57",
        "99.77",
        "-1.20（较弱）",
        "100.00",
        "100.00",
        "持平",
    ]
    weakest = document.tables[1].cell(2, 3).paragraphs[0].runs[0]
    assert weakest.bold


def test_deductions_with_their_work_order_numbers(louqu):
    adjustments = tables(louqu[1])[2]
    assert adjustments[0] == ["月份", "类别", "分值", "指标", "明细"]
    assert adjustments[1] == [
        "2024年5月",
        "扣分",
        "-1",
        "热线办理质量",
        "承办单位工单办理严重超期，且没有提前申请延期，又无正当理由的，每件扣0.5分；"
        "（热线编号：537509、412489）",
    ]
    assert adjustments[4] == [
        "2024年3月",
        "扣分",
        "-1",
        "热线办理质量",
        "承办单位未及时联系诉求人，虚假结案或结案内容出现文不对题情况，每件扣1分"
        "（热线编号：120836）",
    ]
    assert [row[:3] for row in adjustments[1:]] == [
        ["2024年5月", "扣分", "-1"],
        ["2024年5月", "加分", "+1.5"],
        ["2024年5月", "加分", "+1"],
        ["2024年3月", "扣分", "-1"],
        ["2024年3月", "加分", "+0.5"],
    ]


def test_the_problems_passages_that_name_louqu(louqu):
    lines = paragraphs(louqu[1])
    assert (
        "2024年5月 · 存在的问题第1条：岳阳楼区、国网岳阳供电公司工单办理超期严重，岳阳楼区超期办理"
        "54件，1月份的工单至今未办理……"
    ) in lines
    assert (
        "2024年3月 · 存在的问题第1条：汨罗市、岳阳楼区、岳阳经开区热线工单办理存在问题处理缺乏长效、"
        "办理承诺未兑现等方面的问题。……岳阳楼区居民反映公园大邸东门设置拦车地砖问题，部门回复“已要求"
        "负责人于本周内自行拆除，小区物业表示配合”，市热线平台一周后人工电话回访居民，居民反映该问题未"
        "处理到位。"
    ) in lines


def test_what_it_would_take_for_louqu(louqu):
    lines = paragraphs(louqu[1])
    assert (
        "热线进入组内前三（≥ 97.2 分），差 1.7 分：超期办结仅 11 件，全部改善也只 +0.11 分；"
        "返工仅 260 件，全部改善也只 +1.69 分；少 255 次不满意回访（本月 310 次），回访数推算为 "
        "2991–2993 次。"
    ) in lines


def test_the_city_management_bureau_in_march(town_march):
    briefing, document = town_march
    assert tables(document)[0][1:] == [
        ["热线", "96.7", "A", "第 2 / 11", "工单≥50件的行政事业单位", "无更早的数据"],
        ["市长信箱", "75.83", "C", "第 9 / 9", "信件≥10件的行政事业单位", "无更早的数据"],
    ]
    assert tables(document)[2][1] == [
        "2024年3月",
        "扣分",
        "-4",
        "信箱办理综合考评",
        "信箱月度考评C类",
    ]
    lines = paragraphs(document)
    assert (
        "2024年3月 · 存在的问题第5条：市城管局热线工单办理质效明显提升，但办理市长信箱信件不及时，"
        "案件编号为190307的信件超期结案，综合指标考核为C类。"
    ) in lines
    assert (
        "市长信箱升至 B 类（≥ 80 分），差 4.17 分：再按期办结 3 件（本月超期办结 9 件）；无返工；"
        "未获满意仅 2 封，全部改善也只 +2.50 分。"
    ) in lines
    assert text.file_name(briefing) == "接听日简报_市城管局_2024年3月.docx"


def test_the_city_management_bureau_in_may_against_march(library):
    document = read(briefing_docx(build_briefing(library, "市城管局")))
    assert tables(document)[0][1:] == [
        ["热线", "97.0", "A", "第 8 / 13", "工单≥50件的行政事业单位", "+0.3 分，名次降 6 位"],
        [
            "市长信箱",
            "97.92",
            "A",
            "第 8 / 13",
            "信件≥10件的行政事业单位",
            "+22.09 分，C→A，名次升 1 位",
        ],
    ]
    assert "等级走势：热线 2024年3月 A · 5月 A；市长信箱 2024年3月 C · 5月 A" in paragraphs(
        document
    )


def test_a4_chinese_fonts_and_the_chart_as_an_image(louqu):
    document = louqu[1]
    section = document.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == (
        pytest.approx(21.0, abs=0.01),
        pytest.approx(29.7, abs=0.01),
    )
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.styles["简报标题"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert len(document.inline_shapes) == 1
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[image].blob.startswith(PNG)


def test_the_font_table_names_noto_cjk_as_the_fallback(louqu):
    part = next(
        r.target_part for r in louqu[1].part.rels.values() if r.reltype.endswith("/fontTable")
    )
    assert '<w:font w:name="仿宋"><w:altName w:val="Noto Serif CJK SC"/>' in part.blob.decode()


def test_text_stays_editable_text(louqu):
    """No text boxes or frames: every word is in ordinary paragraphs and table cells."""
    body = louqu[1].element.body.xml
    assert "w:txbxContent" not in body and "w:framePr" not in body


def test_batch_zip_holds_one_document_per_unit(library):
    data = briefings_zip(library, ["岳阳楼区", "市城管局", "岳阳楼区"], "2024-05")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "接听日简报_岳阳楼区_2024年5月.docx",
            "接听日简报_市城管局_2024年5月.docx",
        ]
        town = read(archive.read("接听日简报_市城管局_2024年5月.docx"))
    assert paragraphs(town)[1] == "市城管局 · 2024年5月通报数据"
    assert zip_name("2024-05", 2) == "接听日简报_2024年5月_2个单位.zip"
