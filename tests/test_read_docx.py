from pathlib import Path

import pytest

from consolidate.documents.document import Table, TextLine
from consolidate.documents.readers import UnreadableFile
from consolidate.documents.readers.docx import read_docx

from .factories import (
    add_tracked_change,
    docx_form,
    merge_row,
    merge_vertically,
    wrap_cell_in_content_control,
)


def _table(path: Path) -> Table:
    return read_docx(path).tables[0]


def test_reads_paragraphs_and_tables_in_order(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "自治区教育厅", "建议甲", "理由甲", ""]])
    blocks = read_docx(path).blocks
    assert isinstance(blocks[0], TextLine) and blocks[0].text == "附件3"
    assert isinstance(blocks[3], Table)


def test_joins_runs_split_mid_word(tmp_path):
    path = docx_form(
        tmp_path / "f.docx", [["1", "自治区教育厅", "建议将职业教育改为技工教育", "", ""]], split_runs=True
    )
    assert _table(path).rows[1][2].text == "建议将职业教育改为技工教育"


def test_keeps_paragraphs_of_a_cell_as_lines(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "x", "第一行\n第二行", "", ""]])
    assert _table(path).rows[1][2].text == "第一行\n第二行"


def test_a_vertically_merged_cell_is_one_region(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "自治区教育厅", "甲", "", ""], ["2", "", "乙", "", ""]])
    merge_vertically(path, column=1, first_row=1, last_row=2)
    table = _table(path)
    assert table.rows[2][1].text == "自治区教育厅"
    assert table.rows[2][1].origin == (1, 1)
    assert table.is_origin(1, 1) and not table.is_origin(2, 1)


def test_a_row_spanning_the_table_repeats_its_origin(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "x", "甲", "", ""]], blank_rows=1)
    merge_row(path, 2, "无修改意见")
    row = _table(path).rows[2]
    assert {c.origin for c in row} == {(2, 0)}
    assert row[4].text == "无修改意见"


def test_reads_text_inside_content_controls(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "x", "控件里的意见", "", ""]])
    wrap_cell_in_content_control(path, 1, 2)
    assert _table(path).rows[1][2].text == "控件里的意见"


def test_keeps_tracked_insertions_and_drops_deletions(tmp_path):
    path = docx_form(tmp_path / "f.docx", [["1", "x", "建议", "", ""]])
    add_tracked_change(path, 1, 2, inserted="增加培训", deleted="删掉的字")
    assert _table(path).rows[1][2].text == "建议增加培训"


def test_a_damaged_file_raises_unreadable(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile):
        read_docx(path)


def test_a_document_declaring_entities_is_refused_unread(tmp_path):
    import zipfile

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = docx_form(tmp_path / "f.docx", [["1", "x", "甲", "", ""]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    xml = xml.replace("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>", "")
    xml = f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>' + xml.replace("甲", "&x;")
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(UnreadableFile, match="DTD") as refused:
        _table(path)
    assert "TOP-SECRET" not in str(refused.value)


def test_reads_strict_open_xml_documents(tmp_path):
    import zipfile

    path = docx_form(tmp_path / "f.docx", [["1", "自治区教育厅", "严格格式的意见", "", ""]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict
    )
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert _table(path).rows[1][2].text == "严格格式的意见"
