"""The Open SDG / Statistics Canada trajectory rule, recomputed by hand for each case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.domain.evaluation import Direction
from chitieu.evaluate.trajectory import Progress, assess


def test_on_track_growth_is_substantial_progress() -> None:
    # income 30 → 36 in 3 years; the term target 45 in 5 years needs 8,45 %/year, observed 6,27 %/year
    t = assess((2020, 30.0), (2023, 36.0), (2025, 45.0))
    assert t.method == "cagr"
    assert t.observed == pytest.approx((36 / 30) ** (1 / 3) - 1)
    assert t.required == pytest.approx((45 / 30) ** (1 / 5) - 1)
    assert t.ratio == pytest.approx(0.0627 / 0.0845, rel=1e-2)
    assert t.progress is Progress.MODERATE
    assert "(36 / 30)^(1/3) - 1" in t.record


@pytest.mark.parametrize("current,expected", [(44.0, Progress.SUBSTANTIAL), (31.0, Progress.LIMITED),
                                              (28.0, Progress.DETERIORATION), (45.0, Progress.TARGET_MET)])
def test_thresholds(current: float, expected: Progress) -> None:
    assert assess((2020, 30.0), (2024, current), (2025, 45.0)).progress is expected


def test_lower_is_better_poverty_rate() -> None:
    # poverty 20 % → 14 % in 3 years against 10 % by 2025: −11,21 %/year observed, −12,94 % required
    t = assess((2020, 20.0), (2023, 14.0), (2025, 10.0), Direction.LOWER)
    assert t.ratio == pytest.approx(0.1121 / 0.1294, rel=1e-3) and t.progress is Progress.MODERATE
    assert assess((2020, 20.0), (2023, 22.0), (2025, 10.0), Direction.LOWER).progress is Progress.DETERIORATION
    assert assess((2020, 20.0), (2023, 9.5), (2025, 10.0), Direction.LOWER).progress is Progress.TARGET_MET


def test_zero_baseline_uses_linear_change() -> None:
    t = assess((2020, 0.0), (2023, 3.0), (2025, 5.0))
    assert t.method == "linear" and t.ratio == pytest.approx((3 / 3) / (5 / 5))


def test_unjudged_directions_and_bad_years() -> None:
    assert assess((2020, 1.0), (2023, 2.0), (2025, 3.0), Direction.NONE).progress is Progress.NOT_ASSESSED
    assert assess((2023, 1.0), (2023, 2.0), (2025, 3.0)).progress is Progress.NOT_ASSESSED


@given(x0=st.floats(1, 1e6), growth=st.floats(-0.5, 0.5), years=st.integers(1, 4))
def test_moving_exactly_on_the_required_path_is_substantial(x0: float, growth: float, years: int) -> None:
    target = x0 * (1 + growth) ** 5
    current = x0 * (1 + growth) ** years
    t = assess((2020, x0), (2020 + years, current), (2025, target))
    if abs(growth) > 1e-6 and t.progress is not Progress.TARGET_MET:
        assert t.progress is Progress.SUBSTANTIAL and t.ratio == pytest.approx(1.0, rel=1e-6)
