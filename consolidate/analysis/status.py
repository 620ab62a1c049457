"""Where each unit stands: which of its returns counts, and whether it replied in time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from consolidate.model import Consultation, Finding, Opinion, Return, Status, Unit, UnitReport
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
        "warning", "copies-differ",
        f"盖章件与可编辑电子版的意见不一致（电子版 {len(mine)} 条，盖章件 {len(theirs)} 条，其中 {len(theirs - mine)} 条仅见于盖章件）：请与该单位核实以哪一份为准",
        unit.name, stamped.file,
    )]  # fmt: skip


def assess_units(
    consultation: Consultation, returns: list[Return]
) -> tuple[list[UnitReport], list[Opinion], list[Finding]]:
    """One report per roster unit (then per unlisted respondent); opinions of superseded
    returns are kept, marked superseded, so none is lost."""
    by_unit: dict[str, list[Return]] = {}
    extra_units: dict[str, Unit] = {}
    for ret in returns:
        if ret.unit is None:
            continue
        by_unit.setdefault(ret.unit.name, []).append(ret)
        if not ret.unit.listed:
            extra_units.setdefault(ret.unit.name, ret.unit)

    reports: list[UnitReport] = []
    opinions: list[Opinion] = []
    findings: list[Finding] = []
    for unit in (*consultation.units, *extra_units.values()):
        mine = by_unit.get(unit.name, [])
        editable = [r for r in mine if r.copy == "editable"]
        readable = [r for r in editable if r.readable]
        stamped = [r for r in mine if r.copy == "stamped"]
        stamped_read = [r for r in stamped if r.readable and (r.opinions or r.no_opinion)]
        late: bool | None = None
        count = 0
        answered_by = ""
        candidates = readable or stamped_read
        if candidates:
            effective = newest(candidates)
            for ret in (*readable, *stamped_read):
                superseded = ret is not effective
                opinions.extend(dataclasses.replace(o, superseded=superseded) for o in ret.opinions)
                if superseded and ret.copy == "editable":
                    findings.append(Finding(
                        "info", "superseded",
                        f"已被较新的 {effective.file} 取代"
                        + (f"，其中 {len(ret.opinions)} 条意见未计入汇总（JSON 中保留）" if ret.opinions else ""),
                        unit.name, ret.file,
                    ))  # fmt: skip
            count = len(effective.opinions)
            status: Status = "opinions" if count else "no_opinion" if effective.no_opinion else "needs_review"
            if unit.group == "未识别":  # a file of no unit, or of several: the clerk decides whose
                status = "needs_review"
            late = is_late(effective, consultation.deadline)
            answered_by = effective.answered_by
            if effective.copy == "stamped":
                findings.append(Finding(
                    "warning", "stamped-only",
                    "只收到盖章件，已从 PDF 文字中读取意见：请核对，并索要 Word/Excel 可编辑电子版",
                    unit.name, effective.file,
                ))  # fmt: skip
            elif stamped_read:
                findings.extend(_compare_copies(unit, effective, newest(stamped_read)))
        elif editable or stamped:
            status = "needs_review"
            if stamped and not editable:
                findings.append(Finding(
                    "warning", "stamped-only",
                    "只收到盖章件（扫描件，无法读取文字），未收到可编辑电子版：请索要 Word/Excel 版本",
                    unit.name, stamped[0].file,
                ))  # fmt: skip
        else:
            status = "missing"
        if late:
            findings.append(Finding("warning", "late", f"反馈晚于截止时间 {consultation.deadline:%Y-%m-%d %H:%M}",
                                    unit.name, None))  # fmt: skip
        if answered_by:
            findings.append(Finding("info", "answered-by", f"由{answered_by}代为反馈，计入{unit.name}",
                                    unit.name, None))  # fmt: skip
        reports.append(UnitReport(
            unit=unit, status=status, late=late, stamped_copy=bool(stamped),
            editable_copy=bool(editable), opinions=count,
            files=tuple(r.file for r in mine), answered_by=answered_by,
        ))  # fmt: skip
    return reports, opinions, findings
