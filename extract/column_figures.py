"""Tables whose dump wrote them text box by text box, in an order of its own, its empty cells leaving no trace.

pdfminer writes a table text box by text box, a blank line after each: the label cells (group headings among
them) and the area cells, the header's years, and the figures in an order its grouping of neighbouring boxes
chose: column by column, row by row, or blocks of rows or columns one after another. An empty cell is simply not
there, so a column with a short row ("a cost in the first year only") holds fewer figures than the table has rows,
and nothing in the dump says which row is empty; a header year may also head its own column's figures ("2016" /
"-224" / "68" / "2017" / ...).

pdftotext writes a ruled table the same way: text boxes with a blank line between, a year and its column's
figures as one box, the unit line and the labels under it as another, the rows of a taller cell as boxes of their
own after every column's top, and sometimes the next table's body (its years again) before that table's caption.

Rule `short-columns` reads such a table as a puzzle the table's own arithmetic solves:

- `read_box_table`: the labels, areas, years and figures, and how many figures were written before each label,
  area and year (a figure written before a row's label or a column's year stands in neither);
- `monotone_readings`: every way the figures stand in the cells such that each comes after the figures above it
  in its column and left of it in its row, the figures of one box stand in one column, one under the other (a
  box is lines stacked close; two cells of a row are never in one box) and the figures of one line in one row
  ("-547 -2.187": cells the tool joined), every total adds up in every column (an empty total only over empty
  or zero cells; three or more rounded figures may miss by one), each row's figures stand in consecutive years,
  and every label's row holds a figure. A total is given up as soon as its open cells are out of reach of the
  figures still to come (`_within_reach`), which keeps a large table's search within its bound. The figures of
  one box stand in consecutive rows (an empty cell's gap splits a box); a row of zeros never leaves its first
  year empty (a template fills a row's every year or none); the table's first row, or the first after a total,
  may be a sub-heading without figures ("E-tavler i Verahus"); a total column ("I alt") after the years is the
  last column, its printed figures kept as printed (extract/checks.py reports those that do not add up);
- a cell stands decided only when every reading puts the same figure there (or leaves it empty in all) and the
  search saw every reading within its bounds; the table is stored as the first reading, its other cells flagged
  uncertain (`RawRow.keys_in_doubt`). When no reading makes a grand total add up (amounts left out on purpose,
  or an order misread alike in every row), the readings without it are stored, all flagged.

Rule `label-ends-row`: when the tool wrote some of a row's figures between its label and the next row's label
(pdftotext's cell per line, row by row), the row's figures are the ones written before that next label; the
readings so bounded are tried first, the unbounded after them when none is found.

Rule `late-first-column` (`late_first_column`): pdfminer may write the first column of a table it wrote row by
row after all the rest, when that column holds only dashes or zeros; such readings are doubts of the readings in
the order written (never decided on the order alone), and a guess, stored flagged, when the order written has
none.

Rule `late-low-first-column` (`late_first_column` with `low`): pdfminer orders text boxes by their tops, so a
table it wrote column by column may write the first year's column last, when that column's top cells are empty
(the permanent changes start the year after the implementation, whose block stands lower). When the order
written keeps no reading, such a reading is the guess; when it keeps one, such readings are its doubts, and the
guess stored is the reading that leaves more short rows on their block's side (`block-years`). Always flagged.

Rule `block-years` (`_sides_score`): of the readings the arithmetic leaves open, the guess stored (flagged) is the
one that best keeps the short rows on their block's side of the years (a permanent change's the last years, an
implementation cost's the first), when it does better than the first reading found; else the first, or a pure
shift of a block toward its side (`_leaning_shift`).

Rule `sub-headings-first`: when every search of the order written runs out of steps before any reading (its
likeliest paths filling the rows that may be sub-headings, "E-tavler i Verahus" over its costs), the search is run
again with those rows left empty first; a reading found so is a guess unless that search ends.

Rule `heading-before-figures`: pdfminer may write the next section's heading between a table's labels and its
figures (a table at a page's foot); a numbered heading alone in its box, with figures right after it, is passed.

Rule `late-total-labels`: pdfminer may write the labels of a table's last rows, its totals, after every figure;
they are rows (their figures came before them) unless no reading gives them figures.

Rule `loose-total-rows`: pdfminer may write a total row's cells out of order, some before its label (a bold
row's boxes stand apart), and a block's first row's area and figures before the box of its labels; when the
order written leaves no reading, the totals' cells are read in any order from the row before's first cell on, a
block's first row's from there too (the table's first row's from the first figure on), the arithmetic placing
them.

Rule `header-before-caption` (`_header_before_caption`): pdfminer may write a table's years just before its
caption; a region without years of its own takes them.

When no reading keeps the rows' order (pdfminer may write a block of cells before a cell left of them), the
order is given up for a guess, stored flagged. No reading at all (the document's own sums do not add up, or a
figure the tool wrote elsewhere) leaves the table to the other readers.

Rule `stacked-tables` (`stacked_box_tables`): tables one above the other whose bodies pdfminer wrote together
after the last caption share out their figures by the years written again, or in turn when a caption holds its
own years.

Rule `body-after-heading` (`bodies_after_heading`): pdfminer may write a table's header and figures after the
next section's heading and the first lines of its text; a region with labels but no figures takes them.

Rule `caption-before-figures` (with extract/tables._displaced_header): the next table's caption written between
this table's labels and its figures; the region reads past it.

Rule `empty-block-year`: a column skips at most `box_empty_skip` empty cells above a figure, but a whole block
(its rows and its total) may be empty in a year, however many rows it has (the savings start a year after the
implementation, which ends before them).

A reading in the order written that leaves a whole block empty in a year where another holds figures stands
decided only when the totals' cells read in any order (`loose-total-rows`) find no other: pdftotext and pdfminer
may write a total's cells out of turn, and then blocks may trade columns, every total still adding up.

Rule `right-to-left`: when only the totals read in any order keep a reading, and the table was written in boxes
of a column's stacked cells, the columns read right to left are doubts too (pdfminer's grouping of boxes may
order them so).

Rule `label-heads-figures`: a lone label cell written among the figures (pdfminer's text box of one row's label)
is followed by that row's first figure.

Rule `late-first-year`: pdftotext may write the first year's head alone after every figure (a column only the
lower block fills); the year just before the header's first, out of turn, is that column's head.

Rule `year-heads-box`: a figure written in one box with its column's year ("2017" / "175") stands in that
year's column (a box is one column's cells).

Rule `body-before-caption` (`_body_before_caption`): pdftotext may write a table's body (its years again over
their columns' top figures, the rows below) right under the body of the table above, before the table's own
caption and labels; a region without years of its own takes the boxes from the years written again on, and its
labels, written after the body, bound no row's figures.

Rule `area-column-block`: a box of several area cells is the area column written at once (pdftotext may write it
after every figure); where it stands bounds no row's figures, as a lone area cell written in its row's turn does.

Rule `boxes-over-lines` (extract/document.py): a text dump's table is read as text boxes when the line-by-line
reading loses its labels, when the text boxes' reading is decided, or when the bands' reading is in doubt or
leaves figures unread and the text boxes' reading reads them all, decided.
"""
from __future__ import annotations

import bisect
import copy
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import regex

from extract.arithmetic import Equation, RowKind, rounding_slack, total_equations
from extract.cell_per_line import KRONER, area_piece, written_cell_per_line
from extract.placement import block_leanings
from extract.settings import DEFAULT, TextSettings
from extract.tables import (
    AREA_BY_LOWER,
    AREA_HEAD_START,
    CAPTION,
    END_LINE,
    NUMBERED_HEADING,
    PRICE_LEVEL,
    TOTAL_COLUMN,
    UNIT,
    YEAR,
    RawRow,
    TableHeader,
    TableRegion,
    Token,
    areas_only,
    caption_above,
    column_header_only,
    is_caption_line,
    is_figure,
    is_heading_item,
    is_total_label,
    label_items,
    reads_as_prose,
    region_lines,
    total_after_rows,
)
from parsers.numbers import parse_number
from parsers.records import Line
from parsers.sections import LONE_NUMBER, SectionSpan


@dataclass(slots=True)
class BoxTable:
    """A table written text box by text box: its label cells (each a list of lines, headings among them), its
    area cells in order, its figures in the order written, and for each label cell, area cell and header year
    how many figures were written before it (a cell is written before every cell right of it and below it)."""

    items: list[list[Line]]
    areas: list[str]
    figures: list[Line]
    header: TableHeader
    item_after: list[int] = field(default_factory=list)  # per label cell: figures written before it
    area_after: list[int] = field(default_factory=list)  # per area cell
    year_after: list[int] = field(default_factory=list)  # per header year
    # per area cell, the label cell whose row it is, when each was written right after its label
    area_items: list[int] | None = None
    under: list[bool] = field(default_factory=list)  # per figure: in the same box, right under the one before
    # the region went on with another body under the years again: which caption's body is which, no total tells
    cut: bool = False
    beside: list[bool] = field(default_factory=list)  # per figure: on the same line, right of the one before
    late_totals: int = 0  # the last items are total labels written after every figure (`late-total-labels`)
    # figure -> the column whose year heads it in one box ("2017" / "175"): a box is one column's cells
    headed: dict[int, int] = field(default_factory=dict)
    # the header written again on a later page was read as the same columns (`header-again-on-next-page`): the
    # reading stands only where the totals decide it
    paged: bool = False
    caption: str | None = None  # what the table's rows are (rule `block-years`)

    def add_figures(self, box: list[Line], years_too: bool = False) -> None:
        """The figures of one text box: one column's cells, one under the other (a box is lines stacked close
        and overlapping; two cells of a row stand apart on one line, never in one box). A line of several
        figures ("-547 -2.187 -2.187", cells close enough for the tool to join) is one row's cells, left to
        right. `years_too`: a line that reads as a year is a figure too (`year-lookalike-figures`)."""
        for i, ln in enumerate(box):
            tokens = [ln.stripped] if years_too and YEAR.match(ln.stripped) else _figure_cells(ln.stripped) or []
            if len(tokens) == 1:
                self.figures.append(ln)
                self.under.append(i > 0 and len(_figure_cells(box[i - 1].stripped) or ()) == 1)
                self.beside.append(False)
                continue
            for k, token in enumerate(tokens):
                self.figures.append(Line(token, ln.page, ln.lineno, None, ln.ocr))
                self.under.append(False)
                self.beside.append(k > 0)


HeaderAndRows = tuple[TableHeader, list[RawRow]]


def _boxes(lines: list[Line]) -> list[list[Line]]:
    """The text boxes of a stretch of a dump: runs of non-blank lines between blank ones."""
    boxes: list[list[Line]] = []
    for ln in lines:
        if ln.is_blank:
            if boxes and boxes[-1]:
                boxes.append([])
            continue
        if not boxes:
            boxes.append([])
        boxes[-1].append(ln)
    return [b for b in boxes if b]


def _unit_lines(texts: list[str], header: TableHeader) -> int:
    """How many lines opening a box hold the table's unit and price level ("1.000 kr. 2016 p/l"), noted in
    `header`: the whole box when it holds them split oddly; 0 when it holds none. pdftotext writes the unit line
    and the label cells under it as one box, pdfminer the unit as a box of its own."""
    def holds(text: str) -> bool:
        return bool(UNIT.search(text) or PRICE_LEVEL.search(text))

    n = next((i for i, t in enumerate(texts) if not holds(t)), len(texts))
    if n == 0 and holds(" ".join(texts)):
        n = len(texts)
    if n:
        joined = " ".join(texts[:n])
        header.unit = "1000 kr." if UNIT.search(joined) else header.unit
        pm = PRICE_LEVEL.search(joined)
        header.price_level = int(pm["y1"]) if pm else header.price_level
    return n


def _year_heads(texts: list[str]) -> int:
    """How many header years open a box: all its lines ("2016" / "2017"), or one year over figures only ("2016" /
    "-224" / "68": pdftotext writes a ruled table's column under its year as one box); 0 when it opens with none.
    A figure is never a bare year: the dump writes 2.016 for a figure of that size."""
    heads = next((i for i, t in enumerate(texts) if not YEAR.match(t)), len(texts))
    if heads == len(texts):
        return heads
    return 1 if heads == 1 and all(len(_figure_cells(t) or ()) == 1 for t in texts[1:]) else 0


def _years_box(box: list[Line]) -> bool:
    """A box of header years only ("2016" / "2017")."""
    return all(YEAR.match(ln.stripped) for ln in box)


BARE_THOUSANDS = regex.compile(r"-?\d{4,}")  # a figure of a thousand or more without its thousands point
BARE_UNIT = regex.compile(r"\b1000\s*kr\b")  # the unit "1000 kr." written without its thousands point
POINTED_THOUSANDS = regex.compile(r"-?\d{1,3}(?:\.\d{3})+")  # a figure written with its thousands point


def _figure_cells(text: str) -> list[str] | None:
    """The figures of a line of one figure, or of several a row's cells the tool joined ("-547 -2.187 -2.187",
    "5.080.000 kr. 10.940.000 kr."), each without its "kr."; None when anything else stands on it, a year too (a
    header's years on one line are no figures)."""
    tokens = KRONER.sub(" ", text).split()
    return tokens if tokens and all(is_figure(t) and not YEAR.match(t) for t in tokens) else None


def _figure_run(text: str) -> bool:
    """A line of figures only (`_figure_cells`)."""
    return _figure_cells(text) is not None


def _figures_only(boxes: list[list[Line]], settings: TextSettings) -> bool:
    """Boxes of years, figures and area cells only (a total column's head, "I alt", over its figures too), up to
    the text below the table: a body without its labels (a page's repeated header has its rows' labels under
    it)."""
    for box in boxes:
        texts = [ln.stripped for ln in box]
        if _below_table(box, settings):
            return True
        if not (all(YEAR.match(t) or _figure_run(t) for t in texts) or AREA_HEAD_START.match(texts[0])
                or (TOTAL_COLUMN.match(texts[0]) and all(_figure_run(t) for t in texts[1:]))
                or _areas_of(box) is not None):
            return False
    return True


def _areas_of(box: list[Line]) -> list[str] | None:
    """The area cells of a box of area cells ("Service" / "Anlæg", or one wrapped: "Innovation" / "spuljen");
    None when the box holds anything else."""
    areas: list[str] = []
    piece = ""
    for ln in box:
        area, joined = area_piece(piece, ln.stripped)
        if joined is None:
            return None
        piece = joined
        if area is not None:
            areas.append(area)
    return areas if areas and not piece else None


class LabelLineArea(NamedTuple):
    """A label line that ends with its row's area cell: the label's text without it, and the area."""

    label_text: str
    area: str


def area_on_label_line(item: list[Line]) -> LabelLineArea | None:
    """Rule `area-on-label-line` (pdfminer, text boxes): a label cell whose last line ends with an area cell, as
    written ("Systemudvikling og integration til fagsystemer Anlæg": the label's and the area's boxes stand on
    one line and were written as one): the label's text without it and the area. Only an area with its capital
    as the column writes it, after a label of two words or more, its wrapped lines counted ("Licens og drift" ends
    no area)."""
    text = item[-1].text.rstrip()
    head, _, last = text.rpartition(" ")
    area = AREA_BY_LOWER.get(last.casefold())
    before = " ".join([ln.stripped for ln in item[:-1]] + [head])
    if area is None or last != area or len(before.split()) < 2 or areas_only(before):
        return None
    return LabelLineArea(head.rstrip(), area)


