"""Request body limits, enforced before the body is buffered (security.md 17).

A declared Content-Length over the limit answers 413 without reading a byte; a body that streams past the
limit (chunked, or lying about its length) is cut off and answered 413 too — also when FastAPI is the one
reading it (BodyTooLarge is an HTTPException, which FastAPI's body parsing passes on instead of answering 400).
Upload routes get the upload limit, everything else the (smaller) JSON limit.
"""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skillbase.core.errors import BodyTooLarge, too_large_error

UPLOAD_PATH = re.compile(
    r"^/api/v1/(applications/[^/]+/attachments|public/objections/[^/]+/attachment|reviews/assignments/[^/]+/review/photos)$"
)


def _too_large_body(limit: int) -> bytes:
    return json.dumps({"error": too_large_error(limit)}, ensure_ascii=False).encode()


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, upload_limit: int, default_limit: int) -> None:
        self.app = app
        self.upload_limit = upload_limit
        self.default_limit = default_limit

    def limit_for(self, scope: Scope) -> int:
        if scope["method"] in ("POST", "PUT") and UPLOAD_PATH.match(scope["path"]):
            return self.upload_limit
        return self.default_limit

    async def _refuse(self, send: Send, limit: int) -> None:
        body = _too_large_body(limit)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(send, limit)
                    return

        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, limit)
