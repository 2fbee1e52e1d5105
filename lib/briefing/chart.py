"""The briefing's chart: the unit's printed score per month, hotline and mailbox, each point
labelled with its score and its rank in the group; an Altair chart for the screen and a PNG
for paper.

Colours are restrained (a dark blue and a dark red, as on a printed report); the font is Noto
CJK, which vl-convert loads from the system's font folders so Chinese renders in the PNG.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd

from lib.analysis.rows import calendar
from lib.briefing import text
from lib.briefing.content import Briefing
from lib.labels import CHANNELS

FONT = "Noto Sans CJK SC"
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")
COLOURS = {"热线": "#1f3a5f", "市长信箱": "#8b1e1e"}
WIDTH, HEIGHT = 540, 44
PNG_SCALE = 3


def history_frame(briefing: Briefing) -> pd.DataFrame:
    """月份, 渠道, 综合指标值 (NaN where not listed), 分数, 名次: a row per channel and month,
    every calendar month of the window, so a month missing from the library is a gap."""
    months = calendar(briefing.months[0] if briefing.months else briefing.month, briefing.month)
    listed = {(s.channel, s.period): s for s in briefing.history}
    rows = []
    for channel, name in CHANNELS.items():
        for month in months:
            s = listed.get((channel, month))
            rows.append(
                {
                    "月份": text.short_month(month, month == months[0]),
                    "渠道": name,
                    "综合指标值": s.score if s else None,
                    "分数": text.score(s.score, channel) if s else "",
                    "名次": f"{s.rank}/{s.of}" if s else "",
                }
            )
    return pd.DataFrame(rows, columns=["月份", "渠道", "综合指标值", "分数", "名次"])


def score_chart(briefing: Briefing, width: int = WIDTH) -> alt.VConcatChart:
    """Two panels, hotline above mailbox, on the same months; scores above the points, ranks
    ("2/11": second of eleven) below."""
    frame = history_frame(briefing)
    order = list(dict.fromkeys(frame["月份"]))
    names = list(CHANNELS.values())
    panels = [
        _panel(frame[frame["渠道"] == name], name, order, width, name == names[-1])
        for name in names
    ]
    return (
        alt.vconcat(*panels, spacing=6)
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=11,
            titleFontSize=11,
            gridColor="#e6e6e6",
            domainColor="#888888",
            tickColor="#888888",
        )
    )


def _panel(
    frame: pd.DataFrame, name: str, order: list[str], width: int, months_shown: bool
) -> alt.LayerChart:
    scores = frame["综合指标值"].dropna()
    low, high = (scores.min(), scores.max()) if len(scores) else (90.0, 100.0)
    # room for the score above the highest point and the rank below the lowest
    span = max(2.5 * (high - low), 2.0)
    domain = [low - 0.34 * span, high + 0.3 * span]
    x = alt.X(
        "月份:N",
        sort=order,
        scale=alt.Scale(domain=order),
        title=None,
        axis=alt.Axis(labelAngle=0, labels=months_shown, ticks=months_shown),
    )
    y = alt.Y(
        "综合指标值:Q",
        scale=alt.Scale(domain=domain, nice=False, zero=False),
        title=name,
        axis=alt.Axis(
            tickCount=3,
            titleAngle=0,
            titleAlign="right",
            titleBaseline="middle",
            titleFontWeight="bold",
        ),
    )
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=["渠道", "月份", "分数", "名次"])
    colour = COLOURS[name]
    return alt.layer(
        base.mark_line(color=colour, strokeWidth=1.6),
        base.mark_point(color=colour, filled=True, opacity=1, size=30),
        base.mark_text(color=colour, dy=-10, fontSize=11).encode(text="分数:N"),
        base.mark_text(color="#666666", dy=11, fontSize=10).encode(text="名次:N"),
    ).properties(width=width, height=HEIGHT)


@cache
def _fonts_registered() -> bool:
    import vl_convert

    for folder in FONT_DIRS:
        if Path(folder).is_dir():
            vl_convert.register_font_directory(folder)
    return True


def chart_png(briefing: Briefing) -> bytes:
    """The chart as a PNG at print resolution (PNG_SCALE × its size in CSS pixels)."""
    return spec_png(chart_spec(briefing))


def chart_spec(briefing: Briefing) -> str:
    """The chart's Vega-Lite spec as JSON text."""
    return json.dumps(score_chart(briefing).to_dict(), ensure_ascii=False, sort_keys=True)


def spec_png(spec: str) -> bytes:
    """A Vega-Lite spec (JSON text, so a cache can key on it) as a PNG."""
    import vl_convert

    _fonts_registered()
    return vl_convert.vegalite_to_png(json.loads(spec), scale=PNG_SCALE)
