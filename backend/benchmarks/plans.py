"""EXPLAIN check of every list query of the benchmark on the generated data.

Each SELECT a list route sends (captured by workload.py, parameters inlined) runs under
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) as the schema owner, in a transaction rolled back after. Reported: sequential
scans of large tables (at least LARGE_ROWS rows at city scale, scaled down with BENCH_SCALE) and sorts that spill to
disk ("Sort Method: external ..."), each with the statement's execution time.

    python backend/benchmarks/plans.py [--strict]   # on the database `make bench` generated; --strict: exit 1 on a finding

`make bench` writes the same section into RESULTS.md (and fails only with `--strict`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datagen
import workload

LARGE_ROWS = 5000


@dataclass
class Finding:
    route: str
    sql: str
    execution_ms: float
    seq_scans: list[tuple[str, int]] = field(default_factory=list)  # (table, rows in the table)
    external_sorts: list[str] = field(default_factory=list)  # "external merge  Disk: 16000kB"
    top_node: str = ""
    times: int = 1  # how many times one load of the route sends it

    @property
    def bad(self) -> bool:
        return bool(self.seq_scans or self.external_sorts)


def walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from walk(child)


def inspect(route: str, sql: str, explained: list[dict[str, Any]] | dict[str, Any], table_rows: dict[str, int], large: int) -> Finding:
    """Findings in one EXPLAIN (FORMAT JSON) result: seq scans of tables of at least `large` rows, sorts on disk."""
    top = explained[0] if isinstance(explained, list) else explained
    finding = Finding(route, sql, float(top.get("Execution Time", 0.0)), top_node=top["Plan"]["Node Type"])
    for node in walk(top["Plan"]):
        if node.get("Actual Loops", 1) == 0:
            continue  # "never executed": a branch the statement did not take (a CASE's count sub-select), not a scan
        if node["Node Type"] == "Seq Scan":
            table = node.get("Relation Name", "?")
            rows = table_rows.get(table, 0)
            if rows >= large:
                finding.seq_scans.append((table, rows))
        for sort in [node, *node.get("Workers", [])]:
            method = str(sort.get("Sort Method", ""))
            if "external" in method:
                finding.external_sorts.append(f"{method} Disk: {sort.get('Sort Space Used', '?')}kB")
    return finding


def large_rows(factor: float) -> int:
    return max(1000, round(LARGE_ROWS * factor))


async def explain_all(owner_url: str, queries: list[tuple[str, str, int]], factor: float) -> list[Finding]:
    import asyncpg

    conn = await asyncpg.connect(datagen.plain(owner_url))
    try:
        table_rows = {
            r["relname"]: int(r["reltuples"])
            for r in await conn.fetch(
                "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
            )
        }
        out = []
        for route, sql, times in queries:
            tx = conn.transaction()
            await tx.start()
            try:
                raw = await conn.fetchval(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            finally:
                await tx.rollback()
            finding = inspect(route, sql, json.loads(raw) if isinstance(raw, str) else raw, table_rows, large_rows(factor))
            finding.times = times
            out.append(finding)
        return out
    finally:
        await conn.close()


def list_queries(prepared: workload.Prepared) -> list[tuple[str, str, int]]:
    """(route title, SQL, times sent per load) of every distinct SELECT each list route sends."""
    return [
        (captured.route.title, sql, times)
        for captured in prepared.captured.values()
        if captured.route.is_list
        for sql, times in captured.selects()
    ]


def markdown(findings: list[Finding], factor: float) -> list[str]:
    bad = [f for f in findings if f.bad]
    lines = [
        "## Plans of the list queries",
        "",
        f"EXPLAIN (ANALYZE, BUFFERS) of the {len(findings)} distinct SELECTs the list routes send, on the generated data. "
        f"Flagged: a sequential scan of a table of at least {large_rows(factor):,} rows, a sort spilling to disk. "
        f"**{len(bad)} of {len(findings)} flagged.** (`python backend/benchmarks/plans.py --strict` exits 1 while any is.)",
        "",
        "| route | statement | sent per load | top node | exec ms | seq scans of large tables | sorts on disk |",
        "|---|---|---:|---|---:|---|---|",
    ]
    for f in findings:
        seq = ", ".join(f"{t} ({n:,} rows)" for t, n in f.seq_scans) or "—"
        sorts = ", ".join(f.external_sorts) or "—"
        lines.append(f"| {f.route} | `{_short(f.sql)}` | {f.times} | {f.top_node} | {f.execution_ms:.1f} | {seq} | {sorts} |")
    return lines


def _short(sql: str, width: int = 90) -> str:
    flat = " ".join(sql.split()).replace("|", "\\|").replace("`", "'")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a plan scans a large table sequentially or sorts on disk")
    args = parser.parse_args()
    owner_url, app_url = datagen.database_urls()
    prepared = workload.prepare(owner_url, app_url, str(datagen.ROOT / ".data/bench-uploads"))
    factor = prepared.fixtures.total_applications / datagen.CITY["applications"]
    findings = asyncio.run(explain_all(owner_url, list_queries(prepared), factor))
    print("\n".join(markdown(findings, factor)))
    return 1 if args.strict and any(f.bad for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
