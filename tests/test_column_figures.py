"""A table written text box by text box (pdfminer), its empty cells leaving no trace: rule `short-columns`."""
from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest

from extract.arithmetic import RowKind
from extract.column_figures import (
    Ready,
    _Search,
    area_on_label_line,
    blocks_in_turn,
    bodies_after_heading,
    boxes_decided,
    boxes_seen_through,
    column_figures_to_raw_rows,
    lines_lost_labels,
    monotone_readings,
    read_box_table,
    stacked_box_tables,
    zero_box,
)
from extract.document import extract_document
from extract.placement import place_table
from extract.settings import TextSettings
from extract.tables import SENTENCE_ON, RawRow, TableHeader, TableRegion, Token, label_items, lines_to_regions
from parsers.numbers import parse_number
from parsers.records import Line, SourceDocument
from parsers.sections import SectionSpan
from parsers.textfile import text_to_lines

ROW, TOTAL, HEADING = RowKind.ROW, RowKind.TOTAL, RowKind.HEADING


def boxes(*cells: str) -> str:
    """A dump of text boxes: each cell, a blank line after it (pdfminer's way)."""
    return "\n\n".join(cells) + "\n"


LABELS = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
          "Nye omkostninger vedr.\nteknologi", "Samlet varig ændring", "Implementeringsomkostninger",
          "Innovationssamarbejde", "Projektledelse", "Samlede implementeringsomkostninger")
YEARS = ("2016", "2017", "2018")
BELOW = ("Tilbagebetalingstid baseret på serviceeffektivisering: 6 år",)


def read(text: str, settings: TextSettings | None = None):
    lines = text_to_lines(textwrap.dedent(text))
    region = TableRegion(1, "x", 0, len(lines), lines[0])
    return column_figures_to_raw_rows(lines, region, *(settings,) if settings else ())


def two_captions(text: str):
    """The dump's lines, and the regions of its Tabel 2 and Tabel 3 (the second from its caption on)."""
    lines = text_to_lines(text)
    second = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 3"))
    return lines, [TableRegion(2, "a", 0, second, lines[0]), TableRegion(3, "b", second, len(lines), lines[second])]


def stack_over_heading(text: str, heading: str):
    """The dump's lines, its Tabel 2 and Tabel 3 regions (`two_captions`, the second ending at the section
    heading line `heading`, "4. Implementering af forslaget"), and that heading's section."""
    lines, regions = two_captions(text)
    at = next(i for i, ln in enumerate(lines) if ln.stripped == heading)
    regions[1].end = at
    number, _, title = heading.partition(". ")
    return lines, regions, [SectionSpan(int(number), title, at, len(lines), "")]


def document_table(lines: list[Line]):
    """The first table the whole document path (`extract_document`) reads from a snippet's lines."""
    return extract_document(SourceDocument("snippet.txt", 1, "business_case", lines)).tables[0]


def table_of(rows) -> dict[str, dict[str, str]]:
    return {r.label: {k: t.text for k, t in (r.placed or {}).items()} for r in rows if r.numbers}


def test_columns_with_a_short_row_are_read_and_the_empty_cell_flagged():
    """Column by column; "Innovationssamarbejde" holds a figure in 2016 only, so the 2017 and 2018 columns hold
    one figure fewer than the rows. The totals place every figure of the full block and of the full 2016
    column; which implementation row is empty in 2017 and 2018 no total can tell (either way they add up), so
    those cells are stored flagged."""
    text = boxes(*LABELS, *YEARS,
                 "-100", "40", "-60", "300", "50", "350",  # 2016
                 "-200", "40", "-160", "70", "70",  # 2017: the innovation row is empty
                 "-300", "45", "-255", "75", "75",  # 2018
                 *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018] and header.price_level == 2016
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Nye omkostninger vedr. teknologi": {"2016": "40", "2017": "40", "2018": "45"},
        "Samlet varig ændring": {"2016": "-60", "2017": "-160", "2018": "-255"},
        # which of the two rows holds 70 and 75 the first reading chose (from the top); both are stored flagged
        "Innovationssamarbejde": {"2016": "300", "2017": "70", "2018": "75"},
        "Projektledelse": {"2016": "50"},
        "Samlede implementeringsomkostninger": {"2016": "350", "2017": "70", "2018": "75"},
    }
    doubt = {r.label: r.keys_in_doubt for r in rows if r.numbers}
    assert "2016" not in doubt["Lønudgifter"]  # the first figure written: the top left cell in every reading
    assert {"2017", "2018"} <= doubt["Innovationssamarbejde"]  # another reading puts them in the row below
    assert [r.label for r in rows][0] == "Varige ændringer" and not rows[0].numbers  # a heading, a row of its own


def test_blocks_of_rows_and_columns_in_any_order_that_keeps_rows_and_columns():
    """pdfminer groups neighbouring boxes: the first column, then the first row's other years, then the rest
    column by column. Each cell still comes after the cells above it and left of it, and the totals decide."""
    text = boxes(*LABELS[:6], *YEARS,
                 "-100", "40", "-60",  # 2016 column
                 "-200", "-300",  # the first row's 2017 and 2018
                 "40", "-160", "45", "-255",  # the rest, column by column
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Nye omkostninger vedr. teknologi": {"2016": "40", "2017": "40", "2018": "45"},
        "Samlet varig ændring": {"2016": "-60", "2017": "-160", "2018": "-255"},
    }
    assert not any(r.keys_in_doubt for r in rows)


def test_what_the_totals_cannot_tell_apart_is_flagged_and_stays_flagged_through_placement():
    """Two figures of a column that add up either way round: the cells differ between the readings, so they are
    stored flagged; placement (which sees a rebuilt reading) keeps the flag."""
    text = boxes(*LABELS[:6], YEARS[0], YEARS[1], "10", "20", "30", "10", "20", "30", *BELOW)
    header, rows = read(text)
    doubt = {r.label: r.keys_in_doubt for r in rows if r.numbers}
    assert doubt["Samlet varig ændring"] == set()  # the total is the last figure of its column in every reading
    place_table(rows, header, {})
    by_label = {r.label: r for r in rows}
    # both rows hold 10 and 20 in some reading (either one may be 10 in 2016 and 20 in 2017, or the reverse)
    assert set(by_label["Lønudgifter"].uncertain) <= {"2016", "2017"}
    assert "2016" not in by_label["Samlet varig ændring"].uncertain


def test_labels_written_among_the_figures_bound_where_the_figures_stand():
    """Rows written one by one, each label before its figures: a figure written before a row's label stands in
    none of that row's cells (its label, left of it, is written first)."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer",
                 *YEARS, "Lønudgifter", "-100", "-200", "-300", "Nye omkostninger", "40", "40",
                 "Samlet varig ændring", "-60", "-160", "-300", *BELOW)
    header, rows = read(text)
    assert table_of(rows)["Nye omkostninger"] == {"2016": "40", "2017": "40"}
    assert table_of(rows)["Samlet varig ændring"] == {"2016": "-60", "2017": "-160", "2018": "-300"}
    assert not any(r.keys_in_doubt for r in rows)


def test_a_grand_total_that_leaves_an_amount_out_is_no_obstacle():
    """"Beløb i kursiv er ikke indregnet": the grand total leaves the innovation amount out, so no reading makes
    it add up; the block totals alone then read the table."""
    labels = (*LABELS, "Samlet økonomisk påvirkning")
    text = boxes(*labels, YEARS[0], YEARS[1],
                 "-100", "40", "-60", "300", "50", "350", "-10",  # 2016: 350 - 60 = 290, the grand total -10
                 "-200", "40", "-160", "70", "70", "-90",
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows)["Samlet økonomisk påvirkning"] == {"2016": "-10", "2017": "-90"}
    assert table_of(rows)["Innovationssamarbejde"]["2016"] == "300"


@pytest.mark.parametrize("change", ["no totals hold", "header in pieces"])
def test_shapes_this_reading_does_not_know_are_left_to_the_others(change):
    if change == "no totals hold":  # in neither year (one year off is rule `one-total-off`'s)
        text = boxes(*LABELS[:6], YEARS[0], YEARS[1], "-100", "40", "-65", "-200", "40", "-165", *BELOW)
    else:  # years, labels, years again: the header written in pieces among the rows (pdftotext)
        text = boxes(*LABELS[:3], YEARS[0], "Lønudgifter", YEARS[1], "-100", "-200", *BELOW)
    assert read(text) is None


def test_prose_below_the_table_ends_it():
    text = boxes(*LABELS[:6], YEARS[0], YEARS[1], "-100", "40", "-60", "-200", "40", "-160",
                 "Der kan opnås flere gevinster for medarbejdere og borgere ved at tilbyde online pleje.", "12")
    lines = text_to_lines(text)
    table = read_box_table(lines, TableRegion(1, "x", 0, len(lines), lines[0]))
    assert len(table.figures) == 6 and [int(y) for y in table.header.years] == [2016, 2017]


def test_monotone_readings_keep_order_in_rows_and_columns():
    """Two rows and their total, two years: 1, 2, 3 then 4, 5, 9 column by column is the only reading whose totals
    hold; read row by row (1, 2 in the first row) the first column's total would be 3 + ... and fails."""
    kinds = [ROW, ROW, TOTAL]
    read = monotone_readings([1, 2, 3, 4, 5, 9], Ready([0, 0, 0], [0, 0]), kinds)
    assert read is not None and read.complete
    assert {cell: [1, 2, 3, 4, 5, 9][i] for cell, i in read.first.items()} == {
        (0, 0): 1, (1, 0): 2, (2, 0): 3, (0, 1): 4, (1, 1): 5, (2, 1): 9}
    assert all(len(seen) == 1 for seen in read.seen.values())


def test_monotone_readings_give_up_past_their_limit():
    kinds = [ROW, ROW, TOTAL]
    values = [0] * 6
    limited = monotone_readings(values, Ready([0, 0, 0], [0, 0]), kinds, TextSettings(max_box_search=3))
    assert limited is None or not limited.complete
    full = monotone_readings(values, Ready([0, 0, 0], [0, 0]), kinds)
    assert full is not None and full.complete


# two blocks under their headings and the grand total, three years: the first block written row by row, the
# second column by column, then the grand total's row
TWO_BLOCKS = [HEADING, ROW, ROW, TOTAL, HEADING, ROW, ROW, TOTAL, TOTAL]
TWO_BLOCKS_CELLS = {(0, 0): 0, (0, 1): -100, (0, 2): -200, (1, 0): 0, (1, 1): 40, (1, 2): 40,
                    (2, 0): 0, (2, 1): -60, (2, 2): -160,
                    (3, 0): 300, (4, 0): 200, (5, 0): 500, (3, 1): 100, (4, 1): 0, (5, 1): 100,
                    (3, 2): 0, (4, 2): 0, (5, 2): 0, (6, 0): 500, (6, 1): 40, (6, 2): -160}
TWO_BLOCKS_ORDER = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2),
                    (3, 0), (4, 0), (5, 0), (3, 1), (4, 1), (5, 1), (3, 2), (4, 2), (5, 2), (6, 0), (6, 1), (6, 2)]


def test_blocks_read_in_turn_each_on_its_own():
    """Rule `blocks-in-turn`: the figures split into one part a block, each part read on its own (every total
    adding up), the grand total checked once joined: the one reading, a guess (not `complete`)."""
    values = [TWO_BLOCKS_CELLS[cell] for cell in TWO_BLOCKS_ORDER]
    read = blocks_in_turn(values, Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS, TextSettings())
    assert read is not None and not read.complete
    assert {cell: values[i] for cell, i in read.first.items()} == TWO_BLOCKS_CELLS
    # the grand total off in a year: no joined reading adds up
    wrong = values[:-1] + [-150]
    assert blocks_in_turn(wrong, Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS, TextSettings()) is None


def test_where_the_whole_tables_search_runs_out_the_blocks_in_turn_are_the_guess():
    """The whole table's search given too few steps to see a reading through: the blocks read in turn give the
    reading, stored as a guess."""
    values = [TWO_BLOCKS_CELLS[cell] for cell in TWO_BLOCKS_ORDER]
    tight = TextSettings(max_box_first_search=12, max_box_search=12, max_box_guess_search=12)
    read = monotone_readings(values, Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS, tight)
    assert read is not None and not read.complete
    assert {cell: values[i] for cell, i in read.first.items()} == TWO_BLOCKS_CELLS
    full = monotone_readings(values, Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS)
    assert full is not None and full.complete  # with its steps, the whole search decides it


def test_a_blocks_empty_lower_right_part_written_first_as_one_box():
    """Rule `zero-box`: the second block's later years are empty (zeros), its rows and total alike; pdfminer
    wrote that rectangle as one box before the whole table, then the first block row by row, the second block's
    first column, the grand total. The run of six zeros stands there (two years of three rows), the rest read
    around it: one reading, a guess. A run that fits no block's lower right part reads nothing."""
    cells = {**{cell: v for cell, v in TWO_BLOCKS_CELLS.items() if cell[0] < 3}, (0, 0): 10, (1, 0): 5, (2, 0): 15,
             (3, 0): 300, (4, 0): 200, (5, 0): 500, (3, 1): 0, (4, 1): 0, (5, 1): 0, (3, 2): 0, (4, 2): 0,
             (5, 2): 0, (6, 0): 515, (6, 1): -60, (6, 2): -160}
    order = [(3, 1), (3, 2), (4, 1), (4, 2), (5, 1), (5, 2), *TWO_BLOCKS_ORDER[:9], (3, 0), (4, 0), (5, 0),
             (6, 0), (6, 1), (6, 2)]
    values = [cells[cell] for cell in order]
    read = zero_box(values, Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS, TextSettings())
    assert read is not None and not read.complete
    assert {cell: values[i] for cell, i in read.first.items()} == cells
    assert zero_box(values[1:] + [0], Ready([0] * 7, [0, 0, 0]), TWO_BLOCKS, TextSettings()) is None


def test_a_row_written_after_its_label_is_told_by_the_label_alone():
    """No totals to decide: two rows written one by one, each label before its figures. Read only by the order
    of rows and columns, the six figures could as well be the table column by column; the second label written
    after the first three figures puts those in the first row."""
    text = boxes("Tabel 2. Varige ændringer", "1.000 kr. 2016 p/l", *YEARS,
                 "Lønudgifter", "-100", "-200", "-300", "Husleje", "50", "60", "70", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                              "Husleje": {"2016": "50", "2017": "60", "2018": "70"}}
    assert not any(r.keys_in_doubt for r in rows)


def assert_two_stacked_tables_read(text: str):
    """Tabel 2 and Tabel 3 of the stacked-tables snippets shared out and read as such; their lines and regions."""
    lines, regions = two_captions(text)
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3) = found
    assert h2.years == h3.years == [2016, 2017]
    assert table_of(rows2) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                               "Licenser": {"2016": "40", "2017": "40"},
                               "Varige ændringer totalt, service": {"2016": "-60", "2017": "-160"}}
    assert table_of(rows3) == {"Hardware": {"2016": "500", "2017": "300"},
                               "Investeringer totalt, anlæg": {"2016": "500", "2017": "300"}}
    return lines, regions


def test_stacked_tables_share_out_their_columns_by_the_years_written_again():
    """Tabel 2 and Tabel 3 one above the other, their columns read together: Tabel 2's caption holds only its
    labels; after Tabel 3's labels each year is written once per table, the k-th time heading the k-th table's
    column, and a figure belongs to the table whose year was written last."""
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "Lønudgifter", "Licenser",
                 "Varige ændringer totalt, service",
                 "Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware",
                 "Investeringer totalt, anlæg",
                 "2016", "-100", "40", "-60", "2016", "500", "500",
                 "2017", "-200", "40", "-160", "2017", "300", "300", *BELOW)
    lines, regions = assert_two_stacked_tables_read(text)
    # read alone, Tabel 3's region is no table written in boxes (its years come twice)
    assert read_box_table(lines, regions[1]) is None
    # a first caption that holds figures of its own is no part of a stack
    own = text.replace("Licenser\n", "Licenser\n\n2016\n\n5\n")
    lines, regions = two_captions(own)
    assert stacked_box_tables(lines, regions) is None


def test_a_band_reading_the_totals_leave_in_doubt_gives_way_to_the_text_boxes():
    """The whole document path: the figures are one run, which the column-runs reading tries column by column
    and row by row; neither adds up, so its guess is in doubt. The text boxes' reading (the first column, then the
    first row's other years, then the rest column by column) adds up, and stands decided."""
    from extract.cell_per_line import column_runs_to_raw_rows

    text = boxes("Forslagets titel: Ny portal", *LABELS[:6], *YEARS,
                 "-100", "40", "-60", "-200", "-300", "40", "-160", "45", "-255", *BELOW)
    lines = text_to_lines(text)
    start = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 1"))
    end = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tilbagebetalingstid"))
    header, band_rows = column_runs_to_raw_rows(lines, TableRegion(1, "x", start, end, lines[start]))
    assert all(r.order_doubt for r in band_rows if r.numbers)  # the bands' reading: a guess
    table = document_table(lines)
    assert {r.label: r.values() for r in table.rows if r.cells} == {
        "Lønudgifter": {"2016": -100, "2017": -200, "2018": -300},
        "Nye omkostninger vedr. teknologi": {"2016": 40, "2017": 40, "2018": 45},
        "Samlet varig ændring": {"2016": -60, "2017": -160, "2018": -255},
    }
    assert not any(r.uncertain_keys() for r in table.rows)


