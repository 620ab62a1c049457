"""The decision ledger: one row per opinion, where the drafting team records 处理意见.

Written as .xlsx by ``consolidate digest --ledger``. Re-running on a folder with new
returns rewrites it without losing decisions already typed in (matched by opinion id);
an opinion that is no longer in the returns keeps its row, marked as removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .model import Consolidation, Opinion
from .summary import counts

DECISIONS = ("采纳", "部分采纳", "不采纳", "已吸收")
SYNONYMS = {"未采纳": "不采纳", "不予采纳": "不采纳", "予以采纳": "采纳", "已采纳": "采纳", "吸收": "已吸收"}
NEEDS_REASON = ("部分采纳", "不采纳")
SHEET = "意见处理台账"
SUMMARY_SHEET = "反馈情况"
REMOVED = "已移除（本次汇总中已无此意见）"

COLUMNS = (
    ("编号", 14), ("条款", 10), ("条款原文（摘录）", 30), ("提出单位", 16), ("修改意见", 48),
    ("修改理由", 30), ("备注", 16), ("来源文件", 22), ("位置", 12), ("归类可信度", 8),
    ("提示", 16), ("处理意见", 10), ("说明", 36), ("状态", 14),
)  # fmt: skip
DECISION_COLUMN = "处理意见"
NOTE_COLUMN = "说明"


class LedgerError(Exception):
    """The ledger cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class LedgerRow:
    id: str
    clause: str
    clause_text: str
    unit: str
    opinion: str
    reason: str
    remark: str
    file: str
    where: str
    confidence: str
    flags: str
    decision: str
    note: str
    state: str
    row: int = 0

    @property
    def removed(self) -> bool:
        return self.state.startswith("已移除")


_FLAG_WORDS = {
    "national-wording": "涉及国家原文",
    "conflict": "意见分歧",
    "responsible-unit": "责任单位意见",
    "responsible-list": "调整责任单位",
    "moved": "人工调整归类",
}


def opinion_row(opinion: Opinion, result: Consolidation) -> LedgerRow:
    draft = result.consultation.draft
    clause = draft.get(opinion.clauses[0]) if draft and opinion.clauses else None
    flags = [_FLAG_WORDS[f] for f in opinion.flags if f in _FLAG_WORDS]
    if opinion.needs_review:
        flags.append("归类待核")
    if opinion.group and opinion.group != opinion.id:
        flags.append(f"与{opinion.group}相近")
    if opinion.duplicate_of:
        flags.append(f"与{opinion.duplicate_of}重复")
    return LedgerRow(
        id=opinion.id,
        clause="、".join(_label(cid, draft) for cid in opinion.clauses) or "总体",
        clause_text=(clause.text[:60] + "…")
        if clause and len(clause.text) > 60
        else (clause.text if clause else ""),
        unit=opinion.unit,
        opinion=opinion.text,
        reason=opinion.reason,
        remark=opinion.remark,
        file=opinion.file,
        where=opinion.where,
        confidence=f"{opinion.confidence:.0%}",
        flags="；".join(flags),
        decision="",
        note="",
        state="",
    )


def _label(clause_id: str, draft) -> str:
    """第三部分第1段 rather than 3.1: the ledger and the report are read by people."""
    clause = draft.get(clause_id) if draft else None
    return clause.label if clause else clause_id


