"""Where each unit stands: which of its returns counts, and whether it replied in time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from consolidate.codes import Code, Severity
from consolidate.model import Consultation, CopyKind, Finding, Opinion, Return, Status, Unit, UnitReport
from consolidate.text.normalise import fold

_CORRECTION = re.compile(r"更正|修改版|修订版|修正|最终|终稿|定稿|新版|第二版|v\d|V\d|\(\d\)|（\d）")


def newest(returns: list[Return]) -> Return:
    """The return that supersedes the others: later 填表时间, then later file time, then a
    name saying 更正/修改版."""
    return max(
        returns,
        key=lambda r: (
            r.fill_date or dt.date.min,
            r.modified,
            bool(_CORRECTION.search(r.file)),
        ),
    )


def is_late(ret: Return, deadline: dt.datetime) -> bool | None:
    """Late by the e-mail's arrival time when known, else by the form's 填表时间."""
    if ret.received is not None:
        return ret.received > deadline
    if ret.fill_date is not None:
        return ret.fill_date > deadline.date()
    return None


def _compare_copies(unit: Unit, editable: Return, stamped: Return) -> list[Finding]:
    """The stamped copy is the formal one: say so when its opinions differ from the editable copy's."""
    mine = {fold(o.text) for o in editable.opinions}
    theirs = {fold(o.text) for o in stamped.opinions}
    if mine == theirs or (editable.no_opinion and stamped.no_opinion and not mine and not theirs):
        return []
    return [Finding(
        Severity.WARNING, Code.COPIES_DIFFER,
        f"盖章件与可编辑电子版的意见不一致（电子版 {len(mine)} 条，盖章件 {len(theirs)} 条，其中 {len(theirs - mine)} 条仅见于盖章件）：请与该单位核实以哪一份为准",
        unit.name, stamped.file,
    )]  # fmt: skip


@dataclass(frozen=True)
class Assessment:
    """Where the units stand: one report per unit, every opinion read (those of superseded
    returns kept, marked superseded, so none is lost) and what the clerk should know."""

    reports: tuple[UnitReport, ...]
    opinions: tuple[Opinion, ...]
    findings: tuple[Finding, ...]


def assess_units(consultation: Consultation, returns: list[Return]) -> Assessment:
    """One report per roster unit (then per unlisted respondent), from the returns that
    were identified as theirs."""
    by_unit: dict[str, list[Return]] = {}
    extra_units: dict[str, Unit] = {}
    for ret in returns:
        if ret.unit is None:
            continue
        by_unit.setdefault(ret.unit.name, []).append(ret)
        if not ret.unit.listed:
            extra_units.setdefault(ret.unit.name, ret.unit)
    assessed = [
        _assess_unit(unit, by_unit.get(unit.name, []), consultation.deadline)
        for unit in (*consultation.units, *extra_units.values())
    ]
    return Assessment(
        reports=tuple(a.reports[0] for a in assessed),
        opinions=tuple(o for a in assessed for o in a.opinions),
        findings=tuple(f for a in assessed for f in a.findings),
    )


def _assess_unit(unit: Unit, mine: list[Return], deadline: dt.datetime) -> Assessment:
    """One unit's report, opinions and findings; the cases: something readable came back
    (its newest return counts), only unreadable files came back, or nothing did."""
    editable = [r for r in mine if r.copy == CopyKind.EDITABLE]
    readable = [r for r in editable if r.readable]
    stamped = [r for r in mine if r.copy == CopyKind.STAMPED]
    stamped_read = [r for r in stamped if r.readable and (r.opinions or r.no_opinion)]
    candidates = readable or stamped_read
    if candidates:
        read = _read_reply(unit, readable, stamped_read, newest(candidates), deadline)
    else:
        read = _Reply(
            Status.NEEDS_REVIEW if editable or stamped else Status.MISSING,
            findings=_unreadable_only(unit, editable, stamped),
        )
    findings = list(read.findings)
    if read.late:
        findings.append(Finding(Severity.WARNING, Code.LATE, f"反馈晚于截止时间 {deadline:%Y-%m-%d %H:%M}",
                                unit.name, None))  # fmt: skip
    if read.answered_by:
        findings.append(Finding(Severity.INFO, Code.ANSWERED_BY, f"由{read.answered_by}代为反馈，计入{unit.name}",
                                unit.name, None))  # fmt: skip
    report = UnitReport(
        unit=unit, status=read.status, late=read.late, stamped_copy=bool(stamped),
        editable_copy=bool(editable), opinions=read.count,
        files=tuple(r.file for r in mine), answered_by=read.answered_by,
    )  # fmt: skip
    return Assessment((report,), read.opinions, tuple(findings))


@dataclass(frozen=True)
class _Reply:
    """What a unit's returns amount to, before the report is written."""

    status: Status
    late: bool | None = None
    count: int = 0
    answered_by: str = ""
    opinions: tuple[Opinion, ...] = ()
    findings: tuple[Finding, ...] = ()


def _read_reply(
    unit: Unit, readable: list[Return], stamped_read: list[Return], effective: Return, deadline: dt.datetime
) -> _Reply:
    """The effective (newest) return counts; the others' opinions are kept, superseded."""
    opinions: list[Opinion] = []
    findings: list[Finding] = []
    for ret in (*readable, *stamped_read):
        superseded = ret is not effective
        opinions.extend(dataclasses.replace(o, superseded=superseded) for o in ret.opinions)
        if superseded and ret.copy == CopyKind.EDITABLE:
            findings.append(Finding(
                Severity.INFO, Code.SUPERSEDED,
                f"已被较新的 {effective.file} 取代"
                + (f"，其中 {len(ret.opinions)} 条意见未计入汇总（JSON 中保留）" if ret.opinions else ""),
                unit.name, ret.file,
            ))  # fmt: skip
    count = len(effective.opinions)
    status = Status.OPINIONS if count else Status.NO_OPINION if effective.no_opinion else Status.NEEDS_REVIEW
    if unit.group == "未识别":  # a file of no unit, or of several: the clerk decides whose
        status = Status.NEEDS_REVIEW
    if effective.copy == CopyKind.STAMPED:
        findings.append(Finding(
            Severity.WARNING, Code.STAMPED_ONLY,
            "只收到盖章件，已从 PDF 文字中读取意见：请核对，并索要 Word/Excel 可编辑电子版",
            unit.name, effective.file,
        ))  # fmt: skip
    elif stamped_read:
        findings.extend(_compare_copies(unit, effective, newest(stamped_read)))
    return _Reply(
        status, is_late(effective, deadline), count, effective.answered_by, tuple(opinions), tuple(findings)
    )


def _unreadable_only(unit: Unit, editable: list[Return], stamped: list[Return]) -> tuple[Finding, ...]:
    """Only files that could not be read came back: a scan alone needs an editable copy."""
    if stamped and not editable:
        return (Finding(
            Severity.WARNING, Code.STAMPED_ONLY,
            "只收到盖章件（扫描件，无法读取文字），未收到可编辑电子版：请索要 Word/Excel 版本",
            unit.name, stamped[0].file,
        ),)  # fmt: skip
    return ()
