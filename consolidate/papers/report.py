"""After the meeting: the decisions of the ledger checked, counted and explained.

A decision is one of 采纳 / 部分采纳 / 不采纳 / 已吸收 (未采纳 is read as 不采纳); every
部分采纳 and 不采纳 needs its reason — as ballots require a reason for every comment not
accepted — so the report refuses, listing the opinions, until each one has it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from consolidate.analysis.summary import Counts, counts_sentence
from consolidate.model import DECISIONS, NEEDS_REASON, LedgerRow, normalise_decision
from consolidate.papers.ledger import LedgerSummary
from consolidate.text.numerals import parse_number


@dataclass(frozen=True)
class Problem:
    row: int
    id: str
    unit: str
    message: str


def check_decisions(rows: list[LedgerRow]) -> list[Problem]:
    """Every live opinion needs a valid decision, and a reason when not fully adopted."""
    problems = []
    for row in rows:
        if row.removed:
            continue
        decision = normalise_decision(row.decision)
        if not decision:
            problems.append(Problem(row.row, row.id, row.unit, "未填写处理意见"))
        elif decision not in DECISIONS:
            problems.append(
                Problem(row.row, row.id, row.unit, f"处理意见“{row.decision}”不是{'/'.join(DECISIONS)}之一")
            )
        elif decision in NEEDS_REASON and not row.note.strip():
            problems.append(Problem(row.row, row.id, row.unit, f"“{decision}”须在“说明”列写明理由"))
    return problems


def decision_counts(rows: list[LedgerRow]) -> Counter[str]:
    return Counter(normalise_decision(r.decision) for r in rows if not r.removed)


def report_counts(summary: LedgerSummary, rows: list[LedgerRow]) -> Counts | None:
    """The consultation's numbers as the ledger's statistics sheet recorded them at the run.

    A sheet without the unlisted respondents' opinion count (written before it was
    recorded) has it derived from the rows: every live row not counted as a roster
    unit's opinion is an unlisted respondent's.
    """
    n = summary.counts
    if n is None or "unlisted_opinions" in summary.recorded:
        return n
    live = sum(1 for r in rows if not r.removed)
    return dataclasses.replace(n, unlisted_opinions=max(0, live - n.opinions) if n.unlisted else 0)


def report_sentence(summary: LedgerSummary, rows: list[LedgerRow]) -> str:
    """共征求…个单位意见，收到…个单位反馈，其中…；经认真研究，对以上…条意见，采纳…条…

    The numbers of the consultation are the run's own (read back from the ledger's
    statistics sheet), so the report says what the digest said; the decisions are
    counted over the ledger's live rows, which include the unlisted respondents' opinions.
    """
    live = [r for r in rows if not r.removed]
    n = report_counts(summary, rows)
    if n is None:
        units = len({r.unit for r in live})
        opening = f"{units}个单位提出修改意见{len(live)}条。"
    else:
        # Without the late count the sheet cannot say what came in by the deadline: no date.
        deadline = _deadline(summary.deadline) if "late" in summary.recorded else None
        opening = counts_sentence(n, *(deadline or (None, None)))
    tally = decision_counts(rows)
    decided = [f"采纳{tally['采纳']}条", f"部分采纳{tally['部分采纳']}条", f"未采纳{tally['不采纳']}条"]
    if tally["已吸收"]:
        decided.append(f"已吸收{tally['已吸收']}条")
    which = "以上" if n is not None and n.all_opinions == len(live) else ""
    return opening + f"经认真研究，对{which}{len(live)}条意见，" + "，".join(decided) + "。"


def _deadline(text: str) -> tuple[int, int] | None:
    match = re.match(r"\s*\d{4}-(\d{1,2})-(\d{1,2})", text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def clause_order(label: str) -> tuple[int, tuple[int, ...]]:
    """Sort key putting ledger rows in the draft's reading order by their clause label.

    The ledger names clauses as people do (序言, 第三部分第2段, 第七条第一款, 三（二）);
    the numbers in the label, read in order, give the clause's place in the draft. The
    preamble comes first and opinions on the document as a whole (总体) last.
    """
    first = label.split("、")[0].strip()
    if not first or first.startswith("总体"):
        return (2, ())
    if first.startswith("序言"):
        return (0, ())
    numbers = tuple(_number(token) for token in _NUMBER.findall(first))
    return (1, numbers) if numbers else (2, ())


_NUMBER = re.compile(r"\d+|[零〇○一二三四五六七八九十百千两]+")


def _number(token: str) -> int:
    return int(token) if token.isdigit() else (parse_number(token) or 0)


def by_clause(rows: list[LedgerRow]) -> list[LedgerRow]:
    """Live rows in the draft's clause order (stable: within a clause, the ledger's order)."""
    return sorted((r for r in rows if not r.removed), key=lambda r: clause_order(r.clause))


def main_reasons(rows: list[LedgerRow], limit: int = 3) -> list[str]:
    """The most frequent reasons given for not adopting, in the team's own words."""
    reasons = Counter(
        r.note.strip() for r in rows if not r.removed and normalise_decision(r.decision) == "不采纳"
    )
    return [reason for reason, _ in reasons.most_common(limit) if reason]
