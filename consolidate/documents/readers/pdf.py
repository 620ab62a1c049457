"""Text PDFs (a stamped copy printed from Word) through pdfplumber.

Scans have no text layer; they yield no blocks, and the caller asks for the editable copy.
"""

from __future__ import annotations

from pathlib import Path

from consolidate.documents.document import Block, SourceDocument, Table, TextLine, UnreadableFile, build_grid

MAX_PAGES = 50


def read_pdf(path: Path) -> SourceDocument:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnreadableFile("reading PDF text needs pdfplumber") from exc
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    blocks: list[Block] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes))  # type: ignore[misc]  # mypy cannot infer a lambda with a default
                for line in (outside.extract_text() or "").splitlines():
                    if line.strip():
                        blocks.append(TextLine(line, f"第{number}页"))
                for index, table in enumerate(tables, start=1):
                    rows = [[(cell or "", 1, 1) for cell in row] for row in table.extract()]
                    blocks.append(build_grid(rows, f"第{number}页表{index}"))
    except PDFPasswordIncorrect as exc:
        raise UnreadableFile("PDF 有密码保护") from exc
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(f"PDF 文件已损坏或不是 PDF（{exc}）") from exc
    return SourceDocument(tuple(blocks))


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x0, top, x1, bottom = obj.get("x0", 0), obj.get("top", 0), obj.get("x1", 0), obj.get("bottom", 0)
    return any(x0 >= b[0] - 1 and x1 <= b[2] + 1 and top >= b[1] - 1 and bottom <= b[3] + 1 for b in boxes)


def has_text(document: SourceDocument) -> bool:
    return any(
        (isinstance(b, TextLine) and b.text.strip()) or (isinstance(b, Table) and b.rows)
        for b in document.blocks
    )
