"""Plain and Markdown text for pipes, logs and e-mails (tabulate), when rich is not wanted.

Columns are aligned by display width (a Chinese character takes two columns): tabulate
does so when wcwidth is installed, which is why wcwidth is a dependency.
"""

from __future__ import annotations

from typing import Any

from consolidate.analysis.summary import STATUS_LABELS, summary_sentence
from consolidate.model import Consolidation, Status, UnitReport

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_LABELS = _SEVERITY

UNIT_HEADERS = ["单位", "分组", "状态", "意见", "逾期", "盖章件", "电子版"]

#: Every mark the unit table uses, explained below it.
LEGEND = (
    "说明：意见＝提出的意见条数；逾期：是＝晚于截止时间，不详＝没有填表时间或邮件日期、无法判断；"
    "盖章件/电子版：有＝已收到；待核实＝文件读不出或认不出所属单位，见“需要注意的问题”。"
)


def late_mark(report: UnitReport) -> str:
    """逾期 column: 是, or 不详 for a reply whose date cannot be told, else blank."""
    if report.late:
        return "是"
    if report.late is None and report.status in (Status.OPINIONS, Status.NO_OPINION):
        return "不详"
    return ""


def unit_name(report: UnitReport) -> str:
    return report.unit.name + ("" if report.unit.listed else "（名单外）")


def unit_cells(report: UnitReport) -> list[str]:
    """The unit table's cells for one unit, as both the plain and the rich table show them."""
    return [
        unit_name(report),
        report.unit.group,
        STATUS_LABELS[report.status],
        str(report.opinions) if report.opinions else "",
        late_mark(report),
        "有" if report.stamped_copy else "",
        "有" if report.editable_copy else "",
    ]


def table_text(headers: list[str], rows: list[list[Any]], markdown: bool = False) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple")


def summary_text(result: Consolidation, markdown: bool = False, show_info: bool = False) -> str:
    c = result.consultation
    heading = "## " if markdown else ""
    out = [f"{'# ' if markdown else ''}{c.title}", f"{c.reference}　截止：{c.deadline:%Y-%m-%d %H:%M}", "",
           summary_sentence(result), "", f"{heading}各单位反馈情况", ""]  # fmt: skip
    rows = [[*unit_cells(r), len(r.files) or ""] for r in result.units]
    out.append(table_text([*UNIT_HEADERS, "文件数"], rows, markdown))
    out += ["", LEGEND + "文件数＝收到的文件个数（-v 列出文件名）。"]
    if show_info:
        files = [[unit_name(r), f] for r in result.units for f in r.files]
        if files:
            out += ["", f"{heading}各单位的文件", "", table_text(["单位", "文件"], files, markdown)]
    missing = [r.unit.name for r in result.units if r.status == Status.MISSING]
    if missing:
        out += ["", f"{heading}未反馈单位（{len(missing)}个）", "", "、".join(missing)]
        contacts = "；".join(" ".join(x for x in (p.name, p.phone, p.email) if x) for p in c.contacts)
        if contacts:
            out.append(f"催报联系人：{contacts}")
    shown = [f for f in result.findings if show_info or f.severity != "info"]
    if shown:
        out += ["", f"{heading}需要注意的问题", ""]
        out.append(table_text(["级别", "单位", "文件", "说明"],
                              [[_SEVERITY[f.severity], f.unit or "", f.file or "", f.message] for f in shown], markdown))  # fmt: skip
    hidden = len(result.findings) - len(shown)
    if hidden:
        out += ["", f"另有 {hidden} 条提示信息（--verbose 显示）"]
    return "\n".join(out)
