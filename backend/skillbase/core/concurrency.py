"""Optimistic concurrency: editable records carry a version, sent back as ETag and required as If-Match.

A missing If-Match on a guarded route answers 428; `*`, a list or anything but one version number 400
(BAD_IF_MATCH); a stale one 412. Nothing is saved in any of these cases. Every response that carries a
versioned record (read, create, edit, and state changes such as publish or close) sets its ETag.

The header is declared required in the OpenAPI for every route that depends on `expected_version`
(see `mark_if_match_required`): the dependency itself reads it as optional so that its absence answers
428 with our message rather than a generic 422.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Header, Response

from skillbase.core.errors import BadRequest, PreconditionFailed, PreconditionRequired, responses

IF_MATCH_HEADER = "if-match"
IF_MATCH_RESPONSES = responses(400, 412, 428)
_VERSION = re.compile(r'(?:W/)?"([0-9]{1,18})"|([0-9]{1,18})')


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


async def expected_version(  # async: no worker-thread hop (core/auth.current_settings)
    if_match: Annotated[str | None, Header(description='必填：当前版本号，取自 ETag，例如 "3"（不支持 *）')] = None,
) -> int:
    if if_match is None or not if_match.strip():
        raise PreconditionRequired()
    value = if_match.strip()
    if value == "*":
        raise BadRequest("不支持 If-Match: *，请发送 ETag 中的版本号", code="BAD_IF_MATCH")
    match = _VERSION.fullmatch(value)
    if match is None:
        raise BadRequest('If-Match 版本号格式不正确，应为 ETag 中的版本号，例如 "3"', code="BAD_IF_MATCH")
    return int(match.group(1) or match.group(2))


def check_version(current: int, expected: int) -> None:
    if current != expected:
        raise PreconditionFailed(details={"current_version": current, "your_version": expected})


def uses_if_match(dependant: Any) -> bool:
    """Whether a route (its dependency tree) reads If-Match through `expected_version`."""
    return any(dep.call is expected_version or uses_if_match(dep) for dep in dependant.dependencies)


def mark_if_match_required(operation: dict[str, Any]) -> None:
    """In the OpenAPI of a guarded route: If-Match is required and 400/412/428 are documented answers."""
    for param in operation.get("parameters", []):
        if param.get("in") == "header" and param.get("name", "").lower() == IF_MATCH_HEADER:
            param["required"] = True
            param["schema"] = {"type": "string", "title": "If-Match"}  # not nullable: the value is always sent
    declared = operation.setdefault("responses", {})
    for status, spec in IF_MATCH_RESPONSES.items():
        declared.setdefault(
            str(status),
            {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}},
        )["description"] = spec["description"]
    declared["400"]["description"] = "请求无法解析，或 If-Match 格式不正确（如 * 或多个版本号，代码 BAD_IF_MATCH）"
