"""Smoke test for the benchmark harness: generator and one measurement at N=5 still run.

No timing assertions — the point is that `benchmarks/` keeps working as the tool changes
(a renamed option or a changed JSON key would otherwise only show up when someone benchmarks).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import measure
from benchmarks.generate import generate


def test_generate_and_measure_once(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "corpus", 5)
    returns = sorted((tmp_path / "corpus" / "returns").iterdir())
    assert len(returns) == manifest.files == 5
    assert {p.suffix for p in returns} <= {".docx", ".xlsx"}

    result = measure(tmp_path / "corpus", repeat=1, out_dir=tmp_path / "out", timeout=120)

    assert result.note == ""
    assert result.tool_median is not None and result.tool_median > 0
    assert result.baseline_median is not None and result.baseline_median > 0
    assert result.ratio is not None
    assert result.tool_peak_rss_mb and result.baseline_peak_rss_mb
    assert result.check["units_expected"] == 5
    assert "opinions_found" in result.check
