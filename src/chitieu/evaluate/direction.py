"""The direction of an indicator when the catalogue does not know it, read from its name.

'Tỷ lệ hộ nghèo' is lower-is-better, but 'Giảm tỷ lệ hộ nghèo 3%/năm' and 'Mức giảm tỷ lệ sinh'
measure an amount of reduction and are higher-is-better; 'giảm còn' names a level to get under.
"""

from __future__ import annotations

import re

from chitieu.domain.evaluation import Direction
from chitieu.domain.names import fold

_LEVEL_UNDER = re.compile(r"giam con|xuong con|con duoi|khong qua|khong vuot")
_REDUCTION = re.compile(r"\bmuc giam\b|\bgiam\b")
_LOWER_CONCEPTS = re.compile(
    r"ho ngheo|can ngheo|suy dinh duong|tu vong|tang dan so|phat trien dan so|ty suat sinh|ty le sinh|sinh con thu 3|"
    r"tai nan|toi pham|o nhiem|that nghiep|thap coi|nhe can|chi so gia|ma tuy|chay rung"
)
_BAND_CONCEPTS = re.compile(r"chi so gia tieu dung|\bcpi\b|lam phat")


def direction_from_name(name: str) -> Direction:
    n = fold(name)
    if _BAND_CONCEPTS.search(n):
        return Direction.BAND
    if _LEVEL_UNDER.search(n):
        return Direction.LOWER
    if _REDUCTION.search(n):
        return Direction.HIGHER
    if _LOWER_CONCEPTS.search(n):
        return Direction.LOWER
    return Direction.HIGHER
