import datetime as dt

import pytest

from consolidate.documents.readers.docx import read_docx
from consolidate.documents.readers.sheet import read_sheet
from consolidate.intake.form import classify_header, interpret

from .factories import (
    docx_form,
    docx_form_header_in_table,
    docx_letter,
    merge_row,
    merge_vertically,
    xlsx_form,
)


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


ROW = ["1", "", "建议将第三部分第一段“生均公用经费”修改为“生均拨款”。", "与国家表述一致。", ""]


def test_the_unit_never_absorbs_the_labels_that_follow_it(tmp_path):
    form = _docx(tmp_path, [ROW], header="单位名称（盖章）：南宁市财政局联系人联系电话")
    assert form.declared_unit == "南宁市财政局"


def test_header_fields_on_several_lines_above_the_table(tmp_path):
    path = docx_letter(
        tmp_path / "f.docx",
        ["修改意见表", "填报单位：湖南省发展和改革委员会", "联系人：李建国    联系电话：0731-88881234",
         "填报日期：2024.6.12"],
        rows=[ROW],
    )  # fmt: skip
    form = interpret(read_docx(path))
    assert (form.declared_unit, form.contact, form.phone, form.fill_date) == (
        "湖南省发展和改革委员会", "李建国", "0731-88881234", dt.date(2024, 6, 12),
    )  # fmt: skip
    assert len(form.entries) == 1


def test_header_typed_into_a_merged_cell_at_the_top_of_the_table(tmp_path):
    path = docx_form_header_in_table(
        tmp_path / "f.docx",
        [ROW],
        [["单位名称（盖章）：成都市住房和城乡建设局    填表时间：二〇二四年六月十二日"]],
    )
    form = interpret(read_docx(path))
    assert form.declared_unit == "成都市住房和城乡建设局"
    assert form.fill_date == dt.date(2024, 6, 12)
    assert [e.text for e in form.entries] == [ROW[2]]


def test_header_as_a_key_value_row_of_the_table(tmp_path):
    path = docx_form_header_in_table(
        tmp_path / "f.docx", [ROW], [["单位名称", "郑州市市场监督管理局", "联系人", "赵敏", "13812345678"]],
        merged=False,
    )  # fmt: skip
    form = interpret(read_docx(path))
    assert (form.declared_unit, form.contact, form.phone) == ("郑州市市场监督管理局", "赵敏", "13812345678")
    assert len(form.entries) == 1 and not form.lost


def test_a_key_value_row_at_the_foot_of_the_table_is_no_opinion(tmp_path):
    form = _docx(tmp_path, [ROW, ["填表人", "王芳", "联系电话", "0771-5851234", ""]])
    assert [e.text for e in form.entries] == [ROW[2]]
    assert (form.filler, form.phone) == ("王芳", "0771-5851234")


def test_blank_header_fields_stay_blank(tmp_path):
    form = _docx(tmp_path, [ROW], header="反馈单位（盖章）：____________   联系人：________  电话：________")
    assert (form.declared_unit, form.contact, form.phone) == (None, "", "")


def test_a_reply_letter_that_acknowledges_and_has_no_opinion_is_a_no_opinion_reply(tmp_path):
    path = docx_letter(tmp_path / "l.docx", [
        "自治区人力资源社会保障厅：",
        "你厅《关于征求〈若干措施（征求意见稿）〉意见的函》（桂人社函〔2023〕57号）收悉。经研究，我局无修改意见。",
        "特此函复。",
        "河池市财政局",
        "2023年3月29日",
    ])  # fmt: skip
    form = interpret(read_docx(path))
    assert form.no_opinion and not form.entries
    assert form.fill_date == dt.date(2023, 3, 29)


def test_a_reply_letter_stating_opinions_has_them_read_without_its_furniture(tmp_path):
    path = docx_letter(tmp_path / "l.docx", [
        "省司法厅：",
        "来函收悉。经研究，提出以下意见：",
        "一、第六条第二款“应当”改为“可以”。",
        "二、第十五条建议增加数据安全的相关规定。",
        "除上述意见外，无其他意见。",
        "以上意见供参考。",
        "附件：反馈意见表",
        "浙江省大数据发展管理局",
        "2024年6月12日",
        "（联系人：徐静，电话：0571-87051234）",
    ])  # fmt: skip
    form = interpret(read_docx(path))
    assert [e.text for e in form.entries] == [
        "第六条第二款“应当”改为“可以”。",
        "第十五条建议增加数据安全的相关规定。",
    ]
    assert not form.no_opinion
    assert (form.contact, form.phone) == ("徐静", "0571-87051234")


def test_no_opinion_followed_by_a_suggestion_in_a_letter_is_an_opinion(tmp_path):
    path = docx_letter(
        tmp_path / "l.docx", ["经研究，我局无意见。但建议在第三章增加社区养老服务设施配建要求。"]
    )
    form = interpret(read_docx(path))
    assert not form.no_opinion
    assert [e.text for e in form.entries] == ["但建议在第三章增加社区养老服务设施配建要求。"]


def test_a_letter_before_the_form_table_adds_no_opinion(tmp_path):
    path = docx_letter(
        tmp_path / "l.docx",
        ["自治区人力资源社会保障厅：", "来函收悉。现将我局修改意见反馈如下（详见下表）。", "特此函复。"],
        rows=[ROW, ["2", "", "其他内容无修改意见。", "", ""]],
    )
    form = interpret(read_docx(path))
    assert [e.text for e in form.entries] == [ROW[2]]
    assert not form.outside_text


