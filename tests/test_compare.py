"""After the meeting: the revised draft aligned with the consulted one, and the decisions checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from consolidate.analysis.compare import Change, align_drafts, word_diff
from consolidate.analysis.revision import DecidedOpinion, compare_revision
from consolidate.cli import main
from consolidate.consultation.draft import parse_draft
from consolidate.model import Draft

from .conftest import SAMPLE

SAMPLE_LINES = (SAMPLE / "draft-source.txt").read_text(encoding="utf-8").splitlines()

INSERTED = "支持技工院校与普通高校开展联合培养，探索中高职贯通培养模式，畅通技能人才成长通道。"

ARTICLES = [
    "某省职业技能培训补贴管理办法",
    "（征求意见稿）",
    "第一章 总则",
    "第一条 为了规范职业技能培训补贴管理，提高资金使用效益，根据有关规定，结合本省实际，制定本办法。",
    "第二条 本办法适用于本省行政区域内职业技能培训补贴的申领、审核、拨付和监督管理。",
    "第三条 县级以上人民政府人力资源社会保障部门负责本行政区域内职业技能培训补贴的组织实施。",
    "财政部门负责补贴资金的筹集、拨付和监督。",
    "第二章 补贴对象和标准",
    "第四条 下列人员参加职业技能培训并取得证书的，可以申领培训补贴：",
    "（一）企业在职职工；",
    "（二）就业困难人员和零就业家庭成员；",
    "（三）毕业年度高校毕业生。",
    "第五条 补贴标准由设区的市人民政府根据培训成本和就业需求确定，每人每年享受补贴不超过三次。",
    "第六条 培训机构应当建立学员实名制档案，如实记录培训过程，并按规定公开培训信息。",
    "第七条 培训机构应当配备与培训规模相适应的师资和设施设备。",
    "第三章 监督管理",
    "第八条 以欺诈、伪造证明材料等手段骗取补贴的，由人力资源社会保障部门责令退回，并依法处理。",
    "第九条 本办法自2024年1月1日起施行。",
]


def _draft(lines: list[str]) -> Draft:
    return parse_draft(list(lines))


def _find(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def _pair_of(pairs, old_start: str | None = None, new_start: str | None = None):
    for pair in pairs:
        if old_start is not None and any(c.text.startswith(old_start) for c in pair.old):
            return pair
        if new_start is not None and any(c.text.startswith(new_start) for c in pair.new):
            return pair
    raise AssertionError(f"no pair for {old_start or new_start}")


def _revised_sample() -> list[str]:
    """The sample draft as the team revised it: a paragraph inserted before 3.2, two
    adopted proposals applied, nothing else touched."""
    lines = list(SAMPLE_LINES)
    lines.insert(_find(lines, "建立全区中等职业学校统一招生平台"), INSERTED)
    at = _find(lines, "建立全区中等职业学校统一招生平台")
    lines[at] = lines[at].replace("建立全区中等职业学校统一招生平台", "完善全区中等职业学校统一招生平台")
    at = _find(lines, "实施数字技能骨干人才计划")
    lines[at] = lines[at].replace(
        "区块链、人工智能等数字技能人才", "区块链、人工智能、网络安全等数字技能人才"
    )
    return lines


# --- aligning clauses by text -------------------------------------------------------------


def test_an_inserted_paragraph_is_added_and_the_next_one_renumbered_not_changed():
    old = _draft(SAMPLE_LINES)
    lines = list(SAMPLE_LINES)
    lines.insert(_find(lines, "建立全区中等职业学校统一招生平台"), INSERTED)
    pairs = align_drafts(old, _draft(lines))
    moved_down = _pair_of(pairs, old_start="建立全区中等职业学校统一招生平台")
    assert (moved_down.old[0].id, moved_down.new[0].id, moved_down.change) == ("3.2", "3.3", Change.UNCHANGED)
    added = _pair_of(pairs, new_start=INSERTED[:10])
    assert added.change is Change.ADDED and added.old == () and added.new[0].id == "3.2"


def test_a_reworded_paragraph_is_modified():
    lines = list(SAMPLE_LINES)
    at = _find(lines, "允许职业学校开展有偿性社会培训")
    lines[at] = lines[at].replace("一定比例", "不低于50%的比例")
    pair = _pair_of(
        align_drafts(_draft(SAMPLE_LINES), _draft(lines)), old_start="允许职业学校开展有偿性社会培训"
    )
    assert pair.change is Change.MODIFIED and 0.55 <= pair.similarity < 1


def test_a_paragraph_moved_elsewhere_is_moved_and_the_rest_stay_in_order():
    lines = list(SAMPLE_LINES)
    contest = lines.pop(_find(lines, "实施技能竞赛引领计划"))
    lines.insert(_find(lines, "实施高技能领军人才计划"), contest)
    pairs = align_drafts(_draft(SAMPLE_LINES), _draft(lines))
    assert [p.change for p in pairs if p.change is not Change.UNCHANGED] == [Change.MOVED]
    assert _pair_of(pairs, old_start="实施技能竞赛引领计划").new[0].id == "6.1"


def test_a_paragraph_cut_in_two_is_split_into_both_pieces():
    lines = list(SAMPLE_LINES)
    at = _find(lines, "完善技能导向的使用制度")
    text = lines[at]
    cut = text.index("。") + 1
    lines[at : at + 1] = [text[:cut], text[cut:]]
    pair = _pair_of(align_drafts(_draft(SAMPLE_LINES), _draft(lines)), old_start="完善技能导向的使用制度")
    assert pair.change is Change.SPLIT
    assert [c.id for c in pair.new] == ["7.2", "7.3"]


def test_two_articles_joined_into_one_are_merged():
    lines = list(ARTICLES)
    six, seven = _find(lines, "第六条"), _find(lines, "第七条")
    lines[six] = lines[six] + lines[seven].removeprefix("第七条 ")
    del lines[seven]
    lines[seven:] = [_renumber(line, -1) for line in lines[seven:]]
    pairs = align_drafts(_draft(ARTICLES), _draft(lines))
    merged = _pair_of(pairs, old_start="培训机构应当建立学员实名制档案")
    assert merged.change is Change.MERGED
    assert [c.text[:6] for c in merged.old] == ["培训机构应当", "培训机构应当"]
    assert len(merged.new) == 1


def test_a_deleted_article_is_deleted_and_later_articles_renumbered_unchanged():
    lines = list(ARTICLES)
    at = _find(lines, "第五条")
    del lines[at]
    lines[at:] = [_renumber(line, -1) for line in lines[at:]]
    pairs = align_drafts(_draft(ARTICLES), _draft(lines))
    deleted = _pair_of(pairs, old_start="补贴标准由设区的市人民政府")
    assert deleted.change is Change.DELETED and deleted.new == ()
    later = _pair_of(pairs, old_start="以欺诈、伪造证明材料")
    assert later.change is Change.UNCHANGED
    assert later.old[0].label != later.new[0].label  # 第八条 became 第七条
    assert [p.change for p in pairs].count(Change.DELETED) == 1
    assert all(p.change in (Change.UNCHANGED, Change.DELETED) for p in pairs)


def test_an_item_added_to_an_article_is_added_where_it_stands():
    lines = list(ARTICLES)
    lines.insert(_find(lines, "（三）毕业年度高校毕业生"), "（三）农村转移就业劳动者；")
    lines[_find(lines, "（三）毕业年度高校毕业生")] = "（四）毕业年度高校毕业生。"
    pairs = align_drafts(_draft(ARTICLES), _draft(lines))
    added = [p for p in pairs if p.change is Change.ADDED]
    assert len(added) == 1 and "农村转移就业劳动者" in added[0].new_text


def test_word_diff_strikes_the_deleted_words_and_marks_the_inserted_ones():
    old, new = word_diff(
        "所取得的收入可按一定比例作为绩效工资来源", "所取得的收入可按不低于50%的比例作为绩效工资来源"
    )
    assert [s.text for s in old if s.kind == "deleted"] == ["一定"]
    assert [s.text for s in new if s.kind == "inserted"] == ["不低于50%的"]
    assert "".join(s.text for s in old) == "所取得的收入可按一定比例作为绩效工资来源"


def _renumber(line: str, by: int) -> str:
    from consolidate.text.numerals import parse_number, to_chinese

    if not line.startswith("第") or "条" not in line[:6]:
        return line
    number = parse_number(line[1 : line.index("条")])
    assert number is not None
    return f"第{to_chinese(number + by)}条" + line[line.index("条") + 1 :]


# --- checking the decisions -------------------------------------------------------------


def _opinion(id_: str, text: str, labels: tuple[str, ...], decision: str, note: str = "") -> DecidedOpinion:
    return DecidedOpinion(id_, "自治区教育厅", text, labels, decision, note)


def test_an_applied_adopted_proposal_is_reflected():
    revision = compare_revision(
        _draft(SAMPLE_LINES),
        _draft(_revised_sample()),
        [_opinion("a-01", "建议将“建立全区中等职业学校统一招生平台”修改为“完善全区中等职业学校统一招生平台”",
                  ("第三部分第2段",), "采纳")],
    )  # fmt: skip
    (check,) = revision.checks
    assert check.reflected is True and check.old == ("3.2",) and check.new[0] == "3.3"
    assert not [f for f in revision.findings if f.severity == "warning"]


def test_an_adopted_opinion_whose_clause_is_unchanged_is_not_reflected_and_a_finding_says_so():
    revision = compare_revision(
        _draft(SAMPLE_LINES),
        _draft(_revised_sample()),
        [_opinion("a-02", "建议进一步明确乡村工匠的认定标准。", ("第六部分第4段",), "采纳")],
    )
    (check,) = revision.checks
    assert check.reflected is False
    (finding,) = [f for f in revision.findings if f.severity == "warning"]
    assert finding.code == "adopted-clause-unchanged" and "a-02" in finding.message


def test_an_adopted_proposal_missing_from_the_new_text_is_a_finding():
    revision = compare_revision(
        _draft(SAMPLE_LINES),
        _draft(_revised_sample()),
        [_opinion("a-03", "将“建立全区中等职业学校统一招生平台”改为“建立全区统一的招生服务平台”", ("第三部分第2段",), "采纳")],
    )  # fmt: skip
    (check,) = revision.checks
    assert check.reflected is False and "建立全区统一的招生服务平台" in check.why
    assert [f.code for f in revision.findings if f.severity == "warning"] == ["adopted-not-reflected"]


def test_a_declined_opinion_needs_no_change():
    revision = compare_revision(
        _draft(SAMPLE_LINES),
        _draft(SAMPLE_LINES),
        [_opinion("a-04", "建议删除“年薪制”。", ("第六部分第1段",), "不采纳", "国家文件原文")],
    )
    assert revision.checks[0].reflected is None and not revision.findings


def test_a_change_no_adopted_opinion_asked_for_is_listed_as_the_teams_own():
    revision = compare_revision(_draft(SAMPLE_LINES), _draft(_revised_sample()), [])
    team = [f for f in revision.findings if f.code == "team-change"]
    assert len(team) == 3 and all(f.severity == "info" for f in team)
    assert revision.opinions_by_pair == tuple(() for _ in revision.pairs)


def test_the_opinion_behind_a_change_is_named_on_its_pair():
    revision = compare_revision(
        _draft(SAMPLE_LINES),
        _draft(_revised_sample()),
        [_opinion("a-05", "建议将“区块链、人工智能等数字技能人才”改为“区块链、人工智能、网络安全等数字技能人才”",
                  ("第六部分第3段",), "部分采纳", "已在修改稿中补充")],
    )  # fmt: skip
    pair = next(p for p, ids in zip(revision.pairs, revision.opinions_by_pair) if ids == ("a-05",))
    assert pair.change is Change.MODIFIED and pair.old[0].id == "6.3"


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def decided_sample(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sample's digest ledger with decisions typed in, and the revised draft as .txt."""
    from openpyxl import load_workbook

    from consolidate.papers.ledger import DECISION_COLUMN, NOTE_COLUMN, SHEET

    sample = tmp_path / "gx"
    shutil.copytree(SAMPLE, sample)
    ledger = tmp_path / "台账.xlsx"
    run = CliRunner().invoke(
        main,
        ["digest", str(sample / "returns"), "-o", str(tmp_path / "d.docx"), "--ledger", str(ledger), "-q"],
    )
    assert run.exit_code == 0, run.output
    workbook = load_workbook(ledger)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        opinion = str(sheet.cell(row, header.index("修改意见") + 1).value or "")
        adopted = "建立全区中等职业学校统一招生平台" in opinion or "区块链、人工智能等数字技能人才" in opinion
        adopted = adopted or "乡村工匠名师" in opinion
        sheet.cell(row, header.index(DECISION_COLUMN) + 1).value = "采纳" if adopted else "不采纳"
        sheet.cell(row, header.index(NOTE_COLUMN) + 1).value = "" if adopted else "与国家文件表述保持一致"
    workbook.save(ledger)
    old = tmp_path / "征求意见稿.txt"
    old.write_text("\n".join(SAMPLE_LINES), encoding="utf-8")
    new = tmp_path / "修改稿.txt"
    new.write_text("\n".join(_revised_sample()), encoding="utf-8")
    return old, new, ledger


