"""Comparators around a number: 'trên 69 tỷ', '>17600', 'từ 3%/năm', '47 triệu trở lên', 'dưới 45‰',
'Duy trì 98,5', 'khoảng 1,5%', '5-6', 'HTTNV trở lên' — and whole table cells built from them.
"""

from __future__ import annotations

import re

from chitieu.domain.extraction import Op, Quantity
from chitieu.extract.numbers import NUMBER_PATTERN, Style, read_number

# Words just before a number, in order of precedence; one regex, the named group gives the comparator.
_BEFORE_WORDS: tuple[tuple[str, Op], ...] = (
    (r"(?:>=|≥|=>)", Op.GE),
    (r"(?:<=|≤|=<)", Op.LE),
    (r">", Op.GT),
    (r"<", Op.LT),
    (r"\b(?:trên|hơn|vượt trên|lớn hơn|cao hơn)", Op.GE),
    (r"\b(?:từ|ít nhất|tối thiểu|không dưới|không thấp hơn)", Op.GE),
    (r"\b(?:dưới|thấp hơn|nhỏ hơn|giảm còn dưới|còn dưới)", Op.LT),
    (r"\b(?:không quá|tối đa|không vượt quá|không cao hơn)", Op.LE),
    (r"\b(?:duy trì(?: ổn định)?(?: ở mức| mức)?|giữ vững(?: mức)?|giữ ổn định(?: mức)?)", Op.MAINTAIN),
    (r"\b(?:khoảng|gần|xấp xỉ|chừng|ước khoảng)", Op.APPROX),
)
_BEFORE = re.compile(
    "(?:" + "|".join(f"(?P<o{i}>{p})" for i, (p, _) in enumerate(_BEFORE_WORDS)) + r")\s*$", re.IGNORECASE
)
_AFTER_GE = re.compile(r"^\s*(?:[^\s,;.()]{1,15}\s*){0,3}?\btrở lên\b", re.IGNORECASE)
_AFTER_LE = re.compile(r"^\s*(?:[^\s,;.()]{1,15}\s*){0,3}?\btrở xuống\b", re.IGNORECASE)

RANGE_RE = re.compile(
    r"(?:từ\s+)?(" + NUMBER_PATTERN + r")\s*(?:%|‰)?\s*(?:-|–|÷|đến|tới)\s*(" + NUMBER_PATTERN + r")",
    re.IGNORECASE,
)


def op_before(text: str, start: int) -> Op | None:
    """The comparator written just before offset `start`, if any (looks back 30 characters)."""
    m = _BEFORE.search(text, max(0, start - 30), start)
    if m is None or m.lastgroup is None:
        return None
    return _BEFORE_WORDS[int(m.lastgroup[1:])][1]


def op_after(text: str, end: int) -> Op | None:
    """'X trở lên' / 'X trở xuống' (possibly with the unit in between)."""
    window = text[end : end + 40]
    if _AFTER_GE.match(window):
        return Op.GE
    if _AFTER_LE.match(window):
        return Op.LE
    return None


_CELL_NUMBER = re.compile(r"[-+]?\s*" + NUMBER_PATTERN)
_QUALITATIVE = re.compile(r"^[^\d]*[A-Za-zÀ-ỹ]", re.IGNORECASE)


def parse_cell(raw: str, style: Style = Style.UNKNOWN) -> Quantity | None:
    """A table cell → Quantity; None for an empty or '-' cell."""
    text = raw.strip().strip("*").strip()
    if not text or text in {"-", "–", "x", "X", "…", "..."}:
        return None
    m = RANGE_RE.fullmatch(re.sub(r"\s*(%|‰)\s*$", "", text))
    if m and not re.match(r"^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}$", text):
        lo, hi = read_number(m.group(1), style), read_number(m.group(2), style)
        if lo and hi and lo.value < hi.value:
            return Quantity(Op.RANGE, low=lo.value, high=hi.value)
    number = _CELL_NUMBER.search(text)
    if number is None:
        return Quantity(Op.TEXT, text=text)
    if re.match(r"\s*[^\W\d_]", text[number.end() :]):
        style = Style.VIETNAMESE  # '2.000 ha' carries its unit: typed as prose, not pasted from a sheet
    token = number.group(0).replace(" ", "").lstrip("+")
    negative = token.startswith("-") and number.start() == 0
    reading = read_number(token.lstrip("-"), style)
    if reading is None:
        return Quantity(Op.TEXT, text=text)
    value = -reading.value if negative else reading.value
    before = text[: number.start()]
    op = op_before(before, len(before)) or op_after(text, number.end()) or Op.EQ
    if before.strip() and op is Op.EQ and _QUALITATIVE.match(before):
        # 'Đạt 100% kế hoạch giao' keeps its words as text next to the number
        return Quantity(Op.EQ, value=value, text=text, alternatives=reading.alternatives,
                        reason=reading.reason)
    rest = text[number.end() :].strip()
    keep_text = text if rest and not re.fullmatch(r"[%‰]|\(.*\)|trở lên|trở xuống|[^\d]{0,25}", rest) else None
    return Quantity(op, value=value, text=keep_text, alternatives=reading.alternatives,
                    reason=reading.reason)
