"""Applications: create, save drafts (If-Match), check eligibility, submit (freeze a version), withdraw,
attachments, versions and their differences, the timeline."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import diff, repository, rules, workflow
from skillbase.applications.form import ApplicationForm
from skillbase.applications.schemas import (
    ApplicationCreate,
    ApplicationRead,
    ApplicationStats,
    ApplicationSummary,
    AttachmentRead,
    CheckRead,
    EligibilityRead,
    FieldChange,
    TimelineEntry,
    VersionDiff,
    VersionRead,
)
from skillbase.audit import service as audit
from skillbase.calls import service as calls
from skillbase.calls.schemas import BaseTypePolicy
from skillbase.config import Settings
from skillbase.core import clock, masking
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import Conflict, NotFound, Unprocessable
from skillbase.core.pagination import CursorPage, PageParams, decode_cursor, encode_cursor
from skillbase.files.upload import Upload, store_document
from skillbase.models import Application, ApplicationVersion, Attachment, Call, Organization, User
from skillbase.models.enums import ApplicationStatus, AttachmentSlot, BaseType, ScanStatus
from skillbase.notifications import service as notifications
from skillbase.organizations import service as organizations
from skillbase.organizations.schemas import OrganizationRead

S = ApplicationStatus


# --- status changes and telling the applicant (used by the review and publicity domains too) --------


async def move(
    session: AsyncSession,
    actor: Principal | User | None,
    app: Application,
    target: S,
    action: str,
    *,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Change the status along the workflow and audit it (InvalidTransition, 409, for a refused edge)."""
    app.status = workflow.transition(app.status, target)
    app.status_changed_at = clock.now()
    app.status_reason = reason
    await session.flush()
    await audit.record(session, action, actor=actor, target_type="application", target_id=app.id, reason=reason, details=details)


async def tell_applicant(session: AsyncSession, app: Application, kind: str, title: str, body: str) -> None:
    await notifications.notify(
        session,
        await organizations.active_member_ids(session, app.organization_id),
        kind=kind,
        title=title,
        body=body,
        link=f"/app/applications/{app.id}",
    )


# --- reading ---------------------------------------------------------------------------------------


async def get(session: AsyncSession, principal: Principal, app_id: uuid.UUID, *, for_update: bool = False) -> Application:
    app = await repository.get_readable(session, principal, app_id, for_update=for_update)
    if app is None:
        raise NotFound("申报不存在")
    return app


def _summary_fields(app: Application, call: Call, org: Organization) -> dict[str, Any]:
    return {
        "id": app.id,
        "call_id": app.call_id,
        "call_name": call.name,
        "call_deadline": call.deadline,
        "organization_id": app.organization_id,
        "organization_name": org.name,
        "base_type": app.base_type,
        "status": app.status,
        "submitted_versions": app.submitted_versions,
        "submitted_at": app.submitted_at,
        "status_changed_at": app.status_changed_at,
        "created_at": app.created_at,
        "updated_at": app.updated_at,
    }


# The unfiltered list's total is estimated (pg_class.reltuples, kept by autovacuum and ANALYZE; flagged
# `total_is_estimate`) from this many applications on. Measured on the city-scale data (20,000 applications,
# benchmarks/datagen.py, a loaded 2-core machine): the exact count(*) over applications alone costs 2.5 ms as a
# sequential scan of the narrow heap (the forms are TOASTed) and 4 ms as an index-only scan, on every page request,
# growing with the table; the estimate costs one catalogue row. An admin browsing everything does not need the
# exact figure (it is off by at most the rows changed since the last autovacuum analyse, ~10 %); any filter or a
# narrower scope (an applicant, an expert) counts exactly, walking the filter's own index.
ESTIMATE_TOTAL_ABOVE = 10_000


