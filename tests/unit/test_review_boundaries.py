"""The review domain acts on applications, never the other way round, and reaches other domains through their
services, not their repositories (the Annex 1 PDF, which needs both, is composed on the review side)."""

from __future__ import annotations

import ast
from pathlib import Path

import skillbase

PACKAGE = Path(skillbase.__file__).parent


def _imports(folder: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / folder).glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        out[path.name] = found
    return out


def test_applications_never_import_the_review_domain() -> None:
    offenders = {f: sorted(m for m in mods if m.startswith("skillbase.reviews")) for f, mods in _imports("applications").items()}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_the_review_domain_uses_no_other_domains_repository() -> None:
    offenders = {
        f: sorted(m for m in mods if m.endswith(".repository") and not m.startswith("skillbase.reviews"))
        for f, mods in _imports("reviews").items()
    }
    assert {f: m for f, m in offenders.items() if m} == {}


def test_the_review_router_imports_no_repository() -> None:
    assert not {m for m in _imports("reviews")["router.py"] if m.endswith("repository")}
