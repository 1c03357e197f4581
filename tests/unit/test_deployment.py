"""The deployment files: docker-compose.yml (valid; the worker runs; the API and the worker hold only the
application role's credentials; forwarded headers believed only from nginx) and how make run, the image and
compose start the API (through skillbase.serve, which hands uvicorn FORWARDED_ALLOW_IPS)."""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
ENV = {"SECRET_KEY": "s" * 40, "POSTGRES_PASSWORD": "owner-pw", "APP_DB_PASSWORD": "app-pw"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def _env(service: dict[str, Any]) -> dict[str, str]:
    text = yaml.safe_dump(service.get("environment", {}))
    for name, value in ENV.items():  # ${NAME:?message} -> value, like compose does
        text = re.sub(r"\$\{" + name + r"(:\?[^}]*)?\}", value, text)
    return {k: str(v) for k, v in yaml.safe_load(text).items()}


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed (CI installs it)")
def test_the_compose_file_is_valid() -> None:
    subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, env={**os.environ, **ENV}, check=True)  # noqa: S607


def test_compose_runs_the_notification_worker_against_mailpit(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    assert worker["command"] == ["python", "-m", "skillbase.notifications.worker"]
    env = _env(worker)
    assert env["SMTP_HOST"] == "mailpit" and env["SMTP_PORT"] == "1025"
    assert worker["depends_on"]["mailpit"]["condition"] == "service_healthy"
    assert worker["healthcheck"] == {"disable": True}  # the image's check asks the API, which the worker is not


def test_only_the_migrate_service_holds_the_owner_credentials(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("backend", "worker"):
        env = _env(services[name])
        assert make_url(env["DATABASE_URL"]).username == "skillbase_app", name
        assert "MIGRATION_DATABASE_URL" not in env and "owner-pw" not in str(env), name
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
    migrate = _env(services["migrate"])
    assert make_url(migrate["MIGRATION_DATABASE_URL"]).username == services["postgres"]["environment"]["POSTGRES_USER"]
    assert "alembic" in services["migrate"]["command"][-1] and "app-db-login" in services["migrate"]["command"][-1]


def test_forwarded_headers_are_believed_only_from_nginx(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = _env(services["backend"])
    assert "TRUST_FORWARDED_FOR" not in env
    nginx = services["frontend"]["networks"]["default"]["ipv4_address"]
    assert env["FORWARDED_ALLOW_IPS"] == nginx
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(nginx) in ipaddress.ip_network(subnet)


def test_make_run_the_image_and_compose_serve_the_api_through_skillbase_serve(compose: dict[str, Any]) -> None:
    dev = (ROOT / "backend/scripts/dev.sh").read_text()
    dockerfile = (ROOT / "backend/Dockerfile").read_text()
    commands = [line for line in dev.splitlines() if not line.lstrip().startswith("#")]
    assert "-m skillbase.serve" in dev and not [line for line in commands if "uvicorn" in line]
    assert 'CMD ["python", "-m", "skillbase.serve"' in dockerfile and "exec uvicorn" not in dockerfile
    assert compose["services"]["backend"]["command"][:3] == ["python", "-m", "skillbase.serve"]
