"""Learned decisions on the figures the rules find: whether a figure is a fact at all, whether it is a
goal (target, plan) or a result, and, where it is for a span of years, whether it stands at a point of
the span (a level) or adds up over it (a total, a yearly rate).

The rules in `sentences.py` find every figure with a measure unit and propose a role; they were
written against a few long reports and generalise worst exactly on these decisions. Models over named
features — the words before and after the figure, the opening of its sentence and paragraph, its
section, what the rules decided, its period against the document's — are trained by `make train`
(scripts/train_decisions.py) on the annotated corpus and the seed reports and shipped as
`data/decisions.json` with its version and its training data's checksum: boosted trees decide whether a
figure is a fact, linear models the rest. Applying them is pure, deterministic and fast.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from chitieu.domain import lexicon
from chitieu.domain.extraction import GOAL_ROLES, Fact, Role
from chitieu.domain.linear_model import LinearModel, ModelSlot
from chitieu.domain.names import fold, fold_in_place
from chitieu.domain.tree_model import TreeEnsemble
from chitieu.extract.periods import no_later_than, target_period
from chitieu.extract.roles import goal_after_slash, goal_in_brackets, next_unit_of_a_list, spent_right_before

FORMAT_VERSION = 4
_NEGLIGIBLE = 0.005  # weights smaller than this change no decision and are not shipped
_NUMBER_AT_END = re.compile(r"\d[\d.,]*(?:\s*(?:-|–|đến)\s*\d[\d.,]*)?\s*\D{0,30}$")
_SENTENCE_END = re.compile(r"(?:[.!?]\s+|\n|;\s*|:\s*)")
_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-–+•*]|[a-zđ]\))\s*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LETTER = re.compile(r"[a-z]")
_REACH = 300  # how far back cue words are looked for
_CLAUSE = 120  # how far back the words that say what a figure measures are looked for


@dataclass(frozen=True, slots=True)
class DocContext:
    """What a figure's decision may know of its document and section."""

    in_targets: bool
    period: str | None
    plan_period: str | None
    as_of: str | None = None
    previous: str = ""  # the paragraph before: a list of targets often opens there ('Mục tiêu đến năm 2030:')
    # the role the rules gave the last figure of the paragraphs before: a list of goals may run on
    previous_role: Role | None = None


@dataclass(frozen=True, slots=True)
class Model:
    keep: LinearModel | TreeEnsemble
    goal: LinearModel
    level: LinearModel  # in a report over a term: a result that stands at a point, not a total over the term
    goal_level: LinearModel  # a goal for a span of years: a level to reach by its last year, not a total over it
    version: int = FORMAT_VERSION
    data_checksum: str = ""
    # the goal decision again, knowing what `goal` makes of the figures next to it: items of one list share a role
    goal_in_context: LinearModel | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "version": self.version, "data_checksum": self.data_checksum,
            "keep": self.keep.to_json(_NEGLIGIBLE), "goal": self.goal.to_json(_NEGLIGIBLE),
            "level": self.level.to_json(_NEGLIGIBLE), "goal_level": self.goal_level.to_json(_NEGLIGIBLE)}
        if self.goal_in_context is not None:
            out["goal_in_context"] = self.goal_in_context.to_json(_NEGLIGIBLE)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Model:
        part = LinearModel.from_json
        version = data.get("version")
        if version != FORMAT_VERSION:
            raise ValueError(f"decision model format {version!r}, expected {FORMAT_VERSION}")
        keep = data["keep"]
        return cls(TreeEnsemble.from_json(keep) if isinstance(keep, dict) and keep.get("kind") == "trees"
                   else part(keep), part(data["goal"]), part(data["level"]), part(data["goal_level"]),
                   FORMAT_VERSION, str(data.get("data_checksum", "")),
                   part(data["goal_in_context"]) if "goal_in_context" in data else None)


def data_checksum(documents: Iterable[tuple[str, object]]) -> str:
    """The checksum of a training set: each text with its gold facts, in any order."""
    digests = sorted(hashlib.sha256((text + json.dumps(gold, sort_keys=True, ensure_ascii=False)).encode()).hexdigest()
                     for text, gold in documents)
    return hashlib.sha256("".join(digests).encode()).hexdigest()


@cache
def shipped_model() -> Model | None:
    source = resources.files("chitieu.extract").joinpath("data/decisions.json")
    if not source.is_file():
        return None
    return Model.from_json(json.loads(source.read_text(encoding="utf-8")))


