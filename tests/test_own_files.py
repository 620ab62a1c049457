"""The tool's own papers copied into the returns folder — under any name — are recognised
by their content and listed once as ignored; a filled-in form the tool printed is still a
unit's return."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from consolidate.cli import main
from consolidate.pipeline import consolidate

from .conftest import SAMPLE
from .factories import docx_form
from .ledger_files import decide_all


def _papers(tmp_path: Path) -> tuple[Path, Path]:
    """A consultation with two returns, and every paper the tool makes from it."""
    shutil.copyfile(SAMPLE / "consultation.toml", tmp_path / "consultation.toml")
    shutil.copyfile(SAMPLE / "draft.docx", tmp_path / "draft.docx")
    returns = tmp_path / "returns"
    returns.mkdir()
    docx_form(returns / "教育厅.docx", [["1", "自治区教育厅", "建议将第三条中的“稳定”改为“扩大”。", "", ""]])
    docx_form(returns / "财政厅.docx", [["1", "自治区财政厅", "建议增加经费保障。", "", ""]],
              header="单位名称（盖章）：自治区财政厅 填表时间：2023年3月29日")  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    args = ["digest", str(returns), "-o", str(out / "digest.docx"), "--json", str(out / "r.json"),
            "--ledger", str(out / "ledger.xlsx"), "-q"]  # fmt: skip
    assert runner.invoke(main, args).exit_code == 0
    decide_all(out / "ledger.xlsx")
    args = [
        "report",
        str(out / "ledger.xlsx"),
        "-o",
        str(out / "report.docx"),
        "--per-unit",
        str(out / "letters"),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    return returns, out


def test_the_tools_papers_under_innocent_names_are_ignored_once(tmp_path):
    returns, out = _papers(tmp_path)
    before = consolidate(_load(tmp_path), returns)
    copies = {
        "税务局.docx": out / "digest.docx",
        "南宁市人民政府.docx": out / "report.docx",
        "河池市人民政府.xlsx": out / "ledger.xlsx",
        "发展改革委.json": out / "r.json",
        "宣传部.docx": next((out / "letters").iterdir()),
    }
    for name, source in copies.items():
        shutil.copyfile(source, returns / name)
    after = consolidate(_load(tmp_path), returns)
    assert [(u.unit.name, u.status) for u in after.units] == [(u.unit.name, u.status) for u in before.units]
    assert [o.text for o in after.opinions] == [o.text for o in before.opinions]
    for name in copies:
        notes = [f for f in after.findings if f.file == name]
        assert len(notes) == 1 and notes[0].code == "ignored-file" and "本工具生成" in notes[0].message, name


def test_a_printed_form_filled_in_by_a_unit_is_a_return(tmp_path):
    returns, _ = _papers(tmp_path)
    forms = tmp_path / "forms"
    assert (
        CliRunner()
        .invoke(main, ["forms", "-c", str(tmp_path / "consultation.toml"), "-o", str(forms)])
        .exit_code
        == 0
    )
    printed = next(p for p in forms.iterdir() if p.suffix == ".docx" and "税务局" in p.name)
    from docx import Document

    document = Document(str(printed))
    table = document.tables[0]
    cells = table.rows[1].cells
    cells[-3].text = "建议明确税收优惠政策的适用范围。"
    document.save(str(returns / printed.name))
    result = consolidate(_load(tmp_path), returns)
    assert any("税收优惠" in o.text for o in result.opinions)


def _load(tmp_path: Path):
    from consolidate.consultation.settings import load_consultation

    return load_consultation(tmp_path / "consultation.toml")
