"""Setting up a consultation from the letter as sent (征求意见的函 with its annexes).

From the letter's text: the reference (桂人社函〔2023〕57号), the issuer and the draft's
title (from 《…》 in the letter's title), the deadline (see `consolidate.consultation.deadline`), the
contacts, the draft annex, and the roster — from the 主送 line, a unit-list annex or a
roster file, with collective addressees written out (see `consolidate.consultation.addressees`).
Whatever cannot be read is left for the clerk to fill in, marked in the file and reported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.codes import Code
from consolidate.consultation import addressees as ad
from consolidate.consultation import divisions as dv
from consolidate.consultation.deadline import find_deadline, signing_date
from consolidate.errors import ConsolidateError
from consolidate.model import FileKind, Finding, Severity
from consolidate.text.normalise import fold

# Kept for callers of the hand-typed list this replaced: the dataset's cities, by region.
CITIES = {"广西": [d.short for d in dv.prefectures("广西")]}

_REFERENCE = re.compile(r"[\u4e00-\u9fa5]{1,10}[〔\[（(［]\s*\d{4}\s*[〕\]）)］]\s*\d+\s*号")
_ANNEX = re.compile(r"^\s*附\s*件\s*(\d+|[一二三四五六七八九十]+)?\s*(?:[:：]\s*(.*))?$")
_LABEL = re.compile(
    r"^(联\s*系\s*人|联系电话|电\s*话|传\s*真|邮\s*箱|电子邮箱|电子信箱|E-?mail|附\s*件|地\s*址|邮\s*编)",
    re.I,
)
_PHONE = re.compile(
    r"(?<![\d\-])(?:\(?0\d{2,3}\)?[-－—\s]?\d{7,8}(?:[-转]\d{1,5})?|1[3-9]\d{9}|\d{7,8})(?![\d])"
)
_EMAIL = re.compile(r"[\w.\-+]+@[\w\-]+(?:\.[\w\-]+)+")
_CONTACT_WORDS = re.compile(
    r"联系人及电话|联系人及联系方式|联系方式|联系人|联系电话|办公电话|手机号码|手机|电话|传真|兼传真|"
    r"电子邮箱|电子信箱|邮箱|E-?mail|同志|及|和|分别为|分别是"
)
_ORGANISATION = re.compile(
    r"(厅|局|委|委员会|办|办公室|办公厅|政府|院|会|部|中心|所|社|行|司|公司|集团|大学|学院|学校|医院|队|站|馆|处|"
    r"科|室|团|联|党委|单位|部门|机构|组|署|法院|检察院|军区|海关|银行|区委|省委|市委|县委)\s*$"
)
_ORG_LINE = re.compile(r"^.{2,28}(厅|局|委|委员会|办公室|办公厅|政府|院|会|部|办|中心)$")
_UNIT_LIST = ("名单", "征求意见单位", "征求意见范围", "送达单位")
_NOT_DRAFT = r"名单|征求意见单位|征求意见范围|送达单位|意见表|反馈表|起草说明|编制说明"
TODO = "# 待填写："
PLACEHOLDER_DEADLINE = "待填写"


class LetterError(ConsolidateError):
    """The letter cannot be read at all (damaged, or a scan without text); the message says why."""


@dataclass(frozen=True)
class Letter:
    """What a letter says about its consultation; empty fields were not found in it."""

    title: str = ""
    reference: str = ""
    issuer: str = ""
    deadline: dt.datetime | None = None
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    draft_lines: list[str] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)  # (name, group)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signed: dt.date | None = None
    findings: list[Finding] = field(default_factory=list)


def read_letter_lines(path: Path) -> list[str]:
    """The text of a letter or roster file as lines; table rows become tab-joined lines."""
    from consolidate.documents.document import UnreadableFile

    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            from consolidate.documents.readers.docx import read_paragraphs

            return read_paragraphs(path)
        if suffix in (".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt"):
            return _converted_lines(path)
        if suffix == ".pdf":
            from consolidate.documents.readers.pdf import read_pdf

            lines = _block_lines(read_pdf(path).blocks)
            if not any(line.strip() for line in lines):
                raise LetterError(f"{path.name} 没有文字层（可能是扫描件）：请使用来函的 Word 版或文字版 PDF")
            return lines
        if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
            from consolidate.documents.readers.sheet import read_sheet

            return _block_lines(read_sheet(path).blocks)
    except LetterError:
        raise
    except Exception as exc:  # damaged files raise whatever their parser raises
        reason = exc if isinstance(exc, UnreadableFile) else f"文件已损坏或格式不对（{type(exc).__name__}）"
        raise LetterError(f"无法读取 {path.name}：{reason}") from exc
    from consolidate.documents.readers.text import decode_text

    return decode_text(path.read_bytes()).splitlines()


def _converted_lines(path: Path) -> list[str]:
    import tempfile

    from consolidate.documents.convert import convert_word_files
    from consolidate.documents.discover import FoundFile
    from consolidate.documents.readers.docx import read_paragraphs

    with tempfile.TemporaryDirectory(prefix="consolidate-letter-") as workdir:
        converted, findings = convert_word_files([FoundFile(path, path.name, FileKind.WORD)], Path(workdir))
        if path.name not in converted:
            raise LetterError(findings[0].message if findings else f"LibreOffice 无法转换 {path.name}")
        return read_paragraphs(converted[path.name])


def _block_lines(blocks) -> list[str]:
    from consolidate.documents.document import TextLine

    lines: list[str] = []
    for block in blocks:
        if isinstance(block, TextLine):
            lines.append(block.text)
        else:
            lines += ["\t".join(cell.text for cell in row) for row in block.rows]
    return lines


def parse_letter(lines: list[str], roster_lines: list[str] | None = None, roster_name: str = "") -> Letter:
    """Read a letter's lines; ``roster_lines`` (a separate 名单 file) replace the letter's own list."""
    body = [line.rstrip() for line in lines if line.strip()]
    annex_at = [i for i, line in enumerate(body) if _ANNEX.match(line.strip()) and not _listing_line(body, i)]
    head = [line.strip() for line in (body[: annex_at[0]] if annex_at else body)]
    findings: list[Finding] = []

    text = "\n".join(head)
    reference_match = _REFERENCE.search(text)
    reference = re.sub(r"\s+", "", reference_match.group(0)) if reference_match else ""
    title_from, title_to = _title_span(head)
    title_line = "".join(head[title_from:title_to])
    issuer = title_line[: title_line.index("关于")] if "关于" in title_line else ""
    signed = signing_date(head)
    issuer = issuer or _signature(head) or _letterhead(head, title_from)
    title = _draft_title(title_line, text)
    deadline = find_deadline("".join(head), signed or _reference_year(reference))
    place = ad.place_of(issuer, reference, text)

    annexes = _annexes(body, annex_at)
    listing = _annex_listing(head)
    draft_no = _find_annex(listing, annexes, ("征求意见稿", "送审稿", "草案", "征求意见"), exclude=_NOT_DRAFT)
    units_no = _find_annex(listing, annexes, _UNIT_LIST, exclude="")
    draft_lines = annexes.get(draft_no, []) if draft_no is not None else []

    listed: list[ad.ListedUnit] = []
    if roster_lines is not None:
        listed, notes = ad.parse_unit_list(roster_lines, place)
        findings += notes
        if not listed:
            findings.append(
                Finding(Severity.ERROR, Code.ROSTER_EMPTY, f"名单文件 {roster_name} 中没有读出单位名称")
            )
    else:
        from_address, address_notes, generic = _addressee_units(head, title_to, place)
        if units_no is not None and units_no in annexes:
            # Units listed under no heading are the ones the 主送's generic phrase stands for.
            found, notes = ad.parse_unit_list(annexes[units_no], place, group=generic)
            listed += found
            findings += notes
        listed += from_address
        findings += address_notes
    listed = ad.dedupe(listed)

    return Letter(
        title=title,
        reference=reference,
        issuer=issuer,
        deadline=deadline,
        contacts=_contacts(head),
        draft_lines=draft_lines,
        units=[(u.name, u.group) for u in listed],
        aliases={u.name: u.aliases for u in listed if u.aliases},
        signed=signed,
        findings=findings,
    )


def _listing_line(body: list[str], i: int) -> bool:
    """``附件：1．…`` in the letter lists the annexes; it does not start one."""
    match = _ANNEX.match(body[i].strip())
    rest = (match.group(2) or "") if match else ""
    if re.match(r"^\s*\d+\s*[．.、]", rest):
        return True
    if match and match.group(1) is None and rest:
        # 附件：《某某办法（征求意见稿）》 — a single annex, listed; the annex itself comes later.
        return any(_ANNEX.match(line.strip()) for line in body[i + 1 :])
    return False


def _title_span(head: list[str]) -> tuple[int, int]:
    """The letter's title: from after the reference (or the top) to the line ending with 的函."""
    start = next((i + 1 for i, line in enumerate(head[:8]) if _REFERENCE.search(line)), 0)
    for end in range(start, min(start + 7, len(head))):
        if re.search(r"(的函|的通知|意见函|征求意见|意见的请示)$", head[end]) or (
            "《" in head[end] and head[end].endswith("函")
        ):
            return _title_start(head, start, end), end + 1
    return start, min(start + 1, len(head))


