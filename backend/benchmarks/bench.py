"""`make bench`: the city-scale benchmark -> backend/benchmarks/RESULTS.md.

1. datagen.py writes the dataset into a fresh database `skillbase_bench` (BENCH_SCALE=1.0: 5,000 organisations,
   20,000 applications ...; 0.05 for a quick run). BENCH_REUSE=1 keeps the database of the previous run.
2. workload.py logs the users in through the app and runs every benchmarked route once in this process, recording
   the SQL each request sends: statements per request, and the scripts pgbench replays (raw SQL time, same
   statements in one transaction per request, as the application role).
3. plans.py EXPLAINs every list query on the data (seq scans of large tables, sorts on disk).
4. The API is served as production serves it: `python -m skillbase.serve` with one worker per core on
   127.0.0.1:8077, ENVIRONMENT=production, as the application role. wrk loads each route at 1, 16 and 64
   connections (the back half's lists at 16 only, workload.back_half) for BENCH_DURATION seconds (default 10; 3
   below BENCH_SCALE 0.5): p50/p95/p99, req/s, non-2xx. pgbench replays the raw SQL for half that time.
   Draft saves run in wrk too, one thread per connection, each on its own draft following its ETag (wrk/draft.lua).
   /me is measured alone and while 4 clients download PDFs. Peak RSS is summed over the server's processes.
5. import_bench.py, in a child process (its peak RSS is the import's alone), once the server has stopped: a
   100,000-row certificate roster (BENCH_IMPORT_ROWS) through the product's import, its seconds and peak RSS against
   issue 10's goal (20 s, 300 MB); `make bench-import` runs it alone.

    python backend/benchmarks/bench.py [--strict]   # --strict: exit 1 when a list plan is flagged (plans.py)

    python backend/benchmarks/bench.py --only pdf   # only "/me while PDFs render" (+ memory), printed, RESULTS.md untouched

Environment: BENCH_SCALE, BENCH_DURATION, BENCH_WORKERS (default: cores), BENCH_PORT (8077), BENCH_REUSE,
BENCH_DB (the database's name, default skillbase_bench; the import's is `<BENCH_DB>_import`), BENCH_PDF_CLIENTS (4),
BENCH_IMPORT_ROWS (100000), BENCH_BACKEND (the backend folder the served API runs from,
default this checkout's: to measure another version side by side),
BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL (a server and an owner role; else the embedded PostgreSQL).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
import import_bench  # noqa: E402
import plans  # noqa: E402
import workload  # noqa: E402

ROOT = datagen.ROOT
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
WRK_DIR = HERE / "wrk"
PDF_CLIENTS = int(os.environ.get("BENCH_PDF_CLIENTS") or 4)


# --- parsing the tools' output (pure; tests/unit/test_bench_tools.py) -------------------------------------------


def wrk_result(output: str) -> dict[str, Any]:
    """The numbers of one wrk run from the `BENCH_JSON {...}` line wrk/report.lua prints: req/s, latency percentiles
    in ms, non-2xx answers (with their count by status) and socket errors (connect, read, write, timeout)."""
    line = next((ln for ln in output.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise ValueError(f"wrk printed no BENCH_JSON line:\n{output[-2000:]}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50": raw["p50_us"] / 1000,
        "p95": raw["p95_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "mean": raw["mean_us"] / 1000,
        "max": raw["max_us"] / 1000,
        "non_2xx": sum(raw.get("codes", {}).values()),
        "codes": {int(k): v for k, v in sorted(raw.get("codes", {}).items())},
        "socket_errors": raw["connect_errors"] + raw["read_errors"] + raw["write_errors"] + raw["timeouts"],
    }


def pgbench_result(output: str) -> dict[str, float]:
    """tx/s (without initial connection time) and mean latency (ms) from pgbench's summary; failed transactions."""
    tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", output)
    latency = re.search(r"latency average = ([0-9.]+) ms", output)
    failed = re.search(r"number of failed transactions: (\d+)", output)
    if tps is None or latency is None:
        raise ValueError(f"unexpected pgbench output:\n{output[-2000:]}")
    return {"tps": float(tps.group(1)), "latency": float(latency.group(1)), "failed": float(failed.group(1)) if failed else 0.0}


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's supervisor and its workers), from /proc."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def memory_kb(pids: list[int]) -> tuple[int, int]:
    """(current RSS, peak RSS) summed over `pids`, in kB (VmRSS / VmHWM of /proc/<pid>/status)."""
    now = peak = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        now += int(fields.get("VmRSS", "0 kB").split()[0])
        peak += int(fields.get("VmHWM", "0 kB").split()[0])
    return now, peak


