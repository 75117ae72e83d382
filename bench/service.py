"""`make bench-service`: upload throughput and end-to-end documents per minute.

The deployment with servers: PostgreSQL (a private database on the local
server, dropped after; SQLite when none answers, said in the report) with the
uploaded files in it (``file_store=database``), rq on the local Redis.

1. Uploads: a uvicorn server started here on 127.0.0.1 (no worker running),
   50 concurrent httpx clients posting distinct small PDFs: uploads/s and
   p50/p99 latency.
2. End to end: the sample documents uploaded, then 1 and then 2
   `certverify worker --burst` processes: documents per minute, and per
   document the queue wait (upload to start) against processing time.
3. The same with one worker on a second host: a network namespace reaching
   PostgreSQL and Redis through relays only, with its own data folder
   (``bench.hosts``; needs root, skipped and said so otherwise).

Bounded loops, everything it starts is stopped; the report goes to
bench/service-report.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.hosts import Host, Relay, hosts_unavailable, network_hosts
from bench.options import CORPUS

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "service-report.md"
REDIS_URL = os.environ.get("CERTVERIFY_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
POSTGRES_ADMIN_URL = os.environ.get(
    "CERTVERIFY_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
CLIENTS = 50
UPLOADS = 1000
SMALL_PDF = CORPUS / "missing_docinfo.pdf"
DOCUMENT_DIRS = (ROOT / "samples" / "demo", CORPUS)
DOCUMENT_LIMIT = 8
COPIES = 3  # each document uploaded this many times (distinct bytes), so workers stay busy
E2E_TIMEOUT_S = 900


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    env: dict[str, str]
    admin_key: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path, queue: str, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "CERTVERIFY_DATA_DIR": str(data_dir),
            "CERTVERIFY_REDIS_URL": REDIS_URL,
            "CERTVERIFY_QUEUE_NAME": queue,
            "CERTVERIFY_RECONCILE_INTERVAL_S": "3600",
            "CERTVERIFY_WEB_SESSION_SECRET": secrets.token_urlsafe(32),  # made per run
            "CERTVERIFY_AUDIT_SEED": secrets.token_urlsafe(32),
            "OMP_THREAD_LIMIT": "1",
        }
    )
    env.pop("CERTVERIFY_DATABASE_URL", None)
    if database_url:
        env["CERTVERIFY_DATABASE_URL"] = database_url
        env["CERTVERIFY_FILE_STORE"] = "database"
    return env


def _certverify(*args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cli.main", *args], env=env, cwd=ROOT, **kwargs)


def start_server(data_dir: Path, database_url: str | None) -> Server:
    env = _env(data_dir, f"certverify-bench-{uuid.uuid4().hex[:8]}", database_url)
    made = subprocess.run(
        [sys.executable, "-m", "cli.main", "keys", "create", "--role", "admin", "--name", "bench"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    port = _free_port()
    process = _certverify(
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return Server(process, url, env, made.stdout.strip())
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(process)
    raise SystemExit("the API did not start within 60 s")


def drop_queue(server: Server) -> None:
    """Remove the benchmark's queue and its jobs from Redis."""
    from redis import Redis

    from store.dispatch import purge_queue

    purge_queue(Redis.from_url(REDIS_URL), server.env["CERTVERIFY_QUEUE_NAME"])


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def upload_burst(server: Server, total: int, clients: int) -> dict[str, float]:
    base = SMALL_PDF.read_bytes()
    headers = {"Authorization": f"Bearer {server.admin_key}"}
    latencies: list[float] = []
    failures = 0
    kinds: dict[str, int] = {}
    counter = iter(range(total))

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal failures
        for number in counter:
            body = base + f"\n%bench {number} {uuid.uuid4()}\n".encode()
            started = time.perf_counter()
            try:
                response = await http.post(
                    "/v1/documents",
                    files={"file": (f"bench-{number}.pdf", body, "application/pdf")},
                    data={"trainer_id": f"T-{number % 100}"},
                    headers=headers,
                )
                if response.status_code != 202:
                    failures += 1
                    kinds[str(response.status_code)] = kinds.get(str(response.status_code), 0) + 1
            except httpx.TransportError as e:
                failures += 1
                kinds[type(e).__name__] = kinds.get(type(e).__name__, 0) + 1
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    if kinds:
        print("non-202 answers:", kinds, file=sys.stderr)
    return {
        "uploads": total,
        "failures": failures,
        "seconds": elapsed,
        "per_second": total / elapsed,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }


