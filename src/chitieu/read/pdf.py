"""Text PDFs → SourceDocument via pdfplumber: ruled tables read as tables (cells that span lines
joined), the rest as one paragraph per text line, in reading order, numbered across pages (a block's
ordinal is its 'line'). Page numbers alone on a line are left out, so that a table continued on the next
page, its header repeated, is joined again by the extraction.

A PDF without a text layer (a scan) is refused with a 'needs OCR' error rather than read as empty.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from chitieu.domain.document import Block, Paragraph, SourceDocument, Table, TableRow
from chitieu.domain.errors import ReadError

MAX_PAGES = 2000
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*|\s*(?:trang|page)\s+\d{1,4}.*", re.IGNORECASE)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_blocks(page: Any) -> list[tuple[float, Block | str]]:
    """(top, table or line of text) of one page, for ordering."""
    found = page.find_tables(table_settings=_RULED)
    boxes = [t.bbox for t in found]
    out: list[tuple[float, Block | str]] = []
    for table in found:
        rows = [tuple(" ".join(_CONTROLS.sub("", cell or "").split()) for cell in row) for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2 and len(rows[0]) >= 2:
            out.append((table.bbox[1], Table(tuple(TableRow(r, 0) for r in rows), 0)))
    text_only = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    lines = [{**line, "text": _CONTROLS.sub("", line["text"])}
             for line in text_only.extract_text_lines(return_chars=False)]
    lines = [line for line in lines if line["text"].strip() and not _PAGE_NUMBER.fullmatch(line["text"])]
    out.extend(_paragraphs(lines, boxes))
    out.sort(key=lambda item: item[0])
    return out


_SENTENCE_END = re.compile(r"[.:;!?)]\s*$")
_NEW_ITEM = re.compile(r"^\s*(?:[-+*•–]|\(?\d+(?:\.\d+)*[.)]|[IVXLC]+[.\-–]|[a-zđ]\)|[A-ZĐÀ-Ỹ])")


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _paragraphs(lines: list[dict[str, Any]], boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, str]]:
    """The text lines of a page joined into paragraphs: a line wrapped by the page width continues the
    one above it unless a gap, a sentence end followed by a new item, or a table lies between them."""
    out: list[tuple[float, str]] = []
    heights = sorted(line["bottom"] - line["top"] for line in lines)
    height = heights[len(heights) // 2] if heights else 12.0
    width = max((line["x1"] - line["x0"] for line in lines), default=0.0)
    previous: dict[str, Any] | None = None
    for line in lines:
        text = line["text"].strip()
        if previous is not None and out:
            gap = line["top"] - previous["bottom"]
            table_between = any(previous["bottom"] <= top <= line["top"] for _, top, _, _ in boxes)
            ends = _SENTENCE_END.search(previous["text"]) is not None and _NEW_ITEM.match(text) is not None
            # a line the page width wrapped fills it; a short one, or a heading in capitals, ends there
            wrapped = previous["x1"] - previous["x0"] >= 0.8 * width and not _capitals(previous["text"]) \
                and not _capitals(text)
            if wrapped and gap < 0.8 * height and not table_between and not ends:
                out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
                previous = line
                continue
        out.append((line["top"], text))
        previous = line
    return out


def read_pdf(data: bytes, name: str) -> SourceDocument:
    # imported here: pdfplumber takes a while to load, which a run on .txt or .docx files skips
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    blocks: list[Block] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:MAX_PAGES]:
                for _, item in _page_blocks(page):
                    line = len(blocks) + 1
                    if isinstance(item, Table):
                        blocks.append(Table(tuple(TableRow(r.cells, line) for r in item.rows), line))
                    elif isinstance(item, str):
                        blocks.append(Paragraph(item, line))
    except (PDFSyntaxError, PSException, PdfminerException, MalformedPDFException, ValueError, KeyError, TypeError,
            OSError, RecursionError, AssertionError) as exc:
        raise ReadError("read.corrupt", file=name, format="pdf", detail=str(exc)[:200]) from exc
    letters = sum(1 for b in blocks if isinstance(b, Paragraph) for ch in b.text if ch.isalpha())
    if letters + sum(1 for b in blocks if isinstance(b, Table)) * 20 < 20:
        raise ReadError("read.needs_ocr", file=name)
    return SourceDocument(name, "pdf", tuple(blocks))
