"""HTML tables saved with an office extension (systems export "Excel" files as HTML)."""

from __future__ import annotations

from pathlib import Path

from consolidate.documents.document import Block, SourceDocument, TextLine, UnreadableFile, build_grid
from consolidate.documents.opened import OpenedFile, file_bytes
from consolidate.documents.readers.text import decode_text


def read_html(source: Path | OpenedFile) -> SourceDocument:
    from lxml import etree, html

    text = decode_text(file_bytes(source))
    try:
        parser = html.HTMLParser(no_network=True, remove_comments=True)
        root = html.fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"damaged HTML ({exc})") from exc
    tables: list[Block] = []
    for index, table in enumerate(list(root.iter("table")), start=1):
        rows = []
        for tr in table.iter("tr"):
            row = []
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                span = int(cell.get("colspan", "1") or 1) if str(cell.get("colspan", "1")).isdigit() else 1
                row.append((" ".join(cell.text_content().split()), span, 1))
            rows.append(row)
        tables.append(build_grid(rows, f"表{index}"))
        table.drop_tree()
    # The header line (单位名称…) sits above the table; text outside tables goes first.
    lines: list[Block] = [
        TextLine(line.strip(), "正文") for line in root.text_content().splitlines() if line.strip()
    ]
    return SourceDocument(tuple(lines + tables))
