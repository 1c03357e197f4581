"""The city-scale dataset of `make bench`, written straight into PostgreSQL with COPY (no ORM inserts).

At BENCH_SCALE=1.0 (the default): 5,000 organisations with valid GB 32100 credit codes and one applicant each,
200 experts, 5 calls, 20,000 applications spread over statuses, base types, calls and two years of updated_at,
each with a realistic Annex 1 form (~2 KB of JSON, one valid form per base type with its names and numbers
varied), a frozen version for every application past the draft, review panels of three experts for those in or
past review, ~100,000 audit events and ~50,000 notifications; ~4,000 recognised bases (one per recognised application,
recognised over the last 30 months, their commitments frozen from the call's policy) with their monthly reports
(~60,000, accepted but the last ones), the indicators' month figures (base_month_figures) and one register row each
(base_progress, computed by indicators.rules as the refresh does). Most bases' month figures are synthetic, but one
non-competition base in ROSTERED_EVERY has real rosters behind every accepted report: an imported trainee roster and
certificate roster per report (~280,000 rows at city scale), their resident IDs sealed, hashed and masked by
core.resident_id under workload's PERSONAL_DATA_KEY as an import stores them; one certificate in DUPLICATE_EVERY repeats an
earlier one of the same person (same base, or another rostered base), and those form duplicate groups (about two thirds
resolved, one row counted). These bases' figures and register rows are then recomputed by the product's own refresh
(indicators.service.refresh_bases), so what the API shows for them is what their rosters say. BENCH_SCALE=0.05 makes a
quick run.

The schema comes from the Alembic migrations on a fresh database `skillbase_bench` (dropped first), run as the
server's owner role like the test suite does; the API is then served as the application role the migrations create.

    python backend/benchmarks/datagen.py            # prints what it wrote and how long each table took
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "backend") not in sys.path:
    sys.path.insert(0, str(ROOT / "backend"))

from skillbase.models.enums import ApplicationStatus, BaseType  # noqa: E402
from skillbase.organizations.rules import make_credit_code  # noqa: E402

DB = os.environ.get("BENCH_DB") or "skillbase_bench"  # another name keeps parallel runs apart
APP_ROLE = "skillbase_app"
PASSWORD = "Bench-2026-skillbase"
DOMAIN = "bench.skillbase.cn"
ADMIN_EMAIL = f"admin@{DOMAIN}"
SEED = 20261201

# What a city holds (BENCH_SCALE multiplies every count but the calls).
CITY = {"organizations": 5000, "experts": 200, "calls": 5, "applications": 20000, "audit_events": 100000, "notifications": 50000}

CITY_BASES = 4000  # at most one per recognised application
ROSTERED_EVERY = 10  # one non-competition base in 10 has real rosters behind every accepted report
DUPLICATE_EVERY = 100  # one certificate row in 100 of those repeats an earlier certificate of the same person
# the key the generated rosters' resident IDs are sealed and hashed under (datagen, the served API and workload agree)
PERSONAL_DATA_KEY = "bench-personal-data-" + "c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2"

# Share of applications in each status (sums to 1).
STATUS_SHARES: dict[ApplicationStatus, float] = {
    ApplicationStatus.draft: 0.15,
    ApplicationStatus.submitted: 0.10,
    ApplicationStatus.returned: 0.05,
    ApplicationStatus.formal_check_passed: 0.08,
    ApplicationStatus.under_review: 0.12,
    ApplicationStatus.reviewed: 0.08,
    ApplicationStatus.approved: 0.05,
    ApplicationStatus.in_publicity: 0.03,
    ApplicationStatus.recognised: 0.20,  # ~4,000 bases at city scale (issue 10's register)
    ApplicationStatus.rejected: 0.09,
    ApplicationStatus.withdrawn: 0.05,
}
PANEL_STATUSES = {
    ApplicationStatus.under_review,
    ApplicationStatus.reviewed,
    ApplicationStatus.approved,
    ApplicationStatus.in_publicity,
    ApplicationStatus.recognised,
    ApplicationStatus.rejected,
}

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["建国", "秀英", "伟", "芳", "志强", "晓明", "丽娟", "海涛", "红梅", "国庆", "春燕", "立新"]
TRADES = ["数控车工", "焊工", "电工", "钳工", "汽车维修工", "工业机器人系统运维员", "育婴员", "养老护理员", "中式烹调师", "电子商务师"]
DISTRICT_PARTS = ["顺义", "后沙峪", "天竺", "南法信", "牛栏山", "杨镇", "李桥", "仁和", "空港", "马坡"]
ORG_KINDS = [
    ("职业技能培训学校", "training_institution", "other", []),
    ("高级技工学校", "technical_school", "government", []),
    ("航空装备制造有限公司", "enterprise", "industry_enterprise", ["above_designated_size", "chain_leader"]),
    ("汽车零部件有限公司", "enterprise", "industry_enterprise", ["above_designated_size", "specialized_innovative"]),
    ("职业技术学院", "vocational_school", "government", []),
    ("企业培训中心", "enterprise_training_center", "industry_enterprise", ["skills_oriented"]),
]
AUDIT_ACTIONS = [
    "auth.login",
    "application.created",
    "application.draft_saved",
    "application.submitted",
    "application.formal_check",
    "panel.formed",
    "review.submitted",
    "decision.made",
]


def scale() -> float:
    return float(os.environ.get("BENCH_SCALE", "1.0"))


def sizes(factor: float) -> dict[str, int]:
    """Row counts at a scale factor: never below what the benchmark needs (64 drafts of distinct organisations ...)."""
    minimum = {"organizations": 100, "experts": 10, "calls": 5, "applications": 400, "audit_events": 1000, "notifications": 500}
    return {k: v if k == "calls" else max(minimum[k], round(v * factor)) for k, v in CITY.items()}


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _partners(rng: random.Random, n: int, prefix: str) -> list[dict[str, Any]]:
    return [
        {"name": f"{prefix}{rng.choice(DISTRICT_PARTS)}{i + 1}号", "note": rng.choice(["订单式培训", "共建实训基地", "联合培养"])}
        for i in range(n)
    ]


def _items(rng: random.Random, label: str) -> list[dict[str, Any]]:
    return [
        {
            "item": f"{label}建设内容{i}：完善{rng.choice(TRADES)}实训条件",
            "year1_acceptance": f"第一年完成{label}要点{i}，培训{rng.randint(100, 900)}人次",
            "year2_acceptance": f"第二年完成{label}要点{i}，取证率不低于{rng.randint(80, 95)}%",
        }
        for i in (1, 2)
    ]


def _specialty(rng: random.Random, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "leader": {"name": _person(rng), "post": "培训部 部长/高级技师"},
        "members": [{"name": _person(rng), "post": rng.choice(["讲师", "技师", "高级技师"])} for _ in range(rng.randint(2, 4))],
        "goals": [
            {"name": "年取证人数", "target": f"{rng.randint(100, 800)}人次"},
            {"name": "取证率", "target": f"{rng.randint(80, 98)}%"},
        ],
        "system_items": _items(rng, "培训体系"),
        "capacity_items": _items(rng, "培训能力"),
        "results_items": _items(rng, "经验成果"),
    }


def make_form(base_type: BaseType | str, rng: random.Random) -> dict[str, Any]:
    """A complete Annex 1 form for `base_type` (it validates as ApplicationForm), its names and numbers drawn from `rng`."""
    base_type = BaseType(base_type)
    if base_type is BaseType.skills_upgrading:
        eligibility: dict[str, Any] = {
            "training_volume": rng.randint(500, 3000),
            "cooperating_enterprises": _partners(rng, rng.randint(5, 8), "合作企业"),
        }
    elif base_type is BaseType.industry_chain:
        eligibility = {
            "posts_offered": rng.randint(300, 2000),
            "ecosystem_enterprises": _partners(rng, rng.randint(3, 6), "生态链企业"),
            "partner_institutions": _partners(rng, rng.randint(1, 3), "合作院校"),
        }
    else:
        eligibility = {
            "support_team": [{"name": _person(rng), "role": rng.choice(["技术指导", "教练", "裁判"])} for _ in range(rng.randint(1, 3))],
            "emergency_capability": "建立突发事件应急预案并定期演练",
            "logistics_support": "配备食堂、宿舍与医务室",
            "past_competitions": [
                {
                    "name": f"{rng.choice(DISTRICT_PARTS)}职业技能竞赛",
                    "level": "district",
                    "year": rng.randint(2019, 2025),
                    "contestants": rng.randint(50, 800),
                    "role": "承办",
                }
            ],
            "staged_selection_plan": "分三阶段公开选拔，结果公示",
        }
    specialties = rng.sample(TRADES, rng.randint(1, 2))
    year1 = rng.randint(300, 900)
    return {
        "cover": {"form_filler": _person(rng), "fill_date": str(date(2026, rng.randint(1, 11), rng.randint(1, 28)))},
        "table_1_1": {"feature_overview": f"规范管理、{specialties[0]}培训能力突出，师资队伍雄厚，年培训{year1 * 2}人次"},
        "table_1_2": {
            "project_background": f"{rng.choice(DISTRICT_PARTS)}产业升级对{specialties[0]}等技能人才需求旺盛",
            "work_foundation": f"已开展职业技能培训{rng.randint(3, 20)}年，累计培训{rng.randint(2000, 20000)}人次",
        },
        "table_2_1": {"guiding_ideology": "贯彻落实十四五职业技能培训规划", "basic_approach": "校企合作、产训结合"},
        "table_2_2": {
            "overall_goal": "建成高水平培训基地",
            "staged_goals": [
                {"period": "建设期第一年", "goal": f"取证{year1}人次", "indicators": [{"name": "取证人数", "target": f"{year1}人次"}]},
                {
                    "period": "建设期第二年",
                    "goal": f"累计取证{year1 * 3}人次",
                    "indicators": [{"name": "累计取证", "target": f"{year1 * 3}人次"}],
                },
            ],
        },
        "specialties": [_specialty(rng, s) for s in specialties],
        "table_4": {
            "management_organization": "成立基地建设领导小组",
            "safeguard_mechanisms": "建立培训与管理机制",
            "funding": f"专账管理，自筹配套{rng.randint(50, 500)}万元",
        },
        "eligibility": eligibility,
        "declarations": {"no_penalty_3y": True, "premises_meet_standards": True, "management_rules_in_force": True},
    }


def stored_form(base_type: BaseType | str, rng: random.Random) -> dict[str, Any]:
    """make_form as the API stores it (validated, dumped with every default), as a draft save would leave it."""
    from skillbase.applications.form import ApplicationForm

    return ApplicationForm.model_validate(make_form(base_type, rng)).model_dump(mode="json")


def credit_code(i: int) -> str:
    return make_credit_code(f"91110113MA{i:07d}")


def status_plan(n: int, rng: random.Random) -> list[ApplicationStatus]:
    """`n` statuses in the shares of STATUS_SHARES, shuffled."""
    out: list[ApplicationStatus] = []
    for status, share in STATUS_SHARES.items():
        out += [status] * round(n * share)
    out = (out + [ApplicationStatus.draft] * n)[:n]
    rng.shuffle(out)
    return out


@dataclass
class Tables:
    """Rows in COPY batches, in order (parents first), with their column names. A batch is named by its table, or
    `table:part` where one table is copied in two steps (the administrator before organisations, other users after)."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, batch: str, row: dict[str, Any]) -> None:
        if batch not in self.columns:
            self.columns[batch] = list(row)
            self.rows[batch] = []
        self.rows[batch].append(tuple(row.values()))

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for batch, rows in self.rows.items():
            table = batch.split(":")[0]
            out[table] = out.get(table, 0) + len(rows)
        return out


