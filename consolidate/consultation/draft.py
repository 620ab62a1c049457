"""The draft's structure, numbered as the draft numbers itself.

Plans and measures: a preamble, parts 一、, sections （一）, measures 1. and plain paragraphs,
with the 责任单位/牵头单位/配合单位 lines that follow a measure. Regulations: 编/章/节 headings
and articles 第N条, whose paragraphs are 款, whose （一） lines are 项 and whose 1. lines are 目.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from consolidate.errors import ConsolidateError
from consolidate.model import Clause, ClauseKind, Draft, FileKind
from consolidate.text.numerals import CHINESE_NUMERAL_CHARS, parse_number, to_chinese

_PART_HEADING = re.compile(rf"^\s*([{CHINESE_NUMERAL_CHARS}]+)\s*[、.．]\s*(\S.{{0,40}})$")
_ARTICLE = re.compile(rf"^\s*第\s*([{CHINESE_NUMERAL_CHARS}0-9]+)\s*条\s*(.*)$", re.S)
# A 条标: the article's own title in brackets right after its number, 第一条（立法目的）.
_ARTICLE_TITLE = re.compile(rf"^[（(]\s*([^（()）{CHINESE_NUMERAL_CHARS}0-9][^（()）]{{0,14}})\s*[)）]")
_CHAPTER = re.compile(rf"^\s*第\s*([{CHINESE_NUMERAL_CHARS}0-9]+)\s*([编章节])\s*(.{{0,30}})$")
_ROLE = r"(?:责任单位|牵头单位|督导单位|配合单位|参与单位|责任部门|牵头部门|配合部门|责任主体)"
_RESPONSIBLE = re.compile(rf"[（(]\s*{_ROLE}\s*[:：]\s*(.+?)\s*[)）]\s*$", re.M)
_RESPONSIBLE_LINE = re.compile(rf"^\s*[（(]?\s*{_ROLE}\s*[:：]")
# A value runs to the end of the list; brackets inside it (各乡镇人民政府（街道办事处）) are
# part of it, an unopened ） closes the （责任单位：…） the list sits in.
_ROLE_VALUE = re.compile(rf"{_ROLE}\s*[:：]\s*((?:[^；;。（()）]|[（(][^（()）]*[）)])+)")
_SECTION = re.compile(rf"^\s*[（(]\s*([{CHINESE_NUMERAL_CHARS}]+)\s*[)）]\s*(.*)$", re.S)
_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*(?:[.．、](?!\d)|[)）])\s*(\S.*)$", re.S)


class DraftError(ConsolidateError):
    """The draft file is missing or cannot be read."""


def load_draft(path: Path) -> Draft:
    """Read a draft from .docx or .txt and split it into clauses."""
    if not path.is_file():
        raise DraftError(f"找不到征求意见稿 {path} / draft file not found")
    suffix = path.suffix.lower()
    try:
        marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        if suffix == ".docx":
            from consolidate.documents.readers.autonumber import read_numbered_paragraphs
            from consolidate.documents.readers.docx import read_underlines

            paragraphs = read_numbered_paragraphs(path)
            marks = read_underlines(path)
        elif suffix in {".txt", ".text", ".md"}:
            paragraphs = path.read_text(encoding="utf-8-sig").splitlines()
        elif suffix in {".doc", ".wps", ".rtf", ".odt"}:
            paragraphs = _converted_paragraphs(path)
        else:
            raise DraftError(
                f"征求意见稿应为 .docx、.doc/.wps 或 .txt 文件，而不是 {suffix or '无扩展名'} / the draft must be .docx, .doc/.wps or .txt"
            )
    except DraftError:
        raise
    except Exception as exc:
        raise DraftError(f"无法读取征求意见稿 {path.name}（{exc}）/ cannot read the draft") from exc
    draft = parse_draft(paragraphs)
    if not marks:
        return draft
    return Draft(draft.title, tuple(_with_marks(c, marks) for c in draft.clauses))


def _with_marks(clause: Clause, marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> Clause:
    """Underlines of the draft paragraphs a text-holding clause is made of."""
    if not clause.holds_text:
        return clause
    national: tuple[str, ...] = ()
    refined: tuple[str, ...] = ()
    for line in clause.text.split("\n"):
        line = line.strip()
        # A Word list's number (（一）, 1.) is in the clause's text but not in the paragraph's.
        found = marks.get(line) or next(
            (
                m
                for key, m in marks.items()
                if (len(line) >= 10 and key.endswith(line)) or (len(key) >= 10 and line.endswith(key))
            ),
            None,
        )
        if found:
            national, refined = national + found[0], refined + found[1]
    if not (national or refined):
        return clause
    return dataclasses.replace(clause, national=national, refined=refined)


def _converted_paragraphs(path: Path) -> list[str]:
    """A .doc/.wps/.rtf/.odt draft, converted by LibreOffice in a temporary folder."""
    import tempfile

    from consolidate.documents.convert import convert_word_files
    from consolidate.documents.discover import FoundFile
    from consolidate.documents.readers.autonumber import read_numbered_paragraphs

    with tempfile.TemporaryDirectory(prefix="consolidate-draft-") as workdir:
        converted, findings = convert_word_files([FoundFile(path, path.name, FileKind.WORD)], Path(workdir))
        if path.name not in converted:
            raise DraftError(
                findings[0].message
                if findings
                else "LibreOffice 无法转换征求意见稿 / LibreOffice could not convert the draft"
            )
        return read_numbered_paragraphs(converted[path.name])


def parse_draft(lines: list[str]) -> Draft:
    """Split paragraphs into clauses.

    Drafts in articles (第N条) are read as regulations; others as plans whose parts are
    headed ``一、标题`` or open with a numbered measure ``一、加大资金投入。……``. The
    preamble is the run of sentences right before the first part; what precedes it (annex
    number, notes, title lines) forms the title.
    """
    paragraphs = [line.strip() for line in lines if line.strip()]
    if any(_ARTICLE.match(p) for p in paragraphs):
        return _parse_articles(paragraphs)
    heading_at = next(
        (i for i, p in enumerate(paragraphs) if _is_part_heading(p) or _numbered_measure(p)), len(paragraphs)
    )
    top = "part"
    if heading_at == len(paragraphs):
        top, heading_at = _top_level(paragraphs)
    preamble_start = heading_at
    while preamble_start > 0 and _is_sentence(paragraphs[preamble_start - 1]):
        preamble_start -= 1
    # Notes above the title ("下划线部分为国家原文。") are sentences too: keep only the
    # sentences after the last title-like line.
    title_lines = [p for p in paragraphs[:preamble_start] if not _is_note(p)]
    title = "".join(title_lines) or "征求意见稿"
    root = _Node("root", None, "", "")
    preamble = "\n".join(paragraphs[preamble_start:heading_at])
    if preamble:
        root.children.append(_Node("preamble", None, "序言", "", [preamble]))
    _PlanReader(root, top).read(paragraphs[heading_at:])
    return Draft(title, tuple(_plan_clauses(root)))


@dataclass
class _Node:
    """A clause while the draft is being read: its own lines and its sub-clauses."""

    kind: str
    number: int | None
    heading: str
    mark: str  # the number as the draft writes it: 三, （三）, 10
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    label: str = ""  # how a top-level unit is named when it is not 第N部分
    group: str = ""  # an article's 编/章/节
    opening: str = ""  # a heading line as the draft writes it (（一）扎实推进……), not words of its own
    notes: list[str] = field(default_factory=list)  # its 责任单位/牵头单位 lines, as written

    def text(self) -> str:
        """The clause as the draft prints it: its heading, its words, its 责任单位 lines and
        its sub-clauses, each with the number the draft gives it."""
        head = [self.opening] if self.opening else []
        return "\n".join([*head, *self.lines, *self.notes, *(t for c in self.children if (t := c.text()))])


class _PlanReader:
    """Reads a plan's body line by line into parts, sections, measures and paragraphs."""

    def __init__(self, root: _Node, top: str = "part") -> None:
        self.root = root
        self.top = top  # what numbers the top level: 一、 parts, or （一） / 1. when there are none
        self.part: _Node | None = None
        self.section: _Node | None = None
        self.measure: _Node | None = None

    def read(self, paragraphs: list[str]) -> None:
        for paragraph in paragraphs:
            self.line(paragraph)

    def line(self, paragraph: str) -> None:
        if self.top != "part" and self.top_line(paragraph):
            return
        heading = _PART_HEADING.match(paragraph) if _is_part_heading(paragraph) else None
        measure = None if heading else _numbered_measure(paragraph)
        if heading or measure:
            number = parse_number(heading.group(1)) if heading else measure[0]  # type: ignore[index]
            number = number or (self.part.number or 0) + 1 if self.part else number or 1
            title = heading.group(2).strip() if heading else _first_sentence(measure[1])  # type: ignore[index]
            self.part = _Node("part", number, title, to_chinese(number))
            self.root.children.append(self.part)
            self.section = self.measure = None
            if measure:
                # "一、加大资金投入。对……给予补贴。": a numbered measure is a part whose
                # heading is its first sentence and whose first paragraph is the measure itself.
                self.part.children.append(_Node("paragraph", None, title, "", [measure[1]]))
            return
        if _RESPONSIBLE_LINE.match(paragraph) and len(paragraph) < 200:
            self.responsible(paragraph)
            return
        section = _SECTION.match(paragraph)
        if section and self.part is not None and parse_number(section.group(1)):
            body = section.group(2).strip()
            self.section = _Node(
                "section",
                parse_number(section.group(1)),
                _first_sentence(body),
                f"（{section.group(1)}）",
                [_as_written(section)] if _is_sentence(body) else [],
                opening="" if _is_sentence(body) else _as_written(section),
            )
            self.part.children.append(self.section)
            self.measure = None
            return
        numbered = _NUMBERED.match(paragraph)
        if numbered and (self.section is not None or self.part is not None):
            body = numbered.group(2).strip()
            self.measure = _Node(
                "measure",
                int(numbered.group(1)),
                _first_sentence(body),
                numbered.group(1),
                [_as_written(numbered)],
            )
            (self.section or self.part).children.append(self.measure)  # type: ignore[union-attr]
            return
        target = self.measure or self.section
        if target is not None:
            target.lines.append(paragraph)
        elif self.part is not None:
            self.part.children.append(_Node("paragraph", None, self.part.heading, "", [paragraph]))

    def top_line(self, paragraph: str) -> bool:
        """A （一） or 1. line that opens a top-level unit in a draft without 一、 parts."""
        match = _top_numbered(_SECTION if self.top == "section" else _NUMBERED, paragraph)
        if match is None:
            return False
        number = parse_number(match.group(1)) or 0
        body = match.group(2).strip()
        if self.top == "section":
            self.part = _Node(
                "part",
                number,
                _first_sentence(body),
                f"（{match.group(1)}）",
                label=f"（{match.group(1)}）",
                opening="" if _is_sentence(body) else _as_written(match),
            )
            if _is_sentence(body):
                self.part.children.append(
                    _Node("paragraph", None, self.part.heading, "", [_as_written(match)])
                )
            self.measure = None
        else:
            self.measure = _Node(
                "measure",
                number,
                _first_sentence(body),
                str(number),
                [_as_written(match)],
                label=f"第{number}条",
            )
            self.part = None
            self.root.children.append(self.measure)
            return True
        self.section = None
        self.root.children.append(self.part)
        return True

    def responsible(self, paragraph: str) -> None:
        """A 责任单位 line belongs to the measure (or paragraph) right above it."""
        target = self.measure or self.section
        if target is None and self.part is not None and self.part.children:
            target = self.part.children[-1]
        if target is None:
            return
        target.responsible.extend(v.strip() for v in _ROLE_VALUE.findall(paragraph) if v.strip())
        target.notes.append(paragraph)


