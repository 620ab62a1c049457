"""One reader per format, each returning a `SourceDocument` (see `consolidate.document`)."""

from __future__ import annotations

from pathlib import Path

from ..document import SourceDocument


class UnreadableFile(Exception):
    """A file of a known type whose content cannot be read; the message is for the clerk."""


def read_document(path: Path, kind: str) -> SourceDocument:
    """Read a file of the sniffed ``kind`` (see `consolidate.discover.sniff`)."""
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    if kind == "sheet":
        from .sheet import read_sheet

        return read_sheet(path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if kind == "html":
        from .markup import read_html

        return read_html(path)
    if kind == "csv":
        from .text import read_csv

        return read_csv(path)
    if kind in ("text", "mail-body"):
        from .text import read_text

        return read_text(path)
    raise UnreadableFile(f"no reader for {kind} files")
