"""References to the draft's own numbering, read from an opinion and found in the draft.

People cite a clause by the numbers the draft gives it: 第八条第二款第（一）项, 第八条（一）,
第二章, 第三部分（三）10, 三（三）10、11、12, 第十条至第十二条. A reference is an anchor
(a 编/章/节, 条 or 部分, or a compact 三（三）) followed by narrower steps (款/段, （一）/项,
目, a measure's number); each step is looked up among the clauses inside the one reached so
far, so the same words find 款 in a regulation and paragraphs in a plan. Lists and ranges
repeat the last step with other numbers. Text is folded (NFKC) before it comes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consolidate.model import Clause, Draft
from consolidate.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

_N = rf"[0-9{CHINESE_NUMERAL_CHARS}]+"
_CN = rf"[{CHINESE_NUMERAL_CHARS}]+"
_ANCHOR = re.compile(
    rf"第(?P<counted>{_N})(?:项|个|点)(?:具体)?(?:措施|举措)"
    rf"|(?:附件\d+)?第(?P<n>{_N})(?P<word>编|章|节|条|部分|大项|大点|方面)"
    rf"|(?<![0-9{CHINESE_NUMERAL_CHARS}第(])(?P<cn>{_CN}|\d+)[、.]?(?=\({_N}\))"
    rf"|措施(?P<measure>\d+)"
)
_JOIN = r"(?:的|中|之|里)?"
# Narrower steps, tried in this order at the end of what was read so far.
_STEPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paragraph", re.compile(rf"{_JOIN}第(?P<n>{_N})(?:款|自然段|段落|段)")),
    ("paren", re.compile(rf"{_JOIN}第?\((?P<n>{_N})\)(?:项|目|点|条)?")),
    ("subitem", re.compile(rf"{_JOIN}第(?P<n>{_N})目")),
    ("item", re.compile(rf"{_JOIN}第(?P<n>{_N})(?:项|点|小点|小项)")),
    ("section", re.compile(rf"{_JOIN}第(?P<n>{_N})节")),
    ("article", re.compile(rf"{_JOIN}第(?P<n>{_N})条")),
)
_NOT_AFTER_DIGITS = r"(?!\d|\.\d|[%‰万亿元个年月日号倍家人次:])"
_DIGITS = re.compile(rf"(?P<n>\d{{1,3}}){_NOT_AFTER_DIGITS}(?:条|项)?")
_MORE = re.compile(r"(?:、|和|及|与|,|，)")
_RANGE = re.compile(r"(?:至|到|-|~|—|－)")
_SAME = {
    "paragraph": rf"第?(?P<n>{_N})(?:款|自然段|段落|段)",
    "paren": rf"第?\((?P<n>{_N})\)(?:项|目|点)?",
    "subitem": rf"第?(?P<n>{_N})目",
    "item": rf"第?(?P<n>{_N})(?:项|点)",
    "digits": rf"(?P<n>\d{{1,3}}){_NOT_AFTER_DIGITS}",
    "article": rf"第(?P<n>{_N})条",
    "chapter": rf"第(?P<n>{_N})章",
    "part": rf"第(?P<n>{_N})部分",
}


@dataclass(frozen=True)
class Reference:
    """The clauses one citation names, and where in the text it stands."""

    start: int
    end: int
    clauses: tuple[str, ...]
    complete: bool = True  # False: a narrower step (第五项) is not in the draft; the wider clause stands


class DraftTree:
    """The draft's clauses by parent, for walking down a reference step by step."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.children: dict[str | None, list[Clause]] = {}
        for clause in draft.clauses:
            if clause.id != "0":
                self.children.setdefault(clause.parent, []).append(clause)
        self.measures: dict[int, list[Clause]] = {}
        for clause in draft.clauses:
            if clause.kind == "measure" and clause.number is not None:
                self.measures.setdefault(clause.number, []).append(clause)
        self.is_regulation = any(c.kind == "article" for c in draft.clauses)

    def top(self, word: str, number: int) -> Clause | None:
        """The clause an anchor names: 第二章, 第八条, 第三部分 (in a plan, 第N条 is measure
        N when the draft numbers its measures, else part N as people often write)."""
        if word == "编":
            return self.draft.get(f"bk{number}")
        if word == "章":
            return self.draft.get(f"ch{number}")
        if word == "节":
            return self.draft.get(f"s{number}")
        if word == "条" and self.is_regulation:
            return self.draft.get(str(number))
        if word == "条" and len(self.measures.get(number, ())) == 1:
            return self.measures[number][0]
        if word == "measure":
            found = self.measures.get(number, ())
            return found[0] if len(found) == 1 else None
        if self.is_regulation:
            return None
        clause = self.draft.get(str(number))
        return clause if clause is not None and clause.kind == "part" else None

    def step(self, clause: Clause, kind: str, number: int) -> Clause | None:
        """The clause inside ``clause`` that a narrower step names, or None."""
        wanted = {
            "paragraph": ("paragraph",),
            "paren": ("section", "item"),
            "item": ("item", "section", "measure", "paragraph"),
            "subitem": ("subitem",),
            "section": ("section",),
            "article": ("article", "measure", "paragraph"),
            "digits": ("measure", "subitem", "item"),
        }[kind]
        if kind == "article" and clause.kind in ("chapter", "section", "book") and self.is_regulation:
            return self.draft.get(str(number))
        for kinds in (wanted, ("paragraph",) if kind in ("paren", "digits") else ()):
            found = [c for c in self.children.get(clause.id, []) if c.kind in kinds and c.number == number]
            if found:
                return found[0]
            deeper = [c for c in self._descendants(clause.id) if c.kind in kinds and c.number == number]
            if deeper:
                return deeper[0]
        if kind == "section" and clause.kind == "chapter":
            return self.draft.get(f"{clause.id}.s{number}")
        return None

    def _descendants(self, clause_id: str) -> list[Clause]:
        found = []
        for child in self.children.get(clause_id, []):
            found.append(child)
            found.extend(self._descendants(child.id))
        return found

    def settle(self, clause: Clause) -> Clause:
        """A part or article that holds a single paragraph is named by that paragraph."""
        children = self.children.get(clause.id, [])
        if clause.kind in ("part", "article") and len(children) == 1 and children[0].kind == "paragraph":
            return children[0]
        return clause


