"""Folding names for comparison: lower case, no diacritics, đ → d, single spaces. Standard library only."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^\w%‰/]+", " ", stripped).split())