def _ends_in_row_label(box: list[Line]) -> bool:
    """A box of label cells whose last is a row's label, not a block's heading or an area: an area cell right
    after it, even before the area column's head, is that row's area ("Systemudvikling og integration til
    fagsystemer" / "Service"), where after a heading it names a row of its own ("Implementeringsomkostninger" /
    "Anlæg")."""
    last = label_items(box)[-1]
    return not is_heading_item(last) and not areas_only(" ".join(ln.stripped for ln in last))


def _header_again_on_next_page(table: BoxTable, box: list[Line], heads: int, first_year: Line | None,
                               boxes: list[list[Line]], settings: TextSettings) -> bool:
    """A box of years the header holds already, written on a later page than the header's first year, where a
    label box of that page (before or after it) shows the table's rows go on there: the table's header written
    again over the rest of its rows (a table across pages). Figures only on that page are another table's body
    (`stacked-tables`, the cut of a repeated header), not this."""
    page = box[0].page
    if first_year is None or page is None or first_year.page is None or page <= first_year.page:
        return False
    years = [int(ln.stripped) for ln in box[:heads]]
    if not table.figures or not all(y in table.header.years for y in years):
        return False

    def label_box(other: list[Line]) -> bool:
        texts = [ln.stripped for ln in other]
        return (other[0].page == page and not _years_box(other) and not all(_figure_run(t) for t in texts)
                and _unit_lines(texts, TableHeader([], None, None, False, False, 0)) == 0
                and not _below_table(other, settings) and not AREA_HEAD_START.match(texts[0])
                and _areas_of(other) is None)
    return any(label_box(other) for other in boxes if other is not box)


def _below_table(box: list[Line], settings: TextSettings) -> bool:
    """The text under a table: a note, the payback lines, the next caption or section heading, prose: a sentence
    ending and the next beginning, or a long line in a box that ends a sentence ("." or ":"). A long label cell
    ("Udgifter til Koncernservice til samudviklingsprojekt om IT-sikkerhed og indkøb") ends none."""
    first = box[0].stripped
    ends_sentence = box[-1].stripped.endswith((".", ":"))
    return bool(END_LINE.match(box[0].text) or NUMBERED_HEADING.match(first)) or any(
        reads_as_prose(ln.stripped, ends_sentence, settings) for ln in box)


def _header_before_caption(lines: list[Line], start: int, settings: TextSettings) -> list[Line]:
    """Rule `header-before-caption`: pdfminer may write a table's header row (its years, a year a box, and a
    total column's head) just before the table's caption, after the text or figures above: those lines, for a
    region without years of its own; none when the boxes before the caption are no such run."""
    heads: list[Line] = []
    i = start - 1
    while i >= 0:
        ln = lines[i]
        if ln.is_blank:
            i -= 1
            continue
        if i > 0 and not lines[i - 1].is_blank:
            break  # a box of several lines: no lone header cell
        if not (YEAR.match(ln.stripped) or (not heads and TOTAL_COLUMN.match(ln.stripped))):
            break
        heads.insert(0, ln)
        i -= 1
    years = [int(ln.stripped) for ln in heads if YEAR.match(ln.stripped)]
    if len(years) < settings.min_column_blocks or any(b != a + 1 for a, b in itertools.pairwise(years)):
        return []
    return [x for ln in heads for x in (ln, Line("", ln.page, ln.lineno))]


def _body_before_caption(lines: list[Line], start: int, settings: TextSettings) -> list[Line]:
    """Rule `body-before-caption`: pdftotext may write a table's body (its years again, each over its column's top
    figure, and the rows below) right after the body of the table above, before the table's own caption and
    labels. The boxes of years and figures before the caption from the first year written again on (where
    `read_box_table` cuts the table above), for a region without years of its own; none when there are no such
    boxes, or fewer than `min_column_blocks` years in turn among them."""
    i = start
    # a total column's head ("I alt") over its figures is part of such a body too
    while i > 0 and (lines[i - 1].is_blank or _figure_run(lines[i - 1].stripped) or YEAR.match(lines[i - 1].stripped)
                     or TOTAL_COLUMN.match(lines[i - 1].stripped)):
        i -= 1
    boxes = _boxes(lines[i:start])
    first = next((b[0].stripped for b in boxes if YEAR.match(b[0].stripped)), None)
    again = [k for k, b in enumerate(boxes) if k and b[0].stripped == first and any(
        YEAR.match(b2[0].stripped) for b2 in boxes[:k])]
    if first is None or not again:
        return []
    body = boxes[again[-1]:]
    years = [int(b[0].stripped) for b in body if YEAR.match(b[0].stripped)]
    if len(years) < settings.min_column_blocks or any(b != a + 1 for a, b in itertools.pairwise(years)):
        return []
    return [x for box in body for ln in box for x in ([ln, Line("", ln.page, ln.lineno)] if ln is box[-1] else [ln])]


def read_box_table(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT,
                   repeat_ends: bool = True, named_for_areas: bool = False) -> BoxTable | None:
    """The parts of a table written text box by text box (module doc), or None when the region is not so written:
    figures before the header's first year, a year that does not follow the one before, fewer than
    `min_column_blocks` years, no label. The header's first year written again after the figures starts the next
    table's body (pdftotext writes a caption after the body it lost); with `repeat_ends` False it makes the region
    no table (`stacked_box_tables` reads it as tables stacked)."""
    body = region_lines(lines, region)
    if body and (CAPTION.match(body[0].text) or body[0] is region.caption_line or caption_above(lines, region)):
        body = body[1:]
    moved: list[Line] = []  # a body written before the caption (`body-before-caption`)
    if not any(YEAR.match(ln.stripped) for ln in body):
        moved = _body_before_caption(lines, region.start, settings)
        body = (moved or _header_before_caption(lines, region.start, settings)) + body
    table = BoxTable([], [], [], TableHeader([], None, None, False, False, region.start), caption=region.caption)
    first_year: Line | None = None
    label_boxes: list[tuple[list[Line], int]] = []  # a box of label cells, and the figures written before it
    area_label: list[int | None] = []  # per area box: the label box it follows right after, if it does
    label_after_years = False
    late_first = False  # the last box was the late first column's year (`late-first-year`), or its figures
    after_column = False  # the box before was a year's (the next may be the total column's head)
    last_label_at = -1  # the index of the last box of label cells
    area_run_at = -2  # the index of the last area box of a run right after a label, before the area column's head
    all_boxes = _boxes(body)
    # rule `year-lookalike-figures`: a table whose figures are written without a thousands point ("-2513") writes
    # an amount of 1950 to 2099 as a year; after the header, such a "year" out of turn among the figures is one.
    # Where no other figure has four digits, the unit written without its point ("1000 kr.") and no figure with
    # one tell it (a template may write "1000 kr." over "1.125": then a "1950" among the figures is a year)
    bare_thousands = any(BARE_THOUSANDS.fullmatch(ln.stripped) and not YEAR.match(ln.stripped) for ln in body) or (
        any(BARE_UNIT.search(ln.stripped) for ln in body)
        and not any(POINTED_THOUSANDS.fullmatch(ln.stripped) for ln in body))
    # an area cell written before the area column's head is a row's label ("Anlæg" / "Service" as the rows of a
    # block): the column's cells come after its head
    head_at = next((i for i, box in enumerate(all_boxes) if AREA_HEAD_START.match(box[0].stripped)), 0)
    for at, whole in enumerate(all_boxes):
        unit = _unit_lines([ln.stripped for ln in whole], table.header)
        box = whole[unit:]
        if not box:
            continue
        texts = [ln.stripped for ln in box]
        seen = len(table.figures)
        was_late_first, late_first = late_first, False
        heads = _year_heads(texts)
        after_column, was_after_column = bool(heads), after_column
        if heads and _header_again_on_next_page(table, box, heads, first_year, all_boxes, settings):
            # rule `header-again-on-next-page`: the table goes on on the next page under its header written
            # again (the unit, the years): those years are the columns already read; a year heading figures in
            # one box heads them there
            if heads < len(texts):
                table.add_figures(box[heads:])
                column = table.header.years.index(int(texts[heads - 1]))
                table.headed.update(dict.fromkeys(range(seen, len(table.figures)), column))
            table.paged = True
            continue
        if heads:
            years = [int(t) for t in texts[:heads]]
            out_of_turn = table.header.has_total_column or any(
                b != a + 1 for a, b in itertools.pairwise(table.header.years[-1:] + years))
            if (out_of_turn and bare_thousands and seen and heads == len(texts)
                    and len(table.header.years) >= settings.min_column_blocks and years[0] != table.header.years[0]):
                # amounts that read as years (`year-lookalike-figures`), also where the labels followed the
                # header: an amount is no year written again
                table.add_figures(box, years_too=True)
                continue
            if label_after_years or (table.header.has_total_column and not repeat_ends):
                return None  # years, labels, then years again: the header written in pieces among the rows
            if (repeat_ends and seen and len(table.header.years) >= settings.min_column_blocks
                    and years[0] == table.header.years[0] and _figures_only(all_boxes[at:], settings)):
                table.cut = True
                break  # the header's years again over figures only: the next table's body, its caption after
            if (out_of_turn and seen and heads == 1 and years == [table.header.years[0] - 1]
                    and not table.header.has_total_column):
                # rule `late-first-year`: the year before the header's first, after figures: the first column's
                # head, which pdftotext may write after the figures (a column the lower block alone fills); its
                # figures may stand anywhere before it, or under it in its box (pdfminer writes the first
                # column's box, its head and figures, after the others'): those are that column's
                table.header.years.insert(0, years[0])
                table.year_after.insert(0, 0)
                table.headed = {i: c + 1 for i, c in table.headed.items()}
                table.add_figures(box[heads:])
                table.headed.update(dict.fromkeys(range(seen, len(table.figures)), 0))
                late_first = True
                continue
            if out_of_turn:
                return None  # years after the total column, or out of turn
            first_year = first_year or box[0]
            table.header.years.extend(years)
            table.year_after.extend([seen] * len(years))
            # a year heading its own column's figures in one box ("2016" / "-224" / "68"): the figures follow,
            # in that column (rule `year-heads-box`)
            table.add_figures(box[heads:])
            table.headed.update(dict.fromkeys(range(seen, len(table.figures)), len(table.header.years) - 1))
            continue
        if all(_figure_run(t) for t in texts):
            if not table.header.years:
                return None
            table.add_figures(box)
            if was_late_first:
                # the figures right after the late first year, before any other box: that column's (pdfminer
                # writes the first column, its head and its cells, after the others)
                table.headed.update(dict.fromkeys(range(seen, len(table.figures)), 0))
                late_first = True
            continue
        if (seen and all(END_LINE.match(ln.text) for ln in box)
                and at + 1 < len(all_boxes) and all(_figure_run(ln.stripped) for ln in all_boxes[at + 1])):
            # rule `payback-before-figures`: the payback lines, written between the table's figures (pdfminer
            # orders the box under a table's left part before the boxes of its right part): figures follow
            continue
        if seen and _below_table(box, settings):
            break
        if is_caption_line(box[0].text):
            # the next table's caption, written before this one's figures (`caption-before-figures`); a budget
            # table's ("Budget - <title>") too: no row of a table reads so
            continue
        # the years written column by column, each before its column's figures: the dump writes the table a column
        # at a time
        column_wise = len(table.year_after) > 1 and table.year_after[-1] > table.year_after[0]
        if ((was_after_column or column_wise) and TOTAL_COLUMN.match(texts[0])
                and not table.header.has_total_column and all(_figure_run(t) for t in texts[1:])):
            # a total column ("I alt") right after the years or, a column at a time, after the last year's
            # figures, heading its figures in one box or on its own: the table's last column
            table.header.has_total_column = True
            table.year_after.append(seen)
            table.add_figures(box[1:])
            # in one box with its head, the figures are the total column's cells (`headed`), as a year's are its
            # column's: no empty year before it takes them
            table.headed.update(dict.fromkeys(range(seen, len(table.figures)), len(table.header.years)))
            continue
        if AREA_HEAD_START.match(texts[0]):
            continue  # the area column's head ("Styrings-" / "område")
        box_areas = _areas_of(box)
        if (named_for_areas and box_areas is not None and len(box_areas) == 1 and 0 < at < len(all_boxes) - 2
                and any(before > 0 for _, before in label_boxes) and _areas_of(all_boxes[at + 1]) == box_areas
                and all(_figure_run(ln.stripped) for ln in all_boxes[at - 1])
                and all(_figure_run(ln.stripped) for ln in all_boxes[at + 2])):
            # rule `row-named-for-its-area`: in a table written row by row (a row's label after the figures above
            # it), the same area cell twice between a row's figures and the next row's ("Service" / "Service"):
            # pdftotext wrote a row named for its area (an implementation cost in the Service area), its label,
            # its area cell, then its figures. pdfminer writes the area column's lower cells between figure
            # boxes too: tried only where the table read so decides more cells (`column_figures_to_raw_rows`)
            box_areas = None
        if box_areas is not None and at < head_at and not (
                last_label_at == at - 1 and len(box_areas) == 1 and _ends_in_row_label(label_boxes[-1][0])) and not (
                area_run_at == at - 1 and len(box_areas) == 1):
            box_areas = None  # before the area column's head: the rows of a block named by their areas
        if box_areas is not None and at < head_at:
            # rule `area-cells-after-a-label`: area cells, one a box, right after a row's label (no heading):
            # the area column's cells, written before its head; the run goes on while area cells follow
            area_run_at = at
        if box_areas is not None:
            # one area cell right after a label cell (no figure between): that label's row's (pdftotext writes
            # a row's cells in turn, a total's area cell too)
            just_after = (len(box_areas) == 1 and label_boxes and label_boxes[-1][1] == seen
                          and last_label_at == at - 1 and (table.areas or not total_after_rows(
                              [" ".join(ln.stripped for ln in item) for lb, _ in label_boxes
                               for item in label_items(lb) if not is_heading_item(item)])))
            area_label.append(len(label_boxes) - 1 if just_after else None)
            table.areas.extend(box_areas)
            # rule `area-column-block`: a box of several area cells is the area column, or a block's part of it,
            # written at once (pdftotext may write a ruled table's area column after every figure); where it
            # stands bounds no row's figures, as a lone area cell written in its row's turn does
            table.area_after.extend([seen if len(box_areas) == 1 else 0] * len(box_areas))
            continue
        if not seen and _below_table(box, settings):
            if all(END_LINE.match(ln.text) for ln in box):
                continue  # the payback lines or a note, which pdfminer may write before the figures above them
            if (table.header.years and label_boxes and len(box) == 1 and NUMBERED_HEADING.match(texts[0])
                    and at + 1 < len(all_boxes) and all(_figure_run(ln.stripped) for ln in all_boxes[at + 1])):
                # rule `heading-before-figures`: the next section's heading, written between the table's labels
                # and its figures (pdfminer orders the boxes of a table at a page's foot after the text beside it)
                continue
            return None  # prose before any figure: the region is no table written in boxes
        box = [ln for ln in box if not column_header_only(ln.stripped)]  # the label column's head ("Udgiftspost")
        if not box:
            continue
        label_after_years = label_after_years or bool(table.header.years and not seen)
        label_boxes.append((box, 0 if moved else seen))  # a moved body's labels head the figures before them
        last_label_at = at
    tail_years = [int(ln.stripped) for ln in region.header_tail if YEAR.match(ln.stripped)]
    if tail_years and table.header.years and tail_years[0] == table.header.years[-1] + 1 and not (
            table.header.has_total_column):
        # rule `header-tail-before-caption` (extract/tables.py): the header's right part, written before the
        # caption, heads its columns before any figure
        table.header.years.extend(tail_years)
        table.year_after.extend([0] * len(tail_years))
        if len(tail_years) < len(region.header_tail):
            table.header.has_total_column = True
            table.year_after.append(0)
    # label cells after the last figure are text below the table, or labels written after their rows, which no
    # figure can stand in (a row's label is written before its figures)
    kept = [k for k, (_, seen) in enumerate(label_boxes) if seen < len(table.figures)]
    after = _labels_after_whole_grid(label_boxes, table) if not kept and table.figures else 0
    if after:
        # rule `labels-after-figures`: every label cell after every figure (pdftotext wrote the label column's
        # box after the figures' boxes), as many rows as the figures fill under every year: the labels head the
        # figures; the totals decide their order, else the cells are flagged
        label_boxes = [(box, 0) for box, _ in label_boxes[:after]]
        kept = list(range(after))
    if len(table.header.years) < settings.min_column_blocks or not kept or first_year is None:
        return None
    last_item: dict[int, int] = {}  # label box -> its last label cell
    for k in kept:
        box, seen = label_boxes[k]
        items = label_items(box)
        table.items.extend(items)
        table.item_after.extend([seen] * len(items))
        last_item[k] = len(table.items) - 1
    # rule `late-total-labels`: pdfminer may write the labels of a table's last rows, its totals, after every
    # figure (their bold text boxes come last); such labels are rows whose figures came before them, after the
    # last label written before
    late = [label_items(box) for k, (box, _) in enumerate(label_boxes) if k > kept[-1]]
    late_items = [item for items in late for item in items]
    if late_items and all(is_total_label(" ".join(ln.stripped for ln in item)) for item in late_items):
        table.items.extend(late_items)
        table.item_after.extend([label_boxes[kept[-1]][1]] * len(late_items))
        table.late_totals = len(late_items)
    if len(area_label) == len(table.areas) and all(k in last_item for k in area_label):
        table.area_items = [last_item[k] for k in area_label]
    if moved:  # the areas written after the body they head: where they stand bounds no row's figures
        table.area_after = [0] * len(table.areas)
    table.header.has_area = bool(table.areas)
    table.header.body_start = next(i for i, ln in enumerate(lines) if ln is first_year)
    return table


