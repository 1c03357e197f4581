"""The client address (per-address limits, the audit log) comes from X-Forwarded-For only when the request
arrives from a proxy named in FORWARDED_ALLOW_IPS — in the app and in the uvicorn that serves it."""

from __future__ import annotations

import random
import uuid
from typing import Any

from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from skillbase.config import Settings
from skillbase.core.auth import current_settings
from skillbase.main import create_app
from skillbase.models import AuditEvent
from skillbase.serve import uvicorn_config


def _address() -> str:
    return f"192.0.2.{random.randint(1, 254)}"  # noqa: S311 - a test address, unique enough per test


def _client(app: Any, settings: Settings, peer: str) -> AsyncClient:
    application = create_app(settings, database=app.state.db)
    application.dependency_overrides[current_settings] = lambda: settings
    return AsyncClient(transport=ASGITransport(app=application, client=(peer, 40000)), base_url="http://t")


async def _failed_login(c: AsyncClient, email: str, forwarded_for: str | None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    r = await c.post("/api/v1/auth/token", data={"username": email, "password": "x" * 12}, headers=headers)
    return r.status_code


async def _logged_ips(session: AsyncSession, email: str) -> list[str | None]:
    rows = await session.scalars(select(AuditEvent.ip).where(AuditEvent.details["email"].astext == email).order_by(AuditEvent.id))
    return [str(ip) if ip else None for ip in rows.all()]


async def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(app: Any, settings: Settings, session: AsyncSession) -> None:
    assert settings.forwarded_allow_ips == ""  # the default: trust nobody
    peer = _address()
    limited = settings.model_copy(update={"login_max_failures_per_ip": 3})
    async with _client(app, limited, peer) as c:
        emails = [f"spoof-{n}-{uuid.uuid4().hex[:6]}@example.cn" for n in range(4)]
        # a new made-up address on every attempt does not reset the per-address count
        codes = [await _failed_login(c, email, f"203.0.113.{n + 1}") for n, email in enumerate(emails)]
    assert codes == [401, 401, 401, 429]
    assert await _logged_ips(session, emails[0]) == [peer]  # the peer is audited, not the header


async def test_the_forwarded_for_of_a_configured_proxy_is_honoured(app: Any, settings: Settings, session: AsyncSession) -> None:
    proxy = _address()
    behind_proxy = settings.model_copy(update={"forwarded_allow_ips": f"{proxy}, 10.9.0.0/16"})
    email = f"proxied-{uuid.uuid4().hex[:6]}@example.cn"
    async with _client(app, behind_proxy, proxy) as c:
        assert await _failed_login(c, email, "198.51.100.7") == 401
        # the client put a made-up address in front; the proxy (and an inner one, 10.9.0.3) appended what they saw
        assert await _failed_login(c, email, "6.6.6.6, 198.51.100.8, 10.9.0.3") == 401
        assert await _failed_login(c, email, None) == 401  # no header: the proxy itself
    async with _client(app, behind_proxy, _address()) as c:  # the same setting; a peer that is not the proxy
        assert await _failed_login(c, email, "198.51.100.9") == 401
    ips = await _logged_ips(session, email)
    assert ips[:3] == ["198.51.100.7", "198.51.100.8", proxy]
    assert ips[3] != "198.51.100.9"


async def test_uvicorn_is_given_the_same_setting_and_trusts_nobody_by_default() -> None:
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["client"][0])

    async def call(config_settings: Settings, peer: str) -> str:
        config = uvicorn_config(config_settings)
        assert config.proxy_headers
        middleware = ProxyHeadersMiddleware(app, trusted_hosts=config.forwarded_allow_ips)  # what uvicorn wraps the app in
        scope = {"type": "http", "client": (peer, 1), "headers": [(b"x-forwarded-for", b"203.0.113.66")]}
        await middleware(scope, None, None)  # type: ignore[arg-type]
        return str(seen.pop())

    # uvicorn's own default would trust 127.0.0.1, i.e. any local process or local proxy passing the header on
    assert await call(Settings(environment="test"), "127.0.0.1") == "127.0.0.1"
    assert await call(Settings(environment="test", forwarded_allow_ips="10.0.0.2"), "127.0.0.1") == "127.0.0.1"
    assert await call(Settings(environment="test", forwarded_allow_ips="10.0.0.2"), "10.0.0.2") == "203.0.113.66"