def build(factor: float, password_hash: str, now: datetime | None = None) -> Tables:
    """Every row of the dataset, deterministic for a seed (pure: no database)."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data, not secrets
    now = now or datetime.now(UTC)
    n = sizes(factor)
    t = Tables()
    js = json.dumps

    admin_id = uuid.uuid4()
    t.add("users:admin", _user(admin_id, ADMIN_EMAIL, "刘晓明", "admin", None, password_hash, now))

    org_ids, applicant_ids, org_rows = [], [], []
    for i in range(n["organizations"]):
        kind, category, attribute, quals = ORG_KINDS[i % len(ORG_KINDS)]
        org_id = uuid.uuid4()
        org = {
            "id": org_id,
            "created_at": now - timedelta(days=900),
            "updated_at": now - timedelta(days=rng.randint(0, 700)),
            "name": f"北京{rng.choice(DISTRICT_PARTS)}{i + 1:05d}{kind}",
            "credit_code": credit_code(i + 1),
            "category": category,
            "attribute": attribute,
            "qualifications": quals,
            "address": f"北京市顺义区{rng.choice(DISTRICT_PARTS)}路 {rng.randint(1, 300)} 号",
            "website": f"https://org{i + 1}.example.cn",
            "legal_representative": js(
                {"name": _person(rng), "dept_post": "法定代表人", "office_phone": f"010-69{i:06d}", "mobile": f"137{i:08d}"}
            ),
            "contact_person": js(
                {"name": _person(rng), "dept_post": "培训部 主任", "office_phone": f"010-68{i:06d}", "mobile": f"136{i:08d}"}
            ),
            "bank_name": "北京农商银行顺义支行",
            "bank_account": f"0101 {i:012d}",
            "status": "verified",
            "status_reason": None,
            "decided_at": now - timedelta(days=800),
            "decided_by_id": admin_id,
        }
        t.add("organizations", org)
        org_rows.append(org)
        org_ids.append(org_id)
        user_id = uuid.uuid4()
        applicant_ids.append(user_id)
        t.add("users", _user(user_id, applicant_email(i), f"申报联系人{i + 1}", "applicant", org_id, password_hash, now))

    expert_ids = []
    for i in range(n["experts"]):
        user_id, expert_id = uuid.uuid4(), uuid.uuid4()
        name = _person(rng)
        t.add("users", _user(user_id, expert_email(i), name, "expert", None, password_hash, now))
        t.add(
            "experts",
            {
                "id": expert_id,
                "created_at": now - timedelta(days=800),
                "updated_at": now - timedelta(days=800),
                "user_id": user_id,
                "name": name,
                "organization_name": f"北京{rng.choice(DISTRICT_PARTS)}职业技能鉴定中心",
                "organization_id": None,
                "organization_credit_code": None,
                "title": rng.choice(["高级考评员", "高级技师", "教授", "正高级工程师"]),
                "specialties": rng.sample(TRADES, 3),
                "mobile": f"139{i:08d}",
                "email": expert_email(i),
                "is_active": True,
                "version": 1,
            },
        )
        expert_ids.append(expert_id)

    from skillbase.calls.rules import DEFAULT_PUBLICITY_DAYS, DEFAULT_REPORT_DUE_DAY, DEFAULT_SCORE_DIVERGENCE_POINTS
    from skillbase.calls.schemas import default_policies, default_rubric

    policies = js({bt.value: p.model_dump(mode="json") for bt, p in default_policies(list(BaseType)).items()})
    rubric = js([c.model_dump(mode="json") for c in default_rubric()])
    call_ids = []
    today = now.date()
    for i in range(n["calls"]):
        year = today.year - (n["calls"] - 1 - i)
        current = i == n["calls"] - 1
        opens = today - timedelta(days=30) if current else date(year, 6, 1)
        deadline = today + timedelta(days=180) if current else date(year, 8, 31)
        call_id = uuid.uuid4()
        call_ids.append(call_id)
        t.add(
            "calls",
            {
                "id": call_id,
                "created_at": now - timedelta(days=365 * (n["calls"] - i)),
                "updated_at": now - timedelta(days=365 * (n["calls"] - i)),
                "name": f"{year}年顺义区技能人才培训基地建设项目申报",
                "year": year,
                "district_code": "110113",
                "opens_on": opens,
                "deadline": deadline,
                "valid_until": deadline + timedelta(days=3 * 365),
                "status": "published" if current else "closed",
                "base_types": [bt.value for bt in BaseType],
                "policies": policies,
                "rubric": rubric,
                "publicity_days": DEFAULT_PUBLICITY_DAYS,
                "report_due_day": DEFAULT_REPORT_DUE_DAY,
                "score_divergence_points": DEFAULT_SCORE_DIVERGENCE_POINTS,
                "version": 1,
                "published_at": now - timedelta(days=365 * (n["calls"] - i)),
                "closed_at": None if current else now - timedelta(days=365 * (n["calls"] - i) - 90),
            },
        )

    statuses = status_plan(n["applications"], rng)
    # The first applications of the first organisations stay drafts of the open call: the write benchmark edits them.
    drafts_needed = min(64, n["organizations"])
    app_ids: list[uuid.UUID] = []
    app_users: list[uuid.UUID] = []
    recognised: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, BaseType]] = []
    for i in range(n["applications"]):
        org_index = i % n["organizations"]
        status = ApplicationStatus.draft if i < drafts_needed else statuses[i]
        call_index = n["calls"] - 1 if status in (ApplicationStatus.draft, ApplicationStatus.submitted) else rng.randrange(n["calls"])
        base_type = rng.choice(list(BaseType))
        form = stored_form(base_type, rng)
        updated = now - timedelta(seconds=rng.randint(60, 2 * 365 * 86400))
        created = updated - timedelta(days=rng.randint(0, 60))
        past_draft = status is not ApplicationStatus.draft
        versions = (2 if status is ApplicationStatus.returned and rng.random() < 0.3 else 1) if past_draft else 0
        app_id = uuid.uuid4()
        app_ids.append(app_id)
        app_users.append(applicant_ids[org_index])
        if status is ApplicationStatus.recognised:
            recognised.append((app_id, org_ids[org_index], call_ids[call_index], base_type))
        form_json = js(form)
        t.add(
            "applications",
            {
                "id": app_id,
                "created_at": created,
                "updated_at": updated,
                "call_id": call_ids[call_index],
                "organization_id": org_ids[org_index],
                "base_type": base_type.value,
                "status": status.value,
                "draft_form": form_json,
                "draft_version": rng.randint(1, 12),
                "submitted_versions": versions,
                "created_by_id": applicant_ids[org_index],
                "submitted_at": updated - timedelta(days=1) if past_draft else None,
                "status_changed_at": updated if past_draft else None,
                "status_reason": "材料不全，请补充" if status in (ApplicationStatus.returned, ApplicationStatus.rejected) else None,
            },
        )
        org = org_rows[org_index]
        snapshot = js({k: org[k] for k in ("name", "credit_code", "category", "attribute", "address", "bank_name", "bank_account")})
        for v in range(1, versions + 1):
            t.add(
                "application_versions",
                {
                    "id": uuid.uuid4(),
                    "application_id": app_id,
                    "version_no": v,
                    "form": form_json,
                    "organization_snapshot": snapshot,
                    "attachments": "[]",
                    "submitted_at": updated - timedelta(days=1 + versions - v),
                    "submitted_by_id": applicant_ids[org_index],
                },
            )
        if status in PANEL_STATUSES:
            panel_id = uuid.uuid4()
            t.add(
                "review_panels",
                {
                    "id": panel_id,
                    "created_at": updated,
                    "updated_at": updated,
                    "application_id": app_id,
                    "version_no": versions,
                    "due_on": (updated + timedelta(days=14)).date(),
                    "formed_by_id": admin_id,
                    "panel_opinion": None,
                    "opinion_by_id": None,
                    "opinion_at": None,
                },
            )
            for seat, expert_id in enumerate(rng.sample(expert_ids, 3)):
                t.add(
                    "panel_members",
                    {
                        "id": uuid.uuid4(),
                        "panel_id": panel_id,
                        "expert_id": expert_id,
                        "is_lead": seat == 0,
                        "declaration": "no_conflict",
                        "declaration_note": None,
                        "declared_at": updated,
                        "added_at": updated,
                        "removed_at": None,
                        "removed_reason": None,
                        "reminded_due_soon_at": None,
                        "reminded_overdue_at": None,
                    },
                )

    for _ in range(n["audit_events"]):
        k = rng.randrange(len(app_ids))
        t.add(
            "audit_events",
            {
                "occurred_at": now - timedelta(seconds=rng.randint(60, 2 * 365 * 86400)),
                "actor_id": app_users[k],
                "actor_email": None,
                "actor_role": "applicant",
                "action": rng.choice(AUDIT_ACTIONS),
                "target_type": "application",
                "target_id": str(app_ids[k]),
                "ip": ipaddress.ip_address(f"10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}"),
                "user_agent": "Mozilla/5.0 (bench)",
                "request_id": uuid.uuid4().hex,
                "reason": None,
                "details": js({"version": rng.randint(1, 12)}),
            },
        )
    for _ in range(n["notifications"]):
        k = rng.randrange(len(app_ids))
        t.add(
            "notifications",
            {
                "id": uuid.uuid4(),
                "user_id": app_users[k],
                "created_at": now - timedelta(seconds=rng.randint(60, 2 * 365 * 86400)),
                "kind": "application.status_changed",
                "title": "申报状态变更",
                "body": "您的申报状态已更新，请登录查看。",
                "link": f"/applicant/applications/{app_ids[k]}",
                "read_at": None if rng.random() < 0.4 else now,
            },
        )
    uploaders = dict(zip(org_ids, applicant_ids, strict=True))
    _bases(t, recognised[: max(40, round(CITY_BASES * factor))], admin_id, now, uploaders)
    return t


def _bases(
    t: Tables,
    recognised: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, BaseType]],
    admin_id: uuid.UUID,
    now: datetime,
    uploaders: dict[uuid.UUID, uuid.UUID],
) -> None:
    """Bases of the recognised applications with monthly reports, month figures and register rows (issue 10), and the
    rosters of some (`Rosters`). Their own random streams, so that adding them changed none of the rows generated before."""
    from skillbase.bases.commitments import construction_month, month_starts_on
    from skillbase.bases.commitments import freeze as freeze_commitments
    from skillbase.calls.rules import DEFAULT_REPORT_DUE_DAY
    from skillbase.calls.schemas import default_policies
    from skillbase.indicators import rules
    from skillbase.models.indicators import MONTH_FIGURES
    from skillbase.models.report import DECLARED_FIGURES

    rng = random.Random(SEED + 10)  # noqa: S311 - reproducible test data, not secrets
    rosters = Rosters(t, admin_id, now)
    policies = {bt.value: p.model_dump(mode="json") for bt, p in default_policies(list(BaseType)).items()}
    today = now.date()
    group_size = 10  # bases per publicity notice and recognition, recognised on one day
    for g in range(0, len(recognised), group_size):
        recognised_on = today - timedelta(days=(g // group_size) * 97 % 930)  # spread over the last 30 months
        notice_id, recognition_id = uuid.uuid4(), uuid.uuid4()
        starts = recognised_on - timedelta(days=20)
        t.add(
            "publicity_notices",
            {
                "id": notice_id,
                "title": "拟认定基地名单公示",
                "body": "现将拟认定名单予以公示。",
                "contact": "顺义区人力资源和社会保障局 010-69440000",
                "starts_on": starts,
                "ends_on": starts + timedelta(days=6),
                "status": "published",
                "publicity_days": 7,
                "published_at": datetime.combine(starts, datetime.min.time(), UTC),
                "created_by_id": admin_id,
            },
        )
        t.add(
            "recognitions",
            {
                "id": recognition_id,
                "document_number": f"顺人社发〔{recognised_on.year}〕{g // group_size + 1}号",
                "issued_on": recognised_on,
                "notice_id": notice_id,
                "issued_by_id": admin_id,
            },
        )
        for app_id, org_id, call_id, base_type in recognised[g : g + group_size]:
            frozen = freeze_commitments(
                call_id=call_id, policy=policies[base_type.value], report_due_day=DEFAULT_REPORT_DUE_DAY, recognised_on=recognised_on
            )
            base_id = uuid.uuid4()
            base = {
                "id": base_id,
                "application_id": app_id,
                "organization_id": org_id,
                "base_type": base_type.value,
                "recognition_id": recognition_id,
                "recognised_on": recognised_on,
                "plaque_issued_on": recognised_on + timedelta(days=30) if rng.random() < 0.7 else None,
                "status": "under_construction",
                "version": 1,
                "specialties": rng.sample(TRADES, 2),
                **frozen.columns(),
            }
            t.add("bases", base)
            rostered = base_type is not BaseType.competition and rosters.next_base()
            _base_months(
                t,
                rng,
                base,
                frozen,
                construction_month(recognised_on, today),
                today,
                now,
                month_starts_on,
                rules,
                MONTH_FIGURES,
                DECLARED_FIGURES,
                rosters.writer(base, uploaders[org_id]) if rostered else None,
            )
    rosters.finish()


def _base_months(t: Tables, rng: random.Random, base: dict[str, Any], frozen: Any, current: int, today: date, now: datetime,
                 month_starts_on: Any, rules: Any, month_figures: tuple[str, ...], declared_figures: tuple[str, ...],
                 roster: Any = None) -> None:  # fmt: skip
    """One base's monthly reports (accepted up to two months ago; the last due one sometimes overdue), its month figures
    and its register row; with `roster` (Rosters.writer), every accepted report's rosters too."""
    competition = base["base_type"] == "competition"
    pace = rng.uniform(0.6, 1.4)  # below 1: behind the target's pace
    months: list[dict[str, Any]] = []
    overdue = 0
    for m in range(1, min(current, 36) + 1):
        period_starts = month_starts_on(base["construction_starts_on"], m)
        period_ends = month_starts_on(base["construction_starts_on"], m + 1) - timedelta(days=1)
        after = period_ends.replace(day=1) + timedelta(days=32)
        due_on = after.replace(day=base["report_due_day"])
        if m == current:
            status = "draft"
        elif m == current - 1:
            status = rng.choice(["draft", "submitted", "accepted"])
        else:
            status = "accepted" if rng.random() > 0.03 else "returned"
        overdue += status in ("draft", "returned") and due_on < today
        figures = dict.fromkeys(month_figures, 0)
        if status == "accepted":
            if competition:
                held = rng.random() < 0.08
                figures["competitions"] = int(held)
                figures["qualifying_competitions"] = int(held and rng.random() < 0.7)
            else:
                certificates = max(0, round(base["year1_certificate_target"] / 12 * pace * rng.uniform(0.5, 1.5)))
                trainees = max(certificates, round(certificates * rng.uniform(1.0, 1.3)))
                surveyed = round(trainees * rng.uniform(0.7, 1.0))
                kinds = [rng.randint(0, certificates) for _ in range(3)]
                kinds.sort()
                figures.update(
                    trainees=trainees,
                    certified_trainees=min(trainees, round(certificates * rng.uniform(0.85, 1.0))),
                    surveyed=surveyed,
                    satisfied=round(surveyed * rng.uniform(0.9, 1.0)),
                    certificates=certificates,
                    certificates_national_qualification=kinds[0],
                    certificates_skill_level=kinds[1] - kinds[0],
                    certificates_special_ability=kinds[2] - kinds[1],
                    certificates_training_completion=certificates - kinds[2],
                    senior_certificates=round(certificates * rng.uniform(0.1, 0.3)),
                )
        declared = {d: figures[c] for d, c in rules.DECLARED_PAIRS} if status != "draft" else dict.fromkeys(declared_figures)
        if status != "draft" and rng.random() < 0.05:
            declared["declared_certificates"] = (declared["declared_certificates"] or 0) + 1  # a report that miscounts
        report_id = uuid.uuid4()
        t.add(
            "monthly_reports",
            {
                "id": report_id,
                "base_id": base["id"],
                "month_no": m,
                "period_starts_on": period_starts,
                "period_ends_on": period_ends,
                "due_on": due_on,
                "status": status,
                "version": 1,
                "submitted_versions": 0 if status == "draft" else 1,
                "progress": "" if status == "draft" else "本月按计划开展培训与评价工作。",
                "problems": "",
                "next_plan": "",
                **declared,
                "submitted_at": None if status == "draft" else datetime.combine(due_on, datetime.min.time(), UTC) - timedelta(days=2),
                "return_reasons": "{}",
            },
        )
        if roster is not None and status == "accepted" and not competition:
            roster(report_id, m, period_starts, period_ends, figures)
        row = {"month_no": m, **figures, **(declared if status == "accepted" else dict.fromkeys(declared_figures))}
        months.append(row)
        t.add("base_month_figures", {"base_id": base["id"], "report_status": status, **row, "computed_at": now})
    progress = rules.progress(months, rules.Targets.of(frozen), current)
    t.add(
        "base_progress",
        {
            "base_id": base["id"],
            **{c: base[c] for c in ("base_type", "status", "call_id", "organization_id", "recognised_on", "title")},
            **vars(progress),
            "overdue_reports": overdue,
            "open_duplicates": int(rng.random() < 0.05),
            "computed_at": now,
        },
    )


