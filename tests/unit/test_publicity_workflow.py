"""The notice life cycle and objection decisions as data (publicity/workflow.py), every edge without a database."""

from __future__ import annotations

import pytest

from skillbase.core.errors import InvalidTransition
from skillbase.models.enums import NoticeStatus as N
from skillbase.models.enums import ObjectionStatus as O
from skillbase.publicity import workflow


def test_the_tables_cover_every_status() -> None:
    assert set(workflow.NOTICE_ALLOWED) == set(N)
    assert set(workflow.OBJECTION_ALLOWED) == set(O)
    assert set(workflow.DECISIONS.values()) == workflow.OBJECTION_ALLOWED[O.pending]


def test_a_draft_notice_is_published() -> None:
    assert workflow.can_publish(N.draft)
    assert workflow.publish(N.draft) is N.published


def test_a_published_notice_is_not_published_again() -> None:
    assert not workflow.can_publish(N.published)
    with pytest.raises(InvalidTransition) as e:
        workflow.publish(N.published)
    assert e.value.code == "NOTICE_ALREADY_PUBLISHED" and e.value.message == "公示已发布"


@pytest.mark.parametrize(("decision", "status"), [("uphold", O.upheld), ("dismiss", O.dismissed)])
def test_a_pending_objection_is_upheld_or_dismissed(decision: str, status: O) -> None:
    assert workflow.decide(O.pending, decision) is status


@pytest.mark.parametrize("current", [O.upheld, O.dismissed])
@pytest.mark.parametrize("decision", ["uphold", "dismiss"])
def test_a_decided_objection_is_final(current: O, decision: str) -> None:
    with pytest.raises(InvalidTransition) as e:
        workflow.decide(current, decision)
    assert e.value.code == "OBJECTION_DECIDED" and e.value.message == "该异议已处理"


def test_only_a_pending_objection_is_open() -> None:
    assert [s for s in O if workflow.is_open(s)] == [O.pending]
