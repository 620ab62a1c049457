"""Who a letter is sent to: the 主送 line, a unit-list annex or a roster file, as units.

Lists come one per line, as 顿号 lists with shared prefixes (自治区党委组织部、宣传部),
numbered (1. （1） 一、), under group headings (一、省直单位 / 市直单位（19个）), or as table
rows. Collective addressees (各设区市人民政府, 各市州民政局, 各县（市、区）人民政府) are written
out from the administrative-divisions dataset for the issuer's province or city.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from consolidate.codes import Code, Severity
from consolidate.consultation import divisions as dv
from consolidate.consultation.responsibility import expand_list
from consolidate.model import Finding

# 各 + which divisions + the office in each (人民政府, 民政局…). Folded text: ASCII brackets.
_KIND = r"设区的市|设区市|地级以上市|地级市|县级市|直管市|神农架林区|林区|自治县|县级|市|州|地|盟|县|区|旗"
_COLLECTIVE = re.compile(
    rf"^各(?P<kind>(?:{_KIND})(?:、?(?:{_KIND})|\((?:{_KIND})(?:、(?:{_KIND}))*\))*)(?!直|属|级|有关|相关|部门|单位)(?P<office>.*)$"
)
_BARE_COLLECTIVE = re.compile(rf"各(?:{_KIND})(?:、?(?:{_KIND})|\((?:{_KIND})(?:、(?:{_KIND}))*\))*")
# 各省、自治区、直辖市（及新疆生产建设兵团）+ the office in each: the provinces' own departments.
_PROVINCE_KIND = r"省|自治区|直辖市|计划单列市"
# 计划单列市, the cities a ministry addresses with the provinces (a national designation).
_PLAN_CITIES = ("大连市", "青岛市", "宁波市", "厦门市", "深圳市")
_CORPS = "新疆生产建设兵团"
_PROVINCE_COLLECTIVE = re.compile(
    rf"^各(?P<kind>(?:{_PROVINCE_KIND})(?:(?:、|及|和|以及)(?:{_PROVINCE_KIND}|{_CORPS}))*)"
    r"(?!直|属|级|辖|委|、|有关|相关|部门|单位)(?P<office>.*)$"
)
_BARE_PROVINCES = re.compile(rf"各(?:{_PROVINCE_KIND})(?:、(?:{_PROVINCE_KIND}))*")
_PREFECTURE_CITY = ("设区的市", "设区市", "地级以上市", "地级市")
# Categories, never units: 各有关单位, 省直有关单位, 市直各部门, 省政府有关部门、直属机构 (its
# 顿号 prefix written out: 省政府直属机构), 省直单位, 省属企业, 有关企业.
_GENERIC = re.compile(
    r"(有关|相关|各)(单位|部门|机构|方面|企业|高校|院校|协会|社会组织)|成员单位|^各.*(单位|部门)$|各(处室|科室|直属|所属)"
    r"|(直属|所属|机关)各|(直属|所属|下属|归口|直管)(单位|机构|部门|企业|事业单位|机关)$"
    r"|各(部委|委办局|厅局|局委|委局|厅委)|^(省|市|县|区|州|盟|旗)(直|属)(单位|部门|机关|机构|企业|高校|院校)$"
)
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、)）]|[①-⑳])\s*"
)
_COUNT = re.compile(r"[(（]\s*(?:共\s*)?\d+\s*[个家名所]\s*[)）]|[:：]\s*$|共\d+[个家]$")
_HEADING = re.compile(
    r"(单位|部门|机构|院校|高校|团体|组织|企业|代表|专家|人员|行业协会|设区市|地级市|市州|县区|区县|县\(市、区\))$"
)
_TABLE_NAME = ("单位名称", "单位", "名称", "征求意见单位")
_TABLE_GROUP = ("类别", "单位类别", "分类", "类型", "层级")
_TABLE_SKIP = ("序号", "编号", "备注", "联系人", "联系电话", "电话", "数量")


@dataclass(frozen=True)
class ListedUnit:
    """An addressee as the letter or roster lists it, with the short forms it also goes by."""

    name: str
    group: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where the issuer sits: its province and, for a city's letter, its prefecture."""

    province: dv.Division | None
    prefecture: dv.Division | None = None


