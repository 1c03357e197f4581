"""A caller that is a machine (an API client: a name, granted permissions, no User row) gets exactly what it was
granted: the routes of its permissions, the rows of its scope permissions, and nothing from any role. The audit
records it as a client, not as a user and not as nobody."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import repository as applications
from skillbase.audit import service as audit
from skillbase.calls import repository as calls
from skillbase.core.auth import Principal, current_principal, require
from skillbase.core.errors import Forbidden
from skillbase.core.permissions import Permission
from skillbase.experts import repository as experts
from skillbase.models import AuditEvent, Call
from skillbase.models.enums import PrincipalKind
from skillbase.organizations import repository as organizations
from tests import factories
from tests.factories import Actor
from tests.flows import create

P = Permission


def machine(*granted: Permission, organization_id: uuid.UUID | None = None) -> Principal:
    return Principal.of_client(uuid.uuid4(), "第三方统计系统", frozenset(granted), organization_id=organization_id)


@pytest.fixture
async def as_machine(app: FastAPI, make_client: Callable[..., AsyncClient]) -> AsyncIterator[Callable[[Principal], AsyncClient]]:
    """An HTTP client whose every request is made by the given machine principal (how a token will authenticate it)."""
    opened: list[AsyncClient] = []

    def make(principal: Principal) -> AsyncClient:
        async def authenticated() -> Principal:
            return principal

        app.dependency_overrides[current_principal] = authenticated
        opened.append(make_client())
        return opened[-1]

    yield make
    app.dependency_overrides.pop(current_principal, None)
    for c in opened:
        await c.aclose()


async def count(session: AsyncSession, stmt: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def list_applications(principal: Principal) -> Any:
    shape, params = applications.list_filter(principal, call_id=None, base_type=None, status=None, organization_id=None, q=None)
    return applications.list_statement(shape, keyset=False).params(**params, limit=100, offset=0)


# --- the principal itself ---------------------------------------------------------------------------


def test_a_client_principal_has_no_user_no_role_and_only_its_grants() -> None:
    client = machine(P.application_read)
    assert client.kind is PrincipalKind.client and client.user is None
    assert client.display_name == "第三方统计系统" and client.organization_id is None
    assert client.can(P.application_read) and not client.can(P.application_read_all) and not client.can(P.profile_manage)
    with pytest.raises(Forbidden):
        client.person()


async def test_require_admits_a_client_for_its_granted_permissions_only() -> None:
    client = machine(P.application_read, P.organization_read)
    assert await require(P.application_read)(principal=client) is client
    assert await require(P.organization_read)(principal=client) is client
    for missing in (P.application_write, P.audit_read, P.profile_manage):
        with pytest.raises(Forbidden) as refused:
            await require(missing)(principal=client)
        assert refused.value.code == "PERMISSION_DENIED" and refused.value.details == {"required": missing.value}


async def test_over_http_a_client_is_403_outside_its_grants_and_cannot_use_personal_routes(
    as_machine: Callable[[Principal], AsyncClient],
) -> None:
    http = as_machine(machine(P.application_read, P.profile_manage))
    assert (await http.get("/api/v1/applications")).status_code == 200
    r = await http.get("/api/v1/organizations")
    assert r.status_code == 403 and r.json()["error"]["code"] == "PERMISSION_DENIED"
    assert r.json()["error"]["details"] == {"required": "organization:read"}
    me = await http.get("/api/v1/me")  # granted profile:manage, but a machine has no profile
    assert me.status_code == 403 and me.json()["error"]["code"] == "PERSON_REQUIRED"


# --- data scope from permissions ----------------------------------------------------------------------


async def test_application_read_alone_shows_a_client_no_application(
    client: AsyncClient, session: AsyncSession, school: Actor, call: Any, as_machine: Callable[[Principal], AsyncClient]
) -> None:
    app = await create(client, school, call)
    reader, scoped = machine(P.application_read), machine(P.application_read, P.application_read_all)

    assert await count(session, list_applications(reader)) == 0
    assert await applications.get_readable(session, reader, uuid.UUID(app["id"])) is None
    assert await count(session, list_applications(scoped)) >= 1
    assert await applications.get_readable(session, scoped, uuid.UUID(app["id"])) is not None

    listed = (await as_machine(reader).get("/api/v1/applications")).json()
    assert listed["total"] == 0 and listed["items"] == []
    assert (await as_machine(reader).get(f"/api/v1/applications/{app['id']}")).status_code == 404
    everything = (await as_machine(scoped).get("/api/v1/applications", params={"limit": 100})).json()
    assert app["id"] in [a["id"] for a in everything["items"]]


async def test_review_perform_gives_a_client_no_panel_seat(client: AsyncClient, session: AsyncSession, school: Actor, call: Any) -> None:
    await create(client, school, call)
    assert await count(session, list_applications(machine(P.application_read, P.review_perform))) == 0


async def test_a_client_acting_for_an_organisation_sees_that_organisation_only(
    client: AsyncClient, session: AsyncSession, school: Actor, other_applicant: Actor, call: Any
) -> None:
    mine = await create(client, school, call)
    theirs = await create(client, other_applicant, call)
    delegate = machine(P.application_read, P.organization_read, organization_id=school.organization.id)  # type: ignore[union-attr]
    seen = {str(row.id) for row in (await session.execute(list_applications(delegate))).all()}
    assert mine["id"] in seen and theirs["id"] not in seen
    orgs = (await session.scalars(organizations.list_statement(delegate, status=None, q=None))).all()
    assert [o.id for o in orgs] == [school.organization.id]  # type: ignore[union-attr]


async def test_organisation_expert_and_call_scopes_come_from_permissions(
    session: AsyncSession, applicant: Actor, other_applicant: Actor, expert: Actor
) -> None:
    draft = await factories.published_call(session, status="draft")
    reader = machine(P.organization_read, P.expert_manage, P.call_manage)
    assert await count(session, organizations.list_statement(reader, status=None, q=None)) == 0
    assert await count(session, experts.list_statement(reader, q=None, is_active=None)) == 0
    assert await session.scalar(calls.get_statement(reader, draft.id)) is None  # published and closed calls only

    scoped = machine(P.organization_read_all, P.expert_read_all, P.call_read_all)
    assert await count(session, organizations.list_statement(scoped, status=None, q=None)) >= 2
    assert await experts.get_readable(session, scoped, expert.expert.id) is not None  # type: ignore[union-attr]
    found = await session.scalar(calls.get_statement(scoped, draft.id))
    assert isinstance(found, Call) and found.id == draft.id


async def test_the_roles_hold_the_scopes_they_had_as_branches(admin: Actor, applicant: Actor, expert: Actor) -> None:
    scopes = {P.application_read_all, P.organization_read_all, P.expert_read_all, P.call_read_all, P.base_read_all}
    admin_p, applicant_p, expert_p = (Principal.of_user(a.user) for a in (admin, applicant, expert))
    assert scopes | {P.personal_data_read_full} <= admin_p.permissions
    assert not (scopes | {P.personal_data_read_full}) & (applicant_p.permissions | expert_p.permissions)
    assert applicant_p.organization_id == applicant.organization.id and expert_p.organization_id is None  # type: ignore[union-attr]
    assert expert_p.can(P.review_perform) and not applicant_p.can(P.review_perform)


# --- the audit actor ----------------------------------------------------------------------------------


async def test_the_audit_records_a_client_by_kind_id_and_name_without_a_user(
    session: AsyncSession, admin: Actor, client: AsyncClient
) -> None:
    robot = machine(P.audit_read)
    await audit.record(session, "test.machine_acted", actor=robot, target_type="call", target_id=uuid.uuid4())
    await audit.record(session, "test.person_acted", actor=Principal.of_user(admin.user))
    await audit.record(session, "test.user_acted", actor=admin.user)
    await audit.record(session, "test.nobody_acted", actor=None)
    rows = {e.action: e for e in (await session.scalars(select(AuditEvent).where(AuditEvent.action.like("test.%_acted")))).all()}
    by_machine = rows["test.machine_acted"]
    assert by_machine.actor_kind is PrincipalKind.client and by_machine.actor_client_id == robot.id
    assert by_machine.actor_name == "第三方统计系统"
    assert by_machine.actor_id is None and by_machine.actor_email is None and by_machine.actor_role is None
    for action in ("test.person_acted", "test.user_acted"):
        by_person = rows[action]
        assert by_person.actor_kind is PrincipalKind.user and by_person.actor_client_id is None
        assert (by_person.actor_id, by_person.actor_email, by_person.actor_role) == (admin.user.id, admin.user.email, "admin")
    nobody = rows["test.nobody_acted"]
    assert nobody.actor_kind is PrincipalKind.user and nobody.actor_id is None and nobody.actor_client_id is None

    listed = (await client.get("/api/v1/audit-events", headers=admin.headers, params={"action": "test.machine_acted"})).json()
    assert [(e["actor_kind"], e["actor_client_id"], e["actor_name"]) for e in listed["items"]] == [
        ("client", str(robot.id), "第三方统计系统")
    ]


async def test_a_service_acting_for_a_client_records_the_client_not_nobody(
    session: AsyncSession, as_machine: Callable[[Principal], AsyncClient]
) -> None:
    from tests.api.test_calls import call_payload

    robot = machine(P.call_manage, P.call_read_all)
    r = await as_machine(robot).post("/api/v1/calls", json=call_payload())
    assert r.status_code == 201, r.text
    event = (
        await session.scalars(select(AuditEvent).where(AuditEvent.action == "call.created", AuditEvent.target_id == r.json()["id"]))
    ).one()
    assert (event.actor_kind, event.actor_client_id, event.actor_name, event.actor_id) == (
        PrincipalKind.client,
        robot.id,
        "第三方统计系统",
        None,
    )
