"""Folding names for comparison: lower case, no diacritics, đ → d, single spaces. Standard library only."""

from __future__ import annotations

import unicodedata

_KEPT_SYMBOLS = "%‰/"  # part of a name: '%', '‰' and '/' in 'bác sỹ/vạn dân'


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character: 'Ấ' → 'a', 'đ' → 'd', and any
    character that is neither a letter, a digit nor a kept symbol → ' '."""

    def __missing__(self, code: int) -> str:
        ch = chr(code).lower()
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        folded = "".join(c if c.isalnum() or c == "_" or c in _KEPT_SYMBOLS else " " for c in
                         ("d" if ch == "đ" else base))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    # One C-level pass maps every character; splitting then joins the words with single spaces.
    return " ".join(text.translate(_TABLE).split())


def fold_in_place(text: str) -> str | None:
    """`text` folded character by character, offsets kept ('Đạt 5%' → 'dat 5%'), so that windows of a
    long paragraph can be folded once; None when a character folds to more or less than one (a text
    that is not in composed form), where only `fold` of each window is right."""
    folded = text.translate(_TABLE)
    return folded if len(folded) == len(text) else None
