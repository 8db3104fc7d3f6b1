"""LibreOffice (headless) renders the exported Biểu to PDF, pdftoppm to PNG: the pictures are kept in
test-artifacts/exports for a person to look at, and the table must fit the page width."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from chitieu.export.docx import write_docx
from chitieu.export.model import Layout
from chitieu.export.xlsx import write_xlsx
from chitieu.services.bieu import build_bieu
from chitieu.store.database import Database
from tests.conftest import ROOT, require_program

pytestmark = pytest.mark.slow
ARTIFACTS = ROOT / "test-artifacts" / "exports"
DPI = 70


def _pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary greyscale PGM (what `pdftoppm -gray` writes)."""
    data = path.read_bytes()
    fields: list[bytes] = []
    at = 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1:]


def _ink_columns(path: Path) -> tuple[int, int, int]:
    width, height, pixels = _pgm(path)
    columns = [x for x in range(width) if any(pixels[y * width + x] < 128 for y in range(0, height, 2))]
    return width, min(columns), max(columns)


def _render(soffice: str, pdftoppm: str, source: Path, out: Path) -> Path:
    profile = out / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    pdf = out / f"{source.stem}.pdf"
    if not pdf.exists():
        message = f"LibreOffice did not convert {source.name} (is libreoffice-calc installed for .xlsx?)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    subprocess.run([pdftoppm, "-r", str(DPI), "-f", "1", "-l", "1", "-png", str(pdf), str(out / source.stem)],
                   check=True, timeout=60)
    subprocess.run([pdftoppm, "-r", str(DPI), "-f", "1", "-l", "1", "-gray", str(pdf), str(out / source.stem)],
                   check=True, timeout=60)
    return pdf


def _times_metric_font() -> None:
    """Offices render with Times New Roman; a wider substitute (DejaVu Serif) would wrap and widen the
    table, so the rendering is only meaningful with a metric-compatible font (Liberation Serif)."""
    fc_match = require_program("fc-match")
    found = subprocess.run([fc_match, "Times New Roman"], capture_output=True, text=True, check=True).stdout
    if "Liberation Serif" not in found and "Times" not in found:
        message = f"no font metric-compatible with Times New Roman (fc-match gives {found.strip()!r})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _text(pdf: Path, first_page_only: bool = False) -> str:
    pages = ["-f", "1", "-l", "1"] if first_page_only else []
    return subprocess.run([require_program("pdftotext"), *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


@pytest.mark.parametrize("fmt,layout", [("xlsx", None), ("docx", Layout.ND30), ("docx", Layout.HD36)])
def test_rendered_table_fits_the_page_width(sample_db: Database, tmp_path: Path, fmt: str,
                                            layout: Layout | None) -> None:
    soffice, pdftoppm = require_program("soffice"), require_program("pdftoppm")
    _times_metric_font()
    bieu = build_bieu(sample_db, "Mường Tè", "2023", layout=layout)
    name = f"bieu-{fmt}-{layout or 'excel'}"
    source = tmp_path / f"{name}.{fmt}"
    source.write_bytes(write_xlsx(bieu) if fmt == "xlsx" else write_docx(bieu))
    pdf = _render(soffice, pdftoppm, source, tmp_path)
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    first = _text(pdf, first_page_only=True)
    assert "TT" in first and "Ghi chú" in first  # every column is on the first page, none spilled over
    assert "Tỷ lệ dân số đô thị được sử dụng nước sạch" in " ".join(_text(pdf).split())  # a long name may wrap
    gray = next(tmp_path.glob(f"{name}-*1.pgm"))
    width, left, right = _ink_columns(gray)
    assert left > DPI * 0.2 and right < width - DPI * 0.2, f"ink from {left} to {right} of {width}px"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for png in tmp_path.glob(f"{name}-*.png"):
        shutil.copy(png, ARTIFACTS / png.name)
