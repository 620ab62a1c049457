"""Hostile and broken files: the run finishes, loses nothing, leaks nothing.

The corpus comes from tests/hostile_corpus.py. The whole run happens in a subprocess with
an address-space limit, so a zip bomb that got through would fail the test instead of the
machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consolidate.documents.guards import UnsafeFile, check_package

from . import hostile_corpus as corpus
from .conftest import SAMPLE

MEMORY_LIMIT = 1536 * 1024 * 1024
TIME_LIMIT_S = 120


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    returns = base / "returns"
    corpus.build_corpus(returns)
    shutil.copyfile(SAMPLE / "consultation.toml", base / "consultation.toml")
    shutil.copyfile(SAMPLE / "draft.docx", base / "draft.docx")
    out = base / "out"
    out.mkdir()
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
        "from consolidate.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
        "    print(f'PEAK_KB={peak}', file=sys.stderr)\n"
    )
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", script, "digest", str(returns), "-o", str(out / "d.docx"), "--json", str(out / "r.json")],
        capture_output=True, text=True, timeout=TIME_LIMIT_S, check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    return base, proc, elapsed


def test_the_run_finishes_within_memory_and_time(hostile_run):
    _, proc, elapsed = hostile_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    assert elapsed < TIME_LIMIT_S
    peak_kb = int(proc.stderr.rsplit("PEAK_KB=", 1)[1].split()[0])
    assert peak_kb < 800 * 1024  # measured: about 250 MB


def test_the_good_files_opinions_are_all_present(hostile_run):
    base, _, _ = hostile_run
    data = json.loads((base / "out" / "r.json").read_text(encoding="utf-8"))
    files = {o["source"]["file"] for o in data["opinions"]}
    # Each traversal member is a valid form: read, from inside the private folder.
    assert {
        "traversal.zip/evil.docx",
        "traversal.zip/tmp/abs-evil.docx",
        "traversal.zip/win-evil.docx",
    } <= files
    assert any(f.startswith("nested.zip/") for f in files) or any(
        f["code"] == "too-deep" for f in data["findings"]
    )


def test_no_secret_from_outside_the_folder_appears_anywhere(hostile_run):
    base, proc, _ = hostile_run
    assert corpus.SECRET not in proc.stdout + proc.stderr
    assert corpus.SECRET not in (base / "out" / "r.json").read_text(encoding="utf-8")
    import zipfile

    with zipfile.ZipFile(base / "out" / "d.docx") as digest:
        assert all(corpus.SECRET.encode() not in digest.read(n) for n in digest.namelist())


def test_nothing_is_written_outside_the_outputs(hostile_run):
    base, _, _ = hostile_run
    assert not Path("/tmp/abs-evil.docx").exists()
    assert not (base / "evil.docx").exists() and not (base.parent / "evil.docx").exists()


def _findings(base: Path) -> list[dict]:
    return json.loads((base / "out" / "r.json").read_text(encoding="utf-8"))["findings"]


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("zip_bomb.docx", "压缩炸弹"),
        ("understated_size.docx", "校验失败"),
        ("billion_laughs.docx", "DTD"),
        ("external_entity.docx", "DTD"),
        ("external_entity.xlsx", "DTD"),
        ("encrypted.docx", "密码"),
        ("encrypted.xlsx", "密码"),
        ("truncated.docx", "损坏"),
        ("empty.docx", "为空"),
        ("random_bytes.xlsx", "损坏"),
    ],
)
def test_each_bad_file_gets_a_clear_error_naming_it(hostile_run, file, words):
    base, _, _ = hostile_run
    messages = [f["message"] for f in _findings(base) if f["file"] == file and f["severity"] == "error"]
    assert messages and any(words in m for m in messages), messages


def test_archive_tricks_are_reported(hostile_run):
    base, _, _ = hostile_run
    findings = _findings(base)
    assert any(f["code"] == "too-deep" for f in findings)
    assert any(f["code"] == "encrypted-file" and f["file"].startswith("encrypted.zip/") for f in findings)
    ignored = {f["file"] for f in findings if f["code"] == "ignored-file"}
    assert "link-to-secret.docx" in ignored and "linkdir" in ignored


def test_huge_valid_forms_are_read_whole(hostile_run):
    base, _, _ = hostile_run
    data = json.loads((base / "out" / "r.json").read_text(encoding="utf-8"))
    by_file: dict[str, int] = {}
    for opinion in data["opinions"]:
        by_file[opinion["source"]["file"]] = by_file.get(opinion["source"]["file"], 0) + 1
    assert by_file.get("huge_form.xlsx") == corpus.HUGE_XLSX_ROWS
    assert by_file.get("huge_form.docx") == corpus.HUGE_DOCX_ROWS


def test_no_cell_was_lost(hostile_run):
    base, _, _ = hostile_run
    assert not [f for f in _findings(base) if f["code"] == "cells-lost"]


def test_a_package_declaring_a_gigabyte_is_refused_before_inflating(tmp_path):
    path = corpus.make_zip_bomb_docx(tmp_path / "bomb.docx")
    started = time.monotonic()
    with pytest.raises(UnsafeFile, match="压缩炸弹"):
        check_package(path)
    assert time.monotonic() - started < 2


def test_strict_mode_exits_1_on_error_findings(tmp_path):
    from click.testing import CliRunner

    from consolidate.cli import main

    sample = tmp_path / "gx"
    shutil.copytree(SAMPLE, sample)
    result = CliRunner().invoke(main, ["status", str(sample / "returns"), "--strict"])
    assert result.exit_code == 1  # the sample has one damaged file
    assert CliRunner().invoke(main, ["status", str(sample / "returns")]).exit_code == 0


def test_refuses_to_overwrite_the_draft(tmp_path):
    from click.testing import CliRunner

    from consolidate.cli import main

    sample = tmp_path / "gx"
    shutil.copytree(SAMPLE, sample)
    before = (sample / "draft.docx").read_bytes()
    result = CliRunner().invoke(main, ["digest", str(sample / "returns"), "-o", str(sample / "draft.docx")])
    assert result.exit_code == 1
    assert (sample / "draft.docx").read_bytes() == before
