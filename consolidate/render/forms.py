"""Pre-filled Annex-3 forms (修改意见表), one per unit, with its name in the header.

A form that arrives with the unit's name already in it is one less unit to identify by
guesswork; the layout is the letter's own: 序号 / 单位 / 修改意见 / 修改理由 / 备注 and
six blank rows.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Consultation, Unit
from . import officedoc as od

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
    for n in range(1, BLANK_ROWS + 1):
        od.fill_row(grid, [[(str(n), {"align": "center"})], [(unit.name if n == 1 else "", {})],
                           [("", {})], [("", {})], [("", {})]], _WIDTHS, size=14)  # fmt: skip
    od.paragraph(document, "注：无修改意见的，请在表中注明“无修改意见”并盖章反馈。", size=12, indent=False)
    document.save(str(path))


def _xlsx_form(consultation: Consultation, unit: Unit, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "修改意见表"
    thin = Side(style="thin")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    sheet["A1"] = "附件3"
    sheet["A2"] = "修改意见表"
    sheet.merge_cells("A2:E2")
    sheet["A2"].font = Font(name="方正小标宋简体", size=18)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet["A3"] = f"单位名称（盖章）：{unit.name}          填表时间：    年  月  日"
    sheet.merge_cells("A3:E3")
    for c, name in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=4, column=c, value=name)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center")
        cell.border = border
    for n in range(1, BLANK_ROWS + 1):
        for c in range(1, len(HEADERS) + 1):
            cell = sheet.cell(
                row=4 + n, column=c, value=n if c == 1 else (unit.name if c == 2 and n == 1 else None)
            )
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (6, 20, 50, 36, 14)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)
