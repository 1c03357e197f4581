"""Publicity period rules (domain.md: publicity), as pure functions of dates in Beijing time.

A notice's period starts no earlier than the day it is published and lasts at least the longest
`publicity_days` of the calls of the applications it lists; recognition only after the whole period
has passed, so that anyone had the full period to object.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def days_of(starts_on: date, ends_on: date) -> int:
    """Calendar days of a period, both ends included."""
    return (ends_on - starts_on).days + 1


def required_days(publicity_days: Iterable[int]) -> int:
    """A notice listing applications of several calls lasts as long as the longest of their periods."""
    return max(publicity_days)


def default_period(starts_on: date, days: int) -> tuple[date, date]:
    return starts_on, starts_on + timedelta(days=days - 1)


def period_problems(starts_on: date, ends_on: date, *, published_on: date, min_days: int) -> list[dict[str, str]]:
    """Why the period cannot be published on `published_on` (empty when it can), as 422 details."""
    problems: list[dict[str, str]] = []
    if starts_on < published_on:
        problems.append({"field": "starts_on", "message": f"公示开始日期（{starts_on}）不能早于发布日期（{published_on}）"})
    if ends_on < starts_on:
        problems.append({"field": "ends_on", "message": "公示结束日期不能早于开始日期"})
    elif days_of(starts_on, ends_on) < min_days:
        problems.append(
            {
                "field": "ends_on",
                "message": f"公示期不得少于 {min_days} 天（当前 {starts_on} 至 {ends_on}，共 {days_of(starts_on, ends_on)} 天）",
            }
        )
    return problems


def incomplete_period(starts_on: date, ends_on: date, *, published_on: date | None, min_days: int, today: date) -> tuple[str, str] | None:
    """None when a complete period has passed, else (error code, Chinese message): recognition must wait
    (PUBLICITY_NOT_OVER) or cannot rest on this notice at all (PUBLICITY_PERIOD_INCOMPLETE)."""
    if published_on is None or today <= ends_on:
        return "PUBLICITY_NOT_OVER", f"公示期（至 {ends_on}）结束后才能认定"
    if starts_on < published_on or days_of(starts_on, ends_on) < min_days:
        return (
            "PUBLICITY_PERIOD_INCOMPLETE",
            f"公示期不完整（{published_on} 发布，公示 {starts_on} 至 {ends_on}，须至少 {min_days} 天），不能据此认定",
        )
    return None
