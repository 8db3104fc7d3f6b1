"""Store benchmarks: ingest speed on SQLite and PostgreSQL, and dashboard-type queries over a synthetic
national database (provinces × communes × indicators × years of targets and results).

`python -m benchmarks.store [--docs 1000] [--jobs 1 2] [--communes 3321] [--years 10] [--indicators 120]`
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from chitieu.services.ingest import ingest
from chitieu.store.database import Database, open_database
from chitieu.store.observations import stored_values
from chitieu.store.schema import AdminUnit, AdminUnitLink, Document, IndicatorRow, Observation
from chitieu.store.units import predecessors
from tests.pg_server import find_bin, fresh_database, postgres_server

ROOT = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"(?<![\w/.,-])\d{2,3}(?:\.\d{3})*(?:,\d+)?(?![\d/])")
_UNITS = (("triệu đồng", "tỷ đồng"), ("tấn", "tạ"), ("ha", "héc ta"))


def generate_documents(folder: Path, count: int, seed: int = 7) -> None:
    """Report-sized documents from the samples, every figure changed and some units swapped."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    for k in range(count):
        text = samples[k % len(samples)]

        def vary(m: re.Match[str]) -> str:
            digits = m.group(0)
            value = int(re.sub(r"\D", "", digits.split(",")[0]) or 0)
            changed = max(1, int(value * rng.uniform(0.8, 1.2)))
            return f"{changed:,}".replace(",", ".") + ("," + digits.split(",")[1] if "," in digits else "")

        text = _NUMBER.sub(vary, text)
        for a, b in _UNITS:
            if rng.random() < 0.3:
                text = text.replace(a, b)
        (folder / f"doc_{k:05d}.txt").write_text(text + f"\nBản {k}.\n", encoding="utf-8")


@contextmanager
def databases(tmp: Path) -> Iterator[list[tuple[str, Callable[[str], str]]]]:
    """(kind, make URL for a fresh database named `name`) for SQLite and, when installed, PostgreSQL."""
    kinds: list[tuple[str, Callable[[str], str]]] = [("sqlite", lambda name: f"sqlite:///{tmp / name}.sqlite3")]
    if find_bin("initdb") and find_bin("pg_ctl"):
        with postgres_server() as server:

            def fresh(name: str) -> str:
                return fresh_database(server, name)

            yield [*kinds, ("postgresql", fresh)]
    else:
        yield kinds


