"""The application form (Annex 1, 顺义区技能人才培训基地建设项目申报表) as structured data.

Every field is optional so that a draft can be saved at any moment; what a submission needs is decided
by `applications.rules.completeness`. Table 1-1's organisation facts come from the organisation profile
and are frozen into each submitted version; table 5 is filled by the review (issue 4).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(max_length=5000)]
Short = Annotated[str, Field(max_length=200)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Cover(Part):
    """封面: 项目单位（公章）、项目类别 come from the application; the filler and the date are entered."""

    form_filler: Short | None = Field(default=None, description="填报人")
    fill_date: date | None = Field(default=None, description="填报时间")


class Table11(Part):
    """表1-1 项目单位基本情况信息 — organisation facts are taken from the profile; only the overview is entered."""

    feature_overview: Text | None = Field(default=None, description="特色概述（规范管理、培训能力、师资队伍、校企合作、办赛经验等）")


class Table12(Part):
    """表1-2 项目背景及工作基础"""

    project_background: Text | None = Field(default=None, description="项目背景")
    work_foundation: Text | None = Field(default=None, description="工作基础")


class Table21(Part):
    """表2-1 项目实施工作思路"""

    guiding_ideology: Text | None = Field(default=None, description="指导思想")
    basic_approach: Text | None = Field(default=None, description="基本思路")


class Indicator(Part):
    name: Short | None = Field(default=None, description="指标")
    target: Short | None = Field(default=None, description="目标值（含单位）")


class StagedGoal(Part):
    period: Short | None = Field(default=None, description="阶段，例如 建设期第一年")
    goal: Text | None = Field(default=None, description="阶段目标")
    indicators: list[Indicator] = Field(default_factory=list, max_length=30, description="可量化、可监测指标")


class Table22(Part):
    """表2-2 项目实施工作目标"""

    overall_goal: Text | None = Field(default=None, description="总体目标")
    staged_goals: list[StagedGoal] = Field(default_factory=list, max_length=10, description="阶段目标（按年度）")


class TeamMember(Part):
    name: Short | None = Field(default=None, description="姓名")
    post: Short | None = Field(default=None, description="单位及职务/职称")


class ContentItem(Part):
    item: Text | None = Field(default=None, description="建设内容条目")
    year1_acceptance: Text | None = Field(default=None, description="建设期第一年验收要点")
    year2_acceptance: Text | None = Field(default=None, description="建设期第二年验收要点")


class Specialty(Part):
    """One declared specialty (专业（职业/工种）): its table 3-n-1 and table 3-n-2."""

    name: Short | None = Field(default=None, description="专业（职业、工种）")
    leader: TeamMember | None = Field(default=None, description="项目负责人")
    members: list[TeamMember] = Field(default_factory=list, max_length=50, description="项目组成员")
    goals: list[Indicator] = Field(default_factory=list, max_length=30, description="建设目标（可量化、可监测）")
    system_items: list[ContentItem] = Field(default_factory=list, max_length=30, description="建设内容一：构建完善的高技能人才培训体系")
    capacity_items: list[ContentItem] = Field(default_factory=list, max_length=30, description="建设内容二：提升培训能力")
    results_items: list[ContentItem] = Field(default_factory=list, max_length=30, description="建设内容三：高技能人才培养经验成果")


class Table4(Part):
    """表4 保障机制"""

    management_organization: Text | None = Field(default=None, description="管理机构")
    safeguard_mechanisms: Text | None = Field(default=None, description="保障机制")
    funding: Text | None = Field(default=None, description="经费保障")


class Partner(Part):
    name: Short | None = Field(default=None, description="单位名称")
    credit_code: Short | None = Field(default=None, description="统一社会信用代码（可选）")
    note: Short | None = Field(default=None, description="合作内容")


class SupportMember(Part):
    name: Short | None = Field(default=None, description="姓名")
    role: Short | None = Field(default=None, description="职责/职务")


class PastCompetition(Part):
    name: Short | None = Field(default=None, description="赛事名称")
    level: Literal["district", "city", "national", "international", "industry", "enterprise"] | None = Field(
        default=None, description="级别"
    )
    year: int | None = Field(default=None, ge=1990, le=2100)
    contestants: Count | None = Field(default=None, description="参赛人数")
    role: Short | None = Field(default=None, description="承担角色（主办/承办/协办）")


class Eligibility(Part):
    """申报条件 (domain.md §2): the figures and lists the submission checks."""

    training_volume: Count | None = Field(default=None, description="上一年度或申报前十二个月职业技能培训和评价总人数（人次）")
    cooperating_enterprises: list[Partner] = Field(default_factory=list, max_length=200, description="稳定合作的企业、行业组织")
    posts_offered: Count | None = Field(default=None, description="可提供的培训就业岗位数")
    ecosystem_enterprises: list[Partner] = Field(default_factory=list, max_length=200, description="参与的生态链企业")
    partner_institutions: list[Partner] = Field(
        default_factory=list, max_length=200, description="合作的高等院校、技工院校、职业技能培训机构"
    )
    support_team: list[SupportMember] = Field(default_factory=list, max_length=100, description="集训技术支持工作团队")
    emergency_capability: Text | None = Field(default=None, description="突发事件应急处理能力")
    logistics_support: Text | None = Field(default=None, description="后勤服务保障与生活场所")
    past_competitions: list[PastCompetition] = Field(default_factory=list, max_length=100, description="组织技能竞赛经验")
    staged_selection_plan: Text | None = Field(default=None, description="集训选手阶段性选拔方案（公开公平公正）")


class Declarations(Part):
    """共同条件的承诺 (declarations backed by evidence attachments)."""

    no_penalty_3y: bool = Field(default=False, description="近3年未受过刑事行政处罚和失信联合惩戒")
    premises_meet_standards: bool = Field(default=False, description="场所、设备设施符合国家建设和安全标准")
    management_rules_in_force: bool = Field(default=False, description="已建立培训、财务、资产、风险管理等规章制度")


class ApplicationForm(Part):
    cover: Cover = Field(default_factory=Cover)
    table_1_1: Table11 = Field(default_factory=Table11)
    table_1_2: Table12 = Field(default_factory=Table12)
    table_2_1: Table21 = Field(default_factory=Table21)
    table_2_2: Table22 = Field(default_factory=Table22)
    specialties: list[Specialty] = Field(default_factory=list, max_length=10, description="申报专业，每个专业一组表3-n-1、3-n-2")
    table_4: Table4 = Field(default_factory=Table4)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    declarations: Declarations = Field(default_factory=Declarations)
