"""Cross-cutting behaviour: the error shape, request ids and headers, health, pagination, the append-only audit trail,
production settings, OpenAPI drift and notifications."""

from __future__ import annotations

import json
import re
import secrets
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import DEV_PERSONAL_DATA_KEY, DEV_SECRET, MIN_SECRET_BITS, MIN_SECRET_LENGTH, Settings, estimated_entropy_bits
from skillbase.db import Database
from skillbase.main import create_app
from skillbase.models import AuditEvent, Notification
from tests.factories import Actor
from tests.flows import current

ROOT = Path(__file__).resolve().parents[2]
PROD_DB = "postgresql+asyncpg://skillbase:secret@db:5432/skillbase"
GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


def assert_error_shape(body: Any, code: str) -> None:
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


# --- the error shape --------------------------------------------------------------------------------


async def test_unauthorized_has_the_error_shape(client: AsyncClient) -> None:
    r = await client.get("/api/v1/me")
    assert r.status_code == 401
    assert_error_shape(r.json(), "UNAUTHORIZED")


async def test_forbidden_has_the_error_shape(client: AsyncClient, applicant: Actor) -> None:
    r = await client.get("/api/v1/experts", headers=applicant.headers)
    assert r.status_code == 403
    assert_error_shape(r.json(), "PERMISSION_DENIED")


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/nothing-here", "/api/v2/me"])
async def test_unknown_route_has_the_error_shape(client: AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 404
    assert_error_shape(r.json(), "NOT_FOUND")


async def test_wrong_method_has_the_error_shape(client: AsyncClient) -> None:
    for method, path in (("DELETE", "/healthz"), ("PUT", "/api/v1/me"), ("GET", "/api/v1/auth/token")):
        r = await client.request(method, path)
        assert r.status_code == 405, f"{method} {path}"
        assert_error_shape(r.json(), "METHOD_NOT_ALLOWED")


async def test_validation_error_has_the_error_shape_with_field_details(client: AsyncClient, admin: Actor) -> None:
    r = await client.get("/api/v1/organizations", headers=admin.headers, params={"limit": 101, "status": "bogus"})
    assert r.status_code == 422
    body = r.json()
    assert_error_shape(body, "VALIDATION_ERROR")
    fields = {d["field"]: d for d in body["error"]["details"]}
    assert set(fields) == {"limit", "status"}
    assert fields["limit"]["message"] == "数值过大"
    assert all(set(d) == {"field", "code", "message"} for d in body["error"]["details"])


async def test_malformed_json_has_the_error_shape(client: AsyncClient) -> None:
    r = await client.post("/api/v1/public/organizations", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert_error_shape(r.json(), "MALFORMED_JSON")


# --- request ids and headers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/healthz", 200),
        ("GET", "/readyz", 200),
        ("GET", "/api/v1/me", 401),
        ("GET", "/api/v1/nope", 404),
        ("DELETE", "/healthz", 405),
        ("POST", "/api/v1/public/organizations", 422),
        ("POST", "/api/v1/auth/token", 422),
    ],
)
async def test_every_response_carries_a_request_id_and_nosniff(client: AsyncClient, method: str, path: str, status: int) -> None:
    r = await client.request(method, path, json={} if method == "POST" else None)
    assert r.status_code == status
    assert GENERATED_ID.match(r.headers["X-Request-ID"]), r.headers
    assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_api_responses_are_not_cached(client: AsyncClient, applicant: Actor) -> None:
    r = await client.get("/api/v1/me", headers=applicant.headers)
    assert r.headers["Cache-Control"] == "no-store"


