"""Two versions of a draft side by side: which clause became which, and what changed.

After the meeting the drafting team rewrites the draft. Clauses are renumbered when one
is inserted, moved when the order is improved, split, merged, added and deleted, so
clauses are aligned by their *text*, never by their numbers: identical text first, then
the most similar remaining pairs, then splits and merges (one clause whose text is carried
by several consecutive clauses of the other version). What is left is added or deleted.

The result feeds the 修改对照表 (the consulted and the revised text in two columns) and
the check of the team's decisions (`check_decisions` in this module's sibling
``decisions``).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from consolidate.model import Clause, Draft
from consolidate.text.normalise import fold
from consolidate.thresholds import PIECE_FROM
from consolidate.thresholds import REVISION_SAME_CLAUSE_FROM as SAME_CLAUSE_FROM


class Change(StrEnum):
    """What happened to a clause between the two versions."""

    UNCHANGED = "unchanged"  # same text (perhaps renumbered)
    MODIFIED = "modified"
    MOVED = "moved"  # out of its former order (its text may have changed too)
    ADDED = "added"
    DELETED = "deleted"
    SPLIT = "split"  # one old clause carried by several new ones
    MERGED = "merged"  # several old clauses carried by one new one


@dataclass(frozen=True)
class ClausePair:
    """One row of the alignment: old clauses ↔ new clauses, and what happened.

    ``old``/``new`` hold one clause each, except for splits (several new) and merges
    (several old); both are empty on the side where a clause was added or deleted.
    """

    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    change: Change
    similarity: float = 1.0

    @property
    def old_text(self) -> str:
        return "\n".join(c.text for c in self.old)

    @property
    def new_text(self) -> str:
        return "\n".join(c.text for c in self.new)

    @property
    def text_changed(self) -> bool:
        return fold(self.old_text) != fold(self.new_text)


@dataclass(frozen=True)
class Segment:
    """A run of text in a word-level comparison: ``kind`` is "", "deleted" or "inserted"."""

    text: str
    kind: str = ""


def text_clauses(draft: Draft) -> tuple[Clause, ...]:
    """The clauses that carry the draft's words, each with only its own words.

    A part's or article's text repeats its paragraphs', and a 款's text repeats its 项, so
    aligning them as they are would count every change twice: each clause that holds text
    is taken with the lines none of its sub-clauses hold (the lead-in of a list of items).
    """
    holding = [c for c in draft.clauses if c.holds_text and c.text.strip()]
    children: dict[str, list[Clause]] = {}
    for clause in holding:
        if clause.parent is not None:
            children.setdefault(clause.parent, []).append(clause)
    result = []
    for clause in holding:
        inner = children.get(clause.id)
        if not inner:
            result.append(clause)
            continue
        taken = {line.strip() for child in inner for line in child.text.splitlines()}
        own = "\n".join(line for line in clause.text.splitlines() if line.strip() not in taken)
        if own.strip():
            result.append(dataclasses.replace(clause, text=own))
    return tuple(result)


def descends_from(clause: Clause, ancestor: str, draft: Draft) -> bool:
    """Whether ``clause`` is ``ancestor`` or lies inside it (a 项 inside its article)."""
    seen: set[str] = set()
    current: Clause | None = clause
    while current is not None and current.id not in seen:
        if current.id == ancestor:
            return True
        seen.add(current.id)
        current = draft.get(current.parent) if current.parent else None
    return False


def align_drafts(old: Draft, new: Draft) -> tuple[ClausePair, ...]:
    """Pair the clauses of two versions by their text; listed in the new version's order,
    each deleted clause after the pair that precedes it in the old version."""
    return align_clauses(text_clauses(old), text_clauses(new))


# Each pair of the alignment with where it is listed: the new index it sits at (a deleted
# clause's is a fraction, just after its old predecessor's new place).
_Placed = tuple[float, ClausePair]


def align_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> tuple[ClausePair, ...]:
    """Pair the clauses by their text — identical first, then the most similar, then splits
    and merges — and list what is left as added or deleted, in the new version's order."""
    old_folded = [fold(c.text) for c in old]
    new_folded = [fold(c.text) for c in new]
    matched, similarity = _identical(old_folded, new_folded)
    _pair_most_similar(old_folded, new_folded, matched, similarity)

    # Splits and merges among what is left.
    back = {j: i for i, j in matched.items()}  # new index -> old index
    splits = _pieces(old_folded, new_folded, matched, set(matched.values()))
    merges = _pieces(new_folded, old_folded, back, set(matched))

    pairs = [
        *_one_to_one(old, new, old_folded, new_folded, matched, similarity, splits, merges),
        *_splits(old, new, matched, splits),
        *_merges(old, new, back, merges),
        *_added(new, matched, splits, merges),
        *_deleted(old, len(new), matched, splits, merges),
    ]
    pairs.sort(key=lambda item: item[0])
    return tuple(pair for _, pair in pairs)


