"""Per-request context (request id, client address) for logs and the audit trail."""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class RequestInfo:
    request_id: str
    ip: str | None
    user_agent: str | None


_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("request_info", default=None)


def current_request() -> RequestInfo | None:
    return _current.get()


def current_request_id() -> str | None:
    info = _current.get()
    return info.request_id if info else None


class RequestContextMiddleware:
    """Pure ASGI middleware: assigns a request id, exposes it as X-Request-ID, remembers the client address."""

    def __init__(self, app: ASGIApp, *, trust_forwarded_for: bool = False) -> None:
        self.app = app
        self.trust_forwarded_for = trust_forwarded_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        incoming = headers.get("x-request-id", "")
        request_id = incoming if 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum() else uuid.uuid4().hex
        ip = scope["client"][0] if scope.get("client") else None
        if self.trust_forwarded_for and headers.get("x-forwarded-for"):
            ip = headers["x-forwarded-for"].split(",")[0].strip()
        token = _current.set(RequestInfo(request_id, ip, headers.get("user-agent", "")[:300] or None))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _current.reset(token)
