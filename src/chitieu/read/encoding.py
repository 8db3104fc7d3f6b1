"""Bytes → Unicode text for the encodings Vietnamese offices use, always returned as NFC.

UTF-8/UTF-16 (with or without BOM) and Windows-1258 are decoded by the codec; the legacy
8-bit font encodings (TCVN3/ABC and VNI) are recognised and converted by `legacy_fonts`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from chitieu.domain.errors import ReadError
from chitieu.read import legacy_fonts

# Frequent Vietnamese syllables: a decoding that yields many of them is the right one.
_COMMON = re.compile(
    r"\b(của|và|các|được|năm|trong|với|cho|những|đã|là|người|một|có|theo|huyện|tỉnh|xã|"
    r"thực|hiện|đạt|tỷ|lệ|kế|hoạch|chỉ|tiêu|nghị|quyết|công|tác|phát|triển|kinh|tế)\b",
    re.IGNORECASE,
)


def vietnamese_score(text: str) -> float:
    words = max(1, len(text.split()))
    return len(_COMMON.findall(text)) / words


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name). Raises ReadError when no encoding yields Vietnamese text."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _finish(data.decode(codec, errors="replace"), name), codec.replace("-sig", "")
    utf16 = _looks_utf16(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), name), utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        converted = legacy_fonts.convert_if_legacy(text)
        if converted is not None:
            return _finish(converted[0], name), converted[1]
        return _finish(text, name), "utf-8"
    candidates: list[tuple[float, str, str]] = []
    cp1258 = data.decode("cp1258", errors="replace")
    candidates.append((vietnamese_score(unicodedata.normalize("NFC", cp1258)), cp1258, "cp1258"))
    latin = data.decode("latin-1")
    for legacy in legacy_fonts.ENCODINGS:
        converted_text = legacy_fonts.convert(latin, legacy)
        candidates.append((vietnamese_score(converted_text), converted_text, legacy))
    score, best, encoding = max(candidates, key=lambda c: c[0])
    if score == 0 and _binary(data):
        raise ReadError("read.encoding", file=name)
    return _finish(best, name), encoding


def _binary(data: bytes) -> bool:
    sample = data[:4000]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > 0.05 * max(1, len(sample))


# Control, private-use and surrogate code points (categories Cc, Co, Cs) other than tab and line breaks.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def _finish(text: str, name: str) -> str:
    sample = text[:4000]
    controls = len(_CONTROLS.findall(sample))
    if controls > 0.05 * max(1, len(sample)):
        raise ReadError("read.encoding", file=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a few stray control characters (a NUL) are noise no database should be asked to keep
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text) if controls or _CONTROLS.search(text) else text)
