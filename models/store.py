"""Write extracted documents to the database and read them back in the SCHEMA.md shape.

All functions take a Session and never commit: the caller owns the unit of work (see `models.db.session_scope`), so an
ingest of one file is all-or-nothing. Re-ingesting a path replaces its documents rather than adding duplicates, and a
failed file keeps no documents, so the database never mixes stale and fresh results for one file.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from extract.records import ExtractedDocument, Provenance
from models.schema import (
    Base,
    Department,
    Document,
    DocumentDepartment,
    DocumentSection,
    Failure,
    FieldProvenance,
    FinRow,
    FinTable,
    FinValue,
    SourceFile,
    utcnow,
)

# Københavns Kommune's seven departments; other names are stored without an abbreviation.
KNOWN_ABBREVIATIONS = {
    "Økonomiforvaltningen": "ØKF",
    "Børne- og Ungdomsforvaltningen": "BUF",
    "Sundheds- og Omsorgsforvaltningen": "SUF",
    "Socialforvaltningen": "SOF",
    "Teknik- og Miljøforvaltningen": "TMF",
    "Kultur- og Fritidsforvaltningen": "KFF",
    "Beskæftigelses- og Integrationsforvaltningen": "BIF",
}


def plain_number(value: int | float | Decimal | None) -> int | float | None:
    """A number as the JSON schema wants it: an int when integral (1125, not 1125.0), else a float."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def guess_kind(path: str) -> str:
    """'pdf' for .pdf files, 'text' otherwise: used when a failure is recorded before the file could be read."""
    return "pdf" if PurePath(path).suffix.lower() == ".pdf" else "text"


# --------------------------------------------------------------------------------------------------------- writing


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the writer knows of a source file before storing it."""

    path: str
    name: str
    sha256: str | None
    size: int | None
    kind: str


def upsert_source_files(session: Session, files: list[FileRecord], extractor_version: str | None = None
                        ) -> list[SourceFile]:
    """Get or create the source file of each path (one SELECT for all), mark it 'ok', and delete the documents of any
    earlier ingest (one DELETE for all)."""
    paths = [f.path for f in files]
    known = {sf.path: sf for sf in session.scalars(select(SourceFile).where(SourceFile.path.in_(paths)))}
    out = []
    for f in files:
        source_file = known.get(f.path)
        if source_file is None:
            source_file = known[f.path] = SourceFile(path=f.path)
            session.add(source_file)
        source_file.name = f.name
        source_file.sha256 = f.sha256
        source_file.size_bytes = f.size
        source_file.kind = f.kind
        source_file.status = "ok"
        source_file.error = None
        source_file.ingested_at = utcnow()
        if extractor_version is not None:
            source_file.extractor_version = extractor_version
        out.append(source_file)
    _drop_documents(session, [sf for sf in out if sf.id is not None])
    session.flush()
    return out


def upsert_source_file(session: Session, path: str, name: str, sha256: str | None, size: int | None,
                       kind: str) -> SourceFile:
    """Get or create the source file for `path`, mark it 'ok' and delete the documents of any earlier ingest."""
    [source_file] = upsert_source_files(session, [FileRecord(path, name, sha256, size, kind)])
    return source_file


def _drop_documents(session: Session, source_files: list[SourceFile]) -> None:
    """Delete these files' documents now; their sections, tables, rows, figures and findings go by ON DELETE CASCADE.

    One DELETE statement rather than loading the documents: a re-ingest must not cost a read of everything it replaces.
    """
    ids = [sf.id for sf in source_files if sf.id is not None]
    if ids:
        session.execute(delete(Document).where(Document.source_file_id.in_(ids)),
                        execution_options={"synchronize_session": False})
        for sf in source_files:
            session.expire(sf, ["documents"])


def store_documents(session: Session, source_file: SourceFile, docs: list[ExtractedDocument],
                    extractor_version: str) -> dict[int, int]:
    """Store a file's documents with all tables, figures, sections and provenance, replacing any it had.
    Returns document id by ordinal."""
    _drop_documents(session, [source_file])
    ids = store_files_documents(session, [(source_file.id, docs)], extractor_version)
    return {ordinal: doc_id for (_, ordinal), doc_id in ids.items()}


def store_files_documents(session: Session, files: list[tuple[int, list[ExtractedDocument]]],
                          extractor_version: str) -> dict[tuple[int, int], int]:
    """Store the documents of several source files (whose old documents are gone) with all tables, figures, sections
    and provenance. Returns document id by (source file id, ordinal).

    Written level by level with one multi-row INSERT per table for the whole batch (documents, then their tables,
    rows, figures...), each returning its ids in parameter order for the level below: the writer is the one serial
    step of a parallel ingest, and one ORM object per figure, or a statement per file, made it the bottleneck.
    """
    owned = [(sf_id, d) for sf_id, docs in files for d in docs]
    if not owned:
        return {}
    docs = [d for _, d in owned]
    doc_ids = _insert_returning(session, Document, [_document_values(sf_id, d, extractor_version)
                                                     for sf_id, d in owned])
    departments = _department_ids(session, docs)
    _insert(session, DocumentDepartment, [
        link for doc_id, d in zip(doc_ids, docs, strict=True) for link in _department_links(doc_id, d, departments)
    ])
    _insert(session, DocumentSection, [
        {"document_id": doc_id, "position": i, "number": s.number, "heading": s.heading, "text": s.text,
         **_written(s.prov), **location_columns(s.prov)}
        for doc_id, d in zip(doc_ids, docs, strict=True) for i, s in enumerate(d.sections)
    ])
    _insert(session, FieldProvenance, [
        {"document_id": doc_id, "field": name, "text": prov.text, "inferred_by": prov.inferred_by,
         **location_columns(prov)}
        for doc_id, d in zip(doc_ids, docs, strict=True) for name, prov in d.field_prov.items()
    ])
    tables = [(doc_id, i, t) for doc_id, d in zip(doc_ids, docs, strict=True) for i, t in enumerate(d.tables)]
    table_ids = _insert_returning(session, FinTable, [
        {"document_id": doc_id, "position": i, "number": t.number, "caption": t.caption,
         "price_level": t.price_level, "unit": t.unit, "years": list(t.years),
         **_written(t.prov), **location_columns(t.prov)}
        for doc_id, i, t in tables
    ])
    rows = [(table_id, i, r) for table_id, (_, _, t) in zip(table_ids, tables, strict=True)
            for i, r in enumerate(t.rows)]
    row_ids = _insert_returning(session, FinRow, [
        {"table_id": table_id, "position": i, "group_label": r.group, "label": r.label, "area": r.area,
         "is_total": r.is_total, **_written(r.prov), **location_columns(r.prov)}
        for table_id, i, r in rows
    ])
    _insert(session, FinValue, [
        {"row_id": row_id, "position": i, "key": c.key, "year": int(c.key) if c.key.isdigit() else None,
         "value": c.value, **_written(c.prov), **location_columns(c.prov)}
        for row_id, (_, _, r) in zip(row_ids, rows, strict=True) for i, c in enumerate(r.cells)
    ])
    return {(sf_id, d.ordinal): doc_id for doc_id, (sf_id, d) in zip(doc_ids, owned, strict=True)}


def _insert_returning(session: Session, model: type[Base], values: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement and return their ids in the order of `values` (SQLite ≥ 3.35 and PostgreSQL
    both RETURNING; SQLAlchemy's insertmanyvalues keeps the order)."""
    if not values:
        return []
    table = model.__table__  # Core, not the ORM bulk path: no per-row ORM bookkeeping
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), values)
    return list(result.scalars())


