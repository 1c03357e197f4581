"""Schemathesis over the OpenAPI document (security.md 28): generated requests for every operation, as each role
(anonymous, applicant, expert, administrator), must never produce a 5xx, every response must match the documented
schema and every status code must be documented.

Deterministic: a fixed seed (FUZZ_SEED) and no example database, so a fresh clone runs exactly the cases CI ran.
It runs against its own database (real commits, dropped afterwards), so it cannot disturb the other tests. The
database holds one object of each kind the roles can reach (factories, plus an application made through the API);
half the generated path parameters name those objects instead of random ids, so the handlers behind the 404 run
too. Before each operation the roles' accounts are restored (a fuzzed logout, password change or deactivation must
not leave the next operations testing nothing but 401) and their tokens minted anew.
FUZZ_EXAMPLES sets the fuzzed examples per operation and role (default 4; more in a longer soak)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from alembic import command
from httpx import ASGITransport, AsyncClient
from hypothesis import HealthCheck, settings
from schemathesis.config._checks import MissingRequiredHeaderConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from skillbase.auth.service import issue_tokens
from skillbase.config import Settings
from skillbase.core.auth import current_settings
from skillbase.db import Database
from skillbase.main import create_app
from skillbase.models import Expert, Organization, User
from tests import factories
from tests.conftest import TEST_SECRET, alembic_config, app_database_url, database_url, drop_database, recreate_database

FUZZ_DB = f"skillbase_fuzz_{os.getpid()}"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
SEED = int(os.environ.get("FUZZ_SEED", "20261201"))
URL = database_url(FUZZ_DB)  # the owner: migrations and the seed
APP_URL = app_database_url(FUZZ_DB)  # the application role: every request of the fuzzing
CONF = Settings(
    environment="test",
    database_url=APP_URL,
    migration_database_url=URL,
    secret_key=TEST_SECRET,
    upload_dir="/tmp/skillbase-fuzz-uploads",  # noqa: S108
)
# NullPool: every request opens its connection in the event loop it runs in (the ASGI test client's)
APP = create_app(CONF, database=Database(create_async_engine(APP_URL, poolclass=NullPool)))
APP.dependency_overrides[current_settings] = lambda: CONF
ROLES = ("anonymous", "applicant", "expert", "admin")

USERS: dict[str, uuid.UUID] = {}  # role -> user id
IDS: dict[str, str] = {}  # path parameter name -> the id of an existing object
HEADERS: dict[str, dict[str, str]] = {role: {} for role in ROLES}
LAST_OPERATION: dict[str, str] = {}


def _engine() -> Any:
    return create_async_engine(URL, poolclass=NullPool)


async def _seed() -> None:
    engine = _engine()
    async with async_sessionmaker(engine, expire_on_commit=False)() as s:
        admin = await factories.user(s, role="admin", email="fuzz-admin@example.cn")
        org = await factories.organization(s, category="technical_school", attribute="government", qualifications=[])
        applicant = await factories.user(s, role="applicant", org=org, email="fuzz-applicant@example.cn")
        expert_user = await factories.user(s, role="expert", email="fuzz-expert@example.cn")
        expert = await factories.expert_profile(s, expert_user)
        call = await factories.published_call(s)
    await engine.dispose()
    USERS.update(admin=admin.id, applicant=applicant.id, expert=expert_user.id)
    await _restore_accounts()
    async with AsyncClient(transport=ASGITransport(app=APP), base_url="http://fuzz") as c:
        r = await c.post(
            "/api/v1/applications", headers=HEADERS["applicant"], json={"call_id": str(call.id), "base_type": "skills_upgrading"}
        )
        assert r.status_code == 201, r.text
        application_id = r.json()["id"]
    engine = _engine()
    async with async_sessionmaker(engine, expire_on_commit=False)() as s:
        base = await factories.recognised_base(s, org=org, call=call, base_type="competition")
    await engine.dispose()
    IDS.update(
        base_id=str(base.id),
        call_id=str(call.id),
        application_id=application_id,
        organization_id=str(org.id),
        user_id=str(applicant.id),
        member_id=str(applicant.id),
        expert_id=str(expert.id),
    )


async def _restore_accounts() -> None:
    """The roles' accounts as seeded (active, not deleted) and a fresh access token for each."""
    engine = _engine()
    async with async_sessionmaker(engine)() as s:
        ids = list(USERS.values())
        await s.execute(update(User).where(User.id.in_(ids)).values(is_active=True, deleted_at=None))
        await s.execute(update(Expert).where(Expert.user_id == USERS["expert"]).values(is_active=True))
        await s.execute(
            update(Organization)
            .where(Organization.id == select(User.organization_id).where(User.id == USERS["applicant"]).scalar_subquery())
            .values(status="verified")
        )
        await s.commit()
        # a real session each (a live refresh-token family, which access tokens must name), as a login would make
        for role, user_id in USERS.items():
            user = await s.get_one(User, user_id)
            pair = await issue_tokens(s, CONF, user)
            HEADERS[role] = {"Authorization": f"Bearer {pair.access_token}"}
        await s.commit()
    await engine.dispose()


