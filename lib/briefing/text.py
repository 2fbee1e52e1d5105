"""The briefing's wording: one place for the phrases the screen, the print view and Word share.

Numbers keep the bulletin's precision (scores 1 decimal on the hotline, 2 on the mailbox;
rates 2). Every function returns plain text: a renderer escapes what it must.
"""

from __future__ import annotations

from datetime import date

from lib.analysis import metrics
from lib.analysis.display import MARK, SAME
from lib.analysis.pools import ORDERS
from lib.briefing.content import Briefing, Headline, Indicator, Standing, Visit
from lib.briefing.mentions import Mention, ReceptionDay
from lib.briefing.whatif import Lever, Target
from lib.labels import CHANNELS, month_label, span_label

TITLE = "领导接听日简报"
NO_OWN_CATEGORIES = "通报只列全市诉求类型，未列各单位的诉求类型。"
BANDS_NOTE = "等级区间通报未公布，按本台配置的区间推算。"
NO_ROW = "本月未列入评价表（无{orders}）"


def score(value: float, channel: str) -> str:
    return f"{value:.{metrics.score_decimals(channel)}f}"


def signed_score(value: float, channel: str) -> str:
    return f"{value:+.{metrics.score_decimals(channel)}f}"


def score_change(value: float, channel: str) -> str:
    """'+2.0 分', '分数持平' (never '+0.0 分')."""
    places = metrics.score_decimals(channel)
    return "分数持平" if round(value, places) == 0 else f"{signed_score(value, channel)} 分"


def rate_number(value: float) -> str:
    """A rate in a column headed （%）: '98.93'."""
    return f"{value:.2f}"


def points(value: float) -> str:
    """A bonus or deduction as printed: +1.5, -1."""
    return f"{value:+g}"


def rank(standing: Standing) -> str:
    return f"第 {standing.rank} / {standing.of}"


def moved(places: int | None) -> str:
    """'名次升 2 位', '名次持平'; '—' when the places are not comparable."""
    if places is None:
        return "名次不可比（排名范围不同）"
    if places == 0:
        return "名次持平"
    return f"名次{'升' if places > 0 else '降'} {abs(places)} 位"


def change(headline: Headline) -> str:
    """'+2.0 分，名次升 1 位' against the previous month loaded (named in the table's head)."""
    now, before = headline.current, headline.previous
    if now is None:
        return "—"
    if headline.previous_month is None:
        return "无更早的数据"
    if before is None:
        return "上期未列入评价表"
    parts = [score_change(now.score - before.score, now.channel)]
    if now.grade != before.grade:
        parts.append(f"{before.grade}→{now.grade}")
    parts.append(moved(now.moved_since(before)))
    return "，".join(parts)


def change_heading(briefing: Briefing) -> str:
    """'较上期（2024年3月）', or '较上期' when no earlier month is loaded."""
    month = briefing.headlines[0].previous_month if briefing.headlines else None
    return f"较上期（{month_label(month)}）" if month else "较上期"


def no_row(channel: str) -> str:
    return NO_ROW.format(orders=ORDERS[channel])


def grade_letters(briefing: Briefing, channel: str) -> list[tuple[str, str]]:
    """(month, grade letter or '—') for every month of the window."""
    grades = {s.period: s.grade for s in briefing.history if s.channel == channel}
    return [(m, grades.get(m, "—")) for m in briefing.months]


def grade_history(briefing: Briefing) -> str:
    """'热线 2024年3月 A · 5月 A；市长信箱 2024年3月 C · 5月 A'."""
    return "；".join(
        f"{name} "
        + " · ".join(
            f"{short_month(m, i == 0)} {g}"
            for i, (m, g) in enumerate(grade_letters(briefing, channel))
        )
        for channel, name in CHANNELS.items()
    )


def short_month(month: str, first: bool) -> str:
    """'3月', with the year on the first month and on every January: '2024年3月'."""
    year, mon = (int(p) for p in month.split("-"))
    return f"{year}年{mon}月" if first or mon == 1 else f"{mon}月"


def versus_median(item: Indicator) -> str:
    """'+0.52' percentage points against the median ('持平' when none), with '较弱' on the
    weakest."""
    gap = item.value - item.median
    text = SAME if round(gap, 2) == 0 else f"{gap:+.2f}"
    return f"{text}（较弱）" if item.weakest else text


def target(item: Target) -> str:
    goal = (
        f"升至 {item.grade} 类（≥ {item.score:g} 分）"
        if item.kind == "grade"
        else f"进入组内前三（≥ {score(item.score, item.channel)} 分）"
    )
    return f"{CHANNELS[item.channel]}{goal}，差 {item.gap:g} 分"


