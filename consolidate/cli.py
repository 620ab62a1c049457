"""The ``consolidate`` command: parses options, calls the library, prints.

Exit status: 0 the run completed (findings do not change it), 1 it could not (bad
consultation file, unreadable folder, output not writable, decisions missing in the
ledger), 2 usage errors.

The library comes only through the package face (``import consolidate as api``), whose
names load their modules on first use, so ``consolidate --help`` never waits for lxml or
python-docx. Every error the library raises about the clerk's files is a
`consolidate.ConsolidateError`; `_Commands.invoke` turns it into "错误：…" and status 1 in
one place, so a command only says what it adds (e.g. that nothing was written yet).

Everything it prints is Chinese unless English is asked for (see `consolidate.i18n`):
help texts are chosen when this module is imported, messages when they are printed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

import consolidate as api
from consolidate.i18n import Group, install_click_catalogue, t

install_click_catalogue()

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

#: appended to a refusal that came before any output was touched
NOTHING_WRITTEN = "（未写入任何文件）"


def _english_only(text: str) -> str | None:
    """A command's English help; in Chinese click falls back to the command's docstring."""
    return t("", text) or None


def _error_line(message: str) -> str:
    return t(f"错误：{message}", f"error: {message}")


#: what the operating system's refusals mean, for an OSError that names a file
_OS_REASONS = {
    errno.ENOENT: ("不存在", "does not exist"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "permission denied"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "part of the path is a file, not a folder"),
    errno.EISDIR: ("这是文件夹，不是文件", "is a folder, not a file"),
    errno.EEXIST: ("已存在", "already exists"),
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EROFS: ("所在磁盘只读", "read-only file system"),
}


class _Commands(Group):
    """The command group; the one place a library error becomes a message and status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except api.ConsolidateError as exc:
            click.echo(_error_line(str(exc)), err=True)
            ctx.exit(1)
        except OSError as exc:
            # A folder that cannot be made or a file that cannot be written, named by the
            # system: the clerk gets the name and the reason, not a traceback. A broken
            # pipe (output piped into `head`) is click's to handle, and an OSError naming
            # no file is a bug to report, so both go on.
            if exc.errno == errno.EPIPE or exc.filename is None:
                raise
            zh, en = _OS_REASONS.get(exc.errno or 0, (exc.strerror or str(exc),) * 2)
            click.echo(_error_line(t(f"{exc.filename}：{zh}", f"{exc.filename}: {en}")), err=True)
            ctx.exit(1)


@contextlib.contextmanager
def _adding(note: str) -> Iterator[None]:
    """Add to a library error what only the command knows, e.g. that nothing was written yet."""
    try:
        yield
    except api.ConsolidateError as exc:
        raise api.ConsolidateError(f"{exc}{note}") from exc


def _options(*decorators: Callable[[Decorated], Decorated]) -> Callable[[Decorated], Decorated]:
    """Several click decorators as one, listed in the order ``--help`` shows them."""

    def apply(command: Decorated) -> Decorated:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


# ---------------------------------------------------------------- options shared by the commands

_FILE = click.Path(dir_okay=False, path_type=Path)
_EXISTING_FILE = click.Path(dir_okay=False, exists=True, path_type=Path)
_FOLDER = click.Path(file_okay=False, path_type=Path)


def _input_argument(name: str, zh: str, en: str) -> Callable[[Decorated], Decorated]:
    """A file the command reads, which must exist (explained in the command's own help)."""
    return click.argument(name, type=_EXISTING_FILE, metavar=t(zh, en))


def _consultation_option(near_zh: str, near_en: str) -> Callable[[Decorated], Decorated]:
    return click.option(
        "-c",
        "--consultation",
        "consultation_path",
        type=_FILE,
        metavar=t("配置文件", "FILE"),
        help=t(
            f"征求意见配置文件 consultation.toml（缺省：在{near_zh}及其上级文件夹中找）。",
            f"consultation.toml (default: the nearest one in {near_en} or its parents).",
        ),
    )


def _output_option(
    zh: str, en: str, default: Path | None = None, folder: bool = False
) -> Callable[[Decorated], Decorated]:
    """``-o``: the file (or, for ``folder``, the folder) the command writes."""
    return click.option(
        "-o",
        "--output",
        *(["folder"] if folder else []),
        type=_FOLDER if folder else _FILE,
        default=default,
        show_default=default is not None,
        metavar=t("文件夹", "DIR") if folder else t("文件", "FILE"),
        help=t(zh, en),
    )


