"""Monthly reports of a base under construction through the HTTP API (domain.md §7): the months and their due dates,
the draft (If-Match), submission into versions, acceptance and return part by part, overdue, reminders, competitions,
evidence files, and who may see what."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest_asyncio
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core.clock import CHINA_TZ
from skillbase.jobs import PERIODIC_JOBS, remind_reports
from skillbase.models import AuditEvent, MonthlyReport, Notification, OutboxMessage, Roster
from skillbase.reports import service as reports
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import Actor
from tests.forms import PNG_BYTES as PNG

API = "/api/v1"


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), CHINA_TZ)


async def relogin(session: AsyncSession, settings: Settings, *actors: Actor) -> None:
    """New tokens for the actors at the clock's current time (a token issued later than the clock's now, or long
    before it, is refused)."""
    for who in actors:
        who.headers = await factories.login_headers(session, settings, who.user)


@pytest_asyncio.fixture
async def mid_march(
    frozen_clock: FrozenClock,
    session: AsyncSession,
    settings: Settings,
    applicant: Actor,
    other_applicant: Actor,
    admin: Actor,
    expert: Actor,
) -> FrozenClock:
    """15 March 2026: a base recognised on 31 January is in its second construction month (the role fixtures logged in
    again at that time)."""
    frozen_clock.set(at(date(2026, 3, 15)))
    await relogin(session, settings, applicant, other_applicant, admin, expert)
    return frozen_clock


async def jan31_base(session: AsyncSession, applicant: Actor) -> Any:
    return await factories.base_with_reports(session, org=applicant.organization, recognised_on=date(2026, 1, 31))


def months(body: dict[str, Any]) -> list[tuple[int, str, str, str, str, bool]]:
    return [(r["month_no"], r["period_starts_on"], r["period_ends_on"], r["due_on"], r["status"], r["overdue"]) for r in body["items"]]


async def detail(client: AsyncClient, who: Actor, report_id: Any) -> tuple[dict[str, Any], str]:
    r = await client.get(f"{API}/reports/{report_id}", headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json(), r.headers["ETag"]


# --- the months ------------------------------------------------------------------------------------------------


async def test_months_of_a_base_recognised_on_31_january_follow_without_gap_and_fall_due_the_next_month(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor, mid_march: FrozenClock
) -> None:
    base = await factories.recognised_base(session, org=applicant.organization, recognised_on=date(2026, 1, 31))
    r = await client.get(f"{API}/bases/{base.id}/reports", headers=applicant.headers)  # listing creates the months started
    assert r.status_code == 200, r.text
    assert months(r.json()) == [
        (1, "2026-01-31", "2026-02-28", "2026-03-10", "draft", True),  # no 31 February: month 2 starts on 1 March
        (2, "2026-03-01", "2026-03-30", "2026-04-10", "draft", False),
    ]
    mid_march.set(at(date(2026, 3, 31)))
    await relogin(session, settings, applicant)
    r = await client.get(f"{API}/bases/{base.id}/reports", headers=applicant.headers)
    assert [m[:4] for m in months(r.json())][2] == (3, "2026-03-31", "2026-04-30", "2026-05-10")


async def test_ensure_reports_is_idempotent(session: AsyncSession, applicant: Actor, mid_march: FrozenClock) -> None:
    base = await factories.recognised_base(session, org=applicant.organization, recognised_on=date(2026, 1, 31))
    assert await reports.ensure_reports(session, base) == 2
    assert await reports.ensure_reports(session, base) == 0
    assert await reports.ensure_all(session) == 0
    count = await session.scalar(select(func.count()).select_from(MonthlyReport).where(MonthlyReport.base_id == base.id))
    assert count == 2


async def test_the_worker_creates_the_month_that_has_just_started(session: AsyncSession, applicant: Actor, mid_march: FrozenClock) -> None:
    base = await jan31_base(session, applicant)
    mid_march.set(at(date(2026, 3, 31)))
    assert await reports.ensure_all(session) == 1
    assert (await factories.report_of(session, base, 3)).period_starts_on == date(2026, 3, 31)


async def test_reports_stop_at_the_end_of_the_construction_period(
    session: AsyncSession, applicant: Actor, frozen_clock: FrozenClock
) -> None:
    frozen_clock.set(at(date(2029, 6, 1)))
    base = await factories.recognised_base(session, org=applicant.organization, recognised_on=date(2026, 1, 31))
    assert await reports.ensure_reports(session, base) == base.construction_months == 24


# --- draft, submit, review ---------------------------------------------------------------------------------------


async def test_draft_save_needs_the_current_version(
    client: AsyncClient, session: AsyncSession, applicant: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 2)
    url = f"{API}/reports/{report.id}/draft"
    body = {"progress": "开班两期", "declared_trainees": 40}
    assert (await client.put(url, headers=applicant.headers, json=body)).status_code == 428
    r = await client.put(url, headers={**applicant.headers, "If-Match": '"1"'}, json=body)
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"' and r.json()["progress"] == "开班两期" and r.json()["declared_trainees"] == 40
    stale = await client.put(url, headers={**applicant.headers, "If-Match": '"1"'}, json={"progress": "覆盖"})
    assert stale.status_code == 412
    assert (await detail(client, applicant, report.id))[0]["progress"] == "开班两期"


async def test_draft_refuses_unknown_fields_and_negative_figures(
    client: AsyncClient, session: AsyncSession, applicant: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 2)
    url, headers = f"{API}/reports/{report.id}/draft", {**applicant.headers, "If-Match": '"1"'}
    assert (await client.put(url, headers=headers, json={"status": "accepted"})).status_code == 422
    assert (await client.put(url, headers=headers, json={"declared_trainees": -1})).status_code == 422
    assert (await client.put(url, headers=headers, json={"declared_surveyed": 10, "declared_satisfied": 11})).status_code == 422


async def test_submit_return_resubmit_accept_and_the_refused_edges(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 1)
    rid = report.id
    r = await client.put(f"{API}/reports/{rid}/draft", headers={**applicant.headers, "If-Match": '"1"'}, json={"progress": "第一版"})
    submit = await client.post(f"{API}/reports/{rid}/submit", headers={**applicant.headers, "If-Match": r.headers["ETag"]})
    assert submit.status_code == 200, submit.text
    assert submit.json()["status"] == "submitted" and submit.json()["overdue"] is False and submit.json()["editable"] is False
    etag = submit.headers["ETag"]
    # submitted: not editable, not submittable again, not acceptable by the organisation
    assert (await client.put(f"{API}/reports/{rid}/draft", headers={**applicant.headers, "If-Match": etag}, json={})).status_code == 409
    again = await client.post(f"{API}/reports/{rid}/submit", headers={**applicant.headers, "If-Match": etag})
    assert again.status_code == 409 and again.json()["error"]["code"] == "REPORT_INVALID_STATE"
    assert (await client.post(f"{API}/reports/{rid}/accept", headers={**applicant.headers, "If-Match": etag})).status_code == 403
    # a return needs a reason for each part, at least one part
    ret = f"{API}/reports/{rid}/return"
    admin_h = {**admin.headers, "If-Match": etag}
    assert (await client.post(ret, headers=admin_h, json={"reasons": {}})).json()["error"]["code"] == "RETURN_REASONS_REQUIRED"
    assert (await client.post(ret, headers=admin_h, json={"reasons": {"narrative": "  "}})).status_code == 422
    assert (await client.post(ret, headers=admin_h, json={"reasons": {"budget": "x"}})).status_code == 422
    returned = await client.post(ret, headers=admin_h, json={"reasons": {"narrative": "请补充培训期数", "attachments": "缺少签到表"}})
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reasons"] == {"narrative": "请补充培训期数", "attachments": "缺少签到表"}
    assert (
        await client.post(f"{API}/reports/{rid}/accept", headers={**admin.headers, "If-Match": returned.headers["ETag"]})
    ).status_code == 409
    # resubmitted: a second version; the first keeps what it said and how it was answered
    r = await client.put(
        f"{API}/reports/{rid}/draft", headers={**applicant.headers, "If-Match": returned.headers["ETag"]}, json={"progress": "第二版"}
    )
    resubmit = await client.post(f"{API}/reports/{rid}/submit", headers={**applicant.headers, "If-Match": r.headers["ETag"]})
    assert resubmit.status_code == 200 and resubmit.json()["submitted_versions"] == 2
    versions = (await client.get(f"{API}/reports/{rid}/versions", headers=applicant.headers)).json()
    assert [(v["version_no"], v["outcome"]) for v in versions["items"]] == [(1, "returned"), (2, None)]
    first = (await client.get(f"{API}/reports/{rid}/versions/1", headers=admin.headers)).json()
    assert first["snapshot"]["narrative"]["progress"] == "第一版" and first["outcome_reasons"]["attachments"] == "缺少签到表"
    accepted = await client.post(f"{API}/reports/{rid}/accept", headers={**admin.headers, "If-Match": resubmit.headers["ETag"]})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted" and accepted.json()["return_reasons"] == {}
    stale = await client.post(ret, headers={**admin.headers, "If-Match": accepted.headers["ETag"]}, json={"reasons": {"figures": "x"}})
    assert stale.status_code == 409
    second = (await client.get(f"{API}/reports/{rid}/versions/2", headers=applicant.headers)).json()
    assert second["outcome"] == "accepted" and second["snapshot"]["narrative"]["progress"] == "第二版"
    actions = (await session.scalars(select(AuditEvent.action).where(AuditEvent.target_id == str(rid)).order_by(AuditEvent.id))).all()
    assert actions == ["report.submitted", "report.returned", "report.resubmitted", "report.accepted"]
    kinds = set((await session.scalars(select(Notification.kind).where(Notification.user_id == applicant.user.id))).all())
    assert {"report.returned", "report.accepted"} <= kinds


async def test_a_stale_version_cannot_be_accepted(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.submitted_report(session, base, 1, by=applicant.user)
    assert (await client.post(f"{API}/reports/{report.id}/accept", headers={**admin.headers, "If-Match": '"1"'})).status_code == 412
    assert (await client.post(f"{API}/reports/{report.id}/accept", headers=admin.headers)).status_code == 428


async def test_submission_waits_for_the_rosters_being_imported(
    client: AsyncClient, session: AsyncSession, applicant: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 1)
    roster = Roster(
        report_id=report.id,
        base_id=base.id,
        kind="trainees",
        status="importing",
        original_name="培训名册.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size_bytes=100,
        sha256="0" * 64,
        storage_key=f"rosters/{report.id}",
        uploaded_by_id=applicant.user.id,
    )
    session.add(roster)
    await session.commit()
    url, headers = f"{API}/reports/{report.id}/submit", {**applicant.headers, "If-Match": '"1"'}
    refused = await client.post(url, headers=headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "ROSTER_IMPORT_PENDING"
    roster.status, roster.rows_total = "imported", 12
    await session.commit()
    ok = await client.post(url, headers=headers)
    assert ok.status_code == 200, ok.text
    version = (await client.get(f"{API}/reports/{report.id}/versions/1", headers=applicant.headers)).json()
    assert version["snapshot"]["rosters"] == [
        {"id": str(roster.id), "kind": "trainees", "original_name": "培训名册.xlsx", "sha256": "0" * 64, "rows_total": 12}
    ]


# --- overdue and reminders ------------------------------------------------------------------------------------------


async def test_overdue_starts_the_day_after_the_due_date_for_the_organisation_and_the_bureau(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor, admin: Actor, frozen_clock: FrozenClock
) -> None:
    frozen_clock.set(at(date(2026, 3, 10), hour=23))  # month 1 is due on 10 March (Beijing time)
    await relogin(session, settings, applicant, admin)
    base = await jan31_base(session, applicant)

    async def flags() -> tuple[bool, int]:
        own = (await client.get(f"{API}/bases/{base.id}/reports", headers=applicant.headers)).json()["items"][0]["overdue"]
        queue = (await client.get(f"{API}/reports?overdue=true&base_id={base.id}", headers=admin.headers)).json()["total"]
        return own, queue

    assert await flags() == (False, 0)
    frozen_clock.set(at(date(2026, 3, 11), hour=0))
    await relogin(session, settings, applicant, admin)
    assert await flags() == (True, 1)
    report = await factories.submitted_report(session, base, 1, by=applicant.user)  # submitted late: no longer overdue
    assert report.status == "submitted"
    assert await flags() == (False, 0)


async def test_reminders_are_sent_once_when_due_soon_and_once_when_overdue(
    session: AsyncSession, settings: Settings, applicant: Actor, admin: Actor, frozen_clock: FrozenClock
) -> None:
    assert remind_reports in PERIODIC_JOBS  # the worker's cycle runs it (skillbase/jobs.py)
    frozen_clock.set(at(date(2026, 3, 7)))  # month 1 due on 10 March: 3 days ahead (report_due_soon_days)
    base = await jan31_base(session, applicant)
    assert await reports.remind(session, settings) == 1
    assert await reports.remind(session, settings) == 0
    frozen_clock.set(at(date(2026, 3, 10)))
    assert await reports.remind(session, settings) == 0  # due today: reminded already, not overdue yet
    frozen_clock.set(at(date(2026, 3, 11)))
    assert await reports.remind(session, settings) == 1
    assert await reports.remind(session, settings) == 0
    report = await factories.report_of(session, base, 1)
    assert report.reminded_due_at is not None and report.reminded_overdue_at is not None
    mine = (await session.scalars(select(Notification.kind).where(Notification.user_id == applicant.user.id))).all()
    assert sorted(mine) == ["report.due_soon", "report.overdue"]
    mails = await session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.to_email == applicant.email))
    assert mails == 2
    summaries = (await session.scalars(select(Notification.title).where(Notification.user_id == admin.user.id))).all()
    assert summaries == ["新增逾期月报 1 份"]
    admin_mails = await session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.to_email == admin.email))
    assert admin_mails == 0  # the bureau's summary is in-app only


# --- who may see what -----------------------------------------------------------------------------------------------


async def test_another_organisations_base_and_report_answer_404(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor, expert: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 1)
    h = {**other_applicant.headers, "If-Match": '"1"'}
    assert (await client.get(f"{API}/bases/{base.id}/reports", headers=other_applicant.headers)).status_code == 404
    assert (await client.get(f"{API}/bases/{base.id}/competitions", headers=other_applicant.headers)).status_code == 404
    assert (await client.get(f"{API}/reports/{report.id}", headers=other_applicant.headers)).status_code == 404
    assert (await client.put(f"{API}/reports/{report.id}/draft", headers=h, json={})).status_code == 404
    assert (await client.post(f"{API}/reports/{report.id}/submit", headers=h)).status_code == 404
    assert (await client.get(f"{API}/reports/{report.id}/versions", headers=other_applicant.headers)).status_code == 404
    assert (await client.patch(f"{API}/bases/{base.id}", headers=h, json={"contact_name": "冒名"})).status_code == 404
    assert (await client.get(f"{API}/reports", headers=other_applicant.headers)).json()["total"] == 0
    assert (await client.get(f"{API}/reports/{report.id}", headers=expert.headers)).status_code == 403


async def test_the_administrator_cannot_write_the_organisations_report(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 1)
    r = await client.put(f"{API}/reports/{report.id}/draft", headers={**admin.headers, "If-Match": '"1"'}, json={"progress": "代填"})
    assert r.status_code == 403


async def test_the_queue_filters_and_joins_the_base(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    await factories.submitted_report(session, base, 1, by=applicant.user)
    body = (await client.get(f"{API}/reports?status=submitted&base_id={base.id}&sort=-submitted_at", headers=admin.headers)).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["month_no"] == 1 and item["base_title"] == base.title and item["organization_name"] == applicant.organization.name
    assert (await client.get(f"{API}/reports?base_type=competition&base_id={base.id}", headers=admin.headers)).json()["total"] == 0
    assert (await client.get(f"{API}/reports?month_no=2&base_id={base.id}", headers=admin.headers)).json()["total"] == 1
    assert (await client.get(f"{API}/reports?sort=name", headers=admin.headers)).status_code == 422


# --- the base's account and contacts ----------------------------------------------------------------------------------


async def test_the_organisation_keeps_its_account_and_contacts_with_if_match(
    client: AsyncClient, session: AsyncSession, settings: Settings, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    url = f"{API}/bases/{base.id}"
    own = await client.get(url, headers=applicant.headers)
    assert own.json()["account_number"] == "0101 0000 0000 0001" and own.json()["editable_by_me"] is True
    assert own.headers["ETag"] == '"1"'
    body = {"account_number": "6222 0000 1111 2222", "contact_mobile": "13912345678"}
    assert (await client.patch(url, headers=applicant.headers, json=body)).status_code == 428
    r = await client.patch(url, headers={**applicant.headers, "If-Match": '"1"'}, json=body)
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"' and r.json()["contact_mobile"] == "13912345678" and r.json()["contact_name"] == "王五"
    assert (await client.patch(url, headers={**applicant.headers, "If-Match": '"1"'}, json=body)).status_code == 412
    assert (await client.patch(url, headers={**applicant.headers, "If-Match": '"2"'}, json={"contact_mobile": "123"})).status_code == 422
    assert (await client.get(url, headers=admin.headers)).json()["account_number"] == "6222 0000 1111 2222"  # personal_data:read_full
    member = await factories.actor(session, settings, role="applicant", org=applicant.organization, owner=False)
    assert (await client.patch(url, headers={**member.headers, "If-Match": '"2"'}, json=body)).status_code == 403
    audited = await session.scalar(select(AuditEvent.details).where(AuditEvent.action == "base.contacts_updated"))
    assert audited == {"fields": ["account_number", "contact_mobile"]}


async def test_the_account_and_mobile_are_masked_for_a_reader_without_personal_data(
    session: AsyncSession, applicant: Actor, mid_march: FrozenClock
) -> None:
    from skillbase.bases import service as bases
    from skillbase.core.auth import Principal
    from skillbase.core.permissions import Permission

    base = await jan31_base(session, applicant)
    reader = Principal.of_client(applicant.user.id, "统计接口", frozenset({Permission.base_read, Permission.base_read_all}))
    seen = await bases.get_base(session, reader, base.id)
    assert seen.account_number == "****0001" and seen.contact_mobile == "137****0000" and seen.editable_by_me is False


# --- competitions and evidence files -----------------------------------------------------------------------------------


def competition(**overrides: Any) -> dict[str, Any]:
    body = {
        "name": "顺义区数控车工技能大赛",
        "level": "district",
        "starts_on": "2026-03-05",
        "ends_on": "2026-03-06",
        "organiser": "顺义区人力资源和社会保障局",
        "occupation": "数控车工",
        "contestants": 320,
        "winners": 30,
    }
    body.update(overrides)
    return body


async def test_competitions_end_in_the_reports_month_with_no_more_winners_than_contestants(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 2)  # 1 .. 30 March
    url = f"{API}/reports/{report.id}/competitions"
    too_many = await client.post(url, headers=applicant.headers, json=competition(winners=321))
    assert too_many.status_code == 422 and too_many.json()["error"]["code"] == "COMPETITION_INVALID"
    outside = await client.post(url, headers=applicant.headers, json=competition(ends_on="2026-03-31"))
    assert outside.status_code == 422 and outside.json()["error"]["details"][0]["field"] == "ends_on"
    assert (await client.post(url, headers=applicant.headers, json=competition(level="galactic"))).status_code == 422
    created = await client.post(url, headers=applicant.headers, json=competition())
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    assert created.headers["ETag"] == '"1"' and created.json()["version"] == 1
    assert (await client.put(f"{url}/{cid}", headers=applicant.headers, json=competition(contestants=350))).status_code == 428
    edited = await client.put(f"{url}/{cid}", headers={**applicant.headers, "If-Match": '"1"'}, json=competition(contestants=350))
    assert edited.status_code == 200 and edited.json()["contestants"] == 350 and edited.headers["ETag"] == '"2"'
    # a second tab still holding version 1 neither overwrites nor deletes the edit
    stale = await client.put(f"{url}/{cid}", headers={**applicant.headers, "If-Match": '"1"'}, json=competition(contestants=999))
    assert stale.status_code == 412 and stale.json()["error"]["details"]["current_version"] == 2
    assert (await client.delete(f"{url}/{cid}", headers={**applicant.headers, "If-Match": '"1"'})).status_code == 412
    listed = (await client.get(f"{API}/bases/{base.id}/competitions", headers=admin.headers)).json()
    assert [c["id"] for c in listed["items"]] == [cid]
    report_read, etag = await detail(client, applicant, report.id)
    assert [c["name"] for c in report_read["competitions"]] == ["顺义区数控车工技能大赛"]
    await client.post(f"{API}/reports/{report.id}/submit", headers={**applicant.headers, "If-Match": etag})
    assert (await client.post(url, headers=applicant.headers, json=competition())).status_code == 409
    assert (await client.delete(f"{url}/{cid}", headers={**applicant.headers, "If-Match": '"2"'})).status_code == 409
    version = (await client.get(f"{API}/reports/{report.id}/versions/1", headers=admin.headers)).json()
    assert version["snapshot"]["competitions"][0]["contestants"] == 350


async def test_a_submitted_version_keeps_serving_a_file_removed_since(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor, mid_march: FrozenClock
) -> None:
    base = await jan31_base(session, applicant)
    report = await factories.report_of(session, base, 1)
    up = await client.post(
        f"{API}/reports/{report.id}/attachments?filename=../签到表.png&description=签到表", headers=applicant.headers, content=PNG
    )
    assert up.status_code == 201, up.text
    aid = up.json()["id"]
    assert up.json()["original_name"] == "签到表.png"
    refused = await client.post(f"{API}/reports/{report.id}/attachments?filename=x.png", headers=applicant.headers, content=b"MZ\x90\x00")
    assert refused.status_code == 422
    _, etag = await detail(client, applicant, report.id)
    submitted = await client.post(f"{API}/reports/{report.id}/submit", headers={**applicant.headers, "If-Match": etag})
    returned = await client.post(
        f"{API}/reports/{report.id}/return",
        headers={**admin.headers, "If-Match": submitted.headers["ETag"]},
        json={"reasons": {"attachments": "签到表不清晰"}},
    )
    assert returned.status_code == 200
    assert (await client.delete(f"{API}/reports/{report.id}/attachments/{aid}", headers=applicant.headers)).status_code == 204
    assert (await client.get(f"{API}/reports/{report.id}/attachments/{aid}", headers=admin.headers)).status_code == 404
    old = await client.get(f"{API}/reports/{report.id}/versions/1/attachments/{aid}", headers=admin.headers)
    assert old.status_code == 200 and old.content == PNG
    assert old.headers["content-disposition"].startswith("attachment;") and old.headers["x-content-type-options"] == "nosniff"
    assert (await detail(client, applicant, report.id))[0]["attachments"] == []


async def test_recognition_gives_the_base_its_specialties_account_contact_and_first_month(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    from tests.api.test_bases import recognise_through_the_flow

    created = await recognise_through_the_flow(client, session, admin, school, call, experts)
    base = (await client.get(f"{API}/bases/{created['id']}", headers=school.headers)).json()
    org = school.organization
    assert org is not None
    assert base["specialties"] and base["account_bank"] == org.bank_name and base["account_number"] == org.bank_account
    assert base["contact_name"] and base["contact_mobile"]  # the contact person of the version recognised
    months = (await client.get(f"{API}/bases/{created['id']}/reports", headers=school.headers)).json()
    assert (months["items"][0]["month_no"], months["items"][0]["period_starts_on"]) == (1, base["recognised_on"])
