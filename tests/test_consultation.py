import datetime as dt
from pathlib import Path

import pytest

from consolidate.consultation.settings import ConsultationError, find_consultation, load_consultation

from .conftest import DRAFT_LINES, SAMPLE

GOOD = """title = "若干措施（征求意见稿）"
reference = "桂人社函〔2023〕57号"
deadline = 2023-03-31T18:00:00+08:00
draft = "draft.txt"

[[contact]]
name = "黄波"
phone = "0771-5855902"

[[unit]]
name = "自治区教育厅"
group = "区直单位"
aliases = ["广西壮族自治区教育厅"]

[[unit]]
name = "南宁市人民政府"
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "draft.txt").write_text("\n".join(DRAFT_LINES), encoding="utf-8")
    path = tmp_path / "consultation.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_consultation(tmp_path):
    c = load_consultation(_write(tmp_path, GOOD))
    assert c.reference == "桂人社函〔2023〕57号"
    assert c.deadline == dt.datetime(2023, 3, 31, 18, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert [u.name for u in c.units] == ["自治区教育厅", "南宁市人民政府"]
    assert c.units[0].aliases == ("广西壮族自治区教育厅",)
    assert c.contacts[0].phone == "0771-5855902"
    assert c.draft is not None and c.draft.get("2.1")


def test_a_bare_date_deadline_means_end_of_that_day_in_beijing(tmp_path):
    c = load_consultation(_write(tmp_path, GOOD.replace("2023-03-31T18:00:00+08:00", "2023-03-31")))
    assert c.deadline.hour == 23 and c.deadline.utcoffset() == dt.timedelta(hours=8)


def test_a_syntax_error_names_file_and_line(tmp_path):
    path = _write(tmp_path, GOOD.replace('reference = "桂人社函〔2023〕57号"', "reference = 桂人社函"))
    with pytest.raises(ConsultationError, match=r"consultation.toml.*line 2"):
        load_consultation(path)


def test_a_missing_unit_name_names_line_and_key(tmp_path):
    path = _write(tmp_path, GOOD.replace('name = "南宁市人民政府"', 'group = "设区市"'))
    with pytest.raises(ConsultationError, match=r"consultation.toml:\d+: unit\[2\]\.name"):
        load_consultation(path)


def test_an_unknown_key_is_reported_with_its_line(tmp_path):
    path = _write(tmp_path, GOOD.replace("deadline =", "dealine ="))
    with pytest.raises(ConsultationError, match=r"consultation.toml:3: dealine: 不认识的键“dealine”"):
        load_consultation(path)


def test_a_quoted_deadline_is_explained(tmp_path):
    path = _write(tmp_path, GOOD.replace("2023-03-31T18:00:00+08:00", '"2023-03-31"'))
    with pytest.raises(ConsultationError, match=r":3: deadline: .*no quotes"):
        load_consultation(path)


def test_a_unit_listed_twice_is_an_error(tmp_path):
    path = _write(tmp_path, GOOD.replace("南宁市人民政府", "自治区教育厅"))
    with pytest.raises(ConsultationError, match="listed twice"):
        load_consultation(path)


def test_a_missing_draft_file_is_an_error_naming_the_key(tmp_path):
    path = _write(tmp_path, GOOD.replace("draft.txt", "nope.docx"))
    with pytest.raises(ConsultationError, match=r":4: draft: 找不到征求意见稿 .*nope.docx"):
        load_consultation(path)


def test_finds_the_consultation_in_a_parent_folder(tmp_path):
    path = _write(tmp_path, GOOD)
    (tmp_path / "returns" / "sub").mkdir(parents=True)
    assert find_consultation(tmp_path / "returns" / "sub") == path.resolve()


def test_the_sample_lists_all_42_addressees(sample_consultation):
    assert len(sample_consultation.units) == 42
    groups = [u.group for u in sample_consultation.units]
    assert groups.count("区直单位") == 28 and groups.count("设区市") == 14


def test_the_sample_file_is_next_to_its_returns():
    assert find_consultation(SAMPLE / "returns") == (SAMPLE / "consultation.toml").resolve()


def test_an_alias_equal_to_another_units_name_is_an_error_naming_both(tmp_path):
    path = _write(
        tmp_path, GOOD.replace('aliases = ["广西壮族自治区教育厅"]', 'aliases = ["南宁市人民政府"]')
    )
    with pytest.raises(
        ConsultationError, match=r"consultation.toml:\d+: unit\[1\]\.aliases: .*自治区教育厅.*南宁市人民政府"
    ):
        load_consultation(path)


def test_an_alias_that_is_another_way_of_writing_another_unit_is_an_error(tmp_path):
    path = _write(tmp_path, GOOD.replace('aliases = ["广西壮族自治区教育厅"]', 'aliases = ["南宁市政府"]'))
    with pytest.raises(ConsultationError, match=r"unit\[1\]\.aliases: .*南宁市政府.*南宁市人民政府"):
        load_consultation(path)


def test_one_alias_given_to_two_units_is_an_error_naming_both(tmp_path):
    text = GOOD.replace(
        'name = "南宁市人民政府"', 'name = "南宁市人民政府"\naliases = ["广西壮族自治区教育厅"]'
    )
    with pytest.raises(ConsultationError, match=r"unit\[2\]\.aliases: .*南宁市人民政府.*自治区教育厅"):
        load_consultation(_write(tmp_path, text))


def test_two_spellings_of_one_unit_on_the_roster_are_an_error_naming_both(tmp_path):
    text = GOOD.replace('name = "南宁市人民政府"', 'name = "广西壮族自治区教育厅"').replace(
        'aliases = ["广西壮族自治区教育厅"]', ""
    )
    with pytest.raises(ConsultationError, match=r"unit\[2\]\.name: .*广西壮族自治区教育厅.*自治区教育厅"):
        load_consultation(_write(tmp_path, text))


def test_an_alias_of_the_units_own_name_in_another_spelling_is_fine(tmp_path):
    text = GOOD.replace(
        'aliases = ["广西壮族自治区教育厅"]', 'aliases = ["广西壮族自治区教育厅", "区教育厅", "教育厅"]'
    )
    assert load_consultation(_write(tmp_path, text)).units[0].aliases[-1] == "教育厅"


def test_a_misspelt_key_in_a_unit_table_is_named_with_its_line(tmp_path):
    path = _write(tmp_path, GOOD.replace('group = "区直单位"', 'gruop = "区直单位"'))
    with pytest.raises(ConsultationError, match=r"consultation.toml:12: unit\[1\]\.gruop: 不认识的键“gruop”"):
        load_consultation(path)


def test_a_misspelt_key_in_a_contact_table_is_named_with_its_line(tmp_path):
    path = _write(tmp_path, GOOD.replace('phone = "0771-5855902"', 'phnoe = "0771-5855902"'))
    with pytest.raises(
        ConsultationError, match=r"consultation.toml:8: contact\[1\]\.phnoe: 不认识的键“phnoe”"
    ):
        load_consultation(path)
