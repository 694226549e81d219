"""Figures read by OCR that are not to be trusted silently: flagged uncertain (Cell.doubt says why), each with an
`ocr-uncertain` finding (extract/checks.py), so a misread digit is never a silent wrong number.

Three kinds of doubt, for OCR cells only (a text layer's digits are the file's own):

    comma-separator    an amount written "-5,100" in a table of (1.000) kr.: the thousands point read as a comma;
                       stored as -5100, flagged

    low-confidence     Tesseract's confidence in the figure's word is below `TextSettings.ocr_min_confidence`
    totals-contradict  the table's own arithmetic does not hold in this column (a total row against its component
                       rows, a row's "I alt" against its years) or a row that Tabel 2-N repeat from Tabel 1 differs:
                       one of the figures involved was misread, and which one the arithmetic cannot say, so every
                       OCR figure involved is flagged. A contradiction that holds for most of what a check compares
                       (an "I alt" column printed 0 on every row, a Tabel 2 whose years are shifted from Tabel 1's)
                       is the source's own arithmetic, which no misreading explains: the checks report it as for a
                       text PDF, and nothing is flagged for it
"""
from __future__ import annotations

import regex

from extract.checks import _equations, _tol, repeated_rows
from extract.records import Cell, ExtractedDocument, Table, TableRow
from extract.settings import DEFAULT, TextSettings
from parsers.numbers import parse_number

LOW_CONFIDENCE = "low-confidence"
CONTRADICTED = "totals-contradict"
SEPARATOR = "comma-separator"
# "-5,100" among "-5.000" and "-5.100": Tesseract reads a scanned thousands point as a comma; a Danish decimal
# comma with exactly three decimals does not occur in amounts of 1.000 kr.
COMMA_THOUSANDS = regex.compile(r"^[-−–]?\d{1,3}(?:,\d{3})+$")


def flag_ocr_doubts(doc: ExtractedDocument, settings: TextSettings = DEFAULT) -> None:
    """Flag (in place) the OCR figures of `doc` that are unsure or that the document's arithmetic contradicts."""
    for table in doc.tables:
        whole = table.unit is not None  # amounts in (1.000) kr.: whole numbers, never three decimals
        for row in table.rows:
            for cell in row.cells:
                if whole and _ocr(cell) and COMMA_THOUSANDS.match(cell.prov.text):
                    cell.value = parse_number(cell.prov.text.replace(",", "."))
                    _doubt(cell, SEPARATOR)
                if _ocr(cell) and (cell.prov.confidence is None
                                   or cell.prov.confidence < settings.ocr_min_confidence):
                    _doubt(cell, LOW_CONFIDENCE)
        if doc.kind != "overview":  # an overview rounds its figures: its sums need not hold exactly
            sums, row_totals = contradicted_totals(table)
            _flag_isolated(sums, settings)
            _flag_isolated(row_totals, settings)
    _flag_isolated(contradicted_repeats(doc), settings)


def _flag_isolated(found: tuple[list[list[Cell]], int], settings: TextSettings) -> None:
    """Flag the cells of each contradiction, unless contradictions are most of what was compared (systematic)."""
    contradictions, compared = found
    if len(contradictions) >= settings.ocr_systematic_min and \
            len(contradictions) > settings.ocr_systematic_share * compared:
        return
    for cells in contradictions:
        for cell in cells:
            _doubt(cell, CONTRADICTED)


def contradicted_totals(table: Table) -> tuple[tuple[list[list[Cell]], int], tuple[list[list[Cell]], int]]:
    """The cells of each column where a total row does not equal the sum of its rows, and of each row whose "I alt"
    is not the sum of its years; each with how many were compared."""
    out: list[list[Cell]] = []
    compared = 0
    rows = table.rows
    keys = [str(y) for y in table.years]
    for t, comps, _ in _equations(rows):
        total = rows[t].values()
        if not total:
            continue
        for key in keys:
            parts = [rows[c].values().get(key) for c in comps]
            printed = total.get(key)
            expected = sum(p for p in parts if p is not None)
            if printed is None and abs(expected) < 0.5:
                continue
            compared += 1
            if printed is None or abs(printed - expected) >= _tol(printed, *parts):
                out.append([c for r in (rows[t], *(rows[i] for i in comps)) for c in _cells(r, key)])
    by_row: list[list[Cell]] = []
    checked = 0
    for row in rows:
        vals = row.values()
        years = [v for k, v in vals.items() if k != "total"]
        if "total" in vals and years:
            checked += 1
            if abs(vals["total"] - sum(years)) >= _tol(vals["total"], *years):
                by_row.append(list(row.cells))
    return (out, compared), (by_row, checked)


def contradicted_repeats(doc: ExtractedDocument) -> tuple[list[list[Cell]], int]:
    """The two cells of each figure that Tabel 2-N repeat from Tabel 1 differently; with how many were compared."""
    out = []
    compared = 0
    for _, _, row, _, match in repeated_rows(doc):
        a, b = match.values(), row.values()
        for key in set(a) & set(b) - {"total"}:
            compared += 1
            if abs(a[key] - b[key]) >= _tol(a[key], b[key]):
                out.append([*_cells(match, key), *_cells(row, key)])
    return out, compared


def _cells(row: TableRow, key: str) -> list[Cell]:
    return [c for c in row.cells if c.key == key]


def _ocr(cell: Cell) -> bool:
    return cell.prov is not None and cell.prov.ocr


def _doubt(cell: Cell, why: str) -> None:
    """Flag an OCR cell; one already flagged (its column undecided, or an earlier doubt) keeps its first reason."""
    if not _ocr(cell) or cell.uncertain:
        return
    cell.uncertain = True
    cell.doubt = why
