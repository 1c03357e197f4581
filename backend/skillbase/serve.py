"""Serve the API with uvicorn: `python -m skillbase.serve [--host H] [--port P] [--workers N]` (make run, the Dockerfile,
compose, make bench).

Workers: --workers, else WEB_CONCURRENCY, else one per core in production (1 in development). With more than one,
uvicorn's supervisor binds the socket once and runs that many worker processes on it, restarting any that dies. Each
worker has its own connection pool (DB_POOL_SIZE + DB_MAX_OVERFLOW connections at most) and its own PDF render
processes (PDF_RENDER_PROCESSES, default cores / workers): size them so that workers x (pool + overflow) stays below
PostgreSQL's max_connections (with room for the notification worker, migrations and psql). The worker count is handed
to the workers as WEB_CONCURRENCY, so each sizes its share from the same number.

Keep-alive: idle connections stay open KEEP_ALIVE_SECONDS (default 65: longer than nginx's 60 s, so the proxy never
reuses a connection the server is closing).

uvicorn's own default trusts X-Forwarded-For/-Proto from 127.0.0.1 (or $FORWARDED_ALLOW_IPS when exported), so
anything on the same host — a local proxy passing a client's header through — could choose the client address
that per-address limits and the audit log use. Here uvicorn gets the app's one setting, FORWARDED_ALLOW_IPS
(read like every setting, from the environment or .env; default: nobody), exactly as the app's RequestContextMiddleware does.
"""

from __future__ import annotations

import argparse
import os

import uvicorn
from uvicorn.supervisors import Multiprocess

from skillbase.config import Settings, get_settings


def uvicorn_config(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> uvicorn.Config:
    trusted = [item.strip() for item in settings.forwarded_allow_ips.split(",") if item.strip()]
    return uvicorn.Config(
        "skillbase.main:app_factory",
        factory=True,
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips=trusted,  # [] trusts nobody (None would mean uvicorn's default, 127.0.0.1)
        workers=workers or settings.workers,
        timeout_keep_alive=settings.keep_alive_seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: WEB_CONCURRENCY, else one per core in production, else 1)"
    )
    args = parser.parse_args()
    config = uvicorn_config(get_settings(), host=args.host, port=args.port, workers=args.workers)
    os.environ["WEB_CONCURRENCY"] = str(config.workers)  # the workers (spawned) size their pools from the same count
    server = uvicorn.Server(config)
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        server.run()


if __name__ == "__main__":
    main()
