"""The API against its own OpenAPI, with requests schemathesis generates (bounded): no 5xx, every answer
of a declared status with a body of the declared schema, every schema-invalid request refused — on
SQLite and on PostgreSQL (where NUL bytes, over-long texts and large ids used to end in a 500)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from chitieu.services.accounts import create_api_token
from chitieu.services.database import connect
from chitieu.web.app import create_app
from tests.conftest import PASSWORD, SAMPLES, USERS

pytestmark = pytest.mark.slow


def _postgres_with_samples(server: str) -> str:
    from chitieu.services.accounts import add_user
    from chitieu.services.database import connect
    from chitieu.services.ingest import ingest
    from tests.pg_server import fresh_database

    url = fresh_database(server, "schemathesis")
    assert ingest([str(SAMPLES)], url).added == 5
    db = connect(url)
    for name, (role, unit) in USERS.items():
        add_user(db, name, PASSWORD, role, unit)
    db.close()
    return url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api_app(request: pytest.FixtureRequest, template_db: Path,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schemathesis") / "api.sqlite3"
        shutil.copy(template_db, path)
        url = f"sqlite:///{path}"
    else:
        url = _postgres_with_samples(request.getfixturevalue("postgres_url"))
    db = connect(url)
    _, token = create_api_token(db, "quantri", "schemathesis")
    db.close()
    app = create_app(url, "schemathesis-secret-" + "x" * 20)
    yield app, token
    app.state.db.close()


MAX_EXAMPLES = 15  # per operation: about 180 requests a database, some seconds


def _run(operation: Any, token: str, failures: dict[str, str]) -> int:
    """Up to MAX_EXAMPLES generated requests to one operation; failures kept by operation. Returns how
    many requests were sent."""
    calls = 0

    @given(operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        nonlocal calls
        calls += 1
        try:
            # A request the schema allows may still be refused for what it means (an unknown unit, a
            # finding of another district): a declared 400/403/404, not a failure of the schema.
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                                   excluded_checks=[positive_data_acceptance])
        except BaseException as failure:  # every failure is collected, then reported together
            failures.setdefault(f"{operation.method.upper()} {operation.path}", str(failure)[:2000])

    check()
    return calls


def test_the_api_answers_as_its_schema_says(api_app: tuple[FastAPI, str]) -> None:
    # Driven by hypothesis directly: schemathesis' pytest plugin does not run on pytest 9.
    app, token = api_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    calls = sum(_run(result.ok(), token, failures) for result in schema.get_all_operations())
    assert calls > 90
    assert not failures, "\n\n".join(f"{op}: {text}" for op, text in failures.items())
