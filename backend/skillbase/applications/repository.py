"""Every query of the applications domain. `readable_statement` is the one place that scopes by permission."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ColumnElement, Row, Select, false, func, literal_column, or_, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from skillbase.applications.workflow import EDITABLE, LIVE
from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import (
    Application,
    ApplicationVersion,
    Attachment,
    AuditEvent,
    Call,
    Expert,
    Organization,
    PanelMember,
    ReviewPanel,
)
from skillbase.models.enums import ApplicationStatus, BaseType, Declaration, ScanStatus


def readable_statement(principal: Principal) -> Select[Application]:
    """The union of the caller's scopes: `application:read_all` (the bureau) every application; a caller acting for
    an organisation that organisation's; `review:perform` (a person in the expert pool) those on a panel seat they
    hold, after declaring no conflict of interest. No scope, no rows."""
    stmt = select(Application)
    if principal.can(Permission.application_read_all):
        return stmt
    scopes: list[ColumnElement[bool]] = []
    if principal.organization_id is not None:
        scopes.append(Application.organization_id == principal.organization_id)
    if principal.can(Permission.review_perform) and principal.user is not None:
        seats = (
            select(ReviewPanel.application_id)
            .join(PanelMember, PanelMember.panel_id == ReviewPanel.id)
            .join(Expert, Expert.id == PanelMember.expert_id)
            .where(
                Expert.user_id == principal.user.id,
                PanelMember.removed_at.is_(None),
                PanelMember.declaration == Declaration.no_conflict,
            )
        )
        scopes.append(Application.id.in_(seats))
    return stmt.where(or_(*scopes)) if scopes else stmt.where(false())


def list_statement(
    principal: Principal,
    *,
    call_id: uuid.UUID | None,
    base_type: str | None,
    status: str | None,
    organization_id: uuid.UUID | None,
    q: str | None,
) -> Select[Application, Call, Organization]:
    readable = readable_statement(principal).subquery()
    stmt = (
        select(Application, Call, Organization)
        .join(readable, readable.c.id == Application.id)
        .join(Call, Call.id == Application.call_id)
        .join(Organization, Organization.id == Application.organization_id)
    )
    if call_id:
        stmt = stmt.where(Application.call_id == call_id)
    if base_type:
        stmt = stmt.where(Application.base_type == base_type)
    if status:
        stmt = stmt.where(Application.status == status)
    if organization_id:
        stmt = stmt.where(Application.organization_id == organization_id)
    if q:
        stmt = stmt.where(Organization.name.ilike(f"%{q}%"))
    return stmt.order_by(Application.updated_at.desc(), Application.id)


async def get_readable(session: AsyncSession, principal: Principal, app_id: uuid.UUID, *, for_update: bool = False) -> Application | None:
    stmt = readable_statement(principal).where(Application.id == app_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


# --- one application's detail in one statement ----------------------------------------------------------


def _attachments_json() -> ColumnElement[Any]:
    """The application's current, clean attachments as one JSON array (ordered like `attachments()`), so that the
    detail needs no second round trip. `uploaded_at` is written in UTC with a `Z`, whatever the session's time zone."""
    a = Attachment
    item = func.json_build_object(
        "id",
        a.id,
        "slot",
        a.slot,
        "original_name",
        a.original_name,
        "content_type",
        a.content_type,
        "size_bytes",
        a.size_bytes,
        "sha256",
        a.sha256,
        "scan_status",
        a.scan_status,
        "uploaded_at",
        func.to_char(func.timezone("UTC", a.uploaded_at), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    )
    return (
        select(func.coalesce(func.json_agg(aggregate_order_by(item, a.slot, a.uploaded_at)), literal_column("'[]'::json"), type_=JSON))
        .where(a.application_id == Application.id, a.deleted_at.is_(None), a.scan_status == ScanStatus.clean)
        .scalar_subquery()
    )


def _detail_columns() -> tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...]:
    """What ApplicationRead shows: the application's own columns, the call's name and deadline, the organisation's name
    and the attachments; never the call's policies or the organisation's record. Built once (DETAIL_COLUMNS): building
    these expressions on every request cost more Python time than the query."""
    return (
        Application.id,
        Application.call_id,
        Call.name.label("call_name"),
        Call.deadline.label("call_deadline"),
        Application.organization_id,
        Organization.name.label("organization_name"),
        Application.base_type,
        Application.status,
        Application.submitted_versions,
        Application.submitted_at,
        Application.status_changed_at,
        Application.created_at,
        Application.updated_at,
        Application.draft_form,
        Application.draft_version,
        Application.status_reason,
        _attachments_json().label("attachments"),
    )


