"""Writing outputs safely: never into the returns folder, never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .model import Consultation


class OutputError(Exception):
    """An output cannot be written where asked; the message says why and what to do."""


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


def check_not_input(target: Path, consultation: Consultation) -> None:
    """Refuse to write over the consultation file or the draft."""
    inputs = [consultation.path, consultation.draft_path]
    if consultation.path is not None:
        inputs.append(consultation.path.parent / "overrides.toml")
    resolved = target.resolve()
    if any(path is not None and resolved == path.resolve() for path in inputs):
        raise OutputError(f"{target}: 这是输入文件，不能覆盖 / refusing to overwrite an input")


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then rename it into place,
    so an interrupted run or a digest open in Word never leaves a half-written file."""
    folder = target.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{target}: 目录不存在 / folder does not exist")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(temp_name)
    try:
        write(temp)
        # mkstemp makes the file private (0600); give it the mode a new file would get.
        os.chmod(temp, _existing_mode(target) or (0o666 & ~_umask()))
        os.replace(temp, target)
    except PermissionError as exc:
        raise OutputError(
            f"{target}: 无法写入（文件可能正在 Word/WPS 中打开，请关闭后重试）/ not writable ({exc})"
        ) from exc
    except OSError as exc:
        raise OutputError(f"{target}: 无法写入 / cannot write ({exc})") from exc
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _existing_mode(target: Path) -> int | None:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return None
