from consolidate.form import FormContent
from consolidate.identify import identify_return


def _content(declared=None, cells=(), outside=()):
    return FormContent(
        entries=(), declared_unit=declared, unit_cells=tuple(cells), outside_text=tuple(outside)
    )


def test_the_header_line_names_the_unit(roster):
    ident = identify_return("意见.docx", roster, _content("广西壮族自治区教育厅"))
    assert ident.unit.name == "自治区教育厅"
    assert ident.evidence == "header"


def test_the_unit_column_names_the_unit_when_the_header_is_blank(roster):
    ident = identify_return("意见.docx", roster, _content(None, ["自治区财政厅", "自治区财政厅"]))
    assert ident.unit.name == "自治区财政厅"
    assert ident.evidence == "unit-column"


def test_the_file_name_names_the_unit_when_the_form_does_not(roster):
    ident = identify_return("发改委-修改意见表.docx", roster, _content())
    assert ident.unit.name == "自治区发展改革委"
    assert ident.evidence == "file-name"


def test_a_folder_named_after_the_unit_names_it(roster):
    ident = identify_return("河池市/反馈.docx", roster, _content())
    assert ident.unit.name == "河池市人民政府"


def test_a_city_department_answers_for_its_city(roster):
    ident = identify_return("x.docx", roster, _content("河池市人力资源和社会保障局"))
    assert ident.unit.name == "河池市人民政府"
    assert ident.delegate == "河池市人力资源和社会保障局"


def test_the_citys_own_office_is_not_a_delegate(roster):
    assert identify_return("x.docx", roster, _content("南宁市人民政府办公室")).delegate == ""


def test_disagreeing_evidence_is_reported(roster):
    ident = identify_return("财政厅意见.docx", roster, _content("自治区教育厅"))
    assert ident.unit.name == "自治区教育厅"
    assert ident.conflicts and "自治区财政厅" in ident.conflicts[0]


def test_an_unknown_signer_is_kept_as_an_unlisted_unit(roster):
    ident = identify_return("意见.docx", roster, _content("广西壮族自治区大数据发展局"))
    assert ident.unit is not None
    assert not ident.unit.listed
    assert ident.unit.name == "广西壮族自治区大数据发展局"


def test_nothing_to_go_on_identifies_no_unit(roster):
    assert identify_return("scan001.pdf", roster, None).unit is None
