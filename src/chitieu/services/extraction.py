"""Read and extract a batch of files; a bad file becomes an outcome with a message key, never a crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chitieu.audit.checks import audit_extraction
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


def extract_path(path: Path) -> ExtractOutcome:
    try:
        doc = read_path(path)
    except ReadError as exc:
        return ExtractOutcome(str(path), error_key=exc.key, error_params=exc.params)
    extraction = audit_extraction(extract_document(doc), doc)
    return ExtractOutcome(str(path), extraction, to_contract(extraction, render))


def extract_files(paths: list[Path]) -> list[ExtractOutcome]:
    return [extract_path(p) for p in paths]