def _insert(session: Session, model: type[Base], values: list[dict[str, Any]]) -> None:
    if values:
        session.execute(insert(model.__table__), values)


def _document_values(source_file_id: int, doc: ExtractedDocument, extractor_version: str) -> dict[str, Any]:
    return {
        "source_file_id": source_file_id,
        "ordinal": doc.ordinal,
        "kind": doc.kind,
        "code": doc.code,
        "title": doc.title,
        "summary": doc.summary,
        "budget_round": doc.budget_round,
        "price_level": doc.price_level,
        "unit": doc.unit,
        "payback_service": doc.payback_service,
        "payback_total": doc.payback_total,
        "risk_rating": doc.risk_rating,
        "affected_marked_known": doc.affected_departments_marked is not None,
        "extractor_version": extractor_version,
    }


def _department_links(document_id: int, doc: ExtractedDocument, departments: dict[str, int]) -> list[dict]:
    """Presenting and affected departments as link rows; a name listed twice is linked once, at its first place."""
    links = []
    if doc.presenting_department:
        links.append({"document_id": document_id, "department_id": departments[doc.presenting_department],
                      "role": "presenting", "position": 0})
    for position, name in enumerate(dict.fromkeys(doc.affected_departments_marked or [])):
        links.append({"document_id": document_id, "department_id": departments[name], "role": "affected",
                      "position": position})
    return links


def _department_ids(session: Session, docs: list[ExtractedDocument]) -> dict[str, int]:
    """Id of every department the documents name, creating the missing ones, so all documents share one row each."""
    names = {n for d in docs for n in [d.presenting_department, *(d.affected_departments_marked or [])] if n}
    if not names:
        return {}
    known = dict(session.execute(select(Department.name, Department.id).where(Department.name.in_(names))).all())
    missing = sorted(names - known.keys())
    ids = _insert_returning(session, Department, [
        {"name": name, "abbreviation": KNOWN_ABBREVIATIONS.get(name)} for name in missing
    ])
    return known | dict(zip(missing, ids, strict=True))


def record_failure(session: Session, path: str, reason: str, name: str | None = None, sha256: str | None = None,
                   size: int | None = None, kind: str | None = None) -> SourceFile:
    """Mark `path` failed with `reason`, drop its documents and log the failure (one log row per call)."""
    source_file = upsert_source_file(
        session, path, name or PurePath(path).name, sha256, size, kind or guess_kind(path)
    )
    source_file.status = "failed"
    source_file.error = reason
    session.add(Failure(path=path, reason=reason))
    session.flush()
    return source_file


