"""Dates as clerks write them on forms and letters."""

from __future__ import annotations

import datetime as dt
import re

from consolidate.text.normalise import fold
from consolidate.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

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
