"""Writing outputs safely: never over an input or another output, never into the returns
folder, never half-written, and said before the slow work rather than after it."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Consultation


class OutputError(Exception):
    """An output cannot be written where asked; the message says why and what to do."""


@dataclass(frozen=True)
class Output:
    """One file a command will write: where, what it is (for messages), which suffixes fit."""

    path: Path
    what: str
    suffixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Input:
    """A file a command reads and must never overwrite."""

    path: Path
    what: str


def check_outputs(
    outputs: Iterable[Output], inputs: Iterable[Input] = (), returns_dir: Path | None = None
) -> None:
    """Refuse before anything is read or written: an output with the wrong suffix, over an
    input, over another output, inside the returns folder, or in a folder that is missing
    or not writable. A refusal leaves every file as it was."""
    outputs = list(outputs)
    inputs = [i for i in inputs if i.path is not None]
    seen: dict[str, Output] = {}
    for out in outputs:  # the worst mistakes first: one file written twice, an input lost
        key = _identity(out.path)
        if key in seen:
            raise OutputError(
                f"{out.path}: {seen[key].what}和{out.what}不能写到同一个文件，请分别指定不同的文件名"
            )
        seen[key] = out
        for source in inputs:
            if key == _identity(source.path):
                raise OutputError(
                    f"{out.path}: 这是{source.what}（输入文件），不能用{out.what}覆盖它，请换一个输出文件名"
                )
    for out in outputs:
        if out.suffixes and out.path.suffix.lower() not in out.suffixes:
            raise OutputError(f"{out.path}: {out.what}应保存为 {'/'.join(out.suffixes)} 文件，请换一个文件名")
        if returns_dir is not None:
            check_target(out.path, returns_dir)
        check_folder(out.path)
        if out.path.is_dir():
            raise OutputError(f"{out.path}: 这是一个文件夹，请指定文件名")


def _identity(path: Path) -> str:
    """The same file however it is named: resolved, case-folded where the system folds case."""
    resolved = path.resolve()
    try:
        stat = resolved.stat()
        return f"inode:{stat.st_dev}:{stat.st_ino}" if stat.st_ino else os.path.normcase(str(resolved))
    except OSError:
        return os.path.normcase(str(resolved))


def check_folder(target: Path) -> None:
    """The folder an output goes into exists and can be written to."""
    folder = target.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{target}: 所在文件夹 {folder} 不存在，请先创建或换一个位置")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: 没有权限写入文件夹 {folder}，请换一个位置")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{target}: 文件是只读的或没有写入权限，请换一个文件名或修改权限")


def check_target(target: Path, returns_dir: Path) -> None:
    """Refuse a target inside the returns folder: the folder holds only what units sent."""
    resolved = target.resolve()
    folder = returns_dir.resolve()
    if not resolved.parent.is_dir():
        # Said before the run, not after reading every return.
        raise OutputError(f"{target}: 目录不存在 / folder does not exist")
    if resolved == folder or folder in resolved.parents:
        raise OutputError(
            f"{target}: 不能写入意见反馈文件夹（{returns_dir}），请换一个输出位置 / "
            "refusing to write inside the returns folder"
        )


def consultation_inputs(consultation: Consultation) -> list[Input]:
    """The consultation's own files: never overwritten by an output."""
    named = [(consultation.path, "征求意见配置文件"), (consultation.draft_path, "征求意见稿")]
    if consultation.path is not None:
        named.append((consultation.path.parent / "overrides.toml", "人工调整文件"))
    return [Input(path, what) for path, what in named if path is not None]


def check_not_input(target: Path, consultation: Consultation) -> None:
    """Refuse to write over the consultation file or the draft."""
    resolved = _identity(target)
    if any(resolved == _identity(i.path) for i in consultation_inputs(consultation)):
        raise OutputError(f"{target}: 这是输入文件，不能覆盖 / refusing to overwrite an input")


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


def check_digest_outputs(
    output: Path,
    json_path: Path | None,
    ledger_path: Path | None,
    returns_dir: Path,
    consultation: Consultation | None = None,
) -> None:
    """Every file ``digest`` will write, checked against each other, the returns folder and
    (when known) the consultation's files, before anything is read or written."""
    outputs = [Output(output, "汇总表", (".docx",))]
    if json_path is not None:
        outputs.append(Output(json_path, "JSON 结果", (".json",)))
    if ledger_path is not None:
        outputs.append(Output(ledger_path, "处理台账", (".xlsx",)))
    inputs = consultation_inputs(consultation) if consultation is not None else []
    check_outputs(outputs, inputs, returns_dir)
