"""Text that an XML writer (Word, Excel) can hold.

XML 1.0 cannot carry most C0 control characters, lone surrogates or U+FFFE/U+FFFF; a
return can (an Excel cell escaped as ``_x0001_``, a header pasted from another program,
a file name). python-docx and openpyxl raise on them, so every text is cleaned before it
reaches a writer, and the clerk is told which file it came from.
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def is_clean(text: str) -> bool:
    return _ILLEGAL.search(text) is None
