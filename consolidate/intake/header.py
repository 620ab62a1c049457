"""Reading a form's header line field by field: 单位名称（盖章）, 联系人, 联系电话, 填表人, 填表时间.

Units type the header however their template or habit has it: on one line or several, in
a paragraph above the table or in the table's first cells, as "label：value" or as a
key/value row "单位名称 | XX局 | 联系人 | 张三", with blanks left as spaces or underscores.
The reader therefore finds every label first and takes as a field's value exactly the text
up to the next label, so that a unit never absorbs "联系人联系电话" or a phone number.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from consolidate.text.dates import parse_date


@dataclass(frozen=True)
class HeaderFields:
    """What a header line says; None where the unit left the field blank."""

    unit: str | None = None
    date: dt.date | None = None
    contact: str | None = None
    phone: str | None = None
    filler: str | None = None


# (field, pattern, strong). A strong label is unmistakable wherever it stands; a weak one
# (单位, 日期, 电话) is a label only when a colon, a blank or the line's start sets it off.
_LABELS: tuple[tuple[str, str, bool], ...] = (
    ("unit", r"(?:填报|填表|报送|反馈|提出|意见|来函|复函|回复)单位(?:名称)?|单位名称|单位全称", True),
    ("unit", r"单位", False),
    (
        "contact",
        r"联系人\s*[(](?:联系)?(?:电话|手机|方式)[)]|联系人(?:及|和|、|/)?(?:联系)?(?:电话|方式)|联系人|经办人|联络人|联络员|承办人",
        True,
    ),
    ("phone", r"联系电话|联系方式|办公电话|手机号码|手机号|固定电话|电话号码|移动电话", True),
    ("phone", r"电话|手机|座机|固话", False),
    ("filler", r"填表人|填报人|填写人", True),
    ("date", r"(?:填表|填报|填写|报送|反馈)(?:时间|日期)", True),
    ("date", r"日期|时间", False),
    ("other", r"审核人|审核|负责人|签发人|分管领导|单位负责人|电子邮箱|电子邮件|邮箱|传真|邮编|职务", True),
    ("other", r"E-?mail|地址", False),
)
_STAMP = r"\s*[(][^()]{0,8}(?:盖章|公章|签章|章|签字|签名)[^()]{0,6}[)]"
_LABEL = re.compile(
    "(?:"
    + "|".join(f"(?P<{field}_{n}>{pattern})" for n, (field, pattern, _) in enumerate(_LABELS))
    + f")(?P<stamp>{_STAMP})?",
    re.IGNORECASE,
)
_STRONG = {f"{field}_{n}": strong for n, (field, _, strong) in enumerate(_LABELS)}
_LEAD = re.compile(r"^\s*(?:附件\s*\d*\s*[:]?\s*)?")
_COLON = re.compile(r"\s*[:]")
_BLANK = " \t:_|-—/、，,．.;；。"
_PHONE = re.compile(
    r"(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}"
    r"|(?:[(]?0\d{2,3}[)]?[\s\-—]?)?[2-9]\d{6,7}(?:\s*(?:-|转)\s*\d{1,6})?"
)
_DATE_TEXT = re.compile(r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九○Ｏ]{4})\s*(?:年|[-./])|\s年\s+月")
_MAX_LINE = 160


def read_header(text: str) -> HeaderFields | None:
    """The fields of a header line, or None when the line is not a header line.

    A header line starts with a label (after an optional 附件N). Values left blank
    ("单位名称（盖章）：____") come back as None, not as underscores.
    """
    line = unicodedata.normalize("NFKC", text).replace("\u3000", " ")
    line = re.sub(r"^\s*[(](.*)[)]\s*$", r"\1", line)  # （联系人：张三，电话：…）
    if len(line.strip()) > _MAX_LINE:
        return None
    start = _LEAD.match(line)
    at = start.end() if start else 0
    labels = list(_labels(line, at))
    if not labels or labels[0][1] != at:
        return None
    if not _stands_as_label(line, labels[0], labels[1:]):
        return None
    values: dict[str, str] = {}
    for n, (name, _, end) in enumerate(labels):
        stop = labels[n + 1][1] if n + 1 < len(labels) else len(line)
        value = line[end:stop].strip(_BLANK + " ")
        if value and name not in values:
            values[name] = value
    return _fields(values)


def _labels(line: str, at: int):
    """``(field, start, end)`` of every label in the line, with its （盖章） and colon."""
    pos = at
    while True:
        match = _LABEL.search(line, pos)
        if match is None:
            return
        group = next(g for g, v in match.groupdict().items() if v is not None and g != "stamp")
        end = match.end()
        colon = _COLON.match(line, end)
        if colon:
            end = colon.end()
        strong = _STRONG[group] or bool(match.group("stamp"))
        set_off = bool(colon) or match.start() == at or line[match.start() - 1] in " \t|"
        followed = end >= len(line) or line[end] in " \t_|" or bool(colon)
        if strong or (set_off and followed):
            yield group.rsplit("_", 1)[0], match.start(), end
            pos = end
        else:
            pos = match.start() + 1


def _stands_as_label(line: str, first: tuple[str, int, int], rest: list) -> bool:
    """The first label is one indeed, not the first word of a sentence ("时间节点应…")."""
    _, start, end = first
    label_text = line[start:end]
    if ":" in label_text or "(" in label_text:
        return True
    if end >= len(line) or line[end] in " \t_|":
        return True
    # "联系人制度应完善，建议增加联系电话" is a sentence that happens to start with a label.
    if re.search(r"[，,。；;]|建议", line):
        return False
    return bool(rest) and any(field != "other" for field, _, _ in rest)


def _fields(values: dict[str, str]) -> HeaderFields:
    phone = _phone(values.get("phone", ""))
    contact = values.get("contact")
    if contact:
        found = _PHONE.search(contact)
        if found:
            phone = phone or _tidy_phone(found.group())
            contact = contact[: found.start()]
        contact = _first_word(contact)
    date = parse_date(values["date"].replace("_", "")) if "date" in values else None
    unit = values.get("unit")
    if unit:
        unit, date_in_unit, phone_in_unit = _unit(unit)
        date = date or date_in_unit
        phone = phone or phone_in_unit
    filler = _first_word(values.get("filler", "")) if values.get("filler") else None
    return HeaderFields(unit or None, date, contact or None, phone, filler)


def _unit(value: str) -> tuple[str, dt.date | None, str | None]:
    """A unit name without the date, phone or stamp note typed after it."""
    name = re.sub(_STAMP, "", value)
    # 钦州市人民政府（代章：钦州市发展和改革委员会）: a note on who stamped it, not the name.
    name = re.sub(r"\s*[(][^()]*(?:代|章|复制|填写|说明)[^()]*(?:[)]|$)", "", name)
    date = None
    dated = _DATE_TEXT.search(name)
    if dated:
        date = parse_date(name[dated.start() :].replace("_", ""))
        name = name[: dated.start()]
    phone = None
    found = _PHONE.search(name)
    if found:
        phone = _tidy_phone(found.group())
        name = name[: found.start()]
    # Two or more spaces part what the unit typed into one blank from what follows it.
    name = re.split(r"\s{2,}|\t", name.strip(_BLANK + " "))[0]
    name = name.strip(_BLANK + " ()")
    return name, date, phone


def _phone(value: str) -> str | None:
    found = _PHONE.search(value)
    if found:
        return _tidy_phone(found.group())
    value = value.strip(_BLANK + " ")
    return value if re.search(r"\d{5,}", value) else None


def _tidy_phone(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("-—")


def _first_word(text: str) -> str | None:
    """A name, also when padded to width as "王  五"; not what is typed after it."""
    text = text.strip(_BLANK + " ()")
    joined = re.sub(r"\s+", "", text)
    if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", joined):
        return joined
    words = text.split()
    return words[0].strip(_BLANK) or None if words else None