def mark_removed(session: Session, path: str) -> SourceFile | None:
    """Mark a file that disappeared from the archive as 'removed'; None if it was never seen.

    Its documents stay in the database (an auditor can still see what was there) but leave the exports and views,
    which read only files with status 'ok'.
    """
    source_file = session.scalar(select(SourceFile).where(SourceFile.path == path))
    if source_file is not None:
        source_file.status = "removed"
        session.flush()
    return source_file


def _written(prov: Provenance | None) -> dict[str, Any]:
    """The source text and inference rule of a provenance, as column values."""
    if prov is None:
        return {"text_as_written": None, "inferred_by": None}
    return {"text_as_written": prov.text, "inferred_by": prov.inferred_by}


LOCATION_COLUMNS = ("page", "line_start", "line_end", "x0", "top", "x1", "bottom", "ocr")


def location_columns(prov: Provenance | None) -> dict[str, Any]:
    """Page, line span, bounding box and OCR flag of a provenance, as column values (None when unknown)."""
    if prov is None:  # every key still present: a multi-row INSERT needs the same columns in each row
        return dict.fromkeys(LOCATION_COLUMNS) | {"ocr": False}
    x0, top, x1, bottom = prov.bbox if prov.bbox is not None else (None, None, None, None)
    return {
        "page": prov.page, "line_start": prov.line_start, "line_end": prov.line_end,
        "x0": x0, "top": top, "x1": x1, "bottom": bottom, "ocr": prov.ocr,
    }


# --------------------------------------------------------------------------------------------------------- reading


def load_documents(session: Session) -> list[dict]:
    """All current documents (files with status 'ok') in the exact shape of ExtractedDocument.to_schema_dict()."""
    stmt = (
        select(Document)
        .join(Document.source_file)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, SourceFile.path, Document.ordinal)
        .options(
            selectinload(Document.source_file),
            selectinload(Document.departments),
            selectinload(Document.sections),
            selectinload(Document.tables).selectinload(FinTable.rows).selectinload(FinRow.values),
        )
    )
    return [document_dict(doc) for doc in session.scalars(stmt)]


def document_dict(doc: Document) -> dict:
    """One stored document as a SCHEMA.md dict (same keys and order as ExtractedDocument.to_schema_dict)."""
    presenting = [link.department.name for link in doc.departments if link.role == "presenting"]
    affected = [link.department.name for link in doc.departments if link.role == "affected"]
    payback = None
    if doc.payback_service is not None or doc.payback_total is not None:
        payback = {"service": plain_number(doc.payback_service), "total": plain_number(doc.payback_total)}
    return {
        "source": doc.source_file.name,
        "ordinal": doc.ordinal,
        "kind": doc.kind,
        "code": doc.code,
        "title": doc.title,
        "presenting_department": presenting[0] if presenting else None,
        "affected_departments_marked": affected if doc.affected_marked_known else None,
        "summary": doc.summary,
        "budget_round": doc.budget_round,
        "price_level": doc.price_level,
        "unit": doc.unit,
        "tables": [_table_dict(t) for t in doc.tables],
        "payback_years": payback,
        "section_headings": [s.heading for s in doc.sections],
        "risk_rating": doc.risk_rating,
        "notes": "",
    }


def _table_dict(table: FinTable) -> dict:
    return {
        "number": table.number,
        "caption": table.caption,
        "price_level": table.price_level,
        "years": list(table.years),
        "rows": [
            {
                "group": row.group_label,
                "label": row.label,
                "area": row.area,
                "values": {v.key: plain_number(v.value) for v in row.values},
                "is_total": row.is_total,
            }
            for row in table.rows
        ],
    }


def summary_counts(session: Session) -> dict[str, Any]:
    """Counts for a status line: files per status, current documents per kind, tables, figures and logged failures."""
    files = dict(session.execute(select(SourceFile.status, func.count()).group_by(SourceFile.status)).all())
    ok_documents = select(Document.id).join(Document.source_file).where(SourceFile.status == "ok")
    by_kind = session.execute(
        select(Document.kind, func.count()).where(Document.id.in_(ok_documents)).group_by(Document.kind)
        .order_by(Document.kind)
    ).all()
    tables = session.scalar(select(func.count()).select_from(FinTable).where(FinTable.document_id.in_(ok_documents)))
    values = session.scalar(
        select(func.count()).select_from(FinValue).join(FinValue.row).join(FinRow.table)
        .where(FinTable.document_id.in_(ok_documents))
    )
    return {
        "files_ok": files.get("ok", 0),
        "files_failed": files.get("failed", 0),
        "files_removed": files.get("removed", 0),
        "documents": sum(n for _, n in by_kind),
        "documents_by_kind": {kind: n for kind, n in by_kind},
        "tables": tables or 0,
        "values": values or 0,
        "failures_logged": session.scalar(select(func.count()).select_from(Failure)) or 0,
    }
