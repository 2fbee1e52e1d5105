"""Links into the app that carry a view in their query string."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlencode

from lib.labels import CHANNELS, month_label
from ui.filters import Filters

COMPARE_PATH = "compare"
EXPLORE_PATH = "explore"
DOSSIER_PATH = "dossier"
DOSSIER_TEXT = r"([^#=&]*)$"
"""What a link column shows of a dossier link: its end, the name after '#' or else the unit
(Streamlit decodes it)."""


def compare_url(unit_ids: Sequence[str], chosen: Filters) -> str:
    """The unit comparison of `unit_ids` under the same channel and period, as a link relative
    to the app's pages: 'compare?units=岳阳楼区&channel=热线&period=2024年3月&period=2024年5月'
    (the values are the widgets' labels, as their URL binding expects)."""
    params = [("units", unit_id) for unit_id in unit_ids]
    params.append(("channel", CHANNELS[chosen.channel]))
    if chosen.start and chosen.end and chosen.start != chosen.end:
        params += [("period", month_label(chosen.start)), ("period", month_label(chosen.end))]
    return f"{COMPARE_PATH}?{urlencode(params)}"


def compare_urls(unit_ids: Iterable[str], chosen: Filters) -> list[str]:
    """One comparison link per unit id, for a table's link column."""
    return [compare_url([unit_id], chosen) for unit_id in unit_ids]


def view_url(view_id: int, saved: Filters) -> str:
    """A saved 自助分析 view with the channel and period it was saved under:
    'explore?view=3&channel=热线&period=2024年3月&period=2024年5月'."""
    params = [("view", str(view_id)), ("channel", CHANNELS[saved.channel])]
    if saved.start and saved.end:
        params += [("period", month_label(saved.start)), ("period", month_label(saved.end))]
    return f"{EXPLORE_PATH}?{urlencode(params)}"


def dossier_url(unit_id: str, name: str | None = None) -> str:
    """A unit's dossier, relative to the app's pages: 'dossier?unit=岳阳楼区'; with the name
    a table prints for it when that is another ('dossier?unit=岳阳经开区#经开区'), for the link
    to show (the page reads only `unit`)."""
    url = f"{DOSSIER_PATH}?{urlencode({'unit': unit_id})}"
    return url if name in (None, unit_id) else f"{url}#{quote(name)}"


def dossier_urls(unit_ids: Iterable[str], names: Iterable[str]) -> list[str]:
    """One dossier link per row, showing the row's printed name."""
    return [dossier_url(u, n) for u, n in zip(unit_ids, names, strict=True)]
