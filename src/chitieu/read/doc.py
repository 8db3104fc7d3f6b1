"""Legacy Word .doc → .docx through LibreOffice (soffice --headless) in a private temp dir."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from chitieu.domain.document import SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.read.docx import read_docx

TIMEOUT_SECONDS = 120


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, name: str) -> SourceDocument:
    soffice = soffice_path()
    if soffice is None:
        raise ReadError("read.no_converter", file=name)
    with tempfile.TemporaryDirectory(prefix="chitieu-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "docx", "--outdir", tmp, str(src)],
                capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReadError("read.convert_failed", file=name, detail="timeout") from exc
        out = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = proc.stderr.decode("utf-8", "replace").strip()[-200:] or f"exit {proc.returncode}"
            raise ReadError("read.convert_failed", file=name, detail=detail)
        doc = read_docx(out.read_bytes(), name)
    return SourceDocument(name=doc.name, format="doc", blocks=doc.blocks, warnings=doc.warnings)
