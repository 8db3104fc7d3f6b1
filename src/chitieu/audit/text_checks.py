"""Checks inside the narrative: a ratio against the percentage printed beside it
('12/14 xã, chiếm tỷ lệ 84,6%'; '2.877/2.899 ha, đạt 99,26% kế hoạch')."""

from __future__ import annotations

import re

from chitieu.domain import lexicon
from chitieu.domain.extraction import Fact, Finding, FindingKind, PctBasis, Role, Severity
from chitieu.domain.numbers import format_number, read_number
from chitieu.evaluate.achievement import pct_gap_severity, same_as_printed

_PRINTED = re.compile(r"(\d+(?:,\d+)?)\s*%")
_SHARE_WORDS = re.compile(lexicon.words("share"), re.IGNORECASE)


def printed_decimals(phrase: str | None) -> int:
    m = _PRINTED.search(phrase or "")
    if not m or "," not in m.group(1):
        return 0
    return len(m.group(1).split(",")[1])


def achievement_from_phrase(pct: float, phrase: str | None) -> float:
    """'vượt 5,46% kế hoạch' is 105,46 % of the plan; 'thấp hơn 3%' is 97 %; 'đạt 99,4%' is 99,4 %."""
    words = (phrase or "").lower()
    if words.startswith(("vượt", "cao hơn")):
        return 100 + pct
    if words.startswith("thấp hơn"):
        return 100 - pct
    return pct


def _ratio(f: Fact) -> float | None:
    if f.denominator is None or f.quantity.value is None or f.denominator <= 0:
        return None
    return f.quantity.value / f.denominator * 100


def ratio_findings(facts: tuple[Fact, ...], text_of_block: dict[int, str]) -> list[Finding]:
    out: list[Finding] = []
    for i, f in enumerate(facts):
        ratio = _ratio(f)
        if ratio is None or f.quantity.value == f.denominator:
            continue
        printed: float | None = None
        decimals = 0
        if f.pct is not None and f.pct_basis in (None, PctBasis.KE_HOACH):
            printed = achievement_from_phrase(f.pct, f.pct_phrase)
            decimals = printed_decimals(f.pct_phrase)
        elif i + 1 < len(facts) and facts[i + 1].block == f.block and facts[i + 1].unit == "%":
            g = facts[i + 1]
            between = text_of_block.get(f.block, "")[f.span[1] : g.span[1]]
            if g.quantity.value is not None and len(between) < 50 and _SHARE_WORDS.search(between):
                printed = g.quantity.value
                decimals = 0 if printed.is_integer() else len(f"{printed:g}".split(".")[1])
        if printed is None or same_as_printed(ratio, printed, decimals):
            continue
        excluded = _bracketed_exclusion(text_of_block.get(f.block, ""), f.span[1])
        if excluded and f.denominator and f.quantity.value is not None and f.denominator > excluded \
                and same_as_printed(f.quantity.value / (f.denominator - excluded) * 100, printed, decimals):
            continue  # '2.801/3.214 trường hợp (413 không thể làm sạch), đạt 100%': of the 2.801 that could be
        if f.pct_basis is PctBasis.KE_HOACH and abs(ratio - printed) > 3:
            continue  # '11/14 xã …, đạt 100% kế hoạch': the plan is not the 14, nothing to compare
        out.append(Finding(
            FindingKind.PCT_WRONG, pct_gap_severity(ratio, printed), (f.line,), "audit.ratio_pct",
            {"ratio": f"{_num(f.quantity.value)}/{_num(f.denominator)}", "computed": _num(round(ratio, 2)),
             "printed": _num(printed)},
        ))
    return out


_BRACKET_NUMBER = re.compile(r"\s*\([^()\d]*?(\d[\d.]*)[^()]*\)")


def _bracketed_exclusion(text: str, end: int) -> float | None:
    """The number in brackets right after a ratio, which may take cases out of its base."""
    m = _BRACKET_NUMBER.match(text, end)
    reading = read_number(m.group(1)) if m else None
    return reading.value if reading else None


def _num(x: float | None) -> str:
    return "" if x is None else format_number(round(x, 3))



