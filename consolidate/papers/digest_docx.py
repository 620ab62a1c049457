"""The Word digest (意见汇总表) for the drafting team's meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consolidate.analysis.summary import Counts, counts, summary_sentence
from consolidate.model import (
    FLAG_WORDS,
    ClauseGroup,
    Consolidation,
    Draft,
    Flag,
    LocatedEdit,
    Opinion,
    OpinionRow,
    Span,
    Status,
)
from consolidate.papers import officedoc as od
from consolidate.papers.team_notes import team_notes
from consolidate.text.numerals import to_chinese

# 序号 / 提出单位 / 修改意见 / 修改理由 / 处理意见 across the 225 mm landscape text block.
_OPINION_WIDTHS = [13.0, 36.0, 81.0, 62.0, 33.0]
_NOTE_WIDTHS = [13.0, 60.0, 152.0]
_GREY = "595959"
_RED = "C00000"
_BLUE = "1F4E79"


def write_digest(result: Consolidation, path: Path) -> None:
    """Write the digest as .docx to ``path``."""
    document = build_digest(result)
    document.save(str(path))


def build_digest(result: Consolidation) -> Any:
    """Portrait: the overall picture and who replied; landscape: the opinions clause by
    clause, then what the meeting should know. Numbers come from `summary.counts` only;
    rows, redlines and deletions from the review stage (`ClauseGroup.rows`): this only
    formats them."""
    c = result.consultation
    n = counts(result)
    document = od.new_document()
    core = document.core_properties
    core.title = f"{c.title}修改意见汇总"
    core.author = c.issuer or "consolidate"

    od.title(document, f"《{c.title}》修改意见汇总表")
    if c.reference:
        od.paragraph(document, f"（{c.reference}征求意见反馈情况）", font=od.HEADING2_FONT,
                     align="center", indent=False)  # fmt: skip
    od.paragraph(document)

    od.heading(document, "一、总体情况", 1)
    od.paragraph(document, summary_sentence(result, n))
    if n.uncertain_placements:
        od.paragraph(
            document,
            f"另有{n.uncertain_placements}条意见所涉条款不够明确，已标注“归类待核”，请会上确认所属条款。",
        )
    _overview(document, result)
    _replies(document, result, n)

    od.add_landscape_section(document)
    od.heading(document, "三、分条款意见", 1)
    for number, (part_label, groups) in enumerate(_by_part(result), start=1):
        od.heading(document, f"（{to_chinese(number)}）{part_label}", 2)
        for group in groups:
            _clause_group(document, group, result.consultation.draft, len(groups) > 1 or group.clause is None)

    _notes_for_the_meeting(document, result)
    return document


def _overview(document: Any, result: Consolidation) -> None:
    """A clause-by-opinions table so the meeting sees at a glance where the debate is."""
    if not result.groups:
        return
    od.paragraph(document, "各条款意见分布如下：", keep_with_next=True)
    widths = [50.0, 18.0, 88.0]
    grid = od.table(document, ["条款", "意见数", "提出单位"], widths)
    for group in result.groups:
        units = list(dict.fromkeys(o.unit for o in group.opinions))
        od.fill_row(
            grid,
            [[(group.name, {})], [(str(len(group.opinions)), {"align": "center"})],
             [("、".join(units), {})]],
            widths,
        )  # fmt: skip


def _by_part(result: Consolidation) -> list[tuple[str, list[ClauseGroup]]]:
    """The groups under their division headings, each heading once for its run of groups."""
    parts: list[tuple[str, list[ClauseGroup]]] = []
    for group in result.groups:
        if parts and parts[-1][0] == group.division:
            parts[-1][1].append(group)
        else:
            parts.append((group.division, [group]))
    return parts


def _clause_group(document: Any, group: ClauseGroup, draft: Draft | None, with_subheading: bool) -> None:
    clause = group.clause
    if with_subheading and clause is not None:
        od.heading(document, f"{group.name}（{len(group.opinions)}条）", 3)
    if clause is not None and clause.holds_text:
        _note(document, "【原文】", [(clause.text, {"color": _GREY})])
        _responsible(document, group)
        _redlines(document, group)
    for conflict in group.notes.conflicts:
        _note(
            document,
            "【意见分歧】",
            [(sentence_part(conflict.description) + "，请会议研究确定。", {"color": _RED})],
            color=_RED,
            keep=True,
        )
    grid = od.table(document, ["序号", "提出单位", "修改意见", "修改理由", "处理意见"], _OPINION_WIDTHS)
    od.add_rows(
        grid,
        [_row_cells(n, row, draft) for n, row in enumerate(group.rows, start=1)],
        _OPINION_WIDTHS,
    )
    od.paragraph(document, "", line_pt=12)


def _note(
    document: Any,
    label: str,
    runs: list[tuple[str, dict[str, Any]]],
    color: str | None = None,
    keep: bool = False,
) -> None:
    """A 楷体 4号 note under a clause heading: 【原文】, 【责任单位】, 【意见分歧】…

    Only short notes are kept with what follows: a chain of long kept paragraphs moves
    whole to the next page and leaves the page before it nearly empty.
    """
    kai = {"font": od.HEADING2_FONT}
    head = (label, {**kai, "bold": True, **({"color": color} if color else {})})
    od.rich_paragraph(document, [head, *((t, {**kai, **style}) for t, style in runs)], size=14, line_pt=22,
                      keep_with_next=keep)  # fmt: skip


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
    _note(document, "【责任单位】", [("；".join(sentence_part(p) for p in parts) + "。", {})])


def _redlines(document: Any, group: ClauseGroup) -> None:
    """Each proposed edit shown inside the clause's own words: deletions struck through,
    insertions underlined, with the proposing units (one line per group of similar opinions)."""
    clause = group.clause
    if clause is None:
        return
    lines = [
        (_units_label(row.opinions), redline(clause.text, edit))
        for row in group.rows
        for edit in row.redlines
    ]
    if not lines:
        return
    _note(document, "【修改示意】", [("删除线为建议删除，下划线为建议增加。", {"color": _GREY})], keep=True)
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


def redline(text: str, located: LocatedEdit, context: int = 18) -> list[tuple[str, str]]:
    """Segments ``(text, style)`` around one edit: style is "", "deleted" or "inserted"."""
    start, end = located.start, located.end
    left = max(0, start - context)
    right = min(len(text), end + context)
    head = ("…" if left > 0 else "") + text[left:start]
    tail = text[end:right] + ("…" if right < len(text) else "")
    target = text[start:end]
    kind, new = located.edit.kind, located.edit.new
    if kind == "replace":
        middle = [(target, "deleted"), (new, "inserted")]
    elif kind == "delete":
        middle = [(target, "deleted")]
    elif kind == "insert_after":
        middle = [(target, ""), (new, "inserted")]
    else:
        middle = [(new, "inserted"), (target, "")]
    return [(head, ""), *middle, (tail, "")]


def _struck(text: str, spans: tuple[Span, ...]) -> list[tuple[str, dict[str, Any]]]:
    """The opinion's text with each passage it proposes to delete struck through."""
    runs: list[tuple[str, dict[str, Any]]] = []
    cursor = 0
    for span in spans:
        runs += [
            (text[cursor : span.start], {}),
            (text[span.start : span.end], {"strike": True, "color": _RED}),
        ]
        cursor = span.end
    runs.append((text[cursor:], {}))
    return [run for run in runs if run[0]]


