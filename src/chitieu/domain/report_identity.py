"""Whether two extractions are the same report, whatever file it came in (.txt, .docx, .pdf): the same
kind of report on the same period, and nearly the same figures. Standard library only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from chitieu.domain.extraction import Extraction

SAME_SHARE = 0.85  # of the smaller report's figures found in the other: a re-export, not a new draft


def figures_of(x: Extraction) -> list[str]:
    """The report's figures as comparable keys: the value (rounded) and its role, in any order."""
    keys = [f"{round(f.quantity.value, 6):g}|{f.role.value}" for f in x.facts if f.quantity.value is not None]
    for table in x.tables:
        for row in table.rows:
            keys += [f"{round(q.value, 6):g}|row" for q in row.values.values() if q.value is not None]
    return sorted(keys)


def same_report(mine: Iterable[str], theirs: Iterable[str]) -> bool:
    """Whether two reports' figures (`figures_of`) are the same report's: most of the smaller set of
    figures is in the other. An empty report is never the same as another."""
    a, b = Counter(mine), Counter(theirs)
    smaller = min(sum(a.values()), sum(b.values()))
    return smaller > 0 and sum((a & b).values()) >= SAME_SHARE * smaller
