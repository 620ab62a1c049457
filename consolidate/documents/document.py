"""What every reader returns: a file's text lines and tables, whatever the format.

Readers differ (Word XML, spreadsheets, later PDF and e-mail); the form interpreter
sees only these blocks, in document order.
"""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.errors import ConsolidateError


@dataclass(frozen=True)
class Cell:
    """A grid cell. Merged regions repeat their text in every cell they cover, with
    ``origin`` pointing at the region's top-left cell, so a reader of a row sees the
    value and can still tell a fresh value from a merged continuation."""

    text: str
    origin: tuple[int, int]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    where: str

    def is_origin(self, row: int, col: int) -> bool:
        return self.rows[row][col].origin == (row, col)


@dataclass(frozen=True)
class TextLine:
    text: str
    where: str


Block = Table | TextLine


@dataclass(frozen=True)
class Revision:
    """A tracked change or a comment in a returned draft, with the paragraph it sits in.

    ``kind`` is insert, delete, replace or comment. ``before`` is the text just before the
    change (to say where an insertion goes); ``paragraph`` is the paragraph's original
    text, which places the revision on the draft's clause.
    """

    kind: str
    old: str
    new: str
    before: str
    paragraph: str
    author: str
    where: str


@dataclass(frozen=True)
class SourceDocument:
    """A file's content as blocks in reading order, plus tracked changes and comments."""

    blocks: tuple[Block, ...]
    revisions: tuple[Revision, ...] = ()

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def lines(self) -> tuple[TextLine, ...]:
        return tuple(b for b in self.blocks if isinstance(b, TextLine))


def build_grid(raw_rows: list[list[tuple[str, int, int]]], where: str) -> Table:
    """Lay out cells given as ``(text, colspan, rowspan_marker)`` rows into a rectangle.

    ``rowspan_marker`` is 1 for a cell that starts a region, 0 for a cell that continues
    the region above it (Word's ``w:vMerge`` without ``restart``).
    """
    width = max((sum(span for _, span, _ in row) for row in raw_rows), default=0)
    grid: list[list[Cell]] = []
    for r, row in enumerate(raw_rows):
        cells: list[Cell] = []
        for text, span, starts in row:
            c = len(cells)
            if not starts and r > 0 and c < len(grid[r - 1]):
                above = grid[r - 1][c]
                origin, value = above.origin, above.text
            else:
                origin, value = (r, c), text
            cells.extend(Cell(value, origin) for _ in range(max(span, 1)))
        cells.extend(Cell("", (r, c)) for c in range(len(cells), width))
        grid.append(cells[:width] if width else cells)
    return Table(tuple(tuple(row) for row in grid), where)


class UnreadableFile(ConsolidateError):
    """A file of a known type whose content cannot be read; the message is for the clerk."""
