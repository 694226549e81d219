"""Keep Tesseract's word confidence beside every provenance read by OCR (`ocr_confidence`, 0-100, NULL for a file's
own text), so an auditor sees how sure the reading of a scanned figure was; a figure below the settings' threshold
is also flagged uncertain (extract/ocr_doubts.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LOCATED = ("sections", "fin_tables", "fin_rows", "fin_values", "field_provenance", "findings")


def upgrade() -> None:
    existing = {t: {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)} for t in LOCATED}
    for table in LOCATED:
        if "ocr_confidence" not in existing[table]:  # a database adopted from create_all may have it already
            op.add_column(table, sa.Column("ocr_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    for table in LOCATED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("ocr_confidence")
