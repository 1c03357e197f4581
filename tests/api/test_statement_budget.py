"""Statement budgets of the hottest reads and writes (issue 9): each request sends a fixed, small number of SQL
statements, whatever the data holds (attachments, a long form). A change that adds a round trip fails here.

Authenticating a request is one statement (the caller's row and their login's liveness together); the budgets below
are whole requests. Transaction control (BEGIN, COMMIT, and the savepoints the test transaction adds) is not counted,
as the benchmark does not count it either."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.factories import Actor
from tests.flows import REQUIRED_SLOTS, create, if_match, save, upload
from tests.forms import complete_form

AUTHENTICATION = 1
DETAIL = AUTHENTICATION + 1  # application, call and organisation names, attachments: one statement
DRAFT_SAVE = AUTHENTICATION + 1  # one UPDATE … RETURNING the detail
ME_WITH_ORGANIZATION = AUTHENTICATION + 1
ME_WITHOUT_ORGANIZATION = AUTHENTICATION

_TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")


class Statements:
    def __init__(self) -> None:
        self.sent: list[str] | None = None

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if self.sent is not None and not statement.lstrip().upper().startswith(_TRANSACTION_CONTROL):
            self.sent.append(statement)

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.sent = []
        try:
            yield self.sent
        finally:
            self.sent = None


@pytest.fixture
def statements(engine: AsyncEngine) -> Iterator[Statements]:
    counter = Statements()
    event.listen(engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine.sync_engine, "before_cursor_execute", counter)


async def _draft_with_attachments(client: AsyncClient, school: Actor, call: Any) -> dict[str, Any]:
    app = await create(client, school, call)
    app = await save(client, school, app, complete_form("skills_upgrading", ("数控车工", "电工")))
    for slot in REQUIRED_SLOTS[:3]:
        assert (await upload(client, school, app["id"], slot)).status_code == 201
    return app


async def test_one_application_is_one_statement_after_authentication(
    client: AsyncClient, school: Actor, admin: Actor, call: Any, statements: Statements
) -> None:
    app = await _draft_with_attachments(client, school, call)
    for actor in (school, admin):
        with statements.counting() as sent:
            r = await client.get(f"/api/v1/applications/{app['id']}", headers=actor.headers)
        assert r.status_code == 200, r.text
        assert len(r.json()["attachments"]) == 3
        assert len(sent) == DETAIL, sent


async def test_the_detail_shows_attachments_as_uploaded_in_slot_order(client: AsyncClient, school: Actor, call: Any) -> None:
    app = await create(client, school, call)
    uploaded = [(await upload(client, school, app["id"], slot)).json() for slot in reversed(REQUIRED_SLOTS[:3])]
    detail = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert detail["attachments"] == sorted(uploaded, key=lambda a: a["slot"])  # same fields, same instants, same format


async def test_an_application_not_visible_answers_404_in_the_same_statement(
    client: AsyncClient, school: Actor, other_applicant: Actor, call: Any, statements: Statements
) -> None:
    app = await create(client, school, call)
    with statements.counting() as sent:
        r = await client.get(f"/api/v1/applications/{app['id']}", headers=other_applicant.headers)
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    assert len(sent) == DETAIL


async def test_a_draft_save_is_one_update_after_authentication(
    client: AsyncClient, school: Actor, call: Any, statements: Statements
) -> None:
    app = await _draft_with_attachments(client, school, call)
    form = complete_form("skills_upgrading", ("数控车工",))
    with statements.counting() as sent:
        r = await client.put(f"/api/v1/applications/{app['id']}/draft", headers=if_match(school, app["draft_version"]), json=form)
    assert r.status_code == 200, r.text
    assert len(sent) == DRAFT_SAVE, sent
    assert sent[-1].lstrip().upper().startswith("UPDATE APPLICATIONS")
    saved = r.json()
    assert saved["draft_version"] == app["draft_version"] + 1 and r.headers["ETag"] == f'"{saved["draft_version"]}"'
    assert [s["name"] for s in saved["draft_form"]["specialties"]] == ["数控车工"] and len(saved["attachments"]) == 3
    assert saved["updated_at"] >= app["updated_at"]
    again = (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()
    assert again == saved


async def test_a_draft_save_that_matches_nothing_still_says_why(
    client: AsyncClient, school: Actor, other_applicant: Actor, admin: Actor, call: Any
) -> None:
    app = await create(client, school, call)
    url = f"/api/v1/applications/{app['id']}/draft"
    form = app["draft_form"]
    stale = await client.put(url, headers=if_match(school, app["draft_version"] + 5), json=form)
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "STALE_VERSION"
    assert stale.json()["error"]["details"] == {"current_version": app["draft_version"], "your_version": app["draft_version"] + 5}
    hidden = await client.put(url, headers=if_match(other_applicant, app["draft_version"]), json=form)
    assert hidden.status_code == 404
    assert (await client.get(f"/api/v1/applications/{app['id']}", headers=school.headers)).json()["draft_version"] == app["draft_version"]


async def test_me_is_one_read_after_authentication(client: AsyncClient, school: Actor, admin: Actor, statements: Statements) -> None:
    with statements.counting() as sent:
        r = await client.get("/api/v1/me", headers=school.headers)
    assert r.status_code == 200 and r.json()["organization"] is not None
    assert len(sent) == ME_WITH_ORGANIZATION, sent
    with statements.counting() as sent:
        r = await client.get("/api/v1/me", headers=admin.headers)
    assert r.status_code == 200 and r.json()["organization"] is None
    assert len(sent) == ME_WITHOUT_ORGANIZATION, sent