def _title_start(head: list[str], start: int, end: int) -> int:
    """The title starts at its 关于 line, or at the issuer's line just above one that opens
    with 关于; letterheads (湖北省民政厅文件) above it are not part of it."""
    about = next((i for i in range(end, start - 1, -1) if "关于" in head[i]), None)
    if about is None:
        return start
    above = fold(head[about - 1]) if about > start else ""
    if head[about].lstrip().startswith("关于") and _ORG_LINE.search(above) and not above.endswith("文件"):
        return about - 1
    return about


def _draft_title(title_line: str, text: str) -> str:
    quoted: list[str] = re.findall(r"《([^《》]+)》", title_line)
    if quoted:
        return max(quoted, key=lambda q: ("征求意见" in q or "草案" in q, len(q)))
    in_text: list[str] = re.findall(r"《([^《》]+(?:征求意见稿|草案|送审稿)[^《》]*)》", text)
    if in_text:
        return in_text[0]
    bare = re.search(r"关于征求(.+?)(?:修改)?意见的(?:函|通知)", title_line)
    return bare.group(1) if bare else ""


def _signature(head: list[str]) -> str:
    """The issuer as signed above the date at the end of the letter."""
    for i in range(len(head) - 1, 0, -1):
        if re.fullmatch(
            r"\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年.{1,3}月.{1,3}日", fold(head[i])
        ):
            above = fold(head[i - 1])
            if 2 < len(above) < 40 and not re.search(r"[。：:，,]", above):
                return above
            return ""
    return ""


