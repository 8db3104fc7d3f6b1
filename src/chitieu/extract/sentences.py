"""Facts from sentences: every number with a measure unit, its comparator, role, period and the
document's own percentage ('đạt 99,4% kế hoạch'), linked to the line it came from.

Pure: a paragraph and its context in, facts out. Dates, document numbers, years used as names,
outline numbers and footnote marks are not facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.domain.extraction import Fact, Op, PctBasis, Quantity, Role
from chitieu.extract.comparators import op_after, op_before
from chitieu.extract.measure_units import UnitFamily, match_unit
from chitieu.extract.numbers import NUMBER_PATTERN, Style, read_number
from chitieu.extract.periods import period_before

_TOKEN = re.compile(r"(?<![\w.,/-])(" + NUMBER_PATTERN + r")(?:\s*/\s*(" + NUMBER_PATTERN + r"))?(?![\w/])")
_RANGE_TAIL = re.compile(r"\s*(?:%|‰)?\s*(?:-|–|÷|đến|tới)\s*(" + NUMBER_PATTERN + r")(?![\w/])")
_DATE = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)|(?<!\d)\d{1,2}/(?:19|20)\d{2}(?!\d)")
_DOC_NUMBER = re.compile(r"^\s*(?:-|/)\s*[A-ZĐ]{1,}|^\s*/\s*\d{2,4}\s*/\s*[A-ZĐ]")
_NOT_VALUE_BEFORE = re.compile(
    r"(?:\b(?:ngày|tháng|năm|lần thứ|thứ|khóa|khoá|số|quý|đợt|giai đoạn|nhiệm kỳ|kỳ|lần|Đề án|"
    r"Nghị định|Chỉ thị|Quyết định|Kết luận|Thông tư|Luật|Điều|khoản|Km|km|tuổi|hạng|cấp độ|độ|"
    r"mức độ|loại|lớp|Covid|COVID|Chương trình|QL|quốc lộ|tỉnh lộ|ĐT|Chợ|phiên bản|version)\s*$)"
    r"|(?:[A-Za-zÀ-ỹ]-\s*$)",
)
_OUTLINE_START = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]\s*-?|[IVXLC]+[.\-–)]|[a-zđ][.)]|\(\d+\)\s*-?|-)\s*")
_PCT_PHRASE = re.compile(
    r"^[\s,;:(]*(?:(?:(?:và|,)\s*)?(đạt|bằng|vượt|tăng|giảm|cao hơn|thấp hơn|chiếm|đạt tỷ lệ|tỷ lệ|="
    r"|chiếm tỷ lệ)\s+)?(?:khoảng\s+)?(" + NUMBER_PATTERN + r")\s*%\s*"
    r"(?:so\s+(?:với\s+)?)?(kế hoạch|KH|chỉ tiêu|Nghị quyết|NQĐH|NQ|dự toán|DT|cùng kỳ|năm\s+\d{4}|mục tiêu)?",
    re.IGNORECASE,
)
_COMPARISON_AFTER = re.compile(
    r"^\s*(?:kế hoạch|KH|chỉ tiêu|Nghị quyết|NQĐH|NQ|dự toán|mục tiêu|so với|so cùng kỳ)", re.IGNORECASE
)
_COMPARISON_VERB_BEFORE = re.compile(r"\b(?:vượt|đạt|bằng|cao hơn|thấp hơn)\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s+(?=[A-ZÀ-ỸĐ])|\(|\)")

_TARGET_WORDS = re.compile(
    r"\b(?:phấn đấu|mục tiêu|chỉ tiêu (?:đề ra|giao|là|đến)|đến năm 20\d\d (?:đạt|có|là)|"
    r"định hướng|dự kiến (?:năm|đến)|Nghị quyết (?:đề ra|giao)|kế hoạch (?:năm|đề ra) 20\d\d (?:là|đạt))",
    re.IGNORECASE,
)
_PLAN_WORDS = re.compile(r"\b(?:kế hoạch(?: vốn)?(?: được)?(?: giao)?|KH giao|dự toán(?: giao)?)\s*(?:là|:)?\s*$",
                         re.IGNORECASE)
_FORECAST_WORDS = re.compile(r"\b(?:dự ước|dự kiến|ước cả năm|ước thực hiện cả năm)", re.IGNORECASE)
_ESTIMATE_WORDS = re.compile(r"\b(?:ước|dự ước|ước tính|ước thực hiện)\b", re.IGNORECASE)
_RESULT_WORDS = re.compile(r"\b(?:đã|được|đạt được|thực hiện được|kết quả)\b", re.IGNORECASE)
_NAME_TRIM = re.compile(
    r"(?:\s*(?:ước|dự ước|ước tính|bình quân|trung bình)?\s*(?:thực hiện được|thực hiện|đạt được|đạt|là|"
    r"được|có|với|còn|lên|xuống|tăng|giảm|duy trì|cho|của|:|=)?\s*(?:khoảng|trên|dưới|từ|gần)?\s*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FactContext:
    """What a paragraph inherits from the document: its section's purpose and periods."""

    in_targets: bool
    period: str | None
    plan_period: str | None


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
    return PctBasis.NGHI_QUYET


def _is_excluded(text: str, start: int, end: int, has_unit: bool) -> bool:
    before = text[max(0, start - 25) : start]
    token = text[start:end]
    if _DATE.fullmatch(token.replace(" ", "")) and not has_unit:
        return True
    if _DOC_NUMBER.match(text[end : end + 8]):
        return True
    if _NOT_VALUE_BEFORE.search(before) and not (has_unit and re.search(r"(?:năm|quý|tháng)\s*$", before) is None
                                                 and not re.search(r"(?:lần thứ|thứ|khóa|số)\s*$", before)):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", token) and not has_unit:
        return True
    return False


