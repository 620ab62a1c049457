import datetime as dt
import shutil
from pathlib import Path

from consolidate.analysis.review import annotate, group_similar
from consolidate.consultation.responsibility import asks_to_change_list, expand_list, responsibility
from consolidate.consultation.roster import Roster
from consolidate.model import Clause, Consultation, Draft, Opinion, Unit
from consolidate.pipeline import consolidate

from .conftest import SAMPLE

BEIJING = dt.timezone(dt.timedelta(hours=8))
UNITS = (
    Unit("自治区教育厅"),
    Unit("自治区财政厅"),
    Unit("自治区国资委"),
    Unit("南宁市人民政府"),
    Unit("柳州市人民政府"),
)
TEXT = "允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度。定期举办广西技能大赛。"
DRAFT = Draft(
    "措施",
    (
        Clause("1", 1, None, "实施专项计划", TEXT),
        Clause("1.1", 1, 1, "实施专项计划", TEXT, "自治区教育厅、财政厅，各设区市人民政府，自治区住房城乡建设厅",
               national=("定期举办广西技能大赛",)),
    ),
)  # fmt: skip


def _consultation() -> Consultation:
    return Consultation("措施", "", "", dt.datetime(2023, 3, 31, tzinfo=BEIJING), UNITS, draft=DRAFT)


def _opinion(n: int, unit: str, text: str) -> Opinion:
    return Opinion(f"id-{n}", unit, text, clauses=("1.1",), confidence=0.95)


def test_shared_prefixes_in_a_responsible_list_are_written_out():
    assert expand_list("自治区财政厅、教育厅，自治区党委组织部、宣传部") == [
        "自治区财政厅", "自治区教育厅", "自治区党委组织部", "自治区党委宣传部",
    ]  # fmt: skip
    assert expand_list("各设区市党委、政府") == ["各设区市党委", "各设区市政府"]


def test_responsible_units_are_matched_to_the_roster():
    duty = responsibility("自治区教育厅、财政厅，自治区住房城乡建设厅，各设区市人民政府", Roster(UNITS))
    assert [u.name for u in duty.units] == ["自治区教育厅", "自治区财政厅"]
    assert duty.unlisted == ("自治区住房城乡建设厅",)
    assert duty.all_cities


def test_the_issuing_department_is_not_reported_as_unlisted():
    duty = responsibility(
        "自治区人力资源社会保障厅、教育厅", Roster(UNITS), issuer="广西壮族自治区人力资源和社会保障厅"
    )
    assert duty.unlisted == ()


def test_requests_to_change_a_responsible_list_are_recognised():
    assert asks_to_change_list("建议乡村工匠计划的责任单位增加自治区乡村振兴局")
    assert not asks_to_change_list("建议增加乡村工匠培训")


def test_opinions_from_responsible_units_are_marked_and_counted():
    opinions = (
        _opinion(1, "自治区教育厅", "建议甲"),
        _opinion(2, "南宁市人民政府", "建议乙"),
        _opinion(3, "自治区国资委", "建议丙"),
    )
    review = annotate(opinions, _consultation())
    annotated, notes, findings = review.opinions, review.notes, review.findings
    assert ["responsible-unit" in o.flags for o in annotated] == [True, True, False]
    assert notes["1.1"].responsible_commented == ("自治区教育厅", "南宁市人民政府")
    assert [f.code for f in findings] == ["responsible-not-consulted"]
    assert "自治区住房城乡建设厅" in findings[0].message


def test_an_edit_of_national_wording_is_flagged():
    opinions = (_opinion(1, "自治区财政厅", "建议将“定期举办广西技能大赛”修改为“每两年举办广西技能大赛”"),)
    annotated = annotate(opinions, _consultation()).opinions
    assert "national-wording" in annotated[0].flags


def test_similar_opinions_of_different_units_share_a_group():
    opinions = [
        _opinion(1, "南宁市人民政府", "建议在“广西技能大赛”后增加“和各市技能竞赛”。"),
        _opinion(2, "柳州市人民政府", "建议在“广西技能大赛”后增加“及各市技能竞赛”"),
        _opinion(3, "自治区财政厅", "建议删除“年薪制”。"),
    ]
    grouped = group_similar(opinions)
    assert grouped[0].group == grouped[1].group == "id-1"
    assert grouped[2].group == ""


