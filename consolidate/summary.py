"""The counts every output states, in the register of the field."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Consolidation

STATUS_LABELS = {
    "opinions": "提出意见",
    "no_opinion": "无修改意见",
    "missing": "未反馈",
    "needs_review": "待核实",
}


@dataclass(frozen=True)
class Counts:
    consulted: int
    replied: int
    with_opinions: int
    no_opinion: int
    needs_review: int
    missing: int
    opinions: int
    late: int
    unlisted: int
    unlisted_opinions: int


def counts(result: Consolidation) -> Counts:
    listed = result.listed_units
    unlisted = [u for u in result.units if not u.unit.listed]
    return Counts(
        consulted=len(listed),
        replied=sum(1 for u in listed if u.status != "missing"),
        with_opinions=sum(1 for u in listed if u.status == "opinions"),
        no_opinion=sum(1 for u in listed if u.status == "no_opinion"),
        needs_review=sum(1 for u in listed if u.status == "needs_review"),
        missing=sum(1 for u in listed if u.status == "missing"),
        opinions=sum(u.opinions for u in listed),
        late=sum(1 for u in result.units if u.late),
        unlisted=len(unlisted),
        unlisted_opinions=sum(u.opinions for u in unlisted),
    )


def summary_sentence(result: Consolidation) -> str:
    """共征求42个单位意见，截至3月31日，收到35个单位反馈，其中…"""
    n = counts(result)
    deadline = result.consultation.deadline
    parts = [f"共征求{n.consulted}个单位意见，截至{deadline.month}月{deadline.day}日"]
    parts.append(f"收到{n.replied}个单位反馈")
    detail = [f"{n.no_opinion}个单位无修改意见", f"{n.with_opinions}个单位提出修改意见{n.opinions}条"]
    if n.needs_review:
        detail.append(f"{n.needs_review}个单位反馈内容待核实")
    sentence = "，".join(parts) + "，其中" + "，".join(detail) + f"；{n.missing}个单位未反馈"
    if n.late:
        sentence += f"；{n.late}个单位逾期反馈"
    if n.unlisted:
        sentence += f"。另有{n.unlisted}个名单外单位反馈意见{n.unlisted_opinions}条"
    return sentence + "。"
