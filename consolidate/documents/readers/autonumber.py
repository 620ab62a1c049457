"""A Word draft's paragraphs with the numbers Word draws itself (自动编号).

Regulations are often typed with automatic numbering: the 第一条, （一） or 1. a reader sees
is drawn by Word from numbering.xml and is not in the paragraph's text. Read without it, a
drafted 规定 has no articles at all. This reader renders each numbered paragraph's label
(lvlText with the level counters in its numFmt) in front of its text, as printed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.documents.readers.docx import _P, _SDT, _TBL, W, _document_root, paragraph_text
from consolidate.text.numerals import to_chinese

_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"


@dataclass
class _Lists:
    """numbering.xml and the paragraph styles that carry numbering, with running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    restart: set[str] = field(default_factory=set)  # numIds that restart their list
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def label(self, num_id: str, level: int) -> str:
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id in self.restart and num_id not in self.seen:
            counters.clear()
        self.seen.add(num_id)
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        definition = levels[level]
        if definition.fmt in ("bullet", "none"):
            return ""
        text = definition.text
        for k in range(9):
            if f"%{k + 1}" in text:
                value = counters.get(k, levels.get(k, _Level()).start)
                text = text.replace(f"%{k + 1}", _format(value, levels.get(k, _Level()).fmt))
        return text + ("" if definition.suffix == "nothing" else " ")


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return to_chinese(value)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)


def read_numbered_paragraphs(path: Path) -> list[str]:
    """The body's paragraphs with their automatic numbers; tables flattened row by row."""
    lists = _read_lists(path)
    lines: list[str] = []
    _walk(_document_root(path).find(_w("body")), lists, lines)
    return lines


def _walk(container, lists: _Lists, lines: list[str]) -> None:
    if container is None:
        return
    for child in container:
        if child.tag == _P:
            text = paragraph_text(child)
            lines.extend((_numbering(child, lists) + text).splitlines() or [""])
        elif child.tag == _TBL:
            for row in child.iter(_w("tr")):
                lines.append(
                    "\t".join(paragraph_text(p) for cell in row.iter(_w("tc")) for p in cell.iter(_P))
                )
        elif child.tag == _SDT:
            _walk(child.find(_w("sdtContent")), lists, lines)


def _numbering(paragraph, lists: _Lists) -> str:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        return ""
    num = properties.find(_w("numPr"))
    style = properties.find(_w("pStyle"))
    num_id, level = None, 0
    if style is not None and style.get(_w("val")) in lists.styles:
        num_id, level = lists.styles[style.get(_w("val"))]
    if num is not None:
        found_id = num.find(_w("numId"))
        found_level = num.find(_w("ilvl"))
        if found_id is not None:
            num_id = found_id.get(_w("val"))
        if found_level is not None:
            level = int(found_level.get(_w("val"), "0"))
    if not num_id or num_id == "0" or not paragraph_text(paragraph).strip():
        return ""
    return lists.label(num_id, level)


def _read_lists(path: Path) -> _Lists:
    from lxml import etree

    lists = _Lists()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        numbering = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
        styles = archive.read("word/styles.xml") if "word/styles.xml" in names else None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    if numbering is not None:
        root = etree.fromstring(numbering, parser)
        for abstract in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = _Level(
                    int(_value(lvl, "start", "1") or 1),
                    _value(lvl, "numFmt", "decimal"),
                    _value(lvl, "lvlText", ""),
                    _value(lvl, "suff", "tab"),
                )
            lists.levels[abstract.get(_w("abstractNumId"), "")] = levels
        for num in root.iter(_w("num")):
            num_id = num.get(_w("numId"), "")
            lists.nums[num_id] = _value(num, "abstractNumId", "")
            if num.find(f"{_w('lvlOverride')}/{_w('startOverride')}") is not None:
                lists.restart.add(num_id)
    if styles is not None:
        for style in etree.fromstring(styles, parser).iter(_w("style")):
            num = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num is not None and num.find(_w("numId")) is not None:
                level = num.find(_w("ilvl"))
                lists.styles[style.get(_w("styleId"), "")] = (
                    num.find(_w("numId")).get(_w("val"), ""),
                    int(level.get(_w("val"), "0")) if level is not None else 0,
                )
    return lists


def _value(element, tag: str, default: str) -> str:
    found = element.find(_w(tag))
    return found.get(_w("val"), default) if found is not None else default
