"""A monthly report's workflow and calendar as pure functions: every allowed and every refused edge, the months and due
dates, the overdue rule."""

from __future__ import annotations

from datetime import date

import pytest

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import ReportStatus as S
from skillbase.reports import rules, workflow

ALLOWED = {(S.draft, S.submitted), (S.submitted, S.accepted), (S.submitted, S.returned), (S.returned, S.submitted)}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_only_the_listed_edges_are_allowed(current: S, target: S) -> None:
    if (current, target) in ALLOWED:
        assert workflow.transition(current, target) is target
    else:
        with pytest.raises(InvalidTransition) as refused:
            workflow.transition(current, target)
        assert refused.value.status_code == 409 and refused.value.code == "REPORT_INVALID_STATE"


def test_an_accepted_report_is_final() -> None:
    assert workflow.ALLOWED[S.accepted] == frozenset()


@pytest.mark.parametrize("status", [S.submitted, S.accepted])
def test_only_draft_and_returned_reports_are_editable(status: S) -> None:
    workflow.ensure_editable(S.draft)
    workflow.ensure_editable(S.returned)
    with pytest.raises(InvalidTransition) as refused:
        workflow.ensure_editable(status)
    assert refused.value.code == "REPORT_NOT_EDITABLE"


def test_a_31_january_recognition_has_contiguous_months_due_the_following_month() -> None:
    got = [rules.period(date(2026, 1, 31), m, 10) for m in (1, 2, 3, 12)]
    assert [(p.starts_on, p.ends_on, p.due_on) for p in got] == [
        (date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 10)),
        (date(2026, 3, 1), date(2026, 3, 30), date(2026, 4, 10)),
        (date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 10)),
        (date(2026, 12, 31), date(2027, 1, 30), date(2027, 2, 10)),
    ]


def test_a_december_month_is_due_in_january_of_the_next_year() -> None:
    p = rules.period(date(2026, 12, 1), 1, 28)
    assert (p.starts_on, p.ends_on, p.due_on) == (date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 28))


def test_months_started_count_the_current_month_and_stop_at_the_period() -> None:
    assert rules.started_months(date(2026, 1, 31), 24, date(2026, 1, 30)) == 0
    assert rules.started_months(date(2026, 1, 31), 24, date(2026, 1, 31)) == 1
    assert rules.started_months(date(2026, 1, 31), 24, date(2026, 3, 1)) == 2
    assert rules.started_months(date(2026, 1, 31), 24, date(2030, 1, 1)) == 24


def test_overdue_is_the_day_after_the_due_date_while_not_submitted() -> None:
    due = date(2026, 3, 10)
    assert not rules.is_overdue(S.draft, due, due)
    assert rules.is_overdue(S.draft, due, date(2026, 3, 11))
    assert rules.is_overdue(S.returned, due, date(2026, 3, 11))
    assert not rules.is_overdue(S.submitted, due, date(2026, 3, 11))
    assert not rules.is_overdue(S.accepted, due, date(2026, 3, 11))
