"""Text PDFs → SourceDocument via pypdf: one paragraph per text line, numbered across pages.

A PDF without a text layer (a scan) is refused with a 'needs OCR' error rather than read as empty.
"""

from __future__ import annotations

import io
import logging

from chitieu.domain.document import SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.read.text import parse_text

MAX_PAGES = 2000


def read_pdf(data: bytes, name: str) -> SourceDocument:
    # imported here: pypdf takes a tenth of a second to load, which a run on .txt or .docx files skips
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = reader.pages[:MAX_PAGES]
        texts = [page.extract_text() or "" for page in pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReadError("read.corrupt", file=name, format="pdf", detail=str(exc)[:200]) from exc
    text = "\n".join(texts)
    if sum(1 for ch in text if ch.isalpha()) < 20:
        raise ReadError("read.needs_ocr", file=name)
    return parse_text(text, name, "pdf", None)

