"""The pure parts of the benchmark (backend/benchmarks): the dataset it generates, the SQL it replays, the tool output
it parses and the plans it judges — and `skillbase.serve` taking its worker count. No database, no server."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from skillbase.applications.form import ApplicationForm
from skillbase.config import Settings
from skillbase.models.enums import ApplicationStatus, BaseType
from skillbase.organizations.rules import check_credit_code
from skillbase.serve import uvicorn_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "backend" / "benchmarks"))

import bench
import datagen
import import_bench
import plans
import workload


@pytest.fixture
def bench_key(monkeypatch: pytest.MonkeyPatch) -> Any:
    """datagen seals the rosters' IDs under the benchmark's key (it sets PERSONAL_DATA_KEY): put it back after."""
    from skillbase.config import get_settings

    monkeypatch.setenv("PERSONAL_DATA_KEY", datagen.PERSONAL_DATA_KEY)
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize("base_type", list(BaseType))
def test_generated_forms_validate_as_annex_1_and_weigh_about_2_kb(base_type: BaseType) -> None:
    rng = random.Random(1)  # noqa: S311
    forms = [datagen.stored_form(base_type, rng) for _ in range(30)]  # make_form, validated and dumped as the API stores it
    for form in forms:
        assert ApplicationForm.model_validate(form).model_dump(mode="json") == form
        assert form["eligibility"] and form["specialties"]
    sizes = [len(json.dumps(f, ensure_ascii=False).encode()) for f in forms]
    assert 1500 <= sum(sizes) / len(sizes) <= 6000
    assert len({json.dumps(f) for f in forms}) == len(forms)  # names and numbers vary


def test_city_scale_counts_and_a_quick_scale() -> None:
    assert datagen.sizes(1.0) == {
        "organizations": 5000,
        "experts": 200,
        "calls": 5,
        "applications": 20000,
        "audit_events": 100000,
        "notifications": 50000,
    }
    quick = datagen.sizes(0.05)
    assert quick["applications"] == 1000 and quick["calls"] == 5 and quick["organizations"] == 250


def test_dataset_rows_are_consistent(bench_key: Any) -> None:
    tables = datagen.build(0.001, "argon2-hash")  # the minimum sizes
    counts = tables.counts()
    n = datagen.sizes(0.001)
    assert counts["organizations"] == n["organizations"] and counts["applications"] == n["applications"]
    assert counts["users"] == 1 + n["organizations"] + n["experts"]
    assert list(tables.columns)[:3] == ["users:admin", "organizations", "users"]  # parents before children

    orgs = [dict(zip(tables.columns["organizations"], r, strict=True)) for r in tables.rows["organizations"]]
    assert all(check_credit_code(o["credit_code"]).valid for o in orgs)
    assert len({o["credit_code"] for o in orgs}) == len(orgs)

    apps = [dict(zip(tables.columns["applications"], r, strict=True)) for r in tables.rows["applications"]]
    statuses = Counter(a["status"] for a in apps)
    assert set(statuses) == {s.value for s in ApplicationStatus}
    past_draft = [a for a in apps if a["status"] != "draft"]
    assert counts["application_versions"] == sum(a["submitted_versions"] for a in past_draft) >= len(past_draft)
    assert all(a["submitted_versions"] == 0 for a in apps if a["status"] == "draft")
    writers = apps[: workload.DRAFT_WRITERS]
    assert all(a["status"] == "draft" for a in writers) and len({a["organization_id"] for a in writers}) == len(writers)
    assert all(a["created_at"] <= a["updated_at"] for a in apps)


def _rows(tables: datagen.Tables, batch: str) -> list[dict[str, Any]]:
    return [dict(zip(tables.columns[batch], r, strict=True)) for r in tables.rows[batch]]


def test_generated_rosters_are_stored_as_an_import_stores_them(bench_key: Any) -> None:
    from skillbase.core import resident_id

    tables = datagen.build(0.05, "argon2-hash")
    rosters = {r["id"]: r for r in _rows(tables, "rosters")}
    reports = {r["id"]: r for r in _rows(tables, "monthly_reports")}
    trainees, certificates = _rows(tables, "trainee_rows"), _rows(tables, "certificate_rows")
    assert rosters and trainees and certificates
    assert all(reports[r["report_id"]]["status"] == "accepted" and r["status"] == "imported" for r in rosters.values())
    assert Counter((r["report_id"], r["kind"]) for r in rosters.values()).most_common(1)[0][1] == 1  # one imported per kind
    for kind, rows in (("trainees", trainees), ("certificates", certificates)):
        per_roster = Counter(r["roster_id"] for r in rows)
        assert all(rosters[rid]["kind"] == kind and rosters[rid]["rows_total"] == n for rid, n in per_roster.items())
    for row in certificates[:200] + trainees[:200]:
        number = resident_id.open_sealed(row["id_sealed"])
        assert resident_id.is_valid(number)
        assert row["id_hash"] == resident_id.match_hash(number) and row["id_masked"] == resident_id.mask(number)
        report = reports[row["report_id"]]
        assert report["month_no"] == row["month_no"]
        for day in [row.get("issued_on"), row.get("starts_on"), row.get("ends_on")]:
            assert day is None or report["period_starts_on"] <= day <= report["period_ends_on"]
        if "dup_key" in row:
            assert row["dup_key"] == resident_id.certificate_key(number, row["certificate_no"])
    keys = Counter(r["dup_key"] for r in certificates)
    groups = _rows(tables, "duplicate_groups")
    assert groups and all(keys[g["dup_key"]] >= 2 for g in groups)
    assert {k for k, n in keys.items() if n >= 2} == {g["dup_key"] for g in groups}
    assert {g["status"] for g in groups} == {"open", "resolved"}
    assert all((g["status"] == "resolved") == (g["reason"] is not None and g["resolved_at"] is not None) for g in groups)


def test_the_import_result_goes_through_its_json_line_into_its_section() -> None:
    result = import_bench.ImportResult(
        rows=100_000, imported=100_000, status="imported", seconds=12.5, peak_mb=210.0, before_mb=120.0, file_mb=4.2,
        readers={"python-calamine": 1.5},
    )  # fmt: skip
    line = "IMPORT_JSON " + json.dumps(import_bench.dataclasses.asdict(result))
    parsed = import_bench.parse(f"wrote 100,000 rows\n{line}\n")
    assert parsed == result and parsed.ok and parsed.rows_per_s == 8000
    text = "\n".join(import_bench.markdown(parsed))
    assert "12.5 s" in text and "210 MB" in text and "**NOT met**" not in text and "met." in text
    slow = import_bench.ImportResult(**{**import_bench.dataclasses.asdict(result), "seconds": 25.0, "imported": 99_000})
    text = "\n".join(import_bench.markdown(slow))
    assert not slow.ok and text.count("**NOT met**") == 2 and "NOT met.**" in text
    with pytest.raises(ValueError, match="IMPORT_JSON"):
        import_bench.parse("Traceback ...")


def test_parameters_are_inlined_as_postgresql_literals() -> None:
    sql = "SELECT * FROM t WHERE a = $1::UUID AND b = $2 AND c = $10 AND d IS $3 AND e = $4 AND f = ANY($5)"
    params = [uuid.UUID(int=1), "O'Brien", None, dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), [1, 2], 0, 0, 0, 0, 42]
    assert workload.inline(sql, params) == (
        "SELECT * FROM t WHERE a = '00000000-0000-0000-0000-000000000001'::UUID AND b = 'O''Brien' AND c = 42 "
        "AND d IS NULL AND e = '2026-01-02T03:04:05+00:00' AND f = ANY(ARRAY[1, 2])"
    )
    assert workload.literal(True) == "TRUE" and workload.literal({"k": "v"}) == '\'{"k": "v"}\''


def test_a_captured_request_replays_in_one_transaction_and_writes_roll_back() -> None:
    read = workload.Captured(workload.Route("x", "x", ["/a", "/b"], "admin", kind="list"))
    read.requests = [[("SELECT $1", (1,)), ("SELECT 2", ())], [("SELECT $1", (3,))]]
    assert read.scripts() == ["BEGIN;\nSELECT 1;\nSELECT 2;\nCOMMIT;\n", "BEGIN;\nSELECT 3;\nCOMMIT;\n"]
    assert read.statements_per_request == 1.5
    assert read.selects() == [("SELECT 1", 2), ("SELECT 2", 1)]  # by statement text: the same query per row shows up as 2
    write = workload.Captured(workload.Route("w", "w", ["/w"], "writer", method="PUT", kind="write"), [[("UPDATE t SET a = 1", ())]])
    assert write.scripts() == ["BEGIN;\nUPDATE t SET a = 1;\nROLLBACK;\n"]


def test_deep_offset_is_10000_at_city_scale_and_half_the_list_below() -> None:
    assert workload.deep_offset(20000) == 10000
    assert workload.deep_offset(1000) == 500


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8077
  2 threads and 16 connections
Requests/sec:    318.20
BENCH_JSON {"requests":3190,"duration_us":10025000,"bytes":9000,"p50_us":48000,"p95_us":91500,"p99_us":150250,"max_us":400000,\
"mean_us":50100.5,"connect_errors":0,"read_errors":1,"write_errors":0,"status_errors":7,"timeouts":2,"codes":{"503":5,"412":2}}
"""


