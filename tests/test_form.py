import datetime as dt

from consolidate.form import classify_header, interpret
from consolidate.readers.docx import read_docx
from consolidate.readers.sheet import read_sheet

from .factories import docx_form, merge_row, merge_vertically, xlsx_form


def _docx(tmp_path, rows, **kw):
    return interpret(read_docx(docx_form(tmp_path / "f.docx", rows, **kw)))


def test_reads_header_unit_and_fill_date(tmp_path):
    form = _docx(tmp_path, [["1", "自治区教育厅", "建议甲", "理由甲", ""]])
    assert form.declared_unit == "自治区教育厅"
    assert form.fill_date == dt.date(2023, 3, 28)


def test_reads_each_row_as_an_opinion_with_reason_and_remark(tmp_path):
    form = _docx(
        tmp_path,
        [["1", "自治区教育厅", "建议甲", "理由甲", "备注甲"], ["2", "自治区教育厅", "建议乙", "", ""]],
    )
    assert [(e.text, e.reason, e.remark) for e in form.entries] == [
        ("建议甲", "理由甲", "备注甲"),
        ("建议乙", "", ""),
    ]
    assert form.entries[0].where == "表1第2行"


def test_blank_template_rows_are_ignored(tmp_path):
    form = _docx(tmp_path, [["1", "x", "建议甲", "", ""], ["2", "", "", "", ""]], blank_rows=4)
    assert len(form.entries) == 1


def test_finds_columns_in_any_order_and_keeps_extra_columns(tmp_path):
    columns = ("序号", "涉及条款", "修改意见", "单位", "修改理由", "联系人")
    form = _docx(
        tmp_path, [["1", "第三部分第二段", "建议甲", "自治区教育厅", "理由", "张三"]], columns=columns
    )
    entry = form.entries[0]
    assert entry.clause_hint == "第三部分第二段"
    assert entry.text == "建议甲" and entry.reason == "理由"
    assert "联系人：张三" in entry.remark
    assert form.unit_cells == ("自治区教育厅",)


def test_header_variants_are_recognised():
    assert classify_header("意见建议") == "opinion"
    assert classify_header("具体修改意见") == "opinion"
    assert classify_header("修改理由及依据") == "reason"
    assert classify_header("提出单位") == "unit"
    assert classify_header("处理意见") == "other"
    assert classify_header("涉及条款") == "clause"


def test_splits_a_cell_of_numbered_opinions_with_numbered_reasons(tmp_path):
    form = _docx(
        tmp_path, [["1", "x", "1.建议甲。\n2.建议乙。\n3.建议丙。", "1.理由甲。\n2.理由乙。\n3.理由丙。", ""]]
    )
    assert [(e.text, e.reason) for e in form.entries] == [
        ("建议甲。", "理由甲。"),
        ("建议乙。", "理由乙。"),
        ("建议丙。", "理由丙。"),
    ]
    assert form.entries[1].where.endswith("第2项")


def test_an_unnumbered_reason_applies_to_each_numbered_opinion(tmp_path):
    form = _docx(tmp_path, [["1", "x", "①建议甲②建议乙", "统一理由", ""]])
    assert [e.reason for e in form.entries] == ["统一理由", "统一理由"]


def test_no_opinion_in_the_first_row(tmp_path):
    form = _docx(tmp_path, [["1", "自治区教育厅", "无修改意见", "", ""]], blank_rows=5)
    assert form.no_opinion and not form.entries


def test_no_opinion_written_under_the_table(tmp_path):
    form = _docx(tmp_path, [], blank_rows=6, below=["经研究，我单位无修改意见。"])
    assert form.no_opinion and not form.entries


def test_no_opinion_across_a_merged_row(tmp_path):
    path = docx_form(tmp_path / "f.docx", [], blank_rows=3)
    merge_row(path, 1, "无意见")
    form = interpret(read_docx(path))
    assert form.no_opinion and not form.entries


def test_a_merged_unit_cell_counts_for_every_row_it_spans(tmp_path):
    path = docx_form(
        tmp_path / "f.docx",
        [["1", "自治区教育厅", "甲", "", ""], ["2", "", "乙", "", ""], ["3", "", "丙", "", ""]],
    )
    merge_vertically(path, column=1, first_row=1, last_row=3)
    form = interpret(read_docx(path))
    assert [e.unit_cell for e in form.entries] == ["自治区教育厅"] * 3


def test_an_empty_unit_column_is_fine(tmp_path):
    form = _docx(tmp_path, [["1", "", "建议甲", "", ""]])
    assert form.entries[0].text == "建议甲"
    assert form.unit_cells == ()


def test_no_opinion_followed_by_a_suggestion_is_an_opinion(tmp_path):
    form = _docx(tmp_path, [["1", "x", "无意见。但建议增加培训内容。", "", ""]])
    assert not form.no_opinion
    assert form.entries[0].text == "无意见。但建议增加培训内容。"


def test_a_reason_row_without_opinion_joins_the_previous_opinion(tmp_path):
    form = _docx(tmp_path, [["1", "x", "建议甲", "理由上半", ""], ["", "", "", "理由下半", ""]])
    assert form.entries[0].reason == "理由上半\n理由下半"
    assert form.notes


