"""Indicators against targets (issue 10, part C) through the HTTP API and the refresh: what counts, every boundary of the
targets and rates, who may see a base's indicators, the administrators' register and its export."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.indicators import service
from skillbase.models import BaseMonthFigures, BaseProgress, TraineeRow
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import Actor

API = "/api/v1"


@pytest.fixture
def clock_at(frozen_clock: FrozenClock) -> FrozenClock:
    """The clock stopped now (the tokens of the role fixtures stay valid); bases are placed relative to today."""
    return frozen_clock


async def indicators(client: AsyncClient, actor: Actor, base: Any) -> dict[str, Any]:
    r = await client.get(f"{API}/bases/{base.id}/indicators", headers=actor.headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def year(body: dict[str, Any], no: int) -> dict[str, Any]:
    return next(y for y in body["years"] if y["year"] == no)


async def refreshed(session: AsyncSession, base: Any) -> None:
    await service.refresh_base(session, base.id)
    await session.commit()


# --- certificate targets ---------------------------------------------------------------------------------------------


async def test_year1_certificates_at_the_target_meet_it_and_one_below_falls_short(
    client: AsyncClient,
    session: AsyncSession,
    admin: Actor,
    applicant: Actor,
    clock_at: FrozenClock,
) -> None:
    base = await factories.base_in_month(session, 13, org=applicant.organization)
    month = await factories.report_month(session, base, 3, certificates=[{"person": i} for i in range(600)])
    await refreshed(session, base)
    body = await indicators(client, applicant, base)
    y1 = year(body, 1)
    assert (
        y1["certificates_assessed"],
        y1["certificate_target"],
        y1["reached_permille"],
    ) == (600, 600, 1000)
    assert y1["projection"] == 600 and y1["months_elapsed"] == 12  # the year is over: its count is final
    assert "certificates_short" not in [f["risk"] for f in y1["flags"]]

    await session.delete(month.certificates[0])
    await session.commit()
    await refreshed(session, base)
    y1 = year(await indicators(client, applicant, base), 1)
    assert (y1["certificates_assessed"], y1["reached_permille"], y1["projection"]) == (
        599,
        998,
        599,
    )
    flag = next(f for f in y1["flags"] if f["risk"] == "certificates_short")
    assert "599" in flag["rule"] and "600" in flag["rule"]


async def test_the_projection_follows_the_pace_of_whole_months(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    base = await factories.base_in_month(session, 7)  # months 1..6 are over
    await factories.report_month(session, base, 2, certificates=[{"person": i} for i in range(301)])
    await refreshed(session, base)
    y1 = year(await indicators(client, admin, base), 1)
    assert y1["months_elapsed"] == 6 and y1["projection"] == 301 * 12 // 6 == 602
    assert not y1["flags"] and not y1["at_risk"]
    progress = await session.get(BaseProgress, base.id)
    assert progress is not None
    await session.refresh(progress)
    assert (
        progress.current_month,
        progress.current_year,
        progress.projection,
        progress.at_risk,
    ) == (7, 1, 602, False)


# --- rates -----------------------------------------------------------------------------------------------------------


async def test_satisfaction_of_95_0_percent_passes_and_94_9_fails_and_certification_90_0_passes_and_89_9_fails(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    base = await factories.base_in_month(session, 13)
    month = await factories.report_month(
        session,
        base,
        1,
        trainees=[{"person": i, "surveyed": True, "satisfied": i < 950} for i in range(1000)],
        certificates=[{"person": i} for i in range(900)],
    )
    await refreshed(session, base)
    y1 = year(await indicators(client, admin, base), 1)
    assert (
        y1["figures"]["satisfied"],
        y1["figures"]["surveyed"],
        y1["satisfaction_permille"],
        y1["satisfaction_met"],
    ) == (950, 1000, 950, True)
    assert (
        y1["figures"]["certified_trainees"],
        y1["figures"]["trainees"],
        y1["certification_permille"],
        y1["certification_met"],
    ) == (
        900,
        1000,
        900,
        True,
    )

    first = month.trainees[0]  # satisfied and certified
    await session.execute(update(TraineeRow).where(TraineeRow.id == first.id).values(satisfied=False))
    # a certificate issued before the training started certifies nobody: person 0's training now starts the day after
    later = first.starts_on + timedelta(days=1)
    await session.execute(update(TraineeRow).where(TraineeRow.id == first.id).values(starts_on=later, ends_on=later))
    await session.commit()
    await refreshed(session, base)
    y1 = year(await indicators(client, admin, base), 1)
    assert (y1["satisfaction_permille"], y1["satisfaction_met"]) == (949, False)
    assert (y1["certification_permille"], y1["certification_met"]) == (899, False)
    assert {f["risk"] for f in y1["flags"]} >= {"satisfaction_low", "certification_low"}


# --- competitions ----------------------------------------------------------------------------------------------------


async def test_a_competition_qualifies_from_300_contestants_and_the_minimum_level(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    base = await factories.base_in_month(session, 14, base_type="competition")
    await factories.report_month(
        session,
        base,
        2,
        competitions=[
            {"level": "district", "contestants": 299},  # one contestant short
            {"level": "school", "contestants": 5000},  # below the minimum level
        ],
    )
    await refreshed(session, base)
    body = await indicators(client, admin, base)
    assert (
        body["total"]["competitions"],
        body["total"]["qualifying_competitions"],
    ) == (2, 0)
    assert body["at_risk"] and "competition_missing" in body["risks"]

    await factories.report_month(session, base, 3, competitions=[{"level": "district", "contestants": 300}])
    await refreshed(session, base)
    body = await indicators(client, admin, base)
    assert (
        body["total"]["competitions"],
        body["total"]["qualifying_competitions"],
    ) == (3, 1)
    assert not body["at_risk"]
    progress = await session.scalar(select(BaseProgress.reached_permille).where(BaseProgress.base_id == base.id))
    assert progress == 1000


# --- what counts -----------------------------------------------------------------------------------------------------


async def test_an_open_duplicate_counts_nowhere_and_a_resolved_one_counts_once(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    a = await factories.base_in_month(session, 5)
    b = await factories.base_in_month(session, 5)
    same = {"person": 7, "certificate_no": "S-0001"}
    in_a = await factories.report_month(session, a, 1, certificates=[same, {"person": 8}])
    in_b = await factories.report_month(session, b, 2, certificates=[same])
    group = await factories.duplicate_group(session, [in_a.certificates[0], in_b.certificates[0]])
    await refreshed(session, a)
    await refreshed(session, b)
    assert (await indicators(client, admin, a))["total"]["certificates"] == 1  # person 8 only
    assert (await indicators(client, admin, b))["total"]["certificates"] == 0
    assert (await indicators(client, admin, a))["open_duplicates"] == 1

    group.status, group.counted_row_id, group.reason, group.resolved_at = (
        "resolved",
        in_b.certificates[0].id,
        "核实",
        clock_at.now(),
    )
    await session.commit()
    await refreshed(session, a)
    await refreshed(session, b)
    assert (await indicators(client, admin, a))["total"]["certificates"] == 1
    assert (await indicators(client, admin, b))["total"]["certificates"] == 1
    assert (await indicators(client, admin, a))["open_duplicates"] == 0


async def test_rows_of_an_unaccepted_report_or_a_replaced_roster_do_not_count(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    base = await factories.base_in_month(session, 6)
    await factories.report_month(
        session,
        base,
        1,
        status="submitted",
        certificates=[{"person": 1}],
        trainees=[{"person": 1}],
    )
    await factories.report_month(
        session,
        base,
        2,
        roster_status="replaced",
        certificates=[{"person": 2}],
        trainees=[{"person": 2}],
    )
    await factories.report_month(session, base, 3, certificates=[{"person": 3}], trainees=[{"person": 3}])
    await refreshed(session, base)
    body = await indicators(client, admin, base)
    assert (body["total"]["certificates"], body["total"]["trainees"]) == (1, 1)
    assert [m["month_no"] for m in body["months"] if m["certificates"]] == [3]
    assert [m["report_status"] for m in body["months"][:3]] == [
        "submitted",
        "accepted",
        "accepted",
    ]


async def test_declared_figures_that_differ_from_the_computed_ones_are_flagged(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    base = await factories.base_in_month(session, 4)
    await factories.report_month(
        session,
        base,
        1,
        certificates=[{"person": 1}, {"person": 2}],
        declared={"declared_certificates": 3, "declared_trainees": 0},
    )
    await refreshed(session, base)
    body = await indicators(client, admin, base)
    first = body["months"][0]
    assert first["declared"]["declared_certificates"] == 3 and first["certificates"] == 2
    assert first["differences"] == ["declared_certificates"]  # declared_trainees 0 = computed 0
    assert body["declared_mismatch_months"] == 1


async def test_refresh_is_idempotent_and_drops_months_no_longer_counted(session: AsyncSession, clock_at: FrozenClock) -> None:
    base = await factories.base_in_month(session, 2)
    await factories.report_month(session, base, 5, certificates=[{"person": 1}])  # a report ahead of time
    await refreshed(session, base)
    first = (
        await session.execute(
            select(BaseMonthFigures.month_no, BaseMonthFigures.certificates)
            .where(BaseMonthFigures.base_id == base.id)
            .order_by(BaseMonthFigures.month_no)
        )
    ).all()
    await refreshed(session, base)
    again = (
        await session.execute(
            select(BaseMonthFigures.month_no, BaseMonthFigures.certificates)
            .where(BaseMonthFigures.base_id == base.id)
            .order_by(BaseMonthFigures.month_no)
        )
    ).all()
    assert first == again == [(1, 0), (2, 0), (5, 1)]
    from skillbase.models import MonthlyReport

    report = await session.scalar(select(MonthlyReport).where(MonthlyReport.base_id == base.id))
    assert report is not None
    await session.execute(update(MonthlyReport).where(MonthlyReport.id == report.id).values(status="returned"))
    await session.commit()
    await refreshed(session, base)
    rows = (
        await session.execute(
            select(BaseMonthFigures.month_no, BaseMonthFigures.certificates)
            .where(BaseMonthFigures.base_id == base.id)
            .order_by(BaseMonthFigures.month_no)
        )
    ).all()
    assert rows == [
        (1, 0),
        (2, 0),
        (5, 0),
    ]  # the report still names month 5, nothing counts in it


async def test_refresh_base_sends_a_fixed_number_of_statements(session: AsyncSession, clock_at: FrozenClock, count_statements: Any) -> None:
    small = await factories.base_in_month(session, 3)
    big = await factories.base_in_month(session, 20)
    await factories.report_month(session, small, 1, certificates=[{"person": 1}])
    for m in (1, 2, 13):
        await factories.report_month(
            session,
            big,
            m,
            certificates=[{"person": 100 * m + i} for i in range(5)],
            trainees=[{"person": m}],
        )
    counts = []
    for base in (small, big):
        with count_statements() as statements:
            await service.refresh_base(session, base.id)
        counts.append(len(statements))
    assert counts[0] == counts[1] == 5


# --- who sees what ---------------------------------------------------------------------------------------------------


async def test_another_organisations_base_indicators_answer_404(
    client: AsyncClient,
    session: AsyncSession,
    applicant: Actor,
    other_applicant: Actor,
    admin: Actor,
    expert: Actor,
    clock_at: FrozenClock,
) -> None:
    base = await factories.base_in_month(session, 2, org=applicant.organization)
    assert (await client.get(f"{API}/bases/{base.id}/indicators", headers=other_applicant.headers)).status_code == 404
    assert (await client.get(f"{API}/bases/{base.id}/indicators", headers=expert.headers)).status_code == 403
    assert (await client.get(f"{API}/bases/{base.id}/indicators", headers=applicant.headers)).status_code == 200
    assert (await client.get(f"{API}/bases/{base.id}/indicators", headers=admin.headers)).status_code == 200


async def test_the_register_is_for_administrators_only(client: AsyncClient, applicant: Actor, expert: Actor) -> None:
    for actor in (applicant, expert):
        assert (await client.get(f"{API}/indicators/bases", headers=actor.headers)).status_code == 403
        assert (await client.get(f"{API}/indicators/bases/export", headers=actor.headers)).status_code == 403


# --- the register ----------------------------------------------------------------------------------------------------


async def _register_bases(session: AsyncSession) -> tuple[Any, Any, Any]:
    """Three bases: on pace; short of pace (at risk) with an overdue report; a competition base."""
    on_pace = await factories.base_in_month(session, 7)
    await factories.report_month(session, on_pace, 1, certificates=[{"person": i} for i in range(320)])
    short = await factories.base_in_month(session, 7)
    await factories.report_month(session, short, 1, certificates=[{"person": 1000 + i} for i in range(10)])
    await factories.report_month(session, short, 2, status="draft")  # due in month 3: overdue now
    comp = await factories.base_in_month(session, 3, base_type="competition")
    await service.refresh_all(session)
    await session.commit()
    return on_pace, short, comp


async def test_the_register_filters_and_sorts_by_indicator_columns(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    on_pace, short, comp = await _register_bases(session)

    async def ids(**params: Any) -> list[str]:
        r = await client.get(
            f"{API}/indicators/bases",
            headers=admin.headers,
            params={"limit": 100, **params},
        )
        assert r.status_code == 200, r.text
        return [row["base_id"] for row in r.json()["items"]]

    assert await ids(at_risk=True) == [str(short.id)]
    assert await ids(overdue=True) == [str(short.id)]
    assert await ids(base_type="competition") == [str(comp.id)]
    assert set(await ids(at_risk=False)) >= {str(on_pace.id), str(comp.id)}
    ranked = await ids(sort="reached", order="desc", base_type="skills_upgrading")
    assert ranked.index(str(on_pace.id)) < ranked.index(str(short.id))
    short_row = (await client.get(f"{API}/indicators/bases", headers=admin.headers, params={"at_risk": True})).json()["items"][0]
    assert short_row["overdue_reports"] == 1 and short_row["risks"] == ["certificates_short"]
    assert short_row["projection"] == 10 * 12 // 6 and short_row["certificate_target"] == 600
    org_name = short_row["organization_name"]
    assert str(short.id) in await ids(q=org_name[2:8])
    assert (await client.get(f"{API}/indicators/bases", headers=admin.headers, params={"sort": "bogus"})).status_code == 422


async def test_the_export_is_an_xlsx_of_the_filtered_register_with_chinese_headers(
    client: AsyncClient, session: AsyncSession, admin: Actor, clock_at: FrozenClock
) -> None:
    _, short, _ = await _register_bases(session)
    r = await client.get(
        f"{API}/indicators/bases/export",
        headers=admin.headers,
        params={"at_risk": True},
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("基地名称", "申报单位", "基地类型") and "完成率" in rows[0]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["基地名称"] == short.title and row["取证人次"] == 10 and row["风险"] == "是" and row["逾期月报"] == 1
    assert row["完成率"] == "1.6%" and row["风险规则"] == "取证人次预计不达标"


async def test_the_worker_refreshes_every_base_once_a_day(session: AsyncSession, clock_at: FrozenClock) -> None:
    base = await factories.base_in_month(session, 7)
    assert await service.refresh_daily(session) >= 1  # no register row yet
    await session.commit()
    assert await service.refresh_daily(session) == 0  # done today
    await factories.report_month(session, base, 1, status="draft")  # due in month 2: overdue, but only seen tomorrow
    clock_at.advance(days=1)
    assert await service.refresh_daily(session) >= 1
    await session.commit()
    overdue = await session.scalar(select(BaseProgress.overdue_reports).where(BaseProgress.base_id == base.id))
    assert overdue == 1


async def test_the_worker_cycle_runs_the_indicator_refresh(db: Any, settings: Any, session: AsyncSession, clock_at: FrozenClock) -> None:
    from skillbase.jobs import PERIODIC_JOBS
    from skillbase.notifications.worker import LogSender, run_once

    base = await factories.base_in_month(session, 3)
    await run_once(db, settings, LogSender(), PERIODIC_JOBS)
    assert await session.scalar(select(BaseProgress.current_month).where(BaseProgress.base_id == base.id)) == 3
