import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from consolidate.model import Unit
from consolidate.roster import Ambiguity, Lookup, Roster, UnitMatch, name_core


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
