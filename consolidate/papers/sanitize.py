"""A run's result made safe for the XML writers (Word, Excel) before any output is made.

Every text read from a return passes through here once, so no writer needs to remember
it; the files whose text lost characters are named in a finding.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from consolidate.model import Consolidation
from consolidate.text.xmlsafe import clean


@dataclass(frozen=True)
class Cleaned:
    """A result safe for the XML writers, and the returns whose text lost characters."""

    result: Consolidation
    dirty_files: frozenset[str]


def clean_for_xml(result: Consolidation) -> Cleaned:
    """``result`` without XML-illegal characters in what was read from the returns (the
    consultation's own files are not returns), and the files that had them."""
    dirty: set[str] = set()
    seen: dict[tuple[int, str], Any] = {}
    changes = {}
    for field in dataclasses.fields(result):
        if field.name == "consultation" or not field.init:
            continue
        value = getattr(result, field.name)
        cleaned = _clean(value, dirty, "", seen)
        if cleaned is not value:
            changes[field.name] = cleaned
    return Cleaned(dataclasses.replace(result, **changes) if changes else result, frozenset(dirty))


def _clean(value: Any, dirty: set[str], file: str, seen: dict[tuple[int, str], Any]) -> Any:
    """``value`` cleaned, sharing the work for a record met twice (an opinion sits in the
    result's opinions and again in its clause group's rows) within one file's context."""
    if isinstance(value, str):
        cleaned = clean(value)
        if cleaned is not value:
            dirty.add(file)
        return cleaned
    if isinstance(value, (tuple, list)):
        items = [_clean(v, dirty, file, seen) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_clean(k, dirty, file, seen), _clean(v, dirty, file, seen)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        key = (id(value), file)
        if key not in seen:
            seen[key] = _clean_record(value, dirty, file, seen)
        return seen[key]
    return value


def _clean_record(value: Any, dirty: set[str], file: str, seen: dict[tuple[int, str], Any]) -> Any:
    """A record's fields cleaned in the context of its own file, if it names one."""
    own = getattr(value, "file", None)
    here = own if isinstance(own, str) and own else file
    changes = {}
    for field in dataclasses.fields(value):
        if not field.init:
            continue
        current = getattr(value, field.name)
        cleaned = _clean(current, dirty, here, seen)
        if cleaned is not current:
            changes[field.name] = cleaned
    return dataclasses.replace(value, **changes) if changes else value
