"""Rebuild a PDF table's rows and columns from the positions of its words.

A chain of pure steps, each input -> output (thresholds in extract/settings.TextSettings, passed down):

    header_to_grid      the header's year words and the body's lines -> Grid (column spans, label / area / figure
                        zones)
    line_to_cells       a body line -> LineCells (its words split into label, area and figures under their year:
                        figures are right-aligned, so a figure belongs to the column whose right edge it shares and an
                        empty cell stays empty)
    line_kind           LineCells and the line after it -> what the line is: a data row, a repeated header row,
                        prose below the table, a heading row merged across all columns, a text-only line
    cells_to_rows       the lines in order -> RawRows (a line with figures opens a row; a figure-less line continues
                        the row above when no ruling line and no row gap separates them, or opens a heading row)

`words_to_raw_rows` runs them for one table region.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import regex

from extract.settings import DEFAULT, TextSettings
from extract.tables import AREA_BY_LOWER, END_LINE, PROSE_WORDS, RawRow, TableHeader, Token, is_group_heading
from parsers.numbers import parse_number
from parsers.records import Line, Word, least_confidence
from parsers.text import join_broken, normalize_space


@dataclass(frozen=True)
class Column:
    key: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Grid:
    """Where a table's cells lie across the page, in PDF points."""

    columns: list[Column]
    first_col_x0: float  # left edge of the first year column's header word
    figures_x0: float  # left of this, no figure (the figure zone starts a little before the first year)
    area_x0: float | None  # the Styringsområde column, if the table has one
    label_x0: float
    label_x1: float  # the label cell's right edge

    def in_label_or_area(self, word: Word, settings: TextSettings) -> bool:
        return word.x1 <= self.figures_x0 + settings.figure_zone


@dataclass
class LineCells:
    """A body line split into the table's cells."""

    line: Line
    label_words: list[Word]
    area_words: list[Word]
    figures: list[tuple[Column, Word]]

    @property
    def label(self) -> str:
        return normalize_space(" ".join(w.text for w in self.label_words))

    @property
    def area_text(self) -> str:
        return normalize_space(" ".join(w.text for w in self.area_words))

    @property
    def whole(self) -> str:
        return normalize_space(" ".join(w.text for w in self.line.words))


class LineKind(Enum):
    DATA = "data"  # figures under the year columns
    REPEATED_HEADER = "repeated-header"  # the header row again, where the table breaks across a page
    END = "end"  # the table is over: a closing line, or prose below it
    MERGED_HEADING = "merged-heading"  # a heading row merged across all columns, inside the table
    TEXT = "text"  # label (and maybe area) text without figures: a heading or a wrapped cell


# ---------------------------------------------------------------- step 1: the grid


def header_to_columns(header: TableHeader) -> list[Column]:
    # a column's key is its year as read (a header '2O23' heads the column 2023), when each word was read as one
    keys = [hy.key for hy in header.columns] if len(header.columns) == len(header.year_words) else \
        [w.text.strip("()") for w in header.year_words]
    cols = [Column(key, w.x0, w.x1) for key, w in zip(keys, header.year_words, strict=True)]
    if header.total_word is not None:
        cols.append(Column("total", header.total_word.x0, header.total_word.x1))
    return cols


def header_to_grid(header: TableHeader, body: list[Line], settings: TextSettings = DEFAULT) -> Grid | None:
    cols = header_to_columns(header)
    if not cols:
        return None
    first_col_x0 = min(c.x0 for c in cols)
    figures_x0 = first_col_x0 - settings.figure_zone
    area_x0 = header.area_word.x0 if header.area_word is not None else None
    label_x1 = (area_x0 if area_x0 is not None else figures_x0) - settings.cell_padding
    label_x0 = min((ln.words[0].x0 for ln in body), default=0.0)
    return Grid(cols, first_col_x0, figures_x0, area_x0, label_x0, label_x1)


# ---------------------------------------------------------------- step 2: a line's cells


GLUED_UNIT = regex.compile(r"^(?P<unit>kr\.)(?P<figure>-?\d[\d.,]*)$", regex.IGNORECASE)


def _unglue_units(words: list[Word]) -> list[Word]:
    """A figure that fills its cell touches the unit of the cell left of it, and the PDF's words join them
    ("8.900.000" "kr.11.570.000" "kr."): the unit and the figure become words of their own again, the word's
    width shared by their letters."""
    out: list[Word] = []
    for w in words:
        m = GLUED_UNIT.match(w.text)
        if m is None:
            out.append(w)
            continue
        cut = w.x0 + (w.x1 - w.x0) * len(m["unit"]) / len(w.text)
        out += [Word(m["unit"], w.x0, w.top, cut, w.bottom, w.conf),
                Word(m["figure"], cut, w.top, w.x1, w.bottom, w.conf)]
    return out


