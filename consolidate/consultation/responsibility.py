"""The draft's 责任单位 lists: who is responsible for each paragraph.

Lists abbreviate by shared prefixes — 自治区财政厅、教育厅、人力资源社会保障厅 means
自治区财政厅, 自治区教育厅, 自治区人力资源社会保障厅 — and mix in collective names
(自治区党委人才工作领导小组成员单位, 各设区市人民政府) and units that were not consulted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consolidate.consultation.roster import Roster, name_core, name_form
from consolidate.model import Unit

_COLLECTIVE = re.compile(r"成员单位|有关单位|有关部门|各级|各有关|领导小组|其他成员")
_ALL_CITIES = re.compile(r"各设区市|各市|各地")
_ROLE_LABEL = re.compile(
    r"^\s*(?:责任单位|牵头单位|督导单位|配合单位|参与单位|责任部门|牵头部门|配合部门|责任主体)\s*[:：]\s*"
)
_REQUEST = re.compile(r"责任单位|牵头单位|责任部门")
_CHANGE = re.compile(r"增加|增补|补充|加上|删除|删去|去掉|调整|移出|列入|纳入|不作为|不宜作为|改为|修改为")


@dataclass(frozen=True)
class Responsibility:
    """A paragraph's responsible units: on the roster, all cities, or named but unlisted."""

    units: tuple[Unit, ...]
    all_cities: bool
    unlisted: tuple[str, ...]
    collective: tuple[str, ...]


_PREFIX = re.compile(
    r"^(自治区党委|自治区人民政府|自治区政府|自治区|省委|省人民政府|省政府|省|市委|市人民政府|区党委|区)"
)


def expand_list(text: str) -> list[str]:
    """Names in a unit list with shared prefixes written out: in 自治区党委组织部、宣传部，
    自治区财政厅、教育厅 each bare name takes the prefix of the last name that had one."""
    names: list[str] = []
    for group in _split_outside_brackets(text, "，,；;。"):
        group = _ROLE_LABEL.sub("", group)  # 牵头单位：甲；责任单位：乙 read as one list
        prefix = ""
        for item in (x.strip() for x in _split_outside_brackets(group, "、/")):
            if not item:
                continue
            collective = re.match(r"^(各设区市|各市|各县（市、区）|各级)", item)
            own = _PREFIX.match(item)
            if collective:
                prefix = collective.group(1)
                names.append(item)
            elif own:
                prefix = own.group(1)
                names.append(item)
            elif prefix and not _has_prefix(item):
                names.append(prefix + item)
            else:
                names.append(item)
    return names


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at separators that stand outside brackets: 各县（市、区）人民政府 stays one name."""
    parts, current, depth = [], "", 0
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)" and depth > 0:
            depth -= 1
        if char in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


_LEVELS = "省市州盟县区旗乡镇"
_KIND = re.compile(rf"^(?P<levels>[{_LEVELS}]*)(?P<organ>街道办事处|街道|人民政府|政府|党委|人大常委会)?$")


def collective_members(name: str, roster: Roster) -> tuple[Unit, ...] | None:
    """The roster's units a collective name covers, or None when the name is not one.

    各乡镇人民政府（街道办事处） covers every 乡/镇人民政府 and 街道办事处 on the roster;
    各县（市、区）人民政府 every 县/市/区人民政府; the bracket lists alternatives of the
    level (（市、区）) or a further kind of unit (（街道办事处）).
    """
    if not name.startswith("各") or len(name) < 3:
        return None
    body = name[1:]
    bracket = re.search(r"[（(]([^）)]*)[）)]", body)
    alternatives: list[str]
    if bracket:
        before, inside, after = body[: bracket.start()], bracket.group(1), body[bracket.end() :]
        options = [o.strip() for o in re.split(r"[、,，/]", inside) if o.strip()]
        if after:
            alternatives = [before + after, *(o + after for o in options)]
        else:
            alternatives = [before, *options]
    else:
        alternatives = [o for o in re.split(r"[、/]", body) if o]
    patterns = []
    for alternative in alternatives:
        kind = _KIND.match(alternative)
        if kind is None or (not kind.group("levels") and kind.group("organ") not in ("街道办事处", "街道")):
            return None
        organ = kind.group("organ") or "政府"
        organ = {"政府": "(?:人民)?政府", "人民政府": "(?:人民)?政府", "街道": "街道(?:办事处)?"}.get(
            organ, re.escape(organ)
        )
        levels = kind.group("levels")
        patterns.append(rf"[{levels}]{organ}$" if levels else rf"{organ}$")
    pattern = re.compile("|".join(patterns))
    return tuple(u for u in roster.units if pattern.search(u.name))


def _has_prefix(item: str) -> bool:
    """Whether a name says whose it is (a level word, a place, 中共…), so it does not take
    the previous name's prefix."""
    return (
        bool(re.match(r"^(自治区|区|省|市(?!场)|县|广西|中共|共青团|国家|各|中国)", item))
        or name_form(item).marked
    )


def responsibility(text: str, roster: Roster, issuer: str = "") -> Responsibility:
    """Match a 责任单位 list to the roster; the issuing department is never "unlisted"."""
    units: list[Unit] = []
    unlisted: list[str] = []
    collective: list[str] = []
    all_cities = False
    issuer_core = name_core(issuer) if issuer else ""
    for name in expand_list(text):
        if _ALL_CITIES.search(name):
            all_cities = True
            continue
        if _COLLECTIVE.search(name):
            collective.append(name)
            continue
        members = collective_members(name, roster)
        if members is not None:
            collective.append(name)
            units.extend(u for u in members if u not in units)
            continue
        match = roster.match(name)
        if match is not None and match.how != "fuzzy":
            if match.unit not in units:
                units.append(match.unit)
        elif issuer_core and name_core(name) == issuer_core:
            continue
        else:
            unlisted.append(name)
    return Responsibility(tuple(units), all_cities, tuple(dict.fromkeys(unlisted)), tuple(collective))


def is_responsible(unit: Unit, responsible: Responsibility) -> bool:
    if unit in responsible.units:
        return True
    return responsible.all_cities and unit.name.endswith("市人民政府")


def asks_to_change_list(text: str) -> bool:
    """An opinion that asks to add or remove a unit from a 责任单位 list."""
    return bool(_REQUEST.search(text)) and bool(_CHANGE.search(text))
