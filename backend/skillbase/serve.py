"""Serve the API with uvicorn: `python -m skillbase.serve [--host H] [--port P]` (make run, the Dockerfile, compose).

uvicorn's own default trusts X-Forwarded-For/-Proto from 127.0.0.1 (or $FORWARDED_ALLOW_IPS when exported), so
anything on the same host — a local proxy passing a client's header through — could choose the client address
that per-address limits and the audit log use. Here uvicorn gets the app's one setting, FORWARDED_ALLOW_IPS
(read like every setting, from the environment or .env; default: nobody), exactly as the app's RequestContextMiddleware does.
"""

from __future__ import annotations

import argparse

import uvicorn

from skillbase.config import Settings, get_settings


def uvicorn_config(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> uvicorn.Config:
    trusted = [item.strip() for item in settings.forwarded_allow_ips.split(",") if item.strip()]
    return uvicorn.Config(
        "skillbase.main:app_factory",
        factory=True,
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips=trusted,  # [] trusts nobody (None would mean uvicorn's default, 127.0.0.1)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    uvicorn.Server(uvicorn_config(get_settings(), host=args.host, port=args.port)).run()


if __name__ == "__main__":
    main()