def merge_units(words: list[Word], settings: TextSettings = DEFAULT) -> list[Word]:
    """A unit printed as a word of its own after a figure ("209.000" "kr.") becomes part of the figure's word (a
    unit glued to the next cell's figure parted from it first)."""
    out: list[Word] = []
    for w in _unglue_units(words):
        if out and w.text.lower() in ("kr.", "kr") and parse_number(out[-1].text) is not None \
                and w.x0 - out[-1].x1 < settings.unit_gap_heights * (w.bottom - w.top):
            prev = out.pop()
            out.append(Word(f"{prev.text} {w.text}", prev.x0, prev.top, w.x1, max(prev.bottom, w.bottom),
                            conf=least_confidence([prev, w])))
        else:
            out.append(w)
    return out


def column_for(word: Word, cols: list[Column]) -> Column | None:
    """The column whose right edge is nearest the word's right edge (figures are right-aligned)."""
    if not cols:
        return None
    best = min(cols, key=lambda c: abs(c.x1 - word.x1))
    pitch = min((abs(a.x1 - b.x1) for a, b in zip(cols, cols[1:], strict=False)), default=60.0)
    return best if abs(best.x1 - word.x1) <= pitch / 2 else None


# What Tesseract makes of a scanned figure, right-aligned under a year column, that is not a number as read: a lone "1"
# read as a letter of one stroke, a minus sign read as a quotation mark ('"4.212'). There it is the figure, stored with
# no confidence (so extract/ocr_doubts.py flags it: never a silent reading).
OCR_ONE = frozenset({"i", "l", "I", "|"})
OCR_MINUS = regex.compile(r"^[\"“”„'](?=\d[\d.,]*$)")


def ocr_letter_as_one(w: Word, line: Line, grid: Grid, settings: TextSettings = DEFAULT) -> Word:
    """`w`, or the figure it stands for (an OCR line's word right-aligned under a year column, read as above)."""
    if not line.ocr or w.x1 < grid.first_col_x0 - settings.edge_slack or column_for(w, grid.columns) is None:
        return w
    if w.text in OCR_ONE:
        return Word("1", w.x0, w.top, w.x1, w.bottom, conf=0.0)
    if OCR_MINUS.match(w.text):
        return Word(OCR_MINUS.sub("-", w.text), w.x0, w.top, w.x1, w.bottom, conf=0.0)
    return w


def line_to_cells(line: Line, grid: Grid, settings: TextSettings = DEFAULT) -> LineCells:
    cells = LineCells(line, [], [], [])
    for w in merge_units(line.words, settings):
        w = ocr_letter_as_one(w, line, grid, settings)
        # a figure is right-aligned under its year: its right edge lies past the first year column's left edge
        is_figure = parse_number(w.text) is not None and w.x1 >= grid.first_col_x0 - settings.edge_slack
        col = column_for(w, grid.columns) if is_figure else None
        if col is not None:
            cells.figures.append((col, w))
        elif grid.area_x0 is not None and w.x0 >= grid.area_x0 - 1 and grid.in_label_or_area(w, settings):
            cells.area_words.append(w)
        else:
            cells.label_words.append(w)
    words = cells.label_words
    if line.ocr and len(words) >= 2 and words[0].text in OCR_ONE and words[1].text.casefold() == "alt":
        words[0] = Word("I", words[0].x0, words[0].top, words[0].x1, words[0].bottom, words[0].conf)  # "l alt"
    return cells


# ---------------------------------------------------------------- step 3: what a line is


def is_data_row(cells: LineCells, grid: Grid, settings: TextSettings = DEFAULT) -> bool:
    """A row of the grid: figures under the year columns, its other words inside the label and area cells (a line
    of prose with amounts in it runs its words across the figure columns)."""
    figures = [w for w in cells.line.words
               if parse_number(w.text) is not None and w.x1 >= grid.first_col_x0 - settings.edge_slack]
    return bool(figures) and all(grid.in_label_or_area(w, settings) for w in cells.line.words if w not in figures)


def line_kind(cells: LineCells, following: LineCells | None, grid: Grid, settings: TextSettings = DEFAULT) -> LineKind:
    if END_LINE.match(cells.line.text):
        return LineKind.END
    if len(cells.figures) >= 2 and all(w.text == col.key for col, w in cells.figures):
        return LineKind.REPEATED_HEADER  # years, not figures
    under_grid = [w for w in cells.label_words if w.x0 > grid.first_col_x0 - settings.edge_slack]
    if cells.figures:
        # a sentence with amounts in it ('200 t.kr. i 2021 og 600 t.kr. i 2022'): prose below the table
        return LineKind.END if len(under_grid) > len(cells.figures) else LineKind.DATA
    if cells.area_words:
        reaches = max(w.x1 for w in cells.line.words) > grid.first_col_x0 - settings.edge_slack
    else:
        reaches = bool(cells.label_words) and \
            max(w.x1 for w in cells.label_words) > grid.label_x1 + 2 * settings.cell_padding
    if reaches:
        # Text running across the figure columns is prose below the table, not a label cell; unless it is a heading
        # row merged across all columns (an office template's group heading): not a sentence, and the grid's rows
        # go on right below it.
        if cells.whole.endswith((".", ":")) or following is None or not is_data_row(following, grid, settings):
            return LineKind.END
        return LineKind.MERGED_HEADING
    if not cells.area_words and len(cells.label.split()) >= PROSE_WORDS and cells.label.endswith((".", ":")):
        return LineKind.END
    return LineKind.TEXT


