"""Rosters of monthly reports (issue 10 B): template, upload, all-or-nothing import, replacement, duplicates across
months and bases, reveal, and who may see what."""

from __future__ import annotations

import asyncio
import io
import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.db import Database
from skillbase.models import AuditEvent, CertificateRow, DuplicateGroup, Roster, TraineeRow
from skillbase.models.enums import RosterKind, RosterStatus
from skillbase.rosters import rules
from skillbase.rosters import service as rosters
from tests import factories
from tests.factories import Actor, resident_id

API = "/api/v1"
CERT_HEADER = [c.header for c in rules.CERTIFICATE_COLUMNS]
TRAINEE_HEADER = [c.header for c in rules.TRAINEE_COLUMNS]
EIGHTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")


def cert_row(number: str, cert_no: str, issued: date, **over: Any) -> list[Any]:
    row = {"姓名": "李四", "身份证号码": number, "证书类别": "职业技能等级证书", "职业（工种）": "电工", "等级": "高级工"}
    row |= {"证书编号": cert_no, "发证日期": issued, "发证机构": "顺义区职业技能鉴定中心", **over}
    return [row[h] for h in CERT_HEADER]


def trainee_row(number: str, ends: date, **over: Any) -> list[Any]:
    row = {"姓名": "王五", "身份证号码": number, "职业（工种）": "电工", "培训项目": "电工提升班", "开始日期": ends - timedelta(days=3)}
    row |= {"结束日期": ends, "是否结业": "是", "是否参与满意度调查": "是", "是否满意": "是", **over}
    return [row[h] for h in TRAINEE_HEADER]


def xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(header: list[str], rows: list[list[Any]], encoding: str) -> bytes:
    lines = [",".join(header)] + [
        ",".join("" if c is None else (c.isoformat() if isinstance(c, date) else str(c)) for c in r) for r in rows
    ]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


async def upload(client: AsyncClient, who: Actor, report: Any, kind: str, content: bytes, name: str = "名册.xlsx") -> Response:
    return await client.post(f"{API}/reports/{report.id}/rosters/{kind}", params={"filename": name}, content=content, headers=who.headers)


async def imported(client: AsyncClient, who: Actor, report: Any, kind: str, content: bytes, name: str = "名册.xlsx") -> dict[str, Any]:
    r = await upload(client, who, report, kind, content, name)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "queued"
    done = await client.get(f"{API}/rosters/{r.json()['id']}", headers=who.headers)  # the import ran after the answer
    assert done.status_code == 200
    return done.json()


async def base_report(session: AsyncSession, who: Actor, month_no: int = 1, *, base: Any = None) -> Any:
    base = base or await factories.recognised_base(session, org=who.organization)
    return await factories.monthly_report(session, base, month_no)


def in_period(report: Any, days: int = 0) -> date:
    return report.period_starts_on + timedelta(days=days)


# --- template --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "header"), [("trainees", TRAINEE_HEADER), ("certificates", CERT_HEADER)])
async def test_the_template_has_chinese_headers_a_sample_row_drop_down_lists_and_notes(
    client: AsyncClient, applicant: Actor, kind: str, header: list[str]
) -> None:
    r = await client.get(f"{API}/rosters/templates/{kind}", headers=applicant.headers)
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    sheet, notes = wb.worksheets
    assert [c.value for c in sheet[1]] == header
    assert all(c.value is not None for c in sheet[2] if c.column_letter != "Z")  # the sample row is filled in
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    if kind == "trainees":
        assert '"是,否"' in lists
    else:
        assert any("职业技能等级证书" in f for f in lists) and any("高级技师" in f for f in lists)
    dates = [c for c in sheet[2] if header[c.column - 1] in ("开始日期", "结束日期", "发证日期")]
    assert dates and all(c.number_format == "yyyy-mm-dd" for c in dates)
    assert {row[0].value for row in notes.iter_rows(min_row=2) if row[0].value} >= set(header)


