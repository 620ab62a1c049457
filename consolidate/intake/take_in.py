"""Turning one found file into a `Return`: read, interpret the form, identify the unit.

Whatever goes wrong with one file becomes a finding about that file; it never stops the
run, and the file itself is only ever read.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consolidate.codes import Code, Severity
from consolidate.consultation.roster import Roster, clean_name
from consolidate.documents.discover import FoundFile, package_kind
from consolidate.documents.guards import FileTimeout, UnsafeFile, check_package, time_budget
from consolidate.documents.opened import OpenedFile
from consolidate.documents.readers import UnreadableFile, read_document
from consolidate.intake.cache import ResultCache, content_key
from consolidate.intake.form import FormContent, FormEntry, interpret, is_template_text
from consolidate.intake.identify import EVIDENCE_LABELS, Identification, ambiguity_finding, identify_return
from consolidate.intake.own_files import own_output_reason
from consolidate.model import CopyKind, Draft, FileKind, Finding, Opinion, Return, Unit
from consolidate.text.normalise import fold


@dataclass(frozen=True)
class Intake:
    """A file's return (None when the file is no return at all) and what to know about it.

    ``ignored`` says why the file is one of the tool's own papers (not a return). A zip
    found in the folder (`FileKind.PACKAGE`) that proves to be no Word or Excel file comes back
    with only ``found_to_be``, its real kind: a zip of returns to unpack or an
    OpenDocument file to convert, which the run then takes in as that kind.
    """

    ret: Return | None
    findings: tuple[Finding, ...]
    ignored: str = ""
    found_to_be: FileKind | None = None


@dataclass(frozen=True)
class IntakeContext:
    roster: Roster
    draft: Draft | None = None
    reference: str = ""
    cache: ResultCache | None = None


_KIND_ADVICE = {
    FileKind.ENCRYPTED: "文件有密码保护，无法读取：请联系该单位发送未加密的版本",
    FileKind.EMPTY: "文件为空（0 字节）：请联系该单位重新发送",
    FileKind.DAMAGED: "文件已损坏，无法打开：请联系该单位重新发送",
    FileKind.UNKNOWN: "不是可识别的意见表格式（应为 Word/Excel/WPS 可编辑电子版或 PDF/图片盖章件）",
}
MAX_OUTSIDE_NOTES = 5
_EVIDENCE = {**EVIDENCE_LABELS, "on-behalf": "代复说明（受……委托/代……）"}
_EDITABLE_KINDS = {FileKind.DOCX, FileKind.SHEET, FileKind.HTML, FileKind.CSV, FileKind.TEXT, FileKind.WORD}

# What the cache keeps per file: ("read", FormContent), ("refused", why) or, for a
# package, ("own", why) when it is one of the tool's own papers.
Outcome = tuple[str, Any]


def take_in(found: FoundFile, context: IntakeContext, converted: Path | None = None) -> Intake:
    """Read one file. ``converted`` is the .docx LibreOffice made of a legacy file."""
    if found.kind == FileKind.IMAGE:
        return _stamped(found, context, None)
    if found.kind == FileKind.PDF:
        return _read_stamped_pdf(found, context)
    if found.kind == FileKind.MAIL_BODY:
        return _mail_body(found, context)
    if found.kind not in _EDITABLE_KINDS and found.kind != FileKind.PACKAGE:
        return _not_a_form(found, context)
    try:
        opened = OpenedFile.read(found.path)
    except OSError as exc:
        return _unreadable(found, context, f"无法打开（{exc}）")
    try:
        if found.kind == FileKind.PACKAGE:
            return _take_in_package(found, context, opened)
        return _take_in_editable(found, context, opened, converted)
    finally:
        opened.close()


def _not_a_form(found: FoundFile, context: IntakeContext) -> Intake:
    """A file of a kind no form comes in (damaged, encrypted, unknown…): a finding, and a
    return that could not be read when the file says whose it is."""
    ident = identify_return(found.relative, context.roster, None, found.sender)
    severity = Severity.WARNING if found.kind == FileKind.UNKNOWN and ident.unit is None else Severity.ERROR
    finding = Finding(severity, Code.for_file_kind(found.kind), _KIND_ADVICE.get(found.kind, _KIND_ADVICE[FileKind.UNKNOWN]),
                      _name(ident.unit), found.relative)  # fmt: skip
    ret = _unreadable_return(found, ident) if found.kind != FileKind.UNKNOWN or ident.unit else None
    return Intake(ret, (finding,))


def _take_in_package(found: FoundFile, context: IntakeContext, opened: OpenedFile) -> Intake:
    """A zip from the returns folder, opened once for everything: what it is, whether it
    is one of the tool's own papers, the guards, the reader. An unchanged file is not
    opened at all: its bytes find what was read from them last time."""
    cache = context.cache or ResultCache(None)
    key = content_key(opened.data, FileKind.PACKAGE)
    outcome = cache.get(key)
    if outcome is None:
        kind = package_kind(opened)
        if kind not in (FileKind.DOCX, FileKind.SHEET):
            return Intake(None, (), found_to_be=kind)
        why = own_output_reason(dataclasses.replace(found, kind=kind), opened)
        read = ("own", why) if why else _read_form(found, context, opened, kind)
        if isinstance(read, Intake):
            return read
        outcome = read
        cache.put(key, outcome)
    return _intake_of(found, context, outcome, opened.data)


def _take_in_editable(
    found: FoundFile, context: IntakeContext, opened: OpenedFile, converted: Path | None
) -> Intake:
    cache = context.cache or ResultCache(None)
    key = content_key(opened.data, found.kind)
    outcome = cache.get(key)
    if outcome is None:
        if found.kind == FileKind.WORD and converted is None:
            # The conversion step has already reported why.
            ident = identify_return(found.relative, context.roster, None, found.sender)
            return Intake(_unreadable_return(found, ident), ())
        read = (
            _read_form(found, context, converted, FileKind.DOCX)
            if converted
            else _read_form(found, context, opened, found.kind)
        )
        if isinstance(read, Intake):
            return read
        outcome = read
        cache.put(key, outcome)
    return _intake_of(found, context, outcome, opened.data)


def _read_form(
    found: FoundFile, context: IntakeContext, source: OpenedFile | Path, kind: str
) -> Outcome | Intake:
    """The form read from ``source`` (guards first), or why it was refused; an `Intake`
    saying the file is unreadable when reading failed in a way not worth remembering."""
    try:
        with time_budget():
            opened = source if isinstance(source, OpenedFile) else _converted(source)
            try:
                if kind == FileKind.DOCX or (kind == FileKind.SHEET and opened.is_zip):
                    check_package(opened, deep=kind == FileKind.SHEET)
                return ("read", interpret(read_document(opened, kind)))
            finally:
                if opened is not source:
                    opened.close()
    except (UnreadableFile, UnsafeFile) as exc:
        return ("refused", str(exc))
    except FileTimeout as exc:
        return _unreadable(found, context, str(exc))
    except Exception as exc:  # one bad file must not cost the others
        return _unreadable(found, context, f"读取时出错（{type(exc).__name__}: {exc}）")


def _converted(path: Path) -> OpenedFile:
    """The .docx LibreOffice made; one it cannot have made readable is refused, as
    the guards refuse a package they cannot open."""
    try:
        return OpenedFile.read(path)
    except OSError as exc:
        raise UnsafeFile(f"无法安全读取（{exc}）") from exc


def _intake_of(found: FoundFile, context: IntakeContext, outcome: Outcome, data: bytes) -> Intake:
    what, value = outcome
    if what == "own":
        return Intake(None, (), ignored=value)
    if what != "read":
        return _unreadable(found, context, value)
    return _editable_return(found, context, value, data)


def _editable_return(found: FoundFile, context: IntakeContext, content: FormContent, data: bytes) -> Intake:
    """The return an editable file's form makes, or why the file is no return."""
    if not content.table_found and not content.from_revisions:
        why = _consultation_document(content, context)
        if why:
            return Intake(None, (Finding(Severity.INFO, Code.NOT_A_RETURN, why, None, found.relative),))
    ident = speaking_for(
        identify_return(found.relative, context.roster, content, found.sender), content, context.roster
    )
    if ident.unit is None and not content.entries and not content.no_opinion:
        why = "空白的修改意见表（没有单位名称，也没有任何内容），可能是模板，已忽略"
        return Intake(None, (Finding(Severity.INFO, Code.NOT_A_RETURN, why, None, found.relative),))
    findings = _identity_findings(ident, found.relative, stamped=False)
    unit = ident.unit or Unit(f"未识别单位（{Path(found.relative).stem}）", "未识别", listed=False)
    opinions = _opinions(content, data, unit, found.relative, context.roster)
    findings.extend(_content_findings(content, unit, found))
    ret = Return(
        file=found.relative,
        copy=CopyKind.EDITABLE,
        unit=unit,
        readable=True,
        declared_unit=content.declared_unit or "",
        fill_date=content.fill_date,
        modified=found.modified,
        opinions=opinions,
        no_opinion=content.no_opinion,
        identified_by=ident.evidence,
        answered_by=ident.delegate,
        received=found.received,
    )
    return Intake(ret, tuple(findings))


