"""Tests run on a real PostgreSQL built by the migrations; each test runs in a transaction rolled back after it.

Server: TEST_DATABASE_URL, else DATABASE_URL, else the embedded PostgreSQL. Each run creates its own
database `skillbase_test_<pid>` on that server (so runs in parallel do not disturb each other), drops it at
the end, and never touches the database named in the URL.

The migrations run as the server's user of that URL (the owner of the schema); the app under test, the data
arranged by the tests and the real-commit fixtures connect as the application role `skillbase_app` the migrations
create, so every test also proves the role's grants suffice (and nothing more is granted: test_platform.py).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from alembic import command
from alembic.config import Config
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from skillbase.config import Settings
from skillbase.core import clock
from skillbase.db import Database
from skillbase.main import create_app, resolve_database_url
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
TEST_DB = f"skillbase_test_{os.getpid()}"
TEST_SECRET = "test-secret-0123456789-0123456789-abcdef"
APP_ROLE = "skillbase_app"  # created by migrations/versions/20261201_1230_app_role.py


def _server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    return resolve_database_url(Settings(environment="test", database_url=url or None, embedded_pg_dir=str(ROOT / ".data/postgres")))


def database_url(name: str) -> str:
    return make_url(_server_url()).set(database=name).render_as_string(hide_password=False)


def app_database_url(name: str) -> str:
    """The same database as the application role (no password: the test server trusts local connections)."""
    return make_url(database_url(name)).set(username=APP_ROLE, password=None).render_as_string(hide_password=False)


async def _recreate(name: str, *, create: bool = True) -> None:
    admin = create_async_engine(_server_url(), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()


def recreate_database(name: str) -> str:
    asyncio.run(_recreate(name))
    return database_url(name)


def drop_database(name: str) -> None:
    asyncio.run(_recreate(name, create=False))


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "migrations/alembic.ini"))
    cfg.attributes["database_url"] = url
    return cfg


class FrozenClock:
    """The application's clock (skillbase.core.clock), stopped: `set` it to an instant, `advance` it by a span. The
    clock is module state, so the app under test (running in the test's event loop), the worker functions and the
    factories all read the same time."""

    def set(self, at: datetime) -> None:
        clock.freeze(at)

    def advance(self, delta: timedelta = timedelta(0), *, days: int = 0, hours: int = 0, minutes: int = 0, seconds: float = 0) -> None:
        start = clock.frozen_at()
        assert start is not None, "the clock is not frozen"
        clock.freeze(start + delta + timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds))

    def now(self) -> datetime:
        return clock.now()

    def today(self) -> date:
        return clock.today()


@pytest.fixture(autouse=True)
def _restore_clock() -> Iterator[None]:
    """Whatever a test did to the clock (froze it, or shifted it through the development endpoint) ends with it."""
    frozen, offset = clock.frozen_at(), clock.offset()
    yield
    clock.set_offset(offset)
    if frozen is None:
        clock.unfreeze()
    else:
        clock.freeze(frozen)


@pytest.fixture
def frozen_clock() -> FrozenClock:
    """The clock stopped at the real current time; move it with `.set(...)` / `.advance(...)`."""
    clock.freeze(clock.now() - clock.offset())
    return FrozenClock()


@pytest.fixture(scope="session")
def migrated_url() -> Iterator[str]:
    url = recreate_database(TEST_DB)
    command.upgrade(alembic_config(url), "head")
    yield url
    drop_database(TEST_DB)


@pytest.fixture(scope="session")
def app_url(migrated_url: str) -> str:
    return app_database_url(TEST_DB)


@pytest.fixture(scope="session")
def settings(migrated_url: str, app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    uploads = tmp_path_factory.mktemp("uploads")
    return Settings(
        environment="test", database_url=app_url, migration_database_url=migrated_url, secret_key=TEST_SECRET, upload_dir=str(uploads)
    )


@pytest_asyncio.fixture(scope="session")
async def engine(app_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_async_engine(app_url)
    yield eng
    await eng.dispose()


# Statements that frame a transaction, not work a request does (the test's savepoints included).
_FRAMING = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


@pytest.fixture
def count_statements(engine: AsyncEngine) -> Iterator[Callable[[], AbstractContextManager[list[str]]]]:
    """Records the SQL statements sent on the test engine: `with count_statements() as sent: await client.get(...)`,
    then `len(sent)` (transaction framing and savepoints left out). A `before_cursor_execute` listener, as
    benchmarks/workload.py counts statements per request; for asserting that a route's statements do not grow with
    its page size."""
    active: list[list[str]] = []

    def listener(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if active and not statement.lstrip().upper().startswith(_FRAMING):
            active[-1].append(statement)

    @contextmanager
    def recording() -> Iterator[list[str]]:
        sent: list[str] = []
        active.append(sent)
        try:
            yield sent
        finally:
            active.remove(sent)

    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    try:
        yield recording
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", listener)


@pytest_asyncio.fixture
async def owner_session(migrated_url: str) -> AsyncIterator[AsyncSession]:
    """A session as the owner of the schema (what the migrations run as), in a transaction rolled back after."""
    eng = create_async_engine(migrated_url)
    async with eng.connect() as conn:
        outer = await conn.begin()
        async with AsyncSession(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
            yield s
        await outer.rollback()
    await eng.dispose()


@pytest_asyncio.fixture
async def db(engine: AsyncEngine) -> AsyncIterator[Database]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield Database(conn, join_savepoints=True)
        await outer.rollback()


@pytest_asyncio.fixture
async def session(db: Database) -> AsyncIterator[AsyncSession]:
    """For arranging data and checking results; shares the test's transaction with the app."""
    async with db.sessionmaker() as s:
        yield s


@pytest.fixture
def app(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    application = create_app(settings, database=db)
    yield application
    application.state.pdf_renderer.shutdown()  # its render processes (the lifespan that would is not run here)


# The field of a versioned record that its ETag carries (If-Match guards it).
ETAG_FIELDS = ("version", "draft_version")


async def check_etag_of_versioned_records(response: Response) -> None:
    """Every successful answer that carries a versioned record sends its ETag, whatever the action (read, create,
    edit, publish, close, submit, withdraw, enable ...): checked on every request of every API test."""
    if not response.is_success or not response.headers.get("content-type", "").startswith("application/json"):
        return
    await response.aread()
    body = response.json()
    if not isinstance(body, dict):
        return
    for field in ETAG_FIELDS:
        if isinstance(body.get(field), int):
            expected = f'"{body[field]}"'
            assert response.headers.get("ETag") == expected, (
                f"{response.request.method} {response.request.url.path} answers {field}={body[field]} "
                f"without ETag {expected} (got {response.headers.get('ETag')})"
            )
            return


@pytest.fixture
def make_client(app) -> Callable[..., AsyncClient]:  # type: ignore[no-untyped-def]
    def make(ip: str = "127.0.0.1") -> AsyncClient:
        return AsyncClient(
            transport=ASGITransport(app=app, client=(ip, 50000)),
            base_url="http://testserver",
            event_hooks={"response": [check_etag_of_versioned_records]},
        )

    return make


@pytest_asyncio.fixture
async def client(make_client: Callable[..., AsyncClient]) -> AsyncIterator[AsyncClient]:
    async with make_client() as c:
        yield c


# --- one fixture per role: a user plus ready-made Authorization headers -------------------------


@pytest_asyncio.fixture
async def admin(session: AsyncSession, settings: Settings) -> factories.Actor:
    return await factories.actor(session, settings, role="admin")


@pytest_asyncio.fixture
async def expert(session: AsyncSession, settings: Settings) -> factories.Actor:
    return await factories.actor(session, settings, role="expert")


@pytest_asyncio.fixture
async def applicant(session: AsyncSession, settings: Settings) -> factories.Actor:
    """The owner (first user) of a verified organisation."""
    return await factories.actor(session, settings, role="applicant")


@pytest_asyncio.fixture
async def other_applicant(session: AsyncSession, settings: Settings) -> factories.Actor:
    """The owner of another verified organisation."""
    return await factories.actor(session, settings, role="applicant")


# --- the data most API tests start from ---------------------------------------------------------


@pytest_asyncio.fixture
async def call(session: AsyncSession) -> Any:
    """A published call with the policy's defaults, open today."""
    return await factories.published_call(session)


@pytest_asyncio.fixture
async def school(session: AsyncSession, settings: Settings) -> factories.Actor:
    """A verified technical school: may apply for a skills-upgrading or a competition base."""
    org = await factories.organization(session, category="technical_school", attribute="government", qualifications=[])
    return await factories.actor(session, settings, role="applicant", org=org)


@pytest_asyncio.fixture
async def experts(session: AsyncSession, settings: Settings) -> list[factories.Actor]:
    """Three experts of the pool: the smallest valid panel."""
    return [await factories.actor(session, settings, role="expert") for _ in range(3)]