def place_of(issuer: str, reference: str = "", text: str = "") -> Place:
    """The issuer's province (and prefecture), from its name, else the reference's 桂/鄂, else
    the first province named in the text."""
    province = dv.province_of(issuer) if issuer else None
    province = province or (dv.province_of(reference) if reference else None)
    if province is None and text:
        named = [(text.find(p.name), p) for p in dv.provinces() if p.name in text]
        province = min(named, key=lambda pair: pair[0])[1] if named else None
    prefecture = dv.prefecture_of(issuer) if issuer else None
    if prefecture is not None and province is not None and prefecture.code[:2] != province.code:
        prefecture = None
    return Place(province, prefecture)


def split_items(text: str) -> list[str]:
    """A list split at 顿号 outside brackets, 各市、州… kept whole, shared prefixes written out
    (省委组织部、宣传部 → 省委组织部, 省委宣传部)."""
    tokens: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）"
        if ch == "、" and depth <= 0:
            tokens.append(current)
            current = ""
        else:
            current += ch
    tokens.append(current)
    merged: list[str] = []
    for token in (t.strip() for t in tokens):
        if (
            merged and _BARE_COLLECTIVE.fullmatch(_fold(merged[-1])) and re.match(rf"^(?:{_KIND})", token)
        ) or (
            merged
            and _BARE_PROVINCES.fullmatch(_fold(merged[-1]))
            and re.match(rf"^(?:{_PROVINCE_KIND}|{_CORPS})", token)
        ):
            merged[-1] += "、" + token
        else:
            merged.append(token)
    items: list[str] = []
    run: list[str] = []
    for token in merged:
        if is_collective(token):
            items += expand_list("、".join(run)) if run else []
            run = []
            items.append(token)
        elif token:
            run.append(token)
    items += expand_list("、".join(run)) if run else []
    return items


def is_collective(item: str) -> bool:
    folded = _fold(item)
    return bool(_COLLECTIVE.match(folded) or _PROVINCE_COLLECTIVE.match(folded))


def is_generic(item: str) -> bool:
    """各有关单位, 自治区各有关单位, 省直有关部门: the letter's list says who they are."""
    return bool(_GENERIC.search(_fold(item))) and not is_collective(item)


class Listed(NamedTuple):
    """Units read from a list of names, and what the clerk should check about it."""

    units: list[ListedUnit]
    findings: list[Finding]


class Addressed(NamedTuple):
    """The units a 主送 line names, what to check, and its generic phrase (各有关单位) if any."""

    units: list[ListedUnit]
    findings: list[Finding]
    generic: str


def expand_collective(item: str, place: Place) -> Listed:
    """The units a collective addressee stands for: 各市州民政局 → 武汉市民政局 … 恩施土家族苗族
    自治州民政局 (alias 恩施州民政局)."""
    provincial = _PROVINCE_COLLECTIVE.match(_fold(item))
    if provincial is not None:
        return Listed(
            _expand_provinces(provincial.group("kind"), provincial.group("office") or "人民政府"), []
        )
    match = _COLLECTIVE.match(_fold(item))
    if match is None:
        return Listed([], [])
    kind, office = match.group("kind"), match.group("office").strip() or "人民政府"
    office = office.replace("(", "（").replace(")", "）")
    group = kind.replace("(", "（").replace(")", "）")
    if place.province is None:
        message = (
            f"函件发往“{item}”，但无法从发文单位或文号判断所在省份：请在 consultation.toml 中逐个补充这些单位"
        )
        return Listed([], [Finding(Severity.WARNING, Code.COLLECTIVE_UNKNOWN_PLACE, message)])
    chosen = _divisions_for(kind, place)
    if not chosen:
        message = f"无法确定“{item}”具体指哪些单位：请在 consultation.toml 中逐个补充"
        return Listed([], [Finding(Severity.WARNING, Code.COLLECTIVE_EMPTY, message)])
    clash = {d.name for d in chosen if sum(1 for e in chosen if e.name == d.name) > 1}
    units = []
    for division in chosen:
        parent = dv.parent(division) if division.name in clash else None
        prefix = parent.name if parent is not None and parent.level == "prefecture" else ""
        name = f"{prefix}{division.name}{office}"
        aliases = tuple(
            f"{prefix}{s}{office}"
            for s in division.shorts
            if s.endswith("州") and division.name.endswith("自治州")
        )
        units.append(ListedUnit(name, group, aliases))
    return Listed(units, [])


