"""Finding the returns in a folder and telling what each file really is.

A file's type is judged from its content, not its name: a .doc that is really a .docx,
an .xls that is really an HTML table, a .docx that is really a scan.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from consolidate.codes import Code, Severity
from consolidate.documents.opened import ZIP_ERRORS, OpenedFile
from consolidate.model import FileKind, Finding

# Office lock files, OS litter, shortcuts: never returns.
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_IGNORED_SUFFIXES = {".lnk", ".url", ".tmp", ".bak", ".ini", ".db"}

_WORD_SUFFIXES = {".doc", ".wps", ".dot", ".wpt", ".rtf", ".odt", ".docx", ".docm"}
_SHEET_SUFFIXES = {".xls", ".et", ".xlt", ".ett", ".ods", ".xlsx", ".xlsm", ".xlsb"}

# Kinds a file can be: docx, sheet, pdf, image, html, csv, text, eml, msg, zip, 7z, rar,
# word (needs LibreOffice), encrypted, empty, damaged, unknown.
CONTAINERS = {FileKind.ZIP, FileKind.EML, FileKind.MSG, FileKind.SEVEN_ZIP, FileKind.RAR}


@dataclass(frozen=True)
class FoundFile:
    """A file to consider, with where it came from.

    ``relative`` is what the clerk sees (``mail.eml/附件.docx`` for an attachment);
    ``path`` is where the bytes are (a private temporary copy for unpacked files).
    """

    path: Path
    relative: str
    kind: FileKind
    received: dt.datetime | None = None
    sender: str = ""
    modified: float = 0.0
    note: str = ""  # something to tell the clerk about the file itself


MAX_FILE_BYTES = 100 * 1024 * 1024  # the largest real returns (scanned PDFs) are tens of MB
MAX_TEXT_BYTES = 20 * 1024 * 1024  # plain text, CSV, HTML: a real form is a few hundred KB
_TEXT_KINDS = {FileKind.TEXT, FileKind.CSV, FileKind.HTML}

_SPECIAL = (
    (stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISSOCK, "套接字"), (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"), (stat.S_ISDIR, "文件夹"),
)  # fmt: skip


@dataclass(frozen=True)
class Discovery:
    """What a walk of the returns folder found: candidates, files ignored on purpose, and
    problems with the folder itself (unreadable, vanished, special, too large)."""

    found: list[FoundFile]
    ignored: list[tuple[str, str]]
    problems: list[Finding]


def survey_folder(folder: Path) -> Discovery:
    """Walk ``folder``: symbolic links are never followed (a link could lead out of the
    folder), and nothing but a regular file is ever opened — a FIFO would block the run
    forever, a device could be read without end."""
    found: list[FoundFile] = []
    ignored: list[tuple[str, str]] = []
    problems: list[Finding] = []

    def unreadable_folder(error: OSError) -> None:
        where = _display(Path(error.filename).relative_to(folder)) if error.filename else str(folder)
        problems.append(
            Finding(Severity.WARNING, Code.FOLDER_UNREADABLE, _os_problem(error, "文件夹"), None, where)
        )

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable_folder):
        dirs.sort()
        for name in sorted(files) + sorted(d for d in dirs if (Path(root) / d).is_symlink()):
            path = Path(root) / name
            relative = _display(path.relative_to(folder))
            why = ignore_reason(path)
            if why:
                ignored.append((relative, why))
                continue
            try:
                info = path.lstat()
            except OSError as exc:
                problems.append(
                    Finding(Severity.WARNING, Code.FILE_VANISHED, _os_problem(exc, "文件"), None, relative)
                )
                continue
            special = next((what for test, what in _SPECIAL if test(info.st_mode)), None)
            if special is not None or not stat.S_ISREG(info.st_mode):
                problems.append(Finding(
                    Severity.WARNING, Code.SPECIAL_FILE,
                    f"这是{special or '特殊文件'}，不是普通文件，未打开：反馈文件夹中只应放各单位发来的文件",
                    None, relative,
                ))  # fmt: skip
                continue
            if info.st_size > MAX_FILE_BYTES:
                problems.append(_too_large(info.st_size, MAX_FILE_BYTES, relative))
                continue
            try:
                kind = sniff_checked(path, look_inside=False)
            except OSError as exc:
                problems.append(
                    Finding(Severity.WARNING, Code.FILE_UNREADABLE, _os_problem(exc, "文件"), None, relative)
                )
                continue
            if kind in _TEXT_KINDS and info.st_size > MAX_TEXT_BYTES:
                problems.append(_too_large(info.st_size, MAX_TEXT_BYTES, relative))
                continue
            note = (
                ""
                if relative == path.relative_to(folder).as_posix()
                else "文件名不是 UTF-8 编码（按 GBK 显示）"
            )
            found.append(FoundFile(path, relative, kind, modified=info.st_mtime, note=note))
    return Discovery(found, ignored, problems)


def _too_large(size: int, limit: int, relative: str) -> Finding:
    return Finding(
        Severity.WARNING, Code.FILE_TOO_LARGE,
        f"文件有 {size / 2**20:.0f} MB，超过 {limit // 2**20} MB 的上限，未读取：修改意见表通常只有几 MB，"
        "请确认是否放错了文件，或请该单位重新发送",
        None, relative,
    )  # fmt: skip


def _os_problem(error: OSError, what: str) -> str:
    """What happened, in the clerk's words, and what to do."""
    if isinstance(error, PermissionError):
        return f"没有权限读取该{what}，已跳过：请检查{what}的访问权限，或用有权限的账号运行"
    if isinstance(error, FileNotFoundError):
        return f"该{what}在读取前消失了（被移动、改名或删除），已跳过：如仍需要，请放回后重新运行"
    return f"无法读取该{what}（{error.strerror or error}），已跳过"


