"""Operations: a database outage answers 503 with Retry-After (not 500); temporary files of uploads left by a crash
are swept at start-up and periodically; the application role gets its login password from the owner."""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from skillbase import cli
from skillbase.config import Settings
from skillbase.core.auth import current_settings
from skillbase.db import Database
from skillbase.files import upload
from skillbase.files.upload import sweep_stale_uploads
from skillbase.main import create_app, sweep_periodically
from tests.factories import Actor
from tests.forms import PDF_BYTES


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once the socket is closed


def _client_for(settings: Settings, database: Database) -> AsyncClient:
    app = create_app(settings, database=database)
    app.dependency_overrides[current_settings] = lambda: settings
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://t")


def assert_unavailable(r: Any) -> None:
    assert r.status_code == 503, r.text
    assert r.json() == {"error": {"code": "DATABASE_UNAVAILABLE", "message": r.json()["error"]["message"], "details": None}}
    assert "数据库" in r.json()["error"]["message"]
    assert int(r.headers["retry-after"]) > 0


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/api/v1/auth/token", {"data": {"username": "a@example.cn", "password": "x" * 12}}),
        ("get", "/api/v1/public/calls", {}),
        ("get", "/api/v1/me", {"auth": True}),
        ("get", "/readyz", {}),
    ],
)
async def test_a_database_that_cannot_be_reached_answers_503_with_retry_after(
    settings: Settings, admin: Actor, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    down = Database.from_url(f"postgresql+asyncpg://skillbase_app@127.0.0.1:{_closed_port()}/skillbase")
    try:
        async with _client_for(settings, down) as c:
            headers = admin.headers if kwargs.pop("auth", False) else {}
            r = await getattr(c, method)(path, headers=headers, **kwargs)
        assert_unavailable(r)
    finally:
        await down.dispose()


async def test_no_free_connection_in_the_pool_answers_503(settings: Settings, app_url: str) -> None:
    engine = create_async_engine(app_url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    try:
        async with engine.connect(), _client_for(settings, Database(engine)) as c:  # the only connection is taken
            assert_unavailable(await c.get("/api/v1/public/calls"))
        async with _client_for(settings, Database(engine)) as c:
            assert (await c.get("/api/v1/public/calls")).status_code == 200  # and served again once it is free
    finally:
        await engine.dispose()


# --- temporary files of uploads ----------------------------------------------------------------------


def _files(settings: Settings, hours_old: float) -> dict[str, Path]:
    root = Path(settings.upload_dir)
    paths = {
        "stale": root / "tmp/upload-crashed",
        "running": root / "tmp/upload-in-progress",
        "not_ours": root / "tmp/README",
        "stored": root / "2026/12/stored-file",
    }
    stamp = time.time() - hours_old * 3600
    for name, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 partial")
        if name != "running":
            os.utime(path, (stamp, stamp))
    return paths


@pytest.fixture
def own_uploads(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(update={"upload_dir": str(tmp_path / "uploads"), "upload_tmp_max_age_minutes": 60})


async def test_upload_temp_files_left_by_a_crash_are_removed_at_start_up(own_uploads: Settings, db: Database) -> None:
    paths = _files(own_uploads, hours_old=2)
    app = create_app(own_uploads, database=db)
    async with app.router.lifespan_context(app):
        assert not paths["stale"].exists()
        assert paths["running"].exists() and paths["not_ours"].exists() and paths["stored"].exists()


async def test_upload_temp_files_are_swept_periodically(own_uploads: Settings) -> None:
    paths = _files(own_uploads, hours_old=0.5)  # not yet stale at the first sweep
    assert sweep_stale_uploads(own_uploads) == 0
    for path in (paths["stale"], paths["not_ours"], paths["stored"]):
        os.utime(path, (time.time() - 7200, time.time() - 7200))  # time passes
    sweeper = asyncio.create_task(sweep_periodically(own_uploads, interval=0.01))
    for _ in range(200):
        if not paths["stale"].exists():
            break
        await asyncio.sleep(0.01)
    sweeper.cancel()
    assert not paths["stale"].exists()
    assert paths["running"].exists() and paths["not_ours"].exists() and paths["stored"].exists()


async def test_an_upload_writes_its_temp_file_where_the_sweep_looks(own_uploads: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    class Recording:
        async def scan(self, path: Path) -> str | None:
            seen.append(path)
            return None

    monkeypatch.setattr(upload, "scanner_for", lambda settings: Recording())

    async def body() -> AsyncIterator[bytes]:
        yield PDF_BYTES

    # A clean, well-formed file: the pipeline never touches the session (only refusals are audited).
    who = upload.Upload(session=None, actor=None, purpose="attachment", target_type="application", target_id=uuid.uuid4(), filename="a.pdf")  # type: ignore[arg-type]
    stored = await upload.store_upload(own_uploads, body(), who, allowed={"application/pdf"}, label="PDF")
    assert stored.content_type == "application/pdf"  # the file was there to be sniffed and scanned
    [tmp] = seen
    assert tmp.parent == upload.temp_dir(own_uploads) and tmp.name.startswith(upload.TMP_PREFIX)
    assert not tmp.exists()  # removed when the request ended


# --- the application role's login (docker-compose.yml's migrate service) -----------------------------


async def _role(owner_url: str) -> tuple[bool, str | None]:
    engine = create_async_engine(owner_url)
    try:
        async with engine.connect() as conn:
            row = (await conn.execute(text("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = 'skillbase_app'"))).one()
            return bool(row[0]), row[1]
    finally:
        await engine.dispose()


async def test_app_db_login_gives_the_app_role_the_password_of_database_url(
    settings: Settings, migrated_url: str, app_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tricky = "it's:a;pw'--" + uuid.uuid4().hex[:6]  # quotes, a colon (bind syntax) and a comment: all taken literally
    with_password = make_url(app_url).set(password=tricky).render_as_string(hide_password=False)
    monkeypatch.setattr(cli, "get_settings", lambda: settings.model_copy(update={"database_url": with_password}))
    try:
        await cli._app_db_login()
        can_login, stored = await _role(migrated_url)
        assert can_login and stored is not None and stored.startswith("SCRAM-SHA-256$")
    finally:  # the role is server-wide: leave it as the migration made it (no password)
        engine = create_async_engine(migrated_url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text("ALTER ROLE skillbase_app PASSWORD NULL"))
        await engine.dispose()

    monkeypatch.setattr(cli, "get_settings", lambda: settings.model_copy(update={"database_url": migrated_url}))
    with pytest.raises(SystemExit, match="schema owner"):
        await cli._app_db_login()
