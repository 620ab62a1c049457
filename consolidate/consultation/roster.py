"""Matching the names units sign with to the roster's canonical names.

Units write 广西壮族自治区教育厅, 自治区教育厅, 区教育厅 or 教育厅; full official names
(自治区发展和改革委员会) for short ones (自治区发展改革委); a city's department for the city's
government; a file is named after a place (南宁.docx). A name is read as *where* (the province,
a generic level such as 省/自治区/市, and the chain of named cities, counties and towns) and
*what* (the body, written with the 规范简称 of ``abbreviations.py``), and compared on both, so
that 河池市教育局 never becomes the province's 教育厅 and 万州区教委 never the city's 市教委.

A name that fits two units equally is reported as an ``Ambiguity`` listing them: a wrong unit
is worse than none, so the roster never picks one silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from consolidate.consultation.abbreviations import (
    AFFILIATED,
    GENERIC,
    MANAGED,
    MUNICIPALITIES,
    PROVINCES,
    TERMS,
    WHOLE,
)
from consolidate.model import Unit
from consolidate.thresholds import NAME_FUZZY_FROM, NAME_TIE

# ------------------------------------------------------------------ written forms


def _replacer(pairs: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))


_GENERIC = dict(GENERIC)
_GENERIC_RE = _replacer(_GENERIC)


def _canonical_terms() -> dict[str, str]:
    """Every written form of a term mapped to one: the 规范简称 its chain of pairs ends at."""
    step = {_GENERIC_RE.sub(lambda m: _GENERIC[m.group(0)], a): b for a, b in TERMS}
    out: dict[str, str] = {}
    for form in step:
        target = step[form]
        for _ in range(5):
            if step.get(target, target) == target:
                break
            target = step[target]
        out[form] = target
        out.setdefault(target, target)
    return out


_TERMS = _canonical_terms()
_TERMS_RE = _replacer(_TERMS)
_WHOLE = {a: b for a, b in WHOLE if a != b}
_AFFILIATED: dict[str, set[str]] = {}
for _a, _b in AFFILIATED:
    _AFFILIATED.setdefault(_a, set()).add(_b)
    _AFFILIATED.setdefault(_b, set()).add(_a)
for _a, _b in MANAGED:  # one way: the managed body may sign as its manager, not the reverse
    _AFFILIATED.setdefault(_a, set()).add(_b)

_NOISE = re.compile(
    r"[（(][^（()）]{0,8}(?:盖章|公章|章|签章|签字)[^（()）]{0,4}[)）]"
    r"|^(?:单位名称|报送单位|填报单位|反馈单位|来文单位|单位)(?:[（(]盖章[)）])?[:：]"
    r"|(?:[12]\d{3}|[〇零一二三四五六七八九○]{4})\s*年[\d〇零一二三四五六七八九十○]{1,3}\s*月"
    r"[\d〇零一二三四五六七八九十○]{1,3}\s*日?"
    r"|[\s\"'“”‘’《》<>:：,，。.、;；!！?？_\-—·]+"
)


@lru_cache(maxsize=65536)
def clean_name(name: str) -> str:
    """A name without spaces, punctuation, dates and （盖章）, in NFKC width."""
    text = unicodedata.normalize("NFKC", name)
    return _NOISE.sub("", text).replace("(", "（").replace(")", "）")


def canonical_text(text: str) -> str:
    """Cleaned text with every official long form and colloquial short form in one spelling."""
    text = _GENERIC_RE.sub(lambda m: _GENERIC[m.group(0)], clean_name(text))
    return _TERMS_RE.sub(lambda m: _TERMS[m.group(0)], text)


# ------------------------------------------------------------------ places

_PROVINCE_SHORT = {full: short for full, short in PROVINCES} | {short: short for _, short in PROVINCES}
_PROVINCE_KEYS = sorted(_PROVINCE_SHORT, key=len, reverse=True)
_PROVINCE_RE = re.compile("^(?:" + "|".join(_PROVINCE_KEYS) + ")(?:自治区|省|区(?!域)(?=委|党委|政府|团委))?")
_ETHNIC = r"(?:[一-龥]{1,3}族|蒙古|柯尔克孜)+"
_NOT_PLACE = re.compile(r"[局厅委办部院处室所站队司署]|中心|政府|党委|团委|协会|联合")
_CITY = re.compile(
    rf"^(?P<stem>[一-龥]{{2,8}}?)(?:{_ETHNIC})?(?P<suffix>自治州)"
    r"|^(?P<stem2>[一-龥]{2,4}?)(?P<suffix2>市(?!场|政(?!府)|容|辖)|地区|盟|州(?=市|政府|委|人大|政协|$))"
)
_COUNTY = re.compile(
    rf"^(?P<stem>[一-龥]{{2,8}}?)(?:{_ETHNIC})(?P<suffix>自治县|自治旗)"
    r"|^(?P<stem2>[一-龥]{1,4}?)(?P<suffix2>县(?!域|级)|区(?!域|划)|旗|市(?!场|政(?!府)|容|辖))"
)
_TOWN = re.compile(
    rf"^(?P<stem>[一-龥]{{2,4}}?)(?:{_ETHNIC})?(?P<suffix>镇|乡(?!村|建|镇|社|振)|街道(?:办事处|办)?)"
)
_TOWN_ORGAN = re.compile(r"(?:政府|党委|委|人大|$)")
_LEVEL = re.compile(
    r"^(?:中华人民共和国|全省|全区|自治区|省(?!级)|区(?!域|划)|市(?!场|政(?!府)|容|辖)|县(?!域|级))"
)
_LEVEL_CLASS = {"中华人民共和国": "national", "全省": "province", "全区": "province", "自治区": "province", "省": "province",
                "区": "province", "市": "city", "县": "county"}  # fmt: skip
_GENERIC_STEMS = {
    "自治",
    "自治区",
    "全",
    "省",
    "市",
    "区",
    "县",
    "城",
    "城乡",
    "开发",
    "新",
    "本",
    "辖",
    "各",
    "地",
    "都",
}
_CENTRAL = re.compile(r"^国家[一-龥]{1,8}?(?:总局|局|署)")
# An enterprise's branch named through its provincial company: 国网四川省电力公司遂宁供电公司 is
# signed 国网遂宁供电公司, the brand and the branch without the company between them.
_PARENT_COMPANY = re.compile(
    r"^(?P<brand>国网|南方电网|中国[一-龥]{2,4}?|中[一-龥]{1,2}?)"
    rf"(?:{'|'.join(k for k, _ in PROVINCES)}|{'|'.join(s for _, s in PROVINCES)})"
    r"[一-龥]{0,8}?(?:股份有限公司|有限责任公司|有限公司|公司)(?=[一-龥]{2,}(?:公司|分公司|局|中心)$)"
)
_LEAGUE = re.compile(r"^(?:共青团|团(?=(?:省|区|市|县|自治区)委))")


@dataclass(frozen=True)
class NameForm:
    """A name read as where and what.

    ``province`` is a named province (short form); ``level`` a generic level word (province,
    city, county); ``chain`` the named cities, counties and towns below the province, by stem
    (河池, 宜州); ``body`` the body's name in canonical spelling (党委宣传部, 发展改革委, 政府);
    ``marked`` whether the name said where or whose it is at all.
    """

    province: str | None
    level: str | None
    chain: tuple[str, ...]
    body: str
    marked: bool
    place: str = ""  # the most specific place as written: 融水县 or 融水苗族自治县
    prefix: str = ""  # the generic level word as written: 省, 自治区, 市, 县


def _match_place(pattern: re.Pattern[str], text: str) -> tuple[str, int] | None:
    m = pattern.match(text)
    if m is None:
        return None
    stem = m.group("stem") or m.groupdict().get("stem2") or ""
    if not stem or (
        stem in _GENERIC_STEMS
        or stem[0] in "省市县"
        or _NOT_PLACE.search(stem)
        or (pattern is _CITY and re.search("[县区旗]", stem))  # 洞口县城市管理局 names no 洞口县城市
        or (len(text) == m.end() and len(stem) < 2)
    ):
        return None
    return stem, m.end()


@lru_cache(maxsize=65536)
def name_form(name: str) -> NameForm:
    """Read a name (cleaned, contracted) into where and what."""
    text = _GENERIC_RE.sub(lambda m: _GENERIC[m.group(0)], clean_name(name))
    owner, text = _owner(text)
    province, level, prefix, chain, place, text = _places(text)
    body = _TERMS_RE.sub(lambda m: _TERMS[m.group(0)], text)
    placed = bool(province or level or chain)
    if body.startswith("委") and (owner or placed):
        body = (owner or "党委") + body[1:]  # 省委组织部, 团省委, 政协湖北省委员会办公厅
    elif owner in ("团委", "政协") and not body.startswith(owner[0]):
        body = owner + body
    body = _WHOLE.get(body, body)
    return NameForm(province, level, chain, body, placed or bool(owner), place, prefix)


def _owner(text: str) -> tuple[str, str]:
    """The party, league or CPPCC committee a name begins with (as the body word that
    replaces its 委), and the rest; a central organ before a province's branch is dropped."""
    owner = ""
    if text.startswith("中共"):
        owner, text = "党委", text[2:]
    elif league := _LEAGUE.match(text):
        owner, text = "团委", text[league.end() :]
    elif text.startswith("政协") and len(text) > 2:
        owner, text = "政协", text[2:]
    if parent := _PARENT_COMPANY.match(text):
        text = parent.group("brand") + text[parent.end() :]
    central = _CENTRAL.match(text)
    if central and _PROVINCE_RE.match(text[central.end() :]):
        text = text[central.end() :]
    return owner, text