class Rosters:
    """The rosters of the rostered bases (see the module docstring), with their own random stream: per accepted report an
    imported trainee roster and certificate roster whose rows count what the synthetic figures say (the trainees all
    completed, the first `surveyed` surveyed, the first `certified_trainees` certified by a certificate of the same
    person issued after their training started; certificates of each kind, the first `senior_certificates` of a levelled
    kind at senior level), plus the repeated certificates that form duplicate groups. Rows are stored as
    rosters.service's import stores them (sealed, hashed and masked IDs, `dup_key`); the groups get their rows and
    counted row after COPY (`link_duplicates`), as the import's join_duplicates does."""

    def __init__(self, t: Tables, admin_id: uuid.UUID, now: datetime) -> None:
        from skillbase.config import get_settings

        os.environ["PERSONAL_DATA_KEY"] = PERSONAL_DATA_KEY
        get_settings.cache_clear()
        self.t, self.admin_id, self.now = t, admin_id, now
        self.rng = random.Random(SEED + 20)  # noqa: S311 - reproducible test data, not secrets
        self.seen_bases = 0
        self.people = 0
        self.certificates = 0
        self.base_ids: list[uuid.UUID] = []
        self.issued: list[tuple[str, str, uuid.UUID]] = []  # (resident ID, certificate number, base) of rows so far
        self.groups: dict[bytes, dict[str, Any]] = {}

    def next_base(self) -> bool:
        self.seen_bases += 1
        return self.seen_bases % ROSTERED_EVERY == 1

    def person(self) -> str:
        from skillbase.core.resident_id import check_character

        self.people += 1
        first17 = f"110113{date(1970, 1, 1) + timedelta(days=self.people // 900):%Y%m%d}{self.people % 900 + 100:03d}"
        return first17 + check_character(first17)

    def writer(self, base: dict[str, Any], uploader: uuid.UUID) -> Any:
        self.base_ids.append(base["id"])

        def write(report_id: uuid.UUID, month_no: int, starts: date, ends: date, figures: dict[str, int]) -> None:
            self.report(base, uploader, report_id, month_no, starts, ends, figures)

        return write

    def _roster(self, base: dict[str, Any], uploader: uuid.UUID, report_id: uuid.UUID, kind: str, rows: int, at: datetime) -> uuid.UUID:
        roster_id = uuid.uuid4()
        self.t.add(
            "rosters",
            {
                "id": roster_id,
                "report_id": report_id,
                "base_id": base["id"],
                "kind": kind,
                "status": "imported",
                "original_name": f"{'培训人员名册' if kind == 'trainees' else '取证人员名册'}.xlsx",
                "content_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "size_bytes": 6000 + 90 * rows,
                "sha256": uuid.uuid4().hex * 2,
                "storage_key": f"rosters/bench-{roster_id.hex}.xlsx",
                "rows_total": rows,
                "rows_processed": rows,
                "error_count": 0,
                "errors": "[]",
                "uploaded_by_id": uploader,
                "created_at": at,
                "started_at": at,
                "finished_at": at,
            },
        )
        return roster_id

    def _person_columns(
        self, roster_id: uuid.UUID, report_id: uuid.UUID, base_id: uuid.UUID, month_no: int, row_no: int, number: str
    ) -> dict[str, Any]:
        from skillbase.core import resident_id

        return {
            "roster_id": roster_id,
            "report_id": report_id,
            "base_id": base_id,
            "month_no": month_no,
            "row_no": row_no,
            "name": _person(self.rng),
            "id_sealed": resident_id.seal(number),
            "id_hash": resident_id.match_hash(number),
            "id_masked": resident_id.mask(number),
        }

    def report(self, base: dict[str, Any], uploader: uuid.UUID, report_id: uuid.UUID, month_no: int, starts: date, ends: date,
               figures: dict[str, int]) -> None:  # fmt: skip
        from skillbase.core import resident_id

        rng, days = self.rng, (ends - starts).days
        at = datetime.combine(ends, datetime.min.time(), UTC) + timedelta(days=3)
        trade = base["specialties"][0]
        trainees: list[tuple[str, date]] = []  # (ID, training start) of each trainee row
        roster_id = self._roster(base, uploader, report_id, "trainees", figures["trainees"], at)
        for i in range(figures["trainees"]):
            number = self.person()
            begins = starts + timedelta(days=rng.randint(0, max(0, days - 7)))
            trainees.append((number, begins))
            self.t.add(
                "trainee_rows",
                {
                    **self._person_columns(roster_id, report_id, base["id"], month_no, i + 2, number),
                    "occupation": trade,
                    "course": f"{trade}（高级）技能提升培训",
                    "starts_on": begins,
                    "ends_on": min(ends, begins + timedelta(days=rng.randint(3, 7))),
                    "completed": True,
                    "surveyed": i < figures["surveyed"],
                    "satisfied": i < figures["satisfied"],
                },
            )
        kinds = (
            ["national_qualification"] * figures["certificates_national_qualification"]
            + ["skill_level"] * figures["certificates_skill_level"]
            + ["special_ability"] * figures["certificates_special_ability"]
            + ["training_completion"] * figures["certificates_training_completion"]
        )
        roster_id = self._roster(base, uploader, report_id, "certificates", len(kinds), at)
        seniors = figures["senior_certificates"]
        for i, kind in enumerate(kinds):
            certified = i < min(figures["certified_trainees"], len(trainees))
            number, earliest = trainees[i] if certified else (self.person(), starts)
            self.certificates += 1
            certificate_no = f"S{self.certificates:012d}"
            if self.issued and rng.randrange(DUPLICATE_EVERY) == 0:  # a certificate already listed (same base, or another)
                number, certificate_no, first_base = self.issued[rng.randrange(len(self.issued))]
                key = resident_id.certificate_key(number, certificate_no)
                group = self.groups.setdefault(key, {"bases": {first_base}, "created_at": at})
                group["bases"].add(base["id"])
                group["created_at"] = at
            else:
                self.issued.append((number, certificate_no, base["id"]))
            levelled = kind in ("national_qualification", "skill_level")
            level = None
            if levelled:
                level = "senior" if seniors > 0 else rng.choice(["junior", "intermediate"])
                seniors -= level == "senior"
            self.t.add(
                "certificate_rows",
                {
                    **self._person_columns(roster_id, report_id, base["id"], month_no, i + 2, number),
                    "occupation": trade,
                    "kind": kind,
                    "level": level,
                    "certificate_no": certificate_no,
                    "issued_on": earliest + timedelta(days=rng.randint(0, (ends - earliest).days)),
                    "issuing_body": "北京市顺义区职业技能鉴定中心",
                    "dup_key": resident_id.certificate_key(number, certificate_no),
                },
            )

    def finish(self) -> None:
        """The duplicate groups: two in three resolved by the administrator (its counted row set after COPY)."""
        for key, group in self.groups.items():
            resolved = self.rng.random() < 2 / 3
            at = group["created_at"]
            self.t.add(
                "duplicate_groups",
                {
                    "id": uuid.uuid4(),
                    "dup_key": key,
                    "status": "resolved" if resolved else "open",
                    "spans_bases": len(group["bases"]) > 1,
                    "counted_row_id": None,
                    "reason": "经核实为同一证书，计入首次报送的一条" if resolved else None,
                    "resolved_at": at + timedelta(days=5) if resolved else None,
                    "resolved_by_id": self.admin_id if resolved else None,
                    "created_at": at,
                },
            )


