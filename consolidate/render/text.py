"""Plain and Markdown text for pipes, logs and e-mails (tabulate), when rich is not wanted."""

from __future__ import annotations

from typing import Any

from ..model import Consolidation
from ..summary import STATUS_LABELS, summary_sentence

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def table_text(headers: list[str], rows: list[list[Any]], markdown: bool = False) -> str:
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple")


def summary_text(result: Consolidation, markdown: bool = False, show_info: bool = False) -> str:
    c = result.consultation
    heading = "## " if markdown else ""
    out = [f"{'# ' if markdown else ''}{c.title}", f"{c.reference}　截止：{c.deadline:%Y-%m-%d %H:%M}", "",
           summary_sentence(result), "", f"{heading}各单位反馈情况", ""]  # fmt: skip
    rows = []
    for r in result.units:
        late = "是" if r.late else ""
        rows.append([r.unit.name + ("" if r.unit.listed else "（名单外）"), r.unit.group, STATUS_LABELS[r.status],
                     r.opinions or "", late, "有" if r.stamped_copy else "", "有" if r.editable_copy else "",
                     len(r.files) or ""])  # fmt: skip
    out.append(
        table_text(["单位", "分组", "状态", "意见", "逾期", "盖章件", "电子版", "文件数"], rows, markdown)
    )
    missing = [r.unit.name for r in result.units if r.status == "missing"]
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
