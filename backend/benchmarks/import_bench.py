"""`make bench-import`: import a 100,000-row certificate roster through the product's code path; seconds and peak RSS.

1. A child process writes the XLSX (openpyxl write-only, valid resident IDs, every issue date in the report's period),
   so that generating it does not count in this process's peak memory.
2. A fresh database `<BENCH_DB>_import` (skillbase_bench_import) is migrated, and a recognised base with its month-1 report is inserted
   (tests/factories.py); the file is stored as an upload would be and a queued Roster points at it.
3. `rosters.service.import_roster` runs it: claim, stream (python-calamine), check every row, seal and hash each ID,
   COPY in batches, duplicates, commit. Wall time and the process's peak RSS (getrusage) are printed; the goal is
   ≤ 20 s and ≤ 300 MB.

It also times the two readers alone on the same file (python-calamine, openpyxl read_only), the measurement behind
the choice in rosters/reader.py.

    python backend/benchmarks/import_bench.py [--rows 100000] [--keep] [--json]

`make bench` runs it too (in a child process of its own, so that the peak RSS is the import's, not the dataset
generator's) and writes its section of RESULTS.md with `markdown()`; `--json` prints the result as one
`IMPORT_JSON {...}` line for it.

Environment: BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL (a server and an owner role; default
postgresql://postgres@127.0.0.1:5432/postgres), BENCH_DB (the database is named after it, `<BENCH_DB>_import`).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]

DB = (os.environ.get("BENCH_DB") or "skillbase_bench") + "_import"  # beside make bench's database, never a ci/test one
SECRET = "bench-secret-0123456789-0123456789-abcdef"
ROWS = 100_000
GOAL_SECONDS = 20.0
GOAL_MB = 300.0


@dataclasses.dataclass
class ImportResult:
    """One import of the benchmark sheet: what went in, how long it took, the process's peak memory."""

    rows: int  # data rows in the sheet
    imported: int  # certificate rows in the database after it
    status: str  # the roster's status after the import (imported, failed)
    seconds: float  # import_roster's wall time
    peak_mb: float  # peak RSS of the importing process (getrusage), after the import
    before_mb: float  # the same just before the import (the interpreter, the app's modules, the migration)
    file_mb: float
    readers: dict[str, float]  # reader alone on the same file -> seconds
    errors: list[dict[str, object]] = dataclasses.field(default_factory=list)

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def complete(self) -> bool:
        return self.status == "imported" and self.imported == self.rows

    @property
    def ok(self) -> bool:
        return self.complete and self.seconds <= GOAL_SECONDS and self.peak_mb <= GOAL_MB


def markdown(r: ImportResult) -> list[str]:
    """The import's section of RESULTS.md (pure; tests/unit/test_bench_tools.py)."""

    def verdict(met: bool) -> str:
        return "met" if met else "**NOT met**"

    time_ok, memory_ok = r.seconds <= GOAL_SECONDS, r.peak_mb <= GOAL_MB
    peak = f"{r.peak_mb:.0f} MB (before the import {r.before_mb:.0f} MB)"
    lines = [
        "## Roster import (100,000-row certificate roster)",
        "",
        f"`import_bench.py` (also `make bench-import` alone) in a process of its own: a {r.rows:,}-row certificate roster "
        f"({r.file_mb:.1f} MB XLSX) imported by `rosters.service.import_roster` as the worker does it (read, check every "
        "row, seal and hash every ID, COPY in batches, duplicates, indicators, commit).",
        "",
        "| measure | value | goal | |",
        "|---|---:|---:|---|",
        f"| rows imported | {r.imported:,} of {r.rows:,} (roster {r.status}) | all | {verdict(r.complete)} |",
        f"| wall time | {r.seconds:.1f} s | ≤ {GOAL_SECONDS:.0f} s | {verdict(time_ok)} |",
        f"| rows/s | {r.rows_per_s:,.0f} | ≥ {r.rows / GOAL_SECONDS:,.0f} | |",
        f"| peak RSS of the process | {peak} | ≤ {GOAL_MB:.0f} MB | {verdict(memory_ok)} |",
    ]
    lines += [f"| reader alone: {name} | {t:.1f} s | | |" for name, t in r.readers.items()]
    lines += ["", f"**Goal (≤ {GOAL_SECONDS:.0f} s and ≤ {GOAL_MB:.0f} MB, every row imported): {'met' if r.ok else 'NOT met'}.**"]
    if r.errors:
        lines += ["", f"First errors: {r.errors[:3]}"]
    return lines


def server_url() -> str:
    from sqlalchemy.engine import make_url

    raw = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    url = make_url(raw or "postgresql://postgres@127.0.0.1:5432/postgres").set(drivername="postgresql+asyncpg")
    return url.render_as_string(hide_password=False)


