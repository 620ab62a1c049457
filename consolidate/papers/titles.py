"""Breaking a document title into lines where a reader pauses.

A 2号 title holds about 20 characters a line; left to Word it wraps wherever the line
is full — inside a word, or inside "（征求意见稿）". GB/T 9704 asks for lines broken at
sense units, shaped like a trapezoid or a diamond. Without a dictionary, the breaks are
ranked by what the text shows: before an opening bracket, after a closing one, after
the function words and the common policy words that end a phrase.
"""

from __future__ import annotations

# Words after which a title line may end naturally (the end of a phrase).
_PHRASE_ENDS = (
    "关于", "进一步", "加强", "推进", "促进", "做好", "加快", "深化", "完善", "健全", "支持",
    "新时代", "建设", "发展", "管理", "工作", "实施", "人才", "队伍", "体系", "机制", "制度",
    "办法", "措施", "意见", "方案", "规定", "细则", "通知", "情况",
    "的", "和", "与", "及", "等",
)  # fmt: skip
_OPENING = "（《“‘〔【(["
_CLOSING = "）》”’〕】)]、，。；：！？"
_LINE_COST = 4.0
_NO_BREAK_INSIDE = 12  # a bracketed phrase this short — （征求意见稿） — stays on one line


def title_lines(text: str, chars_per_line: int = 20) -> list[str]:
    """``text`` in lines of at most ``chars_per_line`` characters, broken at the best points.

    Chooses, by dynamic programming, the breaks that cost least: each line costs
    `_LINE_COST`, each break its penalty, each line its shortfall (a ragged title looks
    careless) — one more line is worth it to avoid breaking inside a phrase.
    """
    text = text.strip()
    if len(text) <= chars_per_line:
        return [text] if text else []
    penalty = _break_penalties(text)
    n = len(text)
    inf = (0, float("inf"))
    best: list[tuple[int, float]] = [inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = (0, 0.0)
    for end in range(1, n + 1):
        if end < n and penalty[end] is None:
            continue
        for start in range(max(0, end - chars_per_line), end):
            if best[start] == inf or (start and penalty[start] is None):
                continue
            lines, cost = best[start]
            shortfall = chars_per_line - (end - start)
            ragged = 0.0 if end == n and start == 0 else shortfall * shortfall * 0.02
            here = (lines + 1, cost + _LINE_COST + ((penalty[end] or 0.0) if end < n else 0.0) + ragged)
            if here[1] < best[end][1]:
                best[end], back[end] = here, start
    if best[n] == inf:  # nothing allowed: fall back to even chunks
        return [text[i : i + chars_per_line] for i in range(0, n, chars_per_line)]
    cuts = []
    end = n
    while end:
        cuts.append((back[end], end))
        end = back[end]
    return [text[a:b] for a, b in reversed(cuts)]


def _break_penalties(text: str) -> list[float | None]:
    """Cost of a line break before ``text[i]``; None where a break is not allowed."""
    n = len(text)
    costs: list[float | None] = [9.0] * (n + 1)  # inside a word, as far as can be told
    for i in range(1, n):
        before, after = text[i - 1], text[i]
        if after in _CLOSING or before in _OPENING:
            costs[i] = None
        elif after in "（(〔【":
            costs[i] = 0.0
        elif before in "）)》〕】":
            costs[i] = 0.5
        elif after in "《“":
            costs[i] = 1.5
        elif after in "的和与及等":
            costs[i] = 12.0
        elif any(text[:i].endswith(word) for word in _PHRASE_ENDS):
            costs[i] = 2.0 if before in "的和与及等" else 1.0
    for start, end in _short_brackets(text):
        for i in range(start + 1, end + 1):
            costs[i] = None
    return costs


def _short_brackets(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of short bracketed phrases, which are never broken."""
    spans = []
    for open_ch, close_ch in (("（", "）"), ("(", ")"), ("〔", "〕"), ("“", "”")):
        start = text.find(open_ch)
        while start != -1:
            end = text.find(close_ch, start + 1)
            if end == -1:
                break
            if end - start - 1 <= _NO_BREAK_INSIDE:
                spans.append((start, end))
            start = text.find(open_ch, end + 1)
    return spans
