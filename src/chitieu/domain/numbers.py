"""Vietnamese and spreadsheet number formats: '17.501', '42,6', '3.692,415', '27.60', '17,504'.

A token whose separator could be a decimal mark or a thousands mark is ambiguous; the parser
returns every reading, and the caller's evidence (unit, row, table style) picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"
NUMBER_RE = re.compile(NUMBER_PATTERN)


class Style(StrEnum):
    """Which convention the surrounding text follows."""

    VIETNAMESE = "vi"  # '.' groups thousands, ',' marks decimals (narrative text)
    SPREADSHEET = "sheet"  # '.' marks decimals (tables pasted from Excel)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class NumberReading:
    value: float
    alternatives: tuple[float, ...] = ()
    reason: str | None = None

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


def _to_float(digits: str) -> float | None:
    try:
        return float(digits)
    except ValueError:
        return None


def _grouped(parts: list[str]) -> bool:
    """True when parts after the first are all three-digit groups (and the first is 1-3 digits)."""
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def read_number(token: str, style: Style = Style.VIETNAMESE) -> NumberReading | None:
    """Every sensible reading of a number token; the first is the one this style prefers."""
    token = token.strip()
    if not token or not NUMBER_RE.fullmatch(token):
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        # the last separator is the decimal mark: '3.692,415' or '1,234.5'
        dec = "," if token.rfind(",") > token.rfind(".") else "."
        grp = "." if dec == "," else ","
        if token.count(dec) > 1:
            return None
        whole, frac = token.split(dec)
        if not _grouped(whole.split(grp)):
            return None
        value = _to_float(whole.replace(grp, "") + "." + frac)
        return NumberReading(value) if value is not None else None
    if not dots and not commas:
        value = _to_float(token)
        return NumberReading(value) if value is not None else None
    sep = "." if dots else ","
    parts = token.split(sep)
    if len(parts) > 2:
        if _grouped(parts):
            return NumberReading(float("".join(parts)))
        if _grouped(parts[:-1]) and len(parts[-1]) < 3:
            # '12.415.6', '9.332.3': thousands grouped, then the decimal mark typed as the same separator
            return NumberReading(float("".join(parts[:-1]) + "." + parts[-1]), reason="decimal_mark_slip")
        return None
    whole, frac = parts
    as_decimal = float(whole + "." + frac)
    if len(frac) != 3 or whole == "0" or len(whole) > 3:
        # '27.60', '42,6', '0.500', '1234,567' cannot be thousands groups
        return NumberReading(as_decimal)
    as_thousands = float(whole + frac)
    prefers_decimal = (sep == ",") == (style is not Style.SPREADSHEET)
    if style is Style.UNKNOWN:
        prefers_decimal = sep == ","
    if prefers_decimal:
        return NumberReading(as_decimal, (as_thousands,), "decimal_by_style")
    return NumberReading(as_thousands, (as_decimal,), "thousands_by_style")


def parse_number(token: str, style: Style = Style.VIETNAMESE) -> float | None:
    reading = read_number(token, style)
    return reading.value if reading else None


def format_number(value: float, decimals: int | None = None) -> str:
    """Vietnamese display: '1.234,5'. Used by tests and exports; the inverse of read_number."""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if decimals is None else f"{value:.{decimals}f}"
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if negative else "") + out
