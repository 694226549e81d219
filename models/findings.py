"""Storing and listing validation findings."""
from __future__ import annotations

import json

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from extract.checks import Finding
from models.schema import Document, FindingRecord, SourceFile
from models.store import location_columns


def store_findings(session: Session, document_ids: dict[int, int], findings: list[Finding]) -> None:
    """Store a file's findings; `document_ids` maps a document's ordinal to its id (see store.store_documents)."""
    store_files_findings(session, [(document_ids, findings)])


def store_files_findings(session: Session, files: list[tuple[dict[int, int], list[Finding]]]) -> None:
    """The findings of several files in one INSERT; per file, its documents' ids by ordinal."""
    values = [
        {
            "document_id": document_ids[f.ordinal],
            "rule": f.rule,
            "severity": f.severity,
            "message": f.message,
            "table_position": f.table,
            "row_label": f.row,
            "key": f.key,
            "involved": json.dumps(f.values, ensure_ascii=False, default=str),
            "text_as_written": f.prov.text if f.prov else None,
            **location_columns(f.prov),
        }
        for document_ids, findings in files
        for f in findings
        if f.ordinal in document_ids
    ]
    if values:
        session.execute(insert(FindingRecord), values)


def findings_select():
    return (
        select(
            SourceFile.name.label("source"),
            Document.ordinal,
            Document.code,
            Document.title,
            FindingRecord.rule,
            FindingRecord.severity,
            FindingRecord.message,
            FindingRecord.row_label,
            FindingRecord.key,
            FindingRecord.involved,
            FindingRecord.page,
            FindingRecord.line_start,
        )
        .join(FindingRecord.document)
        .join(Document.source_file)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, Document.ordinal, FindingRecord.id)
    )


def list_findings(session: Session) -> list[dict]:
    return [dict(r._mapping) for r in session.execute(findings_select())]
