"""Pure checks of the demo data (skillbase.demo_bases): the 2026 base's recognition date puts any day in its
construction month 3, with month 2 over and its report not yet due (what the end-to-end test that files month 2 needs,
whatever day the seed runs); every demo application's form passes the checks a real submission must pass."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from skillbase import demo_bases
from skillbase.applications import rules
from skillbase.applications.form import ApplicationForm
from skillbase.bases.commitments import construction_month
from skillbase.calls.rules import DEFAULT_REPORT_DUE_DAY
from skillbase.calls.schemas import default_policies
from skillbase.demo_bases import base7_recognised_on
from skillbase.models.enums import BaseType, CallStatus, OrganizationStatus
from skillbase.reports.rules import period


def test_every_day_of_a_year_is_in_month_3_with_month_2_over_and_not_yet_due() -> None:
    for offset in range(366 * 2):
        today = date(2026, 1, 1) + timedelta(days=offset)
        recognised = base7_recognised_on(today)
        assert construction_month(recognised, today) == 3, today
        month2 = period(recognised, 2, DEFAULT_REPORT_DUE_DAY)
        assert month2.ends_on < today <= month2.due_on, today


def test_every_demo_application_meets_the_conditions_of_its_base_type() -> None:
    policies = default_policies(list(BaseType))
    for plan in (*demo_bases.PLANS_2024, demo_bases.PLAN_2026):
        form = ApplicationForm.model_validate(demo_bases.application_form(plan, 2024))
        policy = policies[plan.base_type]
        facts = rules.Facts(
            base_type=plan.base_type,
            policy=policy,
            form=form,
            call_status=CallStatus.published,
            call_opens_on=date(2024, 6, 1),
            call_deadline=date(2024, 8, 31),
            now=datetime(2024, 8, 1, tzinfo=UTC),
            organization_status=OrganizationStatus.verified,
            organization_category=plan.org.category,
            organization_qualifications=list(plan.org.qualifications),
        )
        checks = [
            *rules.condition_checks(facts),
            *rules.form_checks(form),
            *rules.declaration_checks(form),
            *rules.category_checks(plan.base_type, policy, plan.org.category, plan.org.qualifications),
        ]
        assert rules.failures(checks) == [], plan.org.name