def _plan_clauses(root: _Node) -> list[Clause]:
    clauses: list[Clause] = []
    for node in root.children:
        if node.kind == "preamble":
            clauses.append(Clause("0", None, None, "序言", node.text(), kind="preamble"))
            continue
        _settle_part(node)
        label = node.label or f"第{node.mark}部分"
        clauses.extend(_plan_node(node, str(node.number), label, None, node.number or 0))
    return _unique(clauses)


def _settle_part(part: _Node) -> None:
    """A part of plain paragraphs numbers them 1, 2, 3; a part with sections or measures keeps
    the paragraphs before them as its own introduction."""
    numbered = [c for c in part.children if c.kind != "paragraph"]
    plain = [c for c in part.children if c.kind == "paragraph"]
    if numbered and plain:
        part.lines = [line for c in plain for line in c.lines] + part.lines
        part.notes = [line for c in plain for line in c.notes] + part.notes
        part.responsible.extend(r for c in plain for r in c.responsible)
        part.children = numbered
    for count, child in enumerate((c for c in part.children if c.kind == "paragraph"), start=1):
        child.number = count


def _plan_node(node: _Node, clause_id: str, label: str, parent: str | None, part: int) -> list[Clause]:
    own = "\n".join(node.lines)
    holds = bool(own) and node.kind != "part"
    responsible = "、".join(node.responsible)
    if not responsible:
        match = _RESPONSIBLE.search(own)
        responsible = match.group(1) if match else ""
    clauses = [
        Clause(
            clause_id,
            part,
            (node.number or 1) if holds else None,
            node.heading,
            node.text(),
            responsible,
            kind=cast(ClauseKind, node.kind),
            name=label,
            parent=parent,
            number=node.number,
        )
    ]
    for child in node.children:
        if child.kind == "paragraph":
            child_label = f"{label}第{child.number}段"
        elif child.kind == "section":
            child_label = f"{label}{child.mark}"
        else:
            child_label = f"{label}{child.mark}" if node.kind == "section" else f"{label}第{child.mark}条"
        clauses.extend(_plan_node(child, f"{clause_id}.{child.number}", child_label, clause_id, part))
    return clauses


