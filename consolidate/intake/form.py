"""Reading an Annex-3 form out of a document's blocks.

The form has a header line (单位名称（盖章）… 填表时间…) and a table with the columns
序号/单位/修改意见/修改理由/备注 — in any order, with extra columns units add, merged
cells, several numbered opinions in one cell, or "无修改意见" in the first row or under
the table. Every non-empty cell of the opinion table ends up in an entry or in a finding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from consolidate.documents.document import Revision, SourceDocument, Table
from consolidate.intake.header import HeaderFields, read_header
from consolidate.intake.numbering import split_numbered
from consolidate.intake.replies import (
    is_acknowledgement,
    is_blank_mark,
    is_closing,
    is_lead_in,
    is_letter_furniture,
    is_no_opinion,
    on_behalf_of,
    proposes_change,
)
from consolidate.model import ColumnRole
from consolidate.text.dates import parse_date
from consolidate.text.normalise import fold, tidy

Role = ColumnRole  # seq, unit, opinion, reason, remark, clause, other


@dataclass(frozen=True)
class FormEntry:
    """One opinion as written on the form, before it is given an id and a clause."""

    text: str
    reason: str = ""
    remark: str = ""
    unit_cell: str = ""
    clause_hint: str = ""
    where: str = ""
    context: str = ""  # for a tracked change: the draft paragraph it was made in


@dataclass(frozen=True)
class FormContent:
    """What a return says, independent of the file format it came in."""

    entries: tuple[FormEntry, ...]
    declared_unit: str | None = None
    fill_date: dt.date | None = None
    no_opinion: bool = False
    table_found: bool = False
    unit_cells: tuple[str, ...] = ()
    outside_text: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    authors: tuple[str, ...] = ()  # who made tracked changes or comments
    lost: tuple[str, ...] = ()  # table cells that reached no entry: a defect, reported as an error
    from_revisions: bool = False  # opinions read from a returned draft's tracked changes
    has_revisions: bool = False
    contact: str = ""  # 联系人 on the header line, for whoever has to call the unit
    phone: str = ""
    filler: str = ""  # 填表人
    on_behalf: str = ""  # the unit a reply says it answers for: 受XX市人民政府委托
    signed: str = ""  # the unit's name alone on a line under a letter (落款)


_HEADER_PATTERNS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (ColumnRole.SEQ, re.compile(r"^(?:序号|序|编号|序列号|No\.?|NO\.?)$")),
    (ColumnRole.OTHER, re.compile(r"^.{0,4}(?:处理意见|处理情况|采纳情况|是否采纳|采纳与否|办理情况|答复意见)$")),
    (ColumnRole.CLAUSE, re.compile(
        r"^.{0,6}(?:条款|章节|条目|页码|位置|原文|涉及内容|修改内容|所在)(?:序号|内容|条款|章节|位置|及内容)?$"
    )),
    (ColumnRole.OPINION, re.compile(
        r"^(?!无|没有|暂无|同意)(?:.{0,6})(?:意见|建议)(?:内容|建议)?(?:(?:及|和|与|、)(?:理由|依据|说明))?$"
        r"|^(?:建议)?修改(?:为|后)(?:内容|表述|条文)?$"
    )),
    (ColumnRole.REASON, re.compile(r"^.{0,4}(?:理由|依据|原因)(?:(?:及|和|与|、)(?:依据|说明|理由))?$")),
    (ColumnRole.REMARK, re.compile(r"^备注(?:说明)?$")),
    (ColumnRole.UNIT, re.compile(r"^(?:提出|反馈|填报|报送|意见)?单位(?:名称)?$")),
)  # fmt: skip


def classify_header(text: str) -> Role | None:
    """The role of a column from its header text, or None for a cell that is no header.

    Header wording varies (意见建议, 具体修改意见, 修改意见及理由, 涉及条款, 提出单位) but
    stays within a small vocabulary; a data cell such as "建议乙" or "无意见" must not be
    mistaken for a header, so whole-cell patterns are used, not substrings.
    """
    h = re.sub(r"[(（][^()（）]*[)）]$", "", fold(text))
    if not h:
        return None
    for role, pattern in _HEADER_PATTERNS:
        if pattern.match(h):
            return role
    return None


def _header_row(table: Table) -> tuple[int, dict[int, Role], dict[int, str]] | None:
    for r, row in enumerate(table.rows[:30]):
        roles: dict[int, Role] = {}
        names: dict[int, str] = {}
        for c, cell in enumerate(row):
            if not table.is_origin(r, c):
                continue
            role = classify_header(cell.text) if len(fold(cell.text)) <= 12 else None
            if role:
                roles[c] = role
                names[c] = tidy(cell.text)
        if ColumnRole.OPINION in roles.values() and len(roles) >= 2:
            for c, cell in enumerate(row):
                if c not in roles and table.is_origin(r, c) and cell.text.strip():
                    roles[c], names[c] = ColumnRole.OTHER, tidy(cell.text)
            return _sub_header(table, r, roles, names)
    return None


def _sub_header(
    table: Table, r: int, roles: dict[int, Role], names: dict[int, str]
) -> tuple[int, dict[int, Role], dict[int, str]]:
    """A second header row under merged headings (修改意见 over 原文 | 修改为): its words
    name the columns below; it is not a data row."""
    if r + 1 >= len(table.rows):
        return r, roles, names
    below = {
        c: tidy(cell.text)
        for c, cell in enumerate(table.rows[r + 1])
        if table.is_origin(r + 1, c) and cell.text.strip()
    }
    sub_roles = {c: classify_header(text) for c, text in below.items()}
    if not below or any(role is None for role in sub_roles.values()):
        return r, roles, names
    merged_roles, merged_names = dict(roles), dict(names)
    for c, role in sub_roles.items():
        merged_roles[c] = role  # type: ignore[assignment]
        merged_names[c] = below[c]
    if ColumnRole.OPINION not in merged_roles.values():
        # 意见建议 over 修改内容 | 修改理由: the words under an opinion heading that are not its
        # reasons are the opinion, whatever they would mean as a heading of their own.
        for c in sorted(sub_roles):
            parent = table.rows[r][c].origin[1]
            if roles.get(parent) == ColumnRole.OPINION and sub_roles[c] not in (
                ColumnRole.REASON,
                ColumnRole.REMARK,
                ColumnRole.SEQ,
                ColumnRole.UNIT,
            ):
                merged_roles[c] = ColumnRole.OPINION
                break
    if ColumnRole.OPINION not in merged_roles.values():
        # Header words all the same, never a row of data; the upper row names the columns.
        return r + 1, roles, names
    return r + 1, merged_roles, merged_names


def interpret(document: SourceDocument) -> FormContent:
    """Find the opinion table and read entries, header line and no-opinion statements."""
    lines = _LinesOutside()
    rows = _RowsRead()
    table_found = False
    previous: tuple[dict[int, Role], dict[int, str], int] | None = None
    for block in document.blocks:
        if not isinstance(block, Table):
            lines.take(block.text)
            continue
        found = _columns(block, previous)
        if found is None:
            # Spreadsheets put the header line in cells above the table.
            for row in block.rows:
                lines.take(" ".join(_distinct_texts(row)))
            continue
        table_found = True
        header_at, roles, names = found
        previous = (roles, names, _width(block))
        for row in block.rows[:header_at]:
            lines.take(" ".join(_distinct_texts(row)))
        read = _read_rows(block, header_at, roles, names)
        rows.entries.extend(read.entries)
        rows.unit_cells.extend(read.unit_cells)
        rows.notes.extend(read.notes)
        rows.lost.extend(read.lost)
        lines.no_opinion = lines.no_opinion or read.no_opinion
        for text in read.lines_after:
            lines.take(text)

    entries, outside = rows.entries, lines.outside
    from_revisions = False
    if not table_found and document.revisions:
        entries = [revision_entry(r) for r in document.revisions]
        from_revisions = True
    elif not table_found:
        entries = _entries_from_prose(outside)
        # A letter's signature is evidence of who wrote it, the last lines of what was said.
        outside = ([] if entries else outside) + lines.signatures[-2:]
    return FormContent(
        entries=tuple(entries),
        declared_unit=lines.declared,
        fill_date=lines.fill_date,
        no_opinion=lines.no_opinion and not entries,
        table_found=table_found,
        unit_cells=tuple(rows.unit_cells),
        outside_text=tuple(outside),
        notes=tuple(rows.notes),
        authors=tuple(dict.fromkeys(r.author for r in document.revisions if r.author)),
        from_revisions=from_revisions,
        has_revisions=bool(document.revisions),
        lost=tuple(rows.lost),
        contact=lines.header.contact or "",
        phone=lines.header.phone or "",
        filler=lines.header.filler or "",
        on_behalf=lines.on_behalf,
        signed=lines.signatures[-1] if lines.signatures else "",
    )


def _width(table: Table) -> int:
    return len(table.rows[0]) if table.rows else 0


def _columns(
    table: Table, previous: tuple[dict[int, Role], dict[int, str], int] | None
) -> tuple[int, dict[int, Role], dict[int, str]] | None:
    """The table's header row and its columns' roles and names, or None for a table that
    is no opinion table."""
    found = _header_row(table)
    if found is None and previous is not None and _width(table) == previous[2]:
        # A table broken in two (a paragraph typed between rows, a second sheet
        # without a header): the rows go on under the same columns.
        return -1, previous[0], previous[1]
    return found


@dataclass
class _LinesOutside:
    """What the lines outside the opinion table say: the header line (单位名称、填表时间、
    联系人), whom a reply answers for, the signature under a letter, no-opinion statements,
    and whatever else was written, kept for identifying the unit and for prose opinions."""

    header: HeaderFields = field(default_factory=HeaderFields)
    declared: str | None = None
    fill_date: dt.date | None = None
    no_opinion: bool = False
    on_behalf: str = ""
    signatures: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def take(self, text: str) -> None:
        for line in text.splitlines():
            line = line.strip()
            if line:
                self._take_line(line)

    def _take_line(self, line: str) -> None:
        self.on_behalf = self.on_behalf or on_behalf_of(line) or ""
        fields = read_header(line)
        if fields is not None:
            self.header = _merge(self.header, fields)
            self.declared = self.declared or fields.unit
            self.fill_date = self.fill_date or fields.date
            return
        signed = _signature(line)
        if signed:
            self.signatures.append(signed)
            return
        if is_boilerplate(line) and not proposes_change(line):
            return
        said = self._said(line)
        if not said:
            return
        self.outside.append(said)
        if self.fill_date is None and _is_date_line(said):
            self.fill_date = parse_date(said)

    def _said(self, line: str) -> str:
        """The line without its lead-in words, letter furniture and no-opinion sentences
        (which are noted: "经研究，我市无修改意见。盖章件见附件。" says no opinion, and the
        rest of it is no opinion either)."""
        kept: list[str] = []
        for sentence in re.split(r"(?<=[。！!；;])", line):
            sentence = _without_lead(sentence)
            if not sentence.strip():
                continue
            if is_no_opinion(sentence):
                self.no_opinion = True
            elif not _is_furniture(sentence):
                kept.append(sentence)
        return "".join(kept).strip()


def _merge(known: HeaderFields, more: HeaderFields) -> HeaderFields:
    """Fields from several header lines: the first value given for each wins."""
    return HeaderFields(
        *(a if a is not None else b for a, b in zip(dataclasses.astuple(known), dataclasses.astuple(more)))
    )


def _is_furniture(sentence: str) -> bool:
    """A sentence every reply letter has besides its message: 来函收悉, 特此函复, 附件：…"""
    return (
        (is_boilerplate(sentence) and not proposes_change(sentence))
        or is_closing(sentence)
        or is_acknowledgement(sentence)
        or is_lead_in(sentence)
        or is_letter_furniture(sentence)
    )


def _signature(line: str) -> str | None:
    """The unit's name when the line is a letter's 落款 ("广州市林业和园林局 李华" too),
    not a greeting, a sign-off or a salutation."""
    name = re.sub(r"\s+[\u4e00-\u9fa5]{2,4}$", "", line.strip())
    folded = fold(name)
    if not re.fullmatch(r"[\u4e00-\u9fa5()（）]{4,30}", folded) or not is_boilerplate(name):
        return None
    if is_closing(folded) or folded.startswith(("此致", "敬礼", "您好", "你好")):
        return None
    return name


def _without_lead(line: str) -> str:
    """ "XX厅：" or "现将意见反馈如下：" before what the line says: only what it says."""
    for colon in re.finditer(r"[:：]", line[:60]):
        head = line[: colon.end()]
        # "关于…中的市教育局：建议…" points at a clause; only a bare addressee is a salutation.
        salutation = is_boilerplate(head) and not re.search(r"关于|的|第|中|“|‘", head)
        if salutation or is_lead_in(head):
            return line[colon.end() :].strip()
    return line


def revision_entry(revision: Revision) -> FormEntry:
    """A tracked change or comment worded as units word opinions: 在“…”后增加“…”."""
    if revision.kind == "insert":
        anchor = _anchor(revision.before)
        text = f"在“{anchor}”后增加“{revision.new}”" if anchor else f"在段首增加“{revision.new}”"
    elif revision.kind == "delete":
        text = f"删除“{revision.old}”"
    elif revision.kind == "replace":
        text = f"将“{revision.old}”修改为“{revision.new}”"
    else:
        text = f"关于“{revision.old}”：{revision.new}" if revision.old else revision.new
    remark = (
        f"{'批注人' if revision.kind == 'comment' else '修订人'}：{revision.author}"
        if revision.author
        else ""
    )
    where = f"{revision.where}（{'批注' if revision.kind == 'comment' else '修订'}）"
    return FormEntry(text, "", remark, "", "", where, revision.paragraph)


def _anchor(before: str) -> str:
    """The phrase just before an insertion point: back to the previous punctuation mark,
    or its last twelve characters when that phrase is long."""
    body = before.rstrip()
    cut = max((body[:-1].rfind(mark) for mark in "，。；：、,;:（）()“”"), default=-1)
    phrase = body[cut + 1 :]
    return phrase if len(phrase) <= 20 else phrase[-12:]


@dataclass
class _RowsRead:
    entries: list[FormEntry] = field(default_factory=list)
    unit_cells: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines_after: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    no_opinion: bool = False


def _read_rows(table: Table, header_at: int, roles: dict[int, Role], names: dict[int, str]) -> _RowsRead:
    read = _RowsRead()
    for r in range(header_at + 1, len(table.rows)):
        fresh = _fresh_texts(table, r)
        if not fresh:
            continue
        entries_before = len(read.entries)
        previous = read.entries[-1] if read.entries else None
        consumed = _read_row(table, r, roles, names, read)
        # Nothing lost, provably: every piece of every cell read must be in an entry, a
        # note, or a statement recognised as no opinion / a blank mark / a row number.
        produced = read.entries[entries_before:] + (
            [read.entries[entries_before - 1]]
            if previous and entries_before and read.entries[entries_before - 1] is not previous
            else []
        )
        corpus = fold(
            "\n".join(
                [*consumed, *(f"{e.text}{e.reason}{e.remark}{e.unit_cell}{e.clause_hint}" for e in produced)]
            )
        )
        for text in fresh:
            if not all(piece in corpus for piece in _pieces(text)):
                read.lost.append(f"{table.where}第{r + 1}行：{text}")
    return read


def _fresh_texts(table: Table, r: int) -> list[str]:
    return [
        tidy(cell.text) for c, cell in enumerate(table.rows[r]) if cell.origin == (r, c) and tidy(cell.text)
    ]


def _pieces(text: str) -> list[str]:
    """A cell's text as the pieces that must survive: its lines and numbered items,
    without the numbering marks and item separators that splitting removes."""
    preamble, items = split_numbered(text)
    pieces = []
    for part in [preamble, *(item.text for item in items)]:
        for line in part.splitlines():
            piece = fold(line).strip("；;。.，,")
            if piece:
                pieces.append(piece)
    return pieces


@dataclass(frozen=True)
class _RowTexts:
    """A data row's texts that start in it, sorted by the role of their column."""

    values: dict[Role, list[str]]  # by role; the unit column's value also carries down merged cells
    extras: list[str]  # texts in columns of no known role, each with its column's name
    fresh: list[str]  # every text that starts in this row, in column order


