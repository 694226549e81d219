"""Normalised tables for extracted business cases.

One source file holds documents; a document holds sections, financial tables, their rows and the single figures.
Every child row carries the provenance the extractor recorded (page, line span, bbox, the text as written), so a figure
in the database can always be traced back to the place it was read. All foreign keys cascade on delete, so replacing
or failing a file is a matter of deleting its documents. Only portable SQLAlchemy types are used, so the same schema
works on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SOURCE_KINDS = ("text", "pdf")
SOURCE_STATUSES = ("ok", "failed", "removed")
DOCUMENT_KINDS = ("business_case", "investeringsforslag", "innovationsforslag", "overview")
DEPARTMENT_ROLES = ("presenting", "affected")


def utcnow() -> datetime:
    """Timestamps are stored in UTC so ingests on different machines compare correctly."""
    return datetime.now(UTC)


def _in(column: str, allowed: tuple[str, ...]) -> str:
    """CHECK expression limiting a column to a closed vocabulary (plain SQL that every backend accepts)."""
    quoted = ", ".join(f"'{v}'" for v in allowed)
    return f"{column} IN ({quoted})"


class IntList(TypeDecorator[list[int]]):
    """A list of ints stored as JSON text.

    Text rather than the JSON type, because PostgreSQL's `json` has no equality operator (DISTINCT and GROUP BY
    would fail) and the years of a table are only ever read back whole.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[int] | None, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps([int(v) for v in value])

    def process_result_value(self, value: Any, dialect: Dialect) -> list[int] | None:
        return None if value is None else [int(v) for v in json.loads(value)]


class Base(DeclarativeBase):
    """Declarative base shared by all bcx tables."""


class LocatedMixin:
    """Where something was read: page (None for text sources), line span and, for PDFs, the bounding box in points."""

    page: Mapped[int | None] = mapped_column(Integer)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    x0: Mapped[float | None] = mapped_column(Float)
    top: Mapped[float | None] = mapped_column(Float)
    x1: Mapped[float | None] = mapped_column(Float)
    bottom: Mapped[float | None] = mapped_column(Float)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # read by OCR from a scan
    # OCR only: Tesseract's confidence (0-100) in the least sure word this was read from (migration 0004)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)


