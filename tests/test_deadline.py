"""The reply deadline in every way letters write it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from consolidate.consultation.deadline import (
    CLOSE_OF_BUSINESS,
    END_OF_DAY,
    arabic,
    find_deadline,
    signing_date,
)
from consolidate.consultation.settings import BEIJING
from consolidate.text.numerals import to_chinese

WEEKDAYS = "一二三四五六日"
CN_DIGITS = "〇一二三四五六七八九"


def _date_text(day: dt.date, style: str) -> str:
    if style == "chinese":
        year = "".join(CN_DIGITS[int(c)] for c in str(day.year))
        return f"{year}年{to_chinese(day.month)}月{to_chinese(day.day)}日"
    if style == "dotted":
        return f"{day.year}.{day.month}.{day.day}"
    if style == "spaced":
        return f"{day.year} 年 {day.month} 月 {day.day} 日"
    return f"{day.year}年{day.month}月{day.day}日"


_TIMES = st.sampled_from(
    [
        ("", END_OF_DAY),
        ("17:30", dt.time(17, 30)),
        ("17：30", dt.time(17, 30)),
        ("18时", dt.time(18, 0)),
        ("17时30分", dt.time(17, 30)),
        ("下午5:30", dt.time(17, 30)),
        ("下午3点", dt.time(15, 0)),
        ("上午10时", dt.time(10, 0)),
        ("12:00", dt.time(12, 0)),
        ("下班", CLOSE_OF_BUSINESS),
    ]
)
_PHRASES = st.sampled_from(
    ["请于{}前将意见反馈我厅。", "请在{}之前反馈书面意见。", "于{}以前报送我委。", "请各单位{}前函告我局。",
     "截止时间为{}。", "反馈截止日期：{}。"]
)  # fmt: skip
_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@given(_DATES, st.sampled_from(["plain", "chinese", "dotted", "spaced"]), st.booleans(), _TIMES, _PHRASES)
def test_every_common_phrasing_of_a_dated_deadline(day, style, weekday, time, phrase):
    spoken, expected_time = time
    if phrase.startswith(("截止", "反馈截止")) and spoken == "下班":
        spoken, expected_time = "", END_OF_DAY  # 截止时间为…下班 is not said
    said = _date_text(day, style) + (f"（星期{WEEKDAYS[day.weekday()]}）" if weekday else "")
    said += (" " if spoken[:1].isdigit() else "") + spoken
    text = "为做好有关工作，现征求意见。" + phrase.format(said) + "联系人：张三。"
    assert find_deadline(text) == dt.datetime.combine(day, expected_time, tzinfo=BEIJING)


@given(_DATES, st.integers(min_value=0, max_value=300), _TIMES)
def test_a_deadline_without_a_year_takes_the_letters_date(day, days_before, time):
    spoken, expected_time = time
    signed = day - dt.timedelta(days=days_before)
    text = f"请于{day.month}月{day.day}日{spoken}前反馈。"
    assert find_deadline(text, signed) == dt.datetime.combine(day, expected_time, tzinfo=BEIJING)


def test_a_date_that_is_no_deadline_is_ignored():
    assert find_deadline("根据2024年3月1日印发的《某某办法》，现征求意见。") is None


def test_the_sentence_about_replying_wins_over_an_earlier_date_before_which_something_happened():
    text = "全省已于2024年5月1日前完成摸底调查。请于2024年6月14日前将意见反馈我厅。"
    assert find_deadline(text) == dt.datetime(2024, 6, 14, 23, 59, tzinfo=BEIJING)


def test_an_impossible_date_is_not_a_deadline():
    assert find_deadline("请于2024年2月30日前反馈。") is None


def test_this_month_is_the_letters_month():
    assert find_deadline("请于本月20日下班前反馈。", dt.date(2024, 6, 3)) == dt.datetime(
        2024, 6, 20, 17, 30, tzinfo=BEIJING
    )


def test_a_year_less_date_needs_the_letters_date():
    assert find_deadline("请于6月14日前反馈。") is None


def test_close_of_business_is_half_past_five():
    assert dt.time(17, 30) == CLOSE_OF_BUSINESS


def test_the_signing_date_is_the_last_line_that_is_only_a_date():
    lines = ["请于2024年6月14日前反馈。", "湖北省民政厅", "二〇二四年六月三日", "（此件公开发布）"]
    assert signing_date(lines) == dt.date(2024, 6, 3)


def test_chinese_numeral_dates_become_arabic():
    assert arabic("二〇二四年十二月三十一日") == "2024年12月31日"
