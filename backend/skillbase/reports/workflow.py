"""A monthly report's life as data (domain.md §5, §7): draft → submitted → accepted | returned → submitted …"""

from __future__ import annotations

from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import ReportStatus as S

ALLOWED: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.submitted}),
    S.submitted: frozenset({S.accepted, S.returned}),
    S.returned: frozenset({S.submitted}),
    S.accepted: frozenset(),
}

EDITABLE = frozenset({S.draft, S.returned})  # the organisation may change the report (and its competitions, files)
OPEN = EDITABLE  # not yet (re)submitted: overdue once past the due date

LABELS = {S.draft: "待报送", S.submitted: "已报送", S.returned: "退回修改", S.accepted: "已通过"}


def can_transition(current: S, target: S) -> bool:
    return target in ALLOWED[S(current)]


def transition(current: S, target: S) -> S:
    if not can_transition(current, target):
        raise InvalidTransition(
            f"月报当前状态为「{LABELS[S(current)]}」，不能变为「{LABELS[target]}」",
            code=ErrorCode.REPORT_INVALID_STATE,
            details={"status": S(current).value, "target": target.value},
        )
    return target


def ensure_editable(current: S) -> None:
    if S(current) not in EDITABLE:
        raise InvalidTransition(
            f"月报当前状态为「{LABELS[S(current)]}」，不能修改",
            code=ErrorCode.REPORT_NOT_EDITABLE,
            details={"status": S(current).value},
        )
