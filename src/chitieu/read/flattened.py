"""Tables a web page stores flattened: one cell per paragraph → `Table` blocks.

A portal page saved as text often gives an HTML table as its cells, one paragraph each, row after row:
an empty cell is a line holding only spaces, and a row's trailing empty cells may be missing. Read as
paragraphs, its figures lose their row's name and their column's heading; read here, they keep both.

A table opens on a header: a run of short cells of heading words (the lexicon's `row_number_heading`,
`row_name_heading`, `unit_heading`, `note_heading`, `column_heading`), the first of them numbering or
naming the rows. Each row then is: the number cell if the header has one ('1', 'II', 'a', '-' or
blank), the name (with a bracketed unit or remark on the paragraph after it), then value cells (numbers,
ranges, '(3,26)', '>98', 'Tăng 6,89', blanks), the unit cell and the remark ('Đạt') where the header
has their columns. The table ends where no row can start: ordinary prose, a paragraph of another shape,
the end of the text. A table is kept only when its rows are sure; otherwise the paragraphs stay as
they are, since a wrong table hides the figures it misreads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from chitieu.domain import lexicon
from chitieu.domain.document import Table, TableRow
from chitieu.domain.measure_units import unit_family
from chitieu.read.markup import clean_cell


def _whole(*names: str) -> re.Pattern[str]:
    words = "|".join(lexicon.words(n) for n in names)
    return re.compile(r"(?:" + words + r")\.?", re.IGNORECASE)


def _within(*names: str) -> re.Pattern[str]:
    words = "|".join(lexicon.words(n) for n in names)
    return re.compile(r"(?<!\w)(?:" + words + r")(?!\w)", re.IGNORECASE)


_NUMBER_HEADING = _whole("row_number_heading")
_UNIT_HEADING = _whole("unit_heading")
_NAME_HEADING = _within("row_name_heading")
_NOTE_HEADING = _within("note_heading")
_HEADING = _within("row_number_heading", "row_name_heading", "unit_heading", "note_heading", "column_heading")
_VALUE_HEADING = _within("column_heading")
_VERDICT = _whole("table_verdict")

_NUMBER = r"\d[\d.,]*"
# A value cell: an optional qualifier or comparator, a number or a range of two, maybe in brackets, then
# maybe '%' and a unit ('4674 tỷ đồng', 'Bằng 53,6', '6,5-7,5', '(3,26)', '>98', 'Tăng 3,8%').
_VALUE = re.compile(
    r"(?:(?:" + lexicon.words("comparison") + "|" + lexicon.words("cell_qualifier") + r")\s+)?"
    r"(?:[<>≤≥~]=?\s*)?\(?[-–+]?" + _NUMBER + r"(?:\s*[-–÷]\s*" + _NUMBER + r")?\)?\s*[%‰]?"
    r"(?P<unit>(?:\s*[^\s\d]+){0,3})",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"[-–—x×.…/]{1,3}", re.IGNORECASE)
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[.)]?")
_ARABIC = re.compile(r"(\d{1,3})[.)]?")
_MARK = re.compile(r"[a-zđ][.)]?|\d{1,2}(?:\.\d{1,2}){1,2}\.?|[-–+*•]", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")

_MAX_HEADING_CHARS = 80
_MAX_HEADING_WORDS = 12
_MAX_COLUMNS = 12
_MAX_NAME_CHARS = 200
_MAX_NAME_WORDS = 30
_MAX_VALUE_CHARS = 40
_MAX_UNIT_CHARS = 25
_MAX_CELL_CHARS = 1000  # a longer line, even with its markup, is no cell of these tables: not even read
_SENTENCE_ENDS = (".", ";", "!", "?", "…")
_MAX_EMPTY_ROWS = 2  # rows without a figure in a row: more, and the table has ended


class _Column(Enum):
    NUMBER = "number"
    NAME = "name"
    UNIT = "unit"
    NOTE = "note"
    VALUE = "value"


@dataclass(frozen=True, slots=True)
class _Cell:
    line: int  # 1-based
    text: str  # without markup; '' for an empty cell
    bold: bool
    barrier: bool = False  # prose or a line of another kind of table, which no flattened table crosses
    heading: bool = False  # it can be a column's heading
    name: bool = False  # it can name a row


@dataclass(frozen=True, slots=True)
class FlatTable:
    """A table found in the text: its block, and the lines it takes (first and last, 1-based)."""

    table: Table
    first_line: int
    last_line: int


def _cells(lines: list[str], start: int) -> list[_Cell]:
    """Every paragraph from `start` (0-based) on as a cell, and a line of only spaces as an empty cell.
    Where paragraphs are separated by empty lines, those separate cells; where they follow one another
    line after line, an empty line is an empty cell."""
    filled = [i for i in range(start, len(lines)) if lines[i]]
    separated = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1]) * 2 >= len(filled)
    out = []
    for index in range(start, len(lines)):
        raw = lines[index]
        if not raw and separated:
            continue
        if len(raw) > _MAX_CELL_CHARS or "\t" in raw or raw.lstrip().startswith("|"):
            out.append(_Cell(index + 1, "", False, barrier=True))  # prose, or another kind of table
            continue
        text, bold = clean_cell(raw)
        out.append(_Cell(index + 1, text, bold, heading=_is_heading(text), name=_is_name(text)))
    return out


def _is_heading(t: str) -> bool:
    return (0 < len(t) <= _MAX_HEADING_CHARS and len(t.split()) <= _MAX_HEADING_WORDS
            and not t.endswith((".", ";", ",")) and _HEADING.search(t) is not None)


def _is_value(text: str) -> bool:
    if not text:
        return True
    if len(text) > _MAX_VALUE_CHARS:
        return False
    if _PLACEHOLDER.fullmatch(text):
        return True
    m = _VALUE.fullmatch(text)
    return m is not None and (not m.group("unit").strip() or unit_family(m.group("unit").strip()) is not None)


def _has_figure(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _is_verdict(text: str) -> bool:
    return _VERDICT.fullmatch(text) is not None


def _is_name(t: str) -> bool:
    """Whether a cell can name a row: a few words, not a sentence of prose, not a figure or a verdict."""
    words = len(t.split())
    return (len(t) <= _MAX_NAME_CHARS and words <= _MAX_NAME_WORDS
            and not (words > _MAX_HEADING_WORDS and t.endswith(_SENTENCE_ENDS))
            and len(_LETTER.findall(t)) >= 2 and not _is_value(t) and not _is_verdict(t)
            and not _ROMAN.fullmatch(t))


def _is_name_tail(cell: _Cell) -> bool:
    """A bracketed unit or remark on its own paragraph after a row's name ('(Tỷ đồng)')."""
    t = cell.text
    return not cell.barrier and t.startswith("(") and len(t) <= _MAX_HEADING_CHARS and _LETTER.search(t) is not None


