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
import multiprocessing
import signal
import threading
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeVar

from consolidate.documents.opened import OpenedFile
from consolidate.errors import ConsolidateError

J = TypeVar("J")
R = TypeVar("R")

MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one part of a package, inflated
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over 1 MB
SECONDS_PER_FILE = 60  # reading one file; enforced by SIGALRM, or by stopping its worker process
STARTUP_ALLOWANCE_S = 60  # a worker process's start-up, before its first file's budget begins


class UnsafeFile(ConsolidateError):
    """A file refused before parsing; the message says why, for the clerk."""


def check_package(source: Path | OpenedFile, deep: bool = True) -> None:
    """Refuse an Office package (zip) that would inflate beyond the limits or lies about it.

    ``source`` is the file or, on the hot path, its bytes already read with the archive
    opened over them (see `consolidate.documents.opened`): the check costs no second parse
    of the zip's directory.
    ``deep`` also test-reads every part and scans XML parts for DTDs: needed before a
    reader we do not control (calamine) opens it. Our own .docx reader reads only the parts
    it needs, bounded by their declared sizes with CRC checks, and refuses DTDs itself.
    """
    try:
        if isinstance(source, OpenedFile):
            _check_archive(source.archive, deep)
            return
        with zipfile.ZipFile(source) as archive:
            _check_archive(archive, deep)
    except zipfile.BadZipFile as exc:
        raise UnsafeFile(f"文件已损坏（{exc}）") from exc
    except (RuntimeError, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise UnsafeFile(f"无法安全读取（{exc}）") from exc


def _check_archive(archive: zipfile.ZipFile, deep: bool) -> None:
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
            raise UnsafeFile("文件中含有 DTD/实体声明（正常的 Office 文件不会有），疑似恶意文件，已拒绝读取")


def _has_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as member:
        head = member.read(2048)
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


class FileTimeout(ConsolidateError):
    """One file took longer than its time budget."""


def alarm_available() -> bool:
    """Whether `time_budget` can interrupt this thread (POSIX, main thread): otherwise
    reading must go through `bounded_map` to be bounded at all — always so on Windows."""
    return hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float = SECONDS_PER_FILE) -> Iterator[None]:
    """Raise `FileTimeout` in the block after ``seconds``, where `alarm_available`;
    elsewhere a no-op, and the caller runs the block in `bounded_map` instead."""
    if not alarm_available():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeout(f"读取超过 {seconds:g} 秒，已放弃")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Stopped:
    """What `bounded_map` yields for a job it had to stop; ``why`` is for the clerk."""

    why: str


def bounded_map(
    func: Callable[[J], R],
    jobs: Sequence[J],
    seconds: float = SECONDS_PER_FILE,
    workers: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    start_method: str | None = None,
) -> Iterator[R | Stopped]:
    """``func`` over ``jobs`` in worker processes, each job bounded by ``seconds``.

    A job that overruns has its worker process terminated — the one thing that stops a
    parser stuck inside C code on every platform — and a fresh worker takes the next job;
    a worker that dies (a parser crashing the interpreter) costs only its own job.
    Results come back in the jobs' order. ``func`` and ``initializer`` must be importable
    module-level functions, as Windows starts workers afresh rather than forking
    (``start_method="spawn"`` does the same elsewhere).
    """
    context = multiprocessing.get_context(start_method)
    pending = deque(enumerate(jobs))
    size = max(1, min(workers, len(jobs)))
    idle = [_Worker(context, func, initializer, initargs) for _ in range(size)] if jobs else []
    busy: dict[Connection, tuple[_Worker, int, float]] = {}
    results: dict[int, Any] = {}
    following = 0
    try:
        while pending or busy:
            while idle and pending:
                worker = idle.pop()
                index, job = pending.popleft()
                worker.connection.send(job)
                # Until the worker says it has begun, allow for its start-up (Windows
                # starts a fresh interpreter and imports everything).
                busy[worker.connection] = (worker, index, time.monotonic() + STARTUP_ALLOWANCE_S)
            first_deadline = min(started for _, _, started in busy.values()) + seconds
            ready = wait(list(busy), timeout=max(0.0, first_deadline - time.monotonic()))
            for connection in ready:
                assert isinstance(connection, Connection)
                worker, index, started = busy.pop(connection)
                try:
                    outcome, value = connection.recv()
                except (EOFError, OSError):
                    worker.stop()
                    results[index] = Stopped("读取时程序异常退出（文件可能已损坏或构造异常），已放弃")
                    if pending:
                        idle.append(_Worker(context, func, initializer, initargs))
                    continue
                if outcome == "begun":
                    busy[connection] = (worker, index, time.monotonic())
                    continue
                if outcome == "error":
                    raise RuntimeError(value)
                results[index] = value
                idle.append(worker)
            now = time.monotonic()
            for connection, (worker, index, started) in list(busy.items()):
                if now - started >= seconds:
                    del busy[connection]
                    worker.stop()
                    results[index] = Stopped(f"读取超过 {seconds:g} 秒，已放弃")
                    if pending:
                        idle.append(_Worker(context, func, initializer, initargs))
            while following in results:
                yield results.pop(following)
                following += 1
    finally:
        for worker in [*idle, *(w for w, _, _ in busy.values())]:
            worker.stop()


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(
        self,
        context: Any,
        func: Callable[..., Any],
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, func, initializer, initargs), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.connection.send(None)
            self.process.join(0.2)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self.connection.close()


def _serve(
    connection: Any,
    func: Callable[..., Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(("begun", None))
        try:
            connection.send(("ok", func(job)))
        except Exception as exc:
            connection.send(("error", f"{type(exc).__name__}: {exc}"))
