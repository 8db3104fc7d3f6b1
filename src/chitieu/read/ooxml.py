"""Opening Office Open XML packages (.docx, .xlsx) safely: size checks before inflating, and XML
parsed without entities, DTDs or network access."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator

from lxml import etree

from chitieu.domain.errors import ReadError

MAX_XML_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
# What a damaged archive raises while a part is inflated.
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error)
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


def _raw_head(archive: zipfile.ZipFile, part: str, name: str, fmt: str) -> None:
    """Refuse a part that declares a DTD or entities, before the parser sees it."""
    try:
        with archive.open(part) as stream:
            head = stream.read(4096)
    except _ARCHIVE_ERRORS as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
    if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
        raise ReadError("read.corrupt", file=name, format=fmt, detail="DTD/entity declarations refused")


def stream_part(archive: zipfile.ZipFile, part: str, name: str, tags: tuple[str, ...],
                wanted: Callable[[etree._Element], bool], fmt: str = "docx") -> Iterator[etree._Element]:
    """The `wanted` elements among `tags` of one XML part, in document order, each handed over once
    it is complete and freed after the caller is done with it: a large part never sits whole in
    memory. Parsed with the same protections as `parse_part`."""
    _raw_head(archive, part, name, fmt)
    try:
        with archive.open(part) as stream:
            events = etree.iterparse(stream, events=("end",), tag=tags, resolve_entities=False, no_network=True,
                                     load_dtd=False, huge_tree=False, remove_comments=True)
            for _, element in events:
                if not wanted(element):
                    continue
                yield element
                element.clear()
                parent = element.getparent()
                if parent is not None:  # drop the finished siblings before it as well
                    while element.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
    except _ARCHIVE_ERRORS as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc


def parse_part(archive: zipfile.ZipFile, part: str, name: str, fmt: str = "docx") -> etree._Element | None:
    """One XML part, parsed without entities, DTDs or network; None when the part is absent."""
    if part not in archive.namelist():
        return None
    try:
        raw = archive.read(part)
    except _ARCHIVE_ERRORS as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
    if b"<!ENTITY" in raw[:4096] or b"<!DOCTYPE" in raw[:4096]:
        raise ReadError("read.corrupt", file=name, format=fmt, detail="DTD/entity declarations refused")
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError("read.corrupt", file=name, format=fmt, detail=str(exc)) from exc
