"""Assemble the Biểu of one unit and period from the store, judged by the rulebook (the documents'
own % and verdicts are not copied), grouped by domain with hierarchical numbering."""

from __future__ import annotations

from sqlalchemy import select

from chitieu.domain.errors import ChitieuError
from chitieu.domain.numerals import to_roman
from chitieu.export.model import Bieu, BieuRow, Layout
from chitieu.messages import render
from chitieu.messages.formatting import quantity
from chitieu.services.browse import Chosen
from chitieu.services.overview import IndicatorLine, overview
from chitieu.store import repository
from chitieu.store.database import Database
from chitieu.store.schema import AdminUnit, Document

_PARTY_WORDS = ("đảng", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ")


def _exact(chosen: Chosen | None) -> float | None:
    """The number when the value is a plain figure (no comparator, range or text)."""
    return chosen.number if chosen is not None and chosen.value.op == "=" else None


def _text(chosen: Chosen | None) -> str:
    if chosen is None:
        return ""
    v = chosen.value
    return quantity(v.op, chosen.number, v.low, v.high, v.value_text)


def _row(tt: str, line: IndicatorLine, use_term: bool) -> BieuRow:
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
    return BieuRow(tt=tt, name=line.indicator.name, unit=line.indicator.unit, goal=_text(goal),
                   goal_value=_exact(goal), actual=_text(line.actual), actual_value=_exact(line.actual),
                   pct=achievement.pct if achievement else None, status=status, note="; ".join(notes),
                   indicator_id=line.indicator.id)


def build_bieu(db: Database, unit_ref: str | int, period: str, term: str | None = None,
               layout: Layout | None = None) -> Bieu:
    with db.transaction() as session:
        unit = (session.get(AdminUnit, unit_ref) if isinstance(unit_ref, int)
                else repository.find_unit_by_name_or_code(session, unit_ref))
        if unit is None:
            raise ChitieuError("user.unknown_unit", unit=unit_ref)
        parent = session.get(AdminUnit, unit.parent_id) if unit.parent_id else None
        issuers = [meta.get("issuer") for meta in session.scalars(
            select(Document.meta).where(Document.admin_unit_id == unit.id).order_by(Document.id.desc()))]
    data = overview(db, unit.id, period)
    if data.period != period:
        raise ChitieuError("bieu.no_period", unit=unit.name, period=period, periods=", ".join(data.periods) or "—")
    issuer_hint = next((str(i) for i in issuers if i), "")
    chosen_layout = layout or (Layout.HD36 if any(w in issuer_hint.lower() for w in _PARTY_WORDS) else Layout.ND30)
    kind = "party" if chosen_layout is Layout.HD36 else "state"
    issuer_name = render(f"bieu.issuer.{kind}.{unit.level}", name=unit.name)
    parent_issuer = (render(f"bieu.issuer.party_parent.{parent.level}", name=parent.name).upper()
                     if parent and kind == "party" else "")
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
            bieu.rows.extend(_row(str(index), line, use_term) for index, line in enumerate(judged, start=1))
    if not bieu.rows:
        raise ChitieuError("bieu.empty", unit=unit.name, period=period)
    return bieu
