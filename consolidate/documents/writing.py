"""Writing a file so that no crash, kill or open copy in Word ever leaves half of it: a
temporary file beside the target, renamed into place, and the leftovers of killed runs
cleaned by the next run."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from consolidate.errors import ConsolidateError


class OutputError(ConsolidateError):
    """An output cannot be written where asked; the message says why and what to do."""


TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    """``.NAME.PID.`` — the process id lets a later run tell an orphan from a live write."""
    return f".{target.name}.{os.getpid()}."


def write_atomically(
    target: Path, write: Callable[[Path], None], before_replace: Callable[[], None] | None = None
) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then rename it into place,
    so an interrupted run or a digest open in Word never leaves a half-written file.

    ``before_replace`` runs last, just before the rename; raising there (e.g. the ledger
    changed meanwhile) leaves ``target`` untouched.
    """
    folder = target.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{target}: 目录不存在 / folder does not exist")
    remove_orphans(folder, target.name)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: 无法在 {folder} 中写入（{exc.strerror or exc}），请换一个位置") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        write(temp)
        # mkstemp makes the file private (0600); give it the mode a new file would get.
        os.chmod(temp, _existing_mode(target) or (0o666 & ~_umask()))
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    except PermissionError as exc:
        raise OutputError(
            f"{target}: 无法写入（文件可能正在 Word/WPS 中打开，请关闭后重试）/ not writable ({exc})"
        ) from exc
    except OSError as exc:
        raise OutputError(f"{target}: 无法写入 / cannot write ({exc})") from exc
    finally:
        temp.unlink(missing_ok=True)


_ORPHAN = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
ORPHAN_AGE = 24 * 3600  # where a process cannot be asked whether it lives


def remove_orphans(folder: Path, name: str | None = None) -> list[Path]:
    """Delete temporary files a killed run left beside its outputs (only ours, only dead)."""
    removed: list[Path] = []
    for entry, match in leftovers_of_dead_runs(folder, _ORPHAN):
        if name is not None and match["name"] != name:
            continue
        try:
            entry.unlink()
            removed.append(entry)
        except OSError:
            continue
    return removed


def leftovers_of_dead_runs(folder: Path, pattern: re.Pattern[str]) -> Iterator[tuple[Path, re.Match[str]]]:
    """Entries of ``folder`` named by ``pattern`` (whose ``pid`` group names the run that made
    them) and whose run is no longer alive: what a killed run left for the next to clean."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match and not process_alive(int(match["pid"]), entry):
            yield entry, match


def process_alive(pid: int, made: Path | None = None) -> bool:
    """Whether the process that made a temporary file may still be writing it."""
    if pid == os.getpid():
        return True
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    # Elsewhere os.kill would terminate the process: judge by age instead.
    try:
        return made is None or time.time() - made.stat().st_mtime < ORPHAN_AGE
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _existing_mode(target: Path) -> int | None:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return None
