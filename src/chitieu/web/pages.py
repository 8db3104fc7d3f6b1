"""The HTML pages. Each one calls the same service function as its twin in `api.py`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from chitieu.catalog.model import GROUPS, load_catalog
from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import row_id
from chitieu.export.model import Layout
from chitieu.messages import render
from chitieu.services import compare, documents, exports, findings, indicator_detail, overview, review, units
from chitieu.services.accounts import AccountLocked, Actor, authenticate, close_session, open_session
from chitieu.services.database import Database
from chitieu.web.auth import RowId, current_actor, database, optional_actor
from chitieu.web.charts import indicator_figure
from chitieu.web.csrf import require_csrf
from chitieu.web.uploads import read_uploads, upload

router = APIRouter(include_in_schema=False)
ActorDep = Annotated[Actor, Depends(current_actor)]
DbDep = Annotated[Database, Depends(database)]


def _page(request: Request, name: str, actor: Actor | None, **context: Any) -> HTMLResponse:
    flash = request.session.pop("flash", None)
    messages = flash if isinstance(flash, list) else [{"kind": "ok", "text": flash}] if flash else []
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {"actor": actor, "flash": messages, "nav": name.split(".")[0], **context})
    return response


def _flash(request: Request, message: str, kind: str = "ok") -> None:
    """A message for the next page, kept on it until the user closes it; 'error' ones say what went wrong."""
    pending = request.session.get("flash")
    items = pending if isinstance(pending, list) else []
    request.session["flash"] = [*items, {"kind": kind, "text": message}]


def _int(value: str | None) -> int | None:
    """A row id typed in a query ('?unit=12'); anything else, a larger one included, is none."""
    return row_id(value) if value else None


def default_unit(db: Database, actor: Actor, unit: int | None) -> int | None:
    """The unit asked for; else the first unit with figures the user works for; else the first one."""
    if unit is not None:
        return unit
    choices = overview.unit_choices(db)
    mine = next((u.id for u in choices if actor.unit_ids and u.id in actor.unit_ids), None)
    return mine if mine is not None else (choices[0].id if choices else None)


@router.get("/dang-nhap", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, "login.html", optional_actor(request), next=next, error=None)


@router.post("/dang-nhap", response_model=None, dependencies=[Depends(require_csrf)])
def login(request: Request, db: DbDep, username: Annotated[str, Form()], password: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/") -> Response:
    try:
        actor = authenticate(db, username.strip(), password, request.client.host if request.client else "")
    except AccountLocked as locked:
        return _page(request, "login.html", None, next=next, error=render(locked.key, **locked.params))
    if actor is None:
        return _page(request, "login.html", None, next=next, error=render("auth.bad_login"))
    request.session.clear()
    request.session["token"] = open_session(db, actor)
    safe_next = next if next.startswith("/") and not next.startswith("//") else "/"
    return RedirectResponse(safe_next, status_code=303)


@router.post("/dang-xuat", dependencies=[Depends(require_csrf)])
def logout(request: Request, db: DbDep) -> RedirectResponse:
    token = request.session.get("token")
    if isinstance(token, str):
        close_session(db, token)  # the cookie, even kept, opens nothing any more
    request.session.clear()
    return RedirectResponse("/dang-nhap", status_code=303)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, actor: ActorDep, db: DbDep, unit: str | None = None,
                  period: str | None = None) -> HTMLResponse:
    data = overview.overview(db, default_unit(db, actor, _int(unit)), period or None)
    body = data.rendered.get("html")
    if body is None:  # the same for every reader of this data version: rendered once
        body = data.rendered["html"] = request.app.state.templates.get_template("overview_body.html").render(
            data=data, units=data.units)
    return _page(request, "overview.html", actor, data=data, body=body)


@router.get("/chi-tieu", response_class=HTMLResponse)
def indicators_page(request: Request, actor: ActorDep, db: DbDep) -> HTMLResponse:
    counts = indicator_detail.indicator_counts(db)
    grouped = [(g, [i for i in load_catalog() if i.group == g]) for g in GROUPS]
    return _page(request, "indicators.html", actor, grouped=grouped, counts=counts)


@router.get("/chi-tieu/{indicator_id}", response_class=HTMLResponse)
def indicator_page(request: Request, indicator_id: str, actor: ActorDep, db: DbDep,
                   unit: str | None = None) -> HTMLResponse:
    detail = indicator_detail.indicator_detail(db, indicator_id, _int(unit))
    if detail is None:
        raise ChitieuError("web.not_found")
    return _page(request, "indicator.html", actor, detail=detail, figure=indicator_figure(detail),
                 periods=detail.periods)


@router.get("/van-ban", response_class=HTMLResponse)
def documents_page(request: Request, actor: ActorDep, db: DbDep, unit: str | None = None) -> HTMLResponse:
    return _page(request, "documents.html", actor, docs=documents.list_documents(db, _int(unit)))


@router.post("/van-ban", dependencies=[Depends(require_csrf)])
async def documents_upload(request: Request, actor: ActorDep, db: DbDep, file: list[UploadFile]) -> RedirectResponse:
    result = await run_in_threadpool(upload, db, actor, await read_uploads(file))
    _flash(request, result["message"], "error" if result["failures"] else "ok")
    for problem in [*result["failures"], *result["duplicates"]]:
        _flash(request, problem["message"], "error")
    ids = result["document_ids"]
    return RedirectResponse(f"/van-ban/{ids[0]}" if len(ids) == 1 else "/van-ban", status_code=303)


@router.get("/van-ban/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: RowId, actor: ActorDep, db: DbDep) -> HTMLResponse:
    view = documents.document_view(db, document_id)
    if view is None:
        raise ChitieuError("web.not_found")
    return _page(request, "document.html", actor, view=view, versions=compare.versions(db, document_id))


@router.get("/kiem-tra", response_class=HTMLResponse)
def findings_page(request: Request, actor: ActorDep, db: DbDep, kind: str | None = None,
                  severity: str | None = None, unit: str | None = None, document: str | None = None,
                  state: str | None = None) -> HTMLResponse:
    scope = default_unit(db, actor, None) if unit is None and document is None and actor.unit_ids else _int(unit)
    flt = findings.FindingFilter(kind or None, severity or None, scope, _int(document),
                                 {"open": False, "resolved": True}.get(state or ""))
    return _page(request, "findings.html", actor, items=findings.list_findings(db, flt), flt=flt, state=state,
                 kinds=findings.finding_kinds(db), units=overview.unit_choices(db))


@router.post("/kiem-tra/{finding_id}", dependencies=[Depends(require_csrf)])
def finding_resolve(request: Request, finding_id: RowId, actor: ActorDep, db: DbDep,
                    note: Annotated[str, Form()] = "", reopen: Annotated[str, Form()] = "") -> RedirectResponse:
    try:
        findings.resolve_finding(db, actor, finding_id, note, resolved=not reopen)
    except ChitieuError as problem:
        if problem.key.startswith("auth.") or problem.key == "web.not_found":
            raise
        _flash(request, render(problem.key, **problem.params), "error")
    else:
        _flash(request, render("web.findings.reopened" if reopen else "web.findings.resolved_saved"))
    return RedirectResponse(_local(request.headers.get("referer"), request, "/kiem-tra"), status_code=303)


def _local(address: str | None, request: Request, fallback: str) -> str:
    """A page of this site to go back to: the path of `address` when it is on this host, else `fallback`
    (a Referer from elsewhere is never followed)."""
    if not address:
        return fallback
    parsed = urlsplit(address)
    if parsed.netloc and parsed.netloc != request.url.netloc:
        return fallback
    if not parsed.path.startswith("/") or parsed.path.startswith("//"):
        return fallback
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


@router.get("/ra-soat", response_class=HTMLResponse)
def review_page(request: Request, actor: ActorDep, db: DbDep, document: str | None = None,
                indicator: str | None = None, unit: str | None = None, period: str | None = None,
                q: str | None = None, observation: str | None = None) -> HTMLResponse:
    obs_id = _int(observation)
    # the user's own unit unless they asked for something else ('' in the unit list: every unit)
    asked = any(v is not None for v in (document, indicator, unit, period, q, observation))
    unit_id = default_unit(db, actor, None) if not asked and actor.unit_ids else _int(unit)
    choices = overview.unit_choices(db)  # the units with figures, not every unit of the country
    items = review.review_items(db, document_id=_int(document), indicator_id=indicator or None,
                                unit_id=unit_id, observation_id=obs_id, period=period or None, search=q)
    return _page(request, "review.html", actor, items=items, fields=review.FIELDS,
                 history=review.history(db, obs_id) if obs_id is not None else [],
                 observation=obs_id, units=choices, unit_choices=choices,
                 catalogue=load_catalog(), flt={"unit": unit_id, "indicator": indicator or "", "period": period or "",
                                                "q": q or "", "document": _int(document)})


@router.post("/ra-soat/{observation_id}", dependencies=[Depends(require_csrf)])
def review_correct(request: Request, observation_id: RowId, actor: ActorDep, db: DbDep,
                   field: Annotated[str, Form()], new_value: Annotated[str, Form()] = "",
                   reason: Annotated[str, Form()] = "") -> RedirectResponse:
    review.correct(db, actor, observation_id, field, new_value, reason)
    _flash(request, render("web.review.saved"))
    return RedirectResponse(f"/ra-soat?observation={observation_id}", status_code=303)


@router.get("/don-vi", response_class=HTMLResponse)
def units_page(request: Request, actor: ActorDep, db: DbDep, q: str = "", thoi_ky: str = "") -> HTMLResponse:
    query = q.strip()[:200]
    era = thoi_ky if thoi_ky in ("old", "new") else None
    hits = units.search_units(db, query, era) if query else []
    before, after = units.provinces_by_era(db) if not query else ([], [])
    return _page(request, "units.html", actor, q=query, era=era or "", hits=hits, before=before, after=after)


@router.get("/don-vi/{unit_id}", response_class=HTMLResponse)
def unit_page(request: Request, unit_id: RowId, actor: ActorDep, db: DbDep, chi_tieu: str | None = None,
              ky: str | None = None) -> HTMLResponse:
    view = units.unit_view(db, unit_id)
    if view is None:
        raise ChitieuError("web.not_found")
    compare = units.province_comparison(db, unit_id, chi_tieu, ky) if view.unit.level == "tinh" else None
    return _page(request, "unit.html", actor, view=view, compare=compare)


@router.get("/tai-ve/bieu")
def bieu_download(actor: ActorDep, db: DbDep, unit: str, period: str, format: str = "xlsx",
                  term: str | None = None, issuer: str = "") -> Response:
    fmt = "docx" if format == "docx" else "xlsx"
    unit_id = _int(unit)
    layout = Layout(issuer) if issuer in Layout._value2member_map_ else None
    data, name = exports.bieu_file(db, unit_id if unit_id is not None else unit, period, term or None, fmt, layout)
    return Response(data, media_type=exports.MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
