"""The whole run: returns folder in, `Consolidation` out. No printing, no exiting."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .attribution import ClauseIndex, attribute_opinion
from .discover import discover
from .intake import take_in
from .merge import group_by_clause
from .model import Consolidation, Consultation, Finding, Opinion
from .roster import Roster
from .status import assess_units


class ReturnsFolderError(Exception):
    """The returns folder itself cannot be read."""


def consolidate(consultation: Consultation, returns_dir: Path) -> Consolidation:
    """Read every file in ``returns_dir`` and consolidate the opinions by clause."""
    if not returns_dir.is_dir():
        raise ReturnsFolderError(f"{returns_dir}: not a folder")
    try:
        found, skipped = discover(returns_dir)
    except OSError as exc:
        raise ReturnsFolderError(f"{returns_dir}: cannot list the folder ({exc})") from exc

    roster = Roster(consultation.units)
    findings: list[Finding] = []
    returns = []
    for item in found:
        intake = take_in(item, roster)
        returns.append(intake.ret)
        findings.extend(intake.findings)
    for path in skipped:
        findings.append(Finding("info", "skipped-file", "临时文件或系统文件，已跳过", None,
                                path.relative_to(returns_dir).as_posix()))  # fmt: skip
    if consultation.draft is None:
        findings.append(Finding("warning", "no-draft",
                                "consultation.toml 未指定 draft：意见无法按条款归类，全部列入“总体意见”"))  # fmt: skip

    reports, opinions, unit_findings = assess_units(consultation, returns)
    findings.extend(unit_findings)
    index = ClauseIndex(consultation.draft) if consultation.draft else None
    placed = tuple(_place(o, index) for o in opinions)
    return Consolidation(
        consultation=consultation,
        units=tuple(reports),
        opinions=placed,
        groups=group_by_clause(placed, consultation.draft),
        findings=tuple(sorted(findings, key=_finding_order)),
        returns=tuple(returns),
    )


def _place(opinion: Opinion, index: ClauseIndex | None) -> Opinion:
    placement = attribute_opinion(opinion.text, index, opinion.clause_hint, opinion.reason)
    return dataclasses.replace(
        opinion,
        clauses=placement.clauses,
        confidence=placement.confidence,
        attribution=placement.method,
    )


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _finding_order(finding: Finding) -> tuple[int, str, str]:
    return (_SEVERITY_ORDER[finding.severity], finding.file or "", finding.code)
