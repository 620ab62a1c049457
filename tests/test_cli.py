import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from consolidate.cli import main

from .conftest import SAMPLE


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample, so tests can add files to it."""
    target = tmp_path / "gx"
    shutil.copytree(SAMPLE, target)
    return target


def test_digest_writes_the_word_digest_and_json(sample, tmp_path):
    out, js = tmp_path / "digest.docx", tmp_path / "result.json"
    result = CliRunner().invoke(main, ["digest", str(sample / "returns"), "-o", str(out), "--json", str(js)])
    assert result.exit_code == 0, result.output
    assert "共征求42个单位意见" in result.output
    assert Document(str(out)).paragraphs
    data = json.loads(js.read_text(encoding="utf-8"))
    assert set(data) == {"consultation", "units", "opinions", "clauses", "findings"}
    assert data["consultation"]["units"] == 42


def test_json_to_stdout_keeps_stdout_machine_readable(sample, tmp_path):
    result = CliRunner().invoke(
        main, ["digest", str(sample / "returns"), "-o", str(tmp_path / "d.docx"), "--json", "-"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["units"]


def test_status_prints_the_summary_and_writes_nothing(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["status", str(sample / "returns")])
    assert result.exit_code == 0
    assert "未反馈单位" in result.output
    assert list(tmp_path.iterdir()) == [sample]


def test_consultation_can_be_given_explicitly(sample, tmp_path):
    returns = tmp_path / "elsewhere"
    shutil.copytree(sample / "returns", returns)
    result = CliRunner().invoke(main, ["status", str(returns), "-c", str(sample / "consultation.toml")])
    assert result.exit_code == 0


def test_no_consultation_file_exits_1_with_a_message(tmp_path):
    (tmp_path / "returns").mkdir()
    result = CliRunner().invoke(main, ["status", str(tmp_path / "returns")])
    assert result.exit_code == 1
    assert "consultation.toml" in result.output


def test_a_bad_consultation_file_exits_1_naming_it(sample):
    path = sample / "consultation.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("deadline =", "dedline ="), encoding="utf-8")
    result = CliRunner().invoke(main, ["status", str(sample / "returns")])
    assert result.exit_code == 1
    assert "consultation.toml:" in result.output and "dedline" in result.output


def test_a_missing_returns_folder_exits_1(tmp_path):
    result = CliRunner().invoke(main, ["status", str(tmp_path / "nope")])
    assert result.exit_code == 1


def test_usage_errors_exit_2(sample):
    assert CliRunner().invoke(main, ["digest"]).exit_code == 2
    assert CliRunner().invoke(main, ["digest", str(sample / "returns"), "--bogus"]).exit_code == 2


def test_refuses_to_write_into_the_returns_folder(sample):
    before = sorted(p.name for p in (sample / "returns").iterdir())
    result = CliRunner().invoke(
        main, ["digest", str(sample / "returns"), "-o", str(sample / "returns" / "d.docx")]
    )
    assert result.exit_code == 1
    assert sorted(p.name for p in (sample / "returns").iterdir()) == before


def test_help_is_available_for_every_command():
    for args in (["--help"], ["digest", "--help"], ["status", "--help"]):
        assert CliRunner().invoke(main, args).exit_code == 0


def test_an_output_in_a_missing_folder_is_a_clear_error(sample, tmp_path):
    result = CliRunner().invoke(
        main, ["digest", str(sample / "returns"), "-o", str(tmp_path / "nope" / "d.docx")]
    )
    assert result.exit_code == 1
    assert "不存在" in result.output


def test_outputs_are_replaced_whole_never_half_written(sample, tmp_path):
    out = tmp_path / "d.docx"
    out.write_bytes(b"old digest")
    result = CliRunner().invoke(main, ["digest", str(sample / "returns"), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_outputs_get_ordinary_file_permissions(sample, tmp_path):
    out = tmp_path / "d.docx"
    CliRunner().invoke(main, ["digest", str(sample / "returns"), "-o", str(out), "-q"])
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- language, help, README

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["digest", "status", "chase", "report", "init", "forms"]


def _consolidate(*args: str, **env: str):
    """Run ``python -m consolidate`` as a clerk would, with exactly the locale given."""
    import os
    import subprocess
    import sys

    clean = {
        k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "CONSOLIDATE_LANG")
    }
    run = subprocess.run(
        [sys.executable, "-m", "consolidate", *args],
        capture_output=True, timeout=120, check=False,
        env={**clean, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **env},
    )  # fmt: skip
    return run.returncode, run.stdout.decode("utf-8") + run.stderr.decode("utf-8")


def test_help_is_chinese_by_default():
    code, out = _consolidate("--help")
    assert code == 0
    assert "用法：consolidate [选项] 命令" in out and "选项：" in out and "显示本帮助并退出。" in out
    assert "Usage" not in out and "Show this message" not in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself_in_chinese(command):
    code, out = _consolidate(command, "--help")
    assert code == 0
    assert f"用法：consolidate {command} [选项]" in out
    assert "Options" not in out and "Show this message" not in out and "RETURNS_DIR" not in out


def test_a_mistyped_option_is_answered_in_chinese_with_a_suggestion(tmp_path):
    code, out = _consolidate("status", str(tmp_path), "--formt", "plain")
    assert code == 2
    assert "错误：没有 '--formt' 这个选项。" in out and "您是不是要输入 '--format'" in out
    assert "运行 'consolidate status --help' 查看用法。" in out


def test_a_missing_argument_and_a_mistyped_command_are_chinese():
    code, out = _consolidate("digest")
    assert code == 2 and "缺少参数 '反馈文件夹'" in out
    code, out = _consolidate("statu")
    assert code == 2 and "没有 'statu' 这个命令" in out and "'status'" in out


def test_english_on_request_by_variable_or_locale():
    for env in ({"CONSOLIDATE_LANG": "en"}, {"LANG": "en_US.UTF-8"}):
        code, out = _consolidate("status", "--bogus", **env)
        assert (
            code == 2
            and "No such option '--bogus'" in out
            and "Usage: consolidate status [OPTIONS] RETURNS_DIR" in out
        )


def test_the_variable_wins_over_an_english_locale():
    code, out = _consolidate("--help", LANG="en_GB.UTF-8", CONSOLIDATE_LANG="zh")
    assert code == 0 and "用法：" in out


def test_python_dash_m_runs_the_same_command():
    code, out = _consolidate("--version")
    assert code == 0 and "consolidate" in out


def test_the_click_catalogue_only_holds_messages_click_still_has():
    import ast
    import inspect

    import click

    from consolidate.i18n import CLICK_ZH

    messages: set[str] = set()
    for module in (click.core, click.exceptions, click.parser, click.types, click.formatting,
                   click.decorators, click.termui):  # fmt: skip
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    messages.add(first.value)
    if '_(extra["required"])' in inspect.getsource(click.core):
        messages.add("required")  # translated through a variable: extra["required"] = "required"
    assert set(CLICK_ZH) <= messages, set(CLICK_ZH) - messages
    for needed in ("No such option {name!r}.", "Did you mean {possibility}?", "Missing argument", "Usage:",
                   "Options", "Show this message and exit.", "Error: {message}"):  # fmt: skip
        assert needed in CLICK_ZH


def test_every_option_has_help_in_both_languages():
    script = (
        "import json\nfrom consolidate.cli import main\n"
        "print(json.dumps({name: [(p.name, getattr(p, 'help', None)) for p in cmd.params]"
        " + [('__doc__', cmd.help)] for name, cmd in main.commands.items()}))"
    )
    import json
    import os
    import subprocess
    import sys

    for lang, check in (("zh", lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)),
                        ("en", lambda s: sum(c.isascii() for c in s) > 0.8 * len(s))):  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT), "CONSOLIDATE_LANG": lang},
        ).stdout  # fmt: skip
        for command, params in json.loads(out).items():
            for name, text in params:
                if name in ("returns_dir", "ledger", "letter", "old_draft", "new_draft"):
                    continue  # arguments are explained in the command's own help
                assert text and check(text), (lang, command, name, text)


def _readme_usage_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for line in readme.splitlines() if line.strip().startswith("consolidate ")]


def test_every_option_the_readme_shows_exists():
    import re

    checked = 0
    for line in _readme_usage_lines():
        command = line.split()[1]
        if command not in COMMANDS:
            continue
        help_text = CliRunner().invoke(main, [command, "--help"]).output
        for option in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", line.split("#")[0]):
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text), (line, option)
            checked += 1
    assert checked > 20


def test_the_readme_set_up_commands_work_in_cmd_and_bash():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "'.[test]'" not in readme  # cmd.exe does not strip single quotes
    assert 'pip install -e ".[test]"' in readme
