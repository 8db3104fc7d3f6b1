"""Numbers, values and periods as Vietnamese readers write them ('≥ 1.234,5 triệu đồng', '5 - 6')."""

from __future__ import annotations

import re

from chitieu.domain.numbers import format_number

_OPS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "approx": "khoảng ", "maintain": "duy trì "}


def number(value: float | None, decimals: int | None = None) -> str:
    if value is None:
        return ""
    if decimals is None and abs(value) >= 100 and value != int(value):
        decimals = 2 if abs(value) < 1000 else 1
    return format_number(round(value, 6) if decimals is None else value, decimals)


def percent(value: float | None) -> str:
    return "" if value is None else format_number(value, 2).rstrip("0").rstrip(",")


def quantity(op: str, value: float | None, low: float | None = None, high: float | None = None,
             text: str | None = None) -> str:
    """A stored value with its comparator, e.g. '≥ 95', '5 - 6', 'HTTNV trở lên'."""
    if op == "range" and low is not None and high is not None:
        return f"{number(low)} - {number(high)}"
    if value is None:
        return text or ""
    return _OPS.get(op, "") + number(value)


def period_key(period: str | None) -> tuple[int, int, str]:
    """Sorts periods by their last year, shorter spans after longer ones ending the same year."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", period or "")]
    if not years:
        return (0, 0, period or "")
    return (max(years), min(years), period or "")


def is_year(period: str | None) -> bool:
    return bool(period and re.fullmatch(r"(?:19|20)\d\d", period))
