"""Legacy 8-bit Vietnamese font encodings still found in government files.

TCVN3 (ABC, fonts '.VnTime', '.VnArial'...) puts Vietnamese letters on the upper half of the byte
range; its table is generated from glibc's TCVN5712-1 converter (scripts/generate_tcvn3_table.py).
VNI ('VNI-Times'...) writes a base letter followed by one or two mark characters ('Vieät' = 'Việt');
its table comes from the vietnamese-conversion package (scripts/generate_vni_table.py).
Text in such a font reaches us as Latin-1 look-alikes ('Ch¬ng tr×nh'), both in .txt files and in
.docx runs whose font is a legacy one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

# Font-name prefixes that announce a legacy font; '.Vn…H' names are TCVN3's upper-case faces.
_TCVN3_FONT_PREFIXES = (".vn",)
_VNI_FONT_PREFIXES = ("vni-", "vni ")


@cache
def table(encoding: str) -> dict[str, str]:
    """Legacy character sequence → Unicode letter."""
    raw = resources.files("chitieu.read").joinpath("data", f"{encoding}.json").read_text("utf-8")
    data: dict[str, str] = json.loads(raw)
    return data


@cache
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(table(encoding), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """Text whose code points are the legacy bytes → Unicode (NFC)."""
    mapping = table(encoding)
    out = _pattern(encoding).sub(lambda m: mapping[m.group(0)], text)
    if upper:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


def font_encoding(font_name: str | None) -> tuple[str, bool] | None:
    """(encoding, is_upper_case_face) for a legacy font name, else None."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(_TCVN3_FONT_PREFIXES):
        return TCVN3, name.endswith("h")
    if name.startswith(_VNI_FONT_PREFIXES):
        return VNI, False
    return None


_LEGACY_MARKS = re.compile("[¬®¨©ª«µ¶·¸¹»¼½¾ÆÇËÌÎÏÑÖ×ØÜÞßåæçëîïñö÷øûüþõùäï]")
_NON_LETTERS = re.compile(r"[\W\d_]+")
_SAMPLE = 50_000
_LEGACY_SHARE = 0.02  # of letters: ordinary Vietnamese text has a few of these marks ('ù', 'õ'), not more


def _letters(text: str) -> int:
    return len(_NON_LETTERS.sub("", text))


def _looks_legacy(text: str) -> bool:
    """Whether enough letters are ones only a legacy encoding would produce in Vietnamese text."""
    sample = text[:_SAMPLE]
    marks = _LEGACY_MARKS.subn("", sample)[1]  # counts without building a list of matches
    if not marks:
        return False
    enough = marks / _LEGACY_SHARE
    # Counting letters is the costly part; a prefix with enough of them already rules legacy out.
    if _letters(sample[: int(enough * 2)]) > enough:
        return False
    return marks >= _LEGACY_SHARE * _letters(sample)


def convert_if_legacy(text: str) -> tuple[str, str] | None:
    """Convert decoded text that is really TCVN3; None when it is ordinary Unicode."""
    if not _looks_legacy(text):
        return None
    from chitieu.read.encoding import vietnamese_score

    best: tuple[float, str, str] | None = None
    for encoding in ENCODINGS:
        converted = convert(text, encoding)
        score = vietnamese_score(converted)
        if best is None or score > best[0]:
            best = (score, converted, encoding)
    if best and best[0] > vietnamese_score(text) + 0.05:
        return best[1], best[2]
    return None
