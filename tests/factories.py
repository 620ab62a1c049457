"""Returns built by code, with the variety office software and form-fillers produce.

Every form starts as the blank Annex-3 form the tool itself prints
(`consolidate.papers.forms`), filled in row by row; the variety of real returns is layered
on top with python-docx and at the XML level: runs split mid-word, vertical merges,
content controls, tracked changes, header rows typed into the table.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from consolidate.papers.forms import HEADERS as FORM_HEADERS
from consolidate.papers.forms import FormLayout, form_document, form_workbook


def docx_form(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    header: str | None = "单位名称（盖章）：自治区教育厅          填表时间：2023年3月28日",
    columns: Sequence[str] = FORM_HEADERS,
    blank_rows: int = 0,
    below: Sequence[str] = (),
    split_runs: bool = False,
    title: str = "修改意见表",
) -> Path:
    """A Word 修改意见表: the blank form with ``rows`` written into its first rows and
    ``blank_rows`` left empty below them."""
    layout = FormLayout(
        title=title,
        columns=tuple(columns),
        header_lines=() if header is None else (header,),
        blank_rows=len(rows) + blank_rows,
        below=tuple(below),
    )
    document = form_document(layout)
    document.core_properties.category = ""  # the unit's own file, without the tool's mark
    for row, values in zip(document.tables[0].rows[1:], rows):
        for cell, value in zip(row.cells, values):
            _write_cell(cell, value, split_runs)
    document.save(path)
    return path


def _write_cell(cell, value: str, split_runs: bool) -> None:
    lines = value.split("\n")
    paragraph = cell.paragraphs[0]
    for n, line in enumerate(lines):
        if n:
            paragraph = cell.add_paragraph()
        if split_runs:
            for i in range(0, len(line), 3):
                paragraph.add_run(line[i : i + 3])
        else:
            paragraph.add_run(line)


def merge_vertically(path: Path, column: int, first_row: int, last_row: int, table_index: int = 0) -> None:
    """Merge a column's cells over rows ``first_row..last_row`` of a saved .docx (Word's vMerge)."""
    document = Document(str(path))
    table = document.tables[table_index]
    table.cell(first_row, column).merge(table.cell(last_row, column))
    document.save(path)


def merge_row(path: Path, row: int, text: str, table_index: int = 0) -> None:
    """Make one row a single cell spanning the table (gridSpan), holding ``text``."""
    document = Document(str(path))
    table = document.tables[table_index]
    cells = table.rows[row].cells
    merged = cells[0].merge(cells[-1])
    for paragraph in merged.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    merged.paragraphs[0].text = text
    document.save(path)


def wrap_cell_in_content_control(path: Path, row: int, col: int) -> None:
    """Put a cell's paragraphs inside a content control (w:sdt), as fill-in templates do."""
    document = Document(str(path))
    tc = document.tables[0].cell(row, col)._tc
    paragraphs = tc.findall(qn("w:p"))
    sdt = tc.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    for p in paragraphs:
        tc.remove(p)
        content.append(p)
    tc.append(sdt)
    document.save(path)


def add_tracked_change(path: Path, row: int, col: int, inserted: str, deleted: str) -> None:
    """Add a tracked insertion and a tracked deletion to a cell's first paragraph."""
    document = Document(str(path))
    p = document.tables[0].cell(row, col)._tc.find(qn("w:p"))
    run = p.find(qn("w:r"))
    ins = p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "张三"})
    new_run = copy.deepcopy(run)
    new_run.find(qn("w:t")).text = inserted
    ins.append(new_run)
    dele = p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "张三"})
    del_run = copy.deepcopy(run)
    t = del_run.find(qn("w:t"))
    t.tag = qn("w:delText")
    t.text = deleted
    dele.append(del_run)
    p.append(ins)
    p.append(dele)
    document.save(path)


def xlsx_form(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    header: str | None = "单位名称（盖章）：自治区财政厅    填表时间：2023-03-29",
    columns: Sequence[str] = FORM_HEADERS,
    merges: Sequence[str] = (),
    first_row: int = 4,
    sheet_title: str = "Sheet1",
) -> Path:
    """An Excel 修改意见表: the blank form's sheet with its table header at ``first_row``
    (blank lines pad the gap), ``rows`` written into its rows, and any extra merged ranges
    (e.g. a unit cell spanning several rows)."""
    header_lines = () if header is None else (header,)
    natural = 2 + len(header_lines)  # the title, the header lines, then the table
    layout = FormLayout(
        annex="",
        columns=tuple(columns),
        header_lines=header_lines + ("",) * max(0, first_row - natural),
        blank_rows=len(rows),
        sheet=sheet_title,
    )
    workbook, header_row = form_workbook(layout)
    sheet = workbook.active
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            if value not in ("", None):
                sheet.cell(row=r, column=c, value=value)
    for area in merges:
        sheet.merge_cells(area)
    workbook.save(path)
    return path


def docx_form_header_in_table(
    path: Path,
    rows: Sequence[Sequence[str]],
    header_rows: Sequence[Sequence[str]],
    *,
    columns: Sequence[str] = FORM_HEADERS,
    merged: bool = True,
    title: str = "修改意见表",
) -> Path:
    """A Word form whose header is typed into the table's first rows, above the column
    headings: each of ``header_rows`` either one merged cell holding its first text
    (``merged``) or a key/value row "单位名称 | XX局 | 联系人 | 张三" across the columns."""
    document = form_document(
        FormLayout(title=title, columns=tuple(columns), header_lines=(), blank_rows=len(rows), annex="")
    )
    document.core_properties.category = ""
    table = document.tables[0]
    headings = table.rows[0]._tr
    for values in header_rows:
        added = table.add_row()
        headings.addprevious(added._tr)
        cells = added.cells
        if merged:
            spanning = cells[0].merge(cells[-1])
            spanning.text = values[0]
        else:
            for cell, value in zip(cells, values):
                cell.text = value
    for row, values in zip(table.rows[len(header_rows) + 1 :], rows):
        for cell, value in zip(row.cells, values):
            _write_cell(cell, value, False)
    document.save(path)
    return path


def docx_letter(
    path: Path,
    paragraphs: Sequence[str],
    *,
    rows: Sequence[Sequence[str]] = (),
    columns: Sequence[str] = FORM_HEADERS,
) -> Path:
    """A reply letter as units type it (salutation, body, 特此函复, signature, date), with
    the form's table after it when ``rows`` are given."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=1, cols=len(columns))
        table.style = document.styles["Table Grid"]
        for cell, name in zip(table.rows[0].cells, columns):
            cell.text = name
        for values in rows:
            for cell, value in zip(table.add_row().cells, values):
                _write_cell(cell, value, False)
    document.save(path)
    return path
