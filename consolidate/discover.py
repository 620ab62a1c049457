"""Finding the returns in a folder and telling what each file really is."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

# Office lock files, OS litter: never returns.
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}

_LEGACY_WORD = {".doc", ".wps", ".rtf", ".odt"}
_LEGACY_SHEET = {".xls", ".et", ".ods"}
_IMAGES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif"}


@dataclass(frozen=True)
class FoundFile:
    """A file in the returns folder, with its type judged from its content."""

    path: Path
    relative: str
    kind: str  # docx, xlsx, pdf, image, legacy, archive, empty, unknown


def discover(folder: Path) -> tuple[list[FoundFile], list[Path]]:
    """Every candidate file below ``folder`` (sorted), and the files skipped as litter."""
    found: list[FoundFile] = []
    skipped: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        name = path.name
        if name.startswith(("~$", ".~lock", ".")) or name.lower() in _IGNORED_NAMES:
            skipped.append(path)
            continue
        found.append(FoundFile(path, path.relative_to(folder).as_posix(), sniff(path)))
    return found, skipped


def sniff(path: Path) -> str:
    """The file's real type from its first bytes, so a .doc that is a .docx still reads."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return "unknown"
    suffix = path.suffix.lower()
    if not head:
        return "empty"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "legacy"
    if head.startswith(b"PK"):
        return _zip_kind(path, suffix)
    if head.startswith(b"{\\rtf"):
        return "legacy"
    if suffix in _IMAGES:
        return "image"
    if suffix in _LEGACY_WORD | _LEGACY_SHEET | {".docx", ".xlsx", ".pdf"}:
        return "damaged"
    return "unknown"


def _zip_kind(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return "damaged" if suffix in {".docx", ".xlsx", ".zip"} else "unknown"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        return "legacy"  # OpenDocument: needs conversion like the legacy formats
    return "archive"
