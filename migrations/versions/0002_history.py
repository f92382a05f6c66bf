"""history: review kinds and implicit credit, skill events (bury/suspend/reset/undo), FSRS memory

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('review', 'practice', 'implicit')"
ACTIONS = "action IN ('bury', 'suspend', 'unsuspend', 'reset', 'undo')"


def upgrade() -> None:
    with op.batch_alter_table("review_log") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=16), server_default="review", nullable=False))
        batch.add_column(sa.Column("credited_by", sa.Integer(), nullable=True))
        batch.create_check_constraint("kind_known", KINDS)
        batch.create_foreign_key(
            batch.f("fk_review_log_credited_by_review_log"), "review_log", ["credited_by"], ["id"]
        )
        batch.create_index(batch.f("ix_review_log_credited_by"), ["credited_by"])
    with op.batch_alter_table("skill_state") as batch:
        batch.add_column(sa.Column("suspended", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("buried_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("passed", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("stability", sa.Float(), nullable=True))
        batch.add_column(sa.Column("difficulty", sa.Float(), nullable=True))
    # A skill counts as passed once any schedule-moving review of it scored 3 or more.
    op.execute(
        "UPDATE skill_state SET passed = EXISTS (SELECT 1 FROM review_log "
        "WHERE review_log.template_id = skill_state.template_id AND review_log.quality >= 3 "
        "AND NOT review_log.redrill)"
    )
    op.create_table(
        "skill_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("template_id", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("target_review", sa.Integer(), nullable=True),
        sa.Column("target_event", sa.Integer(), nullable=True),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(ACTIONS, name=op.f("ck_skill_event_action_known")),
        sa.ForeignKeyConstraint(
            ["target_event"], ["skill_event.id"], name=op.f("fk_skill_event_target_event_skill_event")
        ),
        sa.ForeignKeyConstraint(
            ["target_review"], ["review_log.id"], name=op.f("fk_skill_event_target_review_review_log")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_event")),
    )
    for column in ("template_id", "at", "day", "target_review"):
        op.create_index(op.f(f"ix_skill_event_{column}"), "skill_event", [column])


def downgrade() -> None:
    for column in ("template_id", "at", "day", "target_review"):
        op.drop_index(op.f(f"ix_skill_event_{column}"), table_name="skill_event")
    op.drop_table("skill_event")
    with op.batch_alter_table("skill_state") as batch:
        for column in ("difficulty", "stability", "passed", "buried_until", "suspended"):
            batch.drop_column(column)
    with op.batch_alter_table("review_log") as batch:
        batch.drop_index(batch.f("ix_review_log_credited_by"))
        batch.drop_constraint(batch.f("fk_review_log_credited_by_review_log"), type_="foreignkey")
        batch.drop_constraint("kind_known", type_="check")
        batch.drop_column("credited_by")
        batch.drop_column("kind")
