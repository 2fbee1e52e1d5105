"""The narrative of a bulletin as searchable passages: numbered sections and their items.

A section heading (`一、工作动态`) is a whole short line, numbered in sequence. Inside a section
an item (`（一）…`, `1、…`) starts a paragraph and is numbered in sequence; the first item
marker of a section sets its style, so the `1、` sub-items of a `（一）` item stay inside it.

Each item is its own Section, because later views quote single passages (the briefing cites
the 存在的问题 item naming a unit): items of 二、热线运行情况 are keyed by their topic
(诉求类型, 热点焦点, …), the others by their section, and text before a section's first item
is a Section of its own. A topic run into another item ("…。热点焦点：1、…") is split off.
Reading stops at the attachments list, the first 附件 caption or the 版记.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lib.document import Line
from lib.extract.numbers import parse_cn_numeral
from lib.model import Section
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact, join_wrapped, strip_markup

HOTLINE = "热线运行情况"
# Checked in order: a title naming both 热线 and 信箱 is the mailbox section.
_SECTION_WORDS = (
    ("工作动态", "工作动态"),
    ("信箱", "市长信箱运行情况"),
    ("热线", HOTLINE),
    ("经验", "工作经验交流"),
    ("问题", "存在的问题"),
)
_TOPIC_WORDS = (
    ("类型", "诉求类型"),
    ("分类", "诉求类型"),
    ("热点", "热点焦点"),
    ("焦点", "热点焦点"),
    ("考核", "工单考核"),
    ("回访", "回访督办"),
    ("督办", "回访督办"),
    ("专线", "专线服务"),
    ("知识库", "知识库管理"),
)
_TOPICS = {key for _, key in _TOPIC_WORDS}

_CN = "一二三四五六七八九十"
_HEADING = re.compile(rf"([{_CN}]+)[、．.](?P<title>[^。，；：,;:]{{2,}})[：:]?")
_ITEM = re.compile(
    rf"[（(](?P<paren>[{_CN}]+)[）)]|(?P<arabic>\d{{1,2}})[、．.](?!\d)"
    rf"|[（(](?P<parnum>\d{{1,2}})[）)]"
)
_END = re.compile(
    r"附件[\d一二三四五六七八九十]*(?:[:：]|$)|(?:分送|抄送|主送|报送)[:：]"
    r"|.*\d{4}年\d{1,2}月\d{1,2}日印发$"
)
_PAGE_MARK = re.compile(r"[—–\-－]+\d{1,4}[—–\-－]+")
_RUN_IN_TOPIC = re.compile(r"(?<=。)(?P<title>[\u4e00-\u9fff]{2,6})[：:]")
_TERMINAL = "。！？!?"
_SENTENCE = re.compile(r"[。，；：！？,;:!?]")
_CLOSERS = '”’"」』）)'


@dataclass(frozen=True)
class _Row:
    """A visual line as printed text, whether its position shows a paragraph start, whether
    it runs to the right margin (None where positions are unknown), and how many visual lines
    it joins (a wrapped heading)."""

    text: str
    page: int
    indented: bool
    full: bool | None = None
    lines: int = 1


@dataclass
class _Passage:
    """A section's text before its first item, or one item (`marker` is its printed number)."""

    key: str
    heading: str
    marker: str = ""
    text: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)

    def add(self, text: str, page: int) -> None:
        if text and (not self.starts or self.starts[-1][1] != page):
            self.starts.append((len(self.text), page))
        self.text += text

    def page_at(self, offset: int) -> int | None:
        pages = [page for start, page in self.starts if start <= offset]
        return pages[-1] if pages else None

    def split_off(self, offset: int, key: str, heading: str) -> _Passage:
        """Cut the text from `offset` on into a new passage, which keeps its pages."""
        tail = _Passage(key, heading)
        tail.add(self.text[offset:], self.page_at(offset))
        for start, page in self.starts:
            if start > offset:
                tail.starts.append((start - offset, page))
        self.text = self.text[:offset]
        self.starts = [(s, p) for s, p in self.starts if s < offset]
        return tail

    def section(self) -> Section:
        return Section(
            key=self.key,
            heading=self.heading,
            text=self.text,
            page=self.starts[0][1] if self.starts else None,
        )

    def close(self) -> None:
        """An item's heading is its number and title sentence; under 二 the title is its key."""
        if self.marker:
            title = re.split(r"[。：:]", self.text, maxsplit=1)[0]
            self.heading = self.marker + title
            if self.key == HOTLINE:
                self.key = _topic(title)