def test_a_reply_on_behalf_of_another_unit_names_it(tmp_path):
    path = docx_letter(tmp_path / "l.docx", [
        "来函收悉。受河池市人民政府委托，现将我局意见函复如下：",
        "建议增加职业院校参与乡村工匠培养的内容。",
        "河池市人力资源和社会保障局",
    ])  # fmt: skip
    form = interpret(read_docx(path))
    assert form.on_behalf == "河池市人民政府"
    assert [e.text for e in form.entries] == ["建议增加职业院校参与乡村工匠培养的内容。"]


@pytest.mark.parametrize("closing", ["无其他意见", "其他无意见", "其他内容无修改意见", "除上述意见外无其他意见",
                                     "其余无意见", "以上意见供参考", "特此函复", "此复"])  # fmt: skip
def test_a_row_saying_there_is_nothing_more_is_not_an_opinion(tmp_path, closing):
    form = _docx(tmp_path, [ROW, ["2", "", closing, "", ""]])
    assert [e.text for e in form.entries] == [ROW[2]]
    assert not form.lost


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from consolidate.documents.document import SourceDocument, TextLine  # noqa: E402

_FURNITURE = ["自治区人力资源社会保障厅：", "你厅《关于征求〈若干措施〉意见的函》收悉。", "来函收悉。", "经研究，提出以下意见：",
              "特此函复。", "此复。", "以上意见供参考。", "附件：反馈意见表", "河池市财政局", "2023年3月29日",
              "联系人：张三，联系电话：0778-2281234", "其他无意见。", "除上述意见外，无其他意见。", "经研究，我局无修改意见。"]  # fmt: skip
_CHANGES = st.builds(
    lambda verb, what: f"{verb}{what}。",
    st.sampled_from(
        ["建议增加", "建议删除", "建议将“应当”改为", "增加", "删除", "修改", "建议在第三条中明确"]
    ),
    st.sampled_from(["第三条第二款", "“可以”", "乡村工匠培养的内容", "职业院校参与企业新型学徒制的规定"]),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_FURNITURE), max_size=6),
    _CHANGES,
    st.lists(st.sampled_from(_FURNITURE), max_size=6),
)
def test_a_letter_never_loses_a_proposed_change_to_its_furniture(before, change, after):
    lines = [*before, change, *after]
    form = interpret(SourceDocument(tuple(TextLine(t, f"第{n}段") for n, t in enumerate(lines, 1))))
    assert any(change.rstrip("。") in e.text for e in form.entries)
    assert not form.no_opinion


def test_excel_header_as_key_value_cells_above_the_table(tmp_path):
    from openpyxl import load_workbook

    path = xlsx_form(tmp_path / "f.xlsx", [[1, "", "建议甲", "", ""]], header=None)
    workbook = load_workbook(path)
    sheet = workbook.active
    for column, value in enumerate(["填报单位", "桂林市发展和改革委员会", "填报日期", "2024.06.12"], start=1):
        sheet.cell(row=2, column=column, value=value)
    for column, value in enumerate(["联系人", "覃  丽", "联系电话", "0773-2821234"], start=1):
        sheet.cell(row=3, column=column, value=value)
    workbook.save(path)
    form = interpret(read_sheet(path))
    assert (form.declared_unit, form.fill_date) == ("桂林市发展和改革委员会", dt.date(2024, 6, 12))
    assert (form.contact, form.phone) == ("覃丽", "0773-2821234")
    assert [e.text for e in form.entries] == ["建议甲"]


def test_a_clause_pointer_ending_in_a_unit_name_is_no_salutation():
    lines = ["关于职责分工中的市教育局：建议删除。"]
    form = interpret(SourceDocument(tuple(TextLine(t, "第1段") for t in lines)))
    assert [e.text for e in form.entries] == lines


def test_a_spreadsheet_header_over_two_rows_is_no_data_row(tmp_path):
    """反馈意见 merged over 修改内容 | 修改依据, the other headings merged down: the lower row
    names the columns (修改内容 is the opinion under an opinion heading), it is no opinion."""
    path = xlsx_form(
        tmp_path / "f.xlsx",
        [["", "", "修改内容", "修改依据"], [1, "第五条", "建议第五条增加“书面告知”。", "保障知情权。"]],
        columns=("编号", "所在条款", "反馈意见", "反馈意见"),
        merges=("C4:D4", "A4:A5", "B4:B5"),
    )
    form = interpret(read_sheet(path))
    assert [(e.text, e.reason, e.clause_hint) for e in form.entries] == [
        ("建议第五条增加“书面告知”。", "保障知情权。", "第五条")
    ]
    assert form.lost == ()


def test_a_letter_addressed_to_a_ministrys_department_is_no_opinion(tmp_path):
    """The salutation "…司：" of a reply letter is furniture, like "…厅："."""
    lines = (
        "国家卫生健康委规划司：",
        "经研究，我局对《办法（征求意见稿）》无修改意见。",
        "某某市卫生健康委员会",
    )
    form = interpret(SourceDocument(tuple(TextLine(line, "正文") for line in lines)))
    assert form.entries == () and form.no_opinion