def _display(relative: Path) -> str:
    """A printable name even when the file name is not valid UTF-8.

    Names copied from Chinese Windows media can be GBK bytes; they are shown decoded as
    GB18030 when that works, else with escapes.
    """
    text = relative.as_posix()
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def ignore_reason(path: Path) -> str:
    """Why a file is not a return, or "" when it may be one."""
    name = path.name
    if path.is_symlink():
        return "符号链接，不跟随读取（可能指向文件夹之外）"
    if name.startswith("~$") or name.startswith(".~lock"):
        return "Office 临时锁定文件，已忽略"
    if name.startswith(".") or name.lower() in _IGNORED_NAMES:
        return "系统文件，已忽略"
    if path.suffix.lower() in _IGNORED_SUFFIXES:
        return "快捷方式或临时文件，已忽略"
    return ""


def sniff(path: Path) -> FileKind:
    """The file's real type from its bytes ("unknown" when it cannot be opened)."""
    try:
        return sniff_checked(path)
    except OSError:
        return FileKind.UNKNOWN


def sniff_checked(path: Path, look_inside: bool = True) -> FileKind:
    """The file's real type; raises OSError when it cannot be read. Opened without
    blocking and checked to be a regular file, in case it was swapped for a FIFO.
    Without ``look_inside`` a zip is only `FileKind.PACKAGE`."""
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    )
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name}: 不是普通文件")
        head = os.read(fd, 4096)
    finally:
        os.close(fd)
    return sniff_bytes(head, path, path.suffix.lower(), look_inside)


def sniff_bytes(head: bytes, path: Path, suffix: str, look_inside: bool = True) -> FileKind:
    if not head:
        return FileKind.EMPTY
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"GIF8")) or (
        head.startswith(b"BM") and suffix == ".bmp"
    ):
        return FileKind.IMAGE
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(path, suffix)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, suffix) if look_inside else FileKind.PACKAGE
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return FileKind.SEVEN_ZIP
    if head.startswith(b"Rar!\x1a\x07"):
        return FileKind.RAR
    if head.startswith(b"{\\rtf"):
        return FileKind.WORD
    text = _as_text(head)
    if text is not None:
        return _text_kind(text, suffix)
    if suffix in _WORD_SUFFIXES | _SHEET_SUFFIXES | {".pdf", ".zip"}:
        return FileKind.DAMAGED
    return FileKind.UNKNOWN


