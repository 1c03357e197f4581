"""Every list is paginated: a capped page size (422 beyond it) and a total.

Big lists (the applications) add keyset pagination: `CursorPage.next_cursor` is an opaque token (URL-safe base64 of
the last row's sort key) that the next request passes as `cursor`, so a deep page costs what page 1 costs; offset
keeps working beside it."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

MAX_PAGE_SIZE = 100
T = TypeVar("T")


class PageParams(BaseModel):
    limit: int
    offset: int


async def page_params(  # async: no worker-thread hop (core/auth.current_settings)
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="每页条数（最多 100）")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class CursorPage(Page[T], Generic[T]):
    """A page of a big list: the offset fields plus keyset pagination and an honest total."""

    next_cursor: str | None = Field(
        default=None, description="下一页的游标（作为 cursor 参数传回）；已到末页时为 null。深分页请用游标而不是 offset"
    )
    total_is_estimate: bool = Field(default=False, description="total 为估计值（数据量很大且无筛选条件时），不是精确计数")


CursorQuery = Annotated[
    str | None, Query(max_length=200, description="上一页返回的 next_cursor；给出时从该行之后继续（offset 在其后再跳过）")
]


def encode_cursor(updated_at: datetime, row_id: uuid.UUID) -> str:
    """The opaque keyset cursor of a row sorted by (updated_at DESC, id)."""
    raw = json.dumps([updated_at.isoformat(), str(row_id)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID] | None:
    """(updated_at, id) of a cursor from `encode_cursor`, or None when it is not one (the caller answers 422)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, row_id = json.loads(raw)
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            return None
        return when, uuid.UUID(row_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None


def page_of(items: Sequence[T], page: PageParams) -> Page[T]:
    """One page of a short list computed in full (versions, timeline, ranked suggestions): same shape as every list."""
    return Page[T](items=list(items[page.offset : page.offset + page.limit]), total=len(items), limit=page.limit, offset=page.offset)


async def paginate(session: AsyncSession, stmt: Select[T], page: PageParams) -> tuple[list[T], int]:
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.scalars(stmt.limit(page.limit).offset(page.offset))).all()
    return list(rows), int(total or 0)
