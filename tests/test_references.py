"""Citations of the draft's own numbering, found on the structure the draft gives itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consolidate.analysis.attribution import ClauseIndex, explicit_references
from consolidate.consultation.draft import parse_draft
from consolidate.text.normalise import fold

from .test_draft import PLAN, REGULATION


@pytest.fixture(scope="module")
def regulation() -> ClauseIndex:
    return ClauseIndex(parse_draft(REGULATION))


@pytest.fixture(scope="module")
def plan() -> ClauseIndex:
    return ClauseIndex(parse_draft(PLAN))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("第二条第一款第（二）项，建议修改。", ["2.1.2"]),
        ("第二条（二），建议修改。", ["2.1.2"]),
        ("第2条第1款第2项", ["2.1.2"]),
        ("第二条第（二）项第2目", ["2.1.2.2"]),
        ("第二条第二款", ["2.2"]),
        ("第二条", ["2"]),
        ("第一条", ["1.1"]),
        ("第二章", ["ch2"]),
        ("第二章第一节", ["ch2.s1"]),
        ("第一条至第二条", ["1.1", "2"]),
        ("第二条第（一）项、第（二）项", ["2.1.1", "2.1.2"]),
    ],
)
def test_regulation_references(regulation, text, ids):
    assert explicit_references(fold(text), regulation) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("一（一）2，建议修改。", ["1.1.2"]),
        ("一（一）1、2均应明确时限。", ["1.1.1", "1.1.2"]),
        ("第一部分（一）第2条", ["1.1.2"]),
        ("第2条，建议修改。", ["1.1.2"]),
        ("措施1", ["1.1.1"]),
        ("建议将此项要求纳入第2项措施。", ["1.1.2"]),
        ("第1个措施表述过于笼统。", ["1.1.1"]),
        ("第一部分（二）", ["1.2"]),
        ("第二部分第2段", ["2.2"]),
    ],
)
def test_plan_references(plan, text, ids):
    assert explicit_references(fold(text), plan) == ids


def test_another_documents_article_is_not_the_drafts(regulation):
    from consolidate.analysis.attribution import attribute_opinion

    placement = attribute_opinion(
        "依据《中华人民共和国水法》第二条，建议本办法增加水源保护内容。", regulation
    )
    assert "2" not in placement.clauses


def test_a_reference_inside_a_quotation_of_the_draft_is_not_a_pointer():
    draft = parse_draft([*REGULATION, "第三条　违反本办法第二条第一款规定的，处以罚款。"])
    index = ClauseIndex(draft)
    assert explicit_references(fold("第三条中“违反本办法第二条第一款规定的”，建议修改。"), index) == ["3.1"]


@given(st.text(alphabet="第一二三十条款项目章节部分（）()、至和0123456789.", max_size=30))
def test_references_only_name_clauses_of_the_draft(regulation, text):
    known = {c.id for c in regulation.draft.clauses}
    assert set(explicit_references(fold(text), regulation)) <= known


def test_a_reference_to_a_clause_the_draft_lacks_is_flagged_for_review(regulation):
    from consolidate.analysis.attribution import attribute_opinion
    from consolidate.thresholds import REVIEW_BELOW

    placement = attribute_opinion("第二条第五款，建议删除。", regulation)
    assert placement.clauses == ("2",)
    assert placement.confidence < REVIEW_BELOW


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("建议在第一条后增加一条作为第二条：“……”", ["1.1"]),
        ("建议在第二条第一款后新增第二款，规定备案程序。", ["2.1"]),
        ("建议第二条增加一项作为第（三）项。", ["2"]),
        ("建议增加第二条第二款的处罚幅度。", ["2.2"]),
        ("建议将该内容作为第二条的补充。", ["2"]),
    ],
)
def test_the_number_of_a_proposed_new_clause_cites_nothing(regulation, text, ids):
    """作为第二条 numbers the article a unit proposes, not the 第二条 the draft has today."""
    assert explicit_references(fold(text), regulation) == ids
