"""Word's automatic numbering (word/numbering.xml): the labels ('II.', '1.2.', 'a)', '-') that Word
draws in front of list paragraphs but does not store in their text. Without them the outline of a
report whose headings are auto-numbered would be lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from chitieu.domain.numerals import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Level definitions per numId, and the running counters while the body is walked."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        defs = self.levels.get(num_id)
        if not defs or ilvl not in defs:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, defs[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = defs[ilvl]
        if level.fmt == "bullet":
            return "-"
        text = level.text
        for k in range(ilvl, -1, -1):
            value = counters.get(k, defs[k].start if k in defs else 1)
            fmt = defs[k].fmt if k in defs else "decimal"
            text = text.replace(f"%{k + 1}", format_counter(value, fmt))
        return text.strip()


def parse_numbering(root: etree._Element | None) -> Numbering:
    numbering = Numbering()
    if root is None:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for a in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in a.findall(f"{W}lvl"):
            ilvl = int(lvl.get(f"{W}ilvl", "0") or 0)
            fmt_el, text_el, start_el = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
            levels[ilvl] = _Level(
                fmt=fmt_el.get(f"{W}val", "decimal") if fmt_el is not None else "decimal",
                text=text_el.get(f"{W}val", "") if text_el is not None else "",
                start=int(start_el.get(f"{W}val", "1") or 1) if start_el is not None else 1,
            )
        abstract[a.get(f"{W}abstractNumId", "")] = levels
    for num in root.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            numbering.levels[num.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), {})
    return numbering


def paragraph_label(p: etree._Element, numbering: Numbering) -> str:
    """The automatic label of a list paragraph, or '' (numId 0 switches numbering off)."""
    num_pr = p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return ""
    num_id_el, ilvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
    num_id = num_id_el.get(f"{W}val", "") if num_id_el is not None else ""
    if not num_id or num_id == "0":
        return ""
    ilvl = int(ilvl_el.get(f"{W}val", "0") or 0) if ilvl_el is not None else 0
    return numbering.label(num_id, ilvl)
