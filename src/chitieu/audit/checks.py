"""Every audit check over one extraction, as a registry: each check is named, says in one line what it
finds, and takes the same input (`CheckInput`: the extraction and the document's words, computed once).
`audit_extraction` runs them in the registry's order and attaches the findings (sorted by line).

To add a check: write it in the module of its kind (table_checks, text_checks, …) as a pure function,
then add one `Check` to `CHECKS` here and a test of it alone (tests/audit/test_registry.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

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
from chitieu.domain.extraction import Extraction, Finding, TableExtraction


@dataclass(frozen=True, slots=True)
class CheckInput:
    """What every check reads: the extraction, and the document it was extracted from as paragraphs,
    as lines (every paragraph and table row as (line, text)) and as the text of each paragraph block."""

    extraction: Extraction
    paragraphs: list[Paragraph]
    lines: list[tuple[int, str]]
    texts: dict[int, str]  # block index → paragraph text: the words between figures

    @property
    def tables(self) -> tuple[TableExtraction, ...]:
        return self.extraction.tables

    @staticmethod
    def of(x: Extraction, doc: SourceDocument) -> CheckInput:
        return CheckInput(x, doc.paragraphs(), _lines(doc),
                          {i: b.text for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph)})


def _lines(doc: SourceDocument) -> list[tuple[int, str]]:
    """Every paragraph and table row as (line, text)."""
    out: list[tuple[int, str]] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append((block.line, block.text))
        else:
            out.extend((row.line, " ".join(row.cells)) for row in block.rows)
    return out


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    finds: str  # one line: what the check finds
    run: Callable[[CheckInput], list[Finding]]


def _each_table(check: Callable[[TableExtraction], list[Finding]]) -> Callable[[CheckInput], list[Finding]]:
    return lambda c: [f for table in c.tables for f in check(table)]


CHECKS: tuple[Check, ...] = (
    Check("ratio", "a share printed beside 'a/b' that is not a/b ('12/14 xã, chiếm tỷ lệ 84,6%')",
          lambda c: ratio_findings(c.extraction.facts, c.texts)),
    Check("plan_pct", "a result's % of the plan written before it that is not result / plan",
          lambda c: plan_pct_findings(c.extraction.facts)),
    Check("share_sum", "three or more shares in one sentence that nearly, but not exactly, make 100 %",
          lambda c: share_sum_findings(c.extraction.facts)),
    Check("outline", "headings numbered out of order: a gap, a repeat, a child without its parent",
          lambda c: outline_findings(c.extraction.sections)),
    Check("roman_numeral", "a Roman numeral that is not one ('khoá XVIIII')",
          lambda c: roman_findings(c.paragraphs)),
    Check("citation_number", "the same document cited twice with numbers one digit apart",
          lambda c: citation_number_findings(c.lines)),
    Check("said_not_met", "a shortcoming said in words against a figure declared met",
          lambda c: said_not_met_findings(c.paragraphs, c.extraction.facts)),
    Check("document_list", "a cited document's date or a count of documents against the report's list of them",
          lambda c: document_list_findings(c.tables, c.paragraphs)),
    Check("text_vs_table", "a value or % written in the narrative against the table's for the same indicator",
          lambda c: text_vs_table_findings(c.extraction)),
    Check("text_vs_table_target", "a target in the narrative against the same target in a table column",
          lambda c: target_findings(c.extraction)),
    Check("pct_of_plan", "a table's result given as a % of plan against the narrative's % of plan",
          lambda c: pct_of_plan_findings(c.extraction)),
    Check("target_level", "a target an order of magnitude from the current level, or on the wrong side of it",
          lambda c: target_level_findings(c.extraction)),
    Check("restated_target", "a list of targets written twice with one figure changed",
          lambda c: restated_target_findings(c.extraction)),
    Check("reduction", "a yearly reduction target that would take the rate below zero over the plan period",
          lambda c: reduction_findings(c.extraction)),
    Check("verdict", "a table row's declared status or % against the one its figures give",
          _each_table(verdict_findings)),
    Check("completed_but_partial", "a result written as done judged in the verdict column as partly met",
          _each_table(completed_but_partial_findings)),
    Check("impossible_share", "a share (unit %) above 100 %", _each_table(impossible_share_findings)),
    Check("numbering", "gaps and repeats in a table's row numbering, an unnumbered row among numbered ones",
          _each_table(numbering_findings)),
)


def run_check(name: str, x: Extraction, doc: SourceDocument) -> list[Finding]:
    """One check alone, by its name (for tests and for looking into one check's findings)."""
    check = next((c for c in CHECKS if c.name == name), None)
    if check is None:
        raise KeyError(name)
    return check.run(CheckInput.of(x, doc))


def audit_extraction(x: Extraction, doc: SourceDocument) -> Extraction:
    """`doc` is the document `x` was extracted from: some checks read the words between figures."""
    given = CheckInput.of(x, doc)
    findings: list[Finding] = list(x.findings)
    for check in CHECKS:
        findings += check.run(given)
    unique = {(f.kind, f.lines, f.key, tuple(sorted(map(str, f.params.items())))): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (min(f.lines, default=0), f.kind.value))
    return replace(x, findings=tuple(findings))
