"""Chasing: who still owes a reply (or a readable one), and what to tell them."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Consolidation, Unit


@dataclass(frozen=True)
class ChaseItem:
    unit: Unit
    status: str
    why: str


def chase_list(result: Consolidation) -> list[ChaseItem]:
    """Listed units that have not replied, then those whose reply needs review."""
    items = []
    for report in result.listed_units:
        if report.status == "missing":
            items.append(ChaseItem(report.unit, report.status, "尚未收到反馈"))
    for report in result.listed_units:
        if report.status == "needs_review":
            reasons = [
                f.message.split("：")[0]
                for f in result.findings
                if f.unit == report.unit.name and f.severity in ("error", "warning")
            ]
            why = "；".join(dict.fromkeys(reasons)) or "反馈内容无法确认"
            items.append(ChaseItem(report.unit, report.status, why))
    return items


def notice_text(item: ChaseItem, result: Consolidation) -> str:
    """A short message ready to paste into a message or read on the phone."""
    c = result.consultation
    deadline = f"{c.deadline.month}月{c.deadline.day}日{c.deadline:%H:%M}"
    ask = (
        "截至目前尚未收到贵单位的反馈意见，请尽快将修改意见表盖章件和可编辑电子版反馈我们，无修改意见的也请正式反馈。"
        if item.status == "missing"
        else f"收到贵单位的反馈，但{item.why}，请重新发送修改意见表可编辑电子版（Word/Excel）。"
    )
    contacts = "；".join(" ".join(x for x in (p.name, p.phone, p.email) if x) for p in c.contacts)
    lead = f"{c.issuer}以{c.reference}" if c.reference else f"{c.issuer}"
    text = f"{item.unit.name}：{lead}征求对《{c.title}》的修改意见，反馈截止时间为{deadline}。{ask}"
    return text + (f"联系人：{contacts}。" if contacts else "")
