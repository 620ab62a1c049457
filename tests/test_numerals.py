from hypothesis import given
from hypothesis import strategies as st

from consolidate.text.numerals import parse_number, to_chinese


def test_parses_chinese_numerals_as_written_in_references():
    assert parse_number("三") == 3
    assert parse_number("十") == 10
    assert parse_number("十二") == 12
    assert parse_number("二十一") == 21
    assert parse_number("两") == 2


def test_parses_digit_by_digit_years():
    assert parse_number("二〇二三") == 2023


def test_parses_arabic_numerals():
    assert parse_number("12") == 12


def test_rejects_words_that_are_not_numbers():
    assert parse_number("部分") is None
    assert parse_number("") is None


@given(st.integers(min_value=0, max_value=999))
def test_chinese_numerals_round_trip(number):
    assert parse_number(to_chinese(number)) == number
