"""Checks before parsing: a return is untrusted input from outside the department.

No parsing library limits inflation (a 1 MB .docx drove python-docx to 2.1 GB), so each
zip-based file's members are checked first — count, declared sizes, compression ratio —
and then test-read with their CRCs, which stops a member whose header understates its
size after reading only what it declared. Office XML never carries a DTD, so one is
refused outright rather than parsed.

Limits (generous for real documents: the largest real forms are a few MB):
"""

from __future__ import annotations

import contextlib
import signal
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one part of a package, inflated
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over 1 MB
SECONDS_PER_FILE = 60


class UnsafeFile(Exception):
    """A file refused before parsing; the message says why, for the clerk."""


def check_package(path: Path, deep: bool = True) -> None:
    """Refuse an Office package (zip) that would inflate beyond the limits or lies about it.

    ``deep`` also test-reads every part and scans XML parts for DTDs: needed before a
    reader we do not control (calamine) opens it. Our own .docx reader reads only the parts
    it needs, bounded by their declared sizes with CRC checks, and refuses DTDs itself.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise UnsafeFile(f"文件包含 {len(infos)} 个部件，超过 {MAX_MEMBERS} 个上限，疑似恶意文件")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_MEMBER_BYTES:
                    raise UnsafeFile(
                        f"部件 {info.filename} 解压后 {info.file_size // 2**20} MB，超过上限，疑似压缩炸弹"
                    )
                if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise UnsafeFile(f"部件 {info.filename} 压缩比异常，疑似压缩炸弹")
                if info.flag_bits & 0x1:
                    raise UnsafeFile("文件有密码保护（已加密）")
            if total > MAX_TOTAL_BYTES:
                raise UnsafeFile(
                    f"解压后总大小 {total // 2**20} MB，超过 {MAX_TOTAL_BYTES // 2**20} MB 上限，疑似压缩炸弹"
                )
            if not deep:
                return
            broken = archive.testzip()  # streams each part; stops at its declared size
            if broken is not None:
                raise UnsafeFile(f"部件 {broken} 校验失败（文件损坏，或头部声明的大小与实际不符）")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _has_doctype(archive, info):
                    raise UnsafeFile(
                        "文件中含有 DTD/实体声明（正常的 Office 文件不会有），疑似恶意文件，已拒绝读取"
                    )
    except zipfile.BadZipFile as exc:
        raise UnsafeFile(f"文件已损坏（{exc}）") from exc
    except (RuntimeError, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise UnsafeFile(f"无法安全读取（{exc}）") from exc


def _has_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as member:
        head = member.read(2048)
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


class FileTimeout(Exception):
    """One file took longer than its time budget."""


@contextlib.contextmanager
def time_budget(seconds: int = SECONDS_PER_FILE) -> Iterator[None]:
    """Raise `FileTimeout` in the block after ``seconds`` (main thread on POSIX only;
    elsewhere the size limits above are the bound)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeout(f"读取超过 {seconds} 秒，已放弃")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
