"""learner indexes: the log and the events are indexed by (learner, day) and (learner, skill)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Every query reads one learner's rows, so with many learners in one database (a school's
server) an index on the day or the skill alone matches every learner's rows and an index on
the learner alone every day's. The composite indexes replace the three single-column ones;
their learner prefix serves the queries by learner alone.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("review_log", "skill_event")
REPLACED = ("learner_id", "day", "template_id")
COMPOSITE = {"learner_day": ["learner_id", "day"], "learner_skill": ["learner_id", "template_id"]}


def upgrade() -> None:
    for table in TABLES:
        for column in REPLACED:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
        for name, columns in COMPOSITE.items():
            op.create_index(f"ix_{table}_{name}", table, columns)


def downgrade() -> None:
    for table in TABLES:
        for name in COMPOSITE:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
        for column in REPLACED:
            op.create_index(f"ix_{table}_{column}", table, [column])
