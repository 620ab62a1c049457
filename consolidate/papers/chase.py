"""Chasing: who still owes a reply (or a readable one), and what to tell them.

The notices go to the terminal to be read out on the phone, or into a file to be sent:
one notice per unit, or a single list with one message (``chase -o FILE [--single]``).
"""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.analysis.summary import STATUS_LABELS
from consolidate.model import Consolidation, Status, Unit


@dataclass(frozen=True)
class ChaseItem:
    unit: Unit
    status: Status
    why: str


def chase_list(result: Consolidation) -> list[ChaseItem]:
    """Listed units that have not replied, then those whose reply needs review."""
    items = []
    for report in result.listed_units:
        if report.status == Status.MISSING:
            items.append(ChaseItem(report.unit, report.status, "尚未收到反馈"))
    for report in result.listed_units:
        if report.status == Status.NEEDS_REVIEW:
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
    deadline = _deadline(result)
    ask = (
        "截至目前尚未收到贵单位的反馈意见，请尽快将修改意见表盖章件和可编辑电子版反馈我们，无修改意见的也请正式反馈。"
        if item.status == Status.MISSING
        else f"收到贵单位的反馈，但{item.why.rstrip('。')}，请重新发送修改意见表可编辑电子版（Word/Excel）。"
    )
    contacts = _contacts(result)
    lead = f"{c.issuer}以{c.reference}" if c.reference else f"{c.issuer}"
    text = f"{item.unit.name}：{lead}征求对《{c.title}》的修改意见，反馈截止时间为{deadline}。{ask}"
    return text + (f"联系人：{contacts}。" if contacts else "")


def notices_text(items: list[ChaseItem], result: Consolidation, single: bool) -> str:
    """The notices as plain text: one after another, or a single list with one message."""
    if not single:
        return "\n\n".join(notice_text(item, result) for item in items) + "\n"
    lines = [list_title(result), "", list_lead(items, result), ""]
    lines += [f"{n}. {item.unit.name}（{item_state(item)}）" for n, item in enumerate(items, start=1)]
    lines += ["", general_notice(items, result)]
    return "\n".join(lines) + "\n"


def status_word(item: ChaseItem) -> str:
    """未反馈 or 待核实, as every paper names the status."""
    return STATUS_LABELS[item.status]


def item_state(item: ChaseItem) -> str:
    return status_word(item) if item.status == Status.MISSING else f"{status_word(item)}：{item.why}"


def list_title(result: Consolidation) -> str:
    return f"《{result.consultation.title}》征求意见催报单位名单"


def list_lead(items: list[ChaseItem], result: Consolidation) -> str:
    """截至…，尚有…个单位未反馈、…个单位反馈内容待核实。"""
    missing = sum(1 for i in items if i.status == Status.MISSING)
    unclear = len(items) - missing
    parts = [f"{missing}个单位未反馈"] if missing else []
    parts += [f"{unclear}个单位反馈内容待核实"] if unclear else []
    c = result.consultation
    return (
        f"《{c.title}》征求意见的反馈截止时间为{_deadline(result)}，目前尚有"
        + "、".join(parts)
        + "，名单如下。"
    )


def general_notice(items: list[ChaseItem], result: Consolidation) -> str:
    """The one message the list carries for every unit on it."""
    contacts = _contacts(result)
    text = (
        "请未反馈的单位尽快将修改意见表盖章件和可编辑电子版（Word/Excel）反馈我们，无修改意见的也请正式反馈"
    )
    if any(i.status != Status.MISSING for i in items):
        text += "；反馈内容待核实的单位，请重新发送修改意见表可编辑电子版"
    if all(i.status != Status.MISSING for i in items):
        text = "请反馈内容待核实的单位重新发送修改意见表可编辑电子版（Word/Excel）"
    return text + "。" + (f"联系人：{contacts}。" if contacts else "")


def _deadline(result: Consolidation) -> str:
    d = result.consultation.deadline
    return f"{d.month}月{d.day}日{d:%H:%M}"


def _contacts(result: Consolidation) -> str:
    people = result.consultation.contacts
    return "；".join(" ".join(x for x in (p.name, p.phone, p.email) if x) for p in people)
