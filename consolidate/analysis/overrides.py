"""Hand corrections that survive re-runs: ``overrides.toml`` beside the consultation file.

Opinion ids depend only on the file's content and the opinion's place in it, so an
override keeps applying as new returns arrive::

    [[move]]
    opinion = "9e8f6981-02"
    to = "3.2"            # a clause id ("8.2.1", "ch2"), its label ("第八条第二款第（一）项"),
                          # a list of them, or "" for the whole document
    note = "会上确认"

    [[duplicate]]
    opinion = "5b1c0d2e-01"
    of = "9e8f6981-02"
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.codes import Code, Severity
from consolidate.errors import ConsolidateError
from consolidate.model import Draft, Finding, Flag, Method, Opinion
from consolidate.text.settings_file import read_settings_text
from consolidate.thresholds import BY_HAND

FILENAME = "overrides.toml"


class OverridesError(ConsolidateError):
    """The overrides file cannot be used; the message names the file and entry."""


@dataclass(frozen=True)
class Overrides:
    moves: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # about reading the file itself, e.g. its encoding


def load_overrides(path: Path) -> Overrides:
    if not path.is_file():
        return Overrides()
    try:
        decoded = read_settings_text(path)
        data = tomllib.loads(decoded.text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OverridesError(f"{path}: {exc}") from exc
    moves: dict[str, tuple[tuple[str, ...], str]] = {}
    for n, entry in enumerate(data.get("move", []), start=1):
        opinion, to = entry.get("opinion"), entry.get("to", "")
        if not isinstance(opinion, str) or not isinstance(to, (str, list)):
            raise OverridesError(f'{path}: move[{n}] needs opinion = "id" and to = "clause id"')
        clauses = (
            tuple(to) if isinstance(to, list) else ((to,) if to.strip() and to.strip() != "全文" else ())
        )
        moves[opinion] = (tuple(str(c).strip() for c in clauses), str(entry.get("note", "")))
    duplicates: dict[str, str] = {}
    for n, entry in enumerate(data.get("duplicate", []), start=1):
        opinion, of = entry.get("opinion"), entry.get("of")
        if not isinstance(opinion, str) or not isinstance(of, str):
            raise OverridesError(f'{path}: duplicate[{n}] needs opinion = "id" and of = "id"')
        duplicates[opinion] = of
    return Overrides(moves, duplicates, (decoded.note,) if decoded.note else ())


@dataclass(frozen=True)
class Overridden:
    """The opinions as the clerk moved and merged them, and what could not be applied."""

    opinions: tuple[Opinion, ...]
    findings: tuple[Finding, ...]


def apply_overrides(opinions: tuple[Opinion, ...], overrides: Overrides, draft: Draft | None) -> Overridden:
    """Move and merge opinions as the clerk decided; unknown ids become findings."""
    known = {o.id for o in opinions}
    findings: list[Finding] = []
    for opinion_id in [*overrides.moves, *overrides.duplicates]:
        if opinion_id not in known:
            findings.append(Finding(Severity.WARNING, Code.OVERRIDE_UNKNOWN,
                                    f"overrides.toml 中的意见编号 {opinion_id} 在本次汇总中不存在（文件已更换？）"))  # fmt: skip
    result = []
    for opinion in opinions:
        if opinion.id in overrides.moves:
            clauses, note = overrides.moves[opinion.id]
            clauses = tuple(draft.settled(_clause_id(c, draft)) if draft else c for c in clauses)
            bad = [c for c in clauses if draft is None or draft.get(c) is None]
            if bad:
                findings.append(Finding(Severity.WARNING, Code.OVERRIDE_CLAUSE,
                                        f"overrides.toml 把 {opinion.id} 移到不存在的条款 {'、'.join(bad)}，未调整"))  # fmt: skip
            else:
                opinion = dataclasses.replace(
                    opinion, clauses=clauses, confidence=BY_HAND,
                    attribution=Method.MOVED_BY_HAND + (f"：{note}" if note else ""),
                    flags=(*opinion.flags, Flag.MOVED),
                )  # fmt: skip
        if opinion.id in overrides.duplicates and overrides.duplicates[opinion.id] in known:
            opinion = dataclasses.replace(opinion, duplicate_of=overrides.duplicates[opinion.id])
        result.append(opinion)
    return Overridden(tuple(result), tuple(findings))


def _clause_id(written: str, draft: Draft | None) -> str:
    """A clause id as written, or the id of the one clause whose label it is (第八条第二款)."""
    if draft is None or draft.get(written) is not None:
        return written
    named = [c.id for c in draft.clauses if c.label == written]
    # An article of one 款 and that 款 share a label: the 款 holds the words.
    return named[-1] if named else written