# --- the import: all or nothing --------------------------------------------------------------------------------


async def test_a_good_certificate_roster_imports_every_row_with_masked_ids(
    client: AsyncClient, session: AsyncSession, applicant: Actor
) -> None:
    report = await base_report(session, applicant)
    numbers = [resident_id("19900101", i) for i in range(1, 4)]
    roster = await imported(
        client, applicant, report, "certificates", xlsx(CERT_HEADER, [cert_row(n, f"C{n[-4:]}", in_period(report)) for n in numbers])
    )
    assert roster["status"] == "imported" and roster["rows_total"] == 3 and roster["rows_processed"] == 3 and roster["error_count"] == 0
    r = await client.get(f"{API}/reports/{report.id}/rosters/certificates/rows", headers=applicant.headers)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 3 and body["roster_id"] == roster["id"]
    assert [i["id_masked"] for i in body["items"]] == [f"{n[:6]}********{n[-4:]}" for n in numbers]
    assert all(i["duplicate"] is None for i in body["items"])
    stored = (await session.scalars(select(CertificateRow.id_sealed).where(CertificateRow.report_id == report.id))).all()
    assert all(numbers[0].encode() not in s for s in stored)  # sealed, not in clear


async def test_a_roster_with_one_bad_row_imports_nothing_and_names_the_row_and_column_then_the_fixed_file_imports(
    client: AsyncClient, session: AsyncSession, applicant: Actor
) -> None:
    report = await base_report(session, applicant)
    good = [cert_row(resident_id("19900101", i), f"C{i}", in_period(report)) for i in range(1, 5)]
    bad = resident_id("19900101", 9)
    bad = bad[:17] + ("0" if bad[17] != "0" else "1")
    rows = [*good[:2], cert_row(bad, "C9", in_period(report)), *good[2:]]
    failed = await imported(client, applicant, report, "certificates", xlsx(CERT_HEADER, rows))
    assert failed["status"] == "failed" and failed["error_count"] == 1
    assert failed["errors"] == [{"row": 4, "column": "身份证号码", "code": "check_digit", "message": failed["errors"][0]["message"]}]
    assert await session.scalar(select(func.count()).select_from(CertificateRow).where(CertificateRow.report_id == report.id)) == 0

    report_file = await client.get(f"{API}/rosters/{failed['id']}/errors", headers=applicant.headers)
    assert report_file.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(report_file.content)).active
    assert sheet.cell(1, len(CERT_HEADER) + 1).value == "错误说明"
    assert "校验位" in sheet.cell(4, len(CERT_HEADER) + 1).value and sheet.cell(3, len(CERT_HEADER) + 1).value is None

    rows[2] = cert_row(resident_id("19900101", 9), "C9", in_period(report))
    fixed = await imported(client, applicant, report, "certificates", xlsx(CERT_HEADER, rows))
    assert fixed["status"] == "imported"
    assert await session.scalar(select(func.count()).select_from(CertificateRow).where(CertificateRow.report_id == report.id)) == 5
    ok = await client.get(f"{API}/rosters/{fixed['id']}/errors", headers=applicant.headers)
    assert ok.status_code == 409 and ok.json()["error"]["code"] == "ROSTER_HAS_NO_ERRORS"


