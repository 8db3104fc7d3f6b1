"""Where a paragraph's clauses and sentences start: the reach of the words that qualify a figure."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a figure's type only: figures.py reads the sentence breaks defined here
    from chitieu.extract.figures import Figure


# How far back the words that qualify a figure are looked for.
CONTEXT = 300
CLAUSE_END = re.compile(r"[;.()]")
OUTLINE_START = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]\s*-?|[IVXLC]+[.\-–)]|[a-zđ][.)]|\(\d+\)\s*-?|-)\s*")
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s+(?=[A-ZÀ-ỸĐ])|\(|\)")
SENTENCE_BREAK = re.compile(r"\.\s+(?=[A-ZÀ-ỸĐ])|\n")


class ClauseBreaks:
    """The clause breaks of a paragraph (';', ':', a parenthesis, a sentence end) and its sentence
    ends, each found in one pass and then looked up for each figure."""

    __slots__ = ("ends", "sentence_ends", "sentence_starts", "starts")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        sentences = [m.span() for m in SENTENCE_BREAK.finditer(text)] if ";" in text else []
        self.sentence_starts = [s for s, _ in sentences]
        self.sentence_ends = [e for _, e in sentences]

    def clause_start(self, pos: int, floor: int) -> int:
        """Where the clause holding `pos` starts: after the last break before it, within 300
        characters and not before `floor`."""
        i = bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 and self.starts[i] >= max(floor, pos - 300) else floor

    def sentence_start(self, pos: int) -> int | None:
        """Where the sentence holding `pos` starts, if that is within the words that qualify it."""
        floor = pos - CONTEXT
        i = bisect_right(self.sentence_ends, pos) - 1
        if i >= 0 and self.sentence_starts[i] >= max(floor, 0):
            return self.sentence_ends[i]
        return 0 if floor <= 0 else None


_LEAD_IN = 200
_FIRST_FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d")  # a number that is not a year


def lead_in_of(text: str, fig: Figure, breaks: ClauseBreaks) -> tuple[int, int] | None:
    """For an item after a ';', where the words that open its sentence before the first figure
    are ('Năm 2024 phấn đấu: A đạt 8%; B đạt …'): its items share them. None for other figures."""
    if fig.sentence_start == 0 or text[fig.sentence_start - 1] != ";":
        return None
    start = breaks.sentence_start(fig.start)
    if start is None:
        return None  # the sentence opens further back than the words that qualify a figure
    first_figure = _FIRST_FIGURE.search(text, start, fig.sentence_start)
    end = first_figure.start() if first_figure else fig.sentence_start
    # a long account before the first figure is a narrative of its own, not a lead-in to a list
    return (start, end) if end - start <= _LEAD_IN else None
