"""Normalising printed text: width, stray spaces, wrapped lines.

PDF extraction puts spaces between Chinese characters and digits ("2024 年第 3 期") and
breaks cells and paragraphs into visual lines; bulletins mix full-width and half-width
digits and signs. Text fields are stored without those artefacts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’、，。；：？！（）《》【】—…·"
_CHINESE = re.compile(rf"[{_CJK}]")
_OPENING = tuple("“‘（《【〔([")
_EMPTY_PAIR = re.compile(r"“\s*”|‘\s*’|（\s*）|《\s*》|【\s*】")
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_BLANKS = re.compile(r"[ \t]+")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_LIST_MARK = re.compile(r"^\s*[-*]\s+(?=附件)")
_WIDTH_MAP = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "＋": "+",
        "－": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u3000": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)


def unify_width(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, odd spaces to plain ones.

    CJK punctuation is kept. Every character the map changes is beyond ASCII, so ASCII text
    (most numbers) is returned as it is.
    """
    return text if text.isascii() else text.translate(_WIDTH_MAP)


def squeeze(text: str) -> str:
    """One line of printed text as stored: widths unified, no spaces beside Chinese."""
    text = unify_width(text)
    text = _SPACE_NEXT_TO_CJK.sub("", text)
    return _BLANKS.sub(" ", text).strip()


def join_wrapped(text: str) -> str:
    """A wrapped cell or paragraph as one string: visual lines joined without a space."""
    parts = [squeeze(p) for p in unify_width(text).splitlines()]
    return squeeze("".join(p for p in parts if p))


def out_of_order(text: str) -> bool:
    """The line ends with an opening quote or bracket, which Chinese typesetting never leaves
    at a line's end, or holds a pair with nothing inside (`“ ”`): an extraction that prints
    that has put the marks apart from their words (`pdftotext -raw`: `3 月 7 “` / `日开展 有事
    找政府…`, `参加 7 “ ”` / `月 领导接听日 活动`)."""
    return text.rstrip().endswith(_OPENING) or _EMPTY_PAIR.search(text) is not None


def printed_width(text: str) -> int:
    """Printed width in half-width units, spaces left out: a Chinese character is two, a digit
    or a letter one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in compact(text))


def is_chinese(ch: str) -> bool:
    """A Chinese character or a full-width mark (，。：“（ …), which Chinese text sets without
    spaces between them."""
    return bool(_CHINESE.fullmatch(ch))


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Text with every space removed, for matching labels and headings. Cached: the readers
    of a bulletin ask for the same cells and lines many times over."""
    return "".join(unify_width(text).split())


def strip_markup(text: str) -> str:
    """Markdown emphasis and heading marks of a text extraction, which are not printed text."""
    text = _HEADING_MARK.sub("", text)
    text = _LIST_MARK.sub("", text)
    return text.replace("**", "").replace("__", "")
