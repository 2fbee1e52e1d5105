"""What the recogniser says, written as the bulletin prints it.

The recogniser was trained on mixed text and answers a full-width comma beside Chinese with a
half-width one about as often as not; a bulletin prints Chinese punctuation full-width, so in
a line with Chinese in it punctuation is written full-width, and a comma between numbers that
is no thousands separator is the enumeration comma it reads `、` as (`537509、412489`). In a cell that is otherwise
a number, letters that look like digits (`o`, `l`) are read as those digits — but the cell's
confidence is lowered so the value is doubtful unless a check confirms it.
"""

from __future__ import annotations

import re

_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIKE_DIGIT = {"o": "0", "O": "0", "l": "1", "I": "1", "|": "1", "]": "1", "S": "5"}
_NUMBERISH = re.compile(r"[+\-]?[\doOlI|\]S]+([.,·][\doOlI|\]S]+)?%?")
_DOTS = {",": ".", "·": "."}
_NUMBER = re.compile(r"[+\-]?\d+(\.\d+)?%?")
_PAIRS = {"）": "（", ")": "("}
# A number read through a look-alike is kept at most this sure.
LOOK_ALIKE = 0.5


def tidy_line(text: str) -> str:
    """In text with Chinese in it, punctuation is full-width except between two Latin letters
    or digits (`10:30`, `1,234`); a closing bracket matches the width of its opening one."""
    if not _CJK.search(text):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if ch == "," and before.isdigit() and after.isdigit() and not _thousands(text, i):
            ch = "、"
        elif ch in _FULL and not (_latin(before) and _latin(after)):
            ch = _FULL[ch]
        out.append(ch)
    return "".join(_matched_brackets(out))


def _thousands(text: str, at: int) -> bool:
    """Whether the comma at `at` separates thousands (`1,234`): one to three digits before it
    (from the number's start) and three after."""
    head = re.search(r"(\d+)$", text[:at]).group(1)
    return len(head) <= 3 and re.match(r"\d{3}(?!\d)", text[at + 1 :]) is not None


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _matched_brackets(chars: list[str]) -> list[str]:
    opened: list[str] = []
    for i, ch in enumerate(chars):
        if ch in "（(":
            opened.append(ch)
        elif ch in _PAIRS and opened:
            chars[i] = "）" if opened.pop() == "（" else ")"
    return chars


def tidy_cell(text: str, confidence: float) -> tuple[str, float]:
    """A table cell's text and confidence: a number read with look-alike letters is the
    number, at most LOOK_ALIKE sure; any other text as tidy_line writes it."""
    compact = text.replace(" ", "")
    fixed = _as_number(compact)
    if fixed is not None and fixed != compact:
        return fixed, min(confidence, LOOK_ALIKE)
    return tidy_line(text), confidence


def _as_number(text: str) -> str | None:
    if not _NUMBERISH.fullmatch(text) or re.search(r",\d{3}(%|$)", text):
        return None
    fixed = "".join(_LIKE_DIGIT.get(ch, _DOTS.get(ch, ch)) for ch in text)
    return fixed if _NUMBER.fullmatch(fixed) else None