def bench_documents() -> list[Path]:
    for folder in DOCUMENT_DIRS:
        files = sorted(p for p in folder.glob("*") if p.suffix.lower() in {".pdf", ".jpg", ".png"})
        if files:
            return files[:DOCUMENT_LIMIT]
    raise SystemExit("no documents to benchmark with")


def end_to_end(
    data_dir: Path, workers: int, database_url: str | None, host: Host | None = None
) -> dict[str, Any]:
    server = start_server(data_dir, database_url)
    relays: list[Relay] = []
    try:
        documents = bench_documents()
        headers = {"Authorization": f"Bearer {server.admin_key}"}
        ids = []
        trainer = f"T-bench-{uuid.uuid4().hex[:8]}"  # runs share a database: one trainer each
        with httpx.Client(base_url=server.url, timeout=60, headers=headers) as http:
            for copy, path in ((c, p) for c in range(COPIES) for p in documents):
                # bytes after a PDF's %%EOF or a JPEG/PNG's end are ignored by readers
                data = path.read_bytes() + f"\n{copy}".encode()
                response = http.post(
                    "/v1/documents",
                    files={"file": (path.name, data)},
                    data={"trainer_id": trainer},
                )
                response.raise_for_status()
                ids.append(response.json()["id"])
            env = _worker_env(server, host, relays, data_dir)
            started = time.perf_counter()
            processes = [_start_worker(env, host) for _ in range(workers)]
            for process in processes:
                process.wait(E2E_TIMEOUT_S)
            elapsed = time.perf_counter() - started
            rows = [http.get(f"/v1/documents/{i}").json() for i in ids]
    finally:
        stop(server.process)
        drop_queue(server)
        for relay in relays:
            relay.stop()
    return {**_timings(rows, elapsed, workers), "host": "second host" if host else "same host"}


def _worker_env(
    server: Server, host: Host | None, relays: list[Relay], data_dir: Path
) -> dict[str, str]:
    """The server's settings, as a worker on ``host`` (own data folder, relays) sees them."""
    if host is None:
        return server.env
    urls = host.urls(REDIS_URL, server.env["CERTVERIFY_DATABASE_URL"], relays)
    return {
        **server.env,
        "CERTVERIFY_DATA_DIR": str(data_dir / "second-host"),
        "CERTVERIFY_REDIS_URL": urls["redis_url"],
        "CERTVERIFY_DATABASE_URL": urls["database_url"],
    }