def test_without_a_reading_in_order_the_rows_order_is_given_up_for_a_flagged_guess():
    """pdfminer may write a block of cells before a cell left of them (a group of boxes higher on the page comes
    first): here the second row's label is written after one of its figures. No reading keeps the rows' order,
    so the figures are placed with it given up, and the reading is a guess: not complete, every cell flagged."""
    kinds = [ROW, ROW]
    ready = Ready([0, 3], [0, 0])  # the second row's label after the third figure
    strict = monotone_readings([1, 2, 3, 4], ready, kinds, TextSettings(max_box_guess_search=0))
    assert strict is None  # the search in order finds nothing; the guess pass is given no steps
    guess = monotone_readings([1, 2, 3, 4], ready, kinds)
    assert guess is not None and not guess.complete


def pdftotext_boxes(*boxes_: tuple[str, ...]) -> str:
    """A dump of text boxes of several lines each, a blank line between boxes (pdftotext's way with ruled
    tables: the unit line and the labels under it one box, a year and its column's figures another)."""
    return "\n\n".join("\n".join(box) for box in boxes_) + "\n"


RULED = (("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "Lønudgifter", "Nye omkostninger vedr.",
          "teknologi", "Provenu", "Varige ændringer totalt, service"),)


def test_a_year_heading_its_column_and_the_unit_over_the_labels_in_one_box():
    """pdftotext writes a ruled table's column under its year as one box ("2016" / "-224" / "68"), the rows of
    a taller cell as a box of their own after every column's top, and the unit line over the labels as one box.
    The year is the column's head, not a figure; the labels under the unit are the rows."""
    text = pdftotext_boxes(*RULED, ("2016", "-224", "68"), ("2017", "-555", "235"),
                           ("150", "-6"), ("300", "-20"), BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017] and header.price_level == 2016 and header.unit == "1000 kr."
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-224", "2017": "-555"},
        "Nye omkostninger vedr. teknologi": {"2016": "68", "2017": "235"},
        "Provenu": {"2016": "150", "2017": "300"},
        "Varige ændringer totalt, service": {"2016": "-6", "2017": "-20"},
    }
    assert not any(r.keys_in_doubt for r in rows)


def test_a_bare_year_among_figures_is_no_column_head():
    """Only a box's first line may be its year: "2016" / "2017" / "-5" is two header years over nothing, then
    not a table of this shape, and a year after a figure is never read as a figure's column."""
    text = pdftotext_boxes(*RULED, ("2016", "-224", "2017"), ("2017", "-555"), BELOW)
    assert read(text) is None


def test_the_header_years_again_start_the_next_tables_body():
    """pdftotext may write the next table's body under this one's, its caption after it: the first year written
    again after the figures ends this table, whose rows are read from what came before, flagged."""
    text = pdftotext_boxes(*RULED, ("2016", "-224", "68", "150", "-6"), ("2017", "-555", "235", "300", "-20"),
                           ("2016", "0"), ("2017", "175"), BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017]
    assert table_of(rows)["Varige ændringer totalt, service"] == {"2016": "-6", "2017": "-20"}
    assert all("0" not in row.values() and "175" not in row.values() for row in table_of(rows).values())
    # pdfminer writes the bodies of captions above in the same shape: which caption's body the first is, no
    # total tells, so every cell is stored flagged
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def test_a_grand_total_that_does_not_add_up_leaves_every_cell_flagged():
    """No reading makes the grand total add up: the proposal may leave amounts out of it on purpose, or the
    order was misread alike in every row of a block (pdfminer writes a column's empty first cells after the
    rest of their rows; every row shifted one year still keeps the block's totals). The reading without the
    grand total is stored, every cell flagged: the block totals alone prove nothing."""
    text = boxes(*LABELS[:6], "Implementeringsomkostninger", "Projektledelse",
                 "Samlede implementeringsomkostninger", "Samlet økonomisk påvirkning", "2016", "2017",
                 "-100", "40", "-60", "500", "500", "300",  # 2016: the grand total is not -60 + 500
                 "-200", "40", "-160", "100", "100", "-100",  # 2017: nor -160 + 100
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows)["Samlet varig ændring"] == {"2016": "-60", "2017": "-160"}
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def test_a_pages_repeated_header_over_more_rows_does_not_end_the_table():
    """A table across a page break repeats its unit and years over the rows still to come: those rows' labels
    under the years again tell a continuation from the next table's body, so the reading does not stop at the
    first page's rows (whose cells would then stand decided without the rows below them)."""
    text = pdftotext_boxes(("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "Lønudgifter", "Licenser"),
                           ("2016", "-224", "68"), ("2017", "-555", "235"),
                           ("1.000 kr. 2016 p/l",), ("2016",), ("2017",), ("Husleje",), ("5", "6"), BELOW)
    assert read(text) is None


def test_the_figures_of_one_box_stand_in_one_column():
    """No totals: "1" / "2" then "3" / "4" could be read row by row or column by column, but a text box is lines
    stacked close, so each box is one column's cells, one under the other: decided column by column."""
    text = pdftotext_boxes(("Tabel 2. Varige ændringer", "1.000 kr. 2016 p/l", "Lønudgifter", "Husleje"),
                           ("2016",), ("2017",), ("1", "2"), ("3", "4"), BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "1", "2017": "3"}, "Husleje": {"2016": "2", "2017": "4"}}
    assert not any(r.keys_in_doubt for r in rows)


def test_stacked_tables_in_turn_the_first_under_its_own_caption_years():
    """pdfminer may write Tabel 2's caption with its years and labels but no figure, then Tabel 3's labels, Tabel
    2's figures (no year before them: its caption held them), and Tabel 3's years and figures: the bodies one
    after the other, each to its table in turn."""
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "2016", "2017", "Lønudgifter",
                 "Licenser", "Varige ændringer totalt, service",
                 "Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware",
                 "Investeringer totalt, anlæg",
                 "-100", "40", "-60", "-200", "40", "-160", "2016", "2017", "500", "500", "300", "300", *BELOW)
    lines, regions = two_captions(text)
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3) = found
    assert h2.years == h3.years == [2016, 2017]
    assert table_of(rows2) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                               "Licenser": {"2016": "40", "2017": "40"},
                               "Varige ændringer totalt, service": {"2016": "-60", "2017": "-160"}}
    assert table_of(rows3) == {"Hardware": {"2016": "500", "2017": "300"},
                               "Investeringer totalt, anlæg": {"2016": "500", "2017": "300"}}
    assert not any(r.keys_in_doubt for r in rows2 + rows3)


def test_stacked_tables_a_label_written_among_the_last_tables_figures():
    """The last table's total row written after its other rows' figures ("Investeringer totalt" / "540" /
    "360"): a label among the last body is that table's row, its figures the ones written after it; a label
    after every figure ("4.", the next section's number) is text below the tables."""
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "Lønudgifter",
                 "Varige ændringer totalt, service",
                 "Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware", "Uddannelse",
                 "2016", "2017", "-100", "-100", "-200", "-200",
                 "2016", "2017", "500", "40", "300", "60", "Investeringer totalt, anlæg", "540", "360", "4.")
    lines, regions = two_captions(text)
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3) = found
    assert table_of(rows2) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                               "Varige ændringer totalt, service": {"2016": "-100", "2017": "-200"}}
    assert table_of(rows3) == {"Hardware": {"2016": "500", "2017": "300"}, "Uddannelse": {"2016": "40", "2017": "60"},
                               "Investeringer totalt, anlæg": {"2016": "540", "2017": "360"}}
    assert [r.label for r in rows3] == ["Hardware", "Uddannelse", "Investeringer totalt, anlæg"]


def test_a_caption_written_before_the_figures_of_the_table_above():
    """Rule `caption-before-figures`: pdfminer may write Tabel 3's caption between Tabel 2's labels and its
    figures, however many (here more than `DISPLACED_WITHIN` lines with their blanks), and Tabel 3's unit,
    years, labels and figures after them. Tabel 3's region starts at its header; Tabel 2's keeps its figures
    and reads past the caption between."""
    from extract.tables import DISPLACED_WITHIN, lines_to_regions
    from parsers.sections import find_sections

    years = [str(y) for y in range(2016, 2022)]
    rows = [[str(-10 * (k + 1))] * 6 for k in range(5)]  # five rows, each the same in every year
    total = [str(sum(-10 * (k + 1) for k in range(5)))] * 6
    figures = [f for c in range(6) for f in [*(rows[k][c] for k in range(5)), total[c]]]  # column by column
    assert len(figures) * 2 > DISPLACED_WITHIN
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", *years,
                 *(f"Gevinst {k}" for k in range(5)), "Varige ændringer totalt, service",
                 "Tabel 3. Serviceinvesteringer i forslaget", *figures,
                 "1.000 kr. 2016 p/l", *years, "Hardware", "Investeringer totalt, service",
                 *("300", "300", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), *BELOW)
    lines = text_to_lines(text)
    regions = lines_to_regions(lines, find_sections(lines), "business_case")
    assert [r.number for r in regions] == [2, 3]
    two, three = (column_figures_to_raw_rows(lines, r) for r in regions)
    assert two is not None and three is not None
    assert table_of(two[1])["Varige ændringer totalt, service"] == {y: "-150" for y in years}
    assert table_of(two[1])["Gevinst 4"] == {y: "-50" for y in years}
    assert "Tabel 3. Serviceinvesteringer i forslaget" not in table_of(two[1])
    assert table_of(three[1])["Hardware"]["2016"] == "300"


def test_a_line_of_several_figures_is_one_rows_cells_left_to_right():
    """pdfminer joins cells close enough into one line ("-547 -2.187 -2.187"): they are one row's cells, in
    consecutive columns left to right, each stored as a figure of its own on that line."""
    text = boxes(*LABELS[:6], *YEARS, "-", "-", "-", "-547 -2.187", "-244 -325", "-791 -2.512", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-", "2017": "-547", "2018": "-2.187"},
        "Nye omkostninger vedr. teknologi": {"2016": "-", "2017": "-244", "2018": "-325"},
        "Samlet varig ændring": {"2016": "-", "2017": "-791", "2018": "-2.512"},
    }
    assert not any(r.keys_in_doubt for r in rows)
    placed = next(r for r in rows if r.label == "Lønudgifter").placed
    assert placed["2017"].line.lineno == placed["2018"].line.lineno  # traced to the one line both stand on


def test_totals_out_of_reach_of_the_figures_to_come_are_pruned():
    """A Tabel 1 with two costly years and zeros after: read row by row, the costs would spread over the zero
    years and fail only when the block total's row is reached. A total whose open parts no sum of the figures
    still to come can fill is given up at once, so the search sees every reading within a small bound and the
    table stands decided."""
    kinds = [HEADING, ROW, TOTAL, HEADING, ROW, ROW, ROW, ROW, ROW, TOTAL, TOTAL]
    first = [-100] * 12  # the gain and its total, two rows by six years
    costs = [300, 425, 905, 35, 404, 450, 675, 15, 447, 304, 2069, 1891]  # two years' column, then their total
    values = first + costs + [0] * 24 + [1969, 1791, -100, -100, -100, -100]
    ready = Ready([0, 0, 12, 12, 12, 12, 12, 12, 48], [0] * 6)
    read = monotone_readings(values, ready, kinds, TextSettings(max_box_search=2_000))
    assert read is not None and read.complete
    assert all(len(seen) == 1 for seen in read.seen.values())  # one reading: every cell decided
    assert read.seen[(7, 0)] == {2069} and read.seen[(7, 1)] == {1891} and read.seen[(8, 0)] == {1969}


def test_a_total_column_after_the_years_is_the_tables_last_column():
    """"I alt" written after the years, as a box of its own (pdfminer) or heading its figures (pdftotext): the
    last column, stored under "total". Its printed figures are kept as printed, whether or not they add up (the
    checks report that), and a row's empty years before it break no row."""
    columns = ("-100", "40", "-60"), ("-200", "40", "-160"), ("-300", "80", "-220")
    pdfminer = (YEARS[0], YEARS[1], "I alt", *("\n".join(c) for c in columns))
    pdftotext = tuple("\n".join((head, *c)) for head, c in zip((YEARS[0], YEARS[1], "I alt"), columns, strict=True))
    for written in (pdfminer, pdftotext):
        text = boxes(*LABELS[:6], *written, *BELOW)
        header, rows = read(text)
        assert header.has_total_column and header.years == [2016, 2017]
        assert table_of(rows)["Lønudgifter"] == {"2016": "-100", "2017": "-200", "total": "-300"}
        assert table_of(rows)["Samlet varig ændring"] == {"2016": "-60", "2017": "-160", "total": "-220"}
        assert not any(r.keys_in_doubt for r in rows)


def test_a_total_column_heading_its_figures_takes_them_past_empty_years():
    """pdftotext's ruled table of an investment in its first years only: each year's box heads its column's
    figures, the later years' boxes head none, and "I alt" heads its own. The figures in its box are the total
    column's cells, not the first empty year's (every total adds up either way: only the box tells)."""
    header, rows = read(pdftotext_boxes(
        ("Tabel 3. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Implementeringsomkostninger service",
         "Investeringer totalt, service"),
        ("2016", "1.000", "1.000"), ("2017", "400", "400"), ("2018",), ("2019",), ("I alt", "1.400", "1.400"), BELOW))
    assert header.has_total_column and header.years == [2016, 2017, 2018, 2019]
    assert table_of(rows) == {
        "Implementeringsomkostninger service": {"2016": "1.000", "2017": "400", "total": "1.400"},
        "Investeringer totalt, service": {"2016": "1.000", "2017": "400", "total": "1.400"},
    }
    assert not any(r.keys_in_doubt for r in rows)


def test_figures_of_one_box_stand_in_consecutive_rows():
    """Lines of one text box stand close: an empty cell between two figures leaves a gap that splits the box.
    Three rows and their total, one column: 3 and 7 written in one box stand in two neighbouring rows, so the
    top and bottom rows together never hold them; which pair no total tells."""
    kinds = [ROW, ROW, ROW, TOTAL]
    values = [3, 7, 10, 1, 1, 1, 3]  # the first column, then a second one full
    apart = Ready([0] * 4, [0, 3], under=[False] * 7)
    together = Ready([0] * 4, [0, 3], under=[False, True, False, False, False, False, False])
    # without the box, 3 and 7 may stand in the first and the third row, leaving the second empty
    assert None in monotone_readings(values, apart, kinds).seen[(1, 0)]
    read = monotone_readings(values, together, kinds)
    assert read.seen[(1, 0)] == {3, 7}  # the middle row holds one of them in every reading


def test_a_sub_heading_written_like_a_rows_label_holds_no_figure():
    """"Skærme i Verahus" heads the costs below it, its label written among theirs: the table's first row, or the
    first after a total, may hold no figure. Each column's figures are one box (consecutive rows), and a row of
    zeros that leaves its first year empty is the zeros of the rows below shifted up, so the reading is decided:
    the sub-heading holds nothing."""
    text = boxes("Tabel 2. Serviceinvesteringer", "1.000 kr. 2016 p/l", "Skærme i Verahus\nProjektledelse\n"
                 "Licens til software\nSamlet udgift", YEARS[1], YEARS[2], "100\n40\n140", "0\n0\n0", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Projektledelse": {"2017": "100", "2018": "0"},
                              "Licens til software": {"2017": "40", "2018": "0"},
                              "Samlet udgift": {"2017": "140", "2018": "0"}}
    assert [r.label for r in rows][0] == "Skærme i Verahus"
    assert not any(r.keys_in_doubt for r in rows)


