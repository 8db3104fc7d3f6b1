"""The sample database opened read-only for the export tests, and a writable copy when needed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from chitieu.store.database import Database, open_database


@pytest.fixture
def sample_db(template_db: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "samples.sqlite3"
    shutil.copy(template_db, path)
    db = open_database(f"sqlite:///{path}")
    yield db
    db.close()