def test_compare_writes_the_table_and_json_with_pairs_decisions_and_findings(decided_sample, tmp_path):
    old, new, ledger = decided_sample
    out, js = tmp_path / "对照表.docx", tmp_path / "对照.json"
    run = CliRunner().invoke(
        main, ["compare", str(old), str(new), "--ledger", str(ledger), "-o", str(out), "--json", str(js)]
    )
    assert run.exit_code == 0, run.output
    data = json.loads(js.read_text(encoding="utf-8"))
    by_old = {p["old"]: p for p in data["pairs"] if isinstance(p["old"], str)}
    assert by_old["3.2"]["new"] == "3.3" and by_old["3.2"]["change"] == "modified"
    assert {"old": None, "new": "3.2", "change": "added"}.items() <= next(
        p for p in data["pairs"] if p["change"] == "added"
    ).items()
    adopted = [d for d in data["decisions"] if d["decision"] == "采纳"]
    assert {d["reflected"] for d in adopted} == {True, False}  # 乡村工匠名师 was adopted but not applied
    assert all(d["reflected"] is None for d in data["decisions"] if d["decision"] == "不采纳")
    assert any(f["code"] == "adopted-not-reflected" for f in data["findings"])
    assert "未见" in run.output or "未作修改" in run.output


def test_the_table_strikes_deletions_underlines_additions_and_names_the_opinions(decided_sample, tmp_path):
    old, new, ledger = decided_sample
    out = tmp_path / "对照表.docx"
    run = CliRunner().invoke(main, ["compare", str(old), str(new), "--ledger", str(ledger), "-o", str(out)])
    assert run.exit_code == 0, run.output
    document = Document(str(out))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["征求意见稿", "修改稿", "修改说明"]
    assert len(table.rows) == 1 + 3  # unchanged clauses are omitted by default
    runs = [run for row in table.rows[1:] for cell in row.cells for p in cell.paragraphs for run in p.runs]
    struck = {run.text for run in runs if run.style is not None and run.style.font.strike}
    underlined = {run.text for run in runs if run.style is not None and run.style.font.underline}
    assert "建立" in struck and "完善" in underlined and "、网络安全" in underlined
    explanation = "\n".join(row.cells[2].text for row in table.rows[1:])
    assert "采纳" in explanation and "起草组修改完善" in explanation


