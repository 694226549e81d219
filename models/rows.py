"""A file's extracted documents as the rows of each table, built where the file was extracted.

The writer is the one serial step of a parallel ingest, so everything that can be done per file is done here, in
the worker: the object tree of `ExtractedDocument`s becomes flat tuples of column values, in the order of the
column names below. A tuple that belongs to a parent row names it by its index in this file (a table by the index
of its document, a figure by the index of its row); the writer only gives every row its id and the parent's id.
Flat tuples are also what crosses the process boundary: unpickling thousands of small objects per file cost the
writer more than storing them.
"""
from __future__ import annotations

import json
from collections import Counter, namedtuple
from dataclasses import dataclass, field

from extract.checks import Finding
from extract.records import ExtractedDocument, Provenance
from parsers.numbers import storable_number

LOCATION_COLUMNS = ("page", "line_start", "line_end", "x0", "top", "x1", "bottom", "ocr", "ocr_confidence")
WRITTEN_COLUMNS = ("text_as_written", "inferred_by")

# columns of each table as the tuples below hold them; the writer puts the row's id and its parent's id in front
DOCUMENT_COLUMNS = ("ordinal", "kind", "code", "title", "summary", "budget_round", "price_level", "unit",
                    "payback_service", "payback_total", "risk_rating", "affected_marked_known")
DEPARTMENT_LINK_COLUMNS = ("role", "position")  # after the department's name, which the writer turns into its id
SECTION_COLUMNS = ("position", "number", "heading", "text", *WRITTEN_COLUMNS, *LOCATION_COLUMNS)
FIELD_PROVENANCE_COLUMNS = ("field", "text", "inferred_by", *LOCATION_COLUMNS)
TABLE_COLUMNS = ("position", "number", "caption", "price_level", "unit", "years", *WRITTEN_COLUMNS,
                 *LOCATION_COLUMNS)
ROW_COLUMNS = ("position", "group_label", "label", "area", "is_total", *WRITTEN_COLUMNS, *LOCATION_COLUMNS)
VALUE_COLUMNS = ("position", "key", "year", "value", "uncertain", *WRITTEN_COLUMNS, *LOCATION_COLUMNS)
FINDING_COLUMNS = ("rule", "severity", "message", "table_position", "row_label", "key", "involved",
                   "text_as_written", *LOCATION_COLUMNS)

NO_LOCATION = (None, None, None, None, None, None, None, False, None)

# The rows as named tuples: the parent's index in this file first, then the table's columns in insert order. Their
# fields are what the writer inserts (models/store.py), so a column is added in one place.
DocumentRow = namedtuple("DocumentRow", DOCUMENT_COLUMNS)
DepartmentLinkRow = namedtuple("DepartmentLinkRow", ("document_index", "name", *DEPARTMENT_LINK_COLUMNS))
SectionRow = namedtuple("SectionRow", ("document_index", *SECTION_COLUMNS))
FieldProvenanceRow = namedtuple("FieldProvenanceRow", ("document_index", *FIELD_PROVENANCE_COLUMNS))
TableRowTuple = namedtuple("TableRowTuple", ("document_index", *TABLE_COLUMNS))
RowTuple = namedtuple("RowTuple", ("table_index", *ROW_COLUMNS))
ValueRow = namedtuple("ValueRow", ("row_index", *VALUE_COLUMNS))
FindingRow = namedtuple("FindingRow", ("document_index", *FINDING_COLUMNS))


@dataclass(slots=True)
class FileRows:
    """One file's documents, departments, sections, provenance, tables, rows, figures and findings as tuples.

    Each list of children holds (index of the parent in this file, *columns): `tables` (document index,
    *TABLE_COLUMNS), `rows` (table index, *ROW_COLUMNS), `values` (row index, *VALUE_COLUMNS), and so on;
    `departments` holds (document index, department name, *DEPARTMENT_LINK_COLUMNS).
    """

    documents: list[tuple] = field(default_factory=list)
    departments: list[tuple] = field(default_factory=list)
    sections: list[tuple] = field(default_factory=list)
    field_provenance: list[tuple] = field(default_factory=list)
    tables: list[tuple] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    values: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)
    schema_json: str = "[]"  # the documents in the shape of SCHEMA.md: what a changed file is compared by

    def schema(self) -> list[dict]:
        return json.loads(self.schema_json)

    def department_names(self) -> set[str]:
        return {name for _, name, *_ in self.departments}

    def finding_keys(self) -> Counter:
        """finding_key of each finding, with how often it occurs: what a later run compares them by."""
        return Counter(finding_key(self.documents[f.document_index].ordinal, f.rule, f.table_position, f.row_label,
                                   f.key, f.message) for f in self.findings)


