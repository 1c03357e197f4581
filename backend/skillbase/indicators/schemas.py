from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from skillbase.bases.schemas import BaseCommitments
from skillbase.indicators.rules import Risk
from skillbase.models.enums import BaseStatus, BaseType, ReportStatus


class Figures(BaseModel):
    """Counted figures (domain.md §7): rows of accepted reports' imported rosters, duplicates aside."""

    trainees: int = Field(description="培训人次（结业）")
    certified_trainees: int = Field(description="其中取证人数（同一基地、培训开始后取得证书）")
    surveyed: int = Field(description="参与满意度调查人数")
    satisfied: int = Field(description="其中满意人数")
    certificates: int = Field(description="取证人次")
    certificates_national_qualification: int = Field(description="国家职业资格证书")
    certificates_skill_level: int = Field(description="职业技能等级证书")
    certificates_special_ability: int = Field(description="专项职业能力证书")
    certificates_training_completion: int = Field(description="培训合格证书")
    senior_certificates: int = Field(description="高级工及以上")
    competitions: int = Field(description="举办竞赛场次")
    qualifying_competitions: int = Field(description="其中达标竞赛（级别与参赛人数达到要求）")


class Declared(BaseModel):
    """What the month's accepted report declared (null: no accepted report, or the figure left blank)."""

    declared_trainees: int | None
    declared_certified_trainees: int | None
    declared_certificates: int | None
    declared_senior_certificates: int | None
    declared_surveyed: int | None
    declared_satisfied: int | None
    declared_competitions: int | None


class MonthPoint(Figures):
    month_no: int = Field(description="建设月（第 1 个月起）")
    year: int = Field(description="建设年度：1、2，3 = 改进期")
    report_status: ReportStatus | None = Field(description="该月月报状态；无月报为空")
    declared: Declared
    differences: list[str] = Field(description="自报数与核算数不一致的字段（declared_*）")


class FlagRead(BaseModel):
    risk: Risk
    rule: str = Field(description="触发该风险的规则及所用数字")


class YearIndicators(BaseModel):
    year: int = Field(description="建设年度：1、2，3 = 改进期")
    first_month: int
    last_month: int
    months_elapsed: int = Field(description="本年度已结束的整月数（0–12），用于推算")
    figures: Figures = Field(description="本年度的核算数")
    certificates_assessed: int = Field(description="考核口径的取证人次：第 1 年为 1–12 月，第 2 年为 1–24 月，改进期为 1–36 月")
    certificate_target: int | None = Field(description="取证人次目标：第 1 年为第一年目标，其后为两年累计目标")
    reached_permille: int | None = Field(description="完成率（‰，向下取整）")
    projection: int | None = Field(description="按已过整月的进度推算至年度末的取证人次；尚无整月时为空")
    projected_permille: int | None
    satisfaction_permille: int | None
    satisfaction_floor_percent: int | None
    satisfaction_met: bool | None = Field(description="满意人数 × 100 ≥ 下限 × 调查人数；无人调查时为空")
    certification_permille: int | None
    certification_floor_percent: int | None
    certification_met: bool | None = Field(description="取证人数 × 100 ≥ 下限 × 结业人次；无人结业时为空")
    capacity_projection: int | None = Field(description="第 2 年培训人次推算（年培训能力）；仅第 2 年")
    capacity_target: int | None
    qualifying_competitions_assessed: int = Field(description="截至本年度末的达标竞赛场次（累计）")
    competition_min_count: int | None
    at_risk: bool
    flags: list[FlagRead]


class BaseIndicators(BaseModel):
    base_id: uuid.UUID
    title: str
    organization_name: str
    base_type: BaseType
    status: BaseStatus
    recognised_on: date
    current_month: int | None = Field(description="今天所在的建设月；建设期开始前为空")
    current_year: int | None
    commitments: BaseCommitments
    years: list[YearIndicators] = Field(description="各建设年度对照目标")
    total: Figures = Field(description="全部月份合计")
    months: list[MonthPoint] = Field(description="逐月核算数与自报数（图表用）")
    overdue_reports: int
    open_duplicates: int = Field(description="本基地待处理的重复证书组数（其中的证书均不计入）")
    declared_mismatch_months: int
    at_risk: bool = Field(description="当前年度有任一风险")
    risks: list[Risk]
    projection_rule: str = Field(description="推算方法说明")
    computed_at: datetime | None = Field(description="指标最近一次核算时间")


class RegisterRow(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    base_id: uuid.UUID
    title: str
    organization_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    status: BaseStatus
    call_id: uuid.UUID
    recognised_on: date
    current_month: int | None
    current_year: int | None
    certificates: int = Field(description="当前考核口径的取证人次")
    certificate_target: int | None
    reached_permille: int | None = Field(description="完成率 ‰（技能大赛集训基地：达标竞赛 ÷ 须承办场次）")
    projection: int | None
    projected_permille: int | None
    satisfaction_permille: int | None
    certification_permille: int | None
    capacity: int = Field(description="第 2 年培训人次")
    qualifying_competitions: int
    overdue_reports: int
    open_duplicates: int
    declared_mismatch_months: int
    at_risk: bool
    risks: list[Risk]
    computed_at: datetime
