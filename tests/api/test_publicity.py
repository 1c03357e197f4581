"""Public notice, objections and recognition, through the HTTP API on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core.clock import CHINA_TZ, today
from skillbase.models import PublicityNotice
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import Actor
from tests.flows import approved_application
from tests.forms import PDF_BYTES


@pytest.fixture
async def approved(client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]) -> dict[str, Any]:
    return await approved_application(client, admin, school, call, experts)


async def published_notice(client: AsyncClient, admin: Actor, app: dict[str, Any]) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/publicity-notices",
        headers=admin.headers,
        json={
            "title": "顺义区技能人才培训基地拟认定名单公示",
            "body": "现将拟认定名单予以公示，公示期内如有异议请实名反映。",
            "contact": "顺义区人力资源和社会保障局 010-69440000",
            "application_ids": [app["id"]],
        },
    )
    assert r.status_code == 201, r.text
    notice = r.json()
    assert notice["status"] == "draft" and (date.fromisoformat(notice["ends_on"]) - date.fromisoformat(notice["starts_on"])).days == 6
    r = await client.post(f"/api/v1/publicity-notices/{notice['id']}/publish", headers=admin.headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def end_period(session: AsyncSession, notice_id: str) -> None:
    await factories.elapse_publicity(session, notice_id, days_ago=3)


async def object_to(client: AsyncClient, notice: dict[str, Any], app: dict[str, Any] | None = None) -> Any:
    return await client.post(
        f"/api/v1/public/publicity-notices/{notice['id']}/objections",
        json={
            "name": "王某",
            "contact": "13911112222",
            "text": "该单位实训场地面积与申报不符",
            "application_id": app["id"] if app else None,
        },
    )


async def test_the_period_ends_when_the_clock_passes_its_last_day_in_beijing(
    client: AsyncClient, session: AsyncSession, settings: Settings, admin: Actor, approved: dict[str, Any], frozen_clock: FrozenClock
) -> None:
    """Time moves through the application's clock, not through dates edited in the database."""
    notice = await published_notice(client, admin, approved)
    recognise = {"notice_id": notice["id"], "document_number": "顺人社发〔2026〕40号"}
    frozen_clock.set(datetime.combine(date.fromisoformat(notice["ends_on"]), time(23, 59), CHINA_TZ))  # the last evening
    admin = replace(admin, headers=await factories.login_headers(session, settings, admin.user))  # days later: a new login
    assert (await client.get(f"/api/v1/public/publicity-notices/{notice['id']}")).json()["open_for_objections"] is True
    assert (await object_to(client, notice, approved)).status_code == 201
    early = await client.post("/api/v1/recognitions", headers=admin.headers, json={**recognise, "issued_on": str(today())})
    assert early.status_code == 409 and early.json()["error"]["code"] == "PUBLICITY_NOT_OVER"
    objection = (await client.get("/api/v1/objections", headers=admin.headers, params={"notice_id": notice["id"]})).json()["items"][0]
    decided = await client.post(
        f"/api/v1/objections/{objection['id']}/decision", headers=admin.headers, json={"decision": "dismiss", "reason": "经核实不成立"}
    )
    assert decided.status_code == 200, decided.text

    frozen_clock.advance(minutes=1)  # midnight in Beijing: the period is over
    assert (await client.get(f"/api/v1/public/publicity-notices/{notice['id']}")).json()["open_for_objections"] is False
    assert (await object_to(client, notice, approved)).status_code == 409
    r = await client.post("/api/v1/recognitions", headers=admin.headers, json={**recognise, "issued_on": str(today())})
    assert r.status_code == 201, r.text


