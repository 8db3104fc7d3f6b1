"""Periods written in text, in the notation of the gold files: 'năm 2023' → '2023', 'giai đoạn 2020 -
2025' → '2020-2025', '6 tháng đầu năm 2024' → '6T/2024', '9 tháng năm 2024' → '9T/2024', 'quý III/2024'
→ 'Q3/2024', 'tháng 10/2024' → 'T10/2024', 'vụ đông xuân 2023-2024' → 'vụ đông xuân 2023-2024'.

A year named only to compare with ('so với cùng kỳ năm 2023', 'theo giá so sánh năm 2010', 'kể từ đầu
nhiệm kỳ 2020-2025') is found too, but it does not govern the figures after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

_YEAR = r"((?:19|20)\d\d)"
_SPAN = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ|từ năm)?\s*" + _YEAR + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _YEAR)
_Y = r"(?:19|20)\d\d(?!\d)"  # not the first digits of a larger number ('đầu năm 19484 ha')
# 'chín tháng đầu năm': the number of months in words ('năm', five, is left out: it is also 'year')
_MONTH_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười một": 11,
                  "mười": 10}
_MONTH_WORDS = tuple(_MONTH_NUMBERS)
# 'Tháng Chín năm 2024', 'tháng Mười': a month by its name ('năm', May, is left out: it is also 'year')
_MONTH_NAMES = {**_MONTH_NUMBERS, "giêng": 1, "tư": 4, "mười hai": 12, "chạp": 12}
_NAMED_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")(?!\w)"
# The season sown in one year and harvested in the next: named without its years, it is the one
# harvested in the year of its context ('vụ Đông Xuân' in a report on the first half of 2019 → 2018-2019).
_SPANNING_SEASONS = frozenset({"đông xuân"})
# The winter crop, sown in the autumn and harvested after the new year: named without its years, the one
# sown in the context's year when that is in its second half ('vụ đông' in November 2022 → 2022-2023),
# else the one sown the year before.
_WINTER = "đông"
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# One pass finds every kind of period; the named group says which one matched. The lookahead on
# the first characters lets the engine skip every other position at once; the forms that open on a
# common word ('trong 9 tháng', 'chín tháng', 'cả năm') are looked for only in a paragraph that has
# their key words.
_FORMS = (
    r"(?P<season>(?:vụ\s+(?:lúa\s+)?|lúa\s+(?:vụ\s+)?)"
    r"(?P<season_name>đông\s+xuân|hè\s+thu|thu\s+đông|thu\s*[-–]?\s*mùa|chiêm\s+xuân|mùa|đông|chiêm|xuân|hè)"
    r"(?:\s+năm)?\s*"
    r"(?P<season_years>" + _Y + r"(?:\s*[-–]\s*" + _Y + r")?)?)"
    r"|(?P<span>" + _Y + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _Y + r")"
    r"|(?:(?P<months_lead>lũy kế|luỹ kế|cộng dồn|tính chung|ước|thực hiện|trong|sau)\s+)?"
    r"(?P<months>1[01]|0?[1-9]|{words})"
    r" tháng(?: đầu)?(?: của)?(?: năm)?"
    # 'chỉ số sản xuất công nghiệp 10 tháng tăng 8,08%': the months a change or a sum is over
    r"(?:\s*/?\s*(?P<months_year>" + _Y + r")|(?<=đầu năm)|(?<= năm)(?!\s*\d)|(?=\s+(?:qua|và)\b)"
    r"|(?=\s*,?\s*(?:ước|đạt|tăng|giảm)\s)"
    r"|(?(months_lead)(?=[\s,.;]|$)|(?!)))"
    r"|(?:(?P<quarter_upto>kết thúc|đến hết|tính đến hết|hết)\s+)?"
    r"quý\s*(?P<quarter>IV|I{{1,3}}|[1-4])\b\s*(?:(?:/|-|năm)\s*(?P<quarter_year>" + _Y + r"))?"
    r"|(?:đến|tính đến|hết)\s+(?:hết\s+|cuối\s+|(?P<upto_start>đầu)\s+)?tháng\s*(?P<upto_month>1[0-2]|0?[1-9])"
    r"(?:\s*(?:/|năm|-)\s*(?P<upto_year>" + _Y + r"))?(?![\d/])"
    # a month without its year only where it is the period of what follows ('Riêng trong tháng 9, …',
    # 'thu ngân sách tháng 10 ước đạt …'), not a meeting's ('phiên họp thường kỳ tháng 6'), or where it opens
    # a sentence ('Tháng 8, tổng mức bán lẻ …')
    r"|(?:(?P<month_lead>trong|riêng|vào)\s+|(?P<month_opens>^|(?<=[.;:]\s)))?tháng\s*(?P<month>1[0-2]|0?[1-9]|{names})"
    r"(?:\s*(?:/|năm|-)\s*(?P<month_year>" + _Y + r")"
    r"|(?(month_lead)(?![\d/])|(?=\s*,?\s*(?:ước|đạt|tăng|giảm|được)\b|:))|(?(month_opens)(?=\s*,)|(?!)))"
    r"|(?:đến|tính đến)\s*(?:hết\s*)?(?:ngày\s*)?\d{{1,2}}(?P<until_sep>[/-])(?P<until_month>1[0-2]|0?[1-9])"
    r"(?:(?P=until_sep)(?P<until_year>" + _Y + r"))?(?![\d/-])"
    r"|(?:năm|đến|hết năm|đến năm|đến hết năm)\s*(?P<year>" + _Y + r")(?!\s*[-–]\s*" + _Y + r")"
    r"|(?P<whole_year>{whole})\b"
)
# The words a form opens on, besides a digit (a new form's opening word goes here too): a form is tried
# only where the first two letters of one of them stand, so the scan skips at once the positions of the
# letters that open many other words ('t', 'n', 'h' …).
_OPENING_WORDS = ("vụ", "lúa", "lũy", "luỹ", "cộng dồn", "tính", "ước", "trong", "sau", "kết thúc", "đến", "hết",
                  "quý", "tháng", "riêng", "vào", "năm", "cả năm", *_MONTH_WORDS)
_OPENINGS = r"(?=\d|" + "|".join(sorted({re.escape(w[:2]) for w in _OPENING_WORDS})) + ")"
_ANY = re.compile(_OPENINGS + "(?:"
                  + _FORMS.format(words="|".join(_MONTH_WORDS), whole=r"cả năm(?!\s+(?:ngoái|trước)\b)",
                                  names=_NAMED_MONTH)
                  + ")", re.IGNORECASE)
_ANY_DIGITS = re.compile(_OPENINGS + "(?:"
                         + _FORMS.format(words="(?!)", whole="(?!)", names="(?!)") + ")", re.IGNORECASE)
_WORD_FORMS = re.compile(r"tháng|cả năm", re.IGNORECASE)
_YEARS = re.compile(r"(?:19|20)\d\d")
_DASH = re.compile(r"\s*[-–]\s*")
# The words before a period that only compare with it or fix prices at it, or name the term of a
# council ('HĐND huyện khóa XXI, nhiệm kỳ 2021-2026', 'Kỳ họp thứ 8 HĐND xã Ngọc Khê XX, nhiệm kỳ 2021-2026').
# 'Bằng' is written capitalised in a place name ('tỉnh Cao Bằng 6 tháng đầu năm 2024'), so it is matched as written.
_COMPARED = re.compile(r"\b(?:so\s+(?:với\s+)?|cùng kỳ\s+|giá so sánh\s+|giá\s+(?:(?:ss|cố định)\s+)?|"
                       r"kể từ[^.;]{0,25}?|"
                       r"từ đầu\s+[^.;]{0,15}?|(?-i:bằng)\s+|hơn\s+|gốc\s+|"
                       r"kh(?:óa|oá)\s+(?:[IVXLC]+|\d+)\s*,?\s*\(?\s*nhiệm kỳ\s*|"
                       r"(?:hđnd|kỳ họp)[^.;]{0,30}?nhiệm kỳ\s*)"
                       r"(?:năm\s+|cùng kỳ\s+(?:năm\s+)?)?$", re.IGNORECASE)
# '12.848 ha lúa mùa, 143.920 tấn ngô': a crop right after a figure's unit is what it counts, not the
# season of the figures after it
_AFTER_A_FIGURE = re.compile(r"\d\s*[^\W\d]{1,4}\s+$")
# 'ngày 20 tháng 7 năm 2024': a date, not the month of the figures after it.
_DATE_BEFORE = re.compile(r"ngày\s*\d{1,2}\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    value: str
    governs: bool = True  # False: a period named to compare with, not the period of what follows


_END = attrgetter("end")


def _value(m: re.Match[str], year: int | None, autumn: bool) -> str | None:
    if m.group("season"):
        name = " ".join(_DASH.sub(" ", m.group("season_name").lower()).split())  # 'vụ Thu - Mùa' → 'thu mùa'
        years = m.group("season_years") or _season_years(name, year, autumn)
        return f"vụ {name} {_DASH.sub('-', years)}" if years else None
    if m.group("span"):
        first, second = _YEARS.findall(m.group("span"))[-2:]
        return f"{first}-{second}"
    if m.group("months"):
        y = m.group("months_year") or (str(year) if year else None)
        n = m.group("months").lower()
        return f"{_MONTH_NUMBERS.get(n) or int(n)}T/{y}" if y else None
    if m.group("quarter"):
        y = m.group("quarter_year") or (str(year) if year else None)
        quarter = _ROMAN_QUARTER[m.group("quarter").lower()]
        if y and m.group("quarter_upto"):  # 'kết thúc quý III-2021': the nine months to its end
            return y if quarter == 4 else f"{3 * quarter}T/{y}"
        return f"Q{quarter}/{y}" if y else None
    if m.group("upto_month"):
        # 'tính đến đầu tháng 7/2019': the months before it
        month = int(m.group("upto_month")) - (1 if m.group("upto_start") else 0)
        if month == 0:
            return None
        y = m.group("upto_year") or (str(year) if year else None)
        return None if y is None else y if month == 12 else f"{month}T/{y}"
    if m.group("month"):
        y = m.group("month_year") or (str(year) if year else None)
        named = m.group("month")
        return f"T{_MONTH_NAMES[named.lower()] if named[0].isalpha() else int(named)}/{y}" if y else None
    if m.group("until_month"):
        month = int(m.group("until_month"))
        y = m.group("until_year") or (str(year) if year else None)
        return None if y is None else y if month == 12 else f"{month}T/{y}"
    if m.group("whole_year"):
        return str(year) if year else None
    return m.group("year")


def _season_years(name: str, year: int | None, autumn: bool) -> str | None:
    """The years of a season named without them, in a text of `year`."""
    if year is None:
        return None
    if name == _WINTER:
        return f"{year}-{year + 1}" if autumn else f"{year - 1}-{year}"
    return f"{year - 1}-{year}" if name in _SPANNING_SEASONS else str(year)


def find_periods(text: str, year: int | None = None, autumn: bool = True) -> list[PeriodMention]:
    """Every period named in a paragraph, in order; found once and then looked up per figure. `year`
    completes the periods written without one ('6 tháng đầu năm', 'quý I'); `autumn`: whether the text
    speaks from the second half of that year (a winter crop without its years is the one sown then)."""
    out = []
    pattern = _ANY if _WORD_FORMS.search(text) else _ANY_DIGITS
    for m in pattern.finditer(text):
        value = _value(m, year, autumn)
        if value is None:
            continue
        if m.group("month") and _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        governs = not _COMPARED.search(text, max(0, m.start() - 40), m.start()) \
            and not (m.group("season") and _AFTER_A_FIGURE.search(text, max(0, m.start() - 20), m.start()))
        # a number of months is a period, never a figure: its mention starts at the number
        start = m.start("months") if m.group("months") else m.start()
        out.append(PeriodMention(start, m.end(), value, governs))
    return out


_NAMED_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)(?!\s*[-–]\s*(?:19|20)\d\d)", re.IGNORECASE)


def years_named(text: str) -> list[int]:
    """The years a whole text names as its own ('năm 2024', not 'so với năm 2023' nor 'giá so sánh năm
    2010', nor 'từ năm 2019 đến nay', where something began): one cheap pass, for a document as long as
    a report."""
    return [int(m.group(1)) for m in _NAMED_YEAR.finditer(text)
            if not _COMPARED.search(text, max(0, m.start() - 40), m.start())
            and not _SINCE.search(text, max(0, m.start() - 6), m.start())]


_SINCE = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)


def last_period(mentions: list[PeriodMention], lo: int, hi: int, reach: int = 200) -> str | None:
    """The last period that governs what follows, written between `lo` and `hi` — and within `reach`
    characters of `hi`, since a period that governs a figure is written close to it."""
    lo = max(lo, hi - reach)
    i = bisect_right(mentions, hi, key=_END) - 1
    while i >= 0 and mentions[i].start >= lo:
        if mentions[i].governs:
            return mentions[i].value
        i -= 1
    return None


def period_before(text: str) -> str | None:
    """The last period named in `text` (the words before a figure), or None."""
    return last_period(find_periods(text), 0, len(text))


def first_period(text: str, year: int | None = None) -> str | None:
    """The period that governs what follows in `text` (the opening of a news item): the first one, or
    the first months-to-date where the opening names one too ('tháng 9 và 9 tháng', 'quý III và 9
    tháng': a situation report's figures run from the year's start)."""
    governing = [m.value for m in find_periods(text, year) if m.governs]
    return next((v for v in governing if is_to_date(v)), governing[0] if governing else None)


def opening_season(text: str, year: int | None) -> str | None:
    """The crop season a paragraph opens on ('Sản xuất vụ Đông Xuân: …'), if it names no other period first."""
    first = next((m for m in find_periods(text[:_SEASON_OPENING], year) if m.governs), None)
    return first.value if first and first.value.startswith("vụ") else None


_SEASON_OPENING = 60


def is_to_date(period: str) -> bool:
    """Whether a period is the months from a year's start ('9T/2024')."""
    return _TO_DATE.match(period) is not None


_TO_DATE = re.compile(r"\d+T/")


# A target over the whole plan period, not a level to reach at its end: a yearly rate or average, or
# a total or an addition over the period ('trong giai đoạn đạt 3.000 lao động', 'hằng năm tăng 2,5%',
# '17.000 tấn/năm', 'trồng mới 1.185 ha'). A level per head and year ('47 triệu đồng/người/năm') is a level.
_OVER_THE_PERIOD = re.compile(
    r"(?<!người)/\s*năm|(?=[hmbtgcxp])\b(?:hằng năm|hàng năm|mỗi năm|bình quân(?! đầu người)|trung bình|giai đoạn|"
    r"cả nhiệm kỳ|trong \d+ năm|trồng mới|xây dựng mới|phát triển mới|thành lập)\b", re.IGNORECASE)


def target_period(plan_period: str | None, clause: str) -> str | None:
    """The period of a target the text gives none for: the plan period's last year for a level to
    reach ('độ che phủ rừng đạt 36,3%' under 'chỉ tiêu đến năm 2030'), the whole span for a rate,
    an average or a total over it."""
    per_head = "đầu người" in clause.lower()  # 'thu nhập bình quân đầu người 58 triệu đồng/năm' is a level
    if plan_period and "-" in plan_period and (per_head or not _OVER_THE_PERIOD.search(clause)):
        return plan_period.rsplit("-", 1)[1]
    return plan_period


def find_span(text: str) -> str | None:
    """The first 'YYYY-YYYY' span in `text`."""
    m = _SPAN.search(text)
    return f"{m.group(1)}-{m.group(2)}" if m else None


_PART_OF_A_YEAR = re.compile(r"(?:\d+T|T\d+|Q\d)/(?:19|20)\d\d$")


_SPAN_OF_YEARS = re.compile(r"(?:19|20)\d\d-(?:19|20)\d\d")


def is_span_of_years(period: str | None) -> bool:
    """Whether a period is a span of whole years ('2020-2025'), as a term or a plan is."""
    return period is not None and _SPAN_OF_YEARS.fullmatch(period) is not None


def in_first_half(period: str | None) -> bool:
    """Whether a period ends by June ('6T/2024', 'Q1/2024', 'T3/2024'): a report speaking from the first
    half of its year."""
    m = _ENDING_MONTH.fullmatch(period or "")
    if m is None:
        return False
    months, month, quarter = m.groups()
    return int(months or month or 0) <= 6 if not quarter else int(quarter) <= 2


_ENDING_MONTH = re.compile(r"(?:(\d{1,2})T|T(\d{1,2})|Q([1-4]))/(?:19|20)\d\d")


def is_part_of_a_year(period: str | None) -> bool:
    """Whether a period is months of one year ('6T/2024', 'T10/2024', 'Q1/2024'), not a year or a span."""
    return period is not None and _PART_OF_A_YEAR.match(period) is not None


def year_of_part(period: str | None) -> str | None:
    """The year a part of it belongs to ('6T/2024' → '2024'); any other period as it is: the period of
    a plan that a result over part of the year is measured against ('225.922/456.006 triệu đồng')."""
    return period.rsplit("/", 1)[1] if period and is_part_of_a_year(period) else period


def year_of(period: str | None) -> int | None:
    """The last year a period names: '6T/2024' → 2024, '2021-2025' → 2025."""
    years = _YEARS.findall(period or "")
    return int(years[-1]) if years else None


_ONE_YEAR = re.compile(r"(?:(?<=/)|^)((?:19|20)\d\d)$")


def no_later_than(period: str | None, reported: str | None) -> str | None:
    """The period of a result: its own, unless it starts after the last year of the report's period (the
    '2030' of a goal turned into a result in a report on '2020-2025'), which is then the report's."""
    first, last = _YEARS.search(period or ""), _YEARS.findall(reported or "")
    return reported if first is not None and last and int(first.group()) > int(last[-1]) else period


def a_year_before(period: str | None) -> str | None:
    """The same months a year earlier ('9T/2024' → '9T/2023', '2024' → '2023'); a span or a season as it is."""
    if period is None:
        return None
    return _ONE_YEAR.sub(lambda m: str(int(m.group(1)) - 1), period)
