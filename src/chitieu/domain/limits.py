"""What both databases can hold, checked where a request or a person's text comes in, so that no
database is ever sent a value it would refuse (an error there is a 500 and a dropped connection)."""

from __future__ import annotations

MAX_ROW_ID = 2_147_483_647  # a PostgreSQL integer; SQLite holds more, nobody holds less
MAX_NAME = 80  # an indicator id, a finding kind or severity, a user name
MAX_NOTE = 1000  # a correction's reason, a finding's resolution note
MAX_VALUE = 200  # a corrected value as typed


def row_id(text: str) -> int | None:
    """A row id typed as text ('12'); anything else, a larger one included, is none."""
    text = text.strip()
    number = int(text) if text.isdigit() and len(text) <= 10 else None
    return number if number is not None and 1 <= number <= MAX_ROW_ID else None


def plain(text: str) -> str:
    """Text a person typed, without the control characters (a NUL among them) no database should keep."""
    return "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)


def is_name(text: str) -> bool:
    """Whether `text` can be an indicator id, a finding kind or severity (short, no control character)."""
    return len(text) <= MAX_NAME and text == plain(text)