def _row_texts(table: Table, r: int, roles: dict[int, Role], names: dict[int, str]) -> _RowTexts:
    values: dict[Role, list[str]] = {}
    extras: list[str] = []
    fresh: list[str] = []
    for c, cell in enumerate(table.rows[r]):
        origin_row, origin_col = cell.origin
        if origin_row == r and origin_col != c:
            continue  # horizontal continuation: counted once, in its first column
        text = tidy(cell.text)
        if not text:
            continue
        role = roles.get(c)
        if origin_row != r:
            # Vertical continuation: only the unit column's value carries down.
            if role == ColumnRole.UNIT:
                values.setdefault(ColumnRole.UNIT, []).append(text)
            continue
        fresh.append(text)
        if role is None:
            role = roles.get(origin_col, ColumnRole.OTHER)
        if role == ColumnRole.OTHER:
            extras.append(f"{names.get(c, '')}：{text}" if names.get(c) else text)
        else:
            values.setdefault(role, []).append(text)
    return _RowTexts(values, extras, fresh)


def _read_row(
    table: Table, r: int, roles: dict[int, Role], names: dict[int, str], read: _RowsRead
) -> list[str]:
    """Read one data row into ``read``; returns the texts it consumed other than entries."""
    row = _row_texts(table, r, roles, names)
    joined = " ".join(row.fresh)
    if read_header(row.fresh[0]) is not None and read_header(joined) is not None:
        # "填表人 | 王芳 | 联系电话 | …" typed into the table's last row: the header line.
        read.lines_after.append(joined)
        return list(row.fresh)
    values, extras = row.values, row.extras
    consumed: list[str] = []
    if _spans_whole_row(table, r) or _only_in_seq(values, extras):
        statement = row.fresh[0]
        consumed.append(statement)
        if _took_statement(statement, read):
            return consumed
        values, extras = {ColumnRole.OPINION: [statement]}, []
    _read_opinion(
        values, extras, f"{table.where}第{r + 1}行", _original_and_new(roles, names), read, consumed
    )
    return consumed


