"""The layers of backend/skillbase, checked from the source (issue 8).

Every package under skillbase except the shared ones (core, models) is a domain with router -> service -> repository.
Three rules hold, and this test fails naming the module, the line and the rule when one breaks:

- ``router``: a router.py never imports a repository module, of any domain (it calls its service);
- ``foreign-repository``: a module of domain A never imports the repository of another domain B (it calls B's service);
- ``domain-cycle``: the domain-level import graph (any import, at module level or inside a function) has no cycle.

The checker is a pure function over {module name: source}, so the tests at the bottom prove it fails on small
synthetic sources that break each rule.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "skillbase"
ROOT = "skillbase"
# Packages every domain may use; they are not domains themselves.
SHARED_PACKAGES = frozenset({"core", "models"})

# Violations that exist today and are removed on other branches at the same time. An entry whose violation is gone
# fails test_known_violations_still_exist, so this list cannot go stale.
KNOWN_VIOLATIONS: frozenset[tuple[str, str, str]] = frozenset({})


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. skillbase.accounts.service
    line: int
    target: str  # the imported module, e.g. skillbase.experts.repository


@dataclass(frozen=True)
class Violation:
    rule: str
    module: str  # importing module (for a cycle: the closed path, e.g. "a -> b -> a")
    target: str  # imported module (for a cycle: empty)
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.module, self.target)


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, name] if name else base)


def imports_of(module: str, source: str, *, is_package: bool = False, modules: frozenset[str] = frozenset()) -> list[Import]:
    """Every skillbase module imported anywhere in the source (module level, functions, TYPE_CHECKING blocks).

    ``from a.b import c`` yields ``a.b.c`` when that is a module (one of ``modules``, or named repository), else
    ``a.b``; both are in the same domain, which is all the graph needs.
    """
    found: list[Import] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(Import(module, node.lineno, alias.name) for alias in node.names if _ours(alias.name))
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_relative(module, is_package, node.level, node.module) if node.level else node.module or ""
            if not _ours(base):
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append(Import(module, node.lineno, submodule if alias.name == "repository" or submodule in modules else base))
    return found


def _ours(name: str) -> bool:
    return name == ROOT or name.startswith(ROOT + ".")


def domain_of(module: str, domains: frozenset[str]) -> str | None:
    """skillbase.<domain>[.*] -> <domain>; None for top-level modules (main, api, seed, ...) and shared packages."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[0] == ROOT and parts[1] in domains else None


def domains_of(modules: Iterable[str], packages: frozenset[str]) -> frozenset[str]:
    """The packages directly under skillbase, less the shared ones: the domains. A name skillbase.x.y (a module
    walked or imported) shows that x is a package; skillbase.x alone may be a top-level module (main, seed)."""
    names = {m.split(".")[1] for m in modules if m.count(".") >= 2} | {p.split(".")[1] for p in packages if p.count(".") == 1}
    return frozenset(names - SHARED_PACKAGES)


def _is_repository(module: str) -> bool:
    return module.split(".")[-1] == "repository"


