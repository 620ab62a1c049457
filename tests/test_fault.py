"""Runs killed at random points — Ctrl-C, SIGTERM, kill -9 — leave no temporary folder,
temporary file or worker process behind beyond the next run's clean-up, and never a
half-written or older ledger."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE
from .factories import docx_form
from .ledger_files import decide_all, decisions

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")

UNITS = [
    "自治区教育厅",
    "自治区财政厅",
    "自治区发展改革委",
    "自治区党委宣传部",
    "广西税务局",
    "共青团广西区委",
]
KILLS = 5


def _processes_marked(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_until_gone(mark: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _processes_marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copyfile(SAMPLE / "consultation.toml", tmp_path / "consultation.toml")
    shutil.copyfile(SAMPLE / "draft.docx", tmp_path / "draft.docx")
    returns = tmp_path / "returns"
    returns.mkdir()
    for n in range(30):  # enough to read in worker processes
        unit = UNITS[n % len(UNITS)]
        docx_form(returns / f"{n:02d}-{unit}.docx", [["1", unit, f"建议{n}：提高中等职业学校生均公用经费。", "", ""]],
                  header=f"单位名称（盖章）：{unit} 填表时间：2023年3月28日")  # fmt: skip
    with zipfile.ZipFile(returns / "附件.zip", "w") as archive:  # unpacked into the run's folder
        archive.write(returns / "00-自治区教育厅.docx", "教育厅-修改意见表.docx")
    (tmp_path / "out").mkdir()
    (tmp_path / "tmp").mkdir()
    return tmp_path


def _start(project: Path, mark: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONSOLIDATE_CACHE": "off", "TMPDIR": str(project / "tmp"),
           "FAULT_MARK": mark, "CONSOLIDATE_WORKERS": ""}  # fmt: skip
    command = [sys.executable, "-m", "consolidate.cli", "digest", "returns", "-o", "out/d.docx",
               "--ledger", "out/L.xlsx", "--json", "out/r.json", "-q"]  # fmt: skip
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _leftovers(project: Path) -> list[str]:
    temps = [p.name for p in (project / "out").iterdir() if p.name.endswith(".tmp")]
    return temps + [p.name for p in (project / "tmp").iterdir() if p.name.startswith("consolidate-")]


def test_killed_runs_leave_nothing_behind_and_never_a_broken_ledger(project):
    mark = f"fault-{uuid.uuid4().hex}"
    first = _start(project, mark)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    decided = decide_all(project / "out" / "L.xlsx")
    elapsed = []
    chance = random.Random(20230331)
    for n in range(KILLS):
        how = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)[n % 3]
        proc = _start(project, mark)
        time.sleep(chance.uniform(0.3, 6.0))
        started = time.monotonic()
        proc.send_signal(how)
        proc.wait(timeout=60)
        elapsed.append(time.monotonic() - started)
        assert not _wait_until_gone(mark, 10), f"worker processes outlived a run stopped by {how.name}"
        if how != signal.SIGKILL:
            assert _leftovers(project) == [], f"{how.name} left {_leftovers(project)}"
            assert b"Traceback" not in proc.stderr.read() or how == signal.SIGINT
        assert decisions(project / "out" / "L.xlsx") == decided, f"the ledger changed after {how.name}"
    last = _start(project, mark)
    assert last.wait(timeout=300) == 0, last.stderr.read().decode()
    assert _leftovers(project) == []
    assert decisions(project / "out" / "L.xlsx") == decided
    assert max(elapsed) < 30
