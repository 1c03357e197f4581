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


_NOISE = re.compile(r"[\s\u3000（）()【】\[\]〔〕《》<>「」“”\"'‘’·•,，.。、:：;；/\\_-]")
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}

# Region prefixes (行政区划前缀) that a name may carry or drop without naming another organisation: country,
# province-level, district-level (Beijing's sixteen districts). Two names that name different regions of the
# same tier are different organisations even when the rest is equal ("朝阳区第一中学" vs "顺义区第一中学").
_REGION_TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("country", ("中华人民共和国", "中国")),
    ("province", ("北京市", "北京")),
    (
        "district",
        tuple(
            d + "区"
            for d in (
                "东城",
                "西城",
                "朝阳",
                "丰台",
                "石景山",
                "海淀",
                "门头沟",
                "房山",
                "通州",
                "顺义",
                "昌平",
                "大兴",
                "怀柔",
                "平谷",
                "密云",
                "延庆",
            )
        ),
    ),
)


def normalise_org_name(name: str) -> str:
    """Full-width to half-width, lower case, no whitespace, brackets or punctuation."""
    return _NOISE.sub("", (name or "").translate(_FULL_WIDTH)).lower()


@dataclass(frozen=True)
class OrgName:
    regions: dict[str, str]  # tier -> region named in the prefix
    core: str  # the rest, normalised


def parse_org_name(name: str) -> OrgName:
    """Split leading region prefixes (in any order, each tier once) from the rest of a normalised name."""
    rest, regions = normalise_org_name(name), {}
    changed = True
    while changed:
        changed = False
        for tier, prefixes in _REGION_TIERS:
            if tier in regions:
                continue
            hit = next((p for p in prefixes if rest.startswith(p) and len(rest) > len(p)), None)
            if hit:
                regions[tier] = prefixes[0] if tier != "district" else hit
                rest, changed = rest[len(hit) :], True
    return OrgName(regions, rest)


def same_org_name(a: str, b: str) -> bool:
    """The same organisation by name: equal once region prefixes are set aside, and no tier names two regions."""
    pa, pb = parse_org_name(a), parse_org_name(b)
    if len(pa.core) < 2 or pa.core != pb.core:
        return False
    return all(pa.regions[t] == pb.regions[t] for t in pa.regions.keys() & pb.regions.keys())


def _code(code: str | None) -> str | None:
    cleaned = (code or "").strip().upper().replace(" ", "")
    return cleaned or None


@dataclass(frozen=True)
class ExpertEmployer:
    """What the pool knows of an expert's employer: a registered organisation, a declared credit code, a name."""

    name: str
    organization_id: Any = None
    credit_code: str | None = None
    organization_credit_code: str | None = None  # of the linked registered organisation
    organization_name: str | None = None  # of the linked registered organisation


def conflict_reason(employer: ExpertEmployer, org_id: Any, org_name: str, org_code: str) -> str | None:
    """Why an expert works for the applicant (and must stand aside), or None. Ids and credit codes first;
    the normalised name only as a fallback, for experts whose employer is known by name alone."""
    code = _code(org_code)
    if employer.organization_id is not None and employer.organization_id == org_id:
        return "专家工作单位即申报单位（关联的注册单位相同），须回避"
    if code and code in {_code(employer.credit_code), _code(employer.organization_credit_code)}:
        return "专家工作单位的统一社会信用代码与申报单位相同，须回避"
    for name in (employer.name, employer.organization_name):
        if name and same_org_name(name, org_name):
            return f"专家工作单位「{name}」与申报单位「{org_name}」名称相同（不计地区前缀），须回避"
    return None


def same_organisation(expert_org_name: str, expert_org_code: str | None, org_name: str, org_code: str) -> bool:
    """An expert belongs to the applicant when the employer's credit code or (normalised) name is the applicant's."""
    return conflict_reason(ExpertEmployer(name=expert_org_name, credit_code=expert_org_code), None, org_name, org_code) is not None


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
