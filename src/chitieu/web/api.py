"""The JSON API (/api/v1): the data of every page, from the same service functions."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi import Path as FastApiPath
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from chitieu.catalog.model import load_catalog
from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import MAX_NAME, MAX_NOTE, MAX_VALUE
from chitieu.domain.periods import MAX_PERIOD, PERIOD_PATTERN
from chitieu.messages import render
from chitieu.services import documents, findings, indicator_detail, jobs, overview, review, units
from chitieu.services.accounts import Actor
from chitieu.services.database import Database
from chitieu.web.auth import MaybeRowId, RowId, current_actor, database
from chitieu.web.uploads import job_state, read_uploads, start_upload, upload


class ErrorOut(BaseModel):
    """Why a request was refused, in Vietnamese."""

    detail: str


_REFUSED = {status: render(f"web.api.refused.{status}") for status in (400, 401, 403, 404, 429)}
# every API route may refuse a request with one of these, its reason in Vietnamese
REFUSALS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorOut, "description": text} for status, text in _REFUSED.items()}
router = APIRouter(prefix="/api/v1", tags=["chitieu"], responses=REFUSALS)
ActorDep = Annotated[Actor, Depends(current_actor)]
DbDep = Annotated[Database, Depends(database)]
# Filters as the store holds them; anything else is refused here (422), never sent to a database.
PeriodQuery = Annotated[str | None, Query(max_length=MAX_PERIOD, pattern=PERIOD_PATTERN)]
NameQuery = Annotated[str | None, Query(max_length=MAX_NAME, pattern=r"^[A-Za-z0-9_.\-]+$")]


# Documents and findings go out as the services' own dataclasses (FastAPI describes them in OpenAPI).


class DocumentDetailOut(BaseModel):
    document: documents.DocumentSummary
    metadata: dict[str, Any]
    lines: list[tuple[int, str]]  # (line number, text); table rows as tab-separated cells
    findings: list[findings.FindingItem]


class ObservationOut(BaseModel):
    id: int
    document_id: int
    indicator_id: str | None
    admin_unit_id: int | None
    raw_name: str
    period: str | None
    role: str
    op: str
    value: float | None
    low: float | None
    high: float | None
    value_text: str | None
    unit: str | None
    estimate: bool
    pct: float | None
    pct_basis: str | None
    source: str
    line: int
    span: list[int] | None
    quote: str
    corrected_value: float | None
    corrections: int


class IndicatorOut(BaseModel):
    id: str
    name: str
    unit: str
    group: str
    direction: str
    aggregate: str
    observations: int


class UnitOut(BaseModel):
    id: int
    code: str | None
    name: str
    level: str
    parent_id: int | None
    valid_from: str | None
    valid_to: str | None
    provisional: bool
    label: str = ""  # with its type: 'Huyện Mường Tè'
    era: str = ""  # old: before the 2025 reorganisation, new: from it, '': of no packaged list
    within: str = ""  # its district and province (in answers to a search)


class LinkedUnitOut(BaseModel):
    id: int
    code: str | None
    name: str
    whole: bool


class HistoryPartOut(BaseModel):
    unit_id: int
    unit: str
    whole: bool
    value: float | None
    share: float | None
    document_id: int | None
    line: int | None


class HistoryLineOut(BaseModel):
    indicator_id: str
    period: str
    total: float | None
    complete: bool
    parts: list[HistoryPartOut]


class UnitDetailOut(BaseModel):
    unit: UnitOut
    name: str
    era: str
    within: list[str]
    predecessors: list[LinkedUnitOut]
    successors: list[LinkedUnitOut]
    documents: list[dict[str, Any]]
    history: list[HistoryLineOut]


class OverviewLineOut(BaseModel):
    indicator_id: str
    name: str
    group: str
    unit: str
    goal: str | None
    actual: float | None
    estimate: bool
    pct: float | None
    status: str
    term_pct: float | None
    progress: str | None  # toward the term target: Open SDG / Statistics Canada method
    progress_record: str | None
    series: list[tuple[str, float]]


class OverviewOut(BaseModel):
    unit: UnitOut | None
    period: str | None
    periods: list[str]
    open_findings: int
    indicators: list[OverviewLineOut]


class UploadOut(BaseModel):
    added: int
    unchanged: int
    document_ids: list[int]
    failures: list[dict[str, str]]
    duplicates: list[dict[str, str]] = []
    message: str


class CorrectionIn(BaseModel):
    field: Literal["value", "indicator_id", "admin_unit_id", "period"]
    new_value: str = Field(max_length=MAX_VALUE)
    reason: str = Field(min_length=1, max_length=MAX_NOTE)


class ResolveIn(BaseModel):
    note: str = Field(max_length=MAX_NOTE)
    resolved: bool = True


def _unit(u: Any) -> UnitOut:
    return UnitOut(id=u.id, code=u.code, name=u.name, level=u.level, parent_id=u.parent_id, valid_from=u.valid_from,
                   valid_to=u.valid_to, provisional=u.provisional, label=u.label, era=units.era_of(u))


@router.get("/documents")
def api_documents(_actor: ActorDep, db: DbDep, unit: MaybeRowId = None) -> list[documents.DocumentSummary]:
    return documents.list_documents(db, unit)


@router.get("/documents/{document_id}")
def api_document(document_id: RowId, _actor: ActorDep, db: DbDep) -> DocumentDetailOut:
    view = documents.document_view(db, document_id)
    if view is None:
        raise ChitieuError("web.not_found")
    items = findings.list_findings(db, findings.FindingFilter(document_id=document_id))
    lines = [(line.number, line.text) for block in view.blocks for line in block.lines]
    return DocumentDetailOut(document=view.summary, metadata=view.meta, lines=lines, findings=items)


@router.post("/documents")
async def api_upload(actor: ActorDep, db: DbDep, file: Annotated[list[UploadFile], File(min_length=1)]) -> UploadOut:
    return UploadOut(**await run_in_threadpool(upload, db, actor, await read_uploads(file)))


class UploadJobOut(BaseModel):
    id: str
    state: Literal["running", "done", "failed"]
    done: int  # files worked on so far
    total: int
    result: UploadOut | ErrorOut | None  # when done: each file's outcome (failed: why nothing was done)


@router.post("/uploads", status_code=202)
async def api_start_upload(actor: ActorDep, db: DbDep,
                           file: Annotated[list[UploadFile], File(min_length=1)]) -> UploadJobOut:
    """The files of POST /documents, answered at once with a job to ask about (GET /uploads/{id})."""
    job = start_upload(db, actor, await read_uploads(file))
    return UploadJobOut(**job_state(job))


@router.get("/uploads/{job_id}")
def api_upload_job(job_id: Annotated[str, FastApiPath(max_length=40, pattern=r"^[A-Za-z0-9_\-]+$")],
                   actor: ActorDep) -> UploadJobOut:
    state = job_state(jobs.get(actor, job_id))
    result = state.pop("result")
    if result is not None:
        result = ErrorOut(detail=result["message"]) if state["state"] == "failed" else UploadOut(**result)
    return UploadJobOut(**state, result=result)


@router.get("/indicators")
def api_indicators(_actor: ActorDep, db: DbDep) -> list[IndicatorOut]:
    counts = indicator_detail.indicator_counts(db)
    return [IndicatorOut(id=i.id, name=i.name, unit=i.unit, group=i.group, direction=i.direction.value,
                         aggregate=i.aggregate, observations=counts.get(i.id, 0)) for i in load_catalog()]


@router.get("/observations")
def api_observations(_actor: ActorDep, db: DbDep, unit: MaybeRowId = None, indicator: NameQuery = None,
                     period: PeriodQuery = None, document: MaybeRowId = None,
                     limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[ObservationOut]:
    items = review.review_items(db, document_id=document, indicator_id=indicator, unit_id=unit,
                                period=period, limit=min(max(limit, 1), 10000))
    out = []
    for item in items:
        o = item.observation
        span = [o.span_start, o.span_end] if o.span_start is not None and o.span_end is not None else None
        # the stored record's fields by name (the mapping's own are not part of the API)
        out.append(ObservationOut.model_validate({**asdict(o), "span": span, "corrected_value": item.corrected_value,
                                                  "corrections": item.corrections}))
    return out


@router.post("/observations/{observation_id}/corrections")
def api_correct(observation_id: RowId, body: CorrectionIn, actor: ActorDep,
                db: DbDep) -> dict[str, list[review.HistoryItem]]:
    review.correct(db, actor, observation_id, body.field, body.new_value, body.reason)
    return {"history": review.history(db, observation_id)}


@router.get("/findings")
def api_findings(_actor: ActorDep, db: DbDep, kind: NameQuery = None, severity: NameQuery = None,
                 unit: MaybeRowId = None, document: MaybeRowId = None,
                 resolved: bool | None = None) -> list[findings.FindingItem]:
    flt = findings.FindingFilter(kind, severity, unit, document, resolved)
    return findings.list_findings(db, flt)


@router.post("/findings/{finding_id}/resolve")
def api_resolve(finding_id: RowId, body: ResolveIn, actor: ActorDep, db: DbDep) -> dict[str, bool]:
    findings.resolve_finding(db, actor, finding_id, body.note, body.resolved)
    return {"resolved": body.resolved}


@router.get("/units")
def api_units(_actor: ActorDep, db: DbDep, q: Annotated[str | None, Query(max_length=200)] = None,
              era: str | None = None) -> list[UnitOut]:
    """Every unit; with `q`, the units whose name or code fits it best, best first (typos and missing
    diacritics forgiven), `era` 'old' or 'new' keeping one side of the 2025 reorganisation."""
    if q is not None and q.strip():
        return [UnitOut(id=h.id, code=h.code, name=h.name, level=h.level, parent_id=h.parent_id,
                        valid_from=h.valid_from, valid_to=h.valid_to, provisional=h.provisional, label=h.label,
                        era=h.era, within=h.within)
                for h in units.search_units(db, q, era if era in ("old", "new") else None)]
    return [UnitOut(id=r.id, code=r.code, name=r.name, level=r.level, parent_id=r.parent_id, valid_from=r.valid_from,
                    valid_to=r.valid_to, provisional=r.provisional, label=r.label, era=r.era)
            for r in units.unit_rows(db)]


@router.get("/units/{unit_id}")
def api_unit(unit_id: RowId, _actor: ActorDep, db: DbDep) -> UnitDetailOut:
    view = units.unit_view(db, unit_id)
    if view is None:
        raise ChitieuError("web.not_found")

    def linked(pairs: list[tuple[Any, bool]]) -> list[LinkedUnitOut]:
        return [LinkedUnitOut(id=u.id, code=u.code, name=u.label, whole=w) for u, w in pairs]

    return UnitDetailOut(
        unit=_unit(view.unit), name=view.unit.label, era=view.era, within=[u.label for u in view.within],
        predecessors=linked(view.predecessors), successors=linked(view.successors),
        documents=[{"id": i, "file_name": f, "period": p} for i, f, p in view.documents],
        history=[HistoryLineOut(indicator_id=h.indicator.id, period=h.period, total=h.total, complete=h.complete,
                                parts=[HistoryPartOut(unit_id=p.unit.id, unit=p.unit.label, whole=p.whole,
                                                      value=p.value, share=p.share, document_id=p.document_id,
                                                      line=p.line) for p in h.parts]) for h in view.history])


@router.get("/overview", response_model=OverviewOut)
def api_overview(_actor: ActorDep, db: DbDep, unit: MaybeRowId = None, period: PeriodQuery = None) -> Response:
    data = overview.overview(db, unit, period)
    body = data.rendered.get("json")
    if body is None:  # the same for every reader of this data version: serialised once
        body = data.rendered["json"] = _overview_out(data).model_dump_json()
    return Response(body, media_type="application/json")


def _overview_out(data: overview.Overview) -> OverviewOut:
    lines = []
    for _group, items in data.groups:
        for x in items:
            lines.append(OverviewLineOut(
                indicator_id=x.indicator.id, name=x.indicator.name, group=x.indicator.group, unit=x.indicator.unit,
                goal=None if x.goal is None else f"{x.goal.value.op} {x.goal.number}",
                actual=x.actual.number if x.actual else None,
                estimate=bool(x.actual and x.actual.value.estimate),
                pct=x.achievement.pct if x.achievement else None, status=x.status,
                term_pct=x.term_achievement.pct if x.term_achievement else None,
                progress=x.trajectory.progress.value if x.trajectory else None,
                progress_record=x.trajectory.record if x.trajectory else None, series=x.series))
    return OverviewOut(unit=_unit(data.unit) if data.unit else None, period=data.period, periods=data.periods,
                       open_findings=data.open_findings, indicators=lines)
