"""The ledger is the team's document: whatever a spreadsheet user does to it in weeks of
work, a re-run keeps every decision, or refuses with a message and leaves the file as it was.

Each case starts from a ledger in which every opinion has a decision, edits it the way a
user (or another program) would, re-runs, and compares every decision.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from consolidate.papers.ledger import (
    REMOVED,
    SHEET,
    LedgerError,
    check_ledger_path,
    lock_files,
    read_ledger,
    update_ledger,
)
from consolidate.pipeline import consolidate

from .factories import docx_form
from .ledger_files import cache_formula_values, decide_all, decisions, understate_dimension

UNIT_FORMS = [
    ("教育厅.docx", "自治区教育厅"),
    ("财政厅.docx", "自治区财政厅"),
    ("税务局.docx", "广西税务局"),
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    import datetime as dt

    from consolidate.consultation.draft import parse_draft
    from consolidate.model import Consultation

    from .conftest import DRAFT_LINES, UNITS

    consultation = Consultation(
        title="关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）", reference="桂人社函〔2023〕57号",
        issuer="广西壮族自治区人力资源和社会保障厅", deadline=dt.datetime(2023, 3, 31, 18),
        units=UNITS, draft=parse_draft(DRAFT_LINES),
    )  # fmt: skip
    returns = tmp_path_factory.mktemp("returns")
    for file, unit in UNIT_FORMS:
        rows = [
            [str(n), unit, f"{unit}建议第{n}条：提高中等职业学校生均公用经费", f"理由{n}", ""]
            for n in range(1, 4)
        ]
        docx_form(returns / file, rows, header=f"单位名称（盖章）：{unit} 填表时间：2023年3月28日")
    return consolidate(consultation, returns)


@pytest.fixture
def ledger(tmp_path, result) -> tuple[Path, dict[str, tuple[str, str]]]:
    path = tmp_path / "台账.xlsx"
    update_ledger(result, path)
    return path, decide_all(path)


def _rerun(result, path: Path):
    return update_ledger(result, path)


def _sheet(path: Path):
    workbook = load_workbook(path)
    return workbook, workbook[SHEET]


def test_a_fresh_ledger_has_one_row_per_opinion(result, ledger):
    _, decided = ledger
    assert len(decided) == len(result.opinions) == 9


def test_a_rerun_keeps_every_decision(result, ledger):
    path, decided = ledger
    update = _rerun(result, path)
    assert decisions(path) == decided and update.carried == 9


def test_a_duplicated_row_is_an_error_naming_both_rows(result, ledger):
    path, _ = ledger
    workbook, sheet = _sheet(path)
    sheet.append([c.value for c in sheet[4]])
    sheet.cell(sheet.max_row, 12, "采纳")
    workbook.save(path)
    before = path.read_bytes()
    with pytest.raises(LedgerError, match=r"第4行和第11行"):
        _rerun(result, path)
    assert path.read_bytes() == before


def test_an_inserted_column_is_kept_with_its_values(result, ledger):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    sheet.insert_cols(2)
    sheet.cell(1, 2, "经办人")
    for r in range(2, sheet.max_row + 1):
        sheet.cell(r, 2, f"张三{r}")
    workbook.save(path)
    _rerun(result, path)
    _, sheet = _sheet(path)
    assert sheet.cell(1, 2).value == "经办人" and [sheet.cell(r, 2).value for r in (2, 10)] == [
        "张三2",
        "张三10",
    ]
    assert decisions(path) == decided


def test_a_deleted_row_comes_back_as_new_and_no_other_decision_moves(result, ledger):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    gone = sheet.cell(5, 1).value
    sheet.delete_rows(5)
    workbook.save(path)
    update = _rerun(result, path)
    after = decisions(path)
    assert {k: v for k, v in after.items() if k != gone} == {k: v for k, v in decided.items() if k != gone}
    assert after[gone] == ("", "") and update.added == 1
    assert any("追加" in note for note in update.notes)
    (row,) = [r for r in read_ledger(path) if r.id == gone]
    assert row.state == "新增"


def test_sorted_rows_stay_in_the_teams_order(result, ledger):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    rows = [[c.value for c in sheet[r]] for r in range(2, sheet.max_row + 1)]
    rows.reverse()
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c).value = value
    workbook.save(path)
    order = [r.id for r in read_ledger(path)]
    _rerun(result, path)
    assert [r.id for r in read_ledger(path)] == order and decisions(path) == decided


def test_merged_decision_cells_count_for_every_row_they_cover(result, ledger):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    sheet.cell(2, 12, "采纳")
    sheet.merge_cells("L2:L4")
    workbook.save(path)
    ids = [r.id for r in read_ledger(path)][:3]
    _rerun(result, path)
    after = decisions(path)
    assert [after[i][0] for i in ids] == ["采纳"] * 3
    assert "L2:L4" in {str(m) for m in _sheet(path)[1].merged_cells.ranges}
    assert {k: v for k, v in after.items() if k not in ids} == {
        k: v for k, v in decided.items() if k not in ids
    }


def test_a_formula_decision_keeps_its_value_and_says_so(result, ledger):
    path, _ = ledger
    workbook, sheet = _sheet(path)
    first = sheet.cell(2, 1).value
    sheet.cell(2, 12, '="不"&"采纳"')
    workbook.save(path)
    cache_formula_values(path, {"L2": "不采纳"})
    update = _rerun(result, path)
    assert decisions(path)[first][0] == "不采纳"
    assert any("公式" in note for note in update.notes)


def test_a_formula_decision_without_a_stored_value_is_refused(result, ledger):
    path, _ = ledger
    workbook, sheet = _sheet(path)
    sheet.cell(3, 12, '=IF(1,"采纳","")')
    workbook.save(path)  # openpyxl stores no computed value, as a program that never calculated
    before = path.read_bytes()
    with pytest.raises(LedgerError, match=r"第3行.*公式"):
        _rerun(result, path)
    assert path.read_bytes() == before


def test_an_extra_sheet_is_kept(result, ledger):
    path, decided = ledger
    workbook, _ = _sheet(path)
    notes = workbook.create_sheet("会议记录")
    notes["A1"] = "4月3日会议：税务局意见待定"
    workbook.save(path)
    _rerun(result, path)
    workbook, _ = _sheet(path)
    assert workbook["会议记录"]["A1"].value == "4月3日会议：税务局意见待定"
    assert decisions(path) == decided


def test_rows_without_an_id_stay_where_the_team_put_them(result, ledger, tmp_path):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    sheet.insert_rows(5)
    sheet.cell(5, 5, "以下为设区市意见")
    sheet.cell(sheet.max_row + 2, 5, "合计：9条")
    workbook.save(path)
    more = dataclasses.replace(
        result, opinions=(*result.opinions, dataclasses.replace(result.opinions[0], id="newid-01"))
    )
    _rerun(more, path)
    _, sheet = _sheet(path)
    assert sheet.cell(5, 5).value == "以下为设区市意见"
    assert (
        sheet.cell(sheet.max_row - 1, 5).value == "合计：9条"
        and sheet.cell(sheet.max_row, 1).value == "newid-01"
    )
    assert {k: v for k, v in decisions(path).items() if k != "newid-01"} == decided


def test_every_row_is_read_whatever_the_stored_used_range_says(result, ledger):
    path, decided = ledger
    understate_dimension(path, last_row=3)
    assert decisions(path) == decided
    _rerun(result, path)
    assert decisions(path) == decided


@pytest.mark.parametrize("lock", ["~$台账.xlsx", ".~lock.台账.xlsx#"])
def test_an_open_ledger_is_not_written(result, ledger, lock):
    path, _ = ledger
    (path.parent / lock).write_text("user")
    before = path.read_bytes()
    assert lock_files(path)
    for attempt in (lambda: check_ledger_path(path), lambda: _rerun(result, path)):
        with pytest.raises(LedgerError, match="正在被 Excel/WPS/LibreOffice 打开"):
            attempt()
    assert path.read_bytes() == before


def test_a_ledger_saved_during_the_run_is_not_overwritten(result, ledger, monkeypatch):
    path, _ = ledger
    import consolidate.papers.ledger as module

    real = module._update

    def user_saves_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        workbook, sheet = _sheet(path)
        sheet.cell(2, 13, "会上刚改的理由")
        workbook.save(path)
        return outcome

    monkeypatch.setattr(module, "_update", user_saves_meanwhile)
    with pytest.raises(LedgerError, match="被修改或保存过"):
        _rerun(result, path)
    assert read_ledger(path)[0].note == "会上刚改的理由"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_only_xlsx_is_a_ledger(tmp_path):
    for name in ("台账.xls", "台账.et", "台账.csv", "台账"):
        with pytest.raises(LedgerError, match=r"\.xlsx"):
            check_ledger_path(tmp_path / name)
        assert not (tmp_path / name).exists()


def test_a_removed_opinion_keeps_its_decision_and_is_marked(result, ledger):
    path, decided = ledger
    fewer = dataclasses.replace(result, opinions=result.opinions[1:])
    update = _rerun(fewer, path)
    gone = result.opinions[0].id
    (row,) = [r for r in read_ledger(path) if r.id == gone]
    assert row.state == REMOVED and (row.decision, row.note) == decided[gone] and update.removed == 1


def test_control_characters_never_reach_the_workbook(result, tmp_path):
    dirty = dataclasses.replace(
        result,
        opinions=(dataclasses.replace(result.opinions[0], text="建议\x01修改\x0b第一条", unit="教育\x1f厅"),),
    )
    path = tmp_path / "台账.xlsx"
    update_ledger(dirty, path)
    (row,) = read_ledger(path)
    assert row.opinion == "建议修改第一条" and row.unit == "教育厅"


def test_the_ledger_prints_landscape_fitted_to_width_with_its_header_repeated(result, ledger):
    path, _ = ledger
    _, sheet = _sheet(path)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_area and sheet.print_area.endswith(f"$N${sheet.max_row}")
    assert all(sheet.cell(2, c).alignment.wrap_text for c in range(1, 15))
    assert sheet.row_dimensions[2].height and sheet.row_dimensions[2].height > 15


def test_a_ledger_with_charts_or_pictures_is_refused_rather_than_stripped(result, ledger):
    path, _ = ledger
    import zipfile

    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/charts/chart1.xml", "<c:chartSpace/>")
    before = path.read_bytes()
    with pytest.raises(LedgerError, match="图表"):
        _rerun(result, path)
    assert path.read_bytes() == before
    assert os.path.exists(path)


def test_a_row_the_team_added_with_its_own_id_is_left_alone(result, ledger):
    path, decided = ledger
    workbook, sheet = _sheet(path)
    row = sheet.max_row + 1
    for column, value in (
        (1, "电话-1"),
        (4, "自治区总工会"),
        (5, "电话反馈：建议增加劳模工匠内容"),
        (12, "采纳"),
    ):
        sheet.cell(row, column, value)
    workbook.save(path)
    update = _rerun(result, path)
    (mine,) = [r for r in read_ledger(path) if r.id == "电话-1"]
    assert not mine.removed and mine.decision == "采纳" and update.removed == 0
    assert decisions(path) == {**decided, "电话-1": ("采纳", "")}


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_a_ledger_saved_by_libreoffice_keeps_every_decision(result, ledger, tmp_path):
    import subprocess

    path, decided = ledger
    out = tmp_path / "saved"
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    (out / path.name).replace(path)  # as if the team had saved it in LibreOffice Calc
    _rerun(result, path)
    assert decisions(path) == decided
