"""Re-runs reuse what was read from unchanged files, and only from unchanged files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consolidate import readers
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

    monkeypatch.setattr("consolidate.intake.read_document", counting)
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
