"""The ``consolidate`` command: parses options, calls the library, prints.

Exit status: 0 the run completed (findings do not change it), 1 it could not (bad
consultation file, unreadable folder, output not writable, decisions missing in the
ledger), 2 usage errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__


def _fail(message: str) -> None:
    click.echo(f"错误 / error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consolidate")
def main() -> None:
    """Consolidate the opinion forms (修改意见表) units returned on a draft.

    \b
    consolidate init LETTER -o DIR        set up a consultation from the letter
    consolidate forms -c FILE -o DIR      pre-filled forms for every unit
    consolidate status RETURNS_DIR        who has and has not replied
    consolidate chase RETURNS_DIR         whom to chase, with a message for each
    consolidate digest RETURNS_DIR        the Word digest for the meeting (+ --ledger)
    consolidate report LEDGER -o FILE     the adoption report from the decisions
    """
    from .console import make_streams_safe
    from .runs import stop_signals_as_interrupts

    make_streams_safe()
    stop_signals_as_interrupts()


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
_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "plain", "markdown"]),
    default=None,
    help="Tables as rich (terminal), plain or markdown text. Default: rich on a terminal, else plain.",
)
_quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
_no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Read every file again instead of reusing results of unchanged files."
)


def _exit_if_strict(result: Any, strict: bool) -> None:
    if strict and any(f.severity == "error" for f in result.findings):
        click.echo("错误 / error: --strict: 存在错误级别的问题 / error findings present", err=True)
        sys.exit(1)


def _load(consultation_path: Path | None, near: Path) -> Any:
    from .consultation import ConsultationError, find_consultation, load_consultation

    path = consultation_path or find_consultation(near)
    if path is None:
        _fail(
            f"在 {near} 及其上级目录中找不到 consultation.toml；请用 -c 指定 / no consultation.toml found, pass -c"
        )
    try:
        return load_consultation(path)
    except ConsultationError as exc:
        _fail(str(exc))


def _run(
    returns_dir: Path, consultation_path: Path | None, show_progress: bool, no_cache: bool = False
) -> Any:
    from .pipeline import ReturnsFolderError, consolidate

    if not returns_dir.is_dir():
        _fail(f"{returns_dir}: 文件夹不存在或不是文件夹 / not a folder")
    consultation = _load(consultation_path, returns_dir)
    try:
        if not show_progress:
            return consolidate(consultation, returns_dir, use_cache=not no_cache)
        from rich.progress import Progress

        with Progress(transient=True, console=_console(to_stderr=True, fmt="rich")) as bar:
            task = bar.add_task("读取反馈文件 / reading returns", total=None)

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            return consolidate(consultation, returns_dir, progress=advance, use_cache=not no_cache)
    except ReturnsFolderError as exc:
        _fail(str(exc))


def _resolve_format(fmt: str | None, to_stderr: bool = False) -> str:
    if fmt:
        return fmt
    stream = sys.stderr if to_stderr else sys.stdout
    return "rich" if stream.isatty() else "plain"


def _console(to_stderr: bool, fmt: str = "rich") -> Any:
    from rich.console import Console

    # rich honours NO_COLOR; plain output never has colour or box drawing.
    return Console(stderr=to_stderr, soft_wrap=False, no_color=fmt != "rich", highlight=False)


def _summary(result: Any, fmt: str, to_stderr: bool, verbose: bool) -> None:
    if fmt == "rich":
        from .render.terminal import print_summary

        print_summary(result, _console(to_stderr, fmt), show_info=verbose)
    else:
        from .render.text import summary_text

        click.echo(summary_text(result, markdown=fmt == "markdown", show_info=verbose), err=to_stderr)


def _progress_wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


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
@click.option(
    "--ledger",
    "ledger_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write (or update, keeping decisions) the decision ledger .xlsx.",
)
@_format_option
@_verbose_option
@_quiet_option
@_strict_option
@_no_cache_option
def digest(
    returns_dir: Path,
    consultation_path: Path | None,
    output: Path,
    json_path: str | None,
    ledger_path: Path | None,
    fmt: str | None,
    verbose: bool,
    quiet: bool,
    strict: bool,
    no_cache: bool,
) -> None:
    """Read every return in RETURNS_DIR; print a summary and write the Word digest."""
    from .ledger import LedgerError, check_ledger_path
    from .outputs import OutputError, check_digest_outputs, write_atomically

    to_stderr = json_path == "-"
    json_file = Path(json_path) if json_path and json_path != "-" else None
    try:
        check_digest_outputs(output, json_file, ledger_path, returns_dir)
        if ledger_path:
            check_ledger_path(ledger_path)
    except (OutputError, LedgerError) as exc:
        _fail(f"{exc}（未写入任何文件）")
    result = _run(returns_dir, consultation_path, _progress_wanted(quiet), no_cache)
    try:
        check_digest_outputs(output, json_file, ledger_path, returns_dir, result.consultation)
    except OutputError as exc:
        _fail(f"{exc}（未写入任何文件）")
    fmt = _resolve_format(fmt, to_stderr)
    if not quiet:
        _summary(result, fmt, to_stderr, verbose)

    from .ledger import update_ledger
    from .render.digest_docx import write_digest
    from .render.json_out import to_json, write_json

    update = None
    try:
        write_atomically(output, lambda temp: write_digest(result, temp))
        if json_path == "-":
            click.echo(to_json(result), nl=False)
        elif json_path:
            write_atomically(Path(json_path), lambda temp: write_json(result, temp))
        if ledger_path:
            update = update_ledger(result, ledger_path)
    except OutputError as exc:
        _fail(str(exc))
    except LedgerError as exc:
        _fail(f"{exc}（台账未改动 / ledger left unchanged）")
    if not quiet:
        say = lambda line: click.echo(line, err=to_stderr)  # noqa: E731
        say(f"\n已写入汇总表 / digest written: {output}")
        if json_path and json_path != "-":
            say(f"已写入 JSON / JSON written: {json_path}")
        if update is not None:
            say(f"已写入处理台账 / ledger written: {ledger_path}（保留已填处理意见 {update.carried} 条）")
            for note in update.notes:
                say(f"  {note}")
    _exit_if_strict(result, strict)


@main.command()
@click.argument("returns_dir", type=click.Path(file_okay=False, path_type=Path))
@_consultation_option
@_format_option
@_verbose_option
@_strict_option
def status(
    returns_dir: Path, consultation_path: Path | None, fmt: str | None, verbose: bool, strict: bool
) -> None:
    """Print who has and has not replied; write nothing."""
    result = _run(returns_dir, consultation_path, _progress_wanted(False))
    _summary(result, _resolve_format(fmt), False, verbose)
    _exit_if_strict(result, strict)


@main.command()
@click.argument("returns_dir", type=click.Path(file_okay=False, path_type=Path))
@_consultation_option
@_format_option
def chase(returns_dir: Path, consultation_path: Path | None, fmt: str | None) -> None:
    """List the units to chase (no reply, or a reply that needs review) with a message for each."""
    from .chase import chase_list, notice_text
    from .render.text import table_text

    result = _run(returns_dir, consultation_path, _progress_wanted(False))
    items = chase_list(result)
    fmt = _resolve_format(fmt)
    if not items:
        click.echo("所有单位均已反馈且内容可读。/ Every unit has replied.")
        return
    contacts = "；".join(" ".join(x for x in (p.name, p.phone) if x) for p in result.consultation.contacts)
    rows = [[n, i.unit.name, i.unit.group, "未反馈" if i.status == "missing" else "待核实", i.why]
            for n, i in enumerate(items, start=1)]  # fmt: skip
    headers = ["序号", "单位", "分组", "情况", "说明"]
    if fmt == "rich":
        from rich.table import Table

        table = Table(title=f"需要催报的单位（{len(items)}个）", header_style="bold")
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*(str(x) for x in row))
        _console(False).print(table)
    else:
        click.echo(f"需要催报的单位（{len(items)}个）\n")
        click.echo(table_text(headers, rows, markdown=fmt == "markdown"))
    if contacts:
        click.echo(f"\n联系人：{contacts}")
    click.echo("\n催报通知（可直接复制发送）：\n")
    for item in items:
        click.echo(notice_text(item, result) + "\n")


@main.command()
@click.argument("ledger", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("采纳情况说明.docx"),
    show_default=True,
    help="Adoption report to write.",
)
@click.option(
    "--per-unit",
    "per_unit",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write each unit a feedback letter (反馈函) into this folder.",
)
@click.option(
    "--date", "date_text", metavar="YYYY-MM-DD", help="Date to sign the papers with (default: today)."
)
def report(ledger: Path, output: Path, per_unit: Path | None, date_text: str | None) -> None:
    """Write the adoption report (意见采纳情况说明) from the decisions in LEDGER."""
    from .ledger import LedgerError, read_ledger, read_summary
    from .outputs import Input, Output, OutputError, check_outputs, write_atomically
    from .render.report_docx import write_report, write_unit_letters
    from .report import check_decisions

    try:
        check_outputs([Output(output, "采纳情况说明", (".docx",))], [Input(ledger, "处理台账")])
    except OutputError as exc:
        _fail(f"{exc}（未写入任何文件）")
    try:
        rows = read_ledger(ledger)
        summary = read_summary(ledger)
    except LedgerError as exc:
        _fail(str(exc))
    problems = check_decisions(rows)
    if problems:
        click.echo(f"错误 / error: 台账中有 {len(problems)} 条意见的处理意见不完整，未生成说明：", err=True)
        for p in problems:
            click.echo(f"  第{p.row}行 {p.id} {p.unit}：{p.message}", err=True)
        click.echo(
            "请在“处理意见”列选择 采纳/部分采纳/不采纳/已吸收，部分采纳和不采纳须在“说明”列写明理由。",
            err=True,
        )
        sys.exit(1)
    try:
        today = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--date") from None
    try:
        write_atomically(output, lambda temp: write_report(rows, summary, temp, today))
    except OutputError as exc:
        _fail(str(exc))
    click.echo(f"已写入采纳情况说明 / report written: {output}")
    if per_unit:
        letters = write_unit_letters(rows, summary, per_unit, today)
        click.echo(f"已写入 {len(letters)} 份反馈函 / letters written: {per_unit}")


@main.command()
@click.argument("letter", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for consultation.toml and draft.docx.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing consultation.toml.")
def init(letter: Path, folder: Path, force: bool) -> None:
    """Set up a consultation from LETTER (the letter as sent, .docx or .txt)."""
    from .letter import LetterError, consultation_toml, parse_letter, read_letter_lines, write_draft_docx

    parsed = parse_letter(read_letter_lines(letter))
    try:
        text = consultation_toml(parsed)
    except LetterError as exc:
        _fail(str(exc))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "consultation.toml"
    if target.exists() and not force:
        _fail(f"{target} 已存在；加 --force 覆盖 / exists, use --force")
    target.write_text(text, encoding="utf-8")
    if parsed.draft_lines:
        write_draft_docx(parsed, folder / "draft.docx")
    click.echo(f"已写入 {target}：{parsed.title}，{parsed.reference}，截止 {parsed.deadline:%Y-%m-%d %H:%M}，"
               f"征求意见单位 {len(parsed.units)} 个，联系人 {len(parsed.contacts)} 人")  # fmt: skip
    for note in parsed.notes:
        click.echo(f"注意：{note}")
    (folder / "returns").mkdir(exist_ok=True)
    click.echo(
        f"请把收到的反馈文件放入 {folder / 'returns'}，然后运行 consolidate digest {folder / 'returns'}"
    )


@main.command()
@_consultation_option
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("forms"),
    show_default=True,
    help="Folder for the forms.",
)
def forms(consultation_path: Path | None, folder: Path) -> None:
    """Write every unit a pre-filled Annex-3 form (.docx and .xlsx) with its name in the header."""
    from .render.forms import write_forms

    consultation = _load(consultation_path, Path.cwd())
    written = write_forms(consultation, folder)
    click.echo(f"已为 {len(consultation.units)} 个单位写入 {len(written)} 份修改意见表：{folder}")


if __name__ == "__main__":  # pragma: no cover
    main()
