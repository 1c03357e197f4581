"""The SPA's security headers as nginx (production) and `vite preview` send them: one Content-Security-Policy in
both, strict enough to matter, and HSTS in nginx (issue 7 item 15)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = (ROOT / "frontend/nginx.conf").read_text(encoding="utf-8")
VITE = (ROOT / "frontend/vite.config.ts").read_text(encoding="utf-8")


def nginx_spa_csp() -> str:
    [policy] = re.findall(r'map \$uri \$spa_csp \{\s*default "([^"]+)";', NGINX)
    return policy


def vite_spa_csp() -> str:
    [policy] = re.findall(r'export const SPA_CSP =\s*"([^"]+)"', VITE)
    return policy


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_nginx_and_vite_preview_send_the_same_policy() -> None:
    assert nginx_spa_csp() == vite_spa_csp()
    assert "'Content-Security-Policy': SPA_CSP" in VITE.split("preview:")[1].split("proxy:")[0]
    assert "add_header Content-Security-Policy $spa_csp always;" in NGINX


def test_the_spa_policy_allows_no_foreign_or_inline_script_and_no_framing() -> None:
    policy = directives(nginx_spa_csp())
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no CDN
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert all("http" not in value and value != "*" for values in policy.values() for value in values)


def test_backend_paths_keep_the_backends_own_policy() -> None:
    # an empty map value makes nginx send no header of its own there
    assert re.search(r'~\^/api/ "";', NGINX)
    assert re.search(r'~\^/\(docs\|redoc\|openapi\\\.json\|healthz\|readyz\)\(/\|\$\) "";', NGINX)


def test_nginx_sends_hsts_for_a_year() -> None:
    [hsts] = re.findall(r'add_header Strict-Transport-Security "([^"]+)" always;', NGINX)
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))  # type: ignore[union-attr]
    assert max_age >= 31536000
