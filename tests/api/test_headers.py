"""Content-Security-Policy on every API response, and the documentation pages: their own policies, and
switched off in production unless configured (security.md, issue 7 item 15)."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient

from skillbase.config import Settings
from skillbase.core.context import API_CSP
from skillbase.db import Database
from skillbase.main import create_app

STRICT = API_CSP.decode()
PROD_DB = "postgresql+asyncpg://skillbase:secret@db:5432/skillbase"
RANDOM_SECRET = "q3J9x_Lw2VhT8rKp0ZcYbN5mD-7aFgE4uS1iHoQ6tRy"


def directives(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/healthz"),
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/no-such-thing"),
        ("POST", "/api/v1/auth/refresh"),
        ("GET", "/openapi.json"),
    ],
)
async def test_every_api_response_carries_a_strict_content_security_policy(client: AsyncClient, method: str, path: str) -> None:
    r = await client.request(method, path, json={} if method == "POST" else None)
    assert r.headers["content-security-policy"] == STRICT
    policy = directives(STRICT)
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


async def test_swagger_ui_gets_a_policy_that_lets_exactly_its_assets_and_its_inline_script_run(client: AsyncClient) -> None:
    r = await client.get("/docs")
    assert r.status_code == 200 and "swagger-ui-bundle.js" in r.text
    policy = directives(r.headers["content-security-policy"])
    [inline] = re.findall(r"<script>(.*?)</script>", r.text, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy["script-src"]
    assert "https://cdn.jsdelivr.net" in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    for src in re.findall(r'(?:src|href)="(https://[^/"]+)', r.text):  # every external asset the page names is allowed
        assert any(src in values for values in policy.values()), src
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"] and policy["connect-src"] == ["'self'"]


async def test_redoc_gets_a_policy_with_its_cdn_fonts_and_search_worker(client: AsyncClient) -> None:
    r = await client.get("/redoc")
    assert r.status_code == 200 and "redoc.standalone.js" in r.text
    policy = directives(r.headers["content-security-policy"])
    assert "https://cdn.jsdelivr.net" in policy["script-src"] and policy["worker-src"] == ["blob:"]
    for src in re.findall(r'(?:src|href)="(https://[^/"]+)', r.text):
        assert any(src in values for values in policy.values()), src
    assert policy["frame-ancestors"] == ["'none'"]


def production_app(db: Database, **overrides: Any) -> Any:
    settings = Settings(
        _env_file=None,
        environment="production",
        database_url=PROD_DB,
        secret_key=RANDOM_SECRET,
        personal_data_key=RANDOM_SECRET + "pd",
        **overrides,
    )  # type: ignore[call-arg]
    return create_app(settings, database=db)


@pytest.mark.parametrize(
    ("overrides", "docs", "openapi"),
    [({}, 404, 404), ({"openapi_json": True}, 404, 200), ({"api_docs": True}, 200, 200)],
    ids=["production-default", "openapi-for-integrators", "docs-switched-on"],
)
async def test_production_serves_docs_and_openapi_only_when_configured(
    db: Database, overrides: dict[str, Any], docs: int, openapi: int
) -> None:
    async with AsyncClient(transport=ASGITransport(app=production_app(db, **overrides)), base_url="http://testserver") as c:
        assert (await c.get("/docs")).status_code == docs
        assert (await c.get("/redoc")).status_code == docs
        r = await c.get("/openapi.json")
        assert r.status_code == openapi
        if openapi == 200:
            assert r.json()["info"]["title"].startswith("技能人才培训基地管理平台")
        assert (await c.get("/healthz")).status_code == 200
