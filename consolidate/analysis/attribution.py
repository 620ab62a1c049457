"""Placing an opinion on the clause of the draft it concerns.

The Annex-3 form has no clause column, so the place is read from the opinion itself, in
order of trust: a clause column a unit added; explicit references (第三部分第二段, 三（2）,
第七条第一款, 附件1第三部分); quoted draft text (fuzzy, since people misquote); the name of
a part or plan (乡村工匠计划); and, last, similarity of wording with one paragraph. What
cannot be placed goes to the whole-document group with a low confidence, and anything
below `REVIEW_BELOW` is marked for review in the digest instead of silently trusted.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from consolidate.analysis.references import DraftTree, draft_references
from consolidate.model import GROUPING_KINDS, Clause, Draft, Method
from consolidate.text.normalise import fold
from consolidate.text.numerals import CHINESE_NUMERAL_CHARS, parse_number
from consolidate.thresholds import (
    CLAUSE_COLUMN_WHOLE,
    FUZZY_QUOTE_AT_MOST,
    NAMED_BY_TITLE,
    NAMED_OUTRIGHT,
    NOT_PLACED,
    PASSAGE_FOUND_FROM,
    QUOTE_FUZZY_FROM,
    QUOTE_MARGIN,
    QUOTED_IN_PART,
    QUOTED_TWICE,
    SELF_CONTRADICTING,
    SIMILAR_AT_MOST,
    SIMILAR_BASE,
    SIMILAR_MARGIN,
    SIMILAR_SURE,
    SIMILAR_WEAK_FROM,
    SIMILAR_WEAK_MARGIN,
    UNPLACED,
    WEAK,
    WHOLE_BY_SUBJECT,
    WHOLE_BY_WORDING,
)

_N = rf"[0-9{CHINESE_NUMERAL_CHARS}]+"
_PART_WORD = r"(?:部分|条|章|大项|大点|方面|节)"
_SUB_WORD = r"(?:自然段|段落|段|项|款|条|点|小点|小项)"
_EXPLICIT = re.compile(
    rf"(?:附件\d+)?第(?P<part>{_N}){_PART_WORD}"
    rf"(?:的|中|之)?(?:第(?P<sub>{_N}){_SUB_WORD}|[(](?P<paren>{_N})[)]|(?P<dot>\d+)[.、](?!\d))?"
)
_COMPACT = re.compile(
    rf"(?<![0-9{CHINESE_NUMERAL_CHARS}第])(?P<part>[{CHINESE_NUMERAL_CHARS}]+|\d+)[、.]?[(](?P<sub>{_N})[)]"
)
_HEADING = re.compile(
    rf"(?:^|[^0-9{CHINESE_NUMERAL_CHARS}])[(]?(?P<part>[{CHINESE_NUMERAL_CHARS}]+)[)]?[、.]?(?P<title>\S{{2,12}})"
)
_LOOSE_SUB = re.compile(rf"第(?P<sub>{_N})(?P<word>{_SUB_WORD[3:-1]})")
_OPENING = re.compile(r"开头|首段|序言|前言|引言|开篇|导语|第一段")
_WHOLE = re.compile(r"全文|通篇|整体|总体|全篇|文件名称|标题|题目|文字表述|格式|文稿")
_OTHER_DOC = re.compile(
    rf"《(?P<name>[^》]{{1,40}})》(?:的|中)?(?:第{_N}[条款项章节部分](?:第{_N}[条款项])*)?"
    rf"|(?<!本)(?<!本办)(?:法|条例|规定|细则|决定|通知)第{_N}[条款项](?:第{_N}[条款项])*"
)
_QUOTES = re.compile(
    r"“([^”]{2,200})”|‘([^’]{2,200})’|「([^」]{2,200})」|『([^』]{2,200})』|\"([^\"]{2,200})\""
)
PROPOSED_BEFORE = _PROPOSED = re.compile(
    r"(?:增加|修改为|改为|表述为|调整为|补充|加上|增设|新增|替换为|更改为|修订为|写为|改成)[:：]?$"
)
_TWO_PLACES = re.compile(r"两处|两段|两部分|相互衔接|相衔接|移至|移到|调整至|调整到|合并|分别|挪至|放到")
_THROUGHOUT = re.compile(r"全文|通篇|全篇|文中多处|多处出现|统一(?:表述|修改)为|表述不一致|表述不统一")
_BARE_PART = re.compile(rf"^(?:第)?(?P<part>{_N})(?:部分|条|、|\.)?$")
_DOTTED = re.compile(r"^(?:\d+|ch\d+|bk\d+)(?:\.(?:\d+|s\d+))*$")
_GROUPING_AFTER = r"(?:一章|一节|一编|章|节|编|部分|”|》|$)"
# What a citation of another document's clause leaves in the text: the opinion may still be
# about a clause of the draft, but similar wording alone cannot tell, so it is flagged.
_CITED_CLAUSE = "〔引文条〕"
# A clause of an annex (附件《重点任务清单》第3条): a document the draft's clauses do not hold,
# so the opinion goes to 总体意见, flagged for the clerk to check.
_ANNEX_CLAUSE = "〔附件条〕"
_ADD_NEW = re.compile(r"(?:增加|增设|新增|补充|加上)(?:一|1|相关|有关)?(?:条|项|款|段|部分|内容|条款)")


@dataclass(frozen=True)
class Placement:
    """Where an opinion goes: clause ids (empty for the whole document), how sure, and why."""

    clauses: tuple[str, ...]
    confidence: float
    method: Method


class ClauseIndex:
    """A draft prepared for attribution: its tree, titles, plan names, term list, word statistics."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.tree = DraftTree(draft)
        self.paragraphs = draft.paragraphs()
        # A clause's own words, without its sub-clauses': a quotation of an item finds the
        # item, not also the 款 and article around it.
        self.folded = {c.id: fold(self._own_text(c)) for c in self.paragraphs}
        self.parts = {c.part: c for c in draft.parts() if c.kind == "part"}
        self.draft_names = _draft_names(draft.title)
        self._parents = {c.id: c.parent for c in draft.clauses}
        # 编/章/节 of a regulation: named by their titles only as "……一章", never by a subject.
        self.groupings = {
            c.id
            for c in draft.clauses
            if c.kind in GROUPING_KINDS or (c.kind == "section" and self.tree.is_regulation)
        }

    def _own_text(self, clause: Clause) -> str:
        text = clause.text
        for child in self.tree.children.get(clause.id, []):
            if child.text:
                text = text.replace(child.text, "", 1)
        return text.strip()

    def part_or_single(self, part: int) -> str | None:
        """A part's id, or its only paragraph's id when it has just one."""
        clause = self.parts.get(part)
        return self.tree.settle(clause).id if clause is not None else None

    def paragraph(self, part: int, index: int) -> str | None:
        clause_id = f"{part}.{index}"
        return clause_id if self.draft.get(clause_id) else None

    def within(self, child: str, parent: str) -> bool:
        """Whether clause ``child`` is ``parent`` or lies inside it."""
        current: str | None = child
        while current is not None:
            if current == parent:
                return True
            current = self._parents.get(current)
        return False

    @cached_property
    def titles(self) -> list[tuple[str, str]]:
        """Names that point at one clause: part titles and paragraphs' lead phrases."""
        names: list[tuple[str, str]] = []
        for clause in self.draft.clauses:
            title = fold(clause.heading)
            if clause.kind in ("part", "section", "chapter", "book") and len(title) >= 4:
                names.append((title, self.tree.settle(clause).id))
        for clause in self.paragraphs:
            own = re.sub(
                rf"^(?:\({_N}\)|\d{{1,3}}[.、])", "", self.folded[clause.id]
            )  # its number, as printed
            lead = re.split(r"[。；;：:]", own, maxsplit=1)[0]
            if 4 <= len(lead) <= 20:
                names.append((lead, clause.id))
                stripped = re.sub(r"^(?:实施|开展|建立|推进|加强|完善)", "", lead)
                if stripped != lead and len(stripped) >= 4:
                    names.append((stripped, clause.id))
            for term in re.findall(r"“([^”]{3,12})”", clause.text):
                names.append((fold(term), clause.id))
        counts = Counter(name for name, _ in names)
        return sorted(
            ((n, c) for n, c in set(names) if counts[n] == 1 or _same_clause(names, n)),
            key=lambda item: -len(item[0]),
        )

    @cached_property
    def _grams(self) -> dict[str, set[str]]:
        return {cid: _grams(text) for cid, text in self.folded.items()}

    @cached_property
    def _idf(self) -> dict[str, float]:
        df = Counter(gram for grams in self._grams.values() for gram in grams)
        n = len(self._grams)
        return {gram: math.log((n + 1) / count) for gram, count in df.items()}

    def similar(self, text: str) -> list[tuple[float, str]]:
        """Paragraphs ranked by how much of the text's distinctive wording they contain.

        Coverage of the opinion's character bi- and trigrams, weighted by how rare each is
        in the draft: a short opinion is not penalised for a long paragraph, and words every
        paragraph shares (高技能人才) count for almost nothing.
        """
        query = {g for g in _grams(fold(text)) if g in self._idf}
        total = sum(self._idf[g] for g in query)
        if not total:
            return []
        scores = [
            (sum(self._idf[g] for g in query & grams) / total, cid) for cid, grams in self._grams.items()
        ]
        return sorted(scores, reverse=True)


