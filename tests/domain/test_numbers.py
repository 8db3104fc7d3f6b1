from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.domain.numbers import Style, format_number, parse_number, read_number


@pytest.mark.parametrize(
    ("token", "style", "value", "ambiguous"),
    [
        ("17.501", Style.VIETNAMESE, 17501, True),
        ("42,6", Style.VIETNAMESE, 42.6, False),
        ("3.692,415", Style.VIETNAMESE, 3692.415, False),
        ("1,234.5", Style.VIETNAMESE, 1234.5, False),
        ("30.000.000", Style.VIETNAMESE, 30000000, False),
        ("27.60", Style.SPREADSHEET, 27.6, False),
        ("27.60", Style.VIETNAMESE, 27.6, False),
        ("61.000", Style.SPREADSHEET, 61.0, True),
        ("210,345", Style.VIETNAMESE, 210.345, True),
        ("17,504", Style.SPREADSHEET, 17504, True),
        ("0,5", Style.VIETNAMESE, 0.5, False),
        ("1315", Style.VIETNAMESE, 1315, False),
        ("03", Style.VIETNAMESE, 3, False),
    ],
)
def test_read_number(token: str, style: Style, value: float, ambiguous: bool) -> None:
    reading = read_number(token, style)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert reading.ambiguous is ambiguous


@pytest.mark.parametrize("token", ["", "abc", "1.2.3,4,5", "12,34,5"])
def test_read_number_refuses_malformed(token: str) -> None:
    assert read_number(token) is None


def test_ambiguous_keeps_the_other_reading() -> None:
    reading = read_number("61.000", Style.SPREADSHEET)
    assert reading is not None
    assert reading.alternatives == (61000.0,)
    assert reading.reason


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    parse_number(text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_format_then_parse_round_trips(whole: int, cents: int) -> None:
    value = whole + cents / 100
    text = format_number(value, 2)
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("token", "value"), [("12.415.6", 12415.6), ("9.332.3", 9332.3), ("1.376.600", 1376600)])
def test_a_decimal_mark_typed_as_the_thousands_separator_is_read_as_one(token: str, value: float) -> None:
    reading = read_number(token)
    assert reading is not None and reading.value == value


@pytest.mark.parametrize("token", ["1.2.3", "12.41.6", "12.10.2023"])
def test_separators_that_group_no_thousands_are_no_number(token: str) -> None:
    assert read_number(token) is None
