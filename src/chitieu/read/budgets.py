"""How much a file may expand into once read: far beyond the longest real report, so that a small
hostile file (a cell spanning a hundred million columns, a footnote cited a hundred times, two hundred
sheets that are one) cannot make the work or the memory unbounded."""

from __future__ import annotations

import re

from chitieu.domain.document import Paragraph, SourceDocument
from chitieu.domain.errors import ReadError

MAX_COLUMNS = 200  # a table or sheet wider than this is no Biểu: the extra columns are not read
MAX_BLOCKS = 60_000  # paragraphs and table rows; the longest sample report has about 2,000
MAX_SHEETS = 50
# Numbers written in one file: the densest real report holds about 1,700. Each is a figure the
# extraction weighs and the audit compares; a text of nothing but figures is refused before that work.
MAX_NUMBERS = 50_000


class BlockBudget:
    """Counts the blocks a reader emits and refuses the file, naming it, past the budget."""

    __slots__ = ("count", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    def take(self, n: int = 1) -> None:
        self.count += n
        if self.count > MAX_BLOCKS:
            raise ReadError("read.too_many_blocks", file=self.name, limit=f"{MAX_BLOCKS:,}".replace(",", "."))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def check_numbers(doc: SourceDocument) -> None:
    """Refuse, naming it, a document that writes more numbers than MAX_NUMBERS (one pass over its text)."""
    count = 0
    for block in doc.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [c for row in block.rows for c in row.cells]
        for text in texts:
            count += sum(1 for _ in _NUMBER.finditer(text))
        if count > MAX_NUMBERS:
            raise ReadError("read.too_many_numbers", file=doc.name, limit=f"{MAX_NUMBERS:,}".replace(",", "."))
