import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from consolidate.papers.digest_docx import write_digest
from consolidate.pipeline import consolidate

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def digest_path(tmp_path_factory, sample_consultation):
    result = consolidate(sample_consultation, SAMPLE / "returns")
    path = tmp_path_factory.mktemp("digest") / "digest.docx"
    write_digest(result, path)
    return path, result


def _xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode()


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_every_placed_opinion_is_in_the_digest_under_its_unit_without_its_id(digest_path):
    # Issue 12 changed this: ids belong to the ledger, the meeting paper names units only.
    path, result = digest_path
    text = _all_text(Document(str(path)))
    for opinion in result.effective_opinions:
        assert opinion.text in text and opinion.unit in text
        assert opinion.id not in text


def test_states_the_summary_in_the_fields_register(digest_path):
    path, _ = digest_path
    text = _all_text(Document(str(path)))
    assert "共征求42个单位意见" in text and "个单位未反馈" in text


def test_first_section_is_a4_portrait_with_official_margins(digest_path):
    path, _ = digest_path
    section = Document(str(path)).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(37)) < Mm(1) and abs(section.left_margin - Mm(28)) < Mm(1)


def test_opinion_tables_sit_in_a_landscape_section(digest_path):
    path, _ = digest_path
    assert Document(str(path)).sections[1].orientation == WD_ORIENT.LANDSCAPE


def test_chinese_fonts_are_set_as_east_asian_fonts(digest_path):
    path, _ = digest_path
    xml = _xml(path)
    assert 'w:eastAsia="仿宋_GB2312"' in xml
    assert 'w:eastAsia="方正小标宋简体"' in xml
    assert 'w:eastAsia="黑体"' in xml
    assert "eastAsiaTheme" not in xml


def test_table_header_rows_repeat_on_each_page(digest_path):
    path, _ = digest_path
    assert "<w:tblHeader" in _xml(path)


def test_pages_are_numbered_in_the_official_style(digest_path):
    path, _ = digest_path
    with zipfile.ZipFile(path) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f and "— " in f for f in footers)
    assert 'w:jc w:val="right"' in "".join(footers) and 'w:jc w:val="left"' in "".join(footers)


def test_lists_missing_units_in_the_appendix(digest_path):
    path, result = digest_path
    text = _all_text(Document(str(path)))
    for report in result.units:
        if report.status == "missing":
            assert report.unit.name in text
