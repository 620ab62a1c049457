"""Preparing opinions for the drafting team's decision.

For each opinion: the edits it proposes located in its clause, whether it touches the
national document's wording, whether its unit is responsible for the clause, whether it
asks to change a 责任单位 list. Across opinions: groups of opinions from different units
asking for the same thing, and opinions on one clause that contradict each other. For the
meeting: each clause's opinions as the digest's rows, with the edits located in the
clause's words and the deletions to strike through, so the papers only format.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass

from consolidate.analysis.attribution import PROPOSED_BEFORE
from consolidate.analysis.edits import LocatedEdit, ProposedEdit, locate, parse_edits, quoted_spans
from consolidate.analysis.merge import group_key
from consolidate.codes import Code, Severity
from consolidate.consultation.responsibility import (
    Responsibility,
    asks_to_change_list,
    is_responsible,
    responsibility,
)
from consolidate.consultation.roster import Roster
from consolidate.model import (
    Clause,
    ClauseGroup,
    ClauseNotes,
    Conflict,
    Consultation,
    Draft,
    Finding,
    Flag,
    Opinion,
    OpinionRow,
    Span,
    Unit,
)
from consolidate.text.normalise import fold
from consolidate.thresholds import SIMILAR_AT

_STRENGTHEN = re.compile(r"加强|强化|加大|提高|增加|扩大|完善|明确|细化|保留")
_JOINERS = re.compile(r"[\W_和及与以及并的等]")
_NOISE = re.compile(r"[\W_]|建议|我单位|我厅|我局|我委|我市|修改为|改为")


@dataclass(frozen=True)
class Review:
    """What the review stage hands on: the opinions with their edits and flags, what the
    meeting should know per clause id, and findings about the draft itself."""

    opinions: tuple[Opinion, ...]
    notes: dict[str, ClauseNotes]
    findings: tuple[Finding, ...]


def annotate(
    opinions: tuple[Opinion, ...], consultation: Consultation, roster: Roster | None = None
) -> Review:
    """Opinions with edits and flags, notes per clause id, and findings about the draft.

    ``roster`` is the consultation's, when the caller has already built it.
    """
    draft = consultation.draft
    roster = roster or Roster(consultation.units)
    units = {u.name: u for u in consultation.units}
    duties = _duties(draft, roster, consultation.issuer)
    annotated = [_annotated(opinion, draft, units, duties) for opinion in opinions]
    grouped = group_similar(annotated)
    conflicts = find_conflicts(grouped, draft)
    leaders = {i for conflict in conflicts.values() for c in conflict for i in c.opinions}
    in_conflict = {o.id for o in grouped if o.id in leaders or group_key(o) in leaders}
    final = tuple(
        dataclasses.replace(o, flags=(*o.flags, Flag.CONFLICT)) if o.id in in_conflict else o for o in grouped
    )
    notes = _notes(final, draft, duties, units, conflicts)
    return Review(final, notes, tuple(_draft_findings(draft, duties)))


def _annotated(
    opinion: Opinion, draft: Draft | None, units: dict[str, Unit], duties: dict[str, Responsibility]
) -> Opinion:
    """The opinion with the edits it proposes and the flags the meeting should see."""
    edits = tuple(parse_edits(opinion.text))
    flags = list(opinion.flags)
    clauses = [draft.get(c) for c in opinion.clauses] if draft else []
    targets = [e.old for e in edits] + draft_quotes(opinion.text)
    if any(_touches(t, c.national) for t in targets for c in clauses if c is not None):
        flags.append(Flag.NATIONAL_WORDING)
    unit = units.get(opinion.unit)
    if unit is not None and any(is_responsible(unit, duties[c]) for c in opinion.clauses if c in duties):
        flags.append(Flag.RESPONSIBLE_UNIT)
    if asks_to_change_list(opinion.text):
        flags.append(Flag.RESPONSIBLE_LIST)
    return dataclasses.replace(opinion, edits=edits, flags=tuple(dict.fromkeys(flags)))


def wording(text: str) -> str:
    """What a phrase says, without the joining words people vary (和/及/与/、/的/等)."""
    return _JOINERS.sub("", fold(text))


def draft_quotes(text: str) -> list[str]:
    """Quotations of draft wording in an opinion (not of the wording it proposes)."""
    return [
        text[a:b] for a, b in quoted_spans(text) if not PROPOSED_BEFORE.search(text[max(0, a - 7) : a - 1])
    ]


def located_edits(opinion: Opinion, draft: Draft | None) -> list[tuple[str, LocatedEdit]]:
    """``(clause id, located edit)`` for every edit of the opinion found in its clauses."""
    found = []
    for clause_id in opinion.clauses:
        clause = draft.get(clause_id) if draft else None
        if clause is None or (clause.paragraph is None and clause.id != "0"):
            continue
        for edit in opinion.edits:
            located = locate(edit, clause.text)
            if located is not None:
                found.append((clause_id, located))
    return found


def _touches(target: str, spans: tuple[str, ...]) -> bool:
    target = fold(target)
    return any(target and (target in fold(s) or fold(s) in target) for s in spans if len(fold(s)) >= 4)


def _duties(draft: Draft | None, roster: Roster, issuer: str) -> dict[str, Responsibility]:
    if draft is None:
        return {}
    return {c.id: responsibility(c.responsible, roster, issuer) for c in draft.paragraphs() if c.responsible}


def group_similar(opinions: list[Opinion]) -> list[Opinion]:
    """Mark opinions from different units that ask for the same thing with one group id.

    Each opinion is compared only with the first opinion of each group already formed on
    the same clauses, so a campaign of thousands of near-identical opinions costs about
    one comparison each, not one per pair.
    """
    from rapidfuzz import fuzz

    representatives: dict[tuple[str, ...], list[tuple[str, str, tuple, set[str]]]] = defaultdict(list)
    group_of: dict[str, str] = {}
    for opinion in opinions:
        if opinion.superseded:
            continue
        key = fold(_NOISE.sub("", opinion.text))
        edits = tuple((e.kind, wording(e.old), wording(e.new)) for e in opinion.edits)
        for rep_id, rep_key, rep_edits, members in representatives[opinion.clauses]:
            # Two edits are the same request only when they change the same words the same way.
            same = (
                edits == rep_edits
                if edits and rep_edits
                else bool(key) and fuzz.ratio(key, rep_key) >= SIMILAR_AT
            )
            if same and opinion.unit not in members:
                group_of[opinion.id] = rep_id
                group_of.setdefault(rep_id, rep_id)
                members.add(opinion.unit)
                break
        else:
            representatives[opinion.clauses].append((opinion.id, key, edits, {opinion.unit}))
    return [dataclasses.replace(o, group=group_of.get(o.id, "")) for o in opinions]


def find_conflicts(opinions: list[Opinion], draft: Draft | None) -> dict[str, list[Conflict]]:
    """Per clause: different outcomes proposed for the same words (one unit deletes what
    another rewrites, or two units rewrite it differently), and deleting what another
    unit asks to strengthen.

    Only one opinion per group of similar opinions takes part, and edits are compared
    only with the edits whose spans overlap theirs (a sweep over the spans sorted by
    start), so a campaign of thousands of opinions on one sentence gives one 意见分歧
    listing the alternatives, not a comparison of every pair.
    """
    by_clause: dict[str, dict[str, Opinion]] = defaultdict(dict)
    for opinion in opinions:
        if not opinion.superseded:
            for clause_id in opinion.clauses:
                by_clause[clause_id].setdefault(group_key(opinion), opinion)
    conflicts: dict[str, list[Conflict]] = {}
    for clause_id, leaders in by_clause.items():
        clause = draft.get(clause_id) if draft else None
        if clause is None or len(leaders) < 2:
            continue
        here = list(leaders.values())
        spans = sorted(
            (located.start, located.end, n, located)
            for n, opinion in enumerate(here)
            for cid, located in located_edits(opinion, draft)
            if cid == clause_id and located.edit.kind in ("replace", "delete")
        )
        found = [
            c
            for c in (_component_conflict(component, here, clause.text) for component in _overlapping(spans))
            if c
        ]
        found += _delete_versus_strengthen(here, spans)
        if found:
            conflicts[clause_id] = found
    return conflicts


def _overlapping(
    spans: list[tuple[int, int, int, LocatedEdit]],
) -> list[list[tuple[int, int, int, LocatedEdit]]]:
    """Connected runs of overlapping spans (spans sorted by start)."""
    components: list[list[tuple[int, int, int, LocatedEdit]]] = []
    reach = -1
    for span in spans:
        if components and span[0] < reach:
            components[-1].append(span)
            reach = max(reach, span[1])
        else:
            components.append([span])
            reach = span[1]
    return [c for c in components if len(c) > 1]


def _component_conflict(
    component: list[tuple[int, int, int, LocatedEdit]], here: list[Opinion], text: str
) -> Conflict | None:
    outcomes: dict[str, tuple[Opinion, LocatedEdit]] = {}
    for _, _, n, located in component:
        key = "删除" if located.edit.kind == "delete" else wording(located.edit.new)
        outcomes.setdefault(key, (here[n], located))
    units = {opinion.unit for opinion, _ in outcomes.values()}
    if len(outcomes) < 2 or len(units) < 2:
        return None
    start = min(s for s, _, _, _ in component)
    end = max(e for _, e, _, _ in component)
    options = [
        f"{opinion.unit}建议删除“{text[located.start : located.end]}”"
        if located.edit.kind == "delete"
        else f"{opinion.unit}建议修改为“{located.edit.new}”"
        for opinion, located in outcomes.values()
    ]
    shown = "；".join(options[:4]) + (f"；另有{len(options) - 4}种表述" if len(options) > 4 else "")
    ids = tuple(dict.fromkeys(here[n].id for _, _, n, _ in component))
    return Conflict(ids[0], ids[1], f"对“{text[start:end]}”意见不一：{shown}", ids)


def _delete_versus_strengthen(
    here: list[Opinion], spans: list[tuple[int, int, int, LocatedEdit]]
) -> list[Conflict]:
    found = []
    for _, _, n, located in spans:
        if located.edit.kind != "delete":
            continue
        deleter = here[n]
        phrase = fold(located.edit.old)
        for other in here:
            if (
                other.unit != deleter.unit
                and phrase in fold(other.text)
                and _STRENGTHEN.search(other.text)
                and not other.edits
            ):
                found.append(Conflict(deleter.id, other.id,
                                      f"{deleter.unit}建议删除“{located.edit.old}”，{other.unit}建议加强或完善相关内容"))  # fmt: skip
                break
    return found


def _notes(
    opinions: tuple[Opinion, ...],
    draft: Draft | None,
    duties: dict[str, Responsibility],
    units: dict,
    conflicts: dict[str, list[Conflict]],
) -> dict[str, ClauseNotes]:
    commenters: dict[str, set[str]] = defaultdict(set)
    for opinion in opinions:
        if not opinion.superseded:
            for clause_id in opinion.clauses:
                commenters[clause_id].add(opinion.unit)
    notes: dict[str, ClauseNotes] = {}
    order = {name: n for n, name in enumerate(units)}
    for clause_id in set(duties) | set(conflicts):
        duty = duties.get(clause_id)
        names = tuple(u.name for u in duty.units) if duty else ()
        commented = tuple(
            name
            for name in sorted(commenters[clause_id], key=lambda n: order.get(n, len(order)))
            if name in units and duty is not None and is_responsible(units[name], duty)
        )
        notes[clause_id] = ClauseNotes(
            responsible=names,
            responsible_all_cities=bool(duty and duty.all_cities),
            responsible_commented=commented,
            responsible_unlisted=duty.unlisted if duty else (),
            conflicts=tuple(conflicts.get(clause_id, ())),
        )
    return notes


def _draft_findings(draft: Draft | None, duties: dict[str, Responsibility]) -> list[Finding]:
    unlisted: dict[str, list[str]] = defaultdict(list)
    for clause_id, duty in duties.items():
        for name in duty.unlisted:
            unlisted[name].append(clause_id)
    label = {c.id: c.label for c in draft.clauses} if draft else {}
    return [
        Finding(
            Severity.WARNING,
            Code.RESPONSIBLE_NOT_CONSULTED,
            f"征求意见稿把“{name}”列为责任单位（{'、'.join(label.get(c, c) for c in clauses)}），但它不在征求意见名单中：请确认是否需要征求其意见",
        )
        for name, clauses in unlisted.items()
    ]


# ---------------------------------------------------------------- for the meeting


def for_the_meeting(groups: tuple[ClauseGroup, ...], draft: Draft | None) -> tuple[ClauseGroup, ...]:
    """The groups as the meeting reads them: each named, placed under its part or chapter,
    its opinions laid out as rows with their redlines and deletions found.

    Run on the text the writers will write (after the run is made safe for XML), so every
    position found is a position in that text.
    """
    return tuple(
        dataclasses.replace(
            group,
            name=clause_name(group.clause, draft),
            division=division_heading(group.clause, draft),
            rows=opinion_rows(group),
        )
        for group in groups
    )


def clause_name(clause: Clause | None, draft: Draft | None) -> str:
    """How the meeting names a clause: 序言, 第三部分（整体）, or the article for its only 款."""
    if clause is None:
        return "总体意见"
    if clause.id == "0":
        return "序言"
    if clause.paragraph is None:
        return f"{clause.label}（整体）"
    parent = draft.get(clause.parent) if draft is not None else None
    if clause.kind == "paragraph" and parent is not None and len(draft.children(parent.id)) == 1:  # type: ignore[union-attr]
        return parent.label
    return clause.label


def division_heading(clause: Clause | None, draft: Draft | None) -> str:
    """The heading the digest lists a clause's opinions under: its part or chapter."""
    if clause is None:
        return "总体意见及未归入具体条款的意见"
    if clause.id == "0":
        return "序言"
    if draft is not None:
        return draft.heading_of(draft.division(clause))
    return clause.label