def _places(text: str) -> tuple[str | None, str | None, str, tuple[str, ...], str, str]:
    """Province, generic level (class and word), chain of named places, the last place as
    written, and the rest of the name."""
    province = level = None
    prefix = ""
    if m := _PROVINCE_RE.match(text):
        said = next(k for k in _PROVINCE_KEYS if m.group(0).startswith(k))
        province, text = _PROVINCE_SHORT[said], text[m.end() :]
    chain: list[str] = []
    place = ""
    for pattern in (_CITY, _COUNTY):
        found = _match_place(pattern, text)
        if found is not None:
            chain.append(found[0])
            place, text = text[: found[1]], text[found[1] :]
    town = _match_place(_TOWN, text)
    # A town after its county, or alone when what follows is its own organ (大圩镇人民政府 on a
    # county's roster). Its key keeps 镇/乡/街道: 灵川镇 is not 灵川县.
    if town and (chain or _TOWN_ORGAN.match(text[town[1] :])):
        place, text = text[: town[1]], text[town[1] :]
        chain.append(town[0] + ("街道" if "街道" in place else place[-1]))
    lv = _LEVEL.match(text) if not chain else None
    if lv and province is None:
        level, prefix, text = _LEVEL_CLASS[lv.group(0)], lv.group(0), text[lv.end() :]
    elif lv and lv.group(0) in ("区", "市"):  # 广西区…, 北京市… written after the province
        text = text[lv.end() :]
    return province, level, prefix, tuple(chain), place, text


