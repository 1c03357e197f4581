"""Demo data for the construction period (issue 10): recognised bases with two years of monthly reports and rosters.

Called by `seed.seed` once the accounts and calls are there, only while the `bases` table is empty (running the seed
twice changes nothing). It writes what the real flow leaves behind, straight into the tables (the seed is not the API):

- the 2024 call's six bases (owners base1..base6@demo.skillbase.cn), each an organisation verified, its application
  recognised (submitted version, published notice, recognition, the base created by `bases.service.
  create_for_recognition` with its commitments frozen from the call) in autumn 2024, its reports created by
  `reports.service.ensure_reports`, then filled: narrative, declared figures, versions, status accepted;
- rosters as the import stores them: each row built as a sheet row, checked by `rosters.rules.RowChecker`, turned into
  the import's COPY record (`rosters.service.row_record`: ID sealed, match-hashed, masked) and COPYed by the rosters
  repository; certificates joined into duplicate groups by `rosters.repository.join_duplicates`, as after an import;
- the story: base4 far behind its targets (at risk), base2 with its last two reports never submitted (overdue), base3
  with two reports submitted and awaiting review, four certificates reported by two bases (open duplicate groups),
  competitions at the competition base (base5);
- a 2026 call (closed) with base7, recognised so that today is its construction month 3: month 1 accepted with
  rosters, month 2 (the last month finished) open and untouched, for the end-to-end test to file;
- finally `indicators.service.refresh_all`, so that the register and the charts show real numbers.

Everything random comes from one seeded generator: the same data on every run (the 2026 base's dates move with
`clock.today()`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.bases import service as bases_service
from skillbase.bases.commitments import add_months, construction_month
from skillbase.calls.rules import DEFAULT_PUBLICITY_DAYS, DEFAULT_REPORT_DUE_DAY, DEFAULT_SCORE_DIVERGENCE_POINTS
from skillbase.calls.schemas import default_policies, default_rubric
from skillbase.core import clock
from skillbase.core.resident_id import check_character
from skillbase.indicators import service as indicators
from skillbase.models import (
    Application,
    ApplicationVersion,
    Call,
    Competition,
    MonthlyReport,
    MonthlyReportVersion,
    NoticeItem,
    Organization,
    PublicityNotice,
    Recognition,
    Roster,
    TrainingBase,
    User,
)
from skillbase.models.enums import (
    SENIOR_OR_ABOVE,
    ApplicationStatus,
    BaseType,
    CallStatus,
    CertificateKind,
    CertificateLevel,
    CompetitionLevel,
    NoticeStatus,
    OrganizationStatus,
    ReportStatus,
    Role,
    RosterKind,
    RosterStatus,
)
from skillbase.organizations.rules import make_credit_code
from skillbase.organizations.schemas import OrganizationRead
from skillbase.reports import service as reports_service
from skillbase.reports.schemas import CompetitionRead, RosterSummary
from skillbase.rosters import repository as rosters_repository
from skillbase.rosters import rules as roster_rules
from skillbase.rosters.service import row_record

RANDOM_SEED = 20240913
CALL_2026_NAME = "{year}年顺义区技能人才培训基地建设项目申报（第一批）"
CHINA_TZ = clock.CHINA_TZ

# --- people ------------------------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
# the most common surnames first: weight by rank, as a real roster looks
_SURNAME_WEIGHTS = [1.0 / (i + 4) for i in range(len(SURNAMES))]
MALE_GIVEN = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文海峰东亮成晨博"
FEMALE_GIVEN = "芳娜敏静丽艳娟霞秀玲桂英红梅琳燕萍雪慧莉倩婷颖洁琴云蕾欣悦佳怡丹璐玉兰晶"
# (division code, weight): Beijing's districts (1101xx), most trainees from Shunyi and its neighbours
DISTRICTS = (
    ("110113", 55),  # 顺义
    ("110105", 8),  # 朝阳
    ("110112", 7),  # 通州
    ("110114", 6),  # 昌平
    ("110117", 5),  # 平谷
    ("110116", 5),  # 怀柔
    ("110118", 4),  # 密云
    ("110108", 3),  # 海淀
    ("110115", 2),  # 大兴
    ("110106", 2),  # 丰台
    ("110111", 1),  # 房山
    ("110119", 1),  # 延庆
    ("110101", 1),  # 东城
)


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str


class People:
    """New, distinct people with realistic names and valid GB 11643 numbers (region, birth date, sequence whose last
    digit is odd for a man, even for a woman, check character)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.numbers: set[str] = set()
        self.codes = [code for code, _ in DISTRICTS]
        self.weights = [w for _, w in DISTRICTS]

    def name(self, male: bool) -> str:
        pool = MALE_GIVEN if male else FEMALE_GIVEN
        given = "".join(self.rng.choice(pool) for _ in range(1 if self.rng.random() < 0.3 else 2))
        return self.rng.choices(SURNAMES, _SURNAME_WEIGHTS)[0] + given

    def new(self, on: date, ages: tuple[int, int] = (18, 55)) -> Person:
        rng = self.rng
        male = rng.random() < 0.58
        while True:
            born = on - timedelta(days=rng.randint(ages[0] * 365 + 10, ages[1] * 365))
            seq = rng.randint(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
            first17 = f"{rng.choices(self.codes, self.weights)[0]}{born:%Y%m%d}{seq:03d}"
            number = first17 + check_character(first17)
            if number not in self.numbers:
                self.numbers.add(number)
                return Person(self.name(male), number)


# --- what each base is ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    credit_prefix: str  # 17 characters; the check character is computed
    category: str
    attribute: str
    qualifications: tuple[str, ...]
    legal: tuple[str, str]  # name, mobile
    contact: tuple[str, str, str]  # name, dept and post, mobile
    address: str


@dataclass(frozen=True)
class BasePlan:
    no: int  # base<no>@demo.skillbase.cn
    org: Org
    base_type: BaseType
    specialties: tuple[str, ...]
    trainees_per_month: int  # the mean; seasons and chance move it
    certification: float  # share of completed trainees certified
    overdue_last: int = 0  # the last n reports never submitted
    submitted_last: int = 0  # the last n reports submitted, awaiting review
    behind: bool = False


def _org(
    name: str, prefix: str, category: str, attribute: str, quals: tuple[str, ...], legal: str, contact: str, post: str, n: int, street: str
) -> Org:
    return Org(name, prefix, category, attribute, quals, (legal, f"1391000{n:04d}"), (contact, post, f"1381000{n:04d}"), street)


PLANS_2024 = (
    BasePlan(
        1,
        _org(
            "北京顺义现代制造技工学校",
            "12110113MB00000B1",
            "technical_school",
            "government",
            (),
            "孙志刚",
            "马丽华",
            "培训处 处长",
            1,
            "北京市顺义区仁和镇站前街 18 号",
        ),
        BaseType.skills_upgrading,
        ("数控车工", "电工", "焊工", "钳工"),
        trainees_per_month=100,
        certification=0.93,
    ),
    BasePlan(
        2,
        _org(
            "北京顺通职业技能培训学校",
            "52110113MJ00000B2",
            "training_institution",
            "other",
            (),
            "周建华",
            "吴晓燕",
            "教务部 主任",
            2,
            "北京市顺义区胜利街道建新南区 6 号",
        ),
        BaseType.skills_upgrading,
        ("养老护理员", "保育师", "中式烹调师", "中式面点师"),
        trainees_per_month=105,
        certification=0.93,
        overdue_last=2,
    ),
    BasePlan(
        3,
        _org(
            "北京临空航空维修工程有限公司",
            "91110113MA00000B3",
            "enterprise",
            "industry_enterprise",
            ("above_designated_size", "chain_leader", "specialized_innovative"),
            "郑国栋",
            "高红梅",
            "人力资源部 培训经理",
            3,
            "北京市顺义区天竺综合保税区天柱路 9 号",
        ),
        BaseType.industry_chain,
        ("民航机械维修员", "钳工", "电工"),
        trainees_per_month=54,
        certification=0.93,
        submitted_last=2,
    ),
    BasePlan(
        4,
        _org(
            "北京顺义新能源汽车零部件有限公司",
            "91110113MA00000B4",
            "enterprise",
            "industry_enterprise",
            ("above_designated_size", "skills_oriented"),
            "冯立军",
            "唐静",
            "综合管理部 副经理",
            4,
            "北京市顺义区赵全营镇兆丰产业基地园盈路 12 号",
        ),
        BaseType.industry_chain,
        ("汽车装调工", "焊工"),
        trainees_per_month=24,
        certification=0.82,
        behind=True,
    ),
    BasePlan(
        5,
        _org(
            "北京临空国际职业技能培训学校",
            "52110113MJ00000B5",
            "training_institution",
            "other",
            (),
            "韩振东",
            "曹颖",
            "竞赛集训部 主任",
            5,
            "北京市顺义区后沙峪镇安富街 3 号",
        ),
        BaseType.competition,
        ("焊工", "电工", "数控铣工"),
        trainees_per_month=30,
        certification=0.85,
    ),
    BasePlan(
        6,
        _org(
            "北京汇农食品科技集团有限公司",
            "91110113MA00000B6",
            "enterprise",
            "industry_enterprise",
            ("above_designated_size", "industry_education_integration", "listed_company"),
            "许国华",
            "邓丽",
            "人力资源中心 培训主管",
            6,
            "北京市顺义区牛栏山镇府前街 26 号",
        ),
        BaseType.industry_chain,
        ("中式面点师", "西式面点师", "农产品食品检验员"),
        trainees_per_month=50,
        certification=0.93,
    ),
)
PLAN_2026 = BasePlan(
    7,
    _org(
        "北京顺义智能网联汽车科技有限公司",
        "91110113MA00000B7",
        "enterprise",
        "industry_enterprise",
        ("above_designated_size", "chain_leader"),
        "蒋文博",
        "彭晓琳",
        "人力资源部 培训专员",
        7,
        "北京市顺义区高丽营镇金马工业区金关北二街 5 号",
    ),
    BaseType.industry_chain,
    ("汽车维修工", "电工"),
    trainees_per_month=62,
    certification=0.94,
)
# (plan no, recognition batch): three notices and recognitions in autumn 2024
RECOGNITIONS_2024 = (
    (date(2024, 9, 2), date(2024, 9, 13), "顺人社发〔2024〕41号", (1, 4)),
    (date(2024, 10, 10), date(2024, 10, 21), "顺人社发〔2024〕47号", (2, 5)),
    (date(2024, 11, 4), date(2024, 11, 15), "顺人社发〔2024〕53号", (3, 6)),
)
# Certificates reported by two bases (same person, same certificate number): (from plan, to plan, occupation).
CROSS_BASE_DUPLICATES = ((1, 3, "电工"), (1, 5, "焊工"), (2, 6, "中式面点师"), (2, 6, "中式面点师"))

# (month_no, name, level, contestants, winners, occupation, organiser) of the competition base
COMPETITIONS = (
    (4, "北京临空国际职业技能培训学校焊工技能选拔赛", CompetitionLevel.school, 86, 12, "焊工", "北京临空国际职业技能培训学校"),
    (9, "2025年顺义区职业技能大赛（焊工、电工赛项）", CompetitionLevel.district, 342, 36, "焊工", "北京市顺义区人力资源和社会保障局"),
    (15, "北京市第二届职业技能大赛数控铣工赛项（顺义赛区）", CompetitionLevel.city, 268, 27, "数控铣工", "北京市人力资源和社会保障局"),
    (21, "顺义区“临空杯”电工技能竞赛", CompetitionLevel.district, 315, 32, "电工", "北京市顺义区总工会"),
)

# --- certificates -------------------------------------------------------------------------------------------------

GRADE = {
    CertificateLevel.junior: 5,
    CertificateLevel.intermediate: 4,
    CertificateLevel.senior: 3,
    CertificateLevel.technician: 2,
    CertificateLevel.senior_technician: 1,
}
LEVEL_WEIGHTS = {
    CertificateLevel.junior: 22,
    CertificateLevel.intermediate: 42,
    CertificateLevel.senior: 26,
    CertificateLevel.technician: 8,
    CertificateLevel.senior_technician: 2,
}
KIND_WEIGHTS = {
    BaseType.skills_upgrading: {"skill_level": 72, "special_ability": 13, "training_completion": 10, "national_qualification": 5},
    BaseType.industry_chain: {"skill_level": 60, "special_ability": 10, "training_completion": 25, "national_qualification": 5},
    BaseType.competition: {"skill_level": 85, "special_ability": 5, "training_completion": 10, "national_qualification": 0},
}
SEASON = {1: 0.85, 2: 0.6, 3: 1.0, 4: 1.05, 5: 1.05, 6: 1.0, 7: 1.1, 8: 1.05, 9: 1.05, 10: 0.9, 11: 1.1, 12: 1.05}


# --- narrative ----------------------------------------------------------------------------------------------------

EXTRA_PROGRESS = (
    "与{partner}签订订单式培养协议，新增合作岗位 {k} 个。",
    "完成实训室改造，新增实训工位 {k} 个，设备已验收投入使用。",
    "组织 {k} 名专兼职教师赴合作企业开展实践锻炼。",
    "开展企业新型学徒制培训，新招收学徒 {k} 名。",
    "修订{occupation}课程标准与教学计划，完成校本教材初稿 {k} 册。",
    "组织学员满意度调查，收回问卷 {surveyed} 份，满意率 {rate}%。",
    "邀请行业专家开展技术讲座 {k} 场，参加人员 {people} 人次。",
    "专账资金使用规范，本月支出实训耗材及师资费用，凭证已归档。",
    "接受区人社局现场指导，按要求完善培训台账与影像资料。",
)
PROBLEMS = (
    "部分在职学员工学矛盾突出，集中培训时间难以保证。",
    "高级工及以上等级认定考位紧张，部分学员需排期等候。",
    "实训设备使用频次高，维护保养压力较大。",
    "个别班次满意度调查回收率偏低，需改进调查方式。",
    "兼职教师企业任务重，授课时间调配难度较大。",
    "部分学员理论基础薄弱，理论考试通过率有待提高。",
    "本月无突出问题。",
)
PROBLEMS_BEHIND = (
    "受整车厂订单下滑影响，一线员工轮岗加班多，参训人数明显不足，取证进度滞后于年度目标。",
    "内部师资流失两人，部分班次延期开班，取证人次低于计划。",
    "合作院校学员实习安排调整，产业链上下游企业参训积极性不高。",
    "认定考位协调困难，已结业学员取证率偏低。",
)
NEXT_PLANS = (
    "计划开设{occupation}（{level}）培训班 {k} 期，预计培训 {people} 人次。",
    "继续推进校企合作，拟与 2 家企业签订联合培养协议。",
    "组织{occupation}职业技能等级认定 {k} 批次。",
    "开展教师教学能力比赛，提升专兼职教师教学水平。",
    "做好学员回访与就业跟踪，完善培训质量评价。",
    "按季度梳理专账支出，配合做好年度绩效自评。",
)
NEXT_PLANS_BEHIND = (
    "与整车厂协调错峰安排培训，计划补开{occupation}培训班 {k} 期，力争追回取证进度。",
    "引进外部师资 2 名，恢复延期班次。",
)
PARTNERS = (
    "北京汽车股份有限公司顺义分公司",
    "北京首都机场物流有限公司",
    "北京顺鑫控股集团有限公司",
    "北京燕京啤酒股份有限公司",
    "北京中航智能制造研究院有限公司",
    "北京空港物流基地开发中心",
)


# --- one month in memory --------------------------------------------------------------------------------------------


@dataclass
class Trainee:
    person: Person
    occupation: str
    course: str
    starts_on: date
    ends_on: date
    completed: bool
    surveyed: bool
    satisfied: bool

    def cells(self) -> list[str]:
        return [
            self.person.name,
            self.person.id_number,
            self.occupation,
            self.course,
            self.starts_on.isoformat(),
            self.ends_on.isoformat(),
            _yes(self.completed),
            _yes(self.surveyed),
            _yes(self.satisfied) if self.surveyed else "",
        ]


@dataclass
class Certificate:
    person: Person
    occupation: str
    kind: CertificateKind
    level: CertificateLevel | None
    certificate_no: str
    issued_on: date
    issuing_body: str

    def cells(self) -> list[str]:
        return [
            self.person.name,
            self.person.id_number,
            roster_rules.CERTIFICATE_KIND_LABELS[self.kind],
            self.occupation,
            roster_rules.CERTIFICATE_LEVEL_LABELS[self.level] if self.level else "",
            self.certificate_no,
            self.issued_on.isoformat(),
            self.issuing_body,
        ]


@dataclass
class Month:
    report: MonthlyReport
    status: ReportStatus
    trainees: list[Trainee] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    competitions: list[Competition] = field(default_factory=list)
    classes: list[tuple[str, CertificateLevel | None, int]] = field(default_factory=list)  # occupation, level, size


def _yes(value: bool) -> str:
    return roster_rules.YES if value else roster_rules.NO


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA_TZ)


