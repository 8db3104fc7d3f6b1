"""Progress toward a term target from a series, by the method of the Open SDG platform and Statistics
Canada: compare the growth observed since the baseline with the growth the target requires.

    observed  = (x_t / x_0) ** (1 / (t - t_0)) - 1        (compound annual growth rate)
    required  = (x* / x_0) ** (1 / (T - t_0)) - 1
    ratio     = observed / required
    ratio ≥ 0.95 substantial progress · ≥ 0.60 moderate · ≥ 0 limited · < 0 deterioration

A target already met (by the indicator's direction) overrides the ratio. Where a value is zero or
negative the compound rate is undefined and the same comparison is made with linear yearly change.
The record keeps every input and intermediate number so that a reviewer can redo it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chitieu.domain.evaluation import Direction
from chitieu.domain.numbers import format_number as vi

SUBSTANTIAL, MODERATE = 0.95, 0.60


class Progress(StrEnum):
    TARGET_MET = "target_met"
    SUBSTANTIAL = "substantial"
    MODERATE = "moderate"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    NOT_ASSESSED = "not_assessed"


@dataclass(frozen=True, slots=True)
class Trajectory:
    progress: Progress
    ratio: float | None
    observed: float | None  # yearly growth since the baseline
    required: float | None  # yearly growth the target needs from the baseline
    method: str  # cagr | linear | met | none
    record: str  # the calculation, written out


def _met(current: float, target: float, direction: Direction) -> bool:
    return current <= target if direction is Direction.LOWER else current >= target


def assess(baseline: tuple[int, float], current: tuple[int, float], target: tuple[int, float],
           direction: Direction = Direction.HIGHER) -> Trajectory:
    """`baseline`, `current` and `target` are (year, value)."""
    (t0, x0), (t, xt), (big_t, goal) = baseline, current, target
    if direction in (Direction.NONE, Direction.BAND):
        return Trajectory(Progress.NOT_ASSESSED, None, None, None, "none", "")
    if _met(xt, goal, direction):
        return Trajectory(Progress.TARGET_MET, None, None, None, "met", f"{vi(xt)} ({t}) / {vi(goal)} ({big_t})")
    if t <= t0 or big_t <= t0:
        return Trajectory(Progress.NOT_ASSESSED, None, None, None, "none", f"{t0} ≥ {t}")
    if x0 > 0 and xt > 0 and goal > 0:
        observed = (xt / x0) ** (1 / (t - t0)) - 1
        required = (goal / x0) ** (1 / (big_t - t0)) - 1
        method = "cagr"
        formula = (f"({vi(xt)} / {vi(x0)})^(1/{t - t0}) - 1 = {vi(observed, 4)}; "
                   f"({vi(goal)} / {vi(x0)})^(1/{big_t - t0}) - 1 = {vi(required, 4)}")
    else:
        observed = (xt - x0) / (t - t0)
        required = (goal - x0) / (big_t - t0)
        method = "linear"
        formula = (f"({vi(xt)} - {vi(x0)}) / {t - t0} = {vi(observed, 4)}; "
                   f"({vi(goal)} - {vi(x0)}) / {big_t - t0} = {vi(required, 4)}")
    if required == 0:
        return Trajectory(Progress.NOT_ASSESSED, None, observed, required, method, formula)
    ratio = observed / required
    progress = (Progress.SUBSTANTIAL if ratio >= SUBSTANTIAL else Progress.MODERATE if ratio >= MODERATE
                else Progress.LIMITED if ratio >= 0 else Progress.DETERIORATION)
    return Trajectory(progress, ratio, observed, required, method, f"{formula}; {vi(observed, 4)} / "
                      f"{vi(required, 4)} = {vi(ratio, 3)}")
