"""the application's database role: reads and writes data, owns nothing, cannot rewrite the audit trail

The migrations run as the owner of the schema (MIGRATION_DATABASE_URL); the API and the worker connect as
`skillbase_app` (DATABASE_URL). The role may SELECT/INSERT/UPDATE/DELETE ordinary tables, but only SELECT/INSERT
the append-only ones (audit_events, application_versions), never TRUNCATE or TRIGGER anything, and as it owns no
table it cannot ALTER one (so it cannot disable the append-only triggers either).

Roles belong to the whole server, not to one database: several databases (parallel test runs, staging next to
production) share it. So the role is created only when missing (and a concurrent creation is tolerated), and the
downgrade revokes this database's grants but leaves the role. It is created with LOGIN and without a password:
under password authentication nobody can log in as it until `python -m skillbase.cli app-db-login` sets one.

Revision ID: 6d6e5ea73e60
Revises: 3cccf7205679
Create Date: 2026-12-01 12:30:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "6d6e5ea73e60"
down_revision: str | None = "3cccf7205679"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "skillbase_app"
APPEND_ONLY = ("audit_events", "application_versions")

CREATE_ROLE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'skillbase_app') THEN
        CREATE ROLE skillbase_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
    END IF;
EXCEPTION
    -- another database's migration created it between the check and the CREATE
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$
"""


def upgrade() -> None:
    op.execute(CREATE_ROLE)
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # already so since PostgreSQL 15; older servers too
    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    for table in APPEND_ONLY:
        op.execute(f"REVOKE UPDATE, DELETE ON {table} FROM {APP_ROLE}")
    op.execute(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {APP_ROLE}")
    # Tables and sequences later migrations create (as the same owner) get the same grants; an append-only table
    # must then revoke UPDATE, DELETE itself, as above.
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {APP_ROLE}")


def downgrade() -> None:
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {APP_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {APP_ROLE}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROLE}")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROLE}")
    op.execute(f"REVOKE USAGE ON SCHEMA public FROM {APP_ROLE}")
