"""The real ClamAV path: a clamd (Debian's clamav-daemon) started here on a loopback TCP port with a database that holds
only the EICAR signature (no freshclam, no network). Skipped when clamd is not installed
(`apt-get install -y clamav-daemon`)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
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
from skillbase.main import create_app
from skillbase.models import Attachment, AuditEvent
from tests import factories
from tests.api.test_file_safety import EICAR
from tests.forms import PDF_BYTES, pdf

CLAMD = shutil.which("clamd") or next((p for p in ("/usr/sbin/clamd", "/usr/local/sbin/clamd") if os.access(p, os.X_OK)), None)
pytestmark = pytest.mark.skipif(CLAMD is None, reason="clamd is not installed (apt-get install -y clamav-daemon)")

# The EICAR string anywhere in a file (the official signature wants it at the start; "*" also finds it inside a PDF).
EICAR_NDB = f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def clamd(tmp_path: Path) -> AsyncIterator[ClamdScanner]:
    assert CLAMD is not None
    db = tmp_path / "db"
    db.mkdir()
    (db / "eicar.ndb").write_text(EICAR_NDB)
    port = free_port()
    conf = tmp_path / "clamd.conf"
    conf.write_text(
        f"Foreground yes\nDatabaseDirectory {db}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nLogFile {tmp_path / 'clamd.log'}\n"
        + ("User root\n" if os.geteuid() == 0 else "")
    )
    process = await asyncio.create_subprocess_exec(CLAMD, "-c", str(conf), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    scanner = ClamdScanner("127.0.0.1", port)
    try:
        for _ in range(120):
            if await scanner.ping():
                break
            if process.returncode is not None:
                pytest.fail(f"clamd exited: {(tmp_path / 'clamd.log').read_text(errors='replace')}")
            await asyncio.sleep(0.25)
        else:
            pytest.fail("clamd did not answer PING within 30 s")
        yield scanner
    finally:
        if process.returncode is None:
            process.terminate()
            await asyncio.wait_for(process.wait(), 10)


async def test_clamd_flags_eicar_and_passes_a_clean_file(clamd: ClamdScanner, tmp_path: Path) -> None:
    clean, eicar = tmp_path / "clean.pdf", tmp_path / "eicar.com"
    clean.write_bytes(PDF_BYTES)
    eicar.write_bytes(EICAR)
    assert await clamd.scan(clean) is None
    assert await clamd.scan(eicar) == "Eicar-Test-Signature.UNOFFICIAL"


async def test_an_eicar_upload_is_refused_through_the_real_scanner(
    clamd: ClamdScanner, app: Any, session: AsyncSession, settings: Settings
) -> None:
    scanned = settings.model_copy(update={"clamav_host": clamd.host, "clamav_port": clamd.port})
    application = create_app(scanned, database=app.state.db)
    application.dependency_overrides[current_settings] = lambda: scanned
    actor = await factories.actor(session, settings, role="applicant")
    call = await factories.published_call(session)
    async with AsyncClient(transport=ASGITransport(app=application), base_url="http://t") as c:
        assert (await c.get("/readyz")).json()["checks"]["virus_scan"] == "ok"
        created = (
            await c.post("/api/v1/applications", headers=actor.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
        ).json()
        url = f"/api/v1/applications/{created['id']}/attachments"
        for name, body in (("eicar.com", EICAR), ("eicar.pdf", pdf(head=b"%PDF-1.4\n%" + EICAR + b"\n"))):
            r = await c.post(url, params={"slot": "licence", "filename": name}, headers=actor.headers, content=body)
            assert r.status_code == 422 and r.json()["error"]["code"] == "FILE_QUARANTINED", r.text
        assert (
            await c.post(url, params={"slot": "licence", "filename": "ok.pdf"}, headers=actor.headers, content=PDF_BYTES)
        ).status_code == 201
    rows = (await session.scalars(select(Attachment).where(Attachment.application_id == created["id"]))).all()
    assert [a.original_name for a in rows] == ["ok.pdf"]
    events = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "file.quarantined"))).all()
    assert sorted(e.details["name"] for e in events) == ["eicar.com", "eicar.pdf"]
