"""Deciding which unit a return comes from.

Evidence, most trusted first: the form's header line 单位名称（盖章）, the 单位 column,
the file's name (and the folder or archive it sits in), the e-mail's sender, the author of
tracked changes, signature lines under the table. A name that
matches no roster unit still identifies a respondent: it is kept as an unlisted unit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from .form import FormContent
from .model import Unit
from .roster import Roster, UnitMatch, clean_name

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


def identify_return(
    relative: str, roster: Roster, content: FormContent | None, sender: str = ""
) -> Identification:
    """The unit a file speaks for, with the evidence used and any disagreeing evidence."""
    candidates: list[tuple[str, UnitMatch | None, str]] = []
    if content is not None:
        if content.declared_unit:
            candidates.append(("header", roster.match(content.declared_unit), content.declared_unit))
        cells = [c for c in content.unit_cells if clean_name(c)]
        if cells:
            common = Counter(cells).most_common(1)[0][0]
            candidates.append(("unit-column", roster.match(common), common))
    path = PurePosixPath(relative)
    candidates.append(("file-name", roster.find_in(path.stem), path.stem))
    for folder in reversed(path.parts[:-1]):
        candidates.append(("folder", roster.find_in(folder), folder))
    if sender:
        candidates.append(("sender", roster.find_in(sender), sender))
    if content is not None:
        for author in content.authors:
            candidates.append(("author", roster.match(author) or roster.find_in(author), author))
        for line in content.outside_text[-4:]:
            if len(clean_name(line)) <= 30:
                candidates.append(("signature", roster.match(line), line))

    matched = [(evidence, m, said) for evidence, m, said in candidates if m is not None]
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


def _is_government(name: str) -> bool:
    return bool(re.search(r"(人民政府|市政府|市)(办公室|办公厅)?$", clean_name(name)))
