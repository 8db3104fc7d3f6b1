"""Heading numbering: a number used twice, a number skipped, a sub-heading without its parent
('2.1.' after '1.' with no '2.'), as in the numbered outline of a report."""

from __future__ import annotations

import re

from chitieu.domain.extraction import Finding, FindingKind, Section, Severity

_ARABIC = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")


def _parts(label: str) -> tuple[int, ...] | None:
    if not _ARABIC.match(label):
        return None
    return tuple(int(p) for p in label.rstrip(".").split("."))


def outline_findings(sections: tuple[Section, ...]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[int, ...]] = set()
    last_child: dict[tuple[int, ...], tuple[int, int]] = {}  # parent → (number, line)
    for s in sections:
        parts = _parts(s.label)
        if parts is None:
            if s.level <= 1 and s.label:
                seen.clear()
                last_child.clear()  # numbering restarts under every Roman-numbered part
            continue
        parent, number = parts[:-1], parts[-1]
        label = ".".join(map(str, parts))
        if parent and parent not in seen:
            out.append(_finding((s.line,), "audit.heading_no_parent", label, ".".join(map(str, parent)), s.title))
        previous = last_child.get(parent)
        if previous and number == previous[0]:
            out.append(_finding((previous[1], s.line), "audit.heading_repeat", label, label, s.title))
        elif previous and number > previous[0] + 1:
            expected = ".".join(map(str, (*parent, previous[0] + 1)))
            out.append(_finding((previous[1], s.line), "audit.heading_gap", label, expected, s.title))
        if previous and number < previous[0]:
            for key in [k for k in seen if k[: len(parent)] == parent and len(k) > len(parent)]:
                seen.discard(key)  # a new list starts: forget the old one's children
        last_child[parent] = (number, s.line)
        seen.add(parts)
    return out


def _finding(lines: tuple[int, ...], key: str, label: str, expected: str, title: str) -> Finding:
    return Finding(FindingKind.NUMBERING, Severity.WARNING, lines, key,
                   {"label": label, "expected": expected, "title": title[:80]})
