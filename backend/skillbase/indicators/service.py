"""Indicators against targets: the refresh of the stored figures, one base's indicators, the administrators' register
and its export.

`refresh_base(session, base_id)` is what the other domains call after anything that changes what counts (a report
accepted, a duplicate group resolved, a roster replaced); `refresh_all(session, today)` is the worker's daily pass, as
the pace and the overdue reports move with time. Both are idempotent and send a fixed number of statements per batch
of bases (five), whatever the number of rows behind them.
"""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.bases import service as bases
from skillbase.bases.commitments import construction_month
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.pagination import Page, PageParams
from skillbase.indicators import repository, rules
from skillbase.indicators.schemas import BaseIndicators, Declared, Figures, FlagRead, MonthPoint, RegisterRow, YearIndicators
from skillbase.models.report import DECLARED_FIGURES

BATCH = 500  # bases per refresh round of refresh_all
EXPORT_CAP = 20_000  # rows of one export (the register holds one row per base)


def _current_month(starts_on: date, today: date) -> int | None:
    return construction_month(starts_on, today) if today >= starts_on else None


async def _refresh(session: AsyncSession, ids: Sequence[uuid.UUID], today: date) -> None:
    if not ids:
        return
    now = clock.now()
    await repository.refresh_month_figures(session, ids, today, now)
    found = await repository.bases_for_progress(session, ids, today)
    months: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in await repository.month_figures(session, ids):
        months[row["base_id"]].append(row)
    rows = []
    for base in found:
        p = rules.progress(months[base["id"]], rules.Targets.of(base), _current_month(base["construction_starts_on"], today))
        rows.append(
            {
                "base_id": base["id"],
                **{c: base[c] for c in ("base_type", "status", "call_id", "organization_id", "recognised_on", "title")},
                **vars(p),
                "overdue_reports": base["overdue_reports"],
                "open_duplicates": base["open_duplicates"],
                "computed_at": now,
            }
        )
    await repository.upsert_progress(session, rows)


async def refresh_base(session: AsyncSession, base_id: uuid.UUID) -> None:
    """Recompute one base's month figures and its register row as of today (clock.today())."""
    await _refresh(session, [base_id], clock.today())


async def refresh_bases(session: AsyncSession, base_ids: Collection[uuid.UUID]) -> None:
    """Recompute several bases at once (those a change touched: a duplicate group spans bases), BATCH at a time."""
    ids = sorted(set(base_ids))
    for start in range(0, len(ids), BATCH):
        await _refresh(session, ids[start : start + BATCH], clock.today())


async def refresh_all(session: AsyncSession, today: date | None = None) -> int:
    """Recompute every base, BATCH at a time; the number of bases refreshed."""
    ids = await repository.all_base_ids(session)
    for start in range(0, len(ids), BATCH):
        await _refresh(session, ids[start : start + BATCH], today or clock.today())
    return len(ids)


async def refresh_daily(session: AsyncSession, today: date | None = None) -> int:
    """The worker's pass: refresh every base once a Beijing day (the first cycle after midnight, or when a base has no
    register row yet); 0 when nothing was due."""
    day = today or clock.today()
    midnight = datetime.combine(day, time(0), clock.CHINA_TZ)
    if not await repository.any_stale(session, midnight):
        return 0
    return await refresh_all(session, day)


# --- one base --------------------------------------------------------------------------------------------------------


def _figures(values: dict[str, int]) -> Figures:
    return Figures(**values)