def _letterhead(head: list[str], title_from: int) -> str:
    """The issuer printed above the reference (湖北省民政厅文件 → 湖北省民政厅)."""
    for line in head[:title_from]:
        name = re.sub(r"文件$", "", fold(line))
        if _ORG_LINE.search(name) and not _REFERENCE.search(name):
            return name
    return ""


def _reference_year(reference: str) -> dt.date | None:
    year = re.search(r"\d{4}", reference)
    return dt.date(int(year.group(0)), 1, 1) if year else None


def _addressee_units(head: list[str], after: int, place: ad.Place) -> ad.Addressed:
    """The units the 主送 line names or stands for (generic 各有关单位 names none), and the
    line's one generic phrase (省政府有关部门、直属机构) if it has one: the annex says who it is."""
    at = next(
        (
            i
            for i in range(after, min(after + 12, len(head)))
            if re.search(r"[:：]$", head[i]) and not _LABEL.match(head[i]) and "。" not in head[i]
        ),
        None,
    )
    if at is None:
        return ad.Addressed([], [], "")
    start = at
    # A 主送 wrapped onto several lines: earlier lines end in a separator or are lists themselves.
    while start > after and not re.search(r"[。！？]", head[start - 1]) and len(head[start - 1]) < 80:
        previous = head[start - 1]
        if re.search(r"(的函|的通知|》)$", previous) or not re.search(r"[、，,；;]", previous):
            break
        start -= 1
    line = re.sub(r"[:：]$", "", "".join(head[start : at + 1]))
    items = [p for piece in re.split(r"[，,；;]", line) for p in ad.split_items(piece)]
    if not all(_ORGANISATION.search(item) or ad.is_collective(item) or ad.is_generic(item) for item in items):
        return ad.Addressed([], [], "")  # 现将有关事项通知如下： is no 主送
    return ad.addressee_units(line, place)


