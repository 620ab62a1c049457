"""A second round that remembers the first.

When a revised draft goes out again, units repeat opinions the team already decided —
often ones it declined. Each new opinion is linked to the round-1 opinion it repeats or
resembles (from the same unit or another), through the round-1 ledger, so the team can
answer consistently: "第一轮已提出，未采纳（理由：…）". The round-1 clause is carried over
to the new draft by its text (the ledger keeps an excerpt), since numbering moves between
rounds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from consolidate.model import Draft, LedgerRow, Opinion, PreviousDecision, normalise_decision
from consolidate.text.normalise import bare_words, fold
from consolidate.thresholds import PREVIOUS_SAME_CLAUSE_BONUS as SAME_CLAUSE_BONUS
from consolidate.thresholds import PREVIOUS_SAME_CLAUSE_FROM as SAME_CLAUSE_FROM
from consolidate.thresholds import PREVIOUS_SAME_UNIT_BONUS as SAME_UNIT_BONUS
from consolidate.thresholds import REPEATS_FROM


@dataclass(frozen=True)
class RoundOneOpinion:
    """One decided opinion of the earlier round, as its ledger row has it."""

    id: str
    unit: str
    text: str
    clause: str  # as the ledger names it (the earlier draft's numbering)
    clause_excerpt: str
    decision: str
    reason: str


def round_one_from_rows(rows: Iterable[LedgerRow]) -> tuple[RoundOneOpinion, ...]:
    return tuple(
        RoundOneOpinion(
            id=row.id,
            unit=row.unit,
            text=row.opinion,
            clause=row.clause,
            clause_excerpt=row.clause_text.rstrip("…"),
            decision=normalise_decision(row.decision),
            reason=row.note,
        )
        for row in rows
        if not row.removed and row.decision.strip() and row.opinion.strip()
    )


def link_previous(
    opinions: Sequence[Opinion], earlier: Sequence[RoundOneOpinion], draft: Draft | None
) -> tuple[Opinion, ...]:
    """Each opinion with ``previous`` set to the round-1 opinion it repeats, if any."""
    if not earlier:
        return tuple(opinions)
    from rapidfuzz import fuzz, process

    earlier_texts = [_plain(e.text) for e in earlier]
    earlier_clauses = [_clause_now(e, draft) for e in earlier]
    linked = []
    for opinion in opinions:
        text = _plain(opinion.text)
        if len(text) < 4:
            linked.append(opinion)
            continue
        best: tuple[float, int] | None = None
        for _, score, k in process.extract(text, earlier_texts, scorer=fuzz.ratio, limit=8, score_cutoff=50):
            similarity = score / 100
            same_clause = bool(earlier_clauses[k]) and earlier_clauses[k] in opinion.clauses
            if same_clause:
                similarity += SAME_CLAUSE_BONUS
            if earlier[k].unit == opinion.unit:
                similarity += SAME_UNIT_BONUS
            needed = SAME_CLAUSE_FROM if same_clause else REPEATS_FROM
            if similarity >= needed and (best is None or similarity > best[0]):
                best = (similarity, k)
        if best is None:
            linked.append(opinion)
            continue
        match = earlier[best[1]]
        previous = PreviousDecision(
            id=match.id,
            unit=match.unit,
            decision=match.decision,
            reason=match.reason,
            clause=match.clause,
            similarity=round(min(best[0], 1.0), 2),
        )
        linked.append(dataclasses.replace(opinion, previous=previous))
    return tuple(linked)


def _clause_now(opinion: RoundOneOpinion, draft: Draft | None) -> str:
    """The clause of the current draft holding the round-1 clause's text, by its excerpt."""
    excerpt = fold(opinion.clause_excerpt)
    if draft is None or len(excerpt) < 6:
        return ""
    from rapidfuzz import fuzz

    best = ("", 0.0)
    for clause in draft.paragraphs():
        folded = fold(clause.text)
        if folded.startswith(excerpt):
            return clause.id
        score = fuzz.partial_ratio(excerpt, folded[: len(excerpt) + 20]) / 100
        if score > best[1]:
            best = (clause.id, score)
    return best[0] if best[1] >= 0.85 else ""


_OPENING = re.compile(r"^(?:建议|我单位建议|我们建议|拟建议|再次建议|仍建议|还是建议)")


def _plain(text: str) -> str:
    return _OPENING.sub("", bare_words(text))
