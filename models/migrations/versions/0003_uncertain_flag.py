"""Flag figures whose column the evidence did not decide: `fin_values.uncertain`, so a guess is never silent
(exported as the row's "uncertain" keys, a column of the CSV/XLSX and of `v_figures`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("fin_values")}
    if "uncertain" not in existing:  # a database adopted from create_all may have it already
        op.add_column("fin_values", sa.Column("uncertain", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("fin_values") as batch:
        batch.drop_column("uncertain")