# --- running -----------------------------------------------------------------------------------------------------


@dataclass
class Run:
    started: float = field(default_factory=time.perf_counter)
    load_at_start: float = field(default_factory=lambda: os.getloadavg()[0])  # 1-minute load average
    machine: dict[str, str] = field(default_factory=dict)
    dataset: datagen.Generated | None = None
    load: list[dict[str, Any]] = field(default_factory=list)  # one per route x clients
    raw: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)
    statements: dict[str, float] = field(default_factory=dict)
    pdf: dict[str, float] = field(default_factory=dict)
    memory: dict[str, tuple[int, int]] = field(default_factory=dict)
    cold: dict[str, tuple[float, int]] = field(default_factory=dict)  # route title -> (ms, status) of its first request
    findings: list[plans.Finding] = field(default_factory=list)
    roster_import: import_bench.ImportResult | None = None
    micro: list[tuple[str, str]] = field(default_factory=list)
    duration: float = 10.0
    workers: int = 1
    factor: float = 1.0
    notes: list[str] = field(default_factory=list)


def log(msg: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {msg}", flush=True)


def describe_machine(owner_url: str) -> dict[str, str]:
    import asyncpg

    async def pg() -> str:
        conn = await asyncpg.connect(datagen.plain(owner_url.rsplit("/", 1)[0] + "/postgres"))
        try:
            version = str(await conn.fetchval("SELECT version()"))
            settings = await conn.fetch(
                "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_connections')"
            )
        finally:
            await conn.close()
        return version.split(",")[0] + "; " + ", ".join(f"{r['name']}={r['setting']}{r['unit'] or ''}" for r in settings)

    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0")
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), "?")
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()  # noqa: S607
    return {
        "cores": f"{os.cpu_count()} ({cpu})",
        "RAM": f"{int(mem) / 2**20:.1f} GiB",
        "load average at start (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "PostgreSQL": asyncio.run(pg()),
        "wrk": wrk[0].split(" Copyright")[0] if wrk else "?",
        "pgbench": subprocess.run(["pgbench", "--version"], capture_output=True, text=True).stdout.strip(),  # noqa: S607
    }


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) used so far by `pids`, from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


async def _active_queries(owner_url: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(datagen.plain(owner_url))
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND state NOT LIKE 'idle%'",
                datagen.DB,
                datagen.APP_ROLE,
            )
        )
    finally:
        await conn.close()


def drain(server: subprocess.Popen[bytes], owner_url: str, limit: float = 120.0) -> float:
    """Wait until the server has finished what the last load left in flight (wrk stops sending, the server goes on
    answering the requests it had taken): its processes near idle and no query of the app running, twice in a row."""
    start = time.monotonic()
    pids = process_tree(server.pid)
    before, quiet = cpu_seconds(pids), 0
    while quiet < 2 and time.monotonic() - start < limit:
        time.sleep(0.5)
        now = cpu_seconds(pids)
        quiet = quiet + 1 if now - before < 0.05 and asyncio.run(_active_queries(owner_url)) == 0 else 0
        before = now
    return time.monotonic() - start


def run_wrk(script: str, path_env: dict[str, str], connections: int, seconds: float, *, threads: int | None = None) -> dict[str, Any]:
    threads = threads or min(connections, os.cpu_count() or 1)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "60s", "--latency"]
    cmd += ["-s", str(WRK_DIR / script), BASE]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **path_env}, timeout=seconds + 120)  # noqa: S603
    return wrk_result(out.stdout + out.stderr)


