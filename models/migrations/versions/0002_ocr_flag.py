"""Mark what was read by OCR: an `ocr` flag beside every provenance (sections, tables, rows, figures, header fields,
findings), so an auditor sees which text is Tesseract's reading of a scan rather than the file's own text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCATED = ("sections", "fin_tables", "fin_rows", "fin_values", "field_provenance", "findings")


def upgrade() -> None:
    existing = {t: {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)} for t in LOCATED}
    for table in LOCATED:
        if "ocr" not in existing[table]:  # a database adopted from create_all may have it already
            op.add_column(table, sa.Column("ocr", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for table in LOCATED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("ocr")
