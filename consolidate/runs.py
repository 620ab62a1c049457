"""A run that is stopped — Ctrl-C, SIGTERM, a closed terminal, kill -9 — leaves nothing
behind beyond what the next run clears: its private temporary folder (attachments,
LibreOffice copies) is named after its process, worker processes stop with their parent,
and SIGTERM unwinds the run like Ctrl-C so every ``finally`` runs."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from consolidate.documents.writing import leftovers_of_dead_runs

_WORKDIR = re.compile(r"^consolidate-(?P<pid>\d+)-")


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop (SIGTERM, SIGHUP): unwound like Ctrl-C."""


def workdir_prefix() -> str:
    return f"consolidate-{os.getpid()}-"


def remove_orphaned_workdirs(base: Path | None = None) -> list[Path]:
    """Delete the temporary folders of runs that were killed (ours only, never a live one)."""
    folder = Path(base or tempfile.gettempdir())
    removed: list[Path] = []
    for entry, _ in leftovers_of_dead_runs(folder, _WORKDIR):
        if not entry.is_dir() or entry.is_symlink():
            continue
        try:
            if hasattr(os, "getuid") and entry.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _stop(signum: int, frame: object) -> None:
    raise Interrupted(f"signal {signum}")


def stop_signals_as_interrupts() -> None:
    """For the whole command (called by the CLI): SIGTERM and SIGHUP unwind like Ctrl-C,
    so outputs being written are not left as temporary files."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(number, _stop)


@contextlib.contextmanager
def interrupts_as_exceptions() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `Interrupted` (main thread only), so
    temporary folders and files are removed as on Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            try:
                previous[number] = signal.signal(number, _stop)
            except (OSError, ValueError):
                continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def stop_pool(pool: Any) -> None:
    """Stop a process pool now: pending work cancelled, running workers terminated."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + 3
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()


def watch_parent(parent: int, interval: float = 0.5) -> None:
    """In a worker: leave Ctrl-C to the parent (which stops the pool), and exit when the
    parent is gone — killed with -9, it cannot stop its workers itself."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # inherited from the parent: a worker just ends
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(number, signal.SIG_DFL)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