async def test_notice_is_public_without_login_and_shows_only_public_facts(
    client: AsyncClient, admin: Actor, school: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    listed = (await client.get("/api/v1/public/publicity-notices")).json()
    assert notice["id"] in {n["id"] for n in listed["items"]}
    public = (await client.get(f"/api/v1/public/publicity-notices/{notice['id']}")).json()
    item = public["items"][0]
    assert item["organization_name"] == school.organization.name  # type: ignore[union-attr]
    assert item["base_type"] == "skills_upgrading" and item["specialties"] == ["数控车工", "电工"]
    assert public["open_for_objections"] is True
    text = str(public)
    assert "13500000000" not in text and "mobile" not in text and "contact_person" not in text
    status = (await client.get(f"/api/v1/applications/{approved['id']}", headers=school.headers)).json()["status"]
    assert status == "in_publicity"


async def test_a_draft_notice_is_not_public(client: AsyncClient, admin: Actor, approved: dict[str, Any]) -> None:
    r = await client.post(
        "/api/v1/publicity-notices",
        headers=admin.headers,
        json={"title": "草稿公示", "body": "x", "contact": "010-1", "application_ids": [approved["id"]]},
    )
    assert (await client.get(f"/api/v1/public/publicity-notices/{r.json()['id']}")).status_code == 404


async def test_only_approved_applications_can_be_publicised(client: AsyncClient, admin: Actor, school: Actor, call: Any) -> None:
    from tests.flows import submitted

    app = await submitted(client, school, call)
    r = await client.post(
        "/api/v1/publicity-notices",
        headers=admin.headers,
        json={"title": "公示", "body": "x", "contact": "010-1", "application_ids": [app["id"]]},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "NOTICE_INVALID"


async def test_a_dismissed_objection_leads_to_recognition(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    filed = await object_to(client, notice, approved)
    assert filed.status_code == 201
    ticket = filed.json()["ticket"]
    attach = await client.post(f"/api/v1/public/objections/{ticket}/attachment", params={"filename": "照片.pdf"}, content=PDF_BYTES)
    assert attach.status_code == 200 and attach.json()["has_attachment"] is True
    assert (await client.get(f"/api/v1/public/objections/{ticket}")).json()["status"] == "pending"

    early = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕12号", "issued_on": str(date.today())},
    )
    assert early.status_code == 409 and early.json()["error"]["code"] == "PUBLICITY_NOT_OVER"

    objections = (await client.get("/api/v1/objections", headers=admin.headers, params={"notice_id": notice["id"]})).json()
    objection = objections["items"][0]
    assert objection["content"] == "该单位实训场地面积与申报不符" and objection["attachment_name"] == "照片.pdf"
    downloaded = await client.get(f"/api/v1/objections/{objection['id']}/attachment", headers=admin.headers)
    assert downloaded.content == PDF_BYTES and downloaded.headers["content-disposition"].startswith("attachment;")
    decided = await client.post(
        f"/api/v1/objections/{objection['id']}/decision",
        headers=admin.headers,
        json={"decision": "dismiss", "reason": "经现场核实，场地面积符合申报"},
    )
    assert decided.status_code == 200 and decided.json()["status"] == "dismissed"
    public_status = (await client.get(f"/api/v1/public/objections/{ticket}")).json()
    assert public_status["status"] == "dismissed" and public_status["decision_reason"] == "经现场核实，场地面积符合申报"

    await end_period(session, notice["id"])
    r = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕12号", "issued_on": str(date.today())},
    )
    assert r.status_code == 201, r.text
    base = r.json()["bases"][0]
    assert base["title"] == "顺义区职业技能提升培训基地" and base["document_number"] == "顺人社发〔2026〕12号"
    public_bases = (await client.get("/api/v1/public/bases", params={"limit": 100})).json()
    assert base["id"] in {b["id"] for b in public_bases["items"]}
    mine = (await client.get("/api/v1/bases", headers=school.headers)).json()
    assert [b["id"] for b in mine["items"]] == [base["id"]]
    plaque = await client.post(f"/api/v1/bases/{base['id']}/plaque", headers=admin.headers, json={"issued_on": str(date.today())})
    assert plaque.status_code == 200 and plaque.json()["plaque_issued_on"] == str(date.today())
    assert (
        await client.post(f"/api/v1/bases/{base['id']}/plaque", headers=admin.headers, json={"issued_on": str(date.today())})
    ).status_code == 409
    detail = (await client.get(f"/api/v1/publicity-notices/{notice['id']}", headers=admin.headers)).json()
    assert detail["recognised"] is True and detail["recognition"]["document_number"] == "顺人社发〔2026〕12号"
    app_now = (await client.get(f"/api/v1/applications/{approved['id']}", headers=school.headers)).json()
    assert app_now["status"] == "recognised"
    again = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕13号", "issued_on": str(date.today())},
    )
    assert again.status_code == 409


async def test_an_upheld_objection_leaves_no_base(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    ticket = (await object_to(client, notice, approved)).json()["ticket"]
    objection = (await client.get("/api/v1/objections", headers=admin.headers, params={"status": "pending"})).json()["items"]
    objection_id = next(o["id"] for o in objection if o["ticket"] == ticket)
    pending_block = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕20号", "issued_on": str(date.today())},
    )
    assert pending_block.status_code == 409
    r = await client.post(
        f"/api/v1/objections/{objection_id}/decision",
        headers=admin.headers,
        json={"decision": "uphold", "reason": "经核查，实训场地为临时租用"},
    )
    assert r.status_code == 200 and r.json()["status"] == "upheld"
    assert (await client.get(f"/api/v1/applications/{approved['id']}", headers=school.headers)).json()["status"] == "rejected"
    await end_period(session, notice["id"])
    r = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕20号", "issued_on": str(date.today())},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "NOTHING_TO_RECOGNISE"
    assert (await client.get("/api/v1/bases", headers=school.headers)).json()["total"] == 0