def _identical(old_folded: list[str], new_folded: list[str]) -> tuple[dict[int, int], dict[int, float]]:
    """Identical text, taken in order so that repeated boilerplate pairs up sensibly.

    Returns the old index → new index pairing (one to one) and each pair's similarity."""
    matched: dict[int, int] = {}
    similarity: dict[int, float] = {}
    by_text: dict[str, list[int]] = {}
    for j, text in enumerate(new_folded):
        by_text.setdefault(text, []).append(j)
    for i, text in enumerate(old_folded):
        candidates = by_text.get(text)
        if candidates:
            matched[i] = candidates.pop(0)
            similarity[i] = 1.0
    return matched, similarity


def _pair_most_similar(
    old_folded: list[str], new_folded: list[str], matched: dict[int, int], similarity: dict[int, float]
) -> None:
    """The most similar remaining pairs, best first, added to ``matched``."""
    from rapidfuzz import fuzz

    free_old = [i for i in range(len(old_folded)) if i not in matched]
    taken = set(matched.values())
    free_new = [j for j in range(len(new_folded)) if j not in taken]
    scored = []
    for i in free_old:
        for j in free_new:
            score = fuzz.ratio(old_folded[i], new_folded[j]) / 100
            if score >= SAME_CLAUSE_FROM:
                scored.append((score, -abs(i / max(len(old_folded), 1) - j / max(len(new_folded), 1)), i, j))
    scored.sort(reverse=True)
    for score, _, i, j in scored:
        if i in matched or j in taken:
            continue
        matched[i] = j
        taken.add(j)
        similarity[i] = score


def _one_to_one(
    old: Sequence[Clause],
    new: Sequence[Clause],
    old_folded: list[str],
    new_folded: list[str],
    matched: dict[int, int],
    similarity: dict[int, float],
    splits: dict[int, list[int]],
    merges: dict[int, list[int]],
) -> list[_Placed]:
    """The matched clauses that are not part of a split or merge: unchanged, modified, or
    moved when out of the longest run kept in order."""
    in_order = _longest_increasing([(i, matched[i]) for i in sorted(matched)])
    pairs: list[_Placed] = []
    for i, j in matched.items():
        if i in splits or j in merges:
            continue
        if (i, j) not in in_order:
            change = Change.MOVED
        elif old_folded[i] == new_folded[j]:
            change = Change.UNCHANGED
        else:
            change = Change.MODIFIED
        pairs.append((j, ClausePair((old[i],), (new[j],), change, round(similarity[i], 3))))
    return pairs


def _splits(
    old: Sequence[Clause], new: Sequence[Clause], matched: dict[int, int], splits: dict[int, list[int]]
) -> list[_Placed]:
    """One old clause carried by several new ones (with the one it was matched to, if any)."""
    pairs: list[_Placed] = []
    for i, js in splits.items():
        members = [matched[i]] if i in matched else []
        members = sorted({*members, *js})
        pieces = tuple(new[j] for j in members)
        pairs.append((members[0], ClausePair((old[i],), pieces, Change.SPLIT, _ratio(old[i].text, pieces))))
    return pairs


def _merges(
    old: Sequence[Clause], new: Sequence[Clause], back: dict[int, int], merges: dict[int, list[int]]
) -> list[_Placed]:
    """Several old clauses carried by one new one (with the one it was matched to, if any)."""
    pairs: list[_Placed] = []
    for j, is_ in merges.items():
        members = sorted({*([back[j]] if j in back else []), *is_})
        pieces = tuple(old[i] for i in members)
        pairs.append((j, ClausePair(pieces, (new[j],), Change.MERGED, _ratio(new[j].text, pieces))))
    return pairs


def _added(
    new: Sequence[Clause], matched: dict[int, int], splits: dict[int, list[int]], merges: dict[int, list[int]]
) -> list[_Placed]:
    """New clauses that carry none of the old text."""
    split_new = {j for js in splits.values() for j in js}
    placed_new = {j for j in matched.values()} | split_new | set(merges)
    return [(j, ClausePair((), (new[j],), Change.ADDED, 0.0)) for j in range(len(new)) if j not in placed_new]