def _labels_after_whole_grid(label_boxes: list[tuple[list[Line], int]], table: BoxTable) -> int:
    """How many of the label boxes, all written after the table's figures, are its label column: those before
    the first that ends a sentence (a note under the table), when they name as many rows (headings aside) as the
    figures fill whole under every column of the header; else 0."""
    boxes = list(itertools.takewhile(lambda b: not b[0][-1].stripped.endswith("."), label_boxes))
    rows = _row_count([item for box, _ in boxes for item in label_items(box)])
    columns = len(table.header.years) + int(table.header.has_total_column)
    return len(boxes) if rows and columns and len(table.figures) == rows * columns else 0


@dataclass(slots=True)
class Reading:
    """What the readings of a table's figures found: the first (cell (row, column) -> the index of its figure);
    per cell, every value some reading puts there (None: left empty); and whether every reading was seen (the
    search ended before its limits), without which no cell stands decided. `whole`: every reading found, each
    whole (rule `reading-by-repeat` chooses among them by the document's other tables); None where some doubts
    came only as the values a cell may hold."""

    first: dict[tuple[int, int], int]
    seen: dict[tuple[int, int], set[float | None]]
    complete: bool
    whole: list[dict[tuple[int, int], int]] | None = None


@dataclass(frozen=True, slots=True)
class Ready:
    """How many figures the tool wrote before each row's first cell (its label or area) and before each year
    column's header: a figure written earlier stands in neither."""

    rows: Sequence[int]
    columns: Sequence[int]
    under: Sequence[bool] = ()  # per figure: in the same text box as the one before, so in its column, lower
    beside: Sequence[bool] = ()  # per figure: on the same line as the one before, so in its row, right of it
    # the last column is a total column ("I alt"): it ends every row, after the row's years however many are empty
    total_column: bool = False
    # per row: its label may be a sub-heading over the rows below it ("E-tavler i Verahus"), a row without figures
    may_be_empty: Sequence[bool] = ()
    # per row: how many figures the tool wrote before the next row's label, when it wrote some of them after this
    # row's label (a table written row by row, each label before its figures); None: no such bound
    ends: Sequence[int | None] = ()
    # per row: a total whose cells the tool may write in any order, some before its label (rule
    # `loose-total-rows`); empty: every row keeps its order
    loose: Sequence[bool] = ()
    # per row: a block's first row (the table's, or the first after a heading or a total), whose cells pdfminer
    # may write before its label (rule `loose-total-rows`)
    early: Sequence[bool] = ()
    # per figure: the column it stands in, when its year heads it in one box (rule `year-heads-box`); None: any
    column_of: Sequence[int | None] = ()
    # per figure: the row it stands in, when it is the first written after that row's label, a lone label cell
    # written among the figures (rule `label-heads-figures`); None: any
    row_of: Sequence[int | None] = ()
    # per row: the side of the years its block's short rows fill, +1 the last, -1 the first, 0 unknown (rule
    # `block-years`, extract/placement.py); it only chooses the guess among the readings, never decides a cell
    lean: Sequence[int] = ()


