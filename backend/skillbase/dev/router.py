"""`/api/v1/dev/clock`: read and shift the application's clock at run time, so the end-to-end tests and demo
scenarios let a publicity period or a deadline pass without editing dates in the database.

Only create_app() mounts this router, and only when ENVIRONMENT=development: in test and production the path does
not exist (404). Left out of the OpenAPI (the SPA never calls it). It moves this API process's clock; the worker
reads CLOCK_OFFSET_DAYS at start."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from skillbase.core.auth import Principal, require
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.dev import service
from skillbase.dev.schemas import ClockRead, ClockSet

router = APIRouter(prefix="/dev", tags=["dev"], include_in_schema=False)


@router.get("/clock", response_model=ClockRead, summary="开发时钟")
async def read_clock(_: Annotated[Principal, Depends(require(Permission.admin_manage))]) -> ClockRead:
    return service.read_clock()


@router.post("/clock", response_model=ClockRead, summary="设置开发时钟偏移")
async def set_clock(
    data: ClockSet, session: SessionDep, principal: Annotated[Principal, Depends(require(Permission.admin_manage))]
) -> ClockRead:
    return await service.set_clock(session, data, principal)
