"""The domain's data: small frozen dataclasses passed between pipeline stages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal, NamedTuple

from consolidate.codes import Code, Severity
from consolidate.thresholds import REVIEW_BELOW, SAME_OPINION_FROM

# ---------------------------------------------------------------- vocabularies
# Each is a StrEnum: a member is its string, so the JSON, the ledger and comparisons with
# plain strings are unchanged; the enum is the one place that lists what the words may be.


class Status(StrEnum):
    """Where a unit stands (``units[].status`` in the JSON)."""

    OPINIONS = "opinions"
    NO_OPINION = "no_opinion"
    MISSING = "missing"
    NEEDS_REVIEW = "needs_review"


class CopyKind(StrEnum):
    """What a returned file is: an editable form, a stamped scan (PDF, image), or neither."""

    EDITABLE = "editable"
    STAMPED = "stamped"
    OTHER = "other"


class FileKind(StrEnum):
    """What a file really is, judged from its bytes (``documents.discover.sniff``)."""

    DOCX = "docx"
    SHEET = "sheet"  # any spreadsheet: .xlsx, and .xls/.et/.ods before conversion
    WORD = "word"  # a legacy word-processor file (.doc/.wps/.rtf/.odt): needs LibreOffice
    PDF = "pdf"
    IMAGE = "image"
    HTML = "html"  # also Word/Excel 2003 XML and .mht exports
    CSV = "csv"
    TEXT = "text"
    MAIL_BODY = "mail-body"  # the text of a mail whose attachments were not the reply
    EML = "eml"
    MSG = "msg"
    ZIP = "zip"
    # A zip found in the returns folder, not yet looked inside: the walk leaves it to the
    # worker that reads it (``discover.package_kind``), so its directory is parsed once.
    PACKAGE = "package"
    SEVEN_ZIP = "7z"
    RAR = "rar"
    ENCRYPTED = "encrypted"
    EMPTY = "empty"
    DAMAGED = "damaged"
    UNKNOWN = "unknown"


class ColumnRole(StrEnum):
    """What a column of the opinion table holds, worked out from its header (intake.form)."""

    SEQ = "seq"
    UNIT = "unit"
    OPINION = "opinion"
    REASON = "reason"
    REMARK = "remark"
    CLAUSE = "clause"
    OTHER = "other"


class Method(StrEnum):
    """How an opinion was placed on its clause (``opinions[].attribution`` in the JSON),
    from the most trusted evidence to none; see analysis.attribution."""

    NO_DRAFT = "no-draft"
    REVISION = "revision"  # a tracked change, placed by the paragraph it was made in
    CLAUSE_COLUMN = "clause-column"
    REFERENCE = "reference"
    REFERENCE_QUOTED_ELSEWHERE = "reference (quotation points elsewhere)"
    REFERENCE_NOT_IN_DRAFT = "reference (not all of it is in the draft)"
    WHOLE_DOCUMENT = "whole-document"
    WHOLE_DOCUMENT_ANNEX = "whole-document (cites a clause of an annex)"
    QUOTATION = "quotation"
    NAMED = "named"
    SIMILAR_WORDING = "similar wording"
    SIMILAR_WORDING_CITES_OTHER = "similar wording (cites another document)"
    UNPLACED = "unplaced"
    MOVED_BY_HAND = "moved by hand"  # overrides.toml; the JSON adds the team's note after it

    def citing_another_document(self) -> Method:
        """The same method, marked as less sure because the opinion cites another document."""
        return Method(f"{self} (cites another document)")


class Flag(StrEnum):
    """Something the meeting should notice about an opinion (``opinions[].flags``)."""

    NATIONAL_WORDING = "national-wording"
    CONFLICT = "conflict"
    RESPONSIBLE_UNIT = "responsible-unit"
    RESPONSIBLE_LIST = "responsible-list"
    MOVED = "moved"


class FlagWords(NamedTuple):
    """How the papers say a flag: ``ledger`` in the ledger's 提示 column, ``digest`` in the
    digest's opinion cell ("" when the digest shows it another way), ``pressing`` when the
    digest prints it in red (the meeting must decide something)."""

    ledger: str
    digest: str
    pressing: bool


#: the one label table for opinion flags, in the order the papers list them
FLAG_WORDS: dict[Flag, FlagWords] = {
    Flag.NATIONAL_WORDING: FlagWords("涉及国家原文", "涉及国家原文表述", True),
    Flag.CONFLICT: FlagWords("意见分歧", "意见分歧", True),
    # the digest writes （责任单位） after the unit's name instead
    Flag.RESPONSIBLE_UNIT: FlagWords("责任单位意见", "", False),
    Flag.RESPONSIBLE_LIST: FlagWords("调整责任单位", "请求调整责任单位", False),
    Flag.MOVED: FlagWords("人工调整归类", "人工调整归类", False),
}


@dataclass(frozen=True)
class ProposedEdit:
    """One change: ``kind`` is replace, delete, insert_after or insert_before."""

    kind: str
    old: str  # the draft text acted on (the anchor, for insertions)
    new: str = ""


@dataclass(frozen=True)
class LocatedEdit:
    """An edit found in a clause's text at ``start:end`` (the span of ``old``)."""

    edit: ProposedEdit
    start: int
    end: int
    exact: bool


