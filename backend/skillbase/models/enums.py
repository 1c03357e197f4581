"""Vocabularies stored in the database (as text with CHECK constraints, easy to migrate), mapped as members by models.base.StrEnumColumn."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    applicant = "applicant"
    expert = "expert"
    admin = "admin"


class PrincipalKind(StrEnum):
    user = "user"  # a person with a User row
    client = "client"  # a machine: a named API client, no User row


class OrganizationStatus(StrEnum):
    pending = "pending"
    verified = "verified"
    rejected = "rejected"


class OrganizationCategory(StrEnum):
    higher_education = "higher_education"  # 高等院校
    technical_school = "technical_school"  # 技工院校
    vocational_school = "vocational_school"  # 职业院校
    training_institution = "training_institution"  # 职业技能培训机构
    enterprise_training_center = "enterprise_training_center"  # 企业培训中心
    enterprise = "enterprise"  # 企业
    public_institution = "public_institution"  # 事业单位
    other = "other"  # 其他


class OrganizationAttribute(StrEnum):
    government = "government"  # 政府办
    industry_enterprise = "industry_enterprise"  # 行业、企业办
    other = "other"  # 其他


class EnterpriseQualification(StrEnum):
    above_designated_size = "above_designated_size"  # 规模以上企业
    chain_leader = "chain_leader"  # 产业链链主企业
    listed_company = "listed_company"  # 上市公司
    industry_education_integration = "industry_education_integration"  # 产教融合型企业
    skills_oriented = "skills_oriented"  # 技能型企业
    single_item_champion = "single_item_champion"  # 单项冠军
    specialized_innovative = "specialized_innovative"  # 专精特新企业


def check_in(column: str, enum: type[StrEnum]) -> str:
    """SQL for a CHECK constraint that keeps `column` inside `enum`."""
    values = ", ".join(f"'{m.value}'" for m in enum)
    return f"{column} IN ({values})"


class BaseType(StrEnum):
    skills_upgrading = "skills_upgrading"  # 职业技能提升培训基地
    industry_chain = "industry_chain"  # 产业链企业培训基地
    competition = "competition"  # 技能大赛集训基地


class CallStatus(StrEnum):
    draft = "draft"  # 草稿
    published = "published"  # 已发布
    closed = "closed"  # 已关闭


class AttachmentSlot(StrEnum):
    licence = "licence"  # 营业执照或办学许可证
    equipment_list = "equipment_list"  # 设备清单
    teacher_list = "teacher_list"  # 师资清单
    project_management_rules = "project_management_rules"  # 项目实施管理制度
    finance_management_rules = "finance_management_rules"  # 经费管理制度
    safety_management_rules = "safety_management_rules"  # 安全管理制度
    other_evidence = "other_evidence"  # 其他佐证材料
    sealed_scan = "sealed_scan"  # 盖章扫描件


class ApplicationStatus(StrEnum):
    draft = "draft"  # 草稿
    submitted = "submitted"  # 已提交，待形式审查
    returned = "returned"  # 退回修改
    formal_check_passed = "formal_check_passed"  # 形式审查通过，待专家评审
    under_review = "under_review"  # 专家评审中
    reviewed = "reviewed"  # 评审完成，待决定
    approved = "approved"  # 拟认定，待公示
    in_publicity = "in_publicity"  # 拟认定，公示中
    recognised = "recognised"  # 已认定
    rejected = "rejected"  # 未通过
    withdrawn = "withdrawn"  # 已撤回


class ScanStatus(StrEnum):
    clean = "clean"
    quarantined = "quarantined"


class Declaration(StrEnum):
    pending = "pending"  # 未声明
    no_conflict = "no_conflict"  # 无利益冲突
    conflict = "conflict"  # 存在利益冲突


class ReviewStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"


class NoticeStatus(StrEnum):
    draft = "draft"
    published = "published"


class ObjectionStatus(StrEnum):
    pending = "pending"  # 待处理
    upheld = "upheld"  # 异议成立
    dismissed = "dismissed"  # 异议不成立


class BaseStatus(StrEnum):
    under_construction = "under_construction"  # 建设中


class CompetitionLevel(StrEnum):
    """A competition's level, lowest first (the order is the rank: `COMPETITION_LEVEL_RANK`); a call's policy
    `competition_min_level` is the least level that counts (domain.md §7: district or higher)."""

    school = "school"  # 校级
    district = "district"  # 区级
    city = "city"  # 市级
    province = "province"  # 省级
    national = "national"  # 国家级


COMPETITION_LEVEL_RANK: dict[CompetitionLevel, int] = {level: rank for rank, level in enumerate(CompetitionLevel)}


class ReportStatus(StrEnum):
    """A monthly progress report (每月报送工作进展), created by the system for every construction month."""

    draft = "draft"  # 待报送 (created, being written; overdue once past its due date)
    submitted = "submitted"  # 已报送，待审核
    returned = "returned"  # 退回修改
    accepted = "accepted"  # 已通过


class ReportPart(StrEnum):
    """The parts of a monthly report an administrator may return, each with its own reason."""

    narrative = "narrative"  # 工作进展、存在问题、下月计划
    figures = "figures"  # 自报数据
    trainees = "trainees"  # 培训人员名册
    certificates = "certificates"  # 取证人员名册
    competitions = "competitions"  # 竞赛
    attachments = "attachments"  # 佐证材料


class RosterKind(StrEnum):
    trainees = "trainees"  # 培训人员名册
    certificates = "certificates"  # 取证人员名册


class RosterStatus(StrEnum):
    """An uploaded roster file on its way into a report: validated and imported whole, or not at all."""

    queued = "queued"  # 已上传，等待导入
    importing = "importing"  # 导入中
    imported = "imported"  # 已导入 (its rows are the report's roster of this kind)
    failed = "failed"  # 有错误，未导入 (an error report is downloadable)
    replaced = "replaced"  # 已被新上传的名册替换


class CertificateKind(StrEnum):
    """The four kinds of certificate that count (domain.md §4)."""

    national_qualification = "national_qualification"  # 国家职业资格证书
    skill_level = "skill_level"  # 职业技能等级证书
    special_ability = "special_ability"  # 专项职业能力证书
    training_completion = "training_completion"  # 培训合格证书


class CertificateLevel(StrEnum):
    """Levels, lowest first; senior or above = senior, technician, senior_technician (domain.md §4)."""

    junior = "junior"  # 初级工 (五级)
    intermediate = "intermediate"  # 中级工 (四级)
    senior = "senior"  # 高级工 (三级)
    technician = "technician"  # 技师 (二级)
    senior_technician = "senior_technician"  # 高级技师 (一级)


SENIOR_OR_ABOVE: frozenset[CertificateLevel] = frozenset(
    {CertificateLevel.senior, CertificateLevel.technician, CertificateLevel.senior_technician}
)


class DuplicateStatus(StrEnum):
    """A group of certificate rows with the same person and certificate number (in one roster, across months or across
    bases): none of them counts while open; once resolved, only the row the administrator chose counts (or none)."""

    open = "open"  # 待处理
    resolved = "resolved"  # 已处理
