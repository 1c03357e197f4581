"""The production unit of work (its own engine, real commits): commit on success, rollback on error,
and commit of a refusal's side effects when the error says persist=True."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from skillbase.core.errors import Conflict, Unauthorized
from skillbase.db import Database
from skillbase.models import AuditEvent


async def _count(db: Database, action: str) -> int:
    async with db.transaction() as s:
        return int(await s.scalar(select(func.count()).where(AuditEvent.action == action)) or 0)


@pytest.fixture
async def real_db(app_url: str):  # type: ignore[no-untyped-def]
    database = Database.from_url(app_url)
    yield database
    await database.dispose()


async def test_success_commits(real_db: Database) -> None:
    action = f"test.ok.{uuid.uuid4().hex[:8]}"
    async with real_db.transaction() as s:
        s.add(AuditEvent(action=action, details={}))
    assert await _count(real_db, action) == 1


async def test_an_error_rolls_back(real_db: Database) -> None:
    action = f"test.err.{uuid.uuid4().hex[:8]}"
    with pytest.raises(Conflict):
        async with real_db.transaction() as s:
            s.add(AuditEvent(action=action, details={}))
            await s.flush()
            raise Conflict()
    assert await _count(real_db, action) == 0


async def test_a_persisted_refusal_keeps_its_side_effects(real_db: Database) -> None:
    action = f"test.persist.{uuid.uuid4().hex[:8]}"
    with pytest.raises(Unauthorized):
        async with real_db.transaction() as s:
            s.add(AuditEvent(action=action, details={}))
            raise Unauthorized(persist=True)
    assert await _count(real_db, action) == 1