async def test_dates_a_day_outside_the_period_fail_the_roster(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    report = await base_report(session, applicant)
    before, after = (report.period_starts_on - timedelta(days=1), report.period_ends_on + timedelta(days=1))
    rows = [
        trainee_row(resident_id(seq=1), before),
        trainee_row(resident_id(seq=2), after),
        trainee_row(resident_id(seq=3), report.period_ends_on),
    ]
    roster = await imported(client, applicant, report, "trainees", xlsx(TRAINEE_HEADER, rows))
    assert roster["status"] == "failed"
    assert [(e["row"], e["column"], e["code"]) for e in roster["errors"]] == [
        (2, "结束日期", "outside_period"),
        (3, "结束日期", "outside_period"),
    ]


async def test_a_missing_column_fails_the_file_with_one_error(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    report = await base_report(session, applicant)
    roster = await imported(
        client, applicant, report, "certificates", xlsx(CERT_HEADER[:-1], [cert_row(resident_id(), "C1", in_period(report))[:-1]])
    )
    assert roster["status"] == "failed" and roster["errors"][0]["code"] == "missing_column" and roster["errors"][0]["column"] == "发证机构"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
async def test_a_csv_roster_in_gb18030_or_utf8_imports(client: AsyncClient, session: AsyncSession, applicant: Actor, encoding: str) -> None:
    report = await base_report(session, applicant)
    rows = [trainee_row(resident_id(seq=i), in_period(report, 1), 姓名="欧阳娜娜") for i in range(1, 3)]
    roster = await imported(client, applicant, report, "trainees", csv_bytes(TRAINEE_HEADER, rows, encoding), name="名册.csv")
    assert roster["status"] == "imported", roster["errors"]
    names = (await session.scalars(select(TraineeRow.name).where(TraineeRow.report_id == report.id))).all()
    assert names == ["欧阳娜娜", "欧阳娜娜"]


async def test_a_file_that_is_no_spreadsheet_is_refused(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    report = await base_report(session, applicant)
    r = await upload(client, applicant, report, "trainees", b"%PDF-1.4 not a roster", "x.csv")
    assert r.status_code == 422 and r.json()["error"]["code"] == "UNSUPPORTED_FILE_TYPE"


async def test_a_new_upload_replaces_the_imported_roster_of_its_kind(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    report = await base_report(session, applicant)
    first = await imported(
        client,
        applicant,
        report,
        "trainees",
        xlsx(TRAINEE_HEADER, [trainee_row(resident_id(seq=i), in_period(report)) for i in range(1, 4)]),
    )
    second = await imported(
        client, applicant, report, "trainees", xlsx(TRAINEE_HEADER, [trainee_row(resident_id(seq=7), in_period(report))])
    )
    assert second["status"] == "imported"
    assert (await session.get(Roster, uuid.UUID(first["id"]), populate_existing=True)).status is RosterStatus.replaced
    assert await session.scalar(select(func.count()).select_from(TraineeRow).where(TraineeRow.report_id == report.id)) == 1
    both = (await client.get(f"{API}/reports/{report.id}/rosters/trainees", headers=applicant.headers)).json()
    assert both["imported"]["id"] == second["id"] == both["latest"]["id"]


async def test_a_report_no_longer_editable_refuses_uploads(client: AsyncClient, session: AsyncSession, applicant: Actor) -> None:
    base = await factories.recognised_base(session, org=applicant.organization)
    report = await factories.monthly_report(session, base, 1, status="submitted")
    r = await upload(client, applicant, report, "trainees", xlsx(TRAINEE_HEADER, []))
    assert r.status_code == 409 and r.json()["error"]["code"] == "REPORT_NOT_EDITABLE"


# --- duplicates ------------------------------------------------------------------------------------------------


async def test_the_same_certificate_in_two_months_forms_a_group_that_counts_nowhere_until_resolved(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor
) -> None:
    base = await factories.recognised_base(session, org=applicant.organization)
    month1, month2 = (await factories.monthly_report(session, base, 1), await factories.monthly_report(session, base, 2))
    number = resident_id("19880808", 5)
    await imported(client, applicant, month1, "certificates", xlsx(CERT_HEADER, [cert_row(number, "DUP-1", in_period(month1))]))
    await imported(client, applicant, month2, "certificates", xlsx(CERT_HEADER, [cert_row(number, "dup-1", in_period(month2))]))

    listing = await client.get(f"{API}/duplicates", params={"status": "open"}, headers=admin.headers)
    assert listing.status_code == 200
    [group] = listing.json()["items"]
    assert group["spans_bases"] is False and sorted(r["month_no"] for r in group["rows"]) == [1, 2]
    assert {r["base_title"] for r in group["rows"]} == {base.title}
    rows = (await client.get(f"{API}/reports/{month2.id}/rosters/certificates/rows", headers=applicant.headers)).json()["items"]
    assert [r["duplicate"] for r in rows] == ["open"]

    counted = min(r["id"] for r in group["rows"])
    r = await client.post(
        f"{API}/duplicates/{group['id']}/resolve", json={"counted_row_id": counted, "reason": "第二个月重复填报"}, headers=admin.headers
    )
    assert r.status_code == 200 and r.json()["status"] == "resolved" and r.json()["counted_row_id"] == counted
    stored = await session.get(DuplicateGroup, uuid.UUID(group["id"]), populate_existing=True)
    assert stored.counted_row_id == counted and stored.reason == "第二个月重复填报"
    audit = await session.scalar(select(AuditEvent).where(AuditEvent.action == "duplicate.resolved", AuditEvent.target_id == group["id"]))
    assert audit is not None and audit.actor_id == admin.user.id
    by_month = {
        m.id: (await client.get(f"{API}/reports/{m.id}/rosters/certificates/rows", headers=applicant.headers)).json()["items"][0][
            "duplicate"
        ]
        for m in (month1, month2)
    }
    assert by_month == {month1.id: "counted", month2.id: "not_counted"}

    again = await client.post(
        f"{API}/duplicates/{group['id']}/resolve", json={"counted_row_id": None, "reason": "再次"}, headers=admin.headers
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "DUPLICATE_ALREADY_RESOLVED"
    assert (await client.get(f"{API}/duplicates", headers=applicant.headers)).status_code == 403


async def test_the_same_certificate_in_two_bases_spans_bases_and_a_new_row_reopens_a_resolved_group(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor, admin: Actor
) -> None:
    mine, theirs = (await base_report(session, applicant), await base_report(session, other_applicant))
    number = resident_id("19770707", 3)
    await imported(client, applicant, mine, "certificates", xlsx(CERT_HEADER, [cert_row(number, "X-9", in_period(mine))]))
    await imported(
        client, other_applicant, theirs, "certificates", xlsx(CERT_HEADER, [cert_row(number, "X-9", in_period(theirs), 姓名="李小四")])
    )
    [group] = (await client.get(f"{API}/duplicates", params={"spans_bases": "true"}, headers=admin.headers)).json()["items"]
    assert group["spans_bases"] is True and len(group["rows"]) == 2
    assert (
        await client.post(
            f"{API}/duplicates/{group['id']}/resolve", json={"counted_row_id": None, "reason": "均不计入"}, headers=admin.headers
        )
    ).status_code == 200

    # the other organisation sees its row flagged, never the first base's data
    r = await client.get(f"{API}/reports/{theirs.id}/rosters/certificates/rows", headers=other_applicant.headers)
    assert r.json()["items"][0]["duplicate"] == "not_counted" and "李四" not in r.text.replace("李小四", "")
    assert (await client.get(f"{API}/duplicates/{group['id']}", headers=other_applicant.headers)).status_code == 403

    third = await factories.monthly_report(session, await factories.recognised_base(session, org=applicant.organization), 1)
    await imported(client, applicant, third, "certificates", xlsx(CERT_HEADER, [cert_row(number, "X-9", in_period(third))]))
    reopened = (await client.get(f"{API}/duplicates/{group['id']}", headers=admin.headers)).json()
    assert reopened["status"] == "open" and len(reopened["rows"]) == 3 and reopened["counted_row_id"] is None


async def test_replacing_a_roster_dissolves_a_group_left_with_one_row(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor
) -> None:
    base = await factories.recognised_base(session, org=applicant.organization)
    month1, month2 = (await factories.monthly_report(session, base, 1), await factories.monthly_report(session, base, 2))
    number = resident_id("19660606", 8)
    await imported(client, applicant, month1, "certificates", xlsx(CERT_HEADER, [cert_row(number, "K1", in_period(month1))]))
    await imported(client, applicant, month2, "certificates", xlsx(CERT_HEADER, [cert_row(number, "K1", in_period(month2))]))
    assert await session.scalar(select(func.count()).select_from(DuplicateGroup)) == 1
    await imported(client, applicant, month2, "certificates", xlsx(CERT_HEADER, [cert_row(number, "K2", in_period(month2))]))
    assert await session.scalar(select(func.count()).select_from(DuplicateGroup)) == 0
    left = (
        await session.execute(select(CertificateRow.month_no, CertificateRow.duplicate_group_id).where(CertificateRow.base_id == base.id))
    ).all()
    assert sorted(left) == [(1, None), (2, None)]


async def test_the_same_certificate_twice_in_one_roster_is_an_error_not_a_group(
    client: AsyncClient, session: AsyncSession, applicant: Actor
) -> None:
    report = await base_report(session, applicant)
    number = resident_id(seq=4)
    roster = await imported(
        client,
        applicant,
        report,
        "certificates",
        xlsx(CERT_HEADER, [cert_row(number, "A1", in_period(report)), cert_row(number, "A1", in_period(report))]),
    )
    assert roster["status"] == "failed" and roster["errors"][0]["code"] == "duplicate_in_roster" and roster["errors"][0]["row"] == 3
    assert await session.scalar(select(func.count()).select_from(DuplicateGroup)) == 0


# --- personal data and access ----------------------------------------------------------------------------------


async def test_reveal_is_for_full_personal_data_holders_and_audited_without_the_number(
    client: AsyncClient, session: AsyncSession, applicant: Actor, admin: Actor
) -> None:
    report = await base_report(session, applicant)
    number = resident_id("19950505", 6)
    await imported(client, applicant, report, "certificates", xlsx(CERT_HEADER, [cert_row(number, "R1", in_period(report))]))
    row_id = await session.scalar(select(CertificateRow.id).where(CertificateRow.report_id == report.id))
    denied = await client.post(f"{API}/roster-rows/certificates/{row_id}/reveal", headers=applicant.headers)
    assert denied.status_code == 404
    r = await client.post(f"{API}/roster-rows/certificates/{row_id}/reveal", headers=admin.headers)
    assert r.status_code == 200 and r.json() == {"row_id": row_id, "id_number": number}
    event = await session.scalar(select(AuditEvent).where(AuditEvent.action == "roster_row.revealed", AuditEvent.target_id == str(row_id)))
    assert event is not None and event.actor_id == admin.user.id and event.target_type == "certificates_row"
    audit_text = (await session.execute(text("SELECT row_to_json(a)::text FROM audit_events a"))).scalars().all()
    assert not any(number in t for t in audit_text)


async def test_an_applicant_never_receives_an_unmasked_id_from_any_roster_route(
    client: AsyncClient, session: AsyncSession, applicant: Actor
) -> None:
    report = await base_report(session, applicant)
    numbers = [resident_id("19910203", i) for i in range(1, 3)]
    good = await imported(
        client, applicant, report, "certificates", xlsx(CERT_HEADER, [cert_row(n, f"M{n[-3:]}", in_period(report)) for n in numbers])
    )
    bad_rows = [cert_row(numbers[0], "Z1", in_period(report)), cert_row(numbers[1], "Z2", report.period_ends_on + timedelta(days=3))]
    bad = await imported(client, applicant, report, "certificates", xlsx(CERT_HEADER, bad_rows))
    row_id = await session.scalar(select(CertificateRow.id).where(CertificateRow.report_id == report.id))
    bodies = [
        await client.get(f"{API}/rosters/{good['id']}", headers=applicant.headers),
        await client.get(f"{API}/rosters/{bad['id']}", headers=applicant.headers),
        await client.get(f"{API}/reports/{report.id}/rosters/certificates", headers=applicant.headers),
        await client.get(f"{API}/reports/{report.id}/rosters/certificates/rows", headers=applicant.headers),
        await client.post(f"{API}/roster-rows/certificates/{row_id}/reveal", headers=applicant.headers),
    ]
    assert all(b.headers["content-type"].startswith("application/json") for b in bodies)
    assert not [b.text for b in bodies if EIGHTEEN_DIGITS.search(b.text)]


async def test_another_organisations_report_roster_and_row_answer_404(
    client: AsyncClient, session: AsyncSession, applicant: Actor, other_applicant: Actor
) -> None:
    report = await base_report(session, applicant)
    roster = await imported(
        client, applicant, report, "certificates", xlsx(CERT_HEADER, [cert_row(resident_id(seq=2), "O1", in_period(report))])
    )
    row_id = await session.scalar(select(CertificateRow.id).where(CertificateRow.report_id == report.id))
    them = other_applicant.headers
    answers = [
        await client.get(f"{API}/reports/{report.id}/rosters/certificates", headers=them),
        await client.get(f"{API}/reports/{report.id}/rosters/certificates/rows", headers=them),
        await client.post(f"{API}/reports/{report.id}/rosters/certificates", params={"filename": "a.xlsx"}, content=b"x", headers=them),
        await client.get(f"{API}/rosters/{roster['id']}", headers=them),
        await client.get(f"{API}/rosters/{roster['id']}/errors", headers=them),
        await client.post(f"{API}/roster-rows/certificates/{row_id}/reveal", headers=them),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)


# --- exactly once ----------------------------------------------------------------------------------------------


async def test_the_import_is_claimed_once_when_two_importers_race(app_url: str, migrated_url: str, settings: Settings) -> None:
    """On a real PostgreSQL with committed rows: two importers started at once, one imports, the other finds nothing."""
    from sqlalchemy.ext.asyncio import create_async_engine

    from skillbase.files.storage import storage_for

    real = Database.from_url(app_url)
    owner = create_async_engine(migrated_url)
    ids: dict[str, Any] = {}
    try:
        async with real.transaction() as s:
            org = await factories.organization(s)
            uploader = await factories.user(s, role="applicant", org=org)
            ids["org"] = org.id
            report = await factories.monthly_report(s, await factories.recognised_base(s, org=org), 1)
            ids |= {"report": report.id, "base": report.base_id}
            content = xlsx(CERT_HEADER, [cert_row(resident_id(seq=i), f"RACE{i}", in_period(report)) for i in range(1, 30)])
            path = storage_for(settings).path_for(f"rosters/race-{uuid.uuid4().hex}")  # type: ignore[attr-defined]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            roster = Roster(
                report_id=report.id,
                base_id=report.base_id,
                kind=RosterKind.certificates,
                original_name="race.xlsx",
                content_type=rules_xlsx(),
                size_bytes=len(content),
                sha256="0" * 64,
                storage_key=str(path.relative_to(storage_for(settings).root)),
                uploaded_by_id=uploader.id,
                errors=[],  # type: ignore[attr-defined]
            )
            s.add(roster)
            await s.flush()
            ids["roster"] = roster.id
        results = await asyncio.gather(
            rosters.import_roster(real, settings, ids["roster"]), rosters.import_roster(real, settings, ids["roster"])
        )
        assert sorted(results, key=lambda r: r is None) == [ids["roster"], None]
        async with real.transaction() as s:
            status = await s.scalar(select(Roster.status).where(Roster.id == ids["roster"]))
            count = await s.scalar(select(func.count()).select_from(CertificateRow).where(CertificateRow.roster_id == ids["roster"]))
        assert status is RosterStatus.imported and count == 29
    finally:
        await real.dispose()
        async with owner.begin() as conn:
            await _remove_committed(conn, ids)
        await owner.dispose()


def rules_xlsx() -> str:
    from skillbase.files.sniff import XLSX

    return XLSX


async def _remove_committed(conn: Any, ids: dict[str, Any]) -> None:
    if "org" not in ids:
        return
    p = {"org": ids["org"], "base": ids.get("base"), "report": str(ids.get("report"))}
    for sql in (
        # versions and the audit trail are immutable by trigger; the owner (a superuser here) sets them aside to clean up
        "SET LOCAL session_replication_role = replica",
        "DELETE FROM certificate_rows WHERE base_id = :base",
        "DELETE FROM rosters WHERE base_id = :base",
        "DELETE FROM monthly_reports WHERE base_id = :base",
        "CREATE TEMP TABLE _gone AS SELECT b.id AS base, b.application_id AS app, b.recognition_id AS rec, b.call_id AS call,"
        " r.notice_id AS notice, r.issued_by_id AS admin FROM bases b JOIN recognitions r ON r.id = b.recognition_id WHERE b.id = :base",
        "DELETE FROM base_month_figures WHERE base_id = :base",  # the import refreshed the base's indicators
        "DELETE FROM base_progress WHERE base_id = :base",
        "DELETE FROM bases WHERE id = :base",
        "DELETE FROM recognitions WHERE id IN (SELECT rec FROM _gone)",
        "DELETE FROM notice_items WHERE application_id IN (SELECT app FROM _gone)",
        "DELETE FROM publicity_notices WHERE id IN (SELECT notice FROM _gone)",
        "DELETE FROM application_versions WHERE application_id IN (SELECT app FROM _gone)",
        "DELETE FROM applications WHERE id IN (SELECT app FROM _gone)",
        "DELETE FROM calls WHERE id IN (SELECT call FROM _gone)",
        "DELETE FROM audit_events WHERE target_id = :report",
        "DELETE FROM users WHERE organization_id = :org OR id IN (SELECT admin FROM _gone)",
        "DROP TABLE _gone",
        "DELETE FROM organizations WHERE id = :org",
        # the status counter's trigger did not fire for the delete above (replica role): count again
        "DELETE FROM application_status_counts",
        "INSERT INTO application_status_counts (status, n) SELECT status, count(*) FROM applications GROUP BY status",
    ):
        await conn.execute(text(sql), {k: v for k, v in p.items() if f":{k}" in sql})


async def test_the_worker_imports_a_roster_left_queued(session: AsyncSession, db: Database, settings: Settings, applicant: Actor) -> None:
    """An upload whose import did not start in the API process (it stopped first) is imported by the worker's cycle."""
    from skillbase.files.sniff import XLSX
    from skillbase.files.storage import LocalStorage
    from skillbase.jobs import PERIODIC_JOBS
    from skillbase.notifications.worker import LogSender, run_once

    report = await base_report(session, applicant)
    content = xlsx(CERT_HEADER, [cert_row(resident_id(seq=i), f"W{i}", in_period(report)) for i in range(1, 4)])
    key = f"rosters/worker-{uuid.uuid4().hex}"
    storage = LocalStorage(Path(settings.upload_dir))
    storage.path_for(key).parent.mkdir(parents=True, exist_ok=True)
    storage.path_for(key).write_bytes(content)
    roster = Roster(
        report_id=report.id, base_id=report.base_id, kind=RosterKind.certificates, original_name="w.xlsx", content_type=XLSX,
        size_bytes=len(content), sha256="0" * 64, storage_key=key, uploaded_by_id=applicant.user.id, errors=[],
    )  # fmt: skip
    session.add(roster)
    await session.commit()
    await run_once(db, settings, LogSender(), PERIODIC_JOBS)
    assert (await session.get(Roster, roster.id, populate_existing=True)).status is RosterStatus.imported
    assert await session.scalar(select(func.count()).select_from(CertificateRow).where(CertificateRow.roster_id == roster.id)) == 3
