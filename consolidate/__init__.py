"""consolidate: turn a folder of returned opinion forms (修改意见表) into one digest.

The package is a pipeline of stages, each a folder that imports only the ones before it::

    text → documents → consultation → intake → analysis → papers

This module is its face: the names in ``__all__`` are the library that the ``consolidate``
command (`consolidate.cli`) and other programs use, so the stages can be rearranged
without breaking them. A whole run, as a program would do it::

    import consolidate

    consultation = consolidate.load_consultation(Path("consultation.toml"))
    result = consolidate.consolidate(consultation, Path("returns"))
    consolidate.write_digest(result, Path("digest.docx"))

Every error about the user's files or options is a `ConsolidateError` whose message is
for the clerk.

Importing the package stays instant (``consolidate --help`` must not wait for lxml,
python-docx, openpyxl or rich): each name is looked up in its module on first use
(PEP 562 ``__getattr__``). Nothing is cached here, so a test that replaces
``consolidate.pipeline.consolidate`` is seen through ``consolidate.consolidate`` too. Type
checkers read ``__init__.pyi``, which imports the same names statically.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: each public name → the module that defines it; the one list of the library's API
_HOME: dict[str, str] = {
    # the error root
    "ConsolidateError": "consolidate.errors",
    # the records passed between stages
    "Clause": "consolidate.model",
    "Consolidation": "consolidate.model",
    "Consultation": "consolidate.model",
    "Draft": "consolidate.model",
    "Finding": "consolidate.model",
    "Code": "consolidate.codes",
    "Severity": "consolidate.codes",
    "Status": "consolidate.model",
    "LedgerRow": "consolidate.model",
    "Opinion": "consolidate.model",
    "Unit": "consolidate.model",
    "UnitReport": "consolidate.model",
    # setting up: the consultation file, the draft, the letter
    "ConsultationError": "consolidate.consultation.settings",
    "find_consultation": "consolidate.consultation.settings",
    "load_consultation": "consolidate.consultation.settings",
    "DraftError": "consolidate.consultation.draft",
    "load_draft": "consolidate.consultation.draft",
    "Letter": "consolidate.consultation.letter",
    "LetterError": "consolidate.consultation.letter",
    "consultation_toml": "consolidate.consultation.letter",
    "parse_letter": "consolidate.consultation.letter",
    "read_letter_lines": "consolidate.consultation.letter",
    "todo_findings": "consolidate.consultation.letter",
    # reading files
    "UnreadableFile": "consolidate.documents.document",
    # the run
    "ReturnsFolderError": "consolidate.pipeline",
    "consolidate": "consolidate.pipeline",
    "stop_signals_as_interrupts": "consolidate.runs",
    # comparing drafts
    "Revision": "consolidate.analysis.revision",
    "compare_revision": "consolidate.analysis.revision",
    "decided_from_ledger": "consolidate.analysis.revision",
    # writing outputs safely
    "OutputError": "consolidate.documents.writing",
    "write_atomically": "consolidate.documents.writing",
    "Input": "consolidate.papers.outputs",
    "Output": "consolidate.papers.outputs",
    "check_digest_outputs": "consolidate.papers.outputs",
    "check_outputs": "consolidate.papers.outputs",
    "check_target": "consolidate.papers.outputs",
    # the papers
    "print_summary": "consolidate.papers.terminal",
    "summary_text": "consolidate.papers.plain_text",
    "table_text": "consolidate.papers.plain_text",
    "to_json": "consolidate.papers.json_out",
    "write_json": "consolidate.papers.json_out",
    "write_digest": "consolidate.papers.digest_docx",
    "LedgerError": "consolidate.papers.ledger",
    "check_ledger_path": "consolidate.papers.ledger",
    "read_ledger": "consolidate.papers.ledger",
    "read_summary": "consolidate.papers.ledger",
    "read_ledger_contents": "consolidate.papers.ledger",
    "update_ledger": "consolidate.papers.ledger",
    "check_decisions": "consolidate.papers.report",
    "write_report": "consolidate.papers.report_docx",
    "write_unit_letters": "consolidate.papers.report_docx",
    "ChaseItem": "consolidate.papers.chase",
    "chase_list": "consolidate.papers.chase",
    "status_word": "consolidate.papers.chase",
    "notice_text": "consolidate.papers.chase",
    "notices_text": "consolidate.papers.chase",
    "write_notices": "consolidate.papers.chase_docx",
    "write_forms": "consolidate.papers.forms",
    "write_draft_docx": "consolidate.papers.draft_docx",
    "Unchanged": "consolidate.papers.compare_docx",
    "write_comparison": "consolidate.papers.compare_docx",
    "revision_json": "consolidate.papers.compare_json",
}

__all__ = ["__version__", *_HOME]


def __getattr__(name: str) -> Any:
    """The public ``name``, from its module, imported now if this is its first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'consolidate' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
