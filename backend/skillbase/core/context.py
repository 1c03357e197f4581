"""Per-request context (request id, client address) for logs and the audit trail, and the access log."""

from __future__ import annotations

import contextvars
import ipaddress
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skillbase.core.error_codes import ErrorCode


@dataclass(frozen=True)
class RequestInfo:
    request_id: str
    ip: str | None
    user_agent: str | None


access_log = logging.getLogger("skillbase.access")
log = logging.getLogger("skillbase.errors")
# The Content-Security-Policy of every response that does not set its own (only the docs pages do: core/docs.py).
API_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_INTERNAL_ERROR = json.dumps(
    {"error": {"code": ErrorCode.INTERNAL_ERROR.value, "message": "服务器内部错误，请稍后重试", "details": None}}, ensure_ascii=False
).encode()
_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
_current: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar("request_info", default=None)


def current_request() -> RequestInfo | None:
    return _current.get()


def current_request_id() -> str | None:
    info = _current.get()
    return info.request_id if info else None


def _valid_ip(value: str | None) -> str | None:
    """The address if it is an IP address; anything else (a unix socket, a forged header) is not recorded as one."""
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


class TrustedProxies:
    """FORWARDED_ALLOW_IPS: the reverse proxies whose X-Forwarded-For is believed — the same rule as uvicorn's
    (`skillbase.serve` hands uvicorn the same setting), so the two never disagree about a client's address.

    A request straight from anyone else keeps its peer address, whatever headers it carries. From a trusted
    proxy, the address is the right-most X-Forwarded-For entry that is not itself a trusted proxy (each proxy
    appends the address it saw; entries further left are whatever the client chose to send)."""

    def __init__(self, spec: str) -> None:
        items = [item.strip() for item in spec.split(",") if item.strip()]
        self.everyone = "*" in items
        self.networks = []
        for item in items:
            if item != "*":
                try:
                    self.networks.append(ipaddress.ip_network(item, strict=False))
                except ValueError as exc:
                    raise ValueError(f"FORWARDED_ALLOW_IPS: {item!r} is neither an IP address nor a network") from exc

    def __contains__(self, host: str | None) -> bool:
        if self.everyone:
            return True
        address = _valid_ip(host)
        return address is not None and any(ipaddress.ip_address(address) in net for net in self.networks)

    def client_address(self, peer: str | None, forwarded_for: list[str]) -> str | None:
        if peer not in self or not forwarded_for:
            return _valid_ip(peer)
        hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
        if self.everyone:
            return _valid_ip(hops[0])
        for hop in reversed(hops):
            if hop not in self:
                return _valid_ip(hop)  # a hop that is not an address (a forged header) is not recorded as one
        return _valid_ip(hops[0])


class RequestContextMiddleware:
    """Pure ASGI middleware: assigns a request id, exposes it as X-Request-ID, remembers the client address."""

    def __init__(self, app: ASGIApp, *, forwarded_allow_ips: str = "") -> None:
        self.app = app
        self.proxies = TrustedProxies(forwarded_allow_ips)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        incoming = headers.get("x-request-id", "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        forwarded_for = [v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"x-forwarded-for"]
        ip = self.proxies.client_address(scope["client"][0] if scope.get("client") else None, forwarded_for)
        token = _current.set(RequestInfo(request_id, ip, headers.get("user-agent", "")[:300] or None))

        start = time.perf_counter()
        status = 500
        started = False
        is_api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                headers = message.setdefault("headers", [])
                names = {k.lower() for k, _ in headers}
                headers.append((b"x-request-id", request_id.encode()))
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if is_api and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                if b"content-security-policy" not in names:
                    # nothing in an API response may load or run anything, or be framed (the docs pages set their own)
                    headers.append((b"content-security-policy", API_CSP))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Answer here, inside the request's context, so a 500 carries the request id and the headers too.
            log.exception("unhandled error")
            if not started:
                await send_with_headers(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(_INTERNAL_ERROR)).encode())],
                    }
                )
                await send_with_headers({"type": "http.response.body", "body": _INTERNAL_ERROR})
        finally:
            access_log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )
            _current.reset(token)