class _Search:
    """The depth-first search of `monotone_readings`; its state is undone on the way back."""

    def __init__(self, values: Sequence[float], ready: Ready, kinds: Sequence[RowKind], settings: TextSettings,
                 grand_totals: bool, rows_ordered: bool = True, rows_end: bool = False, first_late: int = 0,
                 off: int | None = None, first: bool = False, mirrored: bool = False, late_low: bool = False,
                 headings_empty: bool = False, blocks_apart: bool = False,
                 fixed: dict[tuple[int, int], int] | None = None):
        self.values, self.ready, self.settings = values, ready, settings
        # the columns searched right to left (`right-to-left`): the first year is the last column searched
        self.first_year = len(ready.columns) - 1 if mirrored else 0
        self.rows_ordered = rows_ordered
        self.ends = ready.ends if rows_end else ()
        # the figures were rotated: the first `first_late` are the first column's, which the tool wrote last
        # (`late_first_column`); they stand in that column only, the rest never there
        self.first_late = first_late
        # ... and the rest column by column, the late column's box lower than the others' (`late-low-first-column`)
        self.late_low = late_low
        # rule `sub-headings-first`: the rows that may be sub-headings are tried empty first (`headings_empty`)
        self.headings_empty = headings_empty
        data = [i for i, k in enumerate(kinds) if k in (RowKind.ROW, RowKind.TOTAL)]
        at = {item: r for r, item in enumerate(data)}
        self.n, self.m = len(data), len(ready.columns)
        self.year_columns = self.m - 1 if ready.total_column else self.m
        # each total as (total row, component rows) in data-row numbers; per row, the totals it takes part in;
        # the grand totals (of the block totals) only with `grand_totals`
        equations = total_equations(list(kinds))
        kept = [eq for eq in equations if grand_totals or not eq.of_subtotals]
        self.eqs = [(at[eq.total], tuple(at[c] for c in eq.components)) for eq in kept]
        # rule `one-total-off`: the block total (an index into `eqs`) that may miss its sum in one column, the
        # document's own sum that does not add up, and with it the grand totals (they sum it) in that column;
        # `off_at`, the cell whose figure closed the first column that missed
        self.lenient_eqs = {e for e, eq in enumerate(kept) if e == off or eq.of_subtotals} if off is not None else set()
        self.off_at: tuple[int, int] | None = None
        self.limit = (settings.max_box_first_search if first else settings.max_box_search) if rows_ordered else (
            settings.max_box_guess_search)
        self.has_grand = any(eq.of_subtotals for eq in equations)
        # per row: its block's first row and total row, for a block a total sums (rule `empty-block-year`)
        self.block_span: list[tuple[int, int] | None] = [None] * self.n
        for eq in equations:
            if not eq.of_subtotals:
                rows = [at[c] for c in eq.components] + [at[eq.total]]
                for r in rows:
                    self.block_span[r] = (min(rows), at[eq.total])
        self.eqs_of: list[list[int]] = [[] for _ in range(self.n)]
        for e, (t, comps) in enumerate(self.eqs):
            for r in (t, *comps):
                self.eqs_of[r].append(e)
        self.cell: list[list[int | None]] = [[None] * self.m for _ in range(self.n)]  # None undecided, -1 empty
        # the cells again, row by row, as the search's memo keys read them (kept as cells are decided and undone:
        # `run` keys every step by them): per cell -2 undecided, -1 empty, else 1 for a figure not zero, 0 a zero
        # (`_state`); and None undecided, -1 empty, else the figure's value (the values placed, `run`)
        self.cell_kinds: list[int] = [-2] * (self.n * self.m)
        self.cell_values: list[float | None] = [None] * (self.n * self.m)
        self.low = [-1] * self.m  # per column, the lowest row holding a figure
        # rule `blocks-apart`: each block (a total's rows and the total; a row no block total sums stands alone)
        # keeps the order in its columns, the blocks written in any order; `low` then per block and column
        self.block_rows: list[range] = [range(self.n)]
        if blocks_apart:
            # a row no block total sums (the grand total) goes with the block above it: written after it
            starts = sorted({span[0] for span in self.block_span if span is not None} | {0})
            self.block_rows = [range(a, b) for a, b in itertools.pairwise([*starts, self.n])]
            if any(span is not None and span[1] >= rows.stop for rows in self.block_rows for span in
                   (self.block_span[r] for r in rows)):
                self.block_rows = [range(self.n)]  # blocks that overlap: no block order to give up
        self.block_of = [next(k for k, rows in enumerate(self.block_rows) if r in rows) for r in range(self.n)]
        self.low_in = [[rows.start - 1] * self.m for rows in self.block_rows]  # per block and column
        self.right = [-1] * self.n  # per row, the rightmost column holding a figure
        self.open_in_eq = [[len(comps) + 1] * self.m for _, comps in self.eqs]
        # per total and column, over the parts holding a figure: their sum, how many, how many not zero (kept as
        # cells are decided and undone: the checks and the search's state read them at every step)
        self.part_sum = [[0.0] * self.m for _ in self.eqs]
        self.part_count = [[0] * self.m for _ in self.eqs]
        self.part_nonzero = [[0] * self.m for _ in self.eqs]
        self.open_in_row = [self.m] * self.n
        self.filled_in_row = [0] * self.n
        self.undecided = self.n * self.m
        self.steps = 0
        self.placing = -1  # the figure being placed: those after it are still to come
        self.last_at: dict[float, int] = {v: i for i, v in enumerate(values)}  # each value's last figure
        self.sorted_values = sorted(self.last_at)
        self.nonzero = [int(abs(v) >= 0.5) for v in values]  # per figure: not a zero or a dash
        self.dead: set[tuple] = set()  # states from which no reading follows
        self.visited: set[tuple] = set()  # the cells' values as placed so far, per figure to place next
        self.reach: dict[tuple[int, int], list[float] | None] = {}  # (first figure to come, parts) -> sums
        self.ahead: dict[int, frozenset[float]] = {}  # first figure to come -> the values from it on
        self.readings: dict[tuple, dict[tuple[int, int], int]] = {}
        self.completions = 0  # placements of every figure found, a reading seen before among them
        self.trail: list[tuple[int, int]] = []  # the cells of the figures placed so far, in order
        # cells decided before the search (rule `zero-box`): their figures are skipped where written, and bound
        # no other figure's place (they stand apart from the order written)
        self.fixed = set((fixed or {}).values())
        self.to_place = [0] * (len(values) + 1)  # per figure: how many from it on the search places
        for i in reversed(range(len(values))):
            self.to_place[i] = self.to_place[i + 1] + (i not in self.fixed)
        self.feasible = True
        undo: list[tuple[int, int]] = []
        for (r, c), i in sorted((fixed or {}).items()):
            self.feasible = self._decide(r, c, i, undo) and self.feasible

    def holds_all(self, reading: dict[tuple[int, int], int]) -> bool:
        """Every total of the search's equations adds up in every column of `reading` (cell -> figure)."""
        def value(r: int, c: int) -> float | None:
            return self.values[reading[(r, c)]] if (r, c) in reading else None

        for t, comps in self.eqs:
            for c in range(self.m):
                parts = [v for r in comps if (v := value(r, c)) is not None]
                total = value(t, c)
                if total is None:
                    if any(abs(v) >= 0.5 for v in parts):
                        return False
                elif not parts or abs(total - sum(parts)) > rounding_slack(len(parts)):
                    return False
        return True

    def _value(self, r: int, c: int) -> float | None:
        idx = self.cell[r][c]
        return None if idx is None or idx < 0 else self.values[idx]

    def _holds(self, e: int, c: int) -> bool:
        total = self._value(self.eqs[e][0], c)
        if total is None:
            return not self.part_nonzero[e][c]  # an empty total over empty or zero cells
        k = self.part_count[e][c]
        return bool(k) and abs(total - self.part_sum[e][c]) <= rounding_slack(k)

    def _decide(self, r: int, c: int, idx: int, undo: list[tuple[int, int]]) -> bool:
        """Decide cell (r, c) (idx -1: empty); False when a total or the row then fails. (The search's innermost
        step: the state it keeps is read into locals once.)"""
        self.cell[r][c] = idx
        k = r * self.m + c
        undo.append((r, c))
        self.undecided -= 1
        open_left = self.open_in_row[r] = self.open_in_row[r] - 1
        if idx >= 0:
            value = self.values[idx]
            self.cell_kinds[k], self.cell_values[k] = self.nonzero[idx], value
            filled = self.filled_in_row[r] = self.filled_in_row[r] + 1
        else:
            value = None
            self.cell_kinds[k] = self.cell_values[k] = -1
            filled = self.filled_in_row[r]
        if not filled:
            # a label's row without any figure, unless it may be a sub-heading
            may_be_empty = self.ready.may_be_empty
            ok = open_left > 0 or (r < len(may_be_empty) and may_be_empty[r])
        else:
            ok = (open_left > 0 or not self._late_zeros(r)) and self._contiguous(r)
        lenient_eqs = self.lenient_eqs
        for e in self.eqs_of[r]:
            open_in_eq = self.open_in_eq[e]
            open_in_eq[c] -= 1
            still_open = open_in_eq[c]
            if value is not None and r != self.eqs[e][0]:  # a part of total e: counted in its sums
                self.part_sum[e][c] += value
                self.part_count[e][c] += 1
                self.part_nonzero[e][c] += abs(value) >= 0.5
            # a total that may still miss its sum in this column
            lenient = e in lenient_eqs and (self.off_at is None or self.off_at[1] == c)
            if still_open == 0 and not self._holds(e, c):
                if not lenient:
                    ok = False
                elif self.off_at is None:
                    self.off_at = (r, c)
            elif lenient:
                if self.off_at is None and still_open and not (
                        self._can_close(e, c) if still_open == 1 else self._within_reach(e, c)):
                    self.off_at = (r, c)  # the column can no longer add up: the one column that misses
                continue
            elif still_open == 1:
                if ok and not self._can_close(e, c):
                    ok = False
            elif still_open > 1 and ok and not self._within_reach(e, c):
                ok = False
        return ok

    def _sums(self, parts: int) -> list[float] | None:
        """Every sum of at most `parts` of the figures still to come (a value may repeat: a bound, not a
        reading), sorted; None when they are too many to list (`box_reach_parts`, `box_reach_values`)."""
        key = (self.placing + 1, parts)
        if key not in self.reach:
            values = sorted(self._ahead())
            if parts > self.settings.box_reach_parts or len(values) > self.settings.box_reach_values:
                self.reach[key] = None
            else:
                level, sums = {0.0}, {0.0}
                for _ in range(parts):
                    level = {s + v for s in level for v in values}
                    sums |= level
                self.reach[key] = sorted(sums)
        return self.reach[key]

    def _ahead(self) -> frozenset[float]:
        """The distinct values of the figures still to come."""
        start = self.placing + 1
        if start not in self.ahead:
            self.ahead[start] = frozenset(self.values[start:])
        return self.ahead[start]

    def _within_reach(self, e: int, c: int) -> bool:
        """A total with two or more cells open in column c can still add up: what its open parts must make is a
        sum of figures still to come, and an open total cell one of them. False only when it cannot."""
        t = self.eqs[e][0]
        open_parts = self.open_in_eq[e][c] - (self.cell[t][c] is None)
        sums = self._sums(open_parts)
        if sums is None:
            return True
        filled_sum, filled_zero = self.part_sum[e][c], not self.part_nonzero[e][c]
        slack = rounding_slack(self.part_count[e][c] + open_parts)

        def reachable(need: float) -> bool:
            at = bisect.bisect_left(sums, need - slack)
            return at < len(sums) and sums[at] <= need + slack

        if self.cell[t][c] is None:  # the total is one of the figures to come, or empty over zeros
            return (filled_zero and reachable(0.0)) or any(reachable(v - filled_sum) for v in self._ahead())
        total = self._value(t, c)
        if total is None:
            return True  # an empty total: `_holds` checks its parts are empty or zero
        return reachable(total - filled_sum)

    def empty_block_year(self, reading: dict[tuple[int, int], int]) -> bool:
        """In `reading`, a column where a whole block (its rows and total) is empty and another row holds a
        figure (rule `empty-block-year`)."""
        blocks = {span for span in self.block_span if span is not None}
        for c in range(self.m):
            filled = {r for r in range(self.n) if (r, c) in reading}
            if filled and any(not filled & set(range(first, total + 1)) for first, total in blocks):
                return True
        return False

    def _late_zeros(self, r: int) -> bool:
        """A row of zeros only that leaves its first year empty: a template writes a zero or a dash in every year
        of a row it fills, or leaves the row empty; such a row is the zeros of the rows below, shifted up."""
        row = self.cell[r]
        return row[self.first_year] == -1 and all(v is None or v < 0 or abs(self.values[v]) < 0.5 for v in row)

    def _contiguous(self, r: int) -> bool:
        """A row's figures stand in consecutive years: a cost or a gain starts and ends, it does not pause (an
        empty cell between two figures is one the tool lost, or a misreading)."""
        after_figure = gap = False  # a figure seen; then an empty cell after one
        for v in self.cell[r][: self.year_columns]:
            if v is None:
                continue
            if v >= 0:
                if gap:
                    return False  # a figure, an empty cell, a figure
                after_figure = True
            elif after_figure:
                gap = True
        return True

    def _can_close(self, e: int, c: int) -> bool:
        """A total with one cell left open in column c can still add up: the figure it needs (or an empty cell)
        is among those written after the one being placed."""
        t = self.eqs[e][0]
        count, zero = self.part_count[e][c], not self.part_nonzero[e][c]
        if self.cell[t][c] is None:  # the total is the open cell
            if zero:
                return True  # the total may stay empty with all it sums
            need, k = self.part_sum[e][c], count
        else:
            total = self._value(t, c)
            if total is None:
                return zero
            need, k = total - self.part_sum[e][c], count + 1
            if count and abs(need) <= rounding_slack(count):
                return True  # the component may stay empty
        slack = rounding_slack(k)
        at = bisect.bisect_left(self.sorted_values, need - slack)  # the values within the slack of `need`
        while at < len(self.sorted_values) and self.sorted_values[at] <= need + slack:
            if self.last_at[self.sorted_values[at]] > self.placing:
                return True
            at += 1
        return False

    def _first_column_lowest(self) -> bool:
        """The first column's top figure stands lower than every other column's (`late-low-first-column`)."""
        def top(c: int) -> int | None:
            return next((r for r in range(self.n) if (v := self.cell[r][c]) is not None and v >= 0), None)

        first = top(0)
        return first is not None and all(t is None or t < first for t in map(top, range(1, self.m)))

    def _undo(self, undo: list[tuple[int, int]]) -> None:
        m, cell, values = self.m, self.cell, self.values
        for r, c in reversed(undo):
            if self.off_at == (r, c):
                self.off_at = None
            idx = cell[r][c]
            cell[r][c] = None
            k = r * m + c
            self.cell_kinds[k], self.cell_values[k] = -2, None
            self.undecided += 1
            self.open_in_row[r] += 1
            if idx is not None and idx >= 0:
                self.filled_in_row[r] -= 1
            for e in self.eqs_of[r]:
                self.open_in_eq[e][c] += 1
                if idx is not None and idx >= 0 and r != self.eqs[e][0]:  # taken back from total e's sums
                    v = values[idx]
                    self.part_sum[e][c] -= v
                    self.part_count[e][c] -= 1
                    self.part_nonzero[e][c] -= abs(v) >= 0.5

    def _candidates(self, idx: int, last: tuple[int, int]) -> list[tuple[int, int]]:
        """The cells figure `idx` may take: nothing below it in its column or right of it in its row holds a
        figure yet, its row's and column's first cells were written before it, and at most `box_empty_skip`
        cells above it in its column, and as many left of it in its row, are left empty by it. The likeliest first (the
        cell below the last figure's, then right of it), so that the first reading is found early."""
        skip = self.settings.box_empty_skip
        spare = self.undecided - self.to_place[idx]  # cells that may still be left empty
        out = []
        lr, lc = last
        in_box = idx < len(self.ready.under) and self.ready.under[idx] and lr >= 0
        on_line = idx < len(self.ready.beside) and self.ready.beside[idx] and lr >= 0
        late = idx < self.first_late  # a figure of the first column the tool wrote last: no label bounds it
        # a late low first column stands lower than every other column's top (`_first_column_lowest`): a column's
        # first figure, its top, must stand above the first column's
        top0 = (next((r for r in range(self.n) if (v := self.cell[r][0]) is not None and v >= 0), self.n)
                if self.late_low and not late else self.n)
        # (the state the scan below reads, as locals: this runs at every step of the search)
        cell, block_rows, block_of, block_span, low_in, right = (
            self.cell, self.block_rows, self.block_of, self.block_span, self.low_in, self.right)
        loose_rows, rows_ready, ends = self.ready.loose, self.ready.rows, self.ends
        n_loose, n_ends = len(loose_rows), len(ends)
        first_late, late_low, rows_ordered = self.first_late, self.late_low, self.rows_ordered
        for c in range(self.m):
            if self.first_late and late != (c == 0):
                continue
            if (not late and self.ready.columns[c] > idx) or (in_box and c != lc) or (on_line and c <= lc) or (
                    idx < len(self.ready.column_of) and (must := self.ready.column_of[idx]) is not None and c != must):
                continue
            above = 0  # undecided cells above in the column: they become empty
            # of those, the ones `box_empty_skip` bounds, and those of a block with no figure in this column so
            # far: rule `empty-block-year`, a whole block (its rows and total) may be empty in a year (the
            # savings start a year after the implementation), however many rows it has
            gap = pending = 0
            # (an order written: given up with the rows' order for a guess)
            must_row = self.ready.row_of[idx] if idx < len(self.ready.row_of) and self.rows_ordered else None
            # (a column with no figure yet takes its first, its top, above the late low first column's top)
            end = top0 if self.low[c] < 0 and c > 0 else self.n
            scan = [r for rows in block_rows for r in range(low_in[block_of[rows.start]][c] + 1, min(rows.stop, end))]
            before = None  # the block of the row scanned before
            for r in scan:
                b = block_of[r]
                low = low_in[b][c]
                if before is not None and before != b:
                    above = gap = pending = 0  # blocks apart: a block's cells above stand in it alone
                before = b
                span = block_span[r]
                whole = span is not None and span[0] > low
                row = cell[r]
                if row[c] is not None:
                    if whole and r == span[1]:
                        pending = 0
                    continue
                loose = r < n_loose and loose_rows[r]
                if gap + pending > skip or (must_row is not None and r != must_row):
                    pass  # more cells above left empty than a column skips, but for a whole block
                elif (on_line and r != lr) or (in_box and r != lr + 1):
                    pass  # a figure on the line of the one before stands in its row; under it, in the row below
                elif first_late and idx > first_late and not (late_low and loose) and (
                        (c, r) < (lc, lr) if late_low else (r, c) < (lr, lc)):
                    pass  # after a late first column the rest was written row by row (or column by column)
                elif not rows_ordered:
                    if above <= spare:
                        out.append((r, c))
                elif ((right[r] < c or loose) and (late or rows_ready[r] <= idx)
                      and not (r < n_ends and (row_end := ends[r]) is not None and idx >= row_end)):
                    left = 0 if loose else sum(1 for c2 in range(right[r] + 1, c) if row[c2] is None)
                    if left <= skip and above + left <= spare:  # no more left empty than the figures to come allow
                        out.append((r, c))
                above += 1
                if whole:
                    pending = 0 if r == span[1] else pending + 1
                else:
                    gap += 1
                if gap > skip:
                    break
        # with `headings_empty`, a row that may be a sub-heading takes its first figure only after the other cells
        empty_first = self.ready.may_be_empty if self.headings_empty else ()
        # (blocks apart: the cell below the last figure's only in its block)
        below = (lr + 1, lc) if len(self.block_rows) == 1 or (
            0 <= lr < self.n - 1 and self.block_of[lr + 1] == self.block_of[lr]) else None
        # (blocks apart: then the last figure's block, whose boxes the tool wrote as a group)
        block = self.block_of[lr] if len(self.block_rows) > 1 and lr >= 0 else None
        # a run along a row goes on to the right first: the cell left of the last figure's held the one before it
        # (pdfminer writes a row's cells as one box as often as a column's); otherwise down the column first
        along_row = len(self.trail) > 1 and self.trail[-2] == (lr, lc - 1)
        return sorted(out, key=lambda rc: (
            rc[0] < len(empty_first) and empty_first[rc[0]] and self.right[rc[0]] < 0,
            (rc != (lr, lc + 1), rc != below) if along_row else (rc != below, rc != (lr, lc + 1)),
            block is not None and self.block_of[rc[0]] != block, rc[1], rc[0]))

    def run(self, idx: int = 0, last: tuple[int, int] = (-1, 0)) -> bool:
        """Place figure `idx` and the rest; False once past the limits."""
        self.steps += 1
        if self.steps > self.limit or len(self.readings) > self.settings.max_stream_readings:
            return False
        if not self.feasible:
            return True  # the cells decided before the search leave no reading
        if idx == len(self.values):
            return self._finish()
        if idx in self.fixed:
            return self.run(idx + 1, last)  # decided before the search (`zero-box`)
        if self.to_place[idx] > self.undecided:
            return True
        # the figure before bounds this one when they share a box or a line: then where it stands is state too
        bound = (idx < len(self.ready.under) and self.ready.under[idx]) or (
            idx < len(self.ready.beside) and self.ready.beside[idx])
        key = (self._state(idx), last if bound else None)
        if key in self.dead:
            return True
        # the same values in the same cells reached again (equal figures swapped): what follows is what followed
        exact = (idx, tuple(self.cell_values), key[1])
        if exact in self.visited:
            return True
        self.visited.add(exact)
        found = self.completions
        closed: list[tuple[int, int]] = []
        if self.first_late and idx == self.first_late:
            # the late first column is all placed (no later figure goes there): its cells left are empty, so its
            # totals are checked now, not only once the rest is placed
            self.placing = idx - 1
            if not all(self._decide(r, 0, -1, closed) for r in range(self.n) if self.cell[r][0] is None):
                self._undo(closed)
                return True
        going = self._place(idx, last)
        self._undo(closed)
        if going and self.completions == found:
            # paths that reach the same state end the same way: no placement (one that only found readings seen
            # before may still complete another path's placement differently)
            self.dead.add(key)
        return going

    def _place(self, idx: int, last: tuple[int, int]) -> bool:
        """Try each cell figure `idx` may take and place the rest after it; False once past the limits."""
        cell, decide, loose_rows = self.cell, self._decide, self.ready.loose
        for r, c in self._candidates(idx, last):
            self.placing = idx - 1  # the cells it leaves empty first: the figure itself is still to come
            undo: list[tuple[int, int]] = []
            ok = True
            for r2 in range(self.low_in[self.block_of[r]][c] + 1, r):  # the cells above it in its column
                if cell[r2][c] is None and not decide(r2, c, -1, undo):
                    ok = False
                    break
            loose = r < len(loose_rows) and loose_rows[r]  # its cells left of this one may come later
            if ok and self.rows_ordered and not loose:
                row = cell[r]
                for c2 in range(self.right[r] + 1, c):  # the cells left of it in its row
                    if row[c2] is None and not decide(r, c2, -1, undo):
                        ok = False
                        break
            self.placing = idx
            ok = ok and self._decide(r, c, idx, undo)
            going = True
            if ok:
                b = self.block_of[r]
                low, low_in, right = self.low[c], self.low_in[b][c], self.right[r]
                self.low[c], self.low_in[b][c], self.right[r] = max(r, low), r, max(c, right)
                self.trail.append((r, c))
                going = self.run(idx + 1, (r, c))
                self.trail.pop()
                self.low[c], self.low_in[b][c], self.right[r] = low, low_in, right
            self._undo(undo)
            if not going:
                return False
        return True

    def _state(self, idx: int) -> tuple:
        """All the rest of the search depends on: which cells are decided and how (empty, a zero, another figure:
        a row of zeros is checked by `_late_zeros`), and what the totals not yet complete have gathered so far."""
        cells = tuple(self.cell_kinds)
        partial = tuple(
            (self._value(t, c), self.part_sum[e][c], self.part_count[e][c] > 0)
            for e, (t, comps) in enumerate(self.eqs) for c in range(self.m)
            if 0 < self.open_in_eq[e][c] < len(comps) + 1)
        return idx, cells, partial, self.off_at

    def _finish(self) -> bool:
        self.placing = len(self.values)
        undo: list[tuple[int, int]] = []
        ok = all(self._decide(r, c, -1, undo) for r in range(self.n) for c in range(self.m)
                 if self.cell[r][c] is None)
        # after a late first column, a row of two figures or more shows the rest was written row by row (one a
        # row is as well a column)
        ok = ok and not (self.first_late and not self.late_low and all(
            sum(1 for v in row[1:] if v is not None and v >= 0) < 2 for row in self.cell))
        # a first column written after the others column by column: its box starts lower than each of theirs
        ok = ok and not (self.late_low and not self._first_column_lowest())
        if ok:
            placed = {(r, c): idx for r in range(self.n) for c in range(self.m)
                      if (idx := self.cell[r][c]) is not None and idx >= 0}
            key = tuple(sorted((cell, self.values[i]) for cell, i in placed.items()))
            self.readings.setdefault(key, placed)
            self.completions += 1
        self._undo(undo)
        return len(self.readings) <= self.settings.max_stream_readings


