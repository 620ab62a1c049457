"""The Annex-3 form (修改意见表): the one writer of the blank form, and the pre-filled
forms the ``forms`` command prints, one per unit with its name in the header.

A form that arrives with the unit's name already in it is one less unit to identify by
guesswork; the layout is the letter's own: 序号 / 单位 / 修改意见 / 修改理由 / 备注 and
six blank rows. The sample, the evaluation consultations, the test factories and the
benchmark build their returns on `form_document` and `form_workbook` too, so what the
tests read is the form the tool prints, filled in the ways units fill it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from consolidate.model import Consultation
from consolidate.papers import officedoc as od

HEADERS = ("序号", "单位", "修改意见", "修改理由", "备注")
BLANK_ROWS = 6
BLANK_DATE = "　　年　　月　　日"
NOTE = "注：无修改意见的，请在表中注明“无修改意见”并盖章反馈。"

# Millimetres across the 225 mm text block of a landscape A4 page; a column the letter's
# form does not have gets the width of 备注, and the widths are then scaled to the block.
_WIDTHS_MM = {"序号": 14.0, "单位": 36.0, "修改意见": 85.0, "修改理由": 60.0, "备注": 30.0}
_OTHER_WIDTH_MM = 30.0
_TEXT_BLOCK_MM = {True: 225.0, False: 156.0}  # landscape, portrait (GB/T 9704 margins)
# The same in characters for the sheet; with the title rows they print across the page.
_XLSX_WIDTHS = {"序号": 6, "单位": 20, "修改意见": 50, "修改理由": 36, "备注": 14}
_XLSX_OTHER_WIDTH = 14
_BLANK_ROW_HEIGHT_MM = 15  # room for three or four handwritten or typed lines
_BLANK_ROW_HEIGHT_PT = 60


@dataclass(frozen=True)
class FormLayout:
    """What differs from one Annex-3 form to another; the rest is the letter's layout.

    ``header_lines`` are the lines above the table (单位名称（盖章）：… 填表时间：…, or a
    contact line); ``blank_rows`` the empty rows a unit writes in, numbered when
    ``numbered``, the first one carrying ``unit`` when given (a pre-filled form);
    ``below`` the lines under the table (the note, or a unit's own statement).
    ``annex`` may be "" (a sheet typed without the 附件3 line), ``subtitle`` the
    consultation's title in brackets under the form's.
    """

    title: str = "修改意见表"
    columns: tuple[str, ...] = HEADERS
    header_lines: tuple[str, ...] = (f"单位名称（盖章）：　　　　　　　　　　　　　填表时间：{BLANK_DATE}",)
    blank_rows: int = BLANK_ROWS
    numbered: bool = False
    unit: str = ""
    below: tuple[str, ...] = ()
    annex: str = "附件3"
    subtitle: str = ""
    landscape: bool = True
    sheet: str = "修改意见表"

    def widths_mm(self) -> list[float]:
        widths = [_WIDTHS_MM.get(name, _OTHER_WIDTH_MM) for name in self.columns]
        scale = _TEXT_BLOCK_MM[self.landscape] / sum(widths)
        return [width * scale for width in widths]

    def blank_values(self, n: int) -> list[str]:
        """What the ``n``-th blank row (from 1) holds before anyone writes in it."""
        values = [""] * len(self.columns)
        if self.numbered and "序号" in self.columns:
            values[self.columns.index("序号")] = str(n)
        if self.unit and n == 1 and "单位" in self.columns:
            values[self.columns.index("单位")] = self.unit
        return values


def form_document(layout: FormLayout) -> Any:
    """The form as a python-docx Document, in the official layout: A4 (landscape for
    the wide table), 附件3 in 黑体, the title in 方正小标宋简体, the header lines, the
    table whose header row repeats on every page, blank rows with room to write."""
    document = od.new_document()
    od.set_page(document.sections[0], landscape=layout.landscape)
    if layout.annex:
        od.paragraph(document, layout.annex, font=od.HEADING1_FONT, indent=False)
    od.title(document, layout.title)
    if layout.subtitle:
        od.paragraph(document, f"（{layout.subtitle}）", font=od.HEADING2_FONT, align="center", indent=False)
    for line in layout.header_lines:
        od.paragraph(document, line, size=14, indent=False)
    widths = layout.widths_mm()
    grid = od.table(document, list(layout.columns), widths, size=14)
    centred = {"align": "center"}
    rows = [
        [
            [(value, centred if name == "序号" else {})]
            for name, value in zip(layout.columns, layout.blank_values(n))
        ]
        for n in range(1, layout.blank_rows + 1)
    ]
    od.add_rows(grid, rows, widths, size=14, min_height_mm=_BLANK_ROW_HEIGHT_MM)
    for line in layout.below:
        od.paragraph(document, line, size=12, indent=False)
    return document


def form_workbook(layout: FormLayout) -> tuple[Any, int]:
    """The form as an openpyxl Workbook and the row of its table header: a sheet that
    prints as the office expects (landscape A4 fitted to the page width, the title on
    page 1, the header row repeated, wrapped cells with room to write, a print area)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook's one sheet
    sheet.title = layout.sheet
    thin = Side(style="thin")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    last = get_column_letter(len(layout.columns))
    row = 0

    def line(text: str, font: Font, height: float | None, **alignment: Any) -> None:
        nonlocal row
        row += 1
        sheet.cell(row=row, column=1, value=text or None).font = font
        if text:  # a blank line is only a gap
            sheet.merge_cells(f"A{row}:{last}{row}")
        if alignment:
            sheet.cell(row=row, column=1).alignment = Alignment(**alignment)
        if height:
            sheet.row_dimensions[row].height = height

    if layout.annex:
        row += 1
        sheet.cell(row=row, column=1, value=layout.annex).font = Font(name="黑体", size=14)
    line(layout.title, Font(name="方正小标宋简体", size=20), 36, horizontal="center", vertical="center")
    if layout.subtitle:
        tall = 24 if len(layout.subtitle) <= 50 else 42
        line(f"（{layout.subtitle}）", Font(name="楷体_GB2312", size=14), tall,
             horizontal="center", vertical="center", wrap_text=True)  # fmt: skip
    for text in layout.header_lines:
        line(text, Font(name="仿宋_GB2312", size=14), 24, vertical="center")
    header_row = row + 1
    for c, name in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=header_row, column=c, value=name)
        cell.font = Font(name="黑体", size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    sheet.row_dimensions[header_row].height = 24
    for n in range(1, layout.blank_rows + 1):
        at = header_row + n
        for c, value in enumerate(layout.blank_values(n), start=1):
            number = layout.columns[c - 1] == "序号"
            cell = sheet.cell(row=at, column=c, value=(int(value) if number else value) if value else None)
            cell.font = Font(name="仿宋_GB2312", size=12)
            cell.border = border
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="center" if number else None
            )
        sheet.row_dimensions[at].height = _BLANK_ROW_HEIGHT_PT
    row = header_row + layout.blank_rows
    for text in layout.below:
        line(text, Font(name="仿宋_GB2312", size=11), None)
    for c, name in enumerate(layout.columns, start=1):
        width = _XLSX_WIDTHS.get(name, _XLSX_OTHER_WIDTH)
        sheet.column_dimensions[get_column_letter(c)].width = width
    _print_setup(sheet, f"A1:{last}{row}", header_row, layout.landscape)
    return workbook, header_row


