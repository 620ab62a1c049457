"""The package face: ``consolidate.__all__`` is the library, the CLI uses nothing else, importing
it stays instant, and every error about the user's files reaches the clerk as one Chinese line."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import consolidate
from consolidate.cli import main
from consolidate.errors import ConsolidateError

PACKAGE = Path(consolidate.__file__).parent
ROOT = PACKAGE.parent
HEAVY = ("lxml", "docx", "openpyxl", "rich", "python_calamine", "pdfplumber", "rapidfuzz")


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE)], prefix="consolidate.")
        if not m.name.endswith("__main__")
    ]


# ---------------------------------------------------------------- the face


@pytest.mark.parametrize("name", consolidate.__all__)
def test_every_public_name_resolves_to_the_object_its_module_defines(name):
    found = getattr(consolidate, name)
    assert not inspect.ismodule(found), name
    if name != "__version__":
        home = importlib.import_module(consolidate._HOME[name])
        assert found is getattr(home, name)


def test_no_public_name_is_hidden_by_a_subpackage_of_the_same_name():
    # Importing consolidate.x sets the attribute x on the package, which __getattr__ never overrides.
    submodules = {name.split(".")[1] for name in _modules()}
    assert set(consolidate.__all__) & submodules == set()


def test_dir_lists_the_face_and_unknown_names_are_attribute_errors():
    assert set(consolidate.__all__) <= set(dir(consolidate))
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = consolidate.no_such_thing  # type: ignore[attr-defined]


def test_the_type_stub_names_the_same_names_from_the_same_modules():
    """mypy reads __init__.pyi instead of __init__.py: the two lists must not drift apart."""
    tree = ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {
        alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == consolidate._HOME
    listed = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
    )
    assert sorted(listed) == sorted(consolidate.__all__)


def test_the_face_is_looked_up_each_time_so_a_patched_stage_is_seen(monkeypatch):
    def stand_in(*args, **kwargs):
        raise ConsolidateError("替身")

    monkeypatch.setattr("consolidate.pipeline.consolidate", stand_in)
    assert consolidate.consolidate is stand_in


def test_importing_the_package_or_the_command_loads_no_heavy_library():
    script = (
        f"import sys, consolidate, consolidate.cli\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert run.stdout.strip() == ""


def test_the_command_imports_the_library_only_through_the_face():
    # consolidate.i18n is the command's own language (click's messages in Chinese), not library.
    allowed = {"consolidate", "consolidate.i18n"}
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            used.add(node.module)
        elif isinstance(node, ast.Import):
            used.update(alias.name for alias in node.names)
    assert {m for m in used if m.split(".")[0] == "consolidate"} <= allowed


# ---------------------------------------------------------------- one error root


def test_every_exception_the_library_defines_is_a_consolidate_error():
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == name
                and issubclass(value, Exception)
                and value is not ConsolidateError
            ):
                assert issubclass(value, ConsolidateError), f"{name}.{value.__name__}"


def test_a_library_error_in_any_command_is_one_chinese_line_and_status_1(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConsolidateError("反馈文件夹无法读取")

    (tmp_path / "consultation.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr("consolidate.consultation.settings.load_consultation", refuse)
    result = CliRunner().invoke(main, ["status", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == "错误：反馈文件夹无法读取\n"
    monkeypatch.setenv("CONSOLIDATE_LANG", "en")
    assert CliRunner().invoke(main, ["status", str(tmp_path)]).output == "error: 反馈文件夹无法读取\n"


def test_a_bug_is_not_dressed_up_as_the_clerks_error(tmp_path, monkeypatch):
    def bug(*args, **kwargs):
        raise KeyError("a bug")

    (tmp_path / "consultation.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr("consolidate.consultation.settings.load_consultation", bug)
    result = CliRunner().invoke(main, ["status", str(tmp_path)])
    assert isinstance(result.exception, KeyError)


def test_init_on_a_damaged_word_file_says_so_in_chinese_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a Word file")
    result = CliRunner().invoke(main, ["init", str(bad), "-o", str(tmp_path / "c")])
    # As with a scan: the clerk still gets a consultation.toml to fill in by hand.
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    assert "注意：无法读取 bad.docx" in result.output
    assert (tmp_path / "c" / "consultation.toml").is_file()


def test_a_folder_that_cannot_be_made_is_named_not_a_traceback(tmp_path):
    letter = tmp_path / "来函.txt"
    letter.write_text("关于征求意见的函\n", encoding="utf-8")
    (tmp_path / "a file").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(letter), "-o", str(tmp_path / "a file" / "c")])
    assert result.exit_code == 1
    assert "错误：" in result.output and "a file" in result.output
    assert "路径中有一段是文件而不是文件夹" in result.output
    assert "Traceback" not in result.output