@dataclass(frozen=True)
class Finding:
    """Something the clerk should know about a file or a unit; never printed where found."""

    severity: Severity
    code: Code
    message: str
    unit: str | None = None
    file: str | None = None

    def __post_init__(self) -> None:
        # A code outside the catalogue (codes.py) would reach JSON readers undocumented; a
        # severity other than the catalogue's would contradict the README. Both are bugs.
        code = Code(self.code)
        severity = Severity(self.severity)
        if severity not in code.meaning.severities:
            raise ValueError(
                f"finding {code} is reported as {'/'.join(code.meaning.severities)}, not {severity}"
            )
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "severity", severity)


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


ClauseKind = Literal[
    "preamble", "book", "chapter", "section", "article", "paragraph", "item", "subitem", "part", "measure"
]
# Kinds that only group other clauses: a reference may name them, but they hold no words of their own.
GROUPING_KINDS = frozenset({"book", "chapter"})


@dataclass(frozen=True)
class Clause:
    """A place in the draft an opinion can concern, numbered as the draft numbers itself.

    ids (stable, derived from the draft's own numbers, never from reading order):

    - plans and measures: ``"0"`` the preamble, ``"3"`` part 三, ``"3.2"`` its second
      paragraph when the part is plain paragraphs, ``"3.3"`` its section （三） when it has
      sections, ``"3.3.10"`` measure 10 of that section (``"3.10"`` when measures sit directly
      under the part);
    - regulations: ``"8"`` 第八条, ``"8.2"`` its 第二款, ``"8.2.1"`` 第（一）项 of that 款,
      ``"8.2.1.1"`` its 目 1; ``"ch2"`` 第二章, ``"ch2.s1"`` its 第一节, ``"bk1"`` 第一编.

    ``part`` is the top-level number (part or article); ``paragraph`` is set on every clause
    that holds words of its own and None on pure containers. ``text`` is the clause's words
    with its sub-clauses' (an article's or part's is all of its text). ``name`` is the label
    the parser worked out in context (第八条 for the only 款 of article 8); clauses built
    without it fall back to the two-level labels.
    """

    id: str
    part: int | None
    paragraph: int | None
    heading: str
    text: str
    responsible: str = ""
    national: tuple[str, ...] = ()  # underlined in the draft: the national document's wording
    refined: tuple[str, ...] = ()  # wavy-underlined: the region's refinement of it
    kind: ClauseKind | Literal[""] = ""  # "" only while constructing: worked out from the id
    name: str = ""
    parent: str | None = None
    number: int | None = None  # its own number within its parent (第N款 → N)

    def __post_init__(self) -> None:
        # Clauses built the two-level way (id, part, paragraph, …) get the kind and parent
        # that the id implies, so every consumer can rely on them.
        if not self.kind:
            kind = "preamble" if self.id == "0" else "part" if self.paragraph is None else "paragraph"
            object.__setattr__(self, "kind", kind)
        if self.parent is None and self.kind == "paragraph" and "." in self.id:
            object.__setattr__(self, "parent", self.id.rsplit(".", 1)[0])
        if self.number is None and self.kind in ("part", "paragraph"):
            object.__setattr__(self, "number", self.paragraph if self.kind == "paragraph" else self.part)

    @property
    def label(self) -> str:
        """How a Chinese reader names the clause: 序言, 第三部分第2段, 第八条第二款第（一）项."""
        from consolidate.text.numerals import to_chinese

        if self.name:
            return self.name
        if self.id == "0":
            return "序言"
        if self.paragraph is None:
            return f"第{to_chinese(self.part or 0)}部分"
        return f"第{to_chinese(self.part or 0)}部分第{self.paragraph}段"

    @property
    def holds_text(self) -> bool:
        """Whether the clause has words of its own (a paragraph, 款, 项, measure, the preamble)."""
        return self.paragraph is not None or self.id == "0"