def _unique(clauses: list[Clause]) -> list[Clause]:
    """Ids stay unique even where a draft repeats a number (two sections （二） in one part)."""
    seen: set[str] = set()
    result = []
    for clause in clauses:
        clause_id = clause.id
        n = 1
        while clause_id in seen:
            n += 1
            clause_id = f"{clause.id}~{n}"
        seen.add(clause_id)
        result.append(clause if clause_id == clause.id else dataclasses.replace(clause, id=clause_id))
    return result


def _parse_articles(paragraphs: list[str]) -> Draft:
    """A regulation: 编/章/节 group articles; an article's paragraphs are its 款, its （一）
    lines the 项 of the 款 above them, and 1. lines the 目 of the 项 above them."""
    first = next(i for i, p in enumerate(paragraphs) if _ARTICLE.match(p) or _is_grouping(p))
    title = "".join(p for p in paragraphs[:first] if not (_CHAPTER.match(p) or _is_note(p) or p == "目录"))
    title = title or "征求意见稿"
    read: list[Clause | _Node] = []
    groups: dict[str, str] = {}  # 编/章/节 → the id of the current one
    article: _Node | None = None
    for paragraph in paragraphs[first:]:
        chapter = _CHAPTER.match(paragraph) if _is_grouping(paragraph) else None
        if chapter:
            read.append(_grouping(chapter, groups, [c for c in read if isinstance(c, Clause)]))
            article = None
            continue
        match = _ARTICLE.match(paragraph)
        if match:
            number = parse_number(match.group(1)) or ((article.number or 0) + 1 if article else 1)
            parent = groups.get("节") or groups.get("章") or groups.get("编") or ""
            paragraph = match.group(2).strip()
            named = _ARTICLE_TITLE.match(paragraph)
            heading = named.group(1).strip() if named else f"第{match.group(1)}条"
            article = _Node("article", number, heading, match.group(1), group=parent)
            read.append(article)
            paragraph = paragraph[named.end() :].strip() if named else paragraph
            if not paragraph:
                continue
        elif article is None:
            continue
        _article_line(article, paragraph)
    built: list[Clause] = []
    for item in read:
        built.extend([item] if isinstance(item, Clause) else _article_clauses(item))
    return Draft(title, tuple(_fill_group_text(_unique(_without_contents(built)))))


