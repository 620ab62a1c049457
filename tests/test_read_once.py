"""Each return is read once: its bytes once, its zip directory once, whatever the steps
(sniffing, the tool's own papers, the guards, the reader, the cache key) that look inside.
On a re-run an unchanged return is not opened as a zip at all."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest

from consolidate.pipeline import consolidate

from .factories import docx_form, xlsx_form


@pytest.fixture
def opens(monkeypatch) -> Counter[str]:
    """Zip directories parsed (``"zip"``) and whole-file reads per file name."""
    counts: Counter[str] = Counter()
    real_read_bytes = Path.read_bytes

    class CountingZipFile(zipfile.ZipFile):
        def __init__(self, file, *args, **kwargs) -> None:
            counts["zip"] += 1
            super().__init__(file, *args, **kwargs)

    def read_bytes(path: Path) -> bytes:
        counts[path.name] += 1
        return real_read_bytes(path)

    monkeypatch.setattr(zipfile, "ZipFile", CountingZipFile)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return counts


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_return_is_opened_once(consultation, returns_dir, monkeypatch, opens, suffix):
    monkeypatch.setenv("CONSOLIDATE_CACHE", "off")
    name = f"教育厅{suffix}"
    make = docx_form if suffix == ".docx" else xlsx_form
    make(returns_dir / name, [["1", "自治区教育厅", "建议甲", "", ""]])
    opens.clear()
    result = consolidate(consultation, returns_dir, use_cache=False)
    assert [o.text for o in result.opinions] == ["建议甲"]
    assert opens["zip"] == 1
    assert opens[name] == 1


def test_an_unchanged_return_is_not_opened_again(consultation, returns_dir, monkeypatch, opens, tmp_path):
    monkeypatch.setenv("CONSOLIDATE_CACHE", str(tmp_path / "cache"))
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    xlsx_form(returns_dir / "财政厅.xlsx", [["1", "自治区财政厅", "建议乙", "", ""]])
    consolidate(consultation, returns_dir)
    opens.clear()
    again = consolidate(consultation, returns_dir)
    assert sorted(o.text for o in again.opinions) == ["建议乙", "建议甲"]
    assert opens["zip"] == 0
    assert opens["教育厅.docx"] == opens["财政厅.xlsx"] == 1
