"""Page render times with 50,000 observations in a SQLite database (issue: each page < 300 ms).

    python -m benchmarks.web [--observations 50000] [--repeat 15]

The database holds the sample reports plus synthetic communes (real catalogue indicators, targets
and results over several years). Each page is fetched in-process through the TestClient, so the
times include routing, the services' queries and the Jinja2 rendering, but no network. The baseline
is a static file served by the same application in the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from chitieu.catalog.model import load_catalog
from chitieu.services.accounts import add_user
from chitieu.services.ingest import ingest
from chitieu.store.database import Database, open_database
from chitieu.store.schema import AdminUnit, Document, Observation
from chitieu.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PASSWORD = "benchmark-password"


def fill(db: Database, observations: int, years: int = 5) -> int:
    """Synthetic communes of Lai Châu, each with its own annual report, until `observations` are stored."""
    rng = random.Random(5)
    indicators = [i.id for i in load_catalog()]
    with db.transaction() as s:
        have = s.scalar(select(func.count()).select_from(Observation)) or 0
        province = s.scalars(select(AdminUnit.id).where(AdminUnit.name == "Lai Châu")).one()
    per_commune = len(indicators) * years * 2
    communes = max(1, (observations - have) // per_commune)
    for c in range(communes):
        with db.transaction() as s:
            unit = AdminUnit(name=f"Xã Thử {c}", name_folded=f"xa thu {c}", level="xa", parent_id=province,
                             valid_from="2025-07-01", provisional=False, aliases=[])
            s.add(unit)
            s.flush()
            doc = Document(content_hash=f"bench-{c}", file_name=f"xa-thu-{c}.docx", format="docx",
                           admin_unit_id=unit.id, doc_kind="bao_cao_nam", period="2025", meta={},
                           text="\n".join(f"Dòng {n}: chỉ tiêu đạt {n},5%." for n in range(1, 400)),
                           extractor_version="bench", ingested_at=datetime(2025, 12, 1))
            s.add(doc)
            s.flush()
            rows = []
            for ind in indicators:
                base = rng.uniform(10, 100)
                for y in range(years):
                    for role in ("plan", "actual"):
                        rows.append({"document_id": doc.id, "indicator_id": ind, "admin_unit_id": unit.id,
                                     "raw_name": ind, "period": str(2021 + y), "role": role, "op": ">=",
                                     "value": base * (1 + 0.03 * y) * rng.uniform(0.9, 1.1), "estimate": y == 4,
                                     "source": "table", "line": 1 + len(rows) % 399, "quote": "Thực hiện: 1"})
            s.execute(insert(Observation), rows)
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Observation)) or 0


def timed(client: TestClient, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm caches
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        out.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'web.sqlite3'}"
        ingest([str(SAMPLES)], url)
        db = open_database(url)
        total = fill(db, args.observations)
        add_user(db, "bench", PASSWORD, "admin")
        with db.transaction() as s:
            commune = s.scalars(select(AdminUnit.id).where(AdminUnit.name == "Xã Thử 0")).one()
            district = s.scalars(select(AdminUnit.id).where(AdminUnit.name == "Mường Tè")).one()
            sample_doc = s.scalars(select(Document.id).where(Document.file_name.like("002_%"))).one()
        db.close()
        app = create_app(url, "benchmark-secret-key-0123456789abcdef")
        client = TestClient(app)
        client.post("/dang-nhap", data={"username": "bench", "password": PASSWORD, "next": "/"})
        print(f"SQLite, {total:,} observations; {args.repeat} timed requests per page (in-process TestClient)")
        base = timed(client, "/static/app.css", args.repeat)
        base_p50 = statistics.median(base)
        print(f"{'baseline: static file':48s} p50 {base_p50 * 1000:7.1f} ms")
        pages = ["/", f"/?unit={district}&period=2023", f"/?unit={commune}&period=2024", "/chi-tieu",
                 "/chi-tieu/ty_le_ho_ngheo", f"/chi-tieu/ty_le_ho_ngheo?unit={commune}", "/van-ban",
                 f"/van-ban/{sample_doc}", "/kiem-tra", f"/ra-soat?document={sample_doc}", "/don-vi",
                 f"/api/v1/overview?unit={commune}&period=2024", "/api/v1/observations?indicator=ty_le_ho_ngheo",
                 "/api/v1/documents"]
        worst = 0.0
        for page in pages:
            samples = sorted(timed(client, page, args.repeat))
            p50 = statistics.median(samples)
            p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
            worst = max(worst, p95)
            print(f"{page:48s} p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  ({p50 / base_p50:5.1f}× baseline)")
        print(f"slowest p95: {worst * 1000:.1f} ms (goal: every page under 300 ms)")
        client.close()
        app.state.db.close()


if __name__ == "__main__":
    main()