async def base_indicators(session: AsyncSession, principal: Principal, base_id: uuid.UUID) -> BaseIndicators:
    """The indicators of a base the caller may see (its organisation, administrators; anyone else 404)."""
    detail = await bases.get_base(session, principal, base_id)
    progress = await repository.progress_of(session, base_id)
    if progress is None:  # never refreshed yet (recognised since the worker's last pass)
        await refresh_base(session, base_id)
        progress = await repository.progress_of(session, base_id)
    months = await repository.month_figures(session, [base_id])
    targets = rules.Targets.of(detail.commitments)
    current = detail.construction_month
    years = []
    for year in rules.years_shown(current, detail.commitments.improvement_months):
        r = rules.year_result(months, targets, year, current)
        years.append(
            YearIndicators(
                year=r.year,
                first_month=r.first_month,
                last_month=r.last_month,
                months_elapsed=r.months_elapsed,
                figures=_figures(r.figures),
                certificates_assessed=r.certificates_assessed,
                certificate_target=r.certificate_target,
                reached_permille=r.reached_permille,
                projection=r.projection,
                projected_permille=r.projected_permille,
                satisfaction_permille=r.satisfaction_permille,
                satisfaction_floor_percent=targets.satisfaction_floor_percent,
                satisfaction_met=r.satisfaction_met,
                certification_permille=r.certification_permille,
                certification_floor_percent=targets.certification_rate_floor_percent,
                certification_met=r.certification_met,
                capacity_projection=r.capacity_projection,
                capacity_target=targets.capacity_per_year if year == 2 else None,
                qualifying_competitions_assessed=r.qualifying_competitions_assessed,
                competition_min_count=targets.competition_min_count,
                at_risk=bool(r.flags),
                flags=[FlagRead(risk=f.risk, rule=f.rule) for f in r.flags],
            )
        )
    points = [
        MonthPoint(
            month_no=m["month_no"],
            year=rules.year_of(m["month_no"]),
            report_status=m["report_status"],
            declared=Declared(**{c: m[c] for c in DECLARED_FIGURES}),
            differences=rules.declared_differences(m),
            **{c: m[c] for c in Figures.model_fields},
        )
        for m in months
    ]
    return BaseIndicators(
        base_id=detail.id,
        title=detail.title,
        organization_name=detail.organization_name,
        base_type=detail.base_type,
        status=detail.status,
        recognised_on=detail.recognised_on,
        current_month=current,
        current_year=rules.year_of(current) if current is not None else None,
        commitments=detail.commitments,
        years=years,
        total=_figures(rules.sums(months, 1, 10**6)),
        months=points,
        overdue_reports=progress.overdue_reports if progress else 0,
        open_duplicates=progress.open_duplicates if progress else 0,
        declared_mismatch_months=sum(1 for p in points if p.differences),
        at_risk=any(y.at_risk for y in years if y.year == (rules.year_of(current) if current else None)),
        risks=[f.risk for y in years if current and y.year == rules.year_of(current) for f in y.flags],
        projection_rule=rules.PROJECTION_RULE,
        computed_at=progress.computed_at if progress else None,
    )


# --- the register ----------------------------------------------------------------------------------------------------


async def register(session: AsyncSession, page: PageParams, *, sort: str, descending: bool, **filters: Any) -> Page[RegisterRow]:
    conditions = repository.register_conditions(**filters)
    rows, total = await repository.register_page(
        session, repository.register_statement(conditions, sort, descending), conditions, page.limit, page.offset
    )
    return Page(items=[RegisterRow.model_validate(r._mapping) for r in rows], total=total, limit=page.limit, offset=page.offset)


EXPORT_HEADERS = (
    ("基地名称", "title"),
    ("申报单位", "organization_name"),
    ("基地类型", "base_type"),
    ("认定日期", "recognised_on"),
    ("当前建设月", "current_month"),
    ("当前建设年度", "current_year"),
    ("取证人次", "certificates"),
    ("取证目标", "certificate_target"),
    ("完成率", "reached_permille"),
    ("推算年末取证", "projection"),
    ("推算完成率", "projected_permille"),
    ("满意度", "satisfaction_permille"),
    ("取证率", "certification_permille"),
    ("第2年培训人次", "capacity"),
    ("达标竞赛", "qualifying_competitions"),
    ("逾期月报", "overdue_reports"),
    ("待处理重复证书", "open_duplicates"),
    ("自报不一致月数", "declared_mismatch_months"),
    ("风险", "at_risk"),
    ("风险规则", "risks"),
    ("核算时间", "computed_at"),
)
BASE_TYPE_NAMES = {"skills_upgrading": "职业技能提升培训基地", "industry_chain": "产业链企业培训基地", "competition": "技能大赛集训基地"}
RISK_NAMES = {
    rules.Risk.certificates_short: "取证人次预计不达标",
    rules.Risk.satisfaction_low: "满意度低于下限",
    rules.Risk.certification_low: "取证率低于下限",
    rules.Risk.capacity_short: "年培训能力预计不达标",
    rules.Risk.competition_missing: "达标竞赛不足",
}


def _percent(permille: int | None) -> str:
    return "" if permille is None else f"{permille // 10}.{permille % 10}%"


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key.endswith("_permille"):
        return _percent(value)
    if key == "base_type":
        return BASE_TYPE_NAMES.get(str(value), str(value))
    if key == "at_risk":
        return "是" if value else "否"
    if key == "risks":
        return "；".join(RISK_NAMES.get(rules.Risk(r), r) for r in value)
    if key == "computed_at":
        return value.astimezone(clock.CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    return value


async def register_xlsx(session: AsyncSession, *, sort: str, descending: bool, **filters: Any) -> bytes:
    """The filtered register as an XLSX workbook (openpyxl write-only: rows go out as they are read)."""
    conditions = repository.register_conditions(**filters)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("基地指标")
    sheet.append([header for header, _ in EXPORT_HEADERS])
    result = await repository.register_stream(session, repository.register_statement(conditions, sort, descending), EXPORT_CAP)
    async for row in result:
        values = row._mapping
        sheet.append([_cell(key, values[key]) for _, key in EXPORT_HEADERS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
