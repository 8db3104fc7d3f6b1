"""Roman numerals, as used for terms ('khóa XX'), congresses and outline parts. Standard library only."""

from __future__ import annotations

_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LETTER = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(n: int) -> str:
    out = []
    for value, letters in _VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int:
    """The value of a Roman numeral, read leniently (so that a malformed one can be detected)."""
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        value = _LETTER[a]
        total += -value if b and _LETTER[b] > value else value
    return total
