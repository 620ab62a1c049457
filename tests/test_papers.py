"""After the meeting and around it: ledger, adoption report, letters, chasing, set-up, forms."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from consolidate.cli import main
from consolidate.consultation.letter import parse_letter
from consolidate.papers.ledger import DECISION_COLUMN, NOTE_COLUMN, REMOVED, SHEET

from .conftest import SAMPLE
from .factories import docx_form

SEED = SAMPLE / "letter.txt"  # the real letter 桂人社函〔2023〕57号, as plain text


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "gx"
    shutil.copytree(SAMPLE, target)
    return target


def _digest_with_ledger(sample: Path, tmp_path: Path) -> Path:
    ledger = tmp_path / "ledger.xlsx"
    result = CliRunner().invoke(
        main,
        ["digest", str(sample / "returns"), "-o", str(tmp_path / "d.docx"), "--ledger", str(ledger), "-q"],
    )
    assert result.exit_code == 0, result.output
    return ledger


def _decide(ledger: Path, decide) -> None:
    workbook = load_workbook(ledger)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        decision, note = decide(row, sheet.cell(row, header.index("编号") + 1).value)
        sheet.cell(row, header.index(DECISION_COLUMN) + 1).value = decision
        sheet.cell(row, header.index(NOTE_COLUMN) + 1).value = note
    workbook.save(ledger)


def _rows(ledger: Path) -> list[dict]:
    sheet = load_workbook(ledger, read_only=True)[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_the_ledger_has_one_row_per_opinion_and_a_decision_drop_down(sample, tmp_path):
    ledger = _digest_with_ledger(sample, tmp_path)
    workbook = load_workbook(ledger)
    sheet = workbook[SHEET]
    rows = _rows(ledger)
    assert len(rows) == len({r["编号"] for r in rows}) > 30
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    (validation,) = sheet.data_validations.dataValidation
    assert "采纳,部分采纳,不采纳,已吸收" in validation.formula1
    assert "反馈情况" in workbook.sheetnames


def test_rerunning_keeps_decisions_and_marks_removed_opinions(sample, tmp_path):
    ledger = _digest_with_ledger(sample, tmp_path)
    _decide(ledger, lambda row, _id: ("不采纳", f"理由{row}"))
    # A new return arrives, and one return is withdrawn.
    docx_form(sample / "returns" / "残联-修改意见表.docx", [["1", "自治区残联", "建议增加残疾人技能培训内容。", "", ""]],
              header="单位名称（盖章）：自治区残联 填表时间：2023年4月1日")  # fmt: skip
    (sample / "returns" / "网信办-修改意见表.docx").unlink()
    _digest_with_ledger(sample, tmp_path)
    rows = _rows(ledger)
    new = [r for r in rows if r["提出单位"] == "自治区残联"]
    assert new and new[0]["处理意见"] is None and new[0]["状态"] == "新增"
    removed = [r for r in rows if r["提出单位"] == "自治区党委网信办"]
    assert removed and removed[0]["状态"] == REMOVED and removed[0]["处理意见"] == "不采纳"
    kept = [r for r in rows if r["提出单位"] == "自治区教育厅"]
    assert all(r["处理意见"] == "不采纳" and r["说明"].startswith("理由") for r in kept)


def test_report_refuses_while_decisions_are_missing_listing_them(sample, tmp_path):
    ledger = _digest_with_ledger(sample, tmp_path)
    _decide(ledger, lambda row, _id: ("不采纳" if row == 2 else "采纳" if row == 3 else "随便", ""))
    result = CliRunner().invoke(main, ["report", str(ledger), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 1
    assert "第2行" in result.output and "须在“说明”列写明理由" in result.output
    assert "不是采纳/部分采纳/不采纳/已吸收之一" in result.output
    assert not (tmp_path / "r.docx").exists()


def test_report_states_the_counts_and_every_decision(sample, tmp_path):
    ledger = _digest_with_ledger(sample, tmp_path)
    _decide(
        ledger,
        lambda row, _id: (
            ["采纳", "部分采纳", "未采纳"][row % 3],
            "" if row % 3 == 0 else "与国家文件表述保持一致",
        ),
    )
    out = tmp_path / "说明.docx"
    letters = tmp_path / "letters"
    result = CliRunner().invoke(
        main, ["report", str(ledger), "-o", str(out), "--per-unit", str(letters), "--date", "2023-04-20"]
    )
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "共征求42个单位意见" in text and "采纳" in text and "未采纳" in text
    assert "未采纳的主要理由：与国家文件表述保持一致" in text
    rows = _rows(ledger)
    assert len(document.tables[0].rows) == len(rows) + 1
    assert (letters / "自治区教育厅-反馈函.docx").exists()
    letter = Document(str(letters / "自治区教育厅-反馈函.docx"))
    assert "自治区教育厅：" in "\n".join(p.text for p in letter.paragraphs)
    assert "2023年4月20日" in "\n".join(p.text for p in letter.paragraphs)


def test_chase_lists_missing_and_unreadable_units_with_a_message_each(sample):
    result = CliRunner().invoke(main, ["chase", str(sample / "returns"), "--format", "plain"])
    assert result.exit_code == 0
    assert "需要催报的单位（15个）" in result.output
    assert "梧州市人民政府：" in result.output and "无修改意见的也请正式反馈" in result.output
    assert "自治区商务厅：" in result.output and "请重新发送" in result.output
    assert "0771-5855902" in result.output


def test_init_from_the_seed_letter_reproduces_the_samples_roster_and_deadline(tmp_path):
    result = CliRunner().invoke(main, ["init", str(SEED), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    made = (tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8")
    sample = (SAMPLE / "consultation.toml").read_text(encoding="utf-8")

    def unit_names(text: str) -> list[str]:
        blocks = text.split("[[unit]]")[1:]
        return [re.search(r'name = "(.+)"', block).group(1) for block in blocks]

    assert unit_names(made) == unit_names(sample)
    assert "deadline = 2023-03-31T18:00:00+08:00" in made
    assert (tmp_path / "c" / "draft.docx").exists()
    from consolidate.consultation.settings import load_consultation

    consultation = load_consultation(tmp_path / "c" / "consultation.toml")
    assert len(consultation.units) == 42
    assert len(consultation.draft.parts()) == 9


def test_letter_parsing_expands_shared_prefixes_and_reads_contacts():
    lines = [
        "某某厅函〔2024〕3号", "广东省人力资源和社会保障厅关于征求", "《某某办法（征求意见稿）》意见的函",
        "省有关单位：", "请于2024年5月10日下午5:30前反馈。", "联系人：张三、李四", "联系电话：020-1234567、7654321",
        "附件：1．某某办法（征求意见稿）", "2．有关单位名单", "附件1", "某某办法", "第一条 为了规范，制定本办法。",
        "附件2", "有关单位名单", "省委组织部、宣传部，省教育厅、财政厅。",
    ]  # fmt: skip
    letter = parse_letter(lines)
    assert letter.reference == "某某厅函〔2024〕3号"
    assert letter.issuer == "广东省人力资源和社会保障厅"
    assert letter.title == "某某办法（征求意见稿）"
    assert (letter.deadline.hour, letter.deadline.minute) == (17, 30)
    assert letter.contacts == [("张三", "020-1234567", ""), ("李四", "020-7654321", "")]
    assert [u for u, _ in letter.units] == ["省委组织部", "省委宣传部", "省教育厅", "省财政厅"]


def test_forms_are_prefilled_with_each_units_name(sample, tmp_path):
    result = CliRunner().invoke(
        main, ["forms", "-c", str(sample / "consultation.toml"), "-o", str(tmp_path / "f")]
    )
    assert result.exit_code == 0
    made = sorted(p.name for p in (tmp_path / "f").iterdir())
    assert len(made) == 84
    form = Document(str(tmp_path / "f" / "附件3-修改意见表（自治区教育厅）.docx"))
    assert any("单位名称（盖章）：自治区教育厅" in p.text for p in form.paragraphs)


def test_a_prefilled_form_comes_back_identified(sample, tmp_path):
    CliRunner().invoke(main, ["forms", "-c", str(sample / "consultation.toml"), "-o", str(tmp_path / "f")])
    returns = tmp_path / "returns"
    returns.mkdir()
    shutil.copy(tmp_path / "f" / "附件3-修改意见表（自治区残联）.xlsx", returns / "form.xlsx")
    from consolidate.consultation.settings import load_consultation
    from consolidate.pipeline import consolidate

    result = consolidate(load_consultation(sample / "consultation.toml"), returns)
    report = next(u for u in result.units if u.unit.name == "自治区残联")
    assert report.status == "needs_review"  # returned blank: confirm with the unit
    assert any(f.code == "blank-form" for f in result.findings)


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_text_formats_for_pipes(sample, fmt):
    result = CliRunner().invoke(main, ["status", str(sample / "returns"), "--format", fmt])
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    assert ("| 单位" in result.output) == (fmt == "markdown")


def test_quiet_prints_nothing_on_success(sample, tmp_path):
    result = CliRunner().invoke(
        main, ["digest", str(sample / "returns"), "-o", str(tmp_path / "d.docx"), "-q"]
    )
    assert result.exit_code == 0 and result.output == ""


def _missing_units(sample: Path) -> list[str]:
    from consolidate.consultation.settings import load_consultation
    from consolidate.pipeline import consolidate

    result = consolidate(load_consultation(sample / "consultation.toml"), sample / "returns")
    return [r.unit.name for r in result.units if r.status == "missing"]


def test_chase_writes_a_notice_per_unit_or_a_single_list_naming_every_missing_unit(sample, tmp_path):
    missing = _missing_units(sample)
    for args, name in (
        ([], "each.docx"),
        (["--single"], "list.docx"),
        (["--single"], "list.txt"),
        ([], "each.txt"),
    ):
        out = tmp_path / name
        result = CliRunner().invoke(
            main, ["chase", str(sample / "returns"), "--format", "plain", "-o", str(out), *args]
        )
        assert result.exit_code == 0, result.output
        if out.suffix == ".txt":
            text = out.read_text(encoding="utf-8")
        else:
            document = Document(str(out))
            text = "\n".join([p.text for p in document.paragraphs]
                             + [c.text for t in document.tables for r in t.rows for c in r.cells])  # fmt: skip
        assert all(unit in text for unit in missing), name
        assert "自治区商务厅" in text  # a reply that could not be read is chased too
        if name == "each.docx":
            starts = [p for p in Document(str(out)).paragraphs if p.paragraph_format.page_break_before]
            assert len(starts) == 15 - 1  # one notice a page
            assert all(f"{unit}：" in text for unit in missing)


def test_chase_output_must_be_docx_or_txt(sample, tmp_path):
    result = CliRunner().invoke(main, ["chase", str(sample / "returns"), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "x.pdf").exists()


def test_the_xlsx_form_prints_landscape_fitted_to_width_with_its_title_on_page_one(sample, tmp_path):
    CliRunner().invoke(main, ["forms", "-c", str(sample / "consultation.toml"), "-o", str(tmp_path / "f")])
    sheet = load_workbook(tmp_path / "f" / "附件3-修改意见表（自治区教育厅）.xlsx")["修改意见表"]
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert sheet.print_area and "$A$1" in sheet.print_area  # the title prints on page 1
    blank = header_row + 2
    assert sheet.cell(blank, 3).alignment.wrap_text and sheet.row_dimensions[blank].height >= 40
