"""A Chinese Windows PC's encodings: GBK consoles and files saved as "ANSI"."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.analysis.overrides import load_overrides
from consolidate.consultation.settings import ConsultationError, load_consultation
from consolidate.pipeline import consolidate

from .factories import docx_form

ROOT = Path(__file__).resolve().parent.parent

TOML = """title = "关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）"
reference = "桂人社函〔2023〕57号"
deadline = 2023-03-31T18:00:00+08:00

[[unit]]
name = "自治区教育厅"
group = "区直单位"

[[unit]]
name = "自治区财政厅"
group = "区直单位"
"""


def _write(folder: Path, text: str, encoding: str) -> Path:
    path = folder / "consultation.toml"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom_is_read_without_a_note(tmp_path, encoding):
    consultation = load_consultation(_write(tmp_path, TOML, encoding))
    assert consultation.title.startswith("关于进一步加强")
    assert consultation.notes == ()


def test_a_file_saved_as_ansi_on_a_chinese_pc_is_read_as_gbk_with_a_note(tmp_path):
    consultation = load_consultation(_write(tmp_path, TOML, "gbk"))
    assert [u.name for u in consultation.units] == ["自治区教育厅", "自治区财政厅"]
    assert consultation.reference == "桂人社函〔2023〕57号"
    (note,) = consultation.notes
    assert "GBK" in note and "UTF-8" in note


def test_a_file_saved_as_unicode_by_notepad_is_read_as_utf16(tmp_path):
    consultation = load_consultation(_write(tmp_path, TOML, "utf-16"))
    assert consultation.units[1].name == "自治区财政厅"
    assert "UTF-16" in consultation.notes[0]


def test_bytes_that_are_neither_utf8_nor_gbk_are_refused_with_what_to_do(tmp_path):
    path = tmp_path / "consultation.toml"
    path.write_bytes(b'title = "\xff\xfe\xfd\x80"\n'.replace(b"\xff\xfe", b"\x81\xff"))
    with pytest.raises(ConsultationError, match="另存为"):
        load_consultation(path)


def test_the_encoding_note_reaches_the_findings(tmp_path):
    consultation = load_consultation(_write(tmp_path, TOML, "gbk"))
    (tmp_path / "returns").mkdir()
    result = consolidate(consultation, tmp_path / "returns")
    assert any(f.code == "settings-encoding" and "GBK" in f.message for f in result.findings)


def test_overrides_saved_as_gbk_are_applied_with_a_note(tmp_path):
    path = tmp_path / "overrides.toml"
    path.write_bytes('[[move]]\nopinion = "9e8f6981-02"\nto = "3.2"\nnote = "会上确认"\n'.encode("gbk"))
    overrides = load_overrides(path)
    assert overrides.moves["9e8f6981-02"] == (("3.2",), "会上确认")
    assert "GBK" in overrides.notes[0]


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_output_through_a_narrow_console_encoding_replaces_what_it_cannot_show(tmp_path, encoding):
    (tmp_path / "consultation.toml").write_text(TOML, encoding="utf-8")
    returns = tmp_path / "returns"
    returns.mkdir()
    # A file name outside GBK (CJK Extension B, then an emoji) that the findings will name.
    docx_form(returns / "𠀀😀.docx", [["1", "", "建议增加", "", ""]], header=None)
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT), "CONSOLIDATE_LANG": "zh"}
    run = subprocess.run(
        [sys.executable, "-m", "consolidate", "status", str(returns), "-v", "--format", "plain"],
        capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr.decode(encoding, "replace")
    assert b"Traceback" not in run.stderr
    if encoding == "gbk":
        out = run.stdout.decode("gbk")
        assert "??.docx" in out  # the two characters GBK lacks, replaced
        assert "自治区教育厅" in out and "未反馈" in out
    else:  # click treats an ASCII stream as misconfigured and writes UTF-8 with replacement
        assert ".docx" in run.stdout.decode("utf-8", "replace")


def test_help_through_an_ascii_console_does_not_crash():
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(ROOT), "CONSOLIDATE_LANG": "zh"}
    run = subprocess.run(
        [sys.executable, "-m", "consolidate", "--help"], capture_output=True, env=env, timeout=60, check=False
    )
    assert run.returncode == 0
    assert b"consolidate" in run.stdout