def test_compare_refuses_to_overwrite_an_input(decided_sample):
    old, new, ledger = decided_sample
    before = ledger.read_bytes()
    run = CliRunner().invoke(
        main, ["compare", str(old), str(new), "--ledger", str(ledger), "-o", str(ledger)]
    )
    assert run.exit_code == 1 and "不能覆盖" in run.output
    assert ledger.read_bytes() == before


def test_the_report_carries_the_comparison_as_its_second_annex(decided_sample, tmp_path):
    old, new, ledger = decided_sample
    out = tmp_path / "说明.docx"
    run = CliRunner().invoke(
        main,
        [
            "report",
            str(ledger),
            "-o",
            str(out),
            "--revised",
            str(new),
            "--draft",
            str(old),
            "--date",
            "2023-05-06",
        ],
    )
    assert run.exit_code == 0, run.output
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "附件：1．意见采纳情况表" in text and "2．修改对照表" in text
    assert "附件2" in text and "修改对照表" in text
    assert [c.text for c in document.tables[-1].rows[0].cells] == ["征求意见稿", "修改稿", "修改说明"]
    assert "已附修改对照表" in run.output


# --- the same on the other consultations' drafts -----------------------------------------

CONSULTATION_DRAFTS = sorted((SAMPLE.parent.parent / "tests" / "consultations").glob("*/draft.*"))


