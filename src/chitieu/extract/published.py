"""When a web page was published: the year and month that complete the periods its text leaves
without a year ('6 tháng đầu năm', 'tháng 10', 'năm nay').

A page says it in several places, trusted in this order: the date stamp a stored page opens on
(' date 2024-07 …'); its address, where Vietnamese news sites write the date ('…-20241023174555259.htm',
'/2024/10/…', 'd2013071009377837', or a time stamp in milliseconds); a dateline near the top
('17:11 | 28/06/2024'), the latest one, since a related item's date can stand before the item's (but
under the headline where the page prints it again: above it stands the site's clock); else the day of
the event an account opens on ('Sáng ngày 28/7/2023, …').
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_STAMP = re.compile(r"\s*date\s+((?:19|20)\d\d)-(\d\d)\b")
_URL_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{6,}(?!\d)")
_URL_PATH = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-]")
_URL_MILLISECONDS = re.compile(r"(?<!\d)(1[2-7]\d{11})(?!\d)")
_DATELINE = re.compile(r"(?<![\d/])(0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-]((?:19|20)\d\d)(?!\d)")
_DATELINE_WORDS = re.compile(r"ngày\s+(0?[1-9]|[12]\d|3[01])\s+tháng\s+(0?[1-9]|1[0-2])\s+năm\s+((?:19|20)\d\d)",
                             re.IGNORECASE)
# an account that opens on the day of its event ('Sáng ngày 28/7/2023, Hội đồng nhân dân thị trấn …')
_EVENT_DATE = re.compile(r"\W*(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày|hôm)\s+(0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])"
                         r"[/.-]((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_DATELINE_LENGTH = 120  # a dateline is a short line of its own, not a sentence naming a date
_DATELINE_LINES = 12


def published(url: str | None, head: list[str], headline: str | None = None) -> tuple[int, int] | None:
    """(year, month) the page was published, or None. `head` is its first lines of text, `headline` the
    page's title: a dateline under it, where the page prints it again, is the item's own, and one above it
    the site's clock."""
    for line in head[:3]:
        if m := _STAMP.match(line):
            return int(m.group(1)), int(m.group(2))
    if url and (found := _from_address(url)):
        return found
    lines = head[:_DATELINE_LINES]
    title = headline.strip().lower() if headline else None
    below = next((i + 1 for i, line in enumerate(lines) if title and line.strip().lower() == title), 0)
    dates = _datelines(lines[below:]) or _datelines(lines)
    if dates:
        return max(dates)
    events = [(int(m.group(3)), int(m.group(2))) for line in head[:_DATELINE_LINES] if (m := _EVENT_DATE.match(line))]
    return events[0] if events else None


def _datelines(lines: list[str]) -> list[tuple[int, int]]:
    return [(int(m.group(3)), int(m.group(2))) for line in lines if len(line) <= _DATELINE_LENGTH
            for pattern in (_DATELINE, _DATELINE_WORDS) for m in pattern.finditer(line)]


def _from_address(url: str) -> tuple[int, int] | None:
    if m := _URL_DIGITS.search(url):
        return int(m.group(1)), int(m.group(2))
    if m := _URL_PATH.search(url):
        return int(m.group(1)), int(m.group(2))
    if m := _URL_MILLISECONDS.search(url):
        at = datetime.fromtimestamp(int(m.group(1)) / 1000, tz=UTC)
        return at.year, at.month
    return None
