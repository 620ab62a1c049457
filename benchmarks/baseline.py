"""The naive baseline: open every return and read every cell, nothing else.

This is the floor a hand-written script with the obvious libraries would pay just to look at
the files — python-docx ``Document(path)`` walking ``table.rows`` / ``row.cells``, openpyxl
``load_workbook(read_only=True)`` iterating every value — with no interpretation, matching,
attribution or output. `bench.py` runs it in a subprocess, like the tool, so start-up and
imports are counted for both.

Usage: ``python benchmarks/baseline.py RETURNS_DIR``; prints one JSON line of counts (so the
work cannot be skipped and can be checked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def read_all(folder: Path) -> dict[str, int]:
    """Open every .docx and .xlsx below ``folder`` and read every table cell's text / cell value."""
    from docx import Document
    from openpyxl import load_workbook

    counts = {"docx": 0, "xlsx": 0, "cells": 0, "chars": 0}
    for path in sorted(folder.rglob("*")):
        suffix = path.suffix.lower()
        if suffix == ".docx":
            document = Document(str(path))
            for table in document.tables:
                for row in table.rows:
                    for cell in row.cells:
                        counts["cells"] += 1
                        counts["chars"] += len(cell.text)
            counts["docx"] += 1
        elif suffix == ".xlsx":
            workbook = load_workbook(path, read_only=True)
            for sheet in workbook.worksheets:
                for values in sheet.iter_rows(values_only=True):
                    for value in values:
                        counts["cells"] += 1
                        counts["chars"] += len(str(value)) if value is not None else 0
            workbook.close()
            counts["xlsx"] += 1
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/baseline.py RETURNS_DIR")
    print(json.dumps(read_all(Path(sys.argv[1]))))
