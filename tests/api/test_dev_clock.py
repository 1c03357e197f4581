"""The development clock endpoint (POST/GET /api/v1/dev/clock): how the end-to-end tests let a publicity period pass.
It exists only when ENVIRONMENT=development; in test and production the path answers 404."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core import clock
from skillbase.db import Database
from skillbase.main import create_app
from skillbase.models import AuditEvent
from tests import factories
from tests.factories import Actor

STRONG_SECRET = "kX9#mQ2$vL7@pR4!wZ8^nB3&hT6*jF1%yD5(cG0)sA-uE_iO+"


def app_in(environment: str, settings: Settings, db: Database) -> FastAPI:
    update: dict[str, Any] = {"environment": environment}
    if environment == "production":
        update["secret_key"] = STRONG_SECRET
        update["personal_data_key"] = STRONG_SECRET[::-1]
    configured = Settings(**{**settings.model_dump(), **update})  # validated like a real start-up
    return create_app(configured, database=db)  # its routes see `configured` (core/auth.current_settings)


@pytest_asyncio.fixture
async def dev_client(db: Database, settings: Settings) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app_in("development", settings, db)), base_url="http://testserver") as c:
        yield c


@pytest.mark.parametrize("environment", ["test", "production"])
async def test_the_clock_endpoint_is_absent_outside_development(environment: str, db: Database, settings: Settings, admin: Actor) -> None:
    app = app_in(environment, settings, db)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        for r in (
            await c.post("/api/v1/dev/clock", headers=admin.headers, json={"offset_days": 30}),
            await c.get("/api/v1/dev/clock", headers=admin.headers),
        ):
            assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    assert clock.offset() == timedelta(0)
    assert not any(getattr(route, "path", "").startswith("/api/v1/dev") for route in app.routes)


async def test_an_administrator_shifts_the_clock_and_it_is_audited(
    dev_client: AsyncClient, admin: Actor, session: AsyncSession, settings: Settings
) -> None:
    real_today = clock.today()
    r = await dev_client.post("/api/v1/dev/clock", headers=admin.headers, json={"offset_days": 8})
    assert r.status_code == 200, r.text
    assert r.json()["offset_days"] == 8 and r.json()["today"] == str(real_today + timedelta(days=8))
    assert clock.offset() == timedelta(days=8) and clock.today() == real_today + timedelta(days=8)
    # eight days later the administrator's 15-minute session is over, as it would be; a new login works on the
    # shifted clock (its token's nbf/exp are checked against the same clock)
    assert (await dev_client.get("/api/v1/me", headers=admin.headers)).status_code == 401
    headers = await factories.login_headers(session, settings, admin.user)
    assert (await dev_client.get("/api/v1/dev/clock", headers=headers)).json()["offset_days"] == 8
    back = await dev_client.post("/api/v1/dev/clock", headers=headers, json={"offset_days": 0})
    assert back.json()["today"] == str(real_today) and clock.offset() == timedelta(0)
    events = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "dev.clock_set").order_by(AuditEvent.id))).all()
    assert [(e.actor_id, e.details) for e in events] == [
        (admin.user.id, {"offset_days_before": 0, "offset_days": 8}),
        (admin.user.id, {"offset_days_before": 8, "offset_days": 0}),
    ]


async def test_only_an_administrator_may_move_the_clock(dev_client: AsyncClient, applicant: Actor, expert: Actor) -> None:
    assert (await dev_client.post("/api/v1/dev/clock", json={"offset_days": 8})).status_code == 401
    for actor in (applicant, expert):
        r = await dev_client.post("/api/v1/dev/clock", headers=actor.headers, json={"offset_days": 8})
        assert r.status_code == 403 and r.json()["error"]["code"] == "PERMISSION_DENIED"
    assert clock.offset() == timedelta(0)


@pytest.mark.parametrize("body", [{"offset_days": 4000}, {"offset_days": "x"}, {"offset_days": 1, "extra": 1}, {}])
async def test_an_invalid_offset_is_refused(dev_client: AsyncClient, admin: Actor, body: dict[str, Any]) -> None:
    r = await dev_client.post("/api/v1/dev/clock", headers=admin.headers, json=body)
    assert r.status_code == 422 and "error" in r.json()
    assert clock.offset() == timedelta(0)
