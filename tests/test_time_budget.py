"""A file's reading is bounded in time on every platform, not only where SIGALRM exists."""

import os
import time

import pytest

from consolidate import pipeline
from consolidate.documents import guards
from consolidate.documents.guards import Stopped, bounded_map
from consolidate.pipeline import consolidate

from .factories import docx_form


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def die(code: int) -> int:
    if code:
        os._exit(code)
    return code


def test_a_job_that_overruns_is_stopped_and_the_others_still_finish():
    # "spawn" starts workers as Windows does: nothing inherited, everything imported afresh.
    started = time.monotonic()
    results = list(bounded_map(nap, [0.0, 60.0, 0.01], seconds=3, workers=2, start_method="spawn"))
    assert results[0] == 0.0 and results[2] == 0.01
    assert isinstance(results[1], Stopped) and "3 秒" in results[1].why
    assert time.monotonic() - started < 30


def test_a_worker_that_crashes_costs_only_its_own_job():
    results = list(bounded_map(die, [0, 3, 0, 0], seconds=30, workers=1))
    assert results[0] == 0 and results[2:] == [0, 0]
    assert isinstance(results[1], Stopped) and "异常退出" in results[1].why


def test_results_come_back_in_the_order_of_the_jobs():
    jobs = [0.3, 0.0, 0.2, 0.0, 0.1]
    assert list(bounded_map(nap, jobs, seconds=30, workers=3)) == jobs


def test_no_jobs_starts_no_worker():
    assert list(bounded_map(nap, [], seconds=1, workers=4)) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the hanging reader is patched in and inherited by fork")
def test_without_sigalrm_a_hanging_file_becomes_a_finding_and_the_run_completes(
    consultation, returns_dir, monkeypatch
):
    import consolidate.intake.take_in as intake

    real_read = intake.read_document

    def read_or_hang(path, kind):
        if "教育厅" in str(path):
            time.sleep(600)
        return real_read(path, kind)

    monkeypatch.setattr(intake, "read_document", read_or_hang)
    monkeypatch.setattr(pipeline, "alarm_available", lambda: False)  # as on Windows
    monkeypatch.setattr(pipeline, "SECONDS_PER_FILE", 3)
    fork = guards.multiprocessing.get_context("fork")  # children inherit the patched reader
    monkeypatch.setattr(guards.multiprocessing, "get_context", lambda method=None: fork)
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    docx_form(returns_dir / "财政厅.docx", [["1", "自治区财政厅", "建议乙", "", ""]], header=None)
    started = time.monotonic()
    result = consolidate(consultation, returns_dir, use_cache=False)
    assert time.monotonic() - started < 60
    statuses = {u.unit.name: u.status for u in result.units}
    assert statuses["自治区财政厅"] == "opinions"
    assert statuses["自治区教育厅"] == "needs_review"
    (finding,) = [f for f in result.findings if f.file == "教育厅.docx" and f.code == "unreadable-file"]
    assert "超过 3 秒" in finding.message


def test_time_budget_is_a_no_op_where_alarms_cannot_interrupt(monkeypatch):
    monkeypatch.setattr(guards, "alarm_available", lambda: False)
    with guards.time_budget(0.01):
        time.sleep(0.05)  # no FileTimeout: the caller bounds the work with bounded_map instead


def test_time_budget_interrupts_where_alarms_exist():
    if not guards.alarm_available():
        pytest.skip("no SIGALRM here")
    with pytest.raises(guards.FileTimeout), guards.time_budget(0.05):
        time.sleep(2)
