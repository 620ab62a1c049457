"""The decision ledger: one row per opinion, where the drafting team records 处理意见.

Written as .xlsx by ``consolidate digest --ledger``. Once written, the ledger is the
team's document, worked in for weeks: a re-run is a guest in it. It edits the existing
workbook in place — rows stay where the team put them (sorted, merged, with rows and
columns and sheets of their own), the tool refreshes only its own columns of its own rows,
appends new opinions at the end and marks vanished ones as removed — and it refuses,
leaving the file byte-identical, whenever it cannot do that without losing or changing a
decision silently: a 编号 that appears twice, a decision formula without a stored value,
the file open in Excel/WPS/LibreOffice or changed while the digest ran.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from consolidate.analysis.summary import STATISTICS, Counts, counts, counts_from_statistics, statistics
from consolidate.documents.writing import write_atomically
from consolidate.errors import ConsolidateError
from consolidate.model import DECISIONS, FLAG_WORDS, Consolidation, LedgerRow, Opinion
from consolidate.papers.outputs import OutputError
from consolidate.text.xmlsafe import clean

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


class LedgerError(ConsolidateError):
    """The ledger cannot be read; the message names the file and what is wrong."""


_FLAG_WORDS = {flag: words.ledger for flag, words in FLAG_WORDS.items()}


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
    if opinion.previous is not None:
        # A suggestion, never a decision: the team confirms it in 处理意见 itself.
        flags.append(opinion.previous.words)
        if opinion.previous.decision:
            flags.append(f"建议沿用第一轮处理意见：{opinion.previous.decision}")
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


# ---------------------------------------------------------------- reading

LEDGER_SUFFIX = ".xlsx"
_HEADER_SEARCH = 10  # rows a team may have put above the header (a title, a note)
_TOOL_COLUMNS = tuple(name for name, _ in COLUMNS)
# Each tool column's `LedgerRow` field: rows are read and written by name, never by position.
_FIELDS = {
    "编号": "id", "条款": "clause", "条款原文（摘录）": "clause_text", "提出单位": "unit",
    "修改意见": "opinion", "修改理由": "reason", "备注": "remark", "来源文件": "file",
    "位置": "where", "归类可信度": "confidence", "提示": "flags", "处理意见": "decision",
    "说明": "note", "状态": "state",
}  # fmt: skip
# Refreshed on every run for the tool's own rows; the rest is never written again once there.
_REFRESHED = ("条款", "条款原文（摘录）", "来源文件", "位置", "归类可信度", "提示", "状态")


@dataclass(frozen=True)
class Fingerprint:
    """What the ledger was when read: a different one before the write means someone saved it."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        data = path.read_bytes()
        stat = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"{path}: 无法读取台账（{exc.strerror or exc}）") from exc
    return Fingerprint(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel, WPS and LibreOffice keep beside a workbook they have open."""
    candidates = (f"~${path.name}", f".~lock.{path.name}#")
    return [path.parent / c for c in candidates if (path.parent / c).exists()]


def check_ledger_path(path: Path) -> None:
    """Before the slow work: the ledger path is an .xlsx, not open elsewhere, and — when it
    exists — a ledger this tool can update without losing a decision."""
    if path.suffix.lower() != LEDGER_SUFFIX:
        raise LedgerError(
            f"{path}: 台账只能保存为 .xlsx 文件（Excel 2007 及以后的格式），请把文件名改为 …{LEDGER_SUFFIX}"
        )
    _refuse_if_open(path)
    if path.exists():
        _refuse_what_would_be_lost(path)
        read_ledger(path)


# Parts of a workbook openpyxl does not carry over when it saves: the team would lose them.
_UNKEPT_PARTS = (
    ("xl/charts/", "图表"), ("xl/media/", "图片"), ("xl/pivotTables/", "数据透视表"),
    ("xl/slicers/", "切片器"), ("xl/timelines/", "日程表"), ("xl/vbaProject.bin", "宏"),
)  # fmt: skip
_SHAPE = ("Anchor", "<xdr:sp", "<xdr:pic", "<xdr:graphicFrame")


def _refuse_what_would_be_lost(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            found = [what for prefix, what in _UNKEPT_PARTS if any(n.startswith(prefix) for n in names)]
            # LibreOffice writes an empty drawing part into every sheet it saves: only a
            # drawing that holds something (a shape, a text box) would be lost.
            for name in names:
                if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        if any(mark in part.read(1 << 20).decode("utf-8", "ignore") for mark in _SHAPE):
                            found.append("图形或文本框")
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return  # said by the reader, in its words
    if found:
        raise LedgerError(
            f"{path}: 台账中有{'、'.join(dict.fromkeys(found))}，本工具更新台账时无法保留它们："
            "请把它们移到另一个工作簿（或另存一份副本），再重新运行"
        )


def _refuse_if_open(path: Path) -> None:
    locks = lock_files(path)
    if locks:
        raise LedgerError(
            f"{path}: 台账正在被 Excel/WPS/LibreOffice 打开（发现锁定文件 {locks[0].name}）："
            "请保存并关闭台账后重新运行；如确认没有打开，可删除该锁定文件"
        )


@dataclass(frozen=True)
class _Sheet:
    """The ledger sheet as found: where the header is and which column holds what."""

    header_row: int
    columns: dict[str, int]  # header name -> 1-based column


def read_ledger(path: Path) -> list[LedgerRow]:
    """The rows of a ledger, columns found by their header names, every row read whatever
    the file's stored used-range says; a merged decision counts for every row it covers."""
    workbook, values = _open(path)
    return _rows(path, workbook, values)


def _open(path: Path) -> tuple[Any, Any]:
    """The workbook twice: as written (formulas, to update) and as last computed (values)."""
    from openpyxl import load_workbook

    if path.suffix.lower() != LEDGER_SUFFIX:
        raise LedgerError(f"{path}: 台账只能是 .xlsx 文件")
    try:
        # Never read_only: that mode trusts the stored <dimension>, which other programs
        # write wrong, and it cannot see merged cells.
        workbook = load_workbook(path)
        values = load_workbook(path, data_only=True)
    except FileNotFoundError as exc:
        raise LedgerError(f"{path}: 台账不存在") from exc
    except PermissionError as exc:
        raise LedgerError(f"{path}: 没有权限读取台账") from exc
    except Exception as exc:
        raise LedgerError(
            f"{path}: 无法打开台账（{type(exc).__name__}: {exc}），这可能不是 .xlsx 台账"
        ) from exc
    if SHEET not in workbook.sheetnames:
        raise LedgerError(
            f"{path}: 找不到工作表“{SHEET}”，这不是 consolidate 生成的台账（工作表被改名了吗？）"
        )
    return workbook, values


def _locate(path: Path, sheet: Any) -> _Sheet:
    for r in range(1, min(sheet.max_row, _HEADER_SEARCH) + 1):
        names = {str(sheet.cell(r, c).value or "").strip(): c for c in range(sheet.max_column, 0, -1)}
        if "编号" in names and DECISION_COLUMN in names:
            missing = [n for n in _TOOL_COLUMNS if n not in names]
            if missing:
                raise LedgerError(
                    f"{path}: 台账缺少列 {'、'.join(missing)}（列被删除或改名了吗？请恢复列标题）"
                )
            return _Sheet(r, {n: names[n] for n in _TOOL_COLUMNS})
    if sheet.max_row == 0 or all(v is None for row in sheet.iter_rows(values_only=True) for v in row):
        raise LedgerError(f"{path}: 台账为空")
    raise LedgerError(f"{path}: 在“{SHEET}”前 {_HEADER_SEARCH} 行找不到含“编号”和“处理意见”的标题行")


def _merged_anchors(sheet: Any) -> dict[tuple[int, int], tuple[int, int]]:
    anchors = {}
    for merged in sheet.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                anchors[(r, c)] = (merged.min_row, merged.min_col)
    return anchors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(path: Path, workbook: Any, values: Any) -> list[LedgerRow]:
    sheet, computed = workbook[SHEET], values[SHEET]
    where = _locate(path, sheet)
    anchors = _merged_anchors(sheet)

    def value(r: int, column: str) -> str:
        c = where.columns[column]
        ar, ac = anchors.get((r, c), (r, c))
        cell = sheet.cell(ar, ac)
        shown = computed.cell(ar, ac).value
        if cell.data_type == "f" and shown is None and column in (DECISION_COLUMN, NOTE_COLUMN):
            raise LedgerError(
                f"{path}: 第{r}行“{column}”是公式（{cell.value}），但文件中没有保存它的计算结果："
                "请在 Excel/WPS 中打开台账并保存一次，或把公式换成文字，然后重新运行"
            )
        return _text(shown if cell.data_type == "f" else cell.value)

    ledger: list[LedgerRow] = []
    first_row: dict[str, int] = {}
    for r in range(where.header_row + 1, sheet.max_row + 1):
        row_id = value(r, "编号")
        if not row_id:
            continue  # the team's own row: a note, a subtotal, a blank line
        if row_id in first_row:
            raise LedgerError(
                f"{path}: 编号 {row_id} 出现了两次（第{first_row[row_id]}行和第{r}行）："
                "请删除或合并重复的行，只保留一行的处理意见，然后重新运行"
            )
        first_row[row_id] = r
        ledger.append(_row_of(value, r))
    return ledger


def _row_of(value: Any, r: int) -> LedgerRow:
    """The ledger row ``r`` from its cells, each field from the column of its header."""
    return LedgerRow(**{_FIELDS[name]: value(r, name) for name in _TOOL_COLUMNS}, row=r)


def merge_rows(current: list[LedgerRow], previous: list[LedgerRow]) -> list[LedgerRow]:
    """Current opinions with the decisions already recorded, then removed opinions kept."""
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


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class LedgerUpdate:
    """What a run did to the ledger, for the clerk."""

    carried: int  # decisions already recorded for current opinions
    added: int
    removed: int
    notes: tuple[str, ...] = ()


def write_ledger(result: Consolidation, path: Path, previous: Path | None = None) -> int:
    """Write a ledger to ``path`` (a new workbook, or ``previous`` updated). Returns the
    number of decisions carried over. Kept for callers of the old interface:
    `update_ledger` is the safe way to update a real file (locks, concurrent saves)."""
    rows = [opinion_row(o, result) for o in result.opinions if not o.superseded]
    if previous is None or not previous.exists():
        _save_new(rows, result, path)
        return 0
    workbook, values = _open(previous)
    update = _update(previous, workbook, values, rows, result)
    workbook.save(path)
    return update.carried


def update_ledger(result: Consolidation, path: Path) -> LedgerUpdate:
    """Create or update the ledger at ``path`` in place, atomically.

    Refuses — leaving the file byte-identical — when it is open in another program, when a
    decision could not be kept, or when the file changed between reading and replacing it.
    """
    if path.suffix.lower() != LEDGER_SUFFIX:
        raise LedgerError(f"{path}: 台账只能保存为 .xlsx 文件")
    _refuse_if_open(path)
    if path.exists():
        _refuse_what_would_be_lost(path)
    before = fingerprint(path)
    rows = [opinion_row(o, result) for o in result.opinions if not o.superseded]
    outcome: list[LedgerUpdate] = []

    def write(temp: Path) -> None:
        if before is None:
            _save_new(rows, result, temp)
            outcome.append(LedgerUpdate(0, len(rows), 0))
            return
        workbook, values = _open(path)
        outcome.append(_update(path, workbook, values, rows, result))
        workbook.save(temp)

    def unchanged() -> None:
        _refuse_if_open(path)
        if fingerprint(path) != before:
            raise LedgerError(
                f"{path}: 台账在本次运行期间被修改或保存过（可能有人在 Excel/WPS 中保存了它）："
                "为免覆盖刚保存的处理意见，本次没有写入台账；请关闭台账后重新运行"
            )

    try:
        write_atomically(path, write, before_replace=unchanged)
    except OutputError as exc:
        raise LedgerError(str(exc)) from exc
    return outcome[0]


def _update(
    path: Path, workbook: Any, values: Any, rows: list[LedgerRow], result: Consolidation
) -> LedgerUpdate:
    """Refresh the tool's columns of existing rows, append new ones, mark removed ones."""
    previous = _rows(path, workbook, values)  # validates: duplicates, formula decisions
    sheet = workbook[SHEET]
    where = _locate(path, sheet)
    put = _cell_writer(sheet, where)
    at = {r.id: r for r in previous}
    notes: list[str] = []
    frozen = _freeze_decision_formulas(sheet, values[SHEET], where, previous)
    if frozen:
        notes.append(
            f"第{'、'.join(str(r) for r in frozen[:10])}行的处理意见/说明是公式：已换成公式的计算结果保存，内容未变"
        )
    renamed = _match_renamed(previous, rows)
    for old_row, new_id in renamed.items():
        put(old_row.row, "编号", new_id)
        at[new_id] = old_row
    if renamed:
        notes.append(
            f"{len(renamed)} 条意见的编号已更新（来源文件改名或程序升级），按单位和意见原文对应，处理意见已保留"
        )
    renamed_ids = {r.id for r in renamed}
    previous = [r for r in previous if r.id not in renamed_ids]
    appended, carried = _refresh(rows, at, put)
    removed = _mark_removed(previous, {r.id for r in rows}, put)
    styled = previous[-1].row if previous else None
    for n, row in enumerate(appended, start=_last_used_row(sheet) + 1):
        _write_row(sheet, n, where, row._replace_state("新增" if previous else ""), styled)
    if appended and previous:
        notes.append(f"新增 {len(appended)} 条意见，已追加在台账末尾（状态为“新增”）")
    if removed:
        notes.append(f"{removed} 条意见已不在本次反馈中：保留原行和处理意见，状态标为“已移除”")
    _stretch_filter(sheet)
    _print_setup(sheet, where.header_row)
    _write_summary(workbook, result)
    return LedgerUpdate(carried, len(appended), removed, tuple(notes))


def _cell_writer(sheet: Any, where: _Sheet) -> Callable[[int, str, str], None]:
    """Writes one of the tool's cells, leaving it untouched when it already says the same
    and never writing into a range the team merged (its value is the first cell's)."""

    def put(r: int, column: str, value: str) -> None:
        cell = sheet.cell(r, where.columns[column])
        if _is_merged(cell):
            return
        value = clean(value)
        if _text(cell.value) != value:
            cell.value = value or None

    return put


def _refresh(
    rows: list[LedgerRow], at: dict[str, LedgerRow], put: Callable[[int, str, str], None]
) -> tuple[list[LedgerRow], int]:
    """Refresh the tool's columns of the rows already in the ledger; returns the rows that
    are new (to append) and how many decisions were already recorded."""
    appended: list[LedgerRow] = []
    carried = 0
    for row in rows:
        old = at.get(row.id)
        if old is None:
            appended.append(row)
            continue
        carried += bool(old.decision)
        for column in _REFRESHED:
            put(old.row, column, "" if column == "状态" else getattr(row, _FIELDS[column]))
    return appended, carried


def _mark_removed(previous: list[LedgerRow], current: set[str], put: Callable[[int, str, str], None]) -> int:
    """Mark the tool's rows whose opinion is gone; the team's own rows are theirs."""
    removed = 0
    for old in previous:
        if old.id not in current and is_tool_id(old.id):
            removed += 1
            put(old.row, "状态", REMOVED)
    return removed


def _stretch_filter(sheet: Any) -> None:
    """The team's auto filter, stretched over the rows appended."""
    if sheet.auto_filter.ref:
        from openpyxl.utils import get_column_letter

        sheet.auto_filter.ref = (
            f"{sheet.auto_filter.ref.split(':')[0]}:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        )


_TOOL_ID = re.compile(r"^[0-9a-f]{8}-\d{2,}$")


def is_tool_id(value: str) -> bool:
    """An id this tool gave (``e8ea4df3-01``). A row the team added with an id of its own
    (an opinion given by telephone, say) is theirs: never marked removed or refreshed."""
    return bool(_TOOL_ID.match(value))


def _match_renamed(previous: list[LedgerRow], rows: list[LedgerRow]) -> dict[LedgerRow, str]:
    """Old rows whose id is gone matched to new ids by unit and opinion text, where the
    match is unique on both sides: a renamed file, or ids made by an older version."""
    known = {r.id for r in previous}
    current = {r.id for r in rows}
    orphans: dict[tuple[str, str], list[LedgerRow]] = {}
    for r in previous:
        if r.id not in current and not r.removed and is_tool_id(r.id):
            orphans.setdefault((r.unit, r.opinion), []).append(r)
    newcomers: dict[tuple[str, str], list[LedgerRow]] = {}
    for r in rows:
        if r.id not in known:
            newcomers.setdefault((r.unit, r.opinion), []).append(r)
    return {
        olds[0]: news[0].id
        for key, olds in orphans.items()
        if len(olds) == 1 and len(news := newcomers.get(key, [])) == 1
    }


def _freeze_decision_formulas(sheet: Any, computed: Any, where: _Sheet, rows: list[LedgerRow]) -> list[int]:
    """A decision typed as a formula loses its value when openpyxl saves (the value is
    recomputed only when Excel opens the file): keep the value the team saw."""
    frozen = []
    for row in rows:
        for column in (DECISION_COLUMN, NOTE_COLUMN):
            cell = sheet.cell(row.row, where.columns[column])
            if cell.data_type == "f" and not _is_merged(cell):
                cell.value = computed.cell(row.row, where.columns[column]).value
                frozen.append(row.row)
    return sorted(set(frozen))


def _is_merged(cell: Any) -> bool:
    """A covered cell of a merged range (read-only; its value is the range's first cell's)."""
    return type(cell).__name__ == "MergedCell"


def _last_used_row(sheet: Any) -> int:
    for r in range(sheet.max_row, 0, -1):
        if any(cell.value is not None for cell in sheet[r]):
            return r
    return 1


def _values(row: LedgerRow) -> list[str]:
    """The row's cells in the order of `COLUMNS`."""
    return [getattr(row, _FIELDS[name]) for name in _TOOL_COLUMNS]


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "border": Border(top=thin, bottom=thin, left=thin, right=thin),
        "header_font": Font(name="黑体", bold=True, size=11),
        "body_font": Font(name="仿宋", size=11),
        "body_alignment": Alignment(vertical="top", wrap_text=True),
        "header_alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "fill": PatternFill("solid", fgColor="D9E1F2"),
        "decision_fill": PatternFill("solid", fgColor="FFF2CC"),
    }


def _write_row(sheet: Any, r: int, where: _Sheet, row: LedgerRow, styled_like: int | None) -> None:
    from copy import copy

    style = _styles()
    for name, value in zip(_TOOL_COLUMNS, _values(row)):
        c = where.columns[name]
        cell = sheet.cell(r, c, value=clean(value) or None)
        model = sheet.cell(styled_like, c) if styled_like else None
        if model is not None and model.has_style:
            cell.font, cell.border = copy(model.font), copy(model.border)
            cell.alignment, cell.fill = copy(model.alignment), copy(model.fill)
        else:
            cell.font, cell.border, cell.alignment = (
                style["body_font"],
                style["border"],
                style["body_alignment"],
            )
    sheet.row_dimensions[r].height = _row_height(row)


# Column widths are in characters of the default font; a CJK character takes about two.
_LINE_HEIGHT = 15  # points for one line of 11-point text


def _row_height(row: LedgerRow) -> float:
    """Tall enough for the longest wrapped cell, within reason (Excel does not autofit
    rows a program wrote)."""
    lines = 1
    for (_, width), value in zip(COLUMNS, _values(row)):
        for paragraph in (value or "").split("\n"):
            chars = sum(2 if ord(ch) > 0x2E80 else 1 for ch in paragraph)
            lines = max(lines, -(-chars // max(width - 1, 1)))
    return min(max(lines, 1) * _LINE_HEIGHT + 4, 409)


def _print_setup(sheet: Any, header_row: int) -> None:
    """Landscape A4, fitted to one page wide, header repeated on every page, a print area."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, header_row + 1)}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _save_new(rows: list[LedgerRow], result: Consolidation, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    style = _styles()
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook's one sheet
    sheet.title = SHEET
    for c, (name, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=c, value=name)
        cell.font = style["header_font"]
        cell.fill = style["decision_fill"] if name in (DECISION_COLUMN, NOTE_COLUMN) else style["fill"]
        cell.alignment = style["header_alignment"]
        cell.border = style["border"]
        sheet.column_dimensions[get_column_letter(c)].width = width
    where = _Sheet(1, {name: c for c, (name, _) in enumerate(COLUMNS, start=1)})
    for r, row in enumerate(rows, start=2):
        _write_row(sheet, r, where, row, None)
    last = max(len(rows) + 1, 2)
    decision_letter = get_column_letter(where.columns[DECISION_COLUMN])
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
    _print_setup(sheet, 1)
    _write_summary(workbook, result)
    workbook.properties.creator = TOOL_MARK
    workbook.properties.keywords = TOOL_MARK
    workbook.save(path)


TOOL_MARK = "consolidate"


def _write_summary(workbook: Any, result: Consolidation) -> None:
    """The 反馈情况 sheet is the tool's: rewritten on every run."""
    style = _styles()
    if SUMMARY_SHEET in workbook.sheetnames:
        summary = workbook[SUMMARY_SHEET]
        for row in summary.iter_rows():
            for cell in row:
                if not _is_merged(cell):
                    cell.value = None
    else:
        summary = workbook.create_sheet(SUMMARY_SHEET)
    n = counts(result)
    c = result.consultation
    facts: list[tuple[str, object]] = [
        ("文件", c.title), ("文号", c.reference), ("发文单位", c.issuer),
        ("截止时间", c.deadline.strftime("%Y-%m-%d %H:%M")),
        *statistics(n),
        ("生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]  # fmt: skip
    for r, (key, value) in enumerate(facts, start=1):
        summary.cell(row=r, column=1, value=key).font = style["header_font"]
        summary.cell(row=r, column=2, value=clean(value) if isinstance(value, str) else value).font = style[
            "body_font"
        ]
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 70
    summary.page_setup.orientation = "portrait"
    summary.print_area = f"A1:B{len(facts)}"


@dataclass(frozen=True)
class LedgerSummary:
    """What the 反馈情况 sheet recorded at the run: the consultation as the report and the
    letters name it, and its counts, so the report says what the digest said.

    ``recorded`` holds the `Counts` fields the sheet has: a ledger written by an older
    version lacks some, and the report must not state what was not recorded.
    """

    title: str = "征求意见稿"
    reference: str = ""
    issuer: str = ""
    deadline: str = ""
    counts: Counts | None = None
    recorded: frozenset[str] = frozenset()


def read_summary(path: Path) -> LedgerSummary:
    """The 反馈情况 sheet: the counts the report states."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:
        raise LedgerError(f"{path}: 无法打开台账（{exc}）") from exc
    return _summary_of(workbook)


@dataclass(frozen=True)
class LedgerContents:
    """A ledger read for the report: its rows and its 反馈情况 sheet, from one opening."""

    rows: tuple[LedgerRow, ...]
    summary: LedgerSummary


def read_ledger_contents(path: Path) -> LedgerContents:
    """`read_ledger` and `read_summary` at once: the values workbook the rows are read
    from also holds the summary sheet, so the file is not parsed a third time."""
    workbook, values = _open(path)
    return LedgerContents(tuple(_rows(path, workbook, values)), _summary_of(values))


def _summary_of(workbook: Any) -> LedgerSummary:
    if SUMMARY_SHEET not in workbook.sheetnames:
        return LedgerSummary()
    values = {
        str(k): "" if v is None else str(v)
        for k, v, *_ in workbook[SUMMARY_SHEET].iter_rows(values_only=True)
        if k is not None
    }
    return LedgerSummary(
        title=values.get("文件", LedgerSummary.title),
        reference=values.get("文号", ""),
        issuer=values.get("发文单位", ""),
        deadline=values.get("截止时间", ""),
        counts=counts_from_statistics(values),
        recorded=frozenset(name for label, name in STATISTICS if label in values),
    )