def write_roster(path: str, rows: int, first_day: date) -> None:
    """The benchmark sheet: `rows` distinct certificates (IDs over many birth dates so they are all valid and distinct)."""
    from openpyxl import Workbook

    from skillbase.core.resident_id import check_character
    from skillbase.rosters.rules import CERTIFICATE_COLUMNS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("取证人员名册")
    ws.append([c.header for c in CERTIFICATE_COLUMNS])
    born = date(1970, 1, 1)
    for i in range(rows):
        first17 = f"110113{born + timedelta(days=i // 900):%Y%m%d}{i % 900 + 100:03d}"
        number = first17 + check_character(first17)
        issued = first_day + timedelta(days=i % 28)
        ws.append([f"学员{i}", number, "职业技能等级证书", "电工", "高级工", f"S{i:012d}", issued, "顺义区职业技能鉴定中心"])
    wb.save(path)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux carries that across fork and exec,
    so a process started by `make bench` (whose parent holds the generated dataset, ~670 MB) would report the
    parent's peak as its own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


async def _recreate(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{DB}"'))
    await admin.dispose()


async def _drop(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
    await admin.dispose()


def time_readers(path: str) -> dict[str, float]:
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    out = {}
    start = time.perf_counter()
    n = sum(1 for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows())
    out["python-calamine"] = time.perf_counter() - start
    start = time.perf_counter()
    wb = load_workbook(path, read_only=True)
    m = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    out["openpyxl read_only"] = time.perf_counter() - start
    assert n == m
    return out


async def measure(rows: int, keep: bool) -> ImportResult:
    from sqlalchemy import func, select
    from sqlalchemy.engine import make_url

    from skillbase.config import Settings
    from skillbase.core import clock
    from skillbase.db import Database
    from skillbase.files.sniff import XLSX
    from skillbase.models import CertificateRow, Roster
    from skillbase.rosters import service
    from tests import factories

    server = server_url()
    url = make_url(server).set(database=DB).render_as_string(hide_password=False)
    uploads = Path(tempfile.mkdtemp(prefix="import-bench-"))
    settings = Settings(environment="test", database_url=url, secret_key=SECRET, upload_dir=str(uploads))
    await _recreate(server)
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "migrations/alembic.ini"))
    cfg.attributes["database_url"] = url
    await asyncio.to_thread(command.upgrade, cfg, "head")

    db = Database.from_url(url)
    try:
        async with db.transaction() as s:
            org = await factories.organization(s)
            uploader = await factories.user(s, role="applicant", org=org)
            base = await factories.recognised_base(s, org=org, recognised_on=clock.today() - timedelta(days=40))
            report = await factories.monthly_report(s, base, 1)
        key = f"rosters/bench-{uuid.uuid4().hex}.xlsx"
        target = uploads / key
        target.parent.mkdir(parents=True)
        started = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(target=write_roster, args=(str(target), rows, report.period_starts_on))
        child.start()
        await asyncio.to_thread(child.join)
        print(f"wrote {rows:,} rows, {target.stat().st_size / 1e6:.1f} MB, in {time.perf_counter() - started:.1f} s (child process)")
        async with db.transaction() as s:
            roster = Roster(
                report_id=report.id, base_id=base.id, kind="certificates", original_name="bench.xlsx", content_type=XLSX,
                size_bytes=target.stat().st_size, sha256="0" * 64, storage_key=key, uploaded_by_id=uploader.id, errors=[],
            )  # fmt: skip
            s.add(roster)
        before = peak_rss_mb()
        started = time.perf_counter()
        await service.import_roster(db, settings, roster.id)
        seconds = time.perf_counter() - started
        peak = peak_rss_mb()
        readers = time_readers(str(target))  # after the peak is read: calamine holds the whole sheet while it reads
        async with db.transaction() as s:
            status, errors = (await s.execute(select(Roster.status, Roster.errors).where(Roster.id == roster.id))).one()
            count = await s.scalar(select(func.count()).select_from(CertificateRow))
        print(f"status {status}, {count:,} rows imported{'' if not errors else f', errors: {errors[:3]}'}")
        for name, t in readers.items():
            print(f"reader alone: {name} {t:.1f} s")
        print(f"import: {seconds:.1f} s ({rows / seconds:,.0f} rows/s); peak RSS {peak:.0f} MB (before the import {before:.0f} MB)")
        return ImportResult(
            rows=rows, imported=int(count or 0), status=str(status), seconds=seconds, peak_mb=peak, before_mb=before,
            file_mb=target.stat().st_size / 1e6, readers=readers, errors=list(errors or []),
        )  # fmt: skip
    finally:
        await db.dispose()
        if not keep:
            await _drop(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DB}")
    parser.add_argument("--json", action="store_true", help="also print the result as one IMPORT_JSON line (for make bench)")
    args = parser.parse_args()
    result = asyncio.run(measure(args.rows, args.keep))
    print(f"goal ≤ {GOAL_SECONDS:.0f} s and ≤ {GOAL_MB:.0f} MB:", "met" if result.ok else "NOT met")
    if args.json:
        print("IMPORT_JSON " + json.dumps(dataclasses.asdict(result), ensure_ascii=False, default=str), flush=True)
    return 0 if result.ok else 1


def parse(output: str) -> ImportResult:
    """The result from the `IMPORT_JSON {...}` line `--json` prints (pure; tests/unit/test_bench_tools.py)."""
    line = next((ln for ln in output.splitlines() if ln.startswith("IMPORT_JSON ")), None)
    if line is None:
        raise ValueError(f"import_bench printed no IMPORT_JSON line:\n{output[-2000:]}")
    return ImportResult(**json.loads(line.removeprefix("IMPORT_JSON ")))


if __name__ == "__main__":
    sys.exit(main())
