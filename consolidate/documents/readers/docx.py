"""Word .docx read straight from its XML.

python-docx's paragraph API drops text that real forms carry (tracked insertions, content
controls, text boxes) and returns a vertically merged cell once per row; walking the XML
with lxml keeps all of it and is about four times faster.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

from consolidate.documents.document import (
    Block,
    Revision,
    SourceDocument,
    Table,
    TextLine,
    UnreadableFile,
    build_grid,
)
from consolidate.documents.opened import OpenedFile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))
_SDT_CONTENT = f"{{{W}}}sdtContent"
_SKIP = {f"{{{W}}}{t}" for t in ("del", "instrText", "delText", "rPr", "pPr")} | {f"{{{MC}}}Fallback"}


def _parser():
    from lxml import etree

    # No DTDs, no entities, no network: a return is untrusted input.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@contextlib.contextmanager
def _archive(source: Path | OpenedFile) -> Iterator[zipfile.ZipFile]:
    """The package's zip: the one already open over a return's bytes, or the file's own."""
    if isinstance(source, OpenedFile):
        yield source.archive
        return
    with zipfile.ZipFile(source) as archive:
        yield archive


def _document_root(source: Path | OpenedFile):
    from lxml import etree

    try:
        with _archive(source) as archive:
            # ZipFile.read stops at the declared size and checks the CRC: a part whose
            # header understates its size fails here instead of inflating further.
            xml = archive.read("word/document.xml")
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise UnreadableFile(
                "部件 word/document.xml 校验失败（文件损坏，或头部声明的大小与实际不符）"
            ) from exc
        raise UnreadableFile(f"damaged Word file ({exc})") from exc
    except (KeyError, OSError, EOFError) as exc:
        raise UnreadableFile(f"damaged Word file ({exc})") from exc
    # Word's "Strict Open XML" files use another namespace for the same elements.
    xml = xml.replace(b"http://purl.oclc.org/ooxml/wordprocessingml/main", W.encode())
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        raise UnreadableFile("文件中含有 DTD/实体声明（正常的 Office 文件不会有），疑似恶意文件，已拒绝读取")
    try:
        return etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"damaged Word file (XML error: {exc})") from exc


def read_docx(source: Path | OpenedFile) -> SourceDocument:
    """Paragraphs and tables of the document body, in order."""
    root = _document_root(source)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise UnreadableFile("Word file without a body")
    blocks: list[Block] = []
    counter = {"table": 0, "para": 0}
    _collect(body, blocks, counter)
    return SourceDocument(tuple(blocks), read_revisions(source, body))


def read_paragraphs(path: Path) -> list[str]:
    """The body's paragraph texts, tables flattened row by row (used for drafts)."""
    lines: list[str] = []
    for block in read_docx(path).blocks:
        if isinstance(block, TextLine):
            lines.extend(block.text.splitlines() or [""])
        else:
            for row in block.rows:
                lines.append("\t".join(cell.text for cell in row))
    return lines


def _collect(container, blocks: list[Block], counter: dict[str, int]) -> None:
    for child in container:
        if child.tag == _P:
            counter["para"] += 1
            blocks.append(TextLine(paragraph_text(child), f"第{counter['para']}段"))
        elif child.tag == _TBL:
            counter["table"] += 1
            blocks.append(_table(child, f"表{counter['table']}"))
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _collect(content, blocks, counter)


def paragraph_text(element) -> str:
    """Visible text of a paragraph (or any element): insertions kept, deletions dropped."""
    parts: list[str] = []
    _text_into(element, parts)
    return "".join(parts)


