"""Chase notices (催报通知) as a Word document in the official layout.

Either one notice per unit, each on its own page so they can be printed or sent one by
one, or a single list of the units with one message for all of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from consolidate.model import Consolidation
from consolidate.papers import officedoc as od
from consolidate.papers.chase import ChaseItem, general_notice, item_state, list_lead, list_title, notice_text
from consolidate.papers.report_docx import chinese_date

# 序号 / 单位 / 情况 across the 156 mm portrait text block.
_WIDTHS = [14.0, 72.0, 70.0]


def write_notices(
    items: list[ChaseItem], result: Consolidation, path: Path, single: bool, today: dt.date
) -> None:
    document = build_list(items, result, today) if single else build_notices(items, result, today)
    document.save(str(path))


def build_notices(items: list[ChaseItem], result: Consolidation, today: dt.date) -> Any:
    """One notice per unit, a page each."""
    c = result.consultation
    document = od.new_document()
    document.core_properties.title = f"关于反馈《{c.title}》修改意见的提醒"
    for n, item in enumerate(items):
        first = len(document.paragraphs)
        od.title(document, f"关于反馈《{c.title}》修改意见的提醒")
        if n:
            document.paragraphs[first].paragraph_format.page_break_before = True
        od.paragraph(document)
        od.paragraph(document, f"{item.unit.name}：", indent=False)
        body = notice_text(item, result).removeprefix(f"{item.unit.name}：")
        last = od.paragraph(document, body)
        od.signature(document, c.issuer, chinese_date(today), after=last)
    return document


def build_list(items: list[ChaseItem], result: Consolidation, today: dt.date) -> Any:
    """A single list of the units to chase, with the one message that applies to all."""
    c = result.consultation
    document = od.new_document()
    document.core_properties.title = list_title(result)
    od.title(document, list_title(result))
    od.paragraph(document)
    od.paragraph(document, list_lead(items, result), keep_with_next=True)
    grid = od.table(document, ["序号", "单位", "情况"], _WIDTHS)
    od.add_rows(
        grid,
        [[[(str(n), {"align": "center"})], [(item.unit.name, {})], [(item_state(item), {})]]
         for n, item in enumerate(items, start=1)],
        _WIDTHS,
        keep_last_with_next=True,
    )  # fmt: skip
    last = od.paragraph(document, general_notice(items, result), keep_with_next=True)
    od.signature(document, c.issuer, chinese_date(today), after=last)
    return document
