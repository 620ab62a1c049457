"""Reading ``consultation.toml``: the letter's facts and its list of addressees."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from consolidate.errors import ConsolidateError
from consolidate.model import Consultation, Contact, Unit
from consolidate.text.settings_file import read_settings_text

BEIJING = dt.timezone(dt.timedelta(hours=8))
FILENAME = "consultation.toml"

_TOP_KEYS = {"title", "reference", "issuer", "deadline", "draft", "contact", "unit", "previous"}
_UNIT_KEYS = {"name", "group", "aliases"}
_CONTACT_KEYS = {"name", "phone", "email"}


class ConsultationError(ConsolidateError):
    """The consultation file cannot be used; the message names the file, line and key."""


def find_consultation(start: Path) -> Path | None:
    """The nearest ``consultation.toml`` in ``start`` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def load_consultation(path: Path) -> Consultation:
    """Read and check a consultation file; the draft it names is parsed into clauses."""
    from consolidate.consultation.draft import DraftError, load_draft

    try:
        decoded = read_settings_text(path)
    except OSError as exc:
        raise ConsultationError(f"{path}: 无法读取配置文件（{exc}）") from exc
    except UnicodeDecodeError as exc:
        raise ConsultationError(
            f"{path}: 无法识别文件编码（不是 UTF-8，也不是 GBK）：请用记事本打开后“另存为”UTF-8 编码（{exc}）"
        ) from exc
    text = decoded.text
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConsultationError(
            f"{path}: 不是有效的 TOML 格式（常见原因：引号或括号不成对、同一键写了两次）/ not valid TOML: {exc}"
        ) from exc

    where = _Locator(path, text)
    for key in data:
        if key not in _TOP_KEYS:
            raise ConsultationError(where.say(key, f"不认识的键“{key}”，请检查拼写 / unknown key '{key}'"))
    title = _required_str(data, "title", where)
    deadline = _deadline(data.get("deadline"), where)
    units = _units(data.get("unit"), where)
    contacts = _contacts(data.get("contact", []), where)

    draft = None
    draft_path = None
    if "draft" in data:
        draft_name = data["draft"]
        if not isinstance(draft_name, str) or not draft_name.strip():
            raise ConsultationError(
                where.say("draft", "draft 应为征求意见稿的文件名 / 'draft' must be a file name")
            )
        draft_path = (path.parent / draft_name).resolve()
        try:
            draft = load_draft(draft_path)
        except DraftError as exc:
            raise ConsultationError(where.say("draft", str(exc))) from exc

    previous_path = None
    if "previous" in data:
        previous_name = data["previous"]
        if not isinstance(previous_name, str) or not previous_name.strip():
            raise ConsultationError(where.say("previous", "'previous' 应为上一轮处理台账的文件名（.xlsx）"))
        previous_path = (path.parent / previous_name).resolve()
        if not previous_path.is_file():
            raise ConsultationError(where.say("previous", f"找不到上一轮处理台账 {previous_path}"))

    return Consultation(
        title=title,
        reference=_optional_str(data, "reference", where),
        issuer=_optional_str(data, "issuer", where),
        deadline=deadline,
        units=units,
        contacts=contacts,
        draft=draft,
        path=path.resolve(),
        draft_path=draft_path,
        notes=(decoded.note,) if decoded.note else (),
        previous=previous_path,
    )


class _Locator:
    """Finds the line a key sits on, since tomllib reports lines only for syntax errors."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, key: str, table: str | None = None, index: int = 0) -> int | None:
        start, end = 0, len(self.lines)
        if table is not None:
            headers = [n for n, line in enumerate(self.lines) if line.strip() == f"[[{table}]]"]
            if index < len(headers):
                start = headers[index]
                later = [n for n, line in enumerate(self.lines) if n > start and line.strip().startswith("[")]
                end = later[0] if later else len(self.lines)
                found = self._find(key, start, end)
                return found if found is not None else start + 1
        return self._find(key, start, end)

    def _find(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for n in range(start, end):
            if pattern.match(self.lines[n]):
                return n + 1
        return None

    def say(self, key: str, message: str, table: str | None = None, index: int = 0) -> str:
        line = self.line_of(key, table, index)
        place = f"{self.path}:{line}" if line else str(self.path)
        name = f"{table}[{index + 1}].{key}" if table else key
        return f"{place}: {name}: {message}"


def _required_str(data: dict[str, Any], key: str, where: _Locator) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConsultationError(
            where.say(key, f"必须填写 {key}（文字，加引号）/ '{key}' is required and must be text")
        )
    return value.strip()


def _optional_str(data: dict[str, Any], key: str, where: _Locator) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ConsultationError(where.say(key, f"{key} 应为文字（加引号）/ '{key}' must be text"))
    return value.strip()


def _deadline(value: Any, where: _Locator) -> dt.datetime:
    """The deadline; a bare date means the end of that day, a naive time Beijing time."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=BEIJING)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(23, 59, 59), tzinfo=BEIJING)
    raise ConsultationError(
        where.say(
            "deadline",
            "必须填写截止时间 deadline，写法如 2023-03-31T18:00:00+08:00（不加引号）/ "
            "'deadline' is required and must be a TOML date-time such as 2023-03-31T18:00:00+08:00 (no quotes)",
        )
    )