@lru_cache(maxsize=4096)
def _heading_kind(text: str) -> tuple[bool, bool, _Column | None]:
    """Whether a heading numbers the rows, whether it names them, and which kind of later column it
    heads (None: no later column's)."""
    numbering = _NUMBER_HEADING.fullmatch(text) is not None
    naming = _NAME_HEADING.search(text) is not None
    if _UNIT_HEADING.fullmatch(text):
        return numbering, naming, _Column.UNIT
    if _NOTE_HEADING.search(text):
        return numbering, naming, _Column.NOTE
    if _VALUE_HEADING.search(text) and not numbering:
        return numbering, naming, _Column.VALUE
    return numbering, naming, None


def _headers(cells: list[_Cell], p: int) -> list[tuple[int, list[_Column]]]:
    """Every header that can open at cell p, longest first: its width and what each column holds."""
    kinds: list[_Column] = []
    found: list[tuple[int, list[_Column]]] = []
    for q in range(p, min(len(cells), p + _MAX_COLUMNS)):
        if not cells[q].heading:
            break
        numbering, naming, kind = _heading_kind(cells[q].text)
        if not kinds and numbering:
            kinds.append(_Column.NUMBER)
        elif _Column.NAME not in kinds:
            if not naming:
                break
            kinds.append(_Column.NAME)
        elif kind is None or (kind in kinds and kind is not _Column.VALUE) or _Column.NOTE in kinds:
            break  # not a column's heading; a second unit or remark column; a column after the remarks
        else:
            kinds.append(kind)
        if _Column.VALUE in kinds:
            found.append((len(kinds), list(kinds)))
    return found[::-1]


