"""The briefing's content for real units, from the March and May 2024 samples."""

from __future__ import annotations

import pytest

from lib.briefing.content import (
    CityCategory,
    Standing,
    build_briefing,
    find_unit,
    standings,
    window,
)
from lib.briefing.mentions import (
    NameFinder,
    ReceptionDay,
    clauses,
    excerpt,
    item_number,
)
from lib.errors import MonthNotLoaded, UnknownUnit
from tests.briefing_library import sample_library


@pytest.fixture(scope="module")
def library():
    return sample_library("pdf")


@pytest.fixture(scope="module")
def louqu(library):
    return build_briefing(library, "岳阳楼区")


def test_the_briefing_is_for_the_latest_month_and_the_months_before_it(louqu):
    assert louqu.month == "2024-05"
    assert louqu.months == ("2024-03", "2024-05")


def test_headline_gives_score_grade_rank_and_change_on_both_channels(louqu):
    hotline, mailbox = louqu.headline("hotline"), louqu.headline("mailbox")
    county, letters = "全部县市区", "信件≥10件的县市区"
    assert hotline.current == Standing("2024-05", "hotline", "县市区", 95.5, "A", 10, 13, county)
    assert hotline.previous == Standing("2024-03", "hotline", "县市区", 93.5, "A", 11, 13, county)
    assert hotline.previous_month == "2024-03"
    assert mailbox.current == Standing("2024-05", "mailbox", "县市区", 98.83, "A", 8, 11, letters)
    assert mailbox.previous == Standing("2024-03", "mailbox", "县市区", 97.08, "A", 10, 12, letters)
    assert mailbox.current.place == "第 8 / 11 · 信件≥10件的县市区"
    assert mailbox.current.moved_since(mailbox.previous) == 2


def test_history_holds_every_month_and_channel_oldest_first(louqu):
    assert [(s.period, s.channel, s.score, s.rank) for s in louqu.history] == [
        ("2024-03", "hotline", 93.5, 11),
        ("2024-03", "mailbox", 97.08, 10),
        ("2024-05", "hotline", 95.5, 10),
        ("2024-05", "mailbox", 98.83, 8),
    ]


def test_bureaus_are_ranked_among_those_the_bulletin_ranks(library):
    town = build_briefing(library, "市城管局", "2024-03")
    assert town.headline("hotline").current == Standing(
        "2024-03", "hotline", "行政事业单位", 96.7, "A", 2, 11, "工单≥50件的行政事业单位"
    )
    assert town.headline("mailbox").current == Standing(
        "2024-03", "mailbox", "行政事业单位", 75.83, "C", 9, 9, "信件≥10件的行政事业单位"
    )


@pytest.mark.parametrize(
    ("month", "group", "top_three"),
    [
        ("2024-03", "县市区", {"华容县", "云溪区", "临湘市"}),
        ("2024-03", "行政事业单位", {"市人社局", "市公安交警支队", "市城管局"}),
        ("2024-03", "公共服务企业", {"市移动公司", "市水务集团公司", "市公交集团公司"}),
        ("2024-05", "县市区", {"屈原管理区", "临湘市", "岳阳县"}),
        ("2024-05", "行政事业单位", {"市教体局", "市邮政管理局", "市公安交警支队"}),
        ("2024-05", "公共服务企业", {"市移动公司", "市水务集团公司", "市公交集团公司"}),
    ],
)
def test_the_ranking_pool_gives_the_top_three_the_bulletin_names(library, month, group, top_three):
    rows = library.evaluations
    rows = rows[(rows["period"] == month) & (rows["channel"] == "hotline")]
    units = set(rows.loc[rows["group"] == group, "unit_id"])
    ranked = {
        uid
        for uid in units
        for s in standings(rows, uid)
        if s.group == group and s.pooled and s.rank <= 3
    }
    assert ranked == top_three


