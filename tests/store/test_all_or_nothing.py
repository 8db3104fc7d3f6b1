"""Each file is stored whole, with its findings across documents, in one transaction: the stored state
is a function of the set of files ingested — not of their order, nor of how many processes ingested them
at once — and a crash between any two steps leaves a state that a re-run completes exactly."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chitieu.services import disagreements
from chitieu.services import ingest as ingest_service
from chitieu.services.ingest import ingest, ingest_uploads
from chitieu.store import documents as stored_documents
from chitieu.store.database import open_database
from chitieu.store.schema import AdminUnit, Document, FindingRow, Observation
from tests.conftest import SAMPLES

HEAD = "HUYỆN ỦY MƯỜNG TÈ\nBÁO CÁO tình hình thực hiện nhiệm vụ năm {year} của huyện Mường Tè, tỉnh Lai Châu\n"


def snapshot(url: str) -> dict[str, list[Any]]:
    """What is stored, named by content rather than by row ids (which follow the order of ingest)."""
    with closing(open_database(url, migrate=False)) as db, db.transaction() as session:
        units = {u.id: u.name for u in session.scalars(select(AdminUnit))}
        docs = {d.id: d for d in session.scalars(select(Document))}
        documents = sorted(((d.content_hash, d.file_name, d.format, d.period, d.plan_period, units.get(d.admin_unit_id),
                             d.doc_kind, d.draft) for d in docs.values()), key=repr)
        values = sorted(((docs[o.document_id].content_hash, o.indicator_id, units.get(o.admin_unit_id), o.raw_name,
                         o.period, o.role, o.op, o.value, o.low, o.high, o.unit, o.source, o.line, o.span_start,
                          o.quote) for o in session.scalars(select(Observation))), key=repr)
        findings = sorted(((docs[f.document_id].content_hash, f.kind, f.severity, f.key, json.dumps(f.lines),
                           f.message, json.dumps(f.params, sort_keys=True), f.resolved)
                           for f in session.scalars(select(FindingRow))), key=repr)
    return {"documents": documents, "values": values, "findings": findings}


def _reports(folder: Path) -> list[Path]:
    """Four short reports of one district that disagree on one figure of 2023, and agree on another."""
    folder.mkdir(exist_ok=True)
    figures = ["17.501", "17.650", "17.501", "16.900"]
    paths = []
    for k, figure in enumerate(figures):
        year = 2023 + (k == 3)
        text = (HEAD.format(year=year) + f"Năm 2023 tổng sản lượng lương thực có hạt đạt {figure} tấn.\n"
                f"Năm 2023 thu ngân sách trên địa bàn đạt {100 + 10 * k} tỷ đồng.\n"
                f"Tỷ lệ hộ nghèo năm 2023 giảm còn 2{k},5%.\n")
        path = folder / f"bao-cao-{k}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _other_database(url: str, tmp_path: Path) -> str:
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
    from tests.pg_server import fresh_database

    return fresh_database(url.rsplit("/", 1)[0] + "/postgres", "t" + uuid.uuid4().hex[:12])


def test_the_stored_findings_do_not_depend_on_the_order_of_ingest(tmp_path: Path) -> None:
    paths = [str(p) for p in _reports(tmp_path / "r")]
    forward, backward = f"sqlite:///{tmp_path / 'f.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    for p in paths:
        ingest([p], forward)
    for p in reversed(paths):
        ingest([p], backward)
    first = snapshot(forward)
    assert sum(1 for f in first["findings"] if f[1] == "cross_document") >= 4  # there is something to compare
    assert first == snapshot(backward)


def test_a_resolved_finding_that_still_holds_stays_resolved(tmp_path: Path) -> None:
    a, b, c, _ = (str(p) for p in _reports(tmp_path / "r"))
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ingest([a, b], url)
    with closing(open_database(url)) as db, db.transaction() as session:
        for row in session.scalars(select(FindingRow).where(FindingRow.kind == "cross_document")):
            row.resolved = True
    before = {f[:6] for f in snapshot(url)["findings"] if f[1] == "cross_document"}
    ingest([c], url)  # agrees with a on one figure, not on another: some findings hold, some change
    after = [f for f in snapshot(url)["findings"] if f[1] == "cross_document"]
    held = [f for f in after if f[:6] in before]
    assert held and all(f[7] for f in held)
    assert all(not f[7] for f in after if f[:6] not in before)
    assert len(held) < len(before)  # a finding that no longer holds is gone


def test_a_file_the_database_refuses_is_not_kept_and_the_batch_goes_on(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, _ = (p.read_bytes() for p in _reports(tmp_path / "r"))
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    real = disagreements.refresh_disagreements
    calls = {"n": 0}

    def refuse_the_second(session: Any, doc_id: int, places: Any, *args: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:  # what 333,300 values once did: the database refuses after the document is written
            raise stored_documents.StoreFailed("too many SQL variables")
        return real(session, doc_id, places, *args)

    monkeypatch.setattr(ingest_service, "refresh_disagreements", refuse_the_second)
    with closing(open_database(url)) as db:
        summary = ingest_uploads(db, [("a.txt", a), ("b.txt", b), ("c.txt", c)])
    assert summary.added == 2 and [name for name, _ in summary.failures] == ["b.txt"]
    assert "b.txt" in summary.failures[0][1]
    assert sorted(d[1] for d in snapshot(url)["documents"]) == ["a.txt", "c.txt"]  # nothing of b, a and c whole


# A crash between any two steps of storing a file: after its document, its corrections carried over,
# its implausible values, its comparison with the others (just before the commit).
CRASH_POINTS = ["save_document", "_carry_corrections", "record_implausible", "refresh_disagreements"]


def _crash_at(point: str, nth: int, url: str, paths: list[str], reextract: bool) -> None:
    """In a child process: run the ingest and die (no cleanup, as kill -9 would) in the middle of the
    `nth` file's transaction, right after `point`."""
    module = stored_documents if point in ("save_document", "_carry_corrections") else ingest_service
    real = getattr(module, point)
    calls = {"n": 0}

    def then_die(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == nth:
            os._exit(17)
        return out

    setattr(module, point, then_die)
    # the files are read in this process: the crash is the point here, not the budget of a child
    ingest_service.run_bounded = lambda fn, *args, **_: fn(*args)  # type: ignore[assignment]
    ingest(paths, url, reextract=reextract)
    os._exit(0)


def _run_crashing(point: str, nth: int, url: str, paths: list[str], reextract: bool = False) -> int:
    child = multiprocessing.get_context("fork").Process(target=_crash_at, args=(point, nth, url, paths, reextract))
    child.start()
    child.join(120)
    return child.exitcode or 0


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_crash_between_steps_leaves_a_state_a_rerun_completes_exactly(point: str, database_url: str,
                                                                         tmp_path: Path) -> None:
    paths = [str(p) for p in _reports(tmp_path / "r")]
    reference = _other_database(database_url, tmp_path)
    ingest(paths, reference)
    ingest(paths[:1], database_url)
    nth = 1 if point == "_carry_corrections" else 2
    if point == "_carry_corrections":  # only a re-extraction carries corrections: give it one to carry
        _give_a_correction(database_url)
    assert _run_crashing(point, nth, database_url, paths, reextract=point == "_carry_corrections") == 17
    crashed = snapshot(database_url)
    assert len(crashed["documents"]) < len(paths)  # the crash left work undone…
    assert {d[0] for d in crashed["documents"]} <= {d[0] for d in snapshot(reference)["documents"]}
    ingest(paths, database_url)  # …which a re-run completes, exactly
    assert snapshot(database_url) == snapshot(reference)


def _give_a_correction(url: str) -> None:
    from datetime import datetime

    from chitieu.store.schema import Correction

    with closing(open_database(url)) as db, db.transaction() as session:
        obs = session.scalars(select(Observation).order_by(Observation.id)).first()
        assert obs is not None
        session.add(Correction(observation_id=obs.id, field="value", old_value=str(obs.value), new_value="1",
                               reason="thử", user_id=None, created_at=datetime(2024, 1, 1)))
        for doc in session.scalars(select(Document)):
            doc.extractor_version = "0"  # an older extraction: --reextract redoes it


# --- several processes at once, against PostgreSQL ---------------------------------------------------------


def _sixteen_reports(folder: Path) -> list[Path]:
    """Sixteen different reports of one district: two real ones (a year's results, the next year's
    orientation) moved 30 to 37 years back, so that each shares years, with other figures, with the
    other's neighbours (years in common disagree)."""
    folder.mkdir()
    out = []
    for sample in ("002_7403cd4725ee3072.txt", "004_3c726b15bfe483dc.txt"):
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        for k in range(8):
            path = folder / f"{sample[:3]}_{k}.txt"
            path.write_text(re.sub(r"\b(?:19|20)\d\d\b", lambda m, k=k: str(int(m.group()) - 30 - k), text),
                            encoding="utf-8")
            out.append(path)
    return out


def _chitieu(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "chitieu"), *args]


@pytest.mark.postgres
@pytest.mark.slow
def test_eight_parallel_ingests_store_what_one_sequential_ingest_stores(postgres_url: str, tmp_path: Path) -> None:
    from tests.pg_server import fresh_database

    reports = _sixteen_reports(tmp_path / "reports")
    sequential = fresh_database(postgres_url, "sequential")
    subprocess.run(_chitieu("ingest", str(tmp_path / "reports"), "--db", sequential), check=True,
                   capture_output=True)
    parallel = fresh_database(postgres_url, "parallel16")  # empty: the first runs migrate it, together
    procs = []
    for k in range(8):  # overlapping shares: half the reports are ingested by two processes at once
        share = [str(reports[(3 * k + j) % 16]) for j in range(3)]
        procs.append(subprocess.Popen(_chitieu("ingest", *share, "--db", parallel), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE))
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()[-800:]
    expected = snapshot(sequential)
    assert len(expected["documents"]) == 16
    assert sum(1 for f in expected["findings"] if f[1] == "cross_document") > 16
    got = snapshot(parallel)
    assert got["documents"] == expected["documents"]
    assert got["values"] == expected["values"]
    assert got["findings"] == expected["findings"]