def body_after_heading_dump(payback: bool = True) -> tuple[list, list[TableRegion], list[SectionSpan]]:
    """pdfminer's order: the caption, unit and labels, the payback line, the next section's number and heading
    apart, a line of its text, and then the table's header and figures; the page's number among them."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Lønudgifter\nDrift\n"
                 "Samlet varig ændring", *BELOW[: int(payback)], "2.", "Baggrund og formål",
                 "Formålet er at frigøre tid.",
                 "Styringsomr\nåde", "2016", "2017", "Service\nService", "-100\n40\n-60", "-200\n40\n-160",
                 "3", "Målgruppen er både medarbejdere og borgere, som i dag oplever lange svartider.")
    lines = text_to_lines("\f\f" + text)  # the table stands on page 3
    heading = next(i for i, ln in enumerate(lines) if ln.stripped == "Baggrund og formål")
    sections = [SectionSpan(2, "Baggrund og formål", heading, len(lines), "")]
    return lines, [TableRegion(1, "x", 2, heading, lines[2])], sections


@pytest.mark.parametrize("payback", [True, False])
def test_a_body_written_after_the_next_heading_is_the_tables(payback):
    """Rule `body-after-heading`: the region's own part ends before the payback line and the heading's number;
    the body after the heading joins it, without the heading's text and the page's number."""
    lines, regions, sections = body_after_heading_dump(payback)
    (region,) = bodies_after_heading(lines, regions, sections)
    assert region.body_after is not None
    assert not any(ln.stripped in ("2.", BELOW[0]) for ln in lines[region.start : region.end])
    body = [ln.stripped for ln in lines[region.body_after[0] : region.body_after[1]] if not ln.is_blank]
    assert body[0] == "Styringsomr" and body[-1] == "-160"  # the page number "3" is no figure of the table
    header, rows = column_figures_to_raw_rows(lines, region)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200"}, "Drift": {"2016": "40", "2017": "40"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-160"}}
    assert not any(r.keys_in_doubt for r in rows)


def test_a_body_after_the_heading_may_open_with_the_area_cells_under_the_regions_own_header():
    """Rule `body-after-heading` where the region holds its header's years: pdfminer wrote the caption, the
    years, the unit and the labels, the payback line and the next section's heading, and only then the area
    column's cells and the figures (column by column). The area cells open the body; without the years in the
    region, lines of words after the heading open none."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "Styringsomr\nåde", "2016", "2017", "1.000 kr. 2016 p/l",
                 "Lønudgifter", "Licenser", "Samlet varig ændring", BELOW[0], "2. Baggrund og formål", "Service",
                 "Service", "-100", "40", "-60", "-200", "40", "-160",
                 "Målgruppen er både medarbejdere og borgere, som i dag oplever lange svartider.")
    lines = text_to_lines(text)
    heading = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("2. Baggrund"))
    sections = [SectionSpan(2, "Baggrund og formål", heading, len(lines), "")]
    (region,) = bodies_after_heading(lines, [TableRegion(1, "x", 0, heading, lines[0])], sections)
    assert region.body_after is not None
    header, rows = column_figures_to_raw_rows(lines, region)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200"}, "Licenser": {"2016": "40", "2017": "40"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-160"}}
    assert [r.area for r in rows if r.label != "Samlet varig ændring"] == ["Service", "Service"]
    no_years = text_to_lines(text.replace("2016\n\n2017\n\n1.000", "1.000"))
    at = next(i for i, ln in enumerate(no_years) if ln.stripped.startswith("2. Baggrund"))
    (bare,) = bodies_after_heading(no_years, [TableRegion(1, "x", 0, at, no_years[0])],
                                   [SectionSpan(2, "Baggrund og formål", at, len(no_years), "")])
    assert bare.body_after is None


@pytest.mark.parametrize("change", ["figures in the region", "too much text", "a caption first"])
def test_a_body_after_the_heading_only_for_a_region_without_figures(change):
    lines, regions, sections = body_after_heading_dump()
    if change == "figures in the region":  # the region has its own body: what follows the heading is not its
        lines[4] = replace(lines[4], text="-100")
    elif change == "too much text":  # more than a paragraph's first lines between the heading and the years
        at = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Formålet"))
        lines[at + 1 : at + 1] = [replace(lines[at], text=f"Linje {k} af teksten.") for k in range(5)]
        sections[0].end = len(lines)
    else:
        at = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Formålet"))
        lines[at] = replace(lines[at], text="Tabel 2. Varige ændringer")
    (region,) = bodies_after_heading(lines, regions, sections)
    assert region.body_after is None


def test_an_abbreviations_full_stop_ends_no_sentence():
    """A label may hold "inkl." or "bl.a." before a capital: no prose (which would end the table there)."""
    assert not SENTENCE_ON.search("Licens til software inkl. Support 1. år")
    assert not SENTENCE_ON.search("Udgifter til bl.a. Koncern IT")
    assert SENTENCE_ON.search("Gevinsten er beregnet. Den indfases gradvist")


def test_a_box_reading_that_stops_early_does_not_replace_the_lines():
    """A decided box reading is taken over the line reading only when it reads as many figures."""
    line = text_to_lines("x")[0]
    def row(*figures: str) -> RawRow:
        return RawRow(["a"], [line], numbers=[Token(f, line) for f in figures])
    assert boxes_decided([row("1", "2")], [row("1", "2")])
    assert not boxes_decided([row("1", "2")], [row("1", "2"), row("3", "4")])


def test_a_budget_table_written_text_box_by_text_box():
    """A budget table (its cells in kroner, "790.000 kr.") as pdfminer writes it: the caption, the label column's
    head ("Udgiftspost") and labels, long ones among them, then each year before its column's figures, the total
    column ("I alt") after the last year's figures, and the last row's figures on one line."""
    text = boxes("Budget - Ny løsning til borgerne", "Udgiftspost",
                 "Udgifter til Koncernservice til samudviklingsprojekt om IT-sikkerhed og indkøb",
                 "Projektledelse og drift", "I alt", "2016", "300.000 kr.", "150.000 kr.", "2017", "200.000 kr.",
                 "50.000 kr.", "I alt", "500.000 kr.", "200.000 kr.", "450.000 kr. 250.000 kr. 700.000 kr.",
                 "4. Implementering af forslaget")
    lines = text_to_lines(text)
    (region,) = lines_to_regions(lines, [], "business_case")
    assert region.caption == "Budget - Ny løsning til borgerne"
    header, rows = column_figures_to_raw_rows(lines, region)
    assert header.has_total_column
    values = {label: {k: parse_number(v) for k, v in cells.items()} for label, cells in table_of(rows).items()}
    assert values == {
        "Udgifter til Koncernservice til samudviklingsprojekt om IT-sikkerhed og indkøb":
            {"2016": 300_000, "2017": 200_000, "total": 500_000},
        "Projektledelse og drift": {"2016": 150_000, "2017": 50_000, "total": 200_000},
        "I alt": {"2016": 450_000, "2017": 250_000, "total": 700_000},
    }
    assert not any(r.keys_in_doubt for r in rows)


@pytest.mark.parametrize("labels_after_years", [False, True])
def test_stacked_tables_the_last_caption_written_before_the_first_body(labels_after_years):
    """pdfminer wrote Tabel 3's caption before Tabel 2's figures (`caption-before-figures`), and Tabel 3's unit
    and labels between the two bodies, right before Tabel 3's years or right after them: those labels are Tabel
    3's. The next table's caption may stand before Tabel 3's figures: no label, no end."""
    labels = ("Konsulenter\nProjektledelse\nInvesteringer totalt, service",)
    own = (*labels, "2016", "2017") if not labels_after_years else ("2016", "2017", *labels)
    text = boxes("Tabel 2. Varige ændringer, service", "1000 kr. 2016 p/l", "Lønudgifter", "Drift",
                 "Varige ændringer totalt, service", "Tabel 3. Serviceinvesteringer", "2016", "2017",
                 "-100", "40", "-60", "-200", "40", "-160",
                 "1000 kr. 2016 p/l", *own, "Tabel 4. Anlægsinvesteringer", "10", "20", "30", "5", "-", "5", *BELOW)
    lines, regions = two_captions(text)
    first, second = stacked_box_tables(lines, regions)
    assert table_of(first[1]) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                                  "Drift": {"2016": "40", "2017": "40"},
                                  "Varige ændringer totalt, service": {"2016": "-60", "2017": "-160"}}
    assert table_of(second[1]) == {"Konsulenter": {"2016": "10", "2017": "5"},
                                   "Projektledelse": {"2016": "20", "2017": "-"},
                                   "Investeringer totalt, service": {"2016": "30", "2017": "5"}}
    assert not any(r.keys_in_doubt for r in first[1] + second[1])


def test_stacked_bodies_after_the_next_heading():
    """Rule `body-after-heading` with `stacked-tables`: both captions hold only their labels (Tabel 2 its years
    too), and pdfminer wrote the bodies after the next section's heading: Tabel 2's figures (its years were its
    caption's), then Tabel 3's under its own years."""
    text = boxes("Tabel 2. Varige ændringer, service", "1000 kr. 2016 p/l", "2016", "2017",
                 "Lønudgifter\nDrift\nVarige ændringer totalt, service",
                 "Tabel 3. Serviceinvesteringer", "1000 kr. 2016 p/l", "Konsulenter\nInvesteringer totalt, service",
                 "4. Implementering af forslaget", "-100", "40", "-60", "-200", "40", "-160",
                 "2016", "2017", "10", "10", "5", "5",
                 "Forvaltningen har ansvaret for projektet og nedsætter en styregruppe med ledere fra driften.")
    lines, regions, sections = stack_over_heading(text, "4. Implementering af forslaget")
    regions = bodies_after_heading(lines, regions, sections)
    assert regions[0].body_after is None and regions[1].body_after is not None
    first, second = stacked_box_tables(lines, regions)
    assert table_of(first[1]) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                                  "Drift": {"2016": "40", "2017": "40"},
                                  "Varige ændringer totalt, service": {"2016": "-60", "2017": "-160"}}
    assert table_of(second[1]) == {"Konsulenter": {"2016": "10", "2017": "5"},
                                   "Investeringer totalt, service": {"2016": "10", "2017": "5"}}


def test_stacked_tables_first_columns_before_the_next_heading_and_the_rest_after_it():
    """Rule `body-split-by-heading` for stacked tables: pdfminer wrote both tables' labels, each table's first
    column under its year, then the next section's heading, then each table's later columns under their years.
    The years after the heading go on from the region's last year ("2017" after "2016"): the stack's later
    columns, not a table of its own; both tables read whole. Years after the heading that start again are
    another table's: no body for the region."""
    text = boxes("Tabel 2. Serviceinvesteringer", "1000 kr. 2016 p/l", "Konsulenter\nProjektledelse\n"
                 "Investeringer totalt, service", "Tabel 3. Anlægsinvesteringer", "1000 kr. 2016 p/l",
                 "Hardware\nInvesteringer totalt, anlæg", "2016", "1.000", "405", "1.405", "2016", "1.016", "1.016",
                 "4. Effektivisering på administration", "2017", "2018", "750", "1.750", "2.500", "0", "0", "0",
                 "2017", "2018", "549", "549", "0", "0",
                 "Effektiviseringen vedrører i al væsentlighed administrative opgaver i forvaltningen.")
    lines, regions, sections = stack_over_heading(text, "4. Effektivisering på administration")
    split = bodies_after_heading(lines, regions, sections)
    assert split[1].body_after is not None
    first, second = stacked_box_tables(lines, split)
    assert table_of(first[1]) == {"Konsulenter": {"2016": "1.000", "2017": "750", "2018": "0"},
                                  "Projektledelse": {"2016": "405", "2017": "1.750", "2018": "0"},
                                  "Investeringer totalt, service": {"2016": "1.405", "2017": "2.500", "2018": "0"}}
    assert table_of(second[1]) == {"Hardware": {"2016": "1.016", "2017": "549", "2018": "0"},
                                   "Investeringer totalt, anlæg": {"2016": "1.016", "2017": "549", "2018": "0"}}
    again = stack_over_heading(text.replace("\n2017\n\n2018\n\n750", "\n2016\n\n2017\n\n750"),
                               "4. Effektivisering på administration")
    assert bodies_after_heading(*again)[1].body_after is None


def test_labels_written_after_every_figure_head_a_whole_grid_of_figures():
    """Rule `labels-after-figures`: pdftotext wrote a Tabel 2-4's years, its figures row by row, and only then
    its label column's box, and a note under the table. The labels (the note is none) name as many rows as the
    figures fill under every year: they head the figures, and the totals decide the order. One figure fewer,
    the grid is not whole and the labels stay text below: no reading."""
    figures = ("100", "500", "0", "1.495", "590", "0", "570", "175", "0", "2.165", "1.265", "0")
    text = boxes("Tabel 2. Serviceinvesteringer i forslaget", "1000 kr. 2017 p/l", *YEARS, *figures,
                 "Projektledelse\nEvaluering og gevinstopfølgning\nMidlertidige implementeringsomkostninger\n"
                 "Investeringer totalt, service", "Investeringen dækker udvikling og projektledelse.")
    header, rows = read(text)
    assert table_of(rows) == {
        "Projektledelse": {"2016": "100", "2017": "500", "2018": "0"},
        "Evaluering og gevinstopfølgning": {"2016": "1.495", "2017": "590", "2018": "0"},
        "Midlertidige implementeringsomkostninger": {"2016": "570", "2017": "175", "2018": "0"},
        "Investeringer totalt, service": {"2016": "2.165", "2017": "1.265", "2018": "0"}}
    assert not any(r.keys_in_doubt for r in rows)
    assert read(text.replace("\n\n590\n", "\n")) is None


def test_stacked_tables_the_first_tables_later_columns_after_the_next_tables_first_column():
    """Rule `figures-to-open-columns`: pdfminer wrote the first table's whole header, its first column, the
    second table's first column under its year, then the first table's later columns (row by row), and only then
    the second table's later years and figures. Figures that come when the table whose year was written last has
    a figure for each row under each of its years go to the first table with room under its years."""
    text = boxes("Tabel 2. Varige ændringer, service", "1000 kr. 2016 p/l", "Lønudgifter",
                 "Varige ændringer totalt, service", "Tabel 3. Serviceinvesteringer", "1000 kr. 2016 p/l",
                 "Konsulenter", "Investeringer totalt, service", *YEARS, "0", "0", "2016", "500", "500",
                 "-100", "-200", "-100", "-200", "2017", "2018", "0", "0", "0", "0", *BELOW)
    lines, regions = two_captions(text)
    first, second = stacked_box_tables(lines, regions)
    assert table_of(first[1]) == {"Lønudgifter": {"2016": "0", "2017": "-100", "2018": "-200"},
                                  "Varige ændringer totalt, service": {"2016": "0", "2017": "-100", "2018": "-200"}}
    assert table_of(second[1]) == {"Konsulenter": {"2016": "500", "2017": "0", "2018": "0"},
                                   "Investeringer totalt, service": {"2016": "500", "2017": "0", "2018": "0"}}
    assert not any(r.keys_in_doubt for r in first[1] + second[1])


def test_a_budget_tables_caption_written_among_the_label_cells_is_no_row():
    """pdfminer may write the caption of the budget table below ("Budget - <title>", no "Tabel N.") after this
    table's labels, before its figures (`caption-before-figures`): it is no row of this table."""
    text = boxes("Tabel 4. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Indkøb af hardware",
                 "Investeringer totalt, anlæg", "Budget - Velfærdsteknologi i sprogcentrene", *YEARS[:2],
                 "1.250", "1.250", "0", "0", *BELOW)
    header, rows = read(text)
    assert [r.label for r in rows] == ["Indkøb af hardware", "Investeringer totalt, anlæg"]
    assert table_of(rows)["Indkøb af hardware"] == {"2016": "1.250", "2017": "0"}


def test_a_caption_written_among_label_cells_is_no_label():
    """pdfminer may write the next table's caption in the box of this table's label cells: no row of its own."""
    box = text_to_lines("Projektledelse\nInvesteringer totalt, service\nTabel 4. Anlægsinvesteringer i forslaget")
    assert [[ln.stripped for ln in item] for item in label_items(box)] == [
        ["Projektledelse"], ["Investeringer totalt, service"]]


def test_a_search_path_that_only_meets_readings_seen_before_does_not_close_its_state():
    """Two rows without a total (the table's total row on the next page): the figures' order allows several
    readings, so no cell right of the first column stands decided. A path from a state that only completed a
    reading already found must not close that state to the other paths (which complete it differently)."""
    values = [0, 0, -1606, -3211, -3211, -3211, -3211, 115, 229, 229, 229, 229]
    read = monotone_readings(values, Ready([0, 0], [0] * 6), [ROW, ROW])
    assert read.complete
    assert {-3211, 229} <= read.seen[(0, 4)]  # the first row's 2029: its own -3.211, or the second row's 229


