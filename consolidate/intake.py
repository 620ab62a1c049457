"""Turning one found file into a `Return`: read, interpret the form, identify the unit.

Whatever goes wrong with one file becomes a finding about that file; it never stops the
run, and the file itself is only ever read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .discover import FoundFile
from .form import FormContent, FormEntry, interpret
from .identify import Identification, identify_return
from .model import Finding, Opinion, Return, Unit
from .readers import UnreadableFile, read_document
from .roster import Roster


@dataclass(frozen=True)
class Intake:
    """A file's return and what the clerk should know about it."""

    ret: Return
    findings: tuple[Finding, ...]


_KIND_ADVICE = {
    "legacy": "旧版或其他办公格式（.doc/.wps/.xls/.et/.odt/.rtf）暂不能直接读取：请另存为 .docx 或 .xlsx 后放回文件夹",
    "archive": "压缩包暂不能读取：请解压后把其中的文件放入文件夹",
    "empty": "文件为空（0 字节）：请联系该单位重新发送",
    "damaged": "文件已损坏，无法打开：请联系该单位重新发送",
    "unknown": "不是可识别的意见表格式（应为 Word/Excel 可编辑电子版或 PDF/图片盖章件）",
}


def take_in(found: FoundFile, roster: Roster) -> Intake:
    """Read one file. Stamped copies (PDF, images) are identified by name only."""
    stat = found.path.stat()
    if found.kind in ("pdf", "image"):
        ident = identify_return(found.relative, roster, None)
        ret = Return(found.relative, "stamped", ident.unit, True, modified=stat.st_mtime,
                     identified_by=ident.evidence)  # fmt: skip
        return Intake(ret, tuple(_identity_findings(ident, found.relative, stamped=True)))
    if found.kind not in ("docx", "xlsx"):
        ident = identify_return(found.relative, roster, None)
        copy = "editable" if found.kind in ("legacy", "damaged", "empty") else "other"
        ret = Return(found.relative, copy, ident.unit, False, modified=stat.st_mtime,
                     identified_by=ident.evidence)  # fmt: skip
        severity = "warning" if found.kind in ("unknown", "archive") and ident.unit is None else "error"
        finding = Finding(severity, f"{found.kind}-file", _KIND_ADVICE[found.kind],
                          _name(ident.unit), found.relative)  # fmt: skip
        return Intake(ret, (finding,))

    try:
        data = found.path.read_bytes()
        content = interpret(read_document(found.path, found.kind))
    except UnreadableFile as exc:
        return _unreadable(found, roster, str(exc), stat.st_mtime)
    except Exception as exc:
        return _unreadable(found, roster, f"读取时出错（{type(exc).__name__}: {exc}）", stat.st_mtime)

    ident = identify_return(found.relative, roster, content)
    findings = _identity_findings(ident, found.relative, stamped=False)
    unit = ident.unit or Unit(f"未识别单位（{found.path.stem}）", "未识别", listed=False)
    digest = hashlib.sha1(data).hexdigest()[:8]
    opinions = tuple(
        _opinion(entry, f"{digest}-{n:02d}", unit, found.relative, roster)
        for n, entry in enumerate(content.entries, start=1)
    )
    findings.extend(_content_findings(content, unit, found.relative))
    ret = Return(
        file=found.relative,
        copy="editable",
        unit=unit,
        readable=True,
        declared_unit=content.declared_unit or "",
        fill_date=content.fill_date,
        modified=stat.st_mtime,
        opinions=opinions,
        no_opinion=content.no_opinion,
        identified_by=ident.evidence,
        answered_by=ident.delegate,
    )
    return Intake(ret, tuple(findings))


def _opinion(entry: FormEntry, opinion_id: str, unit: Unit, file: str, roster: Roster) -> Opinion:
    remark = entry.remark
    if entry.unit_cell and not _names_unit(entry.unit_cell, unit, roster):
        # A city passing on its departments' opinions: keep who wrote each one.
        remark = "\n".join(x for x in (f"提出单位：{entry.unit_cell}", remark) if x)
    return Opinion(
        id=opinion_id,
        unit=unit.name,
        text=entry.text,
        reason=entry.reason,
        remark=remark,
        file=file,
        where=entry.where,
        clause_hint=entry.clause_hint,
    )


def _names_unit(name: str, unit: Unit, roster: Roster) -> bool:
    if unit.name in name:
        return True
    match = roster.match(name)
    return match is not None and match.unit == unit and match.how != "city"


def _unreadable(found: FoundFile, roster: Roster, why: str, modified: float) -> Intake:
    ident = identify_return(found.relative, roster, None)
    ret = Return(found.relative, "editable", ident.unit, False, modified=modified,
                 identified_by=ident.evidence)  # fmt: skip
    message = f"无法读取：{why}。其他文件照常处理；请联系该单位重新发送可编辑电子版"
    return Intake(ret, (Finding("error", "unreadable-file", message, _name(ident.unit), found.relative),))


def _identity_findings(ident: Identification, file: str, stamped: bool) -> list[Finding]:
    findings: list[Finding] = []
    if ident.unit is None:
        what = "盖章件" if stamped else "文件"
        findings.append(Finding(
            "error" if not stamped else "warning", "unit-unknown",
            f"无法识别{what}所属单位：请在文件名中注明单位名称，或在表头填写“单位名称”", None, file,
        ))  # fmt: skip
        return findings
    if not ident.unit.listed:
        findings.append(Finding(
            "warning", "unit-unlisted",
            f"“{ident.said}”不在征求意见单位名单中：作为名单外单位保留其意见；如属名单内单位，请在 consultation.toml 中添加 aliases",
            ident.unit.name, file,
        ))  # fmt: skip
    if ident.conflicts:
        findings.append(Finding(
            "warning", "unit-conflict",
            f"按{_EVIDENCE[ident.evidence]}认定为{ident.unit.name}，但" + "；".join(ident.conflicts),
            ident.unit.name, file,
        ))  # fmt: skip
    return findings


_EVIDENCE = {"header": "表头单位名称", "unit-column": "“单位”列", "file-name": "文件名",
             "folder": "文件夹名", "signature": "落款", "": "—"}  # fmt: skip


def _content_findings(content: FormContent, unit: Unit, file: str) -> list[Finding]:
    findings: list[Finding] = []
    if not content.table_found and content.entries:
        findings.append(Finding(
            "warning", "no-form-table",
            f"未找到修改意见表表格，已按正文段落读取 {len(content.entries)} 条意见，请核对",
            unit.name, file,
        ))  # fmt: skip
    if not content.entries and not content.no_opinion:
        findings.append(Finding(
            "warning", "blank-form",
            "表格中没有意见，也没有“无修改意见”的表述：请与该单位确认", unit.name, file,
        ))  # fmt: skip
    for note in content.notes:
        findings.append(Finding("info", "row-note", note, unit.name, file))
    if content.table_found:
        for text in content.outside_text:
            if len(text) > 12 and not _is_signature(text, unit):
                findings.append(Finding("info", "outside-table", f"表格外文字：{text}", unit.name, file))
    return findings


def _is_signature(text: str, unit: Unit) -> bool:
    return unit.name in text or any(a in text for a in unit.aliases)


def _name(unit: Unit | None) -> str | None:
    return unit.name if unit else None
