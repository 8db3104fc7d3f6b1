"""Pages of the Biểu from a template (services.bieu_template): upload, map rows to indicators, download
the template filled."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chitieu.catalog.model import GROUPS, load_catalog
from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.services import bieu_template, exports, overview
from chitieu.services.accounts import Actor
from chitieu.services.database import Database
from chitieu.web.api import REFUSALS
from chitieu.web.auth import MaybeRowId, RowId, current_actor, database
from chitieu.web.pages import _flash, _int, _page, default_unit

router = APIRouter(include_in_schema=False)
ActorDep = Annotated[Actor, Depends(current_actor)]
DbDep = Annotated[Database, Depends(database)]


def _scope(db: Database, actor: Actor, unit: str | None, period: str | None) -> tuple[int | None, str | None]:
    """The unit and period asked for, else the user's unit and its latest period with results."""
    unit_id = default_unit(db, actor, _int(unit))
    if unit_id is None:
        return None, None
    periods = overview.period_choices(db, unit_id)
    if period in periods:
        return unit_id, period
    return unit_id, overview.overview(db, unit_id, None).period


def _query(unit_id: int | None, period: str | None) -> str:
    values = {k: v for k, v in (("unit", unit_id), ("period", period)) if v}
    return f"?{urlencode(values)}" if values else ""


@router.get("/mau-bieu", response_class=HTMLResponse)
def templates_page(request: Request, actor: ActorDep, db: DbDep, unit: str | None = None,
                   period: str | None = None) -> HTMLResponse:
    unit_id, chosen = _scope(db, actor, unit, period)
    return _page(request, "templates.html", actor, items=bieu_template.list_templates(db),
                 query=_query(unit_id, chosen))


@router.post("/mau-bieu")
async def template_upload(request: Request, actor: ActorDep, db: DbDep, file: UploadFile) -> RedirectResponse:
    data = await file.read(bieu_template.MAX_TEMPLATE + 1)
    name = file.filename or "mau.xlsx"
    try:
        template_id, new = bieu_template.upload_template(db, actor, name, data)
    except ChitieuError as problem:
        if problem.key.startswith("auth."):
            raise
        _flash(request, render(problem.key, **problem.params), "error")
        return RedirectResponse("/mau-bieu", status_code=303)
    sheet = bieu_template.template_sheet(db, template_id)
    if new:
        _flash(request, render("template.saved", file=name, rows=len(sheet.rows),
                               suggested=sum(1 for r in sheet.rows if r.template.suggested_id)))
    else:
        _flash(request, render("template.known", file=name))
    return RedirectResponse(f"/mau-bieu/{template_id}", status_code=303)


@router.get("/mau-bieu/{template_id}", response_class=HTMLResponse)
def template_page(request: Request, template_id: RowId, actor: ActorDep, db: DbDep, unit: str | None = None,
                  period: str | None = None) -> HTMLResponse:
    unit_id, chosen = _scope(db, actor, unit, period)
    sheet = bieu_template.template_sheet(db, template_id, unit_id, chosen)
    catalogue = [(g, [i for i in load_catalog() if i.group == g]) for g in GROUPS]
    return _page(request, "template.html", actor, sheet=sheet, catalogue=catalogue, units=overview.unit_choices(db),
                 periods=overview.period_choices(db, unit_id) if unit_id else [], unit_id=unit_id, period=chosen,
                 may_map=actor.may_change_anything, query=_query(unit_id, chosen),
                 fields=[render(f"web.template.field.{k}") for k in sheet.table.columns])


@router.post("/mau-bieu/{template_id}")
async def template_mapping(request: Request, template_id: RowId, actor: ActorDep, db: DbDep) -> RedirectResponse:
    form = await request.form()
    mapping: dict[int, str | None] = {}
    for key, value in form.multi_items():
        if key.startswith("row-") and key[4:].isdigit() and isinstance(value, str):
            mapping[int(key[4:])] = value.strip() or None
    try:
        changed = bieu_template.save_mapping(db, actor, template_id, mapping)
    except ChitieuError as problem:
        if problem.key.startswith("auth.") or problem.key == "web.not_found":
            raise
        _flash(request, render(problem.key, **problem.params), "error")
    else:
        _flash(request, render("template.mapping_saved", rows=len(mapping), changed=changed))
    unit, period = form.get("unit"), form.get("period")
    query = _query(_int(unit) if isinstance(unit, str) else None, period if isinstance(period, str) else None)
    return RedirectResponse(f"/mau-bieu/{template_id}{query}", status_code=303)


@router.get("/mau-bieu/{template_id}/tai-ve")
def template_download(template_id: RowId, actor: ActorDep, db: DbDep, unit: str, period: str) -> Response:
    unit_id = _int(unit)
    if unit_id is None:
        raise ChitieuError("web.not_found")
    data, name, _ = bieu_template.filled_file(db, template_id, unit_id, period)
    fmt = "docx" if name.endswith(".docx") else "xlsx"
    return Response(data, media_type=exports.MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


api_router = APIRouter(prefix="/api/v1", tags=["chitieu"], responses=REFUSALS)


@api_router.get("/bieu-templates")
def api_templates(_actor: ActorDep, db: DbDep) -> list[dict[str, object]]:
    return [{"id": t.id, "file_name": t.file_name, "format": t.format, "rows": t.rows, "confirmed": t.confirmed}
            for t in bieu_template.list_templates(db)]


@api_router.get("/bieu-templates/{template_id}")
def api_template(template_id: RowId, _actor: ActorDep, db: DbDep, unit: MaybeRowId = None,
                 period: str | None = None) -> dict[str, object]:
    """The template's rows with their mapping and, for a unit and period, the values each is filled with."""
    sheet = bieu_template.template_sheet(db, template_id, unit, period or None)
    return {"id": sheet.record.id, "file_name": sheet.record.file_name, "unit_id": sheet.unit_id,
            "period": sheet.period, "columns": sheet.table.columns, "filled": sheet.filled, "mapped": sheet.mapped,
            "rows": [{"line": r.template.line, "tt": r.template.tt, "name": r.template.name, "unit": r.template.unit,
                      "suggested_id": r.template.suggested_id, "indicator_id": r.template.indicator_id,
                      "confirmed": r.template.confirmed, "checked_by": r.checked_by,
                      "values": {k: v.text for k, v in r.values.items()}} for r in sheet.rows]}
