"""How much a file may expand into once read: far beyond the longest real report, so that a small
hostile file (a cell spanning a hundred million columns, a footnote cited a hundred times, two hundred
sheets that are one) cannot make the work or the memory unbounded."""

from __future__ import annotations

from chitieu.domain.errors import ReadError

MAX_COLUMNS = 200  # a table or sheet wider than this is no Biểu: the extra columns are not read
MAX_BLOCKS = 60_000  # paragraphs and table rows; the longest sample report has about 2,000
MAX_SHEETS = 50


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
