"""A figure's period: the year written right after it, else the last period that governs it in its
clause or sentence, else a period that opens its sentence or its paragraph, else the document's — the
plan's for a target, the point a report over a term speaks as of for a level."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter

from chitieu.domain import lexicon
from chitieu.domain.extraction import GOAL_ROLES, Role
from chitieu.domain.measure_units import UnitFamily
from chitieu.extract.clauses import CONTEXT
from chitieu.extract.fact_context import FactContext
from chitieu.extract.figures import Figure, is_level
from chitieu.extract.periods import (
    PeriodMention,
    a_year_before,
    is_part_of_a_year,
    is_span_of_years,
    is_to_date,
    last_period,
    target_period,
    year_of_part,
)

# '47,4% năm 2020 xuống còn 21,3% năm 2025', '… 13,4% (năm 2020)': a year right after a figure is its own;
# one opening brackets of their own ('12,5%/năm (năm 2015 đạt 13,4%)') is another figure's
# the year right after a figure ('11,56% năm 2019', '32,21% (đầu năm 2016)', '41,82% (vào cuối năm 2019)')
_YEAR_AFTER = re.compile(r"\s*(?:(?:vào |cuối |đến )?năm\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)"
                         r"|\(\s*(?:(?:vào|cuối|đến|đầu)\s+){0,2}năm\s+((?:19|20)\d\d)\s*\))")
_SPAN = re.compile(r"(?:19|20)\d\d-(?:19|20)\d\d")
_OPENING_REACH = 1000
_PARAGRAPH_OPENING = 150
# the words a period opening its sentence may follow: 'Trong 9 tháng', '; tính chung 9 tháng đầu năm'
_SENTENCE_OPENING = re.compile(r"(?:^|[.;:]\s+|\n)(?:\W*(?:đến|trong|tính đến|riêng|cả|tới|vào|"
                               + lexicon.words("to_date") + r"))?\s*$", re.IGNORECASE)
_mention_end = attrgetter("end")
_OWN_PART = 40  # how close before a goal its own part of the year is named
# The figures a crop season named at a sentence's or paragraph's opening governs: areas sown,
# harvests, yields and their shares — not a herd, a budget or a count ('Vụ xuân …; tổng đàn trâu …').
_CROP = {UnitFamily.AREA: True, UnitFamily.MASS: True, UnitFamily.PERCENT: True}


def period_of(text: str, fig: Figure, role: Role, ctx: FactContext, periods: list[PeriodMention],
              clause_from: int, clause_start: int, lead_in: tuple[int, int] | None,
              estimate: bool = False) -> str | None:
    """The period of the figure `fig` of paragraph `text`, whose role is `role`; `clause_from` is where
    its clause starts after the figure before it, `clause_start` where it starts at all, `lead_in` the
    words that open its sentence before a list of items; `estimate` whether it is said to be estimated."""
    # what the figure is, from its item's start: 'Tổng sản lượng lương thực bình quân hàng năm: 25.000 tấn'
    named = text[min(clause_from, max(fig.sentence_start, fig.start - 150)) : fig.unit_end]
    year_after = _YEAR_AFTER.match(text, fig.unit_end)
    period = (year_after.group(1) or year_after.group(2) if year_after else None) \
        or (_term_start(ctx) if role is Role.BASELINE else None) \
        or _season_of_crop(text, fig, periods) \
        or _now(text, periods, ctx, max(fig.sentence_start, fig.start - CONTEXT), fig.start) \
        or (None if role in GOAL_ROLES else
            _month_or_to_date(text, periods, ctx, max(clause_from, fig.start - CONTEXT), fig.start, fig.unit_end)) \
        or last_period(periods, clause_start, fig.start) \
        or last_period(periods, max(fig.sentence_start, fig.start - CONTEXT), fig.start) \
        or (last_period(periods, lead_in[0], lead_in[1]) if lead_in else None) \
        or _opening_period(text, periods, fig.start, _CROP.get(fig.family, False)) \
        or _paragraph_period(periods, fig.start, _CROP.get(fig.family, False)) \
        or _heading_period(ctx, _CROP.get(fig.family, False)) \
        or (target_period(ctx.plan_period, named) if role is Role.TARGET else None) \
        or (ctx.plan_period if role is Role.PLAN and ctx.budget_document else None) \
        or _result_period(ctx, fig, estimate)
    if period and _in_same_time_last_year(text, fig.start):
        period = a_year_before(period)
    if period and role is Role.TARGET and is_span_of_years(period):
        # a span named for a level to reach ('giai đoạn 2026-2030 … tỷ lệ đô thị hóa đạt trên 75%') is its last year
        period = target_period(period, named)
    if period and role in GOAL_ROLES and not _names_its_part(text, periods, fig.start):
        # a report on part of the year measures it against the year's plan ('đạt 49% kế hoạch năm');
        # a plan for the part is named right before it ('kế hoạch quý I là …')
        period = year_of_part(period)
    return period


def _season_of_crop(text: str, fig: Figure, periods: list[PeriodMention]) -> str | None:
    """The crop season of a crop's figure: named right after its unit ('gieo cấy được 25.122 ha lúa vụ Mùa'),
    or earlier in its sentence with only a cut-off date or 'đến nay' after it ('Vụ Hè Thu đến nay đã thực
    hiện được 5.321 ha', 'vụ Mùa 2022, tính đến 15/9/2022 toàn tỉnh gieo trồng được …')."""
    if not _CROP.get(fig.family, False):
        return None
    i = bisect_right(periods, fig.unit_end - 1, key=_mention_start)
    if i < len(periods) and periods[i].value.startswith("vụ") \
            and _CROP_NAME.fullmatch(text, fig.unit_end, periods[i].start):
        return periods[i].value
    before = [m for m in periods[: bisect_right(periods, fig.start, key=_mention_end)]
              if m.governs and m.start >= fig.sentence_start]
    named = len(before)
    while before and is_to_date(before[-1].value):
        before.pop()
    if not before or not before[-1].value.startswith("vụ"):
        return None
    season = before[-1]
    return season.value if len(before) < named or _last_cue("now", text, periods, season.end, fig.start) else None


_mention_start = attrgetter("start")
_CROP_NAME = re.compile(r"\s*(?:cây\s+)?[^\W\d]*\s*")  # 'ha lúa vụ Mùa', 'ha cây lúa vụ xuân'


def _term_start(ctx: FactContext) -> str | None:
    """The year a term a report reviews started: the period of the level it started from."""
    term = _SPAN.fullmatch(ctx.period or "")
    return term.group()[:4] if term else None


def names_its_year(text: str, fig: Figure, periods: list[PeriodMention], clause_start: int,
                   period: str | None) -> bool:
    """Whether a figure's year `period` is named in its own clause ('Thu nhập bình quân đầu người năm 2025 là
    152 triệu đồng'), rather than taken from farther off: then it is no span's default."""
    if period is None or not period.isdigit():
        return False
    year_after = _YEAR_AFTER.match(text, fig.unit_end)
    return (year_after is not None and period in year_after.groups()) \
        or last_period(periods, clause_start, fig.start) == period


def _in_same_time_last_year(text: str, start: int) -> bool:
    """Whether a figure sits in brackets that give the same period a year before ('tăng 5,2% (cùng kỳ tăng
    4,2%)', '(cùng kỳ, tốc độ tăng trưởng GRDP đạt 9,2%; …)')."""
    opening = text.rfind("(", max(0, start - CONTEXT), start)
    return opening >= 0 and ")" not in text[opening:start] and _SAME_TIME_LAST_YEAR.match(text, opening + 1) is not None


_SAME_TIME_LAST_YEAR = re.compile(r"\s*cùng kỳ(?:\s+năm\s+(?:trước|ngoái))?(?!\s*(?:năm\s*)?(?:19|20)\d\d)",
                                  re.IGNORECASE)


def _now(text: str, periods: list[PeriodMention], ctx: FactContext, start: int, end: int) -> str | None:
    """The report's own period for a figure said to stand now ('Năm 2015 đạt 9 tiêu chí, đến nay là 12,6
    tiêu chí'), when no period is named between that word and the figure."""
    return (ctx.as_of or ctx.period) if _last_cue("now", text, periods, start, end) else None


def _month_or_to_date(text: str, periods: list[PeriodMention], ctx: FactContext, start: int,
                      end: int, unit_end: int) -> str | None:
    """In a report on a month and the months to date ('tháng 10 và 10 tháng năm 2023'), the month for a
    figure said to be of the month ('trong tháng') or compared with the month before, right after it ('tăng
    0,61% so với tháng trước') or earlier in its clause ('tăng 1,0% so với tháng trước và giảm 9,7% so với
    cùng kỳ'), the months to date for one said to add up ('lũy kế')."""
    month = _MONTH_OF_REPORT.fullmatch(ctx.period or "")
    if month is None:
        return None
    number, year = month.group(1) or month.group(2), month.group(3)
    if _last_cue("this_month", text, periods, start, end) or _last_cue("month_on_month", text, periods, start, end) \
            or (_month_on_month().match(text, unit_end)
                and not any(m.governs and start <= m.start < end for m in periods)):
        return f"T{number}/{year}"
    return f"{number}T/{year}" if _last_cue("to_date", text, periods, start, end) else None


_MONTH_OF_REPORT = re.compile(r"(?:(\d{1,2})T|T(\d{1,2}))/((?:19|20)\d\d)")


def _last_cue(entry: str, text: str, periods: list[PeriodMention], start: int, end: int) -> bool:
    """Whether the words of a lexicon entry stand in text[start:end] with no period named after them."""
    cue = None
    for cue in _cue_words(entry).finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    return cue is not None and not any(m.governs and cue.end() <= m.start < end for m in periods)


@cache
def _cue_words(entry: str) -> re.Pattern[str]:
    # 'trong tháng 9' names its month: a period of its own, not the report's month
    after = r"(?!\w|\s*\d)" if entry == "this_month" else r"(?!\w)"
    return re.compile(lexicon.first_letters(entry) + r"(?<!\w)" + lexicon.words(entry) + after, re.IGNORECASE)


@cache
def _month_on_month() -> re.Pattern[str]:
    # the change may be written first, in brackets: '4.310 tỷ đồng (tăng 0,6% so với tháng trước, …)'
    return re.compile(r"[^.;:()\d]{0,20}?(?:\(?[^.;:()\d]{0,12}?\d[\d.,]*\s*%[^.;:()\d]{0,8}?)?(?<!\w)"
                      + lexicon.words("month_on_month") + r"(?!\w)", re.IGNORECASE)


def _names_its_part(text: str, periods: list[PeriodMention], start: int) -> bool:
    """Whether a goal at `start` is named as the plan of a part of the year ('kế hoạch 6 tháng đầu năm
    là 230 tỷ đồng', 'dự toán quý I'): a part of the year right after a goal's name, right before it."""
    return any(m.governs and start - _OWN_PART <= m.end <= start and _goal_name_before().search(
        text, max(0, m.start - _OWN_PART // 2), m.start) for m in periods)


@cache
def _goal_name_before() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.words("goal_name") + r"\s*$", re.IGNORECASE)


def _opening_period(text: str, periods: list[PeriodMention], start: int, crop: bool) -> str | None:
    """A period that opens a sentence earlier in the paragraph ('Đến năm 2020, … . Tỷ lệ che phủ rừng
    đạt 74,8%.') governs the sentences after it; a crop season only a crop's figures (`crop`)."""
    for m in reversed(periods[: bisect_right(periods, start, key=_mention_end)]):
        if m.end < start - _OPENING_REACH:
            break
        if m.governs and (crop or not m.value.startswith("vụ")) \
                and _SENTENCE_OPENING.search(text, max(0, m.start - 20), m.start):
            return m.value
    return None


def _paragraph_period(periods: list[PeriodMention], start: int, crop: bool) -> str | None:
    """The first period the paragraph names as its own near its start, however far back the figure is:
    a paragraph of a situation report opens on the period all its figures are for ('Trong 9 tháng đầu
    năm, …; …; …'). A span there is a term named in passing, not the figures' period."""
    first = next((m for m in periods if m.governs and m.end <= start and (crop or not m.value.startswith("vụ"))),
                 None)
    return first.value if first and first.start < _PARAGRAPH_OPENING and not _SPAN.search(first.value) else None


def _heading_period(ctx: FactContext, crop: bool) -> str | None:
    """The period a heading over the paragraph names, unless it is only the year of the part of it the
    document reports ('ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH … NĂM 2024' in a report on six months)."""
    period = ctx.heading_period
    if not period or (period.startswith("vụ") and not crop):
        return None
    return None if is_part_of_a_year(ctx.period) and year_of_part(ctx.period) == period else period


def _result_period(ctx: FactContext, fig: Figure, estimate: bool) -> str | None:
    """The period of a result the text gives none for. In an end-of-term report written in its last
    year but one, a level — a rate, a share, a count over a total, an amount per head — stands as of the
    year it was written, while an amount or a count of what was done adds up over the whole term; in a
    review up to a cut-off date (a span as of), both run to that date, but what it estimates ('ước đạt
    42 triệu đồng/năm, đạt 84% Nghị quyết') is the year of the review as it will end."""
    if estimate and ctx.as_of and _CUT_OFF_SPAN.fullmatch(ctx.as_of):
        return ctx.as_of.rsplit("/", 1)[1]
    return (ctx.as_of or ctx.period) if is_level(fig) or "-" in (ctx.as_of or "") else ctx.period


_CUT_OFF_SPAN = re.compile(r"(?:19|20)\d\d-\d{1,2}/(?:19|20)\d\d")