@dataclass(frozen=True)
class Draft:
    """The draft under consultation, as an ordered list of clauses (containers before their contents)."""

    title: str
    clauses: tuple[Clause, ...]

    def get(self, clause_id: str | None) -> Clause | None:
        return self._by_id.get(clause_id) if clause_id is not None else None

    @property
    def _by_id(self) -> dict[str, Clause]:
        cached = self.__dict__.get("_ids")
        if cached is None:
            cached = {c.id: c for c in self.clauses}
            object.__setattr__(self, "_ids", cached)
        return cached

    def parts(self) -> tuple[Clause, ...]:
        """The top-level numbered units: parts of a plan, articles of a regulation."""
        return tuple(c for c in self.clauses if c.kind in ("part", "article"))

    def paragraphs(self, part: int | None = None) -> tuple[Clause, ...]:
        """Clauses that hold text: the preamble and every paragraph (of one part if given)."""
        return tuple(c for c in self.clauses if c.holds_text and (part is None or c.part == part))

    def children(self, clause_id: str | None) -> tuple[Clause, ...]:
        """The clauses directly inside one (``None``: the top level), in reading order."""
        return tuple(c for c in self.clauses if c.parent == clause_id and c.id != "0")

    def settled(self, clause_id: str) -> str:
        """The clause an opinion on ``clause_id`` is filed under: an article (or part) that is
        a single paragraph is named, quoted and grouped as that paragraph (第八条 is 8.1), so
        no paper shows the same words twice under two groups labelled alike."""
        clause = self.get(clause_id)
        if clause is None or clause.kind not in ("part", "article"):
            return clause_id
        inside = self.children(clause_id)
        return inside[0].id if len(inside) == 1 and inside[0].kind == "paragraph" else clause_id

    def top(self, clause: Clause) -> Clause:
        """The part or article a clause belongs to (itself when it is one, or a chapter)."""
        while clause.kind not in ("part", "article", "preamble") and clause.parent is not None:
            parent = self.get(clause.parent)
            if parent is None or parent.kind in GROUPING_KINDS:
                break
            clause = parent
        return clause

    def division(self, clause: Clause) -> Clause:
        """The outermost clause holding this one: a plan's part, a regulation's 编 or 章 (or
        its article when it has no chapters). The digest groups its opinions under it."""
        while clause.parent is not None and (parent := self.get(clause.parent)) is not None:
            clause = parent
        return clause

    def heading_of(self, clause: Clause) -> str:
        """A division's heading line: 第三部分　夯实培养基础, 第二章　规划与建设, 第八条."""
        title = clause.heading.replace("　", "").strip()
        if not title or (title.startswith("第") and title.endswith("条")):
            return clause.label
        return f"{clause.label}　{title}"

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
    previous: Path | None = None  # the earlier round's ledger, for a second round


