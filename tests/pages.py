"""Looking at printed pages: Word files rendered by LibreOffice, read back page by page.

What a reviewer flags on paper, as checks: a nearly empty page, a page that holds only a
signature and date, a heading as the last line of a page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
NEARLY_EMPTY = 0.15  # of the text block's height
_PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_CLOSING = re.compile(r"^(特此函复|特此函告|特此通知|特此说明)。?$|^附件[:：]")
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件\s*\d*$)|（\d+条）$")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render(files: list[Path], out: Path) -> list[Path]:
    """PDFs of ``files``, converted in one LibreOffice run (each start costs seconds)."""
    binary = soffice()
    assert binary is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = (out / "lo-profile").resolve()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return [out / (f.stem + ".pdf") for f in files]


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[str, ...]  # text lines of the text block, page number left out
    fill: float  # how far down the text block the content reaches, 0..1


def pages(pdf: Path) -> list[Page]:
    import pdfplumber

    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            landscape = page.width > page.height
            top = (28 if landscape else 37) * MM
            bottom = page.height - (26 if landscape else 35) * MM
            lines = [
                line
                for line in page.extract_text_lines()
                if line["top"] < bottom + 2 * MM and not _PAGE_NUMBER.match(line["text"].strip())
            ]
            lowest = max(
                [line["bottom"] for line in lines]
                + [r["bottom"] for r in page.rects if r["bottom"] < bottom + 2 * MM]
                + [top]
            )
            fill = max(0.0, min(1.0, (lowest - top) / (bottom - top)))
            found.append(Page(number, tuple(line["text"].strip() for line in lines), fill))
    return found


def problems(pdf: Path, signatories: tuple[str, ...] = ()) -> list[str]:
    """What a reviewer would flag on the printed pages of ``pdf``."""
    found = []
    printed = pages(pdf)
    for page in printed:
        where = f"{pdf.name} p.{page.number}"
        alone = len(printed) == 1
        if not alone and page.fill < NEARLY_EMPTY:
            found.append(f"{where}: nearly empty ({page.fill:.0%} of the page): {page.lines}")
        text = [line for line in page.lines if line]
        if text and all(_DATE.match(line) or _CLOSING.match(line) or line in signatories for line in text):
            found.append(f"{where}: holds only a signature: {text}")
        if text and _HEADING.search(text[-1]) and len(text[-1]) <= 40 and page.number < len(printed):
            found.append(f"{where}: ends with a heading: {text[-1]}")
    return found
