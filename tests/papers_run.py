"""Every paper of one run, written by code: digest, JSON, ledger, report, letters, notices.

Shared by the tests that compare the papers' numbers and the tests that look at their
printed pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from consolidate.model import Consolidation
from consolidate.papers.chase import chase_list
from consolidate.papers.chase_docx import write_notices
from consolidate.papers.digest_docx import write_digest
from consolidate.papers.json_out import write_json
from consolidate.papers.ledger import (
    DECISION_COLUMN,
    NOTE_COLUMN,
    SHEET,
    read_ledger,
    read_summary,
    write_ledger,
)
from consolidate.papers.report_docx import write_report, write_unit_letters

from .factories import docx_form, xlsx_form

SIGNED = dt.date(2023, 4, 20)
DECISIONS = ("采纳", "部分采纳", "未采纳", "已吸收")


@dataclass(frozen=True)
class Papers:
    result: Consolidation
    digest: Path
    json: Path
    ledger: Path
    report: Path
    letters: tuple[Path, ...]
    notices: Path  # one per unit
    notice_list: Path  # a single list

    @property
    def word_files(self) -> list[Path]:
        return [self.digest, self.report, *self.letters, self.notices, self.notice_list]


def write_papers(result: Consolidation, folder: Path) -> Papers:
    """Write every paper of ``result`` into ``folder``, deciding each opinion in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    digest, json_path, ledger = folder / "汇总表.docx", folder / "result.json", folder / "台账.xlsx"
    write_digest(result, digest)
    write_json(result, json_path)
    write_ledger(result, ledger)
    decide_all(ledger)
    rows, summary = read_ledger(ledger), read_summary(ledger)
    report = folder / "采纳情况说明.docx"
    write_report(rows, summary, report, SIGNED)
    letters = write_unit_letters(rows, summary, folder / "反馈函", SIGNED)
    items = chase_list(result)
    notices, notice_list = folder / "催报通知.docx", folder / "催报名单.docx"
    write_notices(items, result, notices, single=False, today=SIGNED)
    write_notices(items, result, notice_list, single=True, today=SIGNED)
    return Papers(result, digest, json_path, ledger, report, tuple(letters), notices, notice_list)


def decide_all(ledger: Path) -> None:
    """The meeting's decisions: each kind in turn, with a reason where one is needed."""
    workbook = load_workbook(ledger)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        decision = DECISIONS[row % len(DECISIONS)]
        sheet.cell(row, header.index(DECISION_COLUMN) + 1).value = decision
        note = "与国家文件表述保持一致。" if decision in ("部分采纳", "未采纳") else ""
        sheet.cell(row, header.index(NOTE_COLUMN) + 1).value = note or None
    workbook.save(ledger)


def small_consultation_returns(folder: Path) -> None:
    """Another consultation's shape (the 8-unit roster of conftest): opinions, a deletion,
    no opinion, a late reply, a respondent not on the roster, missing units."""
    docx_form(
        folder / "教育厅.docx",
        [["1", "自治区教育厅", "建议删除第二部分第二段“稳定招生规模”。", "招生规模由计划调控。", ""],
         ["2", "自治区教育厅", "建议第三部分第一段“挖掘传统工艺”修改为“挖掘和传承传统工艺”。", "表述更完整。", ""]],
    )  # fmt: skip
    xlsx_form(folder / "财政厅.xlsx", [[1, "自治区财政厅", "无修改意见", "", ""]])
    docx_form(
        folder / "税务局.docx",
        [["1", "广西税务局", "建议第一部分增加“落实税收优惠政策”的表述。", "", ""]],
        header="单位名称（盖章）：广西税务局          填表时间：2023年4月3日",
    )
    docx_form(
        folder / "残联.docx",
        [["1", "自治区残联", "建议增加残疾人职业技能培训的内容。", "", ""],
         ["2", "自治区残联", "建议第二部分第一段增加“残疾人职业学校”。", "", ""]],
        header="单位名称（盖章）：自治区残联          填表时间：2023年3月30日",
    )  # fmt: skip


def small_consultation():
    """The 8-unit consultation of conftest, built outside a fixture (for module-scoped runs)."""
    from consolidate.consultation.draft import parse_draft
    from consolidate.model import Consultation

    from .conftest import DRAFT_LINES, UNITS

    return Consultation(
        title="关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）",
        reference="桂人社函〔2023〕57号",
        issuer="广西壮族自治区人力资源和社会保障厅",
        deadline=dt.datetime(2023, 3, 31, 18, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        units=UNITS,
        draft=parse_draft(DRAFT_LINES),
    )


def run(kind: str, folder: Path) -> Papers:
    """The sample consultation, or the small one, consolidated and written out."""
    from consolidate.consultation.settings import load_consultation
    from consolidate.pipeline import consolidate

    from .conftest import SAMPLE

    if kind == "sample":
        result = consolidate(load_consultation(SAMPLE / "consultation.toml"), SAMPLE / "returns")
    else:
        returns = folder / "returns"
        returns.mkdir(parents=True)
        small_consultation_returns(returns)
        result = consolidate(small_consultation(), returns)
    return write_papers(result, folder / "papers")