# ---------------------------------------------------------------- step 4: rows


def _rule_between(rules: list[float], upper: Line, lower: Line) -> bool:
    a = upper.words[0].top + 1.0
    b = lower.words[0].top + 1.0
    return any(a < y <= b for y in rules)


def starts_new_row(prev: Line, line: Line, rules: list[float], settings: TextSettings = DEFAULT) -> bool:
    """A ruling line between the two lines, or (borderless, or a scan) a gap wider than a wrapped cell's.

    A scan loses the faint rules between an office template's rows (only the darker ones survive its threshold),
    so between OCR lines the row gap counts as well as the rules found."""
    if rules and _rule_between(rules, prev, line):
        return True
    scanned = prev.ocr and line.ocr
    if rules and not scanned:
        return False
    gap = min(w.top for w in line.words) - max(w.bottom for w in prev.words)
    if scanned:  # Tesseract's boxes hug the glyphs: the taller line's words say the font's height
        height = max(w.bottom - w.top for w in (*prev.words, *line.words))
        return gap > settings.ocr_row_gap_ratio * height
    height = max(w.bottom - w.top for w in prev.words)
    return gap > settings.row_gap_ratio * height


def join_label(left: str, left_words: list[Word], right: str, grid: Grid, settings: TextSettings = DEFAULT) -> str:
    """Join a wrapped label; a single word that filled the whole cell was broken mid-word, without a hyphen."""
    if len(left_words) >= 1 and right[:1].islower():
        line_width = left_words[-1].x1 - left_words[0].x0
        if len(left_words) == 1 and line_width >= (grid.label_x1 - grid.label_x0) - settings.full_cell_slack:
            return left + right
    return join_broken(left, right)


def cells_to_rows(lines: list[LineCells], grid: Grid, rules: dict[int, list[float]] | None = None,
                  settings: TextSettings = DEFAULT) -> list[RawRow]:
    rows: list[RawRow] = []
    current: RawRow | None = None
    current_label_words: list[Word] = []
    current_area_text = ""
    prev_line: Line | None = None

    def continues(line: Line) -> bool:
        """The line belongs to the row above: same page, no ruling line or row gap between them."""
        return (current is not None and prev_line is not None and prev_line.page == line.page
                and not starts_new_row(prev_line, line, (rules or {}).get(line.page, []), settings))

    for index, cells in enumerate(lines):
        line = cells.line
        following = lines[index + 1] if index + 1 < len(lines) else None
        kind = line_kind(cells, following, grid, settings)
        if kind is LineKind.END:
            break
        if kind is LineKind.REPEATED_HEADER:
            continue
        if kind is LineKind.MERGED_HEADING:
            current = RawRow([cells.whole], [line], placed={})
            current_label_words = list(line.words)
            rows.append(current)
        elif kind is LineKind.TEXT and not cells.area_words:
            label = cells.label
            if continues(line) and not is_group_heading(label):
                current.label_parts = [join_label(current.label, current_label_words, label, grid, settings)]
                current_label_words = cells.label_words
                current.lines.append(line)
            else:
                current = RawRow([label], [line], placed={})
                current_label_words = cells.label_words
                rows.append(current)
                if is_group_heading(label):
                    current.placed = None
        elif kind is LineKind.TEXT and current is not None and current.placed and continues(line):
            # The second line of a ruled row whose label and area cells both wrapped (narrow cells in an office
            # template: 'Innovationssamarbejde med' / 'leverandører om ...', 'Innovation' / 'spuljen'): one row.
            if cells.label:
                current.label_parts = [join_label(current.label, current_label_words, cells.label, grid, settings)]
                current_label_words = cells.label_words
            pieces = (current_area_text + cells.area_text, f"{current_area_text} {cells.area_text}".strip())
            current.area = next((AREA_BY_LOWER[p.casefold()] for p in pieces if p.casefold() in AREA_BY_LOWER),
                                current.area)
            current_area_text = pieces[0]
            current.lines.append(line)
        else:  # a data row, or label and area text that opens a row of its own
            area = AREA_BY_LOWER.get(cells.area_text.casefold()) if cells.area_text else None
            placed = {col.key: Token(w.text, line, w) for col, w in cells.figures}
            label = cells.label
            current = RawRow([label] if label else [], [line], area, [t for t in placed.values()], placed=placed)
            current_label_words = cells.label_words
            current_area_text = cells.area_text
            rows.append(current)
        prev_line = line
    return rows


def words_to_raw_rows(lines: list[Line], header: TableHeader, end: int, rules: dict[int, list[float]] | None = None,
                      settings: TextSettings = DEFAULT) -> list[RawRow]:
    """The chain above for one table region: lines[header.body_start:end] -> the table's raw rows."""
    body = [ln for ln in lines[header.body_start : end] if ln.words]
    grid = header_to_grid(header, body, settings)
    if grid is None:
        return []
    return cells_to_rows([line_to_cells(ln, grid, settings) for ln in body], grid, rules, settings)
