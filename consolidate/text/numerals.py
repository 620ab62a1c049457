"""Chinese numerals as people write them in references: 三, 十二, 二十一, 〇, 两."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def parse_number(token: str) -> int | None:
    """Value of an Arabic or Chinese numeral (``"12"``, ``"十二"``, ``"二〇二三"``), else None."""
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if any(ch not in DIGITS and ch not in UNITS for ch in token):
        return None
    if not any(ch in UNITS for ch in token):
        # Digit by digit, as in years: 二〇二三.
        return int("".join(str(DIGITS[ch]) for ch in token))
    total, current = 0, 0
    for ch in token:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def to_chinese(number: int) -> str:
    """Chinese numeral for 0–999, the way part headings are numbered (十一, 二十)."""
    names = "零一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 20:
        return "十" + (names[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return names[tens] + "十" + (names[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return names[hundreds] + "百"
    middle = "零" if rest < 10 else ""
    tail = to_chinese(rest) if rest >= 20 or rest < 10 else "一" + to_chinese(rest)
    return names[hundreds] + "百" + middle + tail
