"""Which figure a percentage belongs to: '2.150 ha, tăng 4,1% so với cùng kỳ' is that area's growth,
'đạt 98% kế hoạch' its share of the plan — and against what (plan, resolution, the same period)."""

from __future__ import annotations

import re

from chitieu.domain import lexicon
from chitieu.domain.extraction import PctBasis
from chitieu.domain.measure_units import UnitFamily
from chitieu.extract.figures import Figure


def _basis(word: str | None) -> PctBasis | None:
    if not word:
        return None
    w = word.lower()
    if w in {"kế hoạch", "kh"}:
        return PctBasis.KE_HOACH
    if w in {"dự toán", "dt"}:
        return PctBasis.DU_TOAN
    if w.startswith("năm") or w == "cùng kỳ":
        return PctBasis.CUNG_KY
    if w.startswith("tháng"):
        return None  # against the month before: none of the bases
    return PctBasis.NGHI_QUYET


BASIS_AFTER = re.compile(
    r"\s*(?:so\s+(?:với\s+)?)?(kế hoạch|KH|chỉ tiêu|Nghị quyết|NQĐH|NQ|dự toán|mục tiêu|cùng kỳ|năm\s+\d{4}|"
    r"năm trước|năm ngoái|tháng trước)(?!\w)"  # not the 'kh' of 'khiếu nại'
    r"((?:\s+[\wÀ-ỹ]+){0,3})",
    re.IGNORECASE,
)
COMPARE_VERB = re.compile(
    r"(?:^|[\s,(])" + lexicon.first_letters("comparison") + lexicon.words("comparison")
    + r"(?:\s+vượt)?(?:\s+" + lexicon.words("approximation") + r")?\s*$", re.IGNORECASE)
DELTA_BEFORE = re.compile(lexicon.first_letters("change") + lexicon.words("change")
                          + r"(?:\s+thêm)?(?:\s+" + lexicon.words("approximation") + r")?\s*$",
                           re.IGNORECASE)


def basis_word(word: str, tail: str) -> PctBasis | None:
    w, t = word.lower(), tail.lower()
    if w == "chỉ tiêu" and re.search(r"nghị quyết|nq|đại hội|đề ra", t):
        return PctBasis.NGHI_QUYET
    if w == "chỉ tiêu":
        return PctBasis.KE_HOACH
    if w == "mục tiêu" and re.search(r"kế hoạch", t):
        return PctBasis.KE_HOACH
    return _basis(word)


def comparison(text: str, fig: Figure, previous: Figure | None, after: re.Match[str] | None,
                verb: re.Match[str] | None, last_end: int) -> tuple[bool, PctBasis | None]:
    """Whether a figure only compares the previous one with its plan or target, and against what
    (`after`: the basis written after it, `verb`: the comparing verb before it)."""
    if previous is None:
        return False, None
    before = text[max(0, fig.start - 25) : fig.start]
    # a count in another unit, with no comparing verb of its own, is a figure of its own: 'tăng 22 vụ,
    # 19 đối tượng so với cùng kỳ' (but 'vượt 5 xã' is how far the one before passed its target)
    other_count = verb is None and fig.family is not UnitFamily.PERCENT and fig.unit_text != previous.unit_text
    if after and (verb or before.rstrip().endswith(("(", ","))) and not other_count \
            and not _names_its_own_subject(text, previous, last_end, fig):
        basis = basis_word(after.group(1), after.group(2) or "")
        delta = DELTA_BEFORE.search(before) is not None
        if delta and basis in (None, PctBasis.CUNG_KY) and (
                previous.family is UnitFamily.PERCENT or fig.family is not UnitFamily.PERCENT):
            return False, None  # 'tăng 2,2% so với năm 2022' after a rate, 'tăng 3.500 m³ so năm 2020'
        return True, basis
    # a bare 'đạt 94%', 'tăng 6%', 'chiếm 41,5%' right after an amount qualifies that amount
    bare = _BARE_PCT_VERB.match(verb.group(0).strip(" ,(")) if verb else None
    # ('… 998.512 tấn, đạt 86,83% kế hoạch, tăng 6,49%': a second one right after the first qualifies it too)
    after_comparison = last_end > previous.unit_end and _pct_follows(text[last_end : fig.start])
    if fig.family is UnitFamily.PERCENT and bare \
            and (bare.group(0).lower() == "chiếm" or _PCT_CLAUSE_END.match(text, fig.unit_end)) \
            and (_pct_follows(_BRACKETED.sub("", text[previous.unit_end : fig.start])) or after_comparison) \
            and (previous.family is not UnitFamily.PERCENT or previous.denominator):
        return True, PctBasis.CUNG_KY if bare.group(0).lower() in ("tăng", "giảm") else None
    return False, None


