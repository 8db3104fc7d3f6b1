"""Facts from sentences: every number with a measure unit, its comparator, role, period and the
document's own percentage ('đạt 99,4% kế hoạch'), linked to the line it came from.

Pure: a paragraph and its context in, facts out. Dates, document numbers, years used as names,
outline numbers and footnote marks are not facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter

from chitieu.domain.extraction import Fact, Op, PctBasis, Quantity, Role
from chitieu.domain.measure_units import UnitFamily, match_unit
from chitieu.domain.numbers import NUMBER_PATTERN, Style, read_number
from chitieu.extract.comparators import op_after, op_before
from chitieu.extract.periods import PeriodMention, find_periods, last_period, target_period, year_of

# How far back the words that qualify a figure are looked for.
_CONTEXT = 300
# Patterns scanned across whole paragraphs open with a lookahead on their possible first characters:
# the engine then rejects every other position at once instead of trying each alternative there.
# A number right after '/' is a figure only after a word ('120 vụ/150 đối tượng'), not a digit ('6/2023').
_TOKEN = re.compile(
    r"(?=\d)(?<![\w.,+-])(?<!\d/)(" + NUMBER_PATTERN + r")(?:\s*/\s*(" + NUMBER_PATTERN + r"))?(?![\d/])"
)
_RANGE_TAIL = re.compile(r"\s*(?:%|‰)?\s*(?:-|–|÷|đến|tới)\s*(" + NUMBER_PATTERN + r")(?![\w/])")
_CLAUSE_END = re.compile(r"[;.()]")
_RATIO_SHARE = re.compile(r"\s*,?\s*(?:tỷ lệ|chiếm|đạt)\s+\d", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"^\s*(?:-|/)\s*[A-ZĐ]{1,}|^\s*/\s*\d{2,4}\s*/\s*[A-ZĐ]")
# A number right after these words names a date, an ordinal or a document, even when a unit follows.
# '6 tháng đầu năm', '9 tháng năm 2024': a part of the year, the period of the figures that follow.
# '6 tháng qua', 'Tình hình kinh tế - xã hội 6 tháng,': a part of the year too, not a duration.
_PART_OF_YEAR = re.compile(r"\s+(?:đầu |cuối )?năm\b|\s+(?:qua|vừa qua|của năm|đầu năm|cuối năm)\b|\s*(?:[,;:)]|$)",
                           re.IGNORECASE)
# 'tỷ lệ 1/500', 'tỉ lệ 1/2.000': the scale of a map or a plan.
_MAP_SCALE = re.compile(r"t[ỷỉ] lệ\s*1\s*/\s*[\d.]+$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d|\d{1,2}")
_RANK_BEFORE = re.compile(r"(?:đứng|xếp|xếp hạng|vị)\s+(?:vị\s+)?thứ\s*$", re.IGNORECASE)
RANK_UNIT = "thứ hạng"
_NOT_VALUE_BEFORE = re.compile(r"(?=[ntqlk])\b(?:ngày|tháng|năm|quý|lần thứ|thứ|khóa|khoá)\s*$", re.IGNORECASE)
_OUTLINE_START = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]\s*-?|[IVXLC]+[.\-–)]|[a-zđ][.)]|\(\d+\)\s*-?|-)\s*")
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s+(?=[A-ZÀ-ỸĐ])|\(|\)")

_TARGET_WORDS = re.compile(
    r"(?=[pmcđdnk])\b(?:phấn đấu|mục tiêu(?! quốc gia)|chỉ tiêu (?:đề ra|giao|là|đến)|đến năm 20\d\d (?:đạt|có|là)|"
    r"định hướng|dự kiến (?:năm|đến)|Nghị quyết (?:đề ra|giao)|kế hoạch (?:năm|đề ra) 20\d\d (?:là|đạt))",
    re.IGNORECASE,
)
_PLAN_WORDS = re.compile(
    r"(?=[kd])\b(?:kế hoạch(?: vốn)?(?: được)?(?: giao)?|KH giao|dự toán(?: giao)?)\s*(?:là|:)?\s*$", re.IGNORECASE)
_ALLOCATION_WORDS = re.compile(
    r"(?=[kvđpdc])(?:kế hoạch vốn|vốn (?:được )?(?:giao|phân bổ)|được (?:[\wÀ-ỹ]+ ){0,3}(?:giao|phân bổ)|phân bổ|"
    r"vốn kéo dài|dự toán (?:giao|được giao|chuyển nguồn)|chuyển nguồn)",
    re.IGNORECASE,
)
_SPENDING_VERBS = "giải ngân|đã chi|quyết toán|thực hiện được"
_SPENDING = re.compile(r"(?=[gđqt])(?:" + _SPENDING_VERBS + ")", re.IGNORECASE)
_SPENT_WORDS = re.compile(r"(?=[gđqt])(?:" + _SPENDING_VERBS + "|đạt)", re.IGNORECASE)  # also 'đạt', a result
_TARGET_REFERENCE = re.compile(r"(?=[st])(?:so với|theo) (?:chỉ tiêu |mục tiêu )?nghị quyết(?: đại hội)?(?: là)?\s*$",
                               re.IGNORECASE)
# A bracket opened on the name of a goal: '(KH 39-40%)', '(Nghị quyết 12%/năm)', '(kịch bản là 9,0%)'.
_GOAL_IN_BRACKETS = re.compile(
    r"\(\s*(?:so với\s+|theo\s+)?(KH|kế hoạch vốn|kế hoạch|chỉ tiêu|mục tiêu|nghị quyết|NQ|kịch bản|dự toán)\b"
    r"[^()\d]{0,50}$", re.IGNORECASE)
_FORECAST_WORDS = re.compile(r"(?=[dư])\b(?:dự ước|ước cả năm|ước thực hiện cả năm)", re.IGNORECASE)
_INTENT_WORDS = re.compile(r"(?=d)\bdự kiến\b", re.IGNORECASE)
_ESTIMATE_WORDS = re.compile(r"(?=[ưd])\b(?:ước|dự ước|ước tính|ước thực hiện)\b", re.IGNORECASE)
_RESULT_WORDS = re.compile(r"(?=[đtk])\b(?:đã|được|đạt được|thực hiện được|kết quả)\b", re.IGNORECASE)
_NAME_LEAD = re.compile(r"^[\s,;:.\-–]*(?:và|trong đó|riêng|gồm)?\s*", re.IGNORECASE)
# Words between an indicator's name and its figure ('… ước thực hiện được 17.501 tấn').
_NAME_TAIL_WORDS = frozenset((
    "ước", "dự", "tính", "bình", "quân", "trung", "thực", "hiện", "được", "đạt", "là", "có", "với", "còn",
    "lên", "xuống", "tăng", "giảm", "duy", "trì", "cho", "của", "khoảng", "trên", "dưới", "từ", "gần", ":", "=",
))


@dataclass(frozen=True, slots=True)
class FactContext:
    """What a paragraph inherits from the document: its section's purpose and periods, and how to name
    the catalogue indicator of a figure from the words before and after it (none: left unnamed)."""

    in_targets: bool
    period: str | None
    plan_period: str | None
    name_indicator: Callable[[str, str | None, str], tuple[str, float] | None] | None = None
    # What a report over a term speaks as of (Metadata.as_of): the period of a level with none of its own
    as_of: str | None = None


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


def _is_excluded(text: str, start: int, end: int) -> bool:
    if _DOC_NUMBER.match(text[end : end + 8]):
        return True
    before = _NOT_VALUE_BEFORE.search(text[max(0, start - 25) : start])
    # after 'năm' only a year is no figure: 'cây hàng năm 80.464,3 ha' is one
    if before is None:
        return False
    return not before.group(0).lower().startswith("năm") or _YEAR_LIKE.fullmatch(text[start:end]) is not None


def _years(low: str, high: str) -> bool:
    """'2020 - 2025' names a period, whatever word follows it."""
    return all(len(x) == 4 and x[:2] in ("19", "20") and x.isdigit() for x in (low, high))


_SENTENCE_BREAK = re.compile(r"\.\s+(?=[A-ZÀ-ỸĐ])|\n")


class _ClauseBreaks:
    """The clause breaks of a paragraph (';', ':', a parenthesis, a sentence end) and its sentence
    ends, each found in one pass and then looked up for each figure."""

    __slots__ = ("ends", "sentence_ends", "sentence_starts", "starts")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        sentences = [m.span() for m in _SENTENCE_BREAK.finditer(text)] if ";" in text else []
        self.sentence_starts = [s for s, _ in sentences]
        self.sentence_ends = [e for _, e in sentences]

    def clause_start(self, pos: int, floor: int) -> int:
        """Where the clause holding `pos` starts: after the last break before it, within 300
        characters and not before `floor`."""
        i = bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 and self.starts[i] >= max(floor, pos - 300) else floor

    def sentence_start(self, pos: int) -> int | None:
        """Where the sentence holding `pos` starts, if that is within the words that qualify it."""
        floor = pos - _CONTEXT
        i = bisect_right(self.sentence_ends, pos) - 1
        if i >= 0 and self.sentence_starts[i] >= max(floor, 0):
            return self.sentence_ends[i]
        return 0 if floor <= 0 else None


_LEAD_IN = 200
_FIRST_FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d")  # a number that is not a year


def _lead_in(text: str, fig: _Figure, breaks: _ClauseBreaks) -> tuple[int, int] | None:
    """For an item after a ';', where the words that open its sentence before the first figure
    are ('Năm 2024 phấn đấu: A đạt 8%; B đạt …'): its items share them. None for other figures."""
    if fig.sentence_start == 0 or text[fig.sentence_start - 1] != ";":
        return None
    start = breaks.sentence_start(fig.start)
    if start is None:
        return None  # the sentence opens further back than the words that qualify a figure
    first_figure = _FIRST_FIGURE.search(text, start, fig.sentence_start)
    end = first_figure.start() if first_figure else fig.sentence_start
    # a long account before the first figure is a narrative of its own, not a lead-in to a list
    return (start, end) if end - start <= _LEAD_IN else None


def _role(text: str, clause_from: int, fig: _Figure, ctx: FactContext, periods: list[PeriodMention],
          lead_in: tuple[int, int] | None) -> Role:
    """Result, target or plan, from the words before the figure (and the lead-in of its sentence)
    and the part of the document."""
    start, family = fig.start, fig.family
    sentence = text[max(fig.sentence_start, start - _CONTEXT) : start]
    lead = f"{text[lead_in[0] : lead_in[1]]} … {sentence}" if lead_in else sentence
    clause = text[clause_from:start]
    window = text[max(clause_from, start - 40) : start]
    if _TARGET_REFERENCE.search(window):
        return Role.TARGET
    if _PLAN_WORDS.search(window):
        return Role.PLAN
    opened = text.rfind("(", max(0, start - 60), start)
    goal = _GOAL_IN_BRACKETS.match(text, opened, start) if opened >= 0 and ")" not in text[opened:start] else None
    if goal:  # '11,5% (KH 9%)', '(chỉ tiêu Nghị quyết là 3.320 USD)': the goal the result is set against
        return Role.PLAN if goal.group(1).lower().startswith(("dự toán", "kế hoạch vốn")) else Role.TARGET
    # 'giải ngân: 71.207,33 triệu đồng': the colon ends the clause but not the verb's reach
    near = max(fig.sentence_start, start - 25)
    spent = _SPENT_WORDS.search(clause) or (near < clause_from and _SPENT_WORDS.search(text[near:start]))
    if family is UnitFamily.MONEY and not spent and _ALLOCATION_WORDS.search(sentence + " " + clause):
        return Role.PLAN
    year = last_period(periods, start - len(sentence), start)
    past = year is not None and ctx.plan_period is not None and year[:4].isdigit() \
        and year[:4] < ctx.plan_period[:4] and "-" not in year
    if _FORECAST_WORDS.search(lead):
        return Role.TARGET if ctx.in_targets and not past else Role.FORECAST
    if _INTENT_WORDS.search(lead):
        return Role.PLAN if not ctx.in_targets else Role.TARGET
    if ctx.in_targets:
        return Role.ACTUAL if past else Role.TARGET
    # 'phấn đấu … đạt 8%' is a target: 'đạt' there is the aim, not a result
    if _TARGET_WORDS.search(lead) and not _RESULT_WORDS.search(sentence[-25:]) \
            and not _SPENDING.search(clause):
        return Role.TARGET
    if not past and _in_goal_paragraph(text, fig.start) and not _RESULT_OPENING.search(sentence):
        return Role.TARGET
    return Role.ACTUAL


# A paragraph that opens on its goals ('Phấn đấu …', 'Mục tiêu đến năm 2030: …', 'Đến năm 2030, …')
# goes on listing them in the sentences after, until one speaks of what was done.
_GOAL_OPENING = re.compile(r"^\W*(?:về [^:]{0,40}:\s*)?(?:phấn đấu|mục tiêu|chỉ tiêu chủ yếu|các chỉ tiêu chủ yếu|"
                           r"đến năm 20[2-9]\d\b|định hướng)", re.IGNORECASE)
_RESULT_OPENING = re.compile(r"\b(?:đã|đạt được|kết quả|ước|hiện nay|hiện có|so với cùng kỳ|năm qua|nhiệm kỳ qua)\b",
                             re.IGNORECASE)


def _in_goal_paragraph(text: str, start: int) -> bool:
    return start > 0 and _GOAL_OPENING.match(text) is not None


def _words_after(text: str, unit_end: int) -> str:
    """The words after a figure's unit, up to the end of its phrase."""
    return _NAME_END.split(text[unit_end : unit_end + 80], maxsplit=1)[0].strip()


