"""Reading the clerk's own text files (consultation.toml, overrides.toml) in whatever
encoding their editor saved them.

TOML is UTF-8, but on a Chinese Windows PC Notepad's and WPS's "ANSI" is GBK, older
Notepad adds a byte-order mark, and "Unicode" is UTF-16. Refusing such a file with a codec
error helps nobody: it is read, and a note says what was assumed and how to save it as
UTF-8. GBK is decoded as GB18030, its superset, so rare characters in unit names survive.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    note: str | None = None  # for the clerk, when the file was not plain UTF-8


def read_settings_text(path: Path) -> DecodedText:
    """The text of ``path``: UTF-8 with or without BOM, UTF-16 with BOM, else GBK.

    Raises `OSError` when unreadable and `UnicodeDecodeError` when it is none of these.
    """
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(data.decode("utf-16"), "utf-16", _note(path, "UTF-16（“Unicode”）"))
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as first:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise first from None
        return DecodedText(text, "gb18030", _note(path, "GBK（“ANSI”）"))


def _note(path: Path, what: str) -> str:
    return (
        f"{path.name} 是 {what} 编码，已按此读取；建议在记事本或 WPS 中“另存为”时选择 UTF-8 编码，"
        "以免在其他电脑上出现乱码"
    )
