"""The application list at scale: a fixed number of statements whatever the page size, keyset (cursor) pagination
that walks every row once in order, the total's estimate flag, and the per-status totals in one request."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service
from skillbase.core.pagination import encode_cursor
from skillbase.models import Application
from skillbase.models.enums import ApplicationStatus, BaseType
from tests import factories
from tests.factories import Actor

API = "/api/v1/applications"
Counter = Callable[[], AbstractContextManager[list[str]]]
STATUSES = [ApplicationStatus.draft, ApplicationStatus.submitted, ApplicationStatus.under_review, ApplicationStatus.rejected]


async def many(session: AsyncSession, call: Any, orgs: list[Any], n: int) -> list[Application]:
    """`n` applications spread over `orgs` and four statuses; updated_at in pairs of equal times, so the id must
    break ties."""
    owner = await factories.user(session, role="applicant", org=orgs[0])
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    apps = [
        Application(
            call_id=call.id,
            organization_id=orgs[i % len(orgs)].id,
            base_type=BaseType.skills_upgrading,
            status=STATUSES[i % len(STATUSES)],
            draft_form={},
            draft_version=1,
            submitted_versions=0,
            created_by_id=owner.id,
            updated_at=start - timedelta(minutes=i // 2),
        )
        for i in range(n)
    ]
    session.add_all(apps)
    await session.commit()
    return apps


def in_list_order(apps: list[Application]) -> list[str]:
    return [str(a.id) for a in sorted(apps, key=lambda a: (-a.updated_at.timestamp(), a.id))]


async def test_the_list_sends_the_same_statements_for_one_row_and_for_fifty(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor, call: Any, count_statements: Counter
) -> None:
    org = await factories.organization(session)
    assert applicant.organization is not None
    await many(session, call, [org, applicant.organization], 60)
    for headers, query in [(admin.headers, {}), (admin.headers, {"status": "submitted", "q": "职业"}), (applicant.headers, {})]:
        sent: dict[int, int] = {}
        for limit in (1, 50):
            with count_statements() as statements:
                r = await client.get(API, params={"limit": limit, **query}, headers=headers)
            assert r.status_code == 200, r.text
            sent[limit] = len(statements)
        assert sent[1] == sent[50], (query, sent)


async def test_following_next_cursor_walks_every_row_once_in_order(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any
) -> None:
    orgs = [await factories.organization(session) for _ in range(3)]
    expected = in_list_order(await many(session, call, orgs, 23))
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 5, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(API, params=params, headers=admin.headers)).json()
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    assert page["total"] == 23 and page["total_is_estimate"] is False


async def test_the_cursor_keeps_the_filters_and_the_offset_pages_agree(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any
) -> None:
    orgs = [await factories.organization(session) for _ in range(2)]
    apps = await many(session, call, orgs, 16)
    drafts = in_list_order([a for a in apps if a.status == ApplicationStatus.draft])
    first = (await client.get(API, params={"limit": 2, "status": "draft"}, headers=admin.headers)).json()
    rest = (await client.get(API, params={"limit": 10, "status": "draft", "cursor": first["next_cursor"]}, headers=admin.headers)).json()
    assert [a["id"] for a in first["items"] + rest["items"]] == drafts and rest["next_cursor"] is None
    by_offset = (await client.get(API, params={"limit": 2, "offset": 2, "status": "draft"}, headers=admin.headers)).json()
    assert [a["id"] for a in by_offset["items"]] == drafts[2:4]


async def test_a_cursor_at_the_last_row_gives_an_empty_page(client: AsyncClient, session: AsyncSession, admin: Actor, call: Any) -> None:
    apps = await many(session, call, [await factories.organization(session)], 3)
    last = sorted(apps, key=lambda a: (-a.updated_at.timestamp(), a.id))[-1]
    page = (await client.get(API, params={"cursor": encode_cursor(last.updated_at, last.id)}, headers=admin.headers)).json()
    assert page["items"] == [] and page["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "W10", encode_cursor(datetime(2026, 1, 1), uuid.uuid4()), "x" * 200])
async def test_a_malformed_cursor_is_422(client: AsyncClient, admin: Actor, cursor: str) -> None:
    r = await client.get(API, params={"cursor": cursor}, headers=admin.headers)
    assert r.status_code == 422 and r.json()["error"]["code"] == "VALIDATION_ERROR"


async def test_the_unfiltered_total_is_an_estimate_beyond_the_threshold_and_says_so(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await many(session, call, [await factories.organization(session)], 4)
    exact = (await client.get(API, headers=admin.headers)).json()
    assert exact["total"] == 4 and exact["total_is_estimate"] is False
    monkeypatch.setattr(service, "ESTIMATE_TOTAL_ABOVE", -1)  # any table size: the planner's estimate, flagged
    estimated = (await client.get(API, headers=admin.headers)).json()
    assert estimated["total_is_estimate"] is True and estimated["total"] >= 0 and len(estimated["items"]) == 4
    filtered = (await client.get(API, params={"status": "draft"}, headers=admin.headers)).json()
    assert filtered["total_is_estimate"] is False and filtered["total"] == 1


async def test_stats_count_per_status_in_the_callers_scope(
    client: AsyncClient, session: AsyncSession, admin: Actor, applicant: Actor, expert: Actor, call: Any
) -> None:
    assert applicant.organization is not None
    other = await factories.organization(session)
    await many(session, call, [applicant.organization, other], 12)  # 6 each; statuses cycle over 4 -> mine: draft, under_review
    everything = (await client.get(f"{API}/stats", headers=admin.headers)).json()
    assert everything["total"] == 12 and set(everything["counts"]) == {s.value for s in ApplicationStatus}
    assert {s: n for s, n in everything["counts"].items() if n} == {"draft": 3, "submitted": 3, "under_review": 3, "rejected": 3}

    mine = (await client.get(f"{API}/stats", headers=applicant.headers)).json()
    assert mine["total"] == 6 and {s: n for s, n in mine["counts"].items() if n} == {"draft": 3, "under_review": 3}
    listed = (await client.get(API, params={"status": "draft"}, headers=applicant.headers)).json()
    assert listed["total"] == mine["counts"]["draft"]

    assert (await client.get(f"{API}/stats", headers=expert.headers)).json()["total"] == 0  # no panel seat, no rows
    by_org = (await client.get(f"{API}/stats", params={"organization_id": str(other.id)}, headers=admin.headers)).json()
    assert by_org["total"] == 6


async def test_stats_send_one_query_besides_authentication(client: AsyncClient, admin: Actor, count_statements: Counter) -> None:
    with count_statements() as sent:
        assert (
            await client.get(f"{API}/stats", params={"status": "draft", "base_type": "competition"}, headers=admin.headers)
        ).status_code == 200
    assert sum("GROUP BY" in s for s in sent) == 1 and not any("FROM applications" in s and "GROUP BY" not in s for s in sent)


async def test_unfiltered_stats_read_the_counter_table_not_every_application(
    client: AsyncClient, admin: Actor, count_statements: Counter
) -> None:
    with count_statements() as sent:
        assert (await client.get(f"{API}/stats", headers=admin.headers)).status_code == 200
    assert any("FROM application_status_counts" in s for s in sent)
    assert not any("FROM applications" in s for s in sent)


async def test_the_counter_table_follows_inserts_status_changes_and_deletes(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any
) -> None:
    apps = await many(session, call, [await factories.organization(session)], 8)
    await session.execute(text("UPDATE applications SET status = 'withdrawn' WHERE id = :id"), {"id": apps[0].id})
    await session.execute(
        text("UPDATE applications SET status = status, draft_version = draft_version + 1 WHERE id = :id"), {"id": apps[1].id}
    )
    await session.execute(text("DELETE FROM applications WHERE id = :id"), {"id": apps[2].id})
    await session.flush()
    counted = dict((await session.execute(text("SELECT status, count(*) FROM applications GROUP BY status"))).all())
    stats = (await client.get(f"{API}/stats", headers=admin.headers)).json()
    assert {s: n for s, n in stats["counts"].items() if n} == counted and stats["total"] == 7