def opinion_rows(group: ClauseGroup) -> tuple[OpinionRow, ...]:
    """Opinions of one similar group (or merged duplicates) share a row; the first one's
    edits are located in the clause when the clause has words of its own."""
    members: dict[str, list[Opinion]] = {}
    for opinion in group.opinions:
        members.setdefault(group_key(opinion), []).append(opinion)
    clause = group.clause
    return tuple(
        OpinionRow(
            tuple(row),
            redlines=_located(row[0], clause) if clause is not None and clause.holds_text else (),
            struck=struck_spans(row[0]),
        )
        for row in members.values()
    )


def _located(opinion: Opinion, clause: Clause) -> tuple[LocatedEdit, ...]:
    """The opinion's edits found in the clause's text, deletions it words unusually included."""
    found: list[LocatedEdit] = []
    for edit in (*opinion.edits, *worded_deletions(opinion)):
        located = locate(edit, clause.text)
        if located is not None and all((f.start, f.end) != (located.start, located.end) for f in found):
            found.append(located)
    return tuple(found)


_DELETE_WORD = r"(?:删除|删去|去掉|删掉|去除|删减)"
# 删除第三部分第二段“A”, 删除“A”中的“B”, 将“A”删除, “A”一句删去
_DELETE_BEFORE = re.compile(_DELETE_WORD + r"[^“”\"。；]{0,16}“([^“”]+)”(?:中的“([^“”]+)”)?")
_DELETE_AFTER = re.compile(r"“([^“”]+)”[^“”\"。；，]{0,6}?" + _DELETE_WORD)


