import hashlib
from pathlib import Path

import pytest

from consolidate.pipeline import ReturnsFolderError, consolidate

from .factories import docx_form, xlsx_form


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_reads_every_return_and_places_opinions(consultation, returns_dir):
    docx_form(
        returns_dir / "教育厅.docx",
        [["1", "自治区教育厅", "建议第二部分第二段“统一招生平台”修改为“统一招生服务平台”。", "规范", ""]],
    )
    xlsx_form(returns_dir / "财政厅.xlsx", [[1, "自治区财政厅", "无修改意见", "", ""]])
    result = consolidate(consultation, returns_dir)
    statuses = {u.unit.name: u.status for u in result.units}
    assert statuses["自治区教育厅"] == "opinions"
    assert statuses["自治区财政厅"] == "no_opinion"
    assert statuses["广西税务局"] == "missing"
    (opinion,) = result.opinions
    assert opinion.clauses == ("2.2",)
    assert result.groups[0].clause.id == "2.2"


def test_one_unreadable_file_does_not_cost_the_others(consultation, returns_dir):
    (returns_dir / "自治区财政厅.docx").write_bytes(b"PK\x03\x04broken")
    (returns_dir / "广西税务局.xlsx").write_bytes(b"")
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    result = consolidate(consultation, returns_dir)
    statuses = {u.unit.name: u.status for u in result.units}
    assert statuses["自治区教育厅"] == "opinions"
    assert statuses["自治区财政厅"] == "needs_review"
    assert statuses["广西税务局"] == "needs_review"
    errors = {f.file for f in result.findings if f.severity == "error"}
    assert errors == {"自治区财政厅.docx", "广西税务局.xlsx"}


def test_inputs_are_never_modified_and_nothing_is_written_into_the_folder(consultation, returns_dir):
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    (returns_dir / "sub").mkdir()
    xlsx_form(returns_dir / "sub" / "财政厅.xlsx", [[1, "自治区财政厅", "建议乙", "", ""]])
    before = _fingerprint(returns_dir)
    consolidate(consultation, returns_dir)
    assert _fingerprint(returns_dir) == before


def test_reads_subfolders(consultation, returns_dir):
    (returns_dir / "河池市").mkdir()
    docx_form(returns_dir / "河池市" / "反馈.docx", [["1", "", "建议甲", "", ""]], header=None)
    result = consolidate(consultation, returns_dir)
    assert {u.unit.name: u.status for u in result.units}["河池市人民政府"] == "opinions"


def test_office_lock_files_are_skipped(consultation, returns_dir):
    (returns_dir / "~$教育厅.docx").write_bytes(b"\x00" * 162)
    result = consolidate(consultation, returns_dir)
    assert [f.code for f in result.findings if f.code != "responsible-not-consulted"] == ["ignored-file"]


def test_a_file_of_no_known_unit_keeps_its_opinions(consultation, returns_dir):
    docx_form(returns_dir / "scan.docx", [["1", "", "建议甲", "", ""]], header=None)
    result = consolidate(consultation, returns_dir)
    assert [o.text for o in result.opinions] == ["建议甲"]
    assert any(f.code == "unit-unknown" for f in result.findings)


def test_a_respondent_off_the_roster_is_kept(consultation, returns_dir):
    docx_form(
        returns_dir / "a.docx",
        [["1", "", "建议甲", "", ""]],
        header="单位名称（盖章）：自治区大数据发展局 填表时间：2023年3月30日",
    )
    result = consolidate(consultation, returns_dir)
    unlisted = [u for u in result.units if not u.unit.listed]
    assert [u.unit.name for u in unlisted] == ["自治区大数据发展局"]
    assert result.opinions[0].unit == "自治区大数据发展局"


def test_opinion_ids_are_stable_across_runs(consultation, returns_dir):
    docx_form(
        returns_dir / "教育厅.docx",
        [["1", "自治区教育厅", "建议甲", "", ""], ["2", "自治区教育厅", "建议乙", "", ""]],
    )
    first = [o.id for o in consolidate(consultation, returns_dir).opinions]
    second = [o.id for o in consolidate(consultation, returns_dir).opinions]
    assert first == second and len(set(first)) == 2


def test_a_file_with_a_wrong_extension_is_read_by_its_content(consultation, returns_dir):
    path = docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "建议甲", "", ""]])
    path.rename(returns_dir / "教育厅.doc")
    result = consolidate(consultation, returns_dir)
    assert [o.text for o in result.opinions] == ["建议甲"]


def test_a_missing_folder_is_an_error(consultation, tmp_path):
    with pytest.raises(ReturnsFolderError):
        consolidate(consultation, tmp_path / "nope")


def test_a_blank_template_in_the_folder_is_not_a_reply(consultation, returns_dir):
    docx_form(
        returns_dir / "附件3-修改意见表.docx",
        [],
        header="单位名称（盖章）：    填表时间：  年  月  日",
        blank_rows=6,
    )
    result = consolidate(consultation, returns_dir)
    assert [u.unit.name for u in result.units if not u.unit.listed] == []
    assert [f.code for f in result.findings if f.file == "附件3-修改意见表.docx"] == ["not-a-return"]


def test_a_long_chinese_text_file_is_read_as_text(tmp_path):
    from consolidate.documents.discover import sniff

    path = tmp_path / "意见.txt"
    path.write_text("甲" * 1365 + "乙乙", encoding="utf-8")  # the 4 KB cut falls inside a character
    assert sniff(path) == "text"