def _ole_kind(path: Path, suffix: str) -> FileKind:
    """Old Office files share one container (OLE2); the stream names tell them apart."""
    try:
        data = path.read_bytes()
    except OSError:
        return FileKind.UNKNOWN

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptionInfo") or has("EncryptedPackage"):
        return FileKind.ENCRYPTED
    if has("WordDocument"):
        return FileKind.WORD
    if has("Workbook") or has("Book"):
        return FileKind.SHEET
    if has("__substg1.0_"):
        return FileKind.MSG
    if suffix in _WORD_SUFFIXES:
        return FileKind.WORD
    if suffix in _SHEET_SUFFIXES:
        return FileKind.SHEET
    return FileKind.UNKNOWN


def _zip_kind(path: Path, suffix: str) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            return _kind_inside(archive, suffix)
    except ZIP_ERRORS:
        return _not_a_package(suffix)


def package_kind(opened: OpenedFile) -> FileKind:
    """What a zip-headed file (`FileKind.PACKAGE` when found) really is, from the one
    archive its reader will use: docx, sheet, word (OpenDocument), zip, or damaged."""
    try:
        return _kind_inside(opened.archive, opened.suffix)
    except ZIP_ERRORS:
        return _not_a_package(opened.suffix)


def _not_a_package(suffix: str) -> FileKind:
    return FileKind.DAMAGED if suffix in _WORD_SUFFIXES | _SHEET_SUFFIXES | {".zip"} else FileKind.UNKNOWN


def _kind_inside(archive: zipfile.ZipFile, suffix: str) -> FileKind:
    names = set(archive.namelist())
    mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    if "word/document.xml" in names:
        return FileKind.DOCX
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return FileKind.SHEET
    if "opendocument.text" in mimetype:
        return FileKind.WORD
    if "opendocument.spreadsheet" in mimetype:
        return FileKind.SHEET
    if "[Content_Types].xml" in names and suffix in _WORD_SUFFIXES | _SHEET_SUFFIXES:
        return FileKind.DAMAGED
    return FileKind.ZIP


def _as_text(head: bytes) -> str | None:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        for bom, codec in (
            (b"\xef\xbb\xbf", "utf-8"),
            (b"\xff\xfe", "utf-16-le"),
            (b"\xfe\xff", "utf-16-be"),
        ):
            if head.startswith(bom):
                return head[len(bom) :].decode(codec, "ignore")
    if b"\x00" in head:
        return None
    for codec in ("utf-8", "gb18030"):
        # The 4 KB cut may split a character: retry without its last one to three bytes.
        for cut in range(4):
            try:
                return head[: len(head) - cut].decode(codec)
            except UnicodeDecodeError:
                continue
    return None


def _text_kind(text: str, suffix: str) -> FileKind:
    lowered = text.lstrip().lower()
    if (
        suffix in {".eml", ".mht", ".mhtml"}
        or re.match(
            r"^(from[ :]|received:|return-path:|date:|message-id:|mime-version:|subject:|to:|x-[\w-]+:)",
            lowered,
        )
    ) and re.search(r"^(from|subject|date|mime-version):", lowered, re.M):
        return FileKind.EML
    if lowered.startswith(("<!doctype html", "<html", "<table")) or "<table" in lowered[:2000]:
        return FileKind.HTML
    if lowered.startswith("<?xml") and "urn:schemas-microsoft-com:office" in lowered:
        return FileKind.HTML  # Word/Excel 2003 "XML Spreadsheet" and .mht exports
    if suffix in {".csv"} or (suffix in _SHEET_SUFFIXES and ("," in text or "\t" in text)):
        return FileKind.CSV
    if suffix in {".txt", ".text", ""} or suffix in _WORD_SUFFIXES:
        return FileKind.TEXT
    return FileKind.UNKNOWN
