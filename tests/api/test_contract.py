"""The API contract as a whole: one list shape, If-Match declared and enforced the same way on every guarded
route, and the ETag of a versioned record sent back by every action that changes it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from httpx import AsyncClient

from skillbase.core.concurrency import uses_if_match
from skillbase.core.pagination import MAX_PAGE_SIZE
from tests.factories import Actor
from tests.flows import current

PAGE_FIELDS = {"items", "total", "limit", "offset"}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in app.openapi()["paths"].items() for method, op in ops.items()]


def _json_body(op: dict[str, Any], components: dict[str, Any]) -> dict[str, Any] | None:
    for status in ("200", "201"):
        schema = op["responses"].get(status, {}).get("content", {}).get("application/json", {}).get("schema")
        if schema:
            return _resolve(schema, components)
    return None


# --- one list shape ---------------------------------------------------------------------------------


def test_no_operation_answers_a_bare_array(app: FastAPI) -> None:
    components = app.openapi()["components"]["schemas"]
    bare = [f"{m.upper()} {p}" for p, m, op in _operations(app) if (_json_body(op, components) or {}).get("type") == "array"]
    assert bare == [], f"lists must answer {{items,total,limit,offset}}: {bare}"


def test_every_list_is_a_page_with_limit_and_offset(app: FastAPI) -> None:
    components = app.openapi()["components"]["schemas"]
    pages = set()
    for path, method, op in _operations(app):
        body = _json_body(op, components)
        if body is None or not PAGE_FIELDS <= set(body.get("properties", {})):
            continue
        pages.add(path)
        props = body["properties"]
        assert _resolve(props["items"], components).get("type") == "array", path
        assert set(body.get("required", [])) >= PAGE_FIELDS, path
        assert method == "get", f"{method.upper()} {path} answers a page: lists are read with GET"
        query = {p["name"]: p for p in op.get("parameters", []) if p["in"] == "query"}
        assert {"limit", "offset"} <= set(query), f"GET {path} pages without limit/offset"
        assert query["limit"]["schema"]["maximum"] == MAX_PAGE_SIZE, path
    once_bare = {
        "/api/v1/applications/{application_id}/versions",
        "/api/v1/applications/{application_id}/timeline",
        "/api/v1/applications/{application_id}/formal-checks",
        "/api/v1/applications/{application_id}/panel/suggestions",
        "/api/v1/reviews/assignments",
    }
    assert once_bare <= pages and len(pages) >= 19  # every list of the platform, not a vacuous pass


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/api/v1/reviews/assignments", "expert"),
        ("/api/v1/experts", "admin"),
        ("/api/v1/calls", "admin"),
        ("/api/v1/public/calls", None),
    ],
)
async def test_lists_answer_the_page_shape_at_runtime(client: AsyncClient, admin: Actor, expert: Actor, url: str, role: str | None) -> None:
    headers = {"admin": admin.headers, "expert": expert.headers}.get(role or "", {})
    r = await client.get(url, headers=headers, params={"limit": 5, "offset": 0})
    assert r.status_code == 200, r.text
    assert set(r.json()) >= PAGE_FIELDS and r.json()["limit"] == 5 and r.json()["offset"] == 0
    assert (await client.get(url, headers=headers, params={"limit": MAX_PAGE_SIZE + 1})).status_code == 422


# --- If-Match -------------------------------------------------------------------------------------


def test_every_route_guarded_by_if_match_declares_the_header_required(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    guarded = []
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if not isinstance(route, APIRoute) or not route.include_in_schema or ctx.path is None:
            continue
        for method in route.methods or ():
            op = paths[ctx.path][method.lower()]
            headers = [p for p in op.get("parameters", []) if p["in"] == "header" and p["name"].lower() == "if-match"]
            if uses_if_match(route.dependant):
                guarded.append(f"{method} {ctx.path}")
                assert len(headers) == 1 and headers[0]["required"] is True, f"{method} {ctx.path}: If-Match not required"
                assert {"400", "412", "428"} <= set(op["responses"]), f"{method} {ctx.path}: 400/412/428 undeclared"
            else:
                assert headers == [], f"{method} {ctx.path} reads If-Match without the guard"
    # every editable record: calls, drafts (save + submit), reviews (save + submit), experts, the own profile, a base's
    # account and contacts, monthly reports (draft, submit, accept, return) and their competitions (edit, delete)
    assert {"PATCH /api/v1/calls/{call_id}", "PATCH /api/v1/experts/{expert_id}", "PATCH /api/v1/me"} <= set(guarded)
    reports = {
        "PATCH /api/v1/bases/{base_id}",
        "PUT /api/v1/reports/{report_id}/draft",
        "POST /api/v1/reports/{report_id}/submit",
        "POST /api/v1/reports/{report_id}/accept",
        "POST /api/v1/reports/{report_id}/return",
        "PUT /api/v1/reports/{report_id}/competitions/{competition_id}",
        "DELETE /api/v1/reports/{report_id}/competitions/{competition_id}",
    }
    assert reports <= set(guarded)
    assert len(guarded) == 7 + len(reports), guarded


TODAY = date.today()
CALL = {
    "name": "并发测试批次",
    "year": TODAY.year,
    "opens_on": str(TODAY - timedelta(days=1)),
    "deadline": str(TODAY + timedelta(days=30)),
    "valid_until": str(TODAY + timedelta(days=800)),
}


async def _guarded_urls(client: AsyncClient, admin: Actor, expert: Actor) -> list[tuple[Actor, str, str, dict[str, Any]]]:
    call = (await client.post("/api/v1/calls", headers=admin.headers, json=CALL)).json()
    return [
        (admin, "PATCH", f"/api/v1/calls/{call['id']}", {"name": "改名"}),
        (admin, "PATCH", f"/api/v1/experts/{expert.expert.id}", {"title": "教授"}),  # type: ignore[union-attr]
        (expert, "PATCH", "/api/v1/me", {"full_name": "改名"}),
    ]


@pytest.mark.parametrize("value", ["*", '"1", "2"', "abc", '"v1"', '"1', '"²"'.encode("latin-1"), '"-1"', '"1.0"'])
async def test_a_wildcard_or_malformed_if_match_answers_400_and_saves_nothing(
    client: AsyncClient, admin: Actor, expert: Actor, value: str | bytes
) -> None:
    for actor, method, url, body in await _guarded_urls(client, admin, expert):
        before = await client.get(url, headers=actor.headers)
        r = await client.request(method, url, headers={**actor.headers, "If-Match": value}, json=body)
        assert r.status_code == 400, (url, value, r.text)
        assert r.json()["error"]["code"] == "BAD_IF_MATCH" and "If-Match" in r.json()["error"]["message"]
        after = await client.get(url, headers=actor.headers)
        assert after.headers["ETag"] == before.headers["ETag"] and after.json() == before.json()


async def test_a_missing_if_match_answers_428_and_a_stale_one_412(client: AsyncClient, admin: Actor, expert: Actor) -> None:
    for actor, method, url, body in await _guarded_urls(client, admin, expert):
        missing = await client.request(method, url, headers=actor.headers, json=body)
        assert missing.status_code == 428 and missing.json()["error"] == {
            "code": "IF_MATCH_REQUIRED",
            "message": "缺少 If-Match 版本号",
            "details": None,
        }
        headers = await current(client, actor, url)
        ok = await client.request(method, url, headers=headers, json=body)
        assert ok.status_code == 200, (url, ok.text)
        assert ok.headers["ETag"] == f'"{ok.json()["version"]}"' != headers["If-Match"]
        stale = await client.request(method, url, headers=headers, json=body)
        assert stale.status_code == 412 and stale.json()["error"]["code"] == "STALE_VERSION", url
        weak = await client.request(method, url, headers={**actor.headers, "If-Match": f"W/{ok.headers['ETag']}"}, json=body)
        assert weak.status_code == 200, url  # a weak ETag of the current version is accepted


# --- the ETag of every state change -------------------------------------------------------------------


async def test_publish_and_close_answer_the_new_etag(client: AsyncClient, admin: Actor) -> None:
    created = await client.post("/api/v1/calls", headers=admin.headers, json=CALL)
    url = f"/api/v1/calls/{created.json()['id']}"
    assert created.headers["ETag"] == '"1"'
    published = await client.post(f"{url}/publish", headers=admin.headers)
    assert published.status_code == 200 and published.headers["ETag"] == f'"{published.json()["version"]}"' == '"2"'
    assert (await client.get(url, headers=admin.headers)).headers["ETag"] == published.headers["ETag"]
    stale = await client.patch(url, headers={**admin.headers, "If-Match": created.headers["ETag"]}, json={"name": "旧版本"})
    assert stale.status_code == 412
    closed = await client.post(f"{url}/close", headers=admin.headers)
    assert closed.status_code == 200 and closed.headers["ETag"] == f'"{closed.json()["version"]}"' == '"3"'


async def test_disable_and_enable_answer_the_new_etag_of_the_account(client: AsyncClient, admin: Actor, applicant: Actor) -> None:
    before = (await client.get("/api/v1/me", headers=applicant.headers)).headers["ETag"]
    url = f"/api/v1/users/{applicant.user.id}"
    disabled = await client.post(f"{url}/disable", headers=admin.headers, json={"reason": "测试停用"})
    assert disabled.status_code == 200 and disabled.headers["ETag"] == f'"{disabled.json()["version"]}"' != before
    enabled = await client.post(f"{url}/enable", headers=admin.headers, json={"reason": "测试启用"})
    assert enabled.status_code == 200 and enabled.headers["ETag"] == f'"{enabled.json()["version"]}"' != disabled.headers["ETag"]
