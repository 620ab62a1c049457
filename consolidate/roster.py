"""Matching the names units sign with to the roster's canonical names.

Units write 广西壮族自治区教育厅, 自治区教育厅, 区教育厅 or 教育厅; full official names
(自治区发展和改革委员会) for short ones (自治区发展改革委); a city's department or office
for the city's government. Names are reduced to a *core* (region prefix stripped, official
long forms shortened) and compared on that; fuzzy matching catches the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Unit

# Province-level regions, full and short, so that any province's roster works.
PROVINCES = (
    ("广西壮族自治区", "广西"), ("内蒙古自治区", "内蒙古"), ("西藏自治区", "西藏"),
    ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"), ("北京市", "北京"),
    ("天津市", "天津"), ("上海市", "上海"), ("重庆市", "重庆"), ("河北省", "河北"),
    ("山西省", "山西"), ("辽宁省", "辽宁"), ("吉林省", "吉林"), ("黑龙江省", "黑龙江"),
    ("江苏省", "江苏"), ("浙江省", "浙江"), ("安徽省", "安徽"), ("福建省", "福建"),
    ("江西省", "江西"), ("山东省", "山东"), ("河南省", "河南"), ("湖北省", "湖北"),
    ("湖南省", "湖南"), ("广东省", "广东"), ("海南省", "海南"), ("四川省", "四川"),
    ("贵州省", "贵州"), ("云南省", "云南"), ("陕西省", "陕西"), ("甘肃省", "甘肃"),
    ("青海省", "青海"), ("台湾省", "台湾"),
)  # fmt: skip
_REGION = "|".join(sorted({name for pair in PROVINCES for name in pair}, key=len, reverse=True))
_REGION_PREFIX = re.compile(rf"^(?:{_REGION}|自治区|省|区|全区|全省)")
_PARTY = re.compile(
    rf"^(?:中国共产党|中共)(?:{_REGION})?(?:壮族|回族|维吾尔)?(?:自治区|省)?(?:委员会|区委|省委|党委|委)"
)
_LEAGUE = re.compile(rf"^(?:中国共产主义青年团|共青团)(?:{_REGION})?(?:自治区|省)?(?:委员会|区委|省委|委)")
_CPPCC = re.compile(rf"^(?:中国人民)?政治协商会议(?:{_REGION})?(?:自治区|省)?委员会")
_TAX = re.compile(rf"^国家税务总局(?:{_REGION})?(?:自治区|省)?税务局")
_CITY_GOVERNMENT = re.compile(r"^(?P<city>.{2,6}?)市人民政府$")

# Official long forms and common short forms, reduced to the form rosters use.
_SHORTEN = (
    ("人民代表大会常务委员会", "人大常委会"), ("发展和改革委员会", "发展改革委"),
    ("发展和改革委", "发展改革委"), ("发改委", "发展改革委"),
    ("人力资源和社会保障", "人力资源社会保障"), ("人社厅", "人力资源社会保障厅"),
    ("人社局", "人力资源社会保障局"), ("卫生和健康委员会", "卫生健康委"),
    ("卫生健康委员会", "卫生健康委"), ("卫健委", "卫生健康委"),
    ("国有资产监督管理委员会", "国资委"), ("市场监督管理局", "市场监管局"),
    ("市监局", "市场监管局"), ("科学技术厅", "科技厅"), ("科学技术协会", "科协"),
    ("工业和信息化厅", "工业和信息化厅"), ("工信厅", "工业和信息化厅"),
    ("文化和旅游厅", "文化和旅游厅"), ("文旅厅", "文化和旅游厅"),
    ("妇女联合会", "妇联"), ("残疾人联合会", "残联"), ("工商业联合会", "工商联"),
    ("机构编制委员会办公室", "编办"), ("编委办", "编办"),
    ("网络安全和信息化委员会办公室", "网信办"), ("统一战线工作部", "统战部"),
    ("北部湾经济区规划建设管理办公室", "北部湾办"),
    ("北部湾经济区和东盟开放合作办公室", "北部湾办"),
    ("住房和城乡建设", "住房城乡建设"), ("住建厅", "住房城乡建设厅"),
    ("大数据发展局", "大数据发展局"), ("财政局", "财政局"),
)  # fmt: skip
_NOISE = re.compile(
    r"[（(][^（()）]{0,8}(?:盖章|公章|章|签章)[^（()）]{0,4}[)）]|[\s\"'“”‘’《》<>:：,，。.、;；!！?？_\-—]+"
)


def clean_name(name: str) -> str:
    """A name without spaces, punctuation and （盖章）, in NFKC width."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name)).replace("(", "（").replace(")", "）")


