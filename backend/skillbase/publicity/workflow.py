"""A notice's life and an objection's decision as data (domain.md §5: publicity).

A notice is drafted, then published (once; its period then runs and recognition rests on it). An objection waits
(pending) until the bureau upholds or dismisses it, with a reason; a decision is final.
"""

from __future__ import annotations

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import NoticeStatus as N
from skillbase.models.enums import ObjectionStatus as O

NOTICE_ALLOWED: dict[N, frozenset[N]] = {
    N.draft: frozenset({N.published}),
    N.published: frozenset(),
}

OBJECTION_ALLOWED: dict[O, frozenset[O]] = {
    O.pending: frozenset({O.upheld, O.dismissed}),
    O.upheld: frozenset(),
    O.dismissed: frozenset(),
}

# The decision an administrator posts (ObjectionDecision.decision) and the status it leads to.
DECISIONS: dict[str, O] = {"uphold": O.upheld, "dismiss": O.dismissed}


def can_publish(current: N) -> bool:
    return N.published in NOTICE_ALLOWED[N(current)]


def publish(current: N) -> N:
    if not can_publish(current):
        raise InvalidTransition("公示已发布", code="NOTICE_ALREADY_PUBLISHED")
    return N.published


def decide(current: O, decision: str) -> O:
    target = DECISIONS[decision]
    if target not in OBJECTION_ALLOWED[O(current)]:
        raise InvalidTransition("该异议已处理", code="OBJECTION_DECIDED")
    return target


def is_open(current: O) -> bool:
    """An objection still waiting for a decision (it may take an attachment, it holds up recognition)."""
    return bool(OBJECTION_ALLOWED[O(current)])