def test_a_unit_below_the_pool_threshold_is_ranked_in_its_whole_group(library):
    rows = library.evaluations
    small = standings(rows[rows["period"] == "2024-03"], "市商务局")
    hotline = next(s for s in small if s.channel == "hotline")
    assert (hotline.pooled, hotline.rank, hotline.of) == (False, 1, 42)


def test_indicators_against_the_group_median_mark_the_weakest(louqu):
    got = {(i.channel, i.field): (i.value, i.median, i.weakest) for i in louqu.indicators}
    assert got == {
        ("hotline", "completion_rate"): (98.93, 100.0, False),
        ("hotline", "on_time_rate"): (98.57, 99.77, True),
        ("hotline", "rework_rate"): (8.43, 6.97, False),
        ("hotline", "visited_rate"): (10.36, 8.61, False),
        ("mailbox", "completion_rate"): (100.0, 100.0, False),
        ("mailbox", "on_time_rate"): (100.0, 100.0, False),
        ("mailbox", "rework_rate"): (0.0, 0.0, False),
        ("mailbox", "visited_rate"): (94.16, 98.15, True),
    }


def test_deductions_and_bonuses_newest_first_with_their_work_order_numbers(louqu):
    assert [(a.period, a.kind, a.points, a.indicator) for a in louqu.adjustments] == [
        ("2024-05", "deduction", -1.0, "热线办理质量"),
        ("2024-05", "bonus", 1.5, "信息报送"),
        ("2024-05", "bonus", 1.0, "信件办理质量"),
        ("2024-03", "deduction", -1.0, "热线办理质量"),
        ("2024-03", "bonus", 0.5, "信息报送"),
    ]
    assert louqu.adjustments[0].detail.endswith("（热线编号：537509、412489）")
    assert louqu.adjustments[3].detail.endswith("（热线编号：120836）")
    assert louqu.adjustments[2].detail == "表扬信件：194492"


def test_every_passage_naming_the_unit_with_month_and_section(louqu):
    assert [(m.period, m.key, m.item, m.excerpt) for m in louqu.mentions] == [
        (
            "2024-05",
            "存在的问题",
            1,
            "岳阳楼区、国网岳阳供电公司工单办理超期严重，岳阳楼区超期办理54件，"
            "1月份的工单至今未办理……",
        ),
        (
            "2024-05",
            "存在的问题",
            2,
            "……市民来电反映岳阳楼区环球融创学校前的路中间有下水井盖四周坑洼存在安全"
            "隐患，市住建局回复称已安排人员修复，隐患已消除，市热线平台抽查回访市民"
            "反馈现场坑洼并未修复。",
        ),
        ("2024-05", "热点焦点", 2, "……岳阳楼区蔡家社区因部分居民欠缴水费，导致整个片区停水。"),
        (
            "2024-03",
            "存在的问题",
            1,
            "汨罗市、岳阳楼区、岳阳经开区热线工单办理存在问题处理缺乏长效、办理承诺"
            "未兑现等方面的问题。……岳阳楼区居民反映公园大邸东门设置拦车地砖问题，"
            "部门回复“已要求负责人于本周内自行拆除，小区物业表示配合”，市热线平台"
            "一周后人工电话回访居民，居民反映该问题未处理到位。",
        ),
    ]


def test_passages_find_a_unit_by_its_alias(library):
    mentions = build_briefing(library, "岳阳经开区", "2024-03").mentions
    hot = next(m for m in mentions if m.key == "热点焦点")
    assert hot.excerpt.startswith("1、电梯故障停运影响业主出行")
    assert "经开区天伦溪山府" in hot.excerpt
    assert hot.excerpt.endswith(
        "3、岳阳经开区恒大养生谷小区问题突出，投诉内容涉及农民工工资拖欠、"
        "房屋质量较差、小区配套设施不完善和不动产证未办理等问题。"
    )


