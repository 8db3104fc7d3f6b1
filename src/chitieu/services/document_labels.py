"""How a stored document is named and dated in lists: its own title as its opening lines write it (the
kind of document in capitals and the lines that continue it, or the line in brackets that names it), and
the date it bears as a date ('tháng 12/2023' for a draft whose day is left blank, not 'ngày tháng 12 năm
2023'). Pure functions of the stored text and metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.messages import render

_KINDS = r"BÁO CÁO(?: CHÍNH TRỊ)?|TỜ TRÌNH|KẾ HOẠCH|NGHỊ QUYẾT|CHƯƠNG TRÌNH|ĐỀ ÁN|QUYẾT ĐỊNH|THÔNG BÁO"
_KIND_LINE = re.compile(rf"(?:{_KINDS})")
_KIND_OPENING = re.compile(rf"(?:{_KINDS})\s+\S")
_NAMED_IN_BRACKETS = re.compile(r"\(\s*((?:Báo cáo|Tờ trình|Kế hoạch|Nghị quyết|Chương trình|Đề án)\b[^()]{10,})\)")
# where a title ends: the rule under it, the text's first sentence or heading
_NOT_TITLE = re.compile(r"^(?:-{3,}|\*+$|Căn cứ|Trên cơ sở|Thực hiện|Kính gửi|Phần\b|[IVX]+[.\-]|\d+[.)]\s)")
_MAX_LINES = 3
_LONGEST = 240
_NOT_A_TITLE_META = re.compile(r"^(?:Số\b|ĐẢNG BỘ|ĐẢNG CỘNG SẢN|ỦY BAN|UỶ BAN|UBND|HUYỆN ỦY|HUYỆN UỶ|TỈNH ỦY|CỘNG HÒA)")


def _clean(line: str) -> str:
    return " ".join(line.replace("**", "").split())


def _sentence_case(rest: str) -> str:
    """The words after the kind of document as a listing writes them: a line in capitals stays so (it holds
    names a lower case would spoil), a written one starts in lower case ('Báo cáo tình hình …')."""
    if rest.upper() == rest:
        return rest
    return rest[:1].lower() + rest[1:]


def document_title(head: list[str], meta_title: str | None) -> str | None:
    """The document's title from its first lines; else the metadata's title when it reads as one."""
    lines = [c for c in (_clean(x) for x in head[:80]) if c]
    for i, line in enumerate(lines):
        if _KIND_LINE.fullmatch(line):
            parts = []
            for following in lines[i + 1:i + 1 + _MAX_LINES]:
                if _NOT_TITLE.match(following) or len(following) > _LONGEST or following.endswith(":"):
                    break
                parts.append(following)
            if parts:
                rest = " ".join(parts)
                kind = line if rest.upper() == rest else line[:1] + line[1:].lower()
                return f"{kind} {_sentence_case(rest)}"
        elif _KIND_OPENING.match(line) and line.upper() == line and len(line) <= 2 * _LONGEST:
            return line
    for line in lines:
        named = _NAMED_IN_BRACKETS.fullmatch(line)
        if named:
            return named.group(1).strip()
    title = _clean(meta_title or "")
    if not title or _NOT_A_TITLE_META.match(title):
        return None
    return title if len(title) <= _LONGEST else title[:_LONGEST].rsplit(" ", 1)[0] + " …"


_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*((?:19|20)\d\d)", re.IGNORECASE)
_DATE_DIGITS = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class IssuedDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """For <time datetime> and sorting: '2023-12-05', '2023-12', '2023'."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    @property
    def text(self) -> str:
        if self.month and self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month:
            return render("web.documents.month_year", month=self.month, year=self.year)
        return str(self.year)


def issued_date(written: str | None) -> IssuedDate | None:
    """The date a document bears, from its date line as stored ('ngày 05 tháng 12 năm 2023', a draft's
    'ngày    tháng 12 năm 2023', '05/12/2023'); the parts left blank stay unknown."""
    if not written:
        return None
    words = _DATE_WORDS.search(written)
    if words:
        day, month, year = (int(g) if g else None for g in words.groups())
    else:
        digits = _DATE_DIGITS.search(written)
        if not digits:
            return None
        day, month, year = (int(g) for g in digits.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and (month is None or not 1 <= day <= 31):
        day = None
    return IssuedDate(year, month, day)
