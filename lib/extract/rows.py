"""One row of an attachment table, from its cells to typed values.

Grids (PDF, DOCX) give cells; text lines give tab-separated cells or whitespace tokens.
Either way an evaluation row has a fixed shape — a name, ten numbers in the pattern
count count rate count rate count rate count rate score, then a grade letter — so it is
anchored from its grade leftwards, and what stands left of the numbers is the name (after
a group label or a serial number, where a table has such a column). An adjustment row is
anchored on its signed points.

Nothing is guessed: text that has the look of a row but does not fit raises RowError,
whose message (Chinese) the caller puts in a ParseWarning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.extract.numbers import (
    is_count,
    is_decimal,
    is_rate,
    parse_count,
    parse_decimal,
    parse_points,
    parse_rate,
)
from lib.model import FIGURE, GRADES, GROUPS, NUMBERS
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact, is_chinese, join_wrapped, squeeze, strip_markup, unify_width

_PARSER_OF_KIND = {"count": parse_count, "rate": parse_rate, "score": parse_decimal}
_PARSERS = tuple(_PARSER_OF_KIND[FIGURE[name].kind] for name in NUMBERS)
_WHAT = {parse_count: "整数", parse_rate: "百分率", parse_decimal: "数值"}
_GRADE = re.compile(f"[{''.join(GRADES)}]")
_SIGNED = re.compile(r"[+-]\d+(\.\d+)?")
_NOT_IN_NAME = set('，。；：:;,!！？?、“”"%')
_UNIT_ENDINGS = set("县区市局委办院校所队司行心团社台站会处厅部署馆室厂场")
_TOTAL = re.compile(r"^(合计|小计|总计|全市)")
_SPLIT_DIGITS = re.compile(r"[\d.][ \t]+[\d.]")
# A token this short (a class letter, a lone character) may continue the cell before it.
_SHORT_TOKEN = 2
# Two or more single Chinese characters, each standing alone between spaces.
_LETTER_SPACED = re.compile(r"(?<!\S)[\u4e00-\u9fff](?:[ ]+[\u4e00-\u9fff])+(?!\S)")
_SERIAL = re.compile(r"\d{1,3}")
_GROUP_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?")


class RowError(ValueError):
    """Row-shaped text that does not parse; the message says why, in Chinese."""


@dataclass(frozen=True)
class EvaluationCells:
    group: str | None
    name: str
    values: dict[str, int | float]
    grade: str


@dataclass(frozen=True)
class AdjustmentCells:
    """An adjustment row's cells; `unsure`: the columns whose text the line does not settle."""

    unit: str
    points: float
    signed: bool
    indicator: str
    detail: str
    unsure: tuple[str, ...] = ()


def line_to_cells(text: str) -> list[str]:
    """A text line's cells: tab-separated where it has tabs, else whitespace tokens, a name
    set with letter-spacing (`岳 阳 楼 区`, distributed in its cell) one token."""
    text = re.sub(r"(\d)\s+%", r"\1%", unify_width(text))
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    return _LETTER_SPACED.sub(lambda m: "".join(m.group().split()), text).split()


def looks_like_row(cells: Sequence[str | None], settings: ExtractSettings) -> bool:
    """Enough number cells to be meant as a table row, so a failure to parse is worth a warning."""
    numbers = [c for c in cells if c and (is_count(c) or is_rate(c) or is_decimal(c))]
    return len(numbers) >= settings.row_min_numbers


def group_label(text: str | None) -> str | None:
    """The group a label names (`### 县市区`, `一、行政事业单位：`, `县（市）区`), else None."""
    s = compact(strip_markup(text or ""))
    s = _GROUP_NUMBERING.sub("", s).rstrip(":：")
    s = re.sub(r"[（(][^）)]*[）)]$", "", s)
    # 县（市）区 is 县市区 with its 市 in brackets, as the narrative writes it.
    s = re.sub(r"[（(]([^）)]*)[）)]", r"\1", s)
    return s if s in GROUPS else None


def looks_like_name(text: str, settings: ExtractSettings) -> bool:
    """Could be (part of) a unit name: short Chinese text without sentence punctuation."""
    s = compact(text)
    return (
        0 < len(s) <= settings.name_max_chars
        and re.search(r"[\u4e00-\u9fff]", s) is not None
        and not _NOT_IN_NAME.intersection(s)
    )


def looks_like_unit(text: str, settings: ExtractSettings) -> bool:
    """A whole unit name: name-like and ending as unit names end (县, 局, 公司, 中心 …)."""
    return looks_like_name(text, settings) and compact(text)[-1] in _UNIT_ENDINGS