_slot: ModelSlot[Model] = ModelSlot("chitieu_decision_model", shipped_model)
using = _slot.using  # decisions.using(model): extract with another model for a while (None: the rules alone)
_model = _slot.get
# a figure's features; whether, as a result, its period is a term report's default; whether, as a goal,
# it would be for a span of years
# and where its paragraph's figures start in the record
Recorded = tuple[list[str], bool, bool, int]
_recording: ContextVar[list[Recorded] | None] = ContextVar("chitieu_decision_features", default=None)


@contextmanager
def recording(into: list[Recorded]) -> Iterator[None]:
    """Append the features of every figure the rules find (before any decision), whether its period is
    the default of a report over a term and whether as a goal it would be for a span, in order: training."""
    token = _recording.set(into)
    try:
        yield
    finally:
        _recording.reset(token)


def _words(text: str) -> list[str]:
    return fold(text).split()


def _first_year(period: str | None) -> int | None:
    m = _YEAR.search(period or "")
    return int(m.group()) if m else None


def _last_year(period: str | None) -> int | None:
    years = _YEAR.findall(period or "")
    return int(years[-1]) if years else None


class _Paragraph:
    """What the features of every figure of one paragraph share, worked out once: its opening, the cue
    of the paragraph before, and (by sentence) the sentence's opening and the cue of the sentences before."""

    __slots__ = ("by_sentence", "common", "folded", "text")

    def __init__(self, text: str, ctx: DocContext) -> None:
        self.text = text
        self.folded = fold_in_place(text)
        self.common = [f"p:{w}" for w in _words(text[:60])[:3]]
        previous = _named_cues(fold(ctx.previous[-_REACH:]))
        if previous:
            self.common.append(f"cue_previous:{previous[-1]}")
        if ctx.in_targets:
            self.common.append("section:targets")
        if _LIST_ITEM.match(text):
            self.common.append("list_item")
        self.by_sentence: dict[int, list[str]] = {}

    def sentence(self, sentence_from: int) -> list[str]:
        known = self.by_sentence.get(sentence_from)
        if known is None:
            known = [f"s:{w}" for w in self.words(sentence_from, sentence_from + 60)[:3]]
            known += _cue_features("paragraph", " ".join(self.words(max(0, sentence_from - _REACH), sentence_from)))
            self.by_sentence[sentence_from] = known
        return known

    def words(self, start: int, end: int) -> list[str]:
        """The folded words of text[start:end]."""
        return self.folded[start:end].split() if self.folded is not None else _words(self.text[start:end])