async def list_applications(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    cursor: str | None = None,
    call_id: uuid.UUID | None = None,
    base_type: str | None = None,
    status: str | None = None,
    organization_id: uuid.UUID | None = None,
    q: str | None = None,
) -> CursorPage[ApplicationSummary]:
    """A page of summaries in two statements whatever the page size: the total, then the page (one row more than
    asked, to know whether a next page exists)."""
    after = None
    if cursor is not None:
        after = decode_cursor(cursor)
        if after is None:
            raise Unprocessable("分页游标无效，请从第一页重新开始")
    shape, params = repository.list_filter(
        principal, call_id=call_id, base_type=base_type, status=status, organization_id=organization_id, q=q
    )
    if shape.filtered:
        total, estimated = int(await session.scalar(repository.count_statement(shape), params) or 0), False
    else:
        row = (await session.execute(repository.unfiltered_total_statement(ESTIMATE_TOTAL_ABOVE))).one()
        total, estimated = max(0, int(row.total)), bool(row.estimated)
    page_params = {**params, "limit": page.limit + 1, "offset": page.offset}
    if after is not None:
        page_params["after_updated_at"], page_params["after_id"] = after
    result = await session.execute(repository.list_statement(shape, keyset=after is not None), page_params)
    keys, rows = tuple(result.keys()), result.all()
    items = [ApplicationSummary.model_validate(dict(zip(keys, r, strict=True))) for r in rows[: page.limit]]
    next_cursor = encode_cursor(items[-1].updated_at, items[-1].id) if len(rows) > page.limit else None
    return CursorPage[ApplicationSummary](
        items=items, total=total, limit=page.limit, offset=page.offset, next_cursor=next_cursor, total_is_estimate=estimated
    )


async def status_counts(
    session: AsyncSession,
    principal: Principal,
    *,
    call_id: uuid.UUID | None = None,
    base_type: str | None = None,
    organization_id: uuid.UUID | None = None,
    q: str | None = None,
) -> ApplicationStats:
    """How many applications the caller sees in each status (every status present, 0 for none), in one GROUP BY."""
    shape, params = repository.list_filter(
        principal, call_id=call_id, base_type=base_type, status=None, organization_id=organization_id, q=q
    )
    rows = (await session.execute(repository.status_counts_statement(shape), params)).all()
    found = {ApplicationStatus(row[0]): int(row[1]) for row in rows}
    counts = {s: found.get(s, 0) for s in ApplicationStatus}
    return ApplicationStats(counts=counts, total=sum(counts.values()))


def _detail_read(row: Row[Any]) -> ApplicationRead:
    """ApplicationRead from `repository.detail`'s row. The draft form is passed through as stored: it was validated as an
    ApplicationForm when it was saved (see ApplicationRead.draft_form), so it is not validated again on every read."""
    fields = row._asdict()
    fields["editable"] = row.status in workflow.EDITABLE
    return ApplicationRead.model_validate(fields)


async def read(session: AsyncSession, app: Application) -> ApplicationRead:
    """An application the caller holds (just created or changed), as the detail shows it: one statement."""
    await session.flush()
    row = await repository.detail(session, None, app.id)
    assert row is not None
    return _detail_read(row)


async def read_detail(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> ApplicationRead:
    """One application as the caller may see it (404 otherwise): one statement, scope, names and attachments included."""
    row = await repository.detail(session, principal, app_id)
    if row is None:
        raise NotFound("申报不存在")
    return _detail_read(row)


# --- creating and editing --------------------------------------------------------------------------


async def create(session: AsyncSession, principal: Principal, data: ApplicationCreate) -> Application:
    if principal.organization_id is None:  # the route asks for application:write; the application is the caller's organisation's
        raise Conflict("只有申报单位的用户可以创建申报", code="NOT_AN_APPLICANT")
    call = await calls.get_call(session, None, data.call_id)
    if not calls.accepting(call):
        raise Conflict("该申报批次当前不接受申报（未开始、已截止或已关闭）", code="CALL_NOT_ACCEPTING")
    if data.base_type.value not in call.base_types:
        raise Unprocessable("该申报批次不受理此类基地", code="BASE_TYPE_NOT_IN_CALL")
    org_id = principal.organization_id
    if await repository.open_duplicate(session, org_id, call.id, data.base_type.value):
        raise Conflict("本单位在该批次已有同类型的申报，请在原申报中继续", code="DUPLICATE_APPLICATION")
    clash = rules.exclusivity_check(data.base_type, await repository.live_base_types(session, org_id, exclude=None))
    if not clash.passed:
        raise Conflict(clash.message, code=ErrorCode.EXCLUSIVE_BASE_TYPES)
    form = ApplicationForm()
    form.cover.form_filler = principal.display_name
    app = Application(
        call_id=call.id,
        organization_id=org_id,
        base_type=data.base_type.value,
        status=S.draft,
        draft_form=form.model_dump(mode="json"),
        draft_version=1,
        submitted_versions=0,
        created_by_id=principal.id,
        status_changed_at=clock.now(),
    )
    session.add(app)
    await session.flush()
    await audit.record(
        session,
        "application.created",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"base_type": app.base_type, "call_id": str(call.id)},
    )
    return app