# After COPY: every certificate row joins its key's group, and a resolved group counts its first row (the import's
# join_duplicates and an administrator's resolve, in two statements).
LINK_DUPLICATES = (
    "UPDATE certificate_rows c SET duplicate_group_id = g.id FROM duplicate_groups g WHERE g.dup_key = c.dup_key",
    "UPDATE duplicate_groups g SET counted_row_id = (SELECT min(c.id) FROM certificate_rows c WHERE c.duplicate_group_id = g.id) "
    "WHERE g.status = 'resolved'",
)


async def _refresh_rostered(owner_url: str) -> int:
    """The rostered bases' month figures and register rows recomputed from their rosters by the product's refresh."""
    from sqlalchemy import text

    from skillbase.db import Database
    from skillbase.indicators import service as indicators

    db = Database.from_url(owner_url)
    try:
        async with db.transaction() as session:
            ids = list((await session.scalars(text("SELECT DISTINCT base_id FROM rosters"))).all())
            await indicators.refresh_bases(session, ids)
        return len(ids)
    finally:
        await db.dispose()


def applicant_email(i: int) -> str:
    return f"applicant{i + 1}@{DOMAIN}"


def expert_email(i: int) -> str:
    return f"expert{i + 1}@{DOMAIN}"


def _user(user_id: uuid.UUID, email: str, name: str, role: str, org: uuid.UUID | None, pw: str, now: datetime) -> dict[str, Any]:
    return {
        "id": user_id,
        "created_at": now - timedelta(days=900),
        "updated_at": now - timedelta(days=900),
        "email": email,
        "password_hash": pw,
        "full_name": name,
        "mobile": None,
        "role": role,
        "organization_id": org,
        "is_org_owner": role == "applicant",
        "is_active": True,
        "token_version": 0,
        "version": 1,
        "last_login_at": None,
        "deleted_at": None,
    }