def _indicator(text: str, clause_from: int, start: int, unit_end: int, fig: _Figure) -> str:
    if fig.unit_text == RANK_UNIT:  # 'Tăng trưởng kinh tế đứng thứ 7': the rank of what the clause names
        subject = _RANK_BEFORE.sub("", text[max(clause_from, start - 160) : start]).strip(" ,;:-–")
        return f"Thứ hạng {subject}".strip()[-120:] if len(subject) >= 4 else "Thứ hạng"
    before = text[max(clause_from, start - 160) : start]
    before = _OUTLINE_START.sub("", before) if clause_from == 0 else before
    before = _NAME_LEAD.sub("", before)
    words = before.split()
    while words and words[-1].lower().strip(",;") in _NAME_TAIL_WORDS:
        words.pop()
    name = " ".join(words).strip(" ,;:-–")
    if len(name) < 4:
        name = _words_after(text, unit_end)
    elif fig.family is UnitFamily.COUNT and fig.unit_text and len(words) <= 3 and not _NOUN_HEAD.match(name) \
            and not _BARE_NAME.fullmatch(name):
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


_BASIS_AFTER = re.compile(
    r"\s*(?:so\s+(?:với\s+)?)?(kế hoạch|KH|chỉ tiêu|Nghị quyết|NQĐH|NQ|dự toán|mục tiêu|cùng kỳ|năm\s+\d{4}|"
    r"năm trước|năm ngoái|tháng trước)"
    r"((?:\s+[\wÀ-ỹ]+){0,3})",
    re.IGNORECASE,
)
_COMPARE_VERB = re.compile(
    r"(?:^|[\s,(])(?=[đbvctghc])(?:đạt|bằng|vượt|cao hơn|thấp hơn|tăng|giảm|hoàn thành|đạt được|tương đương|chiếm)"
    r"(?:\s+vượt)?(?:\s+(?:gần|khoảng|hơn|trên|xấp xỉ))?\s*$",
    re.IGNORECASE,
)
_DELTA_BEFORE = re.compile(r"(?=[tg])(?:tăng|giảm)(?:\s+thêm)?\s*$", re.IGNORECASE)
_SEGMENT_BREAK = re.compile(";|" + _SENTENCE_BREAK.pattern)


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    numerator: str
    denominator: str | None
    high: str | None
    unit_end: int
    unit_text: str
    family: UnitFamily
    segment: int
    sentence_start: int
    factor: float = 1.0  # '89,6 nghìn cây': the value times 1.000, in 'cây'