def monotone_readings(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind],
                      settings: TextSettings = DEFAULT, totals_off: bool = True) -> Reading | None:
    """Every way the figures, in the order written, stand in the table's cells such that each comes after the
    figures above it in its column and left of it in its row (the tool wrote the cells in some order that keeps
    both: column by column, row by row, or blocks of rows or columns one after another) and after its row's and
    column's first cells (`ready`), every total adding up in every column (an empty total only when all it sums
    are empty) and every label's row holding a figure. None when no way is found; a reading found before the
    search's limits (`max_box_search` steps, `max_stream_readings` ways that place different values) comes back
    not `complete`. With `totals_off`, a block total may miss its sum in one column when nothing else reads
    (rule `one-total-off`): not for a table whose total labels came after every figure, which may be text below
    the table instead (`box_table_rows` tries without them first)."""
    # the grand totals first, in the order written and then with the totals' cells in any order (every total
    # adding up says more than the order of a total's cells); then without them: proposals leave amounts out of
    # the grand total on purpose ("beløb i kursiv er ikke indregnet"), so when no reading makes it add up, it
    # says nothing (and no reading without it stands decided). Then one block
    # total missing its sum in one column (`one_total_off`). Last, with the rows' order given up (pdfminer may
    # write a block of cells right of a column before it: a group of boxes higher up on the page comes first): a
    # reading found so is a guess, stored flagged
    found: Reading | None = None
    grand_passes = (True, False)
    strict = replace(ready, loose=())
    # rule `loose-total-rows`: a total's cells in any order, its label maybe after some of them (from the row
    # before's first cell on); and the first row's cells before its label (pdfminer may write the first row's
    # area and figures before the box of labels): tried when the order written leaves no reading. The table's
    # last row, a total (the grand total), from the first figure on: pdftotext may write its cells right of the
    # block above's empty ones, which stand apart, before the rows above them end (only the cells above them in
    # their columns come first)
    last = len(ready.rows) - 1
    loose_rows: list[int] = []
    for r, after in enumerate(ready.rows):
        moves = (r < len(ready.loose) and ready.loose[r]) or (r < len(ready.early) and ready.early[r])
        # a loose row after a loose row: from where that one's cells may begin
        before = loose_rows[r - 1] if r and r - 1 < len(ready.loose) and ready.loose[r - 1] else (
            ready.rows[r - 1] if r else 0)
        loose_rows.append(0 if r == 0 or (r == last and r < len(ready.loose) and ready.loose[r]) else before
                          if moves else after)
    # the totals' cells in any order, even where no row's first cell moves earlier (a total's late cell)
    loose = replace(ready, rows=loose_rows) if loose_rows != list(ready.rows) or any(ready.loose) else None
    # a search of the order written that ran out of steps bounds the time of the rest: its wider variant (without
    # the rows' ends) would too; the loose order (a different one) is still tried, unless the searches with and
    # without the grand totals both ran out (the loose order, wider still, would as well)
    exhausted: set[bool] = set()  # the grand_totals settings whose search ran out of steps
    tried = False  # a search ran: the first runs longest (`max_box_first_search`)
    first_out = False  # ... and ran out of steps
    used = 0  # the steps the searches took
    for rows_end, grand_totals, given in ((True, True, strict), (False, True, strict), (False, True, loose),
                                          (True, False, strict), (False, False, strict), (False, False, loose)):
        if (rows_end and not any(e is not None for e in ready.ends)) or given is None or (
                grand_totals in exhausted and given is strict) or (given is loose and len(exhausted) == 2):
            continue
        # the loose order, wider than the order written, gets what the first search's budget has left where the
        # searches before it ended (at least its own bound)
        pooled = replace(settings, max_box_search=max(settings.max_box_search, settings.max_box_first_search - used)
                         ) if given is loose and not exhausted else settings
        search = _Search(values, given, kinds, pooled, grand_totals, True, rows_end, first=not tried)
        first_search, tried = not tried, True
        # a grand total no reading makes add up says nothing, or that the order was misread (a column's empty
        # first cells written after the rest of its rows shift every row alike, and the block totals still hold):
        # without it nothing stands decided
        ended = search.run()
        used += search.steps
        first_out = first_out or (first_search and not ended)
        complete = ended and (grand_totals or not search.has_grand)
        if search.readings:
            found = _reading(values, search, complete)
            grand_passes = (grand_totals,)
            if complete and given is loose:
                # rule `right-to-left`: the order written keeps no reading, the totals' cells read in any order
                # do; pdfminer may have written the columns right to left (the totals' cells in any order too),
                # every total still adding up
                mirrored, searched = _right_to_left(values, given, kinds, settings, grand_totals)
                if mirrored is not None:
                    _merged(found, mirrored)
                found.complete = found.complete and searched  # a doubt search cut short decides nothing
            if complete and given is strict and loose is not None and any(
                    search.empty_block_year(reading) for reading in search.readings.values()):
                # a whole block empty in a year where another holds figures: with the totals' cells read in any
                # order the blocks may trade columns, each total still adding up; such readings are doubts too
                other = _Search(values, loose, kinds, settings, grand_totals, True, rows_end)
                found.complete = other.run()  # a doubt search cut short decides nothing
                if other.readings:
                    _merged(found, _reading(values, other, True))
            break
        if not ended:
            exhausted.add(grand_totals)
    # another order only matters for a reading that stands decided, or as a source when the order written was
    # searched through
    late = (late_first_column(values, strict, kinds, settings, grand_passes)
            if (found is not None and found.complete) or (found is None and not exhausted) else None)
    # rule `late-low-first-column`: a first column the tool wrote after the others, column by column; searched
    # only where its readings are used: doubts of a decided reading, or the guess when no other order gives one
    decided = found is not None and found.complete
    # (where the first search of the order written ran out of steps, so does likely this order of the same
    # figures: the budget of a later search, not the first's)
    low = late_first_column(values, loose or strict, kinds, settings, grand_passes, low=True,
                            budget=settings.max_box_search if first_out else settings.max_box_first_search) if (
        decided or late is None or not late.first) else None
    if low is not None and low.first and low.complete and not decided:
        # the order written keeps no reading, or only one its search did not see through: this reading, its search
        # seen through, is the guess (stored flagged: an order other than the one written)
        low.complete = False
        return low
    if decided and low is not None:
        years = len(ready.columns) - ready.total_column
        if low.first and _sides_score(low.first, ready.lean, years) > _sides_score(found.first, ready.lean, years):
            found.first = low.first  # the guess: the reading that leaves more short rows on their block's side
        _merged(found, low)  # the readings of that order are doubts of the order written's
    if (found is None or not found.complete) and (
            turn := blocks_in_turn(values, loose or strict, kinds, settings)):
        return turn  # the blocks written one after the other (`blocks-in-turn`): a guess
    if (found is None or not found.complete) and (boxed := zero_box(values, strict, kinds, settings, loose)):
        return boxed  # a block's empty lower right part written as one box (`zero-box`): a guess
    if found is None or not found.complete:
        # rule `late-total-cell`: no reading of the order written sees its search through with every total;
        # the last figure may be a total's cell the tool wrote after the row below it
        moved = late_total_cell(values, strict, kinds, settings)
        if moved is not None:
            return moved
    if found is not None:
        if late is not None:  # another order the tool may have written: its readings are doubts too
            _merged(found, late)
        return found
    if late is not None and late.first:
        late.complete = False  # a reading in another order than the one written: a guess
        return late
    if exhausted and any(ready.may_be_empty):
        # rule `sub-headings-first`: every search of the order written ran out of steps, its first paths filling
        # the rows that may be sub-headings ("E-tavler i Verahus" over its costs): the same search with those rows
        # left empty first; a reading found so is a guess unless the search ended
        for grand_totals in (True, False):
            search = _Search(values, strict, kinds, settings, grand_totals, True, first=True, headings_empty=True)
            ended = search.run()
            if search.readings:
                return _reading(values, search, ended and (grand_totals or not search.has_grand))
    if totals_off and not exhausted:
        # the order written, then rule `loose-total-rows`' where it moves a row's first cell earlier: a missed
        # sum and the totals' cells in any order together would fit figures the table never held
        for given in (strict, loose if loose_rows != list(ready.rows) else None):
            off = one_total_off(values, given, kinds, settings) if given is not None else None
            if off is not None:
                return off
    if not exhausted and sum(1 for k in kinds if k is RowKind.HEADING) >= 2:
        # rule `blocks-apart`: pdfminer may write a lower block's first columns before the block above's later
        # ones (a group of boxes higher up comes first): each block in the order written, the blocks in any
        # order, every total adding up (the grand total too). A reading found so is a guess, stored flagged.
        # Only for a table of blocks under their headings ("Varige ændringer", "Implementeringsomkostninger")
        search = _Search(values, loose or strict, kinds, settings, True, True, blocks_apart=True)
        if len(search.block_rows) > 1:
            search.run()
            if search.readings:
                return _reading(values, search, False)
    for grand_totals in (True, False):
        search = _Search(values, strict, kinds, settings, grand_totals, False)
        search.run()
        if search.readings:
            return _reading(values, search, False)
    return None


def _reordered_flags(flags: Sequence[bool], index: Sequence[int], cut: tuple[int, ...]) -> list[bool]:
    """Per-figure flags (`Ready.under`, `Ready.beside`: the figure shares a box or line with the one before it)
    for the figures taken in the order `index`: where the order is cut (`cut`, the new positions whose figure
    no longer follows the one it followed) a figure shares nothing with the one before it. Empty stays empty."""
    return [False if i in cut else flags[j] for i, j in enumerate(index)] if flags else []


def _one_guess(values: Sequence[float], reading: dict[tuple[int, int], int], n: int, m: int) -> Reading:
    """The one reading a later order found (`blocks-in-turn`, `zero-box`) as a guess: not `complete`, so every
    cell it fills is stored flagged."""
    seen = {(r, c): {values[reading[(r, c)]] if (r, c) in reading else None} for r in range(n) for c in range(m)}
    return Reading(dict(reading), seen, False, [dict(reading)])


def _sub_ready(ready: Ready, rows: range, figures: range) -> Ready:
    """`ready` for the rows `rows` and the figures `figures` alone (rule `blocks-in-turn`): figure and row
    numbers counted from the part's first."""
    f0, r0 = figures.start, rows.start

    def per_row(seq: Sequence) -> list:
        return list(seq[rows.start : rows.stop]) if seq else []

    def per_figure(seq: Sequence) -> list:
        return list(seq[figures.start : figures.stop]) if seq else []

    return Ready(
        [max(0, v - f0) for v in ready.rows[rows.start : rows.stop]], [max(0, v - f0) for v in ready.columns],
        [False, *per_figure(ready.under)[1:]] if ready.under else (),
        [False, *per_figure(ready.beside)[1:]] if ready.beside else (), ready.total_column,
        per_row(ready.may_be_empty), [None if v is None else v - f0 for v in per_row(ready.ends)],
        per_row(ready.loose), per_row(ready.early), per_figure(ready.column_of),
        [None if v is None else v - r0 for v in per_figure(ready.row_of)], per_row(ready.lean))


def blocks_in_turn(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind], settings: TextSettings
                   ) -> Reading | None:
    """Rule `blocks-in-turn`: pdfminer writes a table's blocks ("Varige ændringer", "Implementeringsomkostninger")
    one after the other, each in its own order, the rows after the last block total (the grand total) with the
    last block. Read one block at a time, each search is small where the whole table's runs out of steps (a
    block's figures wander into the next block's rows before any total can tell): every split of the figures
    into consecutive parts, one a block, whose parts each read exactly one way, every total adding up, the grand
    totals too once joined. A reading found so is a guess (the blocks in turn is the tool's order, not proven),
    stored flagged, and only where exactly one is seen."""
    data = [i for i, k in enumerate(kinds) if k in (RowKind.ROW, RowKind.TOTAL)]
    at = {item: r for r, item in enumerate(data)}
    block_totals = [eq.total for eq in total_equations(list(kinds)) if not eq.of_subtotals]
    if len(block_totals) < 2:
        return None
    # each block's items: after the block above's total up to its own total; the last block's to the end
    item_ends = [t + 1 for t in block_totals[:-1]] + [len(kinds)]
    item_starts = [0] + item_ends[:-1]
    parts = [(list(kinds[a:b]), range(at[next(i for i in range(a, b) if i in at)], at[data[-1]] + 1 if b == len(kinds)
              else at[b - 1] + 1)) for a, b in zip(item_starts, item_ends, strict=True)]
    m = len(ready.columns)
    steps = 0
    part = replace(settings, max_box_search=settings.max_block_part_search)
    check = _Search(values, ready, kinds, settings, True)  # the whole table's totals, the grand totals too
    found: dict[tuple, dict[tuple[int, int], int]] = {}

    def read_part(p: int, offset: int, so_far: dict[tuple[int, int], int]) -> bool:
        """Read part p from figure `offset` on, until a joined reading is found; False once past the limits."""
        nonlocal steps
        part_kinds, rows = parts[p]
        last = p == len(parts) - 1
        # the longest part first: a block that fills every cell (a part of a few zeros reads in many ways)
        ends = [len(values)] if last else range(min(len(values), offset + len(rows) * m), offset + len(rows) - 1, -1)
        for end in ends:
            search = _Search(values[offset:end], _sub_ready(ready, rows, range(offset, end)), part_kinds, part,
                             grand_totals=not last)
            ended = search.run()
            steps += search.steps
            if steps > settings.max_blocks_in_turn_search:
                return False
            if not ended or (not last and len(search.readings) != 1):
                continue  # no reading of this part, more than one, or not seen through: the split says nothing
            for reading in search.readings.values():
                here = {**so_far, **{(r + rows.start, c): i + offset for (r, c), i in reading.items()}}
                if last and check.holds_all(here):
                    found[tuple(sorted((cell, values[i]) for cell, i in here.items()))] = here
                elif not last and not read_part(p + 1, end, here):
                    return False
            if found:
                return True  # the first split whose every part reads: the longest parts (no more searched)
        return True

    if not read_part(0, 0, {}) or len(found) != 1:
        return None
    return _one_guess(values, next(iter(found.values())), len(data), m)