def _took_statement(statement: str, read: _RowsRead) -> bool:
    """Whether a statement written across the whole row (or alone in the 序号 column) is
    something other than an opinion — closing words, no opinion, a blank mark, a bare row
    number of the template, a footer — and so has been taken into ``read`` here."""
    if is_closing(statement):
        return True
    if is_no_opinion(statement) or is_blank_mark(statement):
        read.no_opinion = read.no_opinion or is_no_opinion(statement)
        return True
    if _is_seq_number(statement):
        return True  # a numbered blank template row
    if _looks_like_footer(statement):
        read.lines_after.append(statement)
        return True
    return False


@dataclass
class _RowFields:
    """A data row's opinion, reason, remark, clause and 序号, each joined across its columns."""

    opinion: str
    reason: str
    remark: str
    clause_hint: str
    seq: str
    where: str


def _row_fields(values: dict[Role, list[str]], extras: list[str], where: str) -> _RowFields:
    remark_parts = values.get(ColumnRole.REMARK, []) + extras
    seq = " ".join(values.get(ColumnRole.SEQ, []))
    if seq and not _is_seq_number(seq):
        remark_parts.insert(0, f"序号：{seq}")
    return _RowFields(
        opinion="\n".join(values.get(ColumnRole.OPINION, [])),
        reason="\n".join(values.get(ColumnRole.REASON, [])),
        remark="\n".join(remark_parts),
        clause_hint="\n".join(values.get(ColumnRole.CLAUSE, [])),
        seq=seq,
        where=where,
    )


