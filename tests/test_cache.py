"""Re-runs reuse what was read from unchanged files, and only from unchanged files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consolidate.documents import readers
from consolidate.pipeline import consolidate

from .factories import docx_form


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONSOLIDATE_CACHE", str(folder))
    return folder


def _count_reads(monkeypatch) -> list[Path]:
    reads: list[Path] = []
    real = readers.read_document

    def counting(path, kind):
        reads.append(path)
        return real(path, kind)

    monkeypatch.setattr("consolidate.intake.take_in.read_document", counting)
    return reads


def test_a_rerun_reads_only_the_new_file(consultation, returns_dir, cache, monkeypatch):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    docx_form(returns_dir / "财政厅.docx", [["1", "自治区财政厅", "建议乙", "", ""]],
              header="单位名称（盖章）：自治区财政厅 填表时间：2023年3月29日")  # fmt: skip
    first = consolidate(consultation, returns_dir)
    reads = _count_reads(monkeypatch)
    docx_form(returns_dir / "税务局.docx", [["1", "广西税务局", "建议丙", "", ""]],
              header="单位名称（盖章）：广西税务局 填表时间：2023年3月30日")  # fmt: skip
    second = consolidate(consultation, returns_dir)
    assert [p.name for p in reads] == ["税务局.docx"]
    assert [o.id for o in second.opinions if o.unit != "广西税务局"] == [o.id for o in first.opinions]


def test_a_changed_file_is_read_again(consultation, returns_dir, cache, monkeypatch):
    path = docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    docx_form(path, [["1", "自治区教育厅", "建议乙", "", ""]])
    reads = _count_reads(monkeypatch)
    result = consolidate(consultation, returns_dir)
    assert len(reads) == 1 and [o.text for o in result.opinions] == ["建议乙"]


def test_the_cache_is_never_inside_the_returns_folder(consultation, returns_dir, cache):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    assert sorted(p.name for p in returns_dir.iterdir()) == ["教育厅.docx"]
    assert any(cache.rglob("*"))


def test_no_cache_reads_everything(consultation, returns_dir, cache, monkeypatch):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    reads = _count_reads(monkeypatch)
    consolidate(consultation, returns_dir, use_cache=False)
    assert len(reads) == 1


def test_a_corrupt_cache_entry_is_a_miss(consultation, returns_dir, cache):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    assert [o.text for o in consolidate(consultation, returns_dir).opinions] == ["建议甲"]
    shutil.rmtree(cache)


def _entries(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*.json") if p.is_file()]


def test_entries_are_data_never_pickles(consultation, returns_dir, cache):
    import json

    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    (entry,) = _entries(cache)
    record = json.loads(entry.read_text(encoding="utf-8"))
    assert {"format", "key", "sha256", "value"} <= set(record)
    assert not list(cache.rglob("*.pickle")) and b"\x80\x04" not in entry.read_bytes()[:2]


def test_a_pickle_planted_in_the_cache_is_never_loaded(consultation, returns_dir, cache, monkeypatch):
    import pickle

    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    (entry,) = _entries(cache)
    entry.write_bytes(pickle.dumps(("read", "planted")))
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("a cache entry was unpickled"))
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("a cache entry was unpickled"))
    assert [o.text for o in consolidate(consultation, returns_dir).opinions] == ["建议甲"]


def test_a_truncated_entry_is_rebuilt_not_trusted(consultation, returns_dir, cache, monkeypatch):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    (entry,) = _entries(cache)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    reads = _count_reads(monkeypatch)
    assert [o.text for o in consolidate(consultation, returns_dir).opinions] == ["建议甲"]
    assert len(reads) == 1
    reads.clear()
    consolidate(consultation, returns_dir)
    assert reads == []  # rebuilt on the run that found it damaged


def test_an_entry_whose_content_was_altered_fails_its_checksum(consultation, returns_dir, cache):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    (entry,) = _entries(cache)
    entry.write_text(entry.read_text(encoding="utf-8").replace("建议甲", "建议乙"), encoding="utf-8")
    assert [o.text for o in consolidate(consultation, returns_dir).opinions] == ["建议甲"]


def test_an_entry_copied_under_another_key_is_refused(consultation, returns_dir, cache):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    consolidate(consultation, returns_dir)
    (first,) = _entries(cache)
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议乙", "", ""]])
    consolidate(consultation, returns_dir)
    (second,) = [p for p in _entries(cache) if p != first]
    second.write_bytes(first.read_bytes())
    assert [o.text for o in consolidate(consultation, returns_dir).opinions] == ["建议乙"]


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="POSIX permissions")
def test_a_cache_folder_others_can_write_is_not_used(consultation, returns_dir, cache, monkeypatch):
    import os

    cache.mkdir(mode=0o777)
    os.chmod(cache, 0o777)
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    result = consolidate(consultation, returns_dir)
    assert not _entries(cache)
    assert any(f.code == "cache-unsafe" and "其他用户写入" in f.message for f in result.findings)


def test_the_cache_lives_in_the_platforms_cache_folder(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir

    from consolidate.intake.cache import cache_dir

    monkeypatch.delenv("CONSOLIDATE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == Path(user_cache_dir("consolidate", appauthor=False))
    assert str(cache_dir()).startswith(str(tmp_path)) or __import__("sys").platform != "linux"


def test_a_new_cache_folder_is_private(cache, tmp_path):
    import os

    from consolidate.intake.cache import ResultCache

    ResultCache(cache).put("ab" * 32, ("refused", "太大"))
    if os.name == "posix":
        assert cache.stat().st_mode & 0o077 == 0
    assert ResultCache(cache).get("ab" * 32) == ("refused", "太大")


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_a_damaged_entry_for_a_converted_file_is_rebuilt_by_converting_again(
    consultation, returns_dir, cache
):
    data = Path(__file__).parent / "data" / "lo-form.doc"
    shutil.copyfile(data, returns_dir / "自治区教育厅.doc")
    first = consolidate(consultation, returns_dir)
    assert first.opinions
    for entry in _entries(cache):
        entry.write_bytes(entry.read_bytes()[:40])
    again = consolidate(consultation, returns_dir)
    assert [o.text for o in again.opinions] == [o.text for o in first.opinions]
    assert all(r.readable for r in again.returns)


def test_a_file_replaced_during_conversion_is_not_cached_under_the_new_bytes(
    consultation, returns_dir, cache, monkeypatch, tmp_path
):
    legacy = returns_dir / "自治区教育厅.rtf"
    legacy.write_bytes(b"{\\rtf1 old}")
    converted = docx_form(tmp_path / "converted.docx", [["1", "自治区教育厅", "旧的意见", "", ""]])

    def convert_while_the_clerk_copies_a_correction(files, workdir):
        legacy.write_bytes(b"{\\rtf1 corrected}")
        return {f.relative: converted for f in files}, []

    monkeypatch.setattr(
        "consolidate.pipeline.convert_word_files", convert_while_the_clerk_copies_a_correction
    )
    result = consolidate(consultation, returns_dir)
    assert not any(o.text == "旧的意见" for o in result.opinions)
    assert any(f.code == "changed-while-reading" and f.file == "自治区教育厅.rtf" for f in result.findings)
    assert not _entries(cache)


def test_a_half_written_entry_of_a_killed_run_is_removed(cache):
    import subprocess
    import sys

    from consolidate.intake.cache import ResultCache

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (cache / "ab").mkdir(parents=True)
    orphan = cache / "ab" / f".{'ab' * 32}.json.{dead.stdout.strip()}.x1y2z3.tmp"
    orphan.write_bytes(b'{"format": ')
    ResultCache(cache)
    assert not orphan.exists()
