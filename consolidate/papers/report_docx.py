"""The adoption report (意见采纳情况说明) and the per-unit feedback letters (反馈函).

Both are official papers: the report's body ends with its signature and carries the wide
table as an annex in a landscape section (so no page holds a signature alone after a
table); a letter closes with 特此函复 and its signature kept on the page of the table's last
row. Rows follow the draft's clause order, as the meeting discussed them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from consolidate.analysis.revision import Revision
from consolidate.model import LedgerRow, normalise_decision
from consolidate.papers import officedoc as od
from consolidate.papers.compare_docx import add_comparison, comparison_name
from consolidate.papers.ledger import LedgerSummary
from consolidate.papers.report import by_clause, main_reasons, report_sentence

# 序号 / 条款 / 提出单位 / 修改意见 / 处理意见 / 说明 across the 225 mm landscape text block.
_WIDTHS = [13.0, 28.0, 34.0, 80.0, 22.0, 48.0]
# 序号 / 条款 / 修改意见 / 处理意见 / 说明 across the 156 mm portrait text block.
_LETTER_WIDTHS = [13.0, 22.0, 61.0, 22.0, 38.0]
_DECISION_ORDER = ("采纳", "部分采纳", "不采纳", "已吸收")
_DECISION_SAID = {"不采纳": "未采纳"}


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def write_report(
    rows: list[LedgerRow],
    summary: LedgerSummary,
    path: Path,
    today: dt.date,
    revision: Revision | None = None,
) -> None:
    build_report(rows, summary, today, revision).save(str(path))


def build_report(
    rows: list[LedgerRow], summary: LedgerSummary, today: dt.date, revision: Revision | None = None
) -> Any:
    """The 采纳情况说明; with the revised draft compared (``revision``), the 修改对照表
    goes with it as a second annex, as submissions for approval carry both."""
    title = summary.title
    issuer = summary.issuer
    document = od.new_document()
    document.core_properties.title = f"关于《{title}》征求意见采纳情况的说明"
    od.title(document, f"关于《{title}》征求意见采纳情况的说明")
    od.paragraph(document)
    od.heading(document, "一、征求意见基本情况", 1)
    reference = summary.reference
    lead = f"按照工作安排，{issuer}以{reference}就《{title}》征求有关单位意见。" if reference else ""
    od.paragraph(document, lead + report_sentence(summary, rows))
    reasons = list(dict.fromkeys(_clause_end(reason) for reason in main_reasons(rows)))
    if reasons:
        od.paragraph(document, "未采纳的主要理由：" + "；".join(reasons) + "。")
    od.heading(document, "二、意见采纳情况", 1)
    # The closing section, 附件说明 and signature move together: a page never holds a signature alone.
    od.paragraph(document, "各条意见的处理情况见附件。", keep_with_next=True)
    od.paragraph(document, keep_with_next=True)
    if revision is None:
        annex_note = od.paragraph(document, "附件：意见采纳情况表", keep_with_next=True)
    else:
        od.paragraph(document, "附件：1．意见采纳情况表", keep_with_next=True)
        annex_note = od.paragraph(document, "\u3000\u3000\u30002．修改对照表", keep_with_next=True)
    od.signature(document, issuer, chinese_date(today), after=annex_note)

    od.annex(document, "附件" if revision is None else "附件1", "意见采纳情况表")
    grid = od.table(document, ["序号", "条款", "提出单位", "修改意见", "处理意见", "说明"], _WIDTHS)
    od.add_rows(grid, [
        [[(str(n), {"align": "center"})], [(row.clause, {})], [(row.unit, {})], [(row.opinion, {})],
         [(_said(row.decision), {"align": "center"})], [(row.note, {})]]
        for n, row in enumerate(by_clause(rows), start=1)
    ], _WIDTHS)  # fmt: skip
    if revision is not None:
        od.annex(document, "附件2", f"《{comparison_name(revision)}》修改对照表")
        add_comparison(document, revision)
    return document


def write_unit_letters(
    rows: list[LedgerRow], summary: LedgerSummary, folder: Path, today: dt.date
) -> list[Path]:
    """One 反馈函 per unit that gave opinions: what became of each of its opinions."""
    folder.mkdir(parents=True, exist_ok=True)
    by_unit: dict[str, list[LedgerRow]] = {}
    for row in by_clause(rows):
        by_unit.setdefault(row.unit, []).append(row)
    written = []
    for unit, mine in by_unit.items():
        path = folder / f"{_safe(unit)}-反馈函.docx"
        build_unit_letter(unit, mine, summary, today).save(str(path))
        written.append(path)
    return written


def build_unit_letter(unit: str, mine: list[LedgerRow], summary: LedgerSummary, today: dt.date) -> Any:
    title = summary.title
    document = od.new_document()
    document.core_properties.title = f"关于《{title}》修改意见采纳情况的反馈"
    od.title(document, f"关于《{title}》修改意见采纳情况的反馈")
    od.paragraph(document)
    od.paragraph(document, f"{unit}：", indent=False)
    od.paragraph(document, letter_opening(title, mine))
    grid = od.table(document, ["序号", "条款", "修改意见", "处理意见", "说明"], _LETTER_WIDTHS)
    od.add_rows(grid, [
        [[(str(n), {"align": "center"})], [(row.clause, {})], [(row.opinion, {})],
         [(_said(row.decision), {"align": "center"})], [(row.note, {})]]
        for n, row in enumerate(mine, start=1)
    ], _LETTER_WIDTHS, keep_last_with_next=True)  # fmt: skip
    closing = od.paragraph(document, "特此函复。", keep_with_next=True)
    od.signature(document, summary.issuer, chinese_date(today), after=closing)
    return document


def letter_opening(title: str, mine: list[LedgerRow]) -> str:
    """你单位对《…》提出的3条修改意见收悉……经认真研究，采纳2条，未采纳1条。各条意见的处理情况如下。"""
    tally = Counter(normalise_decision(r.decision) for r in mine)
    total = len(mine)
    if tally["采纳"] == total:
        outcome = "全部予以采纳" if total > 1 else "已予采纳"
    else:
        outcome = "，".join(f"{_DECISION_SAID.get(d, d)}{tally[d]}条" for d in _DECISION_ORDER if tally[d])
    return (
        f"你单位对《{title}》提出的{total}条修改意见收悉，感谢对我们工作的支持。"
        f"经认真研究，{outcome}。{'各条意见的处理情况如下' if total > 1 else '处理情况如下'}。"
    )


def _said(decision: str) -> str:
    """不采纳 is written 未采纳 in papers, as the field does."""
    value = normalise_decision(decision)
    return _DECISION_SAID.get(value, value)


def _clause_end(text: str) -> str:
    """A reason as a clause inside a sentence: without its own closing punctuation."""
    return text.strip().rstrip("。；;，,.！!")


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch not in '\\/:*?"<>|') or "单位"
