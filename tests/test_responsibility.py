"""责任单位 lists read against the roster: prefixes written out, collectives covering members."""

from __future__ import annotations

from consolidate.consultation.draft import parse_draft
from consolidate.consultation.responsibility import expand_list, responsibility
from consolidate.consultation.roster import Roster
from consolidate.model import Unit

TOWNS = Roster(
    (
        Unit("县农业农村局"),
        Unit("城关镇人民政府"),
        Unit("白沙乡人民政府"),
        Unit("东城街道办事处"),
        Unit("甲县人民政府"),
        Unit("乙市人民政府"),
        Unit("丙区人民政府"),
    )
)


def test_a_bracket_in_a_name_is_not_a_list_separator():
    assert expand_list("县农业农村局，各县（市、区）人民政府") == ["县农业农村局", "各县（市、区）人民政府"]


def test_towns_and_subdistricts_are_a_collective_covering_the_rosters_towns():
    duty = responsibility("县农业农村局，各乡镇人民政府（街道办事处）", TOWNS)
    assert duty.unlisted == ()
    assert duty.collective == ("各乡镇人民政府（街道办事处）",)
    assert {u.name for u in duty.units} == {
        "县农业农村局",
        "城关镇人民政府",
        "白沙乡人民政府",
        "东城街道办事处",
    }


def test_counties_cities_and_districts_are_a_collective_covering_their_governments():
    duty = responsibility("各县（市、区）人民政府", TOWNS)
    assert duty.unlisted == ()
    assert {u.name for u in duty.units} == {"甲县人民政府", "乙市人民政府", "丙区人民政府"}


def test_two_collectives_in_one_list_each_cover_their_own_kind():
    duty = responsibility("各乡镇人民政府、各街道办事处", TOWNS)
    assert {u.name for u in duty.units} == {"城关镇人民政府", "白沙乡人民政府", "东城街道办事处"}


def test_a_responsible_line_keeps_the_brackets_inside_its_names():
    draft = parse_draft(
        ["方案", "一、任务", "1.推进改厕。", "责任单位：县农业农村局，各乡镇人民政府（街道办事处）"]
    )
    assert draft.get("1.1").responsible == "县农业农村局，各乡镇人民政府（街道办事处）"


def test_a_bracketed_responsible_note_ends_at_its_own_bracket():
    draft = parse_draft(["方案", "一、任务", "1.推进改厕。（责任单位：县农业农村局）"])
    assert draft.get("1.1").responsible == "县农业农村局"


def test_role_labels_inside_one_note_are_not_names():
    assert expand_list("市行政审批局；责任单位：各县（市、区）政府") == ["市行政审批局", "各县（市、区）政府"]
    duty = responsibility("县农业农村局；配合单位：各县（市、区）政府", TOWNS)
    assert duty.unlisted == ()
    assert {u.name for u in duty.units} == {"县农业农村局", "甲县人民政府", "乙市人民政府", "丙区人民政府"}
