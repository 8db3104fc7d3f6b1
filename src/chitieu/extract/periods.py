"""Periods written in text: 'năm 2023' → '2023', 'giai đoạn 2020 - 2025' → '2020-2025',
'6 tháng đầu năm 2024' → '6T/2024', 'nhiệm kỳ 2020-2025' → '2020-2025'.
"""

from __future__ import annotations

import re

_YEAR = r"((?:19|20)\d\d)"
_SPAN = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ|từ năm)?\s*" + _YEAR + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _YEAR)
# One pass finds every kind of period; the named group says which one matched.
_ANY = re.compile(
    r"(?P<span>" + _SPAN.pattern.replace("((?:19", "(?:(?:19") + r")"
    r"|(?P<half>[69]) tháng (?:đầu )?năm\s*(?P<half_year>(?:19|20)\d\d)"
    r"|(?:năm|đến|hết năm|đến năm|đến hết năm)\s*(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?:19|20)\d\d")


def period_before(text: str) -> str | None:
    """The last period named in `text` (the words before a figure), or None."""
    last = None
    for last in _ANY.finditer(text[-200:]):  # a period that governs a figure is written close to it
        pass
    if last is None:
        return None
    if last.group("span"):
        first, second = _YEARS.findall(last.group("span"))[-2:]
        return f"{first}-{second}"
    if last.group("half"):
        return f"{last.group('half')}T/{last.group('half_year')}"
    return last.group("year")


def find_span(text: str) -> str | None:
    """The first 'YYYY-YYYY' span in `text`."""
    m = _SPAN.search(text)
    return f"{m.group(1)}-{m.group(2)}" if m else None