def _without_contents(clauses: list[Clause]) -> list[Clause]:
    """A 目录 lists the chapters before the body does: a 编/章/节 heading with nothing in
    it that comes again later is the contents' line, not the chapter."""
    result = []
    for n, clause in enumerate(clauses):
        following = clauses[n + 1] if n + 1 < len(clauses) else None
        empty = following is None or (following.kind != "article" and following.parent != clause.id)
        again = any(later.id == clause.id for later in clauses[n + 1 :])
        if not (clause.kind in _GROUP_KINDS.values() and empty and again):
            result.append(clause)
    return result


def _is_grouping(paragraph: str) -> bool:
    return bool(_CHAPTER.match(paragraph)) and len(paragraph) < 40 and not re.search(r"[。；;]", paragraph)


def _article_line(article: _Node, paragraph: str) -> None:
    """One line inside an article: a new 款, a 项 of the last 款, or a 目 of the last 项."""
    item = _SECTION.match(paragraph)
    sub = _NUMBERED.match(paragraph)
    last = article.children[-1] if article.children else None
    if item and last is not None and parse_number(item.group(1)):
        number = parse_number(item.group(1))
        last.children.append(_Node("item", number, "", f"第（{item.group(1)}）项", [_as_written(item)]))
    elif sub and last is not None and last.children and last.children[-1].kind == "item":
        last.children[-1].children.append(
            _Node("subitem", int(sub.group(1)), "", f"第{sub.group(1)}目", [_as_written(sub)])
        )
    elif sub and last is not None:
        last.children.append(_Node("item", int(sub.group(1)), "", f"第{sub.group(1)}项", [_as_written(sub)]))
    else:
        article.children.append(_Node("paragraph", len(article.children) + 1, "", "", [paragraph]))