def _draft_lines(path: Path) -> list[str]:
    from consolidate.documents.readers.docx import read_paragraphs

    lines = read_paragraphs(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def _sentences(lines: list[str]) -> list[int]:
    """Lines of running text (numbered or not), not headings or 责任单位 lines."""
    import re

    duty = re.compile(r"^\s*[（(]?(责任单位|牵头单位|配合单位|督导单位|责任部门)")
    return [
        i
        for i, line in enumerate(lines)
        if i > 3 and "。" in line and len(line) > 25 and not duty.match(line)
    ]


def _plain_paragraphs(lines: list[str]) -> list[int]:
    """Lines that are continuation paragraphs (a 款 or a paragraph without its own number):
    deleting, splitting or swapping them renumbers nothing."""
    import re

    numbered = re.compile(
        r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节编]|[一二三四五六七八九十]+、|[（(]|\d+[.．、]|附件)"
    )
    duty = re.compile(r"^\s*[（(]?(责任单位|牵头单位|配合单位|督导单位|责任部门)")
    return [
        i
        for i, line in enumerate(lines)
        if i > 3 and not numbered.match(line) and not duty.match(line) and len(line) > 25
    ]


@pytest.mark.parametrize("path", CONSULTATION_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_deleting_a_paragraph_is_one_deletion(path):
    lines = _draft_lines(path)
    if not _plain_paragraphs(lines):
        pytest.skip("every paragraph is numbered")
    at = _plain_paragraphs(lines)[0]
    changes = [p.change for p in align_drafts(_draft(lines), _draft(lines[:at] + lines[at + 1 :]))]
    assert changes.count(Change.DELETED) == 1
    assert set(changes) == {Change.UNCHANGED, Change.DELETED}


@pytest.mark.parametrize("path", CONSULTATION_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_an_edited_paragraph_is_modified(path):
    lines = _draft_lines(path)
    at = _sentences(lines)[-1]
    new = list(lines)
    new[at] = new[at].rstrip("。") + "，并定期向社会公布。"
    pairs = align_drafts(_draft(lines), _draft(new))
    assert [p.change for p in pairs if p.change is not Change.UNCHANGED] == [Change.MODIFIED]


@pytest.mark.parametrize("path", CONSULTATION_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_a_paragraph_cut_in_two_is_a_split(path):
    lines = _draft_lines(path)
    candidates = [i for i in _plain_paragraphs(lines) if 0 < lines[i].find("。") < len(lines[i]) - 10]
    if not candidates:
        pytest.skip("no paragraph of two sentences")
    at = candidates[0]
    cut = lines[at].index("。") + 1
    new = [*lines[:at], lines[at][:cut], lines[at][cut:], *lines[at + 1 :]]
    pairs = align_drafts(_draft(lines), _draft(new))
    assert [p.change for p in pairs if p.change is not Change.UNCHANGED] == [Change.SPLIT]


@pytest.mark.parametrize("path", CONSULTATION_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_two_paragraphs_joined_are_merged(path):
    lines = _draft_lines(path)
    plain = _plain_paragraphs(lines)
    pairs_of_lines = [i for i in plain if i + 1 in plain]
    if not pairs_of_lines:
        pytest.skip("no two continuation paragraphs in a row")
    at = pairs_of_lines[0]
    new = [*lines[:at], lines[at] + lines[at + 1], *lines[at + 2 :]]
    pairs = align_drafts(_draft(lines), _draft(new))
    assert [p.change for p in pairs if p.change is not Change.UNCHANGED] == [Change.MERGED]


ARTICLE_DRAFTS = [
    p for p in CONSULTATION_DRAFTS if any(line.startswith("第三条") for line in _draft_lines(p))
]


def _articles(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of each article."""
    import re

    starts = [i for i, line in enumerate(lines) if re.match(r"^第[一二三四五六七八九十百]+条", line)]
    ends = [*starts[1:], len(lines)]
    return list(zip(starts, ends))


@pytest.mark.parametrize("path", ARTICLE_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_a_deleted_article_renumbers_the_rest_without_changing_them(path):
    lines = _draft_lines(path)
    start, end = _articles(lines)[2]
    new = lines[:start] + [_renumber(line, -1) for line in lines[end:]]
    pairs = align_drafts(_draft(lines), _draft(new))
    changed = [p for p in pairs if p.change is not Change.UNCHANGED]
    assert {p.change for p in changed} == {Change.DELETED}
    assert all(c.text.strip() in "\n".join(lines[start:end]) for p in changed for c in p.old)
    renumbered = [p for p in pairs if p.change is Change.UNCHANGED and p.old[0].label != p.new[0].label]
    assert renumbered  # later articles kept their text under new numbers


@pytest.mark.parametrize("path", ARTICLE_DRAFTS, ids=lambda p: p.parent.name)
def test_other_drafts_an_article_moved_down_is_moved(path):
    lines = _draft_lines(path)
    (s1, e1), (s2, e2) = _articles(lines)[3:5]
    first, second = lines[s1:e1], lines[s2:e2]
    swapped = [_renumber(second[0], -1), *second[1:], _renumber(first[0], +1), *first[1:]]
    pairs = align_drafts(_draft(lines), _draft(lines[:s1] + swapped + lines[e2:]))
    changes = [p.change for p in pairs if p.change is not Change.UNCHANGED]
    assert changes and set(changes) == {Change.MOVED}
