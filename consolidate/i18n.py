"""Which language the command speaks, and click's own messages in Chinese.

Chinese is the default: the people who run the tool are clerks in Chinese offices, on
consoles with no ``LANG`` at all. English is there for those who ask for it, with
``CONSOLIDATE_LANG=en`` or a locale (``LC_ALL``/``LC_MESSAGES``/``LANG``) of ``en_*``;
``CONSOLIDATE_LANG=zh`` wins over an English locale.

click wraps every message it prints itself ("No such option", "Usage:", "Show this
message and exit.") in ``gettext``, looked up in the process-wide default domain. Shipping
a compiled ``.mo`` file and switching that domain would change every library's
translations, so instead the ``_``/``ngettext`` names click's modules imported are bound
to a lookup in the small catalogue below, consulted at call time. A test checks that
every catalogue entry is still a message of the installed click, so an upgrade that
rewords one is caught rather than silently printed in English.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import click

_CLICK_MODULES = (
    "core", "decorators", "exceptions", "formatting", "parser", "types",
    "termui", "utils", "shell_completion", "_termui_impl",
)  # fmt: skip


def language() -> str:
    """``"zh"`` or ``"en"``, from ``CONSOLIDATE_LANG`` and then the locale variables."""
    chosen = os.environ.get("CONSOLIDATE_LANG", "").strip().lower()
    if chosen.startswith("en"):
        return "en"
    if chosen.startswith("zh"):
        return "zh"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "zh"
    return "zh"


def t(zh: str, en: str) -> str:
    """The message in the language in force now."""
    return en if language() == "en" else zh


#: click's messages (msgid as click writes it) in Chinese. Plural messages are keyed
#: by their singular form and the value is a (singular, plural) pair.
CLICK_ZH: dict[str, str | tuple[str, str]] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看用法。",
    "No such option {name!r}.": "没有 {name!r} 这个选项。",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "Did you mean {possibility}?": (
        "您是不是要输入 {possibility}？",
        "（您是不是要输入以下之一：{possibilities}？）",
    ),
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Got unexpected extra argument ({args})": ("多出了参数（{args}）", "多出了参数（{args}）"),
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不需要值。",
    "Option {name!r} requires an argument.": (
        "选项 {name!r} 后面需要一个值。",
        "选项 {name!r} 后面需要 {nargs} 个值。",
    ),
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": ("{value!r} 不是 {choice}。", "{value!r} 不是 {choices} 之一。"),
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} does not match the format {format}.": (
        "{value!r} 不符合格式 {format}。",
        "{value!r} 不符合格式 {formats} 之一。",
    ),
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，这里需要文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已中止！",
    "unknown error": "未知错误",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值。可用：{states}",
}


def _gettext(message: str) -> str:
    if language() == "zh":
        found = CLICK_ZH.get(message)
        if isinstance(found, str):
            return found
    return message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if language() == "zh":
        found = CLICK_ZH.get(singular)
        if isinstance(found, tuple):
            return found[0] if n == 1 else found[1]
    return singular if n == 1 else plural


def install_click_catalogue() -> list[str]:
    """Make click's own messages follow `language`; returns the modules rebound.

    Only names still bound to the standard ``gettext`` functions are replaced, so calling
    this twice, or on a click that stopped using gettext, changes nothing further.
    """
    rebound = []
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        changed = False
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _gettext  # type: ignore[attr-defined]
            changed = True
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = _ngettext  # type: ignore[attr-defined]
            changed = True
        if changed:
            rebound.append(name)
    return rebound


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK and full-width characters take two."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]")
_BREAK_AFTER = "、，；。！？"


def wrap(text: str, width: int, measure: Callable[[str], int] = display_width) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns.

    Latin words stay whole (broken at spaces); Chinese may break between any two
    characters, preferably after "、" "，" "；" near the line's end so names stay whole,
    and no line starts with closing punctuation such as "：" or "，": the character
    before it moves to the next line with it.
    """
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or display_width(ch) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token[0] in _NO_LINE_START and not line.strip() and lines:
            # Just broken at a space: closing punctuation stays with the line it closes.
            lines[-1] += token
            continue
        if measure(line + token) <= width or not line.strip():
            line += token
            continue
        if token == " ":
            lines.append(line.rstrip())
            line = ""
            continue
        if token[0] in _NO_LINE_START:
            # Carry the character before it (and any punctuation between) along, so
            # the line stays within width; after a Latin word, let the line overflow.
            start = len(line)
            while start > 0 and line[start - 1] in _NO_LINE_START:
                start -= 1
            if start > 1 and display_width(line[start - 1]) == 2:
                lines.append(line[: start - 1].rstrip())
                line = line[start - 1 :] + token
            else:
                line += token
            continue
        cut = max(line.rfind(p) for p in _BREAK_AFTER)
        rest = line[cut + 1 :]
        if cut > 0 and measure(rest) <= width // 3 and not (rest and rest[0] in _NO_LINE_START):
            # Break after the enumeration comma or clause end rather than mid-name.
            lines.append(line[: cut + 1])
            line = line[cut + 1 :] + token
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def forgive_unencodable_output() -> None:
    """Print ``?`` for a character the console cannot encode instead of crashing.

    A Windows console redirected to a file or pipe encodes as GBK (cp936), and a file
    name such as "𠀀.docx" or an emoji in a unit's reply is outside GBK: one such
    character must not cost the clerk the whole summary.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="replace")


# click's help layout, measured in display columns rather than characters: a line of
# Chinese is twice as wide as click counts it, and would otherwise overflow 80 columns.


class HelpFormatter(click.HelpFormatter):
    """click's formatter, with Chinese headings ("选项：") and width-aware wrapping."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and language() == "zh":
            prefix = "用法："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        colon = "：" if language() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        for n, paragraph in enumerate(text.split("\n\n")):
            if n:
                self.write("\n")
            if paragraph.startswith("\b"):
                for line in paragraph.splitlines()[1:]:
                    self.write(f"{indent}{line}\n")
                continue
            for line in wrap(" ".join(x.strip() for x in paragraph.splitlines()), width):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent - 2, 20))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    """A command whose usage line says ``[选项]`` in Chinese."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t("[选项]", "[OPTIONS]"))
        super().__init__(*args, **kwargs)


class Group(click.Group):
    context_class = Context
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t("[选项]", "[OPTIONS]"))
        kwargs.setdefault("subcommand_metavar", t("命令 [参数]...", "COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        forgive_unencodable_output()
        return super().main(*args, **kwargs)