_reading_returns = _options(
    click.argument("returns_dir", type=_FOLDER, metavar=t("反馈文件夹", "RETURNS_DIR")),
    _consultation_option("反馈文件夹", "RETURNS_DIR"),
)
_verbose_option = click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help=t("同时列出提示级别的信息和每个单位的文件名。", "Also list informational findings and file names."),
)
_strict_option = click.option(
    "--strict",
    is_flag=True,
    help=t(
        "有任何“错误”级别的问题时以状态 1 退出（供脚本使用）。",
        "Exit with status 1 when any finding is an error (for scripted use).",
    ),
)
_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "plain", "markdown"]),
    default=None,
    help=t(
        "表格样式：rich（终端）、plain（纯文本）或 markdown。缺省：终端用 rich，否则用 plain。",
        "Tables as rich (terminal), plain or markdown text. Default: rich on a terminal, else plain.",
    ),
)
_json_option = click.option(
    "--json",
    "json_path",
    metavar=t("文件|-", "PATH|-"),
    help=t(
        "同时把结果写成 JSON 文件；写 - 则输出到屏幕（终端汇总改到标准错误）。",
        "Also write the result as JSON ('-' for stdout).",
    ),
)
_quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help=t("只输出错误。", "Print nothing but errors.")
)
_no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help=t(
        "不用缓存，重新读取每个文件（缺省时未改动的文件沿用上次读取的结果）。",
        "Read every file again instead of reusing results of unchanged files.",
    ),
)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=t(
        """汇总各单位反馈的修改意见表，写出按条款归类的修改意见汇总表。

        \b
        consolidate init 来函 -o 文件夹        从征求意见函生成配置文件和 returns 文件夹
        consolidate forms -c 配置文件 -o 文件夹  为每个单位生成预填单位名称的修改意见表
        consolidate status 反馈文件夹          查看哪些单位已反馈、哪些未反馈
        consolidate chase 反馈文件夹           需要催报的单位和催报通知
        consolidate digest 反馈文件夹          会议用修改意见汇总表（加 --ledger 写处理台账）
        consolidate report 台账 -o 文件        会后根据台账写出意见采纳情况说明
        consolidate compare 原稿 修改稿 --ledger 台账  修改对照表，并核对采纳的意见是否已体现

        每个命令的详细用法：consolidate 命令 --help。英文界面：设置环境变量 CONSOLIDATE_LANG=en。
        """,
        """Consolidate the opinion forms (修改意见表) units returned on a draft.

        \b
        consolidate init LETTER -o DIR        set up a consultation from the letter
        consolidate forms -c FILE -o DIR      pre-filled forms for every unit
        consolidate status RETURNS_DIR        who has and has not replied
        consolidate chase RETURNS_DIR         whom to chase, with a message for each
        consolidate digest RETURNS_DIR        the Word digest for the meeting (+ --ledger)
        consolidate report LEDGER -o FILE     the adoption report from the decisions
        consolidate compare OLD NEW --ledger LEDGER  the 修改对照表, with the decisions checked

        Chinese is the default; CONSOLIDATE_LANG=zh forces it, CONSOLIDATE_LANG=en or an en_* locale gives English.
        """,
    ),
)
@click.version_option(api.__version__, "-V", "--version", prog_name="consolidate")
def main() -> None:
    # SIGTERM and SIGHUP unwind like Ctrl-C, so no output is left half-written. (Streams that
    # cannot encode a character print "?" instead: i18n.Group.main sees to that.)
    api.stop_signals_as_interrupts()


# ---------------------------------------------------------------- the run, and its summary


def _exit_if_strict(result: Any, strict: bool) -> None:
    if strict and any(f.severity == "error" for f in result.findings):
        click.echo(
            _error_line(t("--strict：存在“错误”级别的问题", "--strict: error findings present")), err=True
        )
        sys.exit(1)


def _load(consultation_path: Path | None, near: Path) -> Any:
    path = consultation_path or api.find_consultation(near)
    if path is None:
        raise api.ConsolidateError(
            t(
                f"在 {near} 及其上级文件夹中找不到 consultation.toml：请用 -c 指定配置文件，"
                "或先用 consolidate init 从征求意见函生成",
                f"no consultation.toml in {near} or its parents: pass -c, or create one with consolidate init",
            )
        )
    return api.load_consultation(path)


