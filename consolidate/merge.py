"""Grouping opinions by clause, in the draft's reading order."""

from __future__ import annotations

from .model import ClauseGroup, Draft, Opinion


def group_by_clause(opinions: tuple[Opinion, ...], draft: Draft | None) -> tuple[ClauseGroup, ...]:
    """One group per clause that has opinions, then the whole-document group.

    An opinion that concerns two clauses is listed under each; within a clause the
    opinions keep the order of the returns (roster order, then file order).
    """
    live = [o for o in opinions if not o.superseded]
    groups: list[ClauseGroup] = []
    if draft is not None:
        for clause in draft.clauses:
            here = tuple(o for o in live if clause.id in o.clauses)
            if here:
                groups.append(ClauseGroup(clause, here))
    known = {c.id for c in draft.clauses} if draft else set()
    whole = tuple(o for o in live if not any(c in known for c in o.clauses))
    if whole:
        groups.append(ClauseGroup(None, whole))
    return tuple(groups)
