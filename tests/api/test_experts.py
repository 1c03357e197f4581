"""The expert pool (/experts), disabling accounts (/users/{id}/disable) and administrators (/admins)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import AuditEvent, Expert, User
from tests import factories
from tests.factories import PASSWORD, Actor
from tests.flows import current

EXPERTS = "/api/v1/experts"


def expert_payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "赵专家",
        "email": f"expert-{uuid.uuid4().hex[:8]}@example.cn",
        "password": "Expert-Password-2026",
        "organization_name": "北京市工贸技师学院",
        "title": "正高级讲师",
        "specialties": ["数控车工", "钳工"],
        "mobile": "13911112222",
    }
    data.update(overrides)
    return data


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


def bearer(tokens: Response) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


async def audit_events(session: AsyncSession, action: str, target_id: object) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.action == action, AuditEvent.target_id == str(target_id))
    return list((await session.scalars(stmt)).all())


async def new_expert(session: AsyncSession, specialties: list[str]) -> Expert:
    u = await factories.user(session, role="expert")
    return await factories.expert_profile(session, u, specialties=specialties)


# --- creating and reading experts -------------------------------------------------------------------


async def test_admin_creates_an_expert_who_logs_in_as_expert(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    payload = expert_payload(email=f"New-Expert-{uuid.uuid4().hex[:6]}@Example.cn")
    r = await client.post(EXPERTS, headers=admin.headers, json=payload)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["email"] == payload["email"].lower()
    assert created["specialties"] == ["数控车工", "钳工"] and created["is_active"] is True
    assert "password" not in created

    tokens = await login(client, payload["email"], payload["password"])
    assert tokens.status_code == 200, tokens.text
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    assert me["user"]["role"] == "expert"
    assert me["user"]["full_name"] == "赵专家"
    assert me["expert"]["id"] == created["id"] and me["expert"]["user_id"] == me["user"]["id"]
    assert me["organization"] is None
    assert "expert:manage" not in me["permissions"]

    [event] = await audit_events(session, "expert.created", created["id"])
    assert event.actor_id == admin.user.id

    r = await client.get(f"{EXPERTS}/{created['id']}", headers=admin.headers)
    assert r.status_code == 200 and r.json()["email"] == created["email"]


async def test_creating_an_expert_with_a_taken_email_is_refused(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor, expert: Actor
) -> None:
    for taken in (applicant.email.upper(), expert.email, admin.email):
        r = await client.post(EXPERTS, headers=admin.headers, json=expert_payload(email=taken))
        assert r.status_code == 409, taken
        assert r.json()["error"]["code"] == "EMAIL_TAKEN"
    assert (await session.scalars(select(Expert).where(Expert.email == applicant.email.lower()))).first() is None


@pytest.mark.parametrize(
    "override",
    [{"specialties": []}, {"password": "short"}, {"mobile": "12345"}, {"email": "not-an-email"}, {"role": "admin"}],
)
async def test_creating_an_expert_with_invalid_data_is_refused(client: AsyncClient, admin: Actor, override: dict) -> None:
    r = await client.post(EXPERTS, headers=admin.headers, json=expert_payload(**override))
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "VALIDATION_ERROR"


async def test_creating_an_expert_with_only_blank_specialties_is_refused(client: AsyncClient, admin: Actor) -> None:
    r = await client.post(EXPERTS, headers=admin.headers, json=expert_payload(specialties=["  ", ""]))
    assert r.status_code == 422


async def test_list_searches_specialties_and_filters_on_is_active(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    tag = uuid.uuid4().hex[:8]
    welder = await new_expert(session, [f"特种焊接{tag}", "数控车工"])
    cook = await new_expert(session, [f"中式烹调{tag}"])
    cook.is_active = False
    await session.commit()

    async def ids(**params: Any) -> list[str]:
        r = await client.get(EXPERTS, headers=admin.headers, params=params)
        assert r.status_code == 200, r.text
        assert r.json()["total"] == len(r.json()["items"])
        return [i["id"] for i in r.json()["items"]]

    assert await ids(q=f"焊接{tag}") == [str(welder.id)]
    assert await ids(q=f"烹调{tag.upper()}") == [str(cook.id)]  # case-insensitive
    assert set(await ids(q=tag)) == {str(welder.id), str(cook.id)}
    assert await ids(q=tag, is_active="true") == [str(welder.id)]
    assert await ids(q=tag, is_active="false") == [str(cook.id)]
    assert await ids(q=f"nobody-{tag}") == []


async def test_admin_get_of_an_unknown_expert_is_not_found(client: AsyncClient, admin: Actor) -> None:
    r = await client.get(f"{EXPERTS}/{uuid.uuid4()}", headers=admin.headers)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "NOT_FOUND"
    r = await client.patch(f"{EXPERTS}/{uuid.uuid4()}", headers={**admin.headers, "If-Match": '"1"'}, json={"title": "教授"})
    assert r.status_code == 404


ROUTES = [
    ("GET", "", None),
    ("POST", "", "payload"),
    ("GET", "/{id}", None),
    ("PATCH", "/{id}", {"title": "教授"}),
    ("PATCH", "/{id}", {"is_active": False}),
]


@pytest.mark.parametrize("role", ["applicant", "expert"])
@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES)
async def test_non_admin_is_forbidden_on_every_expert_route(
    client: AsyncClient, applicant: Actor, expert: Actor, role: str, method: str, suffix: str, body: Any
) -> None:
    caller = {"applicant": applicant, "expert": expert}[role]
    url = EXPERTS + suffix.format(id=expert.expert.id)  # type: ignore[union-attr]
    r = await client.request(method, url, headers=caller.headers, json=expert_payload() if body == "payload" else body)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "PERMISSION_DENIED"
    assert r.json()["error"]["details"] == {"required": "expert:manage"}
    assert (await client.get("/api/v1/me", headers=expert.headers)).status_code == 200  # the expert is untouched


# --- updating and deactivating experts --------------------------------------------------------------


async def test_patch_updates_the_expert_and_its_account(client: AsyncClient, session: AsyncSession, admin: Actor, expert: Actor) -> None:
    changes = {"name": "钱专家", "title": "高级技师", "specialties": ["电工", "电工", " 焊工 "], "mobile": "13322223333"}
    r = await client.patch(
        f"{EXPERTS}/{expert.expert.id}", headers=await current(client, admin, f"{EXPERTS}/{expert.expert.id}"), json=changes
    )  # type: ignore[union-attr]
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "钱专家" and r.json()["title"] == "高级技师"
    assert r.json()["specialties"] == ["电工", "焊工"] and r.json()["mobile"] == "13322223333"
    me = (await client.get("/api/v1/me", headers=expert.headers)).json()
    assert me["user"]["full_name"] == "钱专家" and me["user"]["mobile"] == "13322223333"
    assert me["expert"]["title"] == "高级技师"
    [event] = await audit_events(session, "expert.updated", expert.expert.id)  # type: ignore[union-attr]
    assert event.details == {"fields": ["mobile", "name", "specialties", "title"]}


async def test_patch_is_active_false_revokes_the_experts_token_and_login(
    client: AsyncClient, session: AsyncSession, admin: Actor, expert: Actor
) -> None:
    assert (await client.get("/api/v1/me", headers=expert.headers)).status_code == 200
    r = await client.patch(
        f"{EXPERTS}/{expert.expert.id}", headers=await current(client, admin, f"{EXPERTS}/{expert.expert.id}"), json={"is_active": False}
    )  # type: ignore[union-attr]
    assert r.status_code == 200, r.text
    assert r.json()["is_active"] is False

    r = await client.get("/api/v1/me", headers=expert.headers)
    assert r.status_code == 401
    r = await login(client, expert.email)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "INVALID_CREDENTIALS"
    [event] = await audit_events(session, "expert.deactivated", expert.expert.id)  # type: ignore[union-attr]
    assert event.actor_id == admin.user.id
    listed = (await client.get(EXPERTS, headers=admin.headers, params={"is_active": "false", "limit": 100})).json()
    assert str(expert.expert.id) in {e["id"] for e in listed["items"]}  # type: ignore[union-attr]

    r = await client.patch(
        f"{EXPERTS}/{expert.expert.id}", headers=await current(client, admin, f"{EXPERTS}/{expert.expert.id}"), json={"is_active": True}
    )  # type: ignore[union-attr]
    assert r.status_code == 200 and r.json()["is_active"] is True
    assert (await login(client, expert.email)).status_code == 200
    assert (await client.get("/api/v1/me", headers=expert.headers)).status_code == 401  # the old token stays revoked
    assert len(await audit_events(session, "expert.activated", expert.expert.id)) == 1  # type: ignore[union-attr]


async def test_patch_to_a_taken_email_is_refused(client: AsyncClient, admin: Actor, expert: Actor, applicant: Actor) -> None:
    r = await client.patch(
        f"{EXPERTS}/{expert.expert.id}",
        headers=await current(client, admin, f"{EXPERTS}/{expert.expert.id}"),
        json={"email": applicant.email.upper()},
    )  # type: ignore[union-attr]
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "EMAIL_TAKEN"
    # ...while a free address is taken, lower-cased, for the record and the login alike
    free = f"Free-{uuid.uuid4().hex[:6]}@Example.cn"
    r = await client.patch(
        f"{EXPERTS}/{expert.expert.id}", headers=await current(client, admin, f"{EXPERTS}/{expert.expert.id}"), json={"email": free}
    )  # type: ignore[union-attr]
    assert r.status_code == 200 and r.json()["email"] == free.lower()
    assert (await login(client, free)).status_code == 200
    assert (await login(client, expert.email)).status_code == 401


# --- disabling accounts -----------------------------------------------------------------------------


async def test_disable_user_revokes_its_token_and_is_audited(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor
) -> None:
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 200
    r = await client.post(f"/api/v1/users/{applicant.user.id}/disable", headers=admin.headers, json={"reason": "单位申请注销"})
    assert r.status_code == 200, r.text
    assert r.json()["is_active"] is False

    r = await client.get("/api/v1/me", headers=applicant.headers)
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "INVALID_TOKEN"
    r = await login(client, applicant.email)
    assert r.status_code == 401 and r.json()["error"]["code"] == "INVALID_CREDENTIALS"

    [event] = await audit_events(session, "user.disabled", applicant.user.id)
    assert event.actor_id == admin.user.id and event.reason == "单位申请注销"

    r = await client.post(f"/api/v1/users/{applicant.user.id}/enable", headers=admin.headers, json={"reason": "恢复"})
    assert r.status_code == 200 and r.json()["is_active"] is True
    assert (await login(client, applicant.email)).status_code == 200
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 401  # the old token stays revoked
    assert len(await audit_events(session, "user.enabled", applicant.user.id)) == 1


async def test_disabling_an_experts_account_deactivates_the_expert_record(
    client: AsyncClient, session: AsyncSession, admin: Actor, expert: Actor
) -> None:
    r = await client.post(f"/api/v1/users/{expert.user.id}/disable", headers=admin.headers, json={"reason": "离职"})
    assert r.status_code == 200
    record = (await client.get(f"{EXPERTS}/{expert.expert.id}", headers=admin.headers)).json()  # type: ignore[union-attr]
    assert record["is_active"] is False


async def test_admin_cannot_disable_self(client: AsyncClient, admin: Actor) -> None:
    r = await client.post(f"/api/v1/users/{admin.user.id}/disable", headers=admin.headers, json={"reason": "误操作"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "CANNOT_DISABLE_SELF"
    assert (await client.get("/api/v1/me", headers=admin.headers)).status_code == 200


async def test_disable_needs_a_reason_and_an_existing_user(client: AsyncClient, admin: Actor, applicant: Actor) -> None:
    for body in ({}, {"reason": ""}, {"reason": "   "}):
        r = await client.post(f"/api/v1/users/{applicant.user.id}/disable", headers=admin.headers, json=body)
        assert r.status_code == 422, body
    r = await client.post(f"/api/v1/users/{uuid.uuid4()}/disable", headers=admin.headers, json={"reason": "x"})
    assert r.status_code == 404
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 200


@pytest.mark.parametrize("role", ["applicant", "expert"])
async def test_non_admin_cannot_disable_users(
    client: AsyncClient, applicant: Actor, expert: Actor, other_applicant: Actor, role: str
) -> None:
    caller = {"applicant": applicant, "expert": expert}[role]
    r = await client.post(f"/api/v1/users/{other_applicant.user.id}/disable", headers=caller.headers, json={"reason": "x"})
    assert r.status_code == 403
    assert (await client.get("/api/v1/me", headers=other_applicant.headers)).status_code == 200


# --- administrators ---------------------------------------------------------------------------------


async def test_admin_creates_an_admin_who_can_log_in(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    data = {"full_name": "孙管理员", "email": f"Admin-{uuid.uuid4().hex[:6]}@Example.cn", "password": "Admin-Password-2026"}
    r = await client.post("/api/v1/admins", headers=admin.headers, json=data)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["role"] == "admin" and created["organization_id"] is None and created["email"] == data["email"].lower()

    tokens = await login(client, data["email"], data["password"])
    assert tokens.status_code == 200, tokens.text
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    assert me["user"]["id"] == created["id"] and me["user"]["role"] == "admin"
    assert "admin:manage" in me["permissions"]

    listed = (await client.get("/api/v1/admins", headers=admin.headers, params={"limit": 100})).json()
    assert created["id"] in {u["id"] for u in listed["items"]}
    [event] = await audit_events(session, "admin.created", created["id"])
    assert event.actor_id == admin.user.id

    r = await client.post("/api/v1/admins", headers=admin.headers, json={**data, "email": data["email"].upper()})
    assert r.status_code == 409 and r.json()["error"]["code"] == "EMAIL_TAKEN"


@pytest.mark.parametrize("role", ["applicant", "expert"])
async def test_non_admin_cannot_create_or_list_admins(
    client: AsyncClient, session: AsyncSession, applicant: Actor, expert: Actor, role: str
) -> None:
    caller = {"applicant": applicant, "expert": expert}[role]
    email = f"sneaky-{uuid.uuid4().hex[:6]}@example.cn"
    r = await client.post("/api/v1/admins", headers=caller.headers, json={"full_name": "x", "email": email, "password": PASSWORD})
    assert r.status_code == 403
    assert (await client.get("/api/v1/admins", headers=caller.headers)).status_code == 403
    assert (await session.scalars(select(User).where(User.email == email))).first() is None


async def test_admin_created_with_extra_fields_is_refused(client: AsyncClient, admin: Actor) -> None:
    data = {"full_name": "x", "email": f"a-{uuid.uuid4().hex[:6]}@example.cn", "password": PASSWORD, "role": "applicant"}
    r = await client.post("/api/v1/admins", headers=admin.headers, json=data)
    assert r.status_code == 422


# --- the expert's employer (issue 7.2) --------------------------------------------------------------


async def test_an_expert_links_to_a_registered_organisation_and_a_valid_credit_code(
    client: AsyncClient, session: AsyncSession, admin: Actor
) -> None:
    employer = await factories.organization(session)
    code = factories.credit_code()
    r = await client.post(
        EXPERTS, headers=admin.headers, json=expert_payload(organization_id=str(employer.id), organization_credit_code=code.lower())
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["organization_id"] == str(employer.id) and created["organization_credit_code"] == code
    cleared = await client.patch(
        f"{EXPERTS}/{created['id']}",
        headers={**admin.headers, "If-Match": r.headers["ETag"]},
        json={"organization_id": None, "organization_credit_code": ""},
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["organization_id"] is None and cleared.json()["organization_credit_code"] is None
    assert cleared.json()["organization_name"] == "北京市工贸技师学院"  # untouched


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"organization_credit_code": "91110113MA00000031"}, "organization_credit_code"),  # wrong check character
        ({"organization_credit_code": "123"}, "organization_credit_code"),
        ({"organization_id": str(uuid.uuid4())}, "organization_id"),
    ],
)
async def test_an_invalid_employer_link_is_refused(client: AsyncClient, admin: Actor, override: dict[str, str], field: str) -> None:
    r = await client.post(EXPERTS, headers=admin.headers, json=expert_payload(**override))
    assert r.status_code == 422, r.text
    assert field in {d["field"] for d in r.json()["error"]["details"]}


# --- optimistic concurrency on the expert record -------------------------------------------------------


async def test_expert_edit_needs_the_current_version_and_keeps_the_account_in_step(
    client: AsyncClient, admin: Actor, expert: Actor
) -> None:
    url = f"{EXPERTS}/{expert.expert.id}"  # type: ignore[union-attr]
    read = await client.get(url, headers=admin.headers)
    assert read.headers["ETag"] == f'"{read.json()["version"]}"' == '"1"'
    missing = await client.patch(url, headers=admin.headers, json={"title": "教授"})
    assert missing.status_code == 428 and missing.json()["error"]["code"] == "IF_MATCH_REQUIRED"
    first = await client.patch(url, headers={**admin.headers, "If-Match": read.headers["ETag"]}, json={"title": "教授"})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    # a second administrator still holding version 1 loses nothing silently
    lost = await client.patch(url, headers={**admin.headers, "If-Match": read.headers["ETag"]}, json={"title": "讲师"})
    assert lost.status_code == 412 and lost.json()["error"]["details"] == {"current_version": 2, "your_version": 1}
    assert (await client.get(url, headers=admin.headers)).json()["title"] == "教授"
    # the expert's own profile changed with the record (name, mobile, e-mail): a form open on the old one is stale
    profile = await client.get("/api/v1/me", headers=expert.headers)
    renamed = await client.patch(url, headers={**admin.headers, "If-Match": '"2"'}, json={"name": "孙专家"})
    assert renamed.status_code == 200
    r = await client.patch("/api/v1/me", headers={**expert.headers, "If-Match": profile.headers["ETag"]}, json={"mobile": "13800001111"})
    assert r.status_code == 412
    assert (await client.get("/api/v1/me", headers=expert.headers)).json()["user"]["full_name"] == "孙专家"


async def test_an_experts_own_profile_edit_makes_the_pool_record_stale(client: AsyncClient, admin: Actor, expert: Actor) -> None:
    url = f"{EXPERTS}/{expert.expert.id}"  # type: ignore[union-attr]
    held = (await client.get(url, headers=admin.headers)).headers["ETag"]
    r = await client.patch("/api/v1/me", headers=await current(client, expert, "/api/v1/me"), json={"full_name": "周专家"})
    assert r.status_code == 200
    r = await client.patch(url, headers={**admin.headers, "If-Match": held}, json={"name": "吴专家"})
    assert r.status_code == 412
    assert (await client.get(url, headers=admin.headers)).json()["name"] == "周专家"
