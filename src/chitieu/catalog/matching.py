"""Match a raw indicator name (a table row, or the words before a figure) to the catalogue:
diacritic-insensitive, exact phrases first, then fuzzy (rapidfuzz), with a confidence. A name that
matches nothing well enough stays unmatched: it is reported, never forced onto an indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from chitieu.catalog.model import Indicator, load_catalog
from chitieu.domain.measure_units import UnitFamily, unit_family
from chitieu.domain.names import fold

FUZZY_CUTOFF = 88
_SHORT = 7  # aliases this short ('vụ', 'đơn', 'hộ nghèo') must appear as whole words


@dataclass(frozen=True, slots=True)
class Match:
    indicator: Indicator
    confidence: float  # 0..1


_END = ""  # key of a trie node that closes an alias; its value holds the alias's candidates


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An indicator an alias names, with what scoring it needs worked out once."""

    indicator: Indicator
    length_score: float  # 0.9 + the bonus of a longer, more specific phrase
    short_penalty: float  # a very short alias is weak evidence
    family: UnitFamily | None  # its unit's family, checked against the figure's for short aliases only
    noun: str


@dataclass(frozen=True, slots=True)
class _Index:
    by_text: dict[str, tuple[Indicator, ...]]
    trie: dict[str, Any]  # word → next words (a dict like this one); _END → tuple of _Candidate
    long_texts: tuple[str, ...]


@cache
def _index() -> _Index:
    by_text: dict[str, list[Indicator]] = {}
    for ind in load_catalog():
        for name in dict.fromkeys((ind.name, *ind.aliases)):
            text = fold(name)
            if text and ind not in by_text.setdefault(text, []):
                by_text[text].append(ind)
    trie: dict[str, Any] = {}
    for text, indicators in by_text.items():
        node = trie
        for word in text.split():
            node = node.setdefault(word, {})
        # a long phrase found word for word is evidence enough even if the unit is written oddly
        node[_END] = tuple(_Candidate(ind, 0.9 + min(len(text), 40) / 1000, 0.04 if len(text) < _SHORT else 0,
                                      _family(ind.unit) if len(text) < 12 else None, _noun(ind.unit))
                           for ind in indicators)
    return _Index({t: tuple(i) for t, i in by_text.items()}, trie, tuple(t for t in by_text if len(t) >= 12))


@cache
def _noun(unit: str) -> str:
    """'đảng viên/năm' counts what 'đảng viên' counts: the unit without its per-time tail, folded."""
    return fold(unit).split("/")[0]


@cache
def _family(unit: str) -> UnitFamily | None:
    return unit_family(unit)


@cache
def _unit_words(unit: str) -> str:
    """The unit as words: 'bác sỹ/vạn dân' reads 'bac sy van dan', which name an indicator themselves."""
    return fold(unit).replace("/", " ")


def _compatible(ind: Indicator, unit: str | None) -> bool:
    want, got = _family(ind.unit), _family(unit or "")
    return want is None or got is None or want == got


def match_indicator(name: str, unit: str | None = None, after: str = "", fuzzy: bool = True) -> Match | None:
    """The catalogue indicator `name` refers to. For a figure in a sentence, `name` is the words
    before it and `after` the words that follow ('100% [xã có trạm y tế]'); the indicator named
    closest to the figure wins. `fuzzy` also tries near spellings of the longer names (slower: meant
    for table rows, whose names are few and carefully written)."""
    before = fold(name[-100:])[-90:].replace("/", " ")
    query = f"{before} {_unit_words(unit) if unit else ''} {fold(after)[:60].replace('/', ' ')}".strip()
    if len(query) < 2:
        return None
    words = query.split()
    figure_at = len(before.split())  # in words: the figure stands after the words before it
    noun = _noun(unit) if unit else ""
    got = _family(unit or "")
    # a ratio unit ('bác sỹ/vạn dân') is itself the indicator's name; a plain noun ('đảng viên') is not
    unit_words = len(_unit_words(unit).split()) if unit and "/" in unit else 0
    best: tuple[float, Indicator] | None = None
    index = _index()
    trie = index.trie
    last = len(words) - 1
    for i, word in enumerate(words):
        node = trie.get(word)
        j = i
        while node is not None:
            candidates = node.get(_END)
            if candidates:
                distance = figure_at - (j + 1) if j < figure_at else i - figure_at
                near = max(distance, 0) / 2000
                names_unit = unit_words > 1 and figure_at <= i and j < figure_at + unit_words
                for c in candidates:
                    if c.family is not None and got is not None and c.family != got:
                        continue
                    # longer phrases are more specific; a phrase nearer the figure is its subject
                    score = c.length_score - near - c.short_penalty + (0.03 if noun and c.noun == noun else 0)
                    if names_unit:
                        score += 0.05  # the unit itself names the indicator: '11,5 bác sỹ/vạn dân'
                    if best is None or score > best[0]:
                        best = (score, c.indicator)
            if j == last:
                break
            j += 1
            node = node.get(words[j])
    if best is None and fuzzy:
        for text, score, _ in process.extract(query, index.long_texts, scorer=fuzz.partial_ratio,
                                              score_cutoff=FUZZY_CUTOFF, limit=5):
            candidate = next((i for i in index.by_text[text] if _compatible(i, unit)), None)
            if len(query) >= 0.6 * len(text) and candidate is not None:
                best = (score / 100 * 0.9, candidate)
                break
    if best is None:
        return None
    return Match(best[1], round(min(best[0], 1.0), 3))
