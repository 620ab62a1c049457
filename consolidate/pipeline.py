"""The whole run: returns folder in, `Consolidation` out. No printing, no exiting."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from consolidate.analysis.attribution import ClauseIndex, attribute_opinion
from consolidate.analysis.merge import group_by_clause
from consolidate.analysis.overrides import FILENAME as OVERRIDES
from consolidate.analysis.overrides import OverridesError, apply_overrides, load_overrides
from consolidate.analysis.review import annotate, for_the_meeting
from consolidate.analysis.status import assess_units
from consolidate.codes import Code, Severity
from consolidate.consultation.roster import Roster
from consolidate.documents.convert import convert_word_files
from consolidate.documents.discover import Discovery, FoundFile, survey_folder
from consolidate.documents.guards import SECONDS_PER_FILE, alarm_available, bounded_map
from consolidate.errors import ConsolidateError
from consolidate.intake.cache import ResultCache, cache_dir, content_key
from consolidate.intake.own_files import own_output_reason
from consolidate.intake.take_in import Intake, IntakeContext, take_in, unreadable
from consolidate.intake.unpack import expand
from consolidate.model import Consolidation, Consultation, FileKind, Finding, Opinion, Return
from consolidate.papers.sanitize import clean_for_xml
from consolidate.runs import (
    interrupts_as_exceptions,
    remove_orphaned_workdirs,
    stop_pool,
    watch_parent,
    workdir_prefix,
)


class ReturnsFolderError(ConsolidateError):
    """The returns folder itself cannot be read."""


def consolidate(
    consultation: Consultation,
    returns_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
    previous: Path | None = None,
) -> Consolidation:
    """Read every file in ``returns_dir`` and consolidate the opinions by clause.

    ``previous`` (or the consultation's ``previous`` key) is the earlier round's ledger:
    each opinion that repeats one decided then carries that decision (see previous.py).

    Archives and e-mails are opened, and legacy files converted, inside a private
    temporary folder that is removed afterwards; nothing is written into ``returns_dir``.
    The stages in order: intake (the returns read), analysis (where units stand, where
    opinions belong, what they propose), then the result made safe for the papers.
    """
    survey = _survey(returns_dir)
    cache = ResultCache(cache_dir() if use_cache else None)
    context = IntakeContext(
        Roster(consultation.units, consultation.issuer), consultation.draft, consultation.reference, cache
    )
    findings: list[Finding] = list(survey.problems)
    if cache.problem:
        findings.append(Finding(Severity.WARNING, Code.CACHE_UNSAFE, cache.problem))
    intake = _read_returns(survey, context, progress)
    findings.extend(intake.findings)
    findings.extend(_about_the_run(consultation, intake.ignored))

    assessment = assess_units(consultation, list(intake.returns))
    findings.extend(assessment.findings)
    placed = _place_all(assessment.opinions, consultation)
    findings.extend(placed.findings)
    review = annotate(placed.opinions, consultation, context.roster)
    linked = _remember_round_one(review.opinions, consultation, previous)
    findings.extend(linked.findings)
    findings.extend(review.findings)
    result = Consolidation(
        consultation=consultation,
        units=assessment.reports,
        opinions=linked.opinions,
        groups=group_by_clause(linked.opinions, consultation.draft, review.notes),
        findings=tuple(findings),
        returns=intake.returns,
    )
    return _for_the_papers(result)


def _survey(returns_dir: Path) -> Discovery:
    """The returns folder walked, or why it cannot be."""
    if not returns_dir.is_dir():
        raise ReturnsFolderError(f"{returns_dir}：文件夹不存在或不是文件夹，请检查路径")
    if not os.access(returns_dir, os.R_OK | os.X_OK):
        raise ReturnsFolderError(f"{returns_dir}：没有权限读取该文件夹，请检查权限")
    try:
        return survey_folder(returns_dir)
    except OSError as exc:
        raise ReturnsFolderError(
            f"{returns_dir}：无法列出文件夹内容（{exc.strerror or exc}），请检查权限"
        ) from exc


@dataclass(frozen=True)
class ReturnsRead:
    """The intake stage's result: the returns read, what reading found, and the files
    left aside on purpose as ``(file, why)``."""

    returns: tuple[Return, ...]
    findings: tuple[Finding, ...]
    ignored: tuple[tuple[str, str], ...]


def _read_returns(
    survey: Discovery,
    context: IntakeContext,
    progress: Callable[[int, int], None] | None,
) -> ReturnsRead:
    """Unpack, convert and read every candidate file inside a private work folder."""
    remove_orphaned_workdirs()
    with interrupts_as_exceptions(), tempfile.TemporaryDirectory(prefix=workdir_prefix()) as workdir:
        read = _read_files(survey.found, context, Path(workdir), progress)
    return ReturnsRead(tuple(read.returns), tuple(read.findings), (*survey.ignored, *read.ignored))


def _about_the_run(consultation: Consultation, ignored: tuple[tuple[str, str], ...]) -> list[Finding]:
    """What the clerk should know about the settings and the folder, besides the returns."""
    findings = []
    for note in consultation.notes:
        findings.append(
            Finding(
                Severity.WARNING,
                Code.SETTINGS_ENCODING,
                note,
                None,
                consultation.path.name if consultation.path else None,
            )
        )
    for file, why in ignored:
        findings.append(Finding(Severity.INFO, Code.IGNORED_FILE, why, None, file))
    if consultation.draft is None:
        findings.append(Finding(Severity.WARNING, Code.NO_DRAFT,
                                "consultation.toml 未指定 draft：意见无法按条款归类，全部列入“总体意见”"))  # fmt: skip
    return findings


@dataclass(frozen=True)
class OpinionsStep:
    """Opinions after one analysis step, and what the step found on the way."""

    opinions: tuple[Opinion, ...]
    findings: tuple[Finding, ...] = ()


def _place_all(opinions: tuple[Opinion, ...], consultation: Consultation) -> OpinionsStep:
    """Each opinion on the clauses it concerns, then the clerk's overrides applied."""
    index = ClauseIndex(consultation.draft) if consultation.draft else None
    placed = tuple(_place(o, index) for o in opinions)
    overrides_path = consultation.path.parent / OVERRIDES if consultation.path else None
    if overrides_path is None:
        return OpinionsStep(placed)
    try:
        overrides = load_overrides(overrides_path)
        overridden = apply_overrides(placed, overrides, consultation.draft)
        placed, override_findings = overridden.opinions, list(overridden.findings)
        override_findings += [
            Finding(Severity.WARNING, Code.SETTINGS_ENCODING, n, None, OVERRIDES) for n in overrides.notes
        ]
    except OverridesError as exc:
        override_findings = [Finding(Severity.ERROR, Code.OVERRIDES_INVALID, str(exc), None, OVERRIDES)]
    return OpinionsStep(placed, tuple(override_findings))


def _for_the_papers(result: Consolidation) -> Consolidation:
    """The result made safe for the XML writers, its groups laid out for the meeting on
    that safe text, and its findings in the order the clerk reads them."""
    cleaned = clean_for_xml(result)
    result, dirty = cleaned.result, cleaned.dirty_files
    findings = list(result.findings)
    for file in sorted(dirty):
        findings.append(Finding(Severity.WARNING, Code.CONTROL_CHARACTERS,
                                "文件中含有 Word/Excel 无法保存的控制字符（如 _x0001_），已删除后再汇总：请核对该文件的意见原文",
                                None, file or None))  # fmt: skip
    return dataclasses.replace(
        result,
        groups=for_the_meeting(result.groups, result.consultation.draft),
        findings=tuple(sorted(findings, key=_finding_order)),
    )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _remember_round_one(
    opinions: tuple[Opinion, ...], consultation: Consultation, previous: Path | None
) -> OpinionsStep:
    """Link opinions to the earlier round's decisions; an unreadable earlier ledger is an
    error finding, not the end of the run (this round's returns are still worth reading)."""
    path = previous or consultation.previous
    if path is None:
        return OpinionsStep(opinions)
    from consolidate.analysis.previous import link_previous, round_one_from_rows
    from consolidate.papers.ledger import LedgerError, read_ledger

    try:
        earlier = round_one_from_rows(read_ledger(path))
    except LedgerError as exc:
        return OpinionsStep(
            opinions,
            (
                Finding(
                    Severity.ERROR,
                    Code.PREVIOUS_UNREADABLE,
                    f"无法读取上一轮处理台账：{exc}",
                    None,
                    path.name,
                ),
            ),
        )
    linked = link_previous(opinions, earlier, consultation.draft)
    repeated = sum(1 for o in linked if o.previous is not None and not o.superseded)
    note = f"与上一轮处理台账（{path.name}，{len(earlier)}条已处理意见）对照：本轮有{repeated}条意见在上一轮已提出或有相近意见"
    return OpinionsStep(linked, (Finding(Severity.INFO, Code.PREVIOUS_ROUND, note, None, path.name),))


@dataclasses.dataclass
class _Read:
    """What reading a list of found files gave: returns in the files' order, findings,
    and ``(file, why)`` for files that are no return (the tool's own papers)."""

    returns: list[Return] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    ignored: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def _read_files(
    found: list[FoundFile], context: IntakeContext, workdir: Path, progress: Callable[[int, int], None] | None
) -> _Read:
    """Unpack containers, convert legacy files, then take every file in: zips found in the
    folder are opened once, by the worker that reads them, which also tells the tool's own
    papers and the zips that are no return (see `_read_packages_again`)."""
    read = _Read()
    unpacked = expand(found, workdir)
    read.ignored.extend(unpacked.ignored)
    read.findings.extend(unpacked.findings)
    files = []
    for item in unpacked.files:
        why = "" if item.kind == FileKind.PACKAGE else own_output_reason(item)
        if why:
            read.ignored.append((item.relative, why))
        else:
            files.append(item)
    converted = _convert(files, context.cache, workdir, read.findings)
    jobs = [(item, converted.get(item.relative)) for item in files]
    slots: list[list[Return]] = []
    again: list[tuple[list[Return], FoundFile]] = []
    for done, (item, intake) in enumerate(zip(files, _take_in_all(jobs, context)), start=1):
        if progress is not None:
            progress(done, len(jobs))
        slots.append([])
        if intake.found_to_be:
            again.append((slots[-1], dataclasses.replace(item, kind=intake.found_to_be)))
            continue
        if intake.ignored:
            read.ignored.append((item.relative, intake.ignored))
            continue
        if item.note:
            read.findings.append(Finding(Severity.INFO, Code.FILE_NAME, item.note, None, item.relative))
        if intake.ret is not None:
            slots[-1].append(intake.ret)
        read.findings.extend(intake.findings)
    _read_packages_again(again, context, workdir, read)
    read.returns = [ret for slot in slots for ret in slot]
    return read


def _read_packages_again(
    again: list[tuple[list[Return], FoundFile]], context: IntakeContext, workdir: Path, read: _Read
) -> None:
    """Zips that proved to be archives of returns or OpenDocument files, read as what they
    are; their returns go where the zip stood in the folder's order."""
    if not again:
        return
    inner = _read_files([item for _, item in again], context, workdir / "packages", None)
    read.findings.extend(inner.findings)
    read.ignored.extend(inner.ignored)
    for ret in inner.returns:
        for slot, item in again:
            if ret.file == item.relative or ret.file.startswith(item.relative + "/"):
                slot.append(ret)
                break


def _convert(
    files: list[FoundFile], cache: ResultCache | None, workdir: Path, findings: list[Finding]
) -> dict[str, Path]:
    """The .docx LibreOffice makes of each legacy file not already in the cache."""
    before: dict[str, str] = {}
    for item in files:
        if item.kind == FileKind.WORD:
            fingerprint = _fingerprint(item, cache)
            if fingerprint is not None:
                before[item.relative] = fingerprint
    to_convert = [f for f in files if f.relative in before]
    converted, conversion_findings = convert_word_files(to_convert, workdir)
    findings.extend(conversion_findings)
    for item in to_convert:
        if item.relative in converted and _digest(item.path) != before[item.relative]:
            # Replaced while LibreOffice read the old bytes: never cache one under the other.
            del converted[item.relative]
            findings.append(Finding(Severity.WARNING, Code.CHANGED_WHILE_READING,
                                    "文件在转换期间被替换，本次未读取：请重新运行", None, item.relative))  # fmt: skip
    return converted


def _fingerprint(found: FoundFile, cache: ResultCache | None) -> str | None:
    """The digest of a legacy file's bytes before conversion, or None when its reading is
    already cached (no conversion needed); one read serves both questions."""
    try:
        data = found.path.read_bytes()
    except OSError:
        return ""  # converted anyway: the converter says what is wrong with the file
    if cache is not None and cache.has(content_key(data, found.kind)):
        return None
    return hashlib.sha256(data).hexdigest()


PARALLEL_FROM = 24  # files; below this, starting worker processes costs more than it saves
_WORKER_CONTEXT: IntakeContext | None = None


def _take_in_all(jobs: list[tuple[FoundFile, Path | None]], context: IntakeContext) -> Iterator[Intake]:
    """Read the files, across processes when there are many: parsing is CPU-bound and
    each file is independent. Results come back in the files' order."""
    workers = min(os.cpu_count() or 1, 8)
    if not alarm_available():
        # No SIGALRM (Windows, or a thread): only a worker process that can be stopped
        # bounds a file that hangs its parser.
        stopped_or_read = bounded_map(
            _take_in_job, jobs, SECONDS_PER_FILE, workers, _init_worker, (context, os.getpid())
        )
        for (item, _), outcome in zip(jobs, stopped_or_read):
            yield outcome if isinstance(outcome, Intake) else unreadable(item, context, outcome.why)
        return
    if len(jobs) < PARALLEL_FROM or workers < 2 or os.environ.get("CONSOLIDATE_WORKERS") == "1":
        for item, converted in jobs:
            yield take_in(item, context, converted)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(jobs) // (workers * 8))
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context, os.getpid()))
    finished = False
    try:
        yield from pool.map(_take_in_job, jobs, chunksize=chunk)
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            stop_pool(pool)


def _init_worker(context: IntakeContext, parent: int) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context
    watch_parent(parent)


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


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _finding_order(finding: Finding) -> tuple[int, str, str]:
    return (_SEVERITY_ORDER[finding.severity], finding.file or "", finding.code)
