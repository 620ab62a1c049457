import pytest

from consolidate.model import Unit
from consolidate.roster import Roster, name_core


@pytest.mark.parametrize(
    ("signed", "canonical"),
    [
        ("自治区教育厅", "自治区教育厅"),
        ("广西壮族自治区教育厅", "自治区教育厅"),
        ("区教育厅", "自治区教育厅"),
        ("教育厅", "自治区教育厅"),
        ("广西壮族自治区教育厅（盖章）", "自治区教育厅"),
        ("自治区发展和改革委员会", "自治区发展改革委"),
        ("广西壮族自治区发改委", "自治区发展改革委"),
        ("国家税务总局广西壮族自治区税务局", "广西税务局"),
        ("中共广西壮族自治区委员会宣传部", "自治区党委宣传部"),
        ("中共广西区委宣传部", "自治区党委宣传部"),
        ("宣传部", "自治区党委宣传部"),
        ("共青团广西壮族自治区委员会", "共青团广西区委"),
        ("自治区团委", "共青团广西区委"),
        ("河池市人民政府", "河池市人民政府"),
        ("河池市人力资源和社会保障局", "河池市人民政府"),
        ("河池市人民政府办公室", "河池市人民政府"),
        ("南宁市", "南宁市人民政府"),
    ],
)
def test_matches_the_names_units_sign_with(roster, signed, canonical):
    match = roster.match(signed)
    assert match is not None
    assert match.unit.name == canonical


def test_a_unit_not_on_the_roster_matches_nothing(roster):
    assert roster.match("自治区大数据发展局") is None


def test_fuzzy_matching_catches_a_typo_in_a_long_name():
    roster = Roster((Unit("自治区人大常委会办公厅"), Unit("自治区政协办公厅")))
    match = roster.match("自治区人大常务会办公厅")
    assert match is not None and match.how == "fuzzy"
    assert match.unit.name == "自治区人大常委会办公厅"


def test_aliases_from_the_consultation_file_match_exactly():
    roster = Roster((Unit("自治区北部湾办", aliases=("北部湾经济区和东盟开放合作办公室",)),))
    assert roster.match("北部湾经济区和东盟开放合作办公室").how == "exact"


def test_short_forms_shared_by_two_units_are_not_guessed():
    roster = Roster((Unit("自治区党委办公厅"), Unit("自治区政府办公厅")))
    assert roster.match("办公厅") is None


def test_finds_a_unit_named_inside_a_file_name(roster):
    assert roster.find_in("附件3-修改意见表（发改委）").unit.name == "自治区发展改革委"
    assert roster.find_in("河池市-修改意见表").unit.name == "河池市人民政府"
    assert roster.find_in("修改意见表") is None


def test_works_for_any_province():
    roster = Roster((Unit("省教育厅"), Unit("广州市人民政府")))
    assert roster.match("广东省教育厅").unit.name == "省教育厅"
    assert roster.match("广州市人力资源和社会保障局").unit.name == "广州市人民政府"


def test_core_strips_region_and_shortens_official_names():
    assert name_core("广西壮族自治区卫生健康委员会") == "卫生健康委"
    assert name_core("中国人民政治协商会议广西壮族自治区委员会办公厅") == "政协办公厅"
