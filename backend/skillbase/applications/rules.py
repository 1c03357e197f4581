"""Who may apply and what a submission needs (domain.md §1, §2, §6), as pure functions.

`evaluate()` returns every check with passed True/False: the live eligibility panel shows them all, and a
submission is refused with every failing one. Numbers come from the call's policy, never from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from skillbase.applications.form import ApplicationForm, ContentItem, Partner
from skillbase.calls.rules import accepting_at, closes_at
from skillbase.calls.schemas import BaseTypePolicy
from skillbase.models.enums import AttachmentSlot, BaseType, CallStatus, OrganizationStatus

# Never both: a skills-upgrading base and an industry-chain base (a competition base may sit beside either).
CONFLICTING_TYPES: dict[BaseType, frozenset[BaseType]] = {
    BaseType.skills_upgrading: frozenset({BaseType.industry_chain}),
    BaseType.industry_chain: frozenset({BaseType.skills_upgrading}),
    BaseType.competition: frozenset(),
}

BASE_TYPE_LABELS = {
    BaseType.skills_upgrading: "职业技能提升培训基地",
    BaseType.industry_chain: "产业链企业培训基地",
    BaseType.competition: "技能大赛集训基地",
}

CATEGORY_LABELS = {
    "higher_education": "高等院校",
    "technical_school": "技工院校",
    "vocational_school": "职业院校",
    "training_institution": "职业技能培训机构",
    "enterprise_training_center": "企业培训中心",
    "enterprise": "企业",
    "public_institution": "事业单位",
    "other": "其他",
}

SLOT_LABELS = {
    AttachmentSlot.licence: "营业执照或办学许可证",
    AttachmentSlot.equipment_list: "设备清单",
    AttachmentSlot.teacher_list: "师资清单",
    AttachmentSlot.project_management_rules: "项目实施管理制度",
    AttachmentSlot.finance_management_rules: "经费管理制度",
    AttachmentSlot.safety_management_rules: "安全管理制度",
    AttachmentSlot.other_evidence: "其他佐证材料",
    AttachmentSlot.sealed_scan: "盖章扫描件",
}


class EligibilityCode(StrEnum):
    """What one eligibility check says, passed or failed; published as the `EligibilityCode` component.

    A separate enum from ErrorCode (core/error_codes.py) on purpose: a check is not an error answer. Half of these
    name a condition that is met (CALL_OPEN, SECTION_COMPLETE …) and are never an error's `code`; the failing ones
    reach clients inside GET /eligibility and inside the details of a SUBMISSION_REFUSED error, never as its code.
    Mixing them into ErrorCode would publish ~50 codes a client can never meet at the top level. The one overlap is
    EXCLUSIVE_BASE_TYPES, which creating an application also answers as its error code (both enums list it).
    Each check's `params` carries the numbers and names its Chinese message shows, for clients that translate.
    """

    # group call; params deadline / opens_on (ISO dates)
    CALL_OPEN = "CALL_OPEN"  # the call takes applications until {deadline}
    CALL_NOT_OPEN = "CALL_NOT_OPEN"  # the call is not published, or closed
    CALL_NOT_YET_OPEN = "CALL_NOT_YET_OPEN"  # the call opens on {opens_on}
    DEADLINE_PASSED = "DEADLINE_PASSED"  # the deadline {deadline} has passed
    # group organization
    ORGANIZATION_VERIFIED = "ORGANIZATION_VERIFIED"  # the organisation's registration is verified
    ORGANIZATION_NOT_VERIFIED = "ORGANIZATION_NOT_VERIFIED"  # ... is not verified yet
    CATEGORY_ALLOWED = "CATEGORY_ALLOWED"  # params base_type, allowed_categories (comma-separated), category
    CATEGORY_NOT_ALLOWED = "CATEGORY_NOT_ALLOWED"  # the organisation's category may not apply for base_type
    QUALIFICATION_PRESENT = "QUALIFICATION_PRESENT"  # the enterprise has a required qualification
    QUALIFICATION_REQUIRED = "QUALIFICATION_REQUIRED"  # ... has none of them
    EXCLUSIVITY_OK = "EXCLUSIVITY_OK"  # params base_type
    EXCLUSIVE_BASE_TYPES = "EXCLUSIVE_BASE_TYPES"  # params base_type, conflicting (comma-separated base types)
    # group conditions; the numeric ones have params minimum, actual (None: not filled in)
    TRAINING_VOLUME_TOO_LOW = "TRAINING_VOLUME_TOO_LOW"
    TRAINING_VOLUME_TOO_LOW_OK = "TRAINING_VOLUME_TOO_LOW_OK"
    TOO_FEW_COOPERATING_ENTERPRISES = "TOO_FEW_COOPERATING_ENTERPRISES"
    TOO_FEW_COOPERATING_ENTERPRISES_OK = "TOO_FEW_COOPERATING_ENTERPRISES_OK"
    TOO_FEW_POSTS = "TOO_FEW_POSTS"
    TOO_FEW_POSTS_OK = "TOO_FEW_POSTS_OK"
    TOO_FEW_ECOSYSTEM_ENTERPRISES = "TOO_FEW_ECOSYSTEM_ENTERPRISES"
    TOO_FEW_ECOSYSTEM_ENTERPRISES_OK = "TOO_FEW_ECOSYSTEM_ENTERPRISES_OK"
    TOO_FEW_PARTNER_INSTITUTIONS = "TOO_FEW_PARTNER_INSTITUTIONS"
    TOO_FEW_PARTNER_INSTITUTIONS_OK = "TOO_FEW_PARTNER_INSTITUTIONS_OK"
    SUPPORT_TEAM_MISSING = "SUPPORT_TEAM_MISSING"  # competition bases: a technical support team
    SUPPORT_TEAM_OK = "SUPPORT_TEAM_OK"
    EMERGENCY_CAPABILITY_MISSING = "EMERGENCY_CAPABILITY_MISSING"  # ... emergency handling
    EMERGENCY_CAPABILITY_OK = "EMERGENCY_CAPABILITY_OK"
    LOGISTICS_SUPPORT_MISSING = "LOGISTICS_SUPPORT_MISSING"  # ... logistics and accommodation
    LOGISTICS_SUPPORT_OK = "LOGISTICS_SUPPORT_OK"
    STAGED_SELECTION_PLAN_MISSING = "STAGED_SELECTION_PLAN_MISSING"  # ... a fair staged selection of contestants
    STAGED_SELECTION_PLAN_OK = "STAGED_SELECTION_PLAN_OK"
    COMPETITION_EXPERIENCE_MISSING = "COMPETITION_EXPERIENCE_MISSING"  # ... competitions organised before
    COMPETITION_EXPERIENCE_OK = "COMPETITION_EXPERIENCE_OK"
    # group form (a passed form check is SECTION_COMPLETE); params section (the form field without a specialty's
    # index), specialty_no and specialty_name for the sections of one specialty
    SECTION_COMPLETE = "SECTION_COMPLETE"
    SECTION_INCOMPLETE = "SECTION_INCOMPLETE"
    NO_SPECIALTY = "NO_SPECIALTY"  # not one specialty is applied for (passed: SECTION_COMPLETE)
    # group attachments; params slot
    ATTACHMENT_PRESENT = "ATTACHMENT_PRESENT"
    ATTACHMENT_MISSING = "ATTACHMENT_MISSING"
    # group declarations
    NO_PENALTY_DECLARED = "NO_PENALTY_DECLARED"  # no criminal, administrative or credit penalty in 3 years
    NO_PENALTY_NOT_DECLARED = "NO_PENALTY_NOT_DECLARED"
    PREMISES_DECLARED = "PREMISES_DECLARED"  # premises and equipment meet national standards
    PREMISES_NOT_DECLARED = "PREMISES_NOT_DECLARED"
    MANAGEMENT_RULES_DECLARED = "MANAGEMENT_RULES_DECLARED"  # management rules are in force
    MANAGEMENT_RULES_NOT_DECLARED = "MANAGEMENT_RULES_NOT_DECLARED"


Param = int | str | None
Params = dict[str, Param]


@dataclass(frozen=True)
class Check:
    code: EligibilityCode
    message: str  # Chinese, for people; clients that translate use code + params
    passed: bool
    group: str  # call | organization | conditions | form | attachments | declarations
    field: str | None = None
    params: Params = dataclasses.field(default_factory=dict)  # `field` is the attribute above here


@dataclass(frozen=True)
class Facts:
    """Everything a submission is judged on, gathered by the service."""

    base_type: BaseType
    policy: BaseTypePolicy
    form: ApplicationForm
    call_status: CallStatus
    call_opens_on: date
    call_deadline: date
    now: datetime
    organization_status: OrganizationStatus
    organization_category: str
    organization_qualifications: list[str]
    # base types of the organisation's other live applications and bases, in any call
    other_live_base_types: frozenset[BaseType] = field(default_factory=frozenset)
    attachment_slots: frozenset[str] = field(default_factory=frozenset)


def _check(
    code: EligibilityCode | str, message: str, passed: bool, group: str, field_: str | None = None, params: Params | None = None
) -> Check:
    return Check(code=EligibilityCode(code), message=message, passed=passed, group=group, field=field_, params=params or {})


def call_checks(f: Facts) -> list[Check]:
    E = EligibilityCode
    if f.call_status != CallStatus.published:
        return [_check(E.CALL_NOT_OPEN, "该申报批次未发布或已关闭", False, "call")]
    open_now = accepting_at(f.call_opens_on, f.call_deadline, f.now)
    deadline: Params = {"deadline": f.call_deadline.isoformat()}
    if open_now:
        return [_check(E.CALL_OPEN, f"申报截止时间：{f.call_deadline:%Y年%m月%d日} 23:59:59（北京时间）", True, "call", None, deadline)]
    if f.now >= closes_at(f.call_deadline):
        message = f"申报已于 {f.call_deadline:%Y年%m月%d日} 23:59:59（北京时间）截止"
        return [_check(E.DEADLINE_PASSED, message, False, "call", None, deadline)]
    opens: Params = {"opens_on": f.call_opens_on.isoformat()}
    return [_check(E.CALL_NOT_YET_OPEN, f"申报将于 {f.call_opens_on:%Y年%m月%d日} 开始", False, "call", None, opens)]


def organization_checks(f: Facts) -> list[Check]:
    verified = f.organization_status == OrganizationStatus.verified
    checks = [
        _check(
            "ORGANIZATION_NOT_VERIFIED" if not verified else "ORGANIZATION_VERIFIED",
            "单位注册信息已通过审核" if verified else "单位注册信息尚未通过区人社局审核",
            verified,
            "organization",
        )
    ]
    checks += category_checks(f.base_type, f.policy, f.organization_category, f.organization_qualifications)
    checks.append(exclusivity_check(f.base_type, f.other_live_base_types))
    return checks


def category_checks(base_type: BaseType, policy: BaseTypePolicy, category: str, qualifications: Iterable[str]) -> list[Check]:
    label = BASE_TYPE_LABELS[base_type]
    allowed = category in {c.value for c in policy.allowed_categories}
    allowed_names = "、".join(CATEGORY_LABELS[c.value] for c in policy.allowed_categories)
    checks = [
        _check(
            "CATEGORY_ALLOWED" if allowed else "CATEGORY_NOT_ALLOWED",
            f"{label}的申报主体为{allowed_names}" + ("" if allowed else f"；本单位类别为{CATEGORY_LABELS.get(category, category)}"),
            allowed,
            "organization",
            None,
            {
                "base_type": base_type.value,
                "allowed_categories": ",".join(c.value for c in policy.allowed_categories),
                "category": category,
            },
        )
    ]
    if policy.requires_enterprise_qualification:
        has = bool(list(qualifications))
        checks.append(
            _check(
                "QUALIFICATION_PRESENT" if has else "QUALIFICATION_REQUIRED",
                "企业资质："
                + (
                    "已具备"
                    if has
                    else "须至少具备规模以上企业、产业链链主企业、上市公司、产教融合型企业、技能型企业、单项冠军、专精特新企业之一"
                ),
                has,
                "organization",
            )
        )
    return checks


def exclusivity_check(base_type: BaseType, other_live: frozenset[BaseType]) -> Check:
    clash = CONFLICTING_TYPES[base_type] & other_live
    if clash:
        other = "、".join(BASE_TYPE_LABELS[b] for b in sorted(clash))
        return _check(
            "EXCLUSIVE_BASE_TYPES",
            f"职业技能提升培训基地和产业链企业培训基地不可同时申报：本单位已申报或已建有{other}",
            False,
            "organization",
            None,
            {"base_type": base_type.value, "conflicting": ",".join(b.value for b in sorted(clash))},
        )
    return _check(
        "EXCLUSIVITY_OK", "职业技能提升培训基地与产业链企业培训基地不同时申报", True, "organization", None, {"base_type": base_type.value}
    )


def _named(items: Iterable[Partner]) -> int:
    return sum(1 for p in items if p.name)


def _at_least(code: str, message: str, value: int | None, minimum: int | None, field_: str) -> Check | None:
    if minimum is None:
        return None
    ok = value is not None and value >= minimum
    shown = "未填写" if value is None else str(value)
    params: Params = {"minimum": minimum, "actual": value}
    return _check(code if not ok else code + "_OK", f"{message}不少于 {minimum}（当前：{shown}）", ok, "conditions", field_, params)


def condition_checks(f: Facts) -> list[Check]:
    e, p = f.form.eligibility, f.policy
    found = [
        _at_least(
            "TRAINING_VOLUME_TOO_LOW",
            "上一年度或申报前十二个月职业技能培训和评价总人次",
            e.training_volume,
            p.min_training_volume,
            "eligibility.training_volume",
        ),
        _at_least(
            "TOO_FEW_COOPERATING_ENTERPRISES",
            "建立稳定合作关系的企业、行业组织数",
            _named(e.cooperating_enterprises),
            p.min_cooperating_enterprises,
            "eligibility.cooperating_enterprises",
        ),
        _at_least("TOO_FEW_POSTS", "可提供的培训就业岗位数", e.posts_offered, p.min_posts, "eligibility.posts_offered"),
        _at_least(
            "TOO_FEW_ECOSYSTEM_ENTERPRISES",
            "参与技能人才培养的生态链企业数",
            _named(e.ecosystem_enterprises),
            p.min_ecosystem_enterprises,
            "eligibility.ecosystem_enterprises",
        ),
        _at_least(
            "TOO_FEW_PARTNER_INSTITUTIONS",
            "合作的高等院校、技工院校、职业技能培训机构数",
            _named(e.partner_institutions),
            p.min_partner_institutions,
            "eligibility.partner_institutions",
        ),
    ]
    checks = [c for c in found if c is not None]
    if p.requires_support_team:
        ok = any(m.name for m in e.support_team)
        checks.append(
            _check(
                "SUPPORT_TEAM_MISSING" if not ok else "SUPPORT_TEAM_OK",
                "具有提供集训技术支持的工作团队（请列出成员）",
                ok,
                "conditions",
                "eligibility.support_team",
            )
        )
        for key, label in (
            ("emergency_capability", "突发事件应急处理能力"),
            ("logistics_support", "后勤服务保障制度与生活场所"),
            ("staged_selection_plan", "公开公平公正组织集训选手阶段性选拔"),
        ):
            ok = bool(getattr(e, key))
            checks.append(
                _check(
                    f"{key.upper()}_MISSING" if not ok else f"{key.upper()}_OK",
                    f"{label}（请说明）",
                    ok,
                    "conditions",
                    f"eligibility.{key}",
                )
            )
    if p.requires_past_competitions:
        ok = any(c.name for c in e.past_competitions)
        checks.append(
            _check(
                "COMPETITION_EXPERIENCE_MISSING" if not ok else "COMPETITION_EXPERIENCE_OK",
                "具有技能竞赛组织管理经验（请列出组织过的竞赛）",
                ok,
                "conditions",
                "eligibility.past_competitions",
            )
        )
    return checks


def declaration_checks(form: ApplicationForm) -> list[Check]:
    d = form.declarations
    items = [
        ("no_penalty_3y", "NO_PENALTY_NOT_DECLARED", "近3年未受过刑事行政处罚和失信联合惩戒"),
        ("premises_meet_standards", "PREMISES_NOT_DECLARED", "场所、设备设施符合国家建设和安全标准"),
        ("management_rules_in_force", "MANAGEMENT_RULES_NOT_DECLARED", "已建立规范的培训、财务、资产、风险管理等规章制度"),
    ]
    return [
        _check(
            code if not getattr(d, key) else code.replace("NOT_DECLARED", "DECLARED"),
            f"承诺：{label}",
            bool(getattr(d, key)),
            "declarations",
            f"declarations.{key}",
            {"declaration": key},
        )
        for key, code, label in items
    ]


def _section(field_: str, specialty_no: int | None = None, specialty_name: str | None = None) -> Params:
    """Params of a form check: the section is the field without a specialty's index (specialties.0.goals ->
    specialty.goals), plus which specialty (1-based) and its name where the check concerns one."""
    if specialty_no is None:
        return {"section": field_}
    rest = field_.split(".", 2)[2]
    return {"section": f"specialty.{rest}", "specialty_no": specialty_no, "specialty_name": specialty_name}


def _required(value: object, field_: str, label: str, params: Params | None = None) -> Check:
    ok = bool(value.strip()) if isinstance(value, str) else value is not None
    return _check("SECTION_INCOMPLETE" if not ok else "SECTION_COMPLETE", f"{label}", ok, "form", field_, params or _section(field_))


def _items_complete(items: list[ContentItem]) -> bool:
    return bool(items) and all(i.item and i.year1_acceptance and i.year2_acceptance for i in items)


def form_checks(form: ApplicationForm) -> list[Check]:
    checks = [
        _required(form.cover.form_filler, "cover.form_filler", "封面：填报人"),
        _required(form.cover.fill_date, "cover.fill_date", "封面：填报时间"),
        _required(form.table_1_1.feature_overview, "table_1_1.feature_overview", "表1-1：特色概述"),
        _required(form.table_1_2.project_background, "table_1_2.project_background", "表1-2：项目背景"),
        _required(form.table_1_2.work_foundation, "table_1_2.work_foundation", "表1-2：工作基础"),
        _required(form.table_2_1.guiding_ideology, "table_2_1.guiding_ideology", "表2-1：指导思想"),
        _required(form.table_2_1.basic_approach, "table_2_1.basic_approach", "表2-1：基本思路"),
        _required(form.table_2_2.overall_goal, "table_2_2.overall_goal", "表2-2：总体目标"),
        _check(
            "SECTION_INCOMPLETE",  # SECTION_COMPLETE once passed (below)
            "表2-2：阶段目标（按年度，含可量化指标）",
            any(g.goal and g.indicators for g in form.table_2_2.staged_goals),
            "form",
            "table_2_2.staged_goals",
            _section("table_2_2.staged_goals"),
        ),
        _required(form.table_4.management_organization, "table_4.management_organization", "表4：管理机构"),
        _required(form.table_4.safeguard_mechanisms, "table_4.safeguard_mechanisms", "表4：保障机制"),
        _required(form.table_4.funding, "table_4.funding", "表4：经费保障"),
    ]
    checks.append(
        _check(
            "NO_SPECIALTY",  # SECTION_COMPLETE once passed (below)
            "至少申报一个专业（职业、工种）",
            bool(form.specialties),
            "form",
            "specialties",
            _section("specialties"),
        )
    )
    for n, sp in enumerate(form.specialties, start=1):
        name = sp.name or f"第{n}个专业"
        base = f"specialties.{n - 1}"
        checks += [
            _required(sp.name, f"{base}.name", f"表3-{n}-1：专业（职业、工种）名称", _section(f"{base}.name", n, sp.name)),
            _required(
                sp.leader.name if sp.leader else None,
                f"{base}.leader",
                f"表3-{n}-1（{name}）：项目负责人",
                _section(f"{base}.leader", n, sp.name),
            ),
            _check(
                "SECTION_INCOMPLETE",
                f"表3-{n}-1（{name}）：建设目标（可量化指标）",
                any(g.name and g.target for g in sp.goals),
                "form",
                f"{base}.goals",
                _section(f"{base}.goals", n, sp.name),
            ),
        ]
        for key, label in (("system_items", "建设内容一"), ("capacity_items", "建设内容二"), ("results_items", "建设内容三")):
            checks.append(
                _check(
                    "SECTION_INCOMPLETE",
                    f"表3-{n}-2（{name}）：{label}（每条含第一年、第二年验收要点）",
                    _items_complete(getattr(sp, key)),
                    "form",
                    f"{base}.{key}",
                    _section(f"{base}.{key}", n, sp.name),
                )
            )
    return [c if not c.passed else replace(c, code=EligibilityCode.SECTION_COMPLETE) for c in checks]


def attachment_checks(policy: BaseTypePolicy, slots: frozenset[str]) -> list[Check]:
    return [
        _check(
            "ATTACHMENT_MISSING" if slot.value not in slots else "ATTACHMENT_PRESENT",
            f"附件：{SLOT_LABELS[slot]}",
            slot.value in slots,
            "attachments",
            f"attachments.{slot.value}",
            {"slot": slot.value},
        )
        for slot in policy.required_attachments
    ]


def evaluate(f: Facts) -> list[Check]:
    return (
        call_checks(f)
        + organization_checks(f)
        + condition_checks(f)
        + form_checks(f.form)
        + attachment_checks(f.policy, f.attachment_slots)
        + declaration_checks(f.form)
    )


def failures(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]
