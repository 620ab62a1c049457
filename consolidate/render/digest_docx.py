"""The Word digest (意见汇总表) for the drafting team's meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..edits import redline
from ..merge import group_key
from ..model import Clause, ClauseGroup, Consolidation, Draft, Opinion
from ..numerals import to_chinese
from ..review import located_edits
from ..summary import STATUS_LABELS, summary_sentence
from . import officedoc as od

# 序号 / 提出单位 / 修改意见 / 修改理由 / 处理意见 across the 225 mm landscape text block.
_OPINION_WIDTHS = [12.0, 36.0, 82.0, 62.0, 33.0]
_FINDING_WIDTHS = [16.0, 40.0, 60.0, 109.0]
_GREY = "595959"
_RED = "C00000"
_BLUE = "1F4E79"


def write_digest(result: Consolidation, path: Path) -> None:
    """Write the digest as .docx to ``path``."""
    document = build_digest(result)
    document.save(str(path))


def build_digest(result: Consolidation) -> Any:
    c = result.consultation
    document = od.new_document()
    core = document.core_properties
    core.title = f"{c.title}修改意见汇总"
    core.author = c.issuer or "consolidate"

    od.title(document, f"《{c.title}》\n修改意见汇总表")
    if c.reference:
        od.paragraph(document, f"（{c.reference}征求意见反馈情况）", font=od.HEADING2_FONT,
                     align="center", indent=False)  # fmt: skip
    od.paragraph(document)

    od.heading(document, "一、总体情况", 1)
    od.paragraph(document, summary_sentence(result))
    missing = [r.unit.name for r in result.units if r.status == "missing"]
    if missing:
        od.paragraph(document, f"未反馈单位：{'、'.join(missing)}。")
    review = sum(1 for o in result.effective_opinions if o.needs_review)
    if review:
        od.paragraph(document, f"另有{review}条意见归类依据不足，已标注“归类待核”，请会上确认所属条款。")
    _overview(document, result)

    od.add_landscape_section(document)
    od.heading(document, "二、分条款意见", 1)
    for number, (part_label, groups) in enumerate(_by_part(result), start=1):
        od.heading(document, f"（{to_chinese(number)}）{part_label}", 2)
        for group in groups:
            _clause_group(document, group, result.consultation.draft, len(groups) > 1 or group.clause is None)

    _appendices(document, result)
    return document


def _overview(document: Any, result: Consolidation) -> None:
    """A clause-by-opinions table so the meeting sees at a glance where the debate is."""
    if not result.groups:
        return
    od.paragraph(document, "各条款意见分布如下：")
    widths = [50.0, 18.0, 88.0]
    grid = od.table(document, ["条款", "意见数", "提出单位"], widths)
    for group in result.groups:
        units = list(dict.fromkeys(o.unit for o in group.opinions))
        od.fill_row(
            grid,
            [[(_clause_name(group.clause, result.consultation.draft), {})], [(str(len(group.opinions)), {"align": "center"})],
             [("、".join(units), {})]],
            widths,
        )  # fmt: skip


def _by_part(result: Consolidation) -> list[tuple[str, list[ClauseGroup]]]:
    parts: list[tuple[str, list[ClauseGroup]]] = []
    draft = result.consultation.draft
    for group in result.groups:
        clause = group.clause
        if clause is None:
            label = "总体意见及未归入具体条款的意见"
        elif clause.id == "0":
            label = "序言"
        elif draft is not None:
            label = draft.heading_of(draft.division(clause))
        else:
            label = clause.label
        if parts and parts[-1][0] == label:
            parts[-1][1].append(group)
        else:
            parts.append((label, [group]))
    return parts


def _clause_name(clause: Clause | None, draft: Draft | None) -> str:
    if clause is None:
        return "总体意见"
    if clause.id == "0":
        return "序言"
    if clause.paragraph is None:
        return f"{clause.label}（整体）"
    parent = draft.get(clause.parent) if draft is not None else None
    if clause.kind == "paragraph" and parent is not None and len(draft.children(parent.id)) == 1:  # type: ignore[union-attr]
        return parent.label
    return clause.label


def _clause_group(document: Any, group: ClauseGroup, draft: Draft | None, with_subheading: bool) -> None:
    clause = group.clause
    rows = _rows(group.opinions)
    if with_subheading and clause is not None:
        od.heading(document, f"{_clause_name(clause, draft)}（{len(group.opinions)}条）", 3)
    if clause is not None and (clause.paragraph is not None or clause.id == "0"):
        _note(document, "【原文】", [(clause.text, {"color": _GREY})])
        _responsible(document, group)
        _redlines(document, group, rows, draft)
    for conflict in group.notes.conflicts:
        _note(
            document,
            "【意见分歧】",
            [(conflict.description + "，请会议研究确定。", {"color": _RED})],
            color=_RED,
        )
    grid = od.table(document, ["序号", "提出单位", "修改意见", "修改理由", "处理意见"], _OPINION_WIDTHS)
    od.add_rows(
        grid,
        [_row_cells(n, members, group, draft) for n, members in enumerate(rows, start=1)],
        _OPINION_WIDTHS,
    )
    od.paragraph(document, "", line_pt=12)


def _note(
    document: Any, label: str, runs: list[tuple[str, dict[str, Any]]], color: str | None = None
) -> None:
    """A 楷体 4号 note under a clause heading: 【原文】, 【责任单位】, 【意见分歧】…"""
    kai = {"font": od.HEADING2_FONT}
    head = (label, {**kai, "bold": True, **({"color": color} if color else {})})
    od.rich_paragraph(document, [head, *((t, {**kai, **style}) for t, style in runs)], size=14, line_pt=22)


def _rows(opinions: tuple[Opinion, ...]) -> list[list[Opinion]]:
    """Opinions of one similar group (or merged duplicates) share a row."""
    rows: dict[str, list[Opinion]] = {}
    for opinion in opinions:
        rows.setdefault(group_key(opinion), []).append(opinion)
    return list(rows.values())


def _responsible(document: Any, group: ClauseGroup) -> None:
    notes = group.notes
    if not (notes.responsible or notes.responsible_all_cities or notes.responsible_unlisted):
        return
    named = list(notes.responsible) + (["各设区市人民政府"] if notes.responsible_all_cities else [])
    parts = [f"{'、'.join(named)}" if named else "无名单内单位"]
    if notes.responsible_commented:
        parts.append(f"其中提出意见的：{'、'.join(notes.responsible_commented)}")
    if notes.responsible_unlisted:
        parts.append(f"列为责任单位但未征求意见：{'、'.join(notes.responsible_unlisted)}")
    _note(document, "【责任单位】", [("；".join(parts) + "。", {})])


def _redlines(document: Any, group: ClauseGroup, rows: list[list[Opinion]], draft: Draft | None) -> None:
    """Each proposed edit shown inside the clause's own words: deletions struck through,
    insertions underlined, with the proposing units (one line per group of similar opinions)."""
    clause = group.clause
    if clause is None:
        return
    lines = []
    for members in rows:
        located = [found for cid, found in located_edits(members[0], draft) if cid == clause.id]
        for edit in located:
            lines.append((_units_label(members), redline(clause.text, edit)))
    if not lines:
        return
    _note(document, "【修改示意】", [("删除线为建议删除，下划线为建议增加。", {"color": _GREY})])
    for units, segments in lines:
        runs: list[tuple[str, dict[str, Any]]] = [(f"{units}：", {"font": od.HEADING2_FONT, "bold": True})]
        for text, style in segments:
            if style == "deleted":
                runs.append((text, {"strike": True, "color": _RED}))
            elif style == "inserted":
                runs.append((text, {"underline": True, "color": _BLUE}))
            else:
                runs.append((text, {}))
        od.rich_paragraph(document, runs, size=14, line_pt=22)


def _units_label(members: list[Opinion]) -> str:
    names = list(dict.fromkeys(o.unit for o in members))
    return "、".join(names) if len(names) <= 3 else f"{'、'.join(names[:3])}等{len(names)}个单位"


_FLAG_LABELS = {
    "national-wording": ("涉及国家原文表述", _RED),
    "conflict": ("意见分歧", _RED),
    "responsible-list": ("请求调整责任单位", _GREY),
    "moved": ("人工调整归类", _GREY),
}


def _row_cells(
    n: int, members: list[Opinion], group: ClauseGroup, draft: Draft | None = None
) -> list[list[tuple[str, dict[str, Any]]]]:
    first = members[0]
    units: list[tuple[str, dict[str, Any]]] = []
    for k, opinion in enumerate(members):
        mark = "（责任单位）" if "responsible-unit" in opinion.flags else ""
        units.append((("\n" if k else "") + opinion.unit, {}))
        if mark:
            units.append((mark, {"color": _GREY, "size": 10.5}))
        units.append((f"\n{opinion.id}", {"color": _GREY, "size": 9, "font": "Times New Roman"}))
    text: list[tuple[str, dict[str, Any]]] = [(first.text, {})]
    for other in members[1:]:
        how = "与上述意见重复" if other.duplicate_of else "意见相近"
        if other.text.strip() != first.text.strip():
            text.append((f"\n〔{other.unit}（{how}）：{other.text}〕", {"color": _GREY, "size": 10.5}))
    remarks = [o.remark for o in members if o.remark]
    if remarks:
        text.append((f"\n备注：{'；'.join(remarks)}", {"color": _GREY, "size": 10.5}))
    if len(members) > 1:
        text.append((f"\n〔{len(members)}个单位提出相近意见〕", {"color": _GREY, "size": 10.5}))
    flags = dict.fromkeys(f for o in members for f in o.flags)
    for flag in flags:
        if flag in _FLAG_LABELS:
            label, color = _FLAG_LABELS[flag]
            text.append((f"\n〔{label}〕", {"color": color, "size": 10.5}))
    if first.needs_review:
        text.append((f"\n〔归类待核：{_method(first)}〕", {"color": _RED, "size": 10.5}))
    if len(first.clauses) > 1:
        named = [c.label if (c := draft.get(cid) if draft else None) else cid for cid in first.clauses]
        text.append((f"\n〔同时涉及：{'、'.join(named)}〕", {"color": _GREY, "size": 10.5}))
    reasons = [o.reason for o in members if o.reason]
    reason_text = (
        (reasons[0] if reasons else "")
        if len(set(reasons)) <= 1
        else "\n".join(f"{o.unit}：{o.reason}" for o in members if o.reason)
    )
    return [[(str(n), {"align": "center"})], units, text, [(reason_text, {})], [("", {})]]


def _method(opinion: Opinion) -> str:
    return {
        "similar wording": "按内容相近推定",
        "unplaced": "未能判断所属条款",
        "no-draft": "未提供征求意见稿",
    }.get(opinion.attribution, opinion.attribution) + f"，可信度{opinion.confidence:.0%}"


def _appendices(document: Any, result: Consolidation) -> None:
    od.heading(document, "三、反馈情况", 1)
    groups: dict[str, list[str]] = {}
    for status in ("opinions", "no_opinion", "needs_review", "missing"):
        names = [
            r.unit.name
            + ("（逾期）" if r.late else "")
            + (f"（{r.answered_by}代复）" if r.answered_by else "")
            for r in result.listed_units
            if r.status == status
        ]
        groups[status] = names
    for number, status in enumerate(("opinions", "no_opinion", "needs_review", "missing"), start=1):
        names = groups[status]
        label = {"opinions": "提出修改意见的单位", "no_opinion": "无修改意见的单位",
                 "needs_review": "反馈内容待核实的单位", "missing": "未反馈的单位"}[status]  # fmt: skip
        od.heading(document, f"（{to_chinese(number)}）{label}（{len(names)}个）", 2)
        od.paragraph(document, "、".join(names) + "。" if names else "无。")
    unlisted = [r for r in result.units if not r.unit.listed]
    if unlisted:
        od.heading(document, f"（五）名单外反馈单位（{len(unlisted)}个）", 2)
        od.paragraph(
            document, "、".join(f"{r.unit.name}（{STATUS_LABELS[r.status]}）" for r in unlisted) + "。"
        )

    serious = [f for f in result.findings if f.severity != "info"]
    if serious:
        od.heading(document, "四、需要核实的问题", 1)
        grid = od.table(document, ["级别", "单位", "文件", "说明"], _FINDING_WIDTHS, size=10.5)
        for f in serious:
            label = {"error": "错误", "warning": "警告"}[f.severity]
            od.fill_row(grid, [[(label, {"align": "center"})], [(f.unit or "", {})],
                               [(f.file or "", {})], [(f.message, {})]], _FINDING_WIDTHS, size=10.5)  # fmt: skip
