"""The Biểu page: a unit's Biểu for a period, checked row by row (services.bieu_check)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.services import bieu_check, compare, overview
from chitieu.services.accounts import Actor
from chitieu.services.database import Database
from chitieu.web.auth import current_actor, database
from chitieu.web.pages import _flash, _int, _page, default_unit

router = APIRouter(include_in_schema=False)
ActorDep = Annotated[Actor, Depends(current_actor)]
DbDep = Annotated[Database, Depends(database)]


def _address(unit: int, period: str, only: str = "", row: str | None = None) -> str:
    query = {"unit": unit, "period": period, **({"only": only} if only else {})}
    return f"/bieu?{urlencode(query)}" + (f"#R{row}" if row else "")


@router.get("/bieu", response_class=HTMLResponse)
def bieu_page(request: Request, actor: ActorDep, db: DbDep, unit: str | None = None, period: str | None = None,
              only: str | None = None) -> HTMLResponse:
    unit_id = default_unit(db, actor, _int(unit))
    if unit_id is None:
        raise ChitieuError("web.empty")
    if not period:
        period = overview.overview(db, unit_id, None).period
        if period is None:
            raise ChitieuError("web.empty")
    sheet = bieu_check.bieu_sheet(db, unit_id, period)
    rows = [r for r in sheet.rows if only != "open" or r.row.group or not r.checked]
    return _page(request, "bieu.html", actor, sheet=sheet, rows=rows, only=only or "",
                 units=overview.unit_choices(db), may_check=actor.may_edit(sheet.unit_id),
                 previous=compare.previous_period(sheet.periods, sheet.period))


@router.post("/bieu/kiem")
def bieu_check_row(request: Request, actor: ActorDep, db: DbDep, unit: Annotated[str, Form()],
                   period: Annotated[str, Form()], key: Annotated[str, Form()], decision: Annotated[str, Form()],
                   value: Annotated[str, Form()] = "", observation: Annotated[str, Form()] = "",
                   reason: Annotated[str, Form()] = "", only: Annotated[str, Form()] = "") -> RedirectResponse:
    unit_id = _int(unit)
    if unit_id is None:
        raise ChitieuError("web.not_found")
    try:
        message, params = bieu_check.check_row(db, actor, unit_id, period, key[:40], decision, value=value,
                                               observation_id=_int(observation), reason=reason)
    except ChitieuError as problem:
        if problem.key.startswith("auth."):
            raise
        # the row stays open with the reason on top, and the user fixes what they typed
        _flash(request, render(problem.key, **problem.params), "error")
        return RedirectResponse(_address(unit_id, period, only, key[:40]), status_code=303)
    _flash(request, render(message, **params))
    sheet = bieu_check.bieu_sheet(db, unit_id, period)
    keys = [r.key for r in sheet.indicator_rows]
    at = keys.index(key) if key in keys else 0
    following = [r for r in sheet.indicator_rows[at + 1:] + sheet.indicator_rows[:at] if not r.checked]
    return RedirectResponse(_address(unit_id, period, only, following[0].key if following else None),
                            status_code=303)