class _Markers:
    """The row numbers seen so far. Inside a row, an arabic number is the next row's only if it follows
    the last one (or starts again at 1): otherwise it is a value of the row's last columns."""

    def __init__(self) -> None:
        self.last = 0

    def opens_row(self, text: str, inside_row: bool = False) -> bool:
        if not text or _ROMAN.fullmatch(text) or _MARK.fullmatch(text):
            return True
        m = _ARABIC.fullmatch(text)
        return m is not None and (not inside_row or int(m.group(1)) in (1, self.last + 1))

    def seen(self, text: str) -> None:
        m = _ARABIC.fullmatch(text)
        if m:
            self.last = int(m.group(1))


@dataclass(frozen=True, slots=True)
class _Row:
    cells: list[_Cell]  # one per column, from the first; the last ones may be missing
    end: int  # the index of the cell after the row


def _numbered_row_at(cells: list[_Cell], q: int, markers: _Markers, inside_row: bool = False) -> bool:
    """Whether cell q is a row's number (or the number's empty cell) followed by the row's name."""
    return (q + 1 < len(cells) and not cells[q].barrier and markers.opens_row(cells[q].text, inside_row)
            and cells[q + 1].name)


def _row_start(cells: list[_Cell], q: int, kinds: list[_Column], markers: _Markers) -> bool:
    """Whether the next row opens at cell q: on its number and its name where rows are numbered, else on
    its name."""
    if kinds[0] is _Column.NUMBER:
        return _numbered_row_at(cells, q, markers, inside_row=True)
    return cells[q].name


def _row(cells: list[_Cell], q: int, kinds: list[_Column], markers: _Markers) -> _Row | None:
    out: list[_Cell] = []
    if kinds[0] is _Column.NUMBER:
        if _numbered_row_at(cells, q, markers):
            out.append(cells[q])
            markers.seen(cells[q].text)
            q += 1
        elif q < len(cells) and cells[q].name:
            out.append(_Cell(cells[q].line, "", False))  # the number cell was left out
        else:
            return None
    if q >= len(cells) or not cells[q].name:
        return None
    name = cells[q]
    q += 1
    while q < len(cells) and _is_name_tail(cells[q]):
        name = _Cell(name.line, f"{name.text} {cells[q].text}", name.bold, name=True)
        q += 1
    out.append(name)
    while len(out) < len(kinds) and q < len(cells):
        cell, kind = cells[q], kinds[len(out)]
        if cell.barrier or _row_start(cells, q, kinds, markers):
            break
        if kind is _Column.VALUE and _is_verdict(cell.text) and _Column.NOTE in kinds:
            while len(out) < kinds.index(_Column.NOTE):  # the value cells after it were left out
                out.append(_Cell(cell.line, "", False))
        elif not _fits(cell.text, kind, numbered=kinds[0] is _Column.NUMBER):
            break
        out.append(cell)
        q += 1
    return _Row(out, q)


def _fits(text: str, kind: _Column, numbered: bool) -> bool:
    """Whether a cell can be the row's cell of this kind of column."""
    if not text or (kind is _Column.VALUE and (_is_value(text) or _is_verdict(text))):
        return True
    if kind is _Column.UNIT:
        return len(text) <= _MAX_UNIT_CHARS and unit_family(text.strip("()")) is not None
    if kind is _Column.NOTE:
        # Where rows are numbered, the next row opens on its number, so a remark may be any short text.
        return _is_verdict(text) or (numbered and len(text) <= _MAX_VALUE_CHARS and not _has_figure(text))
    return False


