"""What the text says in words against what its figures say: a shortcoming 'Việc xây dựng xã … đạt
chuẩn nông thôn mới chưa đạt mục tiêu nghị quyết' while a figure of the same indicator is declared
'đạt 100% chỉ tiêu Nghị quyết'."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from chitieu.catalog.model import Indicator, by_id
from chitieu.domain import lexicon
from chitieu.domain.document import Paragraph
from chitieu.domain.extraction import Fact, Finding, FindingKind, PctBasis, Severity
from chitieu.domain.names import fold
from chitieu.domain.numbers import format_number as vi

# Found by its fixed words alone, the subject then read backwards: a pattern opening on a long lazy
# subject would be tried at every position of the paragraph. Lookaheads on a space and on the words'
# first letters reject most positions at once; a paragraph without the words is not scanned at all.
_NOT_MET_WORDS = re.compile(lexicon.first_letters("not_met") + lexicon.words("not_met"), re.IGNORECASE)
_NOT_MET = re.compile(r"(?=\s)(?:\s+(?:vẫn|còn))?\s+" + lexicon.first_letters("not_met") + lexicon.words("not_met"),
                      re.IGNORECASE)
_SUBJECT_REACH = 160
_CLAUSE_ENDS = ".;:"
_MET_BASES = (PctBasis.NGHI_QUYET, PctBasis.KE_HOACH)


def _names(indicator: Indicator) -> list[str]:
    return [t for t in (fold(a) for a in (indicator.name, *indicator.aliases)) if len(t.split()) >= 3]


def said_not_met_findings(paragraphs: list[Paragraph], facts: tuple[Fact, ...]) -> list[Finding]:
    met = [f for f in facts if f.pct is not None and f.pct >= 100 and f.pct_basis in _MET_BASES and f.named_indicator]
    if not met:
        return []
    out: list[Finding] = []
    for p in paragraphs:
        if not _NOT_MET_WORDS.search(p.text):
            continue
        for m in _NOT_MET.finditer(p.text):
            window = p.text[max(0, m.start() - _SUBJECT_REACH) : m.start()]
            said = window[max(window.rfind(c) for c in _CLAUSE_ENDS) + 1 :]
            if len(said.strip()) < 12:
                continue
            subject = fold(said)
            for fact in met:
                indicator = by_id().get(fact.named_indicator or "")
                if indicator is None or fact.line == p.line:
                    continue
                if any(fuzz.token_set_ratio(name, subject) >= 95 for name in _names(indicator)):
                    statement = (said + m.group(0))[-120:].strip()
                    params: dict[str, object] = {"indicator": indicator.name, "statement": statement,
                                                 "pct": vi(fact.pct or 0), "line": fact.line}
                    out.append(Finding(FindingKind.STATUS_WRONG, Severity.WARNING,
                                       tuple(sorted({fact.line, p.line})), "audit.said_not_met", params))
                    break
    return out
