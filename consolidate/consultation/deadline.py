"""The reply deadline as letters write it, and the date a letter was signed.

Letters say 于2024年6月14日（星期五）前, 请在6月14日17:30之前, 2024.6.14前, 二〇二四年六月
十四日前, 6月14日下班前, 截止时间为2024年6月14日. A date without a year takes the year of
the letter's own date (the following year if that would put the deadline before the letter).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from consolidate.consultation.settings import BEIJING
from consolidate.text.normalise import fold
from consolidate.text.numerals import parse_number

# 下班前: offices close at 17:30 in most provinces (some at 18:00 in summer); the earlier
# hour is the safer one to tell a unit.
CLOSE_OF_BUSINESS = dt.time(17, 30)
# A date without an hour: units may reply until the day is over.
END_OF_DAY = dt.time(23, 59)

_CN_DIGIT = "〇零○一二两三四五六七八九"
_CN_YEAR = re.compile(rf"([{_CN_DIGIT}]{{4}})年")
_CN_DAYNUM = re.compile(rf"([{_CN_DIGIT}十]{{1,3}})(?=[月日号时点分])")

_DATE = (
    r"(?:(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"
    r"|(?P<y2>\d{4})[.\-/](?P<m2>\d{1,2})[.\-/](?P<d2>\d{1,2})日?"
    r"|本月(?P<d3>\d{1,2})[日号])"
)
_WEEKDAY = r"(?:\(?(?:星期|周|礼拜)[一二三四五六日天]\)?)?"
_TIME = (
    r"(?:(?P<ampm>上午|下午|中午|晚上|早上)?"
    r"(?:(?P<h>\d{1,2})(?::(?P<mi>\d{2})|时(?:(?P<mi2>\d{1,2})分)?|点(?:(?P<mi3>\d{1,2})分?|(?P<half>半))?)"
    r"|(?P<cob>下班)))?"
)
_BEFORE = re.compile(_DATE + _WEEKDAY + " ?" + _TIME + r"(?:之前|以前|前)")
_CUTOFF = re.compile(
    r"(?:截止时间|截止日期|截止|截至|反馈时间|报送时间|反馈日期)(?:为|是|:|于)*"
    + _DATE
    + _WEEKDAY
    + " ?"
    + _TIME
)
_REPLY = re.compile(r"反馈|报送|报送至|送|函告|回复|返回|报|提出|意见")
_SIGNED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def arabic(text: str) -> str:
    """Chinese-numeral dates and times in Arabic digits: 二〇二四年六月十四日 → 2024年6月14日."""

    def year(match: re.Match[str]) -> str:
        return f"{parse_number(match.group(1))}年"

    def number(match: re.Match[str]) -> str:
        value = parse_number(match.group(1))
        return str(value) if value is not None else match.group(1)

    return _CN_DAYNUM.sub(number, _CN_YEAR.sub(year, text))


def signing_date(lines: list[str]) -> dt.date | None:
    """The date the letter was signed: the last line that is only a date (2024年6月3日)."""
    for line in reversed(lines):
        found = _SIGNED.match(arabic(fold(line)))
        if found:
            try:
                return dt.date(*(int(g) for g in found.groups()))
            except ValueError:
                continue
    return None


def find_deadline(text: str, dated: dt.date | None = None) -> dt.datetime | None:
    """The deadline a letter sets for replies, in Beijing time; None when it sets none.

    Among dates followed by 前 or preceded by 截止时间为, one in a sentence about replying
    (反馈, 报送, 送…) wins over an earlier one that is not."""
    folded = arabic(_squeeze(text))
    candidates: list[tuple[int, dt.datetime]] = []
    for pattern in (_BEFORE, _CUTOFF):
        for match in pattern.finditer(folded):
            when = _moment(match, dated)
            if when is None:
                continue
            start = folded.rfind("。", 0, match.start()) + 1
            end = folded.find("。", match.end())
            sentence = folded[start : end if end >= 0 else len(folded)]
            rank = 0 if _REPLY.search(sentence) else 1
            candidates.append((rank * 10**6 + match.start(), when))
    return min(candidates)[1] if candidates else None


def _squeeze(text: str) -> str:
    """NFKC without spaces, except one between digits: 2024.6.14 17:30 must not read 2024.6.141."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)\s+(?=\d)", "\x00", text)
    return re.sub(r"\s+", "", text).replace("\x00", " ")


def _moment(match: re.Match[str], dated: dt.date | None) -> dt.datetime | None:
    groups = match.groupdict()
    year = groups["y"] or groups["y2"]
    if groups["d3"]:  # 本月20日: the month of the letter
        if dated is None:
            return None
        month, day = dated.month, int(groups["d3"])
    else:
        month = int(groups["m"] or groups["m2"])
        day = int(groups["d"] or groups["d2"])
    if year:
        years = [int(year)]
    elif dated is not None:
        years = [dated.year, dated.year + 1]
    else:
        return None
    for candidate in years:
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            continue
        if year or dated is None or date >= dated:
            return dt.datetime.combine(date, _time(groups), tzinfo=BEIJING)
    return None


def _time(groups: dict[str, str | None]) -> dt.time:
    if groups["cob"]:
        return CLOSE_OF_BUSINESS
    if groups["h"] is None:
        return END_OF_DAY
    hour = int(groups["h"])
    minute = int(groups["mi"] or groups["mi2"] or groups["mi3"] or (30 if groups["half"] else 0))
    if groups["ampm"] in ("下午", "晚上") and hour < 12:
        hour += 12
    if hour == 24 and minute == 0:
        return END_OF_DAY
    if hour > 23 or minute > 59:
        return END_OF_DAY
    return dt.time(hour, minute)
