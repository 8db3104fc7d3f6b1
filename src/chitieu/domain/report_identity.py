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
    return same_figures(figure_set(mine), figure_set(theirs))


def figure_set(figures: Iterable[str]) -> frozenset[str]:
    """A report's figures as a set, each tagged with how many times it occurred before, so that two
    sets meet in as many figures as the two lists have in common (as multisets)."""
    seen: Counter[str] = Counter()
    out = []
    for figure in figures:
        out.append(f"{figure}#{seen[figure]}")
        seen[figure] += 1
    return frozenset(out)


def same_figures(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """`same_report` of two reports' `figure_set`s. A report is checked against a unit's many stored
    reports: the smaller one's figures are looked up in the other until too many are missing."""
    small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    need = SAME_SHARE * len(small)
    found = len(small)  # at most, until some are missing
    for figure in small:
        if figure not in large:
            found -= 1
            if found < need:
                return False
    return found > 0 and found >= need
