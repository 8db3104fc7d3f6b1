"""Plain-text and Markdown exports of Word reports → SourceDocument.

Each line keeps its 1-based number. Runs of tab-separated lines, Markdown tables ('| a | b |') and
tables stored one cell per paragraph (read/flattened.py) become tables; inline footnote bodies
('[N: ...]') become footnote paragraphs on the same line.
"""

from __future__ import annotations

import re
from itertools import pairwise

from chitieu.domain.document import Block, BlockOrigin, Paragraph, SourceDocument, Table, TableRow
from chitieu.read.encoding import decode_text
from chitieu.read.flattened import find_tables
from chitieu.read.markup import clean_cell, clean_line

_MIN_CELLS = 3


# A web page saved as text opens on its address and headline, and its text on the date it was stored
# (the layout of the corpus pages): these lines are the page's, not the report's.
_PAGE_URL = re.compile(r"URL:\s*\S")
_PAGE_TITLE = re.compile(r"TITLE:")
_PAGE_STAMP = re.compile(r"\s*date\s+(?:19|20)\d\d-\d\d(?:-\d\d)?\s+")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def _pipe_cells(raw: str) -> list[str] | None:
    """The cells of a Markdown table line ('| TT | Chỉ tiêu | ĐVT |'); '\\|' is a pipe inside a cell."""
    line = raw.strip()
    if not (line.startswith("|") and line.endswith("|")) or line.count("|") < _MIN_CELLS + 1:
        return None
    return [c.replace("\x00", "|") for c in line[1:-1].replace("\\|", "\x00").split("|")]


def _row_cells(raw: str) -> list[str] | None:
    """The cells of a table line (tab-separated, or a Markdown table row), or None for an ordinary
    (maybe indented) line."""
    if "\t" in raw:
        cells = raw.split("\t")
    elif "|" in raw:
        cells = _pipe_cells(raw) or []
    else:
        return None
    if len(cells) < _MIN_CELLS:
        return None
    cleaned = [clean_cell(c)[0] for c in cells]
    if sum(1 for c in cleaned if c) < 2 or max(len(c) for c in cleaned) > 600:
        return None
    return cells


def _table_from(rows: list[tuple[int, list[str]]]) -> Table:
    width = max(len(cells) for _, cells in rows)
    out = []
    for line, cells in rows:
        cleaned = [clean_cell(c) for c in cells] + [("", False)] * (width - len(cells))
        out.append(TableRow(tuple(c for c, _ in cleaned), line, tuple(b for _, b in cleaned)))
    return Table(tuple(out), rows[0][0])


def parse_text(text: str, name: str, fmt: str = "txt", encoding: str | None = None) -> SourceDocument:
    blocks: list[Block] = []
    pending: list[tuple[int, list[str]]] = []
    lines = text.split("\n")

    def flush() -> None:
        if len(pending) >= 2:
            blocks.append(_table_from(pending))
        else:
            for line_no, cells in pending:
                blocks.extend(_paragraphs("\t".join(cells), line_no))
        pending.clear()

    page = _page_header(lines)
    wrapped = _wrapped_lines(lines)
    flattened = {t.first_line: t for t in find_tables(lines, len(page))}
    skip_to = 0  # the last line of a flattened table already read
    opened = False  # whether the text after the page's header has started
    for number, raw in enumerate(lines, start=1):
        if number <= len(page):
            blocks.append(Paragraph(raw.strip(), number, BlockOrigin.PAGE))
            continue
        if number <= skip_to:
            continue
        if number in flattened:
            flush()
            opened = True
            blocks.append(flattened[number].table)
            skip_to = flattened[number].last_line
            continue
        if not opened and raw.strip():
            opened = True
            stamp = _PAGE_STAMP.match(raw)
            if stamp:  # ' date 2024-07 Theo Cục Thống kê …': when the page was stored, then its text
                blocks.append(Paragraph(stamp.group(0).strip(), number, BlockOrigin.PAGE))
                raw = raw[stamp.end() :]
        if "-" in raw and _PIPE_SEPARATOR.match(raw):
            continue  # the rule under a Markdown table's header
        cells = _row_cells(raw)
        if cells is not None:
            pending.append((number, cells))
            continue
        if pending and not raw.strip() and number < len(lines) and _row_cells(lines[number]) is not None:
            continue  # a blank line inside a table (page break in the export)
        flush()
        last = blocks[-1] if blocks else None
        if number in wrapped and isinstance(last, Paragraph) and last.origin is BlockOrigin.BODY:
            # the rest of a sentence the text's width cut: the paragraph goes on, from the line it began on
            clean = clean_line(raw)
            if clean.text and not clean.notes:
                blocks[-1] = Paragraph(f"{last.text} {clean.text}", last.line, BlockOrigin.BODY, last.bold)
                continue
        blocks.extend(_paragraphs(raw, number))
    flush()
    return SourceDocument(name=name, format=fmt, blocks=tuple(blocks), encoding=encoding)


# A text whose lines the width of a page or a screen cut (copied from a PDF or a flipbook): a line that
# stops mid-sentence, and the next that goes on in lower case. A list's 'a) …' or 'b. …' begins an item.
_SENTENCE_STOPS = ".:;!?…)]"
_GOES_ON = re.compile(r"\s*(?![a-zđ][.)])[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_WRAPPED_LINE = 30  # a line cut by the width fills it: shorter ones are headings, dates, captions
_WRAPPED_AT_LEAST = 3  # a text is cut by its width at many places, not at one or two


def _wrapped_lines(lines: list[str]) -> set[int]:
    """The 1-based numbers of the lines that go on with the sentence the line before began, in a text cut
    by its width; none in a text written one paragraph per line, which may stop a line mid-sentence once."""
    goes_on = {number + 1 for number, (line, following) in enumerate(pairwise(lines), start=1)
               if _GOES_ON.match(following) and len(stripped := line.rstrip()) >= _WRAPPED_LINE
               and stripped[-1] not in _SENTENCE_STOPS and "\t" not in line and "\t" not in following}
    return goes_on if len(goes_on) >= _WRAPPED_AT_LEAST else set()


def _page_header(lines: list[str]) -> list[str]:
    """The lines a stored web page opens on: its address, then its headline, if it has them."""
    if not lines or not _PAGE_URL.match(lines[0]):
        return []
    return lines[:2] if len(lines) > 1 and _PAGE_TITLE.match(lines[1]) else lines[:1]


def _paragraphs(raw: str, number: int) -> list[Paragraph]:
    clean = clean_line(raw)
    out = []
    if clean.text:
        out.append(Paragraph(clean.text, number, BlockOrigin.BODY, clean.bold))
    for note_id, body in clean.notes:
        out.append(Paragraph(body, number, BlockOrigin.FOOTNOTE, False, note_id))
    return out


def read_text(data: bytes, name: str, fmt: str = "txt") -> SourceDocument:
    text, encoding = decode_text(data, name)
    return parse_text(text, name, fmt, encoding)
