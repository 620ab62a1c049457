import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consolidate.replies import is_no_opinion, parse_date, parse_header_line


@pytest.mark.parametrize(
    "text",
    ["无", "无修改意见", "无意见。", "原则同意", "同意", "没有意见", "暂无意见", "无异议",
     "经研究，我单位无修改意见。", "经研究，我厅对《若干措施》无修改意见。", "我市无修改意见。", "无意见，原则同意。"],
)  # fmt: skip
def test_recognises_no_opinion_replies(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text",
    [
        "无意见。但建议增加一条",
        "建议同意职业学校开展培训",
        "无修改意见，建议将“A”改为“B”",
        "",
        "/",
        "建议删除",
    ],
)
def test_an_opinion_after_no_opinion_words_is_an_opinion(text):
    assert not is_no_opinion(text)


def test_reads_header_line_with_unit_and_date():
    assert parse_header_line("单位名称（盖章）：自治区教育厅          填表时间：2023年3月28日") == (
        "自治区教育厅",
        dt.date(2023, 3, 28),
        True,
    )


def test_reads_blank_header_line_as_header_without_values():
    assert parse_header_line("单位名称（盖章）：                填表时间：  年  月  日") == (None, None, True)


def test_reads_half_width_brackets_and_colons():
    unit, date, _ = parse_header_line("单位名称(盖章):广西税务局 填表时间:2023.3.30")
    assert (unit, date) == ("广西税务局", dt.date(2023, 3, 30))


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月28日",
        "2023-03-28",
        "2023.3.28",
        "2023/3/28",
        "２０２３年３月２８日",
        "二〇二三年三月二十八日",
        "2023 年 3 月 28 日",
    ],
)
def test_parses_dates_as_offices_type_them(text):
    assert parse_date(text) == dt.date(2023, 3, 28)


def test_an_impossible_date_is_no_date():
    assert parse_date("2023年2月30日") is None


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_written_date_parses_back(day):
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    ["经研究，我局原则同意《若干措施》，无修改意见。", "经我办研究，无修改意见", "完全同意", "经研究，同意",
     "对征求意见稿无修改意见，原则同意"],
)  # fmt: skip
def test_recognises_longer_no_opinion_statements(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text", ["同意职业学校开展培训", "同意，但建议删除第三部分", "无修改意见，建议将“A”改为“B”"]
)
def test_agreement_followed_by_a_proposal_is_an_opinion(text):
    assert not is_no_opinion(text)
