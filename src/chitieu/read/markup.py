"""Clean one line of a text export: markup, footnote marks and inline footnote bodies.

Handles '**bold**', '<b>', '<sup>(n)</sup>', superscript digits, '[footnoteRef:N]',
'[N: footnote text]', '[bookmark: ...]'. A unit exponent ('m<sup>2</sup>', 'm²') is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUP_TAG = re.compile(r"<sup>\s*(.*?)\s*</sup>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|br|p|sub)\b[^>]*>", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\(?\[footnoteRef:\d+\]\)?")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# The lookahead lets the engine skip positions without a superscript at once.
_SUPERSCRIPTS = re.compile(
    r"(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])(?:(?<![mM])[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[mM])[⁰¹⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*|(?<=[mM][²³])[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)
_EMPHASIS = re.compile(r"\*{1,3}")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SPACES = re.compile(r" {2,}")
_FOOTNOTE_BODY_START = re.compile(r"\[(\d+):\s*")
_UNIT_EXPONENT = {"2": "²", "3": "³"}


@dataclass(frozen=True, slots=True)
class CleanLine:
    text: str
    bold: bool
    notes: tuple[tuple[str, str], ...]  # (note id, body text) of inline footnote bodies


def _replace_sup(match: re.Match[str], text: str) -> str:
    inner = match.group(1)
    before = text[: match.start()]
    if inner in _UNIT_EXPONENT and before.endswith(("m", "M")):
        return _UNIT_EXPONENT[inner]
    return " " if before and not before.endswith(" ") else ""


def _split_footnote_bodies(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Take '[12: body]' spans out of the line, matching nested brackets."""
    if "[" not in text:
        return text, []
    notes: list[tuple[str, str]] = []
    out: list[str] = []
    pos = 0
    while True:
        m = _FOOTNOTE_BODY_START.search(text, pos)
        if not m:
            out.append(text[pos:])
            break
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] == "[":
                depth += 1
            elif text[i] == "]":
                depth -= 1
            i += 1
        out.append(text[pos : m.start()])
        body = text[m.end() : i - 1 if depth == 0 else i]
        notes.append((m.group(1), body))
        pos = i
    return "".join(out), notes


_NEEDS_CLEANING = re.compile(r"[*<\[#\t\u00a0⁰¹²³⁴⁵⁶⁷⁸⁹]")  # a plain character set: scanned fast


def _clean_inline(text: str) -> str:
    if "  " not in text and not _NEEDS_CLEANING.search(text):
        return text.strip()
    text = _MD_HEADING.sub("", text)
    text = _BOOKMARK.sub("", text)
    if "[footnoteRef:" in text:
        text = _FOOTNOTE_REF.sub(" ", text)
    text = _SUP_TAG.sub(lambda m: _replace_sup(m, m.string), text)
    text = _TAG.sub("", text)
    text = _SUPERSCRIPTS.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return _SPACES.sub(" ", text).strip()


def clean_line(raw: str) -> CleanLine:
    stripped = raw.strip()
    bold = len(stripped) > 4 and stripped.startswith("**") and stripped.rstrip().endswith("**")
    main, notes = _split_footnote_bodies(raw)
    return CleanLine(
        text=_clean_inline(main),
        bold=bold,
        notes=tuple((nid, _clean_inline(body)) for nid, body in notes if body.strip()),
    )


def clean_cell(raw: str) -> tuple[str, bool]:
    """A table cell's text without markup, and whether it was bold."""
    bold = "**" in raw or "<b>" in raw or "<B>" in raw
    return _clean_inline(raw), bold
