"""An application's life as data: which status may follow which (domain.md §5).

Review is rolling: each application moves on its own. The applicant may withdraw before the decision.
"""

from __future__ import annotations

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import ApplicationStatus as S

ALLOWED: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.submitted, S.withdrawn}),
    S.submitted: frozenset({S.returned, S.formal_check_passed, S.withdrawn}),
    S.returned: frozenset({S.submitted, S.withdrawn}),
    S.formal_check_passed: frozenset({S.under_review, S.withdrawn}),
    S.under_review: frozenset({S.reviewed, S.withdrawn}),
    S.reviewed: frozenset({S.approved, S.rejected, S.withdrawn, S.under_review}),  # under_review: a review reopened
    S.approved: frozenset({S.in_publicity}),
    S.in_publicity: frozenset({S.recognised, S.rejected}),
    S.recognised: frozenset(),
    S.rejected: frozenset(),
    S.withdrawn: frozenset(),
}

EDITABLE = frozenset({S.draft, S.returned})  # the applicant may change the draft only here
# "Live": counts for exclusivity and duplicates (applying, under way, or a recognised base).
LIVE = frozenset(set(S) - {S.draft, S.withdrawn, S.rejected})

LABELS = {
    S.draft: "草稿",
    S.submitted: "已提交",
    S.returned: "退回修改",
    S.formal_check_passed: "形式审查通过",
    S.under_review: "专家评审中",
    S.reviewed: "评审完成",
    S.approved: "拟认定，待公示",
    S.in_publicity: "公示中",
    S.recognised: "已认定",
    S.rejected: "未通过",
    S.withdrawn: "已撤回",
}


def can_transition(current: S, target: S) -> bool:
    return target in ALLOWED[current]


def transition(current: S, target: S) -> S:
    if not can_transition(S(current), target):
        raise InvalidTransition(
            f"申报当前状态为「{LABELS[S(current)]}」，不能变为「{LABELS[target]}」",
            code="APPLICATION_INVALID_STATE",
            details={"status": current, "target": target.value},
        )
    return target


def ensure_editable(current: S) -> None:
    if S(current) not in EDITABLE:
        raise InvalidTransition(
            f"申报当前状态为「{LABELS[S(current)]}」，不能修改", code="APPLICATION_NOT_EDITABLE", details={"status": current}
        )