def _same_clause(names: list[tuple[str, str]], name: str) -> bool:
    return len({c for n, c in names if n == name}) == 1


def _draft_names(title: str) -> set[str]:
    """Short names by which opinions cite the draft itself: 《若干措施》, 《征求意见稿》."""
    folded = fold(title)
    names = {folded, "征求意见稿", "意见稿", "送审稿", "草案", "文件", "本文件"}
    core = re.sub(r"[(（].*?[)）]", "", folded)
    names.add(core)
    for suffix in ("若干措施", "措施", "实施意见", "意见", "办法", "方案", "规定", "条例", "细则", "通知"):
        if core.endswith(suffix):
            names.add(suffix)
    return names


def _grams(text: str) -> set[str]:
    cleaned = re.sub(r"[^\w]", "", text)
    return {cleaned[i : i + n] for n in (2, 3) for i in range(len(cleaned) - n + 1)}


def _strip_other_documents(text: str, index: ClauseIndex) -> str:
    """Remove citations of other documents' articles (《职业教育法》第三条) so they are
    never read as the draft's clauses; citations of the draft itself stay."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name is not None and (name in index.draft_names or name in fold(index.draft.title)):
            return match.group(0).replace(f"《{name}》", "")
        if not re.search(r"第\S+[条款项章节部分]$", match.group(0)):
            return "〔引文〕"
        annex = re.search(r"附件[0-9一二三四五六七八九十]*[:：]?$", match.string[: match.start()])
        return _ANNEX_CLAUSE if annex else _CITED_CLAUSE

    return _OTHER_DOC.sub(replace, text)


def explicit_references(text: str, index: ClauseIndex) -> list[str]:
    """Clause ids named outright in a (folded) text, in the order they appear.

    Quotations of the draft's own wording and of wording a unit proposes are not pointers:
    "第二十八条引用“第二十条第一款第一项”" cites article 28, not article 20.
    """
    return _explicit(text, index)[0]


def _explicit(text: str, index: ClauseIndex) -> tuple[list[str], bool]:
    """The ids, and whether every reference was found in the draft down to its last step."""
    text = _mask_quotations(text, index)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    complete = True
    for reference in draft_references(text, index.tree):
        found.extend((reference.start, clause_id) for clause_id in reference.clauses)
        taken.append((reference.start, reference.end))
        complete = complete and reference.complete
    for match in _HEADING.finditer(text):
        if any(a <= match.start("part") < b for a, b in taken):
            continue
        clause = _headed_clause(match, index)
        if clause is None:
            continue
        title = fold(clause.heading)
        found.append((match.start(), index.tree.settle(clause).id))
        taken.append((match.start(), match.start("title") + min(len(title), len(match.group("title")))))
    found = [_narrow_by_following_sub(text, start, clause_id, taken, index) for start, clause_id in found]
    if _OPENING.search(text) and not found and index.draft.get("0"):
        found.append((_OPENING.search(text).start(), "0"))  # type: ignore[union-attr]
    ordered = []
    for _, clause_id in sorted(found):
        if clause_id not in ordered:
            ordered.append(clause_id)
    return ordered, complete


def _mask_quotations(text: str, index: ClauseIndex) -> str:
    """Blank out quotations that are draft wording or proposed wording, keeping offsets."""

    def blank(match: re.Match[str]) -> str:
        quote = next(g for g in match.groups() if g)
        proposed = _PROPOSED.search(text[max(0, match.start() - 6) : match.start()])
        in_draft = len(quote) >= 4 and any(quote in body for body in index.folded.values())
        return "〔" + "＿" * (len(match.group(0)) - 2) + "〕" if proposed or in_draft else match.group(0)

    return _QUOTES.sub(blank, text)


def _headed_clause(match: re.Match[str], index: ClauseIndex) -> Clause | None:
    """The part （or section, when the number is in brackets） that "三、夯实培养基础" names."""
    number = parse_number(match.group("part"))
    bracketed = match.group(0).lstrip()[:2].find("(") >= 0
    said = match.group("title")
    for kind in ("section", "part") if bracketed else ("part",):
        for clause in index.draft.clauses:
            title = fold(clause.heading)
            named = title and (said.startswith(title[:4]) or title.startswith(said[:4]))
            if clause.kind == kind and clause.number == number and named:
                return clause
    return None


def _narrow_by_following_sub(
    text: str, start: int, clause_id: str, taken: list[tuple[int, int]], index: ClauseIndex
) -> tuple[int, str]:
    """ "（三）夯实培养基础：第二段…" and "“七、…”第三段": a part named, then its paragraph."""
    clause = index.draft.get(clause_id)
    if clause is None or clause.holds_text:
        return start, clause_id
    end = next((b for a, b in taken if a == start), start)
    match = _LOOSE_SUB.search(text, end, end + 16)
    if match is None or any(end <= a < match.start() for a, _ in taken):
        return start, clause_id
    sub = parse_number(match.group("sub"))
    kind = {"项": "item", "点": "item", "小点": "item", "小项": "item", "条": "article"}.get(
        match.group("word"), "paragraph"
    )
    narrower = index.tree.step(clause, kind, sub) if sub else None
    return start, narrower.id if narrower else clause_id


def quoted_clauses(text: str, index: ClauseIndex) -> list[tuple[str, float]]:
    """Clauses whose text a quotation in the opinion comes from, with match strength.

    Quotations of the wording a unit proposes (修改为“…”, 增加“…”) are not draft text
    and are skipped.
    """
    from rapidfuzz import fuzz

    results: list[tuple[str, float]] = []
    for match in _QUOTES.finditer(text):
        quote = fold(next(g for g in match.groups() if g))
        if len(quote) < 2 or quote in index.draft_names:
            continue
        if _PROPOSED.search(text[max(0, match.start() - 6) : match.start()]):
            continue
        exact = [cid for cid, body in index.folded.items() if quote in body]
        if 1 <= len(exact) <= 2:
            results.extend((cid, NAMED_OUTRIGHT if len(exact) == 1 else QUOTED_TWICE) for cid in exact)
            continue
        if exact or len(quote) < 6:
            continue
        scored = sorted(
            ((fuzz.partial_ratio(quote, body), cid) for cid, body in index.folded.items()),
            reverse=True,
        )
        best_score, best_id = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0
        if best_score >= QUOTE_FUZZY_FROM and best_score - second >= QUOTE_MARGIN:
            results.append((best_id, round(FUZZY_QUOTE_AT_MOST * best_score / 100, 2)))
    return results


def named_clauses(text: str, index: ClauseIndex) -> list[str]:
    """Clauses named by a part title, a plan's name or a term the draft defines."""
    found: list[str] = []
    remaining = text
    for name, clause_id in index.titles:
        if name not in remaining:
            continue
        if clause_id in index.groupings and not re.search(re.escape(name) + _GROUPING_AFTER, remaining):
            continue  # "维修养护经费" names an article's subject, not the 节 titled 维修养护
        found.append(clause_id)
        remaining = remaining.replace(name, "〔〕")
    return list(dict.fromkeys(found))