async def test_objections_are_only_taken_during_the_period(
    client: AsyncClient, session: AsyncSession, admin: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    await end_period(session, notice["id"])
    r = await object_to(client, notice)
    assert r.status_code == 409 and r.json()["error"]["code"] == "NOT_IN_PUBLICITY_PERIOD"


async def test_the_objection_endpoint_answers_429_past_its_limit(
    make_client: Any, client: AsyncClient, admin: Actor, approved: dict[str, Any], settings: Settings
) -> None:
    notice = await published_notice(client, admin, approved)
    async with make_client(ip="198.51.100.77") as anonymous, make_client(ip="198.51.100.78") as neighbour:
        for _ in range(settings.objections_per_ip_per_hour):
            assert (await object_to(anonymous, notice)).status_code == 201
        r = await object_to(anonymous, notice)
        assert r.status_code == 429 and "retry-after" in r.headers
        assert (await object_to(neighbour, notice)).status_code == 201


async def test_an_objection_text_is_size_limited(client: AsyncClient, admin: Actor, approved: dict[str, Any]) -> None:
    notice = await published_notice(client, admin, approved)
    r = await client.post(
        f"/api/v1/public/publicity-notices/{notice['id']}/objections", json={"name": "王某", "contact": "13911112222", "text": "很" * 5001}
    )
    assert r.status_code == 422


async def test_applicants_and_experts_cannot_manage_publicity(client: AsyncClient, school: Actor, expert: Actor) -> None:
    for who in (school, expert):
        assert (await client.get("/api/v1/objections", headers=who.headers)).status_code == 403
        assert (await client.get("/api/v1/publicity-notices", headers=who.headers)).status_code == 403


# --- the publicity period cannot be skipped (issue 7.1) -----------------------------------------------


def notice_body(app: dict[str, Any], **dates: str) -> dict[str, Any]:
    return {"title": "拟认定名单公示", "body": "现予公示。", "contact": "010-69440000", "application_ids": [app["id"]], **dates}


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (-10, -1, "starts_on"),  # the whole period in the past
        (-3, 6, "starts_on"),  # long enough but begun before publication
        (0, 0, "ends_on"),  # one day while the call says 7
        (1, 6, "ends_on"),  # six days
    ],
)
async def test_a_notice_period_must_start_today_or_later_and_last_the_calls_days(
    client: AsyncClient, admin: Actor, approved: dict[str, Any], starts: int, ends: int, field: str
) -> None:
    day = today()
    body = notice_body(approved, starts_on=str(day + timedelta(days=starts)), ends_on=str(day + timedelta(days=ends)))
    r = await client.post("/api/v1/publicity-notices", headers=admin.headers, json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "NOTICE_PERIOD_INVALID" and field in {d["field"] for d in error["details"]}
    status = (await client.get(f"/api/v1/applications/{approved['id']}", headers=admin.headers)).json()["status"]
    assert status == "approved"


async def test_a_notice_of_exactly_the_calls_days_from_tomorrow_is_accepted(
    client: AsyncClient, admin: Actor, approved: dict[str, Any]
) -> None:
    start = today() + timedelta(days=1)
    body = notice_body(approved, starts_on=str(start), ends_on=str(start + timedelta(days=6)))
    r = await client.post("/api/v1/publicity-notices", headers=admin.headers, json=body)
    assert r.status_code == 201, r.text
    published = await client.post(f"/api/v1/publicity-notices/{r.json()['id']}/publish", headers=admin.headers)
    assert published.status_code == 200 and published.json()["open_for_objections"] is False  # not yet begun


async def test_a_draft_whose_start_has_passed_needs_a_new_period_to_be_published(
    client: AsyncClient, session: AsyncSession, admin: Actor, approved: dict[str, Any]
) -> None:
    notice = (await client.post("/api/v1/publicity-notices", headers=admin.headers, json=notice_body(approved))).json()
    draft = await session.get(PublicityNotice, notice["id"])
    assert draft is not None
    draft.starts_on, draft.ends_on = draft.starts_on - timedelta(days=5), draft.ends_on - timedelta(days=5)  # drafted days ago
    await session.commit()
    refused = await client.post(f"/api/v1/publicity-notices/{notice['id']}/publish", headers=admin.headers)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "NOTICE_PERIOD_INVALID"
    short = await client.post(
        f"/api/v1/publicity-notices/{notice['id']}/publish",
        headers=admin.headers,
        json={"starts_on": str(today()), "ends_on": str(today() + timedelta(days=2))},
    )
    assert short.status_code == 422
    r = await client.post(f"/api/v1/publicity-notices/{notice['id']}/publish", headers=admin.headers, json={"starts_on": str(today())})
    assert r.status_code == 200, r.text
    assert r.json()["starts_on"] == str(today()) and r.json()["ends_on"] == str(today() + timedelta(days=6))


async def test_recognition_is_refused_on_a_period_shorter_than_the_calls_days(
    client: AsyncClient, session: AsyncSession, admin: Actor, approved: dict[str, Any]
) -> None:
    """Recognition re-checks the period itself: a notice published before the rule (no days recorded) whose
    period is one day while its call says 7."""
    notice = await published_notice(client, admin, approved)
    row = await session.get(PublicityNotice, notice["id"])
    assert row is not None and row.publicity_days == 7
    row.ends_on, row.publicity_days = row.starts_on, None
    await session.commit()
    await factories.elapse_publicity(session, notice["id"])
    r = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕30号", "issued_on": str(today())},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "PUBLICITY_PERIOD_INCOMPLETE"


async def test_the_database_refuses_a_period_that_began_before_publication(
    client: AsyncClient, session: AsyncSession, admin: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    row = await session.get(PublicityNotice, notice["id"])
    assert row is not None
    with pytest.raises(IntegrityError, match="ck_publicity_notices_starts_after_publication"):
        async with session.begin_nested():
            row.starts_on = row.starts_on - timedelta(days=1)
            await session.flush()


async def test_the_days_are_fixed_at_publication_and_a_later_call_edit_does_not_block_recognition(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    assert notice["publicity_days"] == 7
    call.publicity_days = 15  # a published call's publicity days stay editable
    await session.commit()
    await factories.elapse_publicity(session, notice["id"])
    r = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕31号", "issued_on": str(today())},
    )
    assert r.status_code == 201, r.text


async def test_the_database_refuses_a_period_shorter_than_its_days(
    client: AsyncClient, session: AsyncSession, admin: Actor, approved: dict[str, Any]
) -> None:
    notice = await published_notice(client, admin, approved)
    row = await session.get(PublicityNotice, notice["id"])
    assert row is not None
    with pytest.raises(IntegrityError, match="ck_publicity_notices_lasts_its_days"):
        async with session.begin_nested():
            row.ends_on = row.starts_on
            await session.flush()


# --- an upheld objection supersedes the decision (issue 7.3) ------------------------------------------


async def test_an_upheld_objection_supersedes_the_approval(
    client: AsyncClient, admin: Actor, school: Actor, approved: dict[str, Any]
) -> None:
    before = (await client.get(f"/api/v1/applications/{approved['id']}/decision", headers=school.headers)).json()
    assert before["decision"] == "approved" and before["in_force"] is True and before["superseded_at"] is None
    notice = await published_notice(client, admin, approved)
    ticket = (await object_to(client, notice, approved)).json()["ticket"]
    items = (await client.get("/api/v1/objections", headers=admin.headers, params={"notice_id": notice["id"]})).json()["items"]
    objection_id = next(o["id"] for o in items if o["ticket"] == ticket)
    r = await client.post(
        f"/api/v1/objections/{objection_id}/decision", headers=admin.headers, json={"decision": "uphold", "reason": "实训场地为临时租用"}
    )
    assert r.status_code == 200, r.text
    for who in (admin, school):
        after = (await client.get(f"/api/v1/applications/{approved['id']}/decision", headers=who.headers)).json()
        assert after["decision"] == "approved" and after["admin_opinion"] == before["admin_opinion"]
        assert after["in_force"] is False and after["superseded_at"] is not None
        assert after["superseded_reason"] == "公示异议成立：实训场地为临时租用" and after["superseded_by_objection_id"] == objection_id
    assert (await client.get(f"/api/v1/applications/{approved['id']}", headers=school.headers)).json()["status"] == "rejected"


async def test_a_dismissed_objection_leaves_the_approval_in_force(client: AsyncClient, admin: Actor, approved: dict[str, Any]) -> None:
    notice = await published_notice(client, admin, approved)
    await object_to(client, notice, approved)
    objection_id = (await client.get("/api/v1/objections", headers=admin.headers, params={"notice_id": notice["id"]})).json()["items"][0][
        "id"
    ]
    r = await client.post(
        f"/api/v1/objections/{objection_id}/decision", headers=admin.headers, json={"decision": "dismiss", "reason": "不成立"}
    )
    assert r.status_code == 200
    decision = (await client.get(f"/api/v1/applications/{approved['id']}/decision", headers=admin.headers)).json()
    assert decision["in_force"] is True and decision["superseded_reason"] is None
