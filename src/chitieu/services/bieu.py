"""Assemble the Biểu of one unit and period, judged by the rulebook (the documents' own % and verdicts
are not copied; where they differ, the note says what the report wrote).

Where a stored report of the unit has its own indicator table for the period — the table of the plan or
resolution that governs it — the Biểu is that table: its rows in its order, with its numbering, its
units and values, and the next year's plan where it has one. Otherwise it is built from the stored
values of the catalogue's indicators, grouped by domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chitieu.catalog.model import by_id
from chitieu.domain.errors import ChitieuError
from chitieu.domain.extraction import Op, Quantity, RowExtraction
from chitieu.domain.numerals import to_roman
from chitieu.evaluate.rows import declared_pct_wrong, declared_status_wrong, evaluate_row
from chitieu.export.model import Bieu, BieuRow, Layout
from chitieu.extract.columns import Columns
from chitieu.messages import render
from chitieu.messages.formatting import quantity
from chitieu.services.browse import Chosen
from chitieu.services.overview import IndicatorLine, overview
from chitieu.store import checks
from chitieu.store import documents as stored_documents
from chitieu.store import units as stored_units
from chitieu.store.database import Database
from chitieu.store.observations import StoredValue
from chitieu.store.units import Unit

_PARTY_WORDS = ("đảng", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ")


def _exact(chosen: Chosen | None) -> float | None:
    """The number when the value is a plain figure (no comparator, range or text)."""
    return chosen.number if chosen is not None and chosen.value.op == "=" else None


def _text(chosen: Chosen | None) -> str:
    if chosen is None:
        return ""
    v = chosen.value
    return quantity(v.op, chosen.number, v.low, v.high, v.value_text)


def line_row(tt: str, line: IndicatorLine, use_term: bool = False) -> BieuRow:
    """A dashboard line as a row of the Biểu (its goal, or the term's when `use_term`)."""
    goal = line.term_goal if use_term or line.goal is None else line.goal
    achievement = line.term_achievement if goal is line.term_goal and goal is not None else line.achievement
    notes = []
    if line.actual and line.actual.value.estimate:
        notes.append(render("bieu.note.estimate"))
    if line.actual and line.actual.value.corrected_value is not None:
        notes.append(render("bieu.note.corrected"))
    if goal is line.term_goal and goal is not None and not use_term:
        notes.append(render("bieu.note.term_goal", term=goal.value.period))
    status = achievement.status.value if achievement and line.actual else "khong_co_so_lieu"
    # values come in the indicator's unit (services.browse.in_indicator_units), as on the dashboard
    source = line.actual.value if line.actual else None
    return BieuRow(tt=tt, name=line.indicator.name, unit=line.indicator.unit, goal=_text(goal),
                   goal_value=_exact(goal), actual=_text(line.actual), actual_value=_exact(line.actual),
                   pct=achievement.pct if achievement else None, status=status, note="; ".join(notes),
                   indicator_id=line.indicator.id, goal_quantity=goal.quantity if goal else None,
                   source_observation_id=source.observation_id if source else None,
                   source_document_id=source.document_id if source else None,
                   source_line=source.line if source else None,
                   goal_document_id=goal.value.document_id if goal else None,
                   goal_anchor=_anchor(goal.value) if goal else "")


def _anchor(v: StoredValue) -> str:
    """The place of a stored figure in its document's view: the figure in a sentence, the line of a table."""
    return f"O{v.observation_id}" if v.source == "text" else f"L{v.line}"


@dataclass(frozen=True, slots=True)
class _ReportTable:
    document_id: int
    file_name: str
    issuer: str
    table: dict[str, Any]
    columns: Columns
    next_goal: str | None  # the column of the next year's plan, if the table has one


def _columns(table: dict[str, Any], period: str, doc_period: str | None) -> tuple[Columns, str | None] | None:
    """The goal, result and verdict columns of a stored table for `period`, and the next year's plan."""
    roles: dict[str, list[str | None]] = table.get("column_roles") or {}

    def first(wanted: tuple[str, ...], year: str | None) -> str | None:
        return next((h for h, (role, y) in roles.items() if role in wanted
                     and (y == year or (y is None and year == period and doc_period == period))), None)

    goal, actual = first(("plan", "target"), period), first(("actual",), period)
    if goal is None or actual is None:
        return None
    verdict = next((h for h, (role, _) in roles.items() if role == "verdict"), None)
    following = str(int(period) + 1) if period.isdigit() else None
    return Columns(goal, actual, verdict), first(("plan", "target"), following) if following else None


def _report_table(db: Database, unit_id: int, period: str) -> _ReportTable | None:
    """The newest stored report of the unit with an indicator table of goals and results for `period`."""
    with db.transaction() as session:
        stored = stored_documents.report_tables(session, unit_id)
    for doc_id, file_name, doc_period, meta in stored:
        for table in meta.get("tables") or []:
            found = _columns(table, period, doc_period)
            if found is not None and any(r.get("kind") == "indicator" for r in table.get("rows", [])):
                return _ReportTable(doc_id, file_name, str(meta.get("issuer") or ""), table, *found)
    return None


def _stored_quantity(raw: dict[str, Any]) -> Quantity:
    written = str(raw.get("op"))
    op = Op(written) if written in Op._value2member_map_ else Op.EQ
    return Quantity(op, raw.get("value"), raw.get("low"), raw.get("high"), raw.get("value_text"))


_NO_FIGURE = {"", "-", "–", "—", "x", "X"}


def _shown(raw: dict[str, Any] | None, cell: str) -> tuple[str, float | None]:
    """A cell as the Biểu prints it (Vietnamese number format) and its plain number, if it is one."""
    if raw is None:
        return ("" if cell.strip() in _NO_FIGURE else cell.strip()), None
    q = _stored_quantity(raw)
    text = quantity(q.op.value, q.value, q.low, q.high, q.text) or cell.strip()
    return text, q.value if q.op is Op.EQ else None


def _table_rows(found: _ReportTable, results: dict[int, checks.TableResult]) -> list[BieuRow]:
    """The table's rows; a result a person corrected (in the review or the check of the Biểu) replaces
    the one printed, and the row is judged on it."""
    rows: list[BieuRow] = []
    catalogue = by_id()
    header = [str(h) for h in found.table.get("header") or []]
    result_cell = header.index(found.columns.result) if found.columns.result in header else None
    goal_cell = header.index(found.columns.target) if found.columns.target in header else None
    for raw in found.table.get("rows", []):
        kind, cells, values = raw.get("kind"), raw.get("cells") or {}, dict(raw.get("values") or {})
        if kind == "group":
            rows.append(BieuRow(tt=raw.get("tt") or "", name=raw.get("name") or "", group=True))
            continue
        if kind != "indicator":
            continue
        stored = results.get(raw.get("line", 0))
        if stored is not None and stored.corrected and found.columns.result:
            cells = {**cells, found.columns.result: ""}
            if stored.value is None:
                values.pop(found.columns.result, None)
            else:
                values[found.columns.result] = {"op": "=", "value": stored.value, "low": None, "high": None,
                                                "value_text": None}
        row = RowExtraction(raw.get("line", 0), raw.get("tt") or "", raw.get("name") or "", raw.get("parent"),
                            raw.get("unit"), cells, {h: _stored_quantity(v) for h, v in values.items()})
        indicator = catalogue.get(raw.get("indicator_id") or "")
        judged = evaluate_row(row, found.columns, indicator.direction if indicator else None)
        goal, goal_value = _shown(values.get(found.columns.target or ""), cells.get(found.columns.target or "", ""))
        actual, actual_value = _shown(values.get(found.columns.result or ""),
                                      cells.get(found.columns.result or "", ""))
        next_goal = _shown(values.get(found.next_goal), cells.get(found.next_goal, ""))[0] if found.next_goal else ""
        status = judged.achievement.status.value if judged else ("chua_danh_gia" if actual else "khong_co_so_lieu")
        notes = []
        if "ước" in (found.columns.result or "").lower():
            notes.append(render("bieu.note.estimate"))
        if stored is not None and stored.corrected:
            notes.append(render("bieu.note.corrected"))
        declared = cells.get(found.columns.verdict or "", "").strip()
        if judged and (declared_status_wrong(judged) or declared_pct_wrong(judged)):
            notes.append(render("bieu.note.declared", declared=declared))
        rows.append(BieuRow(tt=row.tt, name=row.name, unit=row.unit or "", goal=goal, goal_value=goal_value,
                            actual=actual, actual_value=actual_value,
                            pct=judged.achievement.pct if judged else None, status=status, note="; ".join(notes),
                            indicator_id=indicator.id if indicator else None, next_goal=next_goal,
                            goal_quantity=row.values.get(found.columns.target or ""),
                            source_observation_id=stored.observation_id if stored else None,
                            source_document_id=found.document_id, source_line=row.line, source_cell=result_cell,
                            goal_document_id=found.document_id if goal else None,
                            goal_anchor=f"L{row.line}c{goal_cell}" if goal and goal_cell is not None else ""))
    return rows


def _from_report_table(db: Database, unit: Unit, parent: Unit | None, period: str,
                       found: _ReportTable, layout: Layout | None) -> Bieu:
    chosen_layout = layout or (Layout.HD36 if any(w in found.issuer.lower() for w in _PARTY_WORDS) else Layout.ND30)
    issuer_name, parent_issuer = _issuer(unit, parent, chosen_layout)
    goal_label = (found.columns.target or render("bieu.goal.plan", period=period)).replace("\n", " ")
    bieu = Bieu(issuer=issuer_name.upper(), issuer_name=issuer_name, parent_issuer=parent_issuer,
                unit_name=unit.name, place=unit.name, period=period, goal_label=goal_label, layout=chosen_layout,
                source=found.file_name, next_goal_label=(found.next_goal or "").replace("\n", " "))
    lines = [int(r.get("line", 0)) for r in found.table.get("rows", []) if r.get("kind") == "indicator"]
    with db.transaction() as session:
        results = checks.table_results(session, found.document_id, lines, period)
    bieu.rows.extend(_table_rows(found, results))
    return bieu


def _issuer(unit: Unit, parent: Unit | None, layout: Layout) -> tuple[str, str]:
    kind = "party" if layout is Layout.HD36 else "state"
    issuer_name = render(f"bieu.issuer.{kind}.{unit.level}", name=unit.name)
    parent_issuer = (render(f"bieu.issuer.party_parent.{parent.level}", name=parent.name).upper()
                     if parent and kind == "party" else "")
    return issuer_name, parent_issuer


def find_unit(db: Database, unit_ref: str | int) -> Unit:
    """A unit by its row id, name or official code; a Vietnamese message when there is none."""
    with db.transaction() as session:
        unit = (stored_units.unit(session, unit_ref) if isinstance(unit_ref, int)
                else stored_units.find_unit_by_name_or_code(session, unit_ref))
    if unit is None:
        raise ChitieuError("user.unknown_unit", unit=unit_ref)
    return unit


def build_bieu(db: Database, unit_ref: str | int, period: str, term: str | None = None,
               layout: Layout | None = None) -> Bieu:
    unit = find_unit(db, unit_ref)
    with db.transaction() as session:
        parent = stored_units.unit(session, unit.parent_id) if unit.parent_id else None
        issuers = stored_documents.issuers(session, unit.id)
    if term is None:
        found = _report_table(db, unit.id, period)
        if found is not None:
            return _from_report_table(db, unit, parent, period, found, layout)
    data = overview(db, unit.id, period)
    if data.period != period:
        raise ChitieuError("bieu.no_period", unit=unit.name, period=period, periods=", ".join(data.periods) or "—")
    issuer_hint = next((str(i) for i in issuers if i), "")
    chosen_layout = layout or (Layout.HD36 if any(w in issuer_hint.lower() for w in _PARTY_WORDS) else Layout.ND30)
    issuer_name, parent_issuer = _issuer(unit, parent, chosen_layout)
    use_term = term is not None and term == period
    goal_label = render("bieu.goal.term", term=term) if term else render("bieu.goal.plan", period=period)
    bieu = Bieu(issuer=issuer_name.upper(), issuer_name=issuer_name, parent_issuer=parent_issuer,
                unit_name=unit.name, place=unit.name, period=period, goal_label=goal_label, layout=chosen_layout)
    groups = 0
    for group, lines in data.groups:
        judged = [line for line in lines if line.goal or line.term_goal]
        if judged:  # only indicators with a target belong in the Biểu; empty groups are left out
            groups += 1
            bieu.rows.append(BieuRow(tt=to_roman(groups), name=render(f"group.{group}").upper(), group=True))
            bieu.rows.extend(line_row(str(index), line, use_term) for index, line in enumerate(judged, start=1))
    if not bieu.rows:
        raise ChitieuError("bieu.empty", unit=unit.name, period=period)
    return bieu
