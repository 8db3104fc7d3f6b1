"""The services behind the web pages give the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

from contextlib import closing

from sqlalchemy import select

from chitieu.services import documents, findings, indicator_detail, overview, review
from chitieu.services.accounts import Actor, Role, add_user, authenticate
from chitieu.services.ingest import ingest
from chitieu.store.database import open_database
from chitieu.store.schema import AdminUnit
from tests.conftest import SAMPLES


def test_page_services_on_each_database(database_url: str) -> None:
    ingest([str(SAMPLES / "002_7403cd4725ee3072.txt"), str(SAMPLES / "004_3c726b15bfe483dc.txt")], database_url)
    with closing(open_database(database_url)) as db:
        with db.transaction() as session:
            unit = session.scalars(select(AdminUnit).where(AdminUnit.name == "Mường Tè",
                                                           AdminUnit.level == "huyen")).one()
            unit_id = unit.id
        data = overview.overview(db, unit_id, "2023")
        lines = {x.indicator.id: x for _, items in data.groups for x in items}
        grain = lines["san_luong_luong_thuc"]
        assert grain.status == "khong_dat" and grain.actual and grain.actual.number == 17501
        assert "2023" in data.periods and data.open_findings > 10
        docs = documents.list_documents(db)
        assert [d.file_name[:3] for d in docs] == ["004", "002"]
        view = documents.document_view(db, docs[1].id)
        assert view is not None and sum(len(b.lines) for b in view.blocks) > 200
        detail = indicator_detail.indicator_detail(db, "san_luong_luong_thuc")
        assert detail is not None and "Mường Tè" in detail.series and len(detail.mentions) >= 3
        errors = findings.list_findings(db, findings.FindingFilter(severity="error", unit_id=unit_id))
        assert errors and all(f.severity == "error" for f in errors)
        add_user(db, "bientap", "mat-khau-thu", "editor", "Mường Tè")
        actor = authenticate(db, "bientap", "mat-khau-thu")
        assert actor is not None and actor.role is Role.EDITOR and actor.may_edit(unit_id)
        review.correct(db, actor, grain.actual.value.observation_id, "value", "17.650", "niên giám")
        again = {x.indicator.id: x for _, items in overview.overview(db, unit_id, "2023").groups for x in items}
        assert again["san_luong_luong_thuc"].status == "vuot"
        history = review.history(db, grain.actual.value.observation_id)
        assert [(h.field, h.new_value, h.username) for h in history] == [("value", "17650.0", "bientap")]
        assert not Actor(0, "x", Role.VIEWER, None).may_edit(unit_id)