def _opinions(
    content: FormContent, data: bytes, unit: Unit, file: str, roster: Roster
) -> tuple[Opinion, ...]:
    """The file's opinions, with ids unique across files and stable across runs.

    The id hashes the file's place in the returns folder with its bytes: two units (or two
    files) that sent identical bytes never share an id, and a file that has not changed
    keeps its ids on every run — the ledger and overrides.toml refer to them.
    """
    digest = hashlib.sha1(file.encode("utf-8", "surrogateescape") + b"\0" + data).hexdigest()[:8]
    signer = content.declared_unit or ""
    return tuple(
        _opinion(entry, f"{digest}-{n:02d}", unit, file, roster, signer)
        for n, entry in enumerate(content.entries, start=1)
    )


def _opinion(
    entry: FormEntry, opinion_id: str, unit: Unit, file: str, roster: Roster, signer: str
) -> Opinion:
    remark = entry.remark
    if entry.unit_cell and entry.unit_cell != signer and not _names_unit(entry.unit_cell, unit, roster):
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
        context=entry.context,
    )


def _names_unit(name: str, unit: Unit, roster: Roster) -> bool:
    if unit.name in name:
        return True
    match = roster.match(name)
    return match is not None and match.unit == unit and match.how != "city"


def _read_stamped_pdf(found: FoundFile, context: IntakeContext) -> Intake:
    """A stamped copy: paired with the unit by name; its text, if any, read as a fallback."""
    from consolidate.documents.readers.pdf import has_text

    try:
        document = read_document(found.path, "pdf")
    except UnreadableFile:
        return _stamped(found, context, None)
    except Exception:
        return _stamped(found, context, None)
    return _stamped(found, context, interpret(document) if has_text(document) else None)