def read_ledger(path: Path) -> list[LedgerRow]:
    """The rows of a ledger, columns found by their header names."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise LedgerError(f"{path}: 无法打开台账（{exc}）") from exc
    try:
        if SHEET not in workbook.sheetnames:
            raise LedgerError(f"{path}: 找不到工作表“{SHEET}”，这不是 consolidate 生成的台账")
        rows = list(workbook[SHEET].iter_rows(values_only=True))
    finally:
        workbook.close()
    if not rows:
        raise LedgerError(f"{path}: 台账为空")
    header = [str(v or "").strip() for v in rows[0]]
    missing = [name for name, _ in COLUMNS if name not in header]
    if missing:
        raise LedgerError(f"{path}: 台账缺少列 {'、'.join(missing)}")
    at = {name: header.index(name) for name, _ in COLUMNS}
    ledger = []
    for number, values in enumerate(rows[1:], start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        cells += [""] * (len(header) - len(cells))
        if not cells[at["编号"]]:
            continue
        ledger.append(LedgerRow(*(cells[at[name]] for name, _ in COLUMNS), row=number))
    return ledger


def normalise_decision(value: str) -> str:
    value = value.strip()
    return SYNONYMS.get(value, value)


def merge_rows(current: list[LedgerRow], previous: list[LedgerRow]) -> list[LedgerRow]:
    """Current opinions with the decisions already recorded, then removed opinions kept."""
    import dataclasses

    recorded = {r.id: r for r in previous}
    merged = [
        dataclasses.replace(row, decision=recorded[row.id].decision, note=recorded[row.id].note)
        if row.id in recorded
        else dataclasses.replace(row, state="新增" if previous else "")
        for row in current
    ]
    ids = {r.id for r in current}
    merged += [dataclasses.replace(r, state=REMOVED) for r in previous if r.id not in ids]
    return merged


def write_ledger(result: Consolidation, path: Path, previous: Path | None = None) -> int:
    """Write the ledger to ``path``; decisions from ``previous`` (usually the same file)
    are carried over. Returns the number of decisions carried over."""
    rows = [opinion_row(o, result) for o in result.opinions if not o.superseded]
    old = read_ledger(previous) if previous is not None and previous.exists() else []
    merged = merge_rows(rows, old)
    _save(merged, result, path)
    return sum(1 for r in merged if r.decision)


def _save(rows: list[LedgerRow], result: Consolidation, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    thin = Side(style="thin", color="A6A6A6")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    header_font = Font(name="黑体", bold=True, size=11)
    body_font = Font(name="仿宋", size=11)
    for c, (name, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=c, value=name)
        cell.font = header_font
        cell.fill = PatternFill(
            "solid", fgColor="D9E1F2" if name not in (DECISION_COLUMN, NOTE_COLUMN) else "FFF2CC"
        )
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(rows, start=2):
        values = [row.id, row.clause, row.clause_text, row.unit, row.opinion, row.reason, row.remark,
                  row.file, row.where, row.confidence, row.flags, row.decision, row.note, row.state]  # fmt: skip
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value or None)
            cell.font = body_font
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    last = max(len(rows) + 1, 2)
    decision_letter = get_column_letter([n for n, _ in COLUMNS].index(DECISION_COLUMN) + 1)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
        errorTitle="处理意见", error="请从下拉列表中选择：" + "、".join(DECISIONS), showErrorMessage=True,
    )  # fmt: skip
    validation.add(f"{decision_letter}2:{decision_letter}{max(last, 1000)}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    sheet.row_dimensions[1].height = 30
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"

    summary = workbook.create_sheet(SUMMARY_SHEET)
    n = counts(result)
    c = result.consultation
    facts = [
        ("文件", c.title), ("文号", c.reference), ("发文单位", c.issuer),
        ("截止时间", c.deadline.strftime("%Y-%m-%d %H:%M")), ("征求意见单位数", n.consulted),
        ("反馈单位数", n.replied), ("无修改意见单位数", n.no_opinion), ("提出意见单位数", n.with_opinions),
        ("意见条数", n.opinions), ("未反馈单位数", n.missing), ("待核实单位数", n.needs_review),
        ("名单外反馈单位数", n.unlisted), ("生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]  # fmt: skip
    for r, (key, value) in enumerate(facts, start=1):
        summary.cell(row=r, column=1, value=key).font = header_font
        summary.cell(row=r, column=2, value=value).font = body_font
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 70
    workbook.save(path)


def read_summary(path: Path) -> dict[str, str]:
    """The 反馈情况 sheet: the counts the report states."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if SUMMARY_SHEET not in workbook.sheetnames:
            return {}
        return {
            str(k): "" if v is None else str(v)
            for k, v, *_ in workbook[SUMMARY_SHEET].iter_rows(values_only=True)
            if k is not None
        }
    finally:
        workbook.close()
