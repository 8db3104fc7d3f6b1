"""Periods written in text: 'năm 2023' → '2023', 'giai đoạn 2020 - 2025' → '2020-2025',
'6 tháng đầu năm 2024' → '6T/2024', 'nhiệm kỳ 2020-2025' → '2020-2025'.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

_YEAR = r"((?:19|20)\d\d)"
_SPAN = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ|từ năm)?\s*" + _YEAR + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _YEAR)
# One pass finds every kind of period; the named group says which one matched. The lookahead on
# the first characters lets the engine skip every other position at once.
_ANY = re.compile(
    r"(?=[1269nNđĐhH])(?:(?P<span>(?:19|20)\d\d\s*(?:-|–|đến|tới)\s*(?:năm\s*)?(?:19|20)\d\d)"
    r"|(?P<half>[69]) tháng (?:đầu )?năm\s*(?P<half_year>(?:19|20)\d\d)"
    r"|(?:năm|đến|hết năm|đến năm|đến hết năm)\s*(?P<year>(?:19|20)\d\d))",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    value: str


_END = attrgetter("end")


def _value(m: re.Match[str]) -> str:
    if m.group("span"):
        first, second = _YEARS.findall(m.group("span"))[-2:]
        return f"{first}-{second}"
    if m.group("half"):
        return f"{m.group('half')}T/{m.group('half_year')}"
    return m.group("year")


def find_periods(text: str) -> list[PeriodMention]:
    """Every period named in a paragraph, in order; found once and then looked up per figure."""
    return [PeriodMention(m.start(), m.end(), _value(m)) for m in _ANY.finditer(text)]


def last_period(mentions: list[PeriodMention], lo: int, hi: int, reach: int = 200) -> str | None:
    """The last period written between `lo` and `hi` — and within `reach` characters of `hi`, since
    a period that governs a figure is written close to it."""
    lo = max(lo, hi - reach)
    i = bisect_right(mentions, hi, key=_END) - 1
    if i >= 0 and mentions[i].start >= lo:
        return mentions[i].value
    return None


def period_before(text: str) -> str | None:
    """The last period named in `text` (the words before a figure), or None."""
    return last_period(find_periods(text), 0, len(text))


def find_span(text: str) -> str | None:
    """The first 'YYYY-YYYY' span in `text`."""
    m = _SPAN.search(text)
    return f"{m.group(1)}-{m.group(2)}" if m else None
