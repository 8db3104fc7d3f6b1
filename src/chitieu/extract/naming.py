"""The name of what a figure measures, from the words before it (or after it, in a figure-first list)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from chitieu.domain import lexicon
from chitieu.domain.extraction import Fact
from chitieu.domain.measure_units import UnitFamily
from chitieu.extract.clauses import OUTLINE_START
from chitieu.extract.fact_context import FactContext
from chitieu.extract.figures import RANK_BEFORE, RANK_UNIT, Figure

_NAME_LEAD = re.compile(r"^[\s,;:.\-–]*(?:và|trong đó|riêng|gồm)?\s*", re.IGNORECASE)
# Words between an indicator's name and its figure ('… ước thực hiện được 17.501 tấn').
_NAME_TAIL_WORDS = frozenset((
    "ước", "dự", "tính", "bình", "quân", "trung", "thực", "hiện", "được", "đạt", "là", "có", "với", "còn",
    "lên", "xuống", "tăng", "giảm", "duy", "trì", "cho", "của", "khoảng", "trên", "dưới", "từ", "gần", ":", "=",
))


def _words_after(text: str, unit_end: int) -> str:
    """The words after a figure's unit, up to the end of its phrase."""
    return _NAME_END.split(text[unit_end : unit_end + 80], maxsplit=1)[0].strip()


def indicator_name(text: str, clause_from: int, start: int, unit_end: int, fig: Figure) -> str:
    if fig.unit_text == RANK_UNIT:  # 'Tăng trưởng kinh tế đứng thứ 7': the rank of what the clause names
        subject = RANK_BEFORE.sub("", text[max(clause_from, start - 160) : start]).strip(" ,;:-–")
        return f"Thứ hạng {subject}".strip()[-120:] if len(subject) >= 4 else "Thứ hạng"
    before = text[max(clause_from, start - 160) : start]
    before = OUTLINE_START.sub("", before) if clause_from == 0 else before
    before = _NAME_LEAD.sub("", before)
    words = before.split()
    while words and words[-1].lower().strip(",;") in _NAME_TAIL_WORDS:
        words.pop()
    name = " ".join(words).strip(" ,;:-–")
    if len(name) < 4:
        name = _words_after(text, unit_end)
    elif fig.family is UnitFamily.COUNT and fig.unit_text and len(words) <= 3 and not _NOUN_HEAD.match(name) \
            and not BARE_NAME.fullmatch(name):
        # 'thu hút 03 nhà đầu tư trồng rừng': a count after a verb is named by its noun as written and
        # the words that finish it (up to the next figure), then the verb
        noun = text[fig.end : unit_end].split("/")[0].strip().lower()
        tail = _DIGIT_RUN.split(_words_after(text, unit_end), maxsplit=1)[0].split()[:10]
        while tail and tail[-1].lower() in _FILLER_WORDS:
            tail.pop()
        verb = [w for w in name.lower().split() if w.strip(",;:") not in _FILLER_WORDS]
        name = " ".join(("Số", noun, *tail, *verb))
    return name[-120:]


_NAME_END = re.compile(r"[,;.()]")
_DIGIT_RUN = re.compile(r"\s*\d")
_FILLER_WORDS = frozenset(("có", "hiện", "nay", "đến", "tổng", "số", "với", "cho", "của", "là", "được", "và", "đã"))
# Words that open the name of a measure ('Tổng số lớp', 'Tỷ lệ …', 'Diện tích …').
_NOUN_HEAD = re.compile(r"(?:số|tổng|tỷ lệ|tỉ lệ|diện tích|sản lượng|giá trị|thu nhập|thu ngân sách|chi ngân sách|"
                        r"mức|tốc độ|lượng|năng suất|doanh thu|kinh phí|vốn|dân số)\b", re.IGNORECASE)
_BREAKDOWN_OPEN = re.compile(r"\(\s*" + lexicon.words("breakdown") + r"\b", re.IGNORECASE)


def breakdown_opens(text: str) -> list[int]:
    """Where each '(trong đó: …' of a paragraph opens: found once, looked up for each figure."""
    return [m.start() for m in _BREAKDOWN_OPEN.finditer(text)] if "(" in text else []


def breakdown_parent(text: str, start: int, opens: list[int], owner_ends: list[int]) -> int | None:
    """The figure a '(trong đó: …)' breakdown around `start` belongs to, if any (`opens` from
    breakdown_opens; `owner_ends` where the figures before end, in order)."""
    i = bisect_right(opens, start) - 1
    if i < 0 or ")" in text[opens[i] : start]:
        return None
    before = bisect_right(owner_ends, opens[i])
    return before - 1 if before else None


# a name that is only a period or a qualifier: 'riêng năm 2025 ước đạt', 'trung bình hằng năm'
BARE_NAME = re.compile(
    r"(?:\s|,|riêng|trong đó|năm|giai đoạn|\d{4}|-|–|ước|đạt|thực hiện|được|trung bình|bình quân|hằng năm|"
    r"hàng năm|mỗi năm|đến|hết|cuối|tính đến|lũy kế|cộng dồn)*", re.IGNORECASE)


def same_indicator_as_before(fact: Fact, earlier: Fact | None) -> Fact:
    """'Tổng thu trên địa bàn … 192 tỷ đồng, riêng năm 2025 ước đạt 22,5 tỷ đồng': a figure with no
    name of its own continues the indicator of `earlier`, the nearest earlier named figure in its unit."""
    if earlier is None:
        return fact
    return replace(fact, indicator_id=earlier.indicator_id, indicator_confidence=earlier.indicator_confidence,
                   indicator=earlier.indicator)


# '75% hộ gia đình, 30% thôn, bản, 95% cơ quan': in such a list each figure comes before its noun
NOUN_THEN_COMMA = re.compile(r"\s+[^\d;.:()]{3,60},\s*")
_NOUN_AFTER = re.compile(r"\s*([^\d;.:()]{3,80}?)(?=,\s*\d|;|\.|\(|$)")


def named_after(text: str, fig: Figure, fact: Fact, ctx: FactContext) -> Fact:
    """Name a figure of a figure-first list by the words that follow it, up to the next figure."""
    noun = _NOUN_AFTER.match(text, fig.unit_end)
    if noun is None:
        return fact
    name = noun.group(1).strip(" ,")
    named = ctx.name_indicator(name, fact.unit, "") if ctx.name_indicator else None
    return replace(fact, indicator=name, indicator_id=named[0] if named else None,
                   indicator_confidence=named[1] if named else None)
