"""The comparison of two drafts as JSON, for programs that follow the revision.

Clause ids are the digest's (``"3.2"``); ``old``/``new`` is one id, a list of ids for a
split or merge, or null on the side where a clause was added or deleted.
"""

from __future__ import annotations

import json
from typing import Any

from consolidate.analysis.compare import ClausePair
from consolidate.analysis.revision import Revision


def revision_json(revision: Revision) -> str:
    return json.dumps(revision_data(revision), ensure_ascii=False, indent=2)


def revision_data(revision: Revision) -> dict[str, Any]:
    return {
        "pairs": [
            {
                "old": _ids(pair.old),
                "new": _ids(pair.new),
                "old_label": "、".join(c.label for c in pair.old) or None,
                "new_label": "、".join(c.label for c in pair.new) or None,
                "change": pair.change.value,
                "similarity": pair.similarity,
                "opinions": list(ids),
            }
            for pair, ids in zip(revision.pairs, revision.opinions_by_pair)
        ],
        "decisions": [
            {
                "id": check.opinion.id,
                "unit": check.opinion.unit,
                "decision": check.opinion.decision,
                "reflected": check.reflected,
                "old": _plain_ids(check.old),
                "new": _plain_ids(check.new),
                "why": check.why,
            }
            for check in revision.checks
        ],
        "findings": [
            {"severity": f.severity, "code": f.code, "unit": f.unit, "message": f.message}
            for f in revision.findings
        ],
    }


def _ids(clauses: tuple[Any, ...]) -> str | list[str] | None:
    if not clauses:
        return None
    if len(clauses) == 1:
        return str(clauses[0].id)
    return [c.id for c in clauses]


def _plain_ids(ids: tuple[str, ...]) -> str | list[str] | None:
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else list(ids)


__all__ = ["ClausePair", "revision_data", "revision_json"]
