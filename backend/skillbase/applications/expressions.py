"""SQL expressions of the applications domain that other domains embed in their own queries (a list of notices,
assignments or bases shows the specialties applied for without loading each form). Expressions only, never a query:
the applications repository stays private to this domain (tests/unit/test_layers.py)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.dialects.postgresql import JSONB

from skillbase.models import Application, ApplicationVersion


def submitted_specialties() -> ColumnElement[list[dict[str, object]]]:
    """The `specialties` of the form as last submitted (the draft's while nothing was submitted: what reviewers judge
    and a notice shows), as a column of a statement over `Application`: lists read it in their one query instead of
    loading each row's version (`specialty_names` turns it into names)."""
    empty = literal([], JSONB)
    submitted = (
        select(func.coalesce(ApplicationVersion.form["specialties"], empty, type_=JSONB))
        .where(ApplicationVersion.application_id == Application.id, ApplicationVersion.version_no == Application.submitted_versions)
        .correlate(Application)
        .scalar_subquery()
    )
    return func.coalesce(submitted, Application.draft_form["specialties"], empty, type_=JSONB)


def specialty_names(specialties: list[dict[str, object]] | None) -> list[str]:
    return [str(s["name"]) for s in specialties or [] if s.get("name")]
