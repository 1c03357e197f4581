"""One upload pipeline decides for every kind of upload (issue 7 items 7, 10, 11): application attachments, review
photos and objection attachments get the same verdicts, a flagged or active file is never attached or served and
leaves an audit row, and a removed attachment is served only through a submitted version that lists it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core.auth import current_settings
from skillbase.db import Database
from skillbase.main import create_app
from skillbase.models import Application, Attachment, AuditEvent, ReviewPhoto
from tests.api.test_file_safety import EICAR, fake_clamd
from tests.factories import Actor
from tests.flows import declare, panel, passed, ready_application, submit, upload
from tests.forms import PDF_BYTES, PNG_BYTES, ooxml, pdf


@pytest.fixture
async def clamd_port() -> AsyncIterator[int]:
    server, port = await fake_clamd()
    async with server:
        yield port


@pytest.fixture
def app(db: Database, settings: Settings, clamd_port: int):  # type: ignore[no-untyped-def]
    """The app of this module scans every upload through a clamd that flags EICAR."""
    scanned = settings.model_copy(update={"clamav_host": "127.0.0.1", "clamav_port": clamd_port})
    application = create_app(scanned, database=db)
    application.dependency_overrides[current_settings] = lambda: scanned
    return application


async def audit_rows(session: AsyncSession, action: str) -> list[AuditEvent]:
    return list((await session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))).all())


async def objection_ticket(client: AsyncClient, admin: Actor, app: dict[str, Any]) -> str:
    """A published notice listing `app` (its status forced to approved: publicity needs one) and an objection to it."""
    notice = await client.post(
        "/api/v1/publicity-notices",
        headers=admin.headers,
        json={"title": "公示", "body": "拟认定名单公示", "contact": "010-69440000", "application_ids": [app["id"]]},
    )
    assert notice.status_code == 201, notice.text
    assert (await client.post(f"/api/v1/publicity-notices/{notice.json()['id']}/publish", headers=admin.headers)).status_code == 200
    filed = await client.post(
        f"/api/v1/public/publicity-notices/{notice.json()['id']}/objections",
        json={"name": "王某", "contact": "13911112222", "text": "场地面积与申报不符", "application_id": app["id"]},
    )
    assert filed.status_code == 201, filed.text
    return filed.json()["ticket"]  # type: ignore[no-any-return]


async def test_a_flagged_file_is_refused_alike_for_every_kind_of_upload(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, applicant: Actor, call: Any, experts: list[Actor]
) -> None:
    infected_pdf = pdf(head=b"%PDF-1.4\n%" + EICAR + b"\n")
    infected_png = PNG_BYTES + EICAR  # a real PNG; the signature rides after IEND

    # 1. an application attachment (the draft)
    draft = (
        await client.post(
            "/api/v1/applications", headers=applicant.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"}
        )
    ).json()
    r = await upload(client, applicant, draft["id"], "licence", infected_pdf, "执照.pdf")
    assert r.status_code == 422 and r.json()["error"]["code"] == "FILE_QUARANTINED", r.text
    assert (await session.scalar(select(func.count()).select_from(Attachment).where(Attachment.application_id == draft["id"]))) == 0

    # 2. a review photo
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    member = await declare(client, experts[0])
    await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=experts[0].headers)
    r = await client.post(
        f"/api/v1/reviews/assignments/{member}/review/photos",
        params={"filename": "现场.png"},
        headers=experts[0].headers,
        content=infected_png,
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "FILE_QUARANTINED", r.text
    assert (await session.scalar(select(func.count()).select_from(ReviewPhoto))) == 0
    review = (await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=experts[0].headers)).json()
    assert review["photos"] == []

    # 3. an objection attachment (public, no account)

    approved = await session.get(Application, app["id"])
    assert approved is not None
    approved.status = "approved"
    await session.flush()
    ticket = await objection_ticket(client, admin, app)
    r = await client.post(f"/api/v1/public/objections/{ticket}/attachment", params={"filename": "照片.pdf"}, content=infected_pdf)
    assert r.status_code == 422 and r.json()["error"]["code"] == "FILE_QUARANTINED", r.text
    assert (await client.get(f"/api/v1/public/objections/{ticket}")).json()["has_attachment"] is False

    rows = await audit_rows(session, "file.quarantined")
    assert [row.details["purpose"] for row in rows] == ["attachment", "review_photo", "objection_attachment"]
    for row in rows:
        assert row.details["found"] == "Eicar-Test-Signature" and row.details["quarantine_key"].startswith("quarantine/")
    assert rows[2].actor_id is None and rows[2].target_type == "notice"

    # A clean file still goes through for each kind.
    assert (await upload(client, applicant, draft["id"], "licence")).status_code == 201
    assert (
        await client.post(
            f"/api/v1/reviews/assignments/{member}/review/photos",
            params={"filename": "现场.png"},
            headers=experts[0].headers,
            content=PNG_BYTES,
        )
    ).status_code == 201
    assert (
        await client.post(f"/api/v1/public/objections/{ticket}/attachment", params={"filename": "照片.pdf"}, content=PDF_BYTES)
    ).status_code == 200


@pytest.mark.parametrize(
    ("data", "code", "reason"),
    [
        (pdf(catalog="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> "), "FILE_UNSAFE_CONTENT", "javascript"),
        (pdf(catalog="/OpenAction << /S /Launch /F (cmd.exe) >> "), "FILE_UNSAFE_CONTENT", "launch"),
        (pdf(head=b"%PDF-1.4\n<html><script>alert(1)</script></html>\n"), "FILE_UNSAFE_CONTENT", "html_polyglot"),
        (ooxml("xlsx", parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "FILE_UNSAFE_CONTENT", "macros"),
        (b"%PDF-1.4\n", "FILE_MALFORMED", "unparsable_pdf"),
    ],
)
async def test_active_or_malformed_files_are_refused_and_not_attached(
    client: AsyncClient, session: AsyncSession, school: Actor, call: Any, data: bytes, code: str, reason: str
) -> None:
    draft = (
        await client.post("/api/v1/applications", headers=school.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
    ).json()
    r = await upload(client, school, draft["id"], "licence", data, "文件")
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code and r.json()["error"]["details"] == {"reason": reason}
    assert (await session.scalar(select(func.count()).select_from(Attachment).where(Attachment.application_id == draft["id"]))) == 0
    refused = await audit_rows(session, "file.refused")
    assert [row.details["reason"] for row in refused] == ([reason] if code == "FILE_UNSAFE_CONTENT" else [])


async def test_a_removed_attachment_answers_404_but_stays_in_the_version_that_listed_it(
    client: AsyncClient, admin: Actor, school: Actor, call: Any
) -> None:
    app = await ready_application(client, school, call, specialties=("数控车工", "电工"))
    extra = (await upload(client, school, app["id"], "other_evidence", PDF_BYTES, "补充.pdf")).json()
    base = f"/api/v1/applications/{app['id']}"
    app = (await client.get(base, headers=school.headers)).json()
    assert (await submit(client, school, app)).status_code == 200
    reasons = [{"section": "附件", "reason": "补充材料不清晰"}]
    r = await client.post(f"{base}/formal-check", headers=admin.headers, json={"decision": "return", "reasons": reasons})
    assert r.status_code == 200, r.text

    assert (await client.delete(f"{base}/attachments/{extra['id']}", headers=school.headers)).status_code == 204
    for who in (school, admin):
        assert (await client.get(f"{base}/attachments/{extra['id']}", headers=who.headers)).status_code == 404
    # Version 1 was submitted with it: served there, for whoever may read the version.
    served = await client.get(f"{base}/versions/1/attachments/{extra['id']}", headers=admin.headers)
    assert served.status_code == 200 and served.content == PDF_BYTES
    assert served.headers["content-disposition"].startswith("attachment;")

    # Uploaded and removed after version 1: in no version, so served nowhere.
    later = (await upload(client, school, app["id"], "other_evidence", PDF_BYTES, "后补.pdf")).json()
    assert (await client.delete(f"{base}/attachments/{later['id']}", headers=school.headers)).status_code == 204
    assert (await client.get(f"{base}/attachments/{later['id']}", headers=school.headers)).status_code == 404
    assert (await client.get(f"{base}/versions/1/attachments/{later['id']}", headers=school.headers)).status_code == 404
    assert (await client.get(f"{base}/versions/9/attachments/{extra['id']}", headers=school.headers)).status_code == 404
