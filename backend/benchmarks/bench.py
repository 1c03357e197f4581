"""`make bench`: latency and throughput of the main endpoints, PDF rendering, password hashing and memory.

Starts the API with uvicorn on 127.0.0.1 against its own database (the embedded PostgreSQL unless DATABASE_URL
is set), seeds demo data plus a complete submitted application, then sends a bounded number of requests per
endpoint from CONCURRENCY clients over loopback. Writes backend/benchmarks/RESULTS.md.
"""

from __future__ import annotations

import asyncio
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "backend"))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from skillbase.config import Settings  # noqa: E402
from skillbase.main import resolve_database_url  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8077"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "10"))
BASE = f"http://127.0.0.1:{PORT}"
DB = "skillbase_bench"


async def recreate(server_url: str) -> str:
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{DB}"'))
    await admin.dispose()
    return make_url(server_url).set(database=DB).render_as_string(hide_password=False)


async def measure(client: httpx.AsyncClient, name: str, method: str, path: str, **kw: object) -> dict[str, object]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = iter(range(REQUESTS))

    async def worker() -> None:
        for _ in queue:
            start = time.perf_counter()
            r = await client.request(method, path, **kw)  # type: ignore[arg-type]
            latencies.append((time.perf_counter() - start) * 1000)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - began
    q = statistics.quantiles(latencies, n=100)
    return {
        "name": name,
        "n": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "statuses": statuses,
    }


async def scenario(token: str, admin_token: str, app_id: str) -> list[dict[str, object]]:
    auth = {"Authorization": f"Bearer {token}"}
    admin = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=BASE, timeout=60, limits=httpx.Limits(max_connections=CONCURRENCY)) as c:
        return [
            await measure(c, "GET /healthz", "GET", "/healthz"),
            await measure(c, "GET /api/v1/public/calls", "GET", "/api/v1/public/calls"),
            await measure(c, "GET /api/v1/me (applicant)", "GET", "/api/v1/me", headers=auth),
            await measure(c, "GET /api/v1/applications (admin list)", "GET", "/api/v1/applications", headers=admin),
            await measure(c, "GET /api/v1/applications/{id} (applicant)", "GET", f"/api/v1/applications/{app_id}", headers=auth),
            await measure(c, "GET .../eligibility (all rules)", "GET", f"/api/v1/applications/{app_id}/eligibility", headers=auth),
            await measure(c, "GET .../pdf (Annex 1, 1 specialty)", "GET", f"/api/v1/applications/{app_id}/pdf", headers=auth),
        ]


async def _file_application() -> tuple[str, str, str]:
    from tests.forms import PDF_BYTES, complete_form

    async with httpx.AsyncClient(base_url=BASE, timeout=60) as c:

        async def login(email: str) -> str:
            r = await c.post("/api/v1/auth/token", data={"username": email, "password": "Demo-2026-skillbase"})
            return str(r.json()["access_token"])

        token, admin_token = await login("applicant1@demo.skillbase.cn"), await login("admin@demo.skillbase.cn")
        h = {"Authorization": f"Bearer {token}"}
        calls = (await c.get("/api/v1/public/calls")).json()["items"]
        call = next(x for x in calls if x["accepting_applications"])
        app = (await c.post("/api/v1/applications", headers=h, json={"call_id": call["id"], "base_type": "skills_upgrading"})).json()
        app = (
            await c.put(
                f"/api/v1/applications/{app['id']}/draft", headers={**h, "If-Match": f'"{app["draft_version"]}"'}, json=complete_form()
            )
        ).json()
        for slot in (
            "licence",
            "equipment_list",
            "teacher_list",
            "project_management_rules",
            "finance_management_rules",
            "safety_management_rules",
        ):
            await c.post(
                f"/api/v1/applications/{app['id']}/attachments", params={"slot": slot, "filename": "a.pdf"}, headers=h, content=PDF_BYTES
            )
        return token, admin_token, app["id"]


def micro() -> list[tuple[str, str]]:
    from skillbase.core.security import hash_password, verify_password

    start = time.perf_counter()
    h = hash_password("Benchmark-password-1")
    hashed = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    verify_password("Benchmark-password-1", h)
    verified = (time.perf_counter() - start) * 1000
    return [("Argon2id hash (m=19 MiB, t=2)", f"{hashed:.0f} ms"), ("Argon2id verify", f"{verified:.0f} ms")]


def main() -> None:
    server_url = resolve_database_url(
        Settings(database_url=os.environ.get("DATABASE_URL") or None, embedded_pg_dir=str(ROOT / ".data/postgres"))
    )
    url = asyncio.run(recreate(server_url))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT / "backend"),
        "LOG_LEVEL": "WARNING",
        "UPLOAD_DIR": str(ROOT / ".data/bench-uploads"),
    }
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "uvicorn",
            "skillbase.main:app_factory",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--no-access-log",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{BASE}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "alembic", "-c", str(ROOT / "migrations/alembic.ini"), "upgrade", "head"],
            check=True,
            env=env,
            capture_output=True,
        )
        subprocess.run([sys.executable, "-m", "skillbase.cli", "seed"], check=True, env=env, capture_output=True)
        token, admin_token, app_id = asyncio.run(_file_application())
        rows = asyncio.run(scenario(token, admin_token, app_id))
        server_rss = _rss_of(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    write(rows, micro(), server_rss)


def _rss_of(pid: int) -> str:
    try:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        return f"{status['VmRSS'].strip()} now, peak {status['VmHWM'].strip()}"
    except OSError:
        return "n/a"


def write(rows: list[dict[str, object]], extra: list[tuple[str, str]], server_rss: str) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `make bench` on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; uvicorn (1 worker) on loopback, {CONCURRENCY} concurrent clients, "
        f"{REQUESTS} requests per endpoint. Shared, noisy machine: compare runs, not single numbers.",
        "",
        "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(f"| {r['name']} | {r['n']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['statuses']} |")
    lines += ["", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in extra]
    lines.append(f"| API process memory after the run | {server_rss} |")
    lines.append(f"| benchmark driver peak RSS | {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB |")
    out = Path(__file__).with_name("RESULTS.md")
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
