"""The review domain's state rules without a database: every application status each use case accepts or refuses,
the one-time conflict-of-interest declaration, and a review's draft/submitted life."""

from __future__ import annotations

import pytest

from skillbase.applications import workflow as application_workflow
from skillbase.core.errors import Conflict, Forbidden, InvalidTransition
from skillbase.models.enums import ApplicationStatus as S
from skillbase.models.enums import Declaration as D
from skillbase.models.enums import ReviewStatus as R
from skillbase.reviews import workflow
from skillbase.reviews.workflow import REQUIRES, Edit, Step

EXPECTED_STATUSES = {
    Step.formal_check: {S.submitted},
    Step.form_panel: {S.formal_check_passed},
    Step.replace_member: {S.under_review},
    Step.reopen_review: {S.under_review, S.reviewed},
    Step.panel_opinion: {S.reviewed},
    Step.decide: {S.reviewed},
}


def test_every_use_case_has_a_requirement() -> None:
    assert set(REQUIRES) == set(Step)
    assert {step: set(r.statuses) for step, r in REQUIRES.items()} == EXPECTED_STATUSES


@pytest.mark.parametrize(("step", "status"), [(step, status) for step in Step for status in S])
def test_a_use_case_runs_only_in_its_statuses(step: Step, status: S) -> None:
    if status in EXPECTED_STATUSES[step]:
        workflow.require(step, status)
        return
    with pytest.raises(InvalidTransition) as refused:
        workflow.require(step, status)
    assert refused.value.code == REQUIRES[step].code and refused.value.message == REQUIRES[step].message


def test_the_refusals_keep_their_codes_and_messages() -> None:
    with pytest.raises(InvalidTransition) as opinion:
        workflow.require(Step.panel_opinion, S.under_review)
    assert opinion.value.code == "REVIEWS_INCOMPLETE" and opinion.value.message == "全部专家提交评审后，组长才能填写专家组意见"
    with pytest.raises(InvalidTransition) as check:
        workflow.require(Step.formal_check, S.draft)
    assert check.value.code == "APPLICATION_INVALID_STATE" and check.value.message == "只有已提交、待形式审查的申报可以进行形式审查"


def test_the_moves_the_review_use_cases_make_are_allowed_by_the_application_workflow() -> None:
    moves = {
        Step.formal_check: {S.formal_check_passed, S.returned},
        Step.form_panel: {S.under_review},
        Step.decide: {S.approved, S.rejected},
    }
    for step, targets in moves.items():
        for status in REQUIRES[step].statuses:
            assert targets <= application_workflow.ALLOWED[status], step
    assert S.under_review in application_workflow.ALLOWED[S.reviewed]  # a reopened review
    assert S.reviewed in application_workflow.ALLOWED[S.under_review]  # the last review submitted


@pytest.mark.parametrize("conflict", [False, True])
def test_a_pending_seat_declares_once(conflict: bool) -> None:
    assert workflow.declare(D.pending, conflict=conflict) is (D.conflict if conflict else D.no_conflict)


@pytest.mark.parametrize(("current", "conflict"), [(d, c) for d in (D.no_conflict, D.conflict) for c in (False, True)])
def test_a_declaration_cannot_be_repeated_or_changed(current: D, conflict: bool) -> None:
    with pytest.raises(Conflict) as refused:
        workflow.declare(current, conflict=conflict)
    assert refused.value.code == "ALREADY_DECLARED"


@pytest.mark.parametrize("declaration", list(D))
def test_only_a_no_conflict_seat_may_open_the_review(declaration: D) -> None:
    if declaration is D.no_conflict:
        workflow.require_no_conflict(declaration)
        return
    with pytest.raises(Forbidden) as refused:
        workflow.require_no_conflict(declaration)
    assert refused.value.code == "DECLARATION_REQUIRED"


@pytest.mark.parametrize(("current", "target", "ok"), [(c, t, ok) for c, t, ok in [
    (R.draft, R.submitted, True),
    (R.submitted, R.draft, True),
    (R.draft, R.draft, False),
    (R.submitted, R.submitted, False),
]])  # fmt: skip
def test_review_transitions(current: R, target: R, ok: bool) -> None:
    if ok:
        assert workflow.transition(current, target) is target
    else:
        with pytest.raises(InvalidTransition):
            workflow.transition(current, target)


@pytest.mark.parametrize("edit", list(Edit))
def test_a_draft_is_editable_and_a_submitted_review_is_locked(edit: Edit) -> None:
    workflow.ensure_editable(edit, R.draft)
    with pytest.raises(InvalidTransition) as refused:
        workflow.ensure_editable(edit, R.submitted)
    assert refused.value.code == "REVIEW_LOCKED" and refused.value.message == workflow.LOCKED_MESSAGES[edit]


def test_a_photo_needs_a_review_to_exist_but_saving_creates_one() -> None:
    with pytest.raises(InvalidTransition):
        workflow.ensure_editable(Edit.add_photo, None)
    workflow.ensure_editable(Edit.save, None)


def test_only_a_submitted_review_can_be_reopened() -> None:
    assert workflow.can_reopen(R.submitted)
    assert not workflow.can_reopen(R.draft)
    assert not workflow.can_reopen(None)


@pytest.mark.parametrize(
    ("statuses", "complete"),
    [
        ([], False),
        ([R.submitted], True),
        ([R.submitted, R.submitted, R.submitted], True),
        ([R.submitted, R.draft, R.submitted], False),
        ([R.submitted, None, R.submitted], False),
    ],
)
def test_the_panel_is_complete_when_every_current_seat_submitted(statuses: list[R | None], complete: bool) -> None:
    assert workflow.panel_complete(statuses) is complete
