"""The figures of a paragraph: every number with a measure unit (or a rank, or a count over a total),
and the numbers that are none (dates, document numbers, ordinals, spans of years, the 6 of '6 tháng')."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from chitieu.domain import lexicon
from chitieu.domain.extraction import Quantity
from chitieu.domain.measure_units import UnitFamily, match_unit
from chitieu.domain.numbers import NUMBER_PATTERN, read_number
from chitieu.extract.clauses import SENTENCE_BREAK

# Patterns scanned across whole paragraphs open with a lookahead on their possible first characters:
# the engine then rejects every other position at once instead of trying each alternative there.
# A number right after '/' is a figure only after a word ('120 vụ/150 đối tượng'), not a digit ('6/2023').
# A count over a total is written 'a/b' or 'a trong (tổng) số b' ('160 trong tổng số 178 xã').
# A number, not the end of a range ('5-6') or of a word; a signed change in brackets ('(+265,5 tấn)') is one,
# and so is one glued to the verb or the approximation before it, as pasted text often has it ('tăng1,06%').
_GLUED = "|".join(f"(?<=(?<!\\w){w})" for w in (*lexicon.phrases("change"), *lexicon.phrases("approximation"), "đạt")
                  if " " not in w)
_TOKEN = re.compile(
    r"(?=\d)(?:(?<=\([+-])|(?<![\w.,+-])|" + _GLUED + r")(?<!\d/)(" + NUMBER_PATTERN + r")"
    r"(?:(?:\s*/\s*|\s+(?:trong|trên)\s+(?:tổng\s+)?số\s+)(" + NUMBER_PATTERN + r"))?(?![\d/])"
)
_RANGE_TAIL = re.compile(r"\s*(?:%|‰)?\s*(?:-|–|÷|đến|tới)\s*(" + NUMBER_PATTERN + r")(?![\w/])")
# '5/11, tỷ lệ 45,6%': a count over a total whose unit is left unsaid
_RATIO_SHARE = re.compile(r"\s*,?\s*(?:" + lexicon.words("share") + r"|đạt)\s+\d", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"^\s*(?:-|/)\s*[A-ZĐ]{1,}|^\s*/\s*\d{2,4}\s*/\s*[A-ZĐ]")
# '6 tháng đầu năm', '9 tháng năm 2024': a part of the year, the period of the figures that follow.
# '6 tháng qua', 'Tình hình kinh tế - xã hội 6 tháng,': a part of the year too, not a duration.
# '9 tháng đầu năm', '6 tháng qua', 'bán lẻ 9 tháng tăng 19,86%': the months of a period, not a figure
_PART_OF_YEAR = re.compile(r"\s+(?:đầu |cuối )?năm\b|\s+(?:qua|vừa qua|của năm|đầu năm|cuối năm)\b|\s*(?:[,;:.)]|$)"
                           r"|\s+(?:ước\s+)?(?:tăng|giảm|đạt|ước|cộng dồn|tính chung|so với|thực hiện|lũy kế|luỹ kế)\b",
                           re.IGNORECASE)
# 'tỷ lệ 1/500', 'tỉ lệ 1/2.000': the scale of a map or a plan.
_MAP_SCALE = re.compile(r"t[ỷỉ] lệ\s*1\s*/\s*[\d.]+$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d|\d{1,2}")
RANK_BEFORE = re.compile(lexicon.first_letters("rank") + lexicon.words("rank") + r"\s*$", re.IGNORECASE)
RANK_UNIT = "thứ hạng"
# A number right after these words names a date, an ordinal or a document, even when a unit follows.
_NOT_VALUE_BEFORE = re.compile(r"(?=[ntqlk])\b(?:ngày|tháng|năm|quý|lần thứ|thứ|khóa|khoá)\s*$", re.IGNORECASE)
_DAY_OR_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])(?!\d|[.,]\d)")  # '11', '11/2025', not '14.007'
# 'giá trị sản xuất bình quân trên 1 ha': the hectare a value is per
_ONE = re.compile(r"0?1")
_PER_AREA = re.compile(lexicon.first_letters("per_area") + r"(?<!\w)" + lexicon.words("per_area") + r"\s*(?:trên\s*)?$",
                       re.IGNORECASE)
# 'đến hết 30/9', 'tính đến 15/10': a day of a month after the words that date a cut-off. A count over its
# total is never more than the total ('từ 5/10 xã'), a day past the month's number is a date.
_CUT_OFF_BEFORE = re.compile(r"(?:đến|hết|ngày|từ|trước|sau|vào)\s*$", re.IGNORECASE)


def _day_and_month(text: str, start: int, day: str, month: str) -> bool:
    return day.isdigit() and month.isdigit() and int(month) < int(day) <= 31 and 1 <= int(month) <= 12 \
        and _CUT_OFF_BEFORE.search(text, max(0, start - 12), start) is not None


def _is_excluded(text: str, start: int, end: int) -> bool:
    if _DOC_NUMBER.match(text[end : end + 8]):
        return True
    before = _NOT_VALUE_BEFORE.search(text[max(0, start - 25) : start])
    # after 'năm' only a year is no figure: 'cây hàng năm 80.464,3 ha' is one; after 'tháng' or 'ngày' only
    # a month's or a day's number: 'lũy kế 11 tháng 14.007 tỷ đồng' is one
    if before is None:
        return False
    word = before.group(0).lower()
    if word.startswith("năm"):
        return _YEAR_LIKE.fullmatch(text[start:end]) is not None
    if word.startswith(("tháng", "ngày")):
        return _DAY_OR_MONTH.match(text, start, end) is not None
    return True


def _years(low: str, high: str) -> bool:
    """'2020 - 2025' names a period, whatever word follows it."""
    return all(len(x) == 4 and x[:2] in ("19", "20") and x.isdigit() for x in (low, high))


_SEGMENT_BREAK = re.compile(";|" + SENTENCE_BREAK.pattern)


@dataclass(slots=True)
class Figure:
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


def _after_slash(out: list[Figure], start: int, number: str, unit: str) -> bool:
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


def find_figures(text: str, floor: int) -> list[Figure]:
    starts: list[int] = []
    out: list[Figure] = []
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
        if denominator and (_MAP_SCALE.search(text, max(0, start - 12), m.end())
                            or _day_and_month(text, start, m.group(1), denominator)):
            continue
        if unit is None and denominator and _RATIO_SHARE.match(text, value_end) \
                and not _is_excluded(text, start, m.end()):
            # '5/11, tỷ lệ 45,6%': a count over a total, its unit left unsaid
            starts = starts or _segments(text)
            segment = bisect_right(starts, start) - 1
            out.append(Figure(start, value_end, m.group(1), denominator, None, value_end, "",
                               UnitFamily.COUNT, segment, starts[segment]))
            taken = value_end
            continue
        if range_tail is None and RANK_BEFORE.search(text, max(0, start - 20), start):
            # 'đứng thứ 7 cả nước', 'xếp thứ 8/13 tỉnh': a rank is a figure of its own
            starts = starts or _segments(text)
            segment = bisect_right(starts, start) - 1
            out.append(Figure(start, m.end(), m.group(1), denominator, None, m.end(), RANK_UNIT,
                               UnitFamily.COUNT, segment, starts[segment]))
            taken = m.end()
            continue
        if unit is None or _is_excluded(text, start, m.end()) \
                or (unit.text == "tháng" and _PART_OF_YEAR.match(text, unit.end)) \
                or (unit.unit.family is UnitFamily.AREA and _ONE.fullmatch(m.group(1)) and denominator is None
                    and _PER_AREA.search(text, max(0, start - 80), start)):
            continue
        if text[start - 1 : start] == "/" and _after_slash(out, start, m.group(1), unit.text):
            continue
        starts = starts or _segments(text)
        segment = bisect_right(starts, start) - 1
        out.append(Figure(start, value_end, m.group(1), denominator,
                           range_tail.group(1) if range_tail else None, unit.end, unit.text,
                           unit.unit.family, segment, starts[segment], unit.factor))
        taken = unit.end
    return _joined_amounts(text, out)


# '40 tỷ 300 triệu đồng', '147 triệu 700 nghìn đồng': one amount written in two parts
_AMOUNT_PARTS = {("tỷ", "triệu đồng"): "tỷ đồng", ("tỉ", "triệu đồng"): "tỷ đồng",
                 ("triệu", "nghìn đồng"): "triệu đồng", ("triệu", "ngàn đồng"): "triệu đồng"}
_PART_GAP = re.compile(r"\s*")


def _joined_amounts(text: str, figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for fig in figures:
        big = out[-1] if out else None
        unit = _AMOUNT_PARTS.get((big.unit_text.lower(), fig.unit_text.lower())) if big else None
        if big is None or unit is None or big.denominator or big.high or fig.denominator or fig.high \
                or _PART_GAP.fullmatch(text, big.unit_end, fig.start) is None:
            out.append(fig)
            continue
        whole, part = read_number(big.numerator), read_number(fig.numerator)
        if whole is None or part is None or not 0 < part.value < 1000:
            out.append(fig)
            continue
        amount = f"{whole.value + part.value / 1000:.6f}".rstrip("0").rstrip(".").replace(".", ",")
        out[-1] = replace(big, end=fig.end, numerator=amount, unit_end=fig.unit_end, unit_text=unit)
    return out


def is_level(fig: Figure) -> bool:
    """A rate, a share, a count over a total or an amount per head: a level reached, not an amount
    that adds up over time ('6,7%/năm' is a yearly average)."""
    per_year = fig.family is UnitFamily.PERCENT and fig.unit_text.endswith("/năm")
    return not per_year and (fig.family is UnitFamily.PERCENT or fig.denominator is not None or "/" in fig.unit_text)


def scaled(q: Quantity, factor: float) -> Quantity:
    def times(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 6)  # 5,8 vạn is 58.000, not 57.999,99…

    return replace(q, value=times(q.value), low=times(q.low), high=times(q.high),
                   alternatives=tuple(round(a * factor, 6) for a in q.alternatives))
