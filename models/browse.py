"""Read-only queries behind the auditor's web view: the list of proposals, one proposal whole, one figure's source."""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from models.schema import (
    Department,
    Document,
    DocumentDepartment,
    DocumentSection,
    FindingRecord,
    FinRow,
    FinTable,
    FinValue,
    SourceFile,
)


def list_documents(session: Session, query: str | None = None) -> list[dict]:
    """Current documents with their presenting department and number of findings; `query` searches (a
    case-insensitive substring) code, title, department, summary, the row labels of its tables and the headings
    and text of its sections: an auditor looking for 'Effektiviseringsgevinst' or a word of a risk assessment
    finds the proposals that hold it."""
    findings = (
        select(FindingRecord.document_id, func.count().label("n"))
        .group_by(FindingRecord.document_id)
        .subquery()
    )
    presenting = (
        select(DocumentDepartment.document_id, Department.name)
        .join(Department, Department.id == DocumentDepartment.department_id)
        .where(DocumentDepartment.role == "presenting")
        .subquery()
    )
    stmt = (
        select(
            Document.id, Document.code, Document.title, Document.kind, Document.price_level,
            SourceFile.name.label("source"), Document.ordinal, presenting.c.name.label("department"),
            func.coalesce(findings.c.n, 0).label("findings"),
        )
        .join(Document.source_file)
        .outerjoin(presenting, presenting.c.document_id == Document.id)
        .outerjoin(findings, findings.c.document_id == Document.id)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, Document.ordinal)
    )
    if query:
        like = f"%{query}%"  # a bound parameter, not SQL text
        in_rows = (select(FinTable.document_id).join(FinTable.rows)
                   .where(or_(FinRow.label.ilike(like), FinRow.group_label.ilike(like))))
        in_sections = (select(DocumentSection.document_id)
                       .where(or_(DocumentSection.heading.ilike(like), DocumentSection.text.ilike(like))))
        stmt = stmt.where(or_(Document.code.ilike(like), Document.title.ilike(like), presenting.c.name.ilike(like),
                              Document.summary.ilike(like), Document.id.in_(in_rows), Document.id.in_(in_sections)))
    return [dict(r._mapping) for r in session.execute(stmt)]


FINDING_FACETS = ("rule", "severity", "document", "table")


def findings(session: Session, rule: str | None = None, severity: str | None = None, document: int | None = None,
             table: int | None = None) -> list[dict]:
    """Findings of current files, filtered by rule, severity, document (id) and table (Tabel number), each with
    its proposal and the figure it names (value_id, for the link to its source), if any."""
    value = (
        select(FinValue.id)
        .join(FinValue.row).join(FinRow.table)
        .where(FinTable.document_id == FindingRecord.document_id, FinTable.position == FindingRecord.table_position,
               FinRow.label == FindingRecord.row_label, FinValue.key == FindingRecord.key)
        .limit(1)
        .scalar_subquery()
    )
    number = (select(FinTable.number)
              .where(FinTable.document_id == FindingRecord.document_id,
                     FinTable.position == FindingRecord.table_position)
              .scalar_subquery())
    stmt = (
        select(FindingRecord.id, FindingRecord.rule, FindingRecord.severity, FindingRecord.message,
               FindingRecord.row_label, FindingRecord.key, FindingRecord.page, FindingRecord.line_start,
               Document.id.label("document_id"), Document.code, Document.title, Document.ordinal,
               SourceFile.name.label("source"), number.label("table_number"), value.label("value_id"))
        .join(FindingRecord.document).join(Document.source_file)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, Document.ordinal, FindingRecord.id)
    )
    if rule:
        stmt = stmt.where(FindingRecord.rule == rule)
    if severity:
        stmt = stmt.where(FindingRecord.severity == severity)
    if document is not None:
        stmt = stmt.where(Document.id == document)
    rows = [dict(r._mapping) for r in session.execute(stmt)]
    if table is not None:
        rows = [r for r in rows if r["table_number"] == table]
    return rows