def _contacts(head: list[str]) -> list[tuple[str, str, str]]:
    """Contacts as (name, phone, e-mail): on one line or several, names never holding a phone."""
    block: list[str] = []
    last = -2
    for i, line in enumerate(head):
        compact = re.sub(r"[\s\u3000]+", " ", line).strip()
        # 李  婷: a two-character name padded to the width of three.
        compact = re.sub(
            r"(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5]) +([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])", r"\1\2", compact
        )
        if re.match(
            r"^联\s*系\s*人|^联系电话|^电\s*话|^联系方式|^(电子)?邮\s*箱|^电子信箱|^E-?mail", compact, re.I
        ):
            block.append(compact)
            last = i
        elif (
            last == i - 1
            and _PHONE.search(compact)
            and len(compact) < 40
            and "。" not in compact
            and not re.match(r"^(传\s*真|地\s*址|邮\s*编|附\s*件)", compact)
        ):
            block.append(compact)  # a second contact on the next line: 李四  0771-5855903
            last = i
    names: list[list[str]] = []
    phones: list[list[str]] = []
    emails: list[str] = []
    for line in block:
        line_emails = _EMAIL.findall(line)
        rest = _EMAIL.sub(" ", line)
        line_phones = [
            re.sub(r"[()\s－—]", lambda m: "-" if m.group(0) in "－—" else "", p)
            for p in _PHONE.findall(rest)
        ]
        rest = _PHONE.sub(" ", rest)
        rest = re.sub(r"[(（][^()（）]*[)）]", " ", rest)
        line_names = [
            n
            for n in (_name(token) for token in re.split(r"[\s、，,；;:：/]+", _CONTACT_WORDS.sub(" ", rest)))
            if n
        ]
        names.append(line_names)
        phones.append(line_phones)
        emails += line_emails
    contacts: list[tuple[str, str, str]] = []
    loose_phones = [p for line_names, ps in zip(names, phones) if not line_names for p in ps]
    for line_names, ps in zip(names, phones):
        for k, name in enumerate(line_names):
            phone = ps[k] if k < len(ps) else (ps[0] if len(ps) == 1 and len(line_names) == 1 else "")
            contacts.append((name, phone, ""))
    if loose_phones:
        without = [n for n, (name, phone, _) in enumerate(contacts) if not phone]
        for k, n in enumerate(without):
            phone = loose_phones[k] if k < len(loose_phones) else loose_phones[0]
            contacts[n] = (contacts[n][0], phone, "")
    contacts = _with_area_codes(contacts)
    if emails and contacts:
        contacts[0] = (contacts[0][0], contacts[0][1], emails[0])
    return contacts


def _name(token: str) -> str:
    """A person's name (2–4 characters, or 少数民族 names with ·) from a token such as
    职业能力建设处张三; titles such as 处长 are dropped."""
    token = re.sub(r"(处长|副处长|科长|主任|同志|老师|女士|先生)$", "", token.strip())
    token = re.sub(r"^.*(?:处|科|室|办|局|中心|股)(?=[\u4e00-\u9fa5]{2,4}$)", "", token)
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}", token):
        return token
    return ""