def zero_box(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind], settings: TextSettings,
             loose: Ready | None = None) -> Reading | None:
    """Rule `zero-box`: pdfminer groups a block's empty lower right part, the zeros (or dashes) of its last rows'
    later years, the block total's among them, into one text box, which it may write anywhere: before the
    labels of those rows, or before the whole table. A run of zeros as long as such a rectangle (rows up to a
    block's total, the last years) stands there, whatever the order written; the other figures are read as
    usual around it. Each rectangle the run fits is tried; a reading found so is a guess (the rectangle is the
    tool's grouping, not proven), stored flagged, and only where exactly one reading is seen."""
    if ready.total_column:
        return None
    m = len(ready.columns)
    data = [i for i, k in enumerate(kinds) if k in (RowKind.ROW, RowKind.TOTAL)]
    at = {item: r for r, item in enumerate(data)}
    blocks = [(at[eq.components[0]], at[eq.total]) for eq in total_equations(list(kinds)) if not eq.of_subtotals]
    runs: list[tuple[int, int]] = []  # (first figure, length) of each run of zeros long enough
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == 0:
            j += 1
        if j - i >= max(m, settings.min_zero_box):
            runs.append((i, j - i))
        i = max(j, i + 1)
    found: dict[tuple, dict[tuple[int, int], int]] = {}
    # each rectangle's search as short as a block's part in `blocks-in-turn`, all of them together as bounded
    part = replace(settings, max_box_search=settings.max_block_part_search)
    steps = 0
    for start, length in runs:
        for first, total in blocks:
            for height in range(2, total - first + 2):
                width, rest = divmod(length, height)
                if rest or not 1 <= width < m:
                    continue
                top = total - height + 1
                fixed = {(top + k // width, m - width + k % width): start + k for k in range(length)}
                for given in (ready, loose) if loose is not None else (ready,):
                    search = _Search(values, given, kinds, part, True, fixed=fixed)
                    search.run()
                    steps += search.steps
                    if steps > settings.max_blocks_in_turn_search:
                        return None
                    found.update(search.readings)
                    if search.readings:
                        break
                if len(found) > 1:
                    return None  # two readings: the run says nothing
    if len(found) != 1:
        return None
    return _one_guess(values, next(iter(found.values())), len(data), m)


def late_total_cell(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind],
                    settings: TextSettings = DEFAULT) -> Reading | None:
    """Rule `late-total-cell`: pdftotext may write a total's cell after the row below it (a total whose label
    wraps over two lines stands taller, its cell lower than the grand total's first cells): the last figure is
    read at each place up to `late_total_cell_rows` rows of figures back (the places sharing one later search's
    budget of steps), the rest in the order written, every total adding up (the grand totals too); the first
    reading that puts it in a total's row is the guess (an order other than the one written: stored flagged).
    Only for a table whose labels and years all came before its figures (no label or year bounds where the
    moved figure may stand). None when no such reading is found."""
    total = len(values)
    if total < 3 or any(ready.rows) or any(ready.columns) or any(e is not None for e in ready.ends):
        return None
    data = [k for k in kinds if k in (RowKind.ROW, RowKind.TOTAL)]
    budget = settings.max_box_search  # the places tried share one later search's budget of steps
    for at in range(total - 2, max(-1, total - 2 - settings.late_total_cell_rows * len(ready.columns)), -1):
        if budget <= 0:
            return None
        index = list(range(at)) + [total - 1] + list(range(at, total - 1))
        # the moved figure and the one after it share no box or line with the figure before
        cut = (at, at + 1)
        given = replace(ready, under=_reordered_flags(ready.under, index, cut),
                        beside=_reordered_flags(ready.beside, index, cut),
                        column_of=[ready.column_of[j] for j in index] if ready.column_of else (),
                        row_of=[ready.row_of[j] for j in index] if ready.row_of else ())
        search = _Search([values[i] for i in index], given, kinds, replace(settings, max_box_search=budget), True,
                         True)
        search.run()
        budget -= search.steps
        if search.readings:
            reading = _reading(values, search, False, index)
            if any(i == total - 1 and data[r] is RowKind.TOTAL for (r, _), i in reading.first.items()):
                return reading
    return None


def one_total_off(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind],
                  settings: TextSettings = DEFAULT) -> Reading | None:
    """Rule `one-total-off`: a proposal's own sum may not add up (a total mistyped, or a row left out of it in one
    year); then no reading in the order written makes every total hold, though the order and the other columns
    place the figures. Each block total in turn may miss its sum in one column (and the grand totals, which sum
    it, in that column too): the first column where it can no longer add up is that one, the others pruned as
    usual (`_Search._decide`); the first reading so found in the order written is a guess, every cell stored
    flagged (extract/checks.py reports the sum that does not add up). Every label's row must hold a figure here
    (no sub-heading without figures: a figure the tool wrote elsewhere, which misses a sum too, would leave a row
    empty). None when no such reading is found."""
    every_row = replace(ready, may_be_empty=())
    for k, eq in enumerate(total_equations(list(kinds))):
        if eq.of_subtotals:
            continue
        search = _Search(values, every_row, kinds, settings, True, True, off=k)
        search.run()
        if search.readings:
            return _reading(values, search, False)
    return None


def _right_to_left(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind], settings: TextSettings,
                   grand_totals: bool) -> tuple[Reading | None, bool]:
    """Rule `right-to-left`: the readings of the columns written right to left (None when there are none), and
    whether that search ended within its bounds. Only for a table written in
    boxes of a column's cells stacked (pdfminer's grouping of boxes may order those right to left); not for
    figures each a box of its own (a row's cells, left to right), for a total column, which ends the rows, for
    figures on one line, which stand left to right, nor
    when a year was written after figures (the years' order among the figures shows the columns')."""
    m = len(ready.columns)
    if ready.total_column or any(ready.beside) or not any(ready.under) or any(ready.columns):
        return None, True
    mirrored = replace(ready, columns=list(ready.columns)[::-1],
                       column_of=[None if c is None else m - 1 - c for c in ready.column_of])
    search = _Search(values, mirrored, kinds, settings, grand_totals, True, mirrored=True)
    ended = search.run()
    if not search.readings:
        return None, ended
    found = _reading(values, search, True)
    return Reading({(r, m - 1 - c): i for (r, c), i in found.first.items()},
                   {(r, m - 1 - c): seen for (r, c), seen in found.seen.items()}, True,
                   [{(r, m - 1 - c): i for (r, c), i in rd.items()} for rd in found.whole or []]), ended


def _reading(values: Sequence[float], search: _Search, complete: bool,
             index: Sequence[int] | None = None) -> Reading:
    """What `search` found, its figures' indices mapped back through `index` when it read them reordered."""
    readings = [{cell: (index[i] if index else i) for cell, i in rd.items()} for rd in search.readings.values()]
    cells = [(r, c) for r in range(search.n) for c in range(search.m)]
    seen = {cell: {values[rd[cell]] if cell in rd else None for rd in readings} for cell in cells}
    first = _leaning_shift(readings, search.ready.lean) if readings else {}
    if readings:
        # rule `block-years`: of readings the dump cannot tell apart, the guess keeps the short rows on their
        # block's side of the years when another reading does so better than the first (`_sides_score`)
        lean, years = search.ready.lean, search.year_columns
        score, best = max(((_sides_score(rd, lean, years), k) for k, rd in enumerate(readings)),
                          key=lambda sk: sk[0])
        if score > _sides_score(first, lean, years):
            first = readings[best]
    return Reading(first, seen, complete, readings)


def _leaning_shift(readings: list[dict[tuple[int, int], int]], lean: Sequence[int]) -> dict[tuple[int, int], int]:
    """The guess to store (rule `block-years`): the first reading found, or one that differs from it only by
    moving the rows of a block, each figure of them alike, toward the side of the years that block's short rows
    fill (a block's equally short rows, which the totals place alike in either years)."""
    first = readings[0]
    if not any(lean):
        return first
    base = {i: cell for cell, i in first.items()}

    def shift(reading: dict[tuple[int, int], int]) -> int | None:
        """How far the reading moves the leaning rows toward their side, None if it differs otherwise."""
        moved: dict[int, int] = {}
        for (r, c), i in reading.items():
            r0, c0 = base.get(i, (None, None))
            if r0 != r or c0 is None:
                return None
            if moved.setdefault(r, c - c0) != c - c0:
                return None
        if len(moved) != len({r for r, _ in first}):
            return None
        if any(d and not (r < len(lean) and lean[r] * d > 0) for r, d in moved.items()):
            return None
        return sum(abs(d) for d in moved.values())

    best, most = first, 0
    for reading in readings[1:]:
        d = shift(reading)
        if d is not None and d > most:
            best, most = reading, d
    return best


def late_first_column(values: Sequence[float], ready: Ready, kinds: Sequence[RowKind], settings: TextSettings,
                      grand_passes: Sequence[bool] = (True, False), low: bool = False,
                      budget: int = 0) -> Reading | None:
    """Rule `late-first-column`: pdfminer may write the first year's column after every other figure of a table
    it wrote row by row, when that column holds dashes or zeros only (a lone dash or zero stands too far from its
    row's other cells to share their text box): the last k figures, for each k up to the number of rows, all of
    them zero, are read as that column, the rest row by row. (A table written
    column by column would read so too, its columns turned: not this order.) Every reading so found (None: none; `first`
    empty when the searches found none but did not all end) and whether every search ended. Not tried when a
    later year heads figures of its own (then the first column's figures came before it).

    Rule `late-low-first-column` (`low`): pdfminer orders a table's text boxes by their tops, so a table it wrote
    column by column writes the first year's column last when that column's top cells are empty (the permanent
    changes start the year after the implementation, whose block stands lower): the last k figures, whatever they
    are, are read as that column, its top figure lower than every other column's, the rest column by column."""
    n = sum(1 for k in kinds if k in (RowKind.ROW, RowKind.TOTAL))
    total = len(values)
    if any(after > 0 for after in ready.columns[1:]) or total < 2:
        return None
    merged: Reading | None = None
    # a low first column is read with every total adding up, the grand totals too (its order is no other
    # evidence), its searches sharing one `budget` of steps
    for k in range(1, min(n - 1 if low else n, total - 1) + 1):
        if not low and abs(values[total - k]) >= 0.5:
            break  # the column written apart is one of dashes or zeros
        if low and budget <= 0:
            if merged is not None:
                merged.complete = False
            break
        index = list(range(total - k, total)) + list(range(total - k))
        shifted = Ready([r + k for r in ready.rows], [c + k for c in ready.columns],
                        _reordered_flags(ready.under, index, (0, k)), _reordered_flags(ready.beside, index, (0, k)),
                        ready.total_column, ready.may_be_empty, loose=ready.loose if low else ())
        for grand_totals in (True,) if low else grand_passes:
            search = _Search([values[i] for i in index], shifted, kinds,
                             replace(settings, max_box_search=budget) if low else settings, grand_totals, True,
                             first_late=k, late_low=low)
            ended = search.run()
            budget -= search.steps
            if search.readings or not ended:
                part = _reading(values, search, ended, index)
                if merged is None:
                    merged = part
                elif part.first:
                    if not merged.first:
                        merged.first = part.first
                    _merged(merged, part)
                else:
                    merged.complete = False
                break
    return merged


def _sides_score(reading: dict[tuple[int, int], int], lean: Sequence[int], years: int) -> int:
    """How well `reading` keeps the short rows on their block's side of the `years` year columns (rule
    `block-years`): +1 for each that fills its side (the last years for a lean of +1, the first empty; the first
    years for -1, the last empty), -2 for each short the other way. A row that fills every year says nothing."""
    if not reading or not lean:
        return 0
    columns: dict[int, list[int]] = {}
    for r, c in reading:
        if c < years:
            columns.setdefault(r, []).append(c)
    score = 0
    for r, cs in columns.items():
        side = lean[r] if r < len(lean) else 0
        first, last = min(cs) == 0, max(cs) == years - 1
        if side and not (first and last):
            score += 1 if (side > 0 and last) or (side < 0 and first) else -2
    return score


def _merged(one: Reading, other: Reading) -> Reading:
    """`one` with `other`'s readings added: the doubts two searches raise together."""
    for cell, seen in other.seen.items():
        one.seen.setdefault(cell, set()).update(seen)
    one.complete = one.complete and other.complete
    one.whole = None if one.whole is None or other.whole is None else one.whole + other.whole
    return one


def lines_lost_labels(rows: list[RawRow] | None) -> bool:
    """Rule `boxes-over-lines`: the line-by-line reading of a table found no rows with figures, or left most of
    them without a label or with one label shared by several rows (a tool that writes the table text box by text
    box puts its figures on lines of their own, after all the labels): then the table is read as text boxes. A
    line reading whose rows keep their labels stays (pdftotext writes a row's label and figures together)."""
    with_figures = [r for r in rows or [] if r.numbers]
    # a label the line reading gave several rows is none of theirs (it spread one label over the rows it lost)
    times = Counter(r.label.strip() for r in with_figures)
    unlabelled = [r for r in with_figures if not r.label.strip() or areas_only(r.label) or times[r.label.strip()] > 1]
    return not with_figures or 2 * len(unlabelled) >= len(with_figures)


def lines_took_years(header: TableHeader | None, rows: list[RawRow] | None, boxes: TableHeader) -> bool:
    """Rule `years-as-figures`: the line-by-line reading found fewer of the header's years than the box reading,
    and read one of the years it missed as a row's figure (pdftotext writes each year of a ruled table as a box
    of its own, the empty years' over no figures: the line reader takes the first years for the header and the
    rest for cells). The box reading is taken."""
    if header is None or not set(header.years) < set(boxes.years):
        return False
    missed = {str(y) for y in set(boxes.years) - set(header.years)}
    return any(tok.text.strip() in missed for r in rows or [] for tok in r.numbers)


def figures_left_unread(lines: list[Line], region: TableRegion, rows: list[RawRow]) -> bool:
    """A reading of the region's rows that read fewer figures than the region's lines of figures hold (it stopped
    early, or took the figures for text): another reading may read them all."""
    written = sum(len(_figure_cells(ln.stripped) or ()) for ln in region_lines(lines, region))
    return sum(len(r.numbers) for r in rows) < written


def boxes_decided(rows: list[RawRow], line_rows: list[RawRow] | None = None) -> bool:
    """Every figure of the box reading stands decided: its arithmetic leaves no other reading. Such a reading is
    taken over the line-by-line one, which guesses where a cell per line scatters a row, unless it reads fewer
    figures than that one (it stopped at a line it took for the text below the table)."""
    read = sum(len(r.numbers) for r in rows)
    return (read > 0 and read >= sum(len(r.numbers) for r in line_rows or [])
            and not any(r.keys_in_doubt for r in rows))


def boxes_seen_through(lines: list[Line], region: TableRegion, boxes: tuple[TableHeader, list[RawRow]],
                       line_rows: list[RawRow] | None) -> bool:
    """Rule `boxes-over-cell-lines`: a table the dump wrote a cell per line whose box reading saw every reading
    through (some cell stands decided) and reads every figure the line reading does, its readings apart only in
    the first and last years: blocks of rows that fill every year but one, whose totals add up with the empty
    year at either end (rule `block-years`). The line-by-line assembly scatters such a table's rows
    (`assembly-unconfirmed` flags it whole, a short row's figures filled from the left): the box reading is
    taken, its cells in those two years flagged, the dump cannot decide them. Doubts anywhere else show rows
    the reading may have misjoined (a sub-heading given figures): then not."""
    header, rows = boxes
    read = sum(len(r.numbers) for r in rows)
    ends = {str(header.years[0]), str(header.years[-1])} if header.years else set()
    return (written_cell_per_line(region_lines(lines, region))
            and read > 0 and read >= sum(len(r.numbers) for r in line_rows or [])
            and any(set(r.placed or {}) - r.keys_in_doubt for r in rows if r.numbers)
            and all(r.keys_in_doubt <= ends for r in rows))


def boxes_over_guessed_lines(lines: list[Line], region: TableRegion, boxes: tuple[TableHeader, list[RawRow]],
                             line_rows: list[RawRow] | None, header: TableHeader | None) -> bool:
    """Rule `boxes-over-guessed-lines`: a table the dump wrote a cell per line whose line-by-line assembly is a
    guess throughout (a row with fewer figures than years: `assembly-unconfirmed` flags every cell, the short
    rows filled from the left), and whose box reading saw every reading through, decides some cell and reads
    every figure the line reading does: the box reading is taken, its open cells flagged. Its arithmetic placed
    the short rows; the line reading's order never did."""
    _, rows = boxes
    read = sum(len(r.numbers) for r in rows)
    years = len(header.years) if header is not None else 0
    return (written_cell_per_line(region_lines(lines, region))
            and read > 0 and read >= sum(len(r.numbers) for r in line_rows or [])
            and any(len(r.numbers) < years for r in line_rows or [] if r.numbers)
            and any(set(r.placed or {}) - r.keys_in_doubt for r in rows if r.numbers))


def undecided_order(rows: list[RawRow]) -> bool:
    """A reading order rebuilt from cells a line each whose every row the totals left in doubt."""
    with_figures = [r for r in rows if r.numbers]
    return bool(with_figures) and all(r.order_doubt for r in with_figures)


