"""Read-only queries behind the auditor's web view: the list of proposals, one proposal whole, one figure's source."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.queries import FIGURE_ORDER, current_figures
from models.schema import (
    Department,
    Document,
    DocumentDepartment,
    FindingRecord,
    FinRow,
    FinTable,
    FinValue,
    SourceFile,
)

PROPOSAL_FILTERS = ("kind", "department", "budget_round", "price_level")
PROPOSAL_SORTS = ("code", "title", "department", "budget_round", "price_level", "kind", "findings", "copies",
                  "source")


def list_documents(session: Session, query: str | None = None, *, kind: str | None = None,
                   department: str | None = None, budget_round: str | None = None, price_level: int | None = None,
                   sort: str | None = None, descending: bool = False) -> list[dict]:
    """Current documents with their presenting department, number of findings and of other copies (models.copies),
    filtered by kind, presenting department, budget round and price level. `query` searches them
    (models.search: codes, titles, summaries, row labels and section text, in Danish) and ranks them, best first,
    unless `sort` names a column (PROPOSAL_SORTS) to order by."""
    from models.copies import copy_groups
    from models.search import search_documents

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
            Document.id, Document.code, Document.title, Document.kind, Document.price_level, Document.budget_round,
            SourceFile.name.label("source"), Document.ordinal, presenting.c.name.label("department"),
            func.coalesce(findings.c.n, 0).label("findings"),
        )
        .join(Document.source_file)
        .outerjoin(presenting, presenting.c.document_id == Document.id)
        .outerjoin(findings, findings.c.document_id == Document.id)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, Document.ordinal)
    )
    if kind:
        stmt = stmt.where(Document.kind == kind)
    if department:
        stmt = stmt.where(presenting.c.name == department)
    if budget_round:
        stmt = stmt.where(Document.budget_round == budget_round)
    if price_level is not None:
        stmt = stmt.where(Document.price_level == price_level)
    rows = [dict(r._mapping) for r in session.execute(stmt)]
    groups = copy_groups(session)
    for r in rows:
        r["copies"] = len(groups.get(r["id"], ())) - 1 if r["id"] in groups else 0
    if query:
        rank = {doc_id: i for i, doc_id in enumerate(search_documents(session.connection(), query))}
        rows = sorted((r for r in rows if r["id"] in rank), key=lambda r: rank[r["id"]])
    if sort in PROPOSAL_SORTS:
        rows = sort_rows(rows, sort, descending)
    return rows


def sort_rows(rows: list[dict], key: str, descending: bool = False) -> list[dict]:
    """Rows ordered by one column, empty values last either way; text compared case-insensitively."""
    def value(r: dict):
        v = r.get(key)
        return v.casefold() if isinstance(v, str) else v

    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    return sorted(present, key=value, reverse=descending) + missing


def document_choices(session: Session) -> dict[str, list]:
    """The values each filter of the proposals list can take (among current documents)."""
    current = select(Document.id).join(Document.source_file).where(SourceFile.status == "ok")

    def distinct(column) -> list:
        return list(session.scalars(select(column).where(Document.id.in_(current), column.is_not(None))
                                    .distinct().order_by(column)))

    return {"kind": distinct(Document.kind), "budget_round": distinct(Document.budget_round),
            "price_level": distinct(Document.price_level), "department": _presenting_names(session, current)}


def _presenting_names(session: Session, current) -> list[str]:
    return list(session.scalars(
        select(Department.name).join(DocumentDepartment, DocumentDepartment.department_id == Department.id)
        .where(DocumentDepartment.role == "presenting", DocumentDepartment.document_id.in_(current))
        .distinct().order_by(Department.name)))


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


def flagged_cells(findings: list[FindingRecord]) -> dict[tuple[int | None, str | None, str | None],
                                                         list[FindingRecord]]:
    """(table position, row label, key) -> the findings about that cell; key None: the whole row."""
    cells: dict[tuple[int | None, str | None, str | None], list[FindingRecord]] = {}
    for f in findings:
        cells.setdefault((f.table_position, f.row_label, f.key), []).append(f)
    return cells


def get_value(session: Session, value_id: int) -> FinValue | None:
    """One figure with its row, table, document and source file (for its source view)."""
    return session.scalar(
        select(FinValue)
        .where(FinValue.id == value_id)
        .options(selectinload(FinValue.row).selectinload(FinRow.table).selectinload(FinTable.document)
                 .selectinload(Document.source_file))
    )


FIGURE_FILTERS = ("year", "area", "department", "group", "budget_round", "price_level", "document", "table")
FIGURE_SORTS = {"source": (SourceFile.name, Document.ordinal), "code": (Document.code,), "table": (FinTable.number,),
                "group": (FinRow.group_label,), "label": (FinRow.label,), "area": (FinRow.area,),
                "key": (FinValue.year, FinValue.key), "value": (FinValue.value,), "page": (FinValue.page,)}


def _figures_where(stmt, year: int | None = None, area: str | None = None, department: str | None = None,
                   group: str | None = None, budget_round: str | None = None, price_level: int | None = None,
                   document: int | None = None, table: int | None = None):
    if year is not None:
        stmt = stmt.where(FinValue.year == year)
    if area:
        stmt = stmt.where(FinRow.area == area)
    if group:
        stmt = stmt.where(FinRow.group_label == group)
    if budget_round:
        stmt = stmt.where(Document.budget_round == budget_round)
    if price_level is not None:
        stmt = stmt.where(Document.price_level == price_level)
    if document is not None:
        stmt = stmt.where(Document.id == document)
    if table is not None:
        stmt = stmt.where(FinTable.number == table)
    if department:
        presenting = (
            select(DocumentDepartment.document_id)
            .join(Department, Department.id == DocumentDepartment.department_id)
            .where(DocumentDepartment.role == "presenting", Department.name == department)
        )
        stmt = stmt.where(Document.id.in_(presenting))
    return stmt


def figures(session: Session, *, sort: str | None = None, descending: bool = False, limit: int | None = None,
            offset: int = 0, **filters) -> list[dict]:
    """The rows of v_figures (models.export.figures_select) with the figure's and its document's ids (the links to
    its source and proposal), filtered (FIGURE_FILTERS; `department` is the presenting one, `document` an id,
    `table` a Tabel number), ordered by `sort` (FIGURE_SORTS; else the export's order), one page of them if `limit`
    is given."""
    from models.export import figures_select

    stmt = _figures_where(figures_select().add_columns(FinValue.id.label("value_id"),
                                                       Document.id.label("document_id")), **filters)
    if sort in FIGURE_SORTS:
        columns = FIGURE_SORTS[sort]
        # empty values last either way, then the export's order so that a page boundary is stable
        stmt = stmt.order_by(None).order_by(
            *(c.is_(None) for c in columns), *(c.desc() if descending else c.asc() for c in columns),
            *FIGURE_ORDER)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return [dict(r._mapping) for r in session.execute(stmt)]


def count_figures(session: Session, **filters) -> int:
    """How many figures `figures` gives for these filters, all pages together."""
    stmt = _figures_where(current_figures(func.count()), **filters)
    return session.scalar(stmt) or 0


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
        "department": _presenting_names(session, current),
        "budget_round": list(session.scalars(select(Document.budget_round).where(
            Document.id.in_(current), Document.budget_round.is_not(None)).distinct().order_by(Document.budget_round))),
        "price_level": list(session.scalars(select(Document.price_level).where(
            Document.id.in_(current), Document.price_level.is_not(None)).distinct().order_by(Document.price_level))),
        "table": list(session.scalars(select(FinTable.number).where(in_current, FinTable.number.is_not(None))
                                      .distinct().order_by(FinTable.number))),
    }