class SourceFile(Base):
    """One input file; its status says whether its documents are current ('ok') or absent ('failed', 'removed')."""

    __tablename__ = "source_files"
    __table_args__ = (
        CheckConstraint(_in("kind", SOURCE_KINDS), name="ck_source_files_kind"),
        CheckConstraint(_in("status", SOURCE_STATUSES), name="ck_source_files_status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String, index=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default="ok")
    error: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    extractor_version: Mapped[str | None] = mapped_column(String)  # the extractor that read this content last

    documents: Mapped[list[Document]] = relationship(
        back_populates="source_file",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Document.ordinal",
    )


class Document(Base):
    """One business case (or overview) inside a source file, with its header fields."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("source_file_id", "ordinal", name="uq_documents_file_ordinal"),
        CheckConstraint(_in("kind", DOCUMENT_KINDS), name="ck_documents_kind"),
        Index("ix_documents_code", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_files.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    budget_round: Mapped[str | None] = mapped_column(String)
    price_level: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String)
    payback_service: Mapped[float | None] = mapped_column(Float)
    payback_total: Mapped[float | None] = mapped_column(Float)
    risk_rating: Mapped[str | None] = mapped_column(String)
    # False when the tick marks were lost in the source text: the affected list is then unknown, not empty.
    affected_marked_known: Mapped[bool] = mapped_column(Boolean, default=False)
    extractor_version: Mapped[str] = mapped_column(String)

    source_file: Mapped[SourceFile] = relationship(back_populates="documents")
    departments: Mapped[list[DocumentDepartment]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DocumentDepartment.position",
    )
    sections: Mapped[list[DocumentSection]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DocumentSection.position",
    )
    tables: Mapped[list[FinTable]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True, order_by="FinTable.position"
    )
    field_provenance: Mapped[list[FieldProvenance]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True, order_by="FieldProvenance.id"
    )


class Department(Base):
    """A municipal department (forvaltning), shared by all documents that name it."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    abbreviation: Mapped[str | None] = mapped_column(String(16))


class DocumentDepartment(Base):
    """Links a document to a department as presenting or affected; `position` keeps the order the source lists them."""

    __tablename__ = "document_departments"
    __table_args__ = (
        CheckConstraint(_in("role", DEPARTMENT_ROLES), name="ck_document_departments_role"),
        Index("ix_document_departments_department", "department_id"),
    )

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    document: Mapped[Document] = relationship(back_populates="departments")
    department: Mapped[Department] = relationship(lazy="joined")


class DocumentSection(LocatedMixin, Base):
    """A numbered section of a document (heading plus body text)."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("document_id", "position", name="uq_sections_document_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    text_as_written: Mapped[str | None] = mapped_column(Text)
    inferred_by: Mapped[str | None] = mapped_column(String)

    document: Mapped[Document] = relationship(back_populates="sections")


class FinTable(LocatedMixin, Base):
    """A financial table ("Tabel N") of a document; `years` are its year columns in order."""

    __tablename__ = "fin_tables"
    __table_args__ = (UniqueConstraint("document_id", "position", name="uq_fin_tables_document_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    caption: Mapped[str | None] = mapped_column(Text)
    price_level: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String)
    years: Mapped[list[int]] = mapped_column(IntList, default=list)
    text_as_written: Mapped[str | None] = mapped_column(Text)
    inferred_by: Mapped[str | None] = mapped_column(String)

    document: Mapped[Document] = relationship(back_populates="tables")
    rows: Mapped[list[FinRow]] = relationship(
        back_populates="table", cascade="all, delete-orphan", passive_deletes=True, order_by="FinRow.position"
    )


class FinRow(LocatedMixin, Base):
    """One row of a financial table; `group_label` is the block heading it sits under ("group" is an SQL keyword)."""

    __tablename__ = "fin_rows"
    __table_args__ = (UniqueConstraint("table_id", "position", name="uq_fin_rows_table_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("fin_tables.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    group_label: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(String)
    is_total: Mapped[bool] = mapped_column(Boolean, default=False)
    text_as_written: Mapped[str | None] = mapped_column(Text)
    inferred_by: Mapped[str | None] = mapped_column(String)

    table: Mapped[FinTable] = relationship(back_populates="rows")
    values: Mapped[list[FinValue]] = relationship(
        back_populates="row", cascade="all, delete-orphan", passive_deletes=True, order_by="FinValue.position"
    )


class FinValue(LocatedMixin, Base):
    """One figure: a row's value under a year column (`key` '2022', `year` 2022) or under 'I alt' (`key` 'total').

    Numeric(18, 4) keeps integers exact on every backend and holds the odd decimal such as 6.7; `inferred_by` names
    the rule that placed the figure when the source lost its column.
    """

    __tablename__ = "fin_values"
    __table_args__ = (
        UniqueConstraint("row_id", "key", name="uq_fin_values_row_key"),
        Index("ix_fin_values_year", "year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("fin_rows.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(32))
    year: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Numeric(18, 4, asdecimal=False))
    # the evidence did not decide the figure's column: stored where the best guess put it, and flagged
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    text_as_written: Mapped[str | None] = mapped_column(Text)
    inferred_by: Mapped[str | None] = mapped_column(String)

    row: Mapped[FinRow] = relationship(back_populates="values")


class FieldProvenance(LocatedMixin, Base):
    """Where a header field (code, title, summary, ...) of a document was read."""

    __tablename__ = "field_provenance"
    __table_args__ = (UniqueConstraint("document_id", "field", name="uq_field_provenance_document_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String)
    text: Mapped[str | None] = mapped_column(Text)
    inferred_by: Mapped[str | None] = mapped_column(String)

    document: Mapped[Document] = relationship(back_populates="field_provenance")


class Failure(Base):
    """An append-only log: one row per file that failed, per ingest, so repeated failures stay visible."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String, index=True)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FindingRecord(LocatedMixin, Base):
    """A validation finding: a place where the document's own figures do not agree (rules in extract/checks.py)."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_document", "document_id"), Index("ix_findings_rule", "rule"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String)
    severity: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text)
    table_position: Mapped[int | None] = mapped_column(Integer)
    row_label: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(String)
    involved: Mapped[str] = mapped_column(Text, default="{}")  # the values involved, as JSON
    text_as_written: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship()


class Run(Base):
    """One ingest: when, with which extractor, and how many files were new, changed, unchanged, removed, failed."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="running")  # running / done (a killed run stays running)
    extractor_version: Mapped[str] = mapped_column(String)
    files_new: Mapped[int] = mapped_column(Integer, default=0)
    files_changed: Mapped[int] = mapped_column(Integer, default=0)
    files_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    files_removed: Mapped[int] = mapped_column(Integer, default=0)
    files_failed: Mapped[int] = mapped_column(Integer, default=0)
    files_reextracted: Mapped[int] = mapped_column(Integer, default=0)


class Change(Base):
    """What a run changed: a file new/changed/removed/failed, and for a changed file each figure or field."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_run", "run_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(16))  # new / changed / reextracted / removed / failed / figure / field
    document: Mapped[str | None] = mapped_column(Text)  # SOURCE#ORDINAL
    item: Mapped[str | None] = mapped_column(Text)  # "Tabel 1 / Effektiviseringsgevinst / 2022" or a field name
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
