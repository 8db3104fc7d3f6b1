"""Run every audit check over one extraction and attach the findings (sorted by line)."""

from __future__ import annotations

from dataclasses import replace

from chitieu.audit.outline_checks import outline_findings
from chitieu.audit.reference_checks import citation_number_findings, document_list_findings, roman_findings
from chitieu.audit.statement_checks import said_not_met_findings
from chitieu.audit.table_checks import (
    completed_but_partial_findings,
    impossible_share_findings,
    numbering_findings,
    verdict_findings,
)
from chitieu.audit.target_checks import reduction_findings, restated_target_findings, target_level_findings
from chitieu.audit.text_checks import plan_pct_findings, ratio_findings, share_sum_findings
from chitieu.audit.text_vs_table import pct_of_plan_findings, target_findings, text_vs_table_findings
from chitieu.domain.document import Paragraph, SourceDocument
from chitieu.domain.extraction import Extraction, Finding


def _lines(doc: SourceDocument) -> list[tuple[int, str]]:
    """Every paragraph and table row as (line, text)."""
    out: list[tuple[int, str]] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append((block.line, block.text))
        else:
            out.extend((row.line, " ".join(row.cells)) for row in block.rows)
    return out


def audit_extraction(x: Extraction, doc: SourceDocument) -> Extraction:
    """`doc` is the document `x` was extracted from: some checks read the words between figures."""
    texts = {i: b.text for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph)}
    findings: list[Finding] = list(x.findings)
    findings += ratio_findings(x.facts, texts)
    findings += plan_pct_findings(x.facts)
    findings += share_sum_findings(x.facts)
    findings += outline_findings(x.sections)
    paragraphs = doc.paragraphs()
    findings += roman_findings(paragraphs)
    findings += citation_number_findings(_lines(doc))
    findings += said_not_met_findings(paragraphs, x.facts)
    findings += document_list_findings(x.tables, paragraphs, x.facts)
    findings += text_vs_table_findings(x)
    findings += target_findings(x)
    findings += pct_of_plan_findings(x)
    findings += target_level_findings(x)
    findings += restated_target_findings(x)
    findings += reduction_findings(x)
    for table in x.tables:
        findings += verdict_findings(table)
        findings += completed_but_partial_findings(table)
        findings += impossible_share_findings(table)
        findings += numbering_findings(table)
    unique = {(f.kind, f.lines, f.key, tuple(sorted(map(str, f.params.items())))): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (min(f.lines, default=0), f.kind.value))
    return replace(x, findings=tuple(findings))
