"""Document metadata: issuer, administrative unit and level, province, kind of report, periods,
term, draft marker, number, date and signer — from the header block, the title and the text.
"""

from __future__ import annotations

import re
from collections import Counter

from chitieu.domain import lexicon
from chitieu.domain.document import BlockOrigin, Paragraph
from chitieu.domain.extraction import DocKind, Metadata
from chitieu.extract.periods import (
    find_periods,
    find_span,
    first_period,
    is_part_of_a_year,
    is_span_of_years,
    year_of,
    year_of_part,
    years_named,
)
from chitieu.extract.published import published as published_date
from chitieu.gazetteer.lookup import province_of

_LEVEL_WORDS = {"huyen": ("huyện", "thị xã", "thành phố"), "xa": ("xã", "phường", "thị trấn"), "tinh": ("tỉnh",)}
_ISSUER = re.compile(
    r"^(?:HUYỆN\s+[UỦ][ỶY]\s+.+|ĐẢNG ỦY\s+.+|ĐẢNG UỶ\s+.+|ỦY BAN NHÂN DÂN\s*.*|UỶ BAN NHÂN DÂN\s*.*|"
    r"HỘI ĐỒNG NHÂN DÂN\s*.*|TỈNH [UỦ][ỶY]\s+.+|BAN CHẤP HÀNH\s+.+)$"
)
_DRAFT = re.compile(r"\(?\s*(Dự thảo(?: lần \d+)?)\s*\)?", re.IGNORECASE)
_NUMBER = re.compile(r"^(Số\s*:?[^,]{0,40}?/?\s*[A-ZĐ]{2,}[-/][A-ZĐ]{2,}[^\s,]*)|^(Số\s*:?[\s\d]*-\s*[A-ZĐ]+/[A-ZĐ]+)",
                     re.IGNORECASE)
_OPENING = 400  # the characters of a news item whose periods are the item's own
_SPAN_REACH = 1000  # the characters of a news item that may name the span of years one it opens follows
_PART_OF_YEAR = re.compile(r"\b(?:0?[1-9]|1[01]|ba|bảy|tám|chín|mười|mười một) tháng|\bquý\s*(?:i{1,3}|iv|[1-4])\b"
                           r"|\btháng\s*\d{1,2}\b")
