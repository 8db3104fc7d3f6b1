"""A figure's role — result, target, plan, forecast — from the words before it, its sentence's lead-in,
its paragraph's opening and its section (the words themselves are the lexicon's)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from chitieu.domain import lexicon
from chitieu.domain.extraction import Fact, Role
from chitieu.domain.measure_units import UnitFamily
from chitieu.extract.clauses import CONTEXT
from chitieu.extract.fact_context import FactContext
from chitieu.extract.figures import Figure
from chitieu.extract.periods import PeriodMention, last_period, year_of


def _words_pattern(name: str, tail: str = "") -> re.Pattern[str]:
    """The words of a lexicon entry, found anywhere (a lookahead on their first letters first)."""
    return re.compile(lexicon.first_letters(name) + r"\b" + lexicon.words(name) + tail, re.IGNORECASE)


_TARGET_WORDS = _words_pattern("target")
_COMPARATOR = r"(?:hơn|gần|khoảng|trên|dưới)"  # between the words that name a figure and the figure
_PLAN_WORDS = _words_pattern("plan", r"\s*(?:là|:)?\s*" + _COMPARATOR + r"?\s*$")
_ALLOCATION_WORDS = re.compile(lexicon.first_letters("allocation") + lexicon.words("allocation"), re.IGNORECASE)
_SPENDING = re.compile(lexicon.first_letters("spending") + lexicon.words("spending"), re.IGNORECASE)
_SPENT_WORDS = re.compile(r"(?=[cgđqtCGĐQT])(?:" + lexicon.words("spending") + "|đạt)", re.IGNORECASE)  # 'đạt' too
_TARGET_REFERENCE = re.compile(lexicon.first_letters("target_reference") + lexicon.words("target_reference")
                               + r"\s*$", re.IGNORECASE)
# A bracket opened on the name of a goal: '(KH 39-40%)', '(Nghị quyết 12%/năm)', '(kịch bản là 9,0%)'.
_GOAL_IN_BRACKETS = re.compile(r"\(\s*(?:so với\s+|theo\s+)?(" + lexicon.words("goal_name") + r")\b[^()\d]{0,50}$",
                               re.IGNORECASE)
_GOAL_AFTER_SLASH = re.compile(r"\d[^/\d;]{0,25}/\s*" + lexicon.words("goal_name") + r"\b[^/\d;]{0,20}$", re.IGNORECASE)
_FORECAST_WORDS = _words_pattern("forecast")
_BUDGET_SUBJECT = _words_pattern("budget_subject", r"\b")
_BUDGET_REACHED = _words_pattern("budget_reached", r"\b")
_INTENT_WORDS = _words_pattern("intent", r"\b")
_RESULT_WORDS = _words_pattern("result", r"\b")
_THIS_YEAR = _words_pattern("this_year", r"\b")


def _the_reports_year(named: str | None, lead: str, ctx: FactContext) -> bool:
    """Whether what is expected is for the year the report is written in: that year or a part of it
    named, or the year as a whole ('cả năm', 'năm nay') with no other period named."""
    reported = year_of(ctx.period)
    if named is not None:  # the year itself or part of it ('dự kiến hết 30/9 giải ngân đạt 65%')
        return reported is not None and "-" not in named and year_of(named) == reported
    return _THIS_YEAR.search(lead) is not None


def _is_baseline(text: str, fig: Figure, clause_from: int) -> bool:
    """Whether a figure is the level a change starts from ('giảm từ 47,4% năm 2020 xuống còn 21,3%') or
    one named as the term's start ('(đầu nhiệm kỳ 6,67%)')."""
    before = max(clause_from, fig.start - _CHANGE_REACH)
    if _BASELINE_NAME.search(text, max(before, fig.start - 25), fig.start):
        return True
    return _CHANGE_FROM.search(text, before, fig.start) is not None \
        and _CHANGE_TO.match(text, fig.unit_end, fig.unit_end + _CHANGE_REACH) is not None


_CHANGE_REACH = 80
_CHANGE_FROM = re.compile(r"(?<!\w)" + lexicon.words("change_verb") + r"(?!\w)[^.;:\d]{0,50}?(?<!\w)từ\s*"
                          r"(?:mức\s*)?(?:hơn|trên|gần|khoảng|dưới)?\s*$", re.IGNORECASE)
# ('từ 5,5%/năm trở lên' is a bound, not a change)
_CHANGE_TO = re.compile(r"(?:[^.;\d]|(?:19|20)\d\d){0,40}?(?<!\w)" + lexicon.words("change_to")
                        + r"(?!\w)(?<!trở lên)(?<!trở xuống)", re.IGNORECASE)
_BASELINE_NAME = re.compile(r"(?<!\w)" + lexicon.words("baseline_name") + r"\s*(?:là|:)?\s*$", re.IGNORECASE)


def next_unit_of_a_list(text: str, previous_end: int, start: int) -> bool:
    """Whether all that stands between a figure ending at `previous_end` and one at `start` is the name of
    another unit of government ('… được giao hơn 667 tỷ đồng; Huyện Tiên Du 374,5 tỷ đồng'): the list goes
    on saying the same of each unit."""
    return _UNIT_ITEM.fullmatch(text, previous_end, start) is not None