def _clamp(value: datetime, lo: datetime, hi: datetime) -> datetime:
    return max(lo, min(value, hi))


class Generator:
    def __init__(self, session: AsyncSession, admin: User, password_hash: str) -> None:
        self.session = session
        self.admin = admin
        self.password_hash = password_hash
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311 - demo data, not secrets
        self.people = People(self.rng)
        self.serial = 0
        self.now = clock.now()
        self.months: dict[int, list[Month]] = {}
        self.bases: dict[int, TrainingBase] = {}
        self.owners: dict[int, User] = {}

    # --- accounts, applications, recognitions ---

    async def organization(self, plan: BasePlan, decided: date) -> Organization:
        o = plan.org
        org = Organization(
            name=o.name,
            credit_code=make_credit_code(o.credit_prefix),
            category=o.category,
            attribute=o.attribute,
            qualifications=list(o.qualifications),
            address=o.address,
            website=f"https://base{plan.no}.example.cn",
            legal_representative={
                "name": o.legal[0],
                "dept_post": "法定代表人",
                "office_phone": f"010-6945{plan.no:04d}",
                "mobile": o.legal[1],
            },
            contact_person={
                "name": o.contact[0],
                "dept_post": o.contact[1],
                "office_phone": f"010-6946{plan.no:04d}",
                "mobile": o.contact[2],
            },
            bank_name="北京农商银行顺义支行",
            bank_account=f"0101 0402 1000 {plan.no:04d}",
            status=OrganizationStatus.verified,
            decided_at=_at(decided, 10),
            decided_by_id=self.admin.id,
        )
        self.session.add(org)
        await self.session.flush()
        owner = User(
            email=f"base{plan.no}@demo.skillbase.cn",
            password_hash=self.password_hash,
            full_name=o.contact[0],
            mobile=o.contact[2],
            role=Role.applicant,
            organization_id=org.id,
            is_org_owner=True,
        )
        self.session.add(owner)
        await self.session.flush()
        self.owners[plan.no] = owner
        return org

    async def application(self, plan: BasePlan, call: Call, org: Organization, submitted: date, recognised: date) -> Application:
        form = application_form(plan, call.year)
        app = Application(
            call_id=call.id,
            organization_id=org.id,
            base_type=plan.base_type,
            status=ApplicationStatus.recognised,
            draft_form=form,
            draft_version=4,
            submitted_versions=1,
            created_by_id=self.owners[plan.no].id,
            submitted_at=_at(submitted, 15, 20),
            status_changed_at=_at(recognised, 10),
        )
        self.session.add(app)
        await self.session.flush()
        self.session.add(
            ApplicationVersion(
                application_id=app.id,
                version_no=1,
                form=form,
                organization_snapshot=OrganizationRead.model_validate(org).model_dump(mode="json"),
                attachments=[],
                submitted_at=_at(submitted, 15, 20),
                submitted_by_id=self.owners[plan.no].id,
            )
        )
        return app

    async def recognise(
        self, call: Call, plans: Sequence[BasePlan], notice_on: date, recognised: date, document_number: str, title: str
    ) -> None:
        orgs, apps = [], []
        for i, plan in enumerate(plans):
            org = await self.organization(plan, call.opens_on + timedelta(days=3 + i))
            orgs.append(org)
            submitted = min(notice_on - timedelta(days=40 - 9 * i), call.deadline - timedelta(days=6 - 2 * i))
            apps.append(await self.application(plan, call, org, submitted, recognised))
        days = call.publicity_days
        notice = PublicityNotice(
            title=title,
            body="经单位申报、形式审查、专家评审和区人力资源和社会保障局审核，现将拟认定的顺义区技能人才培训基地名单予以公示："
            + "、".join(o.name for o in orgs)
            + f"。公示期 {days} 天，如有异议，请在公示期内以书面形式向区人力资源和社会保障局反映。",
            contact="顺义区人力资源和社会保障局职业能力建设科 010-69440000",
            starts_on=notice_on,
            ends_on=notice_on + timedelta(days=days - 1),
            status=NoticeStatus.published,
            publicity_days=days,
            published_at=_at(notice_on, 9),
            created_by_id=self.admin.id,
        )
        self.session.add(notice)
        await self.session.flush()
        self.session.add_all([NoticeItem(notice_id=notice.id, application_id=app.id) for app in apps])
        recognition = Recognition(document_number=document_number, issued_on=recognised, notice_id=notice.id, issued_by_id=self.admin.id)
        self.session.add(recognition)
        await self.session.flush()
        created = await bases_service.create_for_recognition(self.session, recognition, [(app, call) for app in apps])
        for plan, base in zip(plans, created, strict=True):
            base.plaque_issued_on = recognised + timedelta(days=12)
            self.bases[plan.no] = base
        await self.session.flush()

    # --- months ---

    def new_serial(self) -> int:
        self.serial += 1
        return self.serial

    def certificate_no(self, plan: BasePlan, kind: CertificateKind, level: CertificateLevel | None, issued: date) -> str:
        n = self.new_serial()
        if kind is CertificateKind.skill_level:
            return f"S0000110113{plan.no:02d}{issued:%y}{GRADE[level] if level else 0}{n:06d}"
        if kind is CertificateKind.national_qualification:
            return f"{issued:%y}1101{GRADE[level] if level else 0}{plan.no:02d}{n:07d}"
        if kind is CertificateKind.special_ability:
            return f"ZX110113{issued:%Y}{plan.no:02d}{n:06d}"
        return f"SYPX{issued:%Y}{plan.no:02d}{n:06d}"

    def issuing_body(self, plan: BasePlan, kind: CertificateKind) -> str:
        if kind is CertificateKind.skill_level:
            return plan.org.name if plan.base_type is not BaseType.industry_chain else "北京市顺义区职业技能鉴定中心"
        if kind is CertificateKind.national_qualification:
            return "北京市人力资源和社会保障局"
        if kind is CertificateKind.special_ability:
            return "北京市职业技能鉴定管理中心"
        return plan.org.name

    def fill_month(self, plan: BasePlan, month: Month, size: int | None = None) -> None:
        """Classes of trainees ending in the month, most of them certified within it. With `size` (the 2026 base, whose
        month 1 alone carries its pace) the shares are quotas, not chance, so it stays on target on any day:
        one trainee not completed, one of the surveyed not satisfied, one in sixteen not certified."""
        rng, report = self.rng, month.report
        quota = size is not None
        i = 0
        start, end = report.period_starts_on, report.period_ends_on
        n = size if size is not None else max(4, round(plan.trainees_per_month * SEASON[end.month] * rng.uniform(0.85, 1.15)))
        weights = KIND_WEIGHTS[plan.base_type]
        classes = rng.randint(2, min(5, max(2, n // 10)))
        for c in range(classes):
            occupation = plan.specialties[(report.month_no + c) % len(plan.specialties)]
            kind = CertificateKind(rng.choices(list(weights), list(weights.values()))[0])
            level = rng.choices(list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values()))[0] if kind in roster_rules.LEVELLED_KINDS else None
            if plan.base_type is BaseType.competition and level is not None and GRADE[level] > GRADE[CertificateLevel.senior]:
                level = CertificateLevel.senior  # competition trainees sit the higher levels
            course = f"{occupation}（{roster_rules.CERTIFICATE_LEVEL_LABELS[level]}）技能提升培训" if level else f"{occupation}岗位技能培训"
            if kind is CertificateKind.special_ability:
                course = f"{occupation}专项能力培训"
            ends = start + timedelta(days=rng.randint(3, max(3, (end - start).days - 4)))
            begins = ends - timedelta(days=rng.randint(5, 45))
            size_c = n // classes + (1 if c < n % classes else 0)
            month.classes.append((occupation, level, size_c))
            for _ in range(size_c):
                person = self.people.new(ends)
                i += 1
                if quota:
                    completed, surveyed = i != 1, i % 7 != 0
                    satisfied, certify = surveyed and i != 2, i % 16 != 5
                else:
                    completed, surveyed = rng.random() < 0.97, rng.random() < 0.86
                    satisfied, certify = surveyed and rng.random() < 0.975, rng.random() < plan.certification
                month.trainees.append(Trainee(person, occupation, course, begins, ends, completed, surveyed, satisfied))
                if completed and certify:
                    issued = ends + timedelta(days=rng.randint(0, min(10, (end - ends).days)))
                    month.certificates.append(
                        Certificate(
                            person,
                            occupation,
                            kind,
                            level,
                            self.certificate_no(plan, kind, level, issued),
                            issued,
                            self.issuing_body(plan, kind),
                        )
                    )
        rng.shuffle(month.trainees)
        month.certificates.sort(key=lambda c: (c.issued_on, c.certificate_no))

    # --- writing a base's months ---

    def narrative(self, plan: BasePlan, month: Month, figures: dict[str, int]) -> tuple[str, str, str]:
        rng = self.rng
        occupations = "、".join(dict.fromkeys(occ for occ, _, _ in month.classes))
        progress = (
            f"本月开展{occupations}等 {len(month.classes)} 个班次培训，结业 {figures['declared_trainees']} 人次；"
            f"组织技能评价取证 {figures['declared_certificates']} 人次，其中高级工及以上 {figures['declared_senior_certificates']} 人次。"
        )
        if month.competitions:
            progress += "承办" + "、".join(f"“{c.name}”（参赛 {c.contestants} 人）" for c in month.competitions) + "。"
        rate = figures["declared_satisfied"] * 1000 // max(1, figures["declared_surveyed"]) / 10
        for template in rng.sample(EXTRA_PROGRESS, 2):
            progress += template.format(
                partner=rng.choice(PARTNERS),
                k=rng.randint(2, 12),
                occupation=month.classes[0][0],
                surveyed=figures["declared_surveyed"],
                rate=rate,
                people=rng.randint(40, 160),
            )
        problems = rng.choice(PROBLEMS_BEHIND) if plan.behind else rng.choice(PROBLEMS)
        occupation = rng.choice(plan.specialties)
        plans = NEXT_PLANS_BEHIND if plan.behind and rng.random() < 0.6 else NEXT_PLANS
        next_plan = "".join(
            t.format(
                occupation=occupation, level=rng.choice(("中级工", "高级工", "技师")), k=rng.randint(1, 4), people=rng.randint(30, 120)
            )
            for t in rng.sample(plans, 2)
        )
        return progress, problems, next_plan

    def declared(self, month: Month, certified_ids: dict[str, list[date]]) -> dict[str, int]:
        completed = [t for t in month.trainees if t.completed]
        return {
            "declared_trainees": len(completed),
            "declared_certified_trainees": sum(
                1 for t in completed if any(d >= t.starts_on for d in certified_ids.get(t.person.id_number, ()))
            ),
            "declared_certificates": len(month.certificates),
            "declared_senior_certificates": sum(1 for c in month.certificates if c.level in SENIOR_OR_ABOVE),
            "declared_surveyed": sum(1 for t in month.trainees if t.surveyed),
            "declared_satisfied": sum(1 for t in month.trainees if t.satisfied),
            "declared_competitions": len(month.competitions),
        }

    async def write_base(self, plan: BasePlan) -> None:
        """Rosters, rows, competitions, narrative, figures, versions and status of every month of the base that was
        filled; then the certificate rosters joined to duplicate groups, month by month, as their imports would."""
        base, owner, session, rng = self.bases[plan.no], self.owners[plan.no], self.session, self.rng
        certified_ids: dict[str, list[date]] = {}
        for month in self.months[plan.no]:
            for c in month.certificates:
                certified_ids.setdefault(c.person.id_number, []).append(c.issued_on)
        records: dict[RosterKind, list[tuple[Any, ...]]] = {RosterKind.trainees: [], RosterKind.certificates: []}
        certificate_rosters: list[uuid.UUID] = []
        for month in self.months[plan.no]:
            report = month.report
            if month.status is ReportStatus.draft:
                continue
            figures = self.declared(month, certified_ids)
            report.progress, report.problems, report.next_plan = self.narrative(plan, month, figures)
            for name, value in figures.items():
                setattr(report, name, value)
            # when: rosters uploaded a few days before the due date, submitted, reviewed
            latest = self.now - timedelta(days=1)
            submitted = _clamp(
                _at(report.due_on - timedelta(days=rng.randint(1, 7)), rng.randint(9, 16), rng.randint(0, 59)),
                _at(report.period_ends_on + timedelta(days=1), 9),
                latest,
            )
            uploaded = submitted - timedelta(hours=rng.randint(2, 30))
            summaries = []
            for kind, rows in ((RosterKind.trainees, month.trainees), (RosterKind.certificates, month.certificates)):
                roster, kind_records = self.roster(plan, base, owner, report, kind, rows, uploaded)
                records[kind].extend(kind_records)
                if kind is RosterKind.certificates:
                    certificate_rosters.append(roster.id)
                summary = {k: getattr(roster, k) for k in RosterSummary.model_fields}
                summaries.append(RosterSummary.model_validate(summary).model_dump(mode="json"))
            for competition in month.competitions:
                competition.id = uuid.uuid4()
                competition.version = 1  # read into the snapshot below, before the INSERT's default applies
                session.add(competition)
            snapshot = {
                "narrative": {"progress": report.progress, "problems": report.problems, "next_plan": report.next_plan},
                "figures": figures,
                "competitions": [CompetitionRead.model_validate(c).model_dump(mode="json") for c in month.competitions],
                "attachments": [],
                "rosters": summaries,
            }
            returned_first = month.status is ReportStatus.accepted and rng.random() < 0.08
            versions: list[MonthlyReportVersion] = []
            at = submitted
            if returned_first:  # returned once for its narrative, resubmitted, then accepted
                first = submitted - timedelta(days=5)
                back = first + timedelta(days=2, hours=1)
                reason = {"narrative": "请补充本月各班次的开班时间、培训课时及师资安排。"}
                versions.append(
                    MonthlyReportVersion(
                        report_id=report.id,
                        version_no=1,
                        snapshot=snapshot,
                        submitted_at=first,
                        submitted_by_id=owner.id,
                        outcome=ReportStatus.returned.value,
                        outcome_reasons=reason,
                        outcome_at=back,
                        outcome_by_id=self.admin.id,
                    )
                )
            version = MonthlyReportVersion(
                report_id=report.id, version_no=len(versions) + 1, snapshot=snapshot, submitted_at=at, submitted_by_id=owner.id
            )
            versions.append(version)
            report.submitted_versions = len(versions)
            report.submitted_at, report.submitted_by_id = at, owner.id
            report.version = 1 + 2 + len(versions) + (len(versions) - 1)  # drafts saved, submissions, returns
            report.status = month.status
            if month.status is ReportStatus.accepted:
                reviewed = _clamp(at + timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 6)), at + timedelta(hours=1), self.now)
                version.outcome, version.outcome_reasons, version.outcome_at, version.outcome_by_id = (
                    "accepted",
                    {},
                    reviewed,
                    self.admin.id,
                )
                report.reviewed_at, report.reviewed_by_id, report.return_reasons = reviewed, self.admin.id, {}
                report.version += 1
            session.add_all(versions)
        for month in self.months[plan.no]:  # the months never submitted: reminded by the worker, as it would have
            report = month.report
            if month.status is ReportStatus.draft and report.due_on < clock.today():
                report.reminded_due_at = _at(report.due_on - timedelta(days=3), 8)
                report.reminded_overdue_at = _at(report.due_on + timedelta(days=1), 8)
        await session.flush()
        for kind, kind_records in records.items():
            await rosters_repository.copy_rows(session, kind, kind_records)
        for roster_id in certificate_rosters:
            await rosters_repository.join_duplicates(session, roster_id)

    def roster(
        self,
        plan: BasePlan,
        base: TrainingBase,
        owner: User,
        report: MonthlyReport,
        kind: RosterKind,
        rows: Sequence[Trainee | Certificate],
        uploaded: datetime,
    ) -> tuple[Roster, list[tuple[Any, ...]]]:
        """The uploaded file (as CSV: its size and hash) and the import's COPY records of its rows, each checked by the
        import's own rules against the report's period."""
        header = [c.header for c in roster_rules.COLUMNS[kind]]
        cells = [row.cells() for row in rows]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([header, *cells])
        content = buffer.getvalue().encode("utf-8-sig")
        roster = Roster(
            id=uuid.uuid4(),
            report_id=report.id,
            base_id=base.id,
            kind=kind,
            status=RosterStatus.imported,
            original_name=f"{roster_rules.SHEET_TITLES[kind]}-第{report.month_no}个月-{report.period_starts_on:%Y%m}.csv",
            content_type="text/csv",
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            storage_key=f"rosters/demo/{uuid.uuid4()}",
            rows_total=len(cells),
            rows_processed=len(cells),
            error_count=0,
            errors=[],
            uploaded_by_id=owner.id,
            created_at=uploaded,
            started_at=uploaded + timedelta(seconds=1),
            finished_at=uploaded + timedelta(seconds=3),
        )
        self.session.add(roster)
        checker = roster_rules.RowChecker(kind, roster_rules.map_header(kind, header), (report.period_starts_on, report.period_ends_on))
        records = []
        for row_no, row_cells in enumerate(cells, start=2):
            values, errors = checker.check(row_no, row_cells)
            if values is None:
                raise RuntimeError(f"demo roster row refused by the import's rules: {errors}")
            records.append(row_record(kind, (roster.id, report.id, base.id, report.month_no), row_no, values))
        return roster, records


