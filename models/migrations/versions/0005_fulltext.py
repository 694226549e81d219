"""Full-text search over proposals (models/search.py): an FTS5 table on SQLite, a tsvector table with a GIN index
under the 'danish' configuration on PostgreSQL, filled with every document already stored. The writer keeps it
current from here on.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from models import search  # the index's definition lives in one place, with the code that fills and reads it

    conn = op.get_bind()
    search.create_index(conn)
    search.reindex_all(conn)


def downgrade() -> None:
    from models import search

    search.drop_index(op.get_bind())
