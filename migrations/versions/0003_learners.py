"""learners: one database holds several learners, each with their own states, log and settings

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A database with progress in it gets learner 1, named after the computer's user (the name can
be changed later); its rows become that learner's. An empty database gets no learner: the app
creates the first one when it opens.
"""

import getpass
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED = ("skill_state", "review_log", "skill_event", "settings")
KEYED = {"skill_state": "template_id", "settings": "key"}  # their primary key gains learner_id


def upgrade() -> None:
    learner = op.create_table(
        "learner",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner")),
        sa.UniqueConstraint("name", name=op.f("uq_learner_name")),
    )
    has_progress = any(
        op.get_bind().execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() for table in OWNED  # noqa: S608
    )
    if has_progress:
        now = datetime.now(UTC).replace(tzinfo=None)
        op.bulk_insert(learner, [{"id": 1, "name": _first_learner_name(), "created_at": now}])
        if op.get_bind().dialect.name == "postgresql":
            op.execute("SELECT setval(pg_get_serial_sequence('learner', 'id'), 1)")
    for table in OWNED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("learner_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET learner_id = 1")  # noqa: S608
        with op.batch_alter_table(table) as batch:
            batch.alter_column("learner_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(batch.f(f"fk_{table}_learner_id_learner"), "learner", ["learner_id"], ["id"])
            if table in KEYED:
                batch.drop_constraint(batch.f(f"pk_{table}"), type_="primary")
                batch.create_primary_key(batch.f(f"pk_{table}"), ["learner_id", KEYED[table]])
            else:
                batch.create_index(batch.f(f"ix_{table}_learner_id"), ["learner_id"])


def downgrade() -> None:
    """Back to one learner: the first one's rows are kept, the others' are deleted."""
    for table in OWNED:
        op.execute(f"DELETE FROM {table} WHERE learner_id <> (SELECT MIN(id) FROM learner)")  # noqa: S608
        with op.batch_alter_table(table) as batch:
            if table in KEYED:
                batch.drop_constraint(batch.f(f"pk_{table}"), type_="primary")
                batch.create_primary_key(batch.f(f"pk_{table}"), [KEYED[table]])
            else:
                batch.drop_index(batch.f(f"ix_{table}_learner_id"))
            batch.drop_constraint(batch.f(f"fk_{table}_learner_id_learner"), type_="foreignkey")
            batch.drop_column("learner_id")
    op.drop_table("learner")


def _first_learner_name() -> str:
    try:
        return getpass.getuser()[:100] or "me"
    except (OSError, KeyError):
        return "me"