def application_form(plan: BasePlan, year: int) -> dict[str, Any]:
    """A complete Annex 1 form for the plan's base type (the shape of `applications.form.ApplicationForm`)."""
    o = plan.org
    staff = ("赵", "钱", "孙", "李", "周", "吴", "郑", "王")

    def items(topic: str) -> list[dict[str, str]]:
        return [
            {
                "item": f"{topic}（{i}）",
                "year1_acceptance": f"第一年完成{topic}第 {i} 阶段任务，形成过程材料",
                "year2_acceptance": f"第二年{topic}第 {i} 阶段成果通过验收并推广应用",
            }
            for i in (1, 2)
        ]

    target1 = {BaseType.skills_upgrading: 600, BaseType.industry_chain: 300}.get(plan.base_type)
    eligibility: dict[str, Any]
    if plan.base_type is BaseType.skills_upgrading:
        eligibility = {
            "training_volume": plan.trainees_per_month * 11,
            "cooperating_enterprises": [{"name": p, "note": "订单式培养、共建实训基地"} for p in PARTNERS[:5]],
        }
    elif plan.base_type is BaseType.industry_chain:
        eligibility = {
            "posts_offered": 320 + plan.no * 20,
            "ecosystem_enterprises": [{"name": p, "note": "产业链上下游协同培训"} for p in PARTNERS[1:4]],
            "partner_institutions": [{"name": "北京顺义现代制造技工学校", "note": "师资共享、联合评价"}],
        }
    else:
        eligibility = {
            "support_team": [{"name": f"{s}教练", "role": "技术指导"} for s in staff[:4]],
            "emergency_capability": "建立赛事突发事件应急预案，配备医务室与安保人员，每学期开展应急演练。",
            "logistics_support": "学员公寓 120 间、食堂可同时容纳 400 人就餐，赛场配备休息区。",
            "past_competitions": [
                {"name": "顺义区职业技能竞赛（焊工）", "level": "district", "year": 2023, "contestants": 320, "role": "承办"},
                {"name": "北京市职业技能竞赛电工赛项", "level": "city", "year": 2022, "contestants": 260, "role": "协办"},
            ],
            "staged_selection_plan": "按报名初选、集训淘汰、模拟赛终选三个阶段公开选拔，结果在校内公示 5 个工作日。",
        }
    return {
        "cover": {"form_filler": o.contact[0], "fill_date": f"{year}-07-15"},
        "table_1_1": {"feature_overview": f"{o.name}长期开展{'、'.join(plan.specialties)}等职业技能培训，管理规范，师资与实训设备齐全。"},
        "table_1_2": {
            "project_background": "顺义区临空经济、先进制造和现代服务业快速发展，对高技能人才需求旺盛。",
            "work_foundation": f"近三年累计开展职业技能培训 {plan.trainees_per_month * 30} 人次，与区内多家企业建立稳定合作。",
        },
        "table_2_1": {
            "guiding_ideology": "深入贯彻技能中国行动部署，服务区域产业发展需求。",
            "basic_approach": "产训结合、以赛促训、以评促学，分年度推进基地建设。",
        },
        "table_2_2": {
            "overall_goal": "两年内建成区级示范性技能人才培训基地。",
            "staged_goals": [
                {
                    "period": "建设期第一年",
                    "goal": "完成培训体系建设，取证人次达到年度目标",
                    "indicators": [{"name": "取证人次", "target": f"{target1}人次" if target1 else "承办区级以上竞赛"}],
                },
                {
                    "period": "建设期第二年",
                    "goal": "培训能力全面提升，形成可推广经验",
                    "indicators": [{"name": "满意度", "target": "95%"}, {"name": "取证率", "target": "90%"}],
                },
            ],
        },
        "specialties": [
            {
                "name": name,
                "leader": {"name": f"{staff[i % len(staff)]}建华", "post": f"{name}专业带头人 高级技师"},
                "members": [
                    {"name": f"{staff[(i + 1) % len(staff)]}老师", "post": "讲师"},
                    {"name": f"{staff[(i + 2) % len(staff)]}师傅", "post": "技师"},
                ],
                "goals": [{"name": "年取证人次", "target": f"{plan.trainees_per_month * 3}人次"}, {"name": "取证率", "target": "90%"}],
                "system_items": items(f"{name}课程体系与教材开发"),
                "capacity_items": items(f"{name}校企合作与师资能力提升"),
                "results_items": items(f"{name}培训经验成果总结推广"),
            }
            for i, name in enumerate(plan.specialties)
        ],
        "table_4": {
            "management_organization": "成立由单位负责人任组长的基地建设领导小组，下设项目办公室。",
            "safeguard_mechanisms": "建立培训质量、学员管理、安全生产与考核评价制度。",
            "funding": "补助资金专账管理、专款专用，单位按 1:1 自筹配套。",
        },
        "eligibility": eligibility,
        "declarations": {"no_penalty_3y": True, "premises_meet_standards": True, "management_rules_in_force": True},
    }


