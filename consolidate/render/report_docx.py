"""The adoption report (意见采纳情况说明) and the per-unit feedback letters (反馈函)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..ledger import LedgerRow, normalise_decision
from ..report import main_reasons, report_sentence
from . import officedoc as od

_WIDTHS = [12.0, 22.0, 34.0, 85.0, 22.0, 50.0]


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def write_report(rows: list[LedgerRow], summary: dict[str, str], path: Path, today: dt.date) -> None:
    title = summary.get("文件", "征求意见稿")
    issuer = summary.get("发文单位", "")
    live = [r for r in rows if not r.removed]
    document = od.new_document()
    document.core_properties.title = f"关于《{title}》征求意见采纳情况的说明"
    od.title(document, f"关于《{title}》\n征求意见采纳情况的说明")
    od.paragraph(document)
    od.heading(document, "一、征求意见基本情况", 1)
    reference = summary.get("文号", "")
    lead = f"按照工作安排，{issuer}以{reference}就《{title}》征求有关单位意见。" if reference else ""
    od.paragraph(document, lead + report_sentence(summary, rows))
    reasons = main_reasons(rows)
    if reasons:
        od.paragraph(document, "未采纳的主要理由：" + "；".join(reasons) + "。")
    od.heading(document, "二、意见采纳情况", 1)
    od.paragraph(document, "各条意见的处理情况见下表。")
    od.add_landscape_section(document)
    grid = od.table(document, ["序号", "条款", "提出单位", "修改意见", "处理意见", "说明"], _WIDTHS)
    od.add_rows(grid, [
        [[(str(n), {"align": "center"})], [(row.clause, {})], [(row.unit, {})], [(row.opinion, {})],
         [(normalise_decision(row.decision), {"align": "center"})], [(row.note, {})]]
        for n, row in enumerate(live, start=1)
    ], _WIDTHS)  # fmt: skip
    od.paragraph(document)
    _signature(document, issuer, today)
    document.save(str(path))


def write_unit_letters(
    rows: list[LedgerRow], summary: dict[str, str], folder: Path, today: dt.date
) -> list[Path]:
    """One 反馈函 per unit that gave opinions: what became of each of its opinions."""
    folder.mkdir(parents=True, exist_ok=True)
    by_unit: dict[str, list[LedgerRow]] = {}
    for row in rows:
        if not row.removed:
            by_unit.setdefault(row.unit, []).append(row)
    title = summary.get("文件", "征求意见稿")
    issuer = summary.get("发文单位", "")
    written = []
    for unit, mine in by_unit.items():
        document = od.new_document()
        od.title(document, f"关于《{title}》\n修改意见采纳情况的反馈")
        od.paragraph(document)
        od.paragraph(document, f"{unit}：", indent=False)
        adopted = sum(1 for r in mine if normalise_decision(r.decision) in ("采纳", "已吸收"))
        od.paragraph(
            document,
            f"贵单位对《{title}》提出的{len(mine)}条修改意见收悉，感谢对我们工作的支持。经认真研究，"
            f"采纳或已吸收{adopted}条，其余意见的处理情况及理由见下表。",
        )
        grid = od.table(document, ["序号", "修改意见", "处理意见", "说明"], _LETTER_WIDTHS_PORTRAIT, size=12)
        for n, row in enumerate(mine, start=1):
            od.fill_row(grid, [[(str(n), {"align": "center"})], [(row.opinion, {})],
                               [(normalise_decision(row.decision), {"align": "center"})], [(row.note, {})]],
                        _LETTER_WIDTHS_PORTRAIT)  # fmt: skip
        od.paragraph(document)
        od.paragraph(document, "特此函复。")
        _signature(document, issuer, today)
        path = folder / f"{_safe(unit)}-反馈函.docx"
        document.save(str(path))
        written.append(path)
    return written


_LETTER_WIDTHS_PORTRAIT = [12.0, 70.0, 22.0, 52.0]


def _signature(document: Any, issuer: str, today: dt.date) -> None:
    od.paragraph(document)
    if issuer:
        od.paragraph(document, issuer, align="right", indent=False)
    od.paragraph(document, _chinese_date(today), align="right", indent=False)


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch not in '\\/:*?"<>|') or "单位"