def _stamped(found: FoundFile, context: IntakeContext, content: FormContent | None) -> Intake:
    ident = speaking_for(
        identify_return(found.relative, context.roster, content, found.sender), content, context.roster
    )
    findings = _identity_findings(ident, found.relative, stamped=True)
    opinions: tuple[Opinion, ...] = ()
    if content is not None and ident.unit is not None:
        opinions = _opinions(content, found.path.read_bytes(), ident.unit, found.relative, context.roster)
    ret = Return(
        found.relative, CopyKind.STAMPED, ident.unit, content is not None,
        declared_unit=(content.declared_unit or "") if content else "",
        fill_date=content.fill_date if content else None,
        modified=found.modified, opinions=opinions,
        no_opinion=content.no_opinion if content else False,
        identified_by=ident.evidence, answered_by=ident.delegate, received=found.received,
    )  # fmt: skip
    return Intake(ret, tuple(findings))


def _mail_body(found: FoundFile, context: IntakeContext) -> Intake:
    """An e-mail's text beside its attachments counts only when it says 无修改意见."""
    try:
        content = interpret(read_document(found.path, "text"))
    except Exception:
        return Intake(None, ())
    if not content.no_opinion:
        return Intake(None, ())
    ident = speaking_for(
        identify_return(found.relative, context.roster, content, found.sender), content, context.roster
    )
    if ident.unit is None:
        return Intake(None, ())
    ret = Return(found.relative, CopyKind.EDITABLE, ident.unit, True, modified=found.modified, no_opinion=True,
                 identified_by=ident.evidence, answered_by=ident.delegate, received=found.received)  # fmt: skip
    return Intake(ret, ())


