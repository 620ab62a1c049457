"""A console that never crashes the run on a character it cannot show.

Chinese Windows consoles use GBK (code page 936), some servers ASCII; file names and
opinions can hold characters outside either. Such a character is shown as "?" instead of
ending the run with UnicodeEncodeError.
"""

from __future__ import annotations

import io
import sys


def make_streams_safe() -> None:
    """Let stdout and stderr replace what their encoding cannot hold."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            try:
                stream.reconfigure(errors="replace")
            except (AttributeError, ValueError, OSError):
                continue
