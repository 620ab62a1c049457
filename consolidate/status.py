"""Where each unit stands: which of its returns counts, and whether it replied in time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .model import Consultation, Finding, Opinion, Return, Unit, UnitReport

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
    deadline_day = consultation.deadline.date()
    for unit in (*consultation.units, *extra_units.values()):
        mine = by_unit.get(unit.name, [])
        editable = [r for r in mine if r.copy == "editable"]
        readable = [r for r in editable if r.readable]
        stamped = any(r.copy == "stamped" for r in mine)
        late: bool | None = None
        count = 0
        answered_by = ""
        if readable:
            effective = newest(readable)
            for ret in readable:
                superseded = ret is not effective
                opinions.extend(dataclasses.replace(o, superseded=superseded) for o in ret.opinions)
                if superseded:
                    findings.append(Finding(
                        "info", "superseded",
                        f"已被较新的 {effective.file} 取代"
                        + (f"，其中 {len(ret.opinions)} 条意见未计入汇总（JSON 中保留）" if ret.opinions else ""),
                        unit.name, ret.file,
                    ))  # fmt: skip
            count = len(effective.opinions)
            status = "opinions" if count else "no_opinion" if effective.no_opinion else "needs_review"
            if effective.fill_date is not None:
                late = effective.fill_date > deadline_day
            answered_by = effective.answered_by
        elif mine and (editable or stamped):
            status = "needs_review"
            if stamped and not editable:
                findings.append(Finding(
                    "warning", "stamped-only",
                    "只收到盖章件，未收到可编辑电子版：请索要 Word/Excel 版本",
                    unit.name, mine[0].file,
                ))  # fmt: skip
        else:
            status = "missing"
        if late:
            findings.append(Finding("warning", "late", f"填表时间晚于截止时间 {deadline_day}",
                                    unit.name, None))  # fmt: skip
        if answered_by:
            findings.append(Finding("info", "answered-by", f"由{answered_by}代为反馈，计入{unit.name}",
                                    unit.name, None))  # fmt: skip
        reports.append(UnitReport(
            unit=unit, status=status, late=late, stamped_copy=stamped,
            editable_copy=bool(editable), opinions=count,
            files=tuple(r.file for r in mine), answered_by=answered_by,
        ))  # fmt: skip
    return reports, opinions, findings
