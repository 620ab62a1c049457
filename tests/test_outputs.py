"""Outputs never clobber inputs or each other, and bad output paths are refused before the
slow work: a refusal leaves every file byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from consolidate.cli import main
from consolidate.documents.writing import remove_orphans, write_atomically
from consolidate.papers.outputs import Output, OutputError, check_outputs

from .conftest import SAMPLE


@pytest.fixture
def setup(tmp_path) -> Path:
    """A consultation folder with a ledger the team has worked in, and one return."""
    shutil.copyfile(SAMPLE / "consultation.toml", tmp_path / "consultation.toml")
    shutil.copyfile(SAMPLE / "draft.docx", tmp_path / "draft.docx")
    (tmp_path / "returns").mkdir()
    (tmp_path / "L.xlsx").write_bytes(b"PK\x03\x04 weeks of decisions")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused(setup: Path, args: list[str], words: str) -> None:
    before = _snapshot(setup)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert _snapshot(setup) == before


def test_report_never_overwrites_its_own_ledger(setup):
    ledger = str(setup / "L.xlsx")
    _refused(setup, ["report", ledger, "-o", ledger], "处理台账")


def test_the_digest_and_the_ledger_cannot_share_a_file(setup):
    ledger = str(setup / "L.xlsx")
    _refused(
        setup, ["digest", str(setup / "returns"), "-o", ledger, "--ledger", ledger], "不能写到同一个文件"
    )


def test_the_digest_cannot_go_over_the_draft(setup):
    _refused(setup, ["digest", str(setup / "returns"), "-o", str(setup / "draft.docx")], "征求意见稿")


def test_json_cannot_go_over_the_consultation(setup):
    args = [
        "digest",
        str(setup / "returns"),
        "-o",
        str(setup / "d.docx"),
        "--json",
        str(setup / "consultation.toml"),
    ]
    _refused(setup, args, ".json")


@pytest.mark.parametrize("name", ["L.xls", "L.et", "L.csv"])
def test_only_xlsx_is_accepted_as_a_ledger(setup, name):
    args = ["digest", str(setup / "returns"), "-o", str(setup / "d.docx"), "--ledger", str(setup / name)]
    _refused(setup, args, ".xlsx")


def test_a_word_output_must_be_docx(setup):
    _refused(setup, ["digest", str(setup / "returns"), "-o", str(setup / "L.xlsx")], ".docx")


def test_a_missing_output_folder_is_said_before_reading_anything(setup, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the returns were read before the output folder was checked")

    monkeypatch.setattr("consolidate.pipeline.consolidate", never)
    _refused(setup, ["digest", str(setup / "returns"), "-o", str(setup / "nowhere" / "d.docx")], "不存在")


def test_an_unwritable_output_folder_is_said_before_reading_anything(setup, monkeypatch):
    import os

    locked = setup / "locked"
    locked.mkdir(mode=0o500)
    real = os.access
    # As root every folder is writable: ask the question the way a clerk's account would.
    monkeypatch.setattr(
        "consolidate.papers.outputs.os.access", lambda p, mode: False if Path(p) == locked else real(p, mode)
    )
    monkeypatch.setattr("consolidate.pipeline.consolidate", lambda *a, **k: pytest.fail("ran"))
    _refused(setup, ["digest", str(setup / "returns"), "-o", str(locked / "d.docx")], "没有权限")


def test_an_open_ledger_is_refused_before_the_run(setup, monkeypatch):
    (setup / "~$L.xlsx").write_text("")
    monkeypatch.setattr("consolidate.pipeline.consolidate", lambda *a, **k: pytest.fail("ran"))
    args = ["digest", str(setup / "returns"), "-o", str(setup / "d.docx"), "--ledger", str(setup / "L.xlsx")]
    _refused(setup, args, "正在被 Excel/WPS/LibreOffice 打开")


def test_the_same_file_under_two_names_is_one_file(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "b.docx").symlink_to(tmp_path / "a.docx")
    with pytest.raises(OutputError, match="同一个文件"):
        check_outputs([Output(tmp_path / "a.docx", "汇总表"), Output(tmp_path / "b.docx", "采纳情况说明")])


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "d.docx"
    target.write_bytes(b"old")

    def crash(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, crash)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["d.docx"]


def test_a_killed_runs_temporary_file_is_removed_by_the_next_write(tmp_path):
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    orphan = tmp_path / f".d.docx.{dead.stdout.strip()}.abc123.tmp"
    orphan.write_bytes(b"half")
    alive = tmp_path / f".d.docx.{__import__('os').getppid()}.abc124.tmp"
    alive.write_bytes(b"someone else writing")
    write_atomically(tmp_path / "d.docx", lambda temp: temp.write_bytes(b"new"))
    assert not orphan.exists() and alive.exists()
    assert remove_orphans(tmp_path) == []