def _run(
    returns_dir: Path,
    consultation_path: Path | None,
    show_progress: bool,
    no_cache: bool = False,
    previous: Path | None = None,
) -> Any:
    if not returns_dir.is_dir():
        raise api.ConsolidateError(
            t(f"{returns_dir}：文件夹不存在或不是文件夹，请检查路径", f"{returns_dir}: not a folder")
        )
    consultation = _load(consultation_path, returns_dir)
    if not show_progress:
        return api.consolidate(consultation, returns_dir, use_cache=not no_cache, previous=previous)
    from rich.progress import Progress

    with Progress(transient=True, console=_console(to_stderr=True, fmt="rich")) as bar:
        task = bar.add_task(t("读取反馈文件", "reading returns"), total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return api.consolidate(
            consultation, returns_dir, progress=advance, use_cache=not no_cache, previous=previous
        )


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
        api.print_summary(result, _console(to_stderr, fmt), show_info=verbose)
    else:
        text = api.summary_text(result, markdown=fmt == "markdown", show_info=verbose)
        click.echo(text, err=to_stderr)


def _progress_wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


# ---------------------------------------------------------------- digest


@main.command(
    short_help=t("读取全部反馈，写出修改意见汇总表（Word）", "read every return, write the Word digest"),
    help=_english_only("Read every return in RETURNS_DIR; print a summary and write the Word digest."),
)
@_reading_returns
@_output_option(
    "要写出的 Word 修改意见汇总表（不能写进反馈文件夹）。",
    "Word digest to write (not into RETURNS_DIR).",
    default=Path("digest.docx"),
)
@_json_option
@click.option(
    "--ledger",
    "ledger_path",
    type=_FILE,
    metavar=t("台账.xlsx", "LEDGER.xlsx"),
    help=t(
        "同时写出处理台账 .xlsx；台账已存在时更新它，保留已填写的处理意见。",
        "Also write (or update, keeping decisions) the decision ledger .xlsx.",
    ),
)
@_format_option
@_verbose_option
@_quiet_option
@_strict_option
@_no_cache_option
@click.option(
    "--previous",
    "previous_path",
    type=_EXISTING_FILE,
    metavar=t("上一轮台账", "LEDGER"),
    help=t(
        "第二轮征求意见时，上一轮的处理台账（.xlsx）：注明每条意见在上一轮是否已提出及其处理意见；"
        '也可在 consultation.toml 中写 previous = "…"。',
        "In a second round, the earlier round's ledger (.xlsx): each repeated opinion carries its earlier "
        'decision; or set previous = "…" in consultation.toml.',
    ),
)
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
    previous_path: Path | None,
) -> None:
    """读取反馈文件夹中的每个文件，显示反馈情况，写出 Word 修改意见汇总表。"""
    to_stderr = json_path == "-"
    json_file = Path(json_path) if json_path and json_path != "-" else None
    _check_digest_targets(returns_dir, output, json_file, ledger_path, previous_path)
    result = _run(returns_dir, consultation_path, _progress_wanted(quiet), no_cache, previous_path)
    with _adding(NOTHING_WRITTEN):  # now also against the files the consultation names
        api.check_digest_outputs(output, json_file, ledger_path, returns_dir, result.consultation)
    if not quiet:
        _summary(result, _resolve_format(fmt, to_stderr), to_stderr, verbose)
    if _progress_wanted(quiet):
        click.echo(t("正在写出汇总表…", "writing the outputs…"), err=True)
    update = _write_digest_outputs(result, output, json_path, ledger_path)
    if not quiet:
        _say_digest_written(output, json_path if json_file else None, ledger_path, update, to_stderr)
    _exit_if_strict(result, strict)


def _check_digest_targets(
    returns_dir: Path, output: Path, json_file: Path | None, ledger: Path | None, previous: Path | None
) -> None:
    """Refuse bad outputs before the slow reading of every return."""
    with _adding(NOTHING_WRITTEN):
        api.check_digest_outputs(output, json_file, ledger, returns_dir)
        if ledger:
            api.check_ledger_path(ledger)
    if previous and ledger and previous.resolve() == ledger.resolve():
        raise api.ConsolidateError(
            t("上一轮台账不能同时作为本轮台账：请用 --ledger 指定一个新文件（未写入任何文件）",
              "the earlier round's ledger cannot be this round's ledger: give --ledger a new file")
        )  # fmt: skip


