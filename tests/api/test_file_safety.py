"""The virus-scan hook (a clamd speaking INSTREAM on loopback) and S3-compatible storage (moto)."""

from __future__ import annotations

import asyncio
import logging
import struct
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core.auth import current_settings
from skillbase.files.scan import ClamdScanner
from skillbase.files.storage import S3Storage
from skillbase.main import create_app
from skillbase.models import Attachment, AuditEvent
from tests import factories
from tests.factories import Actor
from tests.forms import PDF_BYTES, pdf

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


async def fake_clamd(*, ping: bool = False) -> tuple[asyncio.AbstractServer, int]:
    """Speaks clamd's zINSTREAM: chunks prefixed by a 4-byte length, ended by a zero length (and zPING when asked)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if ping:
            assert await reader.readexactly(6) == b"zPING\0"
            writer.write(b"PONG\0")
            await writer.drain()
            writer.close()
            return
        assert await reader.readexactly(10) == b"zINSTREAM\0"
        data = b""
        while True:
            (size,) = struct.unpack("!L", await reader.readexactly(4))
            if size == 0:
                break
            data += await reader.readexactly(size)
        writer.write(b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def test_clamd_scanner_reports_clean_and_infected(tmp_path: Path) -> None:
    server, port = await fake_clamd()
    async with server:
        clean, bad = tmp_path / "clean.pdf", tmp_path / "bad.pdf"
        clean.write_bytes(PDF_BYTES)
        bad.write_bytes(pdf(head=b"%PDF-1.4\n%" + EICAR + b"\n"))
        scanner = ClamdScanner("127.0.0.1", port)
        assert await scanner.scan(clean) is None
        assert await scanner.scan(bad) == "Eicar-Test-Signature"


async def test_a_flagged_upload_is_quarantined_and_never_served(app: Any, session: AsyncSession, settings: Settings) -> None:
    server, port = await fake_clamd()
    scanned = settings.model_copy(update={"clamav_host": "127.0.0.1", "clamav_port": port})
    application = create_app(scanned, database=app.state.db)
    application.dependency_overrides[current_settings] = lambda: scanned
    org = await factories.organization(session, category="technical_school", qualifications=[])
    actor: Actor = await factories.actor(session, settings, role="applicant", org=org)
    call = await factories.published_call(session)
    async with server, AsyncClient(transport=ASGITransport(app=application), base_url="http://t") as c:
        created = (
            await c.post("/api/v1/applications", headers=actor.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
        ).json()
        url = f"/api/v1/applications/{created['id']}/attachments"
        infected = pdf(head=b"%PDF-1.4\n%" + EICAR + b"\n")
        bad = await c.post(url, params={"slot": "licence", "filename": "bad.pdf"}, headers=actor.headers, content=infected)
        good = await c.post(url, params={"slot": "licence", "filename": "good.pdf"}, headers=actor.headers, content=PDF_BYTES)
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "FILE_QUARANTINED"
        assert good.status_code == 201
        # Refused, not attached: no row; the file sits under quarantine/ and the audit log says where.
        rows = (await session.scalars(select(Attachment).where(Attachment.application_id == created["id"]))).all()
        assert [a.original_name for a in rows] == ["good.pdf"]
        event = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "file.quarantined"))).one()
        assert event.details["quarantine_key"].startswith("quarantine/") and event.details["name"] == "bad.pdf"
        assert event.target_id == created["id"] and event.actor_id == actor.user.id
        # A row quarantined before this pipeline (scan_status kept) is still never listed nor served.
        legacy = Attachment(
            application_id=created["id"],
            slot="licence",
            original_name="old.pdf",
            content_type="application/pdf",
            size_bytes=len(infected),
            sha256="0" * 64,
            storage_key=event.details["quarantine_key"],
            uploaded_by_id=actor.user.id,
            scan_status="quarantined",
        )
        session.add(legacy)
        await session.flush()
        detail = (await c.get(f"/api/v1/applications/{created['id']}", headers=actor.headers)).json()
        assert [a["original_name"] for a in detail["attachments"]] == ["good.pdf"]
        served = await c.get(f"{url}/{legacy.id}", headers=actor.headers)
        assert served.status_code == 404


async def test_an_unreachable_scanner_fails_closed(app: Any, session: AsyncSession, settings: Settings) -> None:
    server, port = await fake_clamd()
    server.close()
    await server.wait_closed()  # nothing listens there any more
    scanned = settings.model_copy(update={"clamav_host": "127.0.0.1", "clamav_port": port})
    application = create_app(scanned, database=app.state.db)
    application.dependency_overrides[current_settings] = lambda: scanned
    actor: Actor = await factories.actor(session, settings, role="applicant")
    call = await factories.published_call(session)
    async with AsyncClient(transport=ASGITransport(app=application), base_url="http://t") as c:
        created = (
            await c.post("/api/v1/applications", headers=actor.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
        ).json()
        r = await c.post(
            f"/api/v1/applications/{created['id']}/attachments",
            params={"slot": "licence", "filename": "a.pdf"},
            headers=actor.headers,
            content=PDF_BYTES,
        )
        assert r.status_code == 503 and r.json()["error"]["code"] == "VIRUS_SCAN_UNAVAILABLE" and r.headers["Retry-After"]
        assert (await session.scalars(select(Attachment).where(Attachment.application_id == created["id"]))).all() == []
        ready = await c.get("/readyz")
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "virus_scan": "unavailable"}


async def test_readyz_reports_a_reachable_scanner(app: Any, settings: Settings) -> None:
    server, port = await fake_clamd(ping=True)
    scanned = settings.model_copy(update={"clamav_host": "127.0.0.1", "clamav_port": port})
    async with server, AsyncClient(transport=ASGITransport(app=create_app(scanned, database=app.state.db)), base_url="http://t") as c:
        assert (await c.get("/readyz")).json()["checks"]["virus_scan"] == "ok"


def test_start_up_warns_when_no_scanner_is_configured(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    from skillbase.files.scan import warn_if_disabled

    with caplog.at_level(logging.WARNING, logger="skillbase.files.scan"):
        warn_if_disabled(settings)
        warn_if_disabled(settings.model_copy(update={"clamav_host": "clamav"}))
    assert len(caplog.records) == 1 and "CLAMAV_HOST" in caplog.records[0].getMessage()


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Any:
    from moto import mock_aws

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        import boto3

        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="skillbase-test")
        yield


async def test_s3_storage_round_trip(s3: Any, tmp_path: Path) -> None:
    settings = Settings(environment="test", s3_bucket="skillbase-test", s3_region="us-east-1")
    storage = S3Storage(settings)
    source = tmp_path / "a.pdf"
    source.write_bytes(PDF_BYTES * 1000)
    await storage.put("2026/11/abc", source, "application/pdf")
    chunks: AsyncIterator[bytes] = storage.open("2026/11/abc")
    assert b"".join([c async for c in chunks]) == PDF_BYTES * 1000
    await storage.delete("2026/11/abc")
    with pytest.raises(Exception, match="NoSuchKey"):
        _ = [c async for c in storage.open("2026/11/abc")]
