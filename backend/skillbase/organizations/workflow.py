"""Organisation verification as data: which status may follow which."""

from __future__ import annotations

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import OrganizationStatus as S

ALLOWED: dict[S, frozenset[S]] = {
    S.pending: frozenset({S.verified, S.rejected}),
    S.rejected: frozenset(),
    S.verified: frozenset(),
}


def can_transition(current: S, target: S) -> bool:
    return target in ALLOWED[current]


def transition(current: S, target: S) -> S:
    """The new status, or InvalidTransition (409)."""
    if not can_transition(S(current), target):
        raise InvalidTransition(f"单位当前状态为「{S(current).value}」，不能改为「{target.value}」", code="ORGANIZATION_NOT_PENDING")
    return target
