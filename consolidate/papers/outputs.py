"""Writing outputs safely: never over an input or another output, never into the returns
folder, never half-written, and said before the slow work rather than after it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from consolidate.documents.writing import OutputError
from consolidate.model import Consultation


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
