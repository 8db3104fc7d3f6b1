"""Facts from sentences: every number with a measure unit, its comparator, role, period and the
document's own percentage — each linked to its sentence. This module assembles them; each decision
has its module: figures, roles, fact_periods, percentages, naming (the words are in the lexicon)."""

from __future__ import annotations

import re
from dataclasses import replace

from chitieu.domain import lexicon
from chitieu.domain.extraction import GOAL_ROLES, Fact, Op, PctBasis, Quantity, Role
from chitieu.domain.measure_units import UnitFamily
from chitieu.domain.numbers import Style, read_number
from chitieu.extract.clauses import CLAUSE_END, OUTLINE_START, ClauseBreaks, lead_in_of
from chitieu.extract.comparators import op_after, op_before
from chitieu.extract.fact_context import FactContext
from chitieu.extract.fact_periods import names_its_year, period_of
from chitieu.extract.figures import Figure, find_figures, scaled
from chitieu.extract.naming import (
    BARE_NAME,
    NOUN_THEN_COMMA,
    breakdown_opens,
    breakdown_parent,
    indicator_name,
    named_after,
    same_indicator_as_before,
)
from chitieu.extract.percentages import (
    BASIS_AFTER,
    COMPARE_VERB,
    DELTA_BEFORE,
    VERB_ONLY_ITEM,
    basis_word,
    closed_bracket_between,
    comparison,
    pct_phrase,
)
from chitieu.extract.periods import (
    PeriodMention,
    find_periods,
    in_first_half,
    no_later_than,
    year_of,
    year_of_part,
)
from chitieu.extract.roles import next_unit_of_a_list, result_over_plan, role_of

__all__ = ["FactContext", "extract_facts"]  # FactContext is what callers pass in

_ESTIMATE_WORDS = re.compile(lexicon.first_letters("estimate") + r"\b" + lexicon.words("estimate") + r"\b",
                             re.IGNORECASE)


_GOAL_BASES = frozenset({PctBasis.KE_HOACH, PctBasis.NGHI_QUYET, PctBasis.DU_TOAN})


