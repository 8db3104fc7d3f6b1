"""Read any supported report file: pick the reader from the file's bytes (not only its name).

The readers of Word, Excel and PDF files are imported when such a file arrives: their libraries (lxml,
pdfplumber) take a tenth of `chitieu extract`'s start, for nothing when the file is text."""

from __future__ import annotations

from pathlib import Path

from chitieu.domain.document import SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.read.budgets import check_numbers
from chitieu.read.text import read_text

MAX_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What a file named .docx, .xlsx, .pdf or .doc really is when it is none of them: the opening bytes of the
# files people most often rename by mistake (a photo of a page, an archive, a program).
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
               (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"), (b"BM", "bmp"), (b"Rar!\x1a\x07", "archive"),
               (b"7z\xbc\xaf\x27\x1c", "archive"), (b"\x1f\x8b", "archive"), (b"MZ", "program"))
_EXPECTED = {"docx": "Word (.docx)", "doc": "Word (.doc)", "xlsx": "Excel (.xlsx)", "pdf": "PDF"}


def sniff_format(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx" if suffix == "xlsx" or (b"xl/workbook.xml" in data and b"word/document.xml" not in data) \
            else "docx"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_OLE):
        return "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if suffix in {"docx", "xlsx", "pdf", "doc"}:
        return "text-misnamed"
    return "md" if suffix == "md" else "txt"


def binary_kind(data: bytes) -> str | None:
    """'png', 'jpeg', … 'archive', 'program' for a file of a kind no reader takes; None otherwise."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    kind = next((kind for head, kind in _SIGNATURES if data.startswith(head)), None)
    if kind == "bmp" and data[6:10] != b"\x00\x00\x00\x00":  # a text opening on 'BM' is no bitmap
        return None
    if kind == "program" and b"\x00" not in data[:64]:
        return None
    return kind


def _misnamed(data: bytes, name: str) -> SourceDocument:
    """A file whose name promises an Office or PDF file its bytes are not: read as text when it is text
    (an export saved under the wrong name), else said to be what it is."""
    suffix = Path(name).suffix.lower().lstrip(".")
    expected = _EXPECTED.get(suffix, suffix)
    kind = binary_kind(data)
    if kind is not None:
        raise ReadError("read.not_office", file=name, expected=expected, found_key=f"read.found.{kind}")
    try:
        return read_text(data, name, "txt")
    except ReadError as problem:
        if problem.key != "read.encoding":
            raise
        raise ReadError("read.not_office", file=name, expected=expected, found_key="read.found.binary") from problem


def read_bytes(data: bytes, name: str) -> SourceDocument:
    doc = _read(data, name)
    check_numbers(doc)
    return doc


def _read(data: bytes, name: str) -> SourceDocument:
    if not data.strip():
        raise ReadError("read.empty", file=name)
    if len(data) > MAX_BYTES:
        raise ReadError("read.too_large", file=name, size_mb=round(len(data) / 2**20, 1),
                        limit_mb=MAX_BYTES // 2**20)
    fmt = sniff_format(data, name)
    if fmt == "docx":
        from chitieu.read.docx import read_docx

        return read_docx(data, name)
    if fmt == "xlsx":
        from chitieu.read.xlsx import read_xlsx

        return read_xlsx(data, name)
    if fmt == "pdf":
        from chitieu.read.pdf import read_pdf

        return read_pdf(data, name)
    if fmt == "doc":
        from chitieu.read.doc import read_doc

        return read_doc(data, name)
    if fmt == "rtf":
        raise ReadError("read.unsupported", file=name, detail="RTF")
    if fmt == "text-misnamed":
        return _misnamed(data, name)
    return read_text(data, name, "md" if fmt == "md" else "txt")


def read_path(path: Path) -> SourceDocument:
    if path.is_dir():
        raise ReadError("read.is_directory", file=str(path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError("read.not_found", file=str(path)) from exc
    if size > MAX_BYTES:
        raise ReadError("read.too_large", file=str(path), size_mb=round(size / 2**20, 1),
                        limit_mb=MAX_BYTES // 2**20)
    return read_bytes(path.read_bytes(), str(path))
