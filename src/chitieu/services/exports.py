"""The export files, as bytes, for the command line and the web download alike."""

from __future__ import annotations

from chitieu.domain.names import fold
from chitieu.export.docx import write_docx
from chitieu.export.model import Layout
from chitieu.export.narrative import write_markdown, write_narrative_docx
from chitieu.export.xlsx import write_xlsx
from chitieu.services.bieu import build_bieu
from chitieu.services.bieu_check import checked_bieu
from chitieu.store.database import Database

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


def bieu_file(db: Database, unit: str | int, period: str, term: str | None, fmt: str,
              layout: Layout | None = None) -> tuple[bytes, str]:
    """The Biểu as a file, and its name: the unit and the period in it, so two downloads never collide.
    The Biểu of a period (no term) is the one checked row by row, and says who checked what."""
    bieu = build_bieu(db, unit, period, term, layout) if term else checked_bieu(db, unit, period, layout)
    name = f"bieu-{fold(bieu.unit_name).replace(' ', '-')}-{period.replace('/', '-')}.{fmt}"
    return (write_xlsx(bieu) if fmt == "xlsx" else write_docx(bieu)), name


def narrative_file(db: Database, unit: str | int, period: str, term: str | None, fmt: str) -> bytes:
    bieu = build_bieu(db, unit, period, term)
    return write_markdown(bieu) if fmt == "md" else write_narrative_docx(bieu)
