"""Proposed edits: the usual ways units word a change to the draft, parsed and located.

建议将“A”修改为“B”, “A”改为“B”, 删除“A”, 在“A”后增加“B”, 在“A”前增加“B”, and
将“A”中的“C”修改为“D”. A is located in the clause's text (fuzzily: people misquote) so
the digest can show the change inside the clause as a redline.
"""

from __future__ import annotations

import re
from functools import lru_cache

from consolidate.model import LocatedEdit, ProposedEdit

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》"}
_REPLACE = r"(?:修改为|修改成|改为|改成|调整为|表述为|修订为|替换为|更改为|更正为|写为|规范为|统一为)"
_INSERT = r"(?:增加|增补|加上|补充|添加|插入|增写|加入)"
_DELETE = r"(?:删除|删去|去掉|删掉|去除)"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as (start, end) of their content, nesting respected:
    in 将“选择“八桂系列”劳务品牌”修改为… the outer quotation is one span."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    ascii_open: int | None = None
    for i, ch in enumerate(text):
        if ch in _OPEN_CLOSE and ch != "《":
            stack.append((_OPEN_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                spans.append((start + 1, i))
        elif ch == '"' and not stack:
            if ascii_open is None:
                ascii_open = i
            else:
                spans.append((ascii_open + 1, i))
                ascii_open = None
    return spans


def parse_edits(text: str) -> list[ProposedEdit]:
    """The edits an opinion proposes, in the order written."""
    spans = quoted_spans(text)
    edits: list[ProposedEdit] = []
    used: set[int] = set()
    container_before: dict[int, str] = {}
    for n, (start, end) in enumerate(spans):
        if n in used:
            continue
        before = container_before.get(n) or text[max(0, start - 12) : start - 1]
        quote = text[start:end]
        following = spans[n + 1] if n + 1 < len(spans) else None
        between = text[end + 1 : following[0] - 1] if following else ""
        after = text[end + 1 : end + 8]
        if following and re.fullmatch(r"\s*(?:中的?|里的?)\s*", between):
            # 将“A”中的“C”修改为“D” / 删除“A”中的“C”: act on C.
            container_before[n + 1] = before
            continue
        if following and re.search(rf"^[^“”「」]{{0,6}}{_REPLACE}\s*[:：]?\s*$", between):
            edits.append(ProposedEdit("replace", quote, text[following[0] : following[1]]))
            used.add(n + 1)
        elif following and re.search(rf"[后之]面?\s*(?:再)?{_INSERT}\s*[:：]?\s*$", between):
            edits.append(ProposedEdit("insert_after", quote, text[following[0] : following[1]]))
            used.add(n + 1)
        elif following and re.search(rf"前面?\s*(?:再)?{_INSERT}\s*[:：]?\s*$", between):
            edits.append(ProposedEdit("insert_before", quote, text[following[0] : following[1]]))
            used.add(n + 1)
        elif re.search(rf"{_DELETE}\s*(?:其中的?)?\s*$", before) or re.match(
            rf"\s*(?:一句|字样|等字|表述|内容)?\s*{_DELETE}", after
        ):
            edits.append(ProposedEdit("delete", quote))
    return _drop_containers(edits)


def _drop_containers(edits: list[ProposedEdit]) -> list[ProposedEdit]:
    return list(dict.fromkeys(e for e in edits if e.old.strip()))


@lru_cache(maxsize=65536)
def locate(edit: ProposedEdit, clause_text: str) -> LocatedEdit | None:
    """Where ``edit.old`` is in the clause text: exactly, else by fuzzy alignment (≥ 80)."""
    at = clause_text.find(edit.old)
    if at >= 0:
        return LocatedEdit(edit, at, at + len(edit.old), True)
    if len(edit.old) < 4:
        return None
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(edit.old, clause_text, score_cutoff=80)
    if alignment is None:
        return None
    # The alignment window has the quotation's length; a misquote drops or adds
    # characters, so let both ends move a little to fit the draft's wording best.
    best = (0.0, alignment.dest_start, alignment.dest_end)
    for a in range(max(0, alignment.dest_start - 4), alignment.dest_start + 5):
        for b in range(max(a + 1, alignment.dest_end - 4), min(len(clause_text), alignment.dest_end + 4) + 1):
            score = fuzz.ratio(edit.old, clause_text[a:b])
            if score > best[0]:
                best = (score, a, b)
    return LocatedEdit(edit, best[1], best[2], False)