def _expand_provinces(kind: str, office: str) -> list[ListedUnit]:
    """各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）: each province's department
    under the name it really has. The bracket names the exception, the form of the
    municipalities (and of the 兵团 and the 计划单列市, organised like them): 厅（局） is 局 there,
    教育厅（教委） is 教委."""
    office = office.replace("(", "（").replace(")", "）")
    alternative = re.match(r"^(?P<stem>.*?)(?P<first>[厅局委])（(?P<second>[^（）]{1,5})）$", office)
    stem = alternative.group("stem") if alternative else office
    if alternative or re.search(r"[厅局]$", office):
        group = f"省级{stem if alternative else office[:-1]}部门"
    else:
        group = f"省级{office}"

    def office_of(municipal: bool) -> str:
        if alternative is None:
            return office
        if not municipal:
            return stem + alternative.group("first")
        second = alternative.group("second")
        return stem + second if len(second) == 1 else second

    kinds = set(re.findall(_PROVINCE_KIND, kind))
    units = []
    for province in dv.provinces():
        municipality = dv.is_municipality(province)
        if (
            ("直辖市" in kinds and municipality)
            or ("自治区" in kinds and province.name.endswith("自治区"))
            or ("省" in kinds and province.name.endswith("省"))
        ):
            units.append(ListedUnit(f"{province.name}{office_of(municipality)}", group))
    if "计划单列市" in kinds:
        units += [ListedUnit(f"{city}{office_of(True)}", group) for city in _PLAN_CITIES]
    if _CORPS in kind:
        units.append(ListedUnit(f"{_CORPS}{office_of(True)}", group))
    return units


def _divisions_for(kind: str, place: Place) -> tuple[dv.Division, ...]:
    """The divisions a collective's kinds stand for: 市、州 → prefecture cities and autonomous
    prefectures; 县（市、区） → every county-level division; in a city's or a municipality's
    letter every kind is county-level."""
    province, city = place.province, place.prefecture
    assert province is not None
    tokens = re.findall(_KIND, kind)
    county_level = city is not None or dv.is_municipality(province)
    chosen: list[dv.Division] = []
    county_ends: set[str] = set()
    seen_county = False
    for token in tokens:
        if token in ("县", "区", "旗", "自治县", "县级市", "县级") or (
            token == "市" and (seen_county or county_level)
        ):
            seen_county = True
            county_ends |= {"县级": {"县", "区", "旗", "市"}, "自治县": {"县"}, "县级市": {"市"}}.get(
                token, {token}
            )
            continue
        if county_level:
            continue
        prefectures = dv.prefectures(province)
        direct = dv.directly_administered(province)
        if token == "市" or token in _PREFECTURE_CITY:
            chosen += [d for d in prefectures if d.name.endswith("市")]
        elif token in ("州", "地", "盟"):
            chosen += [
                d for d in prefectures if d.name.endswith({"州": "州", "地": "地区", "盟": "盟"}[token])
            ]
        elif token == "直管市":
            chosen += [d for d in direct if d.name.endswith("市")]
        elif token in ("林区", "神农架林区"):
            chosen += [d for d in direct if d.name.endswith("林区")]
    if county_ends and chosen:
        chosen += [d for d in dv.directly_administered(province) if d.name.endswith("市")]
    if county_ends:
        within = dv.counties(city) if city is not None else dv.counties(province)
        if chosen and "市" not in county_ends and not any(t in _PREFECTURE_CITY for t in tokens):
            within = tuple(
                d for d in within if d in dv.directly_administered(province) or d.name[-1] in county_ends
            )
        chosen += [
            d
            for d in within
            if d.name[-1] in county_ends or (d.name.endswith("林区") and "区" in county_ends)
        ]
    return tuple(dict.fromkeys(chosen))


def units_from_items(items: list[str], group: str, place: Place) -> Listed:
    """Named units and collectives of one list, in order; generic phrases are left out."""
    units: list[ListedUnit] = []
    findings: list[Finding] = []
    for item in items:
        item = _clean_item(item)
        if (
            not item
            or item.endswith("名单")
            or (len(item) > 30 and not is_collective(item))
            or re.search(r"请|如有|以上单位|[？！?!]", item)
        ):
            continue
        if is_collective(item):
            expanded, notes = expand_collective(item, place)
            units += [ListedUnit(u.name, group, u.aliases) for u in expanded] if group else expanded
            findings += notes
        elif is_generic(item):
            continue
        else:
            units.append(ListedUnit(item, group or default_group(item, place)))
    return Listed(units, findings)