def sentence_part(text: str) -> str:
    """A text as part of a longer sentence: without its own full stop (no "。。")."""
    return text.strip().rstrip("。；;，,")


def _units_label(members: tuple[Opinion, ...]) -> str:
    names = list(dict.fromkeys(o.unit for o in members))
    return "、".join(names) if len(names) <= 3 else f"{'、'.join(names[:3])}等{len(names)}个单位"


_FLAG_LABELS = {
    flag: (words.digest, _RED if words.pressing else _GREY)
    for flag, words in FLAG_WORDS.items()
    if words.digest
}


def _row_cells(n: int, row: OpinionRow, draft: Draft | None) -> list[list[tuple[str, dict[str, Any]]]]:
    """One row: the units that said it (no ids: the meeting names units, not records)."""
    members = row.opinions
    first = members[0]
    units: list[tuple[str, dict[str, Any]]] = []
    for k, opinion in enumerate(members):
        units.append((("\n" if k else "") + opinion.unit, {}))
        if Flag.RESPONSIBLE_UNIT in opinion.flags:
            units.append(("（责任单位）", {"color": _GREY, "size": 10.5}))
    text: list[tuple[str, dict[str, Any]]] = _struck(first.text, row.struck)
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
    earlier = next((o.previous for o in members if o.previous is not None), None)
    if earlier is not None:
        text.append((f"\n〔{earlier.words}〕", {"color": _GREY, "size": 10.5}))
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
    """Why the placement is uncertain, in the meeting's words."""
    return {
        "similar wording": "按内容相近推定",
        "unplaced": "未能判断所属条款",
        "no-draft": "未按条款归类",
    }.get(opinion.attribution, "所涉条款不够明确")


_REPLY_GROUPS = (
    ("opinions", "提出修改意见的单位"),
    ("no_opinion", "无修改意见的单位"),
    ("needs_review", "反馈内容待核实的单位"),
    ("missing", "未反馈的单位"),
)


def _replies(document: Any, result: Consolidation, n: Counts) -> None:
    """Who replied how: the lists behind the numbers of the summary sentence."""
    od.heading(document, "二、反馈情况", 1)
    number = 0
    for status, label in _REPLY_GROUPS:
        names = [
            r.unit.name
            + ("（逾期）" if r.late else "")
            + (f"（{r.answered_by}代复）" if r.answered_by else "")
            for r in result.listed_units
            if r.status == status
        ]
        if not names and status == Status.NEEDS_REVIEW:
            continue
        number += 1
        od.heading(document, f"（{to_chinese(number)}）{label}（{len(names)}个）", 2)
        od.paragraph(document, "、".join(names) + "。" if names else "无。")
    unlisted = [r for r in result.units if not r.unit.listed]
    if unlisted:
        number += 1
        od.heading(document, f"（{to_chinese(number)}）名单外反馈单位（{n.unlisted}个）", 2)
        said = {"opinions": "意见{}条", "no_opinion": "无修改意见", "needs_review": "反馈内容待核实"}
        od.paragraph(
            document,
            "、".join(f"{r.unit.name}（{said[r.status].format(r.opinions)}）" for r in unlisted)
            + "。其意见已列入分条款意见，未计入上述单位数和意见数。",
        )
    if n.superseded:
        od.paragraph(
            document,
            f"个别单位更正后重新反馈的，以最新一份为准，此前版本中的{n.superseded}条意见未计入。",
        )


def _notes_for_the_meeting(document: Any, result: Consolidation) -> None:
    """What the team should know, as the team would say it; the clerk's instructions
    (file names, settings, what to run) stay in the terminal."""
    notes = team_notes(result)
    if not notes:
        return
    od.heading(document, "四、需要说明的情况", 1)
    grid = od.table(document, ["序号", "单位", "情况"], _NOTE_WIDTHS, size=12)
    od.add_rows(
        grid,
        [[[(str(k), {"align": "center"})], [(note.unit, {})], [(note.text, {})]]
         for k, note in enumerate(notes, start=1)],
        _NOTE_WIDTHS,
    )  # fmt: skip