def test_a_letter_without_the_form_table_is_read_as_prose(tmp_path):
    from docx import Document

    document = Document()
    for line in [
        "关于《若干措施》的修改意见",
        "1.建议增加乡村工匠内容。",
        "2.建议删除第三部分第二段。",
        "2023年3月28日",
    ]:
        document.add_paragraph(line)
    path = tmp_path / "letter.docx"
    document.save(path)
    form = interpret(read_docx(path))
    assert not form.table_found
    assert [e.text for e in form.entries] == ["建议增加乡村工匠内容。", "建议删除第三部分第二段。"]


def test_reads_the_same_form_from_excel(tmp_path):
    path = xlsx_form(
        tmp_path / "f.xlsx", [[1, "自治区财政厅", "建议甲", "理由甲", ""], [2, None, "无", "", ""]]
    )
    form = interpret(read_sheet(path))
    assert form.declared_unit == "自治区财政厅"
    assert form.fill_date == dt.date(2023, 3, 29)
    assert [e.text for e in form.entries] == ["建议甲"]


def test_excel_header_row_further_down_with_extra_columns(tmp_path):
    columns = ("序号", "章节", "修改意见", "修改理由", "单位", "备注")
    path = xlsx_form(
        tmp_path / "f.xlsx",
        [[1, "七（三）", "建议甲", "理由", "自治区国资委", ""]],
        columns=columns,
        first_row=6,
    )
    form = interpret(read_sheet(path))
    assert form.entries[0].clause_hint == "七（三）"
    assert form.unit_cells == ("自治区国资委",)


def test_every_non_empty_cell_is_kept_somewhere(tmp_path):
    columns = ("序号", "单位", "修改意见", "修改理由", "备注", "联系电话")
    rows = [
        ["1", "自治区教育厅", "建议甲", "理由甲", "备注甲", "5855902"],
        ["甲-2", "", "建议乙", "", "", ""],
    ]
    form = _docx(tmp_path, rows, columns=columns)
    kept = " ".join(f"{e.text} {e.reason} {e.remark} {e.unit_cell}" for e in form.entries)
    for value in ["自治区教育厅", "建议甲", "理由甲", "备注甲", "5855902", "甲-2", "建议乙"]:
        assert value in kept


def test_a_combined_opinion_and_reason_column_is_the_opinion(tmp_path):
    form = _docx(
        tmp_path,
        [["1", "自治区教育厅", "建议甲，理由是乙", ""]],
        columns=("序号", "单位", "修改意见及理由", "备注"),
    )
    assert [e.text for e in form.entries] == ["建议甲，理由是乙"]


def test_a_table_broken_in_two_goes_on_under_the_same_columns(tmp_path):
    from docx import Document

    path = docx_form(tmp_path / "f.docx", [["1", "自治区教育厅", "建议甲", "理由甲", ""]])
    document = Document(str(path))
    document.add_paragraph("（续表）")
    second = document.add_table(rows=1, cols=5)
    for cell, value in zip(second.rows[0].cells, ["2", "自治区教育厅", "建议乙", "理由乙", ""]):
        cell.text = value
    document.save(path)
    form = interpret(read_docx(path))
    assert [(e.text, e.reason) for e in form.entries] == [("建议甲", "理由甲"), ("建议乙", "理由乙")]


def test_a_second_sheet_with_its_own_header_is_read_too(tmp_path):
    from openpyxl import load_workbook

    path = xlsx_form(tmp_path / "f.xlsx", [[1, "自治区财政厅", "建议甲", "", ""]])
    workbook = load_workbook(path)
    sheet = workbook.create_sheet("续")
    sheet.append(["序号", "单位", "修改意见", "修改理由", "备注"])
    sheet.append([2, "自治区财政厅", "建议乙", "", ""])
    workbook.save(path)
    form = interpret(read_sheet(path))
    assert [e.text for e in form.entries] == ["建议甲", "建议乙"]


def test_a_two_row_header_under_a_merged_heading(tmp_path):
    from docx import Document

    path = docx_form(tmp_path / "f.docx", [["", "", "原文", "修改为", ""], ["1", "自治区教育厅", "稳定招生规模", "稳步扩大招生规模", "理由"]],
                     columns=("序号", "单位", "修改意见", "修改意见", "修改理由"))  # fmt: skip
    document = Document(str(path))
    table = document.tables[0]
    table.cell(0, 2).merge(table.cell(0, 3))
    for col in (0, 1, 4):
        table.cell(0, col).merge(table.cell(1, col))
    document.save(path)
    form = interpret(read_docx(path))
    (entry,) = form.entries
    assert entry.clause_hint == "稳定招生规模"
    assert entry.text == "将“稳定招生规模”修改为“稳步扩大招生规模”"
    assert entry.reason == "理由"


def test_same_as_above_in_the_unit_column_repeats_the_unit(tmp_path):
    form = _docx(tmp_path, [["1", "柳州市教育局", "建议甲", "", ""], ["2", "同上", "建议乙", "", ""]])
    assert [e.unit_cell for e in form.entries] == ["柳州市教育局", "柳州市教育局"]