def _clause_start(text: str, pos: int, floor: int) -> int:
    start = floor
    for m in _CLAUSE_BREAK.finditer(text, floor, pos):
        start = m.end()
    return start


def _role(clause_before: str, ctx: FactContext, plan_marker: bool) -> Role:
    if plan_marker:
        return Role.PLAN
    if _FORECAST_WORDS.search(clause_before):
        return Role.FORECAST if not ctx.in_targets else Role.TARGET
    if ctx.in_targets:
        return Role.TARGET
    if _TARGET_WORDS.search(clause_before) and not _RESULT_WORDS.search(clause_before[-25:]):
        return Role.TARGET
    return Role.ACTUAL


def _indicator(text: str, clause_from: int, start: int, unit_end: int) -> str:
    before = text[clause_from:start]
    before = _OUTLINE_START.sub("", before) if clause_from == 0 else before
    before = re.sub(r"^[\s,;:.\-–]*(?:và|trong đó|riêng|gồm)?\s*", "", before, flags=re.IGNORECASE)
    name = _NAME_TRIM.sub("", before).strip(" ,;:-–")
    if len(name) < 4:
        after = re.split(r"[,;.()]", text[unit_end : unit_end + 80])[0]
        name = after.strip()
    return name[-120:]


def extract_facts(text: str, line: int, ctx: FactContext) -> list[Fact]:
    """Every fact written in one paragraph of text."""
    facts: list[Fact] = []
    consumed_until = 0
    last_fact_end = 0
    body_start = _OUTLINE_START.match(text)
    floor = body_start.end() if body_start and body_start.end() < len(text) else 0
    for m in _TOKEN.finditer(text):
        start = m.start(1)
        if start < max(consumed_until, floor):
            continue
        numerator, denominator = m.group(1), m.group(2)
        end = m.end()
        range_tail = None if denominator else _RANGE_TAIL.match(text, end)
        value_end = range_tail.end() if range_tail else end
        unit = match_unit(text, value_end)
        if unit is None and range_tail is None and text[m.end(1) : m.end(1) + 1] in "%‰":
            unit = match_unit(text, m.end(1))
        if unit is None:
            continue
        if _is_excluded(text, start, end, has_unit=True):
            continue
        clause_from = _clause_start(text, start, last_fact_end if last_fact_end > 0 else 0)
        clause_before = text[_clause_start(text, start, 0) : start]
        before_window = text[max(clause_from, start - 40) : start]
        # 'vượt 4,32ha kế hoạch', 'đạt 99,4% kế hoạch': a comparison, not a figure of its own
        if _COMPARISON_VERB_BEFORE.search(before_window) and _COMPARISON_AFTER.match(text, unit.end) \
                and facts and facts[-1].line == line:
            consumed_until = unit.end
            continue
        reading = read_number(numerator, Style.VIETNAMESE)
        if reading is None:
            continue
        op = op_before(text[clause_from:start], start - clause_from) or op_after(text, value_end) or Op.EQ
        if range_tail is not None:
            high = read_number(range_tail.group(1), Style.VIETNAMESE)
            if high is None or high.value <= reading.value:
                continue
            quantity = Quantity(Op.RANGE, low=reading.value, high=high.value)
        else:
            quantity = Quantity(op, value=reading.value, alternatives=reading.alternatives,
                                reason=reading.reason)
        pct, basis, pct_end = _percentage_after(text, unit.end, unit.unit.family)
        plan_marker = bool(_PLAN_WORDS.search(before_window))
        role = _role(clause_before, ctx, plan_marker)
        period = period_before(clause_before) or (ctx.plan_period if role in (Role.TARGET,) else ctx.period)
        quote_start = clause_from
        while quote_start < start and text[quote_start] in " ,;:.-–(":
            quote_start += 1
        quote_end = max(unit.end, pct_end)
        facts.append(Fact(
            line=line,
            span=(quote_start, quote_end),
            quote=text[quote_start:quote_end].strip(),
            indicator=_indicator(text, clause_from, start, unit.end),
            role=role,
            period=period,
            quantity=quantity,
            unit=unit.text,
            pct=pct,
            pct_basis=basis,
            estimate=bool(_ESTIMATE_WORDS.search(before_window)),
            denominator=read_number(denominator).value if denominator and read_number(denominator) else None,
        ))
        last_fact_end = unit.end
        consumed_until = pct_end if pct is not None else unit.end
    return facts


def _percentage_after(text: str, pos: int, family: UnitFamily) -> tuple[float | None, PctBasis | None, int]:
    """The document's own percentage right after a figure: 'đạt 99,4% kế hoạch', 'tăng 2% so cùng kỳ'."""
    window = text[pos : pos + 90]
    m = _PCT_PHRASE.match(window)
    if not m:
        return None, None, pos
    verb = (m.group(1) or "").lower()
    basis = _basis(m.group(3))
    if family is UnitFamily.PERCENT and verb in {"tăng", "giảm", "cao hơn", "thấp hơn"} \
            and basis in (None, PctBasis.CUNG_KY):
        return None, None, pos  # a change of a rate is a figure of its own (percentage points)
    if not verb and basis is None:
        return None, None, pos
    if verb in {"tăng", "giảm"} and basis is None:
        return None, None, pos
    if verb in {"tỷ lệ", "chiếm", "chiếm tỷ lệ", "đạt tỷ lệ"} and basis is None:
        return None, None, pos
    value = read_number(m.group(2))
    if value is None:
        return None, None, pos
    return value.value, basis, pos + m.end()
