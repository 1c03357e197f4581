"""Property test of the refresh: on generated data (bases of every type at random points of their construction,
reports accepted or not, rosters imported or replaced, duplicates open or resolved across bases, competitions of every
level), the figures `refresh_base` stores equal a slow recount written here, independently of the SQL, row by row.

A seeded random loop (reproducible: the failing seed is in the assertion message) rather than hypothesis, since every
case needs its own rows in the database.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.bases.commitments import construction_month, month_starts_on
from skillbase.core import clock
from skillbase.indicators import service
from skillbase.models import BaseMonthFigures, BaseProgress
from skillbase.models.enums import COMPETITION_LEVEL_RANK, SENIOR_OR_ABOVE, CertificateKind, CertificateLevel, CompetitionLevel
from skillbase.models.indicators import MONTH_FIGURES
from skillbase.models.report import DECLARED_FIGURES
from tests import factories
from tests.conftest import FrozenClock

CASES = 16
KINDS = [k.value for k in CertificateKind]
LEVELS = [None, *(lvl.value for lvl in CertificateLevel)]
COMPETITION_LEVELS = [lvl.value for lvl in CompetitionLevel]


def _day_in(rng: random.Random, base: Any, month_no: int) -> date:
    starts = month_starts_on(base.construction_starts_on, month_no)
    ends = month_starts_on(base.construction_starts_on, month_no + 1) - timedelta(days=1)
    return starts + timedelta(days=rng.randint(0, (ends - starts).days))


async def _generate(session: AsyncSession, rng: random.Random, seed: int) -> tuple[list[Any], list[factories.MonthData], dict[Any, Any]]:
    bases, months = [], []
    for _ in range(2):
        base_type = rng.choice(["skills_upgrading", "industry_chain", "competition"])
        base = await factories.base_in_month(session, rng.randint(1, 30), base_type=base_type)
        bases.append(base)
        current = construction_month(base.construction_starts_on, clock.today())
        for month_no in sorted(rng.sample(range(1, current + 1), k=min(current, rng.randint(1, 4)))):
            trainees = []
            for _ in range(rng.randint(0, 6)):
                ends_on = _day_in(rng, base, month_no)
                surveyed = rng.random() < 0.7
                trainees.append(
                    {
                        "person": rng.randint(0, 6),
                        "starts_on": ends_on - timedelta(days=rng.randint(0, 40)),
                        "ends_on": ends_on,
                        "completed": rng.random() < 0.8,
                        "surveyed": surveyed,
                        "satisfied": surveyed and rng.random() < 0.8,
                    }
                )
            certificates = [
                {
                    "person": rng.randint(0, 6),
                    "certificate_no": f"S{seed}-N{rng.randint(1, 3)}",  # same number and person: a duplicate
                    "kind": rng.choice(KINDS),
                    "level": rng.choice(LEVELS),
                    "issued_on": _day_in(rng, base, month_no),
                }
                for _ in range(rng.randint(0, 6))
            ]
            competitions = [
                {
                    "level": rng.choice(COMPETITION_LEVELS),
                    "contestants": rng.choice([50, 299, 300, 1000]),
                    "ends_on": _day_in(rng, base, month_no),
                }
                for _ in range(rng.randint(0, 2))
            ]
            declared = {c: rng.randint(0, 6) for c in DECLARED_FIGURES if rng.random() < 0.5}
            if "declared_satisfied" in declared and "declared_surveyed" in declared:
                declared["declared_satisfied"] = min(declared["declared_satisfied"], declared["declared_surveyed"])
            months.append(
                await factories.report_month(
                    session,
                    base,
                    month_no,
                    status=rng.choice(["accepted", "accepted", "accepted", "submitted", "returned", "draft"]),
                    roster_status=rng.choice(["imported", "imported", "imported", "replaced", "failed"]),
                    trainees=trainees,
                    certificates=certificates,
                    competitions=competitions,
                    declared=declared,
                )
            )
    # rows with the same person and certificate number form a duplicate group: left open, or resolved to one row or none
    by_key: dict[bytes, list[Any]] = defaultdict(list)
    for m in months:
        for row in m.certificates:
            by_key[row.dup_key].append(row)
    groups = {}
    for rows in by_key.values():
        if len(rows) > 1:
            choice = rng.choice(["open", "one", "none"])
            group = await factories.duplicate_group(
                session, rows, resolved=choice != "open", counted=rng.choice(rows) if choice == "one" else None
            )
            groups[group.id] = group
    return bases, months, groups


def _recount(base: Any, months: list[factories.MonthData], groups: dict[Any, Any]) -> dict[int, dict[str, int]]:
    """What should count, month by month, from the Python objects alone."""
    start = base.construction_starts_on
    mine = [m for m in months if m.report.base_id == base.id and m.report.status == "accepted"]

    def counts(row: Any) -> bool:
        if row.duplicate_group_id is None:
            return True
        group = groups[row.duplicate_group_id]
        return group.status == "resolved" and group.counted_row_id == row.id

    certs = [c for m in mine for c in m.certificates if _imported(m) and c.issued_on >= start and counts(c)]
    trainees = [t for m in mine for t in m.trainees if _imported(m) and t.ends_on >= start]
    competitions = [c for m in mine for c in m.competitions if c.ends_on >= start]
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MONTH_FIGURES, 0))
    for c in certs:
        f = out[construction_month(start, c.issued_on)]
        f["certificates"] += 1
        f[f"certificates_{c.kind}"] += 1
        f["senior_certificates"] += c.level is not None and CertificateLevel(c.level) in SENIOR_OR_ABOVE
    for t in trainees:
        f = out[construction_month(start, t.ends_on)]
        f["trainees"] += t.completed
        f["surveyed"] += t.surveyed
        f["satisfied"] += t.satisfied
        f["certified_trainees"] += t.completed and any(c.id_hash == t.id_hash and c.issued_on >= t.starts_on for c in certs)
    for c in competitions:
        f = out[construction_month(start, c.ends_on)]
        f["competitions"] += 1
        if base.competition_min_level is not None:
            f["qualifying_competitions"] += (
                COMPETITION_LEVEL_RANK[CompetitionLevel(c.level)] >= COMPETITION_LEVEL_RANK[CompetitionLevel(base.competition_min_level)]
                and c.contestants >= base.competition_min_contestants
            )
    return out


def _imported(m: factories.MonthData) -> bool:
    """The generator gives both rosters of a report the same status."""
    return m.roster_status == "imported"


async def test_refresh_base_stores_what_a_slow_recount_finds(session: AsyncSession, frozen_clock: FrozenClock) -> None:
    for seed in range(CASES):
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        bases, months, groups = await _generate(session, rng, seed)
        for base in bases:
            await service.refresh_base(session, base.id)
        await session.commit()
        today = clock.today()
        for base in bases:
            expected = _recount(base, months, groups)
            stored = {
                row.month_no: row
                for row in (await session.scalars(select(BaseMonthFigures).where(BaseMonthFigures.base_id == base.id))).all()
            }
            for row in stored.values():
                await session.refresh(row)
            current = construction_month(base.construction_starts_on, today)
            assert set(range(1, min(current, 36) + 1)) <= set(stored), f"seed {seed}: months 1..{current} stored"
            for month_no in expected:
                assert month_no in stored, f"seed {seed}: month {month_no} missing"
            for month_no, row in stored.items():
                want = expected.get(month_no, dict.fromkeys(MONTH_FIGURES, 0))
                assert {c: getattr(row, c) for c in MONTH_FIGURES} == want, f"seed {seed}, base {base.id}, month {month_no}"
            for m in months:
                if m.report.base_id == base.id:
                    row = stored[m.report.month_no]
                    accepted = m.report.status == "accepted"
                    assert row.report_status == m.report.status
                    for c in DECLARED_FIGURES:
                        assert getattr(row, c) == (getattr(m.report, c) if accepted else None), f"seed {seed}: {c}"
            progress = await session.get(BaseProgress, base.id)
            assert progress is not None
            await session.refresh(progress)
            mine = [m for m in months if m.report.base_id == base.id]
            overdue = sum(1 for m in mine if m.report.status in ("draft", "returned") and m.report.due_on < today)
            open_groups = {
                g.id
                for g in groups.values()
                if g.status == "open" and any(c.duplicate_group_id == g.id for m in mine for c in m.certificates)
            }
            year_end = min((current - 1) // 12 + 1, 3) * 12
            assessed = sum(f["certificates"] for no, f in expected.items() if no <= year_end)
            capacity = sum(f["trainees"] for no, f in expected.items() if 13 <= no <= 24)
            qualifying = sum(f["qualifying_competitions"] for f in expected.values())
            assert (progress.overdue_reports, progress.open_duplicates) == (overdue, len(open_groups)), f"seed {seed}"
            assert (progress.certificates, progress.capacity, progress.qualifying_competitions) == (assessed, capacity, qualifying), (
                f"seed {seed}"
            )
            assert progress.current_month == current