def worded_deletions(opinion: Opinion) -> list[ProposedEdit]:
    """删除 proposals the edit parser left out (e.g. 删除第三部分第二段“…”), so every
    proposed deletion is shown struck through."""
    if not re.search(_DELETE_WORD, opinion.text):
        return []
    text = opinion.text
    targets = [
        m.group(2) or m.group(1) for m in _DELETE_BEFORE.finditer(text) if not _negated(text, m.start())
    ]
    targets += [m.group(1) for m in _DELETE_AFTER.finditer(text) if not _negated(text, m.end() - 2)]
    known = {e.old for e in opinion.edits if e.kind == "delete"}
    return [ProposedEdit("delete", t) for t in dict.fromkeys(targets) if t and t not in known]


_NEGATION = ("不宜", "不要", "不应", "不建议", "不必", "无需", "不同意", "反对", "请勿", "不能")


def _negated(text: str, at: int) -> bool:
    """不宜删除“A” argues for keeping A: not a deletion to strike through."""
    before = text[max(0, at - 4) : at]
    return any(word in before for word in _NEGATION)


def struck_spans(opinion: Opinion) -> tuple[Span, ...]:
    """Where the opinion's text quotes each passage it proposes to delete (the last
    mention, longest passages first, never overlapping), in reading order."""
    text = opinion.text
    deleted = [e.old for e in (*opinion.edits, *worded_deletions(opinion)) if e.kind == "delete" and e.old]
    spans: list[tuple[int, int]] = []
    for old in sorted(set(deleted), key=len, reverse=True):
        at = text.rfind(old)
        if at >= 0 and all(at >= b or at + len(old) <= a for a, b in spans):
            spans.append((at, at + len(old)))
    return tuple(Span(a, b) for a, b in sorted(spans))
