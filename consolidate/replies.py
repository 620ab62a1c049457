"""Recognising what form-fillers write besides opinions: no-opinion replies, the header
line 单位名称（盖章）… 填表时间…, and dates in any of the ways offices type them."""

from __future__ import annotations

import datetime as dt
import re

from .numerals import CHINESE_NUMERAL_CHARS, parse_number
from .textnorm import fold

_NO_OPINION = re.compile(
    r"^(?:经(?:认真)?(?:研究|审阅|研读|审核|征求.{0,12}意见)[,，]?)?"
    r"(?:(?:我|本)(?:单位|局|厅|委|办|部|市|会|院|室|处)?)?"
    r"(?:对(?:.{0,60}?)(?:稿|措施|意见|文件|办法|方案)[》」)）]{0,3})?"
    r"(?:(?:表示)?(?:原则)?同意(?:该|此|本)?(?:稿|文件|措施|意见稿)?[,，]?)?"
    r"(?:(?:无|没有|暂无|未有|并无)(?:任何)?(?:修改|其他|不同|补充|修改和补充)?(?:意见|异议|建议)|(?:原则)?同意(?:该|此|本)?(?:稿|文件|措施|意见稿)?|无)"
    r"(?:[,，]?(?:原则)?同意(?:该|此|本)?(?:稿|文件)?)?[。.！!]?$"
)
_BLANK_MARKS = {"", "/", "／", "-", "—", "——", "--", "无内容", "空"}


_UNIT_WORD = r"(?:单位|局|厅|委|办|部|市|会|院|室|处|县|区|司|中心)"
_PREAMBLE_PART = re.compile(
    rf"^(?:经(?:认真|我{_UNIT_WORD})?(?:研究|审阅|研读|审核|讨论|征求.{{0,12}}意见)|(?:我|本){_UNIT_WORD}?)$"
)
_AGREE_PART = re.compile(
    rf"^(?:(?:我|本){_UNIT_WORD}?)?(?:对.{{0,40}}?)?(?:原则|完全|表示|均)?同意"
    r"(?:该|此|本|上述|以上)?(?:《[^》]{0,40}》|征求意见稿|意见稿|稿|文件|措施|内容)?(?:的?(?:内容|表述))?$"
)
_NONE_PART = re.compile(
    rf"^(?:(?:我|本){_UNIT_WORD}?)?(?:对.{{0,60}}?)?(?:均)?(?:无|没有|暂无|未有|并无)(?:任何)?(?:修改|其他|不同|补充)?(?:意见|异议|建议)$"
)


def is_no_opinion(text: str) -> bool:
    """True for a statement that the unit has nothing to change (and nothing else).

    Each clause of the statement must be a lead-in (经研究, 我局), an agreement with the
    draft (原则同意《若干措施》) or a no-opinion phrase, and one of the last two must be
    there. "无意见。但建议…" is not: anything else said makes it an opinion.
    """
    folded = fold(text).rstrip("。.")
    if not folded or folded in _BLANK_MARKS:
        return False
    if _NO_OPINION.match(folded + "。") or _NO_OPINION.match(folded):
        return True
    parts = [p for p in re.split(r"[，,。；;！!]", folded) if p]
    if not parts or any("建议" in p and not _NONE_PART.match(p) for p in parts):
        return False
    said = False
    for part in parts:
        if _NONE_PART.match(part) or _AGREE_PART.match(part) or part == "无":
            said = True
        elif not _PREAMBLE_PART.match(part):
            return False
    return said


def is_blank_mark(text: str) -> bool:
    """Dashes and slashes people put in cells they mean to leave empty."""
    return fold(text) in _BLANK_MARKS


_DATE = re.compile(
    rf"([0-9{CHINESE_NUMERAL_CHARS}]{{4}})\s*(?:年|[-./])\s*([0-9{CHINESE_NUMERAL_CHARS}]{{1,3}})\s*(?:月|[-./])\s*([0-9{CHINESE_NUMERAL_CHARS}]{{1,3}})\s*日?"
)


def parse_date(text: str) -> dt.date | None:
    """The first full date in the text: 2023年3月28日, 2023-03-28, 2023.3.28, 二〇二三年三月二十八日."""
    folded = fold(text)
    for match in _DATE.finditer(folded):
        year, month, day = (parse_number(g) for g in match.groups())
        if year is None or month is None or day is None:
            continue
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


_HEADER_UNIT = re.compile(
    r"^\s*(?:附件\s*\d*\s*)?(?:填报|报送|反馈|提出)?单位(?:名称)?\s*[（(]?\s*(?:盖章|公章|签章)?\s*[)）]?\s*[:：]\s*(.*)"
)
_HEADER_DATE = re.compile(r"(?:填表|填报|反馈|报送)?(?:时间|日期)\s*[:：]\s*(.*)")


def parse_header_line(text: str) -> tuple[str | None, dt.date | None, bool]:
    """``(unit, fill_date, is_header)`` from a line like
    ``单位名称（盖章）：自治区教育厅  填表时间：2023年3月28日``."""
    unit: str | None = None
    date: dt.date | None = None
    found = False
    unit_match = _HEADER_UNIT.search(text)
    if unit_match:
        found = True
        rest = unit_match.group(1)
        date_match = _HEADER_DATE.search(rest)
        name = rest[: date_match.start()] if date_match else rest
        name = name.strip(" \t\u3000:：_")
        unit = name or None
        if date_match:
            date = parse_date(date_match.group(1))
    else:
        date_match = _HEADER_DATE.search(text)
        if date_match and re.match(r"^\s*(?:填表|填报|反馈|报送)", text):
            found = True
            date = parse_date(date_match.group(1))
    return unit, date, found