def _start_worker(env: dict[str, str], host: Host | None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cli.main", "worker", "--burst"]
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if host is None:
        return _certverify(*command[3:], env=env, start_new_session=True, **quiet)
    return host.run(command, env=env, cwd=ROOT, start_new_session=True, **quiet)


def _timings(rows: list[dict[str, Any]], elapsed: float, workers: int) -> dict[str, Any]:
    from datetime import datetime

    def seconds(a: str, b: str) -> float:
        return (datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds()

    done = [r for r in rows if r["finished_at"]]
    waits = [seconds(r["created_at"], r["started_at"]) for r in done]
    processing = [seconds(r["started_at"], r["finished_at"]) for r in done]
    first = min((r["started_at"] for r in done), default=None)
    last = max((r["finished_at"] for r in done), default=None)
    busy = seconds(first, last) if first and last else elapsed
    return {
        "workers": workers,
        "documents": len(rows),
        "finished": len(done),
        "failed": sum(r["status"] == "failed" for r in rows),
        "seconds": elapsed,
        "per_minute": len(done) / elapsed * 60,
        "steady_per_minute": len(done) / busy * 60 if busy else 0.0,
        "wait_p50": statistics.median(waits) if waits else 0.0,
        "wait_max": max(waits, default=0.0),
        "processing_p50": statistics.median(processing) if processing else 0.0,
        "processing_max": max(processing, default=0.0),
    }


def render(
    uploads: dict[str, float], runs: list[dict[str, Any]], database: str, skipped: str | None
) -> str:
    lines = [
        "# Service benchmark",
        "",
        f"Machine: {os.cpu_count()} cores shared with other work (load average "
        f"{os.getloadavg()[0]:.1f} at the end), {database}, rq on local Redis, "
        f"`OMP_THREAD_LIMIT=1`. Generated by `make bench-service` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        f"## Uploads ({CLIENTS} concurrent clients, {int(uploads['uploads'])} distinct small PDFs)",
        "",
        "| uploads/s | p50 latency | p99 latency | non-202 answers |",
        "|---:|---:|---:|---:|",
        f"| {uploads['per_second']:.0f} | {uploads['p50_ms']:.0f} ms | {uploads['p99_ms']:.0f} ms "
        f"| {int(uploads['failures'])} |",
        "",
        "## End to end (upload, queue, worker, result stored)",
        "",
        "| workers | where | documents | failed | wall time | documents/min | documents/min "
        "once started | queue wait p50 / max | processing p50 / max |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['workers']} | {run['host']} | {run['documents']} | {run['failed']} "
            f"| {run['seconds']:.1f} s | {run['per_minute']:.1f} | {run['steady_per_minute']:.1f} "
            f"| {run['wait_p50']:.1f} s / {run['wait_max']:.1f} s "
            f"| {run['processing_p50']:.1f} s / {run['processing_max']:.1f} s |"
        )
    if skipped:
        lines += ["", f"Worker on a second host: not run ({skipped})."]
    lines += [
        "",
        "Wall time runs from starting the worker processes (their start-up included) to the",
        "last one exiting; 'once started' counts from the first job's start to the last one's",
        "end. Queue wait runs from the upload to the start of processing, so it includes the",
        "time spent behind other documents; processing is the pipeline in its isolated child",
        "process plus storing the result. A second host is a network namespace with its own",
        "data folder, reaching PostgreSQL and Redis through relays (bench/hosts.py), so the",
        f"file comes from the database. Documents ({COPIES} copies each): "
        + ", ".join(p.name for p in bench_documents()),
        "",
    ]
    return "\n".join(lines)


@contextlib.contextmanager
def private_database() -> Iterator[str | None]:
    """A database of the benchmark's own on the local PostgreSQL; None when none answers."""
    import psycopg

    name = f"certverify_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        yield None
        return
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _runs(root: Path, database_url: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """End to end with 1 and 2 workers, then 1 worker on a second host when possible."""
    runs = [end_to_end(root / f"e2e-{n}", n, database_url) for n in (1, 2)]
    skipped = hosts_unavailable() or (None if database_url else "it needs PostgreSQL")
    if skipped is None:
        with network_hosts() as make:
            runs.append(end_to_end(root / "e2e-host", 1, database_url, make("wrk")))
    return runs, skipped


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="certverify-bench-") as scratch:
        root = Path(scratch)
        with private_database() as database_url:
            server = start_server(root / "uploads", database_url)
            try:
                uploads = asyncio.run(upload_burst(server, UPLOADS, CLIENTS))
            finally:
                stop(server.process)
                drop_queue(server)
            runs, skipped = _runs(root, database_url)
    database = "PostgreSQL (files in it)" if database_url else "SQLite (no PostgreSQL answered)"
    report = render(uploads, runs, database, skipped)
    REPORT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
