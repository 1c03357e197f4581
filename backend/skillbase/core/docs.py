"""The interactive API documentation (/docs, /redoc), the OpenAPI document, and the Content-Security-Policy.

Every response of the API gets a strict policy (core/context.py `API_CSP`: nothing may load, nothing may frame it) unless it
sets its own. The two documentation pages are the only HTML the API serves; they load Swagger UI and ReDoc
from the jsDelivr CDN as FastAPI's defaults do, so each gets a policy naming exactly what it loads: the CDN,
FastAPI's favicon, ReDoc's fonts and its search worker (a blob: URL), and for Swagger UI the hash of its one
inline start-up script (computed from the page itself, so it stays right when the page changes).

Whether the pages and the document are served is configurable (API_DOCS, OPENAPI_JSON): unset, they are on in
development and tests and off in production; OPENAPI_JSON=true keeps the document downloadable for integrators
with the pages off.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse

from skillbase.config import Settings

OPENAPI_URL = "/openapi.json"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"

_CDN = "https://cdn.jsdelivr.net"
_FAVICON = "https://fastapi.tiangolo.com"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _hashes(html: str) -> str:
    """CSP source expressions for the page's inline scripts (<script> without src)."""
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in _INLINE_SCRIPT.findall(html)
    )


def swagger_csp(html: str) -> str:
    return (
        f"default-src 'none'; script-src {_CDN} {_hashes(html)}; style-src {_CDN} 'unsafe-inline'; "
        f"img-src 'self' data: {_FAVICON} {_CDN}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def redoc_csp() -> str:
    return (
        f"default-src 'none'; script-src {_CDN}; style-src 'unsafe-inline' https://fonts.googleapis.com; "
        f"font-src https://fonts.gstatic.com; img-src 'self' data: {_FAVICON} {_CDN}; connect-src 'self'; "
        "worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def _text(page: HTMLResponse) -> str:
    return bytes(page.body).decode()


def openapi_url(settings: Settings) -> str | None:
    """Where the OpenAPI document is served, or None when it is not (the pages need it, so they imply it)."""
    return OPENAPI_URL if settings.openapi_json_served or settings.api_docs_served else None


def install_docs(app: FastAPI, settings: Settings) -> None:
    """Add /docs, /docs/oauth2-redirect and /redoc, each with its own Content-Security-Policy, when enabled.
    (create_app passes docs_url=None and redoc_url=None to FastAPI, so these are the only ones.)"""
    if not settings.api_docs_served:
        return
    title = f"{app.title} — 接口文档"
    swagger = _text(get_swagger_ui_html(openapi_url=OPENAPI_URL, title=title, oauth2_redirect_url=OAUTH2_REDIRECT_URL))
    swagger_policy = swagger_csp(swagger)
    redoc = _text(get_redoc_html(openapi_url=OPENAPI_URL, title=title))
    redirect = _text(get_swagger_ui_oauth2_redirect_html())
    redirect_policy = f"default-src 'none'; script-src {_hashes(redirect)}; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger, headers={"Content-Security-Policy": swagger_policy})

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return HTMLResponse(redirect, headers={"Content-Security-Policy": redirect_policy})

    @app.get(REDOC_URL, include_in_schema=False)
    async def redoc_ui() -> HTMLResponse:
        return HTMLResponse(redoc, headers={"Content-Security-Policy": redoc_csp()})