def _article_clauses(article: _Node) -> list[Clause]:
    number = article.number or 0
    name = f"第{to_chinese(number)}条"
    clauses = [
        Clause(
            str(number),
            number,
            None,
            article.heading,
            article.text(),
            kind="article",
            name=name,
            parent=article.group or None,
            number=number,
        )
    ]
    single = len(article.children) == 1
    for paragraph in article.children:
        label = name if single else f"{name}第{to_chinese(paragraph.number or 0)}款"
        clauses.extend(_article_node(paragraph, f"{number}.{paragraph.number}", label, str(number), article))
    return clauses


def _article_node(node: _Node, clause_id: str, label: str, parent: str, article: _Node) -> list[Clause]:
    own = "\n".join(node.lines)
    match = _RESPONSIBLE.search(own)
    clauses = [
        Clause(
            clause_id,
            article.number,
            node.number or 1,
            article.heading,
            node.text(),
            match.group(1) if match else "",
            kind=cast(ClauseKind, node.kind),
            name=label,
            parent=parent,
            number=node.number,
        )
    ]
    for child in node.children:
        clauses.extend(
            _article_node(child, f"{clause_id}.{child.number}", label + child.mark, clause_id, article)
        )
    return clauses


def _grouping(match: re.Match[str], groups: dict[str, str], before: list[Clause]) -> Clause:
    """A 编, 章 or 节 heading: recorded as the group the following articles sit in."""
    number = parse_number(match.group(1)) or 0
    word = match.group(2)
    parent: str | None
    if word == "编":
        groups.clear()
        clause_id, parent, name = f"bk{number}", None, f"第{to_chinese(number)}编"
    elif word == "章":
        groups.pop("节", None)
        parent = groups.get("编")
        clause_id, name = f"ch{number}", f"第{to_chinese(number)}章"
    else:
        parent = groups.get("章") or groups.get("编")
        clause_id = f"{parent}.s{number}" if parent else f"s{number}"
        chapter = next((c.label for c in before if c.id == parent and c.kind == "chapter"), "")
        name = f"{chapter}第{to_chinese(number)}节"
    groups[word] = clause_id
    return Clause(
        clause_id,
        None,
        None,
        match.group(3).strip(),
        "",
        kind=cast(ClauseKind, _GROUP_KINDS[word]),
        name=name,
        parent=parent,
        number=number,
    )


