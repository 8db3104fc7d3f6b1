"""Folding names for comparison: lower case, no diacritics, đ → d, single spaces. Standard library only."""

from __future__ import annotations

import re
import unicodedata


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character: 'Ấ' → 'a', 'đ' → 'd'."""

    def __missing__(self, code: int) -> str:
        ch = chr(code).lower()
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        folded = "d" if ch == "đ" else base
        self[code] = folded
        return folded


_TABLE = _FoldTable()
_NON_WORD = re.compile(r"[^\w%‰/]+")


def fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.translate(_TABLE)).split())
