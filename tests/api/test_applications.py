"""The application (Annex 1) through the HTTP API on a real database: drafts, If-Match, submission checks,
attachments (type by content, size cap before buffering, server-side names), versions, access."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.models import Attachment
from tests import factories
from tests.factories import Actor
from tests.flows import REQUIRED_SLOTS, create, if_match, ready_application, save, submit, upload
from tests.forms import JPEG_BYTES, PDF_BYTES, PNG_BYTES, complete_form, ooxml


@pytest.fixture
async def enterprise(session: AsyncSession, settings: Settings) -> Actor:
    """A verified enterprise with a qualification: may apply for an industry-chain or a competition base."""
    org = await factories.organization(session, category="enterprise", qualifications=["chain_leader"])
    return await factories.actor(session, settings, role="applicant", org=org)


# --- the happy path --------------------------------------------------------------------------------


async def test_a_complete_application_submits_and_freezes_version_1(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call, specialties=("数控车工", "电工"))
    eligibility = (await client.get(f"/api/v1/applications/{app['id']}/eligibility", headers=school.headers)).json()
    assert eligibility["ready"] is True, [c for c in eligibility["checks"] if not c["passed"]]
    r = await submit(client, school, app)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted" and r.json()["submitted_versions"] == 1 and r.json()["editable"] is False
    versions = (await client.get(f"/api/v1/applications/{app['id']}/versions", headers=school.headers)).json()["items"]
    assert [v["version_no"] for v in versions] == [1]
    v1 = (await client.get(f"/api/v1/applications/{app['id']}/versions/1", headers=school.headers)).json()
    assert v1["form"]["specialties"][1]["name"] == "电工"
    assert v1["organization_snapshot"]["credit_code"] == school.organization.credit_code  # type: ignore[union-attr]
    assert len(v1["attachments"]) == 6
    timeline = (await client.get(f"/api/v1/applications/{app['id']}/timeline", headers=school.headers, params={"limit": 100})).json()[
        "items"
    ]
    assert [t["action"] for t in timeline if t["action"].startswith("application.")] == ["application.created", "application.submitted"]


async def test_versions_and_timeline_are_pages(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    assert (await submit(client, school, app)).status_code == 200
    base = f"/api/v1/applications/{app['id']}"
    versions = await client.get(f"{base}/versions", headers=school.headers, params={"limit": 1, "offset": 0})
    assert versions.json() == {"items": [versions.json()["items"][0]], "total": 1, "limit": 1, "offset": 0}
    assert (await client.get(f"{base}/versions", headers=school.headers, params={"offset": 1})).json()["items"] == []
    everything = (await client.get(f"{base}/timeline", headers=school.headers, params={"limit": 100})).json()
    assert everything["total"] == len(everything["items"]) >= 2
    second = (await client.get(f"{base}/timeline", headers=school.headers, params={"limit": 1, "offset": 1})).json()
    assert second["items"] == everything["items"][1:2] and second["total"] == everything["total"]
    assert (await client.get(f"{base}/timeline", headers=school.headers, params={"limit": 101})).status_code == 422


async def test_a_submitted_application_cannot_be_edited(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    submitted = (await submit(client, school, app)).json()
    r = await client.put(
        f"/api/v1/applications/{app['id']}/draft", headers=if_match(school, submitted["draft_version"]), json=complete_form()
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "APPLICATION_NOT_EDITABLE"
    assert (await upload(client, school, app["id"], "other_evidence")).status_code == 409


# --- refusals leave the draft unchanged ------------------------------------------------------------


async def _snapshot(client: AsyncClient, actor: Actor, app_id: str) -> str:
    r = await client.get(f"/api/v1/applications/{app_id}", headers=actor.headers)
    body = r.json()
    return json.dumps(
        {k: body[k] for k in ("draft_form", "draft_version", "status", "attachments", "submitted_versions")},
        sort_keys=True,
        ensure_ascii=False,
    )


@pytest.mark.parametrize(
    ("breakage", "expected_code"),
    [
        (lambda f: f["eligibility"].update(training_volume=499), "TRAINING_VOLUME_TOO_LOW"),
        (
            lambda f: f["eligibility"].update(cooperating_enterprises=f["eligibility"]["cooperating_enterprises"][:4]),
            "TOO_FEW_COOPERATING_ENTERPRISES",
        ),
        (lambda f: f["declarations"].update(no_penalty_3y=False), "NO_PENALTY_NOT_DECLARED"),
        (lambda f: f["table_1_2"].update(project_background=""), "SECTION_INCOMPLETE"),
        (lambda f: f.update(specialties=[]), "NO_SPECIALTY"),
    ],
)
async def test_each_failure_is_listed_and_the_draft_is_unchanged(
    client: AsyncClient, school: Actor, call: Any, breakage: Any, expected_code: str
) -> None:
    app = await ready_application(client, school, call)
    form = complete_form()
    breakage(form)
    app = await save(client, school, app, form)
    before = await _snapshot(client, school, app["id"])
    r = await submit(client, school, app)
    assert r.status_code == 422
    body = r.json()["error"]
    assert body["code"] == "SUBMISSION_REFUSED"
    assert expected_code in {d["code"] for d in body["details"]}
    assert all(d["message"] and d["passed"] is False for d in body["details"])
    assert await _snapshot(client, school, app["id"]) == before


async def test_missing_attachments_are_each_listed(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    app = await save(client, school, app, complete_form())
    r = await submit(client, school, app)
    missing = [d["field"] for d in r.json()["error"]["details"] if d["code"] == "ATTACHMENT_MISSING"]
    assert sorted(missing) == sorted(f"attachments.{s}" for s in REQUIRED_SLOTS)
    slots = [d["params"]["slot"] for d in r.json()["error"]["details"] if d["code"] == "ATTACHMENT_MISSING"]
    assert sorted(slots) == sorted(REQUIRED_SLOTS)


async def test_eligibility_and_refusal_carry_code_and_params(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    form = complete_form()
    form["eligibility"]["training_volume"] = 320
    app = await save(client, school, app, form)
    checks = (await client.get(f"/api/v1/applications/{app['id']}/eligibility", headers=school.headers)).json()["checks"]
    [volume] = [c for c in checks if c["field"] == "eligibility.training_volume"]
    assert volume["code"] == "TRAINING_VOLUME_TOO_LOW" and volume["params"] == {"minimum": 500, "actual": 320}
    assert volume["message"].endswith("不少于 500（当前：320）")
    assert all(isinstance(c["params"], dict) for c in checks)
    refused = (await submit(client, school, app)).json()["error"]
    assert refused["code"] == "SUBMISSION_REFUSED"
    assert [d for d in refused["details"] if d["code"] == "TRAINING_VOLUME_TOO_LOW"] == [volume]


async def test_an_unverified_organisation_cannot_submit(client: AsyncClient, session: AsyncSession, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    school.organization.status = "pending"  # type: ignore[union-attr]
    await session.commit()
    r = await submit(client, school, app)
    assert r.status_code == 422 and "ORGANIZATION_NOT_VERIFIED" in {d["code"] for d in r.json()["error"]["details"]}


async def test_a_category_not_allowed_for_the_base_type_is_refused(client: AsyncClient, enterprise: Actor, call: Any) -> None:
    app = await ready_application(client, enterprise, call, base_type="skills_upgrading")
    r = await submit(client, enterprise, app)
    assert "CATEGORY_NOT_ALLOWED" in {d["code"] for d in r.json()["error"]["details"]}


async def test_after_the_deadline_submission_is_refused(client: AsyncClient, session: AsyncSession, school: Actor, call: Any) -> None:
    from datetime import date, timedelta

    app = await ready_application(client, school, call)
    call.opens_on = date.today() - timedelta(days=20)
    call.deadline = date.today() - timedelta(days=1)
    await session.commit()
    r = await submit(client, school, app)
    assert "DEADLINE_PASSED" in {d["code"] for d in r.json()["error"]["details"]}


async def test_exclusivity_refuses_the_other_training_base_type(
    client: AsyncClient, enterprise: Actor, call: Any, session: AsyncSession
) -> None:
    # an enterprise that is also a training centre? No: the rule counts live applications, so file one and try the other.
    first = await ready_application(client, enterprise, call, base_type="industry_chain")
    assert (await submit(client, enterprise, first)).status_code == 200
    r = await client.post(
        "/api/v1/applications", headers=enterprise.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "EXCLUSIVE_BASE_TYPES"
    assert "不可同时申报" in r.json()["error"]["message"]
    competition = await create(client, enterprise, call, base_type="competition")  # allowed beside either
    assert competition["base_type"] == "competition"


async def test_a_second_application_of_the_same_type_in_the_call_is_refused(client: AsyncClient, school: Actor, call: Any) -> None:
    await create(client, school, call)
    r = await client.post("/api/v1/applications", headers=school.headers, json={"call_id": str(call.id), "base_type": "skills_upgrading"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "DUPLICATE_APPLICATION"


# --- drafts and If-Match ---------------------------------------------------------------------------


async def test_a_stale_draft_save_answers_412_and_keeps_the_newer_text(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    form_a = complete_form()
    form_a["table_1_2"]["project_background"] = "第一位用户的文字"
    saved = await save(client, school, app, form_a)
    assert saved["draft_version"] == app["draft_version"] + 1
    form_b = complete_form()
    form_b["table_1_2"]["project_background"] = "第二位用户的旧版本文字"
    stale = await client.put(f"/api/v1/applications/{app['id']}/draft", headers=if_match(school, app["draft_version"]), json=form_b)
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "STALE_VERSION"
    assert stale.json()["error"]["details"]["current_version"] == saved["draft_version"]
    now = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert now["draft_form"]["table_1_2"]["project_background"] == "第一位用户的文字"


async def test_saving_without_if_match_answers_428(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    r = await client.put(f"/api/v1/applications/{app['id']}/draft", headers=school.headers, json=complete_form())
    assert r.status_code == 428


async def test_unknown_form_fields_are_refused(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    r = await client.put(
        f"/api/v1/applications/{app['id']}/draft", headers=if_match(school, app["draft_version"]), json={"status": "recognised"}
    )
    assert r.status_code == 422


async def test_the_draft_survives_a_reload(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    partial = {"table_1_2": {"project_background": "只写了一半"}}
    await save(client, school, app, partial)
    again = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert again["draft_form"]["table_1_2"]["project_background"] == "只写了一半"


# --- access --------------------------------------------------------------------------------------------


async def test_another_organisations_application_and_attachments_answer_404(
    client: AsyncClient, school: Actor, other_applicant: Actor, expert: Actor, call: Any
) -> None:
    app = await ready_application(client, school, call)
    attachment_id = app["attachments"][0]["id"]
    for who in (other_applicant,):
        for path in ("", "/eligibility", "/versions", "/timeline", f"/attachments/{attachment_id}"):
            assert (await client.get(f"/api/v1/applications/{app['id']}{path}", headers=who.headers)).status_code == 404, path
        assert (await client.put(f"/api/v1/applications/{app['id']}/draft", headers=if_match(who, 1), json={})).status_code == 404
        assert (await upload(client, who, app["id"], "licence")).status_code == 404
        assert (
            await client.delete(f"/api/v1/applications/{app['id']}/attachments/{attachment_id}", headers=who.headers)
        ).status_code == 404
    listed = (await client.get("/api/v1/applications", headers=other_applicant.headers)).json()
    assert listed["total"] == 0
    assert (await client.get(f"/api/v1/applications/{app['id']}", headers=expert.headers)).status_code == 404  # not on its panel


async def test_admin_sees_every_application_and_filters(
    client: AsyncClient, school: Actor, enterprise: Actor, admin: Actor, call: Any
) -> None:
    await create(client, school, call, "skills_upgrading")
    await create(client, enterprise, call, "industry_chain")
    everything = (await client.get("/api/v1/applications", headers=admin.headers, params={"call_id": str(call.id)})).json()
    assert everything["total"] == 2
    only = (
        await client.get("/api/v1/applications", headers=admin.headers, params={"call_id": str(call.id), "base_type": "industry_chain"})
    ).json()
    assert [a["organization_id"] for a in only["items"]] == [str(enterprise.organization.id)]  # type: ignore[union-attr]


# --- attachments -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "mime"),
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (JPEG_BYTES, "image/jpeg"),
        (ooxml("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (ooxml("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
async def test_allowed_types_are_recognised_by_content(client: AsyncClient, school: Actor, call: Any, content: bytes, mime: str) -> None:
    app = await create(client, school, call)
    r = await upload(client, school, app["id"], "other_evidence", content, name="看起来像.txt")
    assert r.status_code == 201 and r.json()["content_type"] == mime


@pytest.mark.parametrize(
    "content", [b"plain text pretending", b"MZ\x90\x00 windows exe", b"PK\x03\x04 not a real zip", b"<html><script>alert(1)</script>"]
)
async def test_content_not_matching_an_allowed_type_is_refused(client: AsyncClient, school: Actor, call: Any, content: bytes) -> None:
    app = await create(client, school, call)
    r = await upload(client, school, app["id"], "licence", content, name="营业执照.pdf")
    assert r.status_code == 422 and r.json()["error"]["code"] == "UNSUPPORTED_FILE_TYPE"


async def test_a_path_in_the_file_name_lands_inside_storage_under_a_server_name(
    client: AsyncClient, school: Actor, call: Any, session: AsyncSession, settings: Settings
) -> None:
    app = await create(client, school, call)
    r = await upload(client, school, app["id"], "licence", name="../../x.pdf")
    assert r.status_code == 201 and r.json()["original_name"] == "x.pdf"
    row = (await session.scalars(select(Attachment).where(Attachment.id == r.json()["id"]))).one()
    root = Path(settings.upload_dir).resolve()  # noqa: ASYNC240 - a test reading its own temp folder
    stored = (root / row.storage_key).resolve()
    assert root in stored.parents and stored.is_file() and ".." not in row.storage_key and "x.pdf" not in row.storage_key
    assert stored.read_bytes() == PDF_BYTES
    assert not (root.parent.parent / "x.pdf").exists()


async def test_download_is_an_attachment_with_nosniff_and_no_store(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    att = (await upload(client, school, app["id"], "licence", name="营业执照 副本.pdf")).json()
    r = await client.get(f"/api/v1/applications/{app['id']}/attachments/{att['id']}", headers=school.headers)
    assert r.status_code == 200 and r.content == PDF_BYTES
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf" in r.headers["content-disposition"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["cache-control"] == "no-store"


async def test_removing_an_attachment_keeps_it_for_submitted_versions(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    att = (await upload(client, school, app["id"], "other_evidence")).json()
    r = await client.delete(f"/api/v1/applications/{app['id']}/attachments/{att['id']}", headers=school.headers)
    assert r.status_code == 204
    current = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert current["attachments"] == []


async def test_an_oversize_upload_is_refused_before_the_body_is_read(
    client: AsyncClient, school: Actor, call: Any, settings: Settings
) -> None:
    app = await create(client, school, call)
    sent: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for i in range(100):
            sent.append(i)
            yield b"%PDF-" + b"x" * (1024 * 1024)

    declared = settings.upload_max_bytes + 1
    r = await client.post(
        f"/api/v1/applications/{app['id']}/attachments",
        params={"slot": "licence", "filename": "big.pdf"},
        headers={**school.headers, "Content-Length": str(declared)},
        content=body(),
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    assert len(sent) <= 1  # the server answered without reading the body


async def test_a_streamed_body_is_cut_off_at_the_cap(app: Any, school: Actor, call: Any, settings: Settings) -> None:
    small = settings.model_copy(update={"upload_max_bytes": 2 * 1024 * 1024})
    from skillbase.core.auth import current_settings
    from skillbase.main import create_app

    capped = create_app(small, database=app.state.db)
    capped.dependency_overrides[current_settings] = lambda: small
    sent: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for i in range(50):
            sent.append(i)
            yield b"x" * (256 * 1024)

    async with AsyncClient(transport=ASGITransport(app=capped), base_url="http://t") as c:
        created = await c.post("/api/v1/applications", headers=school.headers, json={"call_id": str(call.id), "base_type": "competition"})
        r = await c.post(
            f"/api/v1/applications/{created.json()['id']}/attachments",
            params={"slot": "licence", "filename": "a.pdf"},
            headers=school.headers,
            content=body(),
        )
    assert r.status_code == 413
    assert len(sent) < 50  # stopped reading soon after the cap (2 MB = 8 chunks)
    leftovers = list((Path(small.upload_dir) / "tmp").glob("*"))
    assert leftovers == []


# --- versions and withdrawal -----------------------------------------------------------------------


async def test_withdraw_before_a_decision(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    await submit(client, school, app)
    r = await client.post(f"/api/v1/applications/{app['id']}/withdraw", headers=school.headers, json={"reason": "调整申报计划"})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    again = await client.post(f"/api/v1/applications/{app['id']}/withdraw", headers=school.headers, json={"reason": "再次"})
    assert again.status_code == 409


async def test_versions_can_be_compared(client: AsyncClient, school: Actor, call: Any, session: AsyncSession) -> None:
    from skillbase.models import Application

    app = await ready_application(client, school, call)
    await submit(client, school, app)
    # the bureau returns it (the review capability's endpoint; here the model allows the transition)
    row = await session.get(Application, app["id"])
    assert row is not None
    row.status = "returned"
    await session.commit()
    current = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    form = current["draft_form"]
    form["table_1_2"]["project_background"] = "按专家意见修改后的项目背景"
    current = await save(client, school, current, form)
    r = await submit(client, school, current)
    assert r.status_code == 200 and r.json()["submitted_versions"] == 2
    diff = (await client.get(f"/api/v1/applications/{app['id']}/versions/1/diff/2", headers=school.headers)).json()
    assert {
        "field": "form.table_1_2.project_background",
        "before": "顺义区产业升级对技能人才需求旺盛",
        "after": "按专家意见修改后的项目背景",
    } in diff["changes"]
    v1 = (await client.get(f"/api/v1/applications/{app['id']}/versions/1", headers=school.headers)).json()
    assert v1["form"]["table_1_2"]["project_background"] == "顺义区产业升级对技能人才需求旺盛"


async def test_submitted_versions_are_immutable_in_the_database(
    client: AsyncClient, school: Actor, call: Any, session: AsyncSession
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    app = await ready_application(client, school, call)
    await submit(client, school, app)
    with pytest.raises(DBAPIError):
        async with session.begin_nested():
            await session.execute(text("UPDATE application_versions SET form = '{}'::jsonb WHERE application_id = :id"), {"id": app["id"]})
