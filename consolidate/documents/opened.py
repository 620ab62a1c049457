"""A file read once: its bytes, and for an Office package the one zip opened over them.

Every step that looks inside a return — what kind of file it really is, whether it is one
of the tool's own papers, the guards against zip bombs, the reader — used to open it
again: each return's zip directory was parsed about 2.7 times, and the cache key read
the bytes on top. Now the bytes are read once (they are hashed for the cache key as
they are) and one `zipfile.ZipFile` over them serves every step.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# What opening a zip directory can raise on a damaged or hostile file.
ZIP_ERRORS = (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, ValueError)


@dataclass(eq=False)
class OpenedFile:
    """A file's bytes as read, named like the file (``name``, ``str()``) for messages.

    ``archive`` opens the zip on first use and keeps it; a file that is no zip raises the
    same error each time it is asked, without parsing it again.
    """

    path: Path
    data: bytes
    _archive: zipfile.ZipFile | None = field(default=None, repr=False)
    _failure: Exception | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: Path) -> OpenedFile:
        return cls(path, path.read_bytes())

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def __str__(self) -> str:
        return str(self.path)

    @property
    def archive(self) -> zipfile.ZipFile:
        """The one `ZipFile` over the bytes (raises what `zipfile.ZipFile` raises)."""
        if self._archive is None:
            if self._failure is not None:
                raise self._failure
            try:
                self._archive = zipfile.ZipFile(io.BytesIO(self.data))
            except ZIP_ERRORS as exc:
                self._failure = exc
                raise
        return self._archive

    @property
    def is_zip(self) -> bool:
        """What `zipfile.is_zipfile` says, from the bytes already read."""
        return zipfile.is_zipfile(io.BytesIO(self.data))

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None


def file_bytes(source: Path | OpenedFile) -> bytes:
    """The bytes of ``source``: those already read, or the file's."""
    return source.data if isinstance(source, OpenedFile) else source.read_bytes()
