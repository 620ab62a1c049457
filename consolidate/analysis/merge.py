"""Grouping opinions by clause, in the draft's reading order."""

from __future__ import annotations

from consolidate.model import ClauseGroup, ClauseNotes, Draft, Opinion


def group_by_clause(
    opinions: tuple[Opinion, ...], draft: Draft | None, notes: dict[str, ClauseNotes] | None = None
) -> tuple[ClauseGroup, ...]:
    """One group per clause that has opinions, then the whole-document group.

    An opinion that concerns two clauses is listed under each. Within a clause the
    opinions keep the order of the returns (roster order, then file order), except that
    opinions of one similar group (or marked duplicates) follow the group's first one.
    """
    notes = notes or {}
    live = [o for o in opinions if not o.superseded]
    groups: list[ClauseGroup] = []
    if draft is not None:
        for clause in draft.clauses:
            here = [o for o in live if clause.id in o.clauses]
            if here:
                groups.append(
                    ClauseGroup(clause, _keep_groups_together(here), notes.get(clause.id, ClauseNotes()))
                )
    known = {c.id for c in draft.clauses} if draft else set()
    whole = [o for o in live if not any(c in known for c in o.clauses)]
    if whole:
        groups.append(ClauseGroup(None, _keep_groups_together(whole)))
    return tuple(groups)


def group_key(opinion: Opinion) -> str:
    """The id shared by an opinion and those it was grouped or merged with."""
    return opinion.duplicate_of or opinion.group or opinion.id


def _keep_groups_together(opinions: list[Opinion]) -> tuple[Opinion, ...]:
    first_seen: dict[str, int] = {}
    for n, opinion in enumerate(opinions):
        first_seen.setdefault(group_key(opinion), n)
    ordered = sorted(range(len(opinions)), key=lambda n: (first_seen[group_key(opinions[n])], n))
    return tuple(opinions[n] for n in ordered)