def test_a_row_written_between_two_labels_ends_before_the_next_label():
    """pdftotext writes a table a cell per line, row by row: each label, then its figures. A short row's zeros
    could as well be the first zeros of the total under it (the totals add up either way), but the next label
    written after them bounds the row: its figures are the ones written before that label."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Styringsområde", *YEARS,
                 "Virksomhedssamarbejde", "Drift", "600", "400", "0",
                 "Interne omkostninger", "Drift", "525", "350",
                 "Samlede implementeringsomkostninger", "1.125", "750", "0", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Virksomhedssamarbejde": {"2016": "600", "2017": "400", "2018": "0"},
        "Interne omkostninger": {"2016": "525", "2017": "350"},
        "Samlede implementeringsomkostninger": {"2016": "1.125", "2017": "750", "2018": "0"},
    }
    assert not any(r.keys_in_doubt for r in rows)


def test_a_first_column_of_dashes_written_last_leaves_the_zeros_in_doubt():
    """pdfminer wrote a table row by row but its first column of dashes last, apart: read in the order written,
    the first row would start with -1.256 and end with a dash, and the totals hold either way. Both readings
    are kept: the cells where they differ are flagged, never decided on the order alone."""
    text = boxes("Tabel 5. Varige ændringer, administration", "1.000 kr. 2016 p/l", "2015", *YEARS,
                 "Inden for målsætningen", "Uden for målsætningen", "Varige ændringer totalt, administration",
                 "-1.256", "-2.679", "-2.679", "-", "-", "-", "-1.256", "-2.679", "-2.679", "-", "-", "-",
                 *BELOW)
    header, rows = read(text)
    assert header.years == [2015, 2016, 2017, 2018]
    first = next(r for r in rows if r.label == "Inden for målsætningen")
    assert {"2015", "2016", "2018"} <= first.keys_in_doubt
    # a table whose last figure written is no dash or zero has no such column written apart: the order decides
    full = boxes("Tabel 5. Varige ændringer, administration", "1.000 kr. 2016 p/l", "2015", *YEARS,
                 "Inden for målsætningen", "Uden for målsætningen", "Varige ændringer totalt, administration",
                 "-1.256", "-2.679", "-2.679", "5", "-", "-", "-", "-", "-1.256", "-2.679", "-2.679", "5", *BELOW)
    header, rows = read(full)
    assert table_of(rows)["Inden for målsætningen"] == {"2015": "-1.256", "2016": "-2.679", "2017": "-2.679",
                                                        "2018": "5"}
    assert not any(r.keys_in_doubt for r in rows)


LOW_FIRST_TRUTH = {
    "Lønudgifter": {"2017": "-200", "2018": "-300"},
    "Nye omkostninger vedr. teknologi": {"2017": "40", "2018": "45"},
    "Samlet varig ændring": {"2017": "-160", "2018": "-255"},
    "Innovationssamarbejde": {"2016": "300", "2017": "70"},
    "Projektledelse": {"2016": "50"},
    "Samlede implementeringsomkostninger": {"2016": "350", "2017": "70"},
    "Samlet økonomisk påvirkning": {"2016": "350", "2017": "-90", "2018": "-255"},
}


def test_a_first_column_starting_lower_written_last_column_by_column_is_read():
    """Rule `late-low-first-column`: pdfminer wrote the table column by column, its boxes in the order of their
    tops; the permanent changes start in 2017, so the 2016 column's box starts at the implementation block, lower
    than the others, and comes last. The grand total's later cells (bold boxes) came after the 2019 column. The
    order written reads the figures too, but only with the innovation row as a sub-heading and a 2019 figure of
    350 in the permanent changes: a doubt of the reading with the last column moved first, which fits the table
    exactly and leaves the short rows on their block's side (the guess stored). Every cell the two readings put
    apart is stored flagged."""
    text = boxes(*LABELS, "Samlet økonomisk påvirkning", "2016", "2017", "2018", "2019",
                 "-200", "40", "-160", "70", "70", "-90",  # 2017: every row but Projektledelse
                 "-300", "45", "-255", "0",  # 2018, down to the innovation row's zero
                 "-300", "45", "-255", "0",  # 2019 likewise
                 "-255", "-255",  # the grand total's 2018 and 2019, its bold boxes apart
                 "300", "50", "350", "350",  # 2016: the implementation block and the grand total
                 *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018, 2019]
    truth = {label: dict(cells) for label, cells in LOW_FIRST_TRUTH.items()}
    for label in ("Lønudgifter", "Nye omkostninger vedr. teknologi", "Samlet varig ændring",
                  "Samlet økonomisk påvirkning"):
        truth[label]["2019"] = truth[label]["2018"]
    truth["Innovationssamarbejde"].update({"2018": "0", "2019": "0"})
    assert table_of(rows) == truth
    # the order written reads a grand total of -255 in 2018 too: that cell alone every reading agrees on
    decided = {(r.label, k) for r in rows if r.numbers for k in set(r.placed) - r.keys_in_doubt}
    assert decided == {("Samlet økonomisk påvirkning", "2018")}


def test_with_no_reading_in_the_order_written_a_first_column_written_last_is_the_guess():
    """The figures of the four-year table above, every row holding a figure (no sub-heading): the order written
    keeps no reading, so the search gives up the rows' order for a guess. Read with the last figures as the
    first column (`late-low-first-column`), whose top stands lower than every other column's, the totals hold:
    that reading is the guess, not decided (an order other than the one written)."""
    kinds = [HEADING, ROW, ROW, TOTAL, HEADING, ROW, ROW, TOTAL, TOTAL]
    values = [-200, 40, -160, 70, 70, -90, -300, 45, -255, 0, -300, 45, -255, 0, -255, -255, 300, 50, 350, 350]
    read = monotone_readings(values, Ready([0] * 7, [0] * 4, loose=[False] * 6 + [True]), kinds)
    assert not read.complete
    assert {cell: values[i] for cell, i in read.first.items()} == {
        (0, 1): -200, (0, 2): -300, (0, 3): -300, (1, 1): 40, (1, 2): 45, (1, 3): 45,
        (2, 1): -160, (2, 2): -255, (2, 3): -255,
        (3, 0): 300, (3, 1): 70, (3, 2): 0, (3, 3): 0, (4, 0): 50, (5, 0): 350, (5, 1): 70,
        (6, 0): 350, (6, 1): -90, (6, 2): -255, (6, 3): -255}
    # the searches of such a column share the first search's budget of steps (`max_box_first_search`), not each
    # the later searches' bound: a tight `max_box_search` still finds it
    tight = monotone_readings(values, Ready([0] * 7, [0] * 4, loose=[False] * 6 + [True]), kinds,
                              TextSettings(max_box_search=20))
    assert tight.first == read.first


def test_a_first_column_written_last_is_a_doubt_of_the_order_written():
    """The same order in three years, no total written apart. The order written finds readings too (one puts
    the permanent changes in 2016, the innovation row's figures in three years of different signs), each total
    adding up: the dump cannot tell them apart, so no cell stands decided. The guess stored is the reading that
    leaves the short rows on their block's side (permanent changes the last years, implementation the first:
    rule `block-years`)."""
    text = boxes(*LABELS, "Samlet økonomisk påvirkning", *YEARS,
                 "-200", "40", "-160", "70", "70", "-90",  # 2017: every row but Projektledelse
                 "-300", "45", "-255", "-255",  # 2018: the permanent changes and the grand total
                 "300", "50", "350", "350",  # 2016: the implementation block and the grand total, written last
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == LOW_FIRST_TRUTH
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def test_sub_headings_are_tried_empty_first_when_the_search_runs_out():
    """Rule `sub-headings-first`: two groups under sub-headings ("Skærme i Verahus" / its costs / "Samlet udgift",
    then the next), four years and a total column, every cell after the first year zero: pdfminer wrote the first
    group's labels, its first two columns, the second group's labels, its first column, then every zero. Filling
    the sub-headings' rows first (the likeliest cell, below the last) the search runs out of steps among the
    zeros before any reading; with those rows left empty first it finds the reading, stored flagged (a guess: the
    search did not end)."""
    kinds = [ROW] * 6 + [TOTAL] + [ROW] * 5 + [TOTAL, TOTAL]
    first_year = [120, 30, 45, 80, 25, 300, 200, 60, 90, 150, 500, 800]
    values = first_year[:6] + [0] * 6 + first_year[6:] + [0] * 42
    ready = Ready([0] * 7 + [12] * 7, [0] * 5, total_column=True,
                  may_be_empty=[True] + [False] * 6 + [True] + [False] * 6,
                  loose=[False] * 6 + [True] + [False] * 5 + [True, True])
    # (the searches' bounds lowered to keep the test quick; the defaults run out alike)
    read = monotone_readings(values, ready, kinds, TextSettings(max_box_search=2000, max_box_first_search=2000,
                                                                max_box_guess_search=500))
    assert not read.complete
    rows = [r for r in range(14) if r not in (0, 7)]  # the sub-headings hold no figure
    assert {cell: values[i] for cell, i in read.first.items()} == {
        (r, c): first_year[k] if c == 0 else 0 for k, r in enumerate(rows) for c in range(5)}


def test_the_guess_among_readings_keeps_short_rows_on_their_blocks_side():
    """Rule `block-years` for text boxes: pdfminer wrote the first year's column (the implementation block and the
    grand total) first, then the permanent changes' columns, then the grand total's later cells. The first
    reading in the order written puts the implementation figures in the permanent changes' first year (they add
    up there as well) and the permanent changes' last column in the implementation rows; every total holds either
    way, so every cell stays flagged. The guess stored is the reading that leaves the short rows on their block's
    side: the permanent changes in the last years, the implementation in the first."""
    text = boxes(*LABELS, "Samlet økonomisk påvirkning", "2016", "2017", "2018", "2019",
                 "300", "50", "350", "350",  # 2016: the implementation block and the grand total
                 "-200", "40", "-160", "-200", "40", "-160", "-200", "40", "-160",  # 2017-2019: permanent changes
                 "-160", "-160", "-160",  # the grand total's 2017-2019, its bold boxes apart
                 *BELOW)
    header, rows = read(text)
    later = {"2017": None, "2018": None, "2019": None}
    assert table_of(rows) == {
        "Lønudgifter": dict.fromkeys(later, "-200"),
        "Nye omkostninger vedr. teknologi": dict.fromkeys(later, "40"),
        "Samlet varig ændring": dict.fromkeys(later, "-160"),
        "Innovationssamarbejde": {"2016": "300"}, "Projektledelse": {"2016": "50"},
        "Samlede implementeringsomkostninger": {"2016": "350"},
        "Samlet økonomisk påvirkning": {"2016": "350", **dict.fromkeys(later, "-160")},
    }
    assert all(r.keys_in_doubt for r in rows if r.numbers)


def test_a_total_missing_its_sum_in_one_year_is_found_within_the_searchs_bounds():
    """Rule `one-total-off`: the implementation total of 2025 is printed 2.000 where its rows make 1.900 (the
    document's own sum), and four years of zeros follow. No reading in the order written makes every total hold;
    the reading with that one total missing in one year is found, and quickly: a column that can no longer add
    up is the one that misses from then on, so the other columns are pruned as usual (before, the search ran out
    of steps among the zeros and found nothing). Stored flagged."""
    kinds = [HEADING, ROW, ROW, ROW, TOTAL]
    values = [400, 700, 1500, 60, 300, 900, 1960, 2000] + [0] * 16
    read = monotone_readings(values, Ready([0] * 4, [0] * 6), kinds, TextSettings(max_box_search=1000))
    assert read is not None and not read.complete
    assert {cell: values[i] for cell, i in read.first.items()} == {
        **{(r, c): 0 for r in range(4) for c in range(2, 6)},
        (0, 0): 400, (0, 1): 700, (1, 0): 1500, (1, 1): 300, (2, 0): 60, (2, 1): 900, (3, 0): 1960, (3, 1): 2000}


def test_the_next_sections_heading_between_labels_and_figures_is_passed():
    """Rule `heading-before-figures`: pdfminer wrote the table's caption, years and labels, then the next
    section's heading (the table stands at a page's foot), and only then the figures and the section's text.
    The heading is no prose that ends the table: the figures after it are read."""
    text = boxes("Tabel 1. Forslagets samlede økonomiske konsekvenser", "1.000 kr. 2024 p/l", *YEARS,
                 "Implementeringsomkostninger", "Hardware", "Projektledelse", "Samlede implementeringsomkostninger",
                 "1. Baggrund og formål",
                 "300", "50", "350", "0", "0", "0", "0", "0", "0",
                 "Forvaltningen har over de seneste år oplevet et stigende pres på opgaverne, og derfor foreslås det.")
    header, rows = read(text)
    assert table_of(rows) == {"Hardware": {"2016": "300", "2017": "0", "2018": "0"},
                              "Projektledelse": {"2016": "50", "2017": "0", "2018": "0"},
                              "Samlede implementeringsomkostninger": {"2016": "350", "2017": "0", "2018": "0"}}


def test_total_labels_written_after_every_figure_are_rows():
    """pdfminer wrote the table's labels, then every figure, and only then the total's label (its bold text box
    came last): the label is a row whose figures came before it, not text below the table."""
    text = boxes("Tabel 2. Varige ændringer", "1.000 kr. 2016 p/l", "Lønudgifter", "Husleje", *YEARS,
                 "-100", "50", "-50", "-200", "60", "-140", "-300", "70", "-230",
                 "Varige ændringer totalt, service", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                              "Husleje": {"2016": "50", "2017": "60", "2018": "70"},
                              "Varige ændringer totalt, service": {"2016": "-50", "2017": "-140", "2018": "-230"}}
    assert not any(r.keys_in_doubt for r in rows)
    # a total label no reading can give figures is text below the table: the rows read without it
    below = text.replace('"-50", ', "").replace("\n\n-50\n", "\n").replace("\n\n-140\n", "\n").replace(
        "\n\n-230\n", "\n")
    header, rows = read(below)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                              "Husleje": {"2016": "50", "2017": "60", "2018": "70"}}


def test_a_total_row_may_be_written_out_of_order():
    """pdfminer wrote the total's last cell before its label and its other cells after (a bold row's boxes
    stand apart from the rest): the total's cells may come in any order, its label after some of them; the
    arithmetic places them."""
    text = boxes("Tabel 2. Varige ændringer", "1.000 kr. 2016 p/l", "Lønudgifter", "Husleje", *YEARS,
                 "1", "2", "3", "4", "5", "6", "9", "Varige ændringer totalt, service", "5", "7", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "1", "2017": "2", "2018": "3"},
                              "Husleje": {"2016": "4", "2017": "5", "2018": "6"},
                              "Varige ændringer totalt, service": {"2016": "5", "2017": "7", "2018": "9"}}
    assert not any(r.keys_in_doubt for r in rows)


def test_a_line_reading_that_gives_one_label_to_several_rows_lost_its_labels():
    """A line-by-line reading of a table pdfminer wrote box by box gave the one label it found to every row of
    figures after it: those rows are unlabelled, and the table is read as text boxes. A label that two rows of a
    table share by right ("Samlet udgift" under each group) stays a line reading's."""
    def row(label: str, *figures: str) -> RawRow:
        return RawRow([label], [], None, [Token(f, Line(f, None, 1)) for f in figures])

    spread = [row("Lønudgifter", "1", "2"), *(row("Samlet økonomisk påvirkning", "3", "4") for _ in range(3))]
    assert lines_lost_labels(spread)
    shared = [row("Projektledelse", "1"), row("Samlet udgift", "1"), row("Uddannelse", "2"),
              row("Samlet udgift", "2"), row("Samlede serviceinvesteringer", "3")]
    assert not lines_lost_labels(shared)


def test_the_first_rows_cells_may_come_before_the_labels():
    """pdfminer wrote the first row's area and figures before the box of labels (its two-line label's box
    starts above them): the first row's cells may stand before its label; the totals place them."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "Styringsområde", *YEARS, "Service", "-100", "-200", "-300",
                 "1.000 kr. 2016 p/l", "Reduceret kørselstid for\nmedarbejderne", "Hosting", "Samlet varig ændring",
                 "Service", "40", "40", "45", "-60", "-160", "-255", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Reduceret kørselstid for medarbejderne": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Hosting": {"2016": "40", "2017": "40", "2018": "45"},
        "Samlet varig ændring": {"2016": "-60", "2017": "-160", "2018": "-255"}}
    assert not any(r.keys_in_doubt for r in rows)


def test_a_header_row_written_before_the_caption_is_the_tables():
    """pdfminer wrote the table's years (a year a box) after the text above and before the caption: they are the
    header of the table under the caption, which has no years of its own."""
    text = boxes("Udgifterne fremgår af tabellen nedenfor.", *YEARS, *LABELS[:6],
                 "-100", "40", "-60", "-200", "40", "-160", "-300", "45", "-255", *BELOW)
    lines = text_to_lines(text)
    at = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 1"))
    header, rows = column_figures_to_raw_rows(lines, TableRegion(1, "x", at, len(lines), lines[at]))
    assert header.years == [2016, 2017, 2018]
    assert table_of(rows)["Samlet varig ændring"] == {"2016": "-60", "2017": "-160", "2018": "-255"}
    # a box of several lines before the caption is text, not a header
    joined = text.replace("2016\n\n2017", "2016\n2017")
    lines = text_to_lines(joined)
    at = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 1"))
    assert column_figures_to_raw_rows(lines, TableRegion(1, "x", at, len(lines), lines[at])) is None


def area_first_dump(implementation_total: str = "2.670", grand_total: str = "-326") -> str:
    """pdfminer's order: the first row's area cell written before its figures, which the area bands' reading
    takes for a table of one row; the implementation total and the grand total in 2016 as given."""
    return boxes("Forslagets titel: Ny portal", "1. Baggrund og formål", "Formålet er at frigøre tid.",
                 "2. Økonomi", "Gevinsten er beregnet.", "Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l",
                 "Varige ændringer", "Reduceret kørselstid for\nmedarbejderne", "Styrings\nområde", *YEARS,
                 "Service", "-2.633", "-3.510", "-3.510",
                 "Færre manuelle registreringer", "Service", "-363", "-1.450", "-1.450",
                 "Samlet varig ændring", "-2.996", "-4.960", "-4.960",
                 "Implementeringsomkostninger", "Systemudvikling og integration\ntil fagsystemer", "Anlæg", "2.070",
                 "Ekstern konsulentbistand\nSamlede implementeringsomkostninger\nSamlet økonomisk påvirkning",
                 "Service", "600", implementation_total, "0", "0", "0", "0", "0", "0", grand_total, "-4.960",
                 "-4.960", *BELOW)


def test_a_band_reading_that_leaves_figures_unread_gives_way_to_the_decided_text_boxes():
    """The whole document path: pdfminer wrote the first row's area cell before its figures, which the area
    bands' reading takes for a table of one row, leaving every other figure unread. The text boxes' reading
    reads them all and stands decided: it is the table's."""
    from extract.cell_per_line import area_bands_to_raw_rows

    text = area_first_dump()
    lines = text_to_lines(text)
    start = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 1"))
    end = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tilbagebetalingstid"))
    _, band_rows = area_bands_to_raw_rows(lines, TableRegion(1, "x", start, end, lines[start]))
    assert sum(len(r.numbers) for r in band_rows) == 3  # the bands' reading: one row
    table = document_table(lines)
    values = {r.label: r.values() for r in table.rows if r.cells}
    assert len(values) == 7 and values["Samlet økonomisk påvirkning"] == {"2016": -326, "2017": -4960,
                                                                            "2018": -4960}
    assert values["Ekstern konsulentbistand"] == {"2016": 600, "2017": 0, "2018": 0}
    assert not any(r.uncertain_keys() for r in table.rows)


