"""Initial schema: every table of models/schema.py when bcx moved to Alembic, and the auditor views.

Frozen on purpose: it does not import the models, so later revisions can change them without changing what this one
creates. A schema change is a new revision (`alembic revision --autogenerate -m ...`), never an edit here.

A database that an older bcx made with `Base.metadata.create_all` (no alembic_version table) is adopted: tables that
already exist are left as they are and only missing ones are created, so such a database ends up stamped at this
revision with its data intact.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _located() -> list[sa.Column]:
    """Where something was read (LocatedMixin): page, line span, and the PDF bounding box in points."""
    return [
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.Column("x0", sa.Float(), nullable=True),
        sa.Column("top", sa.Float(), nullable=True),
        sa.Column("x1", sa.Float(), nullable=True),
        sa.Column("bottom", sa.Float(), nullable=True),
    ]


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], ondelete="CASCADE")


def _tables() -> list[tuple[str, list, list[tuple[str, list[str]]]]]:
    """(table, columns and constraints, indexes) in dependency order."""
    return [
        ("departments", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(), nullable=False),
            sa.Column("abbreviation", sa.String(length=16), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        ], []),
        ("failures", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("path", sa.String(), nullable=False),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        ], [("ix_failures_path", ["path"])]),
        ("runs", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("extractor_version", sa.String(), nullable=False),
            sa.Column("files_new", sa.Integer(), nullable=False),
            sa.Column("files_changed", sa.Integer(), nullable=False),
            sa.Column("files_unchanged", sa.Integer(), nullable=False),
            sa.Column("files_removed", sa.Integer(), nullable=False),
            sa.Column("files_failed", sa.Integer(), nullable=False),
            sa.Column("files_reextracted", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        ], []),
        ("source_files", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("path", sa.String(), nullable=False),
            sa.Column("name", sa.String(), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=True),
            sa.Column("size_bytes", sa.Integer(), nullable=True),
            sa.Column("kind", sa.String(length=8), nullable=False),
            sa.Column("status", sa.String(length=8), nullable=False),
            sa.Column("error", sa.Text(), nullable=True),
            sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("extractor_version", sa.String(), nullable=True),
            sa.CheckConstraint("kind IN ('text', 'pdf')", name="ck_source_files_kind"),
            sa.CheckConstraint("status IN ('ok', 'failed', 'removed')", name="ck_source_files_status"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("path"),
        ], [("ix_source_files_name", ["name"])]),
        ("changes", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("path", sa.Text(), nullable=False),
            sa.Column("change", sa.String(length=16), nullable=False),
            sa.Column("document", sa.Text(), nullable=True),
            sa.Column("item", sa.Text(), nullable=True),
            sa.Column("before", sa.Text(), nullable=True),
            sa.Column("after", sa.Text(), nullable=True),
            _fk("run_id", "runs.id"),
            sa.PrimaryKeyConstraint("id"),
        ], [("ix_changes_run", ["run_id"])]),
        ("documents", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("source_file_id", sa.Integer(), nullable=False),
            sa.Column("ordinal", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(), nullable=False),
            sa.Column("code", sa.String(), nullable=True),
            sa.Column("title", sa.Text(), nullable=True),
            sa.Column("summary", sa.Text(), nullable=True),
            sa.Column("budget_round", sa.String(), nullable=True),
            sa.Column("price_level", sa.Integer(), nullable=True),
            sa.Column("unit", sa.String(), nullable=True),
            sa.Column("payback_service", sa.Float(), nullable=True),
            sa.Column("payback_total", sa.Float(), nullable=True),
            sa.Column("risk_rating", sa.String(), nullable=True),
            sa.Column("affected_marked_known", sa.Boolean(), nullable=False),
            sa.Column("extractor_version", sa.String(), nullable=False),
            sa.CheckConstraint(
                "kind IN ('business_case', 'investeringsforslag', 'innovationsforslag', 'overview')",
                name="ck_documents_kind",
            ),
            _fk("source_file_id", "source_files.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("source_file_id", "ordinal", name="uq_documents_file_ordinal"),
        ], [("ix_documents_code", ["code"])]),
        ("document_departments", [
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("department_id", sa.Integer(), nullable=False),
            sa.Column("role", sa.String(length=16), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.CheckConstraint("role IN ('presenting', 'affected')", name="ck_document_departments_role"),
            _fk("department_id", "departments.id"),
            _fk("document_id", "documents.id"),
            sa.PrimaryKeyConstraint("document_id", "department_id", "role"),
        ], [("ix_document_departments_department", ["department_id"])]),
        ("field_provenance", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("field", sa.String(), nullable=False),
            sa.Column("text", sa.Text(), nullable=True),
            sa.Column("inferred_by", sa.String(), nullable=True),
            *_located(),
            _fk("document_id", "documents.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("document_id", "field", name="uq_field_provenance_document_field"),
        ], []),
        ("fin_tables", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("number", sa.Integer(), nullable=True),
            sa.Column("caption", sa.Text(), nullable=True),
            sa.Column("price_level", sa.Integer(), nullable=True),
            sa.Column("unit", sa.String(), nullable=True),
            sa.Column("years", sa.Text(), nullable=False),  # IntList: a JSON list of ints stored as text
            sa.Column("text_as_written", sa.Text(), nullable=True),
            sa.Column("inferred_by", sa.String(), nullable=True),
            *_located(),
            _fk("document_id", "documents.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("document_id", "position", name="uq_fin_tables_document_position"),
        ], []),
        ("findings", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("rule", sa.String(), nullable=False),
            sa.Column("severity", sa.String(length=8), nullable=False),
            sa.Column("message", sa.Text(), nullable=False),
            sa.Column("table_position", sa.Integer(), nullable=True),
            sa.Column("row_label", sa.Text(), nullable=True),
            sa.Column("key", sa.String(), nullable=True),
            sa.Column("involved", sa.Text(), nullable=False),
            sa.Column("text_as_written", sa.Text(), nullable=True),
            *_located(),
            _fk("document_id", "documents.id"),
            sa.PrimaryKeyConstraint("id"),
        ], [("ix_findings_document", ["document_id"]), ("ix_findings_rule", ["rule"])]),
        ("sections", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("number", sa.Integer(), nullable=True),
            sa.Column("heading", sa.Text(), nullable=False),
            sa.Column("text", sa.Text(), nullable=True),
            sa.Column("text_as_written", sa.Text(), nullable=True),
            sa.Column("inferred_by", sa.String(), nullable=True),
            *_located(),
            _fk("document_id", "documents.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("document_id", "position", name="uq_sections_document_position"),
        ], []),
        ("fin_rows", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("table_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("group_label", sa.Text(), nullable=True),
            sa.Column("label", sa.Text(), nullable=False),
            sa.Column("area", sa.String(), nullable=True),
            sa.Column("is_total", sa.Boolean(), nullable=False),
            sa.Column("text_as_written", sa.Text(), nullable=True),
            sa.Column("inferred_by", sa.String(), nullable=True),
            *_located(),
            _fk("table_id", "fin_tables.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("table_id", "position", name="uq_fin_rows_table_position"),
        ], []),
        ("fin_values", [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("row_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("key", sa.String(length=32), nullable=False),
            sa.Column("year", sa.Integer(), nullable=True),
            sa.Column("value", sa.Numeric(precision=18, scale=4, asdecimal=False), nullable=False),
            sa.Column("text_as_written", sa.Text(), nullable=True),
            sa.Column("inferred_by", sa.String(), nullable=True),
            *_located(),
            _fk("row_id", "fin_rows.id"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("row_id", "key", name="uq_fin_values_row_key"),
        ], [("ix_fin_values_year", ["year"])]),
    ]


def _views() -> dict[str, sa.Select]:
    """v_figures (one row per figure) and v_findings (one per finding) of current files, as models/views.py had them.

    models.db.init_db replaces them with the definitions of the running code whenever those differ; they are here
    too so that `alembic upgrade head` alone leaves a complete database.
    """
    sf = sa.table("source_files", *map(sa.column, ("id", "name", "path", "status")))
    doc = sa.table("documents", *map(sa.column, ("id", "source_file_id", "ordinal", "code", "title")))
    tab = sa.table("fin_tables", *map(sa.column, ("id", "document_id", "position", "number", "caption")))
    row = sa.table("fin_rows", *map(sa.column, ("id", "table_id", "position", "group_label", "label", "area",
                                                "is_total")))
    val = sa.table("fin_values", *map(sa.column, ("row_id", "position", "key", "year", "value", "text_as_written",
                                                  "page", "line_start", "inferred_by")))
    fnd = sa.table("findings", *map(sa.column, ("id", "document_id", "rule", "severity", "message", "row_label", "key",
                                                "involved", "page", "line_start")))
    figures = (
        sa.select(
            sf.c.name.label("source"), doc.c.ordinal, doc.c.code, doc.c.title, tab.c.number.label("table_number"),
            tab.c.caption.label("table_caption"), row.c.group_label.label("group"), row.c.label, row.c.area,
            row.c.is_total, val.c.key, val.c.year, val.c.value, val.c.text_as_written, val.c.page, val.c.line_start,
            val.c.inferred_by,
        )
        .select_from(
            doc.join(sf, doc.c.source_file_id == sf.c.id)
            .join(tab, tab.c.document_id == doc.c.id)
            .join(row, row.c.table_id == tab.c.id)
            .join(val, val.c.row_id == row.c.id)
        )
        .where(sf.c.status == "ok")
        .order_by(sf.c.name, sf.c.path, doc.c.ordinal, tab.c.position, row.c.position, val.c.position)
    )
    findings = (
        sa.select(
            sf.c.name.label("source"), doc.c.ordinal, doc.c.code, doc.c.title, fnd.c.rule, fnd.c.severity,
            fnd.c.message, fnd.c.row_label, fnd.c.key, fnd.c.involved, fnd.c.page, fnd.c.line_start,
        )
        .select_from(fnd.join(doc, fnd.c.document_id == doc.c.id).join(sf, doc.c.source_file_id == sf.c.id))
        .where(sf.c.status == "ok")
        .order_by(sf.c.name, doc.c.ordinal, fnd.c.id)
    )
    return {"v_figures": figures, "v_findings": findings}


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    for name, columns, indexes in _tables():
        if name in existing:  # adopting a database made by create_all before Alembic
            continue
        op.create_table(name, *columns)
        for index_name, index_columns in indexes:
            op.create_index(index_name, name, index_columns)
    for name, select in _views().items():
        body = select.compile(dialect=bind.dialect, compile_kwargs={"literal_binds": True})
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {body}")


def downgrade() -> None:
    for name in reversed(_views()):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for name, _columns, indexes in reversed(_tables()):
        for index_name, _index_columns in indexes:
            op.drop_index(index_name, table_name=name)
        op.drop_table(name)
