"""The draft's structure: preamble, numbered parts (一、 or 第N条) and their paragraphs."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .model import Clause, Draft
from .numerals import CHINESE_NUMERAL_CHARS, parse_number

_PART_HEADING = re.compile(rf"^\s*([{CHINESE_NUMERAL_CHARS}]+)\s*[、.．]\s*(\S.{{0,40}})$")
_ARTICLE = re.compile(rf"^\s*第\s*([{CHINESE_NUMERAL_CHARS}0-9]+)\s*条\s*(.*)$", re.S)
_CHAPTER = re.compile(rf"^\s*第\s*[{CHINESE_NUMERAL_CHARS}0-9]+\s*[章节]\s*")
_RESPONSIBLE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门)\s*[:：]\s*(.+?)\s*[)）]\s*$")


class DraftError(Exception):
    """The draft file is missing or cannot be read."""


def load_draft(path: Path) -> Draft:
    """Read a draft from .docx or .txt and split it into clauses."""
    if not path.is_file():
        raise DraftError(f"draft file not found: {path}")
    suffix = path.suffix.lower()
    try:
        marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        if suffix == ".docx":
            from .readers.docx import read_paragraphs, read_underlines

            paragraphs = read_paragraphs(path)
            marks = read_underlines(path)
        elif suffix in {".txt", ".text", ".md"}:
            paragraphs = path.read_text(encoding="utf-8-sig").splitlines()
        elif suffix in {".doc", ".wps", ".rtf", ".odt"}:
            paragraphs = _converted_paragraphs(path)
        else:
            raise DraftError(f"the draft must be .docx, .doc/.wps or .txt, not {suffix or 'no extension'}")
    except DraftError:
        raise
    except Exception as exc:
        raise DraftError(f"cannot read the draft {path.name}: {exc}") from exc
    draft = parse_draft(paragraphs)
    if not marks:
        return draft
    return Draft(draft.title, tuple(_with_marks(c, marks) for c in draft.clauses))


def _with_marks(clause: Clause, marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> Clause:
    national, refined = marks.get(clause.text.strip(), ((), ()))
    if not (national or refined):
        return clause
    return dataclasses.replace(clause, national=national, refined=refined)


def _converted_paragraphs(path: Path) -> list[str]:
    """A .doc/.wps/.rtf/.odt draft, converted by LibreOffice in a temporary folder."""
    import tempfile

    from .convert import convert_word_files
    from .discover import FoundFile
    from .readers.docx import read_paragraphs

    with tempfile.TemporaryDirectory(prefix="consolidate-draft-") as workdir:
        converted, findings = convert_word_files([FoundFile(path, path.name, "word")], Path(workdir))
        if path.name not in converted:
            raise DraftError(findings[0].message if findings else "LibreOffice could not convert the draft")
        return read_paragraphs(converted[path.name])


def parse_draft(lines: list[str]) -> Draft:
    """Split paragraphs into clauses.

    Parts are headed ``一、标题`` (policy measures) or numbered ``第N条`` (regulations). The
    preamble is the run of sentences right before the first part; what precedes it (annex
    number, notes, title lines) forms the title.
    """
    paragraphs = [line.strip() for line in lines if line.strip()]
    if any(_ARTICLE.match(p) for p in paragraphs):
        return _parse_articles(paragraphs)
    heading_at = next(
        (i for i, p in enumerate(paragraphs) if _is_part_heading(p) or _numbered_measure(p)), len(paragraphs)
    )
    preamble_start = heading_at
    while preamble_start > 0 and _is_sentence(paragraphs[preamble_start - 1]):
        preamble_start -= 1
    # Notes above the title ("下划线部分为国家原文。") are sentences too: keep only the
    # sentences after the last title-like line.
    title_lines = [p for p in paragraphs[:preamble_start] if not _is_note(p)]
    title = "".join(title_lines) or "征求意见稿"
    clauses: list[Clause] = []
    preamble = "\n".join(paragraphs[preamble_start:heading_at])
    if preamble:
        clauses.append(Clause("0", None, None, "序言", preamble))
    part = 0
    count = 0
    for paragraph in paragraphs[heading_at:]:
        match = _PART_HEADING.match(paragraph) if _is_part_heading(paragraph) else None
        if match:
            part = parse_number(match.group(1)) or part + 1
            count = 0
            clauses.append(Clause(str(part), part, None, match.group(2).strip(), ""))
            continue
        measure = _numbered_measure(paragraph)
        if measure:
            # "一、加大资金投入。对……给予补贴。": a numbered measure is a part whose
            # heading is its first sentence and whose first paragraph is the measure itself.
            number, body = measure
            part = number
            count = 0
            clauses.append(Clause(str(part), part, None, re.split(r"[。；]", body, maxsplit=1)[0][:30], ""))
            paragraph = body
        count += 1
        clauses.append(_paragraph_clause(part, count, paragraph, clauses))
    if part == 0 and not clauses:
        return Draft(title, ())
    return Draft(title, tuple(_fill_part_text(clauses)))


def _parse_articles(paragraphs: list[str]) -> Draft:
    first = next(i for i, p in enumerate(paragraphs) if _ARTICLE.match(p))
    title = "".join(p for p in paragraphs[:first] if not _CHAPTER.match(p)) or "征求意见稿"
    clauses: list[Clause] = []
    article = 0
    count = 0
    for paragraph in paragraphs[first:]:
        if _CHAPTER.match(paragraph) and len(paragraph) < 40:
            continue
        match = _ARTICLE.match(paragraph)
        if match:
            article = parse_number(match.group(1)) or article + 1
            count = 1
            body = match.group(2).strip()
            clauses.append(Clause(str(article), article, None, f"第{match.group(1)}条", ""))
            clauses.append(_paragraph_clause(article, count, body, clauses))
        else:
            count += 1
            clauses.append(_paragraph_clause(article, count, paragraph, clauses))
    return Draft(title, tuple(_fill_part_text(clauses)))


def _paragraph_clause(part: int, index: int, text: str, before: list[Clause]) -> Clause:
    heading = next((c.heading for c in reversed(before) if c.id == str(part)), "")
    match = _RESPONSIBLE.search(text)
    responsible = match.group(1) if match else ""
    return Clause(f"{part}.{index}", part, index, heading, text, responsible)


def _fill_part_text(clauses: list[Clause]) -> list[Clause]:
    """A part's own text is its paragraphs' text, so quoting any of them finds the part."""
    filled = []
    for clause in clauses:
        if clause.paragraph is None and clause.id != "0":
            text = "\n".join(c.text for c in clauses if c.part == clause.part and c.paragraph is not None)
            clause = Clause(clause.id, clause.part, None, clause.heading, text)
        filled.append(clause)
    return filled


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
