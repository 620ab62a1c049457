"""Shared builders for the evaluation consultations in this folder.

Each consultation's ``make.py`` describes, as data, the letter, the draft (with the label
of every clause as the draft itself would name it), the roster and the returns, and calls
:func:`build`. The returns are written the way units write them: Word forms with header
lines in several layouts, merged unit cells, numbered opinions in one cell, extra columns,
Excel forms, reply letters, e-mails, a Word 97 file made by LibreOffice. Every expected
fact (roster, statuses, every opinion with its unit and clause label) is written to
``expected.toml`` from the same data, so the files and the labels cannot drift apart.

Files are byte-for-byte the same on every run, except the LibreOffice ``.doc`` files,
which are made once (``python make.py --legacy``) and kept.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment

from consolidate.papers.forms import HEADERS as FORM_COLUMNS
from consolidate.papers.forms import FormLayout, form_document, form_workbook

FIXED_TIME = (2024, 6, 1, 9, 0, 0)
BLANK_ROWS = 4  # the blank rows of the forms these letters send
CN = "〇一二三四五六七八九"


def chinese(n: int) -> str:
    """1..99 as Chinese numerals (十二, 二十一)."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


# ------------------------------------------------------------------ drafts


@dataclass
class Item:
    """A 项 （一）… of a regulation, or a numbered measure 1. of a plan."""

    text: str


@dataclass
class Paragraph:
    """A 款 of an article: its text, and the 项 that follow it (listed under it)."""

    text: str
    items: list[str] = field(default_factory=list)


@dataclass
class Article:
    title: str  # 条标 such as 立法目的; "" for none
    paragraphs: list[Paragraph]


@dataclass
class Chapter:
    title: str  # 总则
    articles: list[Article]


def article_draft(title: str, subtitle: str, chapters: list[Chapter], bracket_titles: bool = False):
    """Lines of a regulation in 章/条/款/项, and every clause's label → its text.

    Labels as the law-drafting convention names them: 第八条, 第八条第二款 (only where the
    article has several 款), 第八条第（一）项 / 第八条第二款第（一）项.
    """
    lines = [title, subtitle]
    labels: dict[str, str] = {}
    n = 0
    for c, chapter in enumerate(chapters, start=1):
        lines.append(f"第{chinese(c)}章  {chapter.title}")
        for article in chapter.articles:
            n += 1
            art = f"第{chinese(n)}条"
            texts = []
            for k, para in enumerate(article.paragraphs, start=1):
                head = ""
                if k == 1:
                    if article.title:
                        head = f"{art}（{article.title}）" if bracket_titles else f"{art}  "
                    else:
                        head = f"{art}  "
                lines.append(head + para.text)
                para_label = f"{art}第{chinese(k)}款" if len(article.paragraphs) > 1 else art
                para_texts = [para.text]
                for i, item in enumerate(para.items, start=1):
                    line = f"（{chinese(i)}）{item}"
                    lines.append(line)
                    labels[f"{para_label}第（{chinese(i)}）项"] = line
                    para_texts.append(line)
                if len(article.paragraphs) > 1:
                    labels[para_label] = "\n".join(para_texts)
                texts.extend(para_texts)
            labels[art] = "\n".join(texts)
    return lines, labels


@dataclass
class Measure:
    """A numbered measure 1. with its own responsibility line(s)."""

    text: str
    duty: str = ""  # 牵头单位：…；责任单位：… written on its own line
    inline: bool = False  # the duty in parentheses at the end of the measure instead


@dataclass
class Section:
    """（一）… : a heading sentence and either prose or numbered measures."""

    title: str
    text: str = ""
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Part:
    title: str
    sections: list[Section]