# --- the story ------------------------------------------------------------------------------------------------------


async def _call_2026(session: AsyncSession, recognised_on: date) -> Call:
    opens = recognised_on - timedelta(days=150)
    deadline = recognised_on - timedelta(days=90)
    policies = {bt.value: p.model_dump(mode="json") for bt, p in default_policies(list(BaseType)).items()}
    call = Call(
        name=CALL_2026_NAME.format(year=opens.year),
        year=opens.year,
        district_code="110113",
        opens_on=opens,
        deadline=deadline,
        valid_until=add_months(recognised_on, 36),
        status=CallStatus.closed,
        base_types=[bt.value for bt in BaseType],
        policies=policies,
        rubric=[c.model_dump(mode="json") for c in default_rubric()],
        publicity_days=DEFAULT_PUBLICITY_DAYS,
        report_due_day=DEFAULT_REPORT_DUE_DAY,
        score_divergence_points=DEFAULT_SCORE_DIVERGENCE_POINTS,
        version=1,
        published_at=_at(opens - timedelta(days=5), 9),
        closed_at=_at(deadline + timedelta(days=1), 9),
    )
    session.add(call)
    await session.flush()
    return call


def base7_recognised_on(today: date) -> date:
    """A recognition date that puts `today` in construction month 3, a few days into it (so month 2 has just ended and
    its report is not due yet)."""
    for back in (3, 2, 1, 0):
        day = add_months(today - timedelta(days=back), -2)
        if construction_month(day, today) == 3:
            return day
    raise AssertionError("no recognition date puts today in month 3")  # pragma: no cover - add_months never allows it


