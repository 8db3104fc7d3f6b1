"""Whether a figure IS the value of the catalogue indicator its words name.

Naming an indicator is not measuring it: 'tổng đàn gia súc tăng 1.525 con' names the herd but gives
its increase; '35.487 người được hỗ trợ' may sit next to 'tội phạm' but counts people, not crimes;
'530 buổi ra quân' counts activities, not an urban outcome. A figure becomes the indicator's value only
when the quantity is of the indicator's kind (a level, not a change — unless the indicator is itself a
rate of change), in a compatible measure unit (same family; for counts the same noun), and the name
matched well enough. Otherwise it stays unmapped, with the candidate and the reason kept for review.
These rules decide alone where no verifier is shipped; with one (`data/mapping.json`, a logistic model
trained by `make train` on figures labelled by reading them, tests/data/mapping), the rules' verdict
becomes one of its features and the verifier has the last word, at a line set for high precision: a
value shown under the wrong indicator is worse than an empty cell. Pure: a fact and a candidate in, a
decision out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from chitieu.catalog.model import Indicator, by_id, load_catalog
from chitieu.domain.extraction import Fact
from chitieu.domain.linear_model import LinearModel, ModelSlot
from chitieu.domain.measure_units import UnitFamily, unit_family
from chitieu.domain.names import fold

CONFIDENCE_LINE = 0.9  # a name matched below this (a fuzzy match) is not enough to show a value


class MappingReason(StrEnum):
    MATCHED = "matched"
    UNLIKELY = "unlikely"  # the verifier judged it not that indicator's value
    CHANGE = "change"  # an increase or decrease, not the level the indicator measures
    UNIT_FAMILY = "unit_family"  # measures something else (people against money, a count against a share)
    UNIT_NOUN = "unit_noun"  # counts other things ('lượt người' against 'đảng viên')
    WEAK_NAME = "weak_name"  # the name matched too loosely
    TOPIC = "topic"  # the words name a heading of many kinds of figures, not one quantity


@dataclass(frozen=True, slots=True)
class Mapping:
    indicator_id: str | None  # the indicator the figure is the value of; None: shown nowhere
    candidate_id: str | None  # the indicator its words named, kept for review
    confidence: float | None
    reason: MappingReason


# 'tăng 1.525 con', 'giảm thêm 119 ha', 'tăng hơn 161 tỷ đồng' — but 'giảm còn 2,35%', 'tăng lên 47 triệu'
# name the new level.
_CHANGE_BEFORE = re.compile(
    r"(?:tăng|giảm|tăng thêm|giảm thêm|nhiều hơn|ít hơn|cao hơn|thấp hơn|vượt)(?:\s+(?:khoảng|gần|hơn|trên|được))?\s*$",
    re.IGNORECASE)
_RATE_OF_CHANGE = re.compile(r"tăng trưởng|tốc độ tăng|tốc độ phát triển|mức giảm|mức tăng|giảm", re.IGNORECASE)
_NUMBER_AT_END = re.compile(r"[\d.,]+(?:\s*[-–]\s*[\d.,]+)?\s*\S*\s*\S*$")


def _words_before_number(quote: str) -> str:
    m = _NUMBER_AT_END.search(quote)
    return quote[: m.start()] if m else quote


def _is_change(fact: Fact, indicator: Indicator) -> bool:
    if not _CHANGE_BEFORE.search(_words_before_number(fact.quote)[-30:]):
        return False
    # a rate of change ('tăng trưởng 7,8%', 'mức giảm tỷ lệ hộ nghèo 1,2%/năm') is that indicator's level
    return not (_RATE_OF_CHANGE.search(indicator.name) or indicator.reduces)


def _noun(unit: str) -> str:
    return fold(unit).split("/")[0].strip()


def _same_count(indicator_unit: str, fact_unit: str) -> bool:
    """Whether two counting nouns count the same things: 'xã' and 'xã, thị trấn' do; 'lượt người' (visits,
    attendances) and 'đảng viên' do not."""
    a, b = _noun(indicator_unit), _noun(fact_unit)
    if not a or not b or a == b:
        return True
    if b.startswith("luot") != a.startswith("luot"):
        return False
    return a in b or b in a or a.split()[0] == b.split()[0]


def decide(fact: Fact, indicator: Indicator | None, confidence: float | None) -> Mapping:
    """Whether `fact` is the value of `indicator`, the catalogue indicator its words name."""
    ruled = decide_by_rules(fact, indicator, confidence)
    model = _model()
    if model is None or ruled.candidate_id is None or ruled.reason in (MappingReason.UNIT_FAMILY, MappingReason.TOPIC):
        return ruled
    target = by_id()[ruled.indicator_id or ruled.candidate_id]
    if model.probability(features(fact, target, ruled.reason, confidence)) >= model.threshold:
        return Mapping(target.id, ruled.candidate_id, confidence, MappingReason.MATCHED)
    reason = MappingReason.UNLIKELY if ruled.reason is MappingReason.MATCHED else ruled.reason
    return Mapping(None, ruled.candidate_id, confidence, reason)


def features(fact: Fact, indicator: Indicator, reason: MappingReason, confidence: float | None) -> list[str]:
    """What the verifier weighs: the indicator, the figure's unit and the words before it, alone and
    with the indicator, how much of the indicator's name the quote holds, the rules' verdict."""
    unit = fold(fact.unit or "")
    before = fold(_words_before_number(fact.quote)).split()[-4:]
    quote = set(fold(fact.quote).split())
    name = [w for w in _name_words(indicator.name) if len(w) > 2]
    covered = sum(w in quote for w in name) / len(name) if name else 0.0
    out = [f"ind:{indicator.id}", f"rule:{reason.value}", f"unit:{unit}", f"iu:{indicator.id}|{unit}",
           f"role:{fact.role.value}", f"cover:{min(int(covered * 4), 3)}",
           f"conf:{'none' if confidence is None else min(int((confidence - 0.85) * 40), 4)}"]
    out += [f"b:{w}" for w in before] + [f"ib:{indicator.id}|{w}" for w in before[-2:]]
    named = set(fold(fact.indicator).split()) - set(_name_words(indicator.name))
    out += [f"extra:{w}" for w in sorted(named)[:12]]  # words of the figure's name the indicator's lacks
    if fact.pct is not None:
        out.append("has_pct")
    if fact.denominator is not None:
        out.append("has_denominator")
    return out


@lru_cache(maxsize=1024)  # the catalogue's names: asked for every figure mapped
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


def decide_by_rules(fact: Fact, indicator: Indicator | None, confidence: float | None) -> Mapping:
    """The rules' verdict: the figure's kind of quantity, its unit and how well its name matched."""
    if indicator is None:
        return Mapping(None, None, None, MappingReason.WEAK_NAME)

    def no(reason: MappingReason) -> Mapping:
        return Mapping(None, indicator.id, confidence, reason)

    if indicator.topic:
        return no(MappingReason.TOPIC)
    if confidence is not None and confidence < CONFIDENCE_LINE:
        return no(MappingReason.WEAK_NAME)
    want, got = unit_family(indicator.unit), unit_family(fact.unit)
    if want is not None and got is not None and want is not got:
        return no(MappingReason.UNIT_FAMILY)
    if want is UnitFamily.COUNT and got is UnitFamily.COUNT and not _same_count(indicator.unit, fact.unit or ""):
        return no(MappingReason.UNIT_NOUN)
    if _is_change(fact, indicator):
        reduction = _reductions().get(indicator.id)
        if reduction is not None and _DECREASE.search(_words_before_number(fact.quote)[-30:]):
            # 'tỷ lệ hộ nghèo bình quân giảm 5,22%/năm' is the reduction the catalogue measures
            return Mapping(reduction.id, indicator.id, confidence, MappingReason.MATCHED)
        return no(MappingReason.CHANGE)
    return Mapping(indicator.id, indicator.id, confidence, MappingReason.MATCHED)


_DECREASE = re.compile(r"giảm", re.IGNORECASE)


@cache
def shipped_model() -> LinearModel | None:
    source = resources.files("chitieu.catalog").joinpath("data/mapping.json")
    if not source.is_file():
        return None
    return LinearModel.from_json(json.loads(source.read_text(encoding="utf-8"))["verifier"])


_slot: ModelSlot[LinearModel] = ModelSlot("chitieu_mapping_model", shipped_model)
using = _slot.using  # mapping.using(model): decide with another verifier for a while (None: the rules alone)
_model = _slot.get


@cache
def _reductions() -> dict[str, Indicator]:
    """The reduction indicator of each rate the catalogue has one for ('ty_le_ho_ngheo' → its yearly fall)."""
    return {i.reduces: i for i in load_catalog() if i.reduces}
