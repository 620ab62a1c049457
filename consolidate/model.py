"""The domain's data: small frozen dataclasses passed between pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .edits import ProposedEdit

Severity = Literal["error", "warning", "info"]
Status = Literal["opinions", "no_opinion", "missing", "needs_review"]
CopyKind = Literal["editable", "stamped", "other"]


@dataclass(frozen=True)
class Finding:
    """Something the clerk should know about a file or a unit; never printed where found."""

    severity: Severity
    code: str
    message: str
    unit: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Unit:
    """An addressee of the consultation (or a respondent that is not on the roster)."""

    name: str
    group: str = ""
    aliases: tuple[str, ...] = ()
    listed: bool = True


@dataclass(frozen=True)
class Contact:
    """A person in the issuing department whom units (and the clerk) can call."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Clause:
    """A place in the draft an opinion can concern.

    ids: ``"0"`` the preamble, ``"P"`` part P as a whole, ``"P.K"`` the K-th paragraph of
    part P. The whole document has no Clause; opinions about it carry no clause id.
    """

    id: str
    part: int | None
    paragraph: int | None
    heading: str
    text: str
    responsible: str = ""
    national: tuple[str, ...] = ()  # underlined in the draft: the national document's wording
    refined: tuple[str, ...] = ()  # wavy-underlined: the region's refinement of it

    @property
    def label(self) -> str:
        """How a Chinese reader names the clause: 序言, 第三部分, 第三部分第2段."""
        from .numerals import to_chinese

        if self.id == "0":
            return "序言"
        if self.paragraph is None:
            return f"第{to_chinese(self.part or 0)}部分"
        return f"第{to_chinese(self.part or 0)}部分第{self.paragraph}段"


@dataclass(frozen=True)
class Draft:
    """The draft under consultation, as an ordered list of clauses."""

    title: str
    clauses: tuple[Clause, ...]

    def get(self, clause_id: str | None) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def parts(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.paragraph is None and c.id != "0")

    def paragraphs(self, part: int | None = None) -> tuple[Clause, ...]:
        """Clauses that hold text: the preamble and every paragraph (of one part if given)."""
        return tuple(
            c
            for c in self.clauses
            if (c.paragraph is not None or c.id == "0") and (part is None or c.part == part)
        )

    def order(self, clause_id: str | None) -> int:
        """Position of a clause in reading order; the whole document sorts last."""
        for index, clause in enumerate(self.clauses):
            if clause.id == clause_id:
                return index
        return len(self.clauses)


@dataclass(frozen=True)
class Consultation:
    """What ``consultation.toml`` says: the letter, its deadline, its addressees."""

    title: str
    reference: str
    issuer: str
    deadline: dt.datetime
    units: tuple[Unit, ...]
    contacts: tuple[Contact, ...] = ()
    draft: Draft | None = None
    path: Path | None = None
    draft_path: Path | None = None
    notes: tuple[str, ...] = ()  # about reading the file itself, e.g. its encoding


@dataclass(frozen=True)
class Opinion:
    """One opinion read from a return, placed (later) on the clauses it concerns."""

    id: str
    unit: str
    text: str
    reason: str = ""
    remark: str = ""
    file: str = ""
    where: str = ""
    clause_hint: str = ""
    context: str = ""
    clauses: tuple[str, ...] = ()
    confidence: float = 0.0
    attribution: str = ""
    superseded: bool = False
    edits: tuple[ProposedEdit, ...] = ()
    flags: tuple[str, ...] = ()  # moved, national-wording, responsible-unit, responsible-list, conflict
    group: str = ""  # id of the first opinion of its group of similar opinions
    duplicate_of: str = ""

    @property
    def needs_review(self) -> bool:
        from .attribution import REVIEW_BELOW

        return self.confidence < REVIEW_BELOW


@dataclass(frozen=True)
class Return:
    """One file that came back, after reading and identification."""

    file: str
    copy: CopyKind
    unit: Unit | None
    readable: bool
    declared_unit: str = ""
    fill_date: dt.date | None = None
    modified: float = 0.0
    opinions: tuple[Opinion, ...] = ()
    no_opinion: bool = False
    identified_by: str = ""
    answered_by: str = ""
    received: dt.datetime | None = None


@dataclass(frozen=True)
class UnitReport:
    """Where one unit stands: replied or not, with what, on time or not."""

    unit: Unit
    status: Status
    late: bool | None
    stamped_copy: bool
    editable_copy: bool
    opinions: int
    files: tuple[str, ...] = ()
    answered_by: str = ""


@dataclass(frozen=True)
class Conflict:
    """Two opinions on one clause that pull in different directions (意见分歧)."""

    first: str
    second: str
    description: str
    opinions: tuple[str, ...] = ()  # every opinion (group leader) taking part

    def __post_init__(self) -> None:
        if not self.opinions:
            object.__setattr__(self, "opinions", (self.first, self.second))


@dataclass(frozen=True)
class ClauseNotes:
    """What the meeting should know about a clause besides its opinions."""

    responsible: tuple[str, ...] = ()  # roster units responsible for it
    responsible_all_cities: bool = False
    responsible_commented: tuple[str, ...] = ()
    responsible_unlisted: tuple[str, ...] = ()  # named responsible but not consulted
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class ClauseGroup:
    """The opinions about one clause (``clause`` None: the document as a whole)."""

    clause: Clause | None
    opinions: tuple[Opinion, ...]
    notes: ClauseNotes = field(default_factory=ClauseNotes)


@dataclass(frozen=True)
class Consolidation:
    """Everything one run produced; what every renderer takes."""

    consultation: Consultation
    units: tuple[UnitReport, ...]
    opinions: tuple[Opinion, ...]
    groups: tuple[ClauseGroup, ...]
    findings: tuple[Finding, ...]
    returns: tuple[Return, ...] = field(default=())

    def count(self, status: Status, listed: bool = True) -> int:
        return sum(1 for u in self.units if u.status == status and u.unit.listed == listed)

    @property
    def listed_units(self) -> tuple[UnitReport, ...]:
        return tuple(u for u in self.units if u.unit.listed)

    @property
    def effective_opinions(self) -> tuple[Opinion, ...]:
        return tuple(o for o in self.opinions if not o.superseded)
