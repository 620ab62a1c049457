from consolidate.intake.form import FormContent
from consolidate.intake.identify import ambiguity_finding, identify_return


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


def _joint_office_roster():
    from consolidate.consultation.roster import Roster
    from consolidate.model import Unit

    return Roster((Unit("自治区教育厅"), Unit("自治区党委教育工委"), Unit("自治区财政厅")))


def test_a_header_that_fits_two_units_gives_no_unit_and_lists_both():
    ident = identify_return("意见.docx", _joint_office_roster(), _content("教育厅"))
    assert ident.unit is None
    assert {u.name for u in ident.candidates} == {"自治区教育厅", "自治区党委教育工委"}
    assert ident.evidence == "header" and ident.said == "教育厅"


def test_later_evidence_naming_one_of_the_candidates_decides():
    ident = identify_return("自治区党委教育工委-意见.docx", _joint_office_roster(), _content("教育厅"))
    assert ident.unit.name == "自治区党委教育工委"
    assert ident.candidates == ()


def test_the_ambiguity_is_a_finding_that_names_the_candidates():
    ident = identify_return("意见.docx", _joint_office_roster(), _content("教育厅"))
    finding = ambiguity_finding(ident, "意见.docx")
    assert finding.code == "unit-ambiguous" and finding.file == "意见.docx"
    assert "自治区教育厅" in finding.message and "自治区党委教育工委" in finding.message


def test_an_ambiguous_return_is_given_to_neither_unit_and_needs_review(consultation, returns_dir):
    import dataclasses

    from consolidate.model import Unit
    from consolidate.pipeline import consolidate

    from .factories import docx_form

    units = (*consultation.units, Unit("自治区党委教育工委", "区直单位"))
    consultation = dataclasses.replace(consultation, units=units)
    docx_form(returns_dir / "意见.docx", [["1", "", "建议甲", "", ""]], header="单位名称（盖章）：教育厅")
    result = consolidate(consultation, returns_dir)
    statuses = {u.unit.name: u.status for u in result.units}
    assert statuses["自治区教育厅"] == "missing" and statuses["自治区党委教育工委"] == "missing"
    assert [u.status for u in result.units if not u.unit.listed] == ["needs_review"]
    (finding,) = [f for f in result.findings if f.code == "unit-ambiguous"]
    assert "自治区党委教育工委" in finding.message
    assert [o.text for o in result.opinions] == ["建议甲"]


def _town_roster():
    from consolidate.consultation.roster import Roster
    from consolidate.model import Unit

    units = ("桃花镇人民政府", "柳林镇人民政府", "县教育局")
    return Roster(tuple(Unit(n) for n in units), "青山县人民政府办公室")


def test_a_towns_signature_with_its_countys_name_first_names_the_town():
    content = _content(None, outside=("经研究，我镇无意见。", "青山县柳林镇人民政府", "2024年8月12日"))
    ident = identify_return("回复.docx", _town_roster(), content)
    assert ident.unit.name == "柳林镇人民政府"
    assert ident.evidence == "signature"


def test_a_file_named_by_a_towns_short_name_names_the_town_when_the_header_is_blank():
    ident = identify_return("桃花镇意见.docx", _town_roster(), _content(None))
    assert ident.unit.name == "桃花镇人民政府"
    assert ident.evidence == "file-name"


def test_a_file_named_by_a_province_names_that_provinces_department_on_a_ministrys_roster():
    from consolidate.consultation.roster import Roster
    from consolidate.model import Unit

    roster = Roster(tuple(Unit(f"{p}人力资源和社会保障厅") for p in ("山西省", "陕西省", "吉林省")))
    ident = identify_return("陕西.docx", roster, _content(None))
    assert ident.unit.name == "陕西省人力资源和社会保障厅"