def _read_opinion(
    values: dict[Role, list[str]],
    extras: list[str],
    where: str,
    original_and_new: bool,
    read: _RowsRead,
    consumed: list[str],
) -> None:
    """Read a row that holds an opinion, or only its reason or remark, or says no opinion
    in the opinion column."""
    if ColumnRole.UNIT in values:
        read.unit_cells.extend(v for v in values[ColumnRole.UNIT] if fold(v) not in _SAME_AS_ABOVE)
        consumed.extend(values[ColumnRole.UNIT])
    consumed.extend(v for v in values.get(ColumnRole.SEQ, []) if _is_seq_number(v))
    row = _row_fields(values, extras, where)
    if is_blank_mark(row.opinion) or (is_closing(row.opinion) and not (row.reason or row.clause_hint)):
        # "以上意见供参考" in the opinion column says nothing of its own.
        consumed.append(row.opinion)
        row.opinion = ""
    if not row.opinion and _took_row_without_opinion(row, read, consumed):
        return
    if is_no_opinion(row.opinion) and _took_no_opinion(row, read, consumed):
        return
    unit_cell = values.get(ColumnRole.UNIT, [""])[0]
    if fold(unit_cell) in _SAME_AS_ABOVE and read.entries:
        unit_cell = read.entries[-1].unit_cell
    opinion = row.opinion
    if original_and_new and row.clause_hint and opinion and "“" not in opinion:
        # Columns 原文 | 修改为: the row is a replacement; say it the way units write one.
        opinion = f"将“{row.clause_hint}”修改为“{opinion}”"
    read.entries.extend(_split_entry(opinion, row.reason, row.remark, unit_cell, row.clause_hint, where))