def name_core(name: str) -> str:
    """The part of a unit's name that tells it apart within one province: places dropped,
    official long forms written as their 规范简称 (广西壮族自治区卫生健康委员会 → 卫生健康委)."""
    form = name_form(name)
    return "".join(form.chain) + form.body if form.chain else form.body


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class UnitMatch:
    """A roster unit found for a name, how it was found, and how sure the match is."""

    unit: Unit
    how: str  # exact, core, short, city, place, fuzzy, found-in
    score: float
    said: str = ""


@dataclass(frozen=True)
class Ambiguity:
    """A name that fits several roster units equally well: the clerk decides, not the tool."""

    candidates: tuple[Unit, ...]
    said: str = ""


Lookup = UnitMatch | Ambiguity | None


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    form: NameForm


_FILLER = re.compile(
    r"附件\d*|征求意见稿|修改意见表|意见反馈表|反馈意见表|意见表|反馈表|修改意见|反馈意见|意见汇总|反馈材料|"
    r"修改稿|盖章件|扫描件|更正|最终版|定稿|汇总|反馈|材料|意见|回复|复函|终稿|[（(]\d+[)）]|\d+|[a-zA-Z]+"
)
_JOINT = re.compile(r"[、,，/／;；]")
_SEPARATORS = re.compile(r"[（()）\[\]【】〔〕{}]+")


