"""The demo data of the construction period (skillbase.demo_bases, called by seed): the story it promises holds.

Each test seeds the empty test database inside its own rolled-back transaction (a few seconds each)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.bases.commitments import construction_month
from skillbase.core import clock, resident_id
from skillbase.models import (
    BaseMonthFigures,
    BaseProgress,
    CertificateRow,
    Competition,
    DuplicateGroup,
    MonthlyReport,
    MonthlyReportVersion,
    Roster,
    TraineeRow,
    TrainingBase,
    User,
)
from skillbase.models.base import Base
from skillbase.models.enums import DuplicateStatus, ReportStatus, RosterStatus
from skillbase.models.indicators import MONTH_FIGURES
from skillbase.reports.rules import is_overdue
from skillbase.seed import seed
from tests import factories
from tests.api.test_indicator_recount import _recount


async def _counts(session: AsyncSession) -> dict[str, int]:
    return {t.name: int(await session.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables}


async def _seeded(session: AsyncSession) -> dict[str, int]:
    assert await session.scalar(select(func.count()).select_from(User)) == 0, "the demo is seeded into an empty database"
    written = await seed(session)
    await session.flush()
    return written


async def _base_of(session: AsyncSession, no: int) -> TrainingBase:
    stmt = select(TrainingBase).join(User, User.organization_id == TrainingBase.organization_id)
    return (await session.scalars(stmt.where(User.email == f"base{no}@demo.skillbase.cn"))).one()


async def test_seeding_twice_changes_nothing(session: AsyncSession) -> None:
    written = await _seeded(session)
    assert written["bases"] == 7 and written["calls"] == 2
    before = await _counts(session)
    assert await seed(session) == {}
    assert await _counts(session) == before
    assert before["users"] == 18 and before["calls"] == 3 and before["trainee_rows"] > 5000 and before["certificate_rows"] > 5000


async def test_the_demo_tells_its_story(session: AsyncSession) -> None:
    await _seeded(session)
    today = clock.today()
    bases = {no: await _base_of(session, no) for no in range(1, 8)}

    # every resident ID: valid (GB 11643), sealed, match-hashed and masked as the import stores it
    for model in (TraineeRow, CertificateRow):
        for sealed, hashed, masked in (await session.execute(select(model.id_sealed, model.id_hash, model.id_masked))).all():
            number = resident_id.open_sealed(sealed)
            assert resident_id.validate(number) == number and number.startswith("1101")
            assert (hashed, masked) == (resident_id.match_hash(number), resident_id.mask(number))

    # base4 is behind its targets and flagged; no other base is
    progress = {no: await session.get(BaseProgress, b.id) for no, b in bases.items()}
    assert progress[4] is not None and progress[4].at_risk and "certificates_short" in progress[4].risks
    assert [no for no, p in progress.items() if p is not None and p.at_risk] == [4]

    # base2: its last two reports never submitted, overdue on both sides (its month list and the register)
    reports = {
        no: list((await session.scalars(select(MonthlyReport).where(MonthlyReport.base_id == b.id).order_by(MonthlyReport.month_no))).all())
        for no, b in bases.items()
    }
    overdue = [r.month_no for r in reports[2] if is_overdue(r.status, r.due_on, today)]
    assert overdue == [23, 24] and progress[2] is not None and progress[2].overdue_reports == 2
    assert all(p is not None and p.overdue_reports == 0 for no, p in progress.items() if no != 2)

    # base3: two reports submitted, awaiting review (one version each, no outcome yet)
    submitted = [r for r in reports[3] if r.status is ReportStatus.submitted]
    assert [r.month_no for r in submitted] == [23, 24]
    for r in submitted:
        versions = (await session.scalars(select(MonthlyReportVersion).where(MonthlyReportVersion.report_id == r.id))).all()
        assert [(v.version_no, v.outcome) for v in versions] == [(1, None)]

    # four certificates reported by two bases: open groups across bases, their rows held out of every count
    groups = list((await session.scalars(select(DuplicateGroup))).all())
    assert len(groups) == 4 and all(g.status is DuplicateStatus.open and g.spans_bases for g in groups)
    held = (await session.scalars(select(CertificateRow).where(CertificateRow.duplicate_group_id.is_not(None)))).all()
    assert len(held) == 8 and len({r.base_id for r in held}) == 5  # bases 1 and 2 to bases 3, 5 and 6
    for base_id in {r.base_id for r in held}:
        accepted = select(MonthlyReport.id).where(MonthlyReport.base_id == base_id, MonthlyReport.status == ReportStatus.accepted)
        rows = select(func.count()).select_from(CertificateRow).where(CertificateRow.report_id.in_(accepted))
        counted = select(func.sum(BaseMonthFigures.certificates)).where(BaseMonthFigures.base_id == base_id)
        mine = sum(1 for r in held if r.base_id == base_id)
        assert await session.scalar(counted) == await session.scalar(rows) - mine

    # base7 (the 2026 call): today in construction month 3, month 1 accepted, month 2 open and untouched
    base7 = bases[7]
    assert construction_month(base7.construction_starts_on, today) == 3
    assert [r.status for r in reports[7]] == [ReportStatus.accepted, ReportStatus.draft, ReportStatus.draft]
    open_report = reports[7][1]
    assert (open_report.version, open_report.progress, open_report.declared_trainees, open_report.submitted_versions) == (1, "", None, 0)
    assert open_report.due_on >= today and open_report.period_ends_on < today
    assert await session.scalar(select(func.count()).select_from(Roster).where(Roster.report_id == open_report.id)) == 0

    # the competition base hosted competitions, qualifying ones among them
    assert progress[5] is not None and progress[5].qualifying_competitions >= 1

    # the stored indicators equal a recount from the rows (tests/api/test_indicator_recount.py's)
    group_by_id: dict[Any, Any] = {g.id: g for g in groups}
    for no, base in bases.items():
        months = await _month_data(session, base)
        expected = _recount(base, months, group_by_id)
        stored = {f.month_no: f for f in (await session.scalars(select(BaseMonthFigures).where(BaseMonthFigures.base_id == base.id))).all()}
        for month_no, row in stored.items():
            want = expected.get(month_no, dict.fromkeys(MONTH_FIGURES, 0))
            assert {c: getattr(row, c) for c in MONTH_FIGURES} == want, f"base{no}, month {month_no}"
        assert set(expected) <= set(stored)


async def _month_data(session: AsyncSession, base: TrainingBase) -> list[factories.MonthData]:
    """The base's reports with the rows of their imported rosters and their competitions, in recount's shape."""
    imported = select(Roster.id).where(Roster.base_id == base.id, Roster.status == RosterStatus.imported)
    trainees: dict[Any, list[Any]] = defaultdict(list)
    certificates: dict[Any, list[Any]] = defaultdict(list)
    competitions: dict[Any, list[Any]] = defaultdict(list)
    for t in (await session.scalars(select(TraineeRow).where(TraineeRow.roster_id.in_(imported)))).all():
        trainees[t.report_id].append(t)
    for c in (await session.scalars(select(CertificateRow).where(CertificateRow.roster_id.in_(imported)))).all():
        certificates[c.report_id].append(c)
    for c in (await session.scalars(select(Competition).where(Competition.base_id == base.id))).all():
        competitions[c.report_id].append(c)
    found = (await session.scalars(select(MonthlyReport).where(MonthlyReport.base_id == base.id))).all()
    return [factories.MonthData(r, trainees[r.id], certificates[r.id], competitions[r.id], "imported") for r in found]
