"""Text folding shared by matching stages: width, spaces and punctuation as offices vary them."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def fold(text: str) -> str:
    """NFKC (full-width digits, letters and brackets to ASCII) with all whitespace removed.

    Matching must not depend on whether a clerk typed ``（3）`` or ``(3)``, ``第 3 条`` or
    ``第3条``; offsets into folded text are not offsets into the original.
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


_PUNCTUATION = re.compile(r"[\s，,。.、；;：:“”‘’\"'（）()《》!！?？]+")


def bare_words(text: str) -> str:
    """Folded text without punctuation: the words people mean, when one writer's 的 or comma
    must not decide whether two wordings are the same (a proposal and the revised text,
    an opinion and its repetition in a later round)."""
    return _PUNCTUATION.sub("", fold(text))


def tidy(text: str) -> str:
    """Text as shown to people: lines trimmed, runs of blank lines and spaces collapsed."""
    lines = [re.sub(r"[ \t\u3000\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
