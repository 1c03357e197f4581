"""`make bench-import`: import a 100,000-row certificate roster through the product's code path; seconds and peak RSS.

1. A child process writes the XLSX (openpyxl write-only, valid resident IDs, every issue date in the report's period),
   so that generating it does not count in this process's peak memory.
2. A fresh database `skillbase_import_bench` is migrated, and a recognised base with its month-1 report is inserted
   (tests/factories.py); the file is stored as an upload would be and a queued Roster points at it.
3. `rosters.service.import_roster` runs it: claim, stream (python-calamine), check every row, seal and hash each ID,
   COPY in batches, duplicates, commit. Wall time and the process's peak RSS (getrusage) are printed; the goal is
   ≤ 20 s and ≤ 300 MB.

It also times the two readers alone on the same file (python-calamine, openpyxl read_only), the measurement behind
the choice in rosters/reader.py.

    python backend/benchmarks/import_bench.py [--rows 100000] [--keep]

Environment: BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL (a server and an owner role; default
postgresql://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import asyncio
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

DB = "skillbase_import_bench"
SECRET = "bench-secret-0123456789-0123456789-abcdef"


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


async def run(rows: int, keep: bool) -> int:
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
        ok = status == "imported" and count == rows and seconds <= 20 and peak <= 300
        print("goal ≤ 20 s and ≤ 300 MB:", "met" if ok else "NOT met")
        return 0 if ok else 1
    finally:
        await db.dispose()
        if not keep:
            await _drop(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database skillbase_import_bench")
    args = parser.parse_args()
    return asyncio.run(run(args.rows, args.keep))


if __name__ == "__main__":
    sys.exit(main())
