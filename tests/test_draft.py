from pathlib import Path

import pytest

from consolidate.consultation.draft import DraftError, load_draft, parse_draft

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
    from consolidate.documents.convert import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "draft.txt"
    source.write_text("\n".join(DRAFT_LINES), encoding="utf-8")
    import subprocess

    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    assert len(load_draft(tmp_path / "draft.doc").clauses) == 9


REGULATION = [
    "某省供水管理办法",
    "第一章　总则",
    "第一条　为了加强供水管理，制定本办法。",
    "第二章　管理",
    "第一节　运行",
    "第二条　供水单位应当履行下列义务：",
    "（一）建立管理制度；",
    "（二）按照下列要求公开信息：",
    "1.收费标准；",
    "2.服务电话。",
    "供水单位违反前款规定的，由主管部门责令改正。",
]


def test_a_regulation_is_chapters_articles_paragraphs_items_and_subitems():
    draft = parse_draft(REGULATION)
    kinds = [(c.id, c.kind) for c in draft.clauses]
    assert kinds == [
        ("ch1", "chapter"), ("1", "article"), ("1.1", "paragraph"),
        ("ch2", "chapter"), ("ch2.s1", "section"), ("2", "article"), ("2.1", "paragraph"),
        ("2.1.1", "item"), ("2.1.2", "item"), ("2.1.2.1", "subitem"), ("2.1.2.2", "subitem"),
        ("2.2", "paragraph"),
    ]  # fmt: skip


def test_regulation_clauses_are_labelled_as_the_draft_numbers_them():
    draft = parse_draft(REGULATION)
    labels = {c.id: c.label for c in draft.clauses}
    assert labels["2.1.2"] == "第二条第一款第（二）项"
    assert labels["2.1.2.1"] == "第二条第一款第（二）项第1目"
    assert labels["2.2"] == "第二条第二款"
    assert labels["ch2.s1"] == "第二章第一节"
    assert labels["1.1"] == "第一条"


def test_a_paragraph_after_items_is_the_next_paragraph_of_the_article():
    draft = parse_draft(REGULATION)
    assert draft.get("2.2").text == "供水单位违反前款规定的，由主管部门责令改正。"
    assert draft.get("2.2").parent == "2"


def test_an_article_holds_the_words_of_its_paragraphs_and_items():
    draft = parse_draft(REGULATION)
    assert "服务电话" in draft.get("2").text
    assert "服务电话" in draft.get("2.1.2").text
    assert "服务电话" in draft.get("ch2").text


def test_a_chapter_groups_its_articles():
    draft = parse_draft(REGULATION)
    assert draft.division(draft.get("2.1.2.1")).id == "ch2"
    assert draft.heading_of(draft.get("ch2")) == "第二章　管理"


PLAN = [
    "关于促进就业的若干措施",
    "为稳定就业，制定如下措施。",
    "一、优化服务",
    "（一）简化办事流程",
    "1.推行就业登记网上办理。",
    "责任单位：市人社局、市数据局",
    "2.压减补贴申领材料。对符合条件的企业免申即享。",
    "牵头单位：市人社局",
    "配合单位：市财政局",
    "（二）加强宣传",
    "各地要加强政策宣传。",
    "二、保障措施",
    "加强组织领导。",
    "强化督促检查。",
]


def test_a_plan_is_parts_sections_and_measures():
    draft = parse_draft(PLAN)
    assert [(c.id, c.kind) for c in draft.clauses] == [
        ("0", "preamble"), ("1", "part"), ("1.1", "section"), ("1.1.1", "measure"),
        ("1.1.2", "measure"), ("1.2", "section"), ("2", "part"), ("2.1", "paragraph"), ("2.2", "paragraph"),
    ]  # fmt: skip
    assert draft.get("1.1.2").label == "第一部分（一）2"
    assert draft.get("1.2").label == "第一部分（二）"
    assert draft.get("2.2").label == "第二部分第2段"


def test_a_responsible_line_belongs_to_the_measure_above_it():
    draft = parse_draft(PLAN)
    assert draft.get("1.1.1").responsible == "市人社局、市数据局"
    assert draft.get("1.1.2").responsible == "市人社局、市财政局"


def test_a_measure_reads_as_the_draft_prints_it_with_its_number_and_responsible_lines():
    """A digest quoting 原文 quotes the draft: the measure's 1. and its 责任单位 line stay."""
    draft = parse_draft(PLAN)
    assert draft.get("1.1.1").text == "1.推行就业登记网上办理。\n责任单位：市人社局、市数据局"
    assert (
        draft.get("1.1.2").text
        == "2.压减补贴申领材料。对符合条件的企业免申即享。\n牵头单位：市人社局\n配合单位：市财政局"
    )


def test_a_section_reads_with_its_heading_line():
    draft = parse_draft(PLAN)
    assert draft.get("1.1").text.startswith("（一）简化办事流程\n1.推行就业登记网上办理。")
    assert draft.get("1.2").text == "（二）加强宣传\n各地要加强政策宣传。"


def test_a_section_without_measures_holds_its_paragraphs():
    draft = parse_draft(PLAN)
    assert draft.get("1.2").text.endswith("\n各地要加强政策宣传。")
    assert draft.get("1.2").holds_text


