"""Every query of the applications domain. `readable_statement` is the one place that scopes by permission."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    TextClause,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, load_only

from skillbase.applications.workflow import EDITABLE, LIVE
from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import (
    Application,
    ApplicationStatusCount,
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

# Statements are built once per *shape* (which scopes and filters apply) with bound parameters, and cached: building
# SQLAlchemy expressions on every request cost more CPU than running the query (pyinstrument on the list, issue 9),
# and a statement object reused keeps its cache key, so its compiled form is found without walking it again.


class ScopeShape(NamedTuple):
    """Which of the caller's scopes apply (see `scope`); the values go in the parameters."""

    all_rows: bool  # application:read_all
    organization: bool  # acts for an organisation: :scope_organization_id
    seats: bool  # review:perform as a person: :scope_user_id


def scope_shape(principal: Principal) -> tuple[ScopeShape, dict[str, Any]]:
    if principal.can(Permission.application_read_all):
        return ScopeShape(all_rows=True, organization=False, seats=False), {}
    params: dict[str, Any] = {}
    if principal.organization_id is not None:
        params["scope_organization_id"] = principal.organization_id
    if principal.can(Permission.review_perform) and principal.user is not None:
        params["scope_user_id"] = principal.user.id
    return ScopeShape(all_rows=False, organization="scope_organization_id" in params, seats="scope_user_id" in params), params


def _scope_expression(shape: ScopeShape, value: Callable[[str], Any]) -> ColumnElement[bool] | None:
    """The scope of a shape (None: every application); `value(name)` gives what stands for the parameter `name`: a
    bound parameter in the cached statements, the caller's own value in a one-off condition."""
    if shape.all_rows:
        return None
    scopes: list[ColumnElement[bool]] = []
    if shape.organization:
        scopes.append(Application.organization_id == value("scope_organization_id"))
    if shape.seats:
        seats = (
            select(ReviewPanel.application_id)
            .join(PanelMember, PanelMember.panel_id == ReviewPanel.id)
            .join(Expert, Expert.id == PanelMember.expert_id)
            .where(
                Expert.user_id == value("scope_user_id"),
                PanelMember.removed_at.is_(None),
                PanelMember.declaration == Declaration.no_conflict,
            )
        )
        scopes.append(Application.id.in_(seats))
    return or_(*scopes) if scopes else false()


@cache
def scope_condition(shape: ScopeShape) -> ColumnElement[bool] | None:
    """The scope of a shape with bound parameters (:scope_organization_id, :scope_user_id), built once per shape."""
    return _scope_expression(shape, bindparam)


def scope(principal: Principal) -> ColumnElement[bool] | None:
    """The union of the caller's scopes as a condition on applications (None: every application).
    `application:read_all` (the bureau) every application; a caller acting for an organisation that organisation's;
    `review:perform` (a person in the expert pool) those on a panel seat they hold, after declaring no conflict of
    interest. No scope, no rows."""
    shape, params = scope_shape(principal)
    return _scope_expression(shape, params.__getitem__)


def readable_statement(principal: Principal) -> Select[Application]:
    """The applications the caller may see (`scope`), as full rows."""
    condition = scope(principal)
    stmt = select(Application)
    return stmt if condition is None else stmt.where(condition)


class ListShape(NamedTuple):
    """Which scope and filters a list request applies; `list_filter` gives it with the values to bind."""

    scope: ScopeShape
    call: bool
    base_type: bool
    status: bool
    organization: bool
    q: bool

    @property
    def filtered(self) -> bool:
        """Anything narrows the list: then its total is counted exactly (else estimated on a big table)."""
        return not self.scope.all_rows or any(self[1:])


def list_filter(
    principal: Principal,
    *,
    call_id: uuid.UUID | None,
    base_type: str | None,
    status: str | None,
    organization_id: uuid.UUID | None,
    q: str | None,
) -> tuple[ListShape, dict[str, Any]]:
    """The list's scope and filters: the shape (which conditions) and the parameters (their values)."""
    scope_of, params = scope_shape(principal)
    values = {"call_id": call_id, "base_type": base_type, "status": status, "organization_id": organization_id}
    params.update({key: value for key, value in values.items() if value})
    if q:
        params["q_pattern"] = f"%{q}%"
    shape = ListShape(scope_of, bool(call_id), bool(base_type), bool(status), bool(organization_id), bool(q))
    return shape, params