@pytest.fixture(scope="module", autouse=True)
def fuzz_database() -> Iterator[None]:
    recreate_database(FUZZ_DB)
    command.upgrade(alembic_config(URL), "head")
    asyncio.run(_seed())
    yield
    drop_database(FUZZ_DB)


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _public(ctx: Any) -> bool:
    op = ctx.operation.definition.raw
    return op.get("x-permission") is None and not op.get("security")


def _schema(*, coverage: bool, only: Callable[[Any], bool] | None = None) -> Any:
    schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
    if only is not None:
        schema = schema.include(only)
    schema.config.seed = SEED
    # A guarded route answers a missing If-Match with 428 Precondition Required (RFC 6585), the status made for it.
    schema.config.checks.missing_required_header = MissingRequiredHeaderConfig(expected_statuses=[400, 401, 403, 406, 415, 422, 428])
    schema.config.phases.coverage.enabled = coverage
    schema.config.phases.fuzzing.enabled = not coverage or only is None

    @schema.hook
    def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
        if not path_parameters:
            return st.just(path_parameters)
        # only a well-formed id is swapped: a malformed one is what a negative case is about
        existing = {name: IDS[name] if name in IDS and _is_uuid(value) else value for name, value in path_parameters.items()}
        return st.sampled_from([path_parameters, existing])

    return schema


def _fuzz_as(role: str, **schema_options: Any) -> Callable[..., None]:
    schema = _schema(**schema_options)

    @schema.parametrize()
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(case: schemathesis.Case) -> None:
        if LAST_OPERATION.get(role) != case.operation.label:
            LAST_OPERATION[role] = case.operation.label
            asyncio.run(_restore_accounts())
        # positive_data_acceptance is left out: rules JSON Schema cannot state (the credit code's check character,
        # dates in order, a rubric summing to 100) answer 422 for schema-valid data — in the documented error shape,
        # which the remaining checks still verify.
        case.call_and_validate(headers=HEADERS[role], excluded_checks=[positive_data_acceptance])

    return fuzz  # type: ignore[no-any-return]


# Every operation as every role, fuzzed; the coverage phase (boundary values, every kind of wrong input — about 60
# requests an operation) as the administrator, who may call almost everything, and anonymously on the public
# operations, where an outsider can reach the server without an account.
test_as_admin = _fuzz_as("admin", coverage=True)
test_as_applicant = _fuzz_as("applicant", coverage=False)
test_as_expert = _fuzz_as("expert", coverage=False)
test_as_anonymous = _fuzz_as("anonymous", coverage=False)
test_public_operations_as_anonymous = _fuzz_as("anonymous", coverage=True, only=_public)
