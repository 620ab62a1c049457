"""Setting up a consultation from the letter as sent (征求意见的函 with its annexes).

From the letter's text: the reference (桂人社函〔2023〕57号), the issuer and the draft's
title (from 《…》 in the letter's title), the deadline (于2023年3月31日18:00前), the
contacts, the draft annex, and the roster — the unit-list annex with shared prefixes
written out, plus the cities when the letter is addressed to 各设区市人民政府.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .consultation import BEIJING
from .responsibility import expand_list
from .textnorm import fold

# Cities a letter means by 各设区市人民政府, for the regions whose lists are built in.
CITIES = {
    "广西": [
        "南宁",
        "柳州",
        "桂林",
        "梧州",
        "北海",
        "防城港",
        "钦州",
        "贵港",
        "玉林",
        "百色",
        "贺州",
        "河池",
        "来宾",
        "崇左",
    ],
}
_REFERENCE = re.compile(r"[\u4e00-\u9fa5]{1,10}[〔\[（(［]\s*\d{4}\s*[〕\]）)］]\s*\d+\s*号")
_ANNEX = re.compile(r"^\s*附件\s*(\d+)\s*$")
_DEADLINE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(上午|下午)?\s*(\d{1,2})\s*[:：时点]\s*(\d{2})?)?\s*(?:分)?\s*前"
)


class LetterError(Exception):
    """The letter lacks something the consultation needs; the message says what."""


@dataclass
class Letter:
    title: str = ""
    reference: str = ""
    issuer: str = ""
    deadline: dt.datetime | None = None
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    draft_lines: list[str] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)  # (name, group)
    notes: list[str] = field(default_factory=list)


def read_letter_lines(path: Path) -> list[str]:
    if path.suffix.lower() == ".docx":
        from .readers.docx import read_paragraphs

        return read_paragraphs(path)
    from .readers.text import decode_text

    return decode_text(path.read_bytes()).splitlines()


def parse_letter(lines: list[str]) -> Letter:
    letter = Letter()
    lines = [line.rstrip() for line in lines]
    body = [line.strip() for line in lines if line.strip()]
    annex_at = [i for i, line in enumerate(body) if _ANNEX.match(line)]
    head = body[: annex_at[0]] if annex_at else body

    text = "\n".join(head)
    reference = _REFERENCE.search(text)
    letter.reference = re.sub(r"\s+", "", reference.group(0)) if reference else ""
    title = _letter_title(head)
    if "关于" in title:
        letter.issuer = title[: title.index("关于")]
    quoted = re.search(r"《(.+)》", title)
    letter.title = quoted.group(1) if quoted else title
    letter.deadline = _deadline(text)
    letter.contacts = _contacts(head)

    annexes = _annexes(body, annex_at)
    listing = _annex_listing(head)
    draft_no = _find_annex(listing, ("征求意见稿", "送审稿", "草案")) or 1
    units_no = _find_annex(listing, ("单位名单", "名单"))
    if draft_no in annexes:
        letter.draft_lines = annexes[draft_no]
    else:
        letter.notes.append("没有找到征求意见稿附件：请手工放入 draft.docx")
    if units_no and units_no in annexes:
        for name in expand_list(
            "".join(annexes[units_no][1:] if annexes[units_no][0].endswith("名单") else annexes[units_no])
        ):
            if name and not name.endswith("名单"):
                letter.units.append(
                    (name, "区直单位" if name.startswith(("自治区", "广西", "共青团")) else "有关单位")
                )
    addressees = next(
        (line for line in head if line.endswith(("：", ":")) and ("各" in line or "单位" in line)), ""
    )
    if "设区市" in addressees or "各市" in addressees:
        region = next((r for r in CITIES if r in text), None)
        if region:
            letter.units += [(f"{city}市人民政府", "设区市") for city in CITIES[region]]
        else:
            letter.notes.append(
                "函件发往各设区市人民政府，但没有内置该地区的城市名单：请在 consultation.toml 中补充"
            )
    return letter


def _letter_title(head: list[str]) -> str:
    """The title runs from the line after the reference to the line ending with 的函."""
    start = next((i + 1 for i, line in enumerate(head) if _REFERENCE.search(line)), 0)
    parts = []
    for line in head[start:]:
        parts.append(line)
        if re.search(r"(的函|的通知|意见函)$", line):
            break
        if len(parts) > 6:
            return "".join(head[start : start + 1])
    return "".join(parts)


def _deadline(text: str) -> dt.datetime | None:
    match = _DEADLINE.search(fold(text).replace("前将", "前"))
    if match is None:
        return None
    year, month, day = (int(g) for g in match.group(1, 2, 3))
    hour = int(match.group(5)) if match.group(5) else 23
    minute = int(match.group(6)) if match.group(6) else (59 if not match.group(5) else 0)
    if match.group(4) == "下午" and hour < 12:
        hour += 12
    return dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING)


def _contacts(head: list[str]) -> list[tuple[str, str, str]]:
    names: list[str] = []
    phones: list[str] = []
    email = ""
    for line in head:
        compact = re.sub(r"\s+", "", line)
        if compact.startswith("联系人"):
            names = [n for n in re.split(r"[、，,；;]", compact.split("：", 1)[-1].split(":", 1)[-1]) if n]
        elif compact.startswith(("联系电话", "电话")):
            phones = re.findall(r"[\d\-]{7,}", compact)
        elif "邮箱" in compact or "E-mail" in compact or "email" in compact.lower():
            found = re.search(r"[\w.\-]+@[\w.\-]+", compact)
            email = found.group(0) if found else ""
    area = (
        re.match(r"(0\d{2,3})-", phones[0]).group(1) if phones and re.match(r"0\d{2,3}-", phones[0]) else ""
    )
    phones = [p if p.startswith("0") or not area else f"{area}-{p}" for p in phones]
    contacts = []
    for n, name in enumerate(names):
        contacts.append(
            (name, phones[n] if n < len(phones) else (phones[0] if phones else ""), email if n == 0 else "")
        )
    return contacts


def _annexes(body: list[str], annex_at: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for k, start in enumerate(annex_at):
        end = annex_at[k + 1] if k + 1 < len(annex_at) else len(body)
        number = int(_ANNEX.match(body[start]).group(1))  # type: ignore[union-attr]
        lines = [line for line in body[start + 1 : end] if not re.fullmatch(r"[—\-–\s\d]+", line)]
        found.setdefault(number, lines)
    return found


def _annex_listing(head: list[str]) -> dict[int, str]:
    text = "\n".join(head)
    at = text.find("附件：") if "附件：" in text else text.find("附件:")
    if at < 0:
        return {}
    listing = {}
    for number, name in re.findall(r"(\d+)\s*[．.、]\s*([^\n]+)", text[at:]):
        listing.setdefault(int(number), name.strip())
    return listing


def _find_annex(listing: dict[int, str], words: tuple[str, ...]) -> int | None:
    return next((n for n, name in listing.items() if any(w in name for w in words)), None)


def consultation_toml(letter: Letter, draft_name: str = "draft.docx") -> str:
    """The consultation file, with TOML strings escaped."""

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    if letter.deadline is None:
        raise LetterError("没有在函件中找到反馈截止时间（如“于2023年3月31日18:00前”）：请手工填写 deadline")
    out = [f"# 由 consolidate init 根据来函生成，请核对。{letter.reference}", f"title = {q(letter.title)}",
           f"reference = {q(letter.reference)}", f"issuer = {q(letter.issuer)}",
           f"deadline = {letter.deadline.isoformat()}", f"draft = {q(draft_name)}", ""]  # fmt: skip
    for name, phone, email in letter.contacts:
        out += ["[[contact]]", f"name = {q(name)}"]
        out += [f"phone = {q(phone)}"] if phone else []
        out += [f"email = {q(email)}"] if email else []
        out.append("")
    for name, group in letter.units:
        out += ["[[unit]]", f"name = {q(name)}", f"group = {q(group)}", ""]
    return "\n".join(out)


def write_draft_docx(letter: Letter, path: Path) -> None:
    """The draft annex as a Word document in the official layout."""
    from .draft import parse_draft
    from .render import officedoc as od

    draft = parse_draft(letter.draft_lines)
    document = od.new_document()
    title_started = False
    for line in letter.draft_lines:
        stripped = line.strip()
        if not title_started and stripped and fold(stripped) in fold(draft.title):
            od.paragraph(
                document, stripped, font=od.TITLE_FONT, size=22, align="center", indent=False, line_pt=36
            )
            continue
        title_started = True
        if re.match(r"^[一二三四五六七八九十]+、", stripped) and len(stripped) < 30 and "。" not in stripped:
            od.heading(document, stripped, 1)
        else:
            od.paragraph(document, stripped)
    document.save(str(path))