def test_the_criticism_of_the_city_management_bureau(library):
    town = build_briefing(library, "市城管局", "2024-05")
    assert [(m.period, m.key, m.item, m.excerpt) for m in town.mentions] == [
        (
            "2024-03",
            "存在的问题",
            5,
            "市城管局热线工单办理质效明显提升，但办理市长信箱信件不及时，案件编号为"
            "190307的信件超期结案，综合指标考核为C类。",
        )
    ]


@pytest.mark.parametrize(
    ("unit", "leader"),
    [
        ("君山区", "区长陈淼"),
        ("云溪区", "区长蒋春艳"),
        ("市工信局", "局长曹冠军"),
        ("市公安交警支队", "支队长傅学文"),
    ],
)
def test_reception_days_from_the_news_and_the_bonus_table(library, unit, leader):
    assert build_briefing(library, unit).reception_days == (
        ReceptionDay("2024-05", "2024年5月", leader, ("工作动态", "加分表（+1 分）")),
    )


def test_no_reception_day_is_invented(louqu):
    assert louqu.reception_days == ()


def test_the_city_categories_of_the_month(louqu):
    assert len(louqu.categories) == 8
    assert louqu.categories[0] == CityCategory("人力资源和社会保障类", 9173, 20.06)
    assert louqu.categories[-1] == CityCategory("环境保护类", 1951, 4.27)


def test_the_docx_sample_gives_the_same_briefing_as_the_pdf(library):
    from_docx = sample_library("docx")
    for unit in ("岳阳楼区", "市城管局"):
        assert build_briefing(from_docx, unit) == build_briefing(library, unit)


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("岳阳楼区", "岳阳楼区"),
        ("经开区", "岳阳经开区"),
        ("市国网供电公司", "国网岳阳供电公司"),
        ("城管局", "市城管局"),
        (" 岳阳 楼区 ", "岳阳楼区"),
    ],
)
def test_a_unit_is_found_by_any_name(library, name, unit_id):
    assert find_unit(library, name) == unit_id


def test_an_unknown_or_ambiguous_name_is_refused_with_a_hint(library):
    with pytest.raises(
        UnknownUnit, match="通报库中没有这个单位.*（岳阳塔区，最接近的名称：岳阳楼区"
    ):
        find_unit(library, "岳阳塔区")
    with pytest.raises(UnknownUnit, match="可能是：.*市城管局"):
        find_unit(library, "市城")


def test_a_month_not_loaded_is_refused(library):
    with pytest.raises(MonthNotLoaded, match="通报库中没有该月份的通报（2024-04）"):
        build_briefing(library, "岳阳楼区", "2024-04")


def test_the_window_is_the_month_and_the_twelve_before():
    months = ["2023-04", "2023-05", "2023-12", "2024-05", "2024-06"]
    assert window(months, "2024-05") == ["2023-05", "2023-12", "2024-05"]


def test_clauses_end_at_full_stops_and_semicolons_outside_quotes():
    assert clauses("甲回复“已清理；马上办。”，未办；乙。丙") == [
        "甲回复“已清理；马上办。”，未办；",
        "乙。",
        "丙",
    ]


def test_an_excerpt_marks_what_was_left_out():
    parts = ["甲；", "乙；", "丙；", "丁。"]
    assert excerpt(parts, [False, True, False, True]) == "……乙……丁。"
    assert excerpt(parts, [True, False, False, False]) == "甲……"


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("1、汨罗市…", 1),
        ("12、…", 12),
        ("（一）岳阳楼区…", 1),
        ("（十二）…", 12),
        ("（二十）…", 20),
        ("热点焦点", None),
    ],
)
def test_item_numbers_in_both_numbering_styles(heading, number):
    assert item_number(heading) == number


def test_a_name_inside_a_longer_name_counts_for_the_longer_one():
    finder = NameFinder({"经开区": "岳阳经开区", "岳阳经开区": "岳阳经开区", "开区": "某开区"})
    assert finder.found("岳阳经开区和经开区") == [
        ("岳阳经开区", "岳阳经开区"),
        ("经开区", "岳阳经开区"),
    ]
    assert finder.names_of("岳阳经开区", "某开区") == []