def addressee_units(line: str, place: Place) -> Addressed:
    """The units a 主送 line names, with collectives written out, and its generic phrase.

    Commas separate the categories a 主送 lists (文昌街道办事处、…、那溪瑶族乡人民政府，县发展和
    改革局、…): each 顿号 list of named units is one group, named by what most of its units are;
    a unit standing alone between commas joins the list nearest to it of the same kind, else
    the nearest list. Generic phrases (省政府有关部门、直属机构) name no unit; the line's one
    generic phrase is returned so that the annex that lists those units can be named by it."""
    units: list[ListedUnit] = []
    findings: list[Finding] = []
    runs: list[list[str]] = []  # the named units of each piece between commas
    generic: list[str] = []
    for piece in re.split(r"[，,；;]", line):
        items = [_clean_item(i) for i in split_items(piece)]
        named = [i for i in items if i and not is_collective(i) and not is_generic(i)]
        phrases = [i for i in items if i and is_generic(i)]
        if phrases:
            phrase = _fold(piece) if len(phrases) == len([i for i in items if i]) else "、".join(phrases)
            generic.append(re.sub(r"^各", "", phrase).replace("(", "（").replace(")", "）"))
        found, notes = units_from_items(items, "", place)
        findings += notes
        kept = [u.name for u in found if u.name in named]
        if kept:
            runs.append(kept)
        units += found
    regrouped = {name: group for names, group in zip(runs, _run_groups(runs, place)) for name in names}
    units = [ListedUnit(u.name, regrouped.get(u.name, u.group), u.aliases) for u in units]
    # 各有关单位 says nothing the units' own groups (省直单位…) would not say better.
    telling = [g for g in generic if not re.fullmatch(r"(有关|相关)?(单位|部门|机构|方面)", g)]
    return Addressed(units, findings, telling[0] if len(generic) == 1 and telling else "")


def _run_groups(runs: list[list[str]], place: Place) -> list[str]:
    """A group for each comma-separated run of a 主送 line (see `addressee_units`)."""
    own = [_kind_of_run(names, place) for names in runs]
    lists = [k for k, names in enumerate(runs) if len(names) > 1]
    if not lists:
        return own
    groups = []
    for k, names in enumerate(runs):
        if len(names) > 1:
            groups.append(own[k])
            continue
        alike = [j for j in lists if own[j] == own[k]]
        nearest = min(alike or lists, key=lambda j: (abs(j - k), j))
        groups.append(own[nearest])
    return groups


def _kind_of_run(names: list[str], place: Place) -> str:
    """What most units of a list are (乡镇（街道）, 县直单位, 省直单位…); 有关单位 only if nothing else."""
    counts: dict[str, int] = {}
    for name in names:
        kind = default_group(name, place)
        counts[kind] = counts.get(kind, 0) + 1
    return max(counts, key=lambda kind: (counts[kind], kind != "有关单位"))


def parse_unit_list(
    lines: list[str], place: Place, group: str = ""
) -> tuple[list[ListedUnit], list[Finding]]:
    """The units of a 名单 annex or roster file (one per line, 顿号 lists, numbered, under group
    headings, or table rows joined by tabs); ``group`` names the units listed before any
    heading (the 主送 phrase the list stands for)."""
    units: list[ListedUnit] = []
    findings: list[Finding] = []
    columns: tuple[int | None, int | None] | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        cells = _table_cells(raw, columns)
        if cells is not None:
            header = _table_header(cells)
            if header is not None:
                columns = header
                continue
            names, row_group = _row_units(cells, columns)
            if row_group:
                group = _heading_text(row_group)
            if len(names) == 1 and _is_heading(names[0]) and not row_group:
                group = _heading_text(names[0])
                continue
            found, notes = units_from_items(names, group, place)
            units += found
            findings += notes
            continue
        text = _NUMBERING.sub("", re.sub(r"^\d{1,3}(?:\s|\u3000)+(?=\S)", "", line))
        if re.match(r"^(注|备注|说明)\s*\d*\s*[:：.．]", text):
            continue
        if re.search(r"名单\s*(?:[(（][^()（）]*[)）])?$", text) and len(text) < 40:
            continue
        head, sep, rest = fold_colon(text).partition(":")
        if sep and _is_heading(head):
            group = _heading_text(head)
            text = rest
            if not text.strip():
                continue
        elif _is_heading(text):
            group = _heading_text(text)
            continue
        parts = [
            p
            for chunk in re.split(r"\s{2,}|\u3000+", text)
            for piece in re.split(r"[，,；;。]", chunk)
            for p in split_items(piece)
        ]
        found, notes = units_from_items(parts, group, place)
        units += found
        findings += notes
    return units, findings