def _took_row_without_opinion(row: _RowFields, read: _RowsRead, consumed: list[str]) -> bool:
    """A row with nothing in the opinion column. If its reason is empty too or says no
    opinion, it is taken as no opinion; a reason or remark without a 序号 of its own joins
    the opinion above. Otherwise it is noted and still read as an entry (False), so that
    nothing the unit wrote is lost."""
    if is_no_opinion(row.reason) or not (row.reason or row.remark or row.clause_hint):
        read.no_opinion = read.no_opinion or is_no_opinion(row.reason)
        consumed.append(row.reason)
        return True
    if read.entries and not row.seq:
        previous = read.entries[-1]
        read.entries[-1] = dataclasses.replace(
            previous,
            reason="\n".join(x for x in (previous.reason, row.reason) if x),
            remark="\n".join(x for x in (previous.remark, row.remark) if x),
            clause_hint="\n".join(x for x in (previous.clause_hint, row.clause_hint) if x),
        )
        read.notes.append(f"{row.where}: 只有理由或备注，已并入上一条意见")
        return True
    read.notes.append(f"{row.where}: 只有理由或备注，没有修改意见")
    return False


def _took_no_opinion(row: _RowFields, read: _RowsRead, consumed: list[str]) -> bool:
    """The opinion column says 无修改意见: the unit has no opinion, and the row is taken as
    such — unless its reason or clause says something after all, when it is still read as
    an entry (False)."""
    read.no_opinion = True
    consumed.append(row.opinion)
    if not (row.reason and not is_no_opinion(row.reason)) and not row.clause_hint:
        consumed.append(row.reason)
        if row.remark:
            read.notes.append(f"{row.where}: 无修改意见，备注：{row.remark}")
            consumed.append(row.remark)
        return True
    return False


