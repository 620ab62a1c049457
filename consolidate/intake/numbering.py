"""Splitting a cell that holds several numbered opinions: 1. 2. / （1）（2） / ① ② / 一是 二是."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from consolidate.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A marker counts only where an item can begin: the start, a new line, or after a
# sentence end. "3.5万元" or "第1条" must never split.
_BOUNDARY = r"(?:^|(?<=[\n。；;！!？?：:]))[ \t\u3000]*"
_INLINE = rf"(?<![{CHINESE_NUMERAL_CHARS}0-9第条款项段章节部分、])"
_STYLES: dict[str, re.Pattern[str]] = {
    "arabic": re.compile(_BOUNDARY + r"(\d{1,2})\s*(?:[.．、，,]|[)）])(?!\d)"),
    # Bracketed and circled numbers are clear enough to count inside a line, except
    # right after a part number or a word of place, where 三（2） is a reference.
    "paren": re.compile(_INLINE + r"[（(]\s*(\d{1,2})\s*[)）]"),
    "circled": re.compile(_INLINE + rf"([{_CIRCLED}])"),
    "chinese": re.compile(_BOUNDARY + rf"([{CHINESE_NUMERAL_CHARS}]{{1,3}})\s*[、是]"),
    "paren_chinese": re.compile(_BOUNDARY + rf"[（(]([{CHINESE_NUMERAL_CHARS}]{{1,3}})[)）]"),
}


@dataclass(frozen=True)
class Item:
    number: int
    text: str


def _value(style: str, token: str) -> int | None:
    if style == "circled":
        return _CIRCLED.index(token) + 1
    return parse_number(token)


class Numbered(NamedTuple):
    """A text read as a numbered list: what came before the first item, then the items
    (none when the text is not a list of two or more)."""

    preamble: str
    items: list[Item]


def split_numbered(text: str) -> Numbered:
    """``(preamble, items)`` when the text is a numbered list of two or more items.

    The list must count 1, 2, 3… in one style; nested lists inside an item stay inside
    it. Without such a list the result is ``(text, [])``.
    """
    best: tuple[int, str, list[re.Match[str]]] | None = None
    for style, pattern in _STYLES.items():
        matches = [m for m in pattern.finditer(text)]
        sequence: list[re.Match[str]] = []
        for match in matches:
            if _value(style, match.group(1)) == len(sequence) + 1:
                sequence.append(match)
        if len(sequence) < 2:
            continue
        start = sequence[0].start()
        preamble = text[:start].strip()
        if preamble and not preamble.endswith((":", "：", "。", "\n")) and len(preamble) > 40:
            continue
        if best is None or start < best[0] or (start == best[0] and len(sequence) > len(best[2])):
            best = (start, style, sequence)
    if best is None:
        return Numbered(text.strip(), [])
    _, _, sequence = best
    items = []
    for index, match in enumerate(sequence):
        end = sequence[index + 1].start() if index + 1 < len(sequence) else len(text)
        body = text[match.end() : end].strip().rstrip("；;").strip()
        items.append(Item(index + 1, body))
    return Numbered(text[: sequence[0].start()].strip(), items)