# an item naming only a unit of government (and the comparator of its figure), in the same sentence
_UNIT_ITEM = re.compile(r"[\s,;:\-–+]*(?:và\s+)?" + lexicon.words("unit_of_government")
                        + r"\s+[^\W\d][^\d,;:.!?()\n]{0,40}?\s*(?:là|:)?\s*" + _COMPARATOR + r"?\s*", re.IGNORECASE)


def goal_after_slash(text: str, start: int) -> bool:
    """Whether the figure at `start` is the plan after a result and a slash ('38.198 tấn/KH 41.000 tấn')."""
    return _GOAL_AFTER_SLASH.search(text, max(0, start - 30), start) is not None


def spent_right_before(text: str, start: int) -> bool:
    """Whether money is spent or collected right before the figure at `start` ('giải ngân 34.683 triệu đồng',
    'thu được gần 20 tỷ đồng')."""
    return _SPENT_RIGHT_BEFORE.search(text, max(0, start - 40), start) is not None


_SPENT_RIGHT_BEFORE = re.compile(r"(?<!\w)" + lexicon.words("spending") + r"(?:\s+(?:được|"
                                 + lexicon.words("approximation") + r"))*\s*:?\s*$", re.IGNORECASE)


def goal_in_brackets(text: str, start: int) -> re.Match[str] | None:
    """The name of a goal opening the bracket the figure at `start` stands in ('11,5% (KH 9%)', '(NQ 3%)')."""
    opened = text.rfind("(", max(0, start - 60), start)
    return _GOAL_IN_BRACKETS.match(text, opened, start) if opened >= 0 and ")" not in text[opened:start] else None


def role_of(text: str, clause_from: int, fig: Figure, ctx: FactContext, periods: list[PeriodMention],
          lead_in: tuple[int, int] | None) -> Role:
    """Result, target, plan or baseline, from the words before the figure (and the lead-in of its
    sentence) and the part of the document."""
    if _is_baseline(text, fig, clause_from):
        return Role.BASELINE
    start, family = fig.start, fig.family
    sentence = text[max(fig.sentence_start, start - CONTEXT) : start]
    lead = f"{text[lead_in[0] : lead_in[1]]} … {sentence}" if lead_in else sentence
    clause = text[clause_from:start]
    window = text[max(clause_from, start - 40) : start]
    if _TARGET_REFERENCE.search(window):
        return Role.TARGET
    if _PLAN_WORDS.search(window):
        return Role.PLAN
    goal = goal_in_brackets(text, start)
    if goal:  # '11,5% (KH 9%)', '(chỉ tiêu Nghị quyết là 3.320 USD)': the goal the result is set against
        return Role.PLAN if goal.group(1).lower().startswith(("dự toán", "kế hoạch vốn")) else Role.TARGET
    if goal_after_slash(text, start):
        return Role.PLAN  # '38.198 tấn/KH 41.000-42.000 tấn': the plan the result before the slash is set against
    # 'giải ngân: 71.207,33 triệu đồng': the colon ends the clause but not the verb's reach
    near = max(fig.sentence_start, start - 25)
    spent = _SPENT_WORDS.search(clause) or (near < clause_from and _SPENT_WORDS.search(text[near:start]))
    if family is UnitFamily.MONEY and not spent and _ALLOCATION_WORDS.search(sentence + " " + clause):
        return Role.PLAN
    if family is UnitFamily.MONEY and (ctx.budget_document or _BUDGET_SUBJECT.search(sentence)) \
            and not _BUDGET_REACHED.search(sentence):
        return Role.PLAN
    year = last_period(periods, start - len(sentence), start)
    past = year is not None and ctx.plan_period is not None and year[:4].isdigit() \
        and year[:4] < ctx.plan_period[:4] and "-" not in year
    if _FORECAST_WORDS.search(lead):
        return Role.TARGET if ctx.in_targets and not past else Role.FORECAST
    if _INTENT_WORDS.search(lead):
        if not ctx.in_targets and _the_reports_year(year, lead, ctx):
            return Role.FORECAST  # 'dự kiến cả năm 2024 thu hút FDI đạt trên 1 tỷ USD', said before the year ends
        return Role.PLAN if not ctx.in_targets else Role.TARGET
    if ctx.in_targets:
        return Role.ACTUAL if past else Role.TARGET
    # 'phấn đấu … đạt 8%' is a target: 'đạt' there is the aim, not a result
    if _TARGET_WORDS.search(lead) and not _RESULT_WORDS.search(sentence[-25:]) \
            and not _SPENDING.search(clause):
        return Role.TARGET
    if not past and (_in_goal_paragraph(text, fig.start) or _in_goal_list(text, fig.start)
                     or _after_goals_set(text, fig.start)) \
            and not _RESULT_OPENING.search(sentence):
        return Role.TARGET
    return Role.ACTUAL


