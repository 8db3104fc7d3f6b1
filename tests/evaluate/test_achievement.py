from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.domain.evaluation import Direction, Status
from chitieu.domain.extraction import Op, Quantity
from chitieu.evaluate.achievement import evaluate_target, same_as_printed
from chitieu.evaluate.direction import direction_from_name


def q(op: Op, value: float | None = None, low: float | None = None, high: float | None = None,
      text: str | None = None) -> Quantity:
    return Quantity(op, value=value, low=low, high=high, text=text)


@pytest.mark.parametrize(
    ("target", "actual", "direction", "status", "pct"),
    [
        (q(Op.EQ, 27.6), q(Op.EQ, 27.6), Direction.HIGHER, Status.DAT, 100.0),
        (q(Op.EQ, 500), q(Op.EQ, 527.3), Direction.HIGHER, Status.VUOT, 105.46),
        (q(Op.EQ, 61), q(Op.EQ, 49.96), Direction.HIGHER, Status.KHONG_DAT, 81.9),
        (q(Op.GT, 17600), q(Op.EQ, 17501), Direction.HIGHER, Status.KHONG_DAT, 99.44),
        (q(Op.GT, 17600), q(Op.EQ, 17600), Direction.HIGHER, Status.KHONG_DAT, 100.0),
        (q(Op.GE, 17600), q(Op.EQ, 17600), Direction.HIGHER, Status.DAT, 100.0),
        (q(Op.LT, 18), q(Op.EQ, 17.5), Direction.LOWER, Status.VUOT, 102.86),
        (q(Op.EQ, 13.5), q(Op.EQ, 14.3), Direction.LOWER, Status.KHONG_DAT, 94.41),
        (q(Op.LE, 20), q(Op.EQ, 20), Direction.HIGHER, Status.DAT, 100.0),
        (q(Op.LT, 20), q(Op.EQ, 20), Direction.LOWER, Status.KHONG_DAT, 100.0),
        (q(Op.EQ, 3), q(Op.EQ, 5.22), Direction.HIGHER, Status.VUOT, 174.0),
        (q(Op.RANGE, low=5, high=6), q(Op.EQ, 6.1), Direction.HIGHER, Status.VUOT, 101.67),
        (q(Op.RANGE, low=5, high=6), q(Op.EQ, 5.5), Direction.HIGHER, Status.DAT, 91.67),
        (q(Op.RANGE, low=5, high=6), q(Op.EQ, 4.9), Direction.HIGHER, Status.KHONG_DAT, 81.67),
        (q(Op.RANGE, low=3, high=4), q(Op.EQ, 4.5), Direction.BAND, Status.KHONG_DAT, 112.5),
        (q(Op.RANGE, low=3, high=4), q(Op.EQ, 3.5), Direction.BAND, Status.DAT, 87.5),
        (q(Op.MAINTAIN, 98.5), q(Op.EQ, 98.5), Direction.HIGHER, Status.DAT, 100.0),
        (q(Op.MAINTAIN, 98.5), q(Op.EQ, 99), Direction.HIGHER, Status.DAT, 100.51),
        (q(Op.MAINTAIN, 98.5), q(Op.EQ, 97), Direction.HIGHER, Status.KHONG_DAT, 98.48),
        (q(Op.APPROX, 4), q(Op.EQ, 4.1), Direction.HIGHER, Status.DAT, 102.5),
        (q(Op.APPROX, 4), q(Op.EQ, 5), Direction.HIGHER, Status.KHONG_DAT, 125.0),
        (q(Op.GT, 90), q(Op.GT, 95), Direction.HIGHER, Status.VUOT, 105.56),
        (q(Op.TEXT, text="HTTNV trở lên"), q(Op.TEXT, text="HTTNV"), Direction.HIGHER, Status.DAT, None),
        (q(Op.TEXT, text="HTTNV trở lên"), q(Op.TEXT, text="HTNV"), Direction.HIGHER, Status.KHONG_DAT, None),
        (q(Op.TEXT, text="HTTNV trở lên"), q(Op.TEXT, text="HTXSNV"), Direction.HIGHER, Status.VUOT, None),
        (None, q(Op.EQ, 1), Direction.HIGHER, Status.CHUA_DANH_GIA, None),
        (q(Op.EQ, 0), q(Op.EQ, 1), Direction.HIGHER, Status.VUOT, None),
    ],
)
def test_every_comparator_and_direction(target: Quantity | None, actual: Quantity, direction: Direction,
                                        status: Status, pct: float | None) -> None:
    result = evaluate_target(target, actual, direction)
    assert result.status is status
    if pct is None:
        assert result.pct is None
    else:
        assert result.pct == pytest.approx(pct, abs=0.005)


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        ("Tỷ lệ hộ nghèo", Direction.LOWER),
        ("Tỷ lệ hộ nghèo giảm/năm", Direction.HIGHER),
        ("Mức giảm tỷ lệ sinh", Direction.HIGHER),
        ("Tỷ suất tăng dân số tự nhiên giảm còn", Direction.LOWER),
        ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng - Thể nhẹ cân", Direction.LOWER),
        ("Thu nhập bình quân đầu người", Direction.HIGHER),
        ("Chỉ số giá tiêu dùng", Direction.BAND),
    ],
)
def test_direction_from_name(name: str, direction: Direction) -> None:
    assert direction_from_name(name) is direction


def test_rounding_as_documents_round() -> None:
    assert same_as_printed(81.9016, 82, 0)
    assert same_as_printed(101.666, 101.67, 2)
    assert not same_as_printed(101.666, 101.6, 1)
    assert not same_as_printed(101.44, 100, 0)


numbers = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
ops = st.sampled_from([Op.EQ, Op.GE, Op.GT, Op.LE, Op.LT, Op.MAINTAIN, Op.APPROX])


@given(numbers, numbers, ops, st.sampled_from(list(Direction)))
def test_evaluation_never_raises(t: float, a: float, op: Op, direction: Direction) -> None:
    evaluate_target(q(op, t), q(Op.EQ, a), direction)


@given(numbers, numbers, numbers, st.sampled_from([Op.GE, Op.GT, Op.EQ]))
def test_status_is_monotonic_for_at_least_targets(t: float, a: float, b: float, op: Op) -> None:
    low, high = sorted((a, b))
    met_low = evaluate_target(q(op, t), q(Op.EQ, low), Direction.HIGHER).status.met
    met_high = evaluate_target(q(op, t), q(Op.EQ, high), Direction.HIGHER).status.met
    assert not (met_low and not met_high)


@given(numbers, numbers, numbers, st.sampled_from([Op.LE, Op.LT]))
def test_status_is_monotonic_for_at_most_targets(t: float, a: float, b: float, op: Op) -> None:
    low, high = sorted((a, b))
    met_low = evaluate_target(q(op, t), q(Op.EQ, low), Direction.LOWER).status.met
    met_high = evaluate_target(q(op, t), q(Op.EQ, high), Direction.LOWER).status.met
    assert not (met_high and not met_low)