def finding_key(ordinal: int, rule: str, table_position: int | None, row_label: str | None, key: str | None,
                message: str) -> tuple:
    """What identifies a finding from one run to the next: its document, rule, place (table, row, column) and
    message. Two findings may share it (the same row label in two places of one table): they are counted, not
    merged."""
    return (ordinal, rule, -1 if table_position is None else table_position, row_label or "", key or "", message)


def location(prov: Provenance | None) -> tuple:
    """Page, line span, bounding box, OCR flag and confidence of a provenance, in the order of LOCATION_COLUMNS."""
    if prov is None:
        return NO_LOCATION
    x0, top, x1, bottom = prov.bbox if prov.bbox is not None else (None, None, None, None)
    return (prov.page, prov.line_start, prov.line_end, x0, top, x1, bottom, prov.ocr,
            prov.confidence if prov.ocr else None)


def written(prov: Provenance | None) -> tuple:
    """The source text and the inference rule of a provenance, in the order of WRITTEN_COLUMNS."""
    return (None, None) if prov is None else (prov.text, prov.inferred_by)


def file_rows(documents: list[ExtractedDocument], findings: list[Finding] = ()) -> FileRows:
    """The rows of a file's documents and their findings (findings of an ordinal no document has are dropped)."""
    out = FileRows(schema_json=json.dumps([d.to_schema_dict() for d in documents], ensure_ascii=False))
    by_ordinal = {}
    for di, doc in enumerate(documents):
        by_ordinal[doc.ordinal] = di
        out.documents.append(DocumentRow(doc.ordinal, doc.kind, doc.code, doc.title, doc.summary, doc.budget_round,
                              doc.price_level, doc.unit, doc.payback_service, doc.payback_total, doc.risk_rating,
                              doc.affected_departments_marked is not None))
        out.departments.extend(department_links(di, doc))
        out.sections.extend(SectionRow(di, i, s.number, s.heading, s.text, *written(s.prov), *location(s.prov))
                            for i, s in enumerate(doc.sections))
        out.field_provenance.extend(FieldProvenanceRow(di, name, prov.text, prov.inferred_by, *location(prov))
                                    for name, prov in doc.field_prov.items())
        for ti, table in enumerate(doc.tables):
            table_index = len(out.tables)
            out.tables.append(TableRowTuple(di, ti, table.number, table.caption, table.price_level, table.unit,
                               [int(y) for y in table.years], *written(table.prov), *location(table.prov)))
            for ri, row in enumerate(table.rows):
                row_index = len(out.rows)
                out.rows.append(RowTuple(table_index, ri, row.group, row.label, row.area, row.is_total,
                                         *written(row.prov), *location(row.prov)))
                out.values.extend(ValueRow(row_index, ci, c.key, int(c.key) if c.key.isdigit() else None, c.value,
                                   c.uncertain, *written(c.prov), *location(c.prov)) for ci, c in enumerate(row.cells)
                                  if storable_number(c.value))  # a larger one is a finding, never stored rounded
    out.findings.extend(
        FindingRow(by_ordinal[f.ordinal], f.rule, f.severity, f.message, f.table, f.row, f.key,
         json.dumps(f.values, ensure_ascii=False, default=str), f.prov.text if f.prov else None, *location(f.prov))
        for f in findings if f.ordinal in by_ordinal
    )
    return out


def department_links(document_index: int, doc: ExtractedDocument) -> list[tuple]:
    """(document index, name, role, position) of the presenting and the affected departments; a name listed twice
    is linked once, at its first place."""
    links = []
    if doc.presenting_department:
        links.append(DepartmentLinkRow(document_index, doc.presenting_department, "presenting", 0))
    links.extend(DepartmentLinkRow(document_index, name, "affected", position)
                 for position, name in enumerate(dict.fromkeys(doc.affected_departments_marked or [])))
    return links
