"""Opinion ids: unique across files, stable across runs, and a ledger that follows a file
that was renamed rather than losing its decisions."""

from __future__ import annotations

import shutil

from consolidate.papers.ledger import read_ledger, update_ledger
from consolidate.pipeline import consolidate

from .factories import docx_form
from .ledger_files import decide_all, decisions


def _identical_forms(returns_dir):
    rows = [
        ["1", "", "建议将“稳定招生规模”改为“扩大招生规模”。", "", ""],
        ["2", "", "建议增加经费保障。", "", ""],
    ]
    docx_form(returns_dir / "自治区教育厅.docx", rows, header=None)
    shutil.copyfile(returns_dir / "自治区教育厅.docx", returns_dir / "自治区财政厅.docx")


def test_two_units_that_sent_identical_bytes_never_share_an_id(consultation, returns_dir):
    _identical_forms(returns_dir)
    result = consolidate(consultation, returns_dir)
    by_unit = {o.unit for o in result.opinions}
    assert by_unit == {"自治区教育厅", "自治区财政厅"}
    assert len({o.id for o in result.opinions}) == len(result.opinions) == 4


def test_their_decisions_stay_apart_in_the_ledger(consultation, returns_dir, tmp_path):
    _identical_forms(returns_dir)
    result = consolidate(consultation, returns_dir)
    ledger = tmp_path / "台账.xlsx"
    update_ledger(result, ledger)
    decided = decide_all(ledger)
    update_ledger(consolidate(consultation, returns_dir), ledger)
    assert decisions(ledger) == decided and len(decided) == 4


def test_an_unchanged_file_keeps_its_ids_run_after_run(consultation, returns_dir):
    _identical_forms(returns_dir)
    first = [o.id for o in consolidate(consultation, returns_dir).opinions]
    docx_form(returns_dir / "广西税务局.docx", [["1", "广西税务局", "建议丙", "", ""]], header=None)
    second = consolidate(consultation, returns_dir).opinions
    assert [o.id for o in second if o.unit != "广西税务局"] == first


def test_a_renamed_file_keeps_its_decisions_and_says_so(consultation, returns_dir, tmp_path):
    docx_form(
        returns_dir / "教育厅.docx",
        [["1", "自治区教育厅", "建议甲", "", ""], ["2", "自治区教育厅", "建议乙", "", ""]],
    )
    ledger = tmp_path / "台账.xlsx"
    update_ledger(consolidate(consultation, returns_dir), ledger)
    decided = decide_all(ledger)
    (returns_dir / "教育厅.docx").rename(returns_dir / "教育厅-修改意见表.docx")
    update = update_ledger(consolidate(consultation, returns_dir), ledger)
    rows = read_ledger(ledger)
    assert sorted((r.decision, r.note) for r in rows) == sorted(decided.values())
    assert all(not r.removed for r in rows) and update.carried == 2
    assert any("编号已更新" in note for note in update.notes)
