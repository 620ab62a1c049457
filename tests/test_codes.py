"""The finding catalogue is complete, documented, and the only source of codes.

Finding codes are what programs reading ``--json`` branch on, so every code the package can
emit must be in ``consolidate.codes.CATALOGUE`` and in the README's table; a code typed as a
string literal somewhere would escape both.
"""

from __future__ import annotations

import ast
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


def _finding_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "Finding":
                calls.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node))
    return calls


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _branches(node: ast.expr | None) -> list[ast.expr]:
    """A value and, through ``a if … else b``, every value it may take."""
    if isinstance(node, ast.IfExp):
        return [*_branches(node.body), *_branches(node.orelse)]
    return [] if node is None else [node]


def test_findings_are_made_from_the_catalogue_only() -> None:
    """No ``Finding(…, "some-code", …)``: a code is ``Code.MEMBER`` (or a value already typed
    as a Code), so a new code is added to the catalogue — and the README — first."""
    calls = _finding_calls()
    assert len(calls) > 40  # the scan sees the package
    wrong = []
    for where, call in calls:
        severity, code = _argument(call, 0, "severity"), _argument(call, 1, "code")
        for value in (*_branches(severity), *_branches(code)):
            if isinstance(value, ast.Constant | ast.JoinedStr | ast.BinOp):
                wrong.append(f"{where}: {ast.unparse(value)} written as a string")
        if (
            isinstance(code, ast.Attribute)
            and isinstance(code.value, ast.Name)
            and code.value.id == "Code"
            and code.attr not in Code.__members__
        ):
            wrong.append(f"{where}: Code.{code.attr} is not in the catalogue")
    assert not wrong, "\n".join(wrong)