class Roster:
    """The consultation's units, indexed by every way their names are written."""

    def __init__(self, units: tuple[Unit, ...], issuer: str = "") -> None:
        """``issuer`` (the department that consults) tells which province and city "省" and
        "市" mean when the roster itself never names them."""
        self.units = units
        self._exact: dict[str, list[Unit]] = {}
        self._entries: list[_Entry] = []
        for unit in units:
            for name in (unit.name, *unit.aliases):
                _add(self._exact, clean_name(name), unit)
                for written in (name, *_bracketed(clean_name(name))):
                    self._entries.append(_Entry(unit, name_form(written)))
        provinces = {e.form.province for e in self._entries if e.form.province}
        home = name_form(issuer) if issuer else NameForm(None, None, (), "", False)
        self._home = provinces.pop() if len(provinces) == 1 else None if provinces else home.province
        self._home_place = home.chain[-1] if home.chain else None
        self._by_initial: dict[str, list[Unit]] = {}
        for unit in units:
            self._by_initial.setdefault(clean_name(unit.name)[:2], []).append(unit)
        self._municipal = self._home in MUNICIPALITIES
        self._by_body: dict[str, list[_Entry]] = {}
        self._by_short: dict[str, list[_Entry]] = {}
        self._by_place: dict[str, list[_Entry]] = {}
        self._by_bigram: dict[str, list[_Entry]] = {}
        for entry in self._entries:
            form = entry.form
            if form.chain:
                self._by_place.setdefault(form.chain[-1], []).append(entry)
                continue
            self._by_body.setdefault(form.body, []).append(entry)
            short = _short_form(form.body)
            if short:
                self._by_short.setdefault(short, []).append(entry)
            for i in range(len(form.body) - 1):
                self._by_bigram.setdefault(form.body[i : i + 2], []).append(entry)
        self._search = self._search_keys()
        self._longest_key = max((len(k) for k in self._search), default=0)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    # -------------------------------------------------------------- names

    def match(self, name: str) -> UnitMatch | None:
        """The roster unit a signed name stands for, or None (also when it is ambiguous)."""
        found = self.lookup(name)
        return found if isinstance(found, UnitMatch) else None

    def lookup(self, name: str, fuzzy: bool = True) -> Lookup:
        """The unit a signed name stands for, the units it could equally stand for, or None."""
        cleaned = clean_name(name)
        if len(cleaned) < 2:
            return None
        exact = self._exact.get(cleaned)
        if exact:
            return (
                UnitMatch(exact[0], "exact", 1.0, name) if len(exact) == 1 else Ambiguity(tuple(exact), name)
            )
        joint = self._joint(name, fuzzy)
        if joint is not None:
            return joint
        form = name_form(cleaned)
        if form.chain:
            return self._in_place(form, name)
        found = self._by_form(form, name)
        if found is None and fuzzy:
            found = self._fuzzy(form, cleaned, name)
        return found

    def _joint(self, name: str, fuzzy: bool) -> Lookup:
        """中国企业联合会、中国企业家协会: one body under two names written together (加挂牌子,
        合署办公) is the consulted unit either name is; names of two consulted units are both."""
        parts = [p for p in _JOINT.split(unicodedata.normalize("NFKC", name)) if len(clean_name(p)) >= 2]
        if len(parts) < 2:
            return None
        units: dict[Unit, None] = {}
        for part in parts:
            found = self.lookup(part, fuzzy)
            if isinstance(found, UnitMatch):
                units[found.unit] = None
            elif isinstance(found, Ambiguity):
                units.update(dict.fromkeys(found.candidates))
        if len(units) == 1:
            return UnitMatch(next(iter(units)), "joint", 0.9, name)
        return Ambiguity(tuple(units), name) if units else None

    def namesakes(self, name: str) -> tuple[Unit, ...]:
        """The units whose names are another way of writing ``name`` (省教育厅, 湖北省教育厅)."""
        form = name_form(name)
        if form.chain:
            entries = [
                e for e in self._by_place.get(form.chain[-1], []) if _same_place(form.chain, e.form.chain)
            ]
        else:
            entries = [
                e for e in self._by_body.get(form.body, []) if self._agreement(form, e.form) is not None
            ]
        return tuple(dict.fromkeys(e.unit for e in entries if e.form.body == form.body and form.body))

    def _by_form(self, form: NameForm, said: str) -> Lookup:
        if not form.body:
            return None
        for how, score, entries in (
            ("core", 0.95, self._by_body.get(form.body, [])),
            ("short", 0.9, self._by_body.get(_short_form(form.body), []) if _short_form(form.body) else []),
            ("short", 0.9, self._by_short.get(form.body, [])),
        ):
            fitting = self._best_fit(form, entries)
            if len(fitting) == 1:
                return self._unless_affiliated(form, UnitMatch(fitting[0], how, score, said))
            if fitting:
                return Ambiguity(tuple(fitting), said)
        return None

    def _best_fit(self, form: NameForm, entries: list[_Entry]) -> list[Unit]:
        """The units among ``entries`` whose place agrees with ``form``, closest agreement first."""
        scored = [(s, e.unit) for e in entries if (s := self._agreement(form, e.form)) is not None]
        if not scored:
            return []
        best = max(s for s, _ in scored)
        return list(dict.fromkeys(u for s, u in scored if s == best))

    def _agreement(self, said: NameForm, unit: NameForm) -> int | None:
        """How well a said place agrees with a unit's (higher is closer), None if it contradicts."""
        if said.province and unit.province and said.province != unit.province:
            return None
        if said.province and self._home and said.province != self._home:
            return None
        said_level = said.level or ("province" if said.province else None)
        unit_level = unit.level or ("province" if unit.province else None)
        if said_level and unit_level and said_level != unit_level:
            municipal = self._municipal or said.province in MUNICIPALITIES
            if not (municipal and {said_level, unit_level} <= {"province", "city"}):
                return None
        return (said.province is not None and said.province == unit.province) + (
            said.level is not None and said.level == unit.level
        )

    def _unless_affiliated(self, form: NameForm, found: UnitMatch) -> Lookup:
        """A bare name of a body that shares its office with another consulted body is either."""
        if form.marked:
            return found
        partners = [
            e.unit
            for body in _AFFILIATED.get(_body_of(self, found.unit), ())
            for e in self._by_body.get(body, [])
            if e.unit != found.unit
        ]
        if not partners:
            return found
        return Ambiguity(tuple(dict.fromkeys((found.unit, *partners))), found.said)

    def _in_place(self, form: NameForm, said: str) -> Lookup:
        """A name that names a city, county or town: that place's unit, or its government."""
        here = [e for e in self._by_place.get(form.chain[-1], []) if _same_place(form.chain, e.form.chain)]
        if not form.body:
            units = list(dict.fromkeys(e.unit for e in here))
            if len(units) == 1:
                return UnitMatch(units[0], "place", 0.9, said)
            return Ambiguity(tuple(units), said) if units else self._home_city(form, said)
        same = list(dict.fromkeys(e.unit for e in here if e.form.body == form.body))
        if not same and _short_form(form.body):
            same = list(dict.fromkeys(e.unit for e in here if e.form.body == _short_form(form.body)))
        if len(same) > 1:  # 融水县 and 融水苗族自治县 both consulted: the one written as said
            same = [u for u in same if any(e.unit == u and e.form.place == form.place for e in here)] or same
        if len(same) == 1:
            return UnitMatch(same[0], "core", 0.95, said)
        if same:
            return Ambiguity(tuple(same), said)
        for size in range(len(form.chain), 0, -1):
            governments = list(
                dict.fromkeys(
                    e.unit
                    for e in self._by_place.get(form.chain[size - 1], [])
                    if _same_place(form.chain[:size], e.form.chain) and e.form.body == "政府"
                )
            )
            if len(governments) == 1:
                return UnitMatch(governments[0], "city", 0.9, said)
            if governments:
                return Ambiguity(tuple(governments), said)
        return self._home_city(form, said)

    def _home_city(self, form: NameForm, said: str) -> Lookup:
        """杭州市发展和改革委员会 on a roster of 市直单位 (市发展改革委) that never names 杭州, or
        灵川县教育局 on a county's roster (县教育局): the consulting place's own body."""
        if not form.body:
            return None
        word = form.place[-1:]  # 市, 县, 区, 旗 (自治县 → 县)
        if self._home_place is None:
            if len(form.chain) != 1 or word != "市":
                return None
        elif form.chain[-1] != self._home_place:
            return None
        units = list(
            dict.fromkeys(
                e.unit
                for body in (form.body, _short_form(form.body))
                for e in self._by_body.get(body, [])
                if body and e.form.prefix == word and e.form.province in (None, form.province)
            )
        )
        if len(units) == 1:
            return UnitMatch(units[0], "core", 0.9, said)
        return Ambiguity(tuple(units), said) if units else None

    def _fuzzy(self, form: NameForm, cleaned: str, said: str) -> Lookup:
        from rapidfuzz import fuzz

        if len(form.body) < 3:
            return None
        # Only names sharing a pair of characters can score 85: look at those alone.
        entries = {
            id(e): e for i in range(len(form.body) - 1) for e in self._by_bigram.get(form.body[i : i + 2], [])
        }
        surface = _strip_level(cleaned)
        scores: dict[Unit, float] = {}
        for entry in entries.values():
            if self._agreement(form, entry.form) is None:
                continue
            score = max(
                fuzz.ratio(form.body, entry.form.body),
                fuzz.ratio(surface, _strip_level(clean_name(entry.unit.name))),
            )
            if score >= NAME_FUZZY_FROM:
                scores[entry.unit] = max(score, scores.get(entry.unit, 0.0))
        if not scores:
            return None
        best = max(scores.values())
        close = [u for u, s in scores.items() if s >= best - NAME_TIE]
        if len(close) > 1:
            return Ambiguity(tuple(close), said)
        return UnitMatch(close[0], "fuzzy", round(best / 100 * 0.9, 2), said)

    # -------------------------------------------------------------- free text

    def find_in(self, text: str) -> UnitMatch | None:
        """A roster unit named somewhere inside free text such as a file name."""
        found = self.lookup_in(text)
        return found if isinstance(found, UnitMatch) else None

    def lookup_in(self, text: str) -> Lookup:
        """The unit (or the units) named somewhere in free text such as a file or folder name."""
        cleaned = clean_name(text)
        rest = _FILLER.sub("", cleaned)
        for part in dict.fromkeys((rest, *(p for p in _SEPARATORS.split(rest) if p))):
            if len(part) < 2:
                continue
            found = self.lookup(part, fuzzy=False)
            if found is None:
                found = self._place_named(part, text)
            if found is not None:
                return _found_in(found, text)
        found = self._search_text(canonical_text(cleaned), text)
        return found if found is not None else self._city_in(cleaned, text)

    def _place_named(self, part: str, said: str) -> Lookup:
        """南宁.docx, 河池市.docx, 隆安县.xlsx: the addressee in that place, if only one is."""
        form = name_form(part)
        if form.province and not form.body and not form.chain and not form.level:
            return self._province_named(form.province, said)
        stem = form.chain[-1] if form.chain and not form.body else part if not form.province else ""
        if len(stem) < 2:
            return None
        starting = [u for u in self._by_initial.get(stem[:2], []) if clean_name(u.name).startswith(stem)]
        units = list(dict.fromkeys((*(e.unit for e in self._by_place.get(stem, [])), *starting)))
        if not units:
            return None
        return UnitMatch(units[0], "place", 0.85, said) if len(units) == 1 else Ambiguity(tuple(units), said)

    def _province_named(self, province: str, said: str) -> Lookup:
        """四川.docx on a ministry's roster of provinces' departments: the one unit of 四川."""
        if province == self._home:  # every unit is in the consulting province: the name tells none
            return None
        units = list(dict.fromkeys(e.unit for e in self._entries if e.form.province == province))
        if not units:
            return None
        return UnitMatch(units[0], "place", 0.85, said) if len(units) == 1 else Ambiguity(tuple(units), said)

    def _search_text(self, canonical: str, said: str) -> Lookup:
        # Every substring of the (short) text is looked up, longest first, so the cost
        # depends on the text, not on the size of the roster.
        for size in range(min(self._longest_key, len(canonical)), 1, -1):
            found: dict[Unit, None] = {}
            bare = True
            for start in range(len(canonical) - size + 1):
                key = canonical[start : start + size]
                for unit, marked in self._search.get(key, ()):
                    found[unit] = None
                    bare = bare and not marked
            if len(found) == 1:
                unit = next(iter(found))
                match = UnitMatch(unit, "found-in", 0.8, said)
                if bare:
                    body = _body_of(self, unit)
                    return self._unless_affiliated(NameForm(None, None, (), body, False), match)
                return match
            if found:
                return Ambiguity(tuple(found), said)
        return None

    def _city_in(self, cleaned: str, said: str) -> Lookup:
        for at in (m.start() for m in re.finditer("[市县区]", cleaned)):
            for size in range(min(at, 8), 1, -1):
                governments = [
                    e.unit
                    for e in self._by_place.get(cleaned[at - size : at], [])
                    if len(e.form.chain) == 1 and e.form.body == "政府"
                ]
                if len(governments) == 1:
                    return UnitMatch(governments[0], "city", 0.75, said)
        return None

    def _search_keys(self) -> dict[str, list[tuple[Unit, bool]]]:
        """Strings that name a unit inside free text, and whether each says where the unit is."""
        keys: dict[str, dict[Unit, bool]] = {}

        def put(key: str, unit: Unit, marked: bool) -> None:
            if len(key) >= 2 and key != "政府":
                slot = keys.setdefault(key, {})
                slot[unit] = slot.get(unit, False) or marked

        whole_forms: dict[str, list[str]] = {}
        for short, full in _WHOLE.items():
            whole_forms.setdefault(full, []).append(short)
        for entry in self._entries:
            unit, form = entry.unit, entry.form
            put(clean_name(unit.name), unit, True)
            for alias in unit.aliases:
                put(clean_name(alias), unit, True)
            put(canonical_text(unit.name), unit, True)
            if form.chain:
                continue
            for body in (form.body, *whole_forms.get(form.body, ())):
                put(body, unit, False)
            short = _short_form(form.body)
            if short and len(self._by_short.get(short, [])) == 1 and short not in self._by_body:
                put(short, unit, False)
        return {k: list(v.items()) for k, v in keys.items()}


