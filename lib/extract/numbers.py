"""Printed numbers to values: counts, percentages, scores, signed points.

Each parser accepts exactly the printed forms seen in bulletins (full-width digits,
thousands separators, `100%` / `100.00%`, `+0.5`) and returns None for a placeholder
(`—`, `-`, `/`, empty). Anything else raises ValueError: a number parsed wrong is worse
than a number missing, so callers turn the error into a warning rather than guess.
"""

from __future__ import annotations

import re

from lib.text import compact

PLACEHOLDERS = {"", "—", "——", "-", "--", "－", "/", "／", "无"}
_INT = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_DECIMAL = re.compile(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
_SIGNED = re.compile(r"[+-]?(\d+)(\.\d+)?")


def _clean(text: str) -> str:
    return compact(text or "")


def parse_count(text: str) -> int | None:
    s = _clean(text)
    if s in PLACEHOLDERS:
        return None
    if not _INT.fullmatch(s):
        raise ValueError(f"not a count: {text!r}")
    return int(s.replace(",", ""))


def parse_decimal(text: str) -> float | None:
    s = _clean(text)
    if s in PLACEHOLDERS:
        return None
    if not _DECIMAL.fullmatch(s):
        raise ValueError(f"not a number: {text!r}")
    return float(s.replace(",", ""))


def parse_rate(text: str) -> float | None:
    """`99.67%` → 99.67 (percent points). The percent sign is required."""
    s = _clean(text)
    if s in PLACEHOLDERS:
        return None
    if not s.endswith("%"):
        raise ValueError(f"not a rate: {text!r}")
    value = parse_decimal(s[:-1])
    if value is None:
        raise ValueError(f"not a rate: {text!r}")
    return value


def parse_points(text: str) -> float | None:
    """`+0.5` → 0.5, `-1` → -1.0: the signed value of an adjustment."""
    s = _clean(text)
    if s in PLACEHOLDERS:
        return None
    if not _SIGNED.fullmatch(s):
        raise ValueError(f"not points: {text!r}")
    return float(s)


def decimals(text: str) -> int:
    """How many decimals a printed number shows (`8.7%` → 1, `100` → 0)."""
    s = _clean(text).rstrip("%")
    return len(s.split(".", 1)[1]) if "." in s else 0


def is_count(text: str) -> bool:
    return _INT.fullmatch(_clean(text)) is not None


def is_rate(text: str) -> bool:
    s = _clean(text)
    return s.endswith("%") and _DECIMAL.fullmatch(s[:-1]) is not None


def is_decimal(text: str) -> bool:
    return _DECIMAL.fullmatch(_clean(text)) is not None


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_cn_numeral(text: str) -> int | None:
    """A heading or issue number written in Chinese, 一 … 九十九 (`十二` → 12); else None."""
    s = text.strip()
    if not s or any(ch not in _CN_DIGITS and ch != "十" for ch in s) or s.count("十") > 1:
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, units = s.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