def finding_counts(rows: list[dict]) -> dict[str, list[tuple[object, int]]]:
    """For each facet, its values among `rows` with how many findings each has, most first."""
    from collections import Counter

    keys = {"rule": "rule", "severity": "severity", "document": "document_id", "table": "table_number"}
    return {facet: Counter(r[key] for r in rows if r[key] is not None).most_common() for facet, key in keys.items()}


def get_document(session: Session, document_id: int) -> Document | None:
    """One document with everything a page shows: departments, sections, tables, rows and figures."""
    return session.scalar(
        select(Document)
        .where(Document.id == document_id)
        .options(
            selectinload(Document.source_file),
            selectinload(Document.departments),
            selectinload(Document.sections),
            selectinload(Document.tables).selectinload(FinTable.rows).selectinload(FinRow.values),
        )
    )


def document_findings(session: Session, document_id: int) -> list[FindingRecord]:
    return list(session.scalars(
        select(FindingRecord).where(FindingRecord.document_id == document_id).order_by(FindingRecord.id)
    ))


def flagged_cells(findings: list[FindingRecord]) -> dict[tuple[int | None, str | None, str | None], list[str]]:
    """(table position, row label, key) -> the messages of the findings about that cell; key None: the whole row."""
    cells: dict[tuple[int | None, str | None, str | None], list[str]] = {}
    for f in findings:
        cells.setdefault((f.table_position, f.row_label, f.key), []).append(f"{f.rule}: {f.message}")
    return cells


def get_value(session: Session, value_id: int) -> FinValue | None:
    """One figure with its row, table, document and source file (for its source view)."""
    return session.scalar(
        select(FinValue)
        .where(FinValue.id == value_id)
        .options(selectinload(FinValue.row).selectinload(FinRow.table).selectinload(FinTable.document)
                 .selectinload(Document.source_file))
    )


FIGURE_FILTERS = ("year", "area", "department", "group")


def figures(session: Session, year: int | None = None, area: str | None = None, department: str | None = None,
            group: str | None = None) -> list[dict]:
    """The rows of v_figures (models.export.figures_select), filtered; `department` is the presenting one."""
    from models.export import figures_select

    stmt = figures_select()
    if year is not None:
        stmt = stmt.where(FinValue.year == year)
    if area:
        stmt = stmt.where(FinRow.area == area)
    if group:
        stmt = stmt.where(FinRow.group_label == group)
    if department:
        presenting = (
            select(DocumentDepartment.document_id)
            .join(Department, Department.id == DocumentDepartment.department_id)
            .where(DocumentDepartment.role == "presenting", Department.name == department)
        )
        stmt = stmt.where(Document.id.in_(presenting))
    return [dict(r._mapping) for r in session.execute(stmt)]


def figure_choices(session: Session) -> dict[str, list]:
    """The values each filter of the figures page can take."""
    current = select(Document.id).join(Document.source_file).where(SourceFile.status == "ok")
    in_current = FinTable.document_id.in_(current)
    return {
        "year": list(session.scalars(select(FinValue.year).join(FinValue.row).join(FinRow.table)
                                     .where(in_current, FinValue.year.is_not(None)).distinct()
                                     .order_by(FinValue.year))),
        "area": list(session.scalars(select(FinRow.area).join(FinRow.table)
                                     .where(in_current, FinRow.area.is_not(None)).distinct().order_by(FinRow.area))),
        "group": list(session.scalars(select(FinRow.group_label).join(FinRow.table)
                                      .where(in_current, FinRow.group_label.is_not(None)).distinct()
                                      .order_by(FinRow.group_label))),
        "department": list(session.scalars(
            select(Department.name).join(DocumentDepartment, DocumentDepartment.department_id == Department.id)
            .where(DocumentDepartment.role == "presenting", DocumentDepartment.document_id.in_(current))
            .distinct().order_by(Department.name))),
    }
