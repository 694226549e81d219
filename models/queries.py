"""The one join that every query over figures stands on: exports, `bcx trace`, the v_figures view, the web view."""
from __future__ import annotations

from sqlalchemy import Select, select

from models.schema import Document, FinRow, FinTable, FinValue, SourceFile


def current_figures(*columns) -> Select:
    """`columns` for every figure of a current file (status 'ok'): figure -> row -> table -> document -> file."""
    return (
        select(*columns)
        .select_from(Document)
        .join(Document.source_file)
        .join(Document.tables)
        .join(FinTable.rows)
        .join(FinRow.values)
        .where(SourceFile.status == "ok")
    )


# the order figures are listed in: by file, document, table, row, column
FIGURE_ORDER = (SourceFile.name, SourceFile.path, Document.ordinal, FinTable.position, FinRow.position,
                FinValue.position)
