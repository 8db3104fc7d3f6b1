"""Comparators around a number: 'trên 69 tỷ', '>17600', 'từ 3%/năm', '47 triệu trở lên', 'dưới 45‰',
'Duy trì 98,5', 'khoảng 1,5%', '5-6', 'HTTNV trở lên' — and whole table cells built from them.
"""

from __future__ import annotations

import re

from chitieu.domain.extraction import Op, Quantity
from chitieu.domain.numbers import NUMBER_PATTERN, Style, read_number

# Words just before a number; the longest one written wins.
_BEFORE_WORDS: dict[Op, tuple[str, ...]] = {
    Op.GE: (">=", "≥", "=>", "trên", "hơn", "vượt trên", "lớn hơn", "cao hơn", "từ", "ít nhất", "tối thiểu",
            "không dưới", "không thấp hơn"),
    Op.LE: ("<=", "≤", "=<", "không quá", "tối đa", "không vượt quá", "không cao hơn"),
    Op.GT: (">",),
    Op.LT: ("<", "dưới", "thấp hơn", "nhỏ hơn", "giảm còn dưới", "còn dưới"),
    Op.MAINTAIN: ("duy trì", "duy trì ổn định", "duy trì ở mức", "duy trì mức", "duy trì ổn định ở mức",
                  "giữ vững", "giữ vững mức", "giữ ổn định", "giữ ổn định mức"),
    Op.APPROX: ("khoảng", "gần", "xấp xỉ", "chừng", "ước khoảng"),
}
_BEFORE = sorted(((w, op) for op, words in _BEFORE_WORDS.items() for w in words), key=lambda p: -len(p[0]))
_AFTER_GE = re.compile(r"^\s*(?:[^\s,;.()]{1,15}\s*){0,3}?\btrở lên\b", re.IGNORECASE)
_AFTER_LE = re.compile(r"^\s*(?:[^\s,;.()]{1,15}\s*){0,3}?\btrở xuống\b", re.IGNORECASE)

RANGE_RE = re.compile(
    r"(?:từ\s+)?(" + NUMBER_PATTERN + r")\s*(?:%|‰)?\s*(?:-|–|÷|đến|tới)\s*(" + NUMBER_PATTERN + r")",
    re.IGNORECASE,
)


_BEFORE_ENDINGS = tuple(word for word, _ in _BEFORE)
_CHANGE_FROM = re.compile(r"\b(?:giảm|tăng|hạ|nâng(?: cao)?)\s+từ$")


def op_before(text: str, start: int, floor: int = 0) -> Op | None:
    """The comparator written just before offset `start`, if any (looks back 30 characters, not
    before `floor`)."""
    window = text[max(floor, start - 30) : start].rstrip().lower()
    if not window.endswith(_BEFORE_ENDINGS):  # the common case, in one call
        return None
    if _CHANGE_FROM.search(window):
        return None  # 'giảm từ 47,4% xuống còn 21,3%': the starting point of a change, not a bound
    for word, op in _BEFORE:
        if window.endswith(word):
            before = window[: len(window) - len(word)]
            if not word[0].isalpha() or not before or not before[-1].isalnum():
                return op
    return None


def op_after(text: str, end: int) -> Op | None:
    """'X trở lên' / 'X trở xuống' (possibly with the unit in between)."""
    window = text[end : end + 40]
    if "trở" not in window.lower():  # the common case, without the two patterns' backtracking
        return None
    if _AFTER_GE.match(window):
        return Op.GE
    if _AFTER_LE.match(window):
        return Op.LE
    return None


_CELL_NUMBER = re.compile(r"[-+]?\s*" + NUMBER_PATTERN)
_QUALITATIVE = re.compile(r"^[^\d]*[A-Za-zÀ-ỹ]", re.IGNORECASE)


def _without_comparator(before: str) -> str:
    """The words before a number, less the comparator that ends them ('Duy trì ' → '')."""
    lead = before.rstrip()
    low = lead.lower()
    for word, _ in _BEFORE:
        if low.endswith(word):
            return lead[: len(lead) - len(word)]
    return lead


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
    if _QUALITATIVE.match(_without_comparator(before)):
        # 'Đạt 100% kế hoạch giao', 'Không có xã nào đạt dưới 10 tiêu chí' keep their words as text
        return Quantity(op, value=value, text=text, alternatives=reading.alternatives, reason=reading.reason)
    rest = text[number.end() :].strip()
    keep_text = text if rest and not re.fullmatch(r"[%‰]|\(.*\)|trở lên|trở xuống|[^\d]{0,25}", rest) else None
    return Quantity(op, value=value, text=keep_text, alternatives=reading.alternatives,
                    reason=reading.reason)