def extract_facts(text: str, line: int, ctx: FactContext, block: int = -1) -> list[Fact]:
    """Every fact written in one paragraph of text (`block`: the paragraph's index in its document)."""
    body_start = OUTLINE_START.match(text)
    floor = body_start.end() if body_start and body_start.end() < len(text) else 0
    figures = find_figures(text, floor)
    if not figures:
        return []
    periods = find_periods(text, year_of(ctx.as_of or ctx.period), not in_first_half(ctx.as_of or ctx.period))
    months = {m.start for m in periods}  # 'trong 9 tháng qua' names a period, it is no figure
    figures = [f for f in figures if f.unit_text != "tháng" or f.start not in months]
    breaks = ClauseBreaks(text)
    facts: list[Fact] = []
    owners: list[Figure] = []
    owner_ends: list[int] = []  # where each of `owners` ends, in order
    opens = breakdown_opens(text)
    named: dict[str | None, Fact] = {}  # the last figure of each unit named by words of its own
    pct_of: dict[int, tuple[float, PctBasis | None, str]] = {}
    delta: set[int] = set()
    by_segment: dict[int, list[int]] = {}  # the facts of each sentence or ';' item, by index in owners
    last_end = 0
    for fig in figures:
        same_segment = by_segment.get(fig.segment, [])
        # '5.266/6.213 trường hợp (giảm trừ 987 trường hợp), đạt 100%': not the figure in brackets
        previous = next((owners[i] for i in reversed(same_segment)
                         if not closed_bracket_between(text, owners[i].unit_end, fig.start)), None)
        after = BASIS_AFTER.match(text, fig.unit_end)
        verb = COMPARE_VERB.search(text[max(0, fig.start - 25) : fig.start])
        is_comparison, basis = comparison(text, fig, previous, after, verb, last_end)
        amounts = [i for i in by_segment.get(fig.segment - 1, []) if owners[i].family is not UnitFamily.PERCENT]
        if previous is None and amounts and after and fig.family is UnitFamily.PERCENT \
                and VERB_ONLY_ITEM.fullmatch(text, fig.sentence_start, fig.start):
            # '… 36.150 tỷ đồng, tăng 16,14%; thực hiện 48,62% kế hoạch năm': an item that is only a
            # comparison compares the amount of the item before
            same_segment, is_comparison = amounts, True
            basis = basis_word(after.group(1), after.group(2) or "")
        if is_comparison:
            target = next((i for i in reversed(same_segment) if i not in delta
                           and not closed_bracket_between(text, owners[i].unit_end, fig.start)), None)
            reading = read_number(fig.numerator)
            if target is not None and target not in pct_of and reading and fig.family is UnitFamily.PERCENT:
                pct_of[target] = (reading.value, basis, pct_phrase(text, fig))
            last_end = after.end(1) if after else fig.unit_end  # past 'kế hoạch' of 'đạt 86,83% kế hoạch'
            continue
        fact = _fact(text, line, ctx, fig, last_end, periods, breaks, block)
        if fact is None:
            continue
        if fact.period in (ctx.as_of, ctx.period) and _BREAKDOWN_OPENING.match(text, fig.sentence_start) \
                and not any(m.governs and fig.sentence_start <= m.start < fig.start for m in periods):
            # '… tính chung 5 tháng đầu năm chỉ số giảm 8,3%. Trong đó, sản phẩm lọc dầu giảm 25,2%': the parts
            # are of the period of the whole the sentence before gave, in turn where it gave several ('tháng 11
            # được 525.969 triệu đồng, lũy kế được 8.812.251 triệu đồng. Trong đó, thu nội địa được …, lũy kế …')
            fact = replace(fact, period=_period_of_the_whole(fact, fig, facts, owners) or fact.period)
        if facts and fact.role is Role.ACTUAL and facts[-1].role in GOAL_ROLES \
                and owners[-1].family is fig.family and next_unit_of_a_list(text, owners[-1].unit_end, fig.start):
            # '… được giao hơn 667 tỷ đồng; Huyện Tiên Du 374,5 tỷ đồng': the next unit's share of the same goal
            fact = replace(fact, role=facts[-1].role, period=facts[-1].period)
        parent = breakdown_parent(text, fig.start, opens, owner_ends)
        if parent is not None and facts[parent].role is not Role.ACTUAL and fact.role is Role.ACTUAL:
            fact = replace(fact, role=facts[parent].role)  # '(trong đó: vốn NSTW 60 tỷ …)' splits a plan
        if BARE_NAME.fullmatch(fact.indicator):
            fact = same_indicator_as_before(fact, named.get(fact.unit))
        if owners and NOUN_THEN_COMMA.fullmatch(text[owners[-1].unit_end : fig.start]):
            fact = named_after(text, fig, fact, ctx)
        before = text[max(0, fig.start - 12) : fig.start]
        if DELTA_BEFORE.search(before) and re.match(r"\s*(?:[\wÀ-ỹ/]+\s*){0,3}so\s", text[fig.unit_end :]):
            delta.add(len(owners))
        if after and verb and fig.family is UnitFamily.PERCENT:
            pct_of[len(owners)] = (fact.quantity.value or 0.0, basis_word(after.group(1), after.group(2) or ""),
                                   pct_phrase(text, fig))
        facts.append(fact)
        if not BARE_NAME.fullmatch(fact.indicator):
            named[fact.unit] = fact
        by_segment.setdefault(fig.segment, []).append(len(owners))
        owners.append(fig)
        owner_ends.append(fig.unit_end)
        last_end = fig.unit_end
    out = []
    for i, (f, fig) in enumerate(zip(facts, owners, strict=True)):
        f = replace(f, pct=pct_of[i][0], pct_basis=pct_of[i][1], pct_phrase=pct_of[i][2]) if i in pct_of else f
        if f.role is Role.TARGET and f.pct_basis in _GOAL_BASES and fig.family is not UnitFamily.PERCENT:
            # '… 7,9 tỷ đồng, vượt 12% mục tiêu đề ra': an amount measured against its goal is what was
            # reached ('hằng năm đạt 100% chỉ tiêu' is itself the goal)
            # and stands when the report does, not when the goal was for
            f = replace(f, role=Role.FORECAST if f.estimate and ctx.in_targets else Role.ACTUAL,
                        period=no_later_than(f.period_as_result or f.period, ctx.as_of or ctx.period))
        out.append(f)
        if result_over_plan(text, f, fig):
            out.append(replace(f, role=Role.PLAN, quantity=Quantity(Op.EQ, value=f.denominator), pct=None,
                               pct_basis=None, pct_phrase=None, estimate=False, denominator=None,
                               period=year_of_part(f.period)))
    return out