async def save_draft(
    session: AsyncSession, principal: Principal, app_id: uuid.UUID, form: ApplicationForm, expected_version: int
) -> ApplicationRead:
    """One UPDATE … RETURNING when the save is allowed (the caller's organisation's, editable, at the expected version);
    when it matched nothing, the checks run as before to answer why, in the same order: 404 not visible, 409 not the
    applicant or not editable, 412 stale version."""
    stored = form.model_dump(mode="json")
    if principal.organization_id is not None:
        row = await repository.save_draft_if_current(session, principal.organization_id, app_id, stored, expected_version)
        if row is not None:
            return _detail_read(row)
    app = await get(session, principal, app_id, for_update=True)
    _ensure_applicant_of(principal, app)
    workflow.ensure_editable(app.status)
    check_version(app.draft_version, expected_version)
    # Reached only if the row changed between the UPDATE and this lock (it now matches): save it here.
    app.draft_form = stored
    app.draft_version += 1
    return await read(session, app)


def _ensure_applicant_of(principal: Principal, app: Application) -> None:
    if not principal.belongs_to(app.organization_id):
        raise Conflict("只有申报单位本身可以修改或提交申报", code="NOT_APPLICANT_OF_APPLICATION")


# --- eligibility and submission --------------------------------------------------------------------


async def _facts(session: AsyncSession, app: Application, *, lock_organization: bool = False) -> rules.Facts:
    call = await session.get(Call, app.call_id)
    stmt = select(Organization).where(Organization.id == app.organization_id)
    if lock_organization:  # serialises submissions of one organisation: the exclusivity rule cannot race
        stmt = stmt.with_for_update()
    org = (await session.scalars(stmt)).one()
    assert call is not None
    base_type = BaseType(app.base_type)
    return rules.Facts(
        base_type=base_type,
        policy=BaseTypePolicy.model_validate(call.policies[base_type.value]),
        form=ApplicationForm.model_validate(app.draft_form),
        call_status=call.status,
        call_opens_on=call.opens_on,
        call_deadline=call.deadline,
        now=clock.now(),
        organization_status=org.status,
        organization_category=org.category,
        organization_qualifications=list(org.qualifications or []),
        other_live_base_types=await repository.live_base_types(session, org.id, exclude=app.id),
        attachment_slots=frozenset(a.slot for a in await repository.attachments(session, app.id)),
    )


def _checks_read(checks: list[rules.Check]) -> list[CheckRead]:
    return [CheckRead(code=c.code, message=c.message, passed=c.passed, group=c.group, field=c.field, params=c.params) for c in checks]


async def eligibility(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> EligibilityRead:
    app = await get(session, principal, app_id)
    checks = rules.evaluate(await _facts(session, app))
    return EligibilityRead(ready=not rules.failures(checks), checks=_checks_read(checks))


async def submit(session: AsyncSession, principal: Principal, app_id: uuid.UUID, expected_version: int) -> Application:
    app = await get(session, principal, app_id, for_update=True)
    _ensure_applicant_of(principal, app)
    workflow.ensure_editable(app.status)
    check_version(app.draft_version, expected_version)
    facts = await _facts(session, app, lock_organization=True)
    failed = rules.failures(rules.evaluate(facts))
    if failed:
        raise Unprocessable(
            f"申报未通过提交检查，共 {len(failed)} 项不符合要求",
            code="SUBMISSION_REFUSED",
            details=[c.model_dump(mode="json") for c in _checks_read(failed)],
        )
    org = await session.get(Organization, app.organization_id)
    attachments = await repository.attachments(session, app.id)
    previous = S(app.status)
    app.status = workflow.transition(app.status, S.submitted)
    app.submitted_versions += 1
    app.submitted_at = app.status_changed_at = clock.now()
    app.status_reason = None
    session.add(
        ApplicationVersion(
            application_id=app.id,
            version_no=app.submitted_versions,
            form=app.draft_form,
            organization_snapshot=OrganizationRead.model_validate(org).model_dump(mode="json"),
            attachments=[AttachmentRead.model_validate(a).model_dump(mode="json") for a in attachments],
            submitted_by_id=principal.id,
        )
    )
    await session.flush()
    await audit.record(
        session,
        "application.resubmitted" if previous is S.returned else "application.submitted",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"version": app.submitted_versions},
    )
    await notifications.notify(
        session,
        await organizations.active_member_ids(session, app.organization_id),
        kind="application.submitted",
        title="申报已提交",
        body=f"{rules.BASE_TYPE_LABELS[BaseType(app.base_type)]}申报（第 {app.submitted_versions} 版）已提交，等待区人社局形式审查。",
        link=f"/app/applications/{app.id}",
    )
    return app


