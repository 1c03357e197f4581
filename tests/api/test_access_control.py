"""Walks every operation of the OpenAPI document: who may call it, and what everyone else gets.

The operations are read from the document of an app built like `make openapi` builds it (no database), so that each one
is its own test case; the requests go to the test's `app`.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core.permissions import ROLE_PERMISSIONS, Permission, permissions_of
from skillbase.db import Database
from skillbase.main import create_app
from skillbase.models import User
from skillbase.models.enums import Role
from tests import factories
from tests.factories import PASSWORD, Actor

PUBLIC_PATHS = {"/healthz", "/readyz", "/api/v1/auth/token", "/api/v1/auth/refresh"}
PUBLIC_PREFIX = "/api/v1/public/"
LOGIN_ONLY = {("POST", "/api/v1/auth/logout")}  # needs a login, no particular permission
ADMIN_ONLY = ROLE_PERMISSIONS[Role.admin] - ROLE_PERMISSIONS[Role.applicant] - ROLE_PERMISSIONS[Role.expert]


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIX)


def _document() -> dict[str, Any]:
    return create_app(Settings(environment="test"), database=Database.__new__(Database)).openapi()


OPERATIONS: list[tuple[str, str, str | None]] = [
    (method.upper(), path, op.get("x-permission"))
    for path, item in _document()["paths"].items()
    for method, op in item.items()
    if method in {"get", "post", "put", "patch", "delete"}
]
PROTECTED = [(m, p, perm) for m, p, perm in OPERATIONS if not is_public(p)]
PUBLIC = [(m, p, perm) for m, p, perm in OPERATIONS if is_public(p)]


def op_id(op: tuple[str, str, str | None]) -> str:
    return f"{op[0]} {op[1]}"


def fill(path: str, **known: object) -> str:
    """Path parameters from `known`, else random UUIDs."""
    return re.sub(r"\{([^}]+)\}", lambda m: str(known.get(m.group(1), uuid.uuid4())), path)


async def call(client: AsyncClient, method: str, path: str, headers: dict[str, str] | None = None) -> Any:
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    return await client.request(method, path, headers=headers or {}, json=body)


def assert_error_shape(body: Any, code: str | None = None) -> None:
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    if code:
        assert body["error"]["code"] == code, body


# --- the document itself ----------------------------------------------------------------------------


def test_the_walk_sees_the_whole_api(app: FastAPI) -> None:
    assert len(OPERATIONS) >= 20
    live = {(m.upper(), p) for p, item in app.openapi()["paths"].items() for m in item}
    assert live == {(m, p) for m, p, _ in OPERATIONS}
    assert ("POST", "/api/v1/organizations/{organization_id}/verification", "organization:verify") in OPERATIONS


def test_every_operation_declares_x_permission(app: FastAPI) -> None:
    valid = {p.value for p in Permission}
    for path, item in app.openapi()["paths"].items():
        for method, op in item.items():
            assert "x-permission" in op, f"{method.upper()} {path} has no x-permission key"
            perm = op["x-permission"]
            if perm is None:
                assert is_public(path) or (method.upper(), path) in LOGIN_ONLY, f"{method.upper()} {path} needs a permission"
            else:
                assert perm in valid, f"{method.upper()} {path}: unknown permission {perm}"
                assert not is_public(path), f"public {method.upper()} {path} declares {perm}"


# --- (a) no token, (b) public -----------------------------------------------------------------------


@pytest.mark.parametrize("op", PROTECTED, ids=op_id)
async def test_protected_operation_without_token_is_unauthorized(client: AsyncClient, op: tuple[str, str, str | None]) -> None:
    method, path, _ = op
    r = await call(client, method, fill(path))
    assert r.status_code == 401, r.text
    assert_error_shape(r.json(), "UNAUTHORIZED")
    assert r.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("op", PROTECTED, ids=op_id)
async def test_protected_operation_with_a_forged_token_is_unauthorized(
    client: AsyncClient, settings: Settings, op: tuple[str, str, str | None]
) -> None:
    method, path, _ = op
    forged = Settings(environment="test", secret_key="another-secret-" + "x" * 40)
    fake_user = User(id=uuid.uuid4(), token_version=0)
    r = await call(client, method, fill(path), factories.bearer(forged, fake_user))
    assert r.status_code == 401, r.text
    assert_error_shape(r.json(), "INVALID_TOKEN")
    r = await call(client, method, fill(path), {"Authorization": "Bearer not-a-jwt"})
    assert r.status_code == 401
    assert_error_shape(r.json(), "INVALID_TOKEN")


@pytest.mark.parametrize("op", PUBLIC, ids=op_id)
async def test_public_operation_without_token_is_not_unauthorized(client: AsyncClient, op: tuple[str, str, str | None]) -> None:
    method, path, _ = op
    r = await call(client, method, fill(path))
    assert r.status_code != 401, r.text
    assert r.status_code < 500, r.text


# --- (c) admin-only permissions ---------------------------------------------------------------------


ADMIN_ONLY_OPERATIONS = [(m, p, perm) for m, p, perm in OPERATIONS if perm in ADMIN_ONLY]


def test_admin_only_permissions_are_the_expected_ones() -> None:
    assert {p.value for p in ADMIN_ONLY} >= {
        "organization:verify",
        "expert:manage",
        "admin:manage",
        "user:manage",
        "audit:read",
    }
    assert not ADMIN_ONLY & {Permission.profile_manage, Permission.notification_read, Permission.organization_read}
    assert len(ADMIN_ONLY_OPERATIONS) >= 10


@pytest.mark.parametrize("role", ["applicant", "expert"])
@pytest.mark.parametrize("op", ADMIN_ONLY_OPERATIONS, ids=op_id)
async def test_admin_only_operation_is_forbidden_to_applicant_and_expert(
    client: AsyncClient, applicant: Actor, expert: Actor, other_applicant: Actor, role: str, op: tuple[str, str, str | None]
) -> None:
    method, path, perm = op
    caller = {"applicant": applicant, "expert": expert}[role]
    # real ids where they exist, so a 403 cannot be a disguised 404
    url = fill(path, organization_id=other_applicant.organization.id, user_id=other_applicant.user.id, expert_id=expert.expert.id)  # type: ignore[union-attr]
    r = await call(client, method, url, caller.headers)
    assert r.status_code == 403, r.text
    assert_error_shape(r.json(), "PERMISSION_DENIED")
    assert r.json()["error"]["details"] == {"required": perm}


ROLES_LACKING = [
    (role, op)
    for role in ("applicant", "member", "expert")
    for op in OPERATIONS
    if op[2]
    and op[2] not in ADMIN_ONLY
    and Permission(op[2]) not in permissions_of("applicant" if role == "member" else role, is_org_owner=role == "applicant")
]


@pytest.mark.parametrize(("role", "op"), ROLES_LACKING, ids=lambda v: v if isinstance(v, str) else op_id(v))
async def test_operation_is_forbidden_to_a_role_lacking_its_permission(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor, expert: Actor, role: str, op: tuple
) -> None:
    """E.g. an expert reading organisations, a non-owner member managing its organisation's users."""
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    caller = {"applicant": applicant, "member": member, "expert": expert}[role]
    method, path, perm = op
    r = await call(client, method, fill(path, organization_id=applicant.organization.id, user_id=applicant.user.id), caller.headers)  # type: ignore[union-attr]
    assert r.status_code == 403, r.text
    assert r.json()["error"]["details"] == {"required": perm}