def run_pgbench(app_url: str, scripts: list[str], clients: int, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, text in enumerate(scripts):
            f = Path(tmp) / f"request{i}.sql"
            f.write_text(text)
            files += ["-f", str(f)]
        url = datagen.plain(app_url)
        cmd = ["pgbench", "-n", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 1)), "-T", str(max(1, round(seconds)))]
        out = subprocess.run([*cmd, *files, url], capture_output=True, text=True, timeout=seconds + 120)  # noqa: S603
    return pgbench_result(out.stdout + out.stderr)


def start_server(app_url: str, upload_dir: str, workers: int) -> subprocess.Popen[bytes]:
    import httpx

    backend = os.environ.get("BENCH_BACKEND") or str(ROOT / "backend")
    env = {**os.environ, "PYTHONPATH": backend, **workload.server_env(app_url, upload_dir, workers)}
    cmd = [sys.executable, "-m", "skillbase.serve", "--host", "127.0.0.1", "--port", str(PORT), "--workers", str(workers)]
    server_log = ROOT / ".data/bench-server.log"  # the server's own log, for when it fails to start
    server_log.parent.mkdir(parents=True, exist_ok=True)
    with server_log.open("wb") as out:
        server = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{BASE}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"the API did not become ready on {BASE} (is the port taken?); see {server_log}")


def cold_requests(run: Run, prepared: workload.Prepared) -> None:
    """The first request of each read route after the server started (a worker's first: imports, caches)."""
    import httpx

    with httpx.Client(base_url=BASE, timeout=120) as c:
        for route in prepared.routes:
            if route.kind == "write":
                continue
            start = time.perf_counter()
            r = c.get(route.paths[0], headers={"Authorization": f"Bearer {prepared.tokens[route.role]}"})
            run.cold[route.title] = ((time.perf_counter() - start) * 1000, r.status_code)


def load_routes(run: Run, prepared: workload.Prepared, server: subprocess.Popen[bytes], body_file: str, owner_url: str) -> None:
    for route in prepared.routes:
        if route.kind != "write":  # warm every worker up on this route first (its first requests are slow: cold_requests)
            warm = {"BENCH_PATHS": "|".join(route.paths), "BENCH_TOKEN": prepared.tokens[route.role]}
            run_wrk("get.lua", warm, 2 * run.workers, max(1.0, run.duration / 5))
            drain(server, owner_url)
        for clients in route.clients:
            if route.kind == "write":
                writers = workload.current_writers(owner_url, prepared.writers)
                drafts = ";".join(f"{app_id},{version},{token}" for app_id, version, token in writers)
                env = {"BENCH_DRAFTS": drafts, "BENCH_BODY_FILE": body_file}
                result = run_wrk("draft.lua", env, clients, run.duration, threads=clients)
            else:
                env = {"BENCH_PATHS": "|".join(route.paths), "BENCH_TOKEN": prepared.tokens[route.role]}
                result = run_wrk("get.lua", env, clients, run.duration)
            run.load.append({"route": route, "clients": clients, **result})
            waited = drain(server, owner_url)
            log(
                f"{route.title} @{clients}: {result['rps']:.1f} req/s p50 {result['p50']:.1f} ms p95 {result['p95']:.1f} ms "
                f"p99 {result['p99']:.1f} ms non-2xx {result['codes'] or 0} errors {result['socket_errors']:.0f} "
                f"(drained in {waited:.1f} s)"
            )
    run.memory["after the route loads"] = memory_kb(process_tree(server.pid))