def _segments(text: str) -> list[int]:
    """Offsets where sentences and ';'-separated items start."""
    return [0] + [m.end() for m in _SEGMENT_BREAK.finditer(text)]


def _after_slash(out: list[_Figure], start: int, number: str, unit: str) -> bool:
    """Whether a figure written right after a unit and '/' belongs to the figure before it: '15 con/1
    cơ sở' is a rate per one, '128,3 km/365,8 km' a part of a total. Otherwise it is its own figure, as
    in paired counts ('120 vụ/150 đối tượng')."""
    if number.lstrip("0") == "1":
        return True
    previous = out[-1] if out else None
    if previous is None or previous.unit_end != start - 1 or previous.unit_text != unit:
        return False
    if previous.denominator is None and previous.high is None:
        previous.denominator = number
    return True


def _figures(text: str, floor: int) -> list[_Figure]:
    starts: list[int] = []
    out: list[_Figure] = []
    taken = floor  # text before this is read: the outline number, the figure before, a span of years
    for m in _TOKEN.finditer(text):
        start = m.start(1)
        if start < taken:
            continue
        denominator = m.group(2)
        range_tail = None if denominator else _RANGE_TAIL.match(text, m.end())
        value_end = range_tail.end() if range_tail else m.end()
        unit = match_unit(text, value_end)
        if unit is None and range_tail is None and text[m.end(1) : m.end(1) + 1] in "%‰":
            unit = match_unit(text, m.end(1))
        if range_tail and _years(m.group(1), range_tail.group(1)):
            taken = range_tail.end()
            continue
        if denominator and _MAP_SCALE.search(text, max(0, start - 12), m.end()):
            continue
        if unit is None and denominator and _RATIO_SHARE.match(text, value_end) \
                and not _is_excluded(text, start, m.end()):
            # '5/11, tỷ lệ 45,6%': a count over a total, its unit left unsaid
            starts = starts or _segments(text)
            segment = bisect_right(starts, start) - 1
            out.append(_Figure(start, value_end, m.group(1), denominator, None, value_end, "",
                               UnitFamily.COUNT, segment, starts[segment]))
            taken = value_end
            continue
        if range_tail is None and _RANK_BEFORE.search(text, max(0, start - 20), start):
            # 'đứng thứ 7 cả nước', 'xếp thứ 8/13 tỉnh': a rank is a figure of its own
            starts = starts or _segments(text)
            segment = bisect_right(starts, start) - 1
            out.append(_Figure(start, m.end(), m.group(1), denominator, None, m.end(), RANK_UNIT,
                               UnitFamily.COUNT, segment, starts[segment]))
            taken = m.end()
            continue
        if unit is None or _is_excluded(text, start, m.end()) \
                or (unit.text == "tháng" and _PART_OF_YEAR.match(text, unit.end)):
            continue
        if text[start - 1 : start] == "/" and _after_slash(out, start, m.group(1), unit.text):
            continue
        starts = starts or _segments(text)
        segment = bisect_right(starts, start) - 1
        out.append(_Figure(start, value_end, m.group(1), denominator,
                           range_tail.group(1) if range_tail else None, unit.end, unit.text,
                           unit.unit.family, segment, starts[segment], unit.factor))
        taken = unit.end
    return out