def _with_area_codes(contacts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """0771-5855902、5882806: the second number shares the first one's area code."""
    area = next((m.group(1) for _, p, _ in contacts if (m := re.match(r"(0\d{2,3})-", p))), "")
    return [
        (n, f"{area}-{p}" if area and p and re.fullmatch(r"\d{7,8}", p) else p, e) for n, p, e in contacts
    ]


def _annexes(body: list[str], annex_at: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for k, start in enumerate(annex_at):
        end = annex_at[k + 1] if k + 1 < len(annex_at) else len(body)
        match = _ANNEX.match(body[start].strip())
        assert match is not None
        number = _annex_number(match.group(1)) if match.group(1) else k + 1
        lines = [line for line in body[start + 1 : end] if not re.fullmatch(r"[—\-–\s\d]+", line)]
        if match.group(2):
            lines.insert(0, match.group(2))
        found.setdefault(number, lines)
    return found


def _annex_number(token: str) -> int:
    from consolidate.text.numerals import parse_number

    return parse_number(token) or 1


def _annex_listing(head: list[str]) -> dict[int, str]:
    text = "\n".join(head)
    found = re.search(r"附\s*件\s*[:：]", text)
    if found is None:
        return {}
    rest = text[found.end() :]
    listing: dict[int, str] = {}
    for number, name in re.findall(r"(\d+)\s*[．.、]\s*([^\n]+)", rest):
        listing.setdefault(int(number), name.strip())
    if not listing:
        listing[1] = rest.split("\n", 1)[0].strip()
    return listing


def _find_annex(
    listing: dict[int, str], annexes: dict[int, list[str]], words: tuple[str, ...], exclude: str
) -> int | None:
    """The annex whose listed name (or, unlisted, whose first lines) carries one of ``words``."""
    for number, name in listing.items():
        if any(w in name for w in words) and not (exclude and re.search(exclude, name)):
            return number
    for number, lines in annexes.items():
        opening = "".join(lines[:3])
        if any(w in opening for w in words) and not (exclude and re.search(exclude, opening)):
            return number
    if words == _UNIT_LIST:
        return None
    others = [n for n, lines in sorted(annexes.items()) if not re.search(_NOT_DRAFT, "".join(lines[:3]))]
    return others[0] if others else None


def consultation_toml(letter: Letter, draft_name: str = "draft.docx", draft_found: bool | None = None) -> str:
    """The consultation file; what the letter did not say is marked ``# 待填写：…`` above its key.

    ``draft_found`` defaults to whether the letter carried the draft as an annex."""
    if draft_found is None:
        draft_found = bool(letter.draft_lines)

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = [f"# 由 consolidate init 根据来函生成，请核对。{letter.reference}"]
    if not letter.title:
        out.append(f"{TODO}未能从来函中读出征求意见稿的标题，请填写 title")
    out.append(f"title = {q(letter.title)}")
    if not letter.reference:
        out.append(f"{TODO}未能从来函中读出文号（如 某政办函〔2024〕12号），可填写 reference，也可留空")
    out.append(f"reference = {q(letter.reference)}")
    if not letter.issuer:
        out.append(f"{TODO}未能从来函中读出发文单位，请填写 issuer")
    out.append(f"issuer = {q(letter.issuer)}")
    if letter.deadline is None:
        out.append(f"{TODO}未能从来函中读出反馈截止时间，请改为如 2024-06-14T17:30:00+08:00（不加引号）")
        out.append(f"deadline = {q(PLACEHOLDER_DEADLINE)}")
    else:
        out.append(f"deadline = {letter.deadline.isoformat()}")
    if not draft_found:
        out.append(f"{TODO}来函中没有找到征求意见稿附件，请把征求意见稿以 {draft_name} 为名放在本文件旁")
    out += [f"draft = {q(draft_name)}", ""]
    if not letter.contacts:
        out += [f"{TODO}未能从来函中读出联系人，可按下面的格式填写（去掉行首的 #）",
                "# [[contact]]", '# name = "张三"', '# phone = "0771-1234567"', ""]  # fmt: skip
    for name, phone, email in letter.contacts:
        out += ["[[contact]]", f"name = {q(name)}"]
        out += [f"phone = {q(phone)}"] if phone else []
        out += [f"email = {q(email)}"] if email else []
        out.append("")
    if not letter.units:
        out += [f"{TODO}未能从来函中读出征求意见单位，请逐个填写（去掉行首的 #），或用 --units 名单文件 重新运行 init",
                "# [[unit]]", '# name = "某某单位"', '# group = "省直单位"', ""]  # fmt: skip
    for name, group in letter.units:
        out += ["[[unit]]", f"name = {q(name)}", f"group = {q(group)}"]
        aliases = letter.aliases.get(name, ())
        out += [f"aliases = [{', '.join(q(a) for a in aliases)}]"] if aliases else []
        out.append("")
    return "\n".join(out)


def todo_findings(toml_text: str, file_name: str = "consultation.toml") -> list[Finding]:
    """One finding per ``# 待填写`` mark, naming the line the clerk has to edit."""
    lines = toml_text.splitlines()
    findings = []
    for n, line in enumerate(lines, start=1):
        if not line.startswith(TODO):
            continue
        target = next((k for k in range(n, len(lines)) if lines[k] and not lines[k].startswith("#")), None)
        at = target + 1 if target is not None and "去掉行首" not in line else n
        key = lines[target].split("=")[0].strip() if target is not None and at != n else ""
        where = f"{file_name} 第{at}行" + (f"（{key}）" if key else "")
        severity: Severity = Severity.INFO if "也可留空" in line else Severity.WARNING
        findings.append(Finding(severity, Code.INIT_TODO, f"{where}：{line[len(TODO) :]}", None, file_name))
    return findings