def plan_draft(title: str, subtitle: str, preamble: str, parts: list[Part]):
    """Lines of a plan numbered 一、/（一）/1., and every clause's label → its text.

    Measures 1. 2. run on through a part, as plans number them; labels name them as
    readers do: 第二部分（三）10, 第二部分（三）, 第二部分.
    """
    lines = [title, subtitle, preamble]
    labels: dict[str, str] = {}
    for p, part in enumerate(parts, start=1):
        lines.append(f"{chinese(p)}、{part.title}")
        plabel = f"第{chinese(p)}部分"
        ptexts = []
        number = 0
        for s, section in enumerate(part.sections, start=1):
            slabel = f"{plabel}（{chinese(s)}）"
            stexts = []
            if section.text:
                line = f"（{chinese(s)}）{section.title}。{section.text}"
                lines.append(line)
                stexts.append(line)
            else:
                line = f"（{chinese(s)}）{section.title}"
                lines.append(line)
                stexts.append(line)
            for measure in section.measures:
                number += 1
                line = f"{number}.{measure.text}"
                if measure.duty and measure.inline:
                    line += f"（{measure.duty}）"
                lines.append(line)
                mtexts = [line]
                if measure.duty and not measure.inline:
                    lines.append(measure.duty)
                    mtexts.append(measure.duty)
                labels[f"{slabel}{number}"] = "\n".join(mtexts)
                stexts.extend(mtexts)
            labels[slabel] = "\n".join(stexts)
            ptexts.extend(stexts)
        labels[plabel] = "\n".join(ptexts)
    return lines, labels


# ------------------------------------------------------------------ returns


@dataclass
class Op:
    """One opinion expected from a cell: a phrase found only in it, and the clause labels
    it concerns as the draft names them (empty: the text as a whole, 总体意见)."""

    key: str
    labels: tuple[str, ...] = ()


@dataclass
class Row:
    text: str
    ops: list[Op] = field(default_factory=list)  # [] for 无修改意见 / 无其他意见 rows
    reason: str = ""
    unit: str | None = None  # None: the reply's own name; "" an empty cell
    clause: str = ""  # an added 涉及条款 column
    remark: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # further columns by name (原文 …)


@dataclass
class Reply:
    """One file in returns/ and what it should count for."""

    file: str
    unit: str  # the roster unit it is for
    kind: str  # docx | xlsx | doc | letter | eml-docx | eml-body | xlsx-letter
    signed: str = ""  # the name the unit writes (header, unit cells)
    header: list[str] = field(default_factory=list)  # lines above the table
    rows: list[Row] = field(default_factory=list)
    columns: Sequence[str] = FORM_COLUMNS
    merge_unit: bool = False
    split_runs: bool = False
    below: list[str] = field(default_factory=list)
    letter: list[str] = field(default_factory=list)  # paragraphs of a reply letter
    letter_ops: list[Op] = field(default_factory=list)  # opinions in a reply letter
    mail: tuple[str, str, str] = ("", "", "")  # sender, date, body
    title: str = "意见反馈表"

    @property
    def ops(self) -> list[Op]:
        return [op for row in self.rows for op in row.ops] + list(self.letter_ops)


@dataclass
class Case:
    key: str
    title: str  # the draft's title as in consultation.toml
    reference: str
    issuer: str
    deadline: str  # ISO date-time as the letter states it
    deadline_has_time: bool
    contacts: list[tuple[str, str, str]]
    groups: list[tuple[str, list[str], bool]]  # (group, units, label must match exactly)
    letter_lines: list[str]
    draft_lines: list[str]
    labels: dict[str, str]
    draft_file: str  # draft.docx or draft.txt
    replies: list[Reply]
    accept: dict[str, list[str]] = field(default_factory=dict)  # unit → other acceptable names
    issuer_accept: list[str] = field(default_factory=list)  # the issuer's other correct names
    # The letter also as Word: its paragraphs, and optionally the roster as a table
    # (序号 | heading) placed after the paragraph ``after``: (heading, units, after).
    letter_docx_lines: list[str] | None = None
    letter_table: tuple[str, list[str], str] | None = None
    roster_file: str = ""  # also the roster as a separate workbook (序号 | 单位名称 | 类别)
    zips: dict[str, list[str]] = field(default_factory=dict)  # archive → the returns it holds


