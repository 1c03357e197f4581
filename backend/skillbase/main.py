"""create_app(): the FastAPI application with its routers, middleware and error handlers."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import text

from skillbase.api import API_PREFIX, api_router
from skillbase.config import Settings, get_settings
from skillbase.core import clock
from skillbase.core.concurrency import mark_if_match_required, uses_if_match
from skillbase.core.context import RequestContextMiddleware
from skillbase.core.docs import install_docs, openapi_url
from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import DatabaseUnavailable, error_response, install_error_handlers, responses
from skillbase.core.input import guard_input
from skillbase.core.limits import BodyLimitMiddleware
from skillbase.core.logging import configure_logging
from skillbase.core.permissions import Permission
from skillbase.db import Database, get_database
from skillbase.dev.router import router as dev_router
from skillbase.documents.render import PdfRenderer
from skillbase.files import scan
from skillbase.files.upload import sweep_stale_uploads
from skillbase.notifications.worker import register_reminders
from skillbase.reports import service as reports

log = logging.getLogger("skillbase.main")

# The worker (notifications/worker.py, whose `main` imports this module) reminds organisations of their monthly reports.
register_reminders("reports", reports.remind)


def _asyncpg_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    return url


def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL when set (postgresql:// is accepted), else the embedded PostgreSQL (never in production)."""
    url = settings.database_url
    if not url:
        if settings.environment == "production":
            raise RuntimeError("DATABASE_URL must be set in production")
        from skillbase.devdb import start

        return start(settings.embedded_pg_dir)
    return _asyncpg_url(url)


def resolve_migration_url(settings: Settings) -> str:
    """The schema owner's connection (MIGRATION_DATABASE_URL), else the application's."""
    return _asyncpg_url(settings.migration_database_url) if settings.migration_database_url else resolve_database_url(settings)


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def _required_permission(dependant: Any) -> Permission | None:
    for dep in dependant.dependencies:
        found = getattr(dep.call, "required_permission", None) or _required_permission(dep)
        if found:
            return found
    return None


def _annotate_permissions(app: FastAPI) -> None:
    """Publish each operation's required permission as `x-permission` (the SPA and the access test read it), and
    declare If-Match required (with its 400/412/428 answers) on every route guarded by `expected_version`."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        for ctx in iter_route_contexts(app.routes):
            route = ctx.original_route
            if not isinstance(route, APIRoute) or not route.include_in_schema or ctx.path is None:
                continue
            permission = _required_permission(route.dependant)
            guarded = uses_if_match(route.dependant)
            for method in route.methods or ():
                op = schema["paths"].get(ctx.path, {}).get(method.lower())
                if op is not None:
                    op["x-permission"] = permission.value if permission else None
                    if guarded:
                        mark_if_match_required(op)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


async def sweep_periodically(settings: Settings, interval: float | None = None) -> None:
    interval = interval or min(600, settings.upload_tmp_max_age_minutes * 30)  # at most half the allowed age apart
    while True:
        await asyncio.sleep(interval)
        try:
            await asyncio.to_thread(sweep_stale_uploads, settings)
        except OSError:
            log.exception("sweeping upload temp files failed")


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not hasattr(app.state, "db"):
            app.state.db = Database.from_url(
                resolve_database_url(settings),
                pool_size=settings.db_pool_size,
                max_overflow=settings.db_max_overflow,
                pool_timeout=settings.db_pool_timeout_seconds,
            )
        scan.warn_if_disabled(settings)
        clock.configure(settings)
        if clock.offset():
            log.warning("the application's clock runs %s days off the real time (CLOCK_OFFSET_DAYS)", clock.offset().days)
        await asyncio.to_thread(sweep_stale_uploads, settings)  # what a crash left behind
        sweeper = asyncio.create_task(sweep_periodically(settings))
        try:
            yield
        finally:
            sweeper.cancel()
            app.state.pdf_renderer.shutdown()
            await app.state.db.dispose()

    app = FastAPI(
        title="技能人才培训基地管理平台 API (Skill Base Platform)",
        version="1.0.0",
        description="顺义区技能人才培训基地申报、评审、认定、建设与资金管理。Errors: "
        '`{"error": {"code", "message", "details"}}`. Permissions: ' + ", ".join(p.value for p in Permission),
        lifespan=lifespan,
        docs_url=None,  # core/docs.py serves /docs and /redoc (each with its own CSP) when enabled
        redoc_url=None,
        openapi_url=openapi_url(settings),
        generate_unique_id_function=_operation_id,
        openapi_tags=[{"name": "public", "description": "无需登录"}],
        # before any route's own dependencies and before pydantic sees the input (core/input.py)
        dependencies=[Depends(guard_input)],
    )
    if database is not None:
        app.state.db = database
    app.state.pdf_renderer = PdfRenderer(settings.pdf_processes, settings.pdf_cache_bytes, settings.pdf_render_nice)

    install_error_handlers(app)
    install_docs(app, settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID"],
        expose_headers=["X-Request-ID", "ETag", "Retry-After"],
    )

    app.add_middleware(BodyLimitMiddleware, upload_limit=settings.upload_max_bytes, default_limit=settings.json_max_bytes)
    app.add_middleware(RequestContextMiddleware, forwarded_allow_ips=settings.forwarded_allow_ips)
    app.include_router(api_router)
    if settings.environment == "development":  # absent (404) in test and production
        app.include_router(dev_router, prefix=API_PREFIX)

    @app.get("/healthz", tags=["health"], summary="进程存活")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="数据库可用", responses=responses(503))
    async def readyz(request: Request) -> Response:
        try:
            async with get_database(request).transaction() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            return error_response(
                503, ErrorCode.DATABASE_UNAVAILABLE, "数据库不可用", headers={"Retry-After": str(DatabaseUnavailable.retry_after)}
            )
        checks = {"database": "ok", "virus_scan": await scan.readiness(settings)}  # virus_scan: disabled / ok / unavailable
        return Response(content=json.dumps({"status": "ready", "checks": checks}), media_type="application/json")

    _annotate_permissions(app)
    return app


def app_factory() -> FastAPI:
    return create_app()
