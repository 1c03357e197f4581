"""Formal check, panel rules, conflict declarations, blind reviews, locking and reopening, the panel result,
the panel opinion and the decision — through the HTTP API on a real database."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.models import AuditEvent
from tests import factories
from tests.factories import Actor
from tests.flows import MAXED, declare, if_match, panel, passed, review_body, save, scores_totalling, submit, submitted, write_and_submit


@pytest.fixture
async def experts(session: AsyncSession, settings: Settings) -> list[Actor]:
    return [await factories.actor(session, settings, role="expert") for _ in range(5)]


# --- formal check ----------------------------------------------------------------------------------


async def test_returned_with_reasons_then_fixed_and_resubmitted(client: AsyncClient, admin: Actor, school: Actor, call: Any) -> None:
    app = await submitted(client, school, call)
    refused = await client.post(f"/api/v1/applications/{app['id']}/formal-check", headers=admin.headers, json={"decision": "return"})
    assert refused.status_code == 422  # a return needs reasons
    reasons = [{"section": "表1-2", "reason": "项目背景过于简略"}, {"section": "附件", "reason": "设备清单缺少型号"}]
    r = await client.post(
        f"/api/v1/applications/{app['id']}/formal-check", headers=admin.headers, json={"decision": "return", "reasons": reasons}
    )
    assert r.status_code == 200
    seen = (await client.get(f"/api/v1/applications/{app['id']}/formal-checks", headers=school.headers)).json()["items"]
    assert seen[0]["decision"] == "returned" and seen[0]["reasons"] == reasons
    current = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert current["status"] == "returned" and current["editable"] and "项目背景过于简略" in current["status_reason"]
    form = current["draft_form"]
    form["table_1_2"]["project_background"] = "补充：顺义区先进制造业集群对数控人才的需求"
    current = await save(client, school, current, form)
    again = await submit(client, school, current)
    assert again.status_code == 200 and again.json()["submitted_versions"] == 2
    diff = (await client.get(f"/api/v1/applications/{app['id']}/versions/1/diff/2", headers=school.headers)).json()
    assert [c["field"] for c in diff["changes"]] == ["form.table_1_2.project_background"]


async def test_only_a_submitted_application_can_be_checked(client: AsyncClient, admin: Actor, school: Actor, call: Any) -> None:
    app = await passed(client, admin, school, call)
    r = await client.post(f"/api/v1/applications/{app['id']}/formal-check", headers=admin.headers, json={"decision": "pass"})
    assert r.status_code == 409


# --- panel rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "status"), [(2, 422), (4, 422), (3, 201), (5, 201)])
async def test_panel_size_must_be_at_least_three_and_odd(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor], size: int, status: int
) -> None:
    app = await passed(client, admin, school, call)
    r = await panel(client, admin, app, experts[:size])
    assert r.status_code == status, r.text
    if status == 422:
        assert r.json()["error"]["code"] == "PANEL_INVALID"


async def test_an_expert_of_the_applicant_organisation_is_refused(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    insider = experts[0].expert
    assert insider is not None
    insider.organization_name = school.organization.name  # type: ignore[union-attr]
    await session.commit()
    app = await passed(client, admin, school, call)
    r = await panel(client, admin, app, experts[:3])
    assert r.status_code == 422 and "回避" in str(r.json()["error"]["details"])
    suggestions = (
        await client.get(f"/api/v1/applications/{app['id']}/panel/suggestions", headers=admin.headers, params={"limit": 100})
    ).json()["items"]
    flagged = {s["expert_id"]: s["excluded"] for s in suggestions}
    assert flagged[str(insider.id)] and all(s["excluded"] is None for s in suggestions if s["expert_id"] != str(insider.id))
    assert suggestions[-1]["expert_id"] == str(insider.id)  # excluded experts rank last


@pytest.mark.parametrize("link", ["name_with_region_prefix", "organization_id", "credit_code"])
async def test_an_expert_of_the_applicant_is_refused_however_the_employer_is_given(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor], link: str
) -> None:
    """Issue 7.2: "北京市" + the applicant's name, a link to the applicant's registered organisation, or its credit code."""
    org = school.organization
    insider = experts[0].expert
    assert insider is not None and org is not None
    if link == "name_with_region_prefix":
        insider.organization_name = "北京市 " + org.name.replace("(", "（")
    elif link == "organization_id":
        insider.organization_name, insider.organization_id = "某单位（简称）", org.id
    else:
        insider.organization_name, insider.organization_credit_code = "另一个名字", org.credit_code
    await session.commit()
    app = await passed(client, admin, school, call)
    r = await panel(client, admin, app, experts[:3])
    assert r.status_code == 422 and r.json()["error"]["code"] == "PANEL_INVALID"
    assert any(insider.name in d["message"] and "回避" in d["message"] for d in r.json()["error"]["details"])
    suggestions = (
        await client.get(f"/api/v1/applications/{app['id']}/panel/suggestions", headers=admin.headers, params={"limit": 100})
    ).json()["items"]
    reason = next(s["excluded"] for s in suggestions if s["expert_id"] == str(insider.id))
    assert reason and "回避" in reason
    assert (await panel(client, admin, app, experts[1:4])).status_code == 201


async def test_an_expert_linked_to_another_organisation_of_the_same_name_core_in_another_district_may_sit(
    client: AsyncClient, session: AsyncSession, admin: Actor, call: Any, settings: Settings, experts: list[Actor]
) -> None:
    org = await factories.organization(
        session, name="顺义区第一职业学校", category="technical_school", attribute="government", qualifications=[]
    )
    applicant = await factories.actor(session, settings, role="applicant", org=org)
    assert experts[0].expert is not None
    experts[0].expert.organization_name = "朝阳区第一职业学校"
    await session.commit()
    app = await passed(client, admin, applicant, call)
    assert (await panel(client, admin, app, experts[:3])).status_code == 201


async def test_suggestions_formal_checks_and_assignments_are_pages(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    base = f"/api/v1/applications/{app['id']}"
    everyone = (await client.get(f"{base}/panel/suggestions", headers=admin.headers, params={"limit": 100})).json()
    assert everyone["total"] == len(everyone["items"]) >= 5
    window = (await client.get(f"{base}/panel/suggestions", headers=admin.headers, params={"limit": 2, "offset": 1})).json()
    assert window == {"items": everyone["items"][1:3], "total": everyone["total"], "limit": 2, "offset": 1}
    checks = (await client.get(f"{base}/formal-checks", headers=school.headers)).json()
    assert checks["total"] == 1 and checks["items"][0]["decision"] == "passed"
    assert (await panel(client, admin, app, experts[:3])).status_code == 201
    seats = (await client.get("/api/v1/reviews/assignments", headers=experts[0].headers)).json()
    assert seats["total"] == 1 and seats["items"][0]["application_id"] == app["id"]
    member = seats["items"][0]["member_id"]
    declared = await client.post(
        f"/api/v1/reviews/assignments/{member}/declaration", headers=experts[0].headers, json={"conflict": False, "note": None}
    )
    assert declared.status_code == 200 and declared.json()["member_id"] == member and declared.json()["declaration"] == "no_conflict"


async def test_suggestions_rank_by_specialty_match(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    experts[3].expert.specialties = ["电工", "数控车工"]  # type: ignore[union-attr]
    experts[4].expert.specialties = ["电工"]  # type: ignore[union-attr]
    await session.commit()
    app = await passed(client, admin, school, call)
    suggestions = (
        await client.get(f"/api/v1/applications/{app['id']}/panel/suggestions", headers=admin.headers, params={"limit": 100})
    ).json()["items"]
    ours = [s for s in suggestions if s["expert_id"] in {str(e.expert.id) for e in experts}]  # type: ignore[union-attr]
    assert ours[0]["expert_id"] == str(experts[3].expert.id) and ours[0]["match"] == 2  # type: ignore[union-attr]


async def test_a_declared_conflict_removes_the_expert_who_is_then_replaced(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    assert (await panel(client, admin, app, experts[:3])).status_code == 201
    # before declaring, the expert cannot open the application
    assert (await client.get(f"/api/v1/applications/{app['id']}", headers=experts[1].headers)).status_code == 404
    member = await declare(client, experts[1], conflict=True)
    assert (await client.get(f"/api/v1/applications/{app['id']}", headers=experts[1].headers)).status_code == 404
    r = await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=experts[1].headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "DECLARATION_REQUIRED"
    replaced = await client.post(
        f"/api/v1/applications/{app['id']}/panel/members/{member}/replace",
        headers=admin.headers,
        json={"new_expert_id": str(experts[3].expert.id), "reason": "利益冲突回避"},
    )  # type: ignore[union-attr]
    assert replaced.status_code == 200
    current = [m for m in replaced.json()["members"] if not m["removed"]]
    assert len(current) == 3 and str(experts[3].expert.id) in {m["expert_id"] for m in current}  # type: ignore[union-attr]
    assert (await client.get("/api/v1/reviews/assignments", headers=experts[1].headers)).json()["items"] == []
    suggestions = {
        s["expert_id"]: s["excluded"]
        for s in (
            await client.get(f"/api/v1/applications/{app['id']}/panel/suggestions", headers=admin.headers, params={"limit": 100})
        ).json()["items"]
    }
    assert suggestions[str(experts[1].expert.id)] == "已声明存在利益冲突"  # type: ignore[union-attr]
    assert suggestions[str(experts[0].expert.id)] == "已在本专家组"  # type: ignore[union-attr]
    assert suggestions[str(experts[4].expert.id)] is None  # type: ignore[union-attr]


# --- blind review, locking, reopening --------------------------------------------------------------


async def test_expert_b_cannot_see_expert_a_review_until_submitting_their_own(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    a, b = experts[0], experts[1]
    member_a, member_b = await declare(client, a), await declare(client, b)
    assert (await write_and_submit(client, a, member_a, review_body())).status_code == 200
    view_b = (await client.get(f"/api/v1/applications/{app['id']}/panel", headers=b.headers)).json()
    assert [r for r in view_b["reviews"] if r["member_id"] == member_a] == [] and view_b["result"] is None
    assert (await write_and_submit(client, b, member_b, review_body(scores_totalling(70), recommend=False))).status_code == 200
    view_b = (await client.get(f"/api/v1/applications/{app['id']}/panel", headers=b.headers)).json()
    assert {r["member_id"] for r in view_b["reviews"]} == {member_a, member_b}
    assert view_b["members"][0]["mobile"] is None  # experts do not see each other's mobile numbers


async def test_a_submitted_review_is_locked_and_reopening_is_audited(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    member = await declare(client, experts[0])
    done = await write_and_submit(client, experts[0], member, review_body())
    locked = await client.put(
        f"/api/v1/reviews/assignments/{member}/review",
        headers=if_match(experts[0], done.json()["version"]),
        json=review_body(recommend=False),
    )
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "REVIEW_LOCKED"
    assert (
        await client.post(
            f"/api/v1/applications/{app['id']}/panel/members/{member}/reopen", headers=experts[0].headers, json={"reason": "x"}
        )
    ).status_code == 403
    reopened = await client.post(
        f"/api/v1/applications/{app['id']}/panel/members/{member}/reopen", headers=admin.headers, json={"reason": "评分说明不完整"}
    )
    assert reopened.status_code == 200
    review = (await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=experts[0].headers)).json()
    assert review["status"] == "draft"
    edited = await client.put(
        f"/api/v1/reviews/assignments/{member}/review", headers=if_match(experts[0], review["version"]), json=review_body(recommend=False)
    )
    assert edited.status_code == 200
    event = (
        await session.scalars(select(AuditEvent).where(AuditEvent.action == "review.reopened", AuditEvent.target_id == app["id"]))
    ).one()
    assert event.reason == "评分说明不完整" and event.actor_id == admin.user.id


async def test_an_incomplete_review_cannot_be_submitted(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    member = await declare(client, experts[0])
    over = review_body(MAXED | {"management": 99})
    review = (await client.get(f"/api/v1/reviews/assignments/{member}/review", headers=experts[0].headers)).json()
    r = await client.put(f"/api/v1/reviews/assignments/{member}/review", headers=if_match(experts[0], review["version"]), json=over)
    assert r.status_code == 422 and r.json()["error"]["code"] == "SCORES_INVALID"
    partial = {"scores": {"management": 10}}
    saved = await client.put(f"/api/v1/reviews/assignments/{member}/review", headers=if_match(experts[0], review["version"]), json=partial)
    r = await client.post(f"/api/v1/reviews/assignments/{member}/review/submit", headers=if_match(experts[0], saved.json()["version"]))
    assert r.status_code == 422 and r.json()["error"]["code"] == "REVIEW_INCOMPLETE"


# --- result, opinion, decision ---------------------------------------------------------------------


async def test_panel_result_worked_example_then_opinion_and_decision(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3], lead=experts[0])
    for expert, total, recommend in ((experts[0], 82, True), (experts[1], 75, False), (experts[2], 91, True)):
        member = await declare(client, expert)
        assert (await write_and_submit(client, expert, member, review_body(scores_totalling(total), recommend))).status_code == 200
    view = (await client.get(f"/api/v1/applications/{app['id']}/panel", headers=admin.headers)).json()
    result = view["result"]
    assert result["complete"] is True
    assert sorted(t["total"] for t in result["totals"]) == [75, 82, 91]
    assert result["mean"] == "82.67" and result["median"] == "82.00" and result["spread"] == 16
    assert result["diverges"] is False  # the call's threshold is 20 points
    assert (result["recommend_votes"], result["against_votes"], result["majority_recommends"]) == (2, 1, True)
    status = (await client.get(f"/api/v1/applications/{app['id']}", headers=admin.headers)).json()["status"]
    assert status == "reviewed"

    no_opinion = await client.post(
        f"/api/v1/applications/{app['id']}/decision", headers=admin.headers, json={"decision": "approve", "admin_opinion": "同意"}
    )
    assert no_opinion.status_code == 409 and no_opinion.json()["error"]["code"] == "PANEL_OPINION_MISSING"
    not_lead = await client.post(f"/api/v1/applications/{app['id']}/panel/opinion", headers=experts[1].headers, json={"text": "x"})
    assert not_lead.status_code == 403
    opinion = await client.post(
        f"/api/v1/applications/{app['id']}/panel/opinion",
        headers=experts[0].headers,
        json={"text": "专家组经评审和现场核查，一致认为该单位具备建设条件，建议认定。"},
    )
    assert opinion.status_code == 200 and opinion.json()["panel_opinion"].startswith("专家组")
    decided = await client.post(
        f"/api/v1/applications/{app['id']}/decision",
        headers=admin.headers,
        json={"decision": "approve", "admin_opinion": "同意拟认定，予以公示。"},
    )
    assert decided.status_code == 200 and decided.json()["decision"] == "approved"
    after = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert after["status"] == "approved"
    actions = [
        t["action"]
        for t in (await client.get(f"/api/v1/applications/{app['id']}/timeline", headers=school.headers, params={"limit": 100})).json()[
            "items"
        ]
    ]
    assert actions[-5:] == [
        "application.submitted",
        "application.formal_check_passed",
        "application.review_started",
        "application.reviewed",
        "application.approved",
    ]


async def test_a_divergent_panel_is_flagged(client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]) -> None:
    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    for expert, total in ((experts[0], 95), (experts[1], 60), (experts[2], 80)):
        member = await declare(client, expert)
        await write_and_submit(client, expert, member, review_body(scores_totalling(total)))
    result = (await client.get(f"/api/v1/applications/{app['id']}/panel", headers=admin.headers)).json()["result"]
    assert result["spread"] == 35 and result["diverges"] is True


async def test_applicants_and_experts_cannot_run_the_review(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await submitted(client, school, call)
    for who in (school, experts[0]):
        r = await client.post(f"/api/v1/applications/{app['id']}/formal-check", headers=who.headers, json={"decision": "pass"})
        assert r.status_code == 403


async def test_site_photos_are_checked_by_content_and_shared_like_the_review(
    client: AsyncClient, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    from tests.forms import PDF_BYTES, PNG_BYTES

    app = await passed(client, admin, school, call)
    await panel(client, admin, app, experts[:3])
    a, b = experts[0], experts[1]
    member_a, member_b = await declare(client, a), await declare(client, b)
    await client.get(f"/api/v1/reviews/assignments/{member_a}/review", headers=a.headers)
    url = f"/api/v1/reviews/assignments/{member_a}/review/photos"
    bad = await client.post(url, params={"filename": "x.png"}, headers=a.headers, content=PDF_BYTES)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "UNSUPPORTED_FILE_TYPE"
    photo = await client.post(url, params={"filename": "实训车间.png"}, headers=a.headers, content=PNG_BYTES)
    assert photo.status_code == 201
    photo_url = f"/api/v1/applications/{app['id']}/review-photos/{photo.json()['id']}"
    assert (await client.get(photo_url, headers=a.headers)).content == PNG_BYTES
    assert (await client.get(photo_url, headers=b.headers)).status_code == 404  # B has not submitted yet
    assert (await client.get(photo_url, headers=school.headers)).status_code == 404  # not the applicant's to see
    assert (await client.get(photo_url, headers=admin.headers)).status_code == 404  # the admin sees submitted reviews only
    assert (await write_and_submit(client, a, member_a, review_body())).status_code == 200
    assert (await client.get(photo_url, headers=admin.headers)).status_code == 200
    assert (await write_and_submit(client, b, member_b, review_body())).status_code == 200
    assert (await client.get(photo_url, headers=b.headers)).status_code == 200


# --- on a panel inserted directly (factories.panel_with_reviews) -----------------------------------


async def test_the_bureau_sees_the_totals_and_each_expert_only_their_draft_until_submitted(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await submitted(client, school, call)
    await factories.panel_with_reviews(
        session, app, experts[:3], scores=[scores_totalling(70), scores_totalling(80), scores_totalling(96)], by=admin.user
    )
    url = f"/api/v1/applications/{app['id']}/panel"
    view = (await client.get(url, headers=admin.headers)).json()
    result = view["result"]
    assert result["complete"] and sorted(t["total"] for t in result["totals"]) == [70, 80, 96]
    assert result["mean"] == "82.00" and result["median"] == "80.00" and result["spread"] == 26 and result["diverges"]
    assert result["majority_recommends"] is True
    assert all(m["mobile"] for m in view["members"])  # the bureau contacts the experts
    as_expert = (await client.get(url, headers=experts[1].headers)).json()
    assert len(as_expert["reviews"]) == 3 and as_expert["result"]["complete"]  # own review submitted: no longer blind
    assert all(m["mobile"] is None for m in as_expert["members"])
    as_school = (await client.get(url, headers=school.headers)).json()
    assert as_school["reviews"] == [] and as_school["result"] is None


async def test_a_draft_panel_is_blind_and_cannot_be_decided(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await submitted(client, school, call)
    await factories.panel_with_reviews(session, app, experts[:3], submitted=False, by=admin.user)
    url = f"/api/v1/applications/{app['id']}/panel"
    mine = (await client.get(url, headers=experts[0].headers)).json()
    assert [r["expert_name"] for r in mine["reviews"]] == [experts[0].expert.name] and mine["result"] is None  # type: ignore[union-attr]
    assert (await client.get(url, headers=admin.headers)).json()["result"]["totals"] == []
    r = await client.post(
        f"/api/v1/applications/{app['id']}/decision", headers=admin.headers, json={"decision": "approve", "admin_opinion": "同意"}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "APPLICATION_INVALID_STATE"


async def test_the_decision_is_made_on_a_reviewed_panel_with_its_opinion(
    client: AsyncClient, session: AsyncSession, admin: Actor, school: Actor, call: Any, experts: list[Actor]
) -> None:
    app = await submitted(client, school, call)
    await factories.panel_with_reviews(session, app, experts[:3], opinion="建议认定", by=admin.user)
    r = await client.post(
        f"/api/v1/applications/{app['id']}/decision", headers=admin.headers, json={"decision": "approve", "admin_opinion": "同意拟认定"}
    )
    assert r.status_code == 200, r.text
    assert (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()["status"] == "approved"
    decision = (await client.get(f"/api/v1/applications/{app['id']}/decision", headers=school.headers)).json()
    assert decision["decision"] == "approved" and decision["admin_opinion"] == "同意拟认定"
