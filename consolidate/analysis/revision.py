"""The revised draft checked against the team's decisions.

Every opinion marked 采纳 or 部分采纳 should show in the new text: its proposed wording
(改为“…”, 增加“…”) present, the text it asked to delete gone, or at least its clause
changed. A change with no adopted opinion behind it is the team's own change — listed, not
an error, since drafting teams improve texts on their own. This is the check a clerk does
by hand today with two printouts and a highlighter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from consolidate.analysis.compare import Change, ClausePair, align_drafts, descends_from, text_clauses
from consolidate.analysis.edits import ProposedEdit, parse_edits
from consolidate.codes import Code, Severity
from consolidate.model import Clause, Draft, Finding, LedgerRow, normalise_decision
from consolidate.text.normalise import bare_words, fold
from consolidate.thresholds import WORDING_FOUND_FROM

ADOPTED = ("采纳", "部分采纳")


@dataclass(frozen=True)
class DecidedOpinion:
    """What the comparison needs of one ledger row: who said what about where, and the
    team's decision. Built from the ledger, so it works from the file the team keeps."""

    id: str
    unit: str
    text: str
    clause_labels: tuple[str, ...]  # as the ledger names them (第三部分第2段); () for 总体
    decision: str
    note: str = ""


@dataclass(frozen=True)
class DecisionCheck:
    """Whether one decision shows in the revised draft (None: nothing to show)."""

    opinion: DecidedOpinion
    reflected: bool | None
    old: tuple[str, ...]  # old clause ids the opinion is about
    new: tuple[str, ...]  # where those clauses went
    why: str
    problem: Code | None = None  # the finding code when not reflected


@dataclass(frozen=True)
class Revision:
    """The comparison of two versions with the decisions laid over it."""

    old: Draft
    new: Draft
    pairs: tuple[ClausePair, ...]
    opinions_by_pair: tuple[tuple[str, ...], ...]  # ids of the opinions behind each pair
    checks: tuple[DecisionCheck, ...]
    findings: tuple[Finding, ...]


def compare_revision(old: Draft, new: Draft, decided: Sequence[DecidedOpinion] = ()) -> Revision:
    """Align the two versions and check each decision against the new text."""
    pairs = align_drafts(old, new)
    by_label = _clauses_by_label(old)
    leaves = text_clauses(old)
    findings: list[Finding] = []
    checks: list[DecisionCheck] = []
    behind: list[list[str]] = [[] for _ in pairs]
    for opinion in decided:
        old_ids, unknown = _old_clause_ids(opinion, by_label, leaves, old)
        for label in unknown:
            findings.append(
                Finding(Severity.WARNING, Code.LEDGER_CLAUSE_UNKNOWN,
                        f"台账中意见{opinion.id}（{opinion.unit}）的条款“{label}”在征求意见稿中找不到，"
                        "按总体意见核对", opinion.unit)
            )  # fmt: skip
        touched = _pairs_touching(pairs, old_ids)
        for k in touched:
            behind[k].append(opinion.id)
        check = _check(opinion, pairs, touched, old_ids)
        checks.append(check)
        if check.reflected is False and check.problem is not None:  # problem: set whenever not reflected
            findings.append(Finding(Severity.WARNING, check.problem, f"意见{opinion.id}（{opinion.unit}，{opinion.decision}）：{check.why}",
                                    opinion.unit))  # fmt: skip
    adopted_ids = {c.opinion.id for c in checks if c.opinion.decision in ADOPTED}
    for k, pair in enumerate(pairs):
        if pair.change is Change.UNCHANGED or any(i in adopted_ids for i in behind[k]):
            continue
        findings.append(Finding(Severity.INFO, Code.TEAM_CHANGE, f"{_pair_label(pair)}：{_CHANGE_WORDS[pair.change]}，"
                                "无对应的采纳意见（起草组自行修改）"))  # fmt: skip
    return Revision(old, new, pairs, tuple(tuple(ids) for ids in behind), tuple(checks), tuple(findings))


_CHANGE_WORDS = {
    Change.UNCHANGED: "未修改",
    Change.MODIFIED: "修改",
    Change.MOVED: "调整位置",
    Change.ADDED: "新增",
    Change.DELETED: "删除",
    Change.SPLIT: "拆分",
    Change.MERGED: "合并",
}


def change_words(change: Change) -> str:
    """How a 修改对照表 names a change: 修改, 新增, 删除, 调整位置, 拆分, 合并."""
    return _CHANGE_WORDS[change]


def _pair_label(pair: ClausePair) -> str:
    old = "、".join(c.label for c in pair.old)
    new = "、".join(c.label for c in pair.new)
    if old and new and old != new:
        return f"原{old}（现{new}）"
    return old or f"新{new}"


def _clauses_by_label(draft: Draft) -> dict[str, Clause]:
    table: dict[str, Clause] = {}
    for clause in draft.clauses:
        table.setdefault(fold(clause.label), clause)
        table.setdefault(clause.id, clause)
    return table


