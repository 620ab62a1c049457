"""China's administrative divisions: provinces, prefectures and counties, from data/divisions.json.

A letter addressed to 各设区市人民政府 or 各县（市、区）人民政府 means every such division of
the issuer's province (or city); the roster is written out from this dataset, which is built
by ``data/make_divisions.py`` from the 国家统计局 codes (see the file's ``source``). Names
are the official full names (恩施土家族苗族自治州); ``short`` gives the forms letters and
file names use (恩施州, 恩施).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["province", "prefecture", "county"]

# The one-character abbreviations (简称) that open references such as 桂人社函〔2023〕57号.
ABBREVIATIONS = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51",
    "贵": "52", "黔": "52", "云": "53", "滇": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62",
    "陇": "62", "青": "63", "宁": "64", "新": "65",
}  # fmt: skip
MUNICIPALITIES = ("11", "12", "31", "50")  # 直辖市: the province is itself a city

# The 55 minority nationalities as they appear inside 自治州/自治县 names (some without 族).
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|"
    "东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|"
    "俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各族"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_ETHNIC})族?)+自治(州|县|旗)$")

# Official short forms that are not the place name plus 州.
_OFFICIAL_SHORTS = {
    "博尔塔拉蒙古自治州": ("博州",),
    "巴音郭楞蒙古自治州": ("巴州",),
    "克孜勒苏柯尔克孜自治州": ("克州",),
}


@dataclass(frozen=True)
class Division:
    """One division with its 国家统计局 code (2 digits province, 4 prefecture, 6 county)."""

    code: str
    name: str

    @property
    def level(self) -> Level:
        return {2: "province", 4: "prefecture"}.get(len(self.code), "county")  # type: ignore[return-value]

    @property
    def short(self) -> str:
        """The form used in running text: 广西, 河池, 恩施州, 阿克苏, 兴宁区 (a bare 兴宁 is ambiguous)."""
        return self.shorts[0]

    @property
    def shorts(self) -> tuple[str, ...]:
        """Every shorter form the division goes by, the usual one first (恩施州, 恩施)."""
        name = self.name
        autonomous = _AUTONOMOUS.match(name)
        if self.level == "province":
            return (re.sub(r"(?:壮族|回族|维吾尔)?自治区$|[省市]$", "", name),)
        if autonomous:
            place, kind = autonomous.groups()
            return (place + kind, place, *_OFFICIAL_SHORTS.get(name, ()))
        if self.level == "prefecture":
            for suffix in ("地区", "盟", "市", "林区"):
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    return (name[: -len(suffix)],)
            return (name,)
        if name.endswith(("县", "市", "旗")) and len(name) >= 3:
            return (name[:-1],)
        return (name,)


@cache
def _table() -> dict[str, str]:
    raw = resources.files(__package__).joinpath("data/divisions.json").read_text(encoding="utf-8")
    divisions: dict[str, str] = json.loads(raw)["divisions"]
    return divisions


@cache
def dataset_source() -> str:
    """Where the data come from, for the README and for messages: source and package version."""
    raw = json.loads(resources.files(__package__).joinpath("data/divisions.json").read_text(encoding="utf-8"))
    return f"{raw['source']}，经 {raw['package']}"


def _division(code: str) -> Division:
    return Division(code, _table()[code])


@cache
def provinces() -> tuple[Division, ...]:
    return tuple(_division(code) for code in _table() if len(code) == 2)


def province(name: str) -> Division | None:
    """A province by full name, short name or one-character abbreviation (广西, 桂, 湖北省)."""
    name = name.strip()
    if name in ABBREVIATIONS:
        return _division(ABBREVIATIONS[name])
    return next((p for p in provinces() if name in (p.name, *p.shorts)), None)


def province_of(text: str) -> Division | None:
    """The province an issuer's name (广西壮族自治区人力资源和社会保障厅, 湖北省民政厅,
    南宁市人民政府) or a reference (桂人社函〔2023〕57号) belongs to, if it names one at its start."""
    text = re.sub(r"^中共|^共青团", "", text.strip())
    for candidate in sorted(provinces(), key=lambda p: -len(p.name)):
        if text.startswith(candidate.name):
            return candidate
    # A prefecture's full name before a province's short one: 海南藏族自治州 is in 青海.
    city = next((d for d in _prefectures_all() if text.startswith(d.name)), None)
    if city is not None:
        return _division(city.code[:2])
    for candidate in provinces():
        if any(text.startswith(short) for short in candidate.shorts if len(short) >= 2):
            return candidate
    city = prefecture_of(text)
    if city is not None:
        return _division(city.code[:2])
    if text[:1] in ABBREVIATIONS and re.match(r"^.{1,8}[〔\[（(［]\s*\d{4}", text):
        return _division(ABBREVIATIONS[text[0]])
    return None


def prefecture_of(text: str) -> Division | None:
    """The prefecture a name starts with (南宁市人民政府 → 南宁市, 恩施州民政局 → 恩施…自治州),
    after any province name; None when the text names no prefecture."""
    text = re.sub(r"^中共|^共青团", "", text.strip())
    for p in provinces():
        if text.startswith(p.name):
            text = text[len(p.name) :]
            break
    candidates = [d for d in _prefectures_all() if text.startswith(d.name)]
    if not candidates:
        candidates = [
            d for d in _prefectures_all() if any(text.startswith(s) for s in d.shorts if len(s) >= 2)
        ]
    return candidates[0] if len(candidates) == 1 else None


@cache
def _prefectures_all() -> tuple[Division, ...]:
    return tuple(_division(code) for code in _table() if len(code) == 4)


def prefectures(of: Division | str) -> tuple[Division, ...]:
    """The prefecture-level divisions of a province (地级市, 自治州, 地区, 盟), in code order.

    A municipality (北京, 重庆) has none: its districts and counties are ``counties(it)``."""
    parent = _resolve(of)
    if parent is None or parent.level != "province":
        return ()
    return tuple(d for d in _prefectures_all() if d.code[:2] == parent.code)


def counties(of: Division | str) -> tuple[Division, ...]:
    """County-level divisions (县, 县级市, 区, 旗, 林区) of a province or a prefecture."""
    parent = _resolve(of)
    if parent is None or parent.level == "county":
        return ()
    return tuple(
        Division(code, name)
        for code, name in _table().items()
        if len(code) == 6 and code.startswith(parent.code)
    )


def directly_administered(of: Division | str) -> tuple[Division, ...]:
    """County-level divisions under no prefecture (湖北 仙桃市…神农架林区; a municipality's districts)."""
    parent = _resolve(of)
    if parent is None or parent.level != "province":
        return ()
    table = _table()
    return tuple(d for d in counties(parent) if d.code[:4] not in table)


def parent(division: Division) -> Division | None:
    """The prefecture a county belongs to, else its province; None for a province."""
    if division.level == "province":
        return None
    table = _table()
    code = (
        division.code[:4] if division.code[:4] in table and division.level == "county" else division.code[:2]
    )
    return _division(code)


def is_municipality(division: Division) -> bool:
    return division.code[:2] in MUNICIPALITIES and division.level == "province"


def _resolve(of: Division | str) -> Division | None:
    if isinstance(of, Division):
        return of
    return province(of) or prefecture_of(of)
