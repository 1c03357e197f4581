"""Organisations: public registration, verification by an administrator, listing, and an organisation's users."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.models import AuditEvent, Notification, Organization, OutboxMessage, User
from tests import factories
from tests.factories import PASSWORD, Actor

REGISTER = "/api/v1/public/organizations"
ORGS = "/api/v1/organizations"


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


def bearer(tokens: Response) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


async def audit_events(session: AsyncSession, action: str, target_id: object) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.action == action, AuditEvent.target_id == str(target_id))
    return list((await session.scalars(stmt)).all())


async def organization_count(session: AsyncSession, credit_code: str) -> int:
    return int(await session.scalar(select(func.count()).where(Organization.credit_code == credit_code)) or 0)


async def user_count(session: AsyncSession, email: str) -> int:
    return int(await session.scalar(select(func.count()).where(func.lower(User.email) == email.lower())) or 0)


def new_user(**overrides: Any) -> dict[str, Any]:
    data = {"full_name": "新成员", "email": f"member-{uuid.uuid4().hex[:8]}@example.cn", "mobile": "13800000000", "password": PASSWORD}
    data.update(overrides)
    return data


# --- public registration ----------------------------------------------------------------------------


async def test_registration_creates_a_pending_organization_whose_first_user_is_its_owner(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = factories.registration_payload()
    r = await client.post(REGISTER, json=payload)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["warnings"] == [] and body["organization_name"] == payload["organization"]["name"]
    org = (await client.get("/api/v1/me", headers=bearer(await login(client, payload["user"]["email"])))).json()["organization"]
    assert org["status"] == "pending"
    assert org["credit_code"] == payload["organization"]["credit_code"]
    assert org["decided_at"] is None

    tokens = await login(client, payload["user"]["email"])
    assert tokens.status_code == 200, tokens.text
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    assert me["user"]["role"] == "applicant"
    assert me["user"]["is_org_owner"] is True
    assert me["organization"]["id"] == org["id"]
    assert "organization:manage_users" in me["permissions"]

    [event] = await audit_events(session, "organization.registered", org["id"])
    assert event.actor_id == uuid.UUID(me["user"]["id"])


async def test_registration_normalizes_a_credit_code_typed_in_lower_case_with_a_space(client: AsyncClient, session: AsyncSession) -> None:
    payload = factories.registration_payload()
    code = payload["organization"]["credit_code"]
    payload["organization"]["credit_code"] = f"{code[:8]} {code[8:]}".lower()
    r = await client.post(REGISTER, json=payload)
    assert r.status_code == 202, r.text
    assert await organization_count(session, code) == 1


async def test_registration_with_a_wrong_check_character_is_refused_with_a_chinese_message(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = factories.registration_payload()
    code = payload["organization"]["credit_code"]
    changed = "1" if code[10] != "1" else "2"  # one character of the organisation code changed
    payload["organization"]["credit_code"] = code[:10] + changed + code[11:]

    r = await client.post(REGISTER, json=payload)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    [detail] = [d for d in error["details"] if d["field"] == "organization.credit_code"]
    assert "统一社会信用代码" in detail["message"] and "校验位" in detail["message"]
    assert await user_count(session, payload["user"]["email"]) == 0


async def test_registration_outside_shunyi_is_accepted_with_a_division_warning(client: AsyncClient, session: AsyncSession) -> None:
    payload = factories.registration_payload()
    payload["organization"]["credit_code"] = factories.credit_code(division="110105")
    r = await client.post(REGISTER, json=payload)
    assert r.status_code == 202, r.text
    [warning] = r.json()["warnings"]
    assert warning["code"] == "CREDIT_CODE_DIVISION"
    assert "110105" in warning["message"]
    status = await session.scalar(select(Organization.status).where(Organization.credit_code == payload["organization"]["credit_code"]))
    assert status == "pending"


async def test_registration_with_a_taken_credit_code_is_refused(client: AsyncClient, session: AsyncSession) -> None:
    first = factories.registration_payload()
    assert (await client.post(REGISTER, json=first)).status_code == 202
    second = factories.registration_payload()
    second["organization"]["credit_code"] = first["organization"]["credit_code"]

    r = await client.post(REGISTER, json=second)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "CREDIT_CODE_TAKEN"
    assert await user_count(session, second["user"]["email"]) == 0


async def test_registration_does_not_reveal_that_an_email_has_an_account(client: AsyncClient, session: AsyncSession) -> None:
    first = factories.registration_payload()
    assert (await client.post(REGISTER, json=first)).status_code == 202
    taken = factories.registration_payload(email=first["user"]["email"].upper(), password="Somebody-else-2026")
    fresh = factories.registration_payload(password="Somebody-else-2026")
    for payload in (taken, fresh):  # same organisation name, so the answers can be compared whole
        payload["organization"]["name"] = "某某职业技能培训学校"

    r_taken = await client.post(REGISTER, json=taken)
    r_fresh = await client.post(REGISTER, json=fresh)
    assert r_taken.status_code == r_fresh.status_code == 202
    assert {**r_taken.json(), "email": None} == {**r_fresh.json(), "email": None}
    assert r_taken.json()["email"] == taken["user"]["email"].lower()

    # nothing was created for the taken e-mail, the account is untouched, and its holder is told by e-mail
    assert await organization_count(session, taken["organization"]["credit_code"]) == 0
    assert await user_count(session, first["user"]["email"]) == 1
    assert (await login(client, first["user"]["email"], PASSWORD)).status_code == 200
    assert (await login(client, first["user"]["email"], "Somebody-else-2026")).status_code == 401
    mails = (await session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == first["user"]["email"]))).all()
    assert any("尝试" in m.subject for m in mails)
    # the new e-mail got its account and a confirmation
    assert await organization_count(session, fresh["organization"]["credit_code"]) == 1
    assert (await session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == fresh["user"]["email"]))).all()


@pytest.mark.parametrize(
    ("section", "field", "value"),
    [
        ("organization", "status", "verified"),
        ("organization", "status_reason", None),
        ("organization", "decided_by_id", "EXISTING_USER"),
        ("user", "organization_id", "EXISTING_ORG"),
        ("user", "role", "admin"),
        ("user", "is_org_owner", False),
        ("user", "is_active", True),
        (None, "status", "verified"),
    ],
)
async def test_registration_with_extra_fields_is_refused_and_creates_nothing(
    client: AsyncClient, session: AsyncSession, applicant: Actor, section: str | None, field: str, value: Any
) -> None:
    """Mass assignment: a client cannot set status, ownership or membership of an existing organisation."""
    value = {"EXISTING_ORG": str(applicant.organization.id), "EXISTING_USER": str(applicant.user.id)}.get(value, value)  # type: ignore[union-attr]
    payload = factories.registration_payload()
    (payload[section] if section else payload)[field] = value

    r = await client.post(REGISTER, json=payload)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert {"field": f"{section}.{field}" if section else field, "code": "extra_forbidden", "message": "不允许的字段"} in error["details"]
    assert await organization_count(session, payload["organization"]["credit_code"]) == 0
    assert await user_count(session, payload["user"]["email"]) == 0


# --- verification -----------------------------------------------------------------------------------


async def test_approve_verifies_the_organization_audits_and_notifies_every_active_user(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor
) -> None:
    org = await factories.organization(session, status="pending")
    owner = await factories.user(session, role="applicant", org=org)
    member = await factories.user(session, role="applicant", org=org, owner=False)
    disabled = await factories.user(session, role="applicant", org=org, owner=False)
    disabled.is_active = False
    await session.commit()

    r = await client.post(f"{ORGS}/{org.id}/verification", headers=admin.headers, json={"decision": "approve"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "verified"
    assert r.json()["decided_at"] is not None

    await session.refresh(org)
    assert org.status == "verified" and org.decided_at is not None and org.decided_by_id == admin.user.id
    [event] = await audit_events(session, "organization.verified", org.id)
    assert event.actor_id == admin.user.id and event.actor_role == "admin"

    for u, expected in ((owner, ["organization.verified"]), (member, ["organization.verified"]), (disabled, [])):
        kinds = (await session.scalars(select(Notification.kind).where(Notification.user_id == u.id))).all()
        assert list(kinds) == expected
    others = await session.scalar(select(func.count()).where(Notification.user_id == applicant.user.id))
    assert others == 0


@pytest.mark.parametrize("body", [{"decision": "reject"}, {"decision": "reject", "reason": "   "}, {"decision": "reject", "reason": None}])
async def test_reject_without_reason_is_refused(client: AsyncClient, session: AsyncSession, admin: Actor, body: dict) -> None:
    org = await factories.organization(session, status="pending")
    r = await client.post(f"{ORGS}/{org.id}/verification", headers=admin.headers, json=body)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "VALIDATION_ERROR"
    assert any(d["message"] == "驳回时必须填写理由" for d in r.json()["error"]["details"])
    await session.refresh(org)
    assert org.status == "pending"


async def test_reject_with_reason_records_the_reason(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    org = await factories.organization(session, status="pending")
    owner = await factories.user(session, role="applicant", org=org)

    r = await client.post(f"{ORGS}/{org.id}/verification", headers=admin.headers, json={"decision": "reject", "reason": "营业执照不清晰"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "rejected"
    assert r.json()["status_reason"] == "营业执照不清晰"

    [event] = await audit_events(session, "organization.rejected", org.id)
    assert event.reason == "营业执照不清晰" and event.actor_id == admin.user.id
    [note] = (await session.scalars(select(Notification).where(Notification.user_id == owner.id))).all()
    assert note.kind == "organization.rejected" and "营业执照不清晰" in note.body


@pytest.mark.parametrize("status", ["verified", "rejected"])
async def test_deciding_an_organization_that_is_not_pending_is_refused(
    client: AsyncClient, session: AsyncSession, admin: Actor, status: str
) -> None:
    org = await factories.organization(session, status=status)
    for body in ({"decision": "approve"}, {"decision": "reject", "reason": "再次审核"}):
        r = await client.post(f"{ORGS}/{org.id}/verification", headers=admin.headers, json=body)
        assert r.status_code == 409
        assert r.json()["error"]["code"] == "ORGANIZATION_NOT_PENDING"
    await session.refresh(org)
    assert org.status == status
    assert await audit_events(session, f"organization.{status}", org.id) == []


async def test_deciding_an_unknown_organization_is_not_found(client: AsyncClient, admin: Actor) -> None:
    r = await client.post(f"{ORGS}/{uuid.uuid4()}/verification", headers=admin.headers, json={"decision": "approve"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("role", ["applicant", "expert"])
async def test_only_an_administrator_may_decide_verification(
    client: AsyncClient, session: AsyncSession, applicant: Actor, expert: Actor, role: str
) -> None:
    caller = {"applicant": applicant, "expert": expert}[role]
    org = await factories.organization(session, status="pending")
    for target in (org.id, applicant.organization.id):  # type: ignore[union-attr]
        r = await client.post(f"{ORGS}/{target}/verification", headers=caller.headers, json={"decision": "approve"})
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "PERMISSION_DENIED"
    await session.refresh(org)
    assert org.status == "pending"


# --- listing ----------------------------------------------------------------------------------------


async def test_admin_list_filters_by_status(client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor) -> None:
    pending = await factories.organization(session, status="pending")
    rejected = await factories.organization(session, status="rejected")

    r = await client.get(ORGS, headers=admin.headers, params={"status": "pending", "limit": 100})
    assert r.status_code == 200
    body = r.json()
    ids = {i["id"] for i in body["items"]}
    assert str(pending.id) in ids
    assert str(rejected.id) not in ids and str(applicant.organization.id) not in ids  # type: ignore[union-attr]
    assert {i["status"] for i in body["items"]} == {"pending"}
    assert body["total"] == len(body["items"])

    r = await client.get(ORGS, headers=admin.headers, params={"limit": 100})
    assert {str(pending.id), str(rejected.id), str(applicant.organization.id)} <= {i["id"] for i in r.json()["items"]}  # type: ignore[union-attr]


async def test_admin_list_searches_name_and_credit_code(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    org = await factories.organization(session, name=f"顺义检索测试单位{uuid.uuid4().hex[:6]}")
    for q in (org.name[-10:], org.credit_code[-8:].lower()):
        r = await client.get(ORGS, headers=admin.headers, params={"q": q})
        assert [i["id"] for i in r.json()["items"]] == [str(org.id)], q


async def test_applicant_list_sees_only_its_own_organization(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    await factories.organization(session, status="pending")
    r = await client.get(ORGS, headers=applicant.headers)
    assert r.status_code == 200
    assert r.json()["total"] == 1
    assert [i["id"] for i in r.json()["items"]] == [str(applicant.organization.id)]  # type: ignore[union-attr]

    r = await client.get(ORGS, headers=applicant.headers, params={"status": "pending"})
    assert r.json()["total"] == 0 and r.json()["items"] == []


# --- an organisation's users ------------------------------------------------------------------------


async def test_owner_adds_a_user_who_can_log_in(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    org_id = applicant.organization.id  # type: ignore[union-attr]
    data = new_user()
    r = await client.post(f"{ORGS}/{org_id}/users", headers=applicant.headers, json=data)
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["role"] == "applicant" and added["is_org_owner"] is False and added["organization_id"] == str(org_id)
    assert "password" not in added and "password_hash" not in added

    tokens = await login(client, data["email"].upper())
    assert tokens.status_code == 200, tokens.text
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    assert me["organization"]["id"] == str(org_id)
    assert "organization:manage_users" not in me["permissions"]

    listed = (await client.get(f"{ORGS}/{org_id}/users", headers=applicant.headers)).json()
    assert [u["id"] for u in listed["items"]] == [str(applicant.user.id), added["id"]]

    [event] = await audit_events(session, "organization.user_added", added["id"])
    assert event.actor_id == applicant.user.id
    assert event.details["organization_id"] == str(org_id)


async def test_owner_cannot_add_a_user_with_a_taken_email(client: AsyncClient, applicant: Actor, expert: Actor) -> None:
    r = await client.post(
        f"{ORGS}/{applicant.organization.id}/users",  # type: ignore[union-attr]
        headers=applicant.headers,
        json=new_user(email=expert.email.upper()),
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "EMAIL_TAKEN"


async def test_non_owner_member_cannot_add_users(client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor) -> None:
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    data = new_user()
    r = await client.post(f"{ORGS}/{applicant.organization.id}/users", headers=member.headers, json=data)  # type: ignore[union-attr]
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "PERMISSION_DENIED"
    assert await user_count(session, data["email"]) == 0


async def test_non_owner_member_cannot_remove_users(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor
) -> None:
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    r = await client.delete(f"{ORGS}/{applicant.organization.id}/users/{applicant.user.id}", headers=member.headers)  # type: ignore[union-attr]
    assert r.status_code == 403
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 200


async def test_removed_member_loses_its_token_and_its_login(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor
) -> None:
    org_id = applicant.organization.id  # type: ignore[union-attr]
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    assert (await client.get("/api/v1/me", headers=member.headers)).status_code == 200
    assert (await login(client, member.email)).status_code == 200

    r = await client.delete(f"{ORGS}/{org_id}/users/{member.user.id}", headers=applicant.headers)
    assert r.status_code == 204
    assert r.content == b""

    r = await client.get("/api/v1/me", headers=member.headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "INVALID_TOKEN"
    r = await login(client, member.email)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "INVALID_CREDENTIALS"

    listed = (await client.get(f"{ORGS}/{org_id}/users", headers=applicant.headers)).json()
    assert [u["id"] for u in listed["items"]] == [str(applicant.user.id)]
    [event] = await audit_events(session, "organization.user_removed", member.user.id)
    assert event.actor_id == applicant.user.id
    assert (await client.delete(f"{ORGS}/{org_id}/users/{member.user.id}", headers=applicant.headers)).status_code == 404


async def test_a_removed_members_email_can_be_used_again(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor
) -> None:
    org_id = applicant.organization.id  # type: ignore[union-attr]
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    assert (await client.delete(f"{ORGS}/{org_id}/users/{member.user.id}", headers=applicant.headers)).status_code == 204
    r = await client.post(f"{ORGS}/{org_id}/users", headers=applicant.headers, json=new_user(email=member.email))
    assert r.status_code == 201, r.text
    assert (await login(client, member.email)).status_code == 200


async def test_owner_cannot_remove_self(client: AsyncClient, applicant: Actor) -> None:
    r = await client.delete(f"{ORGS}/{applicant.organization.id}/users/{applicant.user.id}", headers=applicant.headers)  # type: ignore[union-attr]
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "CANNOT_REMOVE_SELF"
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 200


async def test_owner_cannot_add_users_to_another_organization(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    data = new_user()
    r = await client.post(f"{ORGS}/{other_applicant.organization.id}/users", headers=applicant.headers, json=data)  # type: ignore[union-attr]
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "NOT_FOUND"
    assert await user_count(session, data["email"]) == 0


async def test_owner_cannot_remove_a_user_of_another_organization(client: AsyncClient, applicant: Actor, other_applicant: Actor) -> None:
    own, other = applicant.organization.id, other_applicant.organization.id  # type: ignore[union-attr]
    for org_id in (own, other):
        r = await client.delete(f"{ORGS}/{org_id}/users/{other_applicant.user.id}", headers=applicant.headers)
        assert r.status_code == 404
    assert (await client.get("/api/v1/me", headers=other_applicant.headers)).status_code == 200


async def test_public_registration_is_throttled_per_address(make_client: Any, settings: Settings) -> None:
    async with make_client(ip="192.0.2.44") as spammer, make_client(ip="192.0.2.45") as other:
        for _ in range(settings.registrations_per_ip_per_hour):
            assert (await spammer.post("/api/v1/public/organizations", json=factories.registration_payload())).status_code == 202
        r = await spammer.post("/api/v1/public/organizations", json=factories.registration_payload())
        assert r.status_code == 429 and r.json()["error"]["code"] == "TOO_MANY_ATTEMPTS"
        assert (await other.post("/api/v1/public/organizations", json=factories.registration_payload())).status_code == 202
