"""Rebuild a PDF table's rows and columns from pdfplumber's word positions.

Chain of pure steps: header year words -> column spans; body lines -> words split into label / area / figure
zones; lines -> rows (a line with figures opens a row, a figure-less line continues the row above when no ruling
line and no row gap separates them); figures -> the year column whose right edge they share (figures are
right-aligned under their year), so an empty cell stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.tables import AREA_BY_LOWER, END_LINE, PROSE_WORDS, RawRow, TableHeader, Token, is_group_heading
from parsers.numbers import parse_number
from parsers.records import Line, Word
from parsers.text import join_broken, normalize_space


@dataclass(frozen=True)
class LayoutSettings:
    cell_padding: float = 5.5  # distance between a cell's border and its text
    row_gap_ratio: float = 0.5  # a vertical gap above this share of a line's height separates rows
    full_cell_slack: float = 12.0  # a word this close to the cell's width was broken by the layout, not a hyphen


SETTINGS = LayoutSettings()


@dataclass(frozen=True)
class Column:
    key: str
    x0: float
    x1: float


def _merge_units(words: list[Word]) -> list[Word]:
    """A unit printed as a word of its own after a figure ("209.000" "kr.") becomes part of the figure's word."""
    out: list[Word] = []
    for w in words:
        if out and w.text.lower() in ("kr.", "kr") and parse_number(out[-1].text) is not None \
                and w.x0 - out[-1].x1 < 2 * (w.bottom - w.top):
            prev = out.pop()
            out.append(Word(f"{prev.text} {w.text}", prev.x0, prev.top, w.x1, max(prev.bottom, w.bottom)))
        else:
            out.append(w)
    return out


def header_to_columns(header: TableHeader) -> list[Column]:
    cols = [Column(w.text.strip("()"), w.x0, w.x1) for w in header.year_words]
    if header.total_word is not None:
        cols.append(Column("total", header.total_word.x0, header.total_word.x1))
    return cols


def _column_for(word: Word, cols: list[Column]) -> Column | None:
    """The column whose right edge is nearest the word's right edge (figures are right-aligned)."""
    if not cols:
        return None
    best = min(cols, key=lambda c: abs(c.x1 - word.x1))
    pitch = min((abs(a.x1 - b.x1) for a, b in zip(cols, cols[1:], strict=False)), default=60.0)
    return best if abs(best.x1 - word.x1) <= pitch / 2 else None


def _rule_between(rules: list[float], upper: Line, lower: Line) -> bool:
    a = upper.words[0].top + 1.0
    b = lower.words[0].top + 1.0
    return any(a < y <= b for y in rules)


def _starts_new_row(prev: Line, line: Line, rules: list[float]) -> bool:
    if rules:
        return _rule_between(rules, prev, line)
    height = max(w.bottom - w.top for w in prev.words)
    gap = min(w.top for w in line.words) - max(w.bottom for w in prev.words)
    return gap > SETTINGS.row_gap_ratio * height


def _join_label(left: str, left_words: list[Word], right: str, cell_x0: float, cell_x1: float) -> str:
    """Join a wrapped label; a single word that filled the whole cell was broken mid-word, without a hyphen."""
    if len(left_words) >= 1 and right[:1].islower():
        last = left_words[-1]
        line_width = last.x1 - left_words[0].x0
        if len(left_words) == 1 and line_width >= (cell_x1 - cell_x0) - SETTINGS.full_cell_slack:
            return left + right
    return join_broken(left, right)