def name_core(name: str) -> str:
    """The part of a unit's name that tells it apart within one province."""
    core = clean_name(name)
    core = _PARTY.sub("党委", core)
    core = _LEAGUE.sub("团委", core)
    core = _CPPCC.sub("政协", core)
    core = _TAX.sub("税务局", core)
    for _ in range(3):
        stripped = _REGION_PREFIX.sub("", core)
        if len(stripped) < 2 or stripped == core:
            break
        core = stripped
    core = core.replace("党委党委", "党委")
    for long, short in _SHORTEN:
        core = core.replace(long, short)
    if core in ("团区委", "团省委"):
        core = "团委"
    return core


@dataclass(frozen=True)
class UnitMatch:
    """A roster unit found for a name, how it was found, and how sure the match is."""

    unit: Unit
    how: str  # exact, core, short, city, fuzzy, found-in
    score: float
    said: str = ""


class Roster:
    """The consultation's units, indexed by every way their names are written."""

    def __init__(self, units: tuple[Unit, ...]) -> None:
        self.units = units
        self._exact: dict[str, Unit] = {}
        self._core: dict[str, Unit] = {}
        self._short: dict[str, Unit] = {}
        self._cities: dict[str, Unit] = {}
        ambiguous_short: set[str] = set()
        for unit in units:
            for name in (unit.name, *unit.aliases):
                self._exact.setdefault(clean_name(name), unit)
                self._core.setdefault(name_core(name), unit)
            city = _CITY_GOVERNMENT.match(clean_name(unit.name))
            if city:
                self._cities[city.group("city")] = unit
            short = _short_form(name_core(unit.name))
            if short and short != name_core(unit.name):
                if short in self._short and self._short[short] != unit:
                    ambiguous_short.add(short)
                self._short[short] = unit
        for short in ambiguous_short:
            del self._short[short]
        self._search_index = {
            k: u for k, u in {**self._short, **self._core, **self._exact}.items() if len(k) >= 2
        }
        self._longest_key = max((len(k) for k in self._search_index), default=0)
        self._core_by_bigram: dict[str, set[str]] = {}
        for core in self._core:
            for i in range(len(core) - 1):
                self._core_by_bigram.setdefault(core[i : i + 2], set()).add(core)

    def __iter__(self):
        return iter(self.units)

    def match(self, name: str) -> UnitMatch | None:
        """The roster unit a signed name stands for, or None."""
        cleaned = clean_name(name)
        if len(cleaned) < 2:
            return None
        if cleaned in self._exact:
            return UnitMatch(self._exact[cleaned], "exact", 1.0, name)
        core = name_core(cleaned)
        if core in self._core:
            return UnitMatch(self._core[core], "core", 0.95, name)
        if core in self._short:
            return UnitMatch(self._short[core], "short", 0.9, name)
        city = self._city_of(core)
        if city is not None:
            return UnitMatch(city, "city", 0.9, name)
        return self._fuzzy(core, name)

    def find_in(self, text: str) -> UnitMatch | None:
        """A roster unit named somewhere inside free text such as a file name."""
        cleaned = clean_name(text)
        candidates = {cleaned, name_core(cleaned)}
        for long, short in _SHORTEN:
            candidates = {c.replace(long, short) for c in candidates}
        # Every substring of the (short) text is looked up, longest first, so the cost
        # depends on the text, not on the size of the roster.
        longest = min(self._longest_key, max(len(c) for c in candidates))
        for size in range(longest, 1, -1):
            for candidate in candidates:
                for start in range(len(candidate) - size + 1):
                    unit = self._search_index.get(candidate[start : start + size])
                    if unit is not None:
                        return UnitMatch(unit, "found-in", 0.8, text)
        for candidate in candidates:
            for at in (m.start() for m in re.finditer("市", candidate)):
                for size in range(2, 7):
                    unit = self._cities.get(candidate[max(0, at - size) : at])
                    if unit is not None and at - size >= 0:
                        return UnitMatch(unit, "city", 0.75, text)
        return None

    def _city_of(self, core: str) -> Unit | None:
        for city, unit in self._cities.items():
            if core.startswith((f"{city}市", f"中共{city}市")) or core == city:
                return unit
        return None

    def _fuzzy(self, core: str, said: str) -> UnitMatch | None:
        from rapidfuzz import fuzz, process

        if len(core) < 3:
            return None
        # Only names sharing a pair of characters can score 85: look at those alone.
        choices: set[str] = set()
        for i in range(len(core) - 1):
            choices |= self._core_by_bigram.get(core[i : i + 2], set())
        found = process.extractOne(core, sorted(choices), scorer=fuzz.ratio, score_cutoff=85)
        if found is None:
            return None
        key, score, _ = found
        return UnitMatch(self._core[key], "fuzzy", round(score / 100 * 0.9, 2), said)


def _short_form(core: str) -> str:
    """党委宣传部 → 宣传部: the name people use inside the province when it is unique."""
    for prefix in ("党委", "政府"):
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            return core[len(prefix) :]
    return ""