async def test_each_request_gets_its_own_request_id(client: AsyncClient) -> None:
    ids = {(await client.get("/healthz")).headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


@pytest.mark.parametrize("incoming", ["0123abcd", "req-2026-11-28-abcdef", "A" * 64, str(uuid.uuid4())])
async def test_a_valid_incoming_request_id_is_echoed(client: AsyncClient, incoming: str) -> None:
    r = await client.get("/healthz", headers={"X-Request-ID": incoming})
    assert r.headers["X-Request-ID"] == incoming


@pytest.mark.parametrize("incoming", ["short", "A" * 65, "has space in it", "semi;colon;id", "new\\nline-injection"])
async def test_an_invalid_incoming_request_id_is_replaced(client: AsyncClient, incoming: str) -> None:
    r = await client.get("/healthz", headers={"X-Request-ID": incoming})
    assert r.headers["X-Request-ID"] != incoming
    assert GENERATED_ID.match(r.headers["X-Request-ID"])


async def test_a_non_ascii_incoming_request_id_is_replaced(client: AsyncClient) -> None:
    sent = "\u00c0" * 10  # ten latin-1 'À' bytes, alphanumeric to str.isalnum()
    r = await client.get("/healthz", headers=[(b"X-Request-ID", sent.encode("latin-1"))])
    assert r.headers.raw and GENERATED_ID.match(r.headers["X-Request-ID"]), r.headers.raw


async def test_the_audit_trail_records_the_request_id(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    incoming = f"trace-{uuid.uuid4().hex[:12]}"
    data = {"full_name": "x", "email": f"trace-{uuid.uuid4().hex[:6]}@example.cn", "password": "Trace-Password-2026"}
    r = await client.post("/api/v1/admins", headers={**admin.headers, "X-Request-ID": incoming}, json=data)
    assert r.status_code == 201
    event = (await session.scalars(select(AuditEvent).where(AuditEvent.target_id == r.json()["id"]))).one()
    assert event.request_id == incoming
    assert str(event.ip) == "127.0.0.1"


async def test_an_unexpected_error_answers_500_in_the_error_shape_with_a_request_id(app: FastAPI) -> None:
    async def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/boom-for-test", explode)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.get("/boom-for-test", headers={"X-Request-ID": "trace-500-abcdef"})
    assert r.status_code == 500
    assert_error_shape(r.json(), "INTERNAL_ERROR")
    assert "boom" not in r.text
    assert r.headers.get("X-Request-ID") == "trace-500-abcdef"
    assert r.headers.get("X-Content-Type-Options") == "nosniff"


# --- health -----------------------------------------------------------------------------------------


async def test_healthz_is_ok(client: AsyncClient) -> None:
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


async def test_readyz_is_ready_when_the_database_answers(client: AsyncClient) -> None:
    r = await client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "virus_scan": "disabled"}}
    assert r.headers["Content-Type"] == "application/json"


async def test_readyz_is_503_when_the_database_is_down(settings: Settings) -> None:
    down = Database.from_url("postgresql+asyncpg://nobody:nothing@127.0.0.1:1/none")
    try:
        app = create_app(settings, database=down)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
            r = await c.get("/readyz")
            assert (await c.get("/healthz")).status_code == 200
    finally:
        await down.dispose()
    assert r.status_code == 503
    assert_error_shape(r.json(), "DATABASE_UNAVAILABLE")


# --- pagination -------------------------------------------------------------------------------------


LISTS = [
    "/api/v1/organizations",
    "/api/v1/organizations/{org}/users",
    "/api/v1/experts",
    "/api/v1/admins",
    "/api/v1/audit-events",
    "/api/v1/notifications",
]


