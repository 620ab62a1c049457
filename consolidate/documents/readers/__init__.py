"""One reader per format, each returning a `SourceDocument` (see `consolidate.documents.document`)."""

from __future__ import annotations

from pathlib import Path

from consolidate.documents.document import SourceDocument, UnreadableFile
from consolidate.documents.opened import OpenedFile
from consolidate.model import FileKind

__all__ = ["UnreadableFile", "read_document"]


def read_document(source: Path | OpenedFile, kind: str) -> SourceDocument:
    """Read a file of the sniffed ``kind`` (see `consolidate.documents.discover.sniff`).

    ``source`` is the file, or its bytes already read (`OpenedFile`): Word and Excel
    readers then use the archive opened over them, text and HTML readers the bytes; only
    the PDF reader opens the file by its path.
    """
    if kind == FileKind.DOCX:
        from consolidate.documents.readers.docx import read_docx

        return read_docx(source)
    if kind == FileKind.SHEET:
        from consolidate.documents.readers.sheet import read_sheet

        return read_sheet(source)
    if kind == FileKind.PDF:
        from consolidate.documents.readers.pdf import read_pdf

        return read_pdf(source.path if isinstance(source, OpenedFile) else source)
    if kind == FileKind.HTML:
        from consolidate.documents.readers.markup import read_html

        return read_html(source)
    if kind == FileKind.CSV:
        from consolidate.documents.readers.text import read_csv

        return read_csv(source)
    if kind in (FileKind.TEXT, FileKind.MAIL_BODY):
        from consolidate.documents.readers.text import read_text

        return read_text(source)
    raise UnreadableFile(f"没有读取 {kind} 类文件的程序")