def attribute_opinion(
    text: str, index: ClauseIndex | None, hint: str = "", reason: str = "", context: str = ""
) -> Placement:
    """Place one opinion. ``hint`` is a clause column's value; ``reason`` helps only
    the similarity fallback; ``context`` is the draft paragraph a tracked change sits in.
    An article that is one paragraph is always filed under that paragraph (8.1, not 8)."""
    placed = _attribute(text, index, hint, reason, context)
    if index is None or not placed.clauses:
        return placed
    settled = tuple(dict.fromkeys(index.draft.settled(c) for c in placed.clauses))
    return placed if settled == placed.clauses else dataclasses.replace(placed, clauses=settled)


def _attribute(text: str, index: ClauseIndex | None, hint: str, reason: str, context: str) -> Placement:
    if index is None or not index.paragraphs:
        return Placement((), NOT_PLACED, Method.NO_DRAFT)
    folded = _strip_other_documents(fold(text), index)

    if context.strip():
        found = _best_quote_clause(fold(context), index)
        if found:
            return Placement(tuple(found), NAMED_OUTRIGHT, Method.REVISION)

    refs, complete = _explicit(folded, index)
    quotes = quoted_clauses(text, index)
    quoted_ids = list(dict.fromkeys(cid for cid, _ in quotes))

    if hint.strip():
        placed = _from_clause_column(hint, index, quoted_ids)
        if placed is not None:
            return placed

    if refs:
        return _by_reference(refs, complete, quoted_ids, index)
    if _ANNEX_CLAUSE in folded:
        return Placement((), WEAK, Method.WHOLE_DOCUMENT_ANNEX)
    if _THROUGHOUT.search(folded) or len(quoted_ids) >= 3:
        return Placement((), WHOLE_BY_WORDING, Method.WHOLE_DOCUMENT)
    named = named_clauses(folded, index)
    if quotes:
        ids = quoted_ids
        if _TWO_PLACES.search(folded):
            ids = list(dict.fromkeys([*named, *ids]))
        confidence = (
            min(score for cid, score in quotes if cid in ids)
            if set(ids) <= {c for c, _ in quotes}
            else QUOTED_IN_PART
        )
        return Placement(tuple(ids), confidence, Method.QUOTATION)
    if named:
        return Placement(tuple(named), NAMED_BY_TITLE, Method.NAMED)
    if _ADD_NEW.search(folded) or _WHOLE.search(folded):
        return Placement((), WHOLE_BY_SUBJECT, Method.WHOLE_DOCUMENT)
    placed = _by_similarity(f"{text}\n{reason}", index)
    if _CITED_CLAUSE in folded and placed.clauses:
        return Placement(
            placed.clauses,
            min(placed.confidence, SELF_CONTRADICTING),
            placed.method.citing_another_document(),
        )
    return placed


