"""Ambiguous figures settled by the whole they add up to.

'14.302 tỷ đồng' reads 14 302 in Vietnamese style and 14,302 when '.' is a decimal mark. When a
footnote lists yearly figures under a total written in the paragraph that cites it ('Tổng thu … đạt
101,525 tỷ đồng' with 'Năm 2021 đạt 14.302 tỷ đồng; năm 2022 đạt 17.205 tỷ đồng; …'), the reading
under which the parts add up to that total is the one the writer meant. Pure: facts in, facts out.
"""

from __future__ import annotations

from dataclasses import replace

from chitieu.domain.extraction import Fact

REASON = "sum_of_parts"
_TOLERANCE = 0.01  # parts are rounded before they are added up


def _near(total: float, whole: float) -> bool:
    return abs(total - whole) <= _TOLERANCE * abs(whole)


def _other_reading(fact: Fact) -> float | None:
    q = fact.quantity
    return q.alternatives[0] if q.value is not None and q.alternatives else q.value


def settle_by_whole(parts: list[Fact], wholes: list[Fact]) -> list[Fact]:
    """`parts`: the facts of a footnote; `wholes`: those of the paragraph citing it. For each unit,
    when the parts add up to a whole only under their other reading, that reading is taken."""
    out = list(parts)
    units = {f.unit for f in parts if f.unit and f.quantity.alternatives}
    for unit in units:
        group = [i for i, f in enumerate(parts) if f.unit == unit and f.quantity.value is not None]
        if len(group) < 2:
            continue
        as_read = sum(parts[i].quantity.value or 0.0 for i in group)
        other = [_other_reading(parts[i]) for i in group]
        if any(v is None for v in other):
            continue
        as_other = sum(v or 0.0 for v in other)
        totals = [w.quantity.value for w in wholes if w.unit == unit and w.quantity.value]
        if any(_near(as_other, t) for t in totals) and not any(_near(as_read, t) for t in totals):
            for i in group:
                q = parts[i].quantity
                if q.alternatives and q.value is not None:
                    readings = (q.alternatives[0], q.value, *q.alternatives[1:])
                    out[i] = replace(parts[i], quantity=replace(q, value=readings[0], alternatives=readings[1:],
                                                                reason=REASON))
    return out
