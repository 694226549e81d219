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
    return (
        select(
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
        )
        .join(Document.source_file)
        .join(Document.tables)
        .join(FinTable.rows)
        .join(FinRow.values)
        .where(SourceFile.status == "ok")
        .order_by(SourceFile.name, SourceFile.path, Document.ordinal, FinTable.position, FinRow.position,
                  FinValue.position)
    )


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
    frame.to_csv(out, index=False)
    return len(frame)
