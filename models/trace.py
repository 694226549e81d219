"""Find stored figures by document, table, row and year, with everything that says where they came from."""
from __future__ import annotations

from sqlalchemy import or_
from sqlalchemy.orm import Session

from models.queries import FIGURE_ORDER, current_figures
from models.schema import Document, FinRow, FinTable, FinValue, SourceFile


def trace_select(document: str, table: int | None = None, row: str | None = None, year: str | None = None):
    """`document` is a proposal code (BC04), a document id, or SOURCE#ORDINAL."""
    q = current_figures(
            Document.id.label("document_id"),
            Document.code,
            Document.title,
            Document.ordinal,
            SourceFile.name.label("source"),
            SourceFile.path,
            SourceFile.sha256,
            SourceFile.kind.label("source_kind"),
            FinTable.number.label("table"),
            FinTable.caption,
            FinRow.group_label.label("group"),
            FinRow.label,
            FinRow.area,
            FinValue.id.label("value_id"),
            FinValue.key,
            FinValue.value,
            FinValue.text_as_written,
            FinValue.page,
            FinValue.line_start,
            FinValue.line_end,
            FinValue.x0,
            FinValue.top,
            FinValue.x1,
            FinValue.bottom,
            FinValue.inferred_by,
            FinValue.uncertain,
            FinValue.ocr,
            FinValue.ocr_confidence,
    )
    if "#" in document:
        name, _, ordinal = document.rpartition("#")
        q = q.where(SourceFile.name == name, Document.ordinal == (int(ordinal) if ordinal.isdigit() else -1))
    elif document.isdigit():
        q = q.where(Document.id == int(document))
    else:
        q = q.where(Document.code == document)
    if table is not None:
        q = q.where(FinTable.number == table)
    if row:
        q = q.where(or_(FinRow.label == row, FinRow.label.ilike(f"%{row}%")))
    if year:
        q = q.where(FinValue.key == str(year))
    return q.order_by(*FIGURE_ORDER)


def find_values(session: Session, document: str, table: int | None = None, row: str | None = None,
                year: str | None = None) -> list[dict]:
    return [dict(r._mapping) for r in session.execute(trace_select(document, table, row, year))]
