"""Checks on references written in the text: Roman numerals of terms and congresses ('khoá XVIIII'),
and documents cited in the narrative against the document-list table ('BIỂU 02: CÁC VĂN BẢN …')."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from chitieu.domain.document import Paragraph
from chitieu.domain.extraction import Finding, FindingKind, RowExtraction, Severity, TableExtraction
from chitieu.domain.names import fold
from chitieu.domain.numbers import format_number as vi
from chitieu.domain.numerals import from_roman, to_roman

# lookaheads on the words' first letters and on the numeral reject most positions at once
_ROMAN_AFTER = re.compile(r"(?=[klĐn])\b(?:khóa|khoá|lần thứ|Đại hội|nhiệm kỳ thứ)\s+(?=[IVXLC]{2})([IVXLC]{2,})\b")
_DOC_NUMBER = re.compile(r"\b(\d{1,4}-[A-ZĐ][A-Za-zĐđ]{0,5}/[A-ZĐ]{1,6})\b")
_DOC_COUNT = re.compile(r"(?<![\d.,/])(\d{1,4})\s+văn bản\b")
_DATE_AFTER = re.compile(r"^[,\s]*(?:ngày\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def roman_findings(paragraphs: list[Paragraph]) -> list[Finding]:
    out = []
    for p in paragraphs:
        for m in _ROMAN_AFTER.finditer(p.text):
            numeral = m.group(1)
            if to_roman(from_roman(numeral)) != numeral:
                out.append(Finding(FindingKind.NUMBERING, Severity.WARNING, (p.line,), "audit.roman_numeral",
                                   {"numeral": numeral, "phrase": m.group(0)}))
    return out


def _date(d: str, m: str, y: str) -> tuple[int, int, int]:
    return int(d), int(m), int(y)


def document_list_findings(tables: tuple[TableExtraction, ...], paragraphs: list[Paragraph]) -> list[Finding]:
    """A cited document whose date differs from the list's; a count of documents that nearly matches
    the list's length ('ban hành 48 văn bản' beside a list of 47)."""
    rows = [r for t in tables if t.kind == "document_list" for r in t.rows
            if r.reference and _DOC_NUMBER.search(r.reference.number)]
    if not rows:
        return []
    out: list[Finding] = []
    listed: dict[str, tuple[tuple[int, int, int], RowExtraction, str]] = {}
    for r in rows:
        assert r.reference is not None
        m = _DATE_AFTER.match(r.reference.date)
        if m:
            listed[r.reference.number.strip()] = (_date(*m.groups()), r, r.reference.date)
        for cited in _DOC_NUMBER.finditer(r.reference.summary):  # documents the listed one implements
            when = _DATE_AFTER.match(r.reference.summary[cited.end() : cited.end() + 30])
            if when:
                listed.setdefault(cited.group(1), (_date(*when.groups()), r, when.group(0).strip(" ,")))
    table_lines = {r.line for r in rows}
    for p in paragraphs:
        if p.line in table_lines:
            continue
        for m in _DOC_NUMBER.finditer(p.text):
            known = listed.get(m.group(1))
            written = _DATE_AFTER.match(p.text[m.end() : m.end() + 30])
            if known and written and _date(*written.groups()) != known[0]:
                params = {"number": m.group(1), "text_date": written.group(0).strip(" ,"), "table_date": known[2]}
                out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (p.line, known[1].line),
                                   "audit.document_date", params))
    # counts of documents are read from the text, not from the facts: a count of documents issued is no
    # target or result, and the extraction leaves it out
    count = len(rows)
    for p in paragraphs:
        if p.line in table_lines:
            continue
        for m in _DOC_COUNT.finditer(p.text):
            said = int(m.group(1))
            if 0 < abs(said - count) <= 2:
                out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.INFO, (p.line, rows[0].line),
                                   "audit.document_count", {"text_count": vi(said), "table_count": str(count)}))
    return out


_CITATION = re.compile(r"(?=[NKCQĐT])\b(Nghị quyết|Kết luận|Chỉ thị|Quyết định|Kế hoạch|Đề án|Chương trình|"
                       r"Thông báo)\s+(?:số\s+)?(\d{1,4})-([A-ZĐ][A-Za-zĐđ]{0,5}/[A-ZĐ]{1,6})\b")
_SUBJECT = re.compile(r"[^.;]{0,40}?\bvề\s+([^.;]{12,160})")


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def citation_number_findings(lines: list[tuple[int, str]]) -> list[Finding]:
    """The same document cited twice with numbers one digit apart ('Kết luận số 122-KL/TU … về tiếp
    tục thực hiện Đề án nâng cao chất lượng giáo dục …' and 'Kết luận số 112-KL/TU … về tiếp tục thực
    hiện Đề án "Nâng cao chất lượng giáo dục …"'): a typing slip in one of them."""
    cited: list[tuple[str, str, str, str, int]] = []  # kind, number, series, subject, line
    for line, text in lines:
        for m in _CITATION.finditer(text):
            about = _SUBJECT.match(text, m.end())
            if about:
                cited.append((m.group(1).lower(), m.group(2), m.group(3), fold(about.group(1)), line))
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for i, (kind, number, series, subject, line) in enumerate(cited):
        for kind2, number2, series2, subject2, line2 in cited[i + 1 :]:
            pair = (f"{number}-{series}", f"{number2}-{series2}")
            if kind2 != kind or series2 != series or not _one_digit_apart(number, number2) or pair in seen:
                continue
            if fuzz.token_set_ratio(subject, subject2) >= 90:
                seen.add(pair)
                params: dict[str, object] = {"kind": kind, "number": pair[0], "other": pair[1], "line": line,
                                             "other_line": line2}
                out.append(Finding(FindingKind.OTHER, Severity.WARNING, tuple(sorted({line, line2})),
                                   "audit.citation_number", params))
    return out
