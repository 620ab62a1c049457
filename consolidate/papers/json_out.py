"""The machine-readable result (``--json``)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from consolidate.analysis.summary import counts
from consolidate.model import ClauseGroup, Consolidation, Finding, Opinion, PreviousDecision, UnitReport


def to_data(result: Consolidation) -> dict[str, Any]:
    """The result as plain data: the consultation and its counts, then one entry per unit,
    opinion, clause and finding."""
    c = result.consultation
    return {
        "consultation": {
            "title": c.title,
            "reference": c.reference,
            "issuer": c.issuer,
            "deadline": c.deadline.isoformat(),
            "units": len(c.units),
            # The same numbers the terminal, digest, ledger and report state (summary.Counts).
            "counts": dataclasses.asdict(counts(result)),
        },
        "units": [_unit(r) for r in result.units],
        "opinions": [_opinion(o) for o in result.opinions],
        "clauses": [_clause(g) for g in result.groups],
        "findings": [_finding(f) for f in result.findings],
    }


def _unit(r: UnitReport) -> dict[str, Any]:
    return {
        "name": r.unit.name,
        "group": r.unit.group,
        "listed": r.unit.listed,
        "status": r.status,
        "late": r.late,
        "stamped_copy": r.stamped_copy,
        "editable_copy": r.editable_copy,
        "opinions": r.opinions,
        "files": list(r.files),
        "answered_by": r.answered_by or None,
    }


def _opinion(o: Opinion) -> dict[str, Any]:
    return {
        "id": o.id,
        "unit": o.unit,
        "text": o.text,
        "reason": o.reason,
        "remark": o.remark,
        "clause": o.clauses[0] if o.clauses else None,
        "clauses": list(o.clauses),
        "confidence": o.confidence,
        "needs_review": o.needs_review,
        "attribution": o.attribution,
        "superseded": o.superseded,
        "flags": list(o.flags),
        "group": o.group or None,
        "duplicate_of": o.duplicate_of or None,
        "edits": [{"kind": e.kind, "old": e.old, "new": e.new} for e in o.edits],
        "source": {"file": o.file, "where": o.where},
        "previous": _previous(o.previous),
    }


def _clause(g: ClauseGroup) -> dict[str, Any]:
    return {
        "clause": g.clause.id if g.clause else None,
        "label": g.clause.label if g.clause else "总体意见",
        "opinions": [o.id for o in g.opinions],
        "responsible": list(g.notes.responsible),
        "responsible_commented": list(g.notes.responsible_commented),
        "responsible_not_consulted": list(g.notes.responsible_unlisted),
        "conflicts": [
            {"opinions": list(c.opinions), "description": c.description} for c in g.notes.conflicts
        ],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "severity": f.severity,
        "code": f.code,
        "unit": f.unit,
        "file": f.file,
        "message": f.message,
    }


def to_json(result: Consolidation) -> str:
    return json.dumps(to_data(result), ensure_ascii=False, indent=2) + "\n"


#: the encoder yields hundreds of thousands of tiny pieces; writing them one by one cost more
#: than encoding them
_PIECES_PER_WRITE = 4096


def write_json(result: Consolidation, path: Path) -> None:
    """Stream the JSON to a file, never holding the whole text in memory."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    with path.open("w", encoding="utf-8") as handle:
        pieces: list[str] = []
        for piece in encoder.iterencode(to_data(result)):
            pieces.append(piece)
            if len(pieces) >= _PIECES_PER_WRITE:
                handle.write("".join(pieces))
                pieces.clear()
        handle.write("".join(pieces) + "\n")


def _previous(previous: PreviousDecision | None) -> dict[str, Any] | None:
    """The earlier round's opinion this one repeats, with the team's decision on it."""
    if previous is None:
        return None
    return {
        "id": previous.id,
        "unit": previous.unit,
        "decision": previous.decision,
        "reason": previous.reason,
        "clause": previous.clause,
        "similarity": previous.similarity,
    }