def _table_cells(raw: str, columns: tuple[int | None, int | None] | None) -> list[str] | None:
    """A table row as its cells: joined by tabs (a Word or Excel table), or pasted as text with
    spaces between the cells (序号　单位名称 / 1　省发展改革委) — a header of column titles, a row
    that opens with its number, or any row under such a header."""
    if "\t" in raw:
        return [c.strip() for c in raw.split("\t")]
    cells = [c for c in re.split(r"\s+", raw.strip()) if c]
    if len(cells) < 2:
        return None
    titles = {*_TABLE_NAME, *_TABLE_GROUP, *_TABLE_SKIP}
    if all(_fold(c) in titles for c in cells) and _table_header(cells) is not None:
        return cells
    if columns is not None and re.fullmatch(r"\d{1,3}[.．、]?", cells[0]):
        return cells
    return None


def _table_header(cells: list[str]) -> tuple[int | None, int | None] | None:
    folded = [_fold(c) for c in cells]
    if not any(c in _TABLE_NAME for c in folded):
        return None
    name = next(i for i, c in enumerate(folded) if c in _TABLE_NAME)
    group = next((i for i, c in enumerate(folded) if c in _TABLE_GROUP), None)
    return name, group


def _row_units(cells: list[str], columns: tuple[int | None, int | None] | None) -> tuple[list[str], str]:
    if columns is not None:
        name_at, group_at = columns
        name = cells[name_at] if name_at is not None and name_at < len(cells) else ""
        group = cells[group_at] if group_at is not None and group_at < len(cells) else ""
        return ([name] if name else []), group
    names = [c for c in cells if c and not re.fullmatch(r"[\d.．、\s]+", c) and _fold(c) not in _TABLE_SKIP]
    return names, ""


def _is_heading(text: str) -> bool:
    """一、省直单位 / 市直单位（19个） / 有关企业: a group's name, not a unit's."""
    counted = bool(_COUNT.search(text.strip())) and not text.strip().endswith((":", "："))
    text = _heading_text(text)
    if counted and text and not re.search(r"[、，,；;。]", text) and not is_collective(text):
        return True
    if not text or len(text) > 16 or re.search(r"[、，,；;。]", text) or is_collective(text):
        return False
    return bool(_HEADING.search(_fold(text))) or text.startswith("有关")


def _heading_text(text: str) -> str:
    return _COUNT.sub("", _NUMBERING.sub("", text.strip())).strip()


def _clean_item(item: str) -> str:
    item = re.sub(r"^\s*(?:和|及|以及)", "", item.strip())
    item = _COUNT.sub("", _NUMBERING.sub("", item))
    item = re.sub(r"[。．.；;：:]+$|等$", "", item).strip()
    return item


def default_group(name: str, place: Place) -> str:
    """The group a named unit belongs to when the letter gives none: 区直单位 / 省直单位 for
    the province's own bodies, 市直单位 in a city's or a municipality's letter."""
    if re.search(r"(镇|乡|街道|街道办事处|镇人民政府|乡人民政府|苏木)$", name):
        return "乡镇（街道）"
    if name.startswith("县"):
        return "县直单位"
    province = place.province
    own_prefixes = ["省", "自治区", "共青团", "中共"]
    if province is not None:
        own_prefixes += [province.name, *province.shorts]
    city = place.prefecture
    if city is not None and name.startswith(("市", city.name, *city.shorts)):
        return "市直单位"
    if province is not None and dv.is_municipality(province) and name.startswith("市"):
        return "市直单位"
    if name.startswith(tuple(own_prefixes)):
        if province is not None and province.name.endswith("自治区"):
            return "区直单位"
        return "市直单位" if province is not None and dv.is_municipality(province) else "省直单位"
    return "有关单位"


def dedupe(units: list[ListedUnit]) -> list[ListedUnit]:
    """Each unit once, however often and under whichever of its names it is listed."""
    seen: set[str] = set()
    kept: list[ListedUnit] = []
    for unit in units:
        keys = {_key(unit.name), *(_key(a) for a in unit.aliases)}
        if keys & seen:
            continue
        seen |= keys
        kept.append(unit)
    return kept


def _key(name: str) -> str:
    return _fold(name).replace("人民政府", "政府")


def fold_colon(text: str) -> str:
    return text.replace("：", ":")


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