@cache
def list_conditions(shape: ListShape) -> tuple[ColumnElement[bool], ...]:
    """The scope and the filters of the list as WHERE conditions on applications alone (no join), shared by the
    page, its count and the per-status totals. Each filter has an index led by its column (migration
    20261201_1600); the organisation-name search uses the pg_trgm GIN index on organizations.name."""
    conditions: list[ColumnElement[bool]] = []
    condition = scope_condition(shape.scope)
    if condition is not None:
        conditions.append(condition)
    if shape.call:
        conditions.append(Application.call_id == bindparam("call_id"))
    if shape.base_type:
        conditions.append(Application.base_type == bindparam("base_type"))
    if shape.status:
        conditions.append(Application.status == bindparam("status"))
    if shape.organization:
        conditions.append(Application.organization_id == bindparam("organization_id"))
    if shape.q:
        names = select(Organization.id).where(Organization.name.ilike(bindparam("q_pattern", type_=String)))
        conditions.append(Application.organization_id.in_(names))
    return tuple(conditions)


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


@cache
def list_statement(shape: ListShape, *, keyset: bool) -> Select[*tuple[Any, ...]]:
    """One page of summaries: only the columns the list shows (never the form JSON), no self-join.

    A deferred join: the page's ids are found on applications alone (an index scan of `(updated_at DESC, id)` or of a
    filter's `(column, updated_at DESC, id)` index, which also makes a deep offset cheap: it skips index entries, not
    joined rows), then only those rows are joined to their call and organisation. `keyset`: a cursor gives the rows
    sorted after (:after_updated_at, :after_id). Parameters: the shape's, :limit and :offset."""
    page = select(Application.id).where(*list_conditions(shape))
    if keyset:
        at, row_id = bindparam("after_updated_at", type_=Application.updated_at.type), bindparam("after_id", type_=Application.id.type)
        page = page.where(Application.updated_at <= at, or_(Application.updated_at < at, Application.id > row_id))
    limit, offset = bindparam("limit", type_=Integer), bindparam("offset", type_=Integer)
    ids = page.order_by(*LIST_ORDER).limit(limit).offset(offset).subquery("page")
    return (
        select(*SUMMARY_COLUMNS)
        .select_from(ids)
        .join(Application, Application.id == ids.c.id)
        .join(Call, Call.id == Application.call_id)
        .join(Organization, Organization.id == Application.organization_id)
        .order_by(*LIST_ORDER)
    )


@cache
def count_statement(shape: ListShape) -> Select[int]:
    """The exact total: a count over applications alone with the list's WHERE (an index-only scan where the filters
    allow), never over the joined page query."""
    return select(func.count()).select_from(Application).where(*list_conditions(shape))


@cache
def unfiltered_total_statement(estimate_above: int) -> TextClause:
    """The total of the unfiltered list in one statement: the planner's estimate (pg_class.reltuples, kept by
    autovacuum and ANALYZE) when it is at least `estimate_above` rows, else the exact count; and whether it estimated.
    PostgreSQL runs the count sub-select only when the CASE reaches it."""
    return text(
        "SELECT CASE WHEN c.reltuples >= :above THEN c.reltuples::bigint ELSE (SELECT count(*) FROM applications) END"
        " AS total, c.reltuples >= :above AS estimated FROM pg_class c WHERE c.oid = 'applications'::regclass"
    ).bindparams(above=estimate_above)


@cache
def status_counts_statement(shape: ListShape) -> Select[ApplicationStatus, int]:
    """Applications per status under the same scope and filters: one GROUP BY over the filters' index range; for
    the unfiltered list (the bureau's review queue) the few rows of the trigger-kept counter table instead of counting
    every application."""
    if not shape.filtered:
        return select(ApplicationStatusCount.status, ApplicationStatusCount.n)
    return select(Application.status, func.count()).where(*list_conditions(shape)).group_by(Application.status)


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


@cache
def _detail_statement(shape: ScopeShape | None) -> Select[*tuple[Any, ...]]:
    """The detail of application :app_id within a scope shape (None: unscoped), built once per shape."""
    stmt = (
        select(*DETAIL_COLUMNS)
        .select_from(Application)
        .join(Call, Call.id == Application.call_id)
        .join(Organization, Organization.id == Application.organization_id)
        .where(Application.id == bindparam("app_id"))
    )
    condition = scope_condition(shape) if shape is not None else None
    return stmt if condition is None else stmt.where(condition)


async def detail(session: AsyncSession, principal: Principal | None, app_id: uuid.UUID) -> Row[Any] | None:
    """One application as ApplicationRead shows it, in one statement; scoped like `readable_statement` unless the
    caller already holds the application (principal None: re-reading one it has just changed)."""
    shape, params = scope_shape(principal) if principal is not None else (None, {})
    return (await session.execute(_detail_statement(shape), {**params, "app_id": app_id})).first()


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
