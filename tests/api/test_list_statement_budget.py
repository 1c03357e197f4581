"""Every list answers in a fixed number of SQL statements, whatever the page size: no query per row (issue 9).

The list routes are found by walking the app's routes (a GET answering `Page[...]`, a subclass of it, or a list), so a
new list is covered as soon as it exists: it needs a seeder here (rows that the caller may see, ROWS of them, each with
its own related records so that an identity-map hit cannot hide a query per row), or an entry in SKIPPED with its
reason. Each list is requested with limit=1 and limit=25 by a caller who may see the rows; both must send as many
statements (the harness's SAVEPOINTs aside).
"""

from __future__ import annotations

import typing
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.calls.rules import CHINA_TZ
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.pagination import Page
from skillbase.main import create_app
from skillbase.models import Application, ApplicationVersion, AuditEvent, FormalCheck, Notification, Objection, Organization, User
from skillbase.models.enums import ApplicationStatus, BaseType
from tests import factories
from tests.factories import Actor
from tests.forms import complete_form

ROWS = 3  # rows per list: a page of 1 and a page of ROWS differ
API = "/api/v1"

# A list route that cannot be measured here, with the reason. Empty: every list is measured.
SKIPPED: dict[str, str] = {}


def _is_list(model: Any) -> bool:
    if model is None:
        return False
    if typing.get_origin(model) is list:
        return True
    return isinstance(model, type) and issubclass(model, Page)  # Page[X] and its subclasses (NotificationPage)


def list_routes() -> set[str]:
    app = create_app(Settings(environment="test", database_url="postgresql://unused@127.0.0.1/unused", secret_key="x" * 40))
    found = set()
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if isinstance(route, APIRoute) and "GET" in (route.methods or ()) and ctx.path and _is_list(route.response_model):
            found.add(ctx.path)
    return found


@dataclass
class Case:
    path: str
    headers: dict[str, str] | None


Seeder = Callable[[AsyncSession, Settings], Awaitable[Case]]
SEEDERS: dict[str, Seeder] = {}


def seeds(path: str) -> Callable[[Seeder], Seeder]:
    def register(fn: Seeder) -> Seeder:
        SEEDERS[API + path] = fn
        return fn

    return register


# --- rows inserted directly ------------------------------------------------------------------------


async def _admin(session: AsyncSession, settings: Settings) -> Actor:
    return await factories.actor(session, settings, role="admin")


async def _submitted(
    session: AsyncSession, *, org: Organization | None = None, versions: int = 1, status: ApplicationStatus = ApplicationStatus.submitted
) -> Application:
    """A submitted application of its own organisation (new unless given) to its own call, with `versions` versions."""
    org = org or await factories.organization(session)
    call = await factories.published_call(session)
    owner = await factories.user(session, role="applicant", org=org)
    form = complete_form(BaseType.skills_upgrading, ("数控车工", "电工"))
    at = datetime.combine(clock.today() - timedelta(days=1), time(10), CHINA_TZ)
    app = Application(
        call_id=call.id,
        organization_id=org.id,
        base_type=BaseType.skills_upgrading,
        status=status,
        draft_form=form,
        draft_version=versions + 1,
        submitted_versions=versions,
        created_by_id=owner.id,
        submitted_at=at,
        status_changed_at=at,
    )
    session.add(app)
    await session.flush()
    for no in range(1, versions + 1):
        session.add(
            ApplicationVersion(
                application_id=app.id,
                version_no=no,
                form=form,
                organization_snapshot={"name": org.name, "credit_code": org.credit_code},
                attachments=[],
                submitted_at=at,
                submitted_by_id=owner.id,
            )
        )
    await session.commit()
    return app


async def _users(session: AsyncSession, role: str, org: Organization | None = None) -> list[User]:
    return [await factories.user(session, role=role, org=org, owner=False) for _ in range(ROWS)]


# --- one seeder per list route ---------------------------------------------------------------------