def _units(value: Any, where: _Locator) -> tuple[Unit, ...]:
    if not isinstance(value, list) or not value:
        raise ConsultationError(
            where.say(
                "unit",
                "至少要有一个带 name 的 [[unit]]（征求意见单位）/ at least one [[unit]] with a name is required",
            )
        )
    units: list[Unit] = []
    seen: set[str] = set()
    for index, entry in enumerate(value):
        _refuse_unknown_keys(entry, _UNIT_KEYS, where, "unit", index)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConsultationError(
                where.say("name", "每个单位都要有 name（单位名称）/ every unit needs a name", "unit", index)
            )
        name = name.strip()
        if name in seen:
            raise ConsultationError(
                where.say("name", f"单位“{name}”列了两次 / unit '{name}' is listed twice", "unit", index)
            )
        seen.add(name)
        group = entry.get("group", "")
        if not isinstance(group, str):
            raise ConsultationError(
                where.say("group", "group 应为文字（加引号）/ must be text", "unit", index)
            )
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConsultationError(
                where.say(
                    "aliases", 'aliases 应为名称列表，如 ["教育厅"] / must be a list of names', "unit", index
                )
            )
        units.append(Unit(name=name, group=group.strip(), aliases=tuple(a.strip() for a in aliases)))
    _check_names(units, where)
    return tuple(units)


def _check_names(units: list[Unit], where: _Locator) -> None:
    """No name or alias may stand for two units: the return would go to either, silently."""
    from consolidate.consultation.roster import Ambiguity, Roster, UnitMatch, clean_name, name_form

    plain = Roster(tuple(Unit(u.name, u.group) for u in units))
    alias_of: dict[str, str] = {}
    earlier: dict[str, str] = {}  # cleaned name → name, of the units before this one
    for index, unit in enumerate(units):
        # Places may share a stem (朝阳区, 朝阳县) in different cities; bodies of one level may not.
        spelled = [u.name for u in plain.namesakes(unit.name)] if not name_form(unit.name).chain else []
        cleaned = clean_name(unit.name)
        others = [name for name in spelled if clean_name(name) in earlier] or (
            [earlier[cleaned]] if cleaned in earlier else []
        )
        earlier.setdefault(cleaned, unit.name)
        if others:
            raise ConsultationError(where.say(
                "name", f"“{unit.name}”与“{others[0]}”是同一单位的两种写法，名单中列了两次：请删去其中一个",
                "unit", index,
            ))  # fmt: skip
        for alias in unit.aliases:
            found = plain.lookup(alias, fuzzy=False)
            if (
                isinstance(found, UnitMatch)
                and found.unit.name != unit.name
                and found.how in ("exact", "core", "short")
            ):
                others = [found.unit.name]
            elif isinstance(found, Ambiguity) and all(u.name != unit.name for u in found.candidates):
                others = [u.name for u in found.candidates]
            elif alias_of.get(clean_name(alias), unit.name) != unit.name:
                others = [alias_of[clean_name(alias)]]
            if others:
                raise ConsultationError(where.say(
                    "aliases",
                    f"“{unit.name}”的别名“{alias}”也指“{'”“'.join(others)}”：同一名称不能指两个单位，"
                    "请删去或改写这个别名",
                    "unit", index,
                ))  # fmt: skip
            alias_of[clean_name(alias)] = unit.name


def _contacts(value: Any, where: _Locator) -> tuple[Contact, ...]:
    if not isinstance(value, list):
        raise ConsultationError(where.say("contact", "联系人请写成 [[contact]] 表 / use [[contact]] tables"))
    contacts = []
    for index, entry in enumerate(value):
        _refuse_unknown_keys(entry, _CONTACT_KEYS, where, "contact", index)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConsultationError(
                where.say(
                    "name", "每个联系人都要有 name（姓名）/ every contact needs a name", "contact", index
                )
            )
        fields = {k: entry.get(k, "") for k in ("phone", "email")}
        for key, field_value in fields.items():
            if not isinstance(field_value, str):
                raise ConsultationError(
                    where.say(
                        key,
                        "应为文字，电话号码要加引号 / must be text (quote phone numbers)",
                        "contact",
                        index,
                    )
                )
        contacts.append(Contact(name=name.strip(), **fields))
    return tuple(contacts)


def _refuse_unknown_keys(
    entry: dict[str, Any], known: Iterable[str], where: _Locator, table: str, index: int
) -> None:
    """A misspelt key in a [[unit]] or [[contact]] table is named with its line, never ignored."""
    for key in entry:
        if key not in known:
            raise ConsultationError(where.say(key, f"不认识的键“{key}”/ unknown key '{key}'", table, index))
