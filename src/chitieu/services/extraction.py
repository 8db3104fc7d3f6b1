"""Read and extract a batch of files; a bad file becomes an outcome with a message key, never a crash."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chitieu.audit.checks import audit_extraction
from chitieu.audit.cross_document import cross_document_findings
from chitieu.domain.document import SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.domain.extraction import Extraction
from chitieu.extract.contract import to_contract
from chitieu.extract.pipeline import extract_document
from chitieu.messages import render
from chitieu.read.document import read_path


@dataclass
class ExtractOutcome:
    path: str
    extraction: Extraction | None = None
    contract: dict[str, Any] | None = None
    error_key: str | None = None
    error_params: dict[str, object] = field(default_factory=dict)


def analyse(doc: SourceDocument) -> Extraction:
    """The whole pure pipeline on one read document: extract, evaluate and audit."""
    return audit_extraction(extract_document(doc), doc)


def extract_path(path: Path) -> ExtractOutcome:
    try:
        doc = read_path(path)
    except ReadError as exc:
        return ExtractOutcome(str(path), error_key=exc.key, error_params=exc.params)
    extraction = analyse(doc)
    return ExtractOutcome(str(path), extraction, to_contract(extraction, render))


def extract_files(paths: list[Path], cross_check: bool = False) -> list[ExtractOutcome]:
    """Every file, in order; with `cross_check`, documents about the same unit are also compared."""
    outcomes = [extract_path(p) for p in paths]
    if cross_check:
        done = [o for o in outcomes if o.extraction is not None]
        extra = cross_document_findings([o.extraction for o in done if o.extraction is not None])
        for o in done:
            assert o.extraction is not None
            found = extra.get(o.extraction.source, [])
            if found:
                o.extraction = replace(o.extraction, findings=o.extraction.findings + tuple(found))
                o.contract = to_contract(o.extraction, render)
    return outcomes