def _by_reference(refs: list[str], complete: bool, quoted_ids: list[str], index: ClauseIndex) -> Placement:
    """An opinion that names its clause (第三条, 七（二）): narrowed to the clause inside it
    that a quotation pins down, and less sure when the quotation points elsewhere or part
    of the reference is not in the draft."""
    refined = _refine(refs, quoted_ids, index)
    if quoted_ids and not any(index.within(q, r) or index.within(r, q) for q in quoted_ids for r in refs):
        return Placement(tuple(refined), SELF_CONTRADICTING, Method.REFERENCE_QUOTED_ELSEWHERE)
    if not complete and refined == refs:
        return Placement(tuple(refined), SELF_CONTRADICTING, Method.REFERENCE_NOT_IN_DRAFT)
    return Placement(tuple(refined), NAMED_OUTRIGHT, Method.REFERENCE)


def _from_clause_column(hint: str, index: ClauseIndex, quoted_in_text: list[str]) -> Placement | None:
    """A clause column (涉及条款) a unit added: 七（二）, 第八部分第一段, 九, 3.2, a plan's
    name, a phrase of the clause, or 全文."""
    folded = _strip_other_documents(fold(hint), index)
    if _THROUGHOUT.search(folded) or _WHOLE.fullmatch(folded) or folded in ("总体", "整体", "通篇", "全文"):
        return Placement((), CLAUSE_COLUMN_WHOLE, Method.CLAUSE_COLUMN)
    refs = explicit_references(folded, index) or named_clauses(folded, index)
    if not refs:
        bare, dotted = _BARE_PART.match(folded), _DOTTED.match(folded)
        if dotted and index.draft.get(folded):
            refs = [folded]
        elif bare and (number := parse_number(bare["part"])) is not None:
            word = "条" if index.tree.is_regulation else "部分"
            clause = index.tree.top(word, number)
            refs = [index.tree.settle(clause).id] if clause else []
    quoted = [cid for cid, _ in quoted_clauses(hint, index)]
    if not refs and len(folded) >= 6:
        refs = _best_quote_clause(folded, index)
    refs = refs or quoted
    if not refs:
        return None
    return Placement(
        tuple(_refine(refs, quoted + quoted_in_text, index)), NAMED_OUTRIGHT, Method.CLAUSE_COLUMN
    )