def speaking_for(ident: Identification, content: FormContent | None, roster: Roster) -> Identification:
    """A reply sent on another unit's behalf (受XX市人民政府委托, 代XX市人民政府) counts for that
    unit, with the writer kept as the one who answered — as a city answered by its bureau.

    "现代表市政府反馈如下" names the principal without its place: the writer's own place
    (河池市民政局 → 河池市) completes it. A principal the roster does not know changes nothing.
    """
    if content is None or not content.on_behalf:
        return ident
    principal = content.on_behalf
    writer = content.declared_unit or content.signed or ident.said or (ident.unit.name if ident.unit else "")
    bare = principal.lstrip("本我")
    if bare[:1] in ("市", "县", "区", "省", "州", "盟", "旗"):
        # 现代表市政府: the writer's own 市 (河池市民政局 → 河池市政府).
        own = clean_name(writer or (ident.unit.name if ident.unit else ""))
        at = own.find(bare[0])
        if at < 1:
            return ident
        principal = own[: at + 1] + bare[1:]
    match = roster.match(principal)
    if match is None or not match.unit.listed:
        return ident
    delegate = writer if writer and clean_name(writer) != clean_name(match.unit.name) else ident.delegate
    if ident.unit is not None and ident.unit != match.unit and not ident.unit.listed:
        delegate = delegate or ident.unit.name
    conflicts = tuple(c for c in ident.conflicts if match.unit.name not in c)
    evidence = ident.evidence if ident.unit == match.unit else "on-behalf"
    return Identification(match.unit, evidence, principal, conflicts, delegate)