def _add(index: dict, key: str, value: object) -> None:
    slot = index.setdefault(key, [])
    if value not in slot:
        slot.append(value)


def _bracketed(cleaned: str) -> tuple[str, ...]:
    """省委党校（省行政学院）: one body under two names (加挂牌子), each signed alone."""
    m = re.fullmatch(r"(?P<outer>[^（）]{2,})（(?P<inner>[^（）]{2,})）", cleaned)
    return (m.group("outer"), m.group("inner")) if m else ()


def _same_place(said: tuple[str, ...], unit: tuple[str, ...]) -> bool:
    """河池市宜州区 and 宜州区 name the same place; 河池市 and 宜州区 do not."""
    shorter = min(len(said), len(unit))
    return said[-shorter:] == unit[-shorter:]


def _short_form(body: str) -> str:
    """党委宣传部 → 宣传部: the name people use inside the province when it is unique."""
    for prefix in ("党委", "政府"):
        if body.startswith(prefix) and len(body) > len(prefix) + 1:
            return body[len(prefix) :]
    return ""


def _body_of(roster: Roster, unit: Unit) -> str:
    return name_form(unit.name).body


_LEVEL_PREFIX = re.compile(
    "^(?:" + "|".join(sorted(_PROVINCE_SHORT, key=len, reverse=True)) + ")?(?:自治区|全区|全省|省|区|市)?"
)


def _strip_level(cleaned: str) -> str:
    return _LEVEL_PREFIX.sub("", cleaned) or cleaned


def _found_in(found: Lookup, said: str) -> Lookup:
    if isinstance(found, UnitMatch):
        how = found.how if found.how in ("city", "place") else "found-in"
        return UnitMatch(found.unit, how, min(found.score, 0.8), said)
    if isinstance(found, Ambiguity):
        return Ambiguity(found.candidates, said)
    return None
