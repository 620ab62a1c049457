import tomllib
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- the labelled table

NAMES = Path(__file__).parent / "data" / "unit_names.toml"
NAME_REPORT: dict[str, list[int]] = {}  # roster → [right, total, wrong unit]; printed by conftest


def _table() -> dict:
    return tomllib.loads(NAMES.read_text(encoding="utf-8"))


def _verdict(found: Lookup, expected: str) -> str:
    """right, miss (no unit where one was due: the clerk is asked) or wrong (a wrong unit)."""
    if isinstance(found, UnitMatch):
        return "right" if found.unit.name == expected else "wrong"
    if isinstance(found, Ambiguity):
        return "right" if expected == "ambiguous" else "miss"
    return "right" if expected == "unlisted" else "miss"


def _evaluate() -> tuple[list[str], list[str]]:
    table = _table()
    misses: list[str] = []
    wrong: list[str] = []
    for name, cases in table["cases"].items():
        roster = Roster(tuple(Unit(u) for u in table["roster"][name]["units"]), table["issuer"][name])
        counts = NAME_REPORT.setdefault(name, [0, 0, 0])
        counts[:] = [0, 0, 0]
        for where, said, expected in cases:
            found = roster.lookup(said) if where == "header" else roster.lookup_in(said)
            verdict = _verdict(found, expected)
            counts[0] += verdict == "right"
            counts[1] += 1
            counts[2] += verdict == "wrong"
            line = f"{name}: {where} {said!r} → {found!r} (want {expected})"
            (wrong if verdict == "wrong" else misses if verdict == "miss" else []).append(line)
    return misses, wrong


def test_the_table_covers_four_provinces_with_at_least_150_names():
    table = _table()
    assert len(table["roster"]) >= 4
    assert sum(len(cases) for cases in table["cases"].values()) >= 150


def test_signed_names_are_matched_at_least_97_percent_right():
    misses, wrong = _evaluate()
    right = sum(c[0] for c in NAME_REPORT.values())
    total = sum(c[1] for c in NAME_REPORT.values())
    assert right / total >= 0.97, "\n".join(misses + wrong)


def test_no_signed_name_is_given_to_a_wrong_unit():
    _, wrong = _evaluate()
    assert wrong == []
