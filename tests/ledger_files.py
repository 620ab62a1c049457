"""Ledgers as a team leaves them after weeks of work, built by code for the torture tests.

Some edits need the workbook's XML itself, because that is what other programs write and
openpyxl does not: a cached formula value, a <dimension> that understates the rows.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from consolidate.papers.ledger import DECISION_COLUMN, NOTE_COLUMN, SHEET, read_ledger

SHEET_XML = "xl/worksheets/sheet1.xml"


def decide_all(path: Path) -> dict[str, tuple[str, str]]:
    """Type a decision and a reason into every row, as the team does after the meeting."""
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    decided = {}
    for r in range(2, sheet.max_row + 1):
        row_id = sheet.cell(r, header.index("编号") + 1).value
        if not row_id:
            continue
        decision = ("不采纳", "部分采纳", "采纳")[r % 3]
        note = f"理由：{row_id} 与国家文件表述一致" if decision != "采纳" else ""
        sheet.cell(r, header.index(DECISION_COLUMN) + 1, decision)
        sheet.cell(r, header.index(NOTE_COLUMN) + 1, note or None)
        decided[row_id] = (decision, note)
    workbook.save(path)
    return decided


def decisions(path: Path) -> dict[str, tuple[str, str]]:
    return {r.id: (r.decision, r.note) for r in read_ledger(path) if not r.removed}


def edit_sheet_xml(path: Path, edit) -> None:
    """Rewrite the ledger sheet's XML with ``edit(text) -> text``, keeping every other part."""
    temp = path.with_suffix(".rewrite")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET_XML:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    shutil.move(temp, path)


def understate_dimension(path: Path, last_row: int = 3) -> None:
    """Store a used-range that claims the sheet ends at ``last_row`` (as some programs do)."""
    edit_sheet_xml(
        path, lambda xml: re.sub(r'<dimension ref="[^"]+"', f'<dimension ref="A1:N{last_row}"', xml)
    )


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the computed value Excel would have stored (``{"L2": "不采纳"}``)."""

    def edit(xml: str) -> str:
        for ref, value in values.items():
            xml = re.sub(
                rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
                lambda m, ref=ref, value=value: (
                    f'<c r="{ref}"{m.group(1)} t="str"><f>{m.group(2)}</f><v>{value}</v>'
                ),
                xml,
            )
        return xml

    edit_sheet_xml(path, edit)