def cells_to_evaluation(
    cells: Sequence[str | None],
    tokens: bool = False,
    percent_header: bool = False,
    note: bool = False,
) -> EvaluationCells:
    """Anchor an evaluation row on its last cell (the grade) and the ten numbers before it.

    `tokens`: the cells are whitespace tokens of a text line, so every cell left of the
    numbers is part of the name (a name printed with a space is still one name).
    `percent_header`: the header puts the unit over the rate columns (`办结率（%）`), so a
    rate may be printed without its sign; elsewhere a bare number is not read as a rate.
    `note`: the header ends with a 备注 column, so text after the grade is a note; a number
    there is not (the row would not be what it seems).
    """
    cells = [unify_width(c or "").strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    while (
        note
        and len(cells) > 1
        and not _GRADE.fullmatch(cells[-1])
        and not (is_count(cells[-1]) or is_rate(cells[-1]) or is_decimal(cells[-1]))
    ):
        cells.pop()
    if not cells or not _GRADE.fullmatch(cells[-1]):
        raise RowError("末列不是等级评价（A–E）")
    count = _trailing_numbers(cells[:-1])
    if count < 10 and len(cells) < 12:
        raise RowError(f"数值列只有 {count} 个，应为 10 个")
    numbers = cells[-11:-1]
    values = {}
    for field, parse, text in zip(NUMBERS, _PARSERS, numbers, strict=True):
        if percent_header and parse is parse_rate and is_decimal(text):
            text += "%"
        values[field] = _number(parse, text)
    group, name = _lead_to_group_and_name(cells[:-11], tokens)
    if _TOTAL.match(name) or group_label(name):
        raise RowError(f"“{name}”是合计行，不是承办单位")
    return EvaluationCells(group=group, name=name, values=values, grade=cells[-1])


def _number(parse, text: str) -> int | float:
    """One printed number; digits split by a space (`9 5`) are two numbers or a typo, not 95."""
    try:
        value = None if _SPLIT_DIGITS.search(text) else parse(text)
    except ValueError:
        value = None
    if value is None:
        raise RowError(f"“{text}”不是{_WHAT[parse]}")
    return value


def _trailing_numbers(cells: Sequence[str]) -> int:
    """How many cells at the end are numbers (the row's values, if it has ten)."""
    count = 0
    for cell in reversed(cells):
        if not (is_count(cell) or is_rate(cell) or is_decimal(cell)):
            break
        count += 1
    return count


def _lead_to_group_and_name(lead: Sequence[str], tokens: bool) -> tuple[str | None, str]:
    """The cells left of a row's numbers: a group label or serial number, if any, then the name."""
    parts = [join_wrapped(p) for p in lead if p and p.strip()]
    group = None
    while len(parts) > 1 and (group_label(parts[0]) or parts[0].isdigit()):
        group = group_label(parts[0]) or group
        parts = parts[1:]
    name = squeeze(" ".join(parts)) if tokens else parts[-1] if parts else ""
    return group, "" if name.isdigit() else name


def signed_points(text: str) -> float | None:
    """`+0.5` → 0.5, `-1` → -1.0; None unless the text is a number with its sign."""
    s = compact(text)
    return float(s) if _SIGNED.fullmatch(s) else None


def cells_to_adjustment(
    unit: str | None, points: str | None, indicator: str | None, detail: str | None
) -> AdjustmentCells:
    """An adjustment row from its four cells (a grid, or a tab-separated line)."""
    try:
        value = None if _SPLIT_DIGITS.search(points or "") else parse_points(points or "")
    except ValueError:
        value = None
    if value is None:
        raise RowError(f"加扣分值“{squeeze(points or '')}”不是数值")
    return AdjustmentCells(
        unit=join_wrapped(unit or ""),
        points=value,
        signed=signed_points(points or "") is not None,
        indicator=join_wrapped(indicator or ""),
        detail=join_wrapped(detail or ""),
    )


def tokens_to_adjustment(
    tokens: Sequence[str], settings: ExtractSettings = DEFAULT_SETTINGS
) -> AdjustmentCells | None:
    """An adjustment row in a space-separated line: [unit] ±points indicator [detail].

    None when the line has no signed points after a name-like start and before a name-like
    indicator: then it is a wrapped piece of a cell, or cells printed one per line (an
    extraction in column order), whose rows cannot be told apart.
    """
    tokens = without_serial(tokens)
    for p, token in enumerate(tokens[: settings.unit_max_tokens + 1]):
        value = signed_points(token)
        if value is None:
            continue
        indicator = tokens[p + 1] if p + 1 < len(tokens) else ""
        if not all(looks_like_name(t, settings) for t in [*tokens[:p], indicator]):
            return None
        end, settled = _indicator_end(tokens, p + 1)
        return AdjustmentCells(
            unit=squeeze(" ".join(tokens[:p])),
            points=value,
            signed=True,
            indicator=squeeze(" ".join(tokens[p + 1 : end])),
            detail=squeeze(" ".join(tokens[end:])),
            unsure=() if settled else ("indicator", "detail"),
        )
    return None


def without_serial(tokens: Sequence[str]) -> list[str]:
    """A row's tokens less the serial number of a 序号 column before its unit (`1 汨罗市 +1 …`)."""
    return list(
        tokens[1:] if tokens and _SERIAL.fullmatch(tokens[0]) and len(tokens) > 1 else tokens
    )


def _indicator_end(tokens: Sequence[str], start: int) -> tuple[int, bool]:
    """Where the indicator that starts at tokens[start] ends, and whether the line settles it.

    Within a cell an extraction puts spaces only where Chinese meets a Latin letter or a
    digit (`信箱月度考评 B 类`); a space between two Chinese characters is a cell's edge. The
    indicator runs to the first such edge over short tokens (`B`, `类`); where a longer token
    stands before it (`创新创优 3 月 7 日开展…`), or no edge follows, the line does not tell
    where the indicator ends: the first token is taken, unsure.
    """
    for end in range(start + 1, len(tokens)):
        if is_chinese(tokens[end - 1][-1]) and is_chinese(tokens[end][0]):
            return end, True
        if len(tokens[end]) > _SHORT_TOKEN:
            break
    return start + 1, start + 1 >= len(tokens)