def _deleted(
    old: Sequence[Clause],
    new_count: int,
    matched: dict[int, int],
    splits: dict[int, list[int]],
    merges: dict[int, list[int]],
) -> list[_Placed]:
    """Old clauses whose text the new version no longer carries, each listed after the new
    place of its old predecessor."""
    merged_old = {i for is_ in merges.values() for i in is_}
    placed_old = set(matched) | set(splits) | merged_old
    return [
        (_position_after(i, matched, new_count), ClausePair((old[i],), (), Change.DELETED, 0.0))
        for i in range(len(old))
        if i not in placed_old
    ]


def _pieces(
    longer: list[str], shorter: list[str], matched: dict[int, int], taken: set[int]
) -> dict[int, list[int]]:
    """Clauses of the ``longer`` side carried by two or more consecutive ``shorter`` ones.

    A piece is an unmatched shorter clause (or the one the longer clause was already
    matched with) most of whose text is found in the longer clause.
    """
    from rapidfuzz import fuzz

    found: dict[int, list[int]] = {}
    unclaimed = [j for j in range(len(shorter)) if j not in taken]
    for i, text in enumerate(longer):
        pieces = [
            j
            for j in unclaimed
            if len(shorter[j]) < len(text) and fuzz.partial_ratio(shorter[j], text) / 100 >= PIECE_FROM
        ]
        partner = matched.get(i)
        if partner is not None and len(shorter[partner]) < len(text):
            pieces.append(partner)
        covered = sum(len(shorter[j]) for j in pieces)
        if len(pieces) >= 2 and covered >= 0.6 * len(text):
            found[i] = sorted(set(pieces))
            unclaimed = [j for j in unclaimed if j not in pieces]
    return found


def _ratio(text: str, pieces: Sequence[Clause]) -> float:
    from rapidfuzz import fuzz

    return round(fuzz.ratio(fold(text), fold("".join(c.text for c in pieces))) / 100, 3)


def _position_after(old_index: int, matched: dict[int, int], new_count: int) -> float:
    """Where a deleted clause is listed: just after the new place of its old predecessor."""
    for i in range(old_index - 1, -1, -1):
        if i in matched:
            return matched[i] + 0.5
    return -0.5 if new_count else 0.0


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose new positions keep the old order: what did not move."""
    if not pairs:
        return set()
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        position = bisect.bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[position] = j
            tail_at[position] = k
        previous[k] = tail_at[position - 1] if position else -1
    kept = set()
    k = tail_at[-1]
    while k >= 0:
        kept.add(pairs[k])
        k = previous[k]
    return kept


_WORD = re.compile(r"[A-Za-z0-9.%]+|\s+|.", re.S)


class WordDiff(NamedTuple):
    """Two texts compared: the old one's segments (deletions marked) and the new one's
    (insertions marked)."""

    old: tuple[Segment, ...]
    new: tuple[Segment, ...]


def word_diff(old: str, new: str) -> WordDiff:
    """Character-level comparison (Chinese has no spaces to split words at), cleaned so
    that a single unchanged character between two changes does not chop the reading:
    returns the old text's segments (deletions marked) and the new text's (insertions)."""
    old_tokens = _WORD.findall(old)
    new_tokens = _WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = _absorb_short_equals(matcher.get_opcodes(), old_tokens)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes:
        old_part = "".join(old_tokens[i1:i2])
        new_part = "".join(new_tokens[j1:j2])
        if tag == "equal":
            _append(left, Segment(old_part))
            _append(right, Segment(new_part))
            continue
        if old_part:
            _append(left, Segment(old_part, "deleted"))
        if new_part:
            _append(right, Segment(new_part, "inserted"))
    return WordDiff(tuple(left), tuple(right))


def _absorb_short_equals(
    opcodes: Sequence[tuple[str, int, int, int, int]], old_tokens: list[str]
) -> list[tuple[str, int, int, int, int]]:
    """Fold an equal run of one or two characters lying between two changes into them."""
    result = list(opcodes)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(result) - 1):
            tag, i1, i2, _, _ = result[k]
            if tag != "equal" or len("".join(old_tokens[i1:i2])) > 2:
                continue
            if result[k - 1][0] == "equal" or result[k + 1][0] == "equal":
                continue
            first, last = result[k - 1], result[k + 1]
            result[k - 1 : k + 2] = [("replace", first[1], last[2], first[3], last[4])]
            changed = True
            break
    return result


def _append(segments: list[Segment], segment: Segment) -> None:
    if not segment.text:
        return
    if segments and segments[-1].kind == segment.kind:
        segments[-1] = Segment(segments[-1].text + segment.text, segment.kind)
    else:
        segments.append(segment)
