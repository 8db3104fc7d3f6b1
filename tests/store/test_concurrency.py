"""Several `chitieu ingest` processes at once, and one killed mid-way, against a real PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chitieu.store.database import open_database
from chitieu.store.schema import Document, FindingRow, Observation
from tests.conftest import SAMPLES
from tests.pg_server import fresh_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _folders(tmp_path: Path, copies: int) -> list[Path]:
    """Overlapping folders: each holds the samples plus a few variants of its own."""
    folders = []
    for k in range(copies):
        folder = tmp_path / f"f{k}"
        folder.mkdir()
        for sample in SAMPLES.glob("*.txt"):
            shutil.copy(sample, folder / sample.name)
        variant = _another_report((SAMPLES / "004_3c726b15bfe483dc.txt").read_text(encoding="utf-8"), k % 4)
        (folder / f"variant_{k % 4}.txt").write_text(variant, encoding="utf-8")
        folders.append(folder)
    return folders


def _another_report(text: str, k: int) -> str:
    """The same report for other years: another report (the same one in another file is not stored twice)."""
    return re.sub(r"\b(?:19|20)\d\d\b", lambda m: str(int(m.group()) - 30 - k), text)


def _ingest_argv(url: str, folder: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "chitieu"), "ingest", str(folder), "--db", url]


# Eight parallel ingests on a fresh database: tests/store/test_all_or_nothing.py (the same state as one
# sequential ingest, documents, values and findings).


def test_kill_during_ingest_leaves_a_consistent_database(postgres_url: str, tmp_path: Path) -> None:
    url = fresh_database(postgres_url, "killed")
    folder = _folders(tmp_path, 1)[0]
    report = (SAMPLES / "000_12d62f31151c975c.txt").read_text(encoding="utf-8")
    for k in range(12):  # enough work that the kill lands mid-way
        (folder / f"copy_{k}.txt").write_text(_another_report(report, 10 + k), encoding="utf-8")
    proc = subprocess.Popen(_ingest_argv(url, folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with closing(open_database(url)) as db, db.transaction() as session:
            if session.scalar(select(func.count()).select_from(Document)):
                break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with closing(open_database(url)) as db, db.transaction() as session:
        stored = session.scalars(select(Document.id)).all()
        for doc_id in stored:  # every stored document is whole: observations and findings came with it
            assert session.scalar(select(func.count()).select_from(Observation)
                                  .where(Observation.document_id == doc_id))
        assert session.scalar(select(func.count()).select_from(FindingRow)
                              .where(FindingRow.document_id.not_in(select(Document.id)))) == 0
    rerun = subprocess.run(_ingest_argv(url, folder), capture_output=True, check=False)
    assert rerun.returncode == 0
    with closing(open_database(url)) as db, db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 5 + 1 + 12


def test_parallel_first_runs_on_an_empty_database_migrate_it_once(postgres_url: str) -> None:
    url = fresh_database(postgres_url, "firstrun")
    argv = [str(Path(sys.executable).parent / "chitieu"), "db", "upgrade", "--db", url]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(6)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()[-500:]
    with closing(open_database(url)) as db, db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0  # the schema is there, once
