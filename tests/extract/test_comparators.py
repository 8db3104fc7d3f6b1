from __future__ import annotations

import pytest

from chitieu.domain.extraction import Op
from chitieu.domain.numbers import Style
from chitieu.extract.comparators import parse_cell


@pytest.mark.parametrize(
    ("cell", "op", "value", "low", "high", "text"),
    [
        (">17600", Op.GT, 17600, None, None, None),
        ("Duy trì 98,5", Op.MAINTAIN, 98.5, None, None, None),
        ("5-6", Op.RANGE, None, 5, 6, None),
        ("01 - 02", Op.RANGE, None, 1, 2, None),
        ("<26,7", Op.LT, 26.7, None, None, None),
        ("HTTNV trở lên", Op.TEXT, None, None, None, "HTTNV trở lên"),
        ("03 (lũy kế 03)", Op.EQ, 3, None, None, None),
        ("trên 69", Op.GE, 69, None, None, None),
        ("47 triệu đồng trở lên", Op.GE, 47, None, None, None),
        ("khoảng 1,5", Op.APPROX, 1.5, None, None, None),
        ("84,00%", Op.EQ, 84, None, None, None),
    ],
)
def test_parse_cell(cell: str, op: Op, value: float | None, low: float | None, high: float | None,
                    text: str | None) -> None:
    q = parse_cell(cell, Style.VIETNAMESE)
    assert q is not None
    assert q.op is op
    assert q.value == (pytest.approx(value) if value is not None else None)
    assert q.low == low
    assert q.high == high
    if text is not None:
        assert q.text == text


@pytest.mark.parametrize("cell", ["", "-", "  "])
def test_empty_cells(cell: str) -> None:
    assert parse_cell(cell) is None