async def _reports_of(session: AsyncSession, base: TrainingBase) -> list[MonthlyReport]:
    await reports_service.ensure_reports(session, base, clock.today())
    stmt = select(MonthlyReport).where(MonthlyReport.base_id == base.id).order_by(MonthlyReport.month_no)
    return list((await session.scalars(stmt)).all())


def _inject_duplicates(g: Generator, plans: dict[int, BasePlan]) -> None:
    """Copy one certificate of base `src` into an accepted month of base `dst` whose period holds its issue date: the
    same person and certificate number reported by two bases."""
    used: set[str] = set()
    for src, dst, occupation in CROSS_BASE_DUPLICATES:
        done = False
        for month in g.months[src][5:20]:
            if month.status is not ReportStatus.accepted:
                continue
            for cert in month.certificates:
                if cert.occupation != occupation or cert.certificate_no in used:
                    continue
                target = next(
                    (
                        m
                        for m in g.months[dst]
                        if m.status is ReportStatus.accepted and m.report.period_starts_on <= cert.issued_on <= m.report.period_ends_on
                    ),
                    None,
                )
                if target is None:
                    continue
                used.add(cert.certificate_no)
                target.certificates.append(cert)
                done = True
                break
            if done:
                break
        if not done:
            raise RuntimeError(f"no certificate of base {src} to report again at base {dst}")
    del plans


