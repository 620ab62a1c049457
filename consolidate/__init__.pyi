"""What a type checker sees of the package face.

`consolidate/__init__.py` imports each public name from its module on first use (PEP 562), so
that importing the package stays instant; this stub says the same statically, so that mypy checks
programs (and cli.py) against the real signatures. tests/test_face.py holds the two to the same
names and modules.
"""

from consolidate.analysis.revision import Revision, compare_revision, decided_from_ledger
from consolidate.codes import Code, Severity
from consolidate.consultation.draft import DraftError, load_draft
from consolidate.consultation.letter import (
    Letter,
    LetterError,
    consultation_toml,
    parse_letter,
    read_letter_lines,
    todo_findings,
)
from consolidate.consultation.settings import ConsultationError, find_consultation, load_consultation
from consolidate.documents.document import UnreadableFile
from consolidate.documents.writing import OutputError, write_atomically
from consolidate.errors import ConsolidateError
from consolidate.model import (
    Clause,
    Consolidation,
    Consultation,
    Draft,
    Finding,
    LedgerRow,
    Opinion,
    Status,
    Unit,
    UnitReport,
)
from consolidate.papers.chase import ChaseItem, chase_list, notice_text, notices_text, status_word
from consolidate.papers.chase_docx import write_notices
from consolidate.papers.compare_docx import Unchanged, write_comparison
from consolidate.papers.compare_json import revision_json
from consolidate.papers.digest_docx import write_digest
from consolidate.papers.draft_docx import write_draft_docx
from consolidate.papers.forms import write_forms
from consolidate.papers.json_out import to_json, write_json
from consolidate.papers.ledger import (
    LedgerError,
    check_ledger_path,
    read_ledger,
    read_ledger_contents,
    read_summary,
    update_ledger,
)
from consolidate.papers.outputs import Input, Output, check_digest_outputs, check_outputs, check_target
from consolidate.papers.plain_text import summary_text, table_text
from consolidate.papers.report import check_decisions
from consolidate.papers.report_docx import write_report, write_unit_letters
from consolidate.papers.terminal import print_summary
from consolidate.pipeline import ReturnsFolderError, consolidate
from consolidate.runs import stop_signals_as_interrupts

__version__: str

__all__ = [
    "ChaseItem",
    "Clause",
    "Code",
    "ConsolidateError",
    "Consolidation",
    "Consultation",
    "ConsultationError",
    "Draft",
    "DraftError",
    "Finding",
    "Input",
    "LedgerError",
    "LedgerRow",
    "Letter",
    "LetterError",
    "Opinion",
    "Output",
    "OutputError",
    "ReturnsFolderError",
    "Revision",
    "Severity",
    "Status",
    "Unchanged",
    "Unit",
    "UnitReport",
    "UnreadableFile",
    "__version__",
    "chase_list",
    "check_decisions",
    "check_digest_outputs",
    "check_ledger_path",
    "check_outputs",
    "check_target",
    "compare_revision",
    "consolidate",
    "consultation_toml",
    "decided_from_ledger",
    "find_consultation",
    "load_consultation",
    "load_draft",
    "notice_text",
    "notices_text",
    "parse_letter",
    "print_summary",
    "read_ledger",
    "read_ledger_contents",
    "read_letter_lines",
    "read_summary",
    "revision_json",
    "status_word",
    "stop_signals_as_interrupts",
    "summary_text",
    "table_text",
    "to_json",
    "todo_findings",
    "update_ledger",
    "write_atomically",
    "write_comparison",
    "write_digest",
    "write_draft_docx",
    "write_forms",
    "write_json",
    "write_notices",
    "write_report",
    "write_unit_letters",
]
