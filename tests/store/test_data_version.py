"""The data version every cached page is keyed on: bumped by any change of stored data, whichever code
made it, and by nothing else (a login, a session, a token)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from chitieu.services import overview, review
from chitieu.services.accounts import Actor, Role, add_user, authenticate, create_api_token
from chitieu.services.ingest import ingest
from chitieu.store.database import data_version, open_database
from chitieu.store.schema import Observation
from tests.conftest import SAMPLES


def test_a_change_of_data_bumps_the_version_a_login_does_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ingest([str(SAMPLES / "002_7403cd4725ee3072.txt")], url)
    with closing(open_database(url)) as db:

        def version() -> int:
            with db.transaction() as session:
                return data_version(session)

        first = version()
        assert first > 0  # the ingest
        add_user(db, "quantri", "mat-khau-thu", "admin")
        authenticate(db, "quantri", "sai mat khau")
        authenticate(db, "quantri", "mat-khau-thu")
        create_api_token(db, "quantri", "x")
        assert version() == first
        unit = overview.overview(db, None, None)
        [line] = [x for _, lines in unit.groups for x in lines if x.actual and x.actual.number][:1]
        with db.transaction() as session:
            obs_id = session.scalars(select(Observation.id).where(
                Observation.id == line.actual.value.observation_id)).one()  # type: ignore[union-attr]
        admin = Actor(1, "quantri", Role.ADMIN, None)
        new = round((line.actual.number or 0) * 1.01 + 1, 2)  # type: ignore[union-attr]
        review.correct(db, admin, obs_id, "value", str(new).replace(".", ","), "thử")
        assert version() == first + 1
        again = overview.overview(db, unit.unit.id if unit.unit else None, unit.period)
        changed = next(x for _, lines in again.groups for x in lines if x.indicator.id == line.indicator.id)
        assert changed.actual is not None and changed.actual.number == new  # the cached page was not kept
