"""Shared fixtures: the bundled sample reports and the gold answers beside them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Properties, not timings: no per-example deadline on shared CI machines.
settings.register_profile("chitieu", deadline=None)
settings.load_profile("chitieu")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "data" / "gold"


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def require_program(name: str) -> str:
    """The program's path; skip locally when it is missing, fail in CI where it must be installed."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed on this machine")
    return path


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sample_paths()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    from tests.pg_server import find_bin, postgres_server

    if not find_bin("initdb") or not find_bin("pg_ctl"):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb, pg_ctl) is required in CI but is not installed")
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed on this machine")
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def units_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new SQLite database as `chitieu db upgrade` leaves it (schema and the packaged administrative
    units), made once: loading the units into each test's database would cost a second apiece."""
    from chitieu.services.database import connect

    path = tmp_path_factory.mktemp("units") / "template.sqlite3"
    connect(f"sqlite:///{path}").close()  # closing checkpoints the WAL into the file
    return path


@pytest.fixture
def sqlite_url(units_template: Path, tmp_path: Path) -> str:
    """A fresh SQLite database with the packaged units, copied from the template."""
    path = tmp_path / "chitieu.sqlite3"
    shutil.copyfile(units_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each kind (schema and packaged units, nothing else); PostgreSQL tests get their
    own database on a shared server."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    import uuid

    from tests.pg_server import fresh_database

    server = request.getfixturevalue("postgres_url")
    name = "t" + uuid.uuid4().hex[:12]
    yield fresh_database(server, name)


PASSWORD = "mat-khau-thu"
# editor of Mường Tè (Lai Châu): documents 002 and 004 are theirs, 000, 001 and 003 are not
USERS = {"quantri": ("admin", None), "bientap": ("editor", "Mường Tè"), "xem": ("viewer", None)}


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory, units_template: Path) -> Path:
    """A SQLite database holding the five samples and one account per role; copy it before changing it."""
    from chitieu.services.accounts import add_user
    from chitieu.services.database import connect
    from chitieu.services.ingest import ingest

    path = tmp_path_factory.mktemp("samples") / "template.sqlite3"
    shutil.copyfile(units_template, path)
    url = f"sqlite:///{path}"
    summary = ingest([str(SAMPLES)], url)
    assert summary.added == 5 and not summary.failures
    db = connect(url)
    for name, (role, unit) in USERS.items():
        add_user(db, name, PASSWORD, role, unit)
    db.close()
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/data/golden/ from the current extraction instead of comparing with it")
