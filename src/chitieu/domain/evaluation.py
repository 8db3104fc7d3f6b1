"""How a target is judged: direction of the indicator, status, and the achievement record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    HIGHER = "higher"  # more is better (income, output, coverage, amount of reduction)
    LOWER = "lower"  # less is better (poverty rate, malnutrition, natural population growth)
    BAND = "band"  # inside a range is best (price index)
    MAINTAIN = "maintain"  # keep a level
    NONE = "none"  # not judged (context figures)


class Status(StrEnum):
    VUOT = "vuot"  # exceeded
    DAT = "dat"  # achieved
    KHONG_DAT = "khong_dat"  # not achieved
    CHUA_DANH_GIA = "chua_danh_gia"  # cannot be judged (no target, no result, qualitative mismatch)

    @property
    def met(self) -> bool | None:
        if self is Status.CHUA_DANH_GIA:
            return None
        return self is not Status.KHONG_DAT


@dataclass(frozen=True, slots=True)
class Achievement:
    """The result of judging one target; `rule` and `formula` let a reviewer redo the calculation."""

    status: Status
    pct: float | None
    rule: str
    formula: str