_SAME_AS_ABOVE = {"同上", "同左", "〃", '"', "同前"}


def _original_and_new(roles: dict[int, Role], names: dict[int, str]) -> bool:
    clause_names = [fold(names.get(c, "")) for c, role in roles.items() if role == ColumnRole.CLAUSE]
    opinion_names = [fold(names.get(c, "")) for c, role in roles.items() if role == ColumnRole.OPINION]
    return any(n.startswith(("原文", "原条文", "原表述")) for n in clause_names) and any(
        n.startswith(("修改为", "修改后", "建议修改为")) for n in opinion_names
    )


def _split_entry(
    opinion: str, reason: str, remark: str, unit_cell: str, clause_hint: str, where: str
) -> list[FormEntry]:
    """One entry per numbered item in the opinion cell, each with its numbered reason."""
    preamble, items = split_numbered(opinion)
    if not items:
        return [FormEntry(opinion, reason, remark, unit_cell, clause_hint, where)]
    reason_preamble, reason_items = split_numbered(reason)
    reasons = {item.number: item.text for item in reason_items}
    entries = []
    for item in items:
        text = item.text if not preamble else f"{preamble}\n{item.text}" if item.number == 1 else item.text
        if reasons:
            item_reason = reasons.get(item.number, "")
            if item.number == 1 and reason_preamble:
                item_reason = f"{reason_preamble}\n{item_reason}".strip()
        else:
            item_reason = reason
        entries.append(
            FormEntry(text, item_reason, remark, unit_cell, clause_hint, f"{where}第{item.number}项")
        )
    # Reasons numbered beyond the opinions are kept on the last opinion, never dropped.
    extra = [t for n, t in sorted(reasons.items()) if n > len(items)]
    if extra:
        last = entries[-1]
        entries[-1] = FormEntry(
            last.text,
            "\n".join([last.reason, *extra]).strip(),
            last.remark,
            last.unit_cell,
            last.clause_hint,
            last.where,
        )
    return entries


