"""Load: the dashboard and the overview API under 16 concurrent clients, served by `chitieu serve` (uvicorn,
one process) on the synthetic province database of `benchmarks.web`, SQLite and PostgreSQL.

    python -m benchmarks.load [--requests 2000] [--concurrency 16] [--observations 50000] [--no-postgres]
                              [--no-sqlite]

Prints requests per second, p50 and p95 latency and errors per page, against a static file served by the
same server in the same run (the baseline). Goal of issue 15: dashboard p95 < 150 ms, >= 100 req/s, 0 errors.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.web import PASSWORD, SAMPLES, fill  # noqa: E402
from chitieu.services.accounts import add_user, create_api_token  # noqa: E402
from chitieu.services.ingest import ingest  # noqa: E402
from chitieu.store.database import open_database  # noqa: E402
from chitieu.store.schema import AdminUnit  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "CHITIEU_SECRET_KEY": "load-benchmark-secret-0123456789abcdef"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "chitieu"), "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/static/app.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def prepare(url: str, observations: int) -> tuple[int, str]:
    """The samples plus synthetic communes; an administrator; (a commune's id, an API token)."""
    ingest([str(SAMPLES)], url)
    db = open_database(url)
    fill(db, observations)
    add_user(db, "bench", PASSWORD, "admin")
    _, token = create_api_token(db, "bench", "load benchmark")
    with db.transaction() as s:
        commune = s.scalars(select(AdminUnit.id).where(AdminUnit.name == "Xã Thử 0")).one()
    db.close()
    return commune, token


def logged_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/dang-nhap").text)
    assert token is not None
    response = client.post("/dang-nhap", data={"username": "bench", "password": PASSWORD, "next": "/",
                                                "csrf_token": token.group(1)})
    assert response.status_code == 303, response.status_code  # to the dashboard: logged in
    return client


def hammer(client: httpx.Client, path: str, requests: int, concurrency: int,
           headers: dict[str, str] | None = None) -> tuple[float, list[float], int]:
    """(requests per second, latencies, errors) of `requests` GETs by `concurrency` threads."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    left = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        while True:
            with lock:
                if next(left, None) is None:
                    return
            started = time.perf_counter()
            try:
                ok = client.get(path, headers=headers).status_code == 200
            except httpx.HTTPError:
                ok = False
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                errors += not ok

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return requests / (time.perf_counter() - started), sorted(latencies), errors


def report(label: str, rate: float, latencies: list[float], errors: int, base_p50: float | None = None) -> None:
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    ratio = f"  ({p50 / base_p50:5.1f}× baseline p50)" if base_p50 else ""
    print(f"  {label:34s} {rate:7.1f} req/s  p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
          f"errors {errors}{ratio}")


def run(kind: str, url: str, args: argparse.Namespace) -> None:
    commune, token = prepare(url, args.observations)
    with serving(url) as base:
        client = logged_in(base)
        client.get("/")  # warm
        print(f"{kind}: {args.requests} requests per page, {args.concurrency} at a time")
        rate, lat, err = hammer(client, "/static/app.css", args.requests, args.concurrency)
        report("baseline: static file", rate, lat, err)
        base_p50 = statistics.median(lat)
        bearer = {"Authorization": f"Bearer {token}"}
        for label, path, headers in [("dashboard /", "/", None),
                                     ("dashboard of a commune", f"/?unit={commune}&period=2024", None),
                                     ("/api/v1/overview (commune)", f"/api/v1/overview?unit={commune}&period=2024",
                                      bearer),
                                     ("/api/v1/documents", "/api/v1/documents", bearer)]:
            rate, lat, err = hammer(client, path, args.requests, args.concurrency, headers)
            report(label, rate, lat, err, base_p50)
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--observations", type=int, default=50_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            run("SQLite", f"sqlite:///{Path(tmp) / 'load.sqlite3'}", args)
    if args.no_postgres:
        return
    from tests.pg_server import find_bin, fresh_database, postgres_server

    if not find_bin("initdb"):
        print("PostgreSQL: not installed, skipped")
        return
    with postgres_server() as server:
        run("PostgreSQL", fresh_database(server, "load"), args)


if __name__ == "__main__":
    main()
