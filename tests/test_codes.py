"""The finding catalogue is complete, documented, and the only source of codes.

Finding codes are what programs reading ``--json`` branch on, so every code the package can
emit must be in ``consolidate.codes.CATALOGUE`` and in the README's table; a code typed as a
string literal somewhere would escape both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import consolidate
from consolidate.codes import CATALOGUE, Code, Severity, markdown_table
from consolidate.model import FLAG_WORDS, FileKind, Finding, Flag

PACKAGE = Path(consolidate.__file__).parent
README = PACKAGE.parent / "README.md"


def test_every_code_is_catalogued_with_a_meaning() -> None:
    assert list(CATALOGUE) == list(Code)  # the README lists them in the enum's order
    for code, meaning in CATALOGUE.items():
        assert meaning.chinese and meaning.english, code
        assert meaning.severity not in meaning.also, code


def test_readme_table_is_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- codes:begin -->\n(.*?)<!-- codes:end -->", text, re.S)
    assert found, "README.md has no <!-- codes:begin --> … <!-- codes:end --> block"
    assert found.group(1) == markdown_table(), (
        "README.md's table of finding codes differs from consolidate/codes.py: "
        "paste the output of `python -m consolidate.codes` between the markers"
    )


def test_finding_refuses_an_unknown_code_or_severity() -> None:
    with pytest.raises(ValueError):
        Finding(Severity.WARNING, "no-such-code", "…")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Finding(Severity.INFO, Code.ZIP_BOMB, "…")
    finding = Finding("warning", "late", "…")  # type: ignore[arg-type]
    assert finding.code is Code.LATE and finding.severity is Severity.WARNING
    assert Finding(Severity.WARNING, Code.UNIT_UNKNOWN, "…").severity == "warning"  # its second severity


def test_codes_named_after_file_kinds_exist() -> None:
    """Unreadable and unsupported files are reported as ``<kind>-file``."""
    for kind in ("encrypted", "empty", "damaged", "unknown", "7z", "rar", "msg"):
        assert Code.for_file_kind(FileKind(kind)) == f"{kind}-file"


def test_every_flag_has_words() -> None:
    assert set(FLAG_WORDS) == set(Flag)
    assert all(words.ledger for words in FLAG_WORDS.values())
