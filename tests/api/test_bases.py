"""Recognised bases through the HTTP API: the detail with the commitments frozen at recognition, and who may read it."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.bases.commitments import construction_month
from skillbase.config import Settings
from skillbase.core.clock import CHINA_TZ
from skillbase.models import Call
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import Actor
from tests.flows import approved_application


async def recognise_through_the_flow(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> dict[str, Any]:
    """Application approved through the real endpoints, a notice published, its period over, recognition issued."""
    app = await approved_application(client, admin, school, call, experts)
    body = {"title": "拟认定名单公示", "body": "现予公示。", "contact": "010-69440000", "application_ids": [app["id"]]}
    notice = (await client.post("/api/v1/publicity-notices", headers=admin.headers, json=body)).json()
    assert (await client.post(f"/api/v1/publicity-notices/{notice['id']}/publish", headers=admin.headers)).status_code == 200
    await factories.elapse_publicity(session, notice["id"])
    r = await client.post(
        "/api/v1/recognitions",
        headers=admin.headers,
        json={"notice_id": notice["id"], "document_number": "顺人社发〔2026〕88号", "issued_on": "2026-12-01"},
    )
    assert r.status_code == 201, r.text
    return r.json()["bases"][0]  # type: ignore[no-any-return]


ORIGINAL = {
    "title": "顺义区职业技能提升培训基地",
    "subsidy_fen": 100_000_000,
    "first_tranche_percent": 40,
    "first_tranche_fen": 40_000_000,
    "final_tranche_fen": 60_000_000,
    "construction_starts_on": "2026-12-01",
    "construction_ends_on": "2028-11-30",
    "construction_months": 24,
    "improvement_months": 12,
    "report_due_day": 10,
    "year1_certificate_target": 600,
    "two_year_certificate_target": 1800,
    "satisfaction_floor_percent": 95,
    "certification_rate_floor_percent": 90,
    "capacity_per_year": 900,
    "brand_award_fen": 5_000_000,
    "brand_volume_multiplier": 2,
    "high_skill_award_per_step_fen": 5_000_000,
    "high_skill_step": 100,
    "high_skill_award_cap_fen": 50_000_000,
    "competition_min_count": None,
    "competition_min_level": None,
    "competition_min_contestants": None,
}


async def test_a_base_keeps_the_commitments_of_its_recognition_when_the_call_changes(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    base = await recognise_through_the_flow(client, session, admin, school, call, experts)
    url = f"/api/v1/bases/{base['id']}"
    before = (await client.get(url, headers=admin.headers)).json()
    assert before["commitments"] == {"call_id": str(call.id), **ORIGINAL}
    assert {k: before[k] for k in base} == base  # the list fields, unchanged

    # report_due_day (and the name) of a published call may still be edited through the API ...
    call_url = f"/api/v1/calls/{call.id}"
    r = await client.patch(call_url, headers={**admin.headers, "If-Match": f'"{call.version}"'}, json={"report_due_day": 25})
    assert r.status_code == 200 and r.json()["report_due_day"] == 25, r.text
    # ... its policy may not (CALL_FIELDS_LOCKED), so a later policy is written straight into the call's row, as a
    # migration or a future call-edit feature could: the base must not follow it either way.
    policies = dict(call.policies)
    policies["skills_upgrading"] = {
        **policies["skills_upgrading"],
        "title": "改过的称号",
        "subsidy_fen": 1,
        "first_tranche_percent": 100,
        "year1_certificate_target": 1,
        "two_year_certificate_target": 2,
        "construction_months": 6,
        "brand_award_fen": 0,
    }
    await session.execute(update(Call).where(Call.id == call.id).values(policies=policies))
    await session.commit()

    after = (await client.get(url, headers=admin.headers)).json()
    assert after["commitments"] == before["commitments"]
    assert after["title"] == ORIGINAL["title"]
    listed = (await client.get("/api/v1/bases", headers=school.headers)).json()["items"]
    assert [b["title"] for b in listed] == [ORIGINAL["title"]]
    assert (await client.get(url, headers=school.headers)).json()["commitments"]["subsidy_fen"] == 100_000_000


async def test_another_organisations_base_is_not_found(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor, experts: list[Actor]
) -> None:
    base = await factories.recognised_base(session, org=other_applicant.organization)
    mine = await client.get(f"/api/v1/bases/{base.id}", headers=other_applicant.headers)
    assert mine.status_code == 200 and mine.json()["organization_id"] == str(other_applicant.organization.id)  # type: ignore[union-attr]
    theirs = await client.get(f"/api/v1/bases/{base.id}", headers=applicant.headers)
    unknown = await client.get(f"/api/v1/bases/{factories.uuid.uuid4()}", headers=applicant.headers)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json() and theirs.json()["error"]["code"] == "NOT_FOUND"
    # an expert reads no base at all (no base:read)
    assert (await client.get(f"/api/v1/bases/{base.id}", headers=experts[0].headers)).status_code == 403


async def test_a_base_in_its_thirteenth_month(
    client: AsyncClient, session: AsyncSession, settings: Settings, frozen_clock: FrozenClock
) -> None:
    frozen_clock.set(datetime.combine(date(2027, 3, 31), time(12), CHINA_TZ))
    admin = await factories.actor(session, settings, role="admin")  # logged in at the frozen time
    base = await factories.base_in_month(session, 13)
    assert base.recognised_on == date(2026, 3, 31)
    assert construction_month(base.construction_starts_on, frozen_clock.today()) == 13
    detail = (await client.get(f"/api/v1/bases/{base.id}", headers=admin.headers)).json()
    assert detail["construction_month"] == 13 and detail["recognised_on"] == "2026-03-31"
    assert detail["specialties"] == ["数控车工", "电工"] and detail["status"] == "under_construction"
    assert detail["commitments"]["construction_ends_on"] == "2028-03-30"
    # no 31 April: month 13 runs to 30 April, month 14 starts on 1 May
    for day, month in ((date(2027, 4, 30), 13), (date(2027, 5, 1), 14)):
        frozen_clock.set(datetime.combine(day, time(12), CHINA_TZ))
        headers = await factories.login_headers(session, settings, admin.user)  # a month later: a new login
        assert (await client.get(f"/api/v1/bases/{base.id}", headers=headers)).json()["construction_month"] == month


async def test_a_competition_base_commits_to_competitions_not_certificates(
    client: AsyncClient, session: AsyncSession, admin: Actor
) -> None:
    base = await factories.recognised_base(session, base_type="competition", recognised_on=date(2026, 1, 31))
    c = (await client.get(f"/api/v1/bases/{base.id}", headers=admin.headers)).json()["commitments"]
    assert (c["subsidy_fen"], c["first_tranche_fen"], c["final_tranche_fen"]) == (10_000_000, 10_000_000, 0)
    assert (c["competition_min_count"], c["competition_min_level"], c["competition_min_contestants"]) == (1, "district", 300)
    assert c["year1_certificate_target"] is None and c["high_skill_award_cap_fen"] is None
    assert c["construction_ends_on"] == "2028-01-30"
