"""`make bench-service`: upload throughput and end-to-end documents per minute.

1. Uploads: a uvicorn server started here on 127.0.0.1 (SQLite, rq on the local
   Redis, no worker running), 50 concurrent httpx clients posting distinct
   small PDFs: uploads/s and p50/p99 latency.
2. End to end: the sample documents uploaded, then 1 and then 2
   `certverify worker --burst` processes: documents per minute, and per
   document the queue wait (upload to start) against processing time.

Loopback only, bounded loops, everything it starts is stopped; the report goes
to bench/service-report.md.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.options import CORPUS

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "service-report.md"
REDIS_URL = os.environ.get("CERTVERIFY_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
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


def _env(data_dir: Path, queue: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "CERTVERIFY_DATA_DIR": str(data_dir),
            "CERTVERIFY_REDIS_URL": REDIS_URL,
            "CERTVERIFY_QUEUE_NAME": queue,
            "CERTVERIFY_RECONCILE_INTERVAL_S": "3600",
            "OMP_THREAD_LIMIT": "1",
        }
    )
    env.pop("CERTVERIFY_DATABASE_URL", None)
    return env


def _certverify(*args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cli.main", *args], env=env, cwd=ROOT, **kwargs)


def start_server(data_dir: Path) -> Server:
    env = _env(data_dir, f"certverify-bench-{uuid.uuid4().hex[:8]}")
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


def end_to_end(data_dir: Path, workers: int) -> dict[str, Any]:
    server = start_server(data_dir)
    try:
        documents = bench_documents()
        headers = {"Authorization": f"Bearer {server.admin_key}"}
        ids = []
        with httpx.Client(base_url=server.url, timeout=60, headers=headers) as http:
            for copy, path in ((c, p) for c in range(COPIES) for p in documents):
                # bytes after a PDF's %%EOF or a JPEG/PNG's end are ignored by readers
                data = path.read_bytes() + f"\n{copy}".encode()
                response = http.post(
                    "/v1/documents",
                    files={"file": (path.name, data)},
                    data={"trainer_id": "T-bench"},
                )
                response.raise_for_status()
                ids.append(response.json()["id"])
            started = time.perf_counter()
            processes = [
                _certverify(
                    "worker",
                    "--burst",
                    env=server.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                for _ in range(workers)
            ]
            for process in processes:
                process.wait(E2E_TIMEOUT_S)
            elapsed = time.perf_counter() - started
            rows = [http.get(f"/v1/documents/{i}").json() for i in ids]
    finally:
        stop(server.process)
        drop_queue(server)
    return _timings(rows, elapsed, workers)


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


def render(uploads: dict[str, float], runs: list[dict[str, Any]]) -> str:
    lines = [
        "# Service benchmark",
        "",
        f"Machine: {os.cpu_count()} cores shared with other work (load average "
        f"{os.getloadavg()[0]:.1f} at the end), SQLite, rq on local Redis, "
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
        "| workers | documents | failed | wall time | documents/min | documents/min once "
        "started | queue wait p50 / max | processing p50 / max |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['workers']} | {run['documents']} | {run['failed']} | {run['seconds']:.1f} s "
            f"| {run['per_minute']:.1f} | {run['steady_per_minute']:.1f} "
            f"| {run['wait_p50']:.1f} s / {run['wait_max']:.1f} s "
            f"| {run['processing_p50']:.1f} s / {run['processing_max']:.1f} s |"
        )
    lines += [
        "",
        "Wall time runs from starting the worker processes (their start-up included) to the",
        "last one exiting; 'once started' counts from the first job's start to the last one's",
        "end. Queue wait runs from the upload to the start of processing, so it includes the",
        "time spent behind other documents; processing is the pipeline in its isolated child",
        f"process plus storing the result. Documents ({COPIES} copies each): "
        + ", ".join(p.name for p in bench_documents()),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="certverify-bench-") as scratch:
        root = Path(scratch)
        server = start_server(root / "uploads")
        try:
            uploads = asyncio.run(upload_burst(server, UPLOADS, CLIENTS))
        finally:
            stop(server.process)
            drop_queue(server)
        runs = [end_to_end(root / f"e2e-{n}", n) for n in (1, 2)]
    report = render(uploads, runs)
    REPORT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
