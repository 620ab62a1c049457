"""Per-file results kept between runs, keyed by the file's content.

Clerks run the tool again after every new return; a file whose bytes have not changed
is not read (or converted by LibreOffice) again. The cache holds what was read from the
file — never the unit, the clause or anything that depends on the consultation — in
``$CONSOLIDATE_CACHE``, else ``$XDG_CACHE_HOME/consolidate``, else ``~/.cache/consolidate``;
never in the returns folder. Set ``CONSOLIDATE_CACHE=off`` (or use ``--no-cache``) to
turn it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

# Bump when readers or the form interpreter change what they produce.
FORMAT = f"{__version__}-2"


def cache_dir() -> Path | None:
    configured = os.environ.get("CONSOLIDATE_CACHE")
    if configured is not None:
        return None if configured.lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "consolidate"


def content_key(data: bytes, kind: str) -> str:
    return hashlib.sha256(FORMAT.encode() + kind.encode() + b"\0" + data).hexdigest()


class ResultCache:
    """A directory of pickled results; any failure just means a miss."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            return None

    def has(self, key: str) -> bool:
        return self.folder is not None and (self.folder / key[:2] / key).is_file()

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, target)
        except OSError:
            return
