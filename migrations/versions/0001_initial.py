"""initial schema: skill_state, review_log, settings

Revision ID: 0001
Revises:
Create Date: 2026-11-22

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skill_state",
        sa.Column("template_id", sa.String(length=200), nullable=False),
        sa.Column("ef_hundredths", sa.Integer(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("last_reviewed", sa.DateTime(), nullable=True),
        sa.Column("introduced_on", sa.Date(), nullable=True),
        sa.CheckConstraint("ef_hundredths > 0", name=op.f("ck_skill_state_ef_positive")),
        sa.CheckConstraint("interval_days >= 0", name=op.f("ck_skill_state_interval_nonnegative")),
        sa.CheckConstraint("repetitions >= 0", name=op.f("ck_skill_state_repetitions_nonnegative")),
        sa.PrimaryKeyConstraint("template_id", name=op.f("pk_skill_state")),
    )
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("template_id", sa.String(length=200), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("hint_used", sa.Boolean(), nullable=False),
        sa.Column("redrill", sa.Boolean(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("ef_before", sa.Integer(), nullable=False),
        sa.Column("interval_before", sa.Integer(), nullable=False),
        sa.Column("repetitions_before", sa.Integer(), nullable=False),
        sa.CheckConstraint("quality BETWEEN 0 AND 5", name=op.f("ck_review_log_quality_range")),
        sa.CheckConstraint(
            "verdict IN ('correct', 'wrong', 'close', 'dont_know')",
            name=op.f("ck_review_log_verdict_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_log")),
    )
    for column in ("template_id", "reviewed_at", "day"):
        op.create_index(op.f(f"ix_review_log_{column}"), "review_log", [column])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    for column in ("template_id", "reviewed_at", "day"):
        op.drop_index(op.f(f"ix_review_log_{column}"), table_name="review_log")
    op.drop_table("review_log")
    op.drop_table("skill_state")