def _segment_plan(facts: tuple[Fact, ...], i: int) -> Fact | None:
    """The allocation this result answers: the first plan, in the same unit, written since the previous
    percentage of the paragraph ('Năm 2023: phân bổ 334,421 tỷ (trong đó vốn kéo dài 8,182 tỷ); giải
    ngân 334,421 tỷ, đạt 91,94%': the breakdown in brackets comes after the allocation)."""
    f = facts[i]
    j = i - 1
    while j >= 0 and facts[j].block == f.block and facts[j].pct is None:
        j -= 1
    segment = facts[j + 1 : i]
    return next((p for p in segment if p.role is Role.PLAN and p.unit == f.unit and p.quantity.value), None)


_NEAREST_PLANS = 50  # the latest plans of the paragraph a result may answer: bounded work per figure


def plan_pct_findings(facts: tuple[Fact, ...]) -> list[Finding]:
    """'kế hoạch vốn … 326.071 triệu đồng; giải ngân 132.998 triệu đồng, bằng 40,84% kế hoạch':
    the result over its plan against the printed percentage. The plan is the allocation written in the
    same stretch of the paragraph; failing that, the paragraph's plan that comes nearest the printed
    figure, and then only near misses count (a large gap means the % refers to another plan)."""
    out: list[Finding] = []
    plans_so_far: dict[tuple[int, str | None], list[Fact]] = {}  # the plans of each paragraph and unit, in order
    for i, f in enumerate(facts):
        if f.role is Role.PLAN and f.quantity.value:
            plans_so_far.setdefault((f.block, f.unit), []).append(f)
        if f.pct is None or f.pct_basis not in (PctBasis.KE_HOACH, PctBasis.DU_TOAN, None) or f.denominator \
                or f.quantity.value is None or f.role is not Role.ACTUAL:
            continue
        said = achievement_from_phrase(f.pct, f.pct_phrase)
        plan = _segment_plan(facts, i)
        reach = 35.0
        if plan is None and f.pct_basis is not None:
            value = f.quantity.value
            plans = [(abs(value / p.quantity.value * 100 - said), p)
                     for p in plans_so_far.get((f.block, f.unit), [])[-_NEAREST_PLANS:] if p.quantity.value]
            plan, reach = (min(plans, key=lambda t: t[0])[1], 3.0) if plans else (None, 0.0)
        if plan is None or not plan.quantity.value:
            continue
        computed = f.quantity.value / plan.quantity.value * 100
        if abs(computed - said) <= reach and not same_as_printed(computed, said, printed_decimals(f.pct_phrase)):
            lines = tuple(sorted({plan.line, f.line}))
            out.append(Finding(FindingKind.PCT_WRONG, pct_gap_severity(computed, said), lines,
                               "audit.plan_pct", {"actual": _num(f.quantity.value), "plan": _num(plan.quantity.value),
                                                  "computed": _num(round(computed, 2)), "printed": _num(said)}))
    return out


def share_sum_findings(facts: tuple[Fact, ...]) -> list[Finding]:
    """Three or more shares in one sentence that nearly, but not exactly, make 100 %
    ('73,5% kiên cố, 23% bán kiên cố, 3,3% tạm' = 99,8 %)."""
    out: list[Finding] = []
    by_block: dict[int, list[Fact]] = {}
    for f in facts:
        if f.unit == "%" and f.quantity.value is not None and f.quantity.op.value == "=" and f.block >= 0:
            by_block.setdefault(f.block, []).append(f)
    for group in by_block.values():
        for start in range(len(group)):
            total = 0.0
            for end in range(start, min(len(group), start + 4)):  # three or four shares, never more
                total += group[end].quantity.value or 0.0
                if 2 <= end - start <= 3 and 99 <= total <= 101 and abs(total - 100) > 0.15 \
                        and group[end].span[1] - group[start].span[0] < 200:
                    parts = " + ".join(_num(g.quantity.value) for g in group[start : end + 1])
                    out.append(Finding(FindingKind.PCT_WRONG, Severity.WARNING, (group[start].line,),
                                       "audit.shares_sum", {"parts": parts, "total": _num(round(total, 2))}))
                    break
    return out
