from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep, page_of
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep, end_transaction
from skillbase.documents.render import PdfRenderer, cache_key, get_pdf_renderer
from skillbase.files.download import RAW_UPLOAD_BODY, content_disposition, stored_file
from skillbase.reviews import annex1, decisions, panels, scoring
from skillbase.reviews import formal_check as formal_checks
from skillbase.reviews.schemas import (
    Assignment,
    DecisionCreate,
    DecisionRead,
    DeclarationCreate,
    ExpertSuggestion,
    FormalCheckCreate,
    FormalCheckRead,
    MemberReplace,
    Opinion,
    PanelCreate,
    PanelRead,
    PhotoRead,
    Reason,
    ReviewBody,
    ReviewRead,
)

router = APIRouter(tags=["reviews"], responses=AUTH_RESPONSES)
# The Annex 1 PDF belongs to the applications' part of the API (same path, tag and operation id as ever) but is served
# here: its Table 5 needs the review domain, and applications never import reviews. Mounted right after the
# applications router, so the OpenAPI keeps its order.
annex1_router = APIRouter(prefix="/applications", tags=["applications"], responses=AUTH_RESPONSES)
Manager = Annotated[Principal, Depends(require(Permission.review_manage))]
Reviewer = Annotated[Principal, Depends(require(Permission.review_perform))]
Reader = Annotated[Principal, Depends(require(Permission.application_read))]
Version = Annotated[int, Depends(expected_version)]
APP = "/applications/{application_id}"


@router.post(
    f"{APP}/formal-check", response_model=FormalCheckRead, summary="形式审查：通过或退回（逐项写明理由）", responses=responses(404, 409)
)
async def formal_check(session: SessionDep, me: Manager, application_id: uuid.UUID, body: FormalCheckCreate) -> FormalCheckRead:
    return FormalCheckRead.model_validate(await formal_checks.formal_check(session, me, application_id, body))


@router.get(
    f"{APP}/formal-checks", response_model=Page[FormalCheckRead], summary="形式审查记录（申报单位可见退回理由）", responses=responses(404)
)
async def list_formal_checks(session: SessionDep, page: PageDep, me: Reader, application_id: uuid.UUID) -> Page[FormalCheckRead]:
    checks = [FormalCheckRead.model_validate(c) for c in await formal_checks.list_formal_checks(session, me, application_id)]
    return page_of(checks, page)


@router.get(
    f"{APP}/panel/suggestions",
    response_model=Page[ExpertSuggestion],
    summary="推荐专家（按专业匹配与负荷排序，排除回避）",
    responses=responses(404),
)
async def suggest_experts(session: SessionDep, page: PageDep, me: Manager, application_id: uuid.UUID) -> Page[ExpertSuggestion]:
    return page_of(await panels.suggestions(session, me, application_id), page)


@router.post(
    f"{APP}/panel", response_model=PanelRead, status_code=201, summary="组建专家组（不少于3人且为单数）", responses=responses(404, 409)
)
async def form_panel(session: SessionDep, me: Manager, application_id: uuid.UUID, body: PanelCreate) -> PanelRead:
    await panels.form_panel(session, me, application_id, body)
    return await panels.panel_view(session, me, application_id)


@router.get(
    f"{APP}/panel", response_model=PanelRead, summary="专家组、评审与评审结果（专家提交本人评审前看不到他人评审）", responses=responses(404)
)
async def get_panel(session: SessionDep, me: Reader, application_id: uuid.UUID) -> PanelRead:
    return await panels.panel_view(session, me, application_id)


@router.post(
    f"{APP}/panel/members/{{member_id}}/replace",
    response_model=PanelRead,
    summary="更换专家（如声明利益冲突）",
    responses=responses(404, 409),
)
async def replace_member(
    session: SessionDep, me: Manager, application_id: uuid.UUID, member_id: uuid.UUID, body: MemberReplace
) -> PanelRead:
    await panels.replace_member(session, me, application_id, member_id, body)
    return await panels.panel_view(session, me, application_id)


@router.post(
    f"{APP}/panel/members/{{member_id}}/reopen",
    response_model=PanelRead,
    summary="重新开放已提交的评审（须说明理由）",
    responses=responses(404, 409),
)
async def reopen_review(session: SessionDep, me: Manager, application_id: uuid.UUID, member_id: uuid.UUID, body: Reason) -> PanelRead:
    await scoring.reopen_review(session, me, application_id, member_id, body.reason)
    return await panels.panel_view(session, me, application_id)


@router.post(f"{APP}/panel/opinion", response_model=PanelRead, summary="专家组意见（组长填写）", responses=responses(404, 409))
async def panel_opinion(session: SessionDep, me: Reviewer, application_id: uuid.UUID, body: Opinion) -> PanelRead:
    await panels.write_opinion(session, me, application_id, body.text)
    return await panels.panel_view(session, me, application_id)


