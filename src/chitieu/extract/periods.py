"""Periods written in text: 'năm 2023' → '2023', 'giai đoạn 2020 - 2025' → '2020-2025',
'6 tháng đầu năm 2024' → '6T/2024', 'nhiệm kỳ 2020-2025' → '2020-2025'.
"""

from __future__ import annotations

import re

_YEAR = r"((?:19|20)\d\d)"
_SPAN = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ|từ năm)?\s*" + _YEAR + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _YEAR)
_SIX_MONTHS = re.compile(r"6 tháng (?:đầu )?năm\s*" + _YEAR, re.IGNORECASE)
_NINE_MONTHS = re.compile(r"9 tháng (?:đầu )?năm\s*" + _YEAR, re.IGNORECASE)
_SINGLE = re.compile(r"(?:năm|đến|hết năm|đến năm|đến hết năm)\s*" + _YEAR)


def period_before(text: str) -> str | None:
    """The last period named in `text` (the words before a figure), or None."""
    best: tuple[int, str] | None = None
    for pattern, fmt in ((_SPAN, "{0}-{1}"), (_SIX_MONTHS, "6T/{0}"), (_NINE_MONTHS, "9T/{0}"),
                         (_SINGLE, "{0}")):
        for m in pattern.finditer(text):
            candidate = (m.end(), fmt.format(*m.groups()))
            if best is None or candidate[0] > best[0]:
                best = candidate
    return best[1] if best else None


def find_span(text: str) -> str | None:
    """The first 'YYYY-YYYY' span in `text`."""
    m = _SPAN.search(text)
    return f"{m.group(1)}-{m.group(2)}" if m else None
