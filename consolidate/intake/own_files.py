"""The tool's own papers found among the returns: the digest, the ledger, the adoption
report, the feedback letters, the JSON result. They are recognised by what is inside them
(a marker in the document properties, their titles, the ledger's sheets, the JSON's
shape), not by their names — a clerk renames and copies files — and listed once as ignored.

A filled-in pre-printed form is a unit's return even though the tool generated it, so a
form (修改意见表) is never taken for one of the tool's papers.
"""

from __future__ import annotations

import contextlib
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from consolidate.documents.discover import FoundFile
from consolidate.documents.opened import OpenedFile
from consolidate.model import FileKind

TOOL_MARK = "consolidate"  # written into the properties of every paper the tool makes
_HEAD_BYTES = 64 * 1024
_TITLES = (
    (re.compile(r"修改意见汇总表"), "本工具生成的修改意见汇总表"),
    (re.compile(r"征求意见采纳情况的说明"), "本工具生成的采纳情况说明"),
    (re.compile(r"修改意见采纳情况的反馈"), "本工具生成的反馈函"),
    (re.compile(r"催报通知|关于报送.{0,40}修改意见的提醒"), "本工具生成的催报通知"),
)
_FORM = re.compile(r"修改意见表|意见反馈表|征求意见表")
_LEDGER_SHEETS = ("意见处理台账",)
_JSON_KEYS = {"consultation", "units", "opinions"}


def own_output_reason(found: FoundFile, opened: OpenedFile | None = None) -> str:
    """Why ``found`` is one of the tool's own papers, or "".

    ``opened`` is the file already read, when it has been: its archive is looked into
    rather than the file opened again.
    """
    try:
        if found.kind == FileKind.DOCX:
            with _archive(found, opened) as archive:
                return _docx_reason(archive)
        if found.kind == FileKind.SHEET and (opened.is_zip if opened else zipfile.is_zipfile(found.path)):
            with _archive(found, opened) as archive:
                return _xlsx_reason(archive)
        if found.path.suffix.lower() == ".json" or found.kind in (FileKind.TEXT, FileKind.UNKNOWN):
            return _json_reason(found.path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError, EOFError):
        return ""
    return ""


@contextlib.contextmanager
def _archive(found: FoundFile, opened: OpenedFile | None) -> Iterator[zipfile.ZipFile]:
    if opened is not None:
        yield opened.archive
        return
    with zipfile.ZipFile(found.path) as archive:
        yield archive


def _member_head(archive: zipfile.ZipFile, name: str) -> str:
    if name not in archive.namelist():
        return ""
    with archive.open(name) as member:
        return member.read(_HEAD_BYTES).decode("utf-8", "ignore")


def _docx_reason(archive: zipfile.ZipFile) -> str:
    core = _member_head(archive, "docProps/core.xml")
    head = _text_head(_member_head(archive, "word/document.xml"), 300)
    if _FORM.search(head) and not any(p.search(head) for p, _ in _TITLES):
        return ""  # a form, even one the tool printed, is a unit's return
    marked = f">{TOOL_MARK}<" in core
    for pattern, what in _TITLES:
        if pattern.search(head) or (marked and pattern.search(core)):
            return f"{what}，不是单位反馈，已忽略"
    if marked:
        return "本工具生成的文件，不是单位反馈，已忽略"
    return ""


_TEXT_RUN = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def _text_head(xml: str, length: int) -> str:
    """The first ``length`` characters of the body's text runs: titles come first, so the
    rest of the document need not be searched."""
    parts: list[str] = []
    seen = 0
    for match in _TEXT_RUN.finditer(xml):
        parts.append(match.group(1))
        seen += len(parts[-1])
        if seen >= length:
            break
    return "".join(parts)[:length]


def _xlsx_reason(archive: zipfile.ZipFile) -> str:
    workbook = _member_head(archive, "xl/workbook.xml")
    if any(f'name="{sheet}"' in workbook for sheet in _LEDGER_SHEETS):
        return "本工具生成的意见处理台账，不是单位反馈，已忽略"
    return ""


def _json_reason(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(1)
        if head != b"{":
            return ""
        if path.stat().st_size > 200 * 1024 * 1024:
            return ""
        handle.seek(0)
        data = json.loads(handle.read().decode("utf-8"))
    if isinstance(data, dict) and set(data) >= _JSON_KEYS and isinstance(data.get("consultation"), dict):
        return "本工具生成的 JSON 结果，不是单位反馈，已忽略"
    return ""