def _figures(row: _Row, kinds: list[_Column]) -> int:
    return sum(1 for cell, kind in zip(row.cells, kinds, strict=False)
               if kind is _Column.VALUE and _has_figure(cell.text))


def _rows(cells: list[_Cell], q: int, kinds: list[_Column]) -> list[_Row]:
    """The rows from cell q on, up to the last with a figure; a run of rows without one ends them."""
    markers = _Markers()
    rows: list[_Row] = []
    empty_run = 0
    while q < len(cells) and not _opens_header(cells, q):
        row = _row(cells, q, kinds, markers)
        if row is None:
            break
        rows.append(row)
        q = row.end
        empty_run = 0 if _figures(row, kinds) else empty_run + 1
        if empty_run > _MAX_EMPTY_ROWS:
            break
    while rows and not _figures(rows[-1], kinds):
        rows.pop()
    return rows


def _acceptable(rows: list[_Row], kinds: list[_Column]) -> bool:
    with_figures = sum(1 for r in rows if _figures(r, kinds))
    needed = 3 if len(kinds) == 2 else 2
    if with_figures < needed or with_figures * 2 < len(rows):
        return False
    # Every column up to the last value column is filled by some row: a header with more cells than the
    # rows have (a heading over two rows, a caption taken for a heading) is not this table's.
    last_value = max(i for i, k in enumerate(kinds) if k is _Column.VALUE)
    return max(len(r.cells) for r in rows) > last_value


def _table(header: list[_Cell], rows: list[_Row], width: int) -> Table:
    def row(cells: list[_Cell], line: int) -> TableRow:
        padded = cells + [_Cell(line, "", False)] * (width - len(cells))
        return TableRow(tuple(c.text for c in padded), line, tuple(c.bold for c in padded))

    body = [row(r.cells, r.cells[0].line) for r in rows]
    return Table((row(header, header[0].line), *body), header[0].line, cell_per_paragraph=True)


def _opens_header(cells: list[_Cell], p: int) -> bool:
    """Whether cell p opens a table's header: a run of headings, the first numbering or naming rows."""
    return cells[p].heading and bool(_headers(cells, p))


def _heading_run(cells: list[_Cell], p: int) -> int:
    """How many heading cells follow one another from cell p (at most a table's width)."""
    run = p
    while run < len(cells) and run - p < _MAX_COLUMNS and cells[run].heading:
        run += 1
    return run - p


def _table_at(cells: list[_Cell], p: int) -> tuple[FlatTable, int] | None:
    """The table whose header opens at cell p, with the index of the cell after it, if there is one."""
    run = _heading_run(cells, p)
    for k, kinds in _headers(cells, p):
        rows = _rows(cells, p + k, kinds)
        if k < run and (not rows or not _figures(rows[0], kinds)):
            # The header stops before a heading only if that heading names a row with figures: else it is
            # the header's own (a heading over two rows), and no column would get its right heading.
            continue
        if rows and _acceptable(rows, kinds):
            end = rows[-1].end
            last = cells[end - 1].line
            return FlatTable(_table(cells[p : p + k], rows, k), cells[p].line, last), end
    return None


def find_tables(lines: list[str], start: int = 0) -> list[FlatTable]:
    """The flattened tables in `lines` from index `start` on, in order, none overlapping."""
    cells = _cells(lines, start)
    found: list[FlatTable] = []
    failed_run_end = 0  # the end of the headings of a header that made no table
    p = 0
    while p < len(cells):
        hit = None
        # Inside the headings of a header that made no table, only a row-number heading opens another
        # (after a caption): a name heading there is the middle of the same header (over two rows).
        if _opens_header(cells, p) and (p >= failed_run_end or _heading_kind(cells[p].text)[0]):
            hit = _table_at(cells, p)
            if hit is None:
                failed_run_end = p + _heading_run(cells, p)
        if hit is not None:
            found.append(hit[0])
            p = hit[1]
        else:
            p += 1
    return found
