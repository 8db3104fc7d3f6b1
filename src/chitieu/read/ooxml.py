"""Opening Office Open XML packages (.docx, .xlsx) safely: size checks before inflating, and XML
parsed without entities, DTDs or network access."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from chitieu.domain.errors import ReadError

MAX_XML_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True)


def open_archive(data: bytes, name: str, fmt: str, main_part: str) -> zipfile.ZipFile:
    """The zip archive, refused before anything is inflated when it would expand too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.compress_size and info.file_size / max(info.compress_size, 1) > MAX_RATIO \
                and info.file_size > 10 * 1024 * 1024:
            raise ReadError("read.zip_bomb", file=name, detail=f"{info.filename}: {info.file_size} bytes")
    if total > MAX_XML_BYTES:
        raise ReadError("read.zip_bomb", file=name, detail=f"{total} bytes")
    if main_part not in archive.namelist():
        raise ReadError("read.corrupt", file=name, format=fmt, detail=f"{main_part} missing")
    return archive


def parse_part(archive: zipfile.ZipFile, part: str, name: str, fmt: str = "docx") -> etree._Element | None:
    """One XML part, parsed without entities, DTDs or network; None when the part is absent."""
    if part not in archive.namelist():
        return None
    try:
        raw = archive.read(part)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
    if b"<!ENTITY" in raw[:4096] or b"<!DOCTYPE" in raw[:4096]:
        raise ReadError("read.corrupt", file=name, format=fmt, detail="DTD/entity declarations refused")
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
