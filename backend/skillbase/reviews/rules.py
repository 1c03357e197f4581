"""Expert review rules (domain.md §5), as pure functions: panel composition, conflicts, scoring, aggregation,
and the ranking of suggested experts."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

MIN_PANEL = 3


def panel_size_problem(n: int) -> str | None:
    """None when n experts make a valid panel: at least 3 and an odd number."""
    if n < MIN_PANEL:
        return f"评审专家不得少于 {MIN_PANEL} 人（当前 {n} 人）"
    if n % 2 == 0:
        return f"评审专家人数应为单数（当前 {n} 人）"
    return None


_NOISE = re.compile(r"[\s（）()【】\[\]·,，.。、-]")


def normalise_org_name(name: str) -> str:
    return _NOISE.sub("", name or "").lower()


def same_organisation(expert_org_name: str, expert_org_code: str | None, org_name: str, org_code: str) -> bool:
    """An expert belongs to the applicant when the employer's credit code or (normalised) name is the applicant's."""
    if expert_org_code and expert_org_code.strip().upper() == org_code.upper():
        return True
    return bool(expert_org_name) and normalise_org_name(expert_org_name) == normalise_org_name(org_name)


def specialty_match(expert_specialties: Iterable[str], declared: Iterable[str]) -> int:
    """How many of the application's declared specialties the expert covers (substring either way, case-insensitive)."""
    mine = [s.strip().lower() for s in expert_specialties if s and s.strip()]
    count = 0
    for d in {s.strip().lower() for s in declared if s and s.strip()}:
        if any(m in d or d in m for m in mine):
            count += 1
    return count


@dataclass(frozen=True)
class Candidate:
    expert_id: Any
    name: str
    match: int
    load: int  # reviews assigned and not yet submitted
    excluded: str | None  # why the expert may not sit on this panel


def rank(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Eligible first, best specialty match first, then the least loaded, then by name."""
    return sorted(candidates, key=lambda c: (c.excluded is not None, -c.match, c.load, c.name))


# --- scoring -------------------------------------------------------------------------------------


def score_problems(scores: dict[str, Any], rubric: list[dict[str, Any]], *, complete: bool) -> list[dict[str, str]]:
    """Each score must be a whole number between 0 and the criterion's maximum; when complete, every criterion."""
    problems: list[dict[str, str]] = []
    known = {c["key"]: c for c in rubric}
    for key in scores:
        if key not in known:
            problems.append({"field": f"scores.{key}", "message": "评分细则中没有这一项"})
    for key, criterion in known.items():
        value = scores.get(key)
        if value is None:
            if complete:
                problems.append({"field": f"scores.{key}", "message": f"请为「{criterion['name']}」打分"})
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= criterion["max_points"]:
            problems.append({"field": f"scores.{key}", "message": f"「{criterion['name']}」应为 0 至 {criterion['max_points']} 的整数"})
    return problems


def total(scores: dict[str, Any]) -> int:
    return sum(int(v) for v in scores.values() if isinstance(v, int) and not isinstance(v, bool))


@dataclass(frozen=True)
class PanelResult:
    totals: list[int]
    mean: Decimal
    median: Decimal
    spread: int
    diverges: bool
    recommend_votes: int
    against_votes: int
    majority_recommends: bool


def aggregate(totals: Sequence[int], recommendations: Sequence[bool], divergence_points: int) -> PanelResult:
    """Mean and median of the experts' totals (2 decimals, half up), the spread, the divergence flag and the
    majority recommendation (an odd panel always has one)."""
    if not totals:
        raise ValueError("no reviews to aggregate")
    q = Decimal("0.01")
    mean = (Decimal(sum(totals)) / Decimal(len(totals))).quantize(q, ROUND_HALF_UP)
    median = Decimal(str(statistics.median(totals))).quantize(q, ROUND_HALF_UP)
    spread = max(totals) - min(totals)
    yes = sum(1 for r in recommendations if r)
    no = len(recommendations) - yes
    return PanelResult(list(totals), mean, median, spread, spread > divergence_points, yes, no, yes > no)
