"""A call's life: draft -> published -> closed."""

from __future__ import annotations

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import CallStatus as S

ALLOWED: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.published}),
    S.published: frozenset({S.closed}),
    S.closed: frozenset(),
}

# What may still be edited in each status: a published call's policy and rubric are fixed, its schedule is not.
EDITABLE_FIELDS: dict[S, frozenset[str] | None] = {
    S.draft: None,  # everything
    S.published: frozenset({"name", "deadline", "valid_until", "publicity_days", "report_due_day"}),
    S.closed: frozenset(),
}


def transition(current: S, target: S) -> S:
    if target not in ALLOWED[S(current)]:
        raise InvalidTransition(f"申报批次当前状态不允许改为「{target.value}」", code="CALL_INVALID_STATE")
    return target


def check_editable(current: S, fields: set[str]) -> None:
    allowed = EDITABLE_FIELDS[S(current)]
    if allowed is None:
        return
    refused = sorted(fields - allowed)
    if refused:
        raise InvalidTransition(
            "该申报批次已发布或已关闭，以下内容不能再修改：" + "、".join(refused), code="CALL_FIELDS_LOCKED", details={"fields": refused}
        )
