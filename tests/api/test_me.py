from __future__ import annotations

from httpx import AsyncClient

from tests.factories import Actor


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
    r = await client.patch("/api/v1/me", headers=applicant.headers, json={"full_name": "新名字", "mobile": "13912345678"})
    assert r.status_code == 200 and r.json()["full_name"] == "新名字"
    r = await client.patch("/api/v1/me", headers=applicant.headers, json={"role": "admin"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "VALIDATION_ERROR"