def _row_count(items: list[list[Line]]) -> int:
    """How many rows the label cells name: every one but a block's heading."""
    return sum(1 for item in items if not is_heading_item(item))


def _kinds(items: list[list[Line]]) -> list[RowKind]:
    return [RowKind.HEADING if is_heading_item(g)
            else RowKind.TOTAL if is_total_label(" ".join(ln.stripped for ln in g))
            else RowKind.ROW for g in items]


def _sub_headings(kinds: list[RowKind], data: list[int], area_rows: list[int]) -> list[bool]:
    """Per data row: its label may be a sub-heading over the rows below it, written like a row's label ("E-tavler
    i Verahus" over its costs): the table's first row or the first after a total, with a row (not a total) after
    it, and no area cell of its own."""
    rows = [kinds[i] for i in data]
    return [k is RowKind.ROW and (r == 0 or rows[r - 1] is RowKind.TOTAL) and r + 1 < len(rows)
            and rows[r + 1] is RowKind.ROW and r not in area_rows for r, k in enumerate(rows)]


def column_figures_to_raw_rows(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT
                               ) -> tuple[TableHeader, list[RawRow]] | None:
    """Rule `short-columns` (module doc): the header and rows of a table written text box by text box, its empty
    cells left out. An area cell written right after its label goes to that row; else the area cells go to the
    rows in order when they are as many as the rows that are not totals (or as all rows); else to none. None
    when the region is not so written, or when no reading makes every total add up with every label's row
    holding a figure (labels split or joined wrongly: the rows are not the ones the figures fill)."""
    table = read_box_table(lines, region, settings)
    found = None if table is None else box_table_rows(table, settings)
    # rule `row-named-for-its-area` (`read_box_table`): the same area cell twice between figures read as a row's
    # label and its area, where that reading decides more cells
    named = read_box_table(lines, region, settings, named_for_areas=True)
    if named is not None and table is not None and len(named.items) > len(table.items):
        other = box_table_rows(named, settings)
        if other is not None and _decided_cells(other[1]) > (0 if found is None else _decided_cells(found[1])):
            return other
    return found


def _decided_cells(rows: list[RawRow]) -> int:
    return sum(len(set(r.placed or {}) - r.keys_in_doubt) for r in rows)


def _zeros_before(values: Sequence[float | None], at: int) -> int:
    """How many zeros (or dashes) the figures just before figure `at` run to."""
    run = 0
    while run < at and values[at - run - 1] == 0:
        run += 1
    return run


def box_table_rows(table: BoxTable, settings: TextSettings = DEFAULT) -> tuple[TableHeader, list[RawRow]] | None:
    """The rows of a table read as text boxes (`column_figures_to_raw_rows`); when no reading gives the total
    labels written after every figure rows of their own, the table without them (they were text below it)."""
    found = _box_table_rows(table, settings)
    if found is None and table.late_totals:
        n = len(table.items) - table.late_totals
        found = _box_table_rows(replace(table, items=table.items[:n], item_after=table.item_after[:n],
                                        late_totals=0), settings)
    return found


def _box_table_rows(table: BoxTable, settings: TextSettings) -> tuple[TableHeader, list[RawRow]] | None:
    kinds = _kinds(table.items)
    data = [i for i, k in enumerate(kinds) if k is not RowKind.HEADING]
    figures = table.figures
    # the area cells, in order, belong to the rows that are not totals (or to every row)
    totals = [kinds[i] is RowKind.TOTAL for i in data]
    row_of = {item: r for r, item in enumerate(data)}
    # rule `area-on-label-line`: a row whose area cell the tool wrote on its label's line has it; the box of
    # areas goes to the others
    own = {i: found for i in data if table.areas and (found := area_on_label_line(table.items[i])) is not None}
    free = [r for r, i in enumerate(data) if i not in own]
    if table.area_items is not None and all(i in row_of for i in table.area_items):
        area_rows = [row_of[i] for i in table.area_items]
    elif len(table.areas) == sum(1 for r in free if not totals[r]):
        area_rows = [r for r in free if not totals[r]]
    elif len(table.areas) == len(free):
        area_rows = free
    else:
        area_rows = []
    row_ready = [table.item_after[i] for i in data]
    for r, after in zip(area_rows, table.area_after, strict=False):
        row_ready[r] = max(row_ready[r], after)
    # a row's figures come before the next label when the tool wrote some of them between the two labels
    ends = [table.item_after[i + 1] if i + 1 < len(table.items) and table.item_after[i + 1] > row_ready[r]
            else None for r, i in enumerate(data)]
    # rule `label-heads-figures`: a lone label cell written among the figures (pdfminer's box of one row's
    # label) is followed by that row's first figure (not a total's, whose cells may come in any order, nor a
    # row whose area cell came later)
    figure_row: list[int | None] = [None] * len(figures)
    for r, i in enumerate(data):
        after = table.item_after[i]
        if (0 < after < len(figures) and sum(1 for a in table.item_after if a == after) == 1
                and row_ready[r] == after and kinds[i] is not RowKind.TOTAL):
            figure_row[after] = r
    sides = block_leanings([" ".join(ln.stripped for ln in item) for item in table.items],
                           [k is RowKind.HEADING for k in kinds], table.caption)
    values = [parse_number(ln.stripped) for ln in figures]
    # rule `zeros-before-late-label`: a row's label or area cell written right after a run of zeros (or dashes)
    # longer than one row's cells right of its first: pdfminer wrote the right columns' empty cells, several
    # rows' and this row's among them, before the box of its label or area lower down, so its cells may come in
    # any order, some before its label (as a total's). A shorter run is the row above's, written row by row
    zeros_before = {r for r, i in enumerate(data) if kinds[i] is RowKind.ROW and 0 < row_ready[r] < len(values)
                    and _zeros_before(values, row_ready[r]) >= len(table.year_after)}
    # ... and the rows whose labels follow, each within one row's cells of the one above's: their right columns'
    # empty cells stood in the same run (the rows of a block's lower part, each label with its first figures)
    for r, i in enumerate(data):
        if (r - 1 in zeros_before and kinds[i] is RowKind.ROW and kinds[data[r - 1]] is RowKind.ROW
                and 0 < row_ready[r] - row_ready[r - 1] < len(table.year_after) and row_ready[r] < len(values)):
            zeros_before.add(r)
    ready = Ready(row_ready, table.year_after, table.under, table.beside, table.header.has_total_column,
                  _sub_headings(kinds, data, area_rows), ends,
                  [kinds[i] is RowKind.TOTAL or r in zeros_before for r, i in enumerate(data)],
                  [r == 0 or kinds[i - 1] is not RowKind.ROW for r, i in enumerate(data)],
                  [table.headed.get(i) for i in range(len(figures))] if table.headed else (),
                  figure_row if any(r is not None for r in figure_row) else (), [sides[i] for i in data])
    read = monotone_readings(values, ready, kinds, settings, totals_off=not table.late_totals)
    if any(table.under) and (read is None or not read.complete):
        # rule `stacked-unproven`: pdftotext may write lines of different columns as one block (a row's cell and,
        # under it, a lower row's cell right of it: they stand close), which reads as one column's cells stacked.
        # Where no reading keeps every such box in a column, or only a guess does, the figures are read each on
        # its own: a reading the totals then decide is taken
        free = monotone_readings(values, replace(ready, under=()), kinds, settings, totals_off=not table.late_totals)
        if free is not None and (read is None or free.complete):
            read = free
    if read is None:
        return None
    undecided = {cell for cell, seen in read.seen.items() if len(seen) > 1 or not read.complete}
    if table.paged and (undecided or not read.complete):
        return None  # a table across pages read as one only where its totals decide every cell
    keys = [str(y) for y in table.header.years] + (["total"] if table.header.has_total_column else [])
    cells = {(data[r], keys[c]): figures[idx] for (r, c), idx in read.first.items()}
    doubt = {(data[r], keys[c]) for (r, c), seen in read.seen.items() if (r, c) in undecided or table.cut}
    areas = {data[r]: area for r, area in zip(area_rows, table.areas, strict=False)}
    # rule `reading-by-repeat`: every reading the arithmetic left open, kept whole for the other tables to choose
    open_readings = read.whole if (undecided and read.complete and not table.cut and read.whole
                                   and len(read.whole) <= settings.repeat_readings_at_most) else None
    rows: list[RawRow] = []
    for i, item in enumerate(table.items):
        if kinds[i] is RowKind.HEADING:
            rows.append(RawRow([item[0].stripped], item))
            continue
        row_keys = [k for k in keys if (i, k) in cells]
        tokens = [Token(cells[(i, k)].stripped, cells[(i, k)]) for k in row_keys]
        label = [ln.text for ln in item]
        if i in own:  # the area written on the label's line is no part of the label
            label[-1] = own[i].label_text
        rows.append(RawRow(label, item + [cells[(i, k)] for k in row_keys], own[i].area if i in own else areas.get(i),
                           tokens,
                           placed=dict(zip(row_keys, tokens, strict=True)), inferred_by="short-columns",
                           keys_read=row_keys, keys_in_doubt={k for k in row_keys if (i, k) in doubt},
                           readings=None if open_readings is None else [
                               {keys[c]: Token(figures[idx].stripped, figures[idx])
                                for (r, c), idx in sorted(rd.items(), key=lambda cell: cell[0][1]) if data[r] == i}
                               for rd in open_readings]))
    return table.header, rows


def bodies_after_heading(lines: list[Line], regions: list[TableRegion], sections: list[SectionSpan],
                         settings: TextSettings = DEFAULT) -> list[TableRegion]:
    """Rule `body-after-heading` (pdfminer's reading order): a table's caption, unit and labels, then the next
    section's heading, maybe the first lines of its text, and only then the table's header and figures. pdfminer
    orders a page's text boxes by its own grouping of neighbours, and a table at a page's foot or head may come
    after the text beside it. A region with no figure that a section heading ends takes the body that follows the
    heading within `body_after_heading_lines` lines of text (`TableRegion.body_after`); a region that has one, or
    a body that stands in another region, is left as it is. A region that holds its header's years (two or more,
    a line each) takes a body of figures only: pdfminer wrote the header's boxes with the labels'."""
    section_starts = sorted(s.start for s in sections)
    region_starts = sorted(r.start for r in regions)
    out: list[TableRegion] = []
    for r in regions:
        if r.end in section_starts and r.body_after is None and any(
                _figure_run(ln.stripped) for ln in lines[r.start + 1 : r.end]):
            out.append(_body_split_by_heading(lines, r, section_starts + region_starts, settings))
            continue
        if r.end in section_starts and r.body_after is None and not any(
                _figure_run(ln.stripped) for ln in lines[r.start + 1 : r.end]):
            stop = min([s for s in section_starts + region_starts if s > r.end], default=len(lines))
            own_years = sum(1 for ln in lines[r.start + 1 : r.end] if YEAR.fullmatch(ln.stripped))
            body = _body_after_heading(lines, r.end + 1, stop, settings,
                                       own_years >= settings.min_column_blocks)
            if body is not None:
                # the text under the table (the payback lines), or the heading's number written apart from it
                # ("5." / "Implementering af forslaget"), ends the region's own part: the body comes later
                end = next((i for i in range(r.start + 1, r.end)
                            if END_LINE.match(lines[i].text) or LONE_NUMBER.match(lines[i].text)), r.end)
                r = replace(r, end=end, body_after=body)
        out.append(r)
    return out


def _body_split_by_heading(lines: list[Line], r: TableRegion, stops: list[int],
                           settings: TextSettings) -> TableRegion:
    """Rule `body-split-by-heading` (pdfminer's reading order): a table's first figures, then the next section's
    heading, and at once (no line of text between) the rest of its figures. pdfminer orders a page's text boxes by
    its own grouping of neighbours, and the heading's box, left under the table, may come before the right-hand
    columns' boxes. A region that holds its header's years (two or more, a line each) takes the run of figures, and
    no year, that follows the heading (`TableRegion.body_after`); the region's own part ends before the text under
    the table (the payback lines), which the dump may write before the heading."""
    own_years = sum(1 for ln in lines[r.start + 1 : r.end] if YEAR.fullmatch(ln.stripped))
    if own_years < settings.min_column_blocks:
        return r
    stop = min([s for s in stops if s > r.end], default=len(lines))
    body = _body_after_heading(lines, r.end + 1, stop, replace(settings, body_after_heading_lines=0), True)
    if body is None:
        return r
    own = [ln for ln in lines[r.start + 1 : r.end] if YEAR.fullmatch(ln.stripped)]
    again = [ln for ln in lines[body[0] : body[1]] if YEAR.fullmatch(ln.stripped)]
    # years after the heading: a table of its own, not the rest; unless they are the region's header written
    # again on a later page (`header-again-on-next-page` reads them), or go on from the region's last year: the
    # later columns of tables stacked in the region, each written under its years (`stacked_box_tables`)
    goes_on = bool(again) and int(again[0].stripped) == max(int(ln.stripped) for ln in own) + 1
    if again and not goes_on and not ([ln.stripped for ln in again] == [ln.stripped for ln in own]
                                      and again[0].page is not None and own[0].page is not None
                                      and again[0].page > own[0].page):
        return r
    end = next((i for i in range(r.start + 1, r.end) if END_LINE.match(lines[i].text)
                and not any(_figure_run(ln.stripped) for ln in lines[i : r.end])), r.end)
    return replace(r, end=end, body_after=body)


def _body_after_heading(lines: list[Line], at: int, stop: int, settings: TextSettings,
                        header_above: bool = False) -> tuple[int, int] | None:
    """Lines [start, end) between `at` (after a section's heading) and `stop` holding a table's body: after at
    most `settings.body_after_heading_lines` lines of text, the area column's head or a header year on a line of
    its own, then only years, figures, area cells and a total column's head ("I alt"), with two years or more,
    or (`header_above`: the region holds its years) with no year and two figures or more. None when a caption
    comes first, or no such body does."""
    start = None
    text_lines = 0
    for i in range(at, stop):
        t = lines[i].stripped
        if not t:
            continue
        if YEAR.match(t) or AREA_HEAD_START.match(t) or (_figure_run(t) and not _page_number(lines, i)) or (
                header_above and area_piece("", t)[0] is not None):
            # figures first: a table whose caption holds its years, stacked over others (`_share_in_turn`); or the
            # area column's cells, then the figures, under a header the region holds
            start = i
            break
        if CAPTION.match(t):
            return None
        text_lines += 1
        if text_lines > settings.body_after_heading_lines:
            return None
    if start is None:
        return None
    end, years, figures, piece = start, 0, 0, ""
    for i in range(start, stop):
        t = lines[i].stripped
        if not t:
            continue
        if _page_number(lines, i):
            break
        if YEAR.match(t):
            years += 1
        elif _figure_run(t):
            figures += 1
        elif not (TOTAL_COLUMN.match(t) or (not years and len(t.split()) == 1)):
            _, piece = area_piece(piece or "", t)  # an area cell, wrapped or whole
            if piece is None:
                break
        end = i + 1
    if header_above and not years:
        return (start, end) if figures >= settings.min_column_blocks else None
    return (start, end) if years >= settings.min_column_blocks else None


def _page_number(lines: list[Line], i: int) -> bool:
    """Line i is its page's number, written where pdfminer's grouping put it: a box of one figure, the page's own
    number."""
    ln = lines[i]
    alone = (i == 0 or lines[i - 1].is_blank) and (i + 1 == len(lines) or lines[i + 1].is_blank)
    return alone and ln.page is not None and ln.stripped == str(ln.page)


