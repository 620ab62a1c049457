import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from consolidate.consultation.roster import Ambiguity, Lookup, Roster, UnitMatch, name_core
from consolidate.model import Unit


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


# ---------------------------------------------------------------- the labelled tables

DATA = Path(__file__).parent / "data"
# table → roster → [right, total, wrong unit]; printed at the end of the run by conftest
NAME_REPORT: dict[str, dict[str, list[int]]] = {}


def _table(name: str) -> dict:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


def _verdict(found: Lookup, expected: str) -> str:
    """right, miss (no unit where one was due: the clerk is asked) or wrong (a wrong unit)."""
    if isinstance(found, UnitMatch):
        return "right" if found.unit.name == expected else "wrong"
    if isinstance(found, Ambiguity):
        return "right" if expected == "ambiguous" else "miss"
    return "right" if expected == "unlisted" else "miss"


def _evaluate(file: str) -> tuple[float, list[str], list[str]]:
    table = _table(file)
    report = NAME_REPORT.setdefault(file, {})
    misses: list[str] = []
    wrong: list[str] = []
    for name, cases in table["cases"].items():
        roster = Roster(tuple(Unit(u) for u in table["roster"][name]["units"]), table["issuer"][name])
        counts = report[name] = [0, 0, 0]
        for where, said, expected in cases:
            found = roster.lookup(said) if where == "header" else roster.lookup_in(said)
            verdict = _verdict(found, expected)
            counts[0] += verdict == "right"
            counts[1] += 1
            counts[2] += verdict == "wrong"
            line = f"{name}: {where} {said!r} → {found!r} (want {expected})"
            (wrong if verdict == "wrong" else misses if verdict == "miss" else []).append(line)
    right = sum(c[0] for c in report.values()) / sum(c[1] for c in report.values())
    return right, misses, wrong


def test_the_development_table_covers_four_provinces_with_at_least_150_names():
    table = _table("unit_names.toml")
    assert len(table["roster"]) >= 4
    assert sum(len(cases) for cases in table["cases"].values()) >= 150


def test_signed_names_are_matched_at_least_97_percent_right():
    right, misses, wrong = _evaluate("unit_names.toml")
    assert right >= 0.97, "\n".join(misses + wrong)


def test_no_signed_name_is_given_to_a_wrong_unit():
    assert _evaluate("unit_names.toml")[2] == []


def test_held_out_names_are_matched_at_least_90_percent_right_and_never_to_a_wrong_unit():
    right, misses, wrong = _evaluate("unit_names_holdout.toml")
    assert wrong == [] and right >= 0.90, "\n".join(misses + wrong)


# ---------------------------------------------------------------- places and ambiguity


def test_the_roster_may_hold_the_full_name_and_the_return_the_short_one():
    roster = Roster(
        (Unit("广西壮族自治区发展和改革委员会"), Unit("中共广西壮族自治区委员会机构编制委员会办公室"))
    )
    assert roster.match("自治区发改委").unit.name == "广西壮族自治区发展和改革委员会"
    assert roster.match("区党委编办").unit.name == "中共广西壮族自治区委员会机构编制委员会办公室"


def test_a_citys_bureau_is_never_the_provinces_department():
    roster = Roster((Unit("省教育厅"), Unit("武汉市人民政府")), issuer="湖北省教育厅")
    assert roster.lookup("宜昌市教育局") is None
    assert roster.match("武汉市教育局").unit.name == "武汉市人民政府"


def test_a_districts_bureau_in_a_municipality_answers_for_the_district_not_the_city():
    roster = Roster((Unit("市教委"), Unit("万州区人民政府")), issuer="重庆市人力资源和社会保障局")
    assert roster.match("重庆市教育委员会").unit.name == "市教委"
    assert roster.match("重庆市万州区教育委员会").unit.name == "万州区人民政府"


def test_another_provinces_department_is_not_this_provinces():
    roster = Roster((Unit("省教育厅"),), issuer="湖北省人力资源和社会保障厅")
    assert roster.lookup("湖南省教育厅") is None
    assert roster.match("湖北省教育厅").unit.name == "省教育厅"