@dataclass
class _State:
    """Where the reader is: the current section, its item style and the next numbers due."""

    section: str = ""
    heading: str = ""
    next_heading: int = 1
    style: str | None = None
    next_item: int = 1
    passages: list[_Passage] = field(default_factory=list)
    # A page between the last row and this one could not be read (a scan): the passage it
    # broke is not continued, and what follows is read again from the next section heading
    # (the lost page may have held the headings numbered in between, so a later one is due).
    broken: bool = False


def read_sections(
    lines: list[Line],
    unread_pages: frozenset[int] = frozenset(),
    settings: ExtractSettings = DEFAULT_SETTINGS,
) -> list[Section]:
    """The sections of the narrative. `unread_pages`: pages that could not be read (scans).
    The text after such a page is not joined to the text before it: it could belong to
    another item or section, so it is left out up to the next section heading."""
    state = _State()
    previous: _Row | None = None
    longest = settings.heading_max_chars
    for row in join_wrapped_headings(list(_rows(lines, settings.indent_pt)), longest):
        if state.section and _END.match(row.text):
            break
        if previous and any(previous.page < page < row.page for page in unread_pages):
            state.broken = True
        heading = section_heading(row.text, longest * row.lines)
        if heading and (
            heading[0] == state.next_heading or state.broken and heading[0] > state.next_heading
        ):
            _open_section(state, heading, row)
        elif state.section and not state.broken:
            _read_body_row(state, row, previous)
        previous = row
    for passage in state.passages:
        passage.close()
    passages = _split_run_in_topics([p for p in state.passages if p.text])
    return [p.section() for p in passages]


def section_heading(text: str, longest: int) -> tuple[int, str] | None:
    """`二、12345热线运行情况` → (2, '热线运行情况'): a section heading line (its title at most
    `longest` characters: a longer one is a sentence), or None.

    A title outside model.SECTION_KEYS keeps its own words as key, so no text is lost.
    """
    match = _HEADING.fullmatch(text)
    number = parse_cn_numeral(match.group(1)) if match else None
    if number is None or len(match.group("title")) > longest:
        return None
    title = match.group("title")
    return number, next((key for word, key in _SECTION_WORDS if word in title), title)


def join_wrapped_headings(rows: list[_Row], longest: int) -> Iterator[_Row]:
    """The rows with each heading that wraps onto a second line joined into one row (a title
    of at most `longest` characters a line)."""
    index = 0
    while index < len(rows):
        row = rows[index]
        after = rows[index + 1] if index + 1 < len(rows) else None
        if after is not None and _heading_wraps(row, after, longest):
            yield replace(row, text=row.text + after.text, full=after.full, lines=2)
            index += 2
        else:
            yield row
            index += 1


def _heading_wraps(row: _Row, after: _Row, longest: int) -> bool:
    """A numbered heading start (`三、…`, no sentence punctuation) continued by `after`: a
    short line on the same page that starts no paragraph, item or heading and ends no
    sentence. A heading wrapped because its line was full: where positions are known, the
    line runs to the right margin and `after` does not; where not, the line is too long for
    a heading of its own, or only the two lines together name a section."""
    match = _HEADING.fullmatch(row.text)
    if (
        match is None
        or after.page != row.page
        or after.indented
        or _ITEM.match(after.text)
        or _END.match(after.text)
        or section_heading(after.text, longest)
        or _SENTENCE.search(after.text.rstrip("：:"))
    ):
        return False
    title = len(match.group("title"))
    if title + len(after.text) > 2 * longest or len(after.text) > longest:
        return False
    if row.full is None:
        return title > longest or _names_section(match.group("title") + after.text, title)
    return row.full and not after.full