@router.post(f"{APP}/decision", response_model=DecisionRead, summary="行政部门审核：拟认定或不予认定", responses=responses(404, 409))
async def decide(session: SessionDep, me: Manager, application_id: uuid.UUID, body: DecisionCreate) -> DecisionRead:
    return DecisionRead.model_validate(await decisions.decide(session, me, application_id, body))


@router.get(f"{APP}/decision", response_model=DecisionRead, summary="审核决定", responses=responses(404))
async def get_decision(session: SessionDep, me: Reader, application_id: uuid.UUID) -> DecisionRead:
    return DecisionRead.model_validate(await decisions.decision_of(session, me, application_id))


@router.get("/reviews/assignments", response_model=Page[Assignment], summary="我的评审任务")
async def my_assignments(session: SessionDep, page: PageDep, me: Reviewer) -> Page[Assignment]:
    items, total = await scoring.my_assignments(session, me, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.post(
    "/reviews/assignments/{member_id}/declaration",
    response_model=Assignment,
    summary="利益冲突声明（查看申报材料前必须声明；返回声明后的评审任务）",
    responses=responses(404, 409),
)
async def declare(session: SessionDep, me: Reviewer, member_id: uuid.UUID, body: DeclarationCreate) -> Assignment:
    await scoring.declare(session, me, member_id, body)
    return await scoring.my_assignment(session, me, member_id)


@router.get(
    "/reviews/assignments/{member_id}/review", response_model=ReviewRead, summary="我的评审（草稿或已提交）", responses=responses(404)
)
async def my_review(session: SessionDep, me: Reviewer, member_id: uuid.UUID, response: Response) -> ReviewRead:
    review = await scoring.my_review(session, me, member_id)
    set_etag(response, review.version)
    return review


@router.put(
    "/reviews/assignments/{member_id}/review",
    response_model=ReviewRead,
    summary="保存评审草稿（需 If-Match）",
    responses=responses(404, 409, 412, 428),
)
async def save_review(
    session: SessionDep, me: Reviewer, member_id: uuid.UUID, body: ReviewBody, version: Version, response: Response
) -> ReviewRead:
    review = await scoring.save_review(session, me, member_id, body, version)
    set_etag(response, review.version)
    return review


@router.post(
    "/reviews/assignments/{member_id}/review/submit",
    response_model=ReviewRead,
    summary="提交评审（提交后锁定）",
    responses=responses(404, 409, 412, 428),
)
async def submit_review(session: SessionDep, me: Reviewer, member_id: uuid.UUID, version: Version, response: Response) -> ReviewRead:
    review = await scoring.submit_review(session, me, member_id, version)
    set_etag(response, review.version)
    return review


@router.post(
    "/reviews/assignments/{member_id}/review/photos",
    response_model=PhotoRead,
    status_code=201,
    summary="上传现场核查照片（JPEG/PNG，请求体为文件内容）",
    responses=responses(404, 409, 413, 503),
    openapi_extra=RAW_UPLOAD_BODY,
)
async def add_photo(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    me: Reviewer,
    member_id: uuid.UUID,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
) -> PhotoRead:
    return PhotoRead.model_validate(await scoring.add_photo(session, settings, me, member_id, filename, request.stream()))


@router.get(
    f"{APP}/review-photos/{{photo_id}}",
    summary="查看现场核查照片",
    response_class=StreamingResponse,
    responses={**responses(404), 200: {"content": {"image/jpeg": {}, "image/png": {}}, "description": "照片"}},
)
async def get_photo(
    session: SessionDep, settings: SettingsDep, me: Reader, application_id: uuid.UUID, photo_id: uuid.UUID
) -> StreamingResponse:
    photo = await scoring.get_photo(session, me, application_id, photo_id)
    return stored_file(settings, photo.storage_key, photo.content_type, photo.original_name, photo.size_bytes)


# --- the Annex 1 form (applications' tag) -----------------------------------------------------------

Renderer = Annotated[PdfRenderer, Depends(get_pdf_renderer)]


@annex1_router.get(
    "/{application_id}/pdf",
    summary="申报表 PDF（A4，附件1 版式；默认最新提交版本，未提交时为草稿）",
    response_class=Response,
    responses={**responses(404), 200: {"content": {"application/pdf": {}}, "description": "PDF"}},
)
async def application_pdf(
    session: SessionDep,
    me: Reader,
    renderer: Renderer,
    application_id: uuid.UUID,
    version: Annotated[int | None, Query(ge=1, le=1000)] = None,
    download: bool = False,
) -> Response:
    document = await annex1.annex1_document(session, me, application_id, version)
    await end_transaction(session)  # the render needs no database: its connection goes back to the pool first
    pdf = await renderer.render(document, cache_key(application_id, document))  # a render process, or the cache
    name = f"申报表-{application_id}" + (f"-第{document.version_no}版" if document.version_no else "-草稿") + ".pdf"
    disposition = content_disposition(name, inline=not download)
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})
