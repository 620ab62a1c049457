"""The clerk's terminal summary: counts, units, who to chase, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Consolidation
from ..summary import STATUS_LABELS, counts, summary_sentence

if TYPE_CHECKING:
    from rich.console import Console

_STATUS_STYLE = {"opinions": "green", "no_opinion": "cyan", "missing": "red", "needs_review": "yellow"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def print_summary(result: Consolidation, console: Console, show_info: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    c = result.consultation
    n = counts(result)
    console.print(Text(c.title, style="bold"))
    if c.reference:
        console.print(f"{c.reference}　截止：{c.deadline:%Y-%m-%d %H:%M}")
    console.print(summary_sentence(result, n))
    console.print()

    table = Table(title="各单位反馈情况", show_lines=False, header_style="bold")
    table.add_column("单位", overflow="fold", ratio=2)
    for name in ("分组", "状态"):
        table.add_column(name, overflow="fold")
    for name in ("意见", "逾期", "盖章", "电子"):
        table.add_column(name, overflow="fold", justify="center")
    table.add_column("文件", overflow="fold", ratio=3)
    for report in result.units:
        status = Text(STATUS_LABELS[report.status], style=_STATUS_STYLE[report.status])
        name = report.unit.name + ("" if report.unit.listed else "（名单外）")
        if report.answered_by:
            name += f"\n（{report.answered_by}代复）"
        table.add_row(
            name,
            report.unit.group,
            status,
            str(report.opinions) if report.opinions else "",
            "是"
            if report.late
            else ""
            if report.late is False
            else "?"
            if report.status in ("opinions", "no_opinion")
            else "",
            "✓" if report.stamped_copy else "",
            "✓" if report.editable_copy else "",
            "\n".join(report.files),
        )
    console.print(table)

    missing = [r for r in result.units if r.status == "missing"]
    if missing:
        console.print()
        console.print(Text(f"未反馈单位（{n.missing}个）", style="bold red"))
        console.print("、".join(r.unit.name for r in missing))
        if c.contacts:
            contacts = "；".join(" ".join(x for x in (p.name, p.phone, p.email) if x) for p in c.contacts)
            console.print(f"催报联系人：{contacts}")

    shown = [f for f in result.findings if show_info or f.severity != "info"]
    if shown:
        console.print()
        findings = Table(title="需要注意的问题", header_style="bold")
        for name in ("级别", "单位", "文件", "说明"):
            findings.add_column(name, overflow="fold")
        for f in shown:
            findings.add_row(
                Text(_SEVERITY_LABEL[f.severity], style=_SEVERITY_STYLE[f.severity]),
                f.unit or "",
                f.file or "",
                f.message,
            )
        console.print(findings)
    hidden = len(result.findings) - len(shown)
    if hidden:
        console.print(f"另有 {hidden} 条提示信息（--verbose 显示）", style="dim")


_SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
