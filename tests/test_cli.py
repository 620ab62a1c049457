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