def test_clauses_built_the_two_level_way_know_their_kind_and_parent():
    from consolidate.model import Clause

    assert Clause("3", 3, None, "标题", "").kind == "part"
    paragraph = Clause("3.2", 3, 2, "标题", "正文")
    assert (paragraph.kind, paragraph.parent, paragraph.label) == ("paragraph", "3", "第三部分第2段")


def test_a_plan_without_parts_is_numbered_by_its_sections_or_measures():
    sections = parse_draft(
        [
            "若干措施",
            "为稳定就业，制定如下措施。",
            "（一）加大投入。对企业给予补贴。",
            "（二）优化服务。建立对接机制。",
        ]
    )
    assert [(c.id, c.label) for c in sections.parts()] == [("1", "（一）"), ("2", "（二）")]
    measures = parse_draft(
        [
            "若干措施",
            "为稳定就业，制定如下措施。",
            "1.加大投入。对企业给予补贴。",
            "责任单位：市财政局",
            "2.优化服务。",
        ]
    )
    assert [(c.id, c.label, c.responsible) for c in measures.clauses[1:]] == [
        ("1", "第1条", "市财政局"), ("2", "第2条", ""),
    ]  # fmt: skip


def _auto_numbered_docx(path: Path, paragraphs: list[tuple[str, int | None, int]]) -> Path:
    """A .docx whose 第N条 and （N） are drawn by Word's automatic numbering, not typed:
    ``(text, numId or None, ilvl)``; list 1 numbers articles, list 2 numbers items."""
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = Document()
    numbering = document.part.numbering_part.element
    for abstract, text, fmt in (("91", "第%1条", "chineseCounting"), ("92", "（%1）", "chineseCounting")):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="{abstract}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:suff w:val="space"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        ))  # fmt: skip
        numbering.append(
            parse_xml(f'<w:num {w} w:numId="{abstract}"><w:abstractNumId w:val="{abstract}"/></w:num>')
        )
    for text, num_id, level in paragraphs:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{90 + num_id}"/></w:numPr>'
            ))  # fmt: skip
    document.save(path)
    return path


def test_articles_numbered_by_word_itself_are_read_as_articles(tmp_path: Path):
    path = _auto_numbered_docx(tmp_path / "规定.docx", [
        ("某省供水管理规定", None, 0),
        ("为了加强供水管理，制定本规定。", 1, 0),
        ("供水单位应当履行下列义务：", 1, 0),
        ("建立管理制度；", 2, 0),
        ("公开收费标准。", 2, 0),
    ])  # fmt: skip
    draft = load_draft(path)
    assert draft.title == "某省供水管理规定"
    assert draft.get("2.1.2").label == "第二条第（二）项"
    assert draft.get("2.1.2").text == "（二）公开收费标准。"  # quoted as the draft prints it


def test_automatic_numbers_survive_a_word_97_draft(tmp_path: Path):
    from consolidate.documents.convert import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import subprocess

    source = _auto_numbered_docx(tmp_path / "规定.docx", [("某省规定", None, 0), ("为了管理，制定本规定。", 1, 0),
                                                          ("本规定自公布之日起施行。", 1, 0)])  # fmt: skip
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    draft = load_draft(tmp_path / "doc" / "规定.doc")
    assert [c.label for c in draft.parts()] == ["第一条", "第二条"]


def test_a_table_of_contents_does_not_make_chapters_twice():
    draft = parse_draft(["某某条例（草案）", "目录", "第一章　总则", "第二章　管理", *REGULATION[1:]])
    assert draft.title == "某某条例（草案）"
    assert [c.id for c in draft.clauses if c.kind == "chapter"] == ["ch1", "ch2"]
    assert draft.get("2").parent == "ch2.s1"


def test_an_article_reads_with_its_items_numbered_as_the_draft_numbers_them():
    draft = parse_draft([
        "某市停车管理办法",
        "第三条 停车场经营者应当遵守下列规定：",
        "（一）公示收费标准；",
        "（二） 规范停放秩序。",
    ])  # fmt: skip
    assert draft.get("3").text == "停车场经营者应当遵守下列规定：\n（一）公示收费标准；\n（二）规范停放秩序。"
    assert draft.get("3.1.2").text == "（二）规范停放秩序。"


def test_a_chapter_reads_as_its_heading_then_its_numbered_articles():
    draft = parse_draft(REGULATION)
    assert draft.get("ch1").text == "第一章　总则\n第一条　为了加强供水管理，制定本办法。"
    assert draft.get("ch2").text.startswith("第二章　管理\n第二条　供水单位应当履行下列义务：")


def test_an_article_of_one_paragraph_is_filed_under_that_paragraph():
    """第一条 and its only 款 share a label, so an opinion on either is filed under 1.1."""
    draft = parse_draft(REGULATION)
    assert draft.get("1").label == draft.get("1.1").label == "第一条"
    assert draft.settled("1") == "1.1"
    assert draft.settled("2") == "2"
    assert draft.settled("2.1") == "2.1"


def test_an_article_title_in_brackets_is_the_articles_heading_not_its_text():
    draft = parse_draft([
        "某省信用条例",
        "第一条（立法目的）为了规范信用管理，制定本条例。",
        "第二条（适用范围）本省行政区域内的信用活动，适用本条例。",
        "法律另有规定的，从其规定。",
    ])  # fmt: skip
    assert draft.get("1.1").text == "为了规范信用管理，制定本条例。"
    assert draft.get("2.2").label == "第二条第二款"
    assert draft.heading_of(draft.get("2")) == "第二条　适用范围"