def check_layers(sources: dict[str, str], packages: frozenset[str] = frozenset()) -> list[Violation]:
    """All layer violations in {module name: source}; ``packages`` names the modules that are __init__.py files.

    A module counts as a domain module only when it sits inside a package (skillbase.<domain>.<module>), so the
    top-level modules (skillbase.main, skillbase.seed) are wiring, not domains.
    """
    violations: list[Violation] = []
    edges: dict[str, dict[str, Import]] = defaultdict(dict)
    modules = frozenset(sources)
    imports = {m: imports_of(m, source, is_package=m in packages, modules=modules) for m, source in sorted(sources.items())}
    domains = domains_of([*modules, *(imp.target for found in imports.values() for imp in found)], packages)
    for module, found in imports.items():
        importer_domain = domain_of(module, domains)
        for imp in found:
            target_domain = domain_of(imp.target, domains)
            where = f"{module} (line {imp.line}) imports {imp.target}"
            if module.split(".")[-1] == "router" and _is_repository(imp.target):
                violations.append(Violation("router", module, imp.target, f"{where}: a router calls its service, never a repository"))
            elif (
                importer_domain is not None
                and target_domain is not None
                and target_domain != importer_domain
                and _is_repository(imp.target)
            ):
                violations.append(
                    Violation(
                        "foreign-repository",
                        module,
                        imp.target,
                        f"{where}: domain {importer_domain!r} must call {target_domain!r} through "
                        f"skillbase.{target_domain}.service, not its repository",
                    )
                )
            if importer_domain and target_domain and importer_domain != target_domain:
                edges[importer_domain].setdefault(target_domain, imp)
    for cycle in _cycles(edges):
        evidence = "; ".join(f"{a} -> {b}: {edges[a][b].module} line {edges[a][b].line}" for a, b in itertools.pairwise(cycle))
        violations.append(
            Violation(
                "domain-cycle",
                " -> ".join(cycle),
                "",
                f"domain import cycle {' -> '.join(cycle)} ({evidence}): a lower domain must not import a higher one",
            )
        )
    return violations