def words_to_raw_rows(
    lines: list[Line], header: TableHeader, end: int, rules: dict[int, list[float]] | None = None
) -> list[RawRow]:
    cols = header_to_columns(header)
    if not cols:
        return []
    figures_x0 = min(c.x0 for c in cols) - 30.0
    area_x0 = header.area_word.x0 if header.area_word is not None else None
    label_x1 = (area_x0 if area_x0 is not None else figures_x0) - SETTINGS.cell_padding
    label_x0 = min((ln.words[0].x0 for ln in lines[header.body_start : end] if ln.words), default=0.0)
    rows: list[RawRow] = []
    current: RawRow | None = None
    current_label_words: list[Word] = []
    current_area_text = ""
    prev_line: Line | None = None
    first_col_x0 = min(c.x0 for c in cols)
    body = [ln for ln in lines[header.body_start : end] if ln.words]

    def is_data_row(line: Line) -> bool:
        """A row of the grid: figures under the year columns, its other words inside the label and area cells
        (a line of prose with amounts in it runs its words across the figure columns)."""
        figures = [w for w in line.words if parse_number(w.text) is not None and w.x1 >= first_col_x0 - 2]
        words = [w for w in line.words if w not in figures]
        return bool(figures) and all(w.x1 <= figures_x0 + 30 for w in words)

    for index, line in enumerate(body):
        if END_LINE.match(line.text):
            break
        label_words, area_words, figures = [], [], []
        for w in _merge_units(line.words):
            # a figure is right-aligned under its year: its right edge lies past the first year column's left edge
            is_figure = parse_number(w.text) is not None and w.x1 >= min(c.x0 for c in cols) - 2
            col = _column_for(w, cols) if is_figure else None
            if col is not None:
                figures.append((col, w))
            elif area_x0 is not None and w.x0 >= area_x0 - 1 and w.x1 <= figures_x0 + 30:
                area_words.append(w)
            else:
                label_words.append(w)
        if len(figures) >= 2 and all(w.text == col.key for col, w in figures):
            continue  # the header row repeated where the table breaks across a page: years, not figures
        label = normalize_space(" ".join(w.text for w in label_words))
        area_text = normalize_space(" ".join(w.text for w in area_words))
        under_grid = [w for w in label_words if w.x0 > first_col_x0 - 2]  # words, not figures, under the years
        if figures and len(under_grid) > len(figures):
            break  # a sentence with amounts in it ('200 t.kr. i 2021 og 600 t.kr. i 2022'): prose below the table
        if not figures:
            if area_words:
                reaches = max(w.x1 for w in line.words) > first_col_x0 - 2
            else:
                reaches = bool(label_words) and max(w.x1 for w in label_words) > label_x1 + 2 * SETTINGS.cell_padding
            if reaches:
                # Text running across the figure columns is prose below the table, not a label cell; unless it is
                # a heading row merged across all columns (an office template's group heading): not a sentence,
                # and the grid's rows go on right below it.
                whole = normalize_space(" ".join(w.text for w in line.words))
                following = body[index + 1] if index + 1 < len(body) else None
                if whole.endswith((".", ":")) or following is None or not is_data_row(following):
                    break
                current = RawRow([whole], [line], placed={})
                current_label_words = list(line.words)
                rows.append(current)
                prev_line = line
                continue
        if not figures and not area_words:
            if len(label.split()) >= PROSE_WORDS and label.endswith((".", ":")):
                break
            same_page = prev_line is not None and prev_line.page == line.page
            continues = (
                current is not None
                and same_page
                and not _starts_new_row(prev_line, line, (rules or {}).get(line.page, []))
                and not is_group_heading(label)
            )
            if continues:
                current.label_parts = [_join_label(current.label, current_label_words, label, label_x0, label_x1)]
                current_label_words = label_words
                current.lines.append(line)
            else:
                current = RawRow([label], [line], placed={})
                current_label_words = label_words
                rows.append(current)
                if is_group_heading(label):
                    current.placed = None
            prev_line = line
            continue
        if (not figures and current is not None and current.placed and prev_line is not None
                and prev_line.page == line.page
                and not _starts_new_row(prev_line, line, (rules or {}).get(line.page, []))):
            # The second line of a ruled row whose label and area cells both wrapped (narrow cells in an office
            # template: 'Innovationssamarbejde med' / 'leverandører om ...', 'Innovation' / 'spuljen'): one row.
            if label:
                current.label_parts = [_join_label(current.label, current_label_words, label, label_x0, label_x1)]
                current_label_words = label_words
            pieces = (current_area_text + area_text, f"{current_area_text} {area_text}".strip())
            current.area = next((AREA_BY_LOWER[p.casefold()] for p in pieces if p.casefold() in AREA_BY_LOWER),
                                current.area)
            current_area_text = pieces[0]
            current.lines.append(line)
            prev_line = line
            continue
        area = AREA_BY_LOWER.get(area_text.casefold()) if area_text else None
        placed = {col.key: Token(w.text, line, w) for col, w in figures}
        current = RawRow([label] if label else [], [line], area, [t for t in placed.values()], placed=placed)
        current_label_words = label_words
        current_area_text = area_text
        rows.append(current)
        prev_line = line
    return rows