def test_the_lacking_permission_cases_include_members_and_experts() -> None:
    cases = {(role, op[0], op[1]) for role, op in ROLES_LACKING}
    assert ("member", "POST", "/api/v1/organizations/{organization_id}/users") in cases
    assert ("member", "DELETE", "/api/v1/organizations/{organization_id}/users/{user_id}") in cases
    assert ("expert", "GET", "/api/v1/organizations") in cases


# --- (d) another organisation is invisible, (e) lists are scoped ------------------------------------


async def test_applicant_gets_not_found_for_another_organization(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    other = other_applicant.organization.id  # type: ignore[union-attr]
    email = f"intruder-{uuid.uuid4().hex[:6]}@example.cn"
    attempts = [
        ("GET", f"/api/v1/organizations/{other}", None),
        ("GET", f"/api/v1/organizations/{other}/users", None),
        ("POST", f"/api/v1/organizations/{other}/users", {"full_name": "x", "email": email, "password": PASSWORD}),
        ("DELETE", f"/api/v1/organizations/{other}/users/{other_applicant.user.id}", None),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, headers=applicant.headers, json=body)
        assert r.status_code == 404, f"{method} {url}: {r.status_code} {r.text}"
        assert_error_shape(r.json(), "NOT_FOUND")
    # an unknown id answers exactly the same, so existence does not leak
    unknown = await client.get(f"/api/v1/organizations/{uuid.uuid4()}", headers=applicant.headers)
    known = await client.get(f"/api/v1/organizations/{other}", headers=applicant.headers)
    assert unknown.status_code == known.status_code == 404
    assert unknown.json() == known.json()

    assert await session.scalar(select(func.count()).where(User.email == email)) == 0
    assert (await client.get("/api/v1/me", headers=other_applicant.headers)).status_code == 200


async def test_applicant_list_is_scoped_to_its_own_organization(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor, other_applicant: Actor
) -> None:
    await factories.organization(session, status="pending")
    own = applicant.organization.id  # type: ignore[union-attr]

    everything = (await client.get("/api/v1/organizations", headers=admin.headers)).json()
    assert everything["total"] >= 3

    mine = (await client.get("/api/v1/organizations", headers=applicant.headers, params={"limit": 100})).json()
    assert mine["total"] == 1
    assert [o["id"] for o in mine["items"]] == [str(own)]
    searched = (
        await client.get("/api/v1/organizations", headers=applicant.headers, params={"q": other_applicant.organization.name})
    ).json()  # type: ignore[union-attr]
    assert searched["total"] == 0

    users = (await client.get(f"/api/v1/organizations/{own}/users", headers=applicant.headers)).json()
    assert users["total"] == 1 and [u["id"] for u in users["items"]] == [str(applicant.user.id)]