def bench_ingest(count: int, tmp: Path, kinds: list[tuple[str, Callable[[str], str]]],
                 job_counts: tuple[int, ...] = (1, 2)) -> None:
    folder = tmp / "docs"
    folder.mkdir()
    generate_documents(folder, count)
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(f"ingest: {count} generated documents, {size:.1f} MB")
    for kind, make_url in kinds:
        elapsed_by_jobs: dict[int, float] = {}
        for jobs in job_counts:
            url = make_url(f"ingest_{jobs}")
            start = time.perf_counter()
            marks: list[float] = []  # when each document was handed to the writer
            summary = ingest([str(folder)], url, jobs=jobs,
                             progress=lambda _path, into=marks: into.append(time.perf_counter()))
            elapsed = time.perf_counter() - start
            marks.append(time.perf_counter())
            tenth = max(1, len(marks) // 10)
            first = (marks[tenth] - marks[0]) / tenth
            last = (marks[-1] - marks[-1 - tenth]) / tenth
            print(f"  {kind:10} --jobs {jobs}: {summary.added} documents in {elapsed:6.1f} s = "
                  f"{summary.added / elapsed:5.1f} documents/s, {elapsed / max(1, summary.added) * 1000:5.0f} ms/doc "
                  f"({summary.facts} facts); first {tenth} {first * 1000:4.0f} ms/doc, last {tenth} "
                  f"{last * 1000:4.0f} ms/doc ({last / first:.2f}x)")
            elapsed_by_jobs[jobs] = elapsed
        if 1 in elapsed_by_jobs and len(elapsed_by_jobs) > 1:
            print(f"  {kind:10} speed-up over --jobs 1: " + ", ".join(
                f"--jobs {jobs} {elapsed_by_jobs[1] / elapsed:.2f}x" for jobs, elapsed in elapsed_by_jobs.items()
                if jobs != 1))


def build_national(db: Database, provinces: int, communes: int, indicators: int, years: int) -> list[int]:
    """A synthetic country: units with lineage, an indicator list, a target and a result per year."""
    rng = random.Random(11)
    now = datetime(2025, 1, 1)
    with db.transaction() as s:
        s.execute(insert(IndicatorRow), [{"id": f"ind{i}", "name": f"Chỉ tiêu {i}", "unit": "%", "group": "kinh_te",
                                          "direction": "higher", "aggregate": "mean"} for i in range(indicators)])
        s.execute(insert(AdminUnit), [{"name": f"Tỉnh {p}", "name_folded": f"tinh {p}", "level": "tinh",
                                       "provisional": False, "aliases": []} for p in range(provinces)])
        province_ids = list(s.scalars(select(AdminUnit.id).where(AdminUnit.level == "tinh")))
        s.execute(insert(AdminUnit), [{"name": f"Xã {c}", "name_folded": f"xa {c}", "level": "xa",
                                       "parent_id": province_ids[c % provinces], "provisional": False, "aliases": []}
                                      for c in range(communes)])
        commune_ids = list(s.scalars(select(AdminUnit.id).where(AdminUnit.level == "xa")))
        s.execute(insert(AdminUnitLink), [{"predecessor_id": commune_ids[i], "successor_id": commune_ids[i + 1]}
                                          for i in range(0, min(200, len(commune_ids) - 1), 2)])
        doc = Document(content_hash="national", file_name="synthetic", format="txt", meta={}, text="",
                       extractor_version="bench", ingested_at=now)
        s.add(doc)
        s.flush()
        doc_id = doc.id
    batch: list[dict[str, object]] = []
    for unit in commune_ids:
        for i in range(indicators):
            for y in range(years):
                period = str(2016 + y)
                for role in ("target", "actual"):
                    batch.append({"document_id": doc_id, "indicator_id": f"ind{i}", "admin_unit_id": unit,
                                  "raw_name": "", "period": period, "role": role, "op": "=",
                                  "value": rng.uniform(0, 100), "estimate": False, "source": "table", "line": 1,
                                  "quote": ""})
        if len(batch) >= 50_000:
            with db.transaction() as s:
                s.execute(insert(Observation), batch)
            batch = []
    if batch:
        with db.transaction() as s:
            s.execute(insert(Observation), batch)
    return province_ids


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def bench_queries(args: argparse.Namespace, kinds: list[tuple[str, Callable[[str], str]]]) -> None:
    rows = args.communes * args.indicators * args.years * 2
    print(f"queries: {args.provinces} provinces, {args.communes} communes, {args.indicators} indicators, "
          f"{args.years} years = {rows:,} observations")
    rng = random.Random(3)
    for kind, make_url in kinds:
        db = open_database(make_url("national"))
        start = time.perf_counter()
        provinces = build_national(db, args.provinces, args.communes, args.indicators, args.years)
        print(f"  {kind:10} built in {time.perf_counter() - start:6.1f} s")
        with db.transaction() as s:
            communes = list(s.scalars(select(AdminUnit.id).where(AdminUnit.level == "xa")))
        timings: dict[str, list[float]] = {"one unit's indicators": [], "one indicator across a province": [],
                                           "series with predecessors": []}
        for _ in range(args.repeat):
            unit, province = rng.choice(communes), rng.choice(provinces)
            indicator = f"ind{rng.randrange(args.indicators)}"
            with db.transaction() as s:
                t = time.perf_counter()
                stored_values(s, unit_ids=[unit], period=str(2016 + args.years - 1))
                timings["one unit's indicators"].append(time.perf_counter() - t)
                t = time.perf_counter()
                members = list(s.scalars(select(AdminUnit.id).where(AdminUnit.parent_id == province)))
                stored_values(s, indicator_id=indicator, unit_ids=members, period=str(2016 + args.years - 1))
                timings["one indicator across a province"].append(time.perf_counter() - t)
                t = time.perf_counter()
                old = [u.id for u in predecessors(s, communes[1 + 2 * rng.randrange(50)])]
                stored_values(s, indicator_id=indicator, unit_ids=[unit, *old])
                timings["series with predecessors"].append(time.perf_counter() - t)
        for name, samples in timings.items():
            print(f"  {kind:10} {name:34} {_percentiles(samples)}")
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--indicators", type=int, default=120)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="ingest with each of these --jobs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chitieu-bench-") as tmp, databases(Path(tmp)) as kinds:
        if args.docs:
            bench_ingest(args.docs, Path(tmp), kinds, tuple(args.jobs))
        if args.communes:
            bench_queries(args, kinds)


if __name__ == "__main__":
    main()
