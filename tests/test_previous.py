"""A second round remembers the first: repeated opinions carry the round-1 decision."""

from __future__ import annotations

from consolidate.analysis.previous import RoundOneOpinion, link_previous
from consolidate.consultation.draft import parse_draft
from consolidate.model import Opinion

from .conftest import DRAFT_LINES

ROUND_ONE = (
    RoundOneOpinion(
        "r1-01", "自治区财政厅", "建议删除“明确按一定比例”，经费保障按现行规定执行。", "第二部分第1段",
        "提高中等职业学校生均公用经费基本拨款标准。（责任单位：自治区财政厅、教育厅）", "不采纳",
        "国家文件原文，予以保留",
    ),
    RoundOneOpinion(
        "r1-02", "自治区教育厅", "建议将“建立全区中等职业学校统一招生平台”改为“完善全区中等职业学校统一招生平台”。",
        "第二部分第2段", "建立全区中等职业学校统一招生平台，稳定招生规模。", "采纳", "",
    ),
)  # fmt: skip


def _draft_with_a_new_part():
    """Round 2's draft: a part inserted at the front, so every round-1 number moved."""
    lines = list(DRAFT_LINES)
    lines[3:3] = ["一、总体要求", "坚持需求导向，统筹推进高技能人才队伍建设。"]
    renumbered = []
    for line in lines[5:]:
        for old, new in (("一、", "二、"), ("二、", "三、"), ("三、", "四、")):
            if line.startswith(old):
                line = new + line[2:]
                break
        renumbered.append(line)
    return parse_draft(lines[:5] + renumbered)


def _opinion(text: str, unit: str, clauses: tuple[str, ...] = ()) -> Opinion:
    return Opinion(id="n-01", unit=unit, text=text, clauses=clauses)


def test_a_repeated_declined_opinion_carries_the_round_one_decision_and_reason():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("再次建议删除“明确按一定比例”。", "自治区财政厅", ("3.1",))], ROUND_ONE, draft
    )
    assert linked.previous is not None
    assert (linked.previous.id, linked.previous.decision, linked.previous.reason) == (
        "r1-01", "不采纳", "国家文件原文，予以保留",
    )  # fmt: skip
    assert linked.previous.words.startswith("第一轮")
    assert "未采纳（理由：国家文件原文，予以保留）" in linked.previous.words


def test_another_unit_raising_the_same_point_is_linked_too():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("建议将“建立全区中等职业学校统一招生平台”修改为“完善全区中等职业学校统一招生平台”", "南宁市人民政府", ("3.2",))],
        ROUND_ONE,
        draft,
    )  # fmt: skip
    assert linked.previous is not None and linked.previous.unit == "自治区教育厅"


def test_the_round_one_clause_is_followed_to_its_new_number():
    from consolidate.analysis.previous import _clause_now

    draft = _draft_with_a_new_part()
    assert _clause_now(ROUND_ONE[1], draft) == "3.2"  # 第二部分第2段 in round 1


def test_an_unrelated_opinion_is_not_linked():
    draft = _draft_with_a_new_part()
    (linked,) = link_previous(
        [_opinion("建议增加对乡村工匠的职称评审倾斜政策。", "自治区财政厅", ("4.1",))], ROUND_ONE, draft
    )
    assert linked.previous is None


def test_without_a_previous_round_nothing_changes():
    opinions = (_opinion("建议删除“明确按一定比例”。", "自治区财政厅"),)
    assert link_previous(opinions, (), None) == opinions


def test_a_second_round_return_repeating_a_declined_opinion_carries_the_decision(tmp_path):
    """End to end: round 1's ledger decided, round 2's return repeats a declined opinion."""
    import json
    import shutil

    from click.testing import CliRunner
    from docx import Document
    from openpyxl import load_workbook

    from consolidate.cli import main
    from consolidate.papers.ledger import DECISION_COLUMN, NOTE_COLUMN, SHEET

    from .conftest import SAMPLE
    from .factories import docx_form

    round_one = tmp_path / "round1"
    shutil.copytree(SAMPLE, round_one)
    ledger = tmp_path / "第一轮台账.xlsx"
    run = CliRunner().invoke(
        main,
        [
            "digest",
            str(round_one / "returns"),
            "-o",
            str(tmp_path / "d1.docx"),
            "--ledger",
            str(ledger),
            "-q",
        ],
    )
    assert run.exit_code == 0, run.output
    workbook = load_workbook(ledger)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    declined = ""
    for row in range(2, sheet.max_row + 1):
        opinion = str(sheet.cell(row, header.index("修改意见") + 1).value or "")
        if "年薪制" in opinion and not declined:
            declined = opinion
        sheet.cell(row, header.index(DECISION_COLUMN) + 1).value = "不采纳"
        sheet.cell(row, header.index(NOTE_COLUMN) + 1).value = "国家文件原文，予以保留"
    workbook.save(ledger)
    assert declined

    round_two = tmp_path / "round2"
    shutil.copytree(SAMPLE, round_two, ignore=shutil.ignore_patterns("returns"))
    (round_two / "returns").mkdir()
    docx_form(
        round_two / "returns" / "自治区国资委.docx",
        [("1", "自治区国资委", "再次" + declined, "")],
        header="单位名称（盖章）：自治区国资委          填表时间：2023年5月8日",
    )
    result_json = tmp_path / "r2.json"
    run = CliRunner().invoke(
        main,
        ["digest", str(round_two / "returns"), "-o", str(tmp_path / "d2.docx"), "--json", str(result_json),
         "--ledger", str(tmp_path / "第二轮台账.xlsx"), "--previous", str(ledger), "-q"],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    (opinion,) = json.loads(result_json.read_text(encoding="utf-8"))["opinions"]
    assert opinion["previous"]["decision"] == "不采纳"
    assert opinion["previous"]["reason"] == "国家文件原文，予以保留"
    digest_text = "\n".join(cell.text for table in Document(str(tmp_path / "d2.docx")).tables
                            for row in table.rows for cell in row.cells)  # fmt: skip
    assert "第一轮已提出" in digest_text and "未采纳（理由：国家文件原文，予以保留）" in digest_text
    new_sheet = load_workbook(tmp_path / "第二轮台账.xlsx")[SHEET]
    column = [c.value for c in new_sheet[1]].index("提示") + 1
    hints = [str(new_sheet.cell(r, column).value or "") for r in range(2, new_sheet.max_row + 1)]
    assert any("建议沿用第一轮处理意见：不采纳" in h for h in hints)
