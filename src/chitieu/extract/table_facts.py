"""The value cells of an indicator table as the figures they state: each cell's role and period from
its column, defaulted from the document where the column says nothing."""

from __future__ import annotations

from collections.abc import Iterator

from chitieu.domain.extraction import Fact, Metadata, Op, Quantity, Role, RowExtraction, TableExtraction


def column_role_and_period(t: TableExtraction, header: str, m: Metadata) -> tuple[str, str | None]:
    """A column without a role holds results; one without its year is the report's own: its term (or
    plan period) for a target, its period else."""
    role, year = t.column_roles.get(header, ("actual", None))
    return role, year or ((m.term or m.plan_period) if role == "target" else m.period)


def value_cells(t: TableExtraction) -> Iterator[tuple[RowExtraction, str, Quantity]]:
    """Each (row, column heading, value) that is a figure: a verdict column, a row that is no indicator,
    an empty cell or a sentence in a cell ('Tỷ lệ hộ nghèo còn 12,58%, giảm 6,37%/năm') is none."""
    for r in t.rows:
        for header, q in r.values.items():
            role = t.column_roles.get(header, ("actual", None))[0]
            if r.kind != "indicator" or role == "verdict" or (q.value is None and q.low is None) \
                    or (q.text is not None and q.op is not Op.TEXT):
                continue
            yield r, header, q


def cell_facts(t: TableExtraction, m: Metadata) -> list[Fact]:
    """The figures of a table a web page stores one cell per paragraph, as facts of its text: each row
    there is a statement of the page, quoted with all its cells."""
    out = []
    for r, header, q in value_cells(t):
        role, period = column_role_and_period(t, header, m)
        quote = " ".join(c.strip() for c in r.cells.values() if c.strip()) or r.name
        out.append(Fact(line=r.line, span=(0, len(r.name)), quote=quote, indicator=r.name, role=Role(role),
                        period=period, quantity=q, unit=r.unit, estimate="ước" in header.lower(),
                        indicator_id=r.indicator_id, indicator_confidence=r.indicator_confidence))
    return out
