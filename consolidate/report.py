"""After the meeting: the decisions of the ledger checked, counted and explained.

A decision is one of 采纳 / 部分采纳 / 不采纳 / 已吸收 (未采纳 is read as 不采纳); every
部分采纳 and 不采纳 needs its reason — as ballots require a reason for every comment not
accepted — so the report refuses, listing the opinions, until each one has it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .ledger import DECISIONS, NEEDS_REASON, LedgerRow, normalise_decision


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


def report_sentence(summary: dict[str, str], rows: list[LedgerRow]) -> str:
    """共征求…个单位意见，收到…个单位反馈，…个单位无修改意见，…个单位提出意见…条，采纳…条…"""
    live = [r for r in rows if not r.removed]
    tally = decision_counts(rows)
    units = len({r.unit for r in live})
    parts = []
    if summary.get("征求意见单位数"):
        parts.append(f"共征求{summary['征求意见单位数']}个单位意见")
    if summary.get("反馈单位数"):
        parts.append(f"收到{summary['反馈单位数']}个单位反馈")
    if summary.get("无修改意见单位数"):
        parts.append(f"{summary['无修改意见单位数']}个单位无修改意见")
    parts.append(f"{units}个单位提出意见{len(live)}条")
    decided = [f"采纳{tally['采纳']}条", f"部分采纳{tally['部分采纳']}条", f"未采纳{tally['不采纳']}条"]
    if tally["已吸收"]:
        decided.append(f"已吸收{tally['已吸收']}条")
    return "，".join(parts) + "。经认真研究，" + "，".join(decided) + "。"


def main_reasons(rows: list[LedgerRow], limit: int = 3) -> list[str]:
    """The most frequent reasons given for not adopting, in the team's own words."""
    reasons = Counter(
        r.note.strip() for r in rows if not r.removed and normalise_decision(r.decision) == "不采纳"
    )
    return [reason for reason, _ in reasons.most_common(limit) if reason]
