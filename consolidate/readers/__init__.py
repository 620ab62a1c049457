"""One reader per format, each returning a `SourceDocument` (see `consolidate.document`)."""

from __future__ import annotations

from pathlib import Path

from ..document import SourceDocument


class UnreadableFile(Exception):
    """A file of a known type whose content cannot be read; the message is for the clerk."""


def read_document(path: Path, kind: str) -> SourceDocument:
    """Read an editable return of the sniffed ``kind`` ("docx" or "xlsx")."""
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from .sheet import read_sheet

        return read_sheet(path)
    raise UnreadableFile(f"no reader for {kind} files")