def _write_digest_outputs(result: Any, output: Path, json_path: str | None, ledger: Path | None) -> Any:
    """Write the digest, the JSON and the ledger; the ledger's update (what was kept), if any."""
    api.write_atomically(output, lambda temp: api.write_digest(result, temp))
    if json_path == "-":
        click.echo(api.to_json(result), nl=False)
    elif json_path:
        api.write_atomically(Path(json_path), lambda temp: api.write_json(result, temp))
    if not ledger:
        return None
    with _adding(t("（台账未改动）", " (ledger left unchanged)")):
        return api.update_ledger(result, ledger)


def _say_digest_written(
    output: Path, json_written: str | None, ledger: Path | None, update: Any, to_stderr: bool
) -> None:
    """Name what was written (the JSON as the clerk typed it), and what the ledger kept."""

    def say(line: str) -> None:
        click.echo(line, err=to_stderr)

    say(t(f"\n已写入修改意见汇总表：{output}", f"\ndigest written: {output}"))
    if json_written:
        say(t(f"已写入 JSON：{json_written}", f"JSON written: {json_written}"))
    if update is not None:
        say(t(f"已写入处理台账：{ledger}（保留已填处理意见 {update.carried} 条）",
              f"ledger written: {ledger} ({update.carried} decisions kept)"))  # fmt: skip
        for note in update.notes:
            say(f"  {note}")


# ---------------------------------------------------------------- status and chase


@main.command(
    short_help=t("查看反馈情况（不写文件）", "who has and has not replied (writes nothing)"),
    help=_english_only("Print who has and has not replied; write nothing."),
)
@_reading_returns
@_format_option
@_verbose_option
@_strict_option
@_no_cache_option
def status(
    returns_dir: Path,
    consultation_path: Path | None,
    fmt: str | None,
    verbose: bool,
    strict: bool,
    no_cache: bool,
) -> None:
    """显示哪些单位已反馈、哪些未反馈、哪些需要核实；不写任何文件。"""
    result = _run(returns_dir, consultation_path, _progress_wanted(False), no_cache)
    _summary(result, _resolve_format(fmt), False, verbose)
    _exit_if_strict(result, strict)