def test_a_file_named_after_a_place_is_that_places_addressee(roster):
    for stem in ("南宁", "南宁市", "南宁市-修改意见表"):
        assert roster.lookup_in(stem).unit.name == "南宁市人民政府"


def test_a_file_named_after_a_place_with_several_consulted_units_is_ambiguous():
    roster = Roster((Unit("南宁市人民政府"), Unit("南宁市教育局"), Unit("自治区教育厅")))
    found = roster.lookup_in("南宁")
    assert isinstance(found, Ambiguity)
    assert {u.name for u in found.candidates} == {"南宁市人民政府", "南宁市教育局"}


def test_a_bare_name_shared_by_offices_that_work_as_one_is_ambiguous_not_guessed():
    roster = Roster((Unit("省教育厅"), Unit("省委教育工委"), Unit("省财政厅")))
    found = roster.lookup("教育厅")
    assert isinstance(found, Ambiguity)
    assert {u.name for u in found.candidates} == {"省教育厅", "省委教育工委"}
    assert roster.match("教育厅") is None
    assert roster.match("湖北省教育厅").unit.name == "省教育厅"


def test_a_short_form_shared_by_two_units_lists_both():
    roster = Roster((Unit("自治区党委办公厅"), Unit("自治区人民政府办公厅")))
    found = roster.lookup("办公厅")
    assert isinstance(found, Ambiguity) and len(found.candidates) == 2


def test_a_county_and_an_autonomous_county_of_one_name_are_told_apart_by_how_they_are_written():
    roster = Roster((Unit("融水县人民政府"), Unit("融水苗族自治县人民政府")))
    assert roster.match("融水县政府").unit.name == "融水县人民政府"
    assert roster.match("融水苗族自治县政府").unit.name == "融水苗族自治县人民政府"


# ---------------------------------------------------------------- identity properties

_ROSTERS = {
    name: (
        Roster(tuple(Unit(u) for u in spec["units"]), _table("unit_names.toml")["issuer"][name]),
        spec["units"],
    )
    for name, spec in _table("unit_names.toml")["roster"].items()
}
_FULL = {"guangxi": "广西壮族自治区", "hubei": "湖北省", "hangzhou": "杭州市", "chongqing": "重庆市"}
_UNITS = [(name, unit) for name, (_, units) in _ROSTERS.items() for unit in units]


@given(st.sampled_from(_UNITS))
def test_every_roster_name_matches_itself(pair):
    name, unit = pair
    assert _ROSTERS[name][0].match(unit).unit.name == unit


@given(st.sampled_from(_UNITS), st.sampled_from(["", " ", "（盖章）", "(盖章)"]))
def test_the_provinces_or_citys_full_name_for_its_short_prefix_names_the_same_unit(pair, stamp):
    name, unit = pair
    generic = re.match(r"^(自治区|省|市)(?!场)", unit)
    assume(generic is not None)
    said = _FULL[name] + unit[generic.end() :] + stamp
    assert _ROSTERS[name][0].match(said).unit.name == unit


@given(st.sampled_from(_UNITS), st.sampled_from(["中共", "省", "市", "自治区", *_FULL.values()]))
def test_a_prefix_added_to_a_name_never_names_another_unit(pair, prefix):
    name, unit = pair
    found = _ROSTERS[name][0].lookup(prefix + unit)
    assert not isinstance(found, UnitMatch) or found.unit.name == unit


@given(st.sampled_from([(n, u) for n, u in _UNITS if re.match(r"^(自治区党委|省委|市委)", u)]))
def test_the_party_prefix_on_a_party_organ_names_the_same_unit(pair):
    name, unit = pair
    said = "中共" + _FULL[name] + "委" + re.sub(r"^(自治区党委|省委|市委)", "", unit)
    assert _ROSTERS[name][0].match(said).unit.name == unit


