"""One reader per format, each returning a `SourceDocument` (see `consolidate.documents.document`)."""

from __future__ import annotations

from pathlib import Path

from consolidate.documents.document import SourceDocument, UnreadableFile
from consolidate.model import FileKind

__all__ = ["UnreadableFile", "read_document"]


def read_document(path: Path, kind: str) -> SourceDocument:
    """Read a file of the sniffed ``kind`` (see `consolidate.documents.discover.sniff`)."""
    if kind == FileKind.DOCX:
        from consolidate.documents.readers.docx import read_docx

        return read_docx(path)
    if kind == FileKind.SHEET:
        from consolidate.documents.readers.sheet import read_sheet

        return read_sheet(path)
    if kind == FileKind.PDF:
        from consolidate.documents.readers.pdf import read_pdf

        return read_pdf(path)
    if kind == FileKind.HTML:
        from consolidate.documents.readers.markup import read_html

        return read_html(path)
    if kind == FileKind.CSV:
        from consolidate.documents.readers.text import read_csv

        return read_csv(path)
    if kind in (FileKind.TEXT, FileKind.MAIL_BODY):
        from consolidate.documents.readers.text import read_text

        return read_text(path)
    raise UnreadableFile(f"没有读取 {kind} 类文件的程序")