def test_a_blocks_first_rows_cells_may_come_before_its_label():
    """pdfminer wrote the implementation block's first row's area and figures after the block's heading and
    before the box of its labels: that row's cells may stand before its label, from the row above's first cell
    on; the totals place them."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
                 "Samlet varig ændring", "Styringsområde", *YEARS, "Service", "-100", "-200", "-300",
                 "-100", "-200", "-300", "Implementeringsomkostninger", "Anlæg", "500", "300",
                 "Hardware\nProjektledelse\nSamlede implementeringsomkostninger", "Anlæg", "50", "60",
                 "550", "360", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Samlet varig ændring": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Hardware": {"2016": "500", "2017": "300"}, "Projektledelse": {"2016": "50", "2017": "60"},
        "Samlede implementeringsomkostninger": {"2016": "550", "2017": "360"}}


def test_stacked_tables_whose_years_head_their_columns_in_one_box():
    """The stacked tables' columns read together, each year written in one box with the column's figures under
    it ("2016" / "-100" / "40" / "-60"): the year is the column's head, the rest its figures, shared out as when
    each stands in a box of its own."""
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l\nLønudgifter\nLicenser\n"
                 "Varige ændringer totalt, service",
                 "Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l\nHardware\n"
                 "Investeringer totalt, anlæg",
                 "2016\n-100\n40\n-60", "2016\n500\n500", "2017\n-200\n40\n-160", "2017\n300\n300", *BELOW)
    assert_two_stacked_tables_read(text)


def test_a_region_holding_its_years_takes_figures_only_after_the_heading():
    """Rule `body-after-heading`: pdfminer wrote the caption, unit, years and labels, then the next section's
    heading, and only then the figures, no year among them: the region, which holds its own years, takes them."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "2016", "2017", "Lønudgifter\nDrift\n"
                 "Samlet varig ændring", "2.", "Baggrund og formål", "-100\n40\n-60", "-200\n40\n-160",
                 "Målgruppen er både medarbejdere og borgere, som i dag oplever lange svartider.")
    lines = text_to_lines(text)
    heading = next(i for i, ln in enumerate(lines) if ln.stripped == "Baggrund og formål")
    sections = [SectionSpan(2, "Baggrund og formål", heading, len(lines), "")]
    (region,) = bodies_after_heading(lines, [TableRegion(1, "x", 0, heading, lines[0])], sections)
    assert region.body_after is not None
    header, rows = column_figures_to_raw_rows(lines, region)
    assert header.years == [2016, 2017]
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200"}, "Drift": {"2016": "40", "2017": "40"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-160"}}
    # without its years in the region, figures only after a heading are no table's body
    lines[4] = replace(lines[4], text="Ny tekst")
    lines[6] = replace(lines[6], text="Mere tekst")
    (region,) = bodies_after_heading(lines, [TableRegion(1, "x", 0, heading, lines[0])], sections)
    assert region.body_after is None


def test_a_block_total_that_misses_its_sum_in_one_year_leaves_the_order_to_place_the_figures():
    """Rule `one-total-off`: the proposal's implementation total is mistyped in 2016 (1.170, not 1.070), and the
    grand total, which sums it, misses there too; every other sum holds. The order written places every figure;
    the reading is a guess, every cell stored flagged."""
    text = boxes(*LABELS, "Samlet økonomisk påvirkning", *YEARS[:2],
                 "-100", "40", "-60", "1.000", "70", "1.170", "1.110",  # 2016: 1.000 + 70 is not 1.170
                 "-200", "40", "-160", "300", "50", "350", "190",  # 2017
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200"},
        "Nye omkostninger vedr. teknologi": {"2016": "40", "2017": "40"},
        "Samlet varig ændring": {"2016": "-60", "2017": "-160"},
        "Innovationssamarbejde": {"2016": "1.000", "2017": "300"},
        "Projektledelse": {"2016": "70", "2017": "50"},
        "Samlede implementeringsomkostninger": {"2016": "1.170", "2017": "350"},
        "Samlet økonomisk påvirkning": {"2016": "1.110", "2017": "190"},
    }
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def test_a_total_off_in_two_years_or_a_row_left_without_figures_is_no_reading():
    """Rule `one-total-off` allows one column: a total that misses in two is no reading; nor is one that would
    leave a label's row empty (a figure written elsewhere misses a sum as well)."""
    two_years_off = boxes(*LABELS[:6], "2016", "2017", "-100", "40", "-50", "-200", "40", "-150", *BELOW)
    assert read(two_years_off) is None
    kinds = [ROW, ROW, TOTAL]
    # the first row would be a sub-heading without figures and the total off: two guesses, no reading
    assert monotone_readings([160.0, 610.0], Ready([0, 0, 0], [0], may_be_empty=[True, False, False]), kinds) is None


def test_a_band_reading_that_leaves_figures_unread_gives_way_to_a_flagged_box_reading_of_them_all():
    """Rule `boxes-over-lines`: the snippet of the decided case above, its implementation total mistyped in 2016
    (2.770, not 2.670): the text boxes' reading (rule `one-total-off`) is a guess, but it reads every figure the
    bands' reading left unread; stored, every cell flagged."""

    text = area_first_dump(implementation_total="2.770", grand_total="-226")
    lines = text_to_lines(text)
    table = document_table(lines)
    values = {r.label: r.values() for r in table.rows if r.cells}
    assert values["Samlede implementeringsomkostninger"] == {"2016": 2770, "2017": 0, "2018": 0}
    assert values["Samlet økonomisk påvirkning"] == {"2016": -226, "2017": -4960, "2018": -4960}
    assert values["Ekstern konsulentbistand"] == {"2016": 600, "2017": 0, "2018": 0}
    assert all(set(r.uncertain_keys()) == set(r.values()) for r in table.rows if r.cells)


