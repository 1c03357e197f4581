from __future__ import annotations

from httpx import AsyncClient

from tests.factories import Actor
from tests.flows import current

ME = "/api/v1/me"


async def test_me_lists_the_permissions_of_an_applicant_owner(client: AsyncClient, applicant: Actor) -> None:
    r = await client.get("/api/v1/me", headers=applicant.headers)
    assert r.status_code == 200
    body = r.json()
    assert body["user"]["role"] == "applicant"
    assert body["organization"]["id"] == str(applicant.organization.id)  # type: ignore[union-attr]
    assert "organization:manage_users" in body["permissions"]
    assert "organization:verify" not in body["permissions"]


async def test_me_of_an_expert_carries_the_expert_record(client: AsyncClient, expert: Actor) -> None:
    r = await client.get("/api/v1/me", headers=expert.headers)
    assert r.status_code == 200
    assert r.json()["expert"]["id"] == str(expert.expert.id)  # type: ignore[union-attr]
    assert r.json()["organization"] is None


async def test_profile_update_changes_name_and_mobile(client: AsyncClient, applicant: Actor) -> None:
    r = await client.patch(
        "/api/v1/me", headers=await current(client, applicant, ME), json={"full_name": "新名字", "mobile": "13912345678"}
    )
    assert r.status_code == 200 and r.json()["full_name"] == "新名字"
    r = await client.patch("/api/v1/me", headers=await current(client, applicant, ME), json={"role": "admin"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "VALIDATION_ERROR"


async def test_profile_edit_is_guarded_by_the_version_of_get_me(client: AsyncClient, applicant: Actor) -> None:
    read = await client.get(ME, headers=applicant.headers)
    assert read.headers["ETag"] == f'"{read.json()["user"]["version"]}"'
    missing = await client.patch(ME, headers=applicant.headers, json={"full_name": "无版本"})
    assert missing.status_code == 428 and missing.json()["error"]["code"] == "IF_MATCH_REQUIRED"
    first = await client.patch(ME, headers={**applicant.headers, "If-Match": read.headers["ETag"]}, json={"full_name": "第一次"})
    assert first.status_code == 200 and first.headers["ETag"] == f'"{first.json()["version"]}"' != read.headers["ETag"]
    stale = await client.patch(ME, headers={**applicant.headers, "If-Match": read.headers["ETag"]}, json={"full_name": "第二次"})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "STALE_VERSION"
    wildcard = await client.patch(ME, headers={**applicant.headers, "If-Match": "*"}, json={"full_name": "通配"})
    assert wildcard.status_code == 400 and wildcard.json()["error"]["code"] == "BAD_IF_MATCH"
    assert (await client.get(ME, headers=applicant.headers)).json()["user"]["full_name"] == "第一次"
