"""The consultation's numbers, computed once, and the sentences every paper states them in.

Every output (terminal, digest, JSON, the ledger's statistics sheet, the adoption report)
takes its numbers from one `Counts`, so the papers a meeting reads side by side agree.
What is counted where is decided here, once:

- 收到…个单位反馈 counts units on the roster only; it splits exactly into 无修改意见 +
  提出修改意见 + 反馈内容待核实, and with 未反馈 makes up 共征求.
- 意见…条 counts the opinions of roster units in the return that counts for each unit
  (a corrected return supersedes the earlier one).
- A respondent that is not on the roster is said separately ("另有1个名单外单位反馈意见2条"),
  never folded into the roster's numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from consolidate.model import Consolidation, Status

STATUS_LABELS = {
    Status.OPINIONS: "提出意见",
    Status.NO_OPINION: "无修改意见",
    Status.MISSING: "未反馈",
    Status.NEEDS_REVIEW: "待核实",
}


@dataclass(frozen=True)
class Counts:
    """The numbers of one run; see the module docstring for what each counts."""

    consulted: int  # units on the roster
    replied: int  # roster units that sent anything: no_opinion + with_opinions + needs_review
    with_opinions: int
    no_opinion: int
    needs_review: int  # replied, but what they sent cannot be read or is blank
    missing: int
    opinions: int  # opinions of roster units
    late: int  # roster units whose reply came after the deadline
    unlisted: int  # respondents not on the roster
    unlisted_opinions: int
    superseded: int = 0  # opinions in returns a later return replaced (kept, not counted)
    uncertain_placements: int = 0  # opinions whose clause the meeting should confirm

    @property
    def all_opinions(self) -> int:
        """Every opinion the meeting decides on: the roster's and the unlisted respondents'."""
        return self.opinions + self.unlisted_opinions


def counts(result: Consolidation) -> Counts:
    """The one place the numbers are computed."""
    listed = result.listed_units
    unlisted = [u for u in result.units if not u.unit.listed]
    return Counts(
        consulted=len(listed),
        replied=sum(1 for u in listed if u.status != Status.MISSING),
        with_opinions=sum(1 for u in listed if u.status == Status.OPINIONS),
        no_opinion=sum(1 for u in listed if u.status == Status.NO_OPINION),
        needs_review=sum(1 for u in listed if u.status == Status.NEEDS_REVIEW),
        missing=sum(1 for u in listed if u.status == Status.MISSING),
        opinions=sum(u.opinions for u in listed),
        late=sum(1 for u in listed if u.late),
        unlisted=len(unlisted),
        unlisted_opinions=sum(u.opinions for u in unlisted),
        superseded=sum(1 for o in result.opinions if o.superseded),
        uncertain_placements=sum(1 for o in result.effective_opinions if o.needs_review),
    )


# The ledger's 反馈情况 sheet: label → field. The report reads the counts back by these labels.
STATISTICS: tuple[tuple[str, str], ...] = (
    ("征求意见单位数", "consulted"),
    ("反馈单位数", "replied"),
    ("无修改意见单位数", "no_opinion"),
    ("提出意见单位数", "with_opinions"),
    ("待核实单位数", "needs_review"),
    ("未反馈单位数", "missing"),
    ("意见条数", "opinions"),
    ("逾期反馈单位数", "late"),
    ("名单外反馈单位数", "unlisted"),
    ("名单外单位意见条数", "unlisted_opinions"),
    ("已被更正版本取代的意见条数", "superseded"),
    ("归类待核意见条数", "uncertain_placements"),
)


def statistics(n: Counts) -> list[tuple[str, int]]:
    """The counts as labelled rows, for a statistics sheet people read."""
    return [(label, getattr(n, name)) for label, name in STATISTICS]


def counts_from_statistics(values: Mapping[str, object]) -> Counts | None:
    """Counts read back from a statistics sheet; None when it holds none of them.

    A label the sheet lacks (a ledger written by an older version) reads as 0.
    """
    by_label = dict(STATISTICS)
    found: dict[str, int] = {}
    for label, value in values.items():
        name = by_label.get(str(label).strip())
        if name is None:
            continue
        try:
            found[name] = int(str(value).strip() or 0)
        except ValueError:
            continue
    if not found:
        return None
    return Counts(**{f.name: found.get(f.name, 0) for f in fields(Counts)})


def summary_sentence(result: Consolidation, n: Counts | None = None) -> str:
    """共征求42个单位意见，截至3月31日，收到35个单位反馈，其中…"""
    n = n or counts(result)
    return counts_sentence(n, result.consultation.deadline.month, result.consultation.deadline.day)


def counts_sentence(n: Counts, month: int | None = None, day: int | None = None) -> str:
    """The field's summary sentence; its parts add up (see the module docstring)."""
    head = f"共征求{n.consulted}个单位意见"
    received = f"收到{n.replied}个单位反馈"
    if n.late and month:
        received += f"（含{n.late}个单位在{month}月{day}日截止后反馈）"
    elif n.late:
        received += f"（含{n.late}个单位逾期反馈）"
    elif month:
        received = f"截至{month}月{day}日，{received}"
    detail = []
    if n.no_opinion:
        detail.append(f"{n.no_opinion}个单位无修改意见")
    if n.with_opinions:
        detail.append(f"{n.with_opinions}个单位提出修改意见{n.opinions}条")
    if n.needs_review:
        detail.append(f"{n.needs_review}个单位反馈内容待核实")
    sentence = f"{head}，{received}"
    if detail:
        sentence += "，其中" + "，".join(detail)
    sentence += f"；{n.missing}个单位未反馈。" if n.missing else "；各单位均已反馈。"
    return sentence + unlisted_sentence(n)


def unlisted_sentence(n: Counts) -> str:
    """The respondents outside the roster, said apart so the roster's numbers add up."""
    if not n.unlisted:
        return ""
    if n.unlisted_opinions:
        return f"另有{n.unlisted}个名单外单位反馈意见{n.unlisted_opinions}条（未计入以上单位数和意见数）。"
    return f"另有{n.unlisted}个名单外单位反馈无修改意见（未计入以上单位数）。"