@seeds("/public/calls")
async def _public_calls(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        await factories.published_call(session)
    return Case(f"{API}/public/calls", None)


@seeds("/calls")
async def _calls(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        await factories.published_call(session)
    return Case(f"{API}/calls", (await _admin(session, settings)).headers)


@seeds("/applications")
async def _applications(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        await _submitted(session)
    return Case(f"{API}/applications", (await _admin(session, settings)).headers)


@seeds("/applications/{application_id}/versions")
async def _versions(session: AsyncSession, settings: Settings) -> Case:
    app = await _submitted(session, versions=ROWS)
    return Case(f"{API}/applications/{app.id}/versions", (await _admin(session, settings)).headers)


@seeds("/applications/{application_id}/timeline")
async def _timeline(session: AsyncSession, settings: Settings) -> Case:
    app = await _submitted(session)
    for who in await _users(session, "admin"):
        session.add(
            AuditEvent(
                actor_id=who.id, actor_role="admin", action="application.submitted", target_type="application", target_id=str(app.id)
            )
        )
    await session.commit()
    return Case(f"{API}/applications/{app.id}/timeline", (await _admin(session, settings)).headers)


@seeds("/applications/{application_id}/formal-checks")
async def _formal_checks(session: AsyncSession, settings: Settings) -> Case:
    app = await _submitted(session, versions=ROWS)
    for no, who in enumerate(await _users(session, "admin"), start=1):
        session.add(FormalCheck(application_id=app.id, version_no=no, decision="passed", reasons=[], decided_by_id=who.id))
    await session.commit()
    return Case(f"{API}/applications/{app.id}/formal-checks", (await _admin(session, settings)).headers)


@seeds("/applications/{application_id}/panel/suggestions")
async def _suggestions(session: AsyncSession, settings: Settings) -> Case:
    app = await _submitted(session, status=ApplicationStatus.formal_check_passed)
    for _ in range(ROWS):
        await factories.actor(session, settings, role="expert")
    return Case(f"{API}/applications/{app.id}/panel/suggestions", (await _admin(session, settings)).headers)


@seeds("/reviews/assignments")
async def _assignments(session: AsyncSession, settings: Settings) -> Case:
    panel = [await factories.actor(session, settings, role="expert") for _ in range(3)]
    for _ in range(ROWS):
        await factories.panel_with_reviews(session, (await _submitted(session)).id, panel, submitted=False)
    return Case(f"{API}/reviews/assignments", panel[0].headers)


async def _bases(session: AsyncSession) -> list[Any]:
    return [await factories.recognised_base(session) for _ in range(ROWS)]


@seeds("/publicity-notices")
async def _notices(session: AsyncSession, settings: Settings) -> Case:
    await _bases(session)
    return Case(f"{API}/publicity-notices", (await _admin(session, settings)).headers)


@seeds("/public/publicity-notices")
async def _public_notices(session: AsyncSession, settings: Settings) -> Case:
    await _bases(session)
    return Case(f"{API}/public/publicity-notices", None)


@seeds("/objections")
async def _objections(session: AsyncSession, settings: Settings) -> Case:
    base = (await _bases(session))[0]
    from skillbase.models import NoticeItem

    item = await session.scalar(select(NoticeItem).where(NoticeItem.application_id == base.application_id))
    assert item is not None
    for i, who in enumerate(await _users(session, "admin")):
        session.add(
            Objection(
                notice_id=item.notice_id,
                application_id=base.application_id,
                ticket=f"YY{uuid.uuid4().hex[:10].upper()}",
                name=f"异议人{i}",
                contact="13900000000",
                content="材料不实",
                status="dismissed",
                decision_reason="经核实不成立",
                decided_by_id=who.id,
                decided_at=clock.now(),
            )
        )
    await session.commit()
    return Case(f"{API}/objections", (await _admin(session, settings)).headers)


@seeds("/bases")
async def _bases_admin(session: AsyncSession, settings: Settings) -> Case:
    await _bases(session)
    return Case(f"{API}/bases", (await _admin(session, settings)).headers)


@seeds("/public/bases")
async def _public_bases(session: AsyncSession, settings: Settings) -> Case:
    await _bases(session)
    return Case(f"{API}/public/bases", None)


@seeds("/indicators/bases")
async def _indicator_register(session: AsyncSession, settings: Settings) -> Case:
    from skillbase.indicators import service as indicators

    for base in await _bases(session):
        await factories.report_month(session, base, 1, certificates=[{"person": 1}], trainees=[{"person": 1}])
        await indicators.refresh_base(session, base.id)
    await session.commit()
    return Case(f"{API}/indicators/bases", (await _admin(session, settings)).headers)


@seeds("/bases/{base_id}/reports")
async def _base_reports(session: AsyncSession, settings: Settings) -> Case:
    me = await factories.actor(session, settings, role="applicant")
    base = await factories.base_with_reports(session, org=me.organization, recognised_on=clock.today() - timedelta(days=100))
    return Case(f"{API}/bases/{base.id}/reports", me.headers)


@seeds("/reports")
async def _reports(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):  # each report of its own base and organisation
        await factories.base_with_reports(session, recognised_on=clock.today() - timedelta(days=5))
    return Case(f"{API}/reports", (await _admin(session, settings)).headers)


@seeds("/reports/{report_id}/versions")
async def _report_versions(session: AsyncSession, settings: Settings) -> Case:
    me = await factories.actor(session, settings, role="applicant")
    base = await factories.base_with_reports(session, org=me.organization, recognised_on=clock.today() - timedelta(days=100))
    report = await factories.submitted_report(session, base, 1, by=me.user, versions=ROWS)
    return Case(f"{API}/reports/{report.id}/versions", me.headers)


@seeds("/bases/{base_id}/competitions")
async def _base_competitions(session: AsyncSession, settings: Settings) -> Case:
    from skillbase.models import Competition

    me = await factories.actor(session, settings, role="applicant")
    base = await factories.base_with_reports(session, org=me.organization, recognised_on=clock.today() - timedelta(days=100))
    for month in range(1, ROWS + 1):
        report = await factories.report_of(session, base, month)
        session.add(
            Competition(
                base_id=base.id,
                report_id=report.id,
                name=f"技能竞赛{month}",
                level="district",
                starts_on=report.period_ends_on,
                ends_on=report.period_ends_on,
                organiser="顺义区人力资源和社会保障局",
                contestants=300,
                winners=10,
            )
        )
    await session.commit()
    return Case(f"{API}/bases/{base.id}/competitions", me.headers)


@seeds("/organizations")
async def _organizations(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        await factories.user(session, role="applicant", org=await factories.organization(session))
    return Case(f"{API}/organizations", (await _admin(session, settings)).headers)


@seeds("/organizations/{organization_id}/users")
async def _organization_users(session: AsyncSession, settings: Settings) -> Case:
    org = await factories.organization(session)
    await _users(session, "applicant", org)
    return Case(f"{API}/organizations/{org.id}/users", (await _admin(session, settings)).headers)


@seeds("/experts")
async def _experts(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        await factories.actor(session, settings, role="expert")
    return Case(f"{API}/experts", (await _admin(session, settings)).headers)


@seeds("/admins")
async def _admins(session: AsyncSession, settings: Settings) -> Case:
    await _users(session, "admin")
    return Case(f"{API}/admins", (await _admin(session, settings)).headers)


@seeds("/audit-events")
async def _audit_events(session: AsyncSession, settings: Settings) -> Case:
    for who in await _users(session, "admin"):
        session.add(
            AuditEvent(
                actor_id=who.id, actor_email=who.email, actor_role="admin", action="user.updated", target_type="user", target_id=str(who.id)
            )
        )
    await session.commit()
    return Case(f"{API}/audit-events", (await _admin(session, settings)).headers)


@seeds("/notifications")
async def _notifications(session: AsyncSession, settings: Settings) -> Case:
    me = await factories.actor(session, settings, role="applicant")
    for i in range(ROWS):
        session.add(Notification(user_id=me.user.id, kind="application.submitted", title=f"通知{i}", body="已提交", link=None))
    await session.commit()
    return Case(f"{API}/notifications", me.headers)


# --- rosters (issue 10 B) --------------------------------------------------------------------------


async def _roster_with_rows(session: AsyncSession, org: Organization, numbers: list[str]) -> tuple[Any, list[Any]]:
    """An imported certificate roster of a new base's month-1 report, one row per number, inserted directly."""
    from skillbase.core import resident_id
    from skillbase.files.sniff import XLSX
    from skillbase.models import CertificateRow, Roster

    report = await factories.monthly_report(session, await factories.recognised_base(session, org=org), 1)
    uploader = await factories.user(session, role="applicant", org=org, owner=False)
    roster = Roster(
        report_id=report.id, base_id=report.base_id, kind="certificates", status="imported", original_name="r.xlsx", content_type=XLSX,
        size_bytes=1, sha256="0" * 64, storage_key=f"rosters/{uuid.uuid4().hex}", uploaded_by_id=uploader.id, errors=[],
    )  # fmt: skip
    session.add(roster)
    await session.flush()
    rows = []
    for i, number in enumerate(numbers):
        row = CertificateRow(
            roster_id=roster.id, report_id=report.id, base_id=report.base_id, month_no=1, row_no=i + 2, name=f"学员{i}",
            id_sealed=resident_id.seal(number), id_hash=resident_id.match_hash(number), id_masked=resident_id.mask(number),
            occupation="电工", kind="skill_level", level="senior", certificate_no=f"C{i}", issued_on=report.period_starts_on,
            issuing_body="鉴定中心", dup_key=resident_id.certificate_key(number, f"C{i}"),
        )  # fmt: skip
        session.add(row)
        rows.append(row)
    await session.flush()
    return report, rows


@seeds("/reports/{report_id}/rosters/{kind}/rows")
async def _roster_rows(session: AsyncSession, settings: Settings) -> Case:
    from skillbase.models import DuplicateGroup

    me = await factories.actor(session, settings, role="applicant")
    report, rows = await _roster_with_rows(session, me.organization, [factories.resident_id(seq=i) for i in range(ROWS)])
    for row in rows:  # each row in its own duplicate group: the flag must come with the page, not per row
        group = DuplicateGroup(dup_key=row.dup_key)
        session.add(group)
        await session.flush()
        row.duplicate_group_id = group.id
    await session.commit()
    return Case(f"{API}/reports/{report.id}/rosters/certificates/rows", me.headers)


@seeds("/duplicates")
async def _duplicates(session: AsyncSession, settings: Settings) -> Case:
    from skillbase.models import DuplicateGroup

    numbers = [factories.resident_id(birth="19800101", seq=i) for i in range(ROWS)]
    _, first = await _roster_with_rows(session, await factories.organization(session), numbers)
    _, second = await _roster_with_rows(session, await factories.organization(session), numbers)
    for a, b in zip(first, second, strict=True):
        group = DuplicateGroup(dup_key=a.dup_key, spans_bases=True)
        session.add(group)
        await session.flush()
        a.duplicate_group_id = b.duplicate_group_id = group.id
    await session.commit()
    return Case(f"{API}/duplicates", (await _admin(session, settings)).headers)


# --- the same lists filtered, or for another caller (another WHERE, another plan: `make bench` loads them) -------------

VARIANTS: dict[str, Seeder] = {}


def variant(name: str) -> Callable[[Seeder], Seeder]:
    def register(fn: Seeder) -> Seeder:
        VARIANTS[name] = fn
        return fn

    return register


@variant("/reports as an organisation (its own reports only)")
async def _own_reports(session: AsyncSession, settings: Settings) -> Case:
    me = await factories.actor(session, settings, role="applicant")
    await factories.base_with_reports(session, recognised_on=clock.today() - timedelta(days=5))  # another organisation's
    for _ in range(ROWS):  # each report of its own base of the caller's organisation
        await factories.base_with_reports(session, org=me.organization, recognised_on=clock.today() - timedelta(days=5))
    return Case(f"{API}/reports", me.headers)


@variant("/reports?overdue=true")
async def _overdue_reports(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):  # recognised 100 days ago: month 1's report is past its due day, still a draft
        await factories.base_with_reports(session, recognised_on=clock.today() - timedelta(days=100))
    return Case(f"{API}/reports?overdue=true", (await _admin(session, settings)).headers)


@variant("/reports?status=submitted&sort=-submitted_at")
async def _submitted_reports(session: AsyncSession, settings: Settings) -> Case:
    for _ in range(ROWS):
        me = await factories.actor(session, settings, role="applicant")
        base = await factories.base_with_reports(session, org=me.organization, recognised_on=clock.today() - timedelta(days=100))
        await factories.submitted_report(session, base, 1, by=me.user)
    return Case(f"{API}/reports?status=submitted&sort=-submitted_at", (await _admin(session, settings)).headers)


@variant("/duplicates?status=open&spans_bases=true")
async def _open_duplicates(session: AsyncSession, settings: Settings) -> Case:
    case = await _duplicates(session, settings)
    return Case(f"{case.path}?status=open&spans_bases=true", case.headers)


# --- the tests ---------------------------------------------------------------------------------------


def test_every_list_route_is_measured_or_skipped_with_a_reason() -> None:
    routes = list_routes()
    assert routes, "no list route found: the walk of app.routes is broken"
    assert routes - SEEDERS.keys() - SKIPPED.keys() == set(), "a list route without a seeder in this file"
    assert SEEDERS.keys() - routes == set(), "a seeder for a route that is no list (any more)"
    assert all(SKIPPED.values()), "every skipped route says why"


def _with_limit(path: str, limit: int) -> str:
    return f"{path}{'&' if '?' in path else '?'}limit={limit}"


@pytest.mark.parametrize("route", sorted(SEEDERS))
async def test_statements_per_request_do_not_grow_with_the_page(
    route: str, session: AsyncSession, settings: Settings, client: AsyncClient, count_statements: Any
) -> None:
    await _one_page_and_many(route, await SEEDERS[route](session, settings), client, count_statements)


@pytest.mark.parametrize("name", sorted(VARIANTS))
async def test_filtered_and_scoped_lists_do_not_grow_with_the_page_either(
    name: str, session: AsyncSession, settings: Settings, client: AsyncClient, count_statements: Any
) -> None:
    await _one_page_and_many(name, await VARIANTS[name](session, settings), client, count_statements)


async def _one_page_and_many(route: str, case: Case, client: AsyncClient, count_statements: Any) -> None:
    warm = await client.get(_with_limit(case.path, 1), headers=case.headers)
    assert warm.status_code == 200, warm.text
    with count_statements() as one:
        r1 = await client.get(_with_limit(case.path, 1), headers=case.headers)
    with count_statements() as many:
        r25 = await client.get(_with_limit(case.path, 25), headers=case.headers)
    assert r1.status_code == 200 and r25.status_code == 200
    assert len(r1.json()["items"]) == 1
    assert len(r25.json()["items"]) >= ROWS, "the seeder made too few rows the caller can see"
    per_row = Counter(many) - Counter(one)
    assert len(one) == len(many), (
        f"{route}: {len(one)} statements for 1 row, {len(many)} for {len(r25.json()['items'])}; sent more often:\n"
        + ("\n---\n".join(f"{n}x {sql[:300]}" for sql, n in per_row.items()))
    )
