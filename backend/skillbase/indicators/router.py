from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from skillbase.core.auth import Principal, require
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.files.download import content_disposition
from skillbase.indicators import service
from skillbase.indicators.schemas import BaseIndicators, RegisterRow
from skillbase.models.enums import BaseStatus, BaseType

router = APIRouter(tags=["indicators"], responses=AUTH_RESPONSES)
BaseReader = Annotated[Principal, Depends(require(Permission.base_read))]
Registrar = Annotated[Principal, Depends(require(Permission.indicator_register))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterFilters:
    """The register's filters and sort, shared by the page and the export."""

    def __init__(
        self,
        base_type: BaseType | None = None,
        status: BaseStatus | None = None,
        at_risk: Annotated[bool | None, Query(description="只看有风险（true）或无风险（false）的基地")] = None,
        overdue: Annotated[bool | None, Query(description="只看有（true）或没有（false）逾期月报的基地")] = None,
        call_id: uuid.UUID | None = None,
        q: Annotated[str | None, Query(max_length=100, description="基地名称或申报单位名称")] = None,
        sort: Annotated[
            Literal["reached", "projection", "overdue", "recognised_on"], Query(description="排序：完成率、推算完成率、逾期月报、认定日期")
        ] = "reached",
        order: Literal["asc", "desc"] = "asc",
    ) -> None:
        self.filters = {
            "base_type": base_type.value if base_type else None,
            "status": status.value if status else None,
            "at_risk": at_risk,
            "overdue": overdue,
            "call_id": call_id,
            "q": q,
        }
        self.sort = sort
        self.descending = order == "desc"


Filters = Annotated[RegisterFilters, Depends()]


@router.get(
    "/bases/{base_id}/indicators",
    response_model=BaseIndicators,
    summary="基地指标：各建设年度对照目标、推算、风险及逐月数据",
    responses=responses(404),
)
async def get_base_indicators(session: SessionDep, me: BaseReader, base_id: uuid.UUID) -> BaseIndicators:
    return await service.base_indicators(session, me, base_id)


@router.get("/indicators/bases", response_model=Page[RegisterRow], summary="基地指标台账（管理员）", responses=responses(422))
async def list_register(session: SessionDep, page: PageDep, me: Registrar, f: Filters) -> Page[RegisterRow]:
    return await service.register(session, page, sort=f.sort, descending=f.descending, **f.filters)


@router.get(
    "/indicators/bases/export",
    summary="导出基地指标台账（XLSX，按当前筛选与排序）",
    response_class=Response,
    responses={**responses(422), 200: {"content": {XLSX: {}}, "description": "XLSX 文件"}},
)
async def export_register(session: SessionDep, me: Registrar, f: Filters) -> Response:
    body = await service.register_xlsx(session, sort=f.sort, descending=f.descending, **f.filters)
    headers = {
        "Content-Disposition": content_disposition("基地指标台账.xlsx"),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }
    return Response(body, media_type=XLSX, headers=headers)