def _basis_word(word: str, tail: str) -> PctBasis | None:
    w, t = word.lower(), tail.lower()
    if w == "chỉ tiêu" and re.search(r"nghị quyết|nq|đại hội|đề ra", t):
        return PctBasis.NGHI_QUYET
    if w == "chỉ tiêu":
        return PctBasis.KE_HOACH
    if w == "mục tiêu" and re.search(r"kế hoạch", t):
        return PctBasis.KE_HOACH
    return _basis(word)


def _comparison(text: str, fig: _Figure, previous: _Figure | None, after: re.Match[str] | None,
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
        basis = _basis_word(after.group(1), after.group(2) or "")
        delta = _DELTA_BEFORE.search(before) is not None
        if delta and basis in (None, PctBasis.CUNG_KY) and (
                previous.family is UnitFamily.PERCENT or fig.family is not UnitFamily.PERCENT):
            return False, None  # 'tăng 2,2% so với năm 2022' after a rate, 'tăng 3.500 m³ so năm 2020'
        return True, basis
    # a bare 'đạt 94%', 'tăng 6%', 'chiếm 41,5%' right after an amount qualifies that amount
    bare = _BARE_PCT_VERB.match(verb.group(0).strip(" ,(")) if verb else None
    if fig.family is UnitFamily.PERCENT and bare \
            and (bare.group(0).lower() == "chiếm" or _PCT_CLAUSE_END.match(text, fig.unit_end)) \
            and _pct_follows(_BRACKETED.sub("", text[previous.unit_end : fig.start])) \
            and (previous.family is not UnitFamily.PERCENT or previous.denominator):
        return True, PctBasis.CUNG_KY if bare.group(0).lower() in ("tăng", "giảm") else None
    return False, None


_BARE_PCT_VERB = re.compile(r"đạt|bằng|tăng|giảm|chiếm", re.IGNORECASE)


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


def _names_its_own_subject(text: str, previous: _Figure, last_end: int, fig: _Figure) -> bool:
    """Whether a percentage names a subject of its own after the figure before it ('… bằng 49,67% kế
    hoạch (vốn đầu tư đạt 73,37% kế hoạch, …)'): then it is a figure of that subject, not a comparison.
    Words that repeat the figure's own name ('giải ngân 34.683 triệu đồng, giải ngân đạt 100%') do not."""
    basis = _BASIS_AFTER.match(text, last_end)  # 'kế hoạch' after the percentage before
    gap = text[basis.end() if basis else last_end : fig.start]
    if not _SUBJECT_THEN_VERB.fullmatch(gap) or _LINKING_WORDS.match(gap):
        return False
    subject = re.sub(r"\s*(?:đạt|bằng)\s*$", "", gap, flags=re.IGNORECASE).strip(" (,;:").lower()
    return subject not in text[max(0, previous.start - 80) : previous.start].lower()


def _pct_phrase(text: str, fig: _Figure) -> str:
    """The comparison as written: 'vượt 5,46% kế hoạch', 'đạt 99,4% kế hoạch'."""
    lo = max(0, fig.start - 25)
    verb = _COMPARE_VERB.search(text, lo, fig.start)
    start = verb.start() if verb else fig.start
    after = _BASIS_AFTER.match(text, fig.unit_end)
    return text[start : after.end() if after else fig.unit_end].strip(" ,(")


_BREAKDOWN_OPEN = re.compile(r"\(\s*(?:trong đó|gồm|bao gồm)\b", re.IGNORECASE)


def _breakdown_parent(text: str, start: int, owners: list[_Figure]) -> int | None:
    """The figure a '(trong đó: …)' breakdown around `start` belongs to, if any."""
    if text.find("(", 0, start) < 0:
        return None
    opened = None
    for m in _BREAKDOWN_OPEN.finditer(text, 0, start):
        opened = m.start()
    if opened is None or ")" in text[opened:start]:
        return None
    before = [i for i, f in enumerate(owners) if f.unit_end <= opened]
    return before[-1] if before else None


# a name that is only a period or a qualifier: 'riêng năm 2025 ước đạt', 'trung bình hằng năm'
_BARE_NAME = re.compile(
    r"(?:\s|,|riêng|trong đó|năm|giai đoạn|\d{4}|-|–|ước|đạt|thực hiện|được|trung bình|bình quân|hằng năm|"
    r"hàng năm|mỗi năm|đến|hết|cuối|tính đến|lũy kế|cộng dồn)*", re.IGNORECASE)


def _same_indicator_as_before(fact: Fact, facts: list[Fact]) -> Fact:
    """'Tổng thu trên địa bàn … 192 tỷ đồng, riêng năm 2025 ước đạt 22,5 tỷ đồng': a figure with no
    name of its own continues the indicator of the nearest earlier figure in the same unit."""
    earlier = next((f for f in reversed(facts) if f.unit == fact.unit and not _BARE_NAME.fullmatch(f.indicator)),
                   None)
    if earlier is None:
        return fact
    return replace(fact, indicator_id=earlier.indicator_id, indicator_confidence=earlier.indicator_confidence,
                   indicator=earlier.indicator)


# '75% hộ gia đình, 30% thôn, bản, 95% cơ quan': in such a list each figure comes before its noun
_NOUN_THEN_COMMA = re.compile(r"\s+[^\d;.:()]{3,60},\s*")
_NOUN_AFTER = re.compile(r"\s*([^\d;.:()]{3,80}?)(?=,\s*\d|;|\.|\(|$)")


_BRACKETED = re.compile(r"\([^()]*\)")


def _closed_bracket_between(text: str, figure_end: int, pct_start: int) -> bool:
    """Whether the figure sits inside brackets that close before the percentage."""
    between = text[figure_end:pct_start]
    return between.count(")") > between.count("(")


def _named_after(text: str, fig: _Figure, fact: Fact, ctx: FactContext) -> Fact:
    """Name a figure of a figure-first list by the words that follow it, up to the next figure."""
    noun = _NOUN_AFTER.match(text, fig.unit_end)
    if noun is None:
        return fact
    name = noun.group(1).strip(" ,")
    named = ctx.name_indicator(name, fact.unit, "") if ctx.name_indicator else None
    return replace(fact, indicator=name, indicator_id=named[0] if named else None,
                   indicator_confidence=named[1] if named else None)


def extract_facts(text: str, line: int, ctx: FactContext, block: int = -1) -> list[Fact]:
    """Every fact written in one paragraph of text (`block`: the paragraph's index in its document)."""
    body_start = _OUTLINE_START.match(text)
    floor = body_start.end() if body_start and body_start.end() < len(text) else 0
    figures = _figures(text, floor)
    if not figures:
        return []
    periods = find_periods(text, year_of(ctx.as_of or ctx.period))
    months = {m.start for m in periods}  # 'trong 9 tháng qua' names a period, it is no figure
    figures = [f for f in figures if f.unit_text != "tháng" or f.start not in months]
    breaks = _ClauseBreaks(text)
    facts: list[Fact] = []
    owners: list[_Figure] = []
    pct_of: dict[int, tuple[float, PctBasis | None, str]] = {}
    delta: set[int] = set()
    by_segment: dict[int, list[int]] = {}  # the facts of each sentence or ';' item, by index in owners
    last_end = 0
    for fig in figures:
        same_segment = by_segment.get(fig.segment, [])
        # '5.266/6.213 trường hợp (giảm trừ 987 trường hợp), đạt 100%': not the figure in brackets
        previous = next((owners[i] for i in reversed(same_segment)
                         if not _closed_bracket_between(text, owners[i].unit_end, fig.start)), None)
        after = _BASIS_AFTER.match(text, fig.unit_end)
        verb = _COMPARE_VERB.search(text[max(0, fig.start - 25) : fig.start])
        is_comparison, basis = _comparison(text, fig, previous, after, verb, last_end)
        if is_comparison:
            target = next((i for i in reversed(same_segment) if i not in delta
                           and not _closed_bracket_between(text, owners[i].unit_end, fig.start)), None)
            reading = read_number(fig.numerator)
            if target is not None and target not in pct_of and reading and fig.family is UnitFamily.PERCENT:
                pct_of[target] = (reading.value, basis, _pct_phrase(text, fig))
            last_end = fig.unit_end
            continue
        fact = _fact(text, line, ctx, fig, last_end, periods, breaks, block)
        if fact is None:
            continue
        parent = _breakdown_parent(text, fig.start, owners)
        if parent is not None and facts[parent].role is not Role.ACTUAL and fact.role is Role.ACTUAL:
            fact = replace(fact, role=facts[parent].role)  # '(trong đó: vốn NSTW 60 tỷ …)' splits a plan
        if _BARE_NAME.fullmatch(fact.indicator):
            fact = _same_indicator_as_before(fact, facts)
        if owners and _NOUN_THEN_COMMA.fullmatch(text[owners[-1].unit_end : fig.start]):
            fact = _named_after(text, fig, fact, ctx)
        before = text[max(0, fig.start - 12) : fig.start]
        if _DELTA_BEFORE.search(before) and re.match(r"\s*(?:[\wÀ-ỹ/]+\s*){0,3}so\s", text[fig.unit_end :]):
            delta.add(len(owners))
        if after and verb and fig.family is UnitFamily.PERCENT:
            pct_of[len(owners)] = (fact.quantity.value or 0.0, _basis_word(after.group(1), after.group(2) or ""),
                                   _pct_phrase(text, fig))
        facts.append(fact)
        by_segment.setdefault(fig.segment, []).append(len(owners))
        owners.append(fig)
        last_end = fig.unit_end
    out = []
    for i, (f, fig) in enumerate(zip(facts, owners, strict=True)):
        f = replace(f, pct=pct_of[i][0], pct_basis=pct_of[i][1], pct_phrase=pct_of[i][2]) if i in pct_of else f
        out.append(f)
        if _result_over_plan(text, f, fig):
            out.append(replace(f, role=Role.PLAN, quantity=Quantity(Op.EQ, value=f.denominator), pct=None,
                               pct_basis=None, pct_phrase=None, estimate=False, denominator=None))
    return out


# '121/246 hộ nghèo, bằng 49% kế hoạch năm': the percentage of the plan that the 'b' is
_PLAN_AFTER = re.compile(r"[^;.\d]{0,30}?(?:bằng|đạt|tương đương)\s+(?:gần\s+|khoảng\s+)?[\d.,]+\s*%\s*(?:so với\s+)?"
                         r"(?:kế hoạch|KH|dự toán)", re.IGNORECASE)


def _result_over_plan(text: str, fact: Fact, fig: _Figure) -> bool:
    """Whether 'a/b' is a result over its plan ('61,5/60 ha', '259.765/286.000 triệu đồng', '121/246 hộ
    nghèo, bằng 49% kế hoạch'), two facts, rather than a count over a total ('12/14 xã'), one."""
    if fact.denominator is None or fact.quantity.value is None or fact.role is not Role.ACTUAL:
        return False
    # a sum of money over another is what was collected or spent of what was planned; a length, an
    # area or a count over another may be the part of a whole ('128,3km/365,8km đường được cứng hóa')
    return fig.family is UnitFamily.MONEY or fact.quantity.value > fact.denominator \
        or _PLAN_AFTER.match(text, fig.unit_end) is not None


def _opening_period(text: str, periods: list[PeriodMention], start: int) -> str | None:
    """A period that opens a sentence earlier in the paragraph ('Đến năm 2020, … . Tỷ lệ che phủ rừng
    đạt 74,8%.') governs the sentences after it."""
    for m in reversed(periods[: bisect_right(periods, start, key=_mention_end)]):
        if m.end < start - _OPENING_REACH:
            break
        if m.governs and _SENTENCE_OPENING.search(text, max(0, m.start - 20), m.start):
            return m.value
    return None


def _paragraph_period(periods: list[PeriodMention], start: int) -> str | None:
    """The first period the paragraph names as its own before the figure, however far back: a
    paragraph of a situation report opens on the period all its figures are for ('Trong 9 tháng đầu
    năm, …; …; …'). Not in a report over a term, whose paragraphs name years in passing."""
    first = next((m for m in periods if m.governs and m.end <= start), None)
    return first.value if first and first.start < _PARAGRAPH_OPENING and not _SPAN.search(first.value) else None


_PARAGRAPH_OPENING = 150


_PART_OF_A_YEAR = re.compile(r"\d+T/|T\d|Q\d|vụ ")


_OPENING_REACH = 1000
_mention_end = attrgetter("end")
_SENTENCE_OPENING = re.compile(r"(?:^|[.;:]\s+|\n)(?:\W*(?:đến|trong|tính đến|riêng|cả|tới|vào))?\s*$", re.IGNORECASE)


def _result_period(ctx: FactContext, fig: _Figure) -> str | None:
    """The period of a result the text gives none for. In an end-of-term report written in its last
    year but one, a level — a rate, a share, a count over a total, an amount per head — stands as of the
    year it was written, while an amount or a count of what was done adds up over the whole term; in a
    review up to a cut-off date (a span as of), both run to that date."""
    return (ctx.as_of or ctx.period) if _is_level(fig) or "-" in (ctx.as_of or "") else ctx.period


_SPAN = re.compile(r"(?:19|20)\d\d-(?:19|20)\d\d")


def _is_level(fig: _Figure) -> bool:
    """A rate, a share, a count over a total or an amount per head: a level reached, not an amount
    that adds up over time ('6,7%/năm' is a yearly average)."""
    per_year = fig.family is UnitFamily.PERCENT and fig.unit_text.endswith("/năm")
    return not per_year and (fig.family is UnitFamily.PERCENT or fig.denominator is not None or "/" in fig.unit_text)


def _scaled(q: Quantity, factor: float) -> Quantity:
    def times(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 6)  # 5,8 vạn is 58.000, not 57.999,99…

    return replace(q, value=times(q.value), low=times(q.low), high=times(q.high),
                   alternatives=tuple(round(a * factor, 6) for a in q.alternatives))


_YEAR_AFTER = re.compile(r"\s*\(?(?:vào |cuối |đến )?năm\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)")


def _fact(text: str, line: int, ctx: FactContext, fig: _Figure, last_end: int,
          periods: list[PeriodMention], breaks: _ClauseBreaks, block: int) -> Fact | None:
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
        quantity = _scaled(quantity, fig.factor)
    lead_in = _lead_in(text, fig, breaks)
    role = _role(text, clause_from, fig, ctx, periods, lead_in)
    year_after = _YEAR_AFTER.match(text, fig.unit_end)  # '47,4% năm 2020 xuống còn 21,3% năm 2025'
    period = (year_after.group(1) if year_after else None) \
        or last_period(periods, clause_start, fig.start) \
        or last_period(periods, max(fig.sentence_start, fig.start - _CONTEXT), fig.start) \
        or (last_period(periods, lead_in[0], lead_in[1]) if lead_in else None) \
        or _opening_period(text, periods, fig.start) \
        or _paragraph_period(periods, fig.start) \
        or (target_period(ctx.plan_period, text[clause_from : fig.unit_end]) if role is Role.TARGET
            else _result_period(ctx, fig))
    if period and role is Role.TARGET and _SPAN.fullmatch(period):
        # a span named for a level to reach ('giai đoạn 2026-2030 … tỷ lệ đô thị hóa đạt trên 75%') is its last year
        period = target_period(period, text[clause_from : fig.unit_end])
    quote_start = clause_from
    while quote_start < fig.start and text[quote_start] in " ,;:.-–(":
        quote_start += 1
    denominator = read_number(fig.denominator) if fig.denominator else None
    named = None
    if ctx.name_indicator is not None:
        after = _CLAUSE_END.split(text[fig.unit_end : fig.unit_end + 60], maxsplit=1)[0]
        named = ctx.name_indicator(text[max(0, fig.unit_end - 110) : fig.end], fig.unit_text or None, after)
    return Fact(
        line=line,
        span=(quote_start, fig.unit_end),
        quote=text[quote_start : fig.unit_end].strip(),
        indicator=_indicator(text, clause_from, fig.start, fig.unit_end, fig),
        role=role,
        period=period,
        quantity=quantity,
        unit=fig.unit_text or None,
        estimate=bool(_ESTIMATE_WORDS.search(before_window)),
        denominator=denominator.value if denominator else None,
        block=block,
        indicator_id=named[0] if named else None,
        indicator_confidence=named[1] if named else None,
    )