_CONGRESS_TERM = re.compile(r"đại hội[^.]{0,200}?nhiệm kỳ\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_SPANS = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_CONGRESS_HELD = re.compile(r"đại hội\s+(?:đại biểu\s+)?đảng bộ", re.IGNORECASE)
_DATE = re.compile(r"(ngày\s*[\d\s]*tháng\s*[\d\s]*năm\s*\d{4})", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^([A-ZĐÀ-Ỹ][\wÀ-ỹ ]{1,30}),\s*ngày")
_ON_BEHALF = re.compile(r"^(?:T/M|TM\.?)\s+(.{3,60})$", re.IGNORECASE)
_SIGN_TITLES = re.compile(r"^(?:T/M|TM\.|KT\.|K/T|TL\.|BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|PHÓ CHỦ TỊCH)", re.IGNORECASE)


def _doc_kind(title: str) -> DocKind:
    t = title.lower()
    if "báo cáo chính trị" in t:
        return DocKind.BAO_CAO_CHINH_TRI
    if "sơ kết giữa nhiệm kỳ" in t or "giữa nhiệm kỳ" in t:
        return DocKind.SO_KET_GIUA_NHIEM_KY
    if "định hướng" in t and "kế hoạch" in t:
        return DocKind.DINH_HUONG_KE_HOACH
    if re.search(r"(?<!\d)(?:0?6|sáu) tháng(?! cuối)(?!\s*\d)", t):  # not 'ngày 06 tháng 12'
        return DocKind.BAO_CAO_6_THANG
    if _PART_OF_YEAR.search(t):
        return DocKind.OTHER  # a monthly, quarterly or 9-month report: its period is read from its opening
    if re.search(r"(?:nhiệm vụ|kế hoạch|tình hình)[^.]{0,60}năm\s+\d{4}", t):
        return DocKind.BAO_CAO_NAM
    return DocKind.OTHER


_WORD = r"[^\W\d_]+"
_CANDIDATE = re.compile(r"(" + _WORD + r"(?:[ \t]" + _WORD + r"){0,3})")
_NOT_NAMES = {"Đảng", "Ủy", "Uỷ", "Nhân", "Huyện", "Tỉnh", "Ban", "Hội", "Thường", "Trung", "Nghị", "Quyết"}


def _proper_name(words: str) -> str | None:
    """The leading capitalised words of `words` ('Mường Tè về' → 'Mường Tè'), if any."""
    out = []
    for w in words.split():
        if not w[:1].isupper():
            break
        out.append(w)
    if not out or out[0] in _NOT_NAMES or len(out) > 3:
        return None
    name = " ".join(out)
    return name.title() if name.isupper() else name


_NAME_AFTER = re.compile(r"[ \t]+" + _CANDIDATE.pattern)


def _names_after(source: str, words: tuple[str, ...]) -> list[str]:
    """The words written after each whole-word occurrence of one of `words` (as written or upper
    case), in text order. str.find scans far faster than a regular expression opening on alternatives."""
    found: list[tuple[int, str]] = []
    for form in dict.fromkeys(f for word in words for f in (word, word.upper())):
        at = source.find(form)
        while at >= 0:
            if at == 0 or not (source[at - 1].isalnum() or source[at - 1] == "_"):
                m = _NAME_AFTER.match(source, at + len(form))
                if m:
                    found.append((at, m.group(1)))
            at = source.find(form, at + 1)
    return [after for _, after in sorted(found)]


def _most_common_name(text: str, words: tuple[str, ...], head: str = "") -> tuple[str | None, int]:
    """The unit name most often written after one of `words` ('huyện Mường Tè'), weighed by how
    often the bare name appears anywhere, so that a neighbour mentioned once does not win."""
    counts: Counter[str] = Counter()
    for source, weight in ((text, 1), (head, 10)):
        for after in _names_after(source, words):
            name = _proper_name(after)
            if name:
                counts[name] += weight
    if not counts:
        return None, 0
    scored = {name: (len(name.split()) > 1, 3 * n + text.count(name)) for name, n in counts.items()}
    best = max(scored, key=lambda k: scored[k])
    return best, counts[best]


def _title(paragraphs: list[Paragraph], headline: str | None) -> str:
    for i, p in enumerate(paragraphs[:40]):
        if re.fullmatch(r"BÁO CÁO|BÁO CÁO CHÍNH TRỊ|TỜ TRÌNH|KẾ HOẠCH|NGHỊ QUYẾT", p.text.strip()):
            rest = [q.text for q in paragraphs[i + 1 : i + 4] if len(q.text) < 400]
            return " ".join([p.text, *rest])
    for p in paragraphs[:40]:
        if re.search(r"báo cáo chính trị|BÁO CÁO", p.text):
            return p.text
    # no title line: a news item or a web page, whose headline or lead is its first paragraph
    return headline or (paragraphs[0].text if paragraphs else "")


def _report_year(head: str, text: str, published: tuple[int, int] | None) -> int | None:
    """The year the report was written: from its date line, else the page's, else the year it names
    most often."""
    m = _DATE.search(head)
    if m:
        return int(m.group(1)[-4:])
    if published:
        return published[0]
    # the year it names most as its own (not 'so với năm 2022'), the latest on a tie; a year compared
    # counts for the one after ('tăng 5% so với cùng kỳ năm 2023', 'so với năm 2023': written in 2024)
    years = _years_of_its_own(text)
    return max(years, key=lambda y: (years[y], y)) if years else None  # the latest on a tie


def _years_of_its_own(text: str) -> Counter[int]:
    """How often a text names each year as its own; a year compared with counts for the one after; a year
    to reach ('phấn đấu đến năm 2025 đạt …') is not the text's own."""
    years = Counter(years_named(text))
    for y in _COMPARED_YEAR.findall(text):
        years[int(y) + 1] += 1
    years.subtract(int(y) for y in _HORIZON_YEAR.findall(text))
    return +years


# A line that is a plan's name or its adoption ('Kế hoạch phát triển kinh tế - xã hội năm 2024', 'Nghị
# quyết về nhiệm vụ … năm 2024', '… thông qua Nghị quyết về Kế hoạch … năm 2024'), not a line that speaks of
# one ('đạt và vượt kế hoạch … năm 2024', 'giải pháp về kế hoạch … năm 2024')
_PLAN_ONLY = re.compile(r"(?:^\W*(?:(?:v/v|về|nghị quyết|quyết định|dự thảo)\b[^.\n]{0,60}?"
                        r"\b(?:về|ban hành|thông qua)\s+)?"
                        r"|(?:thông qua|ban hành)\s+(?:các\s+)?nghị quyết\s+(?:về\s+)?)"
                        r"(?:(?:việc\s+)?điều chỉnh,?\s+(?:bổ sung\s+)?)?"
                        r"(?:kế hoạch|nhiệm vụ)[^.\n]{0,60}năm\s+(?:19|20)\d\d", re.IGNORECASE | re.MULTILINE)
_RESULTS_TOO = re.compile(r"tình hình|kết quả|thực hiện|đánh giá|báo cáo|đạt|vượt|hoàn thành", re.IGNORECASE)
_PLAN_HEAD_LINES = 12
_HALF_YEAR_OPENING = 3000
_HALF_YEAR_NAMED = re.compile(r"(?:6|06|sáu) tháng cuối năm\s+((?:19|20)\d\d)", re.IGNORECASE)
# Searched in lower-cased text: a pattern that opens on a literal is scanned for far faster than a
# case-insensitive one.
_COMPARED_YEAR = re.compile(r"(?:cùng kỳ|so với)\s+năm\s+((?:19|20)\d\d)")
_HORIZON_YEAR = re.compile(lexicon.first_letters("horizon") + lexicon.words("horizon")
                           + r"[^.;:\n\d]{0,40}?(?<!\w)(?:đến|tới)\s+năm\s+((?:19|20)\d\d)", re.IGNORECASE)
_TERM_SPAN = re.compile(r"nhiệm kỳ\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")


def _half_year(text: str) -> int | None:
    """The year whose first six months a half-year report's opening names most as its own ('6 tháng
    đầu năm 2021', not 'so với 6 tháng đầu năm 2020'), the first named on a tie: a portal's page
    carries today's date and the item's, and the text names the year before to compare."""
    opening = text[:_HALF_YEAR_OPENING]
    years = Counter(int(m.value[3:]) for m in find_periods(opening) if m.governs and m.value.startswith("6T/"))
    years.update(int(y) for y in _HALF_YEAR_NAMED.findall(opening))  # 'nhiệm vụ 6 tháng cuối năm 2021'
    return max(years, key=years.__getitem__) if years else None


def _names_a_plan(title: str, head: str) -> bool:
    """Whether the title or a line of the head is the name of a plan, without results."""
    lines = [title, *head.split("\n")[:_PLAN_HEAD_LINES]]
    return any(_PLAN_ONLY.search(line) and not _RESULTS_TOO.search(line) for line in lines)


def _periods(kind: DocKind, title: str, head: str, text: str, low: str, published: tuple[int, int] | None,
             year: int | None) -> tuple[str | None, str | None, str | None]:
    """(reported period, plan period, term); `low` is `text` in lower case, `year` the report's."""
    spans = Counter((int(a), int(b)) for a, b in _TERM_SPAN.findall(low))
    current = [s for s in spans if year is None or s[0] <= year <= s[1]]
    term_span = max(current, key=lambda s: spans[s]) if current else None
    term = f"{term_span[0]}-{term_span[1]}" if term_span else None
    # the years the title names as its own ('6 tháng đầu năm 2024', not 'giá so sánh năm 2010')
    years = [y for m in find_periods(title) if m.governs and "-" not in m.value and (y := year_of(m.value))]
    opening = text[:_OPENING]
    # the congress the title names, else the first the opening names (a banner above it may name another)
    congress = _CONGRESS_TERM.search(title.lower()) or _CONGRESS_TERM.search(opening.lower())
    if kind is DocKind.BAO_CAO_CHINH_TRI and term_span:
        # a congress in its term's last year reviews the term that ends then, whichever it names more: the
        # one it opens ('Đại hội … nhiệm kỳ 2020-2025' in 2020 reviews 2015-2020); undated, the term of the
        # congress it names is the one it opens
        ending = [s for s in spans if s[1] == year]
        opened = [s for s in spans if s[0] == year]
        if year is None and congress:
            opened = [(int(congress.group(1)), int(congress.group(2)))]
        if ending:
            term_span = max(ending, key=spans.__getitem__)
        elif opened:
            new = max(opened, key=spans.__getitem__)
            term_span = (2 * new[0] - new[1], new[0])
        term = f"{term_span[0]}-{term_span[1]}"
        following = [s for s in spans if s[0] == term_span[1]]
        nxt = max(following, key=lambda s: spans[s]) if following else None
        return term, f"{nxt[0]}-{nxt[1]}" if nxt else None, term
    opens_on = next((m.value for m in find_periods(title, year) if m.governs), None)
    if kind is DocKind.BAO_CAO_NAM and is_part_of_a_year(opens_on):
        # 'Tính đến ngày 30/6/2024, huyện giải ngân … đạt 36% kế hoạch năm 2024': a report on part of the year
        return opens_on, year_of_part(opens_on), term
    if kind is DocKind.BAO_CAO_NAM and years:
        if len(set(years)) == 1 and _names_a_plan(title, head) and not _RESULTS_TOO.search(title):
            # 'Nghị quyết về Kế hoạch phát triển kinh tế - xã hội năm 2024': the year planned, adopted
            # as the year before ends
            return str(years[0] - 1), str(years[0]), term
        return str(min(years)), str(min(years) + 1), term
    if kind is DocKind.DINH_HUONG_KE_HOACH and years:
        plan = str(max(years))
        six = re.search(r"6 tháng đầu năm[^.]{0,60}?((?:19|20)\d\d)", head + " " + text[:3000])
        period = f"6T/{six.group(1)}" if six else str(int(plan) - 1)
        return period, plan, None
    if kind is DocKind.BAO_CAO_6_THANG and (half_year := _half_year(text) or (published[0] if published else year)):
        return f"6T/{half_year}", str(half_year), term
    if kind is DocKind.SO_KET_GIUA_NHIEM_KY and term_span and year:
        return f"{term_span[0]}-{year}", f"{year}-{term_span[1]}", term
    following = [(a, b) for a, b in spans if any(ended == a for _, ended in spans)]
    if congress or following:
        # an account of a congress, or of a term and the next one: the term that ends is reported, the
        # one it opens is planned
        start, end = (int(congress.group(1)), int(congress.group(2))) if congress else max(following)
        return f"{2 * start - end}-{start}", f"{start}-{end}", f"{2 * start - end}-{start}"
    if year and _CONGRESS_HELD.search(title + "\n" + opening):
        # an account of a congress that names no term by it ('Đại hội Đảng bộ tỉnh Bắc Ninh: …'): the term
        # the text names that ends or opens in the congress's year, else the five years to it and after it
        named_term = next((s for s in spans if year in s), None)
        length = named_term[1] - named_term[0] if named_term else 5
        if named_term or year % length == 0:
            return f"{year - length}-{year}", f"{year}-{year + length}", f"{year - length}-{year}"
    # any other text (a news item, a web page): the first period its opening names, completed by the
    # year it was published ('6 tháng đầu năm' in an item of July 2024); else the span or first year
    # its title names; else the year it was published (an item of January speaks of the year before),
    # dated or names most
    published_year = published[0] if published else None
    # a part of the year the title names ('… 9 tháng đầu năm 2024') before what the opening names first
    in_title = first_period(title, year)
    first = (in_title if is_part_of_a_year(in_title) else None) or first_period(opening, published_year or year)
    fallback = published[0] - (published[1] == 1) if published else year
    if first and published_year and (first_year := year_of(first)) \
            and (first_year < published_year - 1 or (first.isdigit() and first_year > published_year)):
        # an item opening on the past it has come from ('năm 2011 chỉ đạt 1,5 tiêu chí/xã, … đến nay …') or
        # on a horizon ('hướng tới … đến năm 2030'): neither is what it reports
        first = None
    if first and published_year and is_span_of_years(first) and first.startswith(str(published_year)):
        # an item on the opening of a span of years ('Đại hội Thi đua … giai đoạn 2025-2030') reviews the span
        # its opening names as ending then ('… những tập thể, cá nhân xuất sắc giai đoạn 2020-2025')
        ended = next((s for s in _SPANS.findall(text[:_SPAN_REACH]) if s[1] == str(published_year)), None)
        if ended:
            return f"{ended[0]}-{ended[1]}", first, f"{ended[0]}-{ended[1]}"
    # the term of a council whose session the title names ('Kỳ họp thứ 8 HĐND xã Ngọc Khê khóa XX, nhiệm kỳ
    # 2021-2026') is not what the session reports on
    span = None if _COUNCIL_SESSION.search(title) else find_span(title)
    return (first or span or (str(years[0]) if years else None)
            or (str(fallback) if fallback else None)), None, term


def _year_before_a_goal_year(title: str, periods: tuple[str | None, str | None, str | None]
                             ) -> tuple[str | None, str | None, str | None]:
    """The periods of a document whose title sets the goals or adopts the budget of one year ('Năm 2026, xã
    … phấn đấu …', 'Nghị quyết … năm 2022 về dự toán ngân sách địa phương năm 2023'): its results are of the
    year before, its plan that year. A part of a year found in its opening stays."""
    reported, _, term = periods
    goal = _GOAL_YEAR_TITLE.search(title)
    named = goal or _BUDGET_TITLE.search(title)
    if named is None or _RESULTS_TITLE.search(title) or find_span(title):
        return periods
    years = _TITLE_YEAR.findall(title)
    # a budget's year follows its name; a goal's may open the title ('Năm 2026, xã … phấn đấu …')
    after = _TITLE_YEAR.findall(title, named.end())
    year = after[0] if after else years[0] if goal and len(set(years)) == 1 else None
    if year is None or reported not in (year, str(int(year) - 1)):
        return periods
    return str(int(year) - 1), year, term


# a year a title names as its own, not a horizon ('đến năm 2030', 'trước năm 2030')
_TITLE_YEAR = re.compile(r"(?<!đến )(?<!trước )(?<!vào )(?<!cuối )(?<!đến năm )(?<!trước năm )(?<!vào năm )"
                         r"(?<!cuối năm )(?:năm\s+)?\b((?:19|20)\d\d)\b", re.IGNORECASE)
_GOAL_YEAR_TITLE = re.compile(r"(?<!\w)" + lexicon.words("goal_year_title"), re.IGNORECASE)
_BUDGET_TITLE = re.compile(r"(?<!\w)" + lexicon.words("budget_title"), re.IGNORECASE)
_RESULTS_TITLE = re.compile(r"(?<!\w)" + lexicon.words("results_in_title"), re.IGNORECASE)


def adopts_a_budget(title: str) -> bool:
    """Whether a title adopts or assigns a budget or an investment plan ('Nghị quyết về dự toán ngân sách năm
    2023'), not one that reports how it went ('Báo cáo tình hình thực hiện dự toán …')."""
    return _BUDGET_TITLE.search(title) is not None and _RESULTS_TITLE.search(title) is None


def lists_goals(title: str) -> bool:
    """Whether a headline names a plan or a list of targets and nothing reached ('Các chỉ tiêu chủ yếu đến năm
    2025', 'Nghị quyết … về điều chỉnh, bổ sung nhiệm vụ phát triển kinh tế - xã hội năm 2025'),
    not results measured against them ('Ba chỉ tiêu kinh tế thấp hơn mục tiêu đề ra', '… tổng kết công tác
    Đảng năm 2023; triển khai phương hướng, chỉ tiêu nhiệm vụ năm 2024')."""
    if _PLAN_ONLY.search(title) and not _RESULTS_TOO.search(title):
        return True  # the name of a plan ('Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2023')
    return _GOAL_LIST_TITLE.search(title) is not None and _RESULTS_TITLE.search(title) is None \
        and _COMPARED_IN_TITLE.search(title) is None and _FIGURE_NOT_A_YEAR.search(title) is None


_GOAL_LIST_TITLE = re.compile(r"(?<!\w)" + lexicon.words("goal_list_title"), re.IGNORECASE)
_COMPARED_IN_TITLE = re.compile(r"(?<!\w)" + lexicon.words("comparison") + r"(?!\w)", re.IGNORECASE)
_FIGURE_NOT_A_YEAR = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d")


_COUNCIL_SESSION = re.compile(r"\bkỳ họp|\bhđnd\b|hội đồng nhân dân", re.IGNORECASE)


_CUTOFF = re.compile(r"(?:đến|tính đến)\s*(?:hết\s*)?(?:ngày\s*)?\d{1,2}/(1[0-2]|0?[1-9])/((?:19|20)\d\d)",
                     re.IGNORECASE)


def _as_of(kind: DocKind, term: str | None, plan: str | None, year: int | None, text: str) -> str | None:
    """The point a report over a term speaks as of: the year it was written for an end-of-term report,
    the term's start to the cut-off date it names most for a mid-term review."""
    if term is None:
        return None
    start, end = (int(y) for y in term.split("-"))
    if year is None:
        return None
    if kind is DocKind.BAO_CAO_CHINH_TRI and start < year <= end:
        return str(year)
    if kind is DocKind.OTHER and plan and plan.startswith(str(end)):  # a congress held as the term ends
        return str(end)
    if kind is DocKind.SO_KET_GIUA_NHIEM_KY:
        cutoffs = Counter((int(y), int(m)) for m, y in _CUTOFF.findall(text) if int(y) == year)
        if cutoffs:
            _, month = cutoffs.most_common(1)[0][0]
            return f"{start}-{year}" if month == 12 else f"{start}-{month}/{year}"
    return None


def _unit_level(issuer: str | None, low: str) -> str:
    """The level of the issuing body, else the level the text (`low`, in lower case) speaks of most."""
    if issuer:
        body = issuer.lower()
        if re.search(r"\b(xã|phường|thị trấn)\b", body):
            return "xa"
        return "tinh" if re.search(r"^(tỉnh|ủy ban nhân dân tỉnh|đảng bộ tỉnh)", body) else "huyen"
    counts = {level: low.count(words[0] + " ") for level, words in _LEVEL_WORDS.items()}
    return "xa" if counts["xa"] > 2 * counts["huyen"] else "huyen"


def extract_metadata(paragraphs: list[Paragraph]) -> Metadata:
    body = [p for p in paragraphs if p.origin is BlockOrigin.BODY]
    page = [p.text for p in paragraphs if p.origin is BlockOrigin.PAGE]
    url = next((line[4:].strip() for line in page if line.startswith("URL:")), None)
    headline = next((line[6:].strip() for line in page if line.startswith("TITLE:")), None)
    stamps = [line for line in page if line.startswith("date")]
    head_lines = [p.text.strip() for p in body[:25]]
    head = "\n".join(head_lines)
    text = "\n".join(p.text for p in body)
    title = _title(body, headline)
    published = published_date(url, stamps + head_lines, headline)
    named = [*_years_of_its_own(text), *(int(last) for _, last in _SPANS.findall(text))]
    if published and named and published[0] > max(named) + 1:
        published = None  # a site's clock or a later item's date: the text names no year (or span) as late
    kind = _doc_kind(title)
    if kind is DocKind.OTHER and not _CONGRESS_TERM.search(title.lower()):
        # a title naming a congress and its term says what the document is, whatever the lines after it
        # (a site's links to other items: 'CPI bình quân 6 tháng chỉ tăng 3,27%')
        kind = _doc_kind(head)
    issuer = next((ln for ln in head_lines if _ISSUER.match(ln)), None)
    if issuer and re.fullmatch(r"Ủ?Y BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|ỦY BAN NHÂN DÂN", issuer.strip()):
        idx = head_lines.index(issuer)
        if idx + 1 < len(head_lines):
            issuer = f"{issuer.strip()} {head_lines[idx + 1]}"
    if issuer is None:  # no issuer over the title: the body that signs it ('T/M HUYỆN ỦY')
        issuer = next((m.group(1).strip(" *") for p in body[-40:] if (m := _ON_BEHALF.match(p.text.strip(" *")))),
                      None)
    low = text.lower()
    level = _unit_level(issuer, low)
    unit_name, _ = _most_common_name(text, _LEVEL_WORDS[level], head)
    place = next((m.group(1) for ln in head_lines if (m := _PLACE_DATE.match(ln))), None)
    if unit_name is None and place:
        unit_name = place
    province, mentions = _most_common_name(text, ("tỉnh",), head)
    known = province_of(unit_name, level)
    if known and mentions < 10:
        province = known
    year = _report_year(head, text, published)
    periods = _year_before_a_goal_year(title, _periods(kind, title, head, text, low, published, year))
    as_of = _as_of(kind, periods[2], periods[1], year, text)
    draft_m = _DRAFT.search(head)
    number = next((m.group(0).strip() for ln in head_lines if (m := _NUMBER.match(ln))), None)
    date_m = _DATE.search(head)
    return Metadata(
        issuer=issuer,
        unit_name=unit_name,
        unit_level=level,
        province=province,
        doc_kind=kind,
        period=periods[0],
        plan_period=periods[1],
        term=periods[2],
        draft=draft_m.group(1) if draft_m else None,
        doc_number=number,
        date=date_m.group(1) if date_m else None,
        signer=_signer(body),
        title=title[:300],
        as_of=as_of or periods[0],
    )


def _signer(body: list[Paragraph]) -> str | None:
    for i, p in enumerate(body):
        if _SIGN_TITLES.match(p.text.strip()):
            for q in body[i + 1 : i + 5]:
                t = q.text.strip()
                if re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+", t):
                    return t
    return None
