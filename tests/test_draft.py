from pathlib import Path

import pytest

from consolidate.draft import DraftError, load_draft, parse_draft

from .conftest import DRAFT_LINES, SAMPLE


def test_splits_preamble_parts_and_paragraphs(draft):
    ids = [c.id for c in draft.clauses]
    assert ids == ["0", "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2"]


def test_title_is_what_precedes_the_preamble(draft):
    assert draft.title == "关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）"


def test_keeps_each_paragraphs_responsible_units(draft):
    assert draft.get("2.1").responsible == "自治区财政厅、教育厅"


def test_parts_carry_their_headings(draft):
    assert draft.get("3").heading == "实施专项计划"
    assert draft.get("3.2").heading == "实施专项计划"


def test_reads_regulation_style_articles():
    draft = parse_draft(
        [
            "某某办法",
            "第一章 总则",
            "第一条 为了规范管理，制定本办法。",
            "第二条 本办法适用于全区。",
            "前款规定的单位除外。",
        ]
    )
    assert [c.id for c in draft.clauses] == ["1", "1.1", "2", "2.1", "2.2"]
    assert draft.get("2.2").text == "前款规定的单位除外。"


def test_reads_a_txt_draft(tmp_path: Path):
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(DRAFT_LINES), encoding="utf-8")
    assert len(load_draft(path).clauses) == 9


def test_reads_the_sample_docx_draft():
    draft = load_draft(SAMPLE / "draft.docx")
    assert len(draft.parts()) == 9
    assert len(draft.paragraphs(6)) == 5
    assert draft.get("6.4").text.startswith("实施乡村工匠计划")


def test_missing_draft_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DraftError, match="not found"):
        load_draft(tmp_path / "nope.docx")