async def seed_bases(session: AsyncSession, password_hash: str) -> dict[str, int]:
    """The construction-period demo (see the module docstring). Returns what was written, for the CLI's summary."""
    admin = await session.scalar(select(User).where(User.role == Role.admin).order_by(User.created_at).limit(1))
    call_2024 = await session.scalar(select(Call).where(Call.year == 2024).order_by(Call.created_at).limit(1))
    if admin is None or call_2024 is None:
        return {}
    today = clock.today()
    g = Generator(session, admin, password_hash)
    plans = {p.no: p for p in PLANS_2024}
    for (notice_on, recognised, number, nos), ordinal in zip(RECOGNITIONS_2024, "一二三", strict=True):
        batch = [plans[n] for n in nos]
        await g.recognise(call_2024, batch, notice_on, recognised, number, f"2024年顺义区技能人才培训基地拟认定名单公示（第{ordinal}批）")

    for plan in PLANS_2024:
        reports = await _reports_of(session, g.bases[plan.no])
        count = len(reports)
        months = []
        for report in reports:
            if report.month_no > count - plan.overdue_last:
                status = ReportStatus.draft
            elif report.month_no > count - plan.submitted_last:
                status = ReportStatus.submitted
            else:
                status = ReportStatus.accepted
            month = Month(report, status)
            if status is not ReportStatus.draft:
                g.fill_month(plan, month)
            months.append(month)
        g.months[plan.no] = months
        if plan.base_type is BaseType.competition:
            for month_no, name, level, contestants, winners, occupation, organiser in COMPETITIONS:
                report = months[month_no - 1].report
                ends = report.period_starts_on + timedelta(days=12)
                months[month_no - 1].competitions.append(
                    Competition(
                        base_id=report.base_id,
                        report_id=report.id,
                        name=name,
                        level=level,
                        starts_on=ends - timedelta(days=2),
                        ends_on=ends,
                        organiser=organiser,
                        occupation=occupation,
                        contestants=contestants,
                        winners=winners,
                        notes="赛事方案、获奖名单及现场照片已存档。",
                    )
                )
    _inject_duplicates(g, plans)
    for plan in PLANS_2024:
        await g.write_base(plan)

    # the 2026 call: one base in its construction month 3
    recognised = base7_recognised_on(today)
    call_2026 = await _call_2026(session, recognised)
    await g.recognise(
        call_2026,
        [PLAN_2026],
        recognised - timedelta(days=14),
        recognised,
        f"顺人社发〔{recognised.year}〕58号",
        f"{call_2026.year}年顺义区技能人才培训基地拟认定名单公示（第一批）",
    )
    reports = await _reports_of(session, g.bases[PLAN_2026.no])
    months = [Month(r, ReportStatus.accepted if r.month_no == 1 else ReportStatus.draft) for r in reports]
    g.fill_month(PLAN_2026, months[0], size=PLAN_2026.trainees_per_month)
    g.months[PLAN_2026.no] = months
    await g.write_base(PLAN_2026)

    await indicators.refresh_all(session, today)
    counted = {}
    for name, model in (("bases", TrainingBase), ("monthly_reports", MonthlyReport), ("rosters", Roster)):
        counted[name] = int(await session.scalar(select(func.count()).select_from(model)) or 0)
    return {"base_organizations": len(g.bases), **counted}