# An item (after ';') that is only a comparison: 'thực hiện 48,62% kế hoạch năm', 'đạt 82,1% KH TW giao'.
VERB_ONLY_ITEM = re.compile(r"\s*(?:và\s+)?(?:thực hiện|đạt|bằng|vượt)\s*", re.IGNORECASE)
_BARE_PCT_VERB = re.compile(r"đạt|bằng|chiếm|" + lexicon.words("change"), re.IGNORECASE)
# What may end the clause of a bare 'đạt 94%': punctuation, the end, or 'và' opening the next clause.
_PCT_CLAUSE_END = re.compile(r"\s*(?:[,;.)]|$)|\s+và\s")
# '885/942 lượt người tham dự, đạt 94%': a few words that finish the figure's noun, then ', đạt'.
_NOUN_TAIL_THEN_VERB = re.compile(r"\s+(?:[^\W\d_]+\s+){0,4}[^\W\d_]+\s*,\s*(?:đạt|bằng)\s*", re.IGNORECASE)


def _pct_follows(gap: str) -> bool:
    """Whether a bare percentage belongs to the figure before it, given the words between them."""
    return len(gap) <= 12 or _NOUN_TAIL_THEN_VERB.fullmatch(gap) is not None


# '(vốn đầu tư đạt 73,37% kế hoạch': words of a subject of its own before the comparing verb
_SUBJECT_THEN_VERB = re.compile(r"[\s(,;:]*(?:[^\W\d_]+\s+){2,6}(?:đạt|bằng)\s*$", re.IGNORECASE)
_LINKING_WORDS = re.compile(r"^[\s(,;:]*(?:và|trong đó|tương đương|tăng|giảm|so với)\b", re.IGNORECASE)


def _names_its_own_subject(text: str, previous: Figure, last_end: int, fig: Figure) -> bool:
    """Whether a percentage names a subject of its own after the figure before it ('… bằng 49,67% kế
    hoạch (vốn đầu tư đạt 73,37% kế hoạch, …)'): then it is a figure of that subject, not a comparison.
    Words that repeat the figure's own name ('giải ngân 34.683 triệu đồng, giải ngân đạt 100%') do not."""
    basis = BASIS_AFTER.match(text, last_end)  # 'kế hoạch' after the percentage before
    gap = text[basis.end() if basis else last_end : fig.start]
    if not _SUBJECT_THEN_VERB.fullmatch(gap) or _LINKING_WORDS.match(gap):
        return False
    subject = re.sub(r"\s*(?:đạt|bằng)\s*$", "", gap, flags=re.IGNORECASE).strip(" (,;:").lower()
    return subject not in text[max(0, previous.start - 80) : previous.start].lower()


def pct_phrase(text: str, fig: Figure) -> str:
    """The comparison as written: 'vượt 5,46% kế hoạch', 'đạt 99,4% kế hoạch'."""
    lo = max(0, fig.start - 25)
    verb = COMPARE_VERB.search(text, lo, fig.start)
    start = verb.start() if verb else fig.start
    after = BASIS_AFTER.match(text, fig.unit_end)
    return text[start : after.end() if after else fig.unit_end].strip(" ,(")


_BRACKETED = re.compile(r"\([^()]*\)")


def closed_bracket_between(text: str, figure_end: int, pct_start: int) -> bool:
    """Whether the figure sits inside brackets that close before the percentage."""
    between = text[figure_end:pct_start]
    return between.count(")") > between.count("(")