DETAIL_COLUMNS = _detail_columns()


async def detail(session: AsyncSession, principal: Principal | None, app_id: uuid.UUID) -> Row[Any] | None:
    """One application as ApplicationRead shows it, in one statement; scoped by `readable_statement` unless the caller
    already holds the application (principal None: re-reading one it has just changed)."""
    base = readable_statement(principal) if principal is not None else select(Application)
    stmt = (
        base.with_only_columns(*DETAIL_COLUMNS)
        .select_from(Application)
        .join(Call, Call.id == Application.call_id)
        .join(Organization, Organization.id == Application.organization_id)
        .where(Application.id == app_id)
    )
    return (await session.execute(stmt)).first()


async def save_draft_if_current(
    session: AsyncSession, organization_id: uuid.UUID, app_id: uuid.UUID, form: dict[str, Any], expected_version: int
) -> Row[Any] | None:
    """The draft save in one statement: the form and its version move on only if the application is the caller's
    organisation's, still editable and at the expected version; returns the detail (as `detail`), None when nothing
    matched (the caller then finds out why). The row lock taken by the UPDATE serialises concurrent saves: the second
    one re-checks `draft_version` after the first commits and matches nothing."""
    stmt = (
        update(Application)
        .where(
            Application.id == app_id,
            Application.organization_id == organization_id,
            Application.status.in_([s.value for s in EDITABLE]),
            Application.draft_version == expected_version,
            Call.id == Application.call_id,
            Organization.id == Application.organization_id,
        )
        .values(draft_form=form, draft_version=Application.draft_version + 1)
        .returning(*DETAIL_COLUMNS)
        .execution_options(synchronize_session=False)
    )
    return (await session.execute(stmt)).first()


async def live_base_types(session: AsyncSession, organization_id: uuid.UUID, *, exclude: uuid.UUID | None) -> frozenset[BaseType]:
    stmt = select(Application.base_type).where(
        Application.organization_id == organization_id, Application.status.in_([s.value for s in LIVE])
    )
    if exclude:
        stmt = stmt.where(Application.id != exclude)
    return frozenset(BaseType(b) for b in (await session.scalars(stmt)).all())


async def open_duplicate(
    session: AsyncSession, organization_id: uuid.UUID, call_id: uuid.UUID, base_type: str, *, exclude: uuid.UUID | None = None
) -> Application | None:
    """Another application of the same organisation, call and base type that is not withdrawn or rejected."""
    stmt = select(Application).where(
        Application.organization_id == organization_id,
        Application.call_id == call_id,
        Application.base_type == base_type,
        Application.status.notin_([ApplicationStatus.withdrawn, ApplicationStatus.rejected]),
    )
    if exclude:
        stmt = stmt.where(Application.id != exclude)
    return (await session.scalars(stmt)).first()


async def attachments(session: AsyncSession, app_id: uuid.UUID) -> list[Attachment]:
    stmt = (
        select(Attachment)
        .where(Attachment.application_id == app_id, Attachment.deleted_at.is_(None), Attachment.scan_status == ScanStatus.clean)
        .order_by(Attachment.slot, Attachment.uploaded_at)
    )
    return list((await session.scalars(stmt)).all())


async def attachment(session: AsyncSession, app_id: uuid.UUID, attachment_id: uuid.UUID) -> Attachment | None:
    """Any clean attachment ever uploaded to the application (versions keep pointing at removed ones)."""
    stmt = select(Attachment).where(
        Attachment.id == attachment_id, Attachment.application_id == app_id, Attachment.scan_status == ScanStatus.clean
    )
    return (await session.scalars(stmt)).first()


async def versions(session: AsyncSession, app_id: uuid.UUID) -> list[ApplicationVersion]:
    stmt = select(ApplicationVersion).where(ApplicationVersion.application_id == app_id).order_by(ApplicationVersion.version_no)
    return list((await session.scalars(stmt)).all())


async def version(session: AsyncSession, app_id: uuid.UUID, version_no: int) -> ApplicationVersion | None:
    stmt = select(ApplicationVersion).where(ApplicationVersion.application_id == app_id, ApplicationVersion.version_no == version_no)
    return (await session.scalars(stmt)).first()


async def timeline(session: AsyncSession, app_id: uuid.UUID) -> list[AuditEvent]:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.target_type == "application", AuditEvent.target_id == str(app_id))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    return list((await session.scalars(stmt)).all())
