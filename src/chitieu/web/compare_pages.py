"""Comparison pages and their JSON twins (services.compare): a unit's Biểu of one period against another,
and one version of a report against another."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from chitieu.domain.errors import ChitieuError
from chitieu.services import compare, overview
from chitieu.services.accounts import Actor
from chitieu.services.database import Database
from chitieu.web.api import REFUSALS
from chitieu.web.auth import MaybeRowId, RowId, current_actor, database
from chitieu.web.pages import _int, _page, default_unit

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/v1", tags=["chitieu"], responses=REFUSALS)
ActorDep = Annotated[Actor, Depends(current_actor)]
DbDep = Annotated[Database, Depends(database)]


def _bieu(db: Database, actor: Actor, unit: int | None, period: str | None,
          other: str | None) -> tuple[compare.Comparison, int, str, str]:
    unit_id = default_unit(db, actor, unit)
    if unit_id is None:
        raise ChitieuError("web.empty")
    period = period or overview.overview(db, unit_id, None).period
    if not period:
        raise ChitieuError("web.empty")
    periods = overview.period_choices(db, unit_id)
    other = other or compare.previous_period(periods, period)
    result = compare.compare_bieu(db, unit_id, period, other)  # says so when there is no earlier period
    return result, unit_id, period, other or ""


@router.get("/so-sanh/bieu", response_class=HTMLResponse)
def compare_bieu_page(request: Request, actor: ActorDep, db: DbDep, unit: str | None = None,
                      period: str | None = None, other: str | None = None, only: str | None = None) -> HTMLResponse:
    result, unit_id, period, other = _bieu(db, actor, _int(unit), period or None, other or None)
    return _page(request, "compare.html", actor, result=result, only=only if only in compare.KINDS else "",
                 mode="bieu", unit_id=unit_id, period=period, other=other,
                 periods=[p for p in overview.period_choices(db, unit_id) if p != period], versions=[])


@router.get("/so-sanh/van-ban", response_class=HTMLResponse)
def compare_documents_page(request: Request, actor: ActorDep, db: DbDep, a: str, b: str,
                           only: str | None = None) -> HTMLResponse:
    first, second = _int(a), _int(b)
    if first is None or second is None:
        raise ChitieuError("web.not_found")
    before, after = compare.ordered(db, first, second)
    result = compare.compare_documents(db, before, after)
    return _page(request, "compare.html", actor, result=result, only=only if only in compare.KINDS else "",
                 mode="documents", a=before, b=after, versions=compare.versions(db, after))


def _json(result: compare.Comparison) -> dict[str, Any]:
    def side(s: compare.Side | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {"text": s.text, "value": s.value, "document_id": s.document_id, "file_name": s.file_name or None,
                "line": s.line, "observation_id": s.observation_id,
                "source": f"/van-ban/{s.document_id}#{s.anchor}" if s.document_id and s.anchor else None}

    return {"title": result.title, "before": result.before_label, "after": result.after_label,
            "counts": result.counts,
            "changes": [{"kind": c.kind, "name": c.name, "unit": c.unit, "what": c.what, "before": side(c.before),
                         "after": side(c.after), "delta": c.delta} for c in result.changes]}


@api_router.get("/compare/bieu")
def api_compare_bieu(actor: ActorDep, db: DbDep, unit: MaybeRowId = None, period: str | None = None,
                     other: str | None = None) -> dict[str, Any]:
    result, unit_id, period, other = _bieu(db, actor, unit, period or None, other or None)
    return {"unit_id": unit_id, "period": period, "other": other, **_json(result)}


@api_router.get("/compare/documents")
def api_compare_documents(_actor: ActorDep, db: DbDep, a: MaybeRowId = None, b: MaybeRowId = None) -> dict[str, Any]:
    if a is None or b is None:
        raise ChitieuError("web.not_found")
    before, after = compare.ordered(db, a, b)
    return {"a": before, "b": after, **_json(compare.compare_documents(db, before, after))}


@api_router.get("/documents/{document_id}/versions")
def api_versions(document_id: RowId, _actor: ActorDep, db: DbDep) -> list[compare.Version]:
    return compare.versions(db, document_id)
