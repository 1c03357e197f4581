"""Every query of the applications domain. `readable_statement` is the one place that scopes by permission."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, Row, Select, TextClause, false, func, literal_column, or_, select, text, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, load_only

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


def scope(principal: Principal) -> ColumnElement[bool] | None:
    """The union of the caller's scopes as a condition on applications (None: every application).
    `application:read_all` (the bureau) every application; a caller acting for an organisation that organisation's;
    `review:perform` (a person in the expert pool) those on a panel seat they hold, after declaring no conflict of
    interest. No scope, no rows."""
    if principal.can(Permission.application_read_all):
        return None
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
    return or_(*scopes) if scopes else false()


def readable_statement(principal: Principal) -> Select[Application]:
    """The applications the caller may see (`scope`), as full rows."""
    condition = scope(principal)
    stmt = select(Application)
    return stmt if condition is None else stmt.where(condition)


def list_conditions(
    principal: Principal,
    *,
    call_id: uuid.UUID | None,
    base_type: str | None,
    status: str | None,
    organization_id: uuid.UUID | None,
    q: str | None,
) -> list[ColumnElement[bool]]:
    """The scope and the filters of the list as WHERE conditions on applications alone (no join), shared by the
    page, its count and the per-status totals. Each filter has an index led by its column (migration
    20261201_1600); the organisation-name search uses the pg_trgm GIN index on organizations.name."""
    conditions: list[ColumnElement[bool]] = []
    condition = scope(principal)
    if condition is not None:
        conditions.append(condition)
    if call_id:
        conditions.append(Application.call_id == call_id)
    if base_type:
        conditions.append(Application.base_type == base_type)
    if status:
        conditions.append(Application.status == status)
    if organization_id:
        conditions.append(Application.organization_id == organization_id)
    if q:
        conditions.append(Application.organization_id.in_(select(Organization.id).where(Organization.name.ilike(f"%{q}%"))))
    return conditions


# The list's sort: most recently changed first, the id breaking ties (index ix_applications_updated_at_id).
LIST_ORDER = (Application.updated_at.desc(), Application.id)


# What ApplicationSummary shows (a list row); the detail adds its own columns to these. Built once, at import.
SUMMARY_COLUMNS: tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...] = (
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
)


def list_statement(
    conditions: list[ColumnElement[bool]], *, after: tuple[datetime, uuid.UUID] | None, limit: int, offset: int
) -> Select[*tuple[Any, ...]]:
    """One page of summaries: only the columns the list shows (never the form JSON), no self-join.

    A deferred join: the page's ids are found on applications alone (an index scan of `(updated_at DESC, id)` or of a
    filter's `(column, updated_at DESC, id)` index, which also makes a deep offset cheap: it skips index entries, not
    joined rows), then only those rows are joined to their call and organisation. `after` is a keyset cursor: rows
    sorted after (updated_at, id)."""
    page = select(Application.id).where(*conditions)
    if after is not None:
        at, row_id = after
        page = page.where(Application.updated_at <= at, or_(Application.updated_at < at, Application.id > row_id))
    ids = page.order_by(*LIST_ORDER).limit(limit).offset(offset).subquery("page")
    return (
        select(*SUMMARY_COLUMNS)
        .select_from(ids)
        .join(Application, Application.id == ids.c.id)
        .join(Call, Call.id == Application.call_id)
        .join(Organization, Organization.id == Application.organization_id)
        .order_by(*LIST_ORDER)
    )


def count_statement(conditions: list[ColumnElement[bool]]) -> Select[int]:
    """The exact total: a count over applications alone with the list's WHERE (an index-only scan where the filters
    allow), never over the joined page query."""
    return select(func.count()).select_from(Application).where(*conditions)


def unfiltered_total_statement(estimate_above: int) -> TextClause:
    """The total of the unfiltered list in one statement: the planner's estimate (pg_class.reltuples, kept by
    autovacuum and ANALYZE) when it is at least `estimate_above` rows, else the exact count; and whether it estimated.
    PostgreSQL runs the count sub-select only when the CASE reaches it."""
    return text(
        "SELECT CASE WHEN c.reltuples >= :above THEN c.reltuples::bigint ELSE (SELECT count(*) FROM applications) END"
        " AS total, c.reltuples >= :above AS estimated FROM pg_class c WHERE c.oid = 'applications'::regclass"
    ).bindparams(above=estimate_above)


def status_counts_statement(conditions: list[ColumnElement[bool]]) -> Select[ApplicationStatus, int]:
    """Applications per status under the same scope and filters: one GROUP BY (index-only on the status index)."""
    return select(Application.status, func.count()).where(*conditions).group_by(Application.status)


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
        *SUMMARY_COLUMNS,
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
    """The submitted versions as the list shows them: the stored forms, snapshots and attachment lists are not loaded
    (reading one raises; `version` loads a whole one)."""
    stmt = (
        select(ApplicationVersion)
        .options(
            load_only(ApplicationVersion.version_no, ApplicationVersion.submitted_at, ApplicationVersion.submitted_by_id, raiseload=True)
        )
        .where(ApplicationVersion.application_id == app_id)
        .order_by(ApplicationVersion.version_no)
    )
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
