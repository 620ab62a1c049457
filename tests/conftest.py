from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from consolidate.consultation.draft import parse_draft
from consolidate.consultation.roster import Roster
from consolidate.consultation.settings import load_consultation
from consolidate.model import Consultation, Unit

# Every test reads files afresh; the cache has tests of its own (test_cache.py).
os.environ["CONSOLIDATE_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "gx-2023-57"

DRAFT_LINES = [
    "关于进一步加强高技能人才队伍建设的若干措施",
    "（征求意见稿）",
    "为加快高技能人才队伍建设，制定如下措施。",
    "一、深化思想认识",
    "各级党委、政府要充分认识高技能人才队伍建设的重要性。（责任单位：自治区党委组织部，各设区市人民政府）",
    "二、夯实培养基础",
    "提高中等职业学校生均公用经费基本拨款标准。（责任单位：自治区财政厅、教育厅）",
    "建立全区中等职业学校统一招生平台，稳定招生规模。（责任单位：自治区教育厅）",
    "三、实施专项计划",
    "实施乡村工匠计划。挖掘传统工艺，梯次培养乡村工匠、名师、大师队伍。（责任单位：自治区农业农村厅）",
    "实施技能竞赛引领计划。定期举办广西技能大赛等各类技能竞赛。（责任单位：自治区总工会）",
]

UNITS = (
    Unit("自治区教育厅", "区直单位"),
    Unit("自治区财政厅", "区直单位"),
    Unit("自治区发展改革委", "区直单位"),
    Unit("自治区党委宣传部", "区直单位"),
    Unit("广西税务局", "区直单位", aliases=("国家税务总局广西壮族自治区税务局",)),
    Unit("共青团广西区委", "区直单位"),
    Unit("河池市人民政府", "设区市"),
    Unit("南宁市人民政府", "设区市"),
)


@pytest.fixture
def draft():
    return parse_draft(DRAFT_LINES)


@pytest.fixture
def consultation(draft) -> Consultation:
    return Consultation(
        title="关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）",
        reference="桂人社函〔2023〕57号",
        issuer="广西壮族自治区人力资源和社会保障厅",
        deadline=dt.datetime(2023, 3, 31, 18, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        units=UNITS,
        draft=draft,
    )


@pytest.fixture
def roster() -> Roster:
    return Roster(UNITS)


@pytest.fixture
def returns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def sample_consultation():
    return load_consultation(SAMPLE / "consultation.toml")


def pytest_terminal_summary(terminalreporter):
    """Print attribution accuracy per style, and per consultation, for the evaluations that ran."""
    from .test_attribution_eval import REPORT
    from .test_roster import NAME_REPORT

    for table, per_roster in NAME_REPORT.items():
        terminalreporter.section(f"unit names matched: {table}")
        for name, (ok, n, wrong) in per_roster.items():
            terminalreporter.write_line(f"{name:<28} {ok:>3}/{n:<3} {ok / n:6.1%}   wrong unit: {wrong}")
        ok, n = sum(c[0] for c in per_roster.values()), sum(c[1] for c in per_roster.values())
        terminalreporter.write_line(f"{'overall':<28} {ok:>3}/{n:<3} {ok / n:6.1%}")

    for name, per_style in REPORT.items():
        terminalreporter.section(f"attribution accuracy: {name}")
        right = sum(c[0] for c in per_style.values())
        total = sum(c[1] for c in per_style.values())
        for style, (ok, n, silent) in sorted(per_style.items()):
            terminalreporter.write_line(
                f"{style:<28} {ok:>3}/{n:<3} {ok / n:6.1%}   wrong and not flagged: {silent}"
            )
        silent = sum(c[2] for c in per_style.values())
        terminalreporter.write_line(
            f"{'overall':<28} {right:>3}/{total:<3} {right / total:6.1%}   wrong and not flagged: {silent}"
        )

    from .test_consultations import REPORT as CONSULTATIONS

    for case, measures in sorted(CONSULTATIONS.items()):
        terminalreporter.section(f"consultation accuracy: {case}")
        for measure, value in measures.items():
            terminalreporter.write_line(f"{measure:<32} {value}")