async def withdraw(session: AsyncSession, principal: Principal, app_id: uuid.UUID, reason: str) -> Application:
    app = await get(session, principal, app_id, for_update=True)
    _ensure_applicant_of(principal, app)
    app.status = workflow.transition(app.status, S.withdrawn)
    app.status_reason = reason
    app.status_changed_at = clock.now()
    await session.flush()
    await audit.record(session, "application.withdrawn", actor=principal, target_type="application", target_id=app.id, reason=reason)
    return app


# --- attachments -----------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def clean_filename(raw: str) -> str:
    """Keep only the last path component, without control characters; used as a label, never as a path."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .") or "file"
    return name[-200:]


async def upload(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    app_id: uuid.UUID,
    *,
    slot: AttachmentSlot,
    filename: str,
    body: AsyncIterator[bytes],
) -> Attachment:
    app = await get(session, principal, app_id, for_update=True)  # 404 before a single byte is read
    _ensure_applicant_of(principal, app)
    workflow.ensure_editable(app.status)
    name = clean_filename(filename)
    stored = await store_document(settings, body, Upload(session, principal, "attachment", "application", app.id, name))
    attachment = Attachment(
        application_id=app.id,
        slot=slot.value,
        original_name=name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
        uploaded_by_id=principal.id,
        scan_status=ScanStatus.clean,
    )
    session.add(attachment)
    await session.flush()
    await audit.record(
        session,
        "attachment.uploaded",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"attachment_id": str(attachment.id), "slot": slot.value, "size": stored.size},
    )
    return attachment


async def get_attachment(session: AsyncSession, principal: Principal, app_id: uuid.UUID, attachment_id: uuid.UUID) -> Attachment:
    """A current attachment: one removed from the application answers 404 (its row stays for the versions)."""
    app = await get(session, principal, app_id)
    attachment = await repository.attachment(session, app.id, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise NotFound("附件不存在")
    return attachment


async def get_version_attachment(
    session: AsyncSession, principal: Principal, app_id: uuid.UUID, version_no: int, attachment_id: uuid.UUID
) -> Attachment:
    """An attachment as submitted in a version: served even if removed since, but only through a version that lists it."""
    version = await get_version(session, principal, app_id, version_no)
    if str(attachment_id) not in {str(a.get("id")) for a in version.attachments}:
        raise NotFound("该版本没有此附件")
    attachment = await repository.attachment(session, version.application_id, attachment_id)
    if attachment is None:
        raise NotFound("附件不存在")
    return attachment


async def remove_attachment(session: AsyncSession, principal: Principal, app_id: uuid.UUID, attachment_id: uuid.UUID) -> None:
    app = await get(session, principal, app_id, for_update=True)
    _ensure_applicant_of(principal, app)
    workflow.ensure_editable(app.status)
    attachment = await repository.attachment(session, app.id, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise NotFound("附件不存在")
    attachment.deleted_at = clock.now()  # kept: submitted versions may still point at it
    await session.flush()
    await audit.record(
        session,
        "attachment.removed",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"attachment_id": str(attachment.id), "slot": attachment.slot},
    )


# --- versions, differences, timeline ---------------------------------------------------------------


async def list_versions(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> list[ApplicationVersion]:
    app = await get(session, principal, app_id)
    return await repository.versions(session, app.id)


async def get_version(session: AsyncSession, principal: Principal, app_id: uuid.UUID, version_no: int) -> ApplicationVersion:
    return await _version_of(session, await get(session, principal, app_id), version_no)


async def _version_of(session: AsyncSession, app: Application, version_no: int) -> ApplicationVersion:
    found = await repository.version(session, app.id, version_no)
    if found is None:
        raise NotFound("该版本不存在")
    return found


def _organization_view(principal: Principal, app: Application, organization: dict[str, Any]) -> dict[str, Any]:
    """The applicant organisation's record as the caller may see it (core/masking.py)."""
    return masking.organization_view(principal.permissions, organization, own_organization=principal.belongs_to(app.organization_id))