def _cycles(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The shortest cycle through every edge that lies on a cycle, each once, as a closed path starting at its
    alphabetically first domain: a -> b -> a."""
    cycles: set[tuple[str, ...]] = set()
    for a, targets in edges.items():
        for b in targets:
            back = _shortest_path(b, a, edges)
            if back is None:
                continue
            ring = [a, *back[:-1]]  # a -> b -> ... (without closing a)
            first = ring.index(min(ring))
            ring = ring[first:] + ring[:first]
            cycles.add((*ring, ring[0]))
    return [list(c) for c in sorted(cycles)]


def _shortest_path(start: str, goal: str, edges: dict[str, dict[str, Import]]) -> list[str] | None:
    """start -> ... -> goal along the fewest edges (breadth first), or None when goal cannot be reached."""
    if start == goal:
        return [start]
    queue: list[list[str]] = [[start]]
    seen = {start}
    while queue:
        path = queue.pop(0)
        for succ in sorted(edges.get(path[-1], {})):
            if succ == goal:
                return [*path, goal]
            if succ not in seen:
                seen.add(succ)
                queue.append([*path, succ])
    return None


def load_package() -> tuple[dict[str, str], frozenset[str]]:
    sources: dict[str, str] = {}
    packages: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
            packages.add(".".join(parts))
        sources[".".join(parts)] = path.read_text(encoding="utf-8")
    return sources, frozenset(packages)


# --- the real package -------------------------------------------------------------------------------------------------


def test_backend_keeps_its_layers() -> None:
    sources, packages = load_package()
    assert len(sources) > 50, "the walk found the package"
    new = [v for v in check_layers(sources, packages) if v.key not in KNOWN_VIOLATIONS]
    assert not new, "layer rules broken (README, 'Layers'):\n" + "\n".join(f"[{v.rule}] {v.message}" for v in new)


def test_known_violations_still_exist() -> None:
    """The allowlist cannot go stale: an entry whose violation is gone must leave the list."""
    sources, packages = load_package()
    present = {v.key for v in check_layers(sources, packages)}
    stale = sorted(KNOWN_VIOLATIONS - present)
    assert not stale, f"these allowlisted violations no longer exist; remove them from KNOWN_VIOLATIONS: {stale}"


# --- the checker itself, on synthetic sources -------------------------------------------------------------------------


def _rules(sources: dict[str, str], packages: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    return sorted(v.key for v in check_layers(sources, packages))


@pytest.mark.parametrize(
    "source",
    [
        "from skillbase.calls import repository\n",
        "from skillbase.calls import repository as calls\n",
        "import skillbase.calls.repository\n",
        "import skillbase.calls.repository as calls\n",
        "from skillbase.calls.repository import readable_statement\n",
        "from . import repository\n",
        "from .repository import readable_statement\n",
        "async def handler() -> None:\n    from skillbase.calls import repository\n",
    ],
)
def test_router_importing_its_own_repository_is_refused(source: str) -> None:
    found = check_layers({"skillbase.calls.router": source})
    assert [(v.rule, v.module, v.target) for v in found] == [("router", "skillbase.calls.router", "skillbase.calls.repository")]
    assert "skillbase.calls.router (line " in found[0].message


def test_router_importing_another_domains_repository_is_refused_once_as_a_router_violation() -> None:
    assert _rules({"skillbase.calls.router": "from skillbase.accounts import repository\n"}) == [
        ("router", "skillbase.calls.router", "skillbase.accounts.repository")
    ]


@pytest.mark.parametrize(
    "source",
    [
        "from skillbase.accounts import repository as users\n",
        "import skillbase.accounts.repository\n",
        "from skillbase.accounts.repository import get_by_id\n",
        "from skillbase.accounts import schemas, repository\n",
        "def f() -> None:\n    if True:\n        from skillbase.accounts import repository\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from skillbase.accounts.repository import X\n",
    ],
)
def test_service_importing_another_domains_repository_is_refused(source: str) -> None:
    found = check_layers({"skillbase.experts.service": source})
    assert [v.key for v in found] == [("foreign-repository", "skillbase.experts.service", "skillbase.accounts.repository")]
    assert "line" in found[0].message and "skillbase.accounts.service" in found[0].message


def test_the_line_of_the_offending_import_is_reported() -> None:
    found = check_layers({"skillbase.experts.worker": "import os\n\n\nfrom skillbase.accounts import repository\n"})
    assert "(line 4)" in found[0].message


def test_allowed_imports_pass() -> None:
    sources = {
        "skillbase.experts.router": "from skillbase.experts import service\nfrom skillbase.core.auth import X\n",
        "skillbase.experts.service": (
            "from skillbase.experts import repository\n"
            "from skillbase.accounts import service as accounts\n"
            "from skillbase.models import Expert\n"
        ),
        "skillbase.accounts.service": "from skillbase.accounts import repository\n",
        # top-level wiring and shared packages are not domains
        "skillbase.seed": "from skillbase.accounts import repository\n",
        "skillbase.core.auth": "from skillbase.auth import repository as token_families\n",
        "skillbase.api": "from skillbase.experts.router import router\n",
    }
    assert _rules(sources) == []


def test_a_two_domain_cycle_is_refused_and_named() -> None:
    sources = {
        "skillbase.applications.service": "def f():\n    from skillbase.reviews import service\n",
        "skillbase.reviews.service": "from skillbase.applications import service as applications\n",
    }
    found = check_layers(sources)
    assert [v.key for v in found] == [("domain-cycle", "applications -> reviews -> applications", "")]
    assert "applications -> reviews -> applications" in found[0].message
    assert "skillbase.applications.service line 2" in found[0].message


def test_a_longer_cycle_is_refused() -> None:
    sources = {
        "skillbase.a.service": "from skillbase.b import service\n",
        "skillbase.b.service": "from skillbase.c.schemas import X\n",
        "skillbase.c.rules": "import skillbase.a.workflow\n",
        "skillbase.d.service": "from skillbase.a import service\n",  # points into the cycle, not part of it
    }
    found = check_layers(sources)
    assert [v.key for v in found] == [("domain-cycle", "a -> b -> c -> a", "")]
    assert "a -> b: skillbase.a.service line 1" in found[0].message


def test_an_init_module_belongs_to_its_domain() -> None:
    sources = {
        "skillbase.documents": "from skillbase.applications.form import Form\n",
        "skillbase.applications.service": "from skillbase.documents import render\n",
    }
    assert _rules(sources, frozenset({"skillbase.documents"})) == [("domain-cycle", "applications -> documents -> applications", "")]


def test_imports_outside_the_package_are_ignored() -> None:
    assert _rules({"skillbase.calls.router": "from sqlalchemy import repository\nimport repository\n"}) == []