# A paragraph that opens on its goals ('Phấn đấu …', 'Mục tiêu đến năm 2030: …', 'Đến năm 2030, …')
# goes on listing them in the sentences after, until one speaks of what was done.
_GOAL_OPENING = re.compile(r"^\W*(?:về [^:]{0,40}:\s*)?" + lexicon.words("goal_opening"), re.IGNORECASE)
_RESULT_OPENING = _words_pattern("result_opening", r"\b")


def _in_goal_paragraph(text: str, start: int) -> bool:
    return start > 0 and _GOAL_OPENING.match(text) is not None


# A list of goals announced inside a paragraph ('… với 20 chỉ tiêu chủ yếu là: A đạt 72 triệu; B …',
# 'năm 2026 xã tiếp tục đề ra các chỉ tiêu như: …', or its items numbered in the line: 'Các chỉ tiêu kinh
# tế - xã hội năm 2018 1. Tăng trưởng …') runs on after its colon until a sentence speaks of what was done.
_GOAL_LIST_COLON = re.compile(lexicon.first_letters("goal_list") + lexicon.words("goal_list")
                              + r"(?:[^.:;\d]|(?:19|20)\d\d){0,60}(?::|(?<=\s)1[.)]\s)", re.IGNORECASE)
_RESULT_LIST = re.compile(lexicon.first_letters("result_list") + lexicon.words("result_list"), re.IGNORECASE)
_GOAL_LIST_REACH = 800


@lru_cache(maxsize=4)
def _goal_list_colons(text: str) -> list[int]:
    """Where the announced lists of goals of a paragraph start: found once per paragraph."""
    # not a list of what was done with them ('Kết quả thực hiện các chỉ tiêu chủ yếu năm 2024:')
    # unless they are set first ('Kỳ họp xác định nhiệm vụ thực hiện trong năm 2020 với các chỉ tiêu: …')
    return [m.end() for m in _GOAL_LIST_COLON.finditer(text)
            if not _RESULT_LIST.search(text, (opening := _sentence_start(text, m.start())), m.start())
            or _GOAL_SETTING.search(text, opening, m.start())]


def _sentence_start(text: str, at: int) -> int:
    # any full stop: a sentence of a list item may open in lower case, unlike clauses.SENTENCE_BREAK's
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _in_goal_list(text: str, start: int) -> bool:
    colons = _goal_list_colons(text)
    i = bisect_right(colons, start) - 1
    return i >= 0 and start - colons[i] <= _GOAL_LIST_REACH \
        and not _RESULT_OPENING.search(text, colons[i], start)


_GOAL_SETTING = _words_pattern("goal_setting", r"\b")
_GOALS_NAMED = re.compile(lexicon.words("goals_named"), re.IGNORECASE)
_GOALS_REACHED = _words_pattern("goals_reached", r"\b")


@lru_cache(maxsize=4)
def _goals_set(text: str) -> list[int]:
    """Where a paragraph sets goals, found once per paragraph: not where its clause says the goals it names
    were reached ('Năm 2020, thị trấn thực hiện đạt và vượt 14/16 chỉ tiêu chủ yếu. …')."""
    return [m.end() for m in _GOAL_SETTING.finditer(text)
            if not (_GOALS_NAMED.match(m.group())
                    and _GOALS_REACHED.search(text, _clause_start(text, m.start()), m.start()))]


def _clause_start(text: str, at: int) -> int:
    return max(_sentence_start(text, at), text.rfind(",", 0, at) + 1, text.rfind(";", 0, at) + 1)


def _after_goals_set(text: str, start: int) -> bool:
    """Whether a figure follows the setting of goals in its paragraph with nothing said done between."""
    ends = _goals_set(text)
    i = bisect_right(ends, start) - 1
    return i >= 0 and start - ends[i] <= _GOAL_LIST_REACH and not _RESULT_OPENING.search(text, ends[i], start)


# '121/246 hộ nghèo, bằng 49% kế hoạch năm': the percentage of the plan that the 'b' is
_PLAN_AFTER = re.compile(r"[^;.\d]{0,30}?(?:bằng|đạt|tương đương)\s+(?:gần\s+|khoảng\s+)?[\d.,]+\s*%\s*(?:so với\s+)?"
                         r"(?:kế hoạch|KH|dự toán)", re.IGNORECASE)


def result_over_plan(text: str, fact: Fact, fig: Figure) -> bool:
    """Whether 'a/b' is a result over its plan ('61,5/60 ha', '259.765/286.000 triệu đồng', '121/246 hộ
    nghèo, bằng 49% kế hoạch'), two facts, rather than a count over a total ('12/14 xã'), one."""
    if fact.denominator is None or fact.quantity.value is None or fact.role is not Role.ACTUAL:
        return False
    # a sum of money over another is what was collected or spent of what was planned; a length, an
    # area or a count over another may be the part of a whole ('128,3km/365,8km đường được cứng hóa')
    return fig.family is UnitFamily.MONEY or fact.quantity.value > fact.denominator \
        or _PLAN_AFTER.match(text, fig.unit_end) is not None