_GROUP_KINDS = {"编": "book", "章": "chapter", "节": "section"}


def _article_heading(article: Clause) -> str:
    """第八条, or 第八条（立法目的） when the article has a 条标."""
    return article.heading if article.heading.startswith("第") else f"{article.label}（{article.heading}）"


def _fill_group_text(clauses: list[Clause]) -> list[Clause]:
    """A 编/章/节's text is its heading line (第二章　规划与建设) and its articles' text, so
    it reads as the draft prints it and quoting any of its articles finds it."""
    parents = {c.id: c.parent for c in clauses}

    def inside(clause: Clause, group: str) -> bool:
        current = clause.parent
        while current is not None:
            if current == group:
                return True
            current = parents.get(current)
        return False

    def heading(clause: Clause) -> str:
        return f"{clause.label}　{clause.heading}".strip("　")

    return [
        dataclasses.replace(
            c,
            text="\n".join(
                [
                    heading(c),
                    *(
                        f"{_article_heading(a)}　{a.text}"
                        for a in clauses
                        if a.kind == "article" and inside(a, c.id)
                    ),
                ]
            ),
        )
        if c.kind in _GROUP_KINDS.values()
        else c
        for c in clauses
    ]


def _top_level(paragraphs: list[str]) -> tuple[str, int]:
    """Without 一、 parts a draft's top level is （一） sections or 1. measures: which, and where."""
    for top, pattern in (("section", _SECTION), ("measure", _NUMBERED)):
        found = next((i for i, p in enumerate(paragraphs) if _top_numbered(pattern, p)), None)
        if found is not None:
            return top, found
    return "part", len(paragraphs)


def _top_numbered(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = pattern.match(text)
    return match if match and parse_number(match.group(1)) else None


def _as_written(match: re.Match[str]) -> str:
    """A numbered line as the draft prints it, its number kept (（一）, 1.) and the space a
    Word list puts after the number dropped: clause text quotes the draft."""
    return match.string[: match.start(2)].strip() + match.group(2).strip()


def _first_sentence(text: str) -> str:
    return re.split(r"[。；;：:]", text, maxsplit=1)[0][:30]


def _is_part_heading(text: str) -> bool:
    return bool(_PART_HEADING.match(text)) and not re.search(r"[。；;]", text)


_MEASURE = re.compile(rf"^\s*([{CHINESE_NUMERAL_CHARS}]+)\s*、\s*(\S.*)$", re.S)


def _numbered_measure(text: str) -> tuple[int, str] | None:
    """A paragraph that opens with 一、 and goes on as a sentence: (number, text after it)."""
    if _is_part_heading(text):
        return None
    match = _MEASURE.match(text)
    if match is None or not re.search(r"[。；]", text):
        return None
    number = parse_number(match.group(1))
    return (number, match.group(2).strip()) if number else None


def _is_sentence(text: str) -> bool:
    return len(text) > 30 or text.endswith(("。", "；", ";", "：", ":"))


def _is_note(text: str) -> bool:
    return bool(re.match(r"^附件\s*\d*$", text)) or (text.endswith("。") and len(text) < 30)
