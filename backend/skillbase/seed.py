"""Demo data for `make seed` (run by `make run` on an empty database). Refused in production."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase import demo_bases
from skillbase.calls.rules import DEFAULT_PUBLICITY_DAYS, DEFAULT_REPORT_DUE_DAY, DEFAULT_SCORE_DIVERGENCE_POINTS
from skillbase.calls.schemas import default_policies, default_rubric
from skillbase.core import clock
from skillbase.core.security import hash_password
from skillbase.models import Call, Expert, Organization, TrainingBase, User
from skillbase.models.enums import BaseType, CallStatus, OrganizationStatus, Role
from skillbase.organizations.rules import make_credit_code

DEMO_PASSWORD = "Demo-2026-skillbase"
DEMO_DOMAIN = "demo.skillbase.cn"

EXPERTS = [
    ("王建国", "北京市职业技能鉴定指导中心", "高级考评员", ["数控车工", "钳工"], "13900000001"),
    ("李秀英", "北京工业技师学院", "教授级高级讲师", ["电工", "工业机器人系统运维员"], "13900000002"),
    ("张伟", "首都经济贸易大学", "副教授", ["人力资源管理", "企业培训"], "13900000003"),
    ("刘芳", "北京市顺义区职业技能公共实训基地", "高级技师", ["汽车维修工", "焊工"], "13900000004"),
    ("陈志强", "中国航空工业集团培训中心", "正高级工程师", ["航空器维修", "钳工", "数控铣工"], "13900000005"),
]

# (name, 17-char credit code prefix, category, attribute, qualifications, status)
ORGANIZATIONS = [
    ("北京市顺义区高级技工学校", "12110113MB0000001", "technical_school", "government", [], "verified"),
    ("北京顺鑫职业技能培训学校", "52110113MJ0000002", "training_institution", "other", [], "verified"),
    (
        "北京顺义航空装备制造有限公司",
        "91110113MA0000003",
        "enterprise",
        "industry_enterprise",
        ["above_designated_size", "chain_leader", "specialized_innovative"],
        "verified",
    ),
    ("北京顺义小微商贸有限公司", "91110113MA0000004", "enterprise", "other", [], "verified"),
    (
        "北京新申请汽车服务有限公司",
        "91110113MA0000005",
        "enterprise",
        "industry_enterprise",
        ["above_designated_size"],
        "pending",
    ),
]


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def seed(session: AsyncSession) -> dict[str, int]:
    """Each part is written only into an empty table, so running it twice changes nothing."""
    written: dict[str, int] = {}
    if await _count(session, User) == 0:
        written |= await seed_accounts(session)
    if await _count(session, Call) == 0:
        written |= await seed_calls(session)
    if await _count(session, TrainingBase) == 0:
        # the construction period: bases of the 2024 call and of a 2026 call, their reports, rosters and indicators
        written |= await demo_bases.seed_bases(session, hash_password(DEMO_PASSWORD))
    return written


async def seed_calls(session: AsyncSession) -> dict[str, int]:
    today = clock.today()
    policies = {bt.value: p.model_dump(mode="json") for bt, p in default_policies(list(BaseType)).items()}
    rubric = [c.model_dump(mode="json") for c in default_rubric()]
    common = {
        "district_code": "110113",
        "base_types": [bt.value for bt in BaseType],
        "policies": policies,
        "rubric": rubric,
        "publicity_days": DEFAULT_PUBLICITY_DAYS,
        "report_due_day": DEFAULT_REPORT_DUE_DAY,
        "score_divergence_points": DEFAULT_SCORE_DIVERGENCE_POINTS,
        "status": CallStatus.published,
        "published_at": clock.now(),
        "version": 1,
    }
    session.add(
        Call(
            name="2024年顺义区技能人才培训基地建设项目申报",
            year=2024,
            opens_on=date(2024, 6, 1),
            deadline=date(2024, 8, 31),
            valid_until=date(2026, 12, 31),
            **common,
        )
    )
    # A call open today, so that a newcomer can apply at once.
    session.add(
        Call(
            name=f"{today.year}年顺义区技能人才培训基地建设项目申报（演示批次）",
            year=today.year,
            opens_on=today - timedelta(days=30),
            deadline=today + timedelta(days=180),
            valid_until=today + timedelta(days=180 + 3 * 365),
            **common,
        )
    )
    await session.flush()
    return {"calls": 2}


async def seed_accounts(session: AsyncSession) -> dict[str, int]:
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for all demo accounts: seeding stays fast
    now = clock.now()
    admin = User(
        email=f"admin@{DEMO_DOMAIN}",
        password_hash=password_hash,
        full_name="刘晓明",
        mobile="13800000000",
        role=Role.admin,
    )
    session.add(admin)
    await session.flush()

    for i, (name, employer, title, specialties, mobile) in enumerate(EXPERTS, start=1):
        email = f"expert{i}@{DEMO_DOMAIN}"
        user = User(email=email, password_hash=password_hash, full_name=name, mobile=mobile, role=Role.expert)
        session.add(user)
        await session.flush()
        session.add(
            Expert(
                user_id=user.id,
                name=name,
                email=email,
                organization_name=employer,
                title=title,
                specialties=specialties,
                mobile=mobile,
            )
        )

    for i, (name, prefix, category, attribute, quals, status) in enumerate(ORGANIZATIONS, start=1):
        org = Organization(
            name=name,
            credit_code=make_credit_code(prefix),
            category=category,
            attribute=attribute,
            qualifications=quals,
            address=f"北京市顺义区示范路 {i} 号",
            website=f"https://org{i}.example.cn",
            legal_representative={
                "name": f"法人代表{i}",
                "dept_post": "法定代表人",
                "office_phone": "010-6940000" + str(i),
                "mobile": f"1370000000{i}",
            },
            contact_person={
                "name": f"联系人{i}",
                "dept_post": "培训部 主任",
                "office_phone": "010-6941000" + str(i),
                "mobile": f"1360000000{i}",
            },
            bank_name="北京农商银行顺义支行",
            bank_account=f"0101 0000 0000 000{i}",
            status=status,
            decided_at=now if status == OrganizationStatus.verified else None,
            decided_by_id=admin.id if status == OrganizationStatus.verified else None,
        )
        session.add(org)
        await session.flush()
        email = f"applicant{i}@{DEMO_DOMAIN}" if status == "verified" else f"pending{i}@{DEMO_DOMAIN}"
        session.add(
            User(
                email=email,
                password_hash=password_hash,
                full_name=f"申报联系人{i}",
                mobile=f"1360000000{i}",
                role=Role.applicant,
                organization_id=org.id,
                is_org_owner=True,
            )
        )
    await session.flush()
    return {"admins": 1, "experts": len(EXPERTS), "organizations": len(ORGANIZATIONS)}