def test_the_payback_lines_written_before_the_figures_are_skipped():
    """pdfminer may write the payback lines under a table before the table's figures (its grouping put them
    first): they are text below the table, not prose that makes the region no table; prose there still is."""
    payback = ("Tilbagebetalingstid baseret på serviceeffektivisering: 2 år\n"
               "Tilbagebetalingstid baseret på totaløkonomi:")
    figures = ("-100", "40", "-60", "-200", "40", "-160")
    header, rows = read(boxes(*LABELS[:6], *YEARS[:2], payback, *figures, "Note: Besparelser er negative."))
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                              "Nye omkostninger vedr. teknologi": {"2016": "40", "2017": "40"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-160"}}
    prose = "Løsningen tages i brug i alle enheder. Gevinsten indfases gradvist over to år."
    assert read(boxes(*LABELS[:6], *YEARS[:2], prose, *figures)) is None


def test_an_amount_that_reads_as_a_year_is_a_figure_where_no_thousands_point_is_written():
    """Rule `year-lookalike-figures`: a template that writes its figures without a thousands point ("-2513")
    writes an amount of 1.950 as "1950"; among the figures, out of the header's turn, it is a figure. With a
    thousands point written elsewhere it stays a year (out of turn: no reading)."""
    text = boxes(*LABELS[:4], "Implementeringsomkostninger", "Innovationssamarbejde", "Projektledelse",
                 "Samlede implementeringsomkostninger", *YEARS[:2],
                 "-2513", "1950", "300", "2250", "-3350", "40", "1000", "1040", *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017]
    assert table_of(rows) == {"Lønudgifter": {"2016": "-2513", "2017": "-3350"},
                              "Innovationssamarbejde": {"2016": "1950", "2017": "40"},
                              "Projektledelse": {"2016": "300", "2017": "1000"},
                              "Samlede implementeringsomkostninger": {"2016": "2250", "2017": "1040"}}
    assert read(text.replace("-2513", "-2.513").replace("-3350", "-3.350").replace("\n1000\n", "\n1.000\n")
                .replace("\n2250\n", "\n2.250\n").replace("\n1040\n", "\n1.040\n")) is None


def test_an_amount_that_reads_as_a_year_is_a_figure_where_the_unit_is_written_without_its_point():
    """Rule `year-lookalike-figures`, told by the unit: no other figure has four digits, but the unit written
    "1000 kr." (not "1.000 kr.") says the document writes its thousands without a point, so the total "1970"
    among the figures, out of the header's turn, is an amount. Under "1.000 kr.", or where another figure is
    written with the point, it stays a year: no reading."""
    labels = (LABELS[0], "1000 kr. 2016 p/l", *LABELS[2:4], "Implementeringsomkostninger", "Innovationssamarbejde",
              "Projektledelse", "Samlede implementeringsomkostninger")
    text = boxes(*labels, *YEARS[:2], "-250", "980", "990", "1970", "-335", "40", "100", "140", *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017]
    assert table_of(rows) == {"Lønudgifter": {"2016": "-250", "2017": "-335"},
                              "Innovationssamarbejde": {"2016": "980", "2017": "40"},
                              "Projektledelse": {"2016": "990", "2017": "100"},
                              "Samlede implementeringsomkostninger": {"2016": "1970", "2017": "140"}}
    assert read(text.replace("1000 kr.", "1.000 kr.")) is None
    # a template that writes "1000 kr." over figures with the point ("1.125"): "1970" is a year there
    assert read(text.replace("-250", "-1.250").replace("-335", "-1.335")) is None


def test_an_amount_that_reads_as_a_year_is_a_figure_also_where_the_labels_follow_the_header():
    """Rule `year-lookalike-figures` where pdfminer wrote the header's years before the row labels (the block's
    heading, the years, then the labels): "2088", a total written without its thousands point, among the figures
    is an amount, not the header written again among the rows (which makes the region no table)."""
    text = boxes(LABELS[0], LABELS[1], "Varige ændringer", *YEARS[:2], *LABELS[3:9], "Uddannelse", LABELS[9],
                 "-100", "40", "-60", "-200", "40", "-160", "1200", "500", "388", "2088", "0", "0", "0", "0", *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017]
    assert table_of(rows)["Samlede implementeringsomkostninger"] == {"2016": "2088", "2017": "0"}
    assert table_of(rows)["Lønudgifter"] == {"2016": "-100", "2017": "-200"}
    # with a thousands point written elsewhere, "2088" stays a year written among the rows: no reading
    assert read(text.replace("\n1200\n", "\n1.200\n")) is None


def test_the_first_search_runs_long_enough_to_decide_a_large_table_written_row_by_row():
    """Eleven rows of six years, a figure a box, written row by row (the implementation rows' zeros after their
    total's figures): seeing every reading takes more steps than the later searches get. The first search, in the
    order written with every total, runs to `max_box_first_search` and decides every cell; cut to the others'
    bound it ends before it has seen every reading, and every cell would be stored flagged."""
    values = [-1413, *[-2826] * 5, -1090, *[-2180] * 5, *[1703] * 6, -800, *[-3303] * 5,
              350, 250, 300, 190, 150, 700, 5, 610, 465, 440, 90, 300, 76, 170, 98, 1075, 1386, 1733, *[0] * 18,
              275, -1917, -1570, -3303, -3303, -3303]
    kinds = [ROW, ROW, ROW, TOTAL, ROW, ROW, ROW, ROW, ROW, TOTAL, TOTAL]
    ready = Ready([0, 0, 0, 18, 24, 24, 24, 24, 24, 39, 60], [0] * 6,
                  loose=[k is TOTAL for k in kinds], early=[r in (0, 4, 10) for r in range(11)],
                  may_be_empty=[r in (0, 4) for r in range(11)])
    read = monotone_readings([float(v) for v in values], ready, kinds)
    assert read.complete and all(len(seen) == 1 for seen in read.seen.values())
    assert {c: values[i] for (r, c), i in read.first.items() if r == 7} == {0: 440, 1: 300, 2: 170, 3: 0, 4: 0, 5: 0}
    short = TextSettings(max_box_first_search=TextSettings().max_box_search)
    assert not monotone_readings([float(v) for v in values], ready, kinds, short, totals_off=False).complete


def test_a_total_written_out_of_order_that_misses_its_sum_in_one_year():
    """Rules `loose-total-rows` and `one-total-off` together: the total's last cell written before its label,
    the others after (the case above), that cell mistyped (-250, not -240): the loose order with that total off in
    one year reads every figure, stored flagged."""
    text = boxes("Tabel 2. Varige ændringer", "1.000 kr. 2016 p/l", "Lønudgifter", "Husleje", *YEARS,
                 "-100", "-200", "-300", "40", "50", "60", "-250", "Varige ændringer totalt, service", "-60", "-150",
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                              "Husleje": {"2016": "40", "2017": "50", "2018": "60"},
                              "Varige ændringer totalt, service": {"2016": "-60", "2017": "-150", "2018": "-250"}}
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def test_an_area_cell_right_after_a_rows_label_is_its_area_even_before_the_area_head():
    """pdfminer wrote one row's area cell ("Service") among the label cells, before the area column's head: after
    a row's label it is that row's area, not a row (which would leave the first row empty, the rest shifted one
    row down, and the total still adding up). After a block's heading an area names a row of its own."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2017 p/l", "Implementeringsomkostninger",
                 "Test og pilotafprøvning", "Evaluering og gevinstopfølgning",
                 "Systemudvikling og integration til fagsystemer", "Service", "Design og brugertest",
                 "Samlede implementeringsomkostninger", "Styringsom\nråde", *YEARS[:2], "Service", "Service",
                 "800", "397", "580", "694", "2.471", "0", "0", "0", "0", "0", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Test og pilotafprøvning": {"2016": "800", "2017": "0"},
                              "Evaluering og gevinstopfølgning": {"2016": "397", "2017": "0"},
                              "Systemudvikling og integration til fagsystemer": {"2016": "580", "2017": "0"},
                              "Design og brugertest": {"2016": "694", "2017": "0"},
                              "Samlede implementeringsomkostninger": {"2016": "2.471", "2017": "0"}}
    named = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2017 p/l", "Implementeringsomkostninger",
                  "Anlæg", "Service", "Samlede implementeringsomkostninger", "Styringsom\nråde", *YEARS[:2],
                  "100", "50", "150", "20", "10", "30", *BELOW)
    header, rows = read(named)
    assert table_of(rows) == {"Anlæg": {"2016": "100", "2017": "20"}, "Service": {"2016": "50", "2017": "10"},
                              "Samlede implementeringsomkostninger": {"2016": "150", "2017": "30"}}


def test_the_next_tables_body_written_before_its_caption_is_its_own():
    """pdftotext wrote Tabel 3's body right under Tabel 2's, before Tabel 3's caption and labels: its years
    again, each over its column's top figure in one box, the rows below a cell a box, and the first column's
    lower cells (a taller row's, and the total under it) after the labels. The body before the caption is Tabel
    3's (rule `body-before-caption`), a figure in its year's box stands in that year (`year-heads-box`), and the
    total's cells may come out of order (`loose-total-rows`): every cell is decided."""
    text = pdftotext_boxes(*RULED, ("2016", "-224", "68", "150", "-6"), ("2017", "-555", "235", "300", "-20"),
                           ("2016", "0"), ("2017", "175"), ("150",), ("274",), ("449",),
                           ("Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l",
                            "Midlertidige anlægsomkostninger", "Midlertidige implementeringsomkostninger",
                            "Innovationssamarbejde med", "leverandører", "Investeringer totalt, anlæg"),
                           ("300", "450"), BELOW)
    lines, regions = two_captions(text)
    header, rows = column_figures_to_raw_rows(lines, regions[1])
    assert header.years == [2016, 2017]
    assert table_of(rows) == {
        "Midlertidige anlægsomkostninger": {"2016": "0", "2017": "175"},
        "Midlertidige implementeringsomkostninger": {"2016": "150", "2017": "274"},
        "Innovationssamarbejde med leverandører": {"2016": "300"},
        "Investeringer totalt, anlæg": {"2016": "450", "2017": "449"},
    }
    assert not any(r.keys_in_doubt for r in rows)
    # every figure before the caption, the labels after them all: they are still the rows' labels
    whole = pdftotext_boxes(*RULED, ("2016", "-224", "68", "150", "-6"), ("2017", "-555", "235", "300", "-20"),
                            ("2016", "0"), ("2017", "175"), ("150",), ("274",), ("150",), ("449",),
                            ("Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l",
                             "Midlertidige anlægsomkostninger", "Midlertidige implementeringsomkostninger",
                             "Investeringer totalt, anlæg"), ("5. Implementering af forslaget",))
    lines, regions = two_captions(whole)
    header, rows = column_figures_to_raw_rows(lines, regions[1])
    assert table_of(rows) == {"Midlertidige anlægsomkostninger": {"2016": "0", "2017": "175"},
                              "Midlertidige implementeringsomkostninger": {"2016": "150", "2017": "274"},
                              "Investeringer totalt, anlæg": {"2016": "150", "2017": "449"}}
    assert not any(r.keys_in_doubt for r in rows)
    # without the years written again, the figures before the caption are the table above's: not this one's
    alone = text.replace("2016\n0\n\n2017\n175\n\n", "0\n\n175\n\n")
    lines, regions = two_captions(alone)
    assert column_figures_to_raw_rows(lines, regions[1]) is None


def test_a_row_named_for_its_area_is_a_row():
    """pdftotext writes an office table row by row, each row's label, its area cell, then its figures; an
    implementation block's rows may be named for their areas ("Anlæg" in Anlæg, "Service" in Service). The same
    area cell twice between two rows' figures is a row's label and its area (`row-named-for-its-area`), not two
    area cells: the block keeps its rows, and its total adds up."""
    text = boxes("Tabel 1. Forslagets samlede økonomi\n1.000 kr. 2016 p/l", "Styringsområde", "2016", "2017",
                 "Implementeringsomkostninger\nProjektledelse", "Service", "50", "50", "Licenser", "Service", "20",
                 "20", "Anlæg", "Anlæg", "2.500", "2.750", "Service", "Service", "1.000", "400",
                 "Samlede implementeringsomkostninger", "3.570", "3.220", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Projektledelse": {"2016": "50", "2017": "50"}, "Licenser": {"2016": "20", "2017": "20"},
                              "Anlæg": {"2016": "2.500", "2017": "2.750"}, "Service": {"2016": "1.000", "2017": "400"},
                              "Samlede implementeringsomkostninger": {"2016": "3.570", "2017": "3.220"}}
    assert [(r.label, r.area) for r in rows if r.numbers] == [
        ("Projektledelse", "Service"), ("Licenser", "Service"), ("Anlæg", "Anlæg"), ("Service", "Service"),
        ("Samlede implementeringsomkostninger", None)]
    assert not any(r.keys_in_doubt for r in rows)
    # pdfminer writes every label first, then the area column's cells, some between the figures' boxes: those
    # are area cells, not rows
    areas_between = boxes("Tabel 1. Forslagets samlede økonomi\n1.000 kr. 2016 p/l", "Implementeringsomkostninger",
                          "Projektledelse", "Hardware", "Licenser", "Samlede implementeringsomkostninger",
                          "Styringsområde", "Service", "2016", "2017", "50", "50", "Anlæg", "Anlæg", "2.500\n1.000",
                          "2.750\n400", "3.550", "3.200", *BELOW)
    years_first = areas_between.replace("2016\n\n2017\n\n", "").replace("p/l\n\n", "p/l\n\n2016\n\n2017\n\n")
    for text in (areas_between, years_first):  # the labels before the years or after them
        header, rows = read(text)
        assert [(r.label, r.area) for r in rows if r.numbers] == [
            ("Projektledelse", "Service"), ("Hardware", "Anlæg"), ("Licenser", "Anlæg"),
            ("Samlede implementeringsomkostninger", None)]


# pdftotext's cell per line, row by row: the permanent block's rows start in 2017, the implementation block's end
# in 2017; the grand total's 2018-2019 cells are written with the permanent block's total's, before its label, the
# rows named for their areas ("Anlæg" in Anlæg)
ROW_BY_ROW = """\
Tabel 1. Forslagets samlede økonomi
1.000 kr. 2016 p/l

Styringsområde

2016

2017

2018

2019

Varige ændringer
Driftsomkostninger

Service

100

200

250

Effektivisering

Service

-100

-500

-650

0

-300

-400

-300

-400

Samlet varig ændring
Implementeringsomkostninger
Anlæg

Anlæg

700

800

Service

Service

300

50

Samlede implementeringsomkostninger

1.000

850

Samlet økonomisk påvirkning

1.000

850

Tilbagebetalingstid baseret på serviceeffektivisering: 6 år

2. Baggrund og formål
Tekst.
"""


def test_boxes_over_a_line_assembly_that_is_a_guess_throughout():
    """The line-by-line assembly fills every short row from the left (a guess throughout, flagged whole); the text
    boxes' reading places them by the totals (`boxes-over-guessed-lines`): the figures stand in their years, and
    what the totals leave open stays flagged."""
    table = document_table(text_to_lines(ROW_BY_ROW))
    rows = {r.label: {c.key: c.value for c in r.cells} for r in table.rows}
    assert rows["Effektivisering"] == {"2017": -100, "2018": -500, "2019": -650}
    assert rows["Samlet varig ændring"] == {"2017": 0, "2018": -300, "2019": -400}
    assert rows["Anlæg"] == {"2016": 700, "2017": 800}
    assert rows["Samlet økonomisk påvirkning"] == {"2016": 1000, "2017": 850, "2018": -300, "2019": -400}
    flagged = {(r.label, c.key) for r in table.rows for c in r.cells if c.uncertain}
    assert ("Effektivisering", "2017") in flagged  # another reading the totals allow puts another figure there


def test_a_body_with_a_total_column_written_before_its_caption_is_the_next_tables():
    """pdftotext's ruled investment tables, their later years empty: Tabel 2's body (each year's box over its
    figures, the empty years' boxes alone, "I alt" over its figures), then Tabel 3's body the same way, then
    Tabel 3's caption and labels, its total row's cells after them. The years written again end Tabel 2 at its
    "I alt" box (`body-before-caption`, a total column's box part of such a body), so the years are no figures
    (`years-as-figures`: the column blocks took "2018" for a cell), and Tabel 3 takes the body before its caption,
    every cell decided. Tabel 2, cut at the years written again, is stored flagged (which body is whose, no
    total tells)."""
    text = pdftotext_boxes(
        ("Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Implementeringsudgifter",
         "Investeringer totalt, service"),
        ("2016", "3.200", "3.200"), ("2017",), ("2018",), ("2019",), ("I alt", "3.200", "3.200"),
        ("2016", "700", "600"), ("2017", "0", "200"), ("2018",), ("2019",), ("I alt", "700", "800"),
        ("Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware", "Implementering og udvikling"),
        ("Investeringer totalt, anlæg",), ("1.300",), ("200",), ("1.500",), BELOW)
    lines, _ = two_captions(text)
    second, third = extract_document(SourceDocument("snippet.txt", 1, "business_case", lines)).tables
    assert second.years == third.years == [2016, 2017, 2018, 2019]
    assert {r.label: {c.key: c.value for c in r.cells} for r in second.rows} == {
        "Implementeringsudgifter": {"2016": 3200, "total": 3200},
        "Investeringer totalt, service": {"2016": 3200, "total": 3200}}
    assert {r.label: {c.key: c.value for c in r.cells} for r in third.rows} == {
        "Hardware": {"2016": 700, "2017": 0, "total": 700},
        "Implementering og udvikling": {"2016": 600, "2017": 200, "total": 800},
        "Investeringer totalt, anlæg": {"2016": 1300, "2017": 200, "total": 1500}}
    assert not any(c.uncertain for r in third.rows for c in r.cells)


def test_an_area_column_written_as_one_box_after_the_figures_bounds_no_row():
    """pdftotext may write a ruled table's area column as one box after every figure ("Service" / "Service"),
    though its head came before the years: a box of several area cells bounds no row's figures (rule
    `area-column-block`); the rows are read, decided, and take the areas in order."""
    text = pdftotext_boxes(("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Lønudgifter",
                            "Husleje", "Samlet varig ændring"), ("Styringsom", "råde"),
                           ("2016", "-100", "40", "-60"), ("2017", "-200", "45", "-155"), ("Service", "Anlæg"),
                           BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200"},
                              "Husleje": {"2016": "40", "2017": "45"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-155"}}
    assert [r.area for r in rows if r.numbers] == ["Service", "Anlæg", None]
    assert not any(r.keys_in_doubt for r in rows)


def unflagged_cells(rows) -> dict[tuple[str, str], str]:
    """The cells stored decided: (label, year) -> figure."""
    return {(r.label, k): t.text for r in rows for k, t in (r.placed or {}).items() if k not in r.keys_in_doubt}


def test_a_whole_block_empty_in_a_year_is_skipped_however_many_rows_it_has():
    """The implementation block (two rows and its total) is empty in 2018, the savings go on: the grand total's
    2018 figure stands under three empty cells, more than a column otherwise skips (`box_empty_skip`). A whole
    block, its total too, may be empty in a year (rule `empty-block-year`): every cell is decided."""
    head = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
            "Husleje", "Rengøring", "Samlet varig ændring", "Implementeringsomkostninger", "Projektledelse",
            "Uddannelse", "Samlede implementeringsomkostninger", "Samlet økonomisk påvirkning")
    text = boxes(*head, *YEARS, "-100", "40", "10", "-50", "300", "200", "500", "450",
                 "-200", "45", "10", "-145", "100", "50", "150", "5", "-300", "45", "10", "-245", "-245", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Husleje": {"2016": "40", "2017": "45", "2018": "45"},
        "Rengøring": {"2016": "10", "2017": "10", "2018": "10"},
        "Samlet varig ændring": {"2016": "-50", "2017": "-145", "2018": "-245"},
        "Projektledelse": {"2016": "300", "2017": "100"},
        "Uddannelse": {"2016": "200", "2017": "50"},
        "Samlede implementeringsomkostninger": {"2016": "500", "2017": "150"},
        "Samlet økonomisk påvirkning": {"2016": "450", "2017": "5", "2018": "-245"},
    }
    assert not any(r.keys_in_doubt for r in rows)


LATE_TOTALS = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Driftsudgifter",
               "Effektivisering", "Samlet varig ændring", "Implementeringsomkostninger", "Hardware",
               "Projektledelse", "Samlede implementeringsomkostninger", "Samlet økonomisk påvirkning")


def test_a_reading_the_totals_out_of_order_also_allow_leaves_its_cells_in_doubt():
    """pdftotext wrote the savings block's columns (2017 to 2019), the grand total's 2018 and 2019 cells, the
    implementation block's columns (2016, 2017), then the grand total's 2016 and 2017 cells: the grand total's
    cells out of order. Read in the order written, every total adds up another way too (the blocks trade
    columns). A reading with the totals' cells in any order (rule `loose-total-rows`) is a doubt of the reading
    in the order written: no cell is stored decided wrong."""
    truth = {("Driftsudgifter", "2017"): "1.100", ("Driftsudgifter", "2018"): "1.500",
             ("Driftsudgifter", "2019"): "1.500", ("Effektivisering", "2017"): "-1.100",
             ("Effektivisering", "2018"): "-3.350", ("Effektivisering", "2019"): "-3.350",
             ("Samlet varig ændring", "2017"): "0", ("Samlet varig ændring", "2018"): "-1.850",
             ("Samlet varig ændring", "2019"): "-1.850", ("Hardware", "2016"): "2.500", ("Hardware", "2017"): "2.750",
             ("Projektledelse", "2016"): "1.000", ("Projektledelse", "2017"): "400",
             ("Samlede implementeringsomkostninger", "2016"): "3.500",
             ("Samlede implementeringsomkostninger", "2017"): "3.150",
             ("Samlet økonomisk påvirkning", "2016"): "3.500", ("Samlet økonomisk påvirkning", "2017"): "3.150",
             ("Samlet økonomisk påvirkning", "2018"): "-1.850", ("Samlet økonomisk påvirkning", "2019"): "-1.850"}
    text = pdftotext_boxes(LATE_TOTALS, ("2016", "2017", "2018", "2019"), ("1.100", "-1.100", "0"),
                           ("1.500", "-3.350", "-1.850"), ("1.500", "-3.350", "-1.850"), ("-1.850",), ("-1.850",),
                           ("2.500", "1.000", "3.500"), ("2.750", "400", "3.150"), ("3.500",), ("3.150",), BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018, 2019]
    assert all(truth.get(cell) == figure for cell, figure in unflagged_cells(rows).items())


def test_columns_written_right_to_left_leave_the_cells_they_may_hold_in_doubt():
    """pdfminer wrote the columns right to left (2018's savings, 2017's, 2017's implementation cells, the grand
    total's 2017 and 2018 cells, then 2016's column): no reading keeps the order written; with the totals' cells
    in any order, one does, the columns mirrored. The columns read right to left are a doubt too (rule
    `right-to-left`): no cell is stored decided wrong."""
    truth = {("Driftsudgifter", "2017"): "5.000", ("Driftsudgifter", "2018"): "7.200",
             ("Effektivisering", "2017"): "-900", ("Effektivisering", "2018"): "-2.000",
             ("Samlet varig ændring", "2017"): "4.100", ("Samlet varig ændring", "2018"): "5.200",
             ("Hardware", "2016"): "7.700", ("Hardware", "2017"): "0", ("Projektledelse", "2016"): "6.800",
             ("Projektledelse", "2017"): "6.200", ("Samlede implementeringsomkostninger", "2016"): "14.500",
             ("Samlede implementeringsomkostninger", "2017"): "6.200",
             ("Samlet økonomisk påvirkning", "2016"): "14.500", ("Samlet økonomisk påvirkning", "2017"): "10.300",
             ("Samlet økonomisk påvirkning", "2018"): "5.200"}
    text = pdftotext_boxes(LATE_TOTALS, *((year,) for year in YEARS), ("7.200", "-2.000", "5.200"),
                           ("5.000", "-900", "4.100"), ("0",), ("6.200",), ("6.200",), ("10.300",), ("5.200",),
                           ("7.700", "6.800", "14.500"), ("14.500",), BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018]
    decided = unflagged_cells(rows)
    assert all(truth.get(cell) == figure for cell, figure in decided.items())
    assert decided[("Samlet økonomisk påvirkning", "2017")] == "10.300"  # what every reading agrees on stands


def test_the_first_years_head_written_after_the_figures_heads_the_first_column():
    """The first year holds only the implementation block's figures; pdftotext wrote its head ("2016") alone
    after every figure. The year just before the header's first is the first column's head (rule
    `late-first-year`), its figures written before it: the table is read in the order written. (With every
    column's head free of the figures' order, the totals' cells read in any order let the blocks trade columns,
    so the cells stay flagged: `loose-total-rows`' doubts.)"""
    head = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
            "Husleje", "Samlet varig ændring", "Implementeringsomkostninger", "Projektledelse", "Uddannelse",
            "Licenser", "Samlede implementeringsomkostninger", "Samlet økonomisk påvirkning")
    text = pdftotext_boxes(head, ("2017",), ("2018",), ("-100", "40", "-60"), ("-200", "45", "-155"),
                           ("300", "200", "100", "600"), ("100", "50", "25", "175"), ("600",), ("115",),
                           ("-155",), ("2016",), BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018]
    assert table_of(rows) == {
        "Lønudgifter": {"2017": "-100", "2018": "-200"},
        "Husleje": {"2017": "40", "2018": "45"},
        "Samlet varig ændring": {"2017": "-60", "2018": "-155"},
        "Projektledelse": {"2016": "300", "2017": "100"},
        "Uddannelse": {"2016": "200", "2017": "50"},
        "Licenser": {"2016": "100", "2017": "25"},
        "Samlede implementeringsomkostninger": {"2016": "600", "2017": "175"},
        "Samlet økonomisk påvirkning": {"2016": "600", "2017": "115", "2018": "-155"},
    }
    # another year out of turn is no head of this table
    assert read(text.replace("\n2016\n", "\n2014\n")) is None


def test_the_figure_after_a_lone_label_among_the_figures_is_that_rows():
    """pdfminer wrote the implementation rows' first two years first, each row's label box before its figures
    ("770" / "210" / "Uddannelse af medarbejdere" / "734" / ...), then the savings rows and the rest. In the
    order written the two blocks could trade those years, every total still adding up; but the figure written
    right after a lone label among the figures is that row's (rule `label-heads-figures`), so that reading is
    none, and no cell is stored decided wrong."""
    truth = {("Sparede udgifter til porto", "2019"): "0", ("Sparede udgifter til porto", "2020"): "-341",
             ("Sparede udgifter til porto", "2021"): "-1.362", ("Udskiftning af udstyr", "2019"): "0",
             ("Udskiftning af udstyr", "2020"): "136", ("Udskiftning af udstyr", "2021"): "271",
             ("Samlet varig ændring", "2019"): "0", ("Samlet varig ændring", "2020"): "-205",
             ("Samlet varig ændring", "2021"): "-1.091", ("Dobbeltomkostninger", "2019"): "770",
             ("Dobbeltomkostninger", "2020"): "210", ("Dobbeltomkostninger", "2021"): "0",
             ("Uddannelse af medarbejdere", "2019"): "734", ("Uddannelse af medarbejdere", "2020"): "921",
             ("Uddannelse af medarbejdere", "2021"): "0", ("Samlede implementeringsomkostninger", "2019"): "1.504",
             ("Samlede implementeringsomkostninger", "2020"): "1.131",
             ("Samlede implementeringsomkostninger", "2021"): "0", ("Samlet økonomisk påvirkning", "2019"): "1.504",
             ("Samlet økonomisk påvirkning", "2020"): "926", ("Samlet økonomisk påvirkning", "2021"): "-1.091"}
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l",
                 "Varige ændringer\nSparede udgifter til porto\nUdskiftning af udstyr\nSamlet varig ændring\n"
                 "Implementeringsomkostninger\nDobbeltomkostninger", "2019", "2020", "2021",
                 "770", "210", "Uddannelse af medarbejdere", "734", "921", "Samlede implementeringsomkostninger",
                 "1.504", "1.131", "0", "0", "0", "-341", "-1.362", "136", "271", "-205", "-1.091", "0", "0", "0",
                 "Samlet økonomisk påvirkning", "1.504", "926", "-1.091", *BELOW)
    found = read(text)
    decided = unflagged_cells(found[1]) if found else {}
    assert all(truth.get(cell) == figure for cell, figure in decided.items())


