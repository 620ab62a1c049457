import datetime as dt

import pytest
from openpyxl import Workbook

from consolidate.documents.readers import UnreadableFile
from consolidate.documents.readers.sheet import cell_text, read_sheet

from .factories import xlsx_form


def test_reads_a_sheet_as_one_table(tmp_path):
    path = xlsx_form(tmp_path / "f.xlsx", [[1, "自治区财政厅", "建议甲", "理由", ""]])
    table = read_sheet(path).tables[0]
    assert [c.text for c in table.rows[3]] == ["序号", "单位", "修改意见", "修改理由", "备注"]
    assert table.rows[4][0].text == "1"


def test_merged_ranges_fill_every_cell_with_the_origin(tmp_path):
    rows = [[1, "自治区财政厅", "甲", "", ""], [2, None, "乙", "", ""]]
    path = xlsx_form(tmp_path / "f.xlsx", rows, merges=["B5:B6"])
    table = read_sheet(path).tables[0]
    assert table.rows[5][1].text == "自治区财政厅"
    assert table.rows[5][1].origin == (4, 1)


def test_skips_empty_sheets(tmp_path):
    workbook = Workbook()
    workbook.active["A1"] = "修改意见"
    workbook.create_sheet("空表")
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    assert len(read_sheet(path).tables) == 1


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.0, "1"), (2.5, "2.5"), (None, ""), (dt.datetime(2023, 3, 28), "2023-03-28"), ("  甲 ", "甲")],
)
def test_cell_values_read_as_the_clerk_sees_them(value, text):
    assert cell_text(value) == text


def test_a_damaged_workbook_raises_unreadable(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(UnreadableFile):
        read_sheet(path)