@dataclass(frozen=True)
class PreviousDecision:
    """The earlier round's opinion a new one repeats, and what the team decided on it."""

    id: str
    unit: str
    decision: str
    reason: str
    clause: str  # as the earlier ledger names it
    similarity: float = 1.0

    @property
    def words(self) -> str:
        """How the digest and the ledger say it: 第一轮已提出（某单位），未采纳（理由：…）."""
        said = "第一轮已提出" if self.similarity >= SAME_OPINION_FROM else "第一轮有相近意见"
        if self.unit:
            said += f"（{self.unit}）"
        decision = "未采纳" if self.decision == "不采纳" else self.decision
        text = f"{said}，{decision}" if decision else said
        if self.reason:
            text += f"（理由：{self.reason.rstrip('。')}）"
        return text


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
    attribution: str = ""  # a Method; "moved by hand" carries the team's note after it
    superseded: bool = False
    edits: tuple[ProposedEdit, ...] = ()
    flags: tuple[Flag, ...] = ()
    group: str = ""  # id of the first opinion of its group of similar opinions
    duplicate_of: str = ""
    previous: PreviousDecision | None = None  # set in a later round, see previous.py

    @property
    def needs_review(self) -> bool:
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
class Span:
    """Where a passage stands in a text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class OpinionRow:
    """One row of the meeting's table for a clause: an opinion with those similar to it
    (or marked its duplicates), the first speaking for all.

    The review stage finds, once, what the digest shows of the first opinion: its edits
    located in the clause's own words (for the redline) and the passages of its text that
    it proposes to delete (struck through), so no paper parses or locates anything.
    """

    opinions: tuple[Opinion, ...]
    redlines: tuple[LocatedEdit, ...] = ()  # in the clause's text, in the order proposed
    struck: tuple[Span, ...] = ()  # in the first opinion's text, in reading order


@dataclass(frozen=True)
class ClauseGroup:
    """The opinions about one clause (``clause`` None: the document as a whole).

    ``name``, ``division`` and ``rows`` are how the meeting sees the group (set by the
    review stage after the run's text is made safe for the writers): the clause as the
    digest names it, the heading of the part or chapter it is listed under, and its
    opinions as table rows.
    """

    clause: Clause | None
    opinions: tuple[Opinion, ...]
    notes: ClauseNotes = field(default_factory=ClauseNotes)
    name: str = ""
    division: str = ""
    rows: tuple[OpinionRow, ...] = ()


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


# ---------------------------------------------------------------- the team's decisions

#: what the team may write in the ledger's 处理意见 column, in the order the report lists them
DECISIONS = ("采纳", "部分采纳", "不采纳", "已吸收")
#: other words people type for the same decision
SYNONYMS = {"未采纳": "不采纳", "不予采纳": "不采纳", "予以采纳": "采纳", "已采纳": "采纳", "吸收": "已吸收"}
#: decisions the report must give a reason for
NEEDS_REASON = ("部分采纳", "不采纳")


@dataclass(frozen=True)
class LedgerRow:
    id: str
    clause: str
    clause_text: str
    unit: str
    opinion: str
    reason: str
    remark: str
    file: str
    where: str
    confidence: str
    flags: str
    decision: str
    note: str
    state: str
    row: int = 0

    @property
    def removed(self) -> bool:
        return self.state.startswith("已移除")

    def _replace_state(self, state: str) -> LedgerRow:
        return dataclasses.replace(self, state=state)


def normalise_decision(value: str) -> str:
    value = value.strip()
    return SYNONYMS.get(value, value)
