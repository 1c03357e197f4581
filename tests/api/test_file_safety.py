"""The virus-scan hook (a clamd speaking INSTREAM on loopback) and S3-compatible storage (moto)."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings, get_settings
from skillbase.files.scan import ClamdScanner
from skillbase.files.storage import S3Storage
from skillbase.main import create_app
from skillbase.models import Attachment
from tests import factories
from tests.factories import Actor
from tests.forms import PDF_BYTES

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


async def fake_clamd() -> tuple[asyncio.AbstractServer, int]:
    """Speaks clamd's zINSTREAM: chunks prefixed by a 4-byte length, ended by a zero length."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
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
        bad.write_bytes(b"%PDF-1.4\n" + EICAR)
        scanner = ClamdScanner("127.0.0.1", port)
        assert await scanner.scan(clean) is None
        assert await scanner.scan(bad) == "Eicar-Test-Signature"


async def test_a_flagged_upload_is_quarantined_and_never_served(app: Any, session: AsyncSession, settings: Settings) -> None:
    server, port = await fake_clamd()
    scanned = settings.model_copy(update={"clamav_host": "127.0.0.1", "clamav_port": port})
    application = create_app(scanned, database=app.state.db)
    application.dependency_overrides[get_settings] = lambda: scanned
    org = await factories.organization(session, category="technical_school", qualifications=[])
    actor: Actor = await factories.actor(session, settings, role="applicant", org=org)
    call = await factories.published_call(session)
    async with server, AsyncClient(transport=ASGITransport(app=application), base_url="http://t") as c:
        created = (
            await c.post("/api/v1/applications", headers=actor.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
        ).json()
        url = f"/api/v1/applications/{created['id']}/attachments"
        bad = await c.post(url, params={"slot": "licence", "filename": "bad.pdf"}, headers=actor.headers, content=b"%PDF-1.4\n" + EICAR)
        good = await c.post(url, params={"slot": "licence", "filename": "good.pdf"}, headers=actor.headers, content=PDF_BYTES)
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "FILE_QUARANTINED"
        assert good.status_code == 201
        quarantined = (
            await session.scalars(
                select(Attachment).where(Attachment.scan_status == "quarantined", Attachment.application_id == created["id"])
            )
        ).one()
        assert quarantined.storage_key.startswith("quarantine/")
        detail = (await c.get(f"/api/v1/applications/{created['id']}", headers=actor.headers)).json()
        assert [a["original_name"] for a in detail["attachments"]] == ["good.pdf"]
        served = await c.get(f"{url}/{quarantined.id}", headers=actor.headers)
        assert served.status_code == 404


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
