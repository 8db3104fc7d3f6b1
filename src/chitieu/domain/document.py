"""The source document every reader produces: blocks of text and tables with their positions.

Readers know formats; everything after them sees only these types. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockOrigin(StrEnum):
    BODY = "body"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    # A stored web page's address, headline and date stamp ('URL: …', 'TITLE: …', 'date 2024-07'): they
    # date and name the page but are not part of the report.
    PAGE = "page"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line of text (a .txt line, a Word paragraph) with markup already removed.

    `line` is the 1-based line of the source text file, or the block's ordinal for formats
    without lines. `bold` marks paragraphs whose text is wholly bold (headings, captions).
    """

    text: str
    line: int
    origin: BlockOrigin = BlockOrigin.BODY
    bold: bool = False
    note_id: str | None = None


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[str, ...]
    line: int
    bold: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A grid whose merged cells are already resolved: every row has one entry per column."""

    rows: tuple[TableRow, ...]
    line: int
    # a table a web page stores one cell per paragraph: its writer's text, each row a statement of it
    cell_per_paragraph: bool = False


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class SourceDocument:
    name: str
    format: str
    blocks: tuple[Block, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
