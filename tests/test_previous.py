"""A second round remembers the first: repeated opinions carry the round-1 decision."""

from __future__ import annotations

from consolidate.draft import parse_draft
from consolidate.model import Opinion
from consolidate.previous import RoundOneOpinion, link_previous, previous_words

from .conftest import DRAFT_LINES

ROUND_ONE = (
    RoundOneOpinion(
        "r1-01", "自治区财政厅", "建议删除“明确按一定比例”，经费保障按现行规定执行。", "第二部分第1段",
        "提高中等职业学校生均公用经费基本拨款标准。（责任单位：自治区财政厅、教育厅）", "不采纳",
        "国家文件原文，予以保留",
    ),
    RoundOneOpinion(
        "r1-02", "自治区教育厅", "建议将“建立全区中等职业学校统一招生平台”改为“完善全区中等职业学校统一招生平台”。",
        "第二部分第2段", "建立全区中等职业学校统一招生平台，稳定招生规模。", "采纳", "",
    ),
)  # fmt: skip


def _draft_with_a_new_part():
    """Round 2's draft: a part inserted at the front, so every round-1 number moved."""
    lines = list(DRAFT_LINES)
    lines[3:3] = ["一、总体要求", "坚持需求导向，统筹推进高技能人才队伍建设。"]
    renumbered = []
    for line in lines[5:]:
        for old, new in (("一、", "二、"), ("二、", "三、"), ("三、", "四、")):
            if line.startswith(old):
                line = new + line[2:]
                break
        renumbered.append(line)
    return parse_draft(lines[:5] + renumbered)


def _opinion(text: str, unit: str, clauses: tuple[str, ...] = ()) -> Opinion:
    return Opinion(id="n-01", unit=unit, text=text, clauses=clauses)


def test_a_repeated_declined_opinion_carries_the_round_one_decision_and_reason():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("再次建议删除“明确按一定比例”。", "自治区财政厅", ("3.1",))], ROUND_ONE, draft
    )
    assert linked.previous is not None
    assert (linked.previous.id, linked.previous.decision, linked.previous.reason) == (
        "r1-01", "不采纳", "国家文件原文，予以保留",
    )  # fmt: skip
    assert previous_words(linked.previous).startswith("第一轮")
    assert "未采纳（理由：国家文件原文，予以保留）" in previous_words(linked.previous)


def test_another_unit_raising_the_same_point_is_linked_too():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("建议将“建立全区中等职业学校统一招生平台”修改为“完善全区中等职业学校统一招生平台”", "南宁市人民政府", ("3.2",))],
        ROUND_ONE,
        draft,
    )  # fmt: skip
    assert linked.previous is not None and linked.previous.unit == "自治区教育厅"


def test_the_round_one_clause_is_followed_to_its_new_number():
    from consolidate.previous import _clause_now

    draft = _draft_with_a_new_part()
    assert _clause_now(ROUND_ONE[1], draft) == "3.2"  # 第二部分第2段 in round 1


def test_an_unrelated_opinion_is_not_linked():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("建议增加对乡村工匠的职称评审倾斜政策。", "自治区财政厅", ("4.1",))], ROUND_ONE, draft
    )
    assert linked.previous is None


def test_without_a_previous_round_nothing_changes():
    opinions = (_opinion("建议删除“明确按一定比例”。", "自治区财政厅"),)
    assert link_previous(opinions, (), None) == opinions
