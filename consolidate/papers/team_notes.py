"""Findings restated for the drafting team's meeting.

A finding speaks to the clerk: which file, what to run, which setting to add. The meeting
needs something else — that a unit replied late, that a reply could not be read and is
being confirmed, that a unit named responsible in the draft was not consulted. Only
findings the team has a use for become notes, worded without file names, settings or
option names; everything else stays in the terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consolidate.codes import Code
from consolidate.model import Consolidation, Finding, Status

_UNREADABLE = (
    Code.DAMAGED_FILE,
    Code.UNREADABLE_FILE,
    Code.ENCRYPTED_FILE,
    Code.NEEDS_LIBREOFFICE,
    Code.LIBREOFFICE_FAILED,
)
# Wording the meeting should never see: file names, paths, settings, options, record ids.
_TOOL_WORDS = re.compile(
    r"\b[0-9a-f]{6,}-\d+|[A-Za-z0-9_-]+\.(?:toml|docx?|xlsx?|pdf|wps|et|eml|zip|txt)|--?[a-z]|[a-z_]{3,}|/"
)


@dataclass(frozen=True)
class TeamNote:
    unit: str
    text: str


def team_notes(result: Consolidation) -> list[TeamNote]:
    """One note per unit and situation, in the order of the findings."""
    status = {r.unit.name: r.status for r in result.units}
    notes: list[TeamNote] = []
    unidentified = 0
    for finding in result.findings:
        if finding.code == Code.UNIT_UNKNOWN:
            unidentified += 1
            continue
        note = _note(finding, status.get(finding.unit or "", ""))
        if note is not None and note not in notes:
            notes.append(note)
    if unidentified:
        notes.append(TeamNote("—", f"另有{unidentified}份反馈材料未能确认报送单位，正在核实。"))
    return notes


def _note(finding: Finding, status: str) -> TeamNote | None:
    unit = finding.unit or ""
    code = finding.code
    if code == Code.LATE:
        return TeamNote(unit, "在反馈截止时间后反馈，其意见已纳入汇总。")
    if code == Code.STAMPED_ONLY:
        if status == Status.NEEDS_REVIEW:
            return TeamNote(unit, "仅报送盖章扫描件，文字无法识读，反馈内容正在核实。")
        return TeamNote(unit, "仅报送盖章件，意见据盖章件文字整理，正在索要电子版核对。")
    if code == Code.COPIES_DIFFER:
        return TeamNote(unit, "盖章件与电子版的意见不一致，正在与该单位核实以哪一份为准。")
    if code == Code.UNIT_UNLISTED:
        return TeamNote(unit, "不在征求意见单位名单中，其意见作为名单外单位意见列入汇总。")
    if code == Code.BLANK_FORM:
        return TeamNote(unit, "报送的修改意见表为空白，既无意见也未注明无修改意见，正在与该单位确认。")
    if code == Code.NO_FORM_TABLE:
        return TeamNote(unit, "未使用修改意见表，意见按来文正文整理。")
    if code in _UNREADABLE and unit:
        return TeamNote(unit, "反馈文件无法读取，正在请该单位重新报送。")
    if code == Code.RESPONSIBLE_NOT_CONSULTED:
        named = re.search(r"“([^”]+)”", finding.message)
        where = re.search(r"（([^）]+)）", finding.message)
        if named:
            place = f"（{where.group(1)}）" if where else ""
            return TeamNote(
                named.group(1),
                f"征求意见稿将其列为责任单位{place}，但未在征求意见范围内，是否征求其意见请研究确定。",
            )
    if finding.severity == "info" or not unit:
        return None
    # Another finding about a unit: its statement of fact, without the clerk's instruction.
    fact = finding.message.split("：")[0].strip()
    if not fact or _TOOL_WORDS.search(fact):
        return TeamNote(unit, "反馈材料有待核实的问题，正在与该单位核实。")
    return TeamNote(unit, fact.rstrip("。") + "，正在核实。")


def has_tool_words(text: str) -> bool:
    """Whether ``text`` holds a file name, setting, option or id a meeting paper should not."""
    return bool(_TOOL_WORDS.search(text))
