"""The whole run: returns folder in, `Consolidation` out. No printing, no exiting."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .attribution import ClauseIndex, attribute_opinion
from .cache import ResultCache, cache_dir, content_key
from .convert import convert_word_files
from .discover import FoundFile, discover
from .intake import Intake, IntakeContext, take_in
from .merge import group_by_clause
from .model import Consolidation, Consultation, Finding, Opinion
from .overrides import FILENAME as OVERRIDES
from .overrides import OverridesError, apply_overrides, load_overrides
from .review import annotate
from .roster import Roster
from .status import assess_units
from .unpack import expand


class ReturnsFolderError(Exception):
    """The returns folder itself cannot be read."""


def consolidate(
    consultation: Consultation,
    returns_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
) -> Consolidation:
    """Read every file in ``returns_dir`` and consolidate the opinions by clause.

    Archives and e-mails are opened, and legacy files converted, inside a private
    temporary folder that is removed afterwards; nothing is written into ``returns_dir``.
    """
    if not returns_dir.is_dir():
        raise ReturnsFolderError(f"{returns_dir}: not a folder")
    try:
        found, ignored = discover(returns_dir)
    except OSError as exc:
        raise ReturnsFolderError(f"{returns_dir}: cannot list the folder ({exc})") from exc

    cache = ResultCache(cache_dir() if use_cache else None)
    context = IntakeContext(
        Roster(consultation.units, consultation.issuer), consultation.draft, consultation.reference, cache
    )
    findings: list[Finding] = []
    returns = []
    with tempfile.TemporaryDirectory(prefix="consolidate-") as workdir:
        unpacked = expand(found, Path(workdir))
        ignored.extend(unpacked.ignored)
        findings.extend(unpacked.findings)
        to_convert = [f for f in unpacked.files if f.kind == "word" and not _cached(f, cache)]
        converted, conversion_findings = convert_word_files(to_convert, Path(workdir))
        findings.extend(conversion_findings)
        jobs = [(item, converted.get(item.relative)) for item in unpacked.files]
        for done, (item, intake) in enumerate(zip(unpacked.files, _take_in_all(jobs, context)), start=1):
            if progress is not None:
                progress(done, len(jobs))
            if item.note:
                findings.append(Finding("info", "file-name", item.note, None, item.relative))
            if intake.ret is not None:
                returns.append(intake.ret)
            findings.extend(intake.findings)
    for file, why in ignored:
        findings.append(Finding("info", "ignored-file", why, None, file))
    if consultation.draft is None:
        findings.append(Finding("warning", "no-draft",
                                "consultation.toml 未指定 draft：意见无法按条款归类，全部列入“总体意见”"))  # fmt: skip

    reports, opinions, unit_findings = assess_units(consultation, returns)
    findings.extend(unit_findings)
    index = ClauseIndex(consultation.draft) if consultation.draft else None
    placed = tuple(_place(o, index) for o in opinions)
    overrides_path = consultation.path.parent / OVERRIDES if consultation.path else None
    if overrides_path is not None:
        try:
            placed, override_findings = apply_overrides(
                placed, load_overrides(overrides_path), consultation.draft
            )
        except OverridesError as exc:
            override_findings = [Finding("error", "overrides-invalid", str(exc), None, OVERRIDES)]
        findings.extend(override_findings)
    reviewed, notes, draft_findings = annotate(placed, consultation, context.roster)
    findings.extend(draft_findings)
    return Consolidation(
        consultation=consultation,
        units=tuple(reports),
        opinions=reviewed,
        groups=group_by_clause(reviewed, consultation.draft, notes),
        findings=tuple(sorted(findings, key=_finding_order)),
        returns=tuple(returns),
    )


def _cached(found: FoundFile, cache: ResultCache) -> bool:
    try:
        return cache.has(content_key(found.path.read_bytes(), found.kind))
    except OSError:
        return False


PARALLEL_FROM = 24  # files; below this, starting worker processes costs more than it saves
_WORKER_CONTEXT: IntakeContext | None = None


def _take_in_all(jobs: list[tuple[FoundFile, Path | None]], context: IntakeContext) -> Iterator[Intake]:
    """Read the files, across processes when there are many: parsing is CPU-bound and
    each file is independent. Results come back in the files' order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2 or os.environ.get("CONSOLIDATE_WORKERS") == "1":
        for item, converted in jobs:
            yield take_in(item, context, converted)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context,)) as pool:
        yield from pool.map(_take_in_job, jobs, chunksize=chunk)


def _init_worker(context: IntakeContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


def _take_in_job(job: tuple[FoundFile, Path | None]) -> Intake:
    assert _WORKER_CONTEXT is not None
    return take_in(job[0], _WORKER_CONTEXT, job[1])


def _place(opinion: Opinion, index: ClauseIndex | None) -> Opinion:
    placement = attribute_opinion(opinion.text, index, opinion.clause_hint, opinion.reason, opinion.context)
    return dataclasses.replace(
        opinion,
        clauses=placement.clauses,
        confidence=placement.confidence,
        attribution=placement.method,
    )


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _finding_order(finding: Finding) -> tuple[int, str, str]:
    return (_SEVERITY_ORDER[finding.severity], finding.file or "", finding.code)