@pytest.mark.parametrize("path", LISTS)
async def test_page_size_is_capped_at_100(client: AsyncClient, admin: Actor, applicant: Actor, path: str) -> None:
    url = path.format(org=applicant.organization.id)  # type: ignore[union-attr]
    for params in ({"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "ten"}):
        r = await client.get(url, headers=admin.headers, params=params)
        assert r.status_code == 422, (params, r.text)
        assert_error_shape(r.json(), "VALIDATION_ERROR")

    r = await client.get(url, headers=admin.headers, params={"limit": 100})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["limit"] == 100 and body["offset"] == 0
    assert isinstance(body["total"], int) and body["total"] >= len(body["items"])


async def test_a_list_pages_and_keeps_the_total(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    for i in range(5):
        session.add(Notification(user_id=applicant.user.id, kind="test", title=f"消息{i}", body="正文"))
    await session.commit()

    first = (await client.get("/api/v1/notifications", headers=applicant.headers, params={"limit": 2})).json()
    last = (await client.get("/api/v1/notifications", headers=applicant.headers, params={"limit": 2, "offset": 4})).json()
    assert first["total"] == last["total"] == 5
    assert len(first["items"]) == 2 and len(last["items"]) == 1
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in last["items"]}
    default = (await client.get("/api/v1/notifications", headers=applicant.headers)).json()
    assert default["limit"] == 20 and len(default["items"]) == 5


# --- the audit trail --------------------------------------------------------------------------------


async def _an_audit_event(session: AsyncSession) -> AuditEvent:
    event = AuditEvent(action="test.recorded", reason="原始", details={"n": 1})
    session.add(event)
    await session.commit()
    return event


TAMPERING = [
    "UPDATE audit_events SET reason = 'tampered' WHERE id = :id",
    "UPDATE audit_events SET details = '{}'::jsonb",
    "DELETE FROM audit_events WHERE id = :id",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
]


@pytest.mark.parametrize(
    "statement",
    [
        *TAMPERING,
        "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_events_append_only ON audit_events",
        "CREATE TRIGGER t BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
        "UPDATE application_versions SET form = '{}'::jsonb",
        "DELETE FROM application_versions",
        "CREATE TABLE audit_events_copy (id bigint)",
        "UPDATE alembic_version SET version_num = 'x'",
        "SET session_replication_role = replica",
    ],
)
async def test_the_app_role_cannot_change_or_unprotect_the_audit_log(session: AsyncSession, statement: str) -> None:
    """`session` connects as the app's role (skillbase_app), like the running API and worker: it may add to the
    audit trail and read it, but neither rewrite it nor switch its trigger off (it owns no table)."""
    assert await session.scalar(text("SELECT current_user")) == "skillbase_app"
    event = await _an_audit_event(session)
    with pytest.raises(DBAPIError, match=r"permission denied|must be owner"):
        async with session.begin_nested():
            await session.execute(text(statement), {"id": event.id} if ":id" in statement else {})
    reason = await session.scalar(select(AuditEvent.reason).where(AuditEvent.id == event.id))
    assert reason == "原始"


@pytest.mark.parametrize("statement", TAMPERING)
async def test_the_audit_log_is_append_only_even_for_its_owner(owner_session: AsyncSession, statement: str) -> None:
    event = await _an_audit_event(owner_session)
    with pytest.raises(DBAPIError, match="append-only"):
        async with owner_session.begin_nested():
            await owner_session.execute(text(statement), {"id": event.id} if ":id" in statement else {})
    reason = await owner_session.scalar(select(AuditEvent.reason).where(AuditEvent.id == event.id))
    assert reason == "原始"


async def test_audit_log_refuses_orm_update_and_delete(session: AsyncSession) -> None:
    event = await _an_audit_event(session)
    with pytest.raises(DBAPIError, match="permission denied"):
        async with session.begin_nested():
            event.reason = "tampered"
            await session.flush()
    await session.refresh(event)
    assert event.reason == "原始"
    with pytest.raises(DBAPIError, match="permission denied"):
        async with session.begin_nested():
            await session.delete(event)
            await session.flush()
    assert await session.scalar(select(AuditEvent.id).where(AuditEvent.id == event.id)) == event.id


async def test_admin_lists_audit_events_filtered_by_action(client: AsyncClient, session: AsyncSession, admin: Actor) -> None:
    created = []
    for n in range(2):
        data = {"full_name": f"审计{n}", "email": f"audit-{n}-{uuid.uuid4().hex[:6]}@example.cn", "password": "Audit-Password-2026"}
        r = await client.post("/api/v1/admins", headers=admin.headers, json=data)
        assert r.status_code == 201
        created.append(r.json()["id"])
    changed = await client.patch("/api/v1/me", headers=await current(client, admin, "/api/v1/me"), json={"full_name": "改名"})
    assert changed.status_code == 200  # another action

    r = await client.get("/api/v1/audit-events", headers=admin.headers, params={"action": "admin.created", "limit": 100})
    assert r.status_code == 200
    body = r.json()
    assert {e["action"] for e in body["items"]} == {"admin.created"}
    assert body["total"] == len(body["items"]) == 2
    assert [e["target_id"] for e in body["items"]] == created[::-1]  # newest first
    assert all(e["actor_id"] == str(admin.user.id) and e["actor_role"] == "admin" for e in body["items"])

    r = await client.get("/api/v1/audit-events", headers=admin.headers, params={"target_id": created[0]})
    assert [e["target_id"] for e in r.json()["items"]] == [created[0]]
    r = await client.get("/api/v1/audit-events", headers=admin.headers, params={"actor_id": str(admin.user.id), "limit": 100})
    assert {e["action"] for e in r.json()["items"]} == {"admin.created", "user.profile_updated"}


@pytest.mark.parametrize("role", ["applicant", "expert"])
async def test_only_admins_read_the_audit_log(client: AsyncClient, applicant: Actor, expert: Actor, role: str) -> None:
    caller = {"applicant": applicant, "expert": expert}[role]
    r = await client.get("/api/v1/audit-events", headers=caller.headers)
    assert r.status_code == 403


# --- settings ---------------------------------------------------------------------------------------


RANDOM_SECRET = "q3J9x_Lw2VhT8rKp0ZcYbN5mD-7aFgE4uS1iHoQ6tRy"  # secrets.token_urlsafe(32)


def production(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "production",
        "database_url": PROD_DB,
        "secret_key": RANDOM_SECRET,
        "personal_data_key": RANDOM_SECRET[::-1],
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize("secret", [DEV_SECRET, "short", "x" * (MIN_SECRET_LENGTH - 1)], ids=["default", "short", "31-chars"])
def test_production_refuses_a_default_or_short_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        production(secret_key=secret)


def test_production_refuses_the_default_secret_when_none_is_given() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None, environment="production", database_url=PROD_DB)  # type: ignore[call-arg]


@pytest.mark.parametrize("key", [DEV_PERSONAL_DATA_KEY, "a" * 64], ids=["default", "guessable"])
def test_production_refuses_a_default_or_guessable_personal_data_key(key: str) -> None:
    with pytest.raises(ValidationError, match="PERSONAL_DATA_KEY"):
        production(personal_data_key=key)


def test_production_refuses_a_missing_database_url() -> None:
    with pytest.raises(ValidationError, match="DATABASE_URL"):
        production(database_url=None)


def test_production_accepts_a_random_secret_and_a_database_url() -> None:
    s = production()
    assert s.environment == "production" and s.database_url == PROD_DB
    for _ in range(200):  # what the README tells operators to run, and a 64-character hex key
        for key in (secrets.token_urlsafe(32), secrets.token_urlsafe(48), secrets.token_hex(32)):
            assert production(secret_key=key).secret_key == key


@pytest.mark.parametrize(
    "secret",
    [
        "k" * 40,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
        "Secret123" * 5,
        "0123456789" * 4,
        "password-password-password-password",
        "correct horse battery staple correct horse",
    ],
    ids=["one-char", "alphabet-run", "repeated-phrase", "repeated-digits", "repeated-word", "passphrase-repeat"],
)
def test_production_refuses_a_long_but_guessable_secret(secret: str) -> None:
    assert len(secret) >= MIN_SECRET_LENGTH
    with pytest.raises(ValidationError, match="guessable"):
        production(secret_key=secret)


def test_entropy_estimate_of_random_and_patterned_keys() -> None:
    assert estimated_entropy_bits("") == 0
    assert estimated_entropy_bits("a" * 100) == 0
    assert estimated_entropy_bits(secrets.token_urlsafe(32)) > MIN_SECRET_BITS
    assert estimated_entropy_bits("abcd" * 20) < MIN_SECRET_BITS


def test_development_allows_the_default_secret() -> None:
    assert Settings(_env_file=None, environment="development").secret_key == DEV_SECRET  # type: ignore[call-arg]


# --- OpenAPI drift ----------------------------------------------------------------------------------


def test_committed_openapi_document_matches_the_app(app: FastAPI) -> None:
    committed = (ROOT / "openapi/openapi.json").read_text(encoding="utf-8")
    generated = json.dumps(app.openapi(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    same_document = json.loads(committed) == json.loads(generated)
    assert same_document, "openapi/openapi.json differs from the app's OpenAPI document: run `make openapi`"
    assert committed == generated, "openapi/openapi.json is not formatted as `make openapi` writes it: run `make openapi`"


# --- notifications ----------------------------------------------------------------------------------


async def _notify(session: AsyncSession, user_id: uuid.UUID, title: str) -> Notification:
    note = Notification(user_id=user_id, kind="test.kind", title=title, body="正文", link="/app")
    session.add(note)
    await session.commit()
    return note


async def test_notifications_list_only_the_callers_own(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    mine = [await _notify(session, applicant.user.id, f"我的{i}") for i in range(2)]
    await _notify(session, other_applicant.user.id, "别人的")

    r = await client.get("/api/v1/notifications", headers=applicant.headers)
    assert r.status_code == 200
    body = r.json()
    assert {n["id"] for n in body["items"]} == {str(n.id) for n in mine}
    assert body["total"] == 2 and body["unread"] == 2
    assert (await client.get("/api/v1/notifications", headers=other_applicant.headers)).json()["total"] == 1


async def test_marking_a_notification_read(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    first = await _notify(session, applicant.user.id, "一")
    await _notify(session, applicant.user.id, "二")

    r = await client.post(f"/api/v1/notifications/{first.id}/read", headers=applicant.headers)
    assert r.status_code == 200
    read_at = r.json()["read_at"]
    assert read_at is not None

    body = (await client.get("/api/v1/notifications", headers=applicant.headers)).json()
    assert body["unread"] == 1 and body["total"] == 2
    unread = (await client.get("/api/v1/notifications", headers=applicant.headers, params={"unread_only": "true"})).json()
    assert unread["total"] == 1 and unread["items"][0]["title"] == "二"

    again = await client.post(f"/api/v1/notifications/{first.id}/read", headers=applicant.headers)
    assert again.status_code == 200 and again.json()["read_at"] == read_at  # idempotent


async def test_marking_another_users_notification_is_not_found(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    theirs = await _notify(session, other_applicant.user.id, "别人的")
    for nid in (theirs.id, uuid.uuid4()):
        r = await client.post(f"/api/v1/notifications/{nid}/read", headers=applicant.headers)
        assert r.status_code == 404
        assert_error_shape(r.json(), "NOT_FOUND")
    await session.refresh(theirs)
    assert theirs.read_at is None


async def test_a_client_address_that_is_not_an_ip_is_not_recorded_as_one(app: Any, admin: Actor, session: AsyncSession) -> None:
    from httpx import ASGITransport

    trusting = app.state.settings.model_copy(update={"forwarded_allow_ips": "*"})
    from skillbase.main import create_app

    proxied = create_app(trusting, database=app.state.db)  # its routes see `trusting` (core/auth.current_settings)
    async with AsyncClient(transport=ASGITransport(app=proxied, client=("testclient", 1)), base_url="http://t") as c:
        r = await c.post(
            "/api/v1/auth/token",
            data={"username": "nobody@example.cn", "password": "x" * 12},
            headers={"X-Forwarded-For": "not-an-ip, 10.0.0.1"},
        )
        assert r.status_code == 401  # not a 500
        r = await c.post(
            "/api/v1/auth/token", data={"username": "nobody@example.cn", "password": "x" * 12}, headers={"X-Forwarded-For": "203.0.113.9"}
        )
        assert r.status_code == 401
    ips = (
        await session.scalars(
            select(AuditEvent.ip).where(AuditEvent.details["email"].astext == "nobody@example.cn").order_by(AuditEvent.id)
        )
    ).all()
    assert [str(i) if i else None for i in ips] == [None, "203.0.113.9"]


async def test_405_lists_every_method_the_resource_accepts(client: AsyncClient, admin: Actor) -> None:
    r = await client.put("/api/v1/me", headers=admin.headers, json={})
    assert r.status_code == 405 and r.headers["allow"] == "GET, PATCH"
    r = await client.delete("/api/v1/calls/defaults", headers=admin.headers)
    assert r.status_code == 405 and r.headers["allow"] == "GET"
