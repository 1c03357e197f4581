"""Serving a stored file (security.md 20): always as an attachment (RFC 6266 name), nosniff, never cached."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import StreamingResponse

from skillbase.config import Settings
from skillbase.files.storage import storage_for

# For routes whose request body is the raw file (streamed; size capped before buffering).
RAW_UPLOAD_BODY = {
    "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
}
FILE_RESPONSE = {"content": {"application/octet-stream": {}}, "description": "文件内容"}


def content_disposition(name: str, *, inline: bool = False) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def stored_file(settings: Settings, key: str, content_type: str, name: str, size: int | None = None) -> StreamingResponse:
    headers = {"Content-Disposition": content_disposition(name), "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    if size is not None:
        headers["Content-Length"] = str(size)
    return StreamingResponse(storage_for(settings).open(key), media_type=content_type, headers=headers)
