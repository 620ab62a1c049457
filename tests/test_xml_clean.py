"""Characters XML cannot hold (control characters from an Excel cell's _x0001_, a pasted
header) never reach the Word or Excel writers; the finding names the file."""

from __future__ import annotations

from pathlib import Path

from consolidate.papers.digest_docx import write_digest
from consolidate.papers.ledger import read_ledger, update_ledger
from consolidate.pipeline import consolidate

from .factories import xlsx_form


def _dirty_return(returns_dir: Path) -> Path:
    path = returns_dir / "教育厅.csv"
    path.write_text(
        "单位名称：自治区教育厅\x01\n序号,单位,修改意见,修改理由,备注\n"
        "1,自治区教育厅,建议\x01删除第二条中的\x02“稳定”二字,理由\x1f,\n",
        encoding="utf-8",
    )
    return path


def test_control_characters_are_removed_and_named(consultation, returns_dir):
    _dirty_return(returns_dir)
    result = consolidate(consultation, returns_dir)
    (opinion,) = result.opinions
    assert opinion.text == "建议删除第二条中的“稳定”二字"
    (finding,) = [f for f in result.findings if f.code == "control-characters"]
    assert finding.file == "教育厅.csv" and "控制字符" in finding.message


def test_the_digest_and_the_ledger_are_written(consultation, returns_dir, tmp_path):
    _dirty_return(returns_dir)
    result = consolidate(consultation, returns_dir)
    write_digest(result, tmp_path / "d.docx")
    update_ledger(result, tmp_path / "L.xlsx")
    assert [r.opinion for r in read_ledger(tmp_path / "L.xlsx")] == ["建议删除第二条中的“稳定”二字"]


def test_an_excel_cell_escaped_as_x0001_is_cleaned(consultation, returns_dir, tmp_path):
    import re
    import shutil
    import zipfile

    path = xlsx_form(returns_dir / "财政厅.xlsx", [["1", "自治区财政厅", "建议PLACEHOLDER修改", "", ""]])
    temp = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xml"):
                data = re.sub(rb"PLACEHOLDER", b"_x0001_", data)
            target.writestr(info, data)
    shutil.move(temp, path)
    result = consolidate(consultation, returns_dir)
    write_digest(result, tmp_path / "d.docx")
    update_ledger(result, tmp_path / "L.xlsx")
    assert all("\x01" not in o.text for o in result.opinions)
