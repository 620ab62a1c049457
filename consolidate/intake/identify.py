"""Deciding which unit a return comes from.

Evidence, most trusted first: the form's header line 单位名称（盖章）, the 单位 column,
the file's name (and the folder or archive it sits in), the e-mail's sender, the author of
tracked changes, signature lines under the table. A name that
matches no roster unit still identifies a respondent: it is kept as an unlisted unit. A name
that fits several roster units is never given to one of them on a guess: later evidence may
decide, otherwise the return has no unit and the candidates go to the clerk (unit-ambiguous).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from consolidate.codes import Code, Severity
from consolidate.consultation.roster import Ambiguity, Lookup, Roster, UnitMatch, clean_name
from consolidate.intake.form import FormContent
from consolidate.model import Finding, Unit

UNLISTED_GROUP = "名单外单位"
EVIDENCE_LABELS = {"header": "表头单位名称", "unit-column": "“单位”列", "file-name": "文件名", "folder": "文件夹名",
                   "signature": "落款", "sender": "发件人", "author": "修订人", "": "—"}  # fmt: skip


@dataclass(frozen=True)
class Identification:
    unit: Unit | None
    evidence: str  # header, unit-column, file-name, signature, or "" when unknown
    said: str = ""
    conflicts: tuple[str, ...] = ()
    delegate: str = ""  # e.g. 河池市人力资源和社会保障局 answering for 河池市人民政府
    candidates: tuple[Unit, ...] = ()  # when ``said`` fits several units and nothing decides


def identify_return(
    relative: str, roster: Roster, content: FormContent | None, sender: str = ""
) -> Identification:
    """The unit a file speaks for, with the evidence used and any disagreeing evidence.

    When the most trusted evidence fits several units (教育厅 where 教育厅 and 教育工委 were both
    consulted), later evidence may pick one of them; otherwise no unit is chosen and the
    candidates are returned for the clerk (``ambiguity_finding``).
    """
    candidates = _evidence(relative, roster, content, sender)
    found = [(evidence, m, said) for evidence, m, said in candidates if m is not None]
    if found and isinstance(found[0][1], Ambiguity):
        return _settle(found)
    matched = [(evidence, m, said) for evidence, m, said in found if isinstance(m, UnitMatch)]
    if matched:
        evidence, best, said = matched[0]
        conflicts = tuple(
            f"{EVIDENCE_LABELS.get(ev, ev)}为「{s}」（{m.unit.name}）"
            for ev, m, s in matched[1:]
            if m.unit != best.unit
        )
        said = best.said or said
        delegate = (
            said
            if best.how == "city" and evidence in ("header", "unit-column") and not _is_government(said)
            else ""
        )
        return Identification(best.unit, evidence, said, conflicts, delegate)
    for evidence, _, said in candidates:
        if evidence in ("header", "unit-column") and said.strip():
            name = clean_name(said)
            return Identification(Unit(name, UNLISTED_GROUP, listed=False), evidence, said)
    return Identification(None, "")


def _evidence(
    relative: str, roster: Roster, content: FormContent | None, sender: str
) -> list[tuple[str, Lookup, str]]:
    """Every name the file gives, most trusted first, each looked up in the roster."""
    candidates: list[tuple[str, Lookup, str]] = []
    if content is not None:
        if content.declared_unit:
            candidates.append(("header", roster.lookup(content.declared_unit), content.declared_unit))
        cells = [c for c in content.unit_cells if clean_name(c)]
        if cells:
            common = Counter(cells).most_common(1)[0][0]
            candidates.append(("unit-column", roster.lookup(common), common))
    path = PurePosixPath(relative)
    candidates.append(("file-name", roster.lookup_in(path.stem), path.stem))
    for folder in reversed(path.parts[:-1]):
        candidates.append(("folder", roster.lookup_in(folder), folder))
    if sender:
        candidates.append(("sender", roster.lookup_in(sender), sender))
    if content is not None:
        for author in content.authors:
            candidates.append(("author", roster.lookup(author) or roster.lookup_in(author), author))
        for line in content.outside_text[-4:]:
            if len(clean_name(line)) <= 30:
                candidates.append(("signature", roster.lookup(line), line))
    return candidates


def _settle(found: Sequence[tuple[str, Lookup, str]]) -> Identification:
    """The first evidence fits several units: later evidence that names one of them decides."""
    evidence, first, said = found[0]
    assert isinstance(first, Ambiguity)
    pool = list(first.candidates)
    for later_evidence, match, later_said in found[1:]:
        if isinstance(match, UnitMatch) and match.unit in pool:
            return Identification(match.unit, later_evidence, match.said or later_said)
        if isinstance(match, Ambiguity):
            narrowed = [u for u in pool if u in match.candidates]
            pool = narrowed or pool
            if len(pool) == 1:
                return Identification(pool[0], later_evidence, later_said)
    return Identification(None, evidence, first.said or said, candidates=tuple(pool))


def ambiguity_finding(ident: Identification, file: str) -> Finding:
    """What the clerk reads when a name fits several consulted units and nothing decides."""
    names = "、".join(u.name for u in ident.candidates)
    where = EVIDENCE_LABELS.get(ident.evidence, ident.evidence)
    return Finding(
        Severity.ERROR, Code.UNIT_AMBIGUOUS,
        f"{where}「{ident.said}」可能是以下任一单位：{names}。未计入其中任何一个单位（待核实）："
        "请与来文单位核实，在文件名或表头写明单位全称后重新汇总，或在 consultation.toml 中为该单位添加 aliases",
        None, file,
    )  # fmt: skip


def _is_government(name: str) -> bool:
    return bool(re.search(r"(人民政府|市政府|市)(办公室|办公厅)?$", clean_name(name)))