async def read_version(session: AsyncSession, principal: Principal, app_id: uuid.UUID, version_no: int) -> VersionRead:
    """A submitted version as the caller may see it (an expert sees masked mobiles and bank account)."""
    app = await get(session, principal, app_id)
    version = VersionRead.model_validate(await _version_of(session, app, version_no))
    version.organization_snapshot = _organization_view(principal, app, version.organization_snapshot)
    return version


async def version_diff(session: AsyncSession, principal: Principal, app_id: uuid.UUID, a: int, b: int) -> VersionDiff:
    app = await get(session, principal, app_id)
    before = await _version_of(session, app, a)
    after = await _version_of(session, app, b)
    changed = diff.changes(
        {"form": before.form, "organization": _organization_view(principal, app, before.organization_snapshot)},
        {"form": after.form, "organization": _organization_view(principal, app, after.organization_snapshot)},
    )
    return VersionDiff(from_version=a, to_version=b, changes=[FieldChange(field=f, before=x, after=y) for f, x, y in changed])


TIMELINE_ACTIONS = frozenset(
    {
        "application.created",
        "application.submitted",
        "application.resubmitted",
        "application.withdrawn",
        "application.returned",
        "application.formal_check_passed",
        "application.review_started",
        "application.reviewed",
        "application.approved",
        "application.rejected",
        "application.recognised",
        "attachment.uploaded",
        "attachment.removed",
    }
)


async def timeline(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> list[TimelineEntry]:
    app = await get(session, principal, app_id)
    events = [e for e in await repository.timeline(session, app.id) if e.action in TIMELINE_ACTIONS]
    names: dict[uuid.UUID, str] = {}
    ids = {e.actor_id for e in events if e.actor_id}
    if ids:
        names = {u.id: u.full_name for u in (await session.scalars(select(User).where(User.id.in_(ids)))).all()}
    return [
        TimelineEntry(
            at=e.occurred_at,
            action=e.action,
            actor_name=names.get(e.actor_id) if e.actor_id else e.actor_name,  # a client's recorded name
            actor_role=e.actor_role,
            reason=e.reason,
            details=e.details,
        )
        for e in events
    ]


# --- the printable form ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintableForm:
    """What the Annex 1 document prints of one application version; the document itself is composed by
    reviews/annex1.py (it adds Table 5), so this domain imports neither documents nor reviews."""

    application: Application
    call_name: str
    organization: dict[str, Any]
    form: ApplicationForm
    version_no: int | None
    submitted_at: datetime | None


async def printable_form(session: AsyncSession, principal: Principal, app_id: uuid.UUID, version_no: int | None) -> PrintableForm:
    """The form of a submitted version (default: the latest), or the draft when nothing was submitted; personal data
    masked by the same rule as the JSON views."""
    app = await get(session, principal, app_id)
    call = await session.get(Call, app.call_id)
    assert call is not None
    wanted = version_no if version_no is not None else (app.submitted_versions or None)
    if wanted is not None:
        version = await repository.version(session, app.id, wanted)
        if version is None:
            raise NotFound("该版本不存在")
        form, organization, submitted_at = version.form, version.organization_snapshot, version.submitted_at
    else:
        org = await session.get(Organization, app.organization_id)
        form, organization, submitted_at = app.draft_form, OrganizationRead.model_validate(org).model_dump(mode="json"), None
    return PrintableForm(
        application=app,
        call_name=call.name,
        organization=_organization_view(principal, app, organization),  # the same rule as the JSON views
        form=ApplicationForm.model_validate(form),
        version_no=wanted,
        submitted_at=submitted_at,
    )


# --- for other domains (the review domain acts on applications) -------------------------------------


async def lock(session: AsyncSession, app_id: uuid.UUID) -> Application:
    """Lock the application's row and reload it: serialises the changes several people make to one application at once."""
    stmt = select(Application).where(Application.id == app_id).with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).one()


async def submitted_form(session: AsyncSession, app: Application) -> dict[str, Any]:
    """The form as last submitted (the draft while nothing was submitted): what reviewers judge."""
    version = await repository.version(session, app.id, app.submitted_versions) if app.submitted_versions else None
    return version.form if version else app.draft_form