def _three_captions(text: str):
    lines = text_to_lines(text)
    at = [i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel ")] + [len(lines)]
    return lines, [TableRegion(n, "c", a, b, lines[a]) for n, a, b in zip((2, 3, 4), at, at[1:], strict=False)]


# pdfminer, each cell a line of its own: three stacked tables' captions and labels, then their columns in any
# order, each as its head and then its cells top to bottom; the heads of empty columns alone
COLUMN_RUNS = ("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "Drift", "Færre henvendelser",
               "Varige ændringer totalt, service",
               "Tabel 3. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Konsulenter",
               "Investeringer totalt, service",
               "Tabel 4. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware",
               "Investeringer totalt, anlæg",
               "2017", "1.100", "-550", "550", "2018", "1.500", "-1.850", "-350", "2017", "400", "400",
               "2017", "2.750", "2.750", "2016", "1.000", "1.000", "2016", "2.500", "2.500",
               "I alt", "1.400", "1.400", "I alt", "5.250", "5.250", "2018", "2018", *BELOW)


def test_stacked_column_runs_go_to_the_table_they_fill_and_the_total_adds_up():
    """Rule `stacked-column-runs`: Tabel 2's columns are the only runs of three figures whose total adds up:
    decided. Tabel 3 and 4 are alike (a row and its total), so the order written alone shares out their runs:
    the first still without that column takes it, and their figures are flagged. The tables share the years."""
    lines, regions = _three_captions(boxes(*COLUMN_RUNS))
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3), (h4, rows4) = found
    assert h2.years == h3.years == h4.years == [2016, 2017, 2018]
    assert not h2.has_total_column and h3.has_total_column and h4.has_total_column
    assert table_of(rows2) == {"Drift": {"2017": "1.100", "2018": "1.500"},
                               "Færre henvendelser": {"2017": "-550", "2018": "-1.850"},
                               "Varige ændringer totalt, service": {"2017": "550", "2018": "-350"}}
    assert not any(r.keys_in_doubt for r in rows2)
    assert table_of(rows3)["Konsulenter"] == {"2016": "1.000", "2017": "400", "total": "1.400"}
    assert table_of(rows4)["Hardware"] == {"2016": "2.500", "2017": "2.750", "total": "5.250"}
    assert all(r.keys_in_doubt == set(r.placed) for r in rows3 + rows4 if r.numbers)
    # a run right after another head written alone may be that head's column: its table is flagged
    cells = list(COLUMN_RUNS)
    cells.insert(cells.index("1.100") - 1, "2016")
    lines, regions = _three_captions(boxes(*cells))
    (_, rows2), _, _ = stacked_box_tables(lines, regions)
    assert table_of(rows2)["Drift"] == {"2017": "1.100", "2018": "1.500"}
    assert all(r.keys_in_doubt == set(r.placed) for r in rows2 if r.numbers)


def test_stacked_column_runs_need_every_run_to_fill_a_table():
    """A run that fills no table (Tabel 2's 2018 total does not add up, and no other table has three rows):
    not this reading."""
    cells = list(COLUMN_RUNS)
    cells[cells.index("-350")] = "-300"
    lines, regions = _three_captions(boxes(*cells))
    assert stacked_box_tables(lines, regions) is None
    # a label cell among the runs: neither
    cells = list(COLUMN_RUNS)
    cells.insert(cells.index("I alt"), "Hardware")
    lines, regions = _three_captions(boxes(*cells))
    assert stacked_box_tables(lines, regions) is None


def test_a_blocks_equally_short_rows_read_in_boxes_are_guessed_toward_its_side():
    """Rule `block-years` for text boxes: two of three years filled in every row, the totals adding up in either
    two years. The readings that move the whole block alike are equal evidence; the guess stored is the one
    toward the side the block's short rows fill (a permanent change runs on to the last year), still flagged.
    A caption that names no side keeps the first reading found (the first years)."""
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", *YEARS,
                 "Lønudgifter", "Licenser", "I alt", "-100", "40", "-60", "-200", "40", "-160", *BELOW)
    lines = text_to_lines(text)
    got = {}
    for caption in ("Varige ændringer, service", "Oversigt"):
        _, rows = column_figures_to_raw_rows(lines, TableRegion(2, caption, 0, len(lines), lines[0]))
        got[caption] = table_of(rows)
        assert rows[0].keys_in_doubt == set(rows[0].placed)
    assert got["Varige ændringer, service"]["Lønudgifter"] == {"2017": "-100", "2018": "-200"}
    assert got["Oversigt"]["Lønudgifter"] == {"2016": "-100", "2017": "-200"}


def test_a_late_first_column_that_cannot_add_up_ends_its_search_at_once():
    """Rule `late-low-first-column` tries the last k figures as the first column: once they are placed no other
    figure goes there, so its cells left are empty and its totals are checked then, not after every way of
    placing the rest (a table of many zeros has thousands). Here the last figures are the grand total's
    (-1.118), which alone cannot make a column whose block totals add up: each search ends within a step a
    figure."""
    kinds = [HEADING, ROW, ROW, ROW, TOTAL, HEADING, ROW, ROW, ROW, TOTAL, TOTAL]
    permanent = [[0, 0, 0, 0], [-600, -325, 132, -793]] + [[-600, -650, 132, -1118]] * 3
    implementation = [[310, 60, 0, 370], [121, 480, 0, 601]] + [[0, 0, 0, 0]] * 3
    values = [v for p, i in zip(permanent, implementation, strict=True) for v in p + i + [p[-1] + i[-1]]]
    for k in (1, 2, 3):
        rotated = values[-k:] + values[:-k]
        search = _Search(rotated, Ready([k] * 9, [k] * 5), kinds, TextSettings(), True, True, first_late=k,
                         late_low=True)
        assert search.run() and not search.readings
        assert search.steps <= k + 1


# pdftotext writes a table a cell a line, each row's label and area before its figures; the grand total's later
# cells, right of the implementation block's empty cells, it may write as a block of their own first
GRAND_EARLY = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Styringsområde", "2016", *YEARS[1:],
               "2019", "Varige ændringer", "Lønudgifter", "Service", "-400", "-600", "-600", "Licenser", "Service",
               "100", "100", "100", "Samlet varig ændring", "-300", "-500", "-500", "Implementeringsomkostninger",
               "Projektledelse", "Service", "800", "200", "Uddannelse", "Service", "300")
GRAND_EARLY_TRUTH = {
    "Lønudgifter": {"2017": "-400", "2018": "-600", "2019": "-600"},
    "Licenser": {"2017": "100", "2018": "100", "2019": "100"},
    "Samlet varig ændring": {"2017": "-300", "2018": "-500", "2019": "-500"},
    "Projektledelse": {"2016": "800", "2017": "200"},
    "Uddannelse": {"2016": "300"},
    "Samlede implementeringsomkostninger": {"2016": "1.100", "2017": "200"},
    "Samlet økonomisk påvirkning": {"2016": "1.100", "2017": "-100", "2018": "-500", "2019": "-500"},
}


def test_the_grand_totals_later_cells_may_come_before_the_rows_above_it_end():
    """Rule `loose-total-rows` for the table's last total (the grand total): pdftotext wrote its 2018 and 2019
    cells, which stand right of the implementation block's empty cells, right after the training row's figure,
    before the implementation total's label. Its cells need only come after the cells above them in their
    columns: the totals then place every figure, the permanent rows in the last three years."""
    text = boxes(*GRAND_EARLY, "-500", "-500", "Samlede implementeringsomkostninger", "1.100", "200",
                 "Samlet økonomisk påvirkning", "1.100", "-100", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == GRAND_EARLY_TRUTH
    assert not any(r.keys_in_doubt for r in rows)


def test_figures_stacked_in_one_block_that_no_column_holds_so_are_read_as_cells_of_their_own():
    """Rule `stacked-unproven`: pdftotext may write two lines of different columns as one block (the project
    training row's 2016 cell and, under it, the grand total's 2018 cell: they stand close). A box of stacked figures is
    one column's cells only where some reading keeps it so; where none does, the table is read with each
    figure on its own, and the totals decide."""
    text = boxes(*GRAND_EARLY[:-1], "300\n-500", "-500", "Samlede implementeringsomkostninger", "1.100", "200",
                 "Samlet økonomisk påvirkning", "1.100", "-100", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == GRAND_EARLY_TRUTH
    assert not any(r.keys_in_doubt for r in rows)


def test_the_loose_order_gets_what_the_first_searchs_budget_left():
    """The searches of the order written ended quickly without a reading; the loose order (the totals' cells in
    any order) needs more steps than a later search's own bound: it gets what the first search's budget left,
    and sees its readings through (the reading stands decided)."""
    text = boxes(*GRAND_EARLY, "-500", "-500", "Samlede implementeringsomkostninger", "1.100", "200",
                 "Samlet økonomisk påvirkning", "1.100", "-100", *BELOW)
    header, rows = read(text, TextSettings(max_box_search=150))
    assert table_of(rows) == GRAND_EARLY_TRUTH
    assert not any(r.keys_in_doubt for r in rows)


def _cell_rows(cells: dict[str, dict[str, str]], doubt: dict[str, set[str]]) -> list[RawRow]:
    line = text_to_lines("x\n")[0]
    return [RawRow([label], [line], numbers=[Token(v, line) for v in row.values()],
                   placed={k: Token(v, line) for k, v in row.items()}, keys_in_doubt=doubt.get(label, set()))
            for label, row in cells.items()]


def test_a_box_reading_seen_through_replaces_the_lines_of_a_table_written_a_cell_per_line():
    """Rule `boxes-over-cell-lines`: a table written a cell per line whose box reading saw its readings through,
    they differ only in the first and last years (blocks that fill every year but one, either end) and it reads
    every figure the line reading does: that reading is taken. Doubts in a middle year (a sub-heading given
    figures), a reading cut short (nothing decided), fewer figures read, or a table written a row per line:
    not."""
    body = text_to_lines("\n\n".join(["Lønudgifter", "Service", "-153", "-153", "-153", "Projekt", "180"]) + "\n")
    header = TableHeader([2021, 2022, 2023, 2024], None, None, False, False, 0)

    def seen_through(rows: list[RawRow], line_rows: list[RawRow], lines: list[Line] = body) -> bool:
        return boxes_seen_through(lines, TableRegion(1, "x", 0, len(lines), lines[0]), (header, rows), line_rows)

    cells = {"Lønudgifter": {"2022": "-153", "2023": "-153", "2024": "-153"}, "Projekt": {"2021": "180"}}
    ends = {"Lønudgifter": {"2024"}, "Projekt": {"2021"}}
    assert seen_through(_cell_rows(cells, ends), [])
    assert not seen_through(_cell_rows(cells, {"Lønudgifter": {"2023"}}), [])
    everything = {"Lønudgifter": {"2022", "2023", "2024"}, "Projekt": {"2021"}}
    assert not seen_through(_cell_rows(cells, everything), [])
    more = _cell_rows({**cells, "Licens": {"2021": "1", "2022": "2", "2023": "3", "2024": "4"}}, {})
    assert not seen_through(_cell_rows(cells, ends), more)
    row_per_line = text_to_lines("Lønudgifter Service -153 -153 -153\nProjekt 180\n")
    assert not seen_through(_cell_rows(cells, ends), [], row_per_line)


def test_a_totals_cell_written_after_the_grand_totals_is_read_as_a_flagged_guess():
    """Rule `late-total-cell`: pdftotext wrote a ruled table's labels, then each column's cells as a box, the
    totals' cells each on its own, and the implementation total's 2017 cell (its label wraps over two lines, its
    row stands taller) after the grand total's. In the order written no reading makes every total add up; with
    the last figure read a few places earlier, one does: that reading is the guess, every cell flagged."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
                 "Licens", "Samlet varig ændring", "Implementeringsomkostninger", "Projektledelse", "Uddannelse",
                 "Samlede\nimplementeringsomkostninger", "Samlet økonomisk påvirkning", *YEARS,
                 "-200\n40\n-160", "-300\n45\n-255",  # 2017 and 2018, the permanent changes
                 "500\n300\n800", "150\n0",  # 2016 and 2017, the implementation block
                 "800", "-10", "-255",  # the grand total, each cell on its own
                 "150",  # the implementation total's 2017 cell, written last
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2017": "-200", "2018": "-300"}, "Licens": {"2017": "40", "2018": "45"},
        "Samlet varig ændring": {"2017": "-160", "2018": "-255"},
        "Projektledelse": {"2016": "500", "2017": "150"}, "Uddannelse": {"2016": "300", "2017": "0"},
        "Samlede implementeringsomkostninger": {"2016": "800", "2017": "150"},
        "Samlet økonomisk påvirkning": {"2016": "800", "2017": "-10", "2018": "-255"}}
    assert all(r.keys_in_doubt == set(r.placed) for r in rows if r.numbers)


def body_split_dump(after: tuple[str, ...] = ("-200", "-300", "40", "45", "-160", "-255")) -> str:
    """pdfminer's order: a table's header years, labels and first column, then the next section's heading, and at
    once the rest of its figures, row by row; then the section's text."""
    return boxes("Forslagets titel: Ny portal", "1. Baggrund og formål", "Formålet er at frigøre tid.",
                 "2. Økonomi", "Gevinsten er beregnet.", "Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l",
                 *YEARS, "Lønudgifter", "Licens", "Samlet varig ændring", "-100", "40", "-60", *BELOW,
                 "3. Implementering af forslaget", *after, "Projektet ledes af forvaltningen.")


def split_regions(text: str):
    lines = text_to_lines(text)
    heading = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("3. Implementering"))
    start = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 1"))
    sections = [SectionSpan(3, "Implementering af forslaget", heading, len(lines), "")]
    (region,) = bodies_after_heading(lines, [TableRegion(1, "x", start, heading, lines[start])], sections)
    return lines, region


def test_a_body_split_by_the_next_heading_goes_on_after_it():
    """Rule `body-split-by-heading`: the region holds its years and first figures; the figures right after the
    heading are the rest of its body, and the payback line written before the heading ends the region's own
    part."""
    lines, region = split_regions(body_split_dump())
    assert region.body_after is not None
    body = [ln.stripped for ln in lines[region.body_after[0] : region.body_after[1]] if not ln.is_blank]
    assert body == ["-200", "-300", "40", "45", "-160", "-255"]
    assert not any(ln.stripped == BELOW[0] for ln in lines[region.start : region.end])


@pytest.mark.parametrize("after", [("Projektet ledes af forvaltningen.", "-200", "-300"),  # text first: not the body
                                   ("2019", "-200", "-300")])  # a year: a table of its own (stacked tables)
def test_no_split_body_after_text_or_a_year(after):
    lines, region = split_regions(body_split_dump(after))
    assert region.body_after is None


def test_a_table_split_by_the_next_heading_is_read_whole():
    """The whole document path: the line reading stops at the heading, so the text boxes' reading, which reads
    every figure and whose totals decide it, is the table's."""

    lines = text_to_lines(body_split_dump())
    table = document_table(lines)
    assert {r.label: r.values() for r in table.rows if r.cells} == {
        "Lønudgifter": {"2016": -100, "2017": -200, "2018": -300},
        "Licens": {"2016": 40, "2017": 40, "2018": 45},
        "Samlet varig ændring": {"2016": -60, "2017": -160, "2018": -255},
    }
    assert not any(r.uncertain_keys() for r in table.rows)


def test_the_payback_lines_written_between_a_tables_figures_do_not_end_it():
    """Rule `payback-before-figures`: pdfminer wrote the payback line (the box under the table's left part)
    after the first block's figures and the second block's labels, before that block's figures: the figures
    that follow it are the table's, and its totals decide them."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
                 "Samlet varig ændring", *YEARS, "-100", "-100", "-200", "-200", "-300", "-300",
                 "Implementeringsomkostninger", "Projektledelse", "Hardware", "Samlede implementeringsomkostninger",
                 *BELOW, "50", "30", "80", "20", "10", "30", "0", "0", "0", "2. Baggrund og formål")
    header, rows = read(text)
    assert table_of(rows) == {
        "Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Samlet varig ændring": {"2016": "-100", "2017": "-200", "2018": "-300"},
        "Projektledelse": {"2016": "50", "2017": "20", "2018": "0"},
        "Hardware": {"2016": "30", "2017": "10", "2018": "0"},
        "Samlede implementeringsomkostninger": {"2016": "80", "2017": "30", "2018": "0"},
    }
    assert not any(r.keys_in_doubt for r in rows)


@pytest.mark.parametrize("late", ["label", "area"])
def test_a_rows_empty_cells_written_before_its_late_label(late):
    """Rule `zeros-before-late-label`: pdfminer wrote the block's rows a row at a time, their first two years,
    then the last column's zeros for every row (one box each), and only then the box of a lower row's label (or,
    its label among the others, of its area cell), followed by that row's figures, and the total's the same
    way. The lower row and the total take zeros written before their labels; the totals decide the reading."""
    head, licens = (("Styringsområde", *YEARS, "Implementeringsomkostninger", "Projektledelse", "Hardware",
                     "Licens til software", "Anlæg\nService"), ("Anlæg",)) if late == "area" else (
        ("Implementeringsomkostninger", "Projektledelse", "Hardware", *YEARS), ("Licens til software",))
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", *head,
                 "50", "20", "30", "10", "0", "0", "0", "0", *licens, "5", "60",
                 "Samlede implementeringsomkostninger", "85", "90", "Samlet økonomisk påvirkning", "85", "90", "0",
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Projektledelse": {"2016": "50", "2017": "20", "2018": "0"},
        "Hardware": {"2016": "30", "2017": "10", "2018": "0"},
        "Licens til software": {"2016": "5", "2017": "60", "2018": "0"},
        "Samlede implementeringsomkostninger": {"2016": "85", "2017": "90", "2018": "0"},
        "Samlet økonomisk påvirkning": {"2016": "85", "2017": "90", "2018": "0"},
    }
    assert not any(r.keys_in_doubt for r in rows)
    if late == "area":
        assert next(r.area for r in rows if r.label == "Licens til software") == "Anlæg"


def test_the_rows_whose_late_labels_follow_one_another_after_the_empty_cells():
    """Rule `zeros-before-late-label`, chained: the last column's zeros of every row written at once, then the
    box of a lower row's label with its first figures, then the next row's label with its own: that next row's
    zero stood in the same run, before its label, as the row above's. The totals decide the reading."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Implementeringsomkostninger",
                 "Projektledelse", "Hardware", *YEARS, "50", "20", "30", "10", "0", "0", "0", "0", "0",
                 "Licens til software", "5", "60", "Server", "7", "30", "Samlede implementeringsomkostninger", "92",
                 "120", "Samlet økonomisk påvirkning", "92", "120", "0", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {
        "Projektledelse": {"2016": "50", "2017": "20", "2018": "0"},
        "Hardware": {"2016": "30", "2017": "10", "2018": "0"},
        "Licens til software": {"2016": "5", "2017": "60", "2018": "0"},
        "Server": {"2016": "7", "2017": "30", "2018": "0"},
        "Samlede implementeringsomkostninger": {"2016": "92", "2017": "120", "2018": "0"},
        "Samlet økonomisk påvirkning": {"2016": "92", "2017": "120", "2018": "0"},
    }
    assert not any(r.keys_in_doubt for r in rows)


@pytest.mark.parametrize("years_at_once", [False, True])
def test_stacked_tables_the_first_under_its_own_years_the_other_under_years_again(years_at_once):
    """Rule `stacked-own-years`: Tabel 2's caption holds its years and labels, Tabel 3's only labels; pdfminer
    wrote the columns together: Tabel 2's first column (no year before it: its caption held them), Tabel 3's
    2016 under that year written again (as many figures as its rows), then Tabel 2's next figures, and so on;
    the last years may come one after the other before their columns' figures."""
    tail = (("2017", "2018", "300", "300", "0", "0") if years_at_once
            else ("2017", "300", "300", "-300", "40", "-260", "2018", "0", "0"))
    text = boxes("Tabel 2. Varige ændringer, service", "1.000 kr. 2016 p/l", "2016", "2017", "2018", "Lønudgifter",
                 "Licenser", "Varige ændringer totalt, service",
                 "Tabel 3. Anlægsinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Hardware",
                 "Investeringer totalt, anlæg",
                 "-100", "40", "-60", "2016", "500", "500", "-200", "40", "-160", *tail,
                 *(("-300", "40", "-260") if years_at_once else ()), *BELOW)
    lines, regions = two_captions(text)
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3) = found
    assert h2.years == h3.years == [2016, 2017, 2018]
    assert table_of(rows2) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                               "Licenser": {"2016": "40", "2017": "40", "2018": "40"},
                               "Varige ændringer totalt, service": {"2016": "-60", "2017": "-160", "2018": "-260"}}
    assert table_of(rows3) == {"Hardware": {"2016": "500", "2017": "300", "2018": "0"},
                               "Investeringer totalt, anlæg": {"2016": "500", "2017": "300", "2018": "0"}}
    assert not any(r.keys_in_doubt for r in rows2 + rows3)


