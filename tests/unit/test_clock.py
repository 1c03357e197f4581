"""The one clock (skillbase.core.clock): what it answers, how tests and development move it, and that nothing in
backend/skillbase reads the time any other way."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from skillbase.config import Settings
from skillbase.core import clock
from tests.conftest import FrozenClock

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "skillbase"

# The only places that may read the wall clock, each for a reason written next to the call.
WALL_CLOCK_ALLOWED = {
    "core/clock.py": "the clock itself",
    "backup.py": "the backup manifest records when the backup was really taken",
    "files/upload.py": "the temp-file sweep compares with file mtimes, stamped by the OS with the real time",
}
# func.now() / now() in SQL: only as server defaults of record timestamps, which live in the models.
SQL_NOW_ALLOWED_DIRS = ("models/",)

WALL_CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}
SQL_NOW_CALLS = {("func", "now"), ("func", "current_date"), ("func", "current_timestamp"), ("func", "localtimestamp")}


def _calls(tree: ast.AST) -> list[tuple[str, str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else None
            if name:
                found.append((name, node.func.attr, node.lineno))
    return found


def _sql_texts(tree: ast.AST) -> list[tuple[str, int]]:
    """String literals passed to text(...) that read the database's clock."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "text":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    lowered = arg.value.lower()
                    if "now()" in lowered or "current_date" in lowered or "current_timestamp" in lowered:
                        found.append((arg.value, node.lineno))
    return found


def time_readers(source: str) -> tuple[list[str], list[str]]:
    tree = ast.parse(source)
    wall = [f"{a}.{b}() line {n}" for a, b, n in _calls(tree) if (a, b) in WALL_CLOCK_CALLS]
    sql = [f"{a}.{b}() line {n}" for a, b, n in _calls(tree) if (a, b) in SQL_NOW_CALLS]
    sql += [f"text({t!r}) line {n}" for t, n in _sql_texts(tree)]
    return wall, sql


def test_the_scanner_finds_every_way_of_reading_the_time() -> None:
    source = (
        "from datetime import UTC, date, datetime\nimport time\nfrom sqlalchemy import func, text\n"
        "a = datetime.now(UTC)\nb = date.today()\nc = time.time()\nd = datetime.utcnow()\n"
        "e = func.now() - 1\nf = text(\"ends_on < (now() at time zone 'Asia/Shanghai')::date\")\n"
        "g = time.monotonic()\nh = time.perf_counter()\n"
    )
    wall, sql = time_readers(source)
    assert wall == ["datetime.now() line 4", "date.today() line 5", "time.time() line 6", "datetime.utcnow() line 7"]
    assert len(sql) == 2 and sql[0] == "func.now() line 8"  # monotonic / perf_counter measure durations: allowed


def test_business_time_comes_only_from_the_clock() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        wall, sql = time_readers(path.read_text(encoding="utf-8"))
        if rel not in WALL_CLOCK_ALLOWED:
            offenders += [f"{rel}: {w}" for w in wall]
        if not rel.startswith(SQL_NOW_ALLOWED_DIRS):
            offenders += [f"{rel}: {s}" for s in sql]
    assert not offenders, "read the time through skillbase.core.clock (now(), today(), china_now()):\n" + "\n".join(offenders)


def test_now_is_aware_utc_and_today_is_the_beijing_date(frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2026, 12, 1, 16, 30, tzinfo=UTC))  # 00:30 on 2 December in Beijing
    assert clock.now() == datetime(2026, 12, 1, 16, 30, tzinfo=UTC) and clock.now().utcoffset() == timedelta(0)
    assert clock.today() == date(2026, 12, 2)
    assert clock.china_now().hour == 0 and clock.china_now().utcoffset() == timedelta(hours=8)
    frozen_clock.advance(days=3, minutes=30)
    assert clock.now() == datetime(2026, 12, 4, 17, 0, tzinfo=UTC) and clock.today() == date(2026, 12, 5)


def test_a_naive_time_cannot_freeze_the_clock() -> None:
    with pytest.raises(ValueError, match="aware"):
        clock.freeze(datetime(2026, 12, 1, 12, 0))


def test_the_clock_runs_on_unless_frozen() -> None:
    first = clock.now()
    assert first.tzinfo is not None
    assert abs(first - datetime.now(UTC)) < timedelta(seconds=5)


def test_the_development_offset_shifts_now_and_today(frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2026, 12, 1, 4, 0, tzinfo=UTC))
    clock.configure(Settings(environment="development", clock_offset_days=10))
    assert clock.offset() == timedelta(days=10)
    assert clock.now() == datetime(2026, 12, 11, 4, 0, tzinfo=UTC) and clock.today() == date(2026, 12, 11)
    clock.configure(Settings(environment="development"))
    assert clock.today() == date(2026, 12, 1)


def test_a_clock_offset_is_refused_in_production() -> None:
    strong = "kX9#mQ2$vL7@pR4!wZ8^nB3&hT6*jF1%yD5(cG0)sA-uE_iO+"
    with pytest.raises(ValidationError, match="CLOCK_OFFSET_DAYS"):
        Settings(
            environment="production",
            secret_key=strong,
            personal_data_key=strong[::-1],
            database_url="postgresql://x@h/db",
            clock_offset_days=1,
        )
    settings = Settings(environment="production", secret_key=strong, personal_data_key=strong[::-1], database_url="postgresql://x@h/db")
    with pytest.raises(RuntimeError, match="CLOCK_OFFSET_DAYS"):  # even past the validator
        clock.configure(settings.model_copy(update={"clock_offset_days": 1}))
    assert clock.offset() == timedelta(0)