def _refine(refs: list[str], quoted: list[str], index: ClauseIndex) -> list[str]:
    """Narrow a part (or article, 款) reference to the clause inside it a quotation pins down."""
    refined = []
    for ref in refs:
        inside = [q for q in quoted if index.within(q, ref) and q != ref]
        refined.extend(inside or [ref])
    return list(dict.fromkeys(refined))


def _best_quote_clause(text: str, index: ClauseIndex) -> list[str]:
    from rapidfuzz import fuzz

    scored = sorted(
        ((fuzz.partial_ratio(text, body), cid) for cid, body in index.folded.items()), reverse=True
    )
    if scored and scored[0][0] >= PASSAGE_FOUND_FROM:
        return [scored[0][1]]
    return []


def _by_similarity(text: str, index: ClauseIndex) -> Placement:
    scores = index.similar(text)
    if not scores:
        return Placement((), NOT_PLACED, Method.UNPLACED)
    best, best_id = scores[0]
    second = scores[1][0] if len(scores) > 1 else 0.0
    if best >= SIMILAR_SURE and best >= SIMILAR_MARGIN * second:
        return Placement(
            (best_id,), round(min(SIMILAR_AT_MOST, SIMILAR_BASE + best), 2), Method.SIMILAR_WORDING
        )
    if best >= SIMILAR_WEAK_FROM and best >= SIMILAR_WEAK_MARGIN * second:
        return Placement((best_id,), WEAK, Method.SIMILAR_WORDING)
    return Placement((), UNPLACED, Method.UNPLACED)
