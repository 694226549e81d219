"""Write extracted documents to the database and read them back in the SCHEMA.md shape.

All functions take a Session and never commit: the caller owns the unit of work (see `models.db.session_scope`), so an
ingest of one file is all-or-nothing. Re-ingesting a path replaces its documents rather than adding duplicates, and a
failed file keeps no documents, so the database never mixes stale and fresh results for one file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from sqlalchemy import Dialect, Table, delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from extract.checks import Finding
from extract.patterns import DEPARTMENTS
from extract.records import ExtractedDocument, row_dict
from models.rows import (
    DepartmentLinkRow,
    DocumentRow,
    FieldProvenanceRow,
    FileRows,
    FindingRow,
    RowTuple,
    SectionRow,
    TableRowTuple,
    ValueRow,
    file_rows,
)
from models.schema import (
    Base,
    Department,
    Document,
    Failure,
    FinRow,
    FinTable,
    FinValue,
    SourceFile,
    utcnow,
)

# Københavns Kommune's seven departments (the vocabulary: extract/patterns.py); other names are stored without one
KNOWN_ABBREVIATIONS = {name: abbreviations[0] for name, abbreviations in DEPARTMENTS.items()}


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
                    extractor_version: str, findings: list[Finding] = ()) -> dict[int, int]:
    """Store a file's documents (and findings) with all tables, figures, sections and provenance, replacing any it
    had. Returns document id by ordinal."""
    _drop_documents(session, [source_file])
    ids = store_files_rows(session, [(source_file.id, file_rows(docs, findings))], extractor_version)
    return {ordinal: doc_id for (_, ordinal), doc_id in ids.items()}


def store_files_rows(session: Session, files: list[tuple[int, FileRows]], extractor_version: str
                     ) -> dict[tuple[int, int], int]:
    """Store the rows of several source files (whose old documents are gone): documents, department links,
    sections, field provenance, tables, rows, figures and findings. Returns document id by (source file id, ordinal).

    The writer is the one serial step of a parallel ingest, so it does little per row: the rows come ready from the
    workers (models/rows.py), ids are taken for a whole batch at once (`allocate_ids`), and each table gets one
    executemany of plain tuples (`insert_tuples`) instead of SQLAlchemy building a parameter dict per row.
    """
    if not any(rows.documents for _, rows in files):
        return {}
    doc_ids = iter(allocate_ids(session, Document.__table__, sum(len(r.documents) for _, r in files)))
    table_ids = iter(allocate_ids(session, FinTable.__table__, sum(len(r.tables) for _, r in files)))
    row_ids = iter(allocate_ids(session, FinRow.__table__, sum(len(r.rows) for _, r in files)))
    departments = _department_ids(session, set().union(*(r.department_names() for _, r in files)))
    out: dict[str, list[tuple]] = {name: [] for name in _INSERT_ORDER}
    by_ordinal = {}
    for source_file_id, rows in files:
        docs = [next(doc_ids) for _ in rows.documents]
        tables = [next(table_ids) for _ in rows.tables]
        fin_rows = [next(row_ids) for _ in rows.rows]
        for doc_id, columns in zip(docs, rows.documents, strict=True):
            out["documents"].append((doc_id, source_file_id, *columns, extractor_version))
            by_ordinal[(source_file_id, columns[0])] = doc_id
        out["document_departments"].extend((docs[di], departments[name], *link)
                                           for di, name, *link in rows.departments)
        for name, children, parents in (("sections", rows.sections, docs),
                                        ("field_provenance", rows.field_provenance, docs),
                                        ("findings", rows.findings, docs),
                                        ("fin_values", rows.values, fin_rows)):
            out[name].extend((parents[t[0]], *t[1:]) for t in children)
        out["fin_tables"].extend((table_id, docs[t[0]], *t[1:]) for table_id, t in zip(tables, rows.tables,
                                                                                        strict=True))
        out["fin_rows"].extend((row_id, tables[t[0]], *t[1:]) for row_id, t in zip(fin_rows, rows.rows, strict=True))
    for name, columns in _INSERT_ORDER.items():
        insert_tuples(session, Base.metadata.tables[name], columns, out[name])
    from models.search import index_documents

    index_documents(session.connection(), by_ordinal.values())  # the search index follows, in this transaction
    return by_ordinal


# each table's columns as store_files_rows builds its tuples, in an order where a parent comes before its children
_INSERT_ORDER: dict[str, tuple[str, ...]] = {
    "documents": ("id", "source_file_id", *DocumentRow._fields, "extractor_version"),
    "document_departments": ("document_id", "department_id", *DepartmentLinkRow._fields[2:]),
    "sections": ("document_id", *SectionRow._fields[1:]),
    "field_provenance": ("document_id", *FieldProvenanceRow._fields[1:]),
    "fin_tables": ("id", "document_id", *TableRowTuple._fields[1:]),
    "fin_rows": ("id", "table_id", *RowTuple._fields[1:]),
    "fin_values": ("row_id", *ValueRow._fields[1:]),
    "findings": ("document_id", *FindingRow._fields[1:]),
}


def allocate_ids(session: Session, table: Table, n: int) -> list[int]:
    """n new ids for rows of `table`, taken before the rows are inserted so that children can name their parents.

    PostgreSQL: from the column's own sequence, safe beside concurrent writers. SQLite: the ids after the largest
    one, under the database's write lock held to the end of this transaction (taken here if the transaction has not
    written yet), so no other writer can take them meanwhile.
    """
    if n == 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        return list(session.scalars(select(func.nextval(sequence)).select_from(func.generate_series(1, n))))
    if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    start = session.scalar(select(func.coalesce(func.max(table.c.id), 0)))
    return list(range(start + 1, start + n + 1))


def insert_tuples(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT rows given as tuples in the order of `columns`, in one executemany.

    The statement and the columns' bind processors (JSON of the years, booleans, ...) are SQLAlchemy's own for the
    session's dialect; only the per-row parameter dict that Core would build is left out."""
    if not rows:
        return
    conn = session.connection()
    sql, names, processors = _compiled_insert(conn.dialect, table, columns)
    if processors:  # column by column: map and zip run in C, a generator per row did not
        by_column = list(zip(*rows, strict=True))
        for i, process in processors:
            by_column[i] = map(process, by_column[i])
        rows = list(zip(*by_column, strict=True))
    if names is None:  # a positional paramstyle in the order of `columns`
        conn.exec_driver_sql(sql, rows)
    else:
        conn.exec_driver_sql(sql, [dict(zip(names, row, strict=True)) for row in rows])


