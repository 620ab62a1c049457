"""Plain text and CSV: e-mail bodies, .txt replies, CSV saved with an .xls name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from consolidate.documents.document import SourceDocument, TextLine, UnreadableFile, build_grid
from consolidate.documents.opened import OpenedFile, file_bytes


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 as Chinese Windows writes."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def read_text(source: Path | OpenedFile) -> SourceDocument:
    text = decode_text(file_bytes(source))
    return SourceDocument(
        tuple(TextLine(line, f"第{n}行") for n, line in enumerate(text.splitlines(), 1) if line.strip())
    )


def read_csv(source: Path | OpenedFile) -> SourceDocument:
    text = decode_text(file_bytes(source))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    # A bare carriage return inside a field (old Mac line ends, pasted text) stops the csv
    # module: read it as the line break it was meant to be.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = [[(cell.strip(), 1, 1) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise UnreadableFile(f"CSV 文件格式有误（{exc}）") from exc
    return SourceDocument((build_grid(rows, "CSV"),))