def _old_clause_ids(
    opinion: DecidedOpinion, by_label: dict[str, Clause], leaves: Sequence[Clause], draft: Draft
) -> tuple[tuple[str, ...], list[str]]:
    """The text-bearing old clauses an opinion concerns: a part's or an article's opinion
    concerns every paragraph in it."""
    ids: list[str] = []
    unknown: list[str] = []
    for label in opinion.clause_labels:
        clause = by_label.get(fold(label))
        if clause is None:
            unknown.append(label)
            continue
        inside = [c.id for c in leaves if descends_from(draft.get(c.id) or c, clause.id, draft)]
        ids.extend(inside or [clause.id])
    return tuple(dict.fromkeys(ids)), unknown


def _pairs_touching(pairs: Sequence[ClausePair], old_ids: tuple[str, ...]) -> list[int]:
    """Pairs holding one of the clauses, and a clause added right after one of them (an
    opinion asking to 增加一条 is answered by an added clause next to where it pointed)."""
    wanted = set(old_ids)
    touched: list[int] = []
    for k, pair in enumerate(pairs):
        if any(c.id in wanted for c in pair.old):
            touched.append(k)
            follow = k + 1
            while follow < len(pairs) and pairs[follow].change is Change.ADDED:
                touched.append(follow)
                follow += 1
    return sorted(set(touched))


def _check(
    opinion: DecidedOpinion, pairs: Sequence[ClausePair], touched: list[int], old_ids: tuple[str, ...]
) -> DecisionCheck:
    new_ids = tuple(dict.fromkeys(c.id for k in touched for c in pairs[k].new))
    edits = parse_edits(opinion.text)
    decision = opinion.decision
    if decision not in ADOPTED and not (decision == "已吸收" and edits):
        return DecisionCheck(opinion, None, old_ids, new_ids, "无需修改")
    if touched:
        new_text = "\n".join(pairs[k].new_text for k in touched)
        old_text = "\n".join(pairs[k].old_text for k in touched)
    else:
        new_text = "\n".join(pair.new_text for pair in pairs)
        old_text = "\n".join(pair.old_text for pair in pairs)
    changed = any(pairs[k].change is not Change.UNCHANGED for k in touched)
    if edits:
        shown = [_edit_shown(edit, old_text, new_text) for edit in edits]
        if all(shown) or (decision != "采纳" and (any(shown) or changed)):
            return DecisionCheck(opinion, True, old_ids, new_ids, "修改稿已体现")
        missing = [_edit_words(e) for e, ok in zip(edits, shown) if not ok]
        why = "修改稿中未见" + "；".join(missing)
        return DecisionCheck(opinion, False, old_ids, new_ids, why, Code.ADOPTED_NOT_REFLECTED)
    if not old_ids:
        return DecisionCheck(opinion, None, old_ids, new_ids, "总体意见，无法逐条核对")
    if changed:
        return DecisionCheck(opinion, True, old_ids, new_ids, "所涉条款已修改")
    labels = "、".join(dict.fromkeys(c.label for k in touched for c in pairs[k].old)) or "所涉条款"
    why = f"{labels}在修改稿中未作修改"
    return DecisionCheck(opinion, False, old_ids, new_ids, why, Code.ADOPTED_CLAUSE_UNCHANGED)


def _edit_shown(edit: ProposedEdit, old_text: str, new_text: str) -> bool:
    new = bare_words(new_text)
    if edit.kind == "delete":
        return not _found(edit.old, new) or bare_words(edit.old) not in bare_words(old_text)
    if edit.kind == "replace":
        gone = not _found(edit.old, new) or bare_words(edit.old) in bare_words(edit.new)
        return _found(edit.new, new) and gone
    return _found(edit.new, new)


def _edit_words(edit: ProposedEdit) -> str:
    if edit.kind == "delete":
        return f"删除“{edit.old}”"
    if edit.kind == "replace":
        return f"将“{edit.old}”改为“{edit.new}”"
    return f"增加“{edit.new}”"


def _found(words: str, plain_text: str) -> bool:
    wanted = bare_words(words)
    if not wanted:
        return True
    if wanted in plain_text:
        return True
    if len(wanted) < 6:
        return False
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(wanted, plain_text) / 100 >= WORDING_FOUND_FROM


def decided_from_ledger(rows: Iterable[LedgerRow]) -> tuple[DecidedOpinion, ...]:
    """Ledger rows as the opinions the check needs; removed rows are left out, and 未采纳
    and the other synonyms are read as the ledger reads them."""
    decided = []
    for row in rows:
        if row.removed:
            continue
        labels = [x.strip() for x in re.split(r"[、，,；;]", row.clause or "")]
        decided.append(
            DecidedOpinion(
                id=row.id,
                unit=row.unit,
                text=row.opinion,
                clause_labels=tuple(x for x in labels if x and x not in ("总体", "总体意见")),
                decision=normalise_decision(row.decision),
                note=row.note,
            )
        )
    return tuple(decided)
