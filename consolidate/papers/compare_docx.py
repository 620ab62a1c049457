"""The 修改对照表: the consulted text and the revised text side by side, with the reasons.

Printed as such tables go to the leadership or the legal review with the 送审稿: three
columns 征求意见稿 | 修改稿 | 修改说明 in a landscape section, deletions struck through in
the left column, additions underlined and bold in the right one, unchanged clauses omitted
(or collapsed into one line, or shown, as the clerk chooses).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from consolidate.analysis.compare import Change, ClausePair, Segment, word_diff
from consolidate.analysis.revision import DecisionCheck, Revision, change_words
from consolidate.papers import officedoc as od

_WIDTHS = [88.0, 88.0, 49.0]
_DELETED = {"strike": True}
_INSERTED = {"underline": True, "bold": True}


class Unchanged(StrEnum):
    """What the table does with clauses the revision left as they were."""

    OMIT = "omit"
    COLLAPSE = "collapse"
    SHOW = "show"


def write_comparison(revision: Revision, path: Path, unchanged: Unchanged = Unchanged.OMIT) -> None:
    """Write the 修改对照表 of ``revision`` to ``path`` (.docx)."""
    document = od.new_document()
    # Wide from the first line: a portrait title page would hold only the title.
    od.set_page(document.sections[0], landscape=True)
    name = comparison_name(revision)
    document.core_properties.title = f"《{name}》修改对照表"
    document.core_properties.comments = "consolidate: 修改对照表"
    od.title(document, f"《{name}》\n修改对照表")
    add_comparison(document, revision, unchanged)
    document.save(str(path))


def comparison_name(revision: Revision) -> str:
    """The draft's name without its stage mark, as the table's title names it."""
    return _bare_title(revision.new.title or revision.old.title or "征求意见稿")


def add_comparison(document: Any, revision: Revision, unchanged: Unchanged = Unchanged.OMIT) -> None:
    """The summary sentence, the legend and the three-column table, appended to
    ``document`` (a landscape page: the 对照表 itself, or an annex of the report)."""
    od.paragraph(document, _summary(revision))
    od.paragraph(
        document,
        "注：征求意见稿栏中加删除线的文字为删去的内容，修改稿栏中加下划线并加粗的文字为新增的内容。",
        size=12,
    )
    grid = od.table(document, ["征求意见稿", "修改稿", "修改说明"], _WIDTHS)
    od.add_rows(grid, list(_rows(revision, unchanged)), _WIDTHS)
    _let_rows_break(grid)


def _let_rows_break(grid: Any) -> None:
    """A clause may run longer than a page: let its row continue on the next page rather
    than leave most of a page empty (the digest keeps its short rows whole)."""
    from docx.oxml.ns import qn

    for element in grid._tbl.iter(qn("w:cantSplit")):
        element.getparent().remove(element)


def _bare_title(title: str) -> str:
    for mark in ("（征求意见稿）", "(征求意见稿)", "（修改稿）", "（送审稿）", "（草案）"):
        title = title.replace(mark, "")
    return title.strip("《》 ")


def _summary(revision: Revision) -> str:
    counts = {change: 0 for change in Change}
    for pair in revision.pairs:
        counts[pair.change] += 1
    parts = [
        f"{change_words(change)}{counts[change]}处"
        for change in (
            Change.MODIFIED,
            Change.ADDED,
            Change.DELETED,
            Change.MOVED,
            Change.SPLIT,
            Change.MERGED,
        )
        if counts[change]
    ]
    adopted = [c for c in revision.checks if c.reflected is not None]
    shown = sum(1 for c in adopted if c.reflected)
    sentence = "与征求意见稿相比，修改稿" + ("、".join(parts) if parts else "未作修改") + "。"
    if adopted:
        sentence += f"采纳（含部分采纳）的意见{len(adopted)}条，修改稿中已体现{shown}条"
        sentence += "。" if shown == len(adopted) else f"，未见体现{len(adopted) - shown}条（见修改说明）。"
    return sentence


def _rows(revision: Revision, unchanged: Unchanged) -> list[list[list[od.Run]]]:
    checks = {c.opinion.id: c for c in revision.checks}
    rows: list[list[list[od.Run]]] = []
    run_of_unchanged: list[ClausePair] = []

    def flush() -> None:
        if run_of_unchanged and unchanged is Unchanged.COLLAPSE:
            first, last = run_of_unchanged[0].new[0].label, run_of_unchanged[-1].new[0].label
            span = first if first == last else f"{first}至{last}"
            note = [(f"（{span}未作修改）", {"align": "center"})]
            rows.append([note, note, [("", {})]])
        run_of_unchanged.clear()

    for pair, opinion_ids in zip(revision.pairs, revision.opinions_by_pair):
        if pair.change is Change.UNCHANGED:
            if unchanged is Unchanged.SHOW:
                rows.append(_pair_row(pair, opinion_ids, checks))
            else:
                run_of_unchanged.append(pair)
            continue
        flush()
        rows.append(_pair_row(pair, opinion_ids, checks))
    flush()
    if not rows:
        rows.append(
            [[("（无修改）", {"align": "center"})], [("（无修改）", {"align": "center"})], [("", {})]]
        )
    return rows


def _pair_row(
    pair: ClausePair, opinion_ids: tuple[str, ...], checks: dict[str, DecisionCheck]
) -> list[list[od.Run]]:
    old_label = "、".join(c.label for c in pair.old)
    new_label = "、".join(c.label for c in pair.new)
    if pair.change in (Change.UNCHANGED,) or not pair.old or not pair.new:
        left = _plain_cell(old_label, pair.old_text)
        right = _plain_cell(new_label, pair.new_text)
    else:
        old_segments, new_segments = word_diff(pair.old_text, pair.new_text)
        left = _marked_cell(old_label, old_segments)
        right = _marked_cell(new_label, new_segments)
    if not pair.old:
        left = [("（无）", {"align": "center"})]
    if not pair.new:
        right = [("（删除）", {"align": "center"})]
    return [left, right, _explanation(pair, opinion_ids, checks)]


def _plain_cell(label: str, text: str) -> list[od.Run]:
    return [(f"{label}\n", {"bold": True}), (text, {})] if label else [(text, {})]


def _marked_cell(label: str, segments: tuple[Segment, ...]) -> list[od.Run]:
    runs: list[od.Run] = [(f"{label}\n", {"bold": True})] if label else []
    for segment in segments:
        style: dict[str, Any] = {}
        if segment.kind == "deleted":
            style = dict(_DELETED)
        elif segment.kind == "inserted":
            style = dict(_INSERTED)
        runs.append((segment.text, style))
    return runs


def _explanation(
    pair: ClausePair, opinion_ids: tuple[str, ...], checks: dict[str, DecisionCheck]
) -> list[od.Run]:
    lines = [change_words(pair.change)]
    adopted = [
        checks[i] for i in opinion_ids if i in checks and checks[i].opinion.decision in ("采纳", "部分采纳")
    ]
    for check in adopted:
        opinion = check.opinion
        line = f"{opinion.decision}{opinion.unit}意见（{opinion.id}）"
        if opinion.note:
            line += f"：{opinion.note.rstrip('。')}"
        lines.append(line + "。")
    if not adopted and pair.change is not Change.UNCHANGED:
        lines.append("起草组修改完善。")
    return [("\n".join(lines), {})]