def features(text: str, fact: Fact, ctx: DocContext, paragraph: _Paragraph | None = None) -> list[str]:
    """The named features of one figure of paragraph `text`. Every window read is bounded, so the work
    per figure stays the same whatever the paragraph's length."""
    shared = paragraph or _Paragraph(text, ctx)
    start, end = _figure_at(fact, text), fact.span[1]
    before = shared.words(max(0, start - 120), start)[-8:]
    after = shared.words(end, end + 80)[:6]
    sentence_from = max(0, start - _REACH)
    for m in _SENTENCE_END.finditer(text, sentence_from, start):
        sentence_from = m.end()
    out = [f"rule:{fact.role.value}", _unit_feature(fact.unit), f"op:{fact.quantity.op.value}"]
    out += [f"b:{w}" for w in before] + [f"a:{w}" for w in after]
    out += [f"b1:{'_'.join(before[-1:])}", f"b2:{'_'.join(before[-2:])}", f"a1:{'_'.join(after[:1])}",
            f"a2:{'_'.join(after[:2])}"]
    out += shared.common + shared.sentence(sentence_from)
    sentence_end = _SENTENCE_END.search(text, end, end + _CLAUSE // 3)
    out += _period_cues(" ".join(shared.words(max(sentence_from, start - _CLAUSE),
                                              sentence_end.start() if sentence_end else end + _CLAUSE // 3)))
    out += _cue_features("sentence", " ".join(shared.words(max(sentence_from, start - _REACH), start)))
    near = text[max(0, start - _REACH) : start]
    if near.count("(") > near.count(")"):
        out.append("in_brackets")
    if fact.pct is not None:
        out += ["has_pct", f"basis:{fact.pct_basis.value if fact.pct_basis else 'none'}"]
    if fact.estimate:
        out.append("estimate")
    if fact.denominator is not None:
        out.append("has_denominator")
    out += _period_features(fact.period, ctx.period, ctx.plan_period)
    if start < 40 and not _SENTENCE_END.search(text, 0, start):
        out.append("near_paragraph_start")
    return out


@cache
def _cues(kinds_of: tuple[str, ...] = ("goal", "result")) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every cue word of the lexicon's entries `{kind}_cue`, longest first, and the kind of
    each."""
    kinds = {word: kind for kind in kinds_of for word in lexicon.phrases(f"{kind}_cue")}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True)))
    return pattern, kinds


def _period_cues(folded: str) -> list[str]:
    """The words of a folded clause that make a figure a total or a yearly rate over a span ('bình quân',
    'hằng năm') or a level at a point ('tỷ lệ', 'đến năm')."""
    pattern, kinds = _cues(("span", "point"))
    return [f"{kinds[m.group()]}_cue:{m.group()}" for m in pattern.finditer(folded)
            if not _LETTER.match(folded, m.end()) and not (m.start() and _LETTER.match(folded, m.start() - 1))]


def _cue_features(where: str, folded: str) -> list[str]:
    """The kind of cue ('goal', 'result') a folded text names last, and every kind it names anywhere: a list
    of goals opened on 'đặt ra' may go on with a result's verb ('… ước đạt 64.400 tỉ đồng')."""
    named = _named_cues(folded)
    if not named:
        return []
    return [f"cue_{where}:{named[-1]}", *(f"any_{where}:{kind}" for kind in sorted(set(named)))]


def _named_cues(folded: str) -> list[str]:
    """The kind ('goal', 'result') of every cue a folded text names, in order."""
    pattern, kinds = _cues()
    return [kinds[m.group()] for m in pattern.finditer(folded)]


@lru_cache(maxsize=256)  # a document's figures have a few units: asked for every figure
def _unit_feature(unit: str | None) -> str:
    return f"unit:{fold(unit or '')}"


@lru_cache(maxsize=256)  # a document names a few periods: asked for every figure
def _period_features(period: str | None, doc_period: str | None, plan_period: str | None) -> tuple[str, ...]:
    if not period:
        return ("period:none",)
    out = ["period:span" if "-" in period else "period:part" if "/" in period else "period:year"]
    doc_year = _last_year(doc_period)
    first = _first_year(period)
    if doc_year is not None and first is not None:
        out.append("period:future" if first > doc_year else "period:past" if first < doc_year else "period:same")
    plan_end = _last_year(plan_period)
    if plan_end is not None and _last_year(period) == plan_end:
        out.append("period:plan_end")
    return tuple(out)


_SHARE_WORDS = re.compile(r"chiếm|t[ỷỉ] lệ|đạt|bằng", re.IGNORECASE)


def _qualifies(kept: Fact, share: Fact, text: str) -> bool:
    """Whether a percentage that is no fact of its own is the share of the figure just before it
    ('12/14 xã, chiếm tỷ lệ 84,6%'): then it stays, as that figure's percentage."""
    between = text[kept.span[1] : share.span[1]]
    return share.unit == "%" and kept.unit != "%" and kept.pct is None and share.quantity.value is not None \
        and len(between) < 50 and _SHARE_WORDS.search(between) is not None


def _figure_at(fact: Fact, text: str) -> int:
    """Where the figure's number starts: the last number of its quote, which may name years before it
    ('Mục tiêu năm 2023 phấn đấu … đạt 621 tỉ đồng')."""
    tail = _NUMBER_AT_END.search(text, fact.span[0], fact.span[1])
    return tail.start() if tail else fact.span[0]


def _plan_after_slash(fact: Fact, text: str) -> bool:
    """Whether a plan is the one after a result and a slash ('38.198 tấn/KH 41.000-42.000 tấn')."""
    return fact.role is Role.PLAN and goal_after_slash(text, _figure_at(fact, text))


@cache
def _strive() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.words("strive") + r"[^.;:!?]{0,100}$", re.IGNORECASE)


def _striven_for(fact: Fact, text: str) -> bool:
    """Whether the figure's own clause strives for it ('toàn huyện phấn đấu trồng 104 ha'): a goal whatever
    the model makes of the words around it."""
    at = _figure_at(fact, text)
    return _strive().search(text, max(0, at - 100), at) is not None


def _spent(fact: Fact, text: str) -> bool:
    """Whether money is spent or collected right before the figure ('giải ngân 34.683 triệu đồng'): a
    result whatever the model makes of the plan named around it."""
    return spent_right_before(text, _figure_at(fact, text))


def _named_goal(fact: Fact, text: str) -> bool:
    """Whether a goal stands in brackets opened on its name after the result it is set against ('tăng 13,87%
    (NQ 3%)', '(kế hoạch tăng 10,6%)')."""
    return fact.role in GOAL_ROLES and goal_in_brackets(text, _figure_at(fact, text)) is not None


def _same_as_the_unit_before(before: Fact, fact: Fact, text: str) -> bool:
    """Whether a goal is the next unit's share of the goal before it ('… được giao hơn 667 tỷ đồng; Huyện
    Tiên Du 374,5 tỷ đồng'): its words are only the unit's name, its role the one decided for the first."""
    return fact.role in GOAL_ROLES and before.role is fact.role and before.unit == fact.unit \
        and next_unit_of_a_list(text, before.span[1], _figure_at(fact, text))


def _plan_of_pair(result: Fact, plan: Fact) -> bool:
    """Whether `plan` is the plan a result over its plan ('61,5/60 ha') was split into."""
    return plan.role is Role.PLAN and plan.span == result.span and result.denominator == plan.quantity.value


@dataclass(frozen=True, slots=True)
class Proposal:
    """One paragraph's figures as the rules found them, with their features and what the goal model makes
    of each on its own."""

    facts: list[Fact]
    text: str
    ctx: DocContext
    features: list[list[str]]
    goals: list[float]


def decide(facts: list[Fact], text: str, ctx: DocContext) -> list[Fact]:
    """The facts of one paragraph as the model decides them, with no paragraph around it."""
    return decide_proposal(propose(facts, text, ctx), None, None)


def propose(facts: list[Fact], text: str, ctx: DocContext) -> Proposal:
    """The features of every figure of one paragraph (recorded when training) and their goal estimates."""
    sink = _recording.get()
    model = _model()
    if not facts or (model is None and sink is None):
        return Proposal(facts, text, ctx, [], [])
    shared = _Paragraph(text, ctx)
    feats_of: list[list[str]] = []
    for i, fact in enumerate(facts):
        feats = features(text, fact, ctx, shared)
        before = facts[i - 1].role if i else ctx.previous_role
        feats.append(f"{'prev' if i else 'prev_paragraph'}:{before.value if before else 'none'}")
        feats_of.append(feats)
    if sink is not None:
        start = len(sink)
        sink.extend((feats, _result_span(fact, ctx) is not None, _goal_span(fact, ctx) is not None, start)
                    for feats, fact in zip(feats_of, facts, strict=True))
    goals = [model.goal.probability(f) for f in feats_of] if model and model.goal_in_context else []
    return Proposal(facts, text, ctx, feats_of, goals)


def decide_proposal(proposal: Proposal, before: Proposal | None, after: Proposal | None,
                    document_goal: float | None = None) -> list[Fact]:
    """The facts of one paragraph as the model decides them: figures that are no fact dropped, and the
    role turned between result and goal where the model is confident the rules erred. `before` and
    `after` are the paragraphs with figures on either side, `document_goal` what the goal model makes of
    the document's figures on average."""
    model = _model()
    facts, text, ctx = proposal.facts, proposal.text, proposal.ctx
    if model is None or not proposal.features:
        return facts
    out: list[Fact] = []
    for i, (fact, feats) in enumerate(zip(facts, proposal.features, strict=True)):
        if model.keep.probability(feats) < model.keep.threshold:
            if out and _qualifies(out[-1], fact, text):
                out[-1] = replace(out[-1], pct=fact.quantity.value, pct_basis=None,
                                  pct_phrase=text[out[-1].span[1] : fact.span[1]].strip(" ,;("))
            continue
        if (i and _plan_of_pair(facts[i - 1], fact)) or _plan_after_slash(fact, text) or _named_goal(fact, text) \
                or (out and _same_as_the_unit_before(out[-1], fact, text)):
            # the 'b' of '140/165 tấn', '38.198 tấn/KH 41.000 tấn' or '13,87% (NQ 3%)': its words are its result's,
            # its role the rules'
            out.append(fact)
            continue
        if model.goal_in_context is not None:
            goal = model.goal_in_context.probability(feats + context_features(
                proposal.goals, i, before.goals[-1] if before and before.goals else None,
                after.goals[0] if after and after.goals else None, document_goal))
        else:
            goal = model.goal.probability(feats)
        if fact.role in GOAL_ROLES and goal < 1.0 - model.goal.threshold and not _striven_for(fact, text):
            # a result is not of a year after the report's: one the goal's period gave is the report's
            fact = replace(fact, role=Role.ACTUAL,
                           period=no_later_than(fact.period_as_result or fact.period, ctx.as_of or ctx.period))
        elif fact.role not in GOAL_ROLES and fact.role is not Role.BASELINE and goal >= model.goal.threshold \
                and not _spent(fact, text):
            # a result's default period is the document's; a target's is the plan's
            default = fact.period in (ctx.period, ctx.as_of)
            period = (target_period(ctx.plan_period, fact.quote) or fact.period) if default else fact.period
            fact = replace(fact, role=Role.TARGET, period=period)
        if fact.role in GOAL_ROLES and (span := _goal_span(fact, ctx)):
            # a level to reach is for the span's last year; a total or a yearly rate, for the whole span
            point = model.goal_level.probability(feats) >= model.goal_level.threshold
            fact = replace(fact, period=span.rsplit("-", 1)[1] if point else span)
        elif span := _result_span(fact, ctx):
            # a level reached stands at a point, the one the report speaks as of; a total adds up over the term
            if model.level.probability(feats) >= model.level.threshold:
                fact = replace(fact, period=_point_of(span, ctx.as_of))
            else:
                fact = replace(fact, period=span)
        out.append(fact)
    return out


def _bucket(goal: float | None) -> str:
    if goal is None:
        return "none"
    return "0" if goal < 0.2 else "1" if goal < 0.5 else "2" if goal < 0.8 else "3"


def context_features(goals: list[float], i: int, goal_before: float | None, goal_after: float | None,
                     document_goal: float | None = None) -> list[str]:
    """What the goal model makes of the figures around the i-th of a paragraph: the one before (or the last
    of the paragraph before), the one after (or the first of the paragraph after), the others on average
    and the whole document's. A list of goals whose items say 'đạt' reads as goals where most of its items
    do, and a page that sets goals as one."""
    out = [f"ctx_prev:{_bucket(goals[i - 1])}" if i else f"ctx_prev_paragraph:{_bucket(goal_before)}",
           f"ctx_next:{_bucket(goals[i + 1])}" if i + 1 < len(goals) else f"ctx_next_paragraph:{_bucket(goal_after)}"]
    if len(goals) > 1:
        out.append(f"ctx_paragraph:{_bucket((sum(goals) - goals[i]) / (len(goals) - 1))}")
    if document_goal is not None:
        out.append(f"ctx_document:{_bucket(document_goal)}")
    return out


_SPAN = re.compile(r"((?:19|20)\d\d)-((?:19|20)\d\d)")


def _result_span(fact: Fact, ctx: DocContext) -> str | None:
    """The span of years a result may add up over: its own period when that is a span, or its document's
    when its period is only the year that report over a term speaks as of ('2020-2025' as of '2024').
    Whether it stands at a point of the span or adds up over it is then a decision."""
    if fact.role in GOAL_ROLES or fact.role is Role.BASELINE or not fact.period or _one_season(fact.period):
        return None
    if _SPAN.fullmatch(fact.period):
        return fact.period
    if fact.year_named:
        return None
    over_a_term = ctx.period is not None and _SPAN.fullmatch(ctx.period) is not None
    return ctx.period if over_a_term and ctx.as_of and ctx.as_of.isdigit() and fact.period == ctx.as_of else None


def _goal_span(fact: Fact, ctx: DocContext) -> str | None:
    """The span of years a goal's figure is for, as a whole or at its end: its own period when that is a
    span, or a span of the document (its plan's, else its own) that its period ends. A goal for a year
    of its own ('Năm 2024, tổng kế hoạch vốn …') stays for that year."""
    if not fact.period or _one_season(fact.period):
        return None
    if _SPAN.fullmatch(fact.period):
        return fact.period
    spans = (p for p in (ctx.plan_period, ctx.period) if p and _SPAN.fullmatch(p))
    return next((p for p in spans if p.rsplit("-", 1)[1] == fact.period), None)


def _one_season(period: str) -> bool:
    """Whether a span is of two years running ('năm học 2023-2024', 'niên vụ 2020-2021'): a school or crop
    year, a period of its own, not a term whose figures stand at a point of it or add up over it."""
    m = _SPAN.fullmatch(period)
    return m is not None and int(m.group(2)) - int(m.group(1)) == 1


def _point_of(span: str, as_of: str | None) -> str:
    """The year a level over `span` stands at: the one the report speaks as of when it falls in the span,
    else the span's last."""
    m = _SPAN.fullmatch(span)
    if m is None:
        return span
    first, last = int(m.group(1)), int(m.group(2))
    return as_of if as_of and as_of.isdigit() and first < int(as_of) <= last else str(last)
