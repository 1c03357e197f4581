"""Optimistic concurrency: editable records carry a version, sent back as ETag and required as If-Match.

A missing If-Match on a guarded route answers 428; a stale one 412. Nothing is saved in either case.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from skillbase.core.errors import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def expected_version(
    if_match: Annotated[str | None, Header(description='当前版本号，取自 ETag，例如 "3"')] = None,
) -> int:
    if if_match is None or not if_match.strip():
        raise PreconditionRequired()
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise PreconditionFailed("If-Match 版本号格式不正确", code="BAD_IF_MATCH")
    return int(raw)


def check_version(current: int, expected: int) -> None:
    if current != expected:
        raise PreconditionFailed(details={"current_version": current, "your_version": expected})


IfMatch = Annotated[int, Header()]  # documented alias; routes use Depends(expected_version)
