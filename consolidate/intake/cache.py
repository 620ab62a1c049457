"""Per-file results kept between runs, keyed by the bytes that were read.

Clerks run the tool again after every new return; a file whose bytes have not changed
is not read (or converted by LibreOffice) again. The cache holds what was read from the
file — never the unit, the clause or anything that depends on the consultation — in
``$CONSOLIDATE_CACHE``, else the platform's user cache folder (``~/.cache/consolidate``
on Linux, ``%LOCALAPPDATA%\\consolidate\\Cache`` on Windows, ``~/Library/Caches/consolidate``
on macOS); never in the returns folder. ``CONSOLIDATE_CACHE=off`` (or ``--no-cache``)
turns it off.

A cache must neither lie nor be a way in: entries are JSON (data, never code), carry the
format, their key and a checksum, and are dropped and rebuilt when any of them does not
match; the folder is used only when it belongs to the user and nobody else can write to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from consolidate import __version__

# Bump when readers or the form interpreter change what they produce.
FORMAT = f"{__version__}-json-2"


def cache_dir() -> Path | None:
    configured = os.environ.get("CONSOLIDATE_CACHE")
    if configured is not None:
        return None if configured.lower() in ("", "off", "0", "no") else Path(configured)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "consolidate"
    return Path(user_cache_dir("consolidate", appauthor=False))


def content_key(data: bytes, kind: str) -> str:
    return hashlib.sha256(FORMAT.encode() + kind.encode() + b"\0" + data).hexdigest()


def unsafe_reason(folder: Path) -> str:
    """Why ``folder`` must not hold the cache ("" when it may): another user could put
    results there that this user's runs would then trust."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"无法使用缓存文件夹（{exc.strerror or exc}）"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return "缓存位置不是普通文件夹（可能是符号链接）"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "缓存文件夹属于其他用户"
    if os.name == "posix" and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "缓存文件夹允许其他用户写入"
    return ""


class ResultCache:
    """A directory of verified JSON entries; any failure just means a miss.

    ``problem`` says why a configured folder was not used (for a finding).
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder: Path | None = None
        self.problem = ""
        if folder is None:
            return
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            self.problem = f"{folder}: 无法创建缓存文件夹（{exc.strerror or exc}），本次不使用缓存"
            return
        why = unsafe_reason(folder)
        if why:
            self.problem = f"{folder}: {why}，为安全起见本次不使用缓存（可删除该文件夹，或用 --no-cache）"
            return
        self.folder = folder
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        """Temporary entries a killed run left half-written."""
        from consolidate.documents.writing import remove_orphans

        assert self.folder is not None
        try:
            subfolders = [d for d in self.folder.iterdir() if d.is_dir() and len(d.name) == 2]
        except OSError:
            return
        for subfolder in subfolders:
            remove_orphans(subfolder)

    def _entry(self, key: str) -> Path | None:
        if self.folder is None or not all(c in "0123456789abcdef" for c in key) or len(key) < 8:
            return None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            with entry.open("rb") as handle:
                record = json.loads(handle.read())
            if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != key:
                raise ValueError("stale entry")
            if record.get("sha256") != _checksum(record.get("value")):
                raise ValueError("damaged entry")
            return decode(record["value"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            if not isinstance(exc, PermissionError):
                entry.unlink(missing_ok=True)  # rebuilt on this run
            return None

    def has(self, key: str) -> bool:
        """A usable entry: present and intact (a damaged one is not worth skipping work for)."""
        return self.get(key) is not None

    def put(self, key: str, value: Any) -> None:
        entry = self._entry(key)
        if entry is None:
            return
        try:
            encoded = encode(value)
            data = json.dumps(
                {"format": FORMAT, "key": key, "sha256": _checksum(encoded), "value": encoded},
                ensure_ascii=False,
            ).encode("utf-8")
            entry.parent.mkdir(mode=0o700, exist_ok=True)
            fd, temp = tempfile.mkstemp(
                dir=entry.parent, prefix=f".{entry.name}.{os.getpid()}.", suffix=".tmp"
            )
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temp, entry)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            return


def _checksum(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- what is cached


# A refusal, or one of the tool's own papers found among the returns: a message either way.
_MESSAGES = ("refused", "own")


def encode(value: tuple[str, Any]) -> dict[str, Any]:
    """``("read", FormContent)``, ``("refused", why)`` or ``("own", why)`` as JSON data."""
    outcome, payload = value
    if outcome == "read":
        return {"outcome": outcome, "content": _to_json(payload)}
    if outcome not in _MESSAGES or not isinstance(payload, str):
        raise TypeError("a refusal is a message")
    return {"outcome": outcome, "why": payload}


def decode(record: dict[str, Any]) -> tuple[str, Any]:
    from consolidate.intake.form import FormContent

    if record["outcome"] == "read":
        return "read", _from_json(FormContent, record["content"])
    if record["outcome"] in _MESSAGES and isinstance(record["why"], str):
        return record["outcome"], record["why"]
    raise ValueError("unknown outcome")


def _to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_to_json(v) for v in value]
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache {type(value).__name__}")


def _from_json(cls: type, data: Any) -> Any:
    """Rebuild a frozen dataclass; a field added or removed since the entry was written
    makes it a miss rather than a wrong result."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    hints = _field_types(cls)
    if data.keys() != hints.keys():
        raise ValueError("fields changed")
    return cls(**{name: _thaw(hint, data[name]) for name, hint in hints.items()})


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    """Each field's type, resolved once per class: resolving the annotations (strings, under
    ``from __future__ import annotations``) took two thirds of reading an entry."""
    import typing

    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _thaw(hint: Any, value: Any) -> Any:
    import typing

    if isinstance(value, dict) and set(value) == {"date"}:
        return dt.date.fromisoformat(value["date"])
    if isinstance(value, list):
        args = typing.get_args(hint)
        inner = args[0] if args else Any
        if dataclasses.is_dataclass(inner):
            return tuple(_from_json(typing.cast(type, inner), v) for v in value)
        return tuple(_thaw(inner, v) for v in value)
    if isinstance(value, dict):
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return _from_json(hint, value)
        raise ValueError("unexpected object")
    return value
