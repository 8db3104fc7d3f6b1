"""Which of several values for the same indicator, unit, period and role is shown.

The rule, in order: a staff correction wins over everything; then a final figure over an estimate
('ước', 'dự ước'); then an official document over a draft ('Dự thảo'); then the later document over
the earlier one; last, within one document, its table over its prose (the table is the formal
statement). Every value is kept; the rule only decides which one is displayed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    observation_id: int
    value: float | None
    corrected: bool
    estimate: bool
    draft: bool
    document_order: int  # larger is later (ingest order, or the document's date when known)
    from_table: bool = False


def rank(c: Candidate) -> tuple[bool, bool, bool, int, bool]:
    return (c.corrected, not c.estimate, not c.draft, c.document_order, c.from_table)


def choose(candidates: list[Candidate]) -> Candidate | None:
    return max(candidates, key=rank) if candidates else None


def disagree(candidates: list[Candidate], tolerance: float = 0.001) -> bool:
    values = [c.value for c in candidates if c.value is not None]
    if len(values) < 2:
        return False
    low, high = min(values), max(values)
    return high - low > tolerance * max(abs(high), abs(low), 1e-9)