def test_wrk_report_line_is_parsed() -> None:
    r = bench.wrk_result(WRK_OUTPUT)
    assert r["rps"] == pytest.approx(3190 / 10.025)
    assert (r["p50"], r["p95"], r["p99"], r["mean"]) == (48.0, 91.5, 150.25, 50.1005)
    assert r["non_2xx"] == 7 and r["codes"] == {412: 2, 503: 5} and r["socket_errors"] == 3
    with pytest.raises(ValueError, match="BENCH_JSON"):
        bench.wrk_result("unable to connect to 127.0.0.1:8077 Connection refused")


PGBENCH_OUTPUT = """pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: multiple scripts
number of clients: 16
number of transactions actually processed: 160
number of failed transactions: 0 (0.000%)
latency average = 1000.250 ms
initial connection time = 20.5 ms
tps = 15.995993 (without initial connection time)
"""


def test_pgbench_summary_is_parsed() -> None:
    assert bench.pgbench_result(PGBENCH_OUTPUT) == {"tps": 15.995993, "latency": 1000.25, "failed": 0.0}
    with pytest.raises(ValueError):
        bench.pgbench_result("pgbench: error: connection to server failed")


def test_plans_flag_seq_scans_of_large_tables_and_sorts_on_disk() -> None:
    explained = [
        {
            "Plan": {
                "Node Type": "Limit",
                "Plans": [
                    {
                        "Node Type": "Gather Merge",
                        "Plans": [
                            {
                                "Node Type": "Sort",
                                "Sort Method": "top-N heapsort",
                                "Workers": [{"Worker Number": 0, "Sort Method": "external merge", "Sort Space Used": 16000}],
                                "Plans": [{"Node Type": "Seq Scan", "Relation Name": "applications", "Parallel Aware": True}],
                            },
                            {"Node Type": "Seq Scan", "Relation Name": "calls"},
                            {"Node Type": "Index Scan", "Relation Name": "organizations"},
                        ],
                    }
                ],
            },
            "Execution Time": 142.5,
        }
    ]
    f = plans.inspect("list", "SELECT ...", explained, {"applications": 20000, "calls": 5, "organizations": 5000}, 5000)
    assert f.bad and f.top_node == "Limit" and f.execution_ms == 142.5
    assert f.seq_scans == [("applications", 20000)]  # calls is small: a seq scan there is right
    assert f.external_sorts == ["external merge Disk: 16000kB"]
    clean = plans.inspect("x", "SELECT 1", {"Plan": {"Node Type": "Index Only Scan", "Relation Name": "applications"}}, {}, 5000)
    assert not clean.bad
    assert plans.large_rows(1.0) == 5000 and plans.large_rows(0.05) == 1000


def test_serve_runs_web_concurrency_workers_unless_told_otherwise() -> None:
    assert uvicorn_config(Settings(environment="test")).workers == 1
    assert uvicorn_config(Settings(environment="test", web_concurrency=3)).workers == 3
    assert uvicorn_config(Settings(environment="test", web_concurrency=3), workers=2).workers == 2


def test_the_results_say_a_busy_machine_was_busy_and_a_quiet_one_quiet() -> None:
    assert "busy" in bench.quietness(1.6, 2) and "1.60" in bench.quietness(1.6, 2)
    assert bench.quietness(0.3, 2).startswith("The machine was quiet")