@lru_cache(maxsize=64)
def _compiled_insert(dialect: Dialect, table: Table, columns: tuple[str, ...]
                     ) -> tuple[str, tuple[str, ...] | None, tuple[tuple[int, Callable], ...]]:
    """(SQL, parameter names for a named paramstyle or None, (index, bind processor) of the columns that have one)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if compiled.positional:
        if tuple(compiled.positiontup) != columns:
            raise ValueError(f"{table.name}: the statement binds {compiled.positiontup}, not {columns}")
        names = None
    else:
        if set(compiled.binds) != set(columns):
            raise ValueError(f"{table.name}: the statement binds {sorted(compiled.binds)}, not {sorted(columns)}")
        names = columns
    processors = tuple((i, process) for i, name in enumerate(columns)
                       if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None)
    return compiled.string, names, processors


def _department_ids(session: Session, names: set[str]) -> dict[str, int]:
    """Id of every department named, creating the missing ones, so all documents share one row each."""
    if not names:
        return {}
    known = dict(session.execute(select(Department.name, Department.id).where(Department.name.in_(names))).all())
    missing = sorted(names - known.keys())
    ids = allocate_ids(session, Department.__table__, len(missing))
    insert_tuples(session, Department.__table__, ("id", "name", "abbreviation"),
                  [(i, name, KNOWN_ABBREVIATIONS.get(name)) for i, name in zip(ids, missing, strict=True)])
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
            row_dict(row.group_label, row.label, row.area, {v.key: plain_number(v.value) for v in row.values},
                     row.is_total, [v.key for v in row.values if v.uncertain])
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
