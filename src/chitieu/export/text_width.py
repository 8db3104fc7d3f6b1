"""How wide a text is in Times New Roman, to size spreadsheet rows so that no wrapped cell is cut off.

The advance widths (thousandths of the font size) are those of Times New Roman (Liberation Serif has the
same metrics); a Vietnamese letter is as wide as its base letter, whatever its marks."""

from __future__ import annotations

import math
import unicodedata

_WIDTHS = {
    " ": 250, "!": 333, '"': 408, "#": 500, "$": 500, "%": 833, "&": 778, "'": 180, "(": 333, ")": 333, "*": 500,
    "+": 564, ",": 250, "-": 333, ".": 250, "/": 278, ":": 278, ";": 278, "<": 564, "=": 564, ">": 564, "?": 444,
    "@": 921, "[": 333, "]": 333, "_": 500, "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722,
    "H": 722, "I": 333, "J": 389, "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556, "Q": 722, "R": 667,
    "S": 556, "T": 611, "U": 722, "V": 722, "W": 944, "X": 722, "Y": 722, "Z": 611, "a": 444, "b": 500, "c": 444,
    "d": 500, "e": 444, "f": 333, "g": 500, "h": 500, "i": 278, "j": 278, "k": 500, "l": 278, "m": 778, "n": 500,
    "o": 500, "p": 500, "q": 500, "r": 333, "s": 389, "t": 278, "u": 500, "v": 500, "w": 722, "x": 500, "y": 500,
    "z": 444, "đ": 500, "Đ": 722, "≥": 549, "≤": 549, "…": 1000, "‰": 1000, "–": 500, "—": 1000, "×": 564,
}
_DIGIT = 500
_OTHER = 600  # anything not listed: wider than most letters, so that a guess never cuts text off
_BOLD = 1.08  # Times New Roman Bold is about this much wider


def _advance(ch: str) -> int:
    if ch.isdigit():
        return _DIGIT
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    return _WIDTHS.get(base, _OTHER)


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of one line of `text`."""
    return sum(_advance(ch) for ch in text) / 1000 * size_pt * (_BOLD if bold else 1.0)


def wrapped_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines `text` takes when wrapped at spaces into `width_pt` (its own line breaks kept; a
    word longer than the width is broken, as spreadsheets and word processors do)."""
    total = 0
    space = text_width(" ", size_pt, bold)
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            w = text_width(word, size_pt, bold)
            if used and used + space + w > width_pt:
                lines, used = lines + 1, 0.0
            if w > width_pt:  # a word wider than the cell is broken across lines
                extra = math.ceil(w / width_pt) - 1
                lines, used = lines + extra, w - extra * width_pt
                continue
            used = used + space + w if used else w
        total += lines
    return total