_NAME_PIECES = st.sampled_from(
    ["中共", "共青团", "政协", "国家税务总局", "广西壮族自治区", "湖北省", "重庆市", "自治区", "省", "市", "区", "县",
     "河池市", "万州区", "融水苗族自治县", "大山镇", "委员会", "委", "党委", "人民政府", "办公厅", "教育厅", "教委",
     "发展和改革", "（盖章）", "2023年3月20日", "意见", "-", " ", "(", "）", "团", "州", "旗", "乡", "a", "1"]
)  # fmt: skip


@given(st.lists(_NAME_PIECES, max_size=8).map("".join) | st.text(max_size=40))
def test_any_text_is_looked_up_without_error_and_never_as_two_answers(text):
    roster = _ROSTERS["guangxi"][0]
    for found in (roster.lookup(text), roster.lookup_in(text)):
        assert found is None or isinstance(found, (UnitMatch, Ambiguity))
        if isinstance(found, Ambiguity):
            assert len(set(found.candidates)) == len(found.candidates) >= 2


@pytest.mark.parametrize(
    ("signed", "canonical"),
    [
        ("中华人民共和国教育部", "教育部"),
        ("国家发展和改革委员会", "国家发展改革委"),
        ("中华人民共和国人力资源和社会保障部", "人力资源社会保障部"),
        ("人社部", "人力资源社会保障部"),
        ("最高法", "最高人民法院"),
    ],
)
def test_a_ministry_or_court_roster_is_matched_the_same_way(signed, canonical):
    roster = Roster(
        tuple(Unit(n) for n in ("国家发展改革委", "教育部", "人力资源社会保障部", "最高人民法院"))
    )
    assert roster.match(signed).unit.name == canonical


def test_a_body_listed_under_both_its_names_answers_to_either():
    roster = Roster((Unit("省委党校（省行政学院）"), Unit("省教育厅")))
    assert roster.match("湖北省行政学院").unit.name == "省委党校（省行政学院）"
    assert roster.match("中共湖北省委党校").unit.name == "省委党校（省行政学院）"


# ---------------------------------------------------------------- places, provinces, joint names


def _county_roster() -> Roster:
    """A county's consultation: its towns by their own names, its bureaus as 县…局."""
    units = ("桃花镇人民政府", "柳林镇人民政府", "白云瑶族乡人民政府", "城关街道办事处",
             "县城市管理和综合执法局", "县教育局")  # fmt: skip
    return Roster(tuple(Unit(n) for n in units), "青山县人民政府办公室")


@pytest.mark.parametrize(
    ("signed", "canonical"),
    [
        ("青山县桃花镇人民政府", "桃花镇人民政府"),
        ("青山县白云瑶族乡人民政府", "白云瑶族乡人民政府"),
        ("青山县城关街道办事处", "城关街道办事处"),
        ("桃花镇", "桃花镇人民政府"),
    ],
)
def test_a_town_signing_with_its_countys_name_first_is_the_towns_unit(signed, canonical):
    assert _county_roster().match(signed).unit.name == canonical


def test_a_county_bureau_whose_name_begins_with_城市_is_not_read_as_a_city():
    assert _county_roster().match("青山县城市管理和综合执法局").unit.name == "县城市管理和综合执法局"


@pytest.mark.parametrize(
    ("stem", "canonical"),
    [
        ("桃花镇意见", "桃花镇人民政府"),
        ("白云瑶族乡反馈表", "白云瑶族乡人民政府"),
        ("柳林镇", "柳林镇人民政府"),
    ],
)
def test_a_file_named_by_a_towns_short_name_is_that_towns_unit(stem, canonical):
    assert _county_roster().lookup_in(stem).unit.name == canonical


def _provinces_roster() -> Roster:
    """A ministry's roster: one department per province, the same body in each."""
    names = ("福建省人力资源和社会保障厅", "江西省人力资源和社会保障厅", "贵州省人力资源和社会保障厅",
             "甘肃省自然资源厅", "国家林业和草原局")  # fmt: skip
    return Roster(tuple(Unit(n) for n in names))