def _distinct_texts(row) -> list[str]:
    seen: list[str] = []
    for cell in row:
        text = cell.text.strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _spans_whole_row(table: Table, r: int) -> bool:
    origins = {cell.origin for cell in table.rows[r] if cell.origin[0] == r}
    return len(origins) == 1 and len(table.rows[r]) > 1


def _only_in_seq(values: dict[Role, list[str]], extras: list[str]) -> bool:
    return set(values) == {ColumnRole.SEQ} and not extras and not _is_seq_number(values[ColumnRole.SEQ][0])


def _is_seq_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9一二三四五六七八九十]{1,3}[.、．]?", fold(text)))


_BOILERPLATE = re.compile(
    r"^(?:您好|你好|此致|敬礼|特此(?:函复|复函|反馈)|请查收|请审阅|.{0,12}(?:见附件|详见附件|请查收|请审阅).{0,4}|"
    r"[^，。；]{2,30}(?:厅|局|委|办|办公室|政府|委员会|部|处|科|司|院|中心|同志|领导)[:：]|"
    r"[\u4e00-\u9fa5()（）]{2,30}(?:厅|局|委|办|办公室|政府|委员会|部|院|中心|联|会|公司|区委|团委))[。！!，,]?$"
)


def is_boilerplate(text: str) -> bool:
    """Greetings, addressee lines and "见附件" notes around a reply: never opinions."""
    return bool(_BOILERPLATE.match(fold(text)))


def _is_date_line(text: str) -> bool:
    return parse_date(text) is not None and len(fold(text)) <= 16


def is_template_text(text: str) -> bool:
    """Title lines and notes a form carries itself (注：…, （…征求意见稿）): not the unit's words."""
    return bool(_TITLE_LINE.match(fold(text))) or _looks_like_footer(text)


def _looks_like_footer(text: str) -> bool:
    folded = fold(text)
    return bool(re.match(r"^(联系人|联系电话|电话|填表人|经办人|审核人|负责人|注[:：])", folded))


_TITLE_LINE = re.compile(
    r"^(附件\s*\d*|.*修改意见表|.*意见反馈表|.*征求意见.*|.*[（(]征求意见稿[)）]|关于[^。；]*(?:意见|建议|反馈|函|复函))$"
)


def _entries_from_prose(lines: list[str]) -> list[FormEntry]:
    """A return written as a letter instead of the form: its numbered points are opinions."""
    body = [
        line
        for line in lines
        if not (is_template_text(line) and not proposes_change(re.sub(r"《[^》]*》", "", line)))
        and not _is_date_line(line)
        and not is_letter_furniture(line)
        and len(fold(line)) > 6
    ]
    if not body:
        return []
    text = "\n".join(body)
    return _split_entry(text, "", "", "", "", "正文")