def test_grouping_compares_with_group_leaders_only():
    # A campaign: 2,000 near-identical opinions form one group quickly.
    opinions = [_opinion(n, f"单位{n}", f"建议将奖励标准提高到每人{5 + n % 3}万元。") for n in range(2000)]
    grouped = group_similar(opinions)
    assert len({o.group for o in grouped}) <= 3


def test_deleting_what_another_unit_amends_is_a_disagreement():
    opinions = (
        _opinion(
            1,
            "自治区国资委",
            "建议删除“允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度”中的“年薪制”。",
        ),
        _opinion(
            2,
            "自治区教育厅",
            "建议将“允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度”修改为“支持…实施年薪制等特殊工资制度”。",
        ),
    )
    review = annotate(opinions, _consultation())
    annotated, notes = review.opinions, review.notes
    (conflict,) = notes["1.1"].conflicts
    assert "自治区国资委建议删除“年薪制”" in conflict.description
    assert "自治区教育厅建议修改为" in conflict.description
    assert all("conflict" in o.flags for o in annotated)


def test_different_replacements_for_the_same_words_disagree():
    opinions = (
        _opinion(1, "自治区财政厅", "建议将“定期举办广西技能大赛”修改为“每两年举办广西技能大赛”"),
        _opinion(2, "南宁市人民政府", "建议将“定期举办广西技能大赛”修改为“每年举办广西技能大赛”"),
    )
    notes = annotate(opinions, _consultation()).notes
    description = notes["1.1"].conflicts[0].description
    assert "意见不一" in description and "每两年" in description and "每年" in description


def test_overrides_move_an_opinion_and_survive_a_rerun(tmp_path: Path):
    sample = tmp_path / "gx"
    shutil.copytree(SAMPLE, sample)
    from consolidate.consultation.settings import load_consultation

    consultation = load_consultation(sample / "consultation.toml")
    first = consolidate(consultation, sample / "returns")
    target = next(o for o in first.opinions if "技师学院纳入高等职业学校序列" in o.text)
    assert target.clauses == ("3.1",)
    (sample / "overrides.toml").write_text(
        f'[[move]]\nopinion = "{target.id}"\nto = "3.2"\nnote = "会上确认"\n', encoding="utf-8"
    )
    for _ in range(2):
        moved = next(o for o in consolidate(consultation, sample / "returns").opinions if o.id == target.id)
        assert moved.clauses == ("3.2",)
        assert "moved" in moved.flags and moved.attribution.startswith("moved by hand")


def test_an_override_naming_an_unknown_opinion_is_a_finding(tmp_path: Path):
    sample = tmp_path / "gx"
    shutil.copytree(SAMPLE, sample)
    (sample / "overrides.toml").write_text('[[move]]\nopinion = "nope-01"\nto = "3.2"\n', encoding="utf-8")
    from consolidate.consultation.settings import load_consultation

    result = consolidate(load_consultation(sample / "consultation.toml"), sample / "returns")
    assert any(f.code == "override-unknown" for f in result.findings)


def test_the_sample_digest_shows_every_review_feature(sample_consultation):
    result = consolidate(sample_consultation, SAMPLE / "returns")
    flags = {f for o in result.effective_opinions for f in o.flags}
    assert {"national-wording", "responsible-unit", "responsible-list", "conflict"} <= flags
    assert any(o.group for o in result.effective_opinions)
    assert any(g.notes.conflicts for g in result.groups)
    assert any(f.code == "responsible-not-consulted" and "大数据发展局" in f.message for f in result.findings)


def test_a_campaign_rewording_one_sentence_is_one_disagreement_found_quickly():
    import time

    variants = ["每年", "每两年", "每三年", "定期"]
    opinions = [
        _opinion(n, f"单位{n}", f"建议将“定期举办广西技能大赛”修改为“{variants[n % 4]}举办广西技能大赛”")
        for n in range(3000)
    ]
    started = time.monotonic()
    notes = annotate(tuple(opinions), _consultation()).notes
    assert time.monotonic() - started < 20
    (conflict,) = notes["1.1"].conflicts
    assert conflict.description.count("建议修改为") >= 3
