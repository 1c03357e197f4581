from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from httpx import AsyncClient

from tests.factories import Actor

TODAY = date.today()


def call_payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "测试批次",
        "year": TODAY.year,
        "opens_on": str(TODAY - timedelta(days=1)),
        "deadline": str(TODAY + timedelta(days=30)),
        "valid_until": str(TODAY + timedelta(days=800)),
    }
    data.update(overrides)
    return data


async def create(client: AsyncClient, admin: Actor, **overrides: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/calls", headers=admin.headers, json=call_payload(**overrides))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_a_new_call_takes_the_policy_defaults(client: AsyncClient, admin: Actor) -> None:
    call = await create(client, admin)
    assert call["status"] == "draft" and call["version"] == 1
    assert call["policies"]["skills_upgrading"]["subsidy_fen"] == 100_000_000
    assert call["policies"]["industry_chain"]["min_posts"] == 300
    assert call["policies"]["competition"]["first_tranche_percent"] == 100
    assert sum(c["max_points"] for c in call["rubric"]) == 100


async def test_dates_out_of_order_are_refused(client: AsyncClient, admin: Actor) -> None:
    r = await client.post("/api/v1/calls", headers=admin.headers, json=call_payload(deadline=str(TODAY - timedelta(days=5))))
    assert r.status_code == 422


async def test_a_rubric_not_summing_to_100_is_refused(client: AsyncClient, admin: Actor) -> None:
    rubric = [{"key": "a", "name": "甲", "max_points": 50}, {"key": "b", "name": "乙", "max_points": 40}]
    r = await client.post("/api/v1/calls", headers=admin.headers, json=call_payload(rubric=rubric))
    assert r.status_code == 422


async def test_edit_needs_if_match_and_refuses_a_stale_version(client: AsyncClient, admin: Actor) -> None:
    call = await create(client, admin)
    url = f"/api/v1/calls/{call['id']}"
    assert (await client.patch(url, headers=admin.headers, json={"name": "新名称"})).status_code == 428
    ok = await client.patch(url, headers={**admin.headers, "If-Match": '"1"'}, json={"name": "新名称"})
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.headers["etag"] == '"2"'
    stale = await client.patch(url, headers={**admin.headers, "If-Match": '"1"'}, json={"name": "又一个名称"})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "STALE_VERSION"
    assert (await client.get(url, headers=admin.headers)).json()["name"] == "新名称"


async def test_policy_of_a_draft_can_be_changed(client: AsyncClient, admin: Actor) -> None:
    call = await create(client, admin)
    policy = call["policies"]["skills_upgrading"] | {"min_training_volume": 600}
    r = await client.patch(
        f"/api/v1/calls/{call['id']}", headers={**admin.headers, "If-Match": '"1"'}, json={"policies": {"skills_upgrading": policy}}
    )
    assert r.status_code == 200
    assert r.json()["policies"]["skills_upgrading"]["min_training_volume"] == 600
    assert r.json()["policies"]["industry_chain"]["min_posts"] == 300  # untouched


async def test_publish_then_close_and_no_way_back(client: AsyncClient, admin: Actor) -> None:
    call = await create(client, admin)
    base = f"/api/v1/calls/{call['id']}"
    published = await client.post(f"{base}/publish", headers=admin.headers)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["accepting_applications"] is True
    assert (await client.post(f"{base}/publish", headers=admin.headers)).status_code == 409
    locked = await client.patch(
        base, headers={**admin.headers, "If-Match": f'"{published.json()["version"]}"'}, json={"rubric": call["rubric"]}
    )
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "CALL_FIELDS_LOCKED"
    closed = await client.post(f"{base}/close", headers=admin.headers)
    assert closed.status_code == 200 and closed.json()["accepting_applications"] is False


async def test_public_reads_published_calls_only(client: AsyncClient, admin: Actor) -> None:
    draft = await create(client, admin, name="草稿批次")
    live = await create(client, admin, name="公开批次")
    await client.post(f"/api/v1/calls/{live['id']}/publish", headers=admin.headers)
    listed = (await client.get("/api/v1/public/calls", params={"limit": 100})).json()
    ids = {c["id"] for c in listed["items"]}
    assert live["id"] in ids and draft["id"] not in ids
    assert (await client.get(f"/api/v1/public/calls/{draft['id']}")).status_code == 404
    assert (await client.get(f"/api/v1/public/calls/{live['id']}")).status_code == 200


async def test_non_admins_cannot_manage_calls(client: AsyncClient, applicant: Actor, expert: Actor) -> None:
    for who in (applicant, expert):
        assert (await client.post("/api/v1/calls", headers=who.headers, json=call_payload())).status_code == 403
        assert (await client.get("/api/v1/calls", headers=who.headers)).status_code == 403
