"""Legacy 8-bit Vietnamese font encodings still found in government files.

TCVN3 (ABC, fonts '.VnTime', '.VnArial'...) puts Vietnamese letters on the upper half of the byte
range; its table is generated from glibc's TCVN5712-1 converter (scripts/generate_tcvn3_table.py).
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
ENCODINGS = (TCVN3,)

# Font-name prefixes that announce a TCVN3 font; names ending in 'H' are its upper-case faces.
_TCVN3_FONT_PREFIXES = (".vn",)


@cache
def _table(encoding: str) -> dict[int, str]:
    raw = resources.files("chitieu.read").joinpath("data", f"{encoding}.json").read_text("utf-8")
    return {ord(k): v for k, v in json.loads(raw).items()}


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """Text whose code points are the legacy bytes → Unicode (NFC)."""
    out = text.translate(_table(encoding))
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
    return None


_LEGACY_MARKS = re.compile("[¬®¨©ª«µ¶·¸¹»¼½¾ÆÇËÌÎÏÑÖ×ØÜÞßåæçëîïñö÷øûüþ]")
_LETTERS = re.compile(r"[^\W\d_]")
_SAMPLE = 50_000


def _legacy_share(text: str) -> float:
    """Share of letters that only a legacy encoding would produce in Vietnamese text."""
    sample = text[:_SAMPLE]
    return len(_LEGACY_MARKS.findall(sample)) / (len(_LETTERS.findall(sample)) or 1)


def convert_if_legacy(text: str) -> tuple[str, str] | None:
    """Convert decoded text that is really TCVN3; None when it is ordinary Unicode."""
    if _legacy_share(text) < 0.02:
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