# A number that names where a NEW clause would go (增加一条作为第十条, 新增第五款, 列为第三项)
# numbers the proposal, not the existing clause that has that number today.
_NEW_POSITION = re.compile(
    rf"(?:(?:增加|增设|新增|补充|加上|插入)(?:一|1)(?:条|款|项|段|部分)(?:作为|列为|为)?|新增|增设|作为|列为|成为)"
    rf"第\(?{_N}\)?(?:条|款|项|目|段|部分)(?![的中之第(])"  # 作为第二条的补充 cites 第二条
)


def mask_new_positions(text: str) -> str:
    """Blank the numbers of proposed new clauses, keeping offsets, so 在第九条后增加一条作为第十条
    cites 第九条 only."""
    return _NEW_POSITION.sub(lambda m: "〔" + "＿" * (len(m.group(0)) - 2) + "〕", text)


def draft_references(text: str, tree: DraftTree) -> list[Reference]:
    """Every citation of the draft's numbering in a folded text, in order (numbers of
    proposed new clauses are not citations)."""
    text = mask_new_positions(text)
    found: list[Reference] = []
    position = 0
    while True:
        match = _ANCHOR.search(text, position)
        if match is None:
            return found
        reference = _read(text, match, tree)
        if reference is not None:
            found.append(reference)
            position = max(reference.end, match.end())
        else:
            position = match.end()


def _read(text: str, anchor: re.Match[str], tree: DraftTree) -> Reference | None:
    if anchor.group("measure") or anchor.group("counted"):
        word, token = "measure", anchor.group("measure") or anchor.group("counted")
    elif anchor.group("cn"):
        word, token = "部分", anchor.group("cn")
    else:
        word, token = anchor.group("word"), anchor.group("n")
    number = parse_number(token)
    clause = tree.top(word, number) if number is not None else None
    if clause is None:
        return None
    end = anchor.end()
    last_kind = {"条": "article", "章": "chapter", "部分": "part"}.get(word, "")
    parent, last_number = None, number
    complete = True
    while True:
        stepped = _next_step(text, end, clause, tree, allow_digits=last_kind in ("paren", "part", "article"))
        if stepped is None:
            break
        kind, value, step_end, child = stepped
        if child is None:
            complete = kind == "digits"  # bare digits after a clause may be anything (a count, a date)
            break
        parent, clause, end, last_kind, last_number = clause, child, step_end, kind, value
    clauses = [clause]
    end = _more(text, end, last_kind, last_number, parent, clauses, tree)
    ids = tuple(dict.fromkeys(tree.settle(c).id for c in clauses))
    return Reference(anchor.start(), end, ids, complete)


def _next_step(
    text: str, end: int, clause: Clause, tree: DraftTree, allow_digits: bool
) -> tuple[str, int, int, Clause | None] | None:
    for kind, pattern in _STEPS:
        match = pattern.match(text, end)
        if match and (number := parse_number(match.group("n"))) is not None:
            return kind, number, match.end(), tree.step(clause, kind, number)
    if allow_digits:
        match = _DIGITS.match(text, end)
        if match:
            number = int(match.group("n"))
            return "digits", number, match.end(), tree.step(clause, "digits", number)
    return None


def _more(
    text: str,
    end: int,
    kind: str,
    number: int | None,
    parent: Clause | None,
    clauses: list[Clause],
    tree: DraftTree,
) -> int:
    """Lists (、第二款 / 、11、12) and ranges (至第十二条) of the last step's siblings."""
    same = _SAME.get(kind)
    if same is None or number is None:
        return end
    pattern = re.compile(same)
    while True:
        joiner = _MORE.match(text, end) or _RANGE.match(text, end)
        if joiner is None:
            return end
        match = pattern.match(text, joiner.end())
        value = parse_number(match.group("n")) if match else None
        if match is None or value is None:
            return end
        numbers = (
            range(number + 1, value + 1) if _RANGE.match(text, end) and value - number <= 30 else [value]
        )
        siblings = [_sibling(kind, n, parent, tree) for n in numbers]
        if not siblings or any(s is None for s in siblings):
            return end
        clauses.extend(s for s in siblings if s is not None)
        end, number = match.end(), value


def _sibling(kind: str, number: int, parent: Clause | None, tree: DraftTree) -> Clause | None:
    if parent is not None:
        return tree.step(parent, kind, number)
    word = {"article": "条", "chapter": "章", "part": "部分"}.get(kind)
    return tree.top(word, number) if word else None
