"""Exports: the SCHEMA.md JSON list, and a flat one-row-per-figure table for spreadsheets and pandas.

The flat table is built from a SQLAlchemy select rather than from the nested dicts so it can carry provenance
(page, line, text as written, inference rule) that the JSON schema has no room for.
"""
from __future__ import annotations

import json
from typing import TextIO

import pandas as pd
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models.queries import FIGURE_ORDER, current_figures
from models.schema import Document, FinRow, FinTable, FinValue, SourceFile
from models.store import plain_number

FIGURE_COLUMNS = [
    "source", "ordinal", "code", "title", "table_number", "table_caption", "group", "label", "area", "is_total",
    "key", "year", "value", "uncertain", "text_as_written", "page", "line_start", "inferred_by", "ocr",
]
_NULLABLE_INTS = ["table_number", "year", "page", "line_start"]


def export_json(docs: list[dict], out: TextIO) -> None:
    """Write documents as a JSON list in the gold files' format (UTF-8 text, 2-space indent, no ASCII escaping)."""
    json.dump(docs, out, indent=2, ensure_ascii=False)
    out.write("\n")


def figures_select() -> Select:
    """One result row per stored figure of current ('ok') files, in document, table, row and column order."""
    return current_figures(
        SourceFile.name.label("source"),
        Document.ordinal,
        Document.code,
        Document.title,
        FinTable.number.label("table_number"),
        FinTable.caption.label("table_caption"),
        FinRow.group_label.label("group"),
        FinRow.label,
        FinRow.area,
        FinRow.is_total,
        FinValue.key,
        FinValue.year,
        FinValue.value,
        FinValue.uncertain,
        FinValue.text_as_written,
        FinValue.page,
        FinValue.line_start,
        FinValue.inferred_by,
        FinValue.ocr,
    ).order_by(*FIGURE_ORDER)


def figures_frame(session: Session) -> pd.DataFrame:
    """All figures as a DataFrame with FIGURE_COLUMNS.

    `value` is an object column of ints and floats so integral figures stay ints (CSV shows -942, not -942.0);
    nullable integer columns use pandas' Int64 so a missing page does not turn the column into floats.
    """
    return figures_to_frame([row._asdict() for row in session.execute(figures_select())])


def figures_to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of figures_select (all, or a filtered selection) as a DataFrame with FIGURE_COLUMNS and the types above."""
    frame = pd.DataFrame.from_records(rows, columns=FIGURE_COLUMNS)
    frame["value"] = pd.Series([plain_number(v) for v in frame["value"]], index=frame.index, dtype=object)
    frame["is_total"] = frame["is_total"].astype(bool)
    frame["uncertain"] = frame["uncertain"].astype(bool)
    frame["ordinal"] = frame["ordinal"].astype("int64")
    for column in _NULLABLE_INTS:
        frame[column] = frame[column].astype("Int64")
    return frame


def export_csv(session: Session, out: TextIO) -> int:
    """Write the figures table as CSV; returns the number of figures written."""
    frame = figures_frame(session)
    write_csv(frame, out)
    return len(frame)


# ---------------------------------------------------------------- spreadsheets: text stays text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula (OWASP CSV injection)


def defuse_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells that a spreadsheet would run as a formula ('=1+2', '-2+3', '@SUM(..)') begin with
    an apostrophe, which spreadsheets read as 'this is text' (OWASP). Numbers stay numbers: -942 is not text."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if any(isinstance(v, str) and v.startswith(FORMULA_START) for v in values):
            out[column] = pd.Series([f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v
                                     for v in values], index=out.index, dtype=object)
    return out


def write_xlsx(sheets: dict[str, pd.DataFrame], out) -> None:
    """Sheets to an XLSX file (a path or a binary stream). Every text cell is stored as text: openpyxl would store
    a label '=1+2' as a live formula, which Excel then runs."""
    with pd.ExcelWriter(out, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame.to_excel(xl, sheet_name=name, index=False)
        for sheet in xl.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # bcx writes no formulas: this was a text cell
                        cell.data_type = "s"


def write_csv(frame: pd.DataFrame, out: TextIO) -> None:
    defuse_csv(frame).to_csv(out, index=False)


def write_tables(session: Session, output, fmt: str) -> None:
    """xlsx: sheets of figures, findings and sources; parquet: the figures."""
    from models.findings import findings_select

    figures = figures_frame(session)
    if fmt == "parquet":
        figures.to_parquet(output, index=False)
        return
    found = pd.DataFrame([dict(r._mapping) for r in session.execute(findings_select())])
    columns = (SourceFile.name, SourceFile.path, SourceFile.sha256, SourceFile.size_bytes, SourceFile.kind,
               SourceFile.status, SourceFile.error, SourceFile.ingested_at)
    sources = pd.DataFrame([dict(r._mapping) for r in session.execute(select(*columns))])
    if "ingested_at" in sources:
        sources["ingested_at"] = sources["ingested_at"].astype(str)  # Excel has no time zones
    write_xlsx({"figures": figures, "findings": found, "sources": sources}, output)
