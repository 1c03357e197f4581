"""HTTP flows shared by the API tests: an application from draft to submission, through the real endpoints."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from skillbase.calls.rules import DEFAULT_RUBRIC
from tests.factories import Actor
from tests.forms import PDF_BYTES, complete_form

MAXED = {c["key"]: c["max_points"] for c in DEFAULT_RUBRIC}
REQUIRED_SLOTS = [
    "licence",
    "equipment_list",
    "teacher_list",
    "project_management_rules",
    "finance_management_rules",
    "safety_management_rules",
]


def if_match(actor: Actor, version: int) -> dict[str, str]:
    return {**actor.headers, "If-Match": f'"{version}"'}


async def current(client: AsyncClient, actor: Actor, url: str) -> dict[str, str]:
    """The actor's headers plus If-Match set to the ETag a GET of `url` answers."""
    r = await client.get(url, headers=actor.headers)
    assert r.status_code == 200, r.text
    return {**actor.headers, "If-Match": r.headers["ETag"]}


async def create(client: AsyncClient, actor: Actor, call: Any, base_type: str = "skills_upgrading") -> dict[str, Any]:
    r = await client.post("/api/v1/applications", headers=actor.headers, json={"call_id": str(call.id), "base_type": base_type})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def save(client: AsyncClient, actor: Actor, app: dict[str, Any], form: dict[str, Any]) -> dict[str, Any]:
    r = await client.put(f"/api/v1/applications/{app['id']}/draft", headers=if_match(actor, app["draft_version"]), json=form)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def upload(client: AsyncClient, actor: Actor, app_id: str, slot: str, content: bytes = PDF_BYTES, name: str = "文件.pdf") -> Any:
    return await client.post(
        f"/api/v1/applications/{app_id}/attachments",
        params={"slot": slot, "filename": name},
        headers={**actor.headers, "Content-Type": "application/octet-stream"},
        content=content,
    )


async def ready_application(
    client: AsyncClient, actor: Actor, call: Any, base_type: str = "skills_upgrading", specialties: tuple[str, ...] = ("数控车工",)
) -> dict[str, Any]:
    app = await create(client, actor, call, base_type)
    app = await save(client, actor, app, complete_form(base_type, specialties))
    for slot in REQUIRED_SLOTS:
        assert (await upload(client, actor, app["id"], slot)).status_code == 201
    r = await client.get(f"/api/v1/applications/{app['id']}", headers=actor.headers)
    return r.json()  # type: ignore[no-any-return]


async def submit(client: AsyncClient, actor: Actor, app: dict[str, Any]) -> Any:
    return await client.post(f"/api/v1/applications/{app['id']}/submit", headers=if_match(actor, app["draft_version"]))


async def submitted(client: AsyncClient, school: Actor, call: Any) -> dict[str, Any]:
    app = await ready_application(client, school, call, specialties=("数控车工", "电工"))
    r = await submit(client, school, app)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def passed(client: AsyncClient, admin: Actor, school: Actor, call: Any) -> dict[str, Any]:
    app = await submitted(client, school, call)
    r = await client.post(f"/api/v1/applications/{app['id']}/formal-check", headers=admin.headers, json={"decision": "pass"})
    assert r.status_code == 200, r.text
    return app


async def panel(client: AsyncClient, admin: Actor, app: dict[str, Any], members: list[Actor], lead: Actor | None = None) -> Any:
    ids = [str(m.expert.id) for m in members]  # type: ignore[union-attr]
    lead_id = str((lead or members[0]).expert.id)  # type: ignore[union-attr]
    return await client.post(
        f"/api/v1/applications/{app['id']}/panel",
        headers=admin.headers,
        json={"expert_ids": ids, "lead_expert_id": lead_id, "due_on": "2030-01-31"},
    )


async def seat(client: AsyncClient, expert: Actor) -> str:
    assignments = (await client.get("/api/v1/reviews/assignments", headers=expert.headers)).json()["items"]
    assert len(assignments) == 1
    return assignments[0]["member_id"]  # type: ignore[no-any-return]


async def declare(client: AsyncClient, expert: Actor, conflict: bool = False) -> str:
    member = await seat(client, expert)
    body = {"conflict": conflict, "note": "曾在该单位任职" if conflict else None}
    r = await client.post(f"/api/v1/reviews/assignments/{member}/declaration", headers=expert.headers, json=body)
    assert r.status_code == 200, r.text
    return member


def review_body(scores: dict[str, int] | None = None, recommend: bool = True) -> dict[str, Any]:
    return {
        "scores": scores if scores is not None else MAXED,
        "site_visit": {
            "visited_on": "2026-11-20",
            "place": "实训楼一层",
            "findings": [
                {"item": "场所设备符合国家建设和安全标准", "result": "pass", "note": "消防设施齐全"},
                {"item": "与申报条件相符", "result": "pass"},
            ],
        },
        "opinion": "培训体系完整，建议认定",
        "recommend": recommend,
    }


async def write_and_submit(client: AsyncClient, expert: Actor, member: str, body: dict[str, Any]) -> Any:
    review = (await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=expert.headers)).json()
    saved = await client.put(f"/api/v1/reviews/assignments/{member}/review", headers=if_match(expert, review["version"]), json=body)
    assert saved.status_code == 200, saved.text
    return await client.post(f"/api/v1/reviews/assignments/{member}/review/submit", headers=if_match(expert, saved.json()["version"]))


def scores_totalling(total: int) -> dict[str, int]:
    """Scores within each maximum that add up to `total`."""
    out, left = {}, total
    for c in DEFAULT_RUBRIC:
        out[c["key"]] = min(c["max_points"], left)
        left -= out[c["key"]]
    assert left == 0
    return out


async def approved_application(client: AsyncClient, admin: Actor, applicant: Actor, call: Any, experts: list[Actor]) -> dict[str, Any]:
    """An application taken through formal check, a panel of three, three reviews, the lead's opinion and approval."""
    app = await passed(client, admin, applicant, call)
    assert (await panel(client, admin, app, experts[:3])).status_code == 201
    for expert in experts[:3]:
        member = await declare(client, expert)
        assert (await write_and_submit(client, expert, member, review_body())).status_code == 200
    r = await client.post(f"/api/v1/applications/{app['id']}/panel/opinion", headers=experts[0].headers, json={"text": "建议认定"})
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/api/v1/applications/{app['id']}/decision", headers=admin.headers, json={"decision": "approve", "admin_opinion": "同意拟认定"}
    )
    assert r.status_code == 200, r.text
    return app
