"""The draft found in a consultation letter, written by ``init`` as a Word document in the
official layout, so the digest can be run on it at once."""

from __future__ import annotations

import re
from pathlib import Path

from consolidate.consultation.draft import parse_draft
from consolidate.consultation.letter import Letter
from consolidate.papers import officedoc as od
from consolidate.text.normalise import fold


def write_draft_docx(letter: Letter, path: Path) -> None:
    """The draft annex as a Word document in the official layout."""
    draft = parse_draft(letter.draft_lines)
    document = od.new_document()
    title_started = False
    for line in letter.draft_lines:
        stripped = line.strip()
        if not title_started and stripped and fold(stripped) in fold(draft.title):
            od.paragraph(
                document, stripped, font=od.TITLE_FONT, size=22, align="center", indent=False, line_pt=36
            )
            continue
        title_started = True
        if re.match(r"^[一二三四五六七八九十]+、", stripped) and len(stripped) < 30 and "。" not in stripped:
            od.heading(document, stripped, 1)
        else:
            od.paragraph(document, stripped)
    document.save(str(path))
