"""Database layer: normalised schema, engine/session helpers, storing and loading documents, exports."""
from models.db import database_url, init_db, make_engine, session_scope
from models.export import FIGURE_COLUMNS, export_csv, export_json, figures_frame, figures_select
from models.findings import list_findings
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
)
from models.store import (
    document_dict,
    load_documents,
    mark_removed,
    plain_number,
    record_failure,
    store_documents,
    summary_counts,
    upsert_source_file,
)

__all__ = [
    "list_findings",
    "FIGURE_COLUMNS",
    "Base",
    "Department",
    "Document",
    "DocumentDepartment",
    "DocumentSection",
    "Failure",
    "FieldProvenance",
    "FinRow",
    "FinTable",
    "FinValue",
    "SourceFile",
    "database_url",
    "document_dict",
    "export_csv",
    "export_json",
    "figures_frame",
    "figures_select",
    "init_db",
    "load_documents",
    "make_engine",
    "mark_removed",
    "plain_number",
    "record_failure",
    "session_scope",
    "store_documents",
    "summary_counts",
    "upsert_source_file",
]
