"""The 2026 demo base's recognition date (skillbase.demo_bases) puts any day of the year in its construction month 3,
with month 2 over and its report not yet due: what the end-to-end test that files month 2 needs, whatever day the
seed runs."""

from __future__ import annotations

from datetime import date, timedelta

from skillbase.bases.commitments import construction_month
from skillbase.calls.rules import DEFAULT_REPORT_DUE_DAY
from skillbase.demo_bases import base7_recognised_on
from skillbase.reports.rules import period


def test_every_day_of_a_year_is_in_month_3_with_month_2_over_and_not_yet_due() -> None:
    for offset in range(366 * 2):
        today = date(2026, 1, 1) + timedelta(days=offset)
        recognised = base7_recognised_on(today)
        assert construction_month(recognised, today) == 3, today
        month2 = period(recognised, 2, DEFAULT_REPORT_DUE_DAY)
        assert month2.ends_on < today <= month2.due_on, today