# What is said of a figure runs on after it to the next punctuation ('… có 23/27 chỉ tiêu đạt và vượt so
# Nghị quyết', '… trồng được 529 ha ngô ruộng, bằng 105,7% kế hoạch'): a quote holds it.
_STATEMENT_END = re.compile(r"[;()]|[.,](?!\d)")  # not the marks inside a number ("99,4", "1.200")
_STATEMENT_TAIL = 60


def _statement_end(text: str, unit_end: int) -> int:
    m = _STATEMENT_END.search(text, unit_end, unit_end + _STATEMENT_TAIL)
    return m.start() if m else min(len(text), unit_end + _STATEMENT_TAIL)


def _period_of_the_whole(fact: Fact, fig: Figure, facts: list[Fact], owners: list[Figure]) -> str | None:
    """The period of the figure of the sentence before that a part opening a breakdown sentence is a part of:
    of the same unit and role, the first for the first part, the second for the second, and so on."""
    def alike(i: int) -> bool:
        return owners[i].unit_text == fig.unit_text and facts[i].role is fact.role

    before = max((o.sentence_start for o in owners if o.sentence_start < fig.sentence_start), default=None)
    wholes = [facts[i] for i, o in enumerate(owners) if o.sentence_start == before and alike(i)]
    if not wholes:
        return None
    parts_before = sum(1 for i, o in enumerate(owners) if o.sentence_start == fig.sentence_start and alike(i))
    return wholes[parts_before % len(wholes)].period


_BREAKDOWN_OPENING = re.compile(r"\W*" + lexicon.words("breakdown") + r"(?!\w)", re.IGNORECASE)


def _fact(text: str, line: int, ctx: FactContext, fig: Figure, last_end: int,
          periods: list[PeriodMention], breaks: ClauseBreaks, block: int) -> Fact | None:
    reading = read_number(fig.numerator, Style.VIETNAMESE)
    if reading is None:
        return None
    clause_from = breaks.clause_start(fig.start, last_end)
    clause_start = breaks.clause_start(fig.start, 0)
    before_window = text[max(clause_from, fig.start - 40) : fig.start]
    if fig.high is not None:
        high = read_number(fig.high, Style.VIETNAMESE)
        if high is None or high.value <= reading.value:
            return None
        quantity = Quantity(Op.RANGE, low=reading.value, high=high.value)
    else:
        op = op_before(text, fig.start, clause_from) or op_after(text, fig.end) or Op.EQ
        quantity = Quantity(op, value=reading.value, alternatives=reading.alternatives, reason=reading.reason)
    if fig.factor != 1.0:
        quantity = scaled(quantity, fig.factor)
    lead_in = lead_in_of(text, fig, breaks)
    role = role_of(text, clause_from, fig, ctx, periods, lead_in)
    estimate = bool(_ESTIMATE_WORDS.search(before_window))
    period = period_of(text, fig, role, ctx, periods, clause_from, clause_start, lead_in, estimate)
    as_result = period_of(text, fig, Role.ACTUAL, ctx, periods, clause_from, clause_start, lead_in, estimate) \
        if role in GOAL_ROLES else None
    quote_start = clause_from
    while quote_start < fig.start and text[quote_start] in " ,;:.-–(":
        quote_start += 1
    denominator = read_number(fig.denominator) if fig.denominator else None
    named = None
    if ctx.name_indicator is not None:
        after = CLAUSE_END.split(text[fig.unit_end : fig.unit_end + 60], maxsplit=1)[0]
        named = ctx.name_indicator(text[max(0, fig.unit_end - 110) : fig.end], fig.unit_text or None, after)
    return Fact(
        line=line,
        span=(quote_start, fig.unit_end),
        quote=text[quote_start : _statement_end(text, fig.unit_end)].strip(),
        indicator=indicator_name(text, clause_from, fig.start, fig.unit_end, fig),
        role=role,
        period=period,
        quantity=quantity,
        unit=fig.unit_text or None,
        estimate=estimate,
        denominator=denominator.value if denominator else None,
        block=block,
        period_as_result=as_result,
        year_named=names_its_year(text, fig, periods, clause_start, period),
        indicator_id=named[0] if named else None,
        indicator_confidence=named[1] if named else None,
    )
