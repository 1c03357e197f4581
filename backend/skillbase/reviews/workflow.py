"""The review domain's state rules as data (domain.md §5): which application statuses each use case needs, an
expert's conflict-of-interest declaration, and a review's own life (draft -> submitted, reopened back to draft).

Every refusal is raised here, with the message and code the API has always answered."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import Conflict, Forbidden, InvalidTransition
from skillbase.models.enums import ApplicationStatus as S
from skillbase.models.enums import Declaration as D
from skillbase.models.enums import ReviewStatus as R

# --- which application statuses each use case needs ------------------------------------------------


class Step(StrEnum):
    formal_check = "formal_check"
    form_panel = "form_panel"
    replace_member = "replace_member"
    reopen_review = "reopen_review"
    panel_opinion = "panel_opinion"
    decide = "decide"


@dataclass(frozen=True)
class Requirement:
    statuses: frozenset[S]
    message: str
    code: ErrorCode = ErrorCode.APPLICATION_INVALID_STATE


REQUIRES: dict[Step, Requirement] = {
    Step.formal_check: Requirement(frozenset({S.submitted}), "只有已提交、待形式审查的申报可以进行形式审查"),
    Step.form_panel: Requirement(frozenset({S.formal_check_passed}), "只有形式审查通过的申报可以组建专家组"),
    Step.replace_member: Requirement(frozenset({S.under_review}), "评审已结束，不能更换专家"),
    Step.reopen_review: Requirement(frozenset({S.under_review, S.reviewed}), "已作出决定的申报不能重新开放评审"),
    Step.panel_opinion: Requirement(frozenset({S.reviewed}), "全部专家提交评审后，组长才能填写专家组意见", ErrorCode.REVIEWS_INCOMPLETE),
    Step.decide: Requirement(frozenset({S.reviewed}), "评审完成后才能作出决定"),
}


def require(step: Step, status: S) -> None:
    """Refuse a use case the application's status does not allow (409)."""
    needed = REQUIRES[step]
    if S(status) not in needed.statuses:
        raise InvalidTransition(needed.message, code=needed.code)


# --- the conflict-of-interest declaration: once, before the application is opened ------------------

DECLARATIONS: dict[D, frozenset[D]] = {
    D.pending: frozenset({D.no_conflict, D.conflict}),
    D.no_conflict: frozenset(),
    D.conflict: frozenset(),  # the bureau replaces the expert; the seat stays as a record
}


def declare(current: D, *, conflict: bool) -> D:
    target = D.conflict if conflict else D.no_conflict
    if target not in DECLARATIONS[D(current)]:
        raise Conflict("已声明，不能重复声明", code="ALREADY_DECLARED")
    return target


def require_no_conflict(current: D) -> None:
    """Only an expert who declared no conflict of interest may open, score or photograph the application."""
    if D(current) != D.no_conflict:
        raise Forbidden("请先声明与该申报不存在利益冲突", code="DECLARATION_REQUIRED")


# --- a review: a draft the expert edits, submitted (locked), reopened by the bureau -----------------

REVIEW_ALLOWED: dict[R, frozenset[R]] = {
    R.draft: frozenset({R.submitted}),
    R.submitted: frozenset({R.draft}),  # reopened by the bureau, with a reason
}


class Edit(StrEnum):
    save = "save"
    submit = "submit"
    add_photo = "add_photo"


EDITABLE = frozenset({R.draft})
LOCKED_MESSAGES: dict[Edit, str] = {
    Edit.save: "评审已提交并锁定，如需修改请联系管理员重新开放",
    Edit.submit: "评审已提交",
    Edit.add_photo: "评审已提交或尚未开始，不能上传照片",
}


def ensure_editable(edit: Edit, current: R | None) -> None:
    """A submitted review is locked (409); a photo also needs the review to exist."""
    if (current is None and edit is Edit.add_photo) or (current is not None and R(current) not in EDITABLE):
        raise InvalidTransition(LOCKED_MESSAGES[edit], code="REVIEW_LOCKED")


def can_reopen(current: R | None) -> bool:
    return current is not None and R.draft in REVIEW_ALLOWED[R(current)]


def transition(current: R, target: R) -> R:
    if target not in REVIEW_ALLOWED[R(current)]:
        raise InvalidTransition("评审当前状态不允许该操作", code="REVIEW_LOCKED")
    return target


def panel_complete(statuses: list[R | None]) -> bool:
    """Every current seat has submitted: the application moves to "reviewed"."""
    return bool(statuses) and all(s is not None and R(s) is R.submitted for s in statuses)