@pytest.mark.parametrize(
    ("signed", "canonical"),
    [
        ("江西省人社厅", "江西省人力资源和社会保障厅"),
        ("贵州人社厅", "贵州省人力资源和社会保障厅"),
        ("福建省人力资源社会保障厅", "福建省人力资源和社会保障厅"),
    ],
)
def test_units_differing_only_by_province_are_told_apart(signed, canonical):
    assert _provinces_roster().match(signed).unit.name == canonical


@pytest.mark.parametrize("signed", ["湖南省人社厅", "湖南省人力资源和社会保障厅", "广东人社厅"])
def test_a_department_of_a_province_not_consulted_is_no_other_provinces(signed):
    assert _provinces_roster().lookup(signed) is None


def test_a_bare_departments_name_on_a_roster_of_provinces_is_ambiguous():
    found = _provinces_roster().lookup("人社厅")
    assert isinstance(found, Ambiguity) and len(found.candidates) == 3


def test_a_file_named_only_by_a_province_is_that_provinces_one_unit():
    roster = _provinces_roster()
    assert roster.lookup_in("贵州").unit.name == "贵州省人力资源和社会保障厅"
    assert roster.lookup_in("江西省-意见").unit.name == "江西省人力资源和社会保障厅"
    assert roster.lookup_in("湖南") is None


def test_a_file_named_by_a_province_with_several_consulted_units_is_ambiguous():
    roster = Roster((Unit("甘肃省人力资源和社会保障厅"), Unit("甘肃省自然资源厅"), Unit("青海省自然资源厅")))
    found = roster.lookup_in("甘肃")
    assert isinstance(found, Ambiguity) and len(found.candidates) == 2


def test_a_province_named_in_a_file_on_that_provinces_own_roster_tells_no_unit():
    roster = Roster((Unit("省教育厅"), Unit("省财政厅")), "江西省人民政府办公厅")
    assert roster.lookup_in("江西") is None


@pytest.mark.parametrize("stem", ["绍兴", "绍兴市", "绍兴市-修改意见"])
def test_a_file_named_by_a_place_goes_to_its_one_addressee_even_when_not_a_government(stem):
    roster = Roster((Unit("绍兴市人大常委会法工委"), Unit("嘉兴市人大常委会法工委"), Unit("省司法厅")))
    assert roster.lookup_in(stem).unit.name == "绍兴市人大常委会法工委"


@pytest.mark.parametrize(
    "signed", ["泉州市人大常委会法制工作委员会", "泉州市人大法工委", "泉州市人大常委会法制工委"]
)
def test_a_legislatures_法制工作委员会_is_its_法工委(signed):
    roster = Roster((Unit("泉州市人大常委会法工委"), Unit("厦门市人大常委会法工委")))
    assert roster.match(signed).unit.name == "泉州市人大常委会法工委"


def test_one_body_signing_with_both_its_names_is_that_unit():
    roster = Roster((Unit("省社科院"), Unit("中国企业联合会"), Unit("省总工会")))
    assert roster.match("中国企业联合会、中国企业家协会").unit.name == "中国企业联合会"
    assert roster.match("中国企联").unit.name == "中国企业联合会"


def test_a_joint_name_of_two_consulted_units_is_ambiguous():
    roster = Roster((Unit("省教育厅"), Unit("省财政厅"), Unit("省总工会")))
    found = roster.lookup("省教育厅、省财政厅")
    assert isinstance(found, Ambiguity)
    assert {u.name for u in found.candidates} == {"省教育厅", "省财政厅"}


def test_a_branch_signing_through_its_provincial_company_is_the_branch():
    roster = Roster((Unit("国网绵阳供电公司"), Unit("国网德阳供电公司"), Unit("市财政局")))
    assert roster.match("国网四川省电力公司绵阳供电公司").unit.name == "国网绵阳供电公司"


def test_a_managed_bodys_bare_name_is_its_own_while_its_managers_may_be_either():
    roster = Roster((Unit("省自然资源厅"), Unit("省林业局"), Unit("省财政厅")))
    assert roster.match("林业局").unit.name == "省林业局"
    found = roster.lookup("自然资源厅")
    assert isinstance(found, Ambiguity)
    assert {u.name for u in found.candidates} == {"省自然资源厅", "省林业局"}
