"""Match a raw indicator name (a table row, or the words before a figure) to the catalogue:
diacritic-insensitive, exact phrases first, then fuzzy (rapidfuzz), with a confidence. A name that
matches nothing well enough stays unmatched: it is reported, never forced onto an indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from chitieu.catalog.model import Indicator, load_catalog
from chitieu.domain.names import fold
from chitieu.extract.measure_units import UnitFamily, unit_family

FUZZY_CUTOFF = 88
_SHORT = 7  # aliases this short ('vụ', 'đơn', 'hộ nghèo') must appear as whole words


@dataclass(frozen=True, slots=True)
class Match:
    indicator: Indicator
    confidence: float  # 0..1


_END = ""  # key of a trie node that closes an alias


@dataclass(frozen=True, slots=True)
class _Index:
    by_text: dict[str, tuple[Indicator, ...]]
    trie: dict[str, dict]  # type: ignore[type-arg]  # word → next words; _END marks a whole alias
    long_texts: tuple[str, ...]


@cache
def _index() -> _Index:
    by_text: dict[str, list[Indicator]] = {}
    for ind in load_catalog():
        for name in {ind.name, *ind.aliases}:
            text = fold(name)
            if text and ind not in by_text.setdefault(text, []):
                by_text[text].append(ind)
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in by_text:
        node = trie
        for word in text.split():
            node = node.setdefault(word, {})
        node[_END] = {}
    return _Index({t: tuple(i) for t, i in by_text.items()}, trie, tuple(t for t in by_text if len(t) >= 12))


@cache
def _noun(unit: str) -> str:
    """'đảng viên/năm' counts what 'đảng viên' counts: the unit without its per-time tail, folded."""
    return fold(unit).split("/")[0]


@cache
def _family(unit: str) -> UnitFamily | None:
    return unit_family(unit)


def _compatible(ind: Indicator, unit: str | None) -> bool:
    want, got = _family(ind.unit), _family(unit or "")
    return want is None or got is None or want == got


def match_indicator(name: str, unit: str | None = None, after: str = "", fuzzy: bool = True) -> Match | None:
    """The catalogue indicator `name` refers to. For a figure in a sentence, `name` is the words
    before it and `after` the words that follow ('100% [xã có trạm y tế]'); the indicator named
    closest to the figure wins. `fuzzy` also tries near spellings of the longer names (slower: meant
    for table rows, whose names are few and carefully written)."""
    before = fold(name[-100:])[-90:]
    tail = fold(after)[:60]
    # 'bác sỹ/vạn dân' reads as the words 'bác sỹ vạn dân', which name an indicator themselves
    query = f"{before} {fold(unit) if unit else ''} {tail}".replace("/", " ").strip()
    if len(query) < 2:
        return None
    figure_at = len(before.replace("/", " ").split())  # in words: the figure stands after the words before it
    noun = _noun(unit) if unit else ""
    # a ratio unit ('bác sỹ/vạn dân') is itself the indicator's name; a plain noun ('đảng viên') is not
    unit_words = len(fold(unit).replace("/", " ").split()) if unit and "/" in unit else 0
    index = _index()
    best: tuple[float, Indicator] | None = None
    words = query.split()
    trie = index.trie
    for i in [i for i, w in enumerate(words) if w in trie]:  # only words that can open an alias
        node = trie[words[i]]
        j = i
        while True:
            if _END in node:
                text = " ".join(words[i : j + 1])
                distance = figure_at - (j + 1) if j < figure_at else i - figure_at
                for ind in index.by_text[text]:
                    # a long phrase found word for word is evidence enough even if the unit is written oddly
                    if len(text) < 12 and not _compatible(ind, unit):
                        continue
                    # longer phrases are more specific; a phrase nearer the figure is its subject
                    score = 0.9 + min(len(text), 40) / 1000 - max(distance, 0) / 2000 \
                        - (0.04 if len(text) < _SHORT else 0) + (0.03 if noun and _noun(ind.unit) == noun else 0)
                    if unit_words > 1 and figure_at <= i and j < figure_at + unit_words:
                        score += 0.05  # the unit itself names the indicator: '11,5 bác sỹ/vạn dân'
                    if best is None or score > best[0]:
                        best = (score, ind)
            j += 1
            if j >= len(words):
                break
            node = node.get(words[j])  # type: ignore[assignment]
            if node is None:
                break
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
