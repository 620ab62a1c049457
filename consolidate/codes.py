"""Every finding the tool can report, in one catalogue: its code, severity and meaning.

Finding codes are part of the JSON output (``findings[].code``): programs that read the JSON
branch on them, so they are a public vocabulary. They live here, each with the severity it is
reported at and a one-line meaning in Chinese (for the README's table, which is generated
from this catalogue: ``python -m consolidate.codes``) and in English (for developers).
``Finding`` refuses a code that is not listed, so a new code cannot ship undocumented.

Both enums are ``StrEnum``: a member *is* its string, so the JSON, the terminal and every
comparison with a plain string stay exactly as they were.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters: an error loses information, a warning needs a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(StrEnum):
    """What a finding is about (``findings[].code`` in the JSON)."""

    # the folder and its files
    FOLDER_UNREADABLE = "folder-unreadable"
    FILE_UNREADABLE = "file-unreadable"
    FILE_VANISHED = "file-vanished"
    SPECIAL_FILE = "special-file"
    FILE_TOO_LARGE = "file-too-large"
    FILE_NAME = "file-name"
    IGNORED_FILE = "ignored-file"
    CHANGED_WHILE_READING = "changed-while-reading"
    CACHE_UNSAFE = "cache-unsafe"
    # containers: archives and mail
    TOO_DEEP = "too-deep"
    UNSAFE_PATH = "unsafe-path"
    ZIP_BOMB = "zip-bomb"
    SEVEN_ZIP_FILE = "7z-file"
    RAR_FILE = "rar-file"
    MSG_FILE = "msg-file"
    # files that cannot be read
    UNREADABLE_FILE = "unreadable-file"
    ENCRYPTED_FILE = "encrypted-file"
    EMPTY_FILE = "empty-file"
    DAMAGED_FILE = "damaged-file"
    UNKNOWN_FILE = "unknown-file"
    NEEDS_LIBREOFFICE = "needs-libreoffice"
    LIBREOFFICE_FAILED = "libreoffice-failed"
    CONVERTED = "converted"
    # reading a return
    NOT_A_RETURN = "not-a-return"
    NO_FORM_TABLE = "no-form-table"
    BLANK_FORM = "blank-form"
    CELLS_LOST = "cells-lost"
    ROW_NOTE = "row-note"
    OUTSIDE_TABLE = "outside-table"
    TRACKED_CHANGES = "tracked-changes"
    CONTROL_CHARACTERS = "control-characters"
    # who sent it
    UNIT_UNKNOWN = "unit-unknown"
    UNIT_AMBIGUOUS = "unit-ambiguous"
    UNIT_UNLISTED = "unit-unlisted"
    UNIT_CONFLICT = "unit-conflict"
    ANSWERED_BY = "answered-by"
    # where each unit stands
    LATE = "late"
    STAMPED_ONLY = "stamped-only"
    COPIES_DIFFER = "copies-differ"
    SUPERSEDED = "superseded"
    # the draft and the team's settings
    NO_DRAFT = "no-draft"
    RESPONSIBLE_NOT_CONSULTED = "responsible-not-consulted"
    SETTINGS_ENCODING = "settings-encoding"
    OVERRIDES_INVALID = "overrides-invalid"
    OVERRIDE_UNKNOWN = "override-unknown"
    OVERRIDE_CLAUSE = "override-clause"
    # a second round
    PREVIOUS_ROUND = "previous-round"
    PREVIOUS_UNREADABLE = "previous-unreadable"
    # ``init``: reading the consultation letter
    INIT_TODO = "init-todo"
    ROSTER_EMPTY = "roster-empty"
    COLLECTIVE_UNKNOWN_PLACE = "collective-unknown-place"
    COLLECTIVE_EMPTY = "collective-empty"
    # ``compare``: the revised draft against the decisions
    LEDGER_CLAUSE_UNKNOWN = "ledger-clause-unknown"
    ADOPTED_NOT_REFLECTED = "adopted-not-reflected"
    ADOPTED_CLAUSE_UNCHANGED = "adopted-clause-unchanged"
    TEAM_CHANGE = "team-change"

    @property
    def meaning(self) -> Meaning:
        """The catalogue's entry for this code."""
        return CATALOGUE[self]

    @classmethod
    def for_file_kind(cls, kind: str) -> Code:
        """The code for a file of a kind that cannot be read (``encrypted`` → ``encrypted-file``).

        Such codes are named after the file kind the sniffer reported, so the two
        vocabularies stay in step; a kind without a code here is a bug, and raises."""
        return cls(f"{kind}-file")