def test_area_cells_one_a_box_after_the_last_label_are_the_area_column():
    """Rule `area-cells-after-a-label`: pdfminer wrote the label column, then the area column's cells one a box,
    and only then the area column's head, the years and the figures. The run of area cells right after a row's
    label is the area column (rows named by their areas follow a block's heading instead)."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
                 "Licenser", "Samlet varig ændring", "Service", "Service", "Anlæg", "Styringsområde", *YEARS,
                 "-100", "40", "-60", "-200", "40", "-160", "-300", "45", "-255", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "-100", "2017": "-200", "2018": "-300"},
                              "Licenser": {"2016": "40", "2017": "40", "2018": "45"},
                              "Samlet varig ændring": {"2016": "-60", "2017": "-160", "2018": "-255"}}
    assert [r.area for r in rows if r.numbers] == ["Service", "Service", "Anlæg"]
    assert not any(r.keys_in_doubt for r in rows)


def test_a_lower_blocks_columns_written_before_the_block_above_is_read_as_a_guess():
    """Rule `blocks-apart`: pdfminer wrote the varige block's first column, then the implementation block's two
    columns, and only then the varige block's second column and the grand total. No reading keeps every column's
    order; each block keeping its own (the blocks in any order), every total adds up. A guess: stored flagged."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2016 p/l", "Varige ændringer", "Lønudgifter",
                 "Licenser", "Samlet varig ændring", "Implementeringsomkostninger", "Projektledelse", "Hardware",
                 "Uddannelse", "Samlede implementeringsomkostninger", "Samlet økonomisk påvirkning", "2016", "2017",
                 "0", "0", "0", "500", "300", "50", "850", "200", "100", "10", "310", "-100", "40", "-60", "850", "250",
                 *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Lønudgifter": {"2016": "0", "2017": "-100"},
                              "Licenser": {"2016": "0", "2017": "40"},
                              "Samlet varig ændring": {"2016": "0", "2017": "-60"},
                              "Projektledelse": {"2016": "500", "2017": "200"},
                              "Hardware": {"2016": "300", "2017": "100"},
                              "Uddannelse": {"2016": "50", "2017": "10"},
                              "Samlede implementeringsomkostninger": {"2016": "850", "2017": "310"},
                              "Samlet økonomisk påvirkning": {"2016": "850", "2017": "250"}}
    assert all(r.keys_in_doubt == {"2016", "2017"} for r in rows if r.numbers)


@pytest.mark.parametrize("label_first", [True, False])
def test_a_table_across_pages_under_its_header_written_again(label_first):
    """Rule `header-again-on-next-page`: the table's first rows on one page; on the next, its unit and years
    written again (a year heading its figure in one box), and the rest of its rows, the label before or after
    the years. The years again are the columns already read, the rows go on."""
    page2 = ["Investeringer totalt, service", "2016\n640", "2017", "2018", "0", "0"]
    if not label_first:
        page2 = page2[1:4] + page2[:1] + page2[4:]
    text = boxes("Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Projektledelse", "Hardware",
                 "2016", "600", "40", "2017", "2018", "0", "0", "0", "0") + "\f" + boxes(
                 "1.000 kr. 2016 p/l", *page2, *BELOW)
    header, rows = read(text)
    assert header.years == [2016, 2017, 2018]
    assert table_of(rows) == {"Projektledelse": {"2016": "600", "2017": "0", "2018": "0"},
                              "Hardware": {"2016": "40", "2017": "0", "2018": "0"},
                              "Investeringer totalt, service": {"2016": "640", "2017": "0", "2018": "0"}}
    assert not any(r.keys_in_doubt for r in rows)


def test_figures_only_under_the_header_again_on_the_next_page_are_no_rows_of_the_table():
    """Without a label on the next page, its years over figures are another table's body: not read as rows."""
    text = boxes("Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Projektledelse", "Hardware",
                 "Investeringer totalt, service", "2016", "600", "40", "640", "2017", "0", "0", "0") + "\f" + boxes(
                 "2016", "5", "2017", "6", *BELOW)
    header, rows = read(text)
    assert table_of(rows) == {"Projektledelse": {"2016": "600", "2017": "0"}, "Hardware": {"2016": "40", "2017": "0"},
                              "Investeringer totalt, service": {"2016": "640", "2017": "0"}}


def test_column_blocks_that_take_years_for_figures_give_way_to_the_decided_text_boxes():
    """The whole document path: the column blocks' reading (pdftotext's cells a line each) takes the header's
    later years, written after the first column's figures, for figures, and leaves most figures unread; the text
    boxes' reading reads them all and stands decided: it is the table's."""
    from extract.cell_per_line import column_blocks_to_raw_rows

    text = boxes("Forslagets titel: Ny portal", "Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l",
                 "Projektledelse", "Hardware", "Licenser", "2016", "600", "40", "90", "2017", "2018", "2019",
                 "200", "30", "10", "0", "0", "0", "0", "0", "0", "Investeringer totalt, service", "730", "240", "0",
                 "0", *BELOW)
    lines = text_to_lines(text)
    start = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tabel 2"))
    end = next(i for i, ln in enumerate(lines) if ln.stripped.startswith("Tilbagebetalingstid"))
    _, block_rows = column_blocks_to_raw_rows(lines, TableRegion(2, "x", start, end, lines[start]))
    assert [t.text for t in block_rows[0].numbers] == ["600", "2018"]  # a year taken for a figure
    table = document_table(lines)
    assert {r.label: r.values() for r in table.rows if r.cells} == {
        "Projektledelse": {"2016": 600, "2017": 200, "2018": 0, "2019": 0},
        "Hardware": {"2016": 40, "2017": 30, "2018": 0, "2019": 0},
        "Licenser": {"2016": 90, "2017": 10, "2018": 0, "2019": 0},
        "Investeringer totalt, service": {"2016": 730, "2017": 240, "2018": 0, "2019": 0},
    }
    assert not any(r.uncertain_keys() for r in table.rows)


def test_stacked_tables_the_last_ones_header_and_labels_on_the_next_page():
    """pdfminer wrote Tabel 2's caption and labels, Tabel 3's caption, the years and Tabel 2's body; Tabel 3's
    unit, years, labels and body follow on the next page. Read alone across the page, Tabel 3's region would take
    Tabel 2's figures as its first rows (`header-again-on-next-page`); the stack reads each table its own."""
    text = boxes("Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2016 p/l", "Design og brugertest",
                 "Investeringer totalt, service", "Tabel 3. Anlægsinvesteringer i forslaget", "2016", "2017",
                 "836", "836", "0", "0") + "\f" + boxes("1.000 kr. 2016 p/l", "2016", "2017", "Hardware",
                                                        "Investeringer totalt, anlæg", "1.308", "1.308", "0", "0",
                                                        *BELOW)
    lines, regions = two_captions(text)
    found = stacked_box_tables(lines, regions)
    assert found is not None and all(t is not None for t in found)
    (h2, rows2), (h3, rows3) = found
    assert table_of(rows2) == {"Design og brugertest": {"2016": "836", "2017": "0"},
                               "Investeringer totalt, service": {"2016": "836", "2017": "0"}}
    assert table_of(rows3) == {"Hardware": {"2016": "1.308", "2017": "0"},
                               "Investeringer totalt, anlæg": {"2016": "1.308", "2017": "0"}}


def test_a_table_across_pages_whose_header_again_follows_the_next_heading():
    """Rules `body-split-by-heading` and `header-again-on-next-page` together: the table's first row on one page;
    on the next its unit and labels, the next section's heading, and only then its header's years again and the
    rest of its figures. The years after the heading are the region's own, on a later page: the table's."""

    page1 = boxes("Forslagets titel: Ny portal", "1. Baggrund og formål", "Formålet er at frigøre tid.",
                  "2. Økonomi", "Gevinsten er beregnet.", "Tabel 2. Serviceinvesteringer i forslaget",
                  "1.000 kr. 2016 p/l", *YEARS, "Projektledelse", "600", "200", "0")
    page2 = boxes("1.000 kr. 2016 p/l", "Hardware", "Investeringer totalt, service", "3. Implementering af forslaget",
                  *YEARS, "40", "30", "640", "230", "0", "0", "Projektet ledes af forvaltningen.")
    lines = text_to_lines(page1 + "\f" + page2)
    table = document_table(lines)
    assert {r.label: r.values() for r in table.rows if r.cells} == {
        "Projektledelse": {"2016": 600, "2017": 200, "2018": 0},
        "Hardware": {"2016": 40, "2017": 30, "2018": 0},
        "Investeringer totalt, service": {"2016": 640, "2017": 230, "2018": 0},
    }
    assert not any(r.uncertain_keys() for r in table.rows)


def test_the_first_columns_head_and_figures_written_after_the_others_head_that_column():
    """pdfminer wrote the first column last: its year ("2017", the year before the header's first), then its
    figures, after every other column. Read in the order written with the year as a head alone, the columns
    rotate (2017's figures under the last year) and every total still adds up, column by column. The figures
    right after the late first year are that column's (rule `late-first-year`): no cell is stored decided wrong."""
    truth = {("Projektledelse", "2017"): "1.700", ("Projektledelse", "2018"): "100", ("Projektledelse", "2019"): "0",
             ("Test", "2017"): "250", ("Test", "2018"): "300", ("Test", "2019"): "0",
             ("Investeringer totalt, service", "2017"): "1.950", ("Investeringer totalt, service", "2018"): "400",
             ("Investeringer totalt, service", "2019"): "0"}
    text = boxes("Tabel 2. Serviceinvesteringer i forslaget", "1.000 kr. 2018 p/l", "Projektledelse", "Test",
                 "Investeringer totalt, service", "2018", "2019", "100", "300", "400", "0", "0", "0",
                 "2017", "1.700", "250", "1.950", *BELOW)
    got = read(text)
    if got is not None:
        header, rows = got
        assert all(truth.get(cell) == figure for cell, figure in unflagged_cells(rows).items())
    # the whole document path stores no cell decided wrong either
    table = document_table(text_to_lines(text))
    values = {key: parse_number(figure) for key, figure in truth.items()}
    wrong = [(row.label, cell.key, cell.value) for row in table.rows for cell in row.cells
             if not cell.uncertain and values.get((row.label, cell.key)) != cell.value]
    assert not wrong


def test_an_area_written_on_its_rows_label_line_is_that_rows_and_the_box_of_areas_no_longer_counts_it():
    """Rule `area-on-label-line`: pdfminer wrote one row's area cell on its label's line ("Opsætning af teknisk
    infrastruktur Anlæg"), the other areas as a box, one for each row of the label box above, a total among
    them. Counted against the rows that are not totals, with that row among them, the box fitted: the areas were
    handed out one row off ("Ekstern konsulentbistand" took the total's "Service"). The row keeps its own area and
    a label without it; the box, one area more than the rows left without a total and fewer than those with, says
    nothing it could be trusted for."""
    text = boxes("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2017 p/l", "Varige ændringer",
                 "Bortfald af licensaftale", "Løbende vedligehold", "Samlet varig ændring",
                 "Implementeringsomkostninger", "Ekstern konsulentbistand", "Styringsom\nråde", *YEARS[:2],
                 "Service", "Service", "Service", "Anlæg", "Opsætning af teknisk infrastruktur Anlæg",
                 "Samlede implementeringsomkostninger", "-10", "5", "-5", "100", "50", "150", "-20", "5", "-15",
                 "0", "0", "0", *BELOW)
    header, rows = read(text)
    areas = {r.label: r.area for r in rows if r.numbers}
    assert areas["Opsætning af teknisk infrastruktur"] == "Anlæg"
    assert areas["Ekstern konsulentbistand"] in (None, "Anlæg")  # never the total's "Service"
    assert table_of(rows)["Opsætning af teknisk infrastruktur"] == {"2016": "50", "2017": "0"}


def test_a_label_ends_in_an_area_only_as_the_column_writes_it():
    def item(*texts: str) -> list[Line]:
        return text_to_lines("\n".join(texts))

    assert area_on_label_line(item("Systemudvikling og integration til fagsystemer Anlæg")) == ("Systemudvikling "
                                                                                               "og integration til "
                                                                                               "fagsystemer", "Anlæg")
    assert area_on_label_line(item("Implementering og", "test Service")) == ("test", "Service")
    assert area_on_label_line(item("Licens og drift")) is None  # a word of the label, in lower case
    assert area_on_label_line(item("Projektledelse Anlæg")) is None  # one word before it: too little to tell
    assert area_on_label_line(item("Service Anlæg")) is None  # area cells, no label


def test_a_tables_first_area_after_its_total_label_is_given_to_no_row():
    """Rule `lone-area-after-total`: one area cell ("Service"), the table's first, right after the labels whose
    last is the total's: pdfminer wrote the area column, a cell for the first row alone, after the labels'. It
    may be the total's or a row's above; nothing in the order written tells which, so no row is given it. Areas
    written each in its row's turn, the total's in its turn is its own."""
    labels = ("Implementeringsomkostninger", "Systemudvikling og integration til\nfagsystemer", "Design og brugertest",
              "Samlede\nimplementeringsomkostninger")
    figures = ("1.000", "50", "1.050", "50", "450", "500", *BELOW)
    head = ("Tabel 1. Forslagets samlede økonomi", "1.000 kr. 2019 p/l", "Styringsom\nråde", *YEARS[:2])
    header, rows = read(boxes(*head, *labels, "Service", *figures))
    assert {r.label: r.area for r in rows if r.numbers} == {"Systemudvikling og integration til fagsystemer": None,
                                                           "Design og brugertest": None,
                                                           "Samlede implementeringsomkostninger": None}
    assert table_of(rows)["Samlede implementeringsomkostninger"] == {"2016": "1.050", "2017": "500"}
    in_turn = (*labels[:2], "Service", labels[2], "Anlæg", labels[3], "Service")
    header, rows = read(boxes(*head, *in_turn, *figures))
    assert {r.label: r.area for r in rows if r.numbers} == {"Systemudvikling og integration til fagsystemer": "Service",
                                                           "Design og brugertest": "Anlæg",
                                                           "Samlede implementeringsomkostninger": "Service"}
