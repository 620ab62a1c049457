"""Whatever sits in the returns folder, the run finishes: FIFOs, sockets and devices are
named and never opened, huge files are refused before reading, unreadable and vanished
files are findings, and a console that cannot show a character does not end the run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consolidate.documents.discover import MAX_FILE_BYTES, survey_folder
from consolidate.pipeline import consolidate

from .conftest import ROOT, SAMPLE
from .factories import docx_form

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and sockets are POSIX files")


def _codes(findings) -> dict[str, str]:
    return {f.file: f.code for f in findings if f.file}


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copyfile(SAMPLE / "consultation.toml", tmp_path / "consultation.toml")
    shutil.copyfile(SAMPLE / "draft.docx", tmp_path / "draft.docx")
    returns = tmp_path / "returns"
    returns.mkdir()
    docx_form(returns / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    return tmp_path


def _cli(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CONSOLIDATE_CACHE": "off", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "consolidate.cli", *args], cwd=project, capture_output=True,
        timeout=timeout, env=environment, check=False,
    )  # fmt: skip


@posix_only
def test_a_fifo_is_named_and_never_opened(project):
    os.mkfifo(project / "returns" / "管道.docx")
    started = time.monotonic()
    proc = _cli(project, "status", "returns", "--format", "plain", "-v", timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "管道.docx" in out and "命名管道" in out
    assert time.monotonic() - started < 60


@posix_only
def test_a_socket_is_named_and_never_opened(project, consultation):
    server = socket.socket(socket.AF_UNIX)
    path = project / "returns" / "s.sock"
    try:
        server.bind(str(path))
    except OSError:
        pytest.skip("cannot bind a unix socket here")
    try:
        survey = survey_folder(project / "returns")
    finally:
        server.close()
    assert _codes(survey.problems) == {"s.sock": "special-file"}
    assert [f.relative for f in survey.found] == ["教育厅.docx"]


def test_a_huge_file_is_refused_before_reading(project, monkeypatch):
    big = project / "returns" / "大文件.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    opened = []
    real = os.open
    monkeypatch.setattr(
        "consolidate.documents.discover.os.open", lambda p, *a, **k: opened.append(p) or real(p, *a, **k)
    )
    survey = survey_folder(project / "returns")
    assert _codes(survey.problems) == {"大文件.txt": "file-too-large"}
    assert all(Path(p).name != "大文件.txt" for p in opened)


def test_a_large_text_file_is_refused_at_the_text_limit(project):
    from consolidate.documents.discover import MAX_TEXT_BYTES

    (project / "returns" / "日志.txt").write_bytes(b"a,b\n" * (MAX_TEXT_BYTES // 4 + 1))
    survey = survey_folder(project / "returns")
    assert _codes(survey.problems) == {"日志.txt": "file-too-large"}


def test_an_unreadable_file_is_a_finding_not_an_unknown_format(project, consultation, monkeypatch):
    secret = project / "returns" / "财政厅.docx"
    docx_form(secret, [["1", "自治区财政厅", "建议乙", "", ""]])
    real = os.open

    def denied(path, *args, **kwargs):
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr("consolidate.documents.discover.os.open", denied)
    result = consolidate(consultation, project / "returns")
    (finding,) = [f for f in result.findings if f.file == "财政厅.docx"]
    assert finding.code == "file-unreadable" and "没有权限" in finding.message
    assert "不是可识别" not in finding.message


def test_a_file_that_vanishes_during_the_walk_is_a_finding(project, consultation, monkeypatch):
    doomed = project / "returns" / "财政厅.docx"
    docx_form(doomed, [["1", "自治区财政厅", "建议乙", "", ""]])
    from consolidate.documents import discover as module

    real = module.ignore_reason

    def remove_then_ask(path):
        if path == doomed:
            path.unlink()
        return real(path)

    monkeypatch.setattr(module, "ignore_reason", remove_then_ask)
    result = consolidate(consultation, project / "returns")
    (finding,) = [f for f in result.findings if f.file == "财政厅.docx"]
    assert finding.code == "file-vanished" and "消失" in finding.message


def test_an_unreadable_subfolder_is_a_finding(project, monkeypatch):
    from consolidate.documents import discover as module

    real = os.walk

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "机密")))
        yield from real(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(module.os, "walk", walk)
    survey = survey_folder(project / "returns")
    assert _codes(survey.problems) == {"机密": "folder-unreadable"}


@pytest.mark.parametrize("fmt", ["rich", "plain"])
@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_a_console_that_cannot_show_a_name_does_not_crash(project, encoding, fmt):
    docx_form(project / "returns" / "税务局😀㐀.docx", [["1", "广西税务局", "建议丙", "", ""]],
              header="单位名称（盖章）：广西税务局 填表时间：2023年3月30日")  # fmt: skip
    proc = _cli(project, "status", "returns", "--format", fmt, "-v", env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
    assert b"Traceback" not in proc.stderr and b"UnicodeEncodeError" not in proc.stderr
    # click writes UTF-8 where it judges an ASCII console misconfigured; either way, no crash.
    assert any("税务局".encode(codec, "replace") in proc.stdout for codec in (encoding, "utf-8"))
