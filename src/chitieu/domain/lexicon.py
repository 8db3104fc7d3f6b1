"""The words chitieu's rules rely on, as data: `data/lexicon.toml`, one named entry per meaning
(a target's words, a plan's, an estimate's, a share's…), read by extraction and audit alike.

An entry is a list of phrases in a small notation, so that a newcomer adds a word without writing a
regular expression: words separated by spaces (matched with any run of spaces), `[word]` an optional
word, `{year}` a year (19xx or 20xx), `{plan_year}` a year from 2020 on, `{word}` any one word,
`{words:N}` up to N words. An entry may say `unless_followed_by` (words after which none of its
phrases counts: 'mục tiêu' but not 'mục tiêu quốc gia', a programme's name).

The rules keep the shape of what they look for (before a figure, at a sentence's opening, in a
bracket); the lexicon gives them the words: `words(name)` is a pattern fragment of the entry,
`first_letters(name)` a lookahead on the letters its phrases can start with, which lets a scan of a
long paragraph skip every other position at once. Standard library only.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

_WORD = r"[^\W\d_]+"
_PLACEHOLDERS = {"{year}": r"(?:19|20)\d\d", "{plan_year}": r"20[2-9]\d\b", "{word}": _WORD}
_TOKEN = re.compile(r"\[([^\]]+)\]|\{words:(\d+)\}|\{(?:plan_)?year\}|\{word\}|\S+")


@cache
def _entries() -> dict[str, dict[str, object]]:
    source = resources.files("chitieu.domain").joinpath("data/lexicon.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


def names() -> tuple[str, ...]:
    return tuple(_entries())


def phrases(name: str) -> tuple[str, ...]:
    """The phrases of an entry as written in the lexicon."""
    entry = _entries()[name]
    found = entry.get("phrases")
    if not isinstance(found, list) or not all(isinstance(p, str) and p.strip() for p in found):
        raise ValueError(f"lexicon entry {name!r} needs a list of phrases")
    return tuple(found)


def phrase_pattern(phrase: str) -> str:
    """One phrase of the notation as a regular-expression fragment."""
    parts: list[str] = []
    for m in _TOKEN.finditer(phrase):
        token = m.group(0)
        if m.group(1):  # an optional word or words, glued to what comes before it
            parts.append(r"(?:\s+" + r"\s+".join(re.escape(w) for w in m.group(1).split()) + r")?")
            continue
        if m.group(2):
            parts.append(r"(?:\s+" + _WORD + r"){0," + m.group(2) + "}")
            continue
        piece = _PLACEHOLDERS.get(token, re.escape(token))
        parts.append(piece if not parts else r"\s+" + piece)
    return "".join(parts)


@cache
def words(name: str) -> str:
    """The entry as one pattern fragment `(?:…|…)`, longest phrase first so that 'kế hoạch vốn' wins over
    'kế hoạch'."""
    ordered = sorted(phrases(name), key=len, reverse=True)
    fragment = "(?:" + "|".join(phrase_pattern(p) for p in ordered) + ")"
    unless = _entries()[name].get("unless_followed_by")
    if isinstance(unless, list) and unless:
        fragment += r"(?!\s+(?:" + "|".join(phrase_pattern(u) for u in unless) + "))"
    return fragment


@cache
def first_letters(name: str) -> str:
    """A lookahead on every letter the entry's phrases can start with, in both cases."""
    letters: set[str] = set()
    for phrase in phrases(name):
        first = phrase[:1]
        if first in "{[":
            return ""  # a phrase that opens on a placeholder or an optional word can start anywhere
        letters |= {first.lower(), first.upper()}
    return "(?=[" + "".join(sorted(re.escape(c) for c in letters)) + "])"
