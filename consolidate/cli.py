"""The ``consolidate`` command: parses options, calls the library, prints.

Exit status: 0 the run completed (findings do not change it), 1 it could not (bad
consultation file, unreadable folder, output not writable), 2 usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


def _fail(message: str) -> None:
    click.echo(f"错误 / error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consolidate")
def main() -> None:
    """Consolidate the opinion forms (修改意见表) units returned on a draft.

    Run `consolidate digest RETURNS_DIR` on the folder where the returns were saved.
    """


_consultation_option = click.option(
    "-c",
    "--consultation",
    "consultation_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="consultation.toml (default: the nearest one in RETURNS_DIR or its parents).",
)
_verbose_option = click.option("-v", "--verbose", is_flag=True, help="Also list informational findings.")
_strict_option = click.option(
    "--strict", is_flag=True, help="Exit with status 1 when any finding is an error (for scripted use)."
)


def _exit_if_strict(result, strict: bool) -> None:
    if strict and any(f.severity == "error" for f in result.findings):
        click.echo("错误 / error: --strict: 存在错误级别的问题 / error findings present", err=True)
        sys.exit(1)


def _run(returns_dir: Path, consultation_path: Path | None):
    from .consultation import ConsultationError, find_consultation, load_consultation
    from .pipeline import ReturnsFolderError, consolidate

    if not returns_dir.is_dir():
        _fail(f"{returns_dir}: 文件夹不存在或不是文件夹 / not a folder")
    path = consultation_path or find_consultation(returns_dir)
    if path is None:
        _fail(
            f"在 {returns_dir} 及其上级目录中找不到 consultation.toml；请用 -c 指定 / "
            "no consultation.toml found, pass -c"
        )
    try:
        consultation = load_consultation(path)
        return consolidate(consultation, returns_dir)
    except (ConsultationError, ReturnsFolderError) as exc:
        _fail(str(exc))


def _console(to_stderr: bool):
    from rich.console import Console

    return Console(stderr=to_stderr, soft_wrap=False)


@main.command()
@click.argument("returns_dir", type=click.Path(file_okay=False, path_type=Path))
@_consultation_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("digest.docx"),
    show_default=True,
    help="Word digest to write.",
)
@click.option("--json", "json_path", metavar="PATH|-", help="Also write the result as JSON ('-' for stdout).")
@_verbose_option
@_strict_option
def digest(
    returns_dir: Path,
    consultation_path: Path | None,
    output: Path,
    json_path: str | None,
    verbose: bool,
    strict: bool,
) -> None:
    """Read every return in RETURNS_DIR; print a summary and write the Word digest."""
    from .outputs import OutputError, check_not_input, check_target, write_atomically
    from .render.terminal import print_summary

    targets = [output] + ([Path(json_path)] if json_path and json_path != "-" else [])
    try:
        for target in targets:
            check_target(target, returns_dir)
    except OutputError as exc:
        _fail(str(exc))
    result = _run(returns_dir, consultation_path)
    try:
        for target in targets:
            check_not_input(target, result.consultation)
    except OutputError as exc:
        _fail(str(exc))
    console = _console(to_stderr=json_path == "-")
    print_summary(result, console, show_info=verbose)

    from .render.digest_docx import write_digest
    from .render.json_out import to_json

    try:
        write_atomically(output, lambda temp: write_digest(result, temp))
        if json_path == "-":
            click.echo(to_json(result), nl=False)
        elif json_path:
            text = to_json(result)
            write_atomically(Path(json_path), lambda temp: temp.write_text(text, encoding="utf-8"))
    except OutputError as exc:
        _fail(str(exc))
    console.print(f"\n已写入汇总表 / digest written: {output}")
    if json_path and json_path != "-":
        console.print(f"已写入 JSON / JSON written: {json_path}")
    _exit_if_strict(result, strict)


@main.command()
@click.argument("returns_dir", type=click.Path(file_okay=False, path_type=Path))
@_consultation_option
@_verbose_option
@_strict_option
def status(returns_dir: Path, consultation_path: Path | None, verbose: bool, strict: bool) -> None:
    """Print who has and has not replied; write nothing."""
    from .render.terminal import print_summary

    result = _run(returns_dir, consultation_path)
    print_summary(result, _console(to_stderr=False), show_info=verbose)
    _exit_if_strict(result, strict)


if __name__ == "__main__":  # pragma: no cover
    main()