@main.command(
    short_help=t("需要催报的单位和催报通知", "whom to chase, with a message for each"),
    help=_english_only(
        "List the units to chase (no reply, or a reply that needs review) with a message for each."
    ),
)
@_reading_returns
@_format_option
@_output_option(
    "同时把催报通知写入文件：.docx（公文格式）或 .txt。",
    "Also write the notices to FILE: .docx (official layout) or .txt.",
)
@click.option(
    "--single/--each",
    default=False,
    help=t(
        "与 -o 同用：--single 写成一份名单，--each 每个单位一份通知（默认）。",
        "With -o: a single list of the units, or one notice per unit (default).",
    ),
)
def chase(
    returns_dir: Path, consultation_path: Path | None, fmt: str | None, output: Path | None, single: bool
) -> None:
    """列出需要催报的单位（未反馈，或反馈需要核实），并为每个单位拟好催报通知。"""
    if output is not None:
        if output.suffix.lower() not in (".docx", ".txt"):
            raise click.BadParameter("use a .docx or .txt file", param_hint="-o")
        api.check_target(output, returns_dir)
    result = _run(returns_dir, consultation_path, _progress_wanted(False))
    items = api.chase_list(result)
    fmt = _resolve_format(fmt)
    if not items:
        click.echo(t("所有单位均已反馈且内容可读，无需催报。", "Every unit has replied; nobody to chase."))
        if output is not None:
            click.echo(t(f"无需催报，未写入 {output}", f"nothing to chase; {output} not written"))
        return
    contacts = "；".join(" ".join(x for x in (p.name, p.phone) if x) for p in result.consultation.contacts)
    rows = [[n, i.unit.name, i.unit.group, api.status_word(i), i.why]
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
        click.echo(api.table_text(headers, rows, markdown=fmt == "markdown"))
    if contacts:
        click.echo(f"\n联系人：{contacts}")
    click.echo("\n催报通知（可直接复制发送）：\n")
    for item in items:
        click.echo(api.notice_text(item, result) + "\n")
    if output is not None:
        _write_notices(items, result, output, single)
        click.echo(f"已写入催报通知 / notices written: {output}")


def _write_notices(items: list[Any], result: Any, output: Path, single: bool) -> None:
    def write(temp: Path) -> None:
        if output.suffix.lower() == ".txt":
            temp.write_text(api.notices_text(items, result, single), encoding="utf-8")
        else:
            api.write_notices(items, result, temp, single, dt.date.today())

    api.write_atomically(output, write)


# ---------------------------------------------------------------- after the meeting: report


@main.command(
    short_help=t("根据台账写出意见采纳情况说明", "the adoption report from the ledger"),
    help=_english_only(
        "Write the adoption report (意见采纳情况说明) from the decisions in LEDGER (written by digest --ledger)."
    ),
)
@_input_argument("ledger", "台账", "LEDGER")
@_output_option(
    "要写出的意见采纳情况说明（Word）。", "Adoption report to write.", default=Path("采纳情况说明.docx")
)
@click.option(
    "--per-unit",
    "per_unit",
    type=_FOLDER,
    metavar=t("文件夹", "DIR"),
    help=t(
        "同时为每个提出意见的单位写一份反馈函，放在这个文件夹中。",
        "Also write each unit a feedback letter (反馈函) into this folder.",
    ),
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help=t("落款日期（缺省：今天）。", "Date to sign the papers with (default: today)."),
)
@click.option(
    "--revised",
    "revised_path",
    type=_EXISTING_FILE,
    metavar=t("修改稿", "NEW_DRAFT"),
    help=t(
        "修改稿（.docx、.doc/.wps 或 .txt）：把修改对照表作为附件2附在说明后。",
        "The revised draft: append the 修改对照表 as a second annex.",
    ),
)
@click.option(
    "--draft",
    "draft_path",
    type=_EXISTING_FILE,
    metavar=t("征求意见稿", "OLD_DRAFT"),
    help=t(
        "与 --revised 同用：征求意见稿；缺省时用台账所在文件夹（或上级）的 consultation.toml 中的 draft。",
        "With --revised: the consulted draft; default: the draft of the consultation.toml near the ledger.",
    ),
)
def report(
    ledger: Path,
    output: Path,
    per_unit: Path | None,
    date_text: str | None,
    revised_path: Path | None,
    draft_path: Path | None,
) -> None:
    """根据台账中填写的处理意见，写出意见采纳情况说明（台账由 digest --ledger 生成）。"""
    with _adding(NOTHING_WRITTEN):
        api.check_outputs([api.Output(output, "采纳情况说明", (".docx",))], [api.Input(ledger, "处理台账")])
    contents = api.read_ledger_contents(ledger)
    rows, summary = list(contents.rows), contents.summary
    _exit_if_undecided(rows)
    try:
        today = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        raise click.BadParameter(
            t("请写成 年-月-日，如 2023-04-10", "use YYYY-MM-DD"), param_hint="--date"
        ) from None
    revision = _revision_for_report(rows, ledger, revised_path, draft_path) if revised_path else None
    api.write_atomically(output, lambda temp: api.write_report(rows, summary, temp, today, revision))
    click.echo(t(f"已写入意见采纳情况说明：{output}", f"report written: {output}"))
    if revision is not None:
        unshown = [f for f in revision.findings if f.severity != "info"]
        click.echo(t("已附修改对照表（附件2）。", "the 修改对照表 is appended as annex 2."))
        if unshown:
            click.echo(
                t(f"核对处理意见，有{len(unshown)}处需要注意：", f"{len(unshown)} decisions to check:")
            )
        for finding in unshown:
            click.echo(f"  {finding.message}")
    if per_unit:
        letters = api.write_unit_letters(rows, summary, per_unit, today)
        click.echo(
            t(f"已写入 {len(letters)} 份反馈函：{per_unit}", f"{len(letters)} letters written: {per_unit}")
        )


def _exit_if_undecided(rows: list[Any]) -> None:
    """No report while an opinion lacks a complete decision: list each, with its row."""
    problems = api.check_decisions(rows)
    if not problems:
        return
    click.echo(t(f"错误：台账中有 {len(problems)} 条意见的处理意见不完整，未生成说明：",
                 f"error: {len(problems)} opinions in the ledger lack a complete decision; no report written:"),
               err=True)  # fmt: skip
    for p in problems:
        click.echo(f"  第{p.row}行 {p.id} {p.unit}：{p.message}", err=True)
    click.echo(
        "请在“处理意见”列选择 采纳/部分采纳/不采纳/已吸收，部分采纳和不采纳须在“说明”列写明理由。",
        err=True,
    )
    sys.exit(1)


def _revision_for_report(rows: list[Any], ledger: Path, revised: Path, draft: Path | None) -> Any:
    if draft is None:
        found = api.find_consultation(ledger.resolve().parent)
        if found is None:
            raise api.ConsolidateError(
                t(
                    "没有找到征求意见稿：请用 --draft 指定（未写入任何文件）",
                    "no consulted draft: give --draft",
                )
            )
        draft = api.load_consultation(found).draft_path
        if draft is None:
            raise api.ConsolidateError(
                t(
                    f"{found} 未指定 draft：请用 --draft 指定征求意见稿",
                    f"{found} names no draft: give --draft",
                )
            )
    old, new = api.load_draft(draft), api.load_draft(revised)
    return api.compare_revision(old, new, api.decided_from_ledger(rows))


# ---------------------------------------------------------------- before the consultation: init and forms


@main.command(
    short_help=t("从征求意见函生成配置文件", "set up a consultation from the letter"),
    help=_english_only(
        "Set up a consultation from LETTER (the letter as sent, .docx or .txt): consultation.toml, draft.docx and a returns folder."
    ),
)
@_input_argument("letter", "来函", "LETTER")
@_output_option(
    "在这个文件夹中写出 consultation.toml、draft.docx 和 returns 文件夹。",
    "Folder for consultation.toml, draft.docx and returns/.",
    default=Path("."),
    folder=True,
)
@click.option(
    "--force",
    is_flag=True,
    help=t("覆盖已有的 consultation.toml。", "Overwrite an existing consultation.toml."),
)
@click.option(
    "--units",
    "units_file",
    type=_EXISTING_FILE,
    default=None,
    metavar=t("名单文件", "FILE"),
    help=t(
        "单独的征求意见单位名单（.xlsx、.docx、.doc、.txt），代替来函中的名单。",
        "A separate list of the units consulted (.xlsx, .docx, .doc, .txt); replaces the letter's own list.",
    ),
)
def init(letter: Path, folder: Path, force: bool, units_file: Path | None) -> None:
    """从征求意见函（发出的原文：.docx、.doc/.wps、文字版 PDF 或 .txt）生成 consultation.toml、征求意见稿 draft.docx 和 returns 文件夹。"""
    target = folder / "consultation.toml"
    if target.exists() and not force:
        raise api.ConsolidateError(
            t(f"{target} 已存在；如要覆盖请加 --force", f"{target} exists; use --force to overwrite it")
        )
    unreadable = ""
    try:
        lines = api.read_letter_lines(letter)
        roster = api.read_letter_lines(units_file) if units_file else None
    except api.LetterError as exc:  # a scan or a damaged file: still write the file to fill in
        lines, roster, unreadable = [], None, str(exc)
    parsed = api.parse_letter(lines, roster, units_file.name if units_file else "")
    text = api.consultation_toml(parsed)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if parsed.draft_lines:
        api.write_draft_docx(parsed, folder / "draft.docx")
    deadline = f"{parsed.deadline:%Y-%m-%d %H:%M}" if parsed.deadline else "待填写"
    click.echo(f"已写入 {target}：{parsed.title or '（标题待填写）'}，{parsed.reference}，截止 {deadline}，"
               f"征求意见单位 {len(parsed.units)} 个，联系人 {len(parsed.contacts)} 人")  # fmt: skip
    if unreadable:
        click.echo(f"注意：{unreadable}；已写出待填写的配置文件")
    for finding in [*parsed.findings, *api.todo_findings(text, str(target))]:
        click.echo(f"注意：{finding.message}")
    (folder / "returns").mkdir(exist_ok=True)
    click.echo(
        f"请把收到的反馈文件放入 {folder / 'returns'}，然后运行 consolidate digest {folder / 'returns'}"
    )


@main.command(
    short_help=t("为每个单位生成修改意见表", "pre-filled forms for every unit"),
    help=_english_only(
        "Write every unit a pre-filled Annex-3 form (.docx and .xlsx) with its name in the header. Uses the consultation.toml in the current folder or its parents unless -c names one."
    ),
)
@_consultation_option("当前文件夹", "the current folder")
@_output_option("修改意见表写到这个文件夹。", "Folder for the forms.", default=Path("forms"), folder=True)
def forms(consultation_path: Path | None, folder: Path) -> None:
    """为每个征求意见单位生成表头已填好单位名称的修改意见表（.docx 和 .xlsx），随函发出。

    缺省使用当前文件夹或其上级文件夹中的 consultation.toml，也可以用 -c 指定。
    """
    consultation = _load(consultation_path, Path.cwd())
    written = api.write_forms(consultation, folder)
    click.echo(f"已为 {len(consultation.units)} 个单位写入 {len(written)} 份修改意见表：{folder}")


# ---------------------------------------------------------------- the revised draft: compare


@main.command(
    short_help=t("修改对照表，并核对采纳的意见", "the 修改对照表, with the decisions checked"),
    help=_english_only(
        "Compare the consulted draft OLD_DRAFT with the revised NEW_DRAFT: write the 修改对照表 and check "
        "that every adopted opinion in the ledger shows in the new text."
    ),
)
@_input_argument("old_draft", "征求意见稿", "OLD_DRAFT")
@_input_argument("new_draft", "修改稿", "NEW_DRAFT")
@click.option(
    "--ledger",
    "ledger_path",
    type=_EXISTING_FILE,
    metavar=t("台账", "LEDGER"),
    help=t(
        "处理台账（.xlsx）：核对采纳的意见是否已在修改稿中体现，并在修改说明中列出。",
        "The decision ledger (.xlsx): check that adopted opinions show in the new text, and name them.",
    ),
)
@_output_option(
    "要写出的修改对照表（.docx）。", "The comparison table (.docx) to write.", default=Path("修改对照表.docx")
)
@_json_option
@click.option(
    "--unchanged",
    type=click.Choice(["omit", "collapse", "show"]),
    default="omit",
    show_default=True,
    help=t(
        "未修改的条款：omit 不列出，collapse 合并为一行说明，show 全部列出。",
        "Unchanged clauses: omit them, collapse each run into one line, or show them.",
    ),
)
def compare(
    old_draft: Path,
    new_draft: Path,
    ledger_path: Path | None,
    output: Path,
    json_path: str | None,
    unchanged: str,
) -> None:
    """按条款对照征求意见稿和修改稿，写出修改对照表；给了台账时核对采纳的意见是否已在修改稿中体现。"""
    inputs = {p.resolve() for p in (old_draft, new_draft, ledger_path) if p is not None}
    targets = [output] + ([Path(json_path)] if json_path and json_path != "-" else [])
    for target in targets:
        if target.resolve() in inputs:
            raise api.ConsolidateError(f"{target}: 这是输入文件，不能覆盖；请用 -o 指定另一个文件名")
    old, new = api.load_draft(old_draft), api.load_draft(new_draft)
    decided = api.decided_from_ledger(api.read_ledger(ledger_path)) if ledger_path else ()
    revision = api.compare_revision(old, new, decided)
    api.write_atomically(output, lambda temp: api.write_comparison(revision, temp, api.Unchanged(unchanged)))
    if json_path and json_path != "-":
        text = api.revision_json(revision)

        def write_json_text(temp: Path) -> None:
            temp.write_text(text, encoding="utf-8")

        api.write_atomically(Path(json_path), write_json_text)
    if json_path == "-":
        click.echo(api.revision_json(revision))
    echo = click.echo if json_path != "-" else (lambda text: click.echo(text, err=True))
    changed = sum(1 for p in revision.pairs if p.change.value != "unchanged")
    echo(f"已写入修改对照表：{output}（{len(revision.pairs)}处条款，其中有变化{changed}处）")
    for finding in revision.findings:
        if finding.severity != "info":
            echo(f"注意：{finding.message}")
    team = sum(1 for f in revision.findings if f.code == api.Code.TEAM_CHANGE)
    if team:
        echo(f"另有{team}处修改无对应的采纳意见（起草组自行修改），已在对照表的修改说明中注明。")


if __name__ == "__main__":  # pragma: no cover
    main()
