"""The Annex 1 PDF through the API: the form's headings and the values entered; table 5 filled once decided."""

from __future__ import annotations

import io
from typing import Any

import pytest
from httpx import AsyncClient
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from tests import factories
from tests.factories import Actor
from tests.flows import approved_application, declare, panel, passed, ready_application, submit


@pytest.fixture
async def school(session: AsyncSession, settings: Settings) -> Actor:
    org = await factories.organization(
        session, name="北京市顺义区高级技工学校（测试）", category="technical_school", attribute="government", qualifications=[]
    )
    return await factories.actor(session, settings, role="applicant", org=org)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # labels in narrow cells wrap over lines, as on the printed form: compare without white space
    return "".join("".join(page.extract_text() or "" for page in reader.pages).split())


async def test_the_pdf_holds_the_form_headings_and_the_values_entered(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await ready_application(client, school, call, specialties=("数控车工", "工业机器人系统运维员"))
    draft_pdf = await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=school.headers)
    assert draft_pdf.status_code == 200 and draft_pdf.content.startswith(b"%PDF")
    assert (
        draft_pdf.headers["content-disposition"].startswith("inline;") and "%E8%8D%89%E7%A8%BF" in draft_pdf.headers["content-disposition"]
    )
    await submit(client, school, app)
    r = await client.get(f"/api/v1/applications/{app['id']}/pdf", params={"download": True}, headers=school.headers)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("attachment;")
    text = text_of(r.content)
    for heading in (
        "顺义区技能人才培训基地",
        "建设项目申报表",
        "表1-1",
        "项目单位基本情况信息",
        "表1-2",
        "表2-1",
        "表2-2",
        "表3-1-1",
        "表3-1-2",
        "表3-2-1",
        "表3-2-2",
        "表4",
        "表5",
        "专家评审意见",
        "行政部门审核意见",
    ):
        assert heading in text, heading
    for value in (
        "北京市顺义区高级技工学校（测试）",
        school.organization.credit_code,  # type: ignore[union-attr]
        "数控车工",
        "工业机器人系统运维员",
        "顺义区产业升级对技能人才需求旺盛",
        "培训体系第二年验收要点1",
        "赵师傅",
    ):
        assert value in text, value
    page = PdfReader(io.BytesIO(r.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4


async def test_a_decided_application_prints_table_5_filled(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, settings: Settings
) -> None:
    experts = [await factories.actor(session, settings, role="expert") for _ in range(3)]
    names = ["张明华", "吴秀兰", "郑国栋"]
    for e, name in zip(experts, names, strict=True):
        e.expert.name = name  # type: ignore[union-attr]
    await session.commit()
    app = await approved_application(client, admin, school, call, experts)
    admin_text = text_of((await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=admin.headers)).content)
    assert "建议认定" in admin_text and "同意拟认定" in admin_text
    assert all(n in admin_text for n in names) and "13500000000" in admin_text  # the bureau's copy carries the mobiles
    applicant_text = text_of((await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=school.headers)).content)
    assert all(n in applicant_text for n in names) and "135****0000" in applicant_text and "13500000000" not in applicant_text


async def test_an_expert_sees_the_organisations_mobiles_and_bank_account_masked_in_json_and_pdf_alike(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, settings: Settings
) -> None:
    experts = [await factories.actor(session, settings, role="expert") for _ in range(3)]
    app = await passed(client, admin, school, call)
    assert (await panel(client, admin, app, experts)).status_code == 201
    await declare(client, experts[0])
    full_mobile, full_account = "13700000000", "0101 0000 0000 0001"  # the school's contacts and account (factories)

    def org_of(r: Any) -> dict[str, Any]:
        assert r.status_code == 200, r.text
        return r.json()["organization_snapshot"]  # type: ignore[no-any-return]

    version = f"/api/v1/applications/{app['id']}/versions/1"
    seen = org_of(await client.get(version, headers=experts[0].headers))
    assert seen["legal_representative"]["mobile"] == seen["contact_person"]["mobile"] == "137****0000"
    assert seen["bank_account"] == "****0001"
    assert seen["bank_name"] == "北京农商银行顺义支行" and seen["contact_person"]["office_phone"] == "010-69400000"
    for owner in (admin, school):
        full = org_of(await client.get(version, headers=owner.headers))
        assert full["contact_person"]["mobile"] == full_mobile and full["bank_account"] == full_account

    expert_pdf = text_of((await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=experts[0].headers)).content)
    assert "137****0000" in expert_pdf and "****0001" in expert_pdf
    assert full_mobile not in expert_pdf and "".join(full_account.split()) not in expert_pdf
    for owner in (admin, school):
        text = text_of((await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=owner.headers)).content)
        assert full_mobile in text and "".join(full_account.split()) in text


async def test_another_organisations_pdf_answers_404(client: AsyncClient, school: Actor, other_applicant: Actor, call: Any) -> None:
    app = await ready_application(client, school, call)
    assert (await client.get(f"/api/v1/applications/{app['id']}/pdf", headers=other_applicant.headers)).status_code == 404
    assert (await client.get(f"/api/v1/applications/{app['id']}/pdf", params={"version": 3}, headers=school.headers)).status_code == 404


async def test_a_second_request_for_the_same_pdf_is_served_from_the_cache(client: AsyncClient, app: Any, school: Actor, call: Any) -> None:
    renderer = app.state.pdf_renderer
    application = await ready_application(client, school, call)
    url = f"/api/v1/applications/{application['id']}/pdf"
    first = await client.get(url, headers=school.headers)
    second = await client.get(url, params={"download": True}, headers=school.headers)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert (renderer.renders, renderer.cache_hits) == (1, 1)
    assert second.headers["content-disposition"].startswith("attachment;") and second.headers["cache-control"] == "no-store"
    await submit(client, school, application)  # version 1 now prints, not the draft: another document
    assert (await client.get(url, headers=school.headers)).status_code == 200
    assert (renderer.renders, renderer.cache_hits) == (2, 1)


async def test_the_database_connection_is_given_back_before_the_render(
    client: AsyncClient, app: Any, db: Any, school: Actor, call: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    application = await ready_application(client, school, call)
    sessions: list[AsyncSession] = []
    make_session = db.sessionmaker

    def recording() -> AsyncSession:
        s: AsyncSession = make_session()
        sessions.append(s)
        return s

    holding: list[bool] = []

    async def render(document: Any) -> bytes:
        holding.append(any(s.in_transaction() for s in sessions))
        return b"%PDF-1.4 rendered"

    monkeypatch.setattr(db, "sessionmaker", recording)
    monkeypatch.setattr(app.state.pdf_renderer, "_render", render)
    r = await client.get(f"/api/v1/applications/{application['id']}/pdf", headers=school.headers)
    assert r.status_code == 200 and r.content == b"%PDF-1.4 rendered"
    assert sessions and holding == [False]  # the request's session had ended its transaction when the render ran