def pdf_interference(run: Run, prepared: workload.Prepared, server: subprocess.Popen[bytes], owner_url: str) -> None:
    """/me at 16 connections alone, then while PDF_CLIENTS clients download the Annex 1 PDF in a loop."""
    import httpx

    me = {"BENCH_PATHS": f"{workload.API}/me", "BENCH_TOKEN": prepared.tokens["applicant"]}
    alone = run_wrk("get.lua", me, 16, run.duration)
    drain(server, owner_url)
    stop = threading.Event()
    timings: list[float] = []
    statuses: dict[int, int] = {}
    pdf_path = f"{workload.API}/applications/{prepared.fixtures.application_id}/pdf"

    def client() -> None:
        with httpx.Client(base_url=BASE, timeout=120, headers={"Authorization": f"Bearer {prepared.tokens['applicant']}"}) as c:
            while not stop.is_set():
                start = time.perf_counter()
                r = c.get(pdf_path)
                timings.append(time.perf_counter() - start)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(PDF_CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(min(3.0, run.duration / 3))  # PDFs in flight before /me is measured
    under = run_wrk("get.lua", me, 16, run.duration)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    run.memory["after the PDF load"] = memory_kb(process_tree(server.pid))
    run.pdf = {
        "me_alone_rps": alone["rps"],
        "me_alone_p95": alone["p95"],
        "me_under_rps": under["rps"],
        "me_under_p95": under["p95"],
        "ratio": under["rps"] / alone["rps"] if alone["rps"] else 0.0,
        "pdfs": len(timings),
        "pdf_mean_s": sum(timings) / len(timings) if timings else 0.0,
        "pdf_non_200": sum(n for s, n in statuses.items() if s != 200),
    }
    log(f"/me alone {alone['rps']:.0f} req/s, with {PDF_CLIENTS} PDF clients {under['rps']:.0f} req/s ({run.pdf['ratio']:.0%})")


def raw_sql(run: Run, prepared: workload.Prepared, app_url: str) -> None:
    for key, captured in prepared.captured.items():
        run.statements[key] = captured.statements_per_request
        bad = [s for s in captured.statuses if s >= 400]
        if bad:
            run.notes.append(f"capturing `{captured.route.title}` answered {bad}: its SQL is that of an error")
        clients_list = (
            (1,) if captured.route.kind == "write" else captured.route.raw_clients
        )  # one draft row: more clients only queue on its lock
        for clients in clients_list:
            # pgbench's rate settles within seconds (no Python, no HTTP): half the HTTP loads' time keeps the run in 15 min
            result = run_pgbench(app_url, captured.scripts(), clients, max(3.0, run.duration / 2))
            run.raw[(key, clients)] = result
            log(f"raw SQL {captured.route.title} @{clients}: {result['tps']:.1f} tx/s, {result['latency']:.2f} ms")


def roster_import(run: Run) -> None:
    """import_bench.py in a child process (the same code `make bench-import` runs), its result parsed from its output."""
    rows = int(os.environ.get("BENCH_IMPORT_ROWS") or import_bench.ROWS)
    cmd = [sys.executable, str(HERE / "import_bench.py"), "--rows", str(rows), "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=1800)  # noqa: S603
    try:
        run.roster_import = import_bench.parse(out.stdout)
    except ValueError:
        run.notes.append(f"the roster import benchmark failed (exit {out.returncode}): {out.stderr.strip().splitlines()[-1:]}")
        log(f"import benchmark failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
        return
    r = run.roster_import
    verdict = "met" if r.ok else "NOT met"
    log(f"import: {r.rows:,} rows in {r.seconds:.1f} s ({r.rows_per_s:,.0f} rows/s), peak RSS {r.peak_mb:.0f} MB: goal {verdict}")


def micro() -> list[tuple[str, str]]:
    from skillbase.core.security import hash_password, verify_password

    start = time.perf_counter()
    h = hash_password("Benchmark-password-1")
    hashed = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    verify_password("Benchmark-password-1", h)
    verified = (time.perf_counter() - start) * 1000
    return [("Argon2id hash (m=19 MiB, t=2)", f"{hashed:.0f} ms"), ("Argon2id verify", f"{verified:.0f} ms")]


def only_pdf() -> int:
    """/me alone and while PDFs render, with the memory of the server's processes, on the dataset of BENCH_DB
    (generated first unless BENCH_REUSE=1): for working on the PDF route without the whole run."""
    run = Run(workers=int(os.environ.get("BENCH_WORKERS") or os.cpu_count() or 1))
    owner_url, app_url = datagen.database_urls()
    if os.environ.get("BENCH_REUSE") != "1":
        datagen.generate(log=lambda m: log(m))
    upload_dir = str(ROOT / f".data/bench-uploads-{datagen.DB}")
    prepared = workload.prepare(owner_url, app_url, upload_dir, capture=False)
    run.duration = float(os.environ.get("BENCH_DURATION") or 10)
    server = start_server(app_url, upload_dir, run.workers)
    try:
        run.memory["idle, after start"] = memory_kb(process_tree(server.pid))
        pdf_interference(run, prepared, server, owner_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps({"pdf": run.pdf, "memory_kb": run.memory}, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strict", action="store_true", help="exit 1 when an EXPLAIN of a list query is flagged")
    parser.add_argument("--only", choices=["pdf"], help="run one part only and print it (RESULTS.md is not written)")
    args = parser.parse_args()
    if args.only == "pdf":
        return only_pdf()
    if shutil.which("wrk") is None or shutil.which("pgbench") is None:
        print("make bench needs wrk and pgbench (Debian: apt-get install -y wrk postgresql-client)", file=sys.stderr)
        return 2

    run = Run(workers=int(os.environ.get("BENCH_WORKERS") or os.cpu_count() or 1))
    owner_url, app_url = datagen.database_urls()
    run.machine = describe_machine(owner_url)
    log(f"machine: {run.machine}")
    if os.environ.get("BENCH_REUSE") != "1":
        run.dataset = datagen.generate(log=lambda m: log(m))
    upload_dir = str(ROOT / ".data/bench-uploads")
    prepared = workload.prepare(owner_url, app_url, upload_dir)
    run.factor = prepared.fixtures.total_applications / datagen.CITY["applications"]
    run.duration = float(os.environ.get("BENCH_DURATION") or (10 if run.factor >= 0.5 else 3))
    log(f"captured {sum(len(c.requests) for c in prepared.captured.values())} requests; duration {run.duration:.0f} s per load")

    run.findings = asyncio.run(plans.explain_all(owner_url, plans.list_queries(prepared), run.factor))
    log(f"plans: {sum(f.bad for f in run.findings)} of {len(run.findings)} list statements flagged")
    raw_sql(run, prepared, app_url)

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as body:
        body.write(prepared.form_body)
    server = start_server(app_url, upload_dir, run.workers)
    try:
        run.memory["idle, after start"] = memory_kb(process_tree(server.pid))
        cold_requests(run, prepared)
        drain(server, owner_url)
        load_routes(run, prepared, server, body.name, owner_url)
        pdf_interference(run, prepared, server, owner_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        Path(body.name).unlink(missing_ok=True)
    roster_import(run)
    run.micro = micro()
    write(run)
    return 1 if args.strict and any(f.bad for f in run.findings) else 0


# --- RESULTS.md ----------------------------------------------------------------------------------------------


def _codes(codes: dict[int, int]) -> str:
    return ", ".join(f"{n:,} × {status}" for status, n in codes.items()) if codes else "0"


def _ms(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def quietness(load_at_start: float, cores: int) -> str:
    """What the load average said about the machine when the run began (pure; tests/unit/test_bench_tools.py)."""
    if load_at_start >= 0.5 * cores:
        return (
            f"**The machine was busy with other work when this began (1-minute load {load_at_start:.2f} on {cores} cores): "
            "the numbers are noisy — compare runs, not single numbers; rerun on a quiet machine before judging a target.**"
        )
    return f"The machine was quiet when this began (1-minute load {load_at_start:.2f} on {cores} cores)."


def report(run: Run) -> list[str]:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (BENCH_SCALE={run.factor:g}, "
        f"{run.duration:.0f} s per load, whole run {(time.perf_counter() - run.started) / 60:.1f} min). "
        + quietness(run.load_at_start, os.cpu_count() or 1),
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in run.machine.items()]
    lines += [
        f"| API served as | `python -m skillbase.serve --workers {run.workers}` (uvicorn), ENVIRONMENT=production, "
        f"as the application role `{datagen.APP_ROLE}`, on 127.0.0.1:{PORT}; wrk and pgbench on the same machine |",
    ]
    if run.dataset:
        d = run.dataset
        lines += ["", "## Dataset", "", f"Generated in {d.total_seconds:.1f} s; database {d.database_bytes / 2**20:,.0f} MB.", ""]
        lines += ["| table | rows |", "|---|---:|"] + [f"| {t} | {n:,} |" for t, n in d.counts.items()]
        lines += ["", "| step | seconds |", "|---|---:|"] + [f"| {k} | {v:.1f} |" for k, v in d.seconds.items()]
    else:
        lines += ["", "## Dataset", "", "Reused from the previous run (BENCH_REUSE=1)."]
    lines += [
        "",
        "## Load (wrk)",
        "",
        "Latencies in ms. non-2xx: answers outside 200-299, by status; errors: socket errors and timeouts (60 s). "
        "Between two loads the harness waits until the server has finished the requests the last one left in flight; "
        "before a route's loads, every worker is warmed up on it (its first requests are slow: see Other measures). "
        "Statements: SQL statements one request sends (BEGIN/COMMIT not counted), from one request run in process. "
        "The review queue is one page load of the admin SPA: its list and the stage totals (`GET /applications/stats`, "
        "one GROUP BY), taken in turn; its numbers are per request. Draft saves: one wrk thread per connection, each on "
        "its own draft of its own organisation following its ETag (`wrk/draft.lua`).",
        "",
        "| route | clients | req/s | p50 | p95 | p99 | non-2xx | errors | statements/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in run.load:
        route: workload.Route = r["route"]
        lines.append(
            f"| {route.title} | {r['clients']} | {r['rps']:,.1f} | {_ms(r['p50'])} | {_ms(r['p95'])} | {_ms(r['p99'])} | "
            f"{_codes(r['codes'])} | {r['socket_errors']:.0f} | {run.statements.get(route.key, 0):.1f} |"
        )
    lines += [
        "",
        "## Raw SQL (pgbench) beside the API",
        "",
        "The statements each route sent (captured from the app, parameters inlined), replayed by pgbench in one "
        "transaction per request as the application role, for the same time. API ÷ raw: the API's mean latency over "
        "pgbench's at the same clients (writes end in ROLLBACK and run at 1 client: every client would edit one row).",
        "",
        "| route | clients | raw tx/s | raw mean ms | API req/s | API mean ms | API ÷ raw |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    by_key = {(r["route"].key, r["clients"]): r for r in run.load}
    for (key, clients), raw in run.raw.items():
        api = by_key.get((key, clients))
        title = next((r["route"].title for r in run.load if r["route"].key == key), key)
        if api is None:
            continue
        ratio = f"{api['mean'] / raw['latency']:.1f}×" if raw["latency"] and api["requests"] else "—"  # no request finished
        lines.append(
            f"| {title} | {clients} | {raw['tps']:,.1f} | {raw['latency']:.2f} | {api['rps']:,.1f} | {_ms(api['mean'])} | {ratio} |"
        )
    if run.pdf:
        p = run.pdf
        lines += [
            "",
            "## /me while PDFs render",
            "",
            f"/me (applicant) at 16 connections alone: {p['me_alone_rps']:,.0f} req/s (p95 {_ms(p['me_alone_p95'])} ms); while "
            f"{PDF_CLIENTS} clients download the Annex 1 PDF in a loop: {p['me_under_rps']:,.0f} req/s (p95 "
            f"{_ms(p['me_under_p95'])} ms) — **{p['ratio']:.0%} of its throughput kept**. {p['pdfs']:.0f} PDFs in that time, "
            f"{p['pdf_mean_s']:.2f} s each on average, {p['pdf_non_200']:.0f} not 200.",
        ]
    if run.roster_import:
        lines += ["", *import_bench.markdown(run.roster_import)]
    lines += ["", "## Memory of the API (all its processes)", "", "| when | RSS now | peak RSS (VmHWM) |", "|---|---:|---:|"]
    lines += [f"| {k} | {now / 1024:,.0f} MB | {peak / 1024:,.0f} MB |" for k, (now, peak) in run.memory.items()]
    lines += ["", "## Other measures", "", "| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in run.micro]
    lines += [f"| first request after start: {title} | {ms:,.0f} ms ({status}) |" for title, (ms, status) in run.cold.items()]
    if run.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in run.notes]
    lines += ["", *plans.markdown(run.findings, run.factor)]
    return lines


def write(run: Run) -> None:
    text = "\n".join(report(run)) + "\n"
    (HERE / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