def server_url() -> str:
    """The PostgreSQL server (an owner role): BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL, else the embedded one."""
    from skillbase.config import Settings
    from skillbase.main import resolve_database_url

    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    settings = Settings(environment="test", database_url=url or None, embedded_pg_dir=str(ROOT / ".data/postgres"))
    return resolve_database_url(settings)


def database_urls() -> tuple[str, str]:
    """(owner URL, application-role URL) of the bench database, both postgresql+asyncpg://."""
    from sqlalchemy.engine import make_url

    owner = make_url(server_url()).set(database=DB)
    app = owner.set(username=APP_ROLE, password=None)
    return owner.render_as_string(hide_password=False), app.render_as_string(hide_password=False)


def plain(url: str) -> str:
    """A libpq/asyncpg URL from a SQLAlchemy one."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _recreate(server: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(plain(server))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DB}"')
    finally:
        await conn.close()


def migrate(owner_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "migrations/alembic.ini"))
    cfg.attributes["database_url"] = owner_url
    command.upgrade(cfg, "head")


async def _copy(owner_url: str, tables: Tables) -> dict[str, float]:
    import asyncpg

    timings: dict[str, float] = {}
    conn = await asyncpg.connect(plain(owner_url))
    try:
        async with conn.transaction():
            for batch, columns in tables.columns.items():
                table = batch.split(":")[0]
                start = time.perf_counter()
                await conn.copy_records_to_table(table, records=tables.rows[batch], columns=columns)
                timings[table] = timings.get(table, 0.0) + time.perf_counter() - start
            start = time.perf_counter()
            for statement in LINK_DUPLICATES:
                await conn.execute(statement)
            timings["duplicate groups linked"] = time.perf_counter() - start
        start = time.perf_counter()
        await conn.execute("ANALYZE")  # the refresh next is planned on statistics, as in production
        timings["ANALYZE"] = time.perf_counter() - start
    finally:
        await conn.close()
    return timings


async def _vacuum(owner_url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(plain(owner_url))
    try:
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


@dataclass
class Generated:
    factor: float
    counts: dict[str, int]
    seconds: dict[str, float]
    database_bytes: int = 0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def generate(factor: float | None = None, *, log: Any = print) -> Generated:
    """Drop and recreate `skillbase_bench`, migrate it and COPY the dataset in. Returns counts and timings."""
    from skillbase.core.security import hash_password

    factor = scale() if factor is None else factor
    owner_url, _ = database_urls()
    seconds: dict[str, float] = {}

    start = time.perf_counter()
    asyncio.run(_recreate(server_url()))
    migrate(owner_url)
    seconds["schema (migrations)"] = time.perf_counter() - start
    log(f"datagen: schema in {seconds['schema (migrations)']:.1f} s")

    start = time.perf_counter()
    tables = build(factor, hash_password(PASSWORD))
    seconds["build rows (Python)"] = time.perf_counter() - start
    counts = tables.counts()
    log(f"datagen: built {sum(counts.values()):,} rows in {seconds['build rows (Python)']:.1f} s")

    copied = asyncio.run(_copy(owner_url, tables))
    for table, s in copied.items():
        seconds[f"COPY {table}" if table in counts else table] = s
        log(f"datagen: {table} {counts[table]:,} rows in {s:.1f} s" if table in counts else f"datagen: {table} in {s:.1f} s")
    start = time.perf_counter()
    refreshed = asyncio.run(_refresh_rostered(owner_url))
    step = "indicators of the rostered bases (product refresh)"
    seconds[step] = time.perf_counter() - start
    log(f"datagen: {refreshed} rostered bases' indicators refreshed in {seconds[step]:.1f} s")
    start = time.perf_counter()
    asyncio.run(_vacuum(owner_url))
    seconds["VACUUM ANALYZE"] = time.perf_counter() - start
    log(f"datagen: VACUUM ANALYZE in {seconds['VACUUM ANALYZE']:.1f} s")
    result = Generated(factor, counts, seconds, asyncio.run(_database_bytes(owner_url)))
    log(f"datagen: {result.total_seconds:.1f} s in all, database {result.database_bytes / 2**20:.0f} MB")
    return result


async def _database_bytes(owner_url: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(plain(owner_url))
    try:
        return int(await conn.fetchval("SELECT pg_database_size(current_database())"))
    finally:
        await conn.close()


if __name__ == "__main__":
    generate()
