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
    assert [c.id for c in draft.clauses] == ["ch1", "1", "1.1", "2", "2.1", "2.2"]
    assert draft.get("2.2").text == "前款规定的单位除外。"
    assert draft.get("2.2").label == "第二条第二款"
    assert draft.get("1.1").label == "第一条"  # an article's only 款 is the article


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


def test_reads_numbered_measures_that_run_on_as_sentences():
    draft = parse_draft([
        "关于支持就业的若干措施", "为稳定就业，制定如下措施。",
        "一、加大资金投入。对吸纳就业的企业给予补贴。（责任单位：财政厅）",
        "二、优化服务。建立对接机制。", "同时加强宣传。",
    ])  # fmt: skip
    assert [c.id for c in draft.clauses] == ["0", "1", "1.1", "2", "2.1", "2.2"]
    assert draft.get("1").heading == "加大资金投入"
    assert draft.get("1.1").text.startswith("加大资金投入。对吸纳就业")
    assert draft.get("1.1").responsible == "财政厅"
    assert draft.title == "关于支持就业的若干措施"


def test_reads_a_word_97_draft_through_libreoffice(tmp_path: Path):
    from consolidate.convert import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "draft.txt"
    source.write_text("\n".join(DRAFT_LINES), encoding="utf-8")
    import subprocess

    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    assert len(load_draft(tmp_path / "draft.doc").clauses) == 9
