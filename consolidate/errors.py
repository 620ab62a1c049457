"""The one root of every error the library raises about the user's input.

A clerk meets these, not a programmer: a consultation file with a mistyped key, a ledger
open in Excel, an output folder that does not exist, a damaged Word file. Each message
says in Chinese what is wrong and, where it can, what to do. Programs built on the library
(and the ``consolidate`` command, which turns one into "错误：…" and exit status 1) catch
`ConsolidateError` once instead of a list of classes that grows with every stage.

Bugs are not ConsolidateErrors: an AttributeError or a KeyError still ends in a traceback,
so that it is reported rather than explained away to the clerk.
"""

from __future__ import annotations


class ConsolidateError(Exception):
    """Something about the user's files or options that stops the step; ``str()`` is for the clerk."""