def _caption_only(lines: list[Line], region: TableRegion) -> tuple[list[list[Line]], TableHeader] | None:
    """The label cells, unit and header years (if written there) of a caption whose region holds no figure (its
    body written with the next table's), or None."""
    items: list[list[Line]] = []
    header = TableHeader([], None, None, False, False, region.start)
    for box in _boxes(lines[region.start + 1 : region.end]):
        texts = [ln.stripped for ln in box]
        if _years_box(box):
            years = [int(t) for t in texts]
            if any(b != a + 1 for a, b in itertools.pairwise(header.years[-1:] + years)):
                return None
            header.years.extend(years)
            continue
        if any(YEAR.match(t) or _figure_run(t) for t in texts):
            return None
        unit = _unit_lines(texts, header)
        box, texts = box[unit:], texts[unit:]
        if not box:
            continue
        if END_LINE.match(box[0].text) or NUMBERED_HEADING.match(texts[0]):
            break
        items.extend(label_items(box))
    return (items, header) if items else None


@dataclass(slots=True)
class _Run:
    """A stretch of a stacked body: the years written at its head (none for a table whose header its caption
    holds), then figure boxes."""

    years: list[int] = field(default_factory=list)
    boxes: list[list[Line]] = field(default_factory=list)


def _year_to_next_table(tables: list[BoxTable], among: Sequence[int], year: int) -> int | None:
    """The k-th time a year is written it heads the k-th table's column (of `among`, in order): the first table
    without that year takes it, its column starting after the figures it holds; None when no table lacks it or
    it does not follow that table's last year."""
    k = next((k for k in among if year not in tables[k].header.years), None)
    if k is None:
        return None
    years = tables[k].header.years
    if years and year != years[-1] + 1:
        return None
    years.append(year)
    tables[k].year_after.append(len(tables[k].figures))
    return k


def _share_by_years_again(tables: list[BoxTable], body: list[list[Line]]) -> list[int] | None:
    """The k-th time a year is written it heads the k-th table's column, and a figure belongs to the table whose
    year was written last (the tables' columns read together, or their bodies one after the other under their
    years). Returns each body box's table, or None when the body is not so written."""
    owner: list[int] = []
    current: int | None = None
    for box in body:
        if _years_box(box):
            for ln in box:
                current = _year_to_next_table(tables, range(len(tables)), int(ln.stripped))
                if current is None:
                    return None
        elif current is None:
            return None
        else:
            at = _open_columns_table(tables, current, len(box))
            tables[at].add_figures(box)
            owner.append(at)
            continue
        owner.append(current)
    return owner


def _open_columns_table(tables: list[BoxTable], current: int, n: int) -> int:
    """Rule `figures-to-open-columns`: the table whose year was written last takes the next figures, unless its
    headed columns are full (a figure for each row under each year written): then the first table whose headed
    columns have room for the `n` figures does (pdfminer wrote the first table's whole header, each table's first
    column under its year, and only then the first table's later columns)."""
    def room(tb: BoxTable) -> int:
        return _row_count(tb.items) * len(tb.header.years) - len(tb.figures)

    if room(tables[current]) > 0:
        return current
    return next((k for k, tb in enumerate(tables) if room(tb) >= n), current)


def _total_heads_box(box: list[Line]) -> bool:
    """A box of total columns' heads only ("I alt")."""
    return all(TOTAL_COLUMN.match(ln.stripped) for ln in box)


@dataclass(slots=True)
class _HeadRun:
    """A column's head as written (its year, or None for "I alt") and the figures written after it, up to the
    next head: the body boxes that hold them."""

    year: int | None
    boxes: list[int] = field(default_factory=list)
    figures: list[Line] = field(default_factory=list)
    after_heads: bool = False  # right after another head with no figure of its own


@dataclass(frozen=True, slots=True)
class _ColumnShape:
    """A table's column as `stacked-column-runs` fills it: its rows' items (no heading) and its totals."""

    data: list[int]
    equations: list[Equation]

    @classmethod
    def of(cls, table: BoxTable) -> _ColumnShape:
        kinds = _kinds(table.items)
        return cls([i for i, k in enumerate(kinds) if k is not RowKind.HEADING], total_equations(kinds))

    def fits(self, values: list[float | None]) -> bool:
        """The figures fill the column top to bottom, a figure a row, every total adding up."""
        if len(values) != len(self.data) or any(v is None for v in values):
            return False
        by_item = dict(zip(self.data, values, strict=True))
        return all(abs(by_item[eq.total] - sum(by_item[c] for c in eq.components))  # type: ignore[operator]
                   <= rounding_slack(len(eq.components)) for eq in self.equations)


def _share_by_run_shape(tables: list[BoxTable], body: list[list[Line]]) -> list[int] | None:
    """Rule `stacked-column-runs` (pdfminer, each cell a line of its own): the stacked tables' columns written in
    any order, each as its head ("2017", or "I alt") and then its cells top to bottom, the heads of empty columns
    alone. A run of figures belongs to the table it fills, a figure a row, every total adding up; of tables alike
    in shape, the first still without that column takes it, and their figures are stored flagged (the order
    written alone chose). The tables share the years written. Returns each body box's table, or None when a run
    fits no table, or a table gets a column twice."""
    runs: list[_HeadRun] = []
    for i, box in enumerate(body):
        if _years_box(box) or _total_heads_box(box):
            for ln in box:
                alone = bool(runs) and not runs[-1].figures
                runs.append(_HeadRun(int(ln.stripped) if YEAR.match(ln.stripped) else None, [i], after_heads=alone))
        elif not runs:
            return None
        else:
            runs[-1].boxes.append(i)
            runs[-1].figures.extend(Line(t, ln.page, ln.lineno, None, ln.ocr)
                                    for ln in box for t in (_figure_cells(ln.stripped) or [ln.stripped]))
    years = sorted({r.year for r in runs if r.year is not None})
    if not years or years != list(range(years[0], years[-1] + 1)):
        return None
    shapes = [_ColumnShape.of(tb) for tb in tables]
    taken: list[dict[int | None, _HeadRun]] = [{} for _ in tables]
    by_order: set[int] = set()
    owner = [-1] * len(body)
    for run in runs:
        if not run.figures:
            continue
        values = [parse_number(ln.stripped) for ln in run.figures]
        fits = [k for k, shape in enumerate(shapes) if shape.fits(values)]
        free = [k for k in fits if run.year not in taken[k]]
        if not free:
            return None
        k = free[0]
        if len(fits) > 1 or run.after_heads:
            # tables alike: the order written chose; or other heads alone right before this one: the figures may
            # be an earlier head's column
            by_order.update(fits)
        taken[k][run.year] = run
        for i in run.boxes:
            owner[i] = k
    for k, tb in enumerate(tables):
        tb.header.years = list(years)
        tb.year_after = [0] * len(years)
        for c, year in enumerate([*years, None]):
            run = taken[k].get(year)
            if run is None:
                continue
            if year is None:
                tb.header.has_total_column = True
                tb.year_after.append(len(tb.figures))
            seen = len(tb.figures)
            tb.add_figures(run.figures)
            tb.headed.update(dict.fromkeys(range(seen, len(tb.figures)), c))
        tb.cut = k in by_order
    return owner


def _share_in_turn(tables: list[BoxTable], body: list[list[Line]]) -> list[int] | None:
    """The tables' bodies one after the other, each table's under its own years unless its caption held them
    (then its figures come with no year before them). Returns each body box's table, or None when the runs do
    not match the tables one to one."""
    runs: list[_Run] = []
    owner: list[int] = []
    for box in body:
        if _years_box(box):
            if not runs or runs[-1].boxes:
                runs.append(_Run())
            runs[-1].years.extend(int(ln.stripped) for ln in box)
        else:
            if not runs:
                runs.append(_Run())
            runs[-1].boxes.append(box)
        owner.append(len(runs) - 1)
    if len(runs) != len(tables):
        return None
    for table, run in zip(tables, runs, strict=True):
        if bool(run.years) == bool(table.header.years):
            return None  # years in the caption and again over the figures, or nowhere
        if run.years:
            table.header.years = run.years
        table.year_after = [0] * len(table.header.years)
        for box in run.boxes:
            table.add_figures(box)
    return owner


def _share_around_own_years(tables: list[BoxTable], body: list[list[Line]]) -> list[int] | None:
    """Rule `stacked-own-years`: one table's caption held its years (it is the table whose figures come with no
    year before them), the others' columns each under its year written again (the k-th time a year is written
    it heads the k-th such table's column, as `_share_by_years_again`). pdfminer wrote the columns together: a
    column under its year takes as many figures as the table has rows (for each year written at once), and
    the figures before any year or beyond a column's rows are the table whose caption held its years. Returns
    each body box's table, or None when the body is not so written (a box across a column's end)."""
    own = [k for k, tb in enumerate(tables) if tb.header.years]
    if len(own) != 1 or len(tables) < 2:
        return None
    mine = own[0]
    headed = [k for k in range(len(tables)) if k != mine]
    rows = {k: _row_count(tables[k].items) for k in headed}
    tables[mine].year_after = [0] * len(tables[mine].header.years)
    owner: list[int] = []
    current: int | None = None
    room = 0  # figures the current column (or columns, years written at once) may still take
    for at, box in enumerate(body):
        if _years_box(box):
            years = [int(ln.stripped) for ln in box]
            before = current if at and _years_box(body[at - 1]) else None  # years written one after another
            for year in years:
                current = _year_to_next_table(tables, headed, year)
                if current is None:
                    return None
            room = rows[current] * len(years) + (room if before == current else 0)
            owner.append(current)
            continue
        cells = sum(len(_figure_cells(ln.stripped) or ()) for ln in box)
        if current is not None and room:
            if cells > room:
                return None
            tables[current].add_figures(box)
            room -= cells
            owner.append(current)
            continue
        tables[mine].add_figures(box)
        owner.append(mine)
    return owner


def stacked_box_tables(lines: list[Line], regions: list[TableRegion], settings: TextSettings = DEFAULT
                       ) -> list[HeaderAndRows | None] | None:
    """Rule `stacked-tables` (pdfminer): tables one above the other whose bodies the tool wrote together after
    the last one's labels, the first captions holding only their labels (and maybe their years). Either the
    columns were read together, every table's header years in turn ("2016" / the first table's column / "2016" /
    the second's / "2017" / ...: `_share_by_years_again`), or the bodies one after the other, a table whose
    caption held its years first (`_share_in_turn`). Each table is then read as text boxes (`box_table_rows`).
    Returns the tables' header and rows in order (None for one no reading fits), or None when the regions are
    not so written."""
    *firsts, last = regions
    captions = [_caption_only(lines, r) for r in firsts]
    own = read_box_table(lines, last, settings, repeat_ends=False)
    if not firsts or any(x is None for x in captions) or (own is not None and not own.paged):
        return None  # the last table read alone, as a whole: not stacked (across pages it may be the stack's)
    head = BoxTable([], [], [], TableHeader([], None, None, False, False, last.start))  # the last table's
    body: list[list[Line]] = []
    late: list[tuple[list[Line], int]] = []  # label cells written among the bodies, and the body boxes before
    for box in _boxes(region_lines(lines, last)[1:]):
        texts = [ln.stripped for ln in box]
        if all(YEAR.match(t) or _figure_run(t) for t in texts):
            if not _years_box(box) and _year_heads(texts) == 1:
                body.extend([box[:1], box[1:]])  # a year heading its column's figures in one box
                continue
            if not _years_box(box) and any(YEAR.match(t) for t in texts):
                return None  # a year among figures: a shape neither way of sharing knows
            body.append(box)
            continue
        if is_caption_line(box[0].text):
            # the next table's caption, written before this one's figures (`caption-before-figures`); a budget
            # table's ("Budget - <title>") too: no row of a table reads so
            continue
        if body and _below_table(box, settings):
            break  # the text below the tables
        unit = _unit_lines(texts, head.header)
        box = box[unit:]
        if box and body:
            late.append((box, len(body)))
        elif box:
            head.items.extend(label_items(box))
    if not head.items and late and late[0][1] < len(body) and _years_box(body[late[0][1]]):
        # the last caption written before the earlier table's figures (`caption-before-figures`): its unit and
        # label cells come between the bodies, right before its own years (right after them, they are labels
        # among its body, below)
        head.items = [item for box, before in late if before == late[0][1] for item in label_items(box)]
        late = [(box, before) for box, before in late if before != late[0][1]]
    # label cells after the last figure are text below the tables ("4." of the next section's heading)
    last_figures = max((i for i, b in enumerate(body) if not _years_box(b)), default=-1)
    late = [(box, before) for box, before in late if before <= last_figures]
    tables = _share(captions, head, body, late, settings)  # type: ignore[arg-type]
    if tables is None and late:
        # the labels among the bodies fit no sharing (a page's repeated header over the last table's rows): the
        # bodies before them alone
        tables = _share(captions, head, body[: late[0][1]], [], settings)  # type: ignore[arg-type]
    if tables is None and head.items:
        runs = _column_runs_body(region_lines(lines, last)[1:], settings)
        tables = None if runs is None else _share(captions, head, runs, [], settings,  # type: ignore[arg-type]
                                                  by_shape=True)
    return None if tables is None else [box_table_rows(tb, settings) for tb in tables]


def _column_runs_body(lines: list[Line], settings: TextSettings) -> list[list[Line]] | None:
    """The boxes of the last table's body for rule `stacked-column-runs`: its heads (years, "I alt") and figures
    up to the text below the tables; None when a label cell stands among them."""
    body: list[list[Line]] = []
    for box in _boxes(lines):
        texts = [ln.stripped for ln in box]
        if body and _below_table(box, settings):
            break
        if _years_box(box) or _total_heads_box(box) or all(_figure_run(t) for t in texts):
            body.append(box)
        elif body:
            return None
    return body or None


def _share(captions: list[tuple[list[list[Line]], TableHeader]], head: BoxTable, body: list[list[Line]],
           late: list[tuple[list[Line], int]], settings: TextSettings, by_shape: bool = False
           ) -> list[BoxTable] | None:
    """The stacked tables with their figures shared out (`stacked_box_tables`), or None when no way of sharing
    fits or a table is left without years, labels or figures."""
    def fresh() -> list[BoxTable]:  # the tables as their captions and the last table's head give them
        firsts, last = copy.deepcopy(captions), copy.deepcopy(head)
        out = [BoxTable(items, [], [], header) for items, header in firsts] + [last]
        for tb in out:
            tb.item_after = [0] * len(tb.items)
        return out

    tables = fresh()
    in_turn = any(tb.header.years for tb in tables[:-1])
    if by_shape:  # the years written over the runs are every table's: none of the captions holds its own
        owner = None if in_turn else _share_by_run_shape(tables, body)
    else:
        owner = _share_in_turn(tables, body) if in_turn else _share_by_years_again(tables, body)
        if owner is None and in_turn:  # the bodies not one after the other: the columns read together
            tables = fresh()
            owner = _share_around_own_years(tables, body)
    if owner is None:
        return None
    head = tables[-1]
    for box, before in late:  # label cells among the last table's body: written after the figures before them
        if not before or owner[before - 1] != len(tables) - 1:
            return None  # a label among an earlier table's body
        written = sum(len(b) for b, k in zip(body[:before], owner, strict=False)
                      if k == len(tables) - 1 and not _years_box(b))
        items = label_items(box)
        head.items.extend(items)
        head.item_after.extend([written] * len(items))
    if any(len(tb.header.years) < settings.min_column_blocks or not tb.items or not tb.figures for tb in tables):
        return None
    return tables