def _font(run, name: str = "仿宋_GB2312", size: float = 12, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(container, text: str, size: float = 12, center: bool = False, font: str = "仿宋_GB2312",
          split: bool = False, bold: bool = False):  # fmt: skip
    para = container.add_paragraph() if hasattr(container, "add_paragraph") else container
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pieces = [text[i : i + 5] for i in range(0, len(text), 5)] if split else [text]
    for piece in pieces or [""]:
        _font(para.add_run(piece), font, size, bold)
    return para


def _cell(cell, text: str, split: bool = False) -> None:
    lines = text.split("\n")
    _para(cell.paragraphs[0], lines[0], split=split)
    for line in lines[1:]:
        _para(cell, line, split=split)


def _row_values(reply: Reply, row: Row, n: int) -> dict[str, str]:
    unit = reply.signed if row.unit is None else row.unit
    values = {"序号": str(n), "修改意见": row.text, "修改理由": row.reason, "备注": row.remark}
    for column in reply.columns:
        if "单位" in column and column != "序号":
            values[column] = unit
        elif "条" in column or "章节" in column:
            values[column] = row.clause
        elif "意见" in column and column not in values:
            values[column] = row.text
        elif ("理由" in column or "依据" in column) and column not in values:
            values[column] = row.reason
    values.update(row.extra)
    return values


def _unit_column(columns: Sequence[str]) -> int:
    return next(i for i, c in enumerate(columns) if "单位" in c)


def write_docx_form(reply: Reply, path: Path) -> None:
    """The letter's blank form as the unit filled it: its header lines typed in (split into
    runs where Word split them), its rows written, the unit cell merged down if it did."""
    layout = FormLayout(
        title=reply.title,
        columns=tuple(reply.columns),
        header_lines=tuple(reply.header),
        blank_rows=max(BLANK_ROWS, len(reply.rows)),
        below=tuple(reply.below),
    )
    doc = form_document(layout)
    if reply.split_runs:
        for para in doc.paragraphs:
            if para.text in reply.header:
                text = para.text
                for run in list(para.runs):
                    run._r.getparent().remove(run._r)
                _para(para, text, 14, split=True)
    table = doc.tables[0]
    for n, row in enumerate(reply.rows, start=1):
        values = _row_values(reply, row, n)
        for cell, name in zip(table.rows[n].cells, layout.columns):
            _cell(cell, values.get(name, ""), reply.split_runs)
    if reply.merge_unit and len(reply.rows) > 1:
        col = _unit_column(layout.columns)
        merged = table.cell(1, col).merge(table.cell(len(reply.rows), col))
        for para in merged.paragraphs[1:]:
            para._element.getparent().remove(para._element)
    doc.save(path)
    deterministic(path)


def write_xlsx_form(reply: Reply, path: Path) -> None:
    """The form as a sheet typed without the 附件3 line, filled row by row."""
    import datetime as dt

    layout = FormLayout(
        title=reply.title,
        columns=tuple(reply.columns),
        header_lines=tuple(reply.header),
        blank_rows=len(reply.rows),
        below=tuple(reply.below),
        annex="",
        sheet="意见表",
    )
    workbook, header_row = form_workbook(layout)
    sheet = workbook.active
    for n, row in enumerate(reply.rows, start=1):
        values = _row_values(reply, row, n)
        for c, name in enumerate(layout.columns, start=1):
            value = values.get(name, "")
            if value:
                cell = sheet.cell(row=header_row + n, column=c, value=int(value) if name == "序号" else value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if reply.merge_unit and len(reply.rows) > 1:
        col = chr(ord("A") + _unit_column(layout.columns))
        for n in range(2, len(reply.rows) + 1):
            sheet[f"{col}{header_row + n}"] = None
        sheet.merge_cells(f"{col}{header_row + 1}:{col}{header_row + len(reply.rows)}")
    workbook.properties.creator = "user"
    workbook.properties.created = workbook.properties.modified = dt.datetime(*FIXED_TIME)
    workbook.save(path)
    deterministic(path)


def write_roster_xlsx(case: Case, path: Path) -> None:
    """The roster as clerks keep it in a workbook: a title row, then 序号 | 单位名称 | 类别."""
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"] = "征求意见单位名单"
    sheet.merge_cells("A1:C1")
    sheet.append(["序号", "单位名称", "类别"])
    n = 0
    for group, units, _ in case.groups:
        for unit in units:
            n += 1
            sheet.append([n, unit, group])
    workbook.properties.creator = "user"
    workbook.properties.created = workbook.properties.modified = dt.datetime(*FIXED_TIME)
    workbook.save(path)
    deterministic(path)


def write_paragraphs_docx(paragraphs: Sequence[str], path: Path, table: tuple[str, list[str]] | None = None,
                          table_after: str = "") -> None:  # fmt: skip
    """A letter as Word writes it: one paragraph a line; optionally a roster table placed
    after the paragraph ``table_after`` (序号 | 单位名称)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for text in paragraphs:
        _para(doc, text, 16)
        if table is not None and text == table_after:
            heading, units = table
            grid = doc.add_table(rows=1, cols=2)
            grid.style = doc.styles["Table Grid"]
            _para(grid.rows[0].cells[0].paragraphs[0], "序号", bold=True)
            _para(grid.rows[0].cells[1].paragraphs[0], heading, bold=True)
            for n, unit in enumerate(units, start=1):
                cells = grid.add_row().cells
                _para(cells[0].paragraphs[0], str(n))
                _para(cells[1].paragraphs[0], unit)
    doc.save(path)
    deterministic(path)


def write_draft_docx(lines: Sequence[str], path: Path) -> None:
    """The draft as an office types it: title centred, 章 headings centred in 黑体."""
    doc = Document()
    for n, line in enumerate(lines):
        if n < 2:
            _para(doc, line, 22 if n == 0 else 16, center=True, font="方正小标宋简体")
        elif re.match(r"^第[一二三四五六七八九十]+章", line):
            _para(doc, line, 16, center=True, font="黑体")
        else:
            _para(doc, line, 16)
    doc.save(path)
    deterministic(path)


def write_mail(path: Path, sender: str, to: str, subject: str, date: str, body: str,
               attachments: Sequence[Path] = ()) -> None:  # fmt: skip
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = f"<{zlib_id(path.name)}@mail.example.gov.cn>"
    message.set_content(body, charset="utf-8")
    for attachment in attachments:
        message.add_attachment(attachment.read_bytes(), maintype="application", subtype="octet-stream",
                               filename=attachment.name)  # fmt: skip
    message.set_boundary("----=_NextPart_000_0042_01DA0000.00000000")
    path.write_bytes(bytes(message))


def zlib_id(text: str) -> int:
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def deterministic(path: Path) -> None:
    """Rewrite an Office zip with fixed member times and document dates."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-06-01T09:00:00Z", data
                )
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def libreoffice_doc(source: Path, target: Path) -> None:
    """A Word 97 .doc as LibreOffice saves it (through its own .odt, whose tables it keeps)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()

        def convert(path: Path, fmt: str, out: str) -> Path:
            outdir = work / out
            outdir.mkdir()
            subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                            "--convert-to", fmt, "--outdir", str(outdir), str(path)],
                           check=True, capture_output=True, timeout=180)  # fmt: skip
            (produced,) = list(outdir.iterdir())
            return produced

        odt = convert(source, "odt", "odt")
        shutil.copyfile(convert(odt, "doc:MS Word 97", "doc"), target)


# ------------------------------------------------------------------ writing it all


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _check(case: Case) -> None:
    """The labels must exist in the draft and every key must pick out one opinion."""
    keys: list[str] = []
    for reply in case.replies:
        texts = [r.text for r in reply.rows] + reply.letter + [reply.mail[2]]
        for op in reply.ops:
            for label in op.labels:
                assert label in case.labels, (case.key, label)
            assert any(op.key in t for t in texts), (case.key, op.key)
            keys.append(op.key)
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    roster = [u for _, units, _ in case.groups for u in units]
    assert len(roster) == len(set(roster))
    for reply in case.replies:
        assert reply.unit in roster, reply.unit


def expected_toml(case: Case) -> str:
    out = [f"# What `consolidate` should find for {case.key}: written by make.py, do not edit.",
           f"title = {q(case.title)}", f"reference = {q(case.reference)}", f"issuer = {q(case.issuer)}",
           f"deadline = {case.deadline}", f"deadline_has_time = {str(case.deadline_has_time).lower()}",
           f"draft = {q(case.draft_file)}", f"issuer_accept = {json.dumps(case.issuer_accept, ensure_ascii=False)}",
           ""]  # fmt: skip
    for name, phone, email in case.contacts:
        out += ["[[contact]]", f"name = {q(name)}", f"phone = {q(phone)}", f"email = {q(email)}", ""]
    for group, units, exact in case.groups:
        for unit in units:
            out += ["[[unit]]", f"name = {q(unit)}", f"group = {q(group)}",
                    f"group_exact = {str(exact).lower()}"]  # fmt: skip
            if unit in case.accept:
                out.append(f"accept = {json.dumps(case.accept[unit], ensure_ascii=False)}")
            replies = [r for r in case.replies if r.unit == unit]
            ops = [op for r in replies for op in r.ops]
            status = "missing" if not replies else ("opinions" if ops else "no_opinion")
            out += [f"status = {q(status)}", f"opinions = {len(ops)}", ""]
    for reply in case.replies:
        for op in reply.ops:
            out += ["[[opinion]]", f"unit = {q(reply.unit)}", f"file = {q(reply.file)}", f"key = {q(op.key)}",
                    f"labels = {json.dumps(list(op.labels), ensure_ascii=False)}", ""]  # fmt: skip
    out.append("[clauses]  # every clause label of the draft → its text")
    for label, text in case.labels.items():
        out.append(f"{q(label)} = {q(text)}")
    return "\n".join(out) + "\n"


def consultation_toml(case: Case) -> str:
    """The file a clerk keeps after `init`: the roster as checked, no aliases."""
    out = [f"# {case.reference}：征求《{case.title}》意见", f"title = {q(case.title)}",
           f"reference = {q(case.reference)}", f"issuer = {q(case.issuer)}", f"deadline = {case.deadline}",
           f"draft = {q(case.draft_file)}", ""]  # fmt: skip
    for name, phone, email in case.contacts:
        out += ["[[contact]]", f"name = {q(name)}"] + ([f"phone = {q(phone)}"] if phone else [])
        out += ([f"email = {q(email)}"] if email else []) + [""]
    for group, units, _ in case.groups:
        for unit in units:
            out += ["[[unit]]", f"name = {q(unit)}", f"group = {q(group)}", ""]
    return "\n".join(out)


def write_reply(reply: Reply, returns: Path, legacy: Path, make_legacy: bool, to: str) -> None:
    """One reply in returns/, by its kind: ``docx``, ``xlsx``, ``xlsx-wps`` (see
    :func:`write_xlsx_wps_form`), ``letter``, ``doc`` (Word 97 by LibreOffice, kept in
    legacy/), ``docx+pdf`` (the Word form and, beside it, the PDF LibreOffice makes of it:
    one reply sent twice), ``eml-docx`` and ``eml-body``. Zips are made by :func:`zip_returns`."""
    path = returns / reply.file
    if reply.kind == "docx":
        write_docx_form(reply, path)
    elif reply.kind == "xlsx":
        write_xlsx_form(reply, path)
    elif reply.kind == "xlsx-wps":
        write_xlsx_wps_form(reply, path)
    elif reply.kind == "docx+pdf":
        write_docx_form(reply, path)
        pdf_name = Path(reply.file).with_suffix(".pdf").name
        kept = legacy / pdf_name
        if make_legacy or not kept.exists():
            libreoffice_pdf(path, kept)
        shutil.copyfile(kept, returns / pdf_name)
    elif reply.kind == "letter":
        write_paragraphs_docx(reply.letter, path)
    elif reply.kind == "doc":
        kept = legacy / reply.file
        if make_legacy or not kept.exists():
            with tempfile.TemporaryDirectory() as tmp:
                source = Path(tmp) / "source.docx"
                write_docx_form(reply, source)
                libreoffice_doc(source, kept)
        shutil.copyfile(kept, path)
    elif reply.kind in ("eml-docx", "eml-body"):
        sender, date, body = reply.mail
        with tempfile.TemporaryDirectory() as tmp:
            attachments = []
            if reply.kind == "eml-docx":
                attached = Path(tmp) / (Path(reply.file).stem + ".docx")
                write_docx_form(reply, attached)
                attachments.append(attached)
            write_mail(path, sender, to, "关于征求意见的反馈", date, body, attachments)
    else:
        raise ValueError(reply.kind)


def build(case: Case) -> None:
    """Write the consultation's letter, draft, roster, returns (some of them zipped),
    expected.toml and consultation.toml into its folder beside this file, named by its
    key. Mail goes to the letter's first contact."""
    _check(case)
    here = Path(__file__).resolve().parent / case.key
    make_legacy = "--legacy" in sys.argv
    returns = here / "returns"
    legacy = here / "legacy"
    shutil.rmtree(returns, ignore_errors=True)
    returns.mkdir()
    legacy.mkdir(exist_ok=True)
    (here / "letter.txt").write_text("\n".join(case.letter_lines) + "\n", encoding="utf-8")
    if case.letter_docx_lines is not None:
        table = case.letter_table
        write_paragraphs_docx(
            case.letter_docx_lines,
            here / "letter.docx",
            table[:2] if table else None,
            table[2] if table else "",
        )
    if case.roster_file:
        write_roster_xlsx(case, here / case.roster_file)
    if case.draft_file.endswith(".docx"):
        write_draft_docx(case.draft_lines, here / case.draft_file)
    else:
        (here / case.draft_file).write_text("\n".join(case.draft_lines) + "\n", encoding="utf-8")
    to = case.contacts[0][2]
    for reply in case.replies:
        write_reply(reply, returns, legacy, make_legacy, to)
    for archive, members in case.zips.items():
        zip_returns(returns, archive, members)
    (here / "expected.toml").write_text(expected_toml(case), encoding="utf-8")
    (here / "consultation.toml").write_text(consultation_toml(case), encoding="utf-8")


# ------------------------------------------------------------------ further shapes (the held-out cases)
#
# Added for the held-out consultations (guangdong, dongkou).


def write_xlsx_wps_form(
    reply: Reply, path: Path, sub_columns: Sequence[str] = ("修改内容", "修改理由")
) -> None:
    """An .xlsx as WPS users make it: two merged title rows (附件 / title), the header lines
    merged across the sheet, and a table header over two rows where the last columns sit
    under one merged 意见建议 cell (序号 | 条款 | 意见建议 / 修改内容 | 修改理由)."""
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    columns = list(reply.columns)
    last = chr(ord("A") + len(columns) - 1)
    sheet["A1"] = "附件3"
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = reply.title
    sheet.merge_cells(f"A2:{last}2")
    row_no = 3
    for line in reply.header:
        sheet.cell(row=row_no, column=1, value=line)
        sheet.merge_cells(f"A{row_no}:{last}{row_no}")
        row_no += 1
    top, bottom = row_no, row_no + 1
    split_from = len(columns) - len(sub_columns)
    for c, name in enumerate(columns[:split_from], start=1):
        sheet.cell(row=top, column=c, value=name)
        letter = chr(ord("A") + c - 1)
        sheet.merge_cells(f"{letter}{top}:{letter}{bottom}")
    first_sub = chr(ord("A") + split_from)
    sheet.cell(row=top, column=split_from + 1, value="意见建议")
    sheet.merge_cells(f"{first_sub}{top}:{last}{top}")
    for c, name in enumerate(sub_columns, start=split_from + 1):
        sheet.cell(row=bottom, column=c, value=name)
    values_of = [*columns[:split_from], *sub_columns]
    for n, row in enumerate(reply.rows, start=1):
        values = _row_values(reply, row, n)
        values.setdefault("修改内容", row.text)
        for c, name in enumerate(values_of, start=1):
            value = values.get(name, "")
            if value:
                cell = sheet.cell(row=bottom + n, column=c, value=int(value) if name == "序号" else value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    below_at = bottom + len(reply.rows) + 2
    for line in reply.below:
        sheet.cell(row=below_at, column=1, value=line)
        below_at += 1
    workbook.properties.creator = "Administrator"
    workbook.properties.created = workbook.properties.modified = dt.datetime(*FIXED_TIME)
    workbook.save(path)
    deterministic(path)


def libreoffice_pdf(source: Path, target: Path) -> None:
    """A PDF as LibreOffice exports it from a Word file (a text PDF, as units print to PDF
    after stamping the paper copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", str(work), str(source)],
                       check=True, capture_output=True, timeout=180)  # fmt: skip
        shutil.copyfile(work / (source.stem + ".pdf"), target)


def zip_returns(returns: Path, archive: str, members: Sequence[str]) -> None:
    """Put some returns into one zip (as a unit forwards two units' forms together), with
    fixed times and UTF-8 names, and remove the loose files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in members:
            target.writestr(
                zipfile.ZipInfo(name, FIXED_TIME), (returns / name).read_bytes(), zipfile.ZIP_DEFLATED
            )
            (returns / name).unlink()
    (returns / archive).write_bytes(buffer.getvalue())
