"""The clerk's terminal summary: counts, units, who to chase, findings.

Laid out for an 80-column console: the unit table carries only short columns (file names
go to ``-v``, shortened with an ellipsis rather than broken mid-name), every mark is
explained in a legend, and findings are a list rather than a table so their messages
wrap as sentences — never with a line starting "：" or "，".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from consolidate.analysis.summary import counts, summary_sentence
from consolidate.i18n import display_width, wrap
from consolidate.model import Consolidation, Finding, Status
from consolidate.papers.plain_text import LEGEND, SEVERITY_LABELS, UNIT_HEADERS, unit_cells, unit_name

if TYPE_CHECKING:
    from rich.console import Console

_STATUS_STYLE = {
    Status.OPINIONS: "green",
    Status.NO_OPINION: "cyan",
    Status.MISSING: "red",
    Status.NEEDS_REVIEW: "yellow",
}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_INDENT = "      "


def print_summary(result: Consolidation, console: Console, show_info: bool = False) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    width = max(console.width, 40)
    c = result.consultation
    n = counts(result)
    _paragraph(console, c.title, width, style="bold")
    if c.reference:
        console.print(f"{c.reference}　截止：{c.deadline:%Y-%m-%d %H:%M}")
    _paragraph(console, summary_sentence(result, n), width)
    console.print()

    table = Table(title="各单位反馈情况", box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False,
                  collapse_padding=True)  # fmt: skip
    for column, header in enumerate(UNIT_HEADERS):
        if column == 0:
            table.add_column(header, overflow="fold", ratio=1, min_width=12)
        else:
            table.add_column(header, no_wrap=True, justify="center" if column >= 3 else "left")
    for report in result.units:
        cells = unit_cells(report)
        if report.answered_by:
            cells[0] += f"（{report.answered_by}代复）"
        status = Text(cells[2], style=_STATUS_STYLE[report.status])
        table.add_row(cells[0], cells[1], status, *cells[3:])
    console.print(table)
    _paragraph(console, LEGEND, width, style="dim")

    if show_info:
        files = [(unit_name(r), f) for r in result.units for f in r.files]
        if files:
            console.print()
            console.print(Text("各单位的文件", style="bold"))
            for unit, file in files:
                line = f"{unit}：{file}"
                console.print(shorten(line, width), soft_wrap=True, highlight=False, markup=False)

    missing = [r for r in result.units if r.status == Status.MISSING]
    if missing:
        console.print()
        console.print(Text(f"未反馈单位（{n.missing}个）", style="bold red"))
        _paragraph(console, "、".join(r.unit.name for r in missing), width)
        if c.contacts:
            contacts = "；".join(" ".join(x for x in (p.name, p.phone, p.email) if x) for p in c.contacts)
            _paragraph(console, f"催报联系人：{contacts}", width)

    shown = [f for f in result.findings if show_info or f.severity != "info"]
    if shown:
        console.print()
        console.print(Text(f"需要注意的问题（{len(shown)}条）", style="bold"))
        for finding in shown:
            _print_finding(console, finding, width)
    hidden = len(result.findings) - len(shown)
    if hidden:
        console.print(f"另有 {hidden} 条提示信息（--verbose 显示）", style="dim")


def _print_finding(console: Console, finding: Finding, width: int) -> None:
    from rich.text import Text

    head = Text(SEVERITY_LABELS[finding.severity], style=_SEVERITY_STYLE[finding.severity])
    where = "　".join(x for x in (finding.unit, finding.file) if x)
    if where:
        head.append("　" + shorten(where, width - 6))
    console.print(head, soft_wrap=True)
    for line in wrap(finding.message, width - len(_INDENT)):
        console.print(_INDENT + line, soft_wrap=True, highlight=False, markup=False)


def _paragraph(console: Console, text: str, width: int, style: str = "") -> None:
    for line in wrap(text, width):
        console.print(line, style=style or None, soft_wrap=True, highlight=False, markup=False)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with "…" in the middle, keeping the end — a
    file name's extension and last characters are what tell files apart."""
    if display_width(text) <= width:
        return text
    keep_end = width // 2
    tail = ""
    for ch in reversed(text):
        if display_width(ch + tail) > keep_end:
            break
        tail = ch + tail
    head = ""
    for ch in text:
        if display_width(head + ch) > width - display_width(tail) - 1:
            break
        head += ch
    return f"{head}…{tail}"