_LEVER = {
    "on_time": ("再按期办结 {n} 件（本月超期办结 {a} 件）", "超期办结仅 {a} 件", "无超期办结工单"),
    "rework": ("少返工 {n} 件（本月返工 {a} 件）", "返工仅 {a} 件", "无返工"),
    "dissatisfied": ("少 {n} 次不满意回访（本月 {a} 次）", "不满意回访仅 {a} 次", "无不满意回访"),
    "satisfied": ("多 {n} 封获满意（本月未获满意 {a} 封）", "未获满意仅 {a} 封", "信件均获满意"),
}


def lever(item: Lever) -> str:
    """One way to close the gap in whole orders, or why it cannot: '少返工 5 件（本月返工 22
    件）', '返工仅 12 件，全部改善也只 +1.19 分'."""
    done, few, none = _LEVER[item.kind]
    if not item.available:
        return none
    if item.gain is None:
        return "回访数未列出，无法推算"
    if item.reachable:
        return done.format(n=item.needed, a=item.available) + _visits(item)
    return f"{few.format(a=item.available)}，全部改善也只 +{item.available * item.gain:.2f} 分"


def _visits(item: Lever) -> str:
    if item.visits is None:
        return ""
    low, high = item.visits
    count = f"{low}" if low == high else f"{low}–{high}"
    return f"，回访数推算为 {count} 次"


def mention_label(item: Mention) -> str:
    number = f"第{item.item}条" if item.item else ""
    return f"{month_label(item.period)} · {item.key}{number}"


def reception(item: ReceptionDay) -> str:
    leader = f"，{item.leader}" if item.leader else ""
    return f"{item.when}{leader}（见{'、'.join(item.sources)}）"


def visit(item: Visit) -> str:
    """'接听领导：陈淼 区长　接听日期：2024年6月18日'; '' when nothing was given."""
    parts = []
    who = " ".join(p for p in (item.leader.strip(), item.title.strip()) if p)
    if who:
        parts.append(f"接听领导：{who}")
    if item.day:
        parts.append(f"接听日期：{day(item.day)}")
    return "　".join(parts)


def day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def categories(briefing: Briefing) -> str:
    """'人力资源和社会保障类 9,173 件（20.06%）、…'."""
    return "、".join(_category(c.name, c.count, c.share) for c in briefing.categories)


def _category(name: str, count: int | None, share: float | None) -> str:
    amount = f" {count:,} 件" if count is not None else ""
    part = f"（{share:.2f}%）" if share is not None else ""
    return f"{name}{amount}{part}"


def subtitle(briefing: Briefing) -> str:
    return f"{briefing.unit_id} · {month_label(briefing.month)}通报数据"


def file_name(briefing: Briefing, suffix: str = ".docx") -> str:
    """'接听日简报_岳阳楼区_2024年5月.docx', safe on every file system."""
    unit = "".join("_" if c in '\\/:*?"<>|' or c.isspace() else c for c in briefing.unit_id)
    return f"接听日简报_{unit}_{month_label(briefing.month)}{suffix}"


def aliases(briefing: Briefing) -> str:
    """'也称：经开区、岳阳经济技术开发区'; '' when the unit has one name."""
    others = [n for n in briefing.names if n != briefing.unit_id]
    return f"也称：{'、'.join(others)}" if others else ""


INDICATORS_NOTE = (
    "差距＝本单位－组内中位数（百分点），返工率、不满意率越低越好；"
    "“较弱”为按评分公式失分最多的一项。"
)
WHATIF_NOTE = (
    "按评分公式逐项单独测算，其余数字按通报不变；热线回访数未列出，由回访不满意数与"
    "不满意率推算，取上限。" + BANDS_NOTE
)
NOT_LISTED = "本月未列入评价表。"
NO_TARGETS = "本月无需测算：已是最高等级且位列组内前三，或未列入评价表。"
NO_ADJUSTMENTS = "所列月份的通报中没有本单位的加扣分记录。"
NO_MENTIONS = "所列月份的通报正文未点名本单位。"
NO_RECEPTION = "已载入的通报中未见本单位参加领导接听日的记录。"


def more(count: int) -> str:
    return f"另有 {count} 条，详见分析台。"


def source(briefing: Briefing) -> str:
    """'2024年3月 – 2024年5月《政务服务热线工作通报》（2 期）', then the values corrected."""
    printed = f"{span_label(briefing.months)}《政务服务热线工作通报》（{len(briefing.months)} 期）"
    notes = [
        f"{MARK}{month_label(s.period)}{CHANNELS[s.channel]}{s.correction}"
        for s in briefing.history
        if s.correction
    ]
    return "；".join([printed, *notes])


def mark(standing: Standing) -> str:
    """※ after a corrected value (the source line says what was printed)."""
    return MARK if standing.correction else ""