def _print_setup(sheet: Any, area: str, header_row: int, landscape: bool) -> None:
    """A4, one page wide (as tall as it needs), the header row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top, sheet.page_margins.bottom = 0.8, 0.7
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = area


def write_forms(consultation: Consultation, folder: Path) -> list[Path]:
    """A .docx and an .xlsx form per unit, its name in the header and the first row."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in consultation.units:
        stem = "".join(ch for ch in unit.name if ch not in '\\/:*?"<>|')
        docx_path = folder / f"附件3-修改意见表（{stem}）.docx"
        xlsx_path = folder / f"附件3-修改意见表（{stem}）.xlsx"
        form_document(prefilled(consultation, unit.name, docx=True)).save(str(docx_path))
        form_workbook(prefilled(consultation, unit.name, docx=False))[0].save(xlsx_path)
        written += [docx_path, xlsx_path]
    return written


def prefilled(consultation: Consultation, unit: str, *, docx: bool) -> FormLayout:
    """The layout of the form printed for ``unit``: its name in the header and row 1."""
    gap = "　" * 8 if docx else " " * 10
    date = BLANK_DATE if docx else "    年  月  日"
    return FormLayout(
        header_lines=(f"单位名称（盖章）：{unit}{gap}填表时间：{date}",),
        numbered=True,
        unit=unit,
        below=(NOTE,),
        subtitle=consultation.title,
    )
