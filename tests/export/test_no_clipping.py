"""No cell of the exported Biểu is cut off: LibreOffice renders the Excel and the Word file to PDF, and
every text cell — header, names, units, verdicts, the check notes and the line under the table — is
found whole inside its rendered cell (pdfplumber reads the table grid and the text within each cell,
so a row too low or a column too narrow for its text loses words and fails)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from chitieu.export.columns import cell_texts, columns, header
from chitieu.export.docx import write_docx
from chitieu.export.model import Bieu
from chitieu.export.xlsx import write_xlsx
from chitieu.services.bieu import build_bieu
from chitieu.store.database import Database
from tests.conftest import require_program
from tests.export.test_render import _times_metric_font

pytestmark = pytest.mark.slow
TEXT_COLUMNS = ("tt", "name", "unit", "status", "note")


def _plain(text: str) -> str:
    """Text as compared: line breaks and spacing aside (the PDF's text may space a word from its comma)."""
    return re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s+", " ", text)).strip()


def _checked(bieu: Bieu) -> Bieu:
    """The Biểu with the longest notes a check writes, on every row."""
    note = "Đã kiểm, sửa (Số liệu của Chi cục Thống kê huyện, báo cáo ngày 15/12): nguyenvanan, 07/12/2026"
    rows = [r if r.group else replace(r, note="; ".join(n for n in (r.note, note) if n)) for r in bieu.rows]
    return replace(bieu, rows=rows, checked_line=f"Đã kiểm {len(bieu.indicator_rows)}/{len(bieu.indicator_rows)} "
                                                 "dòng; người kiểm: nguyenvanan, tranthibinh.")


def _rendered_cells(soffice: str, source: Path) -> tuple[set[str], str]:
    out = source.parent / source.stem
    subprocess.run([soffice, f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    pdf = out / f"{source.stem}.pdf"
    if not pdf.exists():
        pytest.skip(f"LibreOffice did not convert {source.name} (is libreoffice-calc installed for .xlsx?)")
    cells: set[str] = set()
    text = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            text.append(page.extract_text() or "")
            for table in page.find_tables():
                for row in table.extract():
                    cells.update(_plain(c) for c in row if c)
    return cells, _plain(" ".join(text))


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_every_cell_is_shown_whole(sample_db: Database, tmp_path: Path, fmt: str) -> None:
    soffice = require_program("soffice")
    _times_metric_font()
    bieu = _checked(build_bieu(sample_db, "Mường Tè", "2023"))
    source = tmp_path / f"bieu.{fmt}"
    source.write_bytes(write_xlsx(bieu) if fmt == "xlsx" else write_docx(bieu))
    cells, text = _rendered_cells(soffice, source)
    keys = [c.key for c in columns(bieu)]
    expected = [_plain(h) for h in header(bieu)]
    for row in bieu.rows:
        expected += [_plain(t) for k, t in zip(keys, cell_texts(row, bieu), strict=True) if k in TEXT_COLUMNS and t]
    cut = sorted({e for e in expected if e not in cells})
    assert not cut, f"{len(cut)} cells not shown whole, e.g. {cut[:5]}"
    assert bieu.checked_line in text  # the line under the table too
