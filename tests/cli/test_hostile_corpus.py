"""Every class of hostile file through `chitieu ingest`: a clear message naming the file, under 10 s and
500 MB each (the command and its worker), and nothing stored of a refused file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from chitieu.messages import MESSAGES
from chitieu.store.database import open_database
from chitieu.store.schema import Document
from tests.hostile_corpus import corpus, write

pytestmark = pytest.mark.slow

# Runs the command and reports its wall time and the peak memory of it and its workers.
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": proc.returncode, "seconds": time.perf_counter() - started, "err": proc.stderr,
                  "out": proc.stdout, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def fragment(key: str) -> str:
    """The longest fixed piece of a message: what any rendering of it says."""
    return max(re.split(r"\{[^}]*\}", MESSAGES[key]), key=len).strip()


EXPECTED = {name: key for name, (_, key) in corpus().items()} | {"too-large.txt": "read.too_large"}


def test_every_hostile_file_gets_a_message_quickly_within_its_memory(tmp_path: Path) -> None:
    """One command over the whole corpus: under 10 s and 500 MB for all of it, so for each file."""
    write(tmp_path / "hostile")
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    chitieu = str(Path(sys.executable).parent / "chitieu")
    run = json.loads(subprocess.run([sys.executable, "-c", _MEASURE, chitieu, "ingest", str(tmp_path / "hostile"),
                                     "--db", url], capture_output=True, text=True, check=True).stdout)
    print(f"{len(EXPECTED)} hostile files: {run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB")
    assert run["seconds"] < 10 and run["peak_mb"] < 500
    assert run["rc"] == 2  # some files failed, each with its message:
    failures = [line for line in run["err"].splitlines() if line.strip()]
    refused = {name: key for name, key in EXPECTED.items() if key != "stored"}
    assert len(failures) == len(refused)
    for name, key in refused.items():
        [line] = [f for f in failures if name in f]
        assert fragment(key) in line
    assert "60.0 MB" in run["err"] and "giới hạn 50 MB" in run["err"]  # the file's size, then the limit
    # read within their budgets, the others are small ordinary files, stored; nothing of the refused ones
    with closing(open_database(url)) as db, db.transaction() as session:
        stored = set(session.scalars(select(Document.file_name)))
    assert stored == {name for name, key in EXPECTED.items() if key == "stored"}