def _consultation_document(content: FormContent, context: IntakeContext) -> str:
    """Why a file is the consultation's own paper (the draft, the letter), or ""."""
    lines = [*content.outside_text, *(e.text for e in content.entries)]
    text = fold("".join(lines))
    if not text:
        return ""
    if context.draft is not None:
        paragraphs = [fold(c.text)[:30] for c in context.draft.paragraphs()]
        present = sum(1 for p in paragraphs if p and p in text)
        if paragraphs and present >= max(2, len(paragraphs) // 2):
            return "这是征求意见稿原文（没有修订痕迹或批注），不是反馈，已忽略"
    head = fold("".join(lines[:8]))
    if "征求" in head and "意见的函" in head and (not context.reference or fold(context.reference) in text):
        return "这是征求意见函本身，不是反馈，已忽略"
    return ""


def _unreadable_return(found: FoundFile, ident: Identification) -> Return:
    return Return(found.relative, CopyKind.EDITABLE, ident.unit, False, modified=found.modified,
                  identified_by=ident.evidence, received=found.received)  # fmt: skip


def unreadable(found: FoundFile, context: IntakeContext, why: str) -> Intake:
    """The return of a file that could not be read, and the finding that says why."""
    return _unreadable(found, context, why)


def _unreadable(found: FoundFile, context: IntakeContext, why: str) -> Intake:
    ident = identify_return(found.relative, context.roster, None, found.sender)
    message = f"无法读取：{why}。其他文件照常处理；请联系该单位重新发送可编辑电子版"
    if "password" in why or "密码" in why:
        message = "文件有密码保护，无法读取：请联系该单位发送未加密的版本"
    finding = Finding(Severity.ERROR, Code.UNREADABLE_FILE, message, _name(ident.unit), found.relative)
    return Intake(_unreadable_return(found, ident), (finding,))


def _identity_findings(ident: Identification, file: str, stamped: bool) -> list[Finding]:
    findings: list[Finding] = []
    if ident.candidates:
        return [ambiguity_finding(ident, file)]
    if ident.unit is None:
        what = "盖章件" if stamped else "文件"
        findings.append(Finding(
            Severity.ERROR if not stamped else Severity.WARNING, Code.UNIT_UNKNOWN,
            f"无法识别{what}所属单位：请在文件名中注明单位名称，或在表头填写“单位名称”", None, file,
        ))  # fmt: skip
        return findings
    if not ident.unit.listed:
        findings.append(Finding(
            Severity.WARNING, Code.UNIT_UNLISTED,
            f"“{ident.said}”不在征求意见单位名单中：作为名单外单位保留其意见；如属名单内单位，请在 consultation.toml 中添加 aliases",
            ident.unit.name, file,
        ))  # fmt: skip
    if ident.conflicts:
        findings.append(Finding(
            Severity.WARNING, Code.UNIT_CONFLICT,
            f"按{_EVIDENCE.get(ident.evidence, ident.evidence)}认定为{ident.unit.name}，但" + "；".join(ident.conflicts),
            ident.unit.name, file,
        ))  # fmt: skip
    return findings


def _content_findings(content: FormContent, unit: Unit, found: FoundFile) -> list[Finding]:
    file = found.relative
    findings: list[Finding] = []
    if content.from_revisions:
        findings.append(Finding(
            Severity.INFO, Code.TRACKED_CHANGES,
            f"反馈的是带修订痕迹/批注的征求意见稿：已将 {len(content.entries)} 处修订和批注整理为意见", unit.name, file,
        ))  # fmt: skip
    elif content.has_revisions and content.table_found:
        findings.append(
            Finding(
                Severity.INFO,
                Code.TRACKED_CHANGES,
                "意见表含修订痕迹，已按修订后的最终文本读取",
                unit.name,
                file,
            )
        )
    if not content.table_found and not content.from_revisions and content.entries:
        findings.append(Finding(
            Severity.WARNING, Code.NO_FORM_TABLE,
            f"未找到修改意见表表格，已按正文段落读取 {len(content.entries)} 条意见，请核对", unit.name, file,
        ))  # fmt: skip
    if not content.entries and not content.no_opinion:
        findings.append(Finding(
            Severity.WARNING, Code.BLANK_FORM,
            "表格中没有意见，也没有“无修改意见”的表述：请与该单位确认", unit.name, file,
        ))  # fmt: skip
    if found.kind == FileKind.WORD:
        findings.append(
            Finding(Severity.INFO, Code.CONVERTED, "旧版格式，已转换为 .docx 后读取", unit.name, file)
        )
    if content.lost:
        findings.append(Finding(
            Severity.ERROR, Code.CELLS_LOST,
            f"表格中有 {len(content.lost)} 处内容未能计入任何意见（程序缺陷，请人工核对）：" + "；".join(content.lost[:5]),
            unit.name, file,
        ))  # fmt: skip
    for note in content.notes:
        findings.append(Finding(Severity.INFO, Code.ROW_NOTE, note, unit.name, file))
    if content.table_found:
        outside = [
            t
            for t in content.outside_text
            if len(t) > 12 and not _is_signature(t, unit) and not is_template_text(t)
        ]
        for text in outside[:MAX_OUTSIDE_NOTES]:
            findings.append(
                Finding(Severity.INFO, Code.OUTSIDE_TABLE, f"表格外文字：{text}", unit.name, file)
            )
        if len(outside) > MAX_OUTSIDE_NOTES:
            more = len(outside) - MAX_OUTSIDE_NOTES
            findings.append(
                Finding(Severity.INFO, Code.OUTSIDE_TABLE, f"另有 {more} 段表格外文字未列出", unit.name, file)
            )
    return findings


def _is_signature(text: str, unit: Unit) -> bool:
    return unit.name in text or any(a in text for a in unit.aliases)


def _name(unit: Unit | None) -> str | None:
    return unit.name if unit else None