def _names_section(joined: str, own: int) -> bool:
    """The joined title names a known section and its first line alone does not (`三、岳阳市
    人民政府门户网站等平台市长` / `信箱运行情况`): a heading cut by its line's end, where no
    position tells."""
    return any(word in joined for word, _ in _SECTION_WORDS) and not any(
        word in joined[:own] for word, _ in _SECTION_WORDS
    )


def _open_section(state: _State, heading: tuple[int, str], row: _Row) -> None:
    number, key = heading
    state.section, state.heading, state.broken = key, row.text, False
    state.next_heading = number + 1
    state.style, state.next_item = None, 1
    state.passages.append(_Passage(key, row.text))


def _read_body_row(state: _State, row: _Row, previous: _Row) -> None:
    item = _item_marker(row.text)
    if (
        item
        and _starts_paragraph(row, previous, state)
        and item[1] == state.next_item
        and state.style in (None, item[0])
    ):
        style, _, length = item
        state.style, state.next_item = style, state.next_item + 1
        state.passages.append(_Passage(state.section, "", marker=row.text[:length]))
        state.passages[-1].add(row.text[length:], row.page)
    else:
        state.passages[-1].add(row.text, row.page)


def _starts_paragraph(row: _Row, previous: _Row, state: _State) -> bool:
    """Indented (where positions are known), first in its section, or after a full stop."""
    return (
        row.indented
        or previous.text == state.heading
        or previous.text.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))
    )


def _item_marker(text: str) -> tuple[str, int, int] | None:
    """(style, number, length of the marker) of an item's number at the start of a line."""
    match = _ITEM.match(text)
    if not match:
        return None
    style = match.lastgroup
    value = match.group(style)
    number = parse_cn_numeral(value) if style == "paren" else int(value)
    return (style, number, match.end()) if number else None


def _topic(title: str) -> str:
    return next((key for word, key in _TOPIC_WORDS if word in title), HOTLINE)


def _split_run_in_topics(passages: list[_Passage]) -> list[_Passage]:
    present = {p.key for p in passages}
    out: list[_Passage] = []
    for passage in passages:
        while passage is not None:
            out.append(passage)
            passage = _run_in_tail(passage, present)
    return out


def _run_in_tail(passage: _Passage, present: set[str]) -> _Passage | None:
    """March prints 热点焦点 inside the 诉求类型 item ("…2.97%。热点焦点：1、…"): cut it off."""
    if passage.key not in _TOPICS and passage.key != HOTLINE:
        return None
    for match in _RUN_IN_TOPIC.finditer(passage.text):
        key = _topic(match.group("title"))
        if key != HOTLINE and key not in present:
            present.add(key)
            return passage.split_off(match.start(), key, match.group("title"))
    return None


def _rows(lines: list[Line], indent: float) -> Iterator[_Row]:
    """The lines as rows; a line `indent` points right of the page's text margin starts a
    paragraph."""
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for line in lines:
        if line.x0 is not None:
            left[line.page] = min(left.get(line.page, line.x0), line.x0)
        if line.x1 is not None:
            right[line.page] = max(right.get(line.page, line.x1), line.x1)
    for line in lines:
        text = join_wrapped(strip_markup(line.text))
        if not text or _PAGE_MARK.fullmatch(compact(text)):
            continue
        indented = line.x0 is not None and line.x0 - left[line.page] >= indent
        yield _Row(text, line.page, indented, _full(line, right.get(line.page)))


def _full(line: Line, margin: float | None) -> bool | None:
    """Whether the line runs to the page's right margin: a wrapped line stops short of it by
    less than one of its characters. None where positions are unknown."""
    if None in (margin, line.x1, line.top, line.bottom):
        return None
    return line.x1 >= margin - (line.bottom - line.top)