def _text_into(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        local = tag.rsplit("}", 1)[-1]
        if local == "t":
            parts.append(child.text or "")
        elif local == "tab":
            parts.append("\t")
        elif local in ("br", "cr"):
            parts.append("\n")
        elif local == "p" and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
            _text_into(child, parts)
        elif local == "tbl":
            parts.append("\n" + _table_text(child) + "\n")
        else:
            _text_into(child, parts)


def _children(parent, tag: str) -> list:
    """Children with ``tag``, looking through content controls (w:sdt) that wrap them."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(c for c in content if c.tag == tag)
    return found


def _rows(table) -> list:
    return _children(table, _TR)


def _cells(row) -> list:
    return _children(row, _TC)


_TR_PR, _GRID_BEFORE = f"{{{W}}}trPr", f"{{{W}}}gridBefore"
_TC_PR, _GRID_SPAN, _V_MERGE = f"{{{W}}}tcPr", f"{{{W}}}gridSpan", f"{{{W}}}vMerge"
_VAL = f"{{{W}}}val"


def _property(element, holder: str, tag: str):
    """What ``element.find(f"{holder}/{tag}")`` finds (a row's or cell's property), without
    compiling a path for each of the thousands of cells in a consultation."""
    for properties in element.iterchildren(holder):
        for found in properties.iterchildren(tag):
            return found
    return None


def _int_attr(found, default: int) -> int:
    if found is None:
        return default
    try:
        return int(found.get(_VAL, default))
    except ValueError:
        return default


def _table(table, where: str) -> Table:
    raw_rows: list[list[tuple[str, int, int]]] = []
    for row in _rows(table):
        raw: list[tuple[str, int, int]] = []
        before = _int_attr(_property(row, _TR_PR, _GRID_BEFORE), 0)
        raw.extend(("", 1, 1) for _ in range(before))
        for cell in _cells(row):
            span = _int_attr(_property(cell, _TC_PR, _GRID_SPAN), 1)
            vmerge = _property(cell, _TC_PR, _V_MERGE)
            continues = vmerge is not None and vmerge.get(_VAL, "continue") == "continue"
            raw.append((_cell_text(cell), span, 0 if continues else 1))
        raw_rows.append(raw)
    return build_grid(raw_rows, where)


def _cell_text(cell) -> str:
    lines = []
    for child in cell:
        if child.tag == _P:
            lines.append(paragraph_text(child))
        elif child.tag == _TBL:
            lines.append(_table_text(child))
        elif child.tag == _SDT:
            lines.append(paragraph_text(child))
    return "\n".join(lines).strip()


def _table_text(table) -> str:
    return "\n".join("\t".join(_cell_text(cell) for cell in _cells(row)) for row in _rows(table))


# ---------------------------------------------------------------- tracked changes and comments

_INS, _DEL = f"{{{W}}}ins", f"{{{W}}}del"
_R, _T, _DEL_TEXT = f"{{{W}}}r", f"{{{W}}}t", f"{{{W}}}delText"
_COMMENT_START, _COMMENT_END = f"{{{W}}}commentRangeStart", f"{{{W}}}commentRangeEnd"
_AUTHOR, _ID = f"{{{W}}}author", f"{{{W}}}id"


def read_revisions(source: Path | OpenedFile, root) -> tuple[Revision, ...]:
    """Tracked insertions and deletions, and comments with the text they are anchored to."""
    if next(root.iter(_INS, _DEL, _COMMENT_START), None) is None:
        return ()  # the usual case: a plain form, nothing more to walk
    comments = _comments(source)
    revisions: list[Revision] = []
    for number, paragraph in enumerate(root.iter(_P), start=1):
        if next(paragraph.iter(_INS, _DEL, _COMMENT_START), None) is not None:
            revisions.extend(_paragraph_revisions(paragraph, number, comments))
    used = {r.author + r.new for r in revisions if r.kind == "comment"}
    for text, author in comments.values():
        if author + text not in used:
            revisions.append(Revision("comment", "", text, "", "", author, "批注"))
    return tuple(revisions)


def _comments(source: Path | OpenedFile) -> dict[str, tuple[str, str]]:
    from lxml import etree

    try:
        with _archive(source) as archive:
            if "word/comments.xml" not in archive.namelist():
                return {}
            xml = archive.read("word/comments.xml")
            if b"<!DOCTYPE" in xml[:4096]:
                return {}
            root = etree.fromstring(xml, _parser())
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return {}
    found = {}
    for comment in root.iter(f"{{{W}}}comment"):
        text = "\n".join(paragraph_text(p) for p in comment.iter(_P)).strip()
        found[comment.get(_ID, "")] = (text, comment.get(_AUTHOR, ""))
    return found


def _run_text(element, tag: str) -> str:
    return "".join(t.text or "" for t in element.iter(tag))


def _paragraph_revisions(paragraph, number: int, comments: dict[str, tuple[str, str]]) -> list[Revision]:
    changes: list[tuple[str, str, str, str]] = []  # (kind, text, before, author)
    final: list[str] = []
    original: list[str] = []
    anchors: dict[str, list[str]] = {}
    anchored: list[tuple[str, str]] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == _INS:
            text = _run_text(element, _T)
            if text:
                changes.append(("insert", text, "".join(final), element.get(_AUTHOR, "")))
                final.append(text)
                for parts in anchors.values():
                    parts.append(text)
        elif tag == _DEL:
            text = _run_text(element, _DEL_TEXT)
            if text:
                changes.append(("delete", text, "".join(final), element.get(_AUTHOR, "")))
                original.append(text)
        elif tag == _T and not _inside_change(element, paragraph):
            text = element.text or ""
            final.append(text)
            original.append(text)
            for parts in anchors.values():
                parts.append(text)
        elif tag == _COMMENT_START:
            anchors[element.get(_ID, "")] = []
        elif tag == _COMMENT_END:
            cid = element.get(_ID, "")
            anchored.append((cid, "".join(anchors.pop(cid, []))))
    paragraph_original = "".join(original)
    revisions: list[Revision] = []
    index = 0
    while index < len(changes):
        kind, text, before, author = changes[index]
        following = changes[index + 1] if index + 1 < len(changes) else None
        if (
            following
            and {kind, following[0]} == {"insert", "delete"}
            and following[2].endswith(before[-4:] if before else "")
        ):
            old = text if kind == "delete" else following[1]
            new = text if kind == "insert" else following[1]
            revisions.append(
                Revision("replace", old, new, before, paragraph_original, author, f"第{number}段")
            )
            index += 2
            continue
        old, new = (text, "") if kind == "delete" else ("", text)
        revisions.append(Revision(kind, old, new, before, paragraph_original, author, f"第{number}段"))
        index += 1
    for cid, anchor in anchored:
        if cid in comments:
            text, author = comments[cid]
            revisions.append(
                Revision("comment", anchor, text, "", paragraph_original, author, f"第{number}段批注")
            )
    return revisions


def _inside_change(element, stop) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (_INS, _DEL):
            return True
        parent = parent.getparent()
    return False


_U = f"{{{W}}}u"
_NATIONAL_U = {"single", "double", "thick", "dotted", "dash", "words"}
_REFINED_U = {"wave", "wavyHeavy", "wavyDouble"}


def read_underlines(path: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per body paragraph text: the underlined and the wavy-underlined stretches.

    Drafts mark the national document's original wording by underlining it and the
    region's refinement by a wavy underline (as 附件1 of the sample letter says).
    """
    root = _document_root(path)
    marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for paragraph in root.iter(_P):
        national: list[str] = []
        refined: list[str] = []
        current: list[str] | None = None
        kind = ""
        for run in paragraph.iter(_R):
            underline = run.find(f"{{{W}}}rPr/{_U}")
            value = underline.get(f"{{{W}}}val", "single") if underline is not None else "none"
            style = "national" if value in _NATIONAL_U else "refined" if value in _REFINED_U else ""
            text = _run_text(run, _T)
            if style and style == kind and current is not None:
                current[-1] += text
            elif style:
                current = national if style == "national" else refined
                current.append(text)
            kind = style
        if national or refined:
            marks[paragraph_text(paragraph)] = (
                tuple(x for x in national if x.strip()),
                tuple(x for x in refined if x.strip()),
            )
    return marks