@dataclass(frozen=True)
class Meaning:
    """A code's catalogue entry. ``severity`` is the one it is reported at; a few codes are
    reported at another in a named case (``also``): an unknown file that no unit can be
    linked to is only a warning, a 待填写 mark that may stay empty only information."""

    severity: Severity
    chinese: str
    english: str
    also: tuple[Severity, ...] = ()

    @property
    def severities(self) -> tuple[Severity, ...]:
        return (self.severity, *self.also)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 — the catalogue's shorthand

#: every code with its severity and meaning, in the order the README lists them
CATALOGUE: dict[Code, Meaning] = {
    Code.FOLDER_UNREADABLE: Meaning(W, "反馈文件夹中有子文件夹无权限读取，已跳过", "a folder below the returns folder cannot be read"),
    Code.FILE_UNREADABLE: Meaning(W, "文件无权限读取或读取出错，已跳过", "a file cannot be opened (permissions, I/O error)"),
    Code.FILE_VANISHED: Meaning(W, "文件在读取前被移动、改名或删除", "a file disappeared between listing and reading"),
    Code.SPECIAL_FILE: Meaning(W, "管道、设备等特殊文件，未打开", "a FIFO, socket or device, never opened"),
    Code.FILE_TOO_LARGE: Meaning(W, "文件超过大小上限，未读取", "a file is over the size cap and was not read"),
    Code.FILE_NAME: Meaning(I, "文件名不是 UTF-8 编码，按 GBK 显示", "a file name is not UTF-8 and is shown decoded as GBK"),
    Code.IGNORED_FILE: Meaning(I, "不是反馈的文件（系统文件、本工具生成的文件等），已忽略", "a file that is not a return, ignored on purpose"),
    Code.CHANGED_WHILE_READING: Meaning(W, "文件在转换期间被替换，本次未读取", "a file was replaced while being converted"),
    Code.CACHE_UNSAFE: Meaning(W, "缓存文件夹无法创建或不安全，本次不使用缓存", "the cache folder cannot be made or is unsafe; not used"),
    Code.TOO_DEEP: Meaning(E, "压缩包或邮件嵌套过深，未再展开", "archives or mails nested too deep to unpack"),
    Code.UNSAFE_PATH: Meaning(W, "压缩包成员名含 ../ 或绝对路径，已改名解压", "an archive member's name escapes the folder; renamed"),
    Code.ZIP_BOMB: Meaning(E, "压缩比异常，疑似压缩炸弹，未解压", "an archive member with an absurd compression ratio"),
    Code.SEVEN_ZIP_FILE: Meaning(E, ".7z 压缩包暂不支持，需解压后放入", "a .7z archive, not supported"),
    Code.RAR_FILE: Meaning(E, ".rar 压缩包暂不支持，需解压后放入", "a .rar archive, not supported"),
    Code.MSG_FILE: Meaning(E, "Outlook .msg 邮件需要可选组件", "an Outlook .msg mail needs the optional extra"),
    Code.UNREADABLE_FILE: Meaning(E, "反馈文件无法读取", "a return that cannot be read"),
    Code.ENCRYPTED_FILE: Meaning(E, "文件有密码保护，无法读取", "a password-protected file"),
    Code.EMPTY_FILE: Meaning(E, "文件为空（0 字节）", "an empty (0-byte) file"),
    Code.DAMAGED_FILE: Meaning(E, "文件已损坏，无法打开", "a damaged file"),
    Code.UNKNOWN_FILE: Meaning(E, "不是可识别的意见表格式", "a file of no known return format", (W,)),
    Code.NEEDS_LIBREOFFICE: Meaning(E, "旧版格式（.doc/.wps/.xls/.et 等）需要 LibreOffice 转换", "a legacy format needs LibreOffice"),
    Code.LIBREOFFICE_FAILED: Meaning(E, "LibreOffice 转换失败", "LibreOffice failed to convert"),
    Code.CONVERTED: Meaning(I, "旧版格式，已转换为 .docx 后读取", "a legacy file read after conversion to .docx"),
    Code.NOT_A_RETURN: Meaning(I, "文件不是反馈（如空白意见表、征求意见稿本身）", "a file that is not a return (the blank form, the draft)"),
    Code.NO_FORM_TABLE: Meaning(W, "未使用修改意见表，意见按来文正文读取", "no form table: opinions read from the letter's text"),
    Code.BLANK_FORM: Meaning(W, "意见表为空白，既无意见也未注明无修改意见", "a blank form, neither opinions nor 无修改意见"),
    Code.CELLS_LOST: Meaning(E, "表格中有内容未计入任何意见（程序缺陷）", "table cells that reached no opinion (a defect)"),
    Code.ROW_NOTE: Meaning(I, "关于表格某一行的说明", "a note about one row of the form"),
    Code.OUTSIDE_TABLE: Meaning(I, "意见表表格外的文字", "text outside the form's table"),
    Code.TRACKED_CHANGES: Meaning(I, "文件含修订痕迹或批注，已按修订读取", "a file with tracked changes or comments"),
    Code.CONTROL_CHARACTERS: Meaning(W, "文件含 Word/Excel 无法保存的控制字符，已删除", "control characters Word/Excel cannot save, removed"),
    Code.UNIT_UNKNOWN: Meaning(E, "无法确定报送单位", "the sending unit cannot be identified", (W,)),
    Code.UNIT_AMBIGUOUS: Meaning(E, "单位名称可能指多个征求意见单位，未计入", "a name that fits several consulted units"),
    Code.UNIT_UNLISTED: Meaning(W, "报送单位不在征求意见名单中", "a unit that is not on the roster"),
    Code.UNIT_CONFLICT: Meaning(W, "不同来源认定的报送单位不一致", "evidence of the sending unit disagrees"),
    Code.ANSWERED_BY: Meaning(I, "由其他单位代为反馈", "a reply made on behalf of the unit"),
    Code.LATE: Meaning(W, "反馈晚于截止时间", "a reply after the deadline"),
    Code.STAMPED_ONLY: Meaning(W, "仅报送盖章件，缺可编辑电子版", "only a stamped scan came back"),
    Code.COPIES_DIFFER: Meaning(W, "盖章件与可编辑电子版的意见不一致", "the stamped and editable copies disagree"),
    Code.SUPERSEDED: Meaning(I, "意见被同一单位的更正版本取代", "a reply replaced by the unit's corrected one"),
    Code.NO_DRAFT: Meaning(W, "没有征求意见稿，意见未按条款归类", "no draft: opinions not placed on clauses"),
    Code.RESPONSIBLE_NOT_CONSULTED: Meaning(W, "征求意见稿列为责任单位但未征求其意见", "a responsible unit named in the draft was not consulted"),
    Code.SETTINGS_ENCODING: Meaning(W, "配置文件不是 UTF-8 编码，已按其他编码读取", "a settings file read in another encoding than UTF-8"),
    Code.OVERRIDES_INVALID: Meaning(E, "overrides.toml 无法读取", "overrides.toml cannot be read"),
    Code.OVERRIDE_UNKNOWN: Meaning(W, "overrides.toml 中的意见编号不存在", "overrides.toml names an opinion id that does not exist"),
    Code.OVERRIDE_CLAUSE: Meaning(W, "overrides.toml 把意见移到不存在的条款", "overrides.toml moves an opinion to a clause that does not exist"),
    Code.PREVIOUS_ROUND: Meaning(I, "已与上一轮处理台账比对", "opinions linked to the previous round's ledger"),
    Code.PREVIOUS_UNREADABLE: Meaning(E, "上一轮处理台账无法读取", "the previous round's ledger cannot be read"),
    Code.INIT_TODO: Meaning(W, "consultation.toml 中有待填写的项目", "a 待填写 mark left in consultation.toml", (I,)),
    Code.ROSTER_EMPTY: Meaning(E, "名单文件中没有读出单位名称", "the roster file holds no unit names"),
    Code.COLLECTIVE_UNKNOWN_PLACE: Meaning(W, "无法确定“各市”等统称所在的地区", "a collective addressee (各市…) in an unknown place"),
    Code.COLLECTIVE_EMPTY: Meaning(W, "无法确定统称具体指哪些单位", "a collective addressee that names no units"),
    Code.LEDGER_CLAUSE_UNKNOWN: Meaning(W, "台账中的条款在征求意见稿中找不到", "a ledger clause not found in the draft"),
    Code.ADOPTED_NOT_REFLECTED: Meaning(W, "采纳的意见在修改稿中未体现", "an adopted opinion that does not show in the revised draft"),
    Code.ADOPTED_CLAUSE_UNCHANGED: Meaning(W, "采纳意见所涉条款在修改稿中未修改", "the clause of an adopted opinion is unchanged"),
    Code.TEAM_CHANGE: Meaning(I, "修改稿中无对应采纳意见的修改（起草组自行修改）", "a change with no adopted opinion behind it"),
}  # fmt: skip


def markdown_table() -> str:
    """The catalogue as the README's Markdown table (the README holds exactly this text)."""
    lines = ["| code | 级别 severity | 含义 | meaning |", "| --- | --- | --- | --- |"]
    for code, meaning in CATALOGUE.items():
        severity = " / ".join(f"`{s}`" for s in meaning.severities)
        lines.append(f"| `{code}` | {severity} | {meaning.chinese} | {meaning.english} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
