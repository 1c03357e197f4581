"""Test data factories. Every factory flushes and commits (a savepoint inside the test's transaction)."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.security import create_token, hash_password
from skillbase.models import Expert, Organization, User
from skillbase.organizations.rules import make_credit_code

PASSWORD = "Correct-Horse-2026"
PASSWORD_HASH = hash_password(PASSWORD)
_seq = itertools.count(1)


def credit_code(division: str = "110113") -> str:
    n = next(_seq) + uuid.uuid4().int % 10_000_000
    return make_credit_code(f"91{division}MA{n:07d}")


def person(name: str = "张三") -> dict[str, str]:
    return {"name": name, "dept_post": "培训部 主任", "office_phone": "010-69400000", "mobile": "13700000000"}


def organization_payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": f"测试单位{next(_seq)}",
        "credit_code": credit_code(),
        "category": "enterprise",
        "attribute": "industry_enterprise",
        "qualifications": ["above_designated_size"],
        "address": "北京市顺义区测试路 1 号",
        "website": "https://example.cn",
        "legal_representative": person("李四"),
        "contact_person": person("王五"),
        "bank_name": "北京农商银行顺义支行",
        "bank_account": "0101 0000 0000 0001",
    }
    data.update(overrides)
    return data


def registration_payload(**user_overrides: Any) -> dict[str, Any]:
    user = {
        "full_name": "注册人",
        "email": f"reg{next(_seq)}-{uuid.uuid4().hex[:6]}@example.cn",
        "mobile": "13600000000",
        "password": PASSWORD,
    }
    user.update(user_overrides)
    return {"organization": organization_payload(), "user": user}


async def organization(session: AsyncSession, *, status: str = "verified", **overrides: Any) -> Organization:
    data = organization_payload(**overrides)
    org = Organization(**data, status=status, status_reason="资料不全" if status == "rejected" else None)
    session.add(org)
    await session.commit()
    return org


async def user(session: AsyncSession, *, role: str, org: Organization | None = None, owner: bool = True, email: str | None = None) -> User:
    u = User(
        email=email or f"{role}{next(_seq)}-{uuid.uuid4().hex[:6]}@example.cn",
        password_hash=PASSWORD_HASH,
        full_name=f"{role} user",
        mobile="13500000000",
        role=role,
        organization_id=org.id if org else None,
        is_org_owner=owner if role == "applicant" else False,
    )
    session.add(u)
    await session.commit()
    return u


async def expert_profile(session: AsyncSession, u: User, specialties: list[str] | None = None) -> Expert:
    e = Expert(
        user_id=u.id,
        name=u.full_name,
        email=u.email,
        organization_name="某技师学院",
        title="高级讲师",
        specialties=specialties or ["数控车工"],
        mobile="13500000000",
    )
    session.add(e)
    await session.commit()
    return e


def bearer(settings: Settings, u: User, *, token_type: str = "access", family_id: uuid.UUID | None = None) -> dict[str, str]:  # noqa: S107
    """A signed token without a login: an access token only works when `family_id` names a live family."""
    token, _ = create_token(
        settings,
        user_id=u.id,
        token_type=token_type,  # type: ignore[arg-type]
        token_version=u.token_version,
        lifetime=timedelta(minutes=5),
        family_id=family_id or (uuid.uuid4() if token_type == "access" else None),
    )
    return {"Authorization": f"Bearer {token}"}


async def login_headers(session: AsyncSession, settings: Settings, u: User) -> dict[str, str]:
    """Authorization headers of a real session (a refresh-token family in the database), without the login route."""
    from skillbase.auth.service import issue_tokens

    pair = await issue_tokens(session, settings, u)
    await session.commit()
    return {"Authorization": f"Bearer {pair.access_token}"}


@dataclass
class Actor:
    user: User
    headers: dict[str, str]
    organization: Organization | None = None
    expert: Expert | None = None

    @property
    def email(self) -> str:
        return self.user.email


async def actor(session: AsyncSession, settings: Settings, *, role: str, org: Organization | None = None, owner: bool = True) -> Actor:
    if role == "applicant" and org is None:
        org = await organization(session)
    u = await user(session, role=role, org=org, owner=owner)
    exp = await expert_profile(session, u) if role == "expert" else None
    return Actor(user=u, headers=await login_headers(session, settings, u), organization=org, expert=exp)


async def published_call(session: AsyncSession, **overrides: Any) -> Any:
    """A published call open today, with the policy defaults."""
    from datetime import timedelta

    from skillbase.calls.schemas import default_policies, default_rubric
    from skillbase.models import Call
    from skillbase.models.enums import BaseType

    today = clock.today()
    data: dict[str, Any] = {
        "name": f"测试批次{next(_seq)}",
        "year": today.year,
        "district_code": "110113",
        "opens_on": today - timedelta(days=10),
        "deadline": today + timedelta(days=30),
        "valid_until": today + timedelta(days=800),
        "status": "published",
        "base_types": [b.value for b in BaseType],
        "policies": {b.value: p.model_dump(mode="json") for b, p in default_policies(list(BaseType)).items()},
        "rubric": [c.model_dump(mode="json") for c in default_rubric()],
        "publicity_days": 7,
        "report_due_day": 10,
        "score_divergence_points": 20,
        "version": 1,
    }
    data.update(overrides)
    call = Call(**data)
    session.add(call)
    await session.commit()
    return call


async def elapse_publicity(session: AsyncSession, notice_id: Any, days_ago: int = 1) -> None:
    """Simulate a publicity period that is over: shift the notice's publication and its whole period back in time
    (same length, same start relative to publication) so that it ended `days_ago` days ago, Beijing time."""
    from skillbase.models import PublicityNotice

    notice = await session.get(PublicityNotice, notice_id)
    assert notice is not None and notice.published_at is not None
    shift = timedelta(days=(notice.ends_on - clock.today()).days + days_ago)
    notice.published_at, notice.starts_on, notice.ends_on = notice.published_at - shift, notice.starts_on - shift, notice.ends_on - shift
    await session.commit()


# --- reviews ---

SITE_VISIT = {
    "visited_on": "2026-11-20",
    "place": "实训楼一层",
    "findings": [
        {"item": "场所设备符合国家建设和安全标准", "result": "pass", "note": "消防设施齐全"},
        {"item": "与申报条件相符", "result": "pass"},
    ],
}


async def panel_with_reviews(
    session: AsyncSession,
    app: Any,
    experts: list[Actor],
    *,
    scores: dict[str, int] | list[dict[str, int]] | None = None,
    submitted: bool = True,
    opinion: str | None = None,
    by: User | None = None,
) -> Any:
    """The review of a submitted application (its id, or its JSON as the API answered it) inserted directly, without
    the API: a passed formal check, a panel of `experts` (the first one the lead), each seat declared free of any
    conflict of interest, and one complete review per seat, submitted (the application is then "reviewed") or a
    draft (it stays "under review"). `scores`: the same for every review or one per expert (default: full marks);
    `opinion`: the lead's panel opinion, when the test needs one; `by`: the administrator (default: a new one).
    Returns the ReviewPanel."""
    from skillbase.calls.rules import DEFAULT_RUBRIC
    from skillbase.models import Application, FormalCheck, PanelMember, Review, ReviewPanel
    from skillbase.models.enums import ApplicationStatus, Declaration, ReviewStatus

    application = await session.get(Application, app if isinstance(app, uuid.UUID) else uuid.UUID(str(app["id"])))
    assert application is not None and application.status == ApplicationStatus.submitted, "the application must be submitted"
    admin = by or await user(session, role="admin")
    now = clock.now()
    full_marks = {c["key"]: c["max_points"] for c in DEFAULT_RUBRIC}
    per_expert = scores if isinstance(scores, list) else [scores or full_marks] * len(experts)
    assert len(per_expert) == len(experts)
    session.add(
        FormalCheck(
            application_id=application.id, version_no=application.submitted_versions, decision="passed", reasons=[], decided_by_id=admin.id
        )
    )
    panel = ReviewPanel(application_id=application.id, version_no=application.submitted_versions, due_on=None, formed_by_id=admin.id)
    if opinion is not None:
        panel.panel_opinion, panel.opinion_by_id, panel.opinion_at = opinion, experts[0].user.id, now
    session.add(panel)
    await session.flush()
    for i, (who, marks) in enumerate(zip(experts, per_expert, strict=True)):
        assert who.expert is not None, "an expert actor"
        member = PanelMember(
            panel_id=panel.id, expert_id=who.expert.id, is_lead=i == 0, declaration=Declaration.no_conflict, declared_at=now
        )
        session.add(member)
        await session.flush()
        session.add(
            Review(
                member_id=member.id,
                scores=marks,
                site_visit=SITE_VISIT,
                opinion="培训体系完整，建议认定",
                recommend=True,
                status=ReviewStatus.submitted if submitted else ReviewStatus.draft,
                submitted_at=now if submitted else None,
                version=2,
            )
        )
    application.status = ApplicationStatus.reviewed if submitted else ApplicationStatus.under_review
    application.status_changed_at = now
    await session.commit()
    return panel


# --- bases ---


async def recognised_base(
    session: AsyncSession,
    *,
    org: Organization | None = None,
    call: Any = None,
    base_type: str = "skills_upgrading",
    recognised_on: date | None = None,
) -> Any:
    """A base recognised on `recognised_on` (default today), inserted directly: an application in status `recognised` with
    a valid form and its submitted version, a published notice whose period is over, the recognition and the base, its
    commitments frozen from the call by `bases.commitments` as recognition does."""
    from skillbase.bases import commitments
    from skillbase.calls.rules import CHINA_TZ
    from skillbase.models import Application, ApplicationVersion, NoticeItem, PublicityNotice, Recognition, TrainingBase
    from skillbase.models.enums import ApplicationStatus, BaseType, NoticeStatus
    from tests.forms import complete_form

    new_org = org is None
    org = org or await organization(session)
    call = call or await published_call(session)
    day = recognised_on or clock.today()
    admin = await user(session, role="admin")
    owner = await user(session, role="applicant", org=org, owner=new_org)  # the filler; the owner of a new organisation
    form = complete_form(BaseType(base_type), ("数控车工", "电工"))
    submitted_at = datetime.combine(day - timedelta(days=60), time(10), CHINA_TZ)
    app = Application(
        call_id=call.id,
        organization_id=org.id,
        base_type=base_type,
        status=ApplicationStatus.recognised,
        draft_form=form,
        draft_version=2,
        submitted_versions=1,
        created_by_id=owner.id,
        submitted_at=submitted_at,
        status_changed_at=datetime.combine(day, time(10), CHINA_TZ),
    )
    session.add(app)
    await session.flush()
    session.add(
        ApplicationVersion(
            application_id=app.id,
            version_no=1,
            form=form,
            organization_snapshot={"name": org.name, "credit_code": org.credit_code},
            attachments=[],
            submitted_at=submitted_at,
            submitted_by_id=owner.id,
        )
    )
    starts_on = day - timedelta(days=10)
    notice = PublicityNotice(
        title="拟认定名单公示",
        body="现将拟认定名单予以公示。",
        contact="顺义区人力资源和社会保障局 010-69440000",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=call.publicity_days - 1),
        status=NoticeStatus.published,
        publicity_days=call.publicity_days,
        published_at=datetime.combine(starts_on, time(9), CHINA_TZ),
        created_by_id=admin.id,
    )
    session.add(notice)
    await session.flush()
    session.add(NoticeItem(notice_id=notice.id, application_id=app.id))
    recognition = Recognition(
        document_number=f"顺人社发〔{day.year}〕{next(_seq)}-{uuid.uuid4().hex[:6]}号",
        issued_on=day,
        notice_id=notice.id,
        issued_by_id=admin.id,
    )
    session.add(recognition)
    await session.flush()
    frozen = commitments.freeze(call_id=call.id, policy=call.policies[base_type], report_due_day=call.report_due_day, recognised_on=day)
    base = TrainingBase(
        application_id=app.id,
        organization_id=org.id,
        base_type=base_type,
        recognition_id=recognition.id,
        recognised_on=day,
        **frozen.columns(),
    )
    session.add(base)
    await session.commit()
    return base


async def base_in_month(session: AsyncSession, month: int, **kw: Any) -> Any:
    """A base recognised so that today (`clock.today()`) falls in its construction month `month` (1 = the first month
    of construction year 1, 13 the first of year 2)."""
    from skillbase.bases.commitments import add_months, construction_month

    recognised_on = add_months(clock.today(), 1 - month)
    assert construction_month(recognised_on, clock.today()) == month
    return await recognised_base(session, recognised_on=recognised_on, **kw)


# --- monthly reports and rosters (issue 10, part B) ---


async def monthly_report(session: AsyncSession, base: Any, month_no: int = 1, *, status: str = "draft") -> Any:
    """The report of construction month `month_no` of `base`, inserted directly (the reports domain creates them in the
    product): its period is the construction month, due on the base's report day of the following calendar month."""
    from skillbase.bases.commitments import month_starts_on
    from skillbase.models import MonthlyReport

    starts_on = month_starts_on(base.construction_starts_on, month_no)
    ends_on = month_starts_on(base.construction_starts_on, month_no + 1) - timedelta(days=1)
    following = date(ends_on.year + ends_on.month // 12, ends_on.month % 12 + 1, 1)
    report = MonthlyReport(
        base_id=base.id,
        month_no=month_no,
        period_starts_on=starts_on,
        period_ends_on=ends_on,
        due_on=following.replace(day=min(base.report_due_day, 28)),
        status=status,
    )
    session.add(report)
    await session.commit()
    return report


def resident_id(birth: str = "19900101", seq: int = 1, region: str = "110113") -> str:
    """A valid 18-digit resident ID (GB 11643 check character)."""
    from skillbase.core.resident_id import check_character

    first17 = f"{region}{birth}{seq % 1000:03d}"
    return first17 + check_character(first17)


# --- indicators: monthly reports with rosters, duplicate groups and competitions, inserted directly ---


def resident_number(n: int) -> str:
    """A valid 18-digit resident ID (GB 11643) for person number `n`: distinct numbers for distinct `n`."""
    from skillbase.core import resident_id

    born = date(1970, 1, 1) + timedelta(days=n // 900)
    first17 = f"110113{born:%Y%m%d}{100 + n % 900:03d}"
    return first17 + resident_id.check_character(first17)


@dataclass
class MonthData:
    report: Any
    trainees: list[Any]
    certificates: list[Any]
    competitions: list[Any]
    roster_status: str


async def report_month(
    session: AsyncSession,
    base: Any,
    month_no: int,
    *,
    status: str = "accepted",
    roster_status: str = "imported",
    trainees: list[dict[str, Any]] | None = None,
    certificates: list[dict[str, Any]] | None = None,
    competitions: list[dict[str, Any]] | None = None,
    declared: dict[str, int] | None = None,
) -> MonthData:
    """The monthly report of construction month `month_no` of `base` in `status`, with a trainee and a certificate roster
    (both in `roster_status`) holding the rows given, and its competitions. Row dicts name a `person` (an int, see
    resident_number) and override any column; dates default to the month's first day."""
    from sqlalchemy import select

    from skillbase.bases.commitments import month_starts_on
    from skillbase.core import resident_id
    from skillbase.models import (
        CertificateRow,
        Competition,
        MonthlyReport,
        Roster,
        TraineeRow,
    )
    from skillbase.models.enums import RosterKind

    starts = month_starts_on(base.construction_starts_on, month_no)
    ends = month_starts_on(base.construction_starts_on, month_no + 1) - timedelta(days=1)
    after = ends.replace(day=1) + timedelta(days=32)
    report = MonthlyReport(
        base_id=base.id,
        month_no=month_no,
        period_starts_on=starts,
        period_ends_on=ends,
        due_on=after.replace(day=base.report_due_day),
        status=status,
        **(declared or {}),
    )
    session.add(report)
    await session.flush()
    uploader = await session.scalar(select(User.id).where(User.organization_id == base.organization_id).limit(1))

    async def roster(kind: RosterKind) -> Any:
        r = Roster(
            report_id=report.id,
            base_id=base.id,
            kind=kind,
            status=roster_status,
            original_name=f"{kind.value}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            size_bytes=1000,
            sha256="0" * 64,
            storage_key=f"rosters/{uuid.uuid4()}",
            uploaded_by_id=uploader,
        )
        session.add(r)
        await session.flush()
        return r

    def person(spec: dict[str, Any], row_no: int, r: Any) -> dict[str, Any]:
        number = resident_number(spec.pop("person"))
        return {
            "roster_id": r.id,
            "report_id": report.id,
            "base_id": base.id,
            "month_no": month_no,
            "row_no": row_no,
            "name": "张三",
            "id_sealed": resident_id.seal(number),
            "id_hash": resident_id.match_hash(number),
            "id_masked": resident_id.mask(number),
            "occupation": "电工",
            "_number": number,
        }

    made_trainees, made_certificates, made_competitions = [], [], []
    if trainees:
        r = await roster(RosterKind.trainees)
        for i, spec in enumerate(trainees, start=2):
            spec = dict(spec)
            cols = person(spec, i, r)
            cols.pop("_number")
            values = {
                "course": "电工培训",
                "starts_on": starts,
                "ends_on": starts,
                "completed": True,
                "surveyed": False,
                "satisfied": False,
            }
            made_trainees.append(TraineeRow(**cols, **{**values, **spec}))
    if certificates:
        r = await roster(RosterKind.certificates)
        for i, spec in enumerate(certificates, start=2):
            spec = dict(spec)
            cols = person(spec, i, r)
            number = cols.pop("_number")
            values = {
                "kind": "skill_level",
                "level": "intermediate",
                "certificate_no": f"C{uuid.uuid4().hex[:12]}",
                "issued_on": starts,
            }
            values.update(spec)
            values["issuing_body"] = "北京市职业技能鉴定中心"
            made_certificates.append(
                CertificateRow(
                    **cols,
                    **values,
                    dup_key=resident_id.certificate_key(number, values["certificate_no"]),
                )
            )
    for spec in competitions or []:
        values = {
            "name": "顺义区电工技能大赛",
            "level": "district",
            "starts_on": starts,
            "ends_on": starts,
            "organiser": "顺义区人社局",
            "contestants": 300,
        }
        made_competitions.append(Competition(base_id=base.id, report_id=report.id, **{**values, **spec}))
    session.add_all([*made_trainees, *made_certificates, *made_competitions])
    await session.commit()
    return MonthData(report, made_trainees, made_certificates, made_competitions, roster_status)


async def duplicate_group(
    session: AsyncSession,
    rows: list[Any],
    *,
    counted: Any = None,
    resolved: bool = False,
) -> Any:
    """Put certificate `rows` in one duplicate group, open, or resolved counting `counted` (a row, or None: none)."""
    from skillbase.models import DuplicateGroup

    group = DuplicateGroup(
        dup_key=rows[0].dup_key,
        status="resolved" if resolved else "open",
        spans_bases=len({r.base_id for r in rows}) > 1,
        counted_row_id=counted.id if counted is not None else None,
        reason="核实后保留一条" if resolved else None,
        resolved_at=clock.now() if resolved else None,
    )
    session.add(group)
    await session.flush()
    for r in rows:
        r.duplicate_group_id = group.id
    await session.commit()
    return group


# --- monthly reports (issue 10) ---


async def base_with_reports(session: AsyncSession, *, today: date | None = None, **kw: Any) -> Any:
    """`recognised_base` (same arguments) with the dedicated account and contact an organisation keeps, and the report of
    every construction month started by `today` (default: the clock's), as `reports.service.ensure_reports` makes them."""
    from skillbase.reports import service as reports

    base = await recognised_base(session, **kw)
    base.account_bank, base.account_number = "北京农商银行顺义支行", "0101 0000 0000 0001"
    base.contact_name, base.contact_mobile = "王五", "13700000000"
    await reports.ensure_reports(session, base, today or clock.today())
    await session.commit()
    return base


async def report_of(session: AsyncSession, base: Any, month_no: int) -> Any:
    from sqlalchemy import select

    from skillbase.models import MonthlyReport

    stmt = select(MonthlyReport).where(MonthlyReport.base_id == base.id, MonthlyReport.month_no == month_no)
    return (await session.scalars(stmt.execution_options(populate_existing=True))).one()


async def submitted_report(session: AsyncSession, base: Any, month_no: int, *, by: User, versions: int = 1) -> Any:
    """The report of month `month_no` submitted `versions` times (the earlier versions returned for its narrative),
    inserted directly: what the administrators' queue and the review start from."""
    from skillbase.models import MonthlyReportVersion
    from skillbase.models.enums import ReportStatus

    report = await report_of(session, base, month_no)
    report.progress = "本月完成数控车工培训两期。"
    now = clock.now()
    for no in range(1, versions + 1):
        session.add(
            MonthlyReportVersion(
                report_id=report.id,
                version_no=no,
                snapshot={
                    "narrative": {"progress": report.progress, "problems": "", "next_plan": ""},
                    "figures": {},
                    "competitions": [],
                    "attachments": [],
                    "rosters": [],
                },
                submitted_at=now,
                submitted_by_id=by.id,
                outcome="returned" if no < versions else None,
                outcome_reasons={"narrative": "请补充培训期数"} if no < versions else None,
            )
        )
    report.status, report.submitted_versions, report.submitted_at, report.submitted_by_id = ReportStatus.submitted, versions, now, by.id
    report.version += versions
    await session.commit()
    return report
