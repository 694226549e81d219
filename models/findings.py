"""Listing validation findings (they are stored with their documents: models/rows.py, models/store.py)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.schema import Document, FindingRecord, SourceFile


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
