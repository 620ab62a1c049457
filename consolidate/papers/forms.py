"""Pre-filled Annex-3 forms (修改意见表), one per unit, with its name in the header.

A form that arrives with the unit's name already in it is one less unit to identify by
guesswork; the layout is the letter's own: 序号 / 单位 / 修改意见 / 修改理由 / 备注 and
six blank rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from consolidate.model import Consultation, Unit
from consolidate.papers import officedoc as od

HEADERS = ["序号", "单位", "修改意见", "修改理由", "备注"]
_WIDTHS = [14.0, 36.0, 85.0, 60.0, 30.0]
BLANK_ROWS = 6


def write_forms(consultation: Consultation, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in consultation.units:
        stem = "".join(ch for ch in unit.name if ch not in '\\/:*?"<>|')
        docx_path = folder / f"附件3-修改意见表（{stem}）.docx"
        xlsx_path = folder / f"附件3-修改意见表（{stem}）.xlsx"
        _docx_form(consultation, unit, docx_path)
        _xlsx_form(consultation, unit, xlsx_path)
        written += [docx_path, xlsx_path]
    return written


def _docx_form(consultation: Consultation, unit: Unit, path: Path) -> None:
    document = od.new_document()
    od.set_page(document.sections[0], landscape=True)
    od.paragraph(document, "附件3", font=od.HEADING1_FONT, indent=False)
    od.title(document, "修改意见表")
    od.paragraph(document, f"（{consultation.title}）", font=od.HEADING2_FONT, align="center", indent=False)
    od.paragraph(
        document,
        f"单位名称（盖章）：{unit.name}　　　　　　　　填表时间：　　年　　月　　日",
        size=14,
        indent=False,
    )
    grid = od.table(document, HEADERS, _WIDTHS, size=14)
    od.add_rows(grid, [[[(str(n), {"align": "center"})], [(unit.name if n == 1 else "", {})],
                        [("", {})], [("", {})], [("", {})]] for n in range(1, BLANK_ROWS + 1)],
                _WIDTHS, size=14, min_height_mm=15)  # fmt: skip
    od.paragraph(document, "注：无修改意见的，请在表中注明“无修改意见”并盖章反馈。", size=12, indent=False)
    document.save(str(path))


# Column widths in characters; with the title rows they print across a landscape A4 page.
_XLSX_WIDTHS = (6, 20, 50, 36, 14)
_FIRST_ROW = 5  # the table's header row: 附件3, title, subtitle, unit line above it
_BLANK_ROW_HEIGHT = 60  # points: room for three or four handwritten or typed lines


def _xlsx_form(consultation: Consultation, unit: Unit, path: Path) -> None:
    """The form as a sheet that prints as the office expects: landscape A4 fitted to the
    page width, the title on page 1, the header row repeated, wrapped cells with room to
    write, and a print area around the form."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook's one sheet
    sheet.title = "修改意见表"
    thin = Side(style="thin")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    last = get_column_letter(len(HEADERS))
    sheet["A1"] = "附件3"
    sheet["A1"].font = Font(name="黑体", size=14)
    sheet["A2"] = "修改意见表"
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].font = Font(name="方正小标宋简体", size=20)
    sheet["A2"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[2].height = 36
    sheet["A3"] = f"（{consultation.title}）"
    sheet.merge_cells(f"A3:{last}3")
    sheet["A3"].font = Font(name="楷体_GB2312", size=14)
    sheet["A3"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[3].height = 24 if len(consultation.title) <= 50 else 42
    sheet["A4"] = f"单位名称（盖章）：{unit.name}          填表时间：    年  月  日"
    sheet.merge_cells(f"A4:{last}4")
    sheet["A4"].font = Font(name="仿宋_GB2312", size=14)
    sheet["A4"].alignment = Alignment(vertical="center")
    sheet.row_dimensions[4].height = 24
    for c, name in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=_FIRST_ROW, column=c, value=name)
        cell.font = Font(name="黑体", size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    sheet.row_dimensions[_FIRST_ROW].height = 24
    for n in range(1, BLANK_ROWS + 1):
        row = _FIRST_ROW + n
        for c in range(1, len(HEADERS) + 1):
            value = n if c == 1 else (unit.name if c == 2 and n == 1 else None)
            cell = sheet.cell(row=row, column=c, value=value)
            cell.font = Font(name="仿宋_GB2312", size=12)
            cell.border = border
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="center" if c == 1 else None
            )
        sheet.row_dimensions[row].height = _BLANK_ROW_HEIGHT
    note_row = _FIRST_ROW + BLANK_ROWS + 1
    sheet.cell(row=note_row, column=1, value="注：无修改意见的，请在表中注明“无修改意见”并盖章反馈。")
    sheet.merge_cells(f"A{note_row}:{last}{note_row}")
    sheet.cell(row=note_row, column=1).font = Font(name="仿宋_GB2312", size=11)
    for c, width in enumerate(_XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    _print_setup(sheet, f"A1:{last}{note_row}")
    workbook.save(path)


def _print_setup(sheet: Any, area: str) -> None:
    """Landscape A4, one page wide (as tall as it needs), the header row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top, sheet.page_margins.bottom = 0.8, 0.7
    sheet.print_title_rows = f"{_FIRST_ROW}:{_FIRST_ROW}"
    sheet.print_area = area
