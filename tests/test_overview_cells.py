"""An overview written a cell per line (pdftotext's reading order): rule `overview-segments`."""
from __future__ import annotations

import textwrap

from extract.overview_cells import figure_segments, overview_blocks, read_overview_cells
from extract.tables import raw_rows_to_table_rows
from parsers.textfile import text_to_lines

# the first block's name and labels, then every block's header years and figures, then the later blocks' names
# and labels: the way pdftotext wrote an overview whose label column is a text box of its own per block
# the first block's header years and figures, row by row (two proposals, each with its area row, then the totals)
# the first block's label cells: the two proposals' names and areas, then its totals' labels
FIRST_LABELS = """    Forslag
    Smart investeringsforslag: Ny løsning
    Anlæg
    Smart investeringsforslag: Bedre
    Indkøb
    Anlæg/drift
    Nettoeffektivisering
    Investeringsbehov
"""
FIRST_BLOCK = """    2023
    2024
    0
    -100
    200
    50
    0
    -300
    10
    0
    0
    -400
    210
    50
"""
OVERVIEW = """
    Oversigt over smarte investeringer
    Skoler
""" + FIRST_LABELS + FIRST_BLOCK + """    2023
    2024
    -5
    -20
    70
    0
    -5
    -20
    70
    0
    2023
    2024
    -5
    -420
    280
    50
    Ældre
    Forslag
    Investeringsforslag: Skærme i
    plejen
    Anlæg/
    drift
    Nettoeffektivisering
    Investeringsbehov
    I alt
    I alt
    Nettoeffektivisering
    Investeringsbehov
    *Der kan forekomme afrundingsforskelle
"""


def lines_of(text: str):
    return text_to_lines(textwrap.dedent(text).strip("\n"))


def _read(text: str):
    tables = read_overview_cells(lines_of(text))
    if tables is None:
        return None
    return [(t.region.caption, t.header.years,
             [(r.label, r.group, r.area, {c.key: c.value for c in r.cells}, sorted(c.key for c in r.cells
                                                                                   if c.uncertain))
              for r in raw_rows_to_table_rows(t.rows, "overview")]) for t in tables]


def test_each_run_of_years_opens_the_next_blocks_figures_and_the_totals_decide():
    ok: list = []
    assert _read(OVERVIEW) == [
        ("Skoler", [2023, 2024], [
            ("Smart investeringsforslag: Ny løsning", None, None, {"2023": 0, "2024": -100}, ok),
            ("Anlæg", "Smart investeringsforslag: Ny løsning", "Anlæg", {"2023": 200, "2024": 50}, ok),
            ("Smart investeringsforslag: Bedre Indkøb", None, None, {"2023": 0, "2024": -300}, ok),
            ("Anlæg/drift", "Smart investeringsforslag: Bedre Indkøb", "Anlæg/drift", {"2023": 10, "2024": 0}, ok),
            ("Nettoeffektivisering", None, None, {"2023": 0, "2024": -400}, ok),
            ("Investeringsbehov", None, None, {"2023": 210, "2024": 50}, ok)]),
        ("Ældre", [2023, 2024], [
            ("Investeringsforslag: Skærme i plejen", None, None, {"2023": -5, "2024": -20}, ok),
            ("Anlæg/drift", "Investeringsforslag: Skærme i plejen", "Anlæg/drift", {"2023": 70, "2024": 0}, ok),
            ("Nettoeffektivisering", None, None, {"2023": -5, "2024": -20}, ok),
            ("Investeringsbehov", None, None, {"2023": 70, "2024": 0}, ok)]),
        ("I alt", [2023, 2024], [
            ("Nettoeffektivisering", None, None, {"2023": -5, "2024": -420}, ok),
            ("Investeringsbehov", None, None, {"2023": 280, "2024": 50}, ok)]),
    ]


def test_a_total_that_does_not_add_up_leaves_every_figure_flagged():
    # the grand net total's 2024 figure no longer adds up over the blocks' net totals
    text = OVERVIEW.replace("    -5\n    -420\n", "    -5\n    -430\n")
    got = _read(text)
    assert got is not None
    assert all(flagged == sorted(values) for _, _, rows in got for *_, values, flagged in rows)


def test_a_segment_without_its_blocks_rows_of_figures_reads_nothing():
    # one figure of the second block lost: its segment no longer holds whole rows for its labels
    text = OVERVIEW.replace("    -5\n    -20\n    70\n    0\n    -5\n", "    -5\n    -20\n    70\n    -5\n", 1)
    assert read_overview_cells(lines_of(text)) is None


def test_the_blocks_and_their_labels_and_the_runs_of_years():
    lines = lines_of(OVERVIEW)
    blocks = overview_blocks(lines)
    assert [(b.name[0].text, [" ".join(ln.text for ln in p) for p in b.proposals], [a for a, _ in b.areas],
             [t.text for t in b.totals]) for b in blocks] == [
        ("Skoler", ["Smart investeringsforslag: Ny løsning", "Smart investeringsforslag: Bedre Indkøb"],
         ["Anlæg", "Anlæg/drift"], ["Nettoeffektivisering", "Investeringsbehov"]),
        ("Ældre", ["Investeringsforslag: Skærme i plejen"], ["Anlæg/drift"],
         ["Nettoeffektivisering", "Investeringsbehov"]),
        ("I alt", [], [], ["Nettoeffektivisering", "Investeringsbehov"]),
    ]
    assert [(s.years, len(s.figures)) for s in figure_segments(lines)] == [([2023, 2024], 12), ([2023, 2024], 8),
                                                                            ([2023, 2024], 4)]


def test_a_label_that_is_no_proposal_area_or_total_reads_nothing():
    text = OVERVIEW.replace("    Smart investeringsforslag: Bedre\n", "    Bedre\n")
    assert read_overview_cells(lines_of(text)) is None


def test_an_area_written_both_as_label_and_in_its_area_cell_names_one_row():
    # a layout with an area column: each area row's label and its area cell, one after the other
    text = OVERVIEW.replace("    Anlæg\n    Smart investeringsforslag: Bedre\n",
                            "    Anlæg\n    Anlæg\n    Smart investeringsforslag: Bedre\n").replace(
        "    Anlæg/drift\n    Nettoeffektivisering\n    Investeringsbehov\n    2023\n",
        "    Anlæg/drift\n    Anlæg/drift\n    Nettoeffektivisering\n    Investeringsbehov\n    2023\n")
    assert text.count("Anlæg") == OVERVIEW.count("Anlæg") + 2
    assert _read(text) == _read(OVERVIEW)
    # three area cells for two proposals: which belongs to which is not known, nothing read
    assert read_overview_cells(lines_of(text.replace("    Anlæg\n    Anlæg\n", "    Anlæg\n", 1))) is None


# the second proposal's label written inline, straight before its row's figures; the first and third written
# after the block's figures: the inline one stands at its row, the other two fill the rows left in written order
INLINE = """
    Skoler
    Forslag
    2023
    2024
    0
    -100
    200
    50
    Investeringsforslag: Midt
    0
    -300
    Anlæg
    10
    0
    -5
    -20
    70
    0
    -5
    -420
    280
    50
    2023
    2024
    -5
    -420
    280
    50
    Investeringsforslag: Først
    Anlæg
    Investeringsforslag: Sidst
    Anlæg/drift
    Nettoeffektivisering
    Investeringsbehov
    I alt
"""


def test_a_label_written_before_its_rows_figures_stands_at_that_row_and_one_left_to_fill_is_decided():
    got = _read(INLINE)
    assert got is not None
    rows = [(label, values, flagged) for label, _, _, values, flagged in got[0][2]]
    assert [(label, values) for label, values, _ in rows] == [
        ("Investeringsforslag: Først", {"2023": 0, "2024": -100}), ("Anlæg", {"2023": 200, "2024": 50}),
        ("Investeringsforslag: Midt", {"2023": 0, "2024": -300}), ("Anlæg", {"2023": 10, "2024": 0}),
        ("Investeringsforslag: Sidst", {"2023": -5, "2024": -20}), ("Anlæg/drift", {"2023": 70, "2024": 0}),
        ("Nettoeffektivisering", {"2023": -5, "2024": -420}), ("Investeringsbehov", {"2023": 280, "2024": 50})]
    # two proposals (and two area rows) filled in beside an inline one: only their written order places them, so
    # they are flagged; the inline ones and the totals are not
    assert [bool(f) for _, _, f in rows] == [True, True, False, False, True, True, False, False]
    # with the first proposal's label inline too, the one left is placed by elimination: nothing flagged
    decided = INLINE.replace("    Skoler\n    Forslag\n    2023\n    2024\n",
                             "    Skoler\n    Forslag\n    2023\n    2024\n    Investeringsforslag: Først\n"
                             ).replace("    Investeringsforslag: Først\n    Anlæg\n    Investeringsforslag: Sidst",
                                       "    Anlæg\n    Investeringsforslag: Sidst")
    assert decided.count("Først") == 1
    rows = _read(decided)[0][2]
    assert [(label, bool(f)) for label, _, _, _, f in rows][:2] == [("Investeringsforslag: Først", False),
                                                                   ("Anlæg", True)]
    assert not any(f for label, *_, f in rows if label.startswith("Investeringsforslag"))


# pdftotext wrote the first block's name over its figures, its labels after every figure; the second block's labels
# inline among its figures but for one, written with its name after the first block's labels
IN_TURN = """
    Oversigt over smarte investeringer
    Skoler
""" + FIRST_BLOCK + """    Forslag
    2023
    2024
    Investeringsforslag: Skærme i
    plejen
    -5
    -20
    Anlæg/drift
    70
    0
    -10
    -30
    Anlæg
    5
    5
    Nettoeffektivisering
    -15
    -50
    Investeringsbehov
    75
    5
    I alt
    2023
    2024
    Nettoeffektivisering
    -15
    -450
    Investeringsbehov
    285
    55
""" + FIRST_LABELS + """    Ældre
    Investeringsforslag: Robotter
    I alt
    *Der kan forekomme afrundingsforskelle
"""


def test_labels_written_nowhere_near_their_blocks_are_read_in_turn():
    """Rule `overview-labels-in-turn`: the blocks' names are the last names written (the title's stand over the
    first figures), each block takes as many proposals as its rows of figures hold, an inline label its own row,
    the rest the free rows in the order written. Those placed by the order alone, among two blocks with free
    rows, are flagged; the totals, which add up, are not."""
    got = _read(IN_TURN)
    assert got is not None
    assert [(name, years) for name, years, _ in got] == [("Skoler", [2023, 2024]), ("Ældre", [2023, 2024]),
                                                         ("I alt", [2023, 2024])]
    first = {label: (values, bool(flagged)) for label, _, _, values, flagged in got[0][2]}
    assert first["Smart investeringsforslag: Bedre Indkøb"] == ({"2023": 0, "2024": -300}, True)
    assert first["Nettoeffektivisering"] == ({"2023": 0, "2024": -400}, False)
    second = [(label, values, bool(flagged)) for label, _, _, values, flagged in got[1][2]]
    assert second[0] == ("Investeringsforslag: Skærme i plejen", {"2023": -5, "2024": -20}, False)
    assert second[2] == ("Investeringsforslag: Robotter", {"2023": -10, "2024": -30}, True)
    assert second[4] == ("Nettoeffektivisering", {"2023": -15, "2024": -50}, False)
    assert got[2][2][1][3] == {"2023": 285, "2024": 55}


def test_labels_in_turn_that_do_not_fit_the_rows_read_nothing():
    """One proposal's label too many for the rows of figures: no block takes it, nothing is read."""
    extra = IN_TURN.replace("    Investeringsforslag: Robotter\n",
                            "    Investeringsforslag: Robotter\n    Investeringsforslag: Mere\n")
    assert _read(extra) is None


# pdfminer's text boxes: each row's figures a box, the labels boxes of their own between them, a proposal's label
# written straight before the area row above it (not before its own row)
APART = """
    Skoler
    Forslag
    2023
    2024
    Investeringsforslag: Først
    0
    -100
    Anlæg
    Investeringsforslag: Midt
    200
    50
    0
    -300
    Anlæg
    Nettoeffektivisering
    Investeringsbehov
    I alt
    I alt
    Nettoeffektivisering
    Investeringsbehov
    10
    0
    0
    -400
    210
    50
    2023
    2024
    0
    -400
    210
    50
"""


def test_labels_written_before_another_kinds_row_take_their_rows_in_order_flagged():
    """Rule `overview-labels-apart`: "Investeringsforslag: Midt" stands before the first area row's figures, a
    row of another kind: no label is anchored; the labels take their kind's rows in the order written, flagged
    (two proposals: only the order places them); the totals, whose labels say which rows they are, decide."""
    got = _read(APART)
    assert got is not None
    rows = [(label, values, bool(flagged)) for label, _, _, values, flagged in got[0][2]]
    assert rows == [
        ("Investeringsforslag: Først", {"2023": 0, "2024": -100}, True), ("Anlæg", {"2023": 200, "2024": 50}, True),
        ("Investeringsforslag: Midt", {"2023": 0, "2024": -300}, True), ("Anlæg", {"2023": 10, "2024": 0}, True),
        ("Nettoeffektivisering", {"2023": 0, "2024": -400}, False),
        ("Investeringsbehov", {"2023": 210, "2024": 50}, False)]


# a template with an area column ("Styringsområde") and ruled rows, as pdftotext writes it: each block's name over
# the unit, each proposal's name written twice (its own row's label and its area row's group), the area row's
# label; then the header years and the figures as text boxes: the first row's figures a line each, then before
# each area row its area cell and the boxes of that row and the rows under it (a column's figures one under
# another); the grand block's years each in one box with its first figure
RULED_BLOCK_SKOLER = """
    Oversigt over smarte investeringer
    Skoler
    1.000 kr. p/l
    Smart investeringsforslag: Ny
    løsning
    Smart investeringsforslag: Ny
    løsning
    Anlæg
    Smart investeringsforslag: Bedre
    Indkøb
    Smart investeringsforslag:
    Bedre Indkøb
    Anlæg
    Nettoeffektivisering
    Investeringsbehov

    Styringsom
    råde

    2023

    2024

    2025

    0

    -100

    -200

    Anlæg

    300
    0

    50
    0

    0
    -50

    Anlæg

    100
    0
    400

    0
    -100
    50

    0
    -250
    0

"""
RULED_BLOCK_AELDRE_LABELS = """
    Ældre
    1.000 kr. p/l
    Investeringsforslag: Skærme i
    plejen
    Investeringsforslag: Skærme i
    plejen
    Anlæg/drift
    Nettoeffektivisering
    Investeringsbehov
"""
RULED_BLOCK_AELDRE_FIGURES = """
    Styringsom
    råde

    2023

    2024

    2025

    -5

    -20

    -20

    Anlæg/drift

    70
    -5
    70

    0
    -20
    0

    0
    -20
    0

"""
RULED_GRAND = """
    I alt
    1.000 kr. p/l
    Nettoeffektivisering

    2023
    -5

    2024
    -120

    2025
    -270

    Investeringsbehov

    470

    50

    0
"""
RULED_EXPECTED = [
    ("Skoler", [2023, 2024, 2025], [
        ("Smart investeringsforslag: Ny løsning", None, None, {"2023": 0, "2024": -100, "2025": -200}, []),
        ("Anlæg", "Smart investeringsforslag: Ny løsning", "Anlæg", {"2023": 300, "2024": 50, "2025": 0}, []),
        ("Smart investeringsforslag: Bedre Indkøb", None, None, {"2023": 0, "2024": 0, "2025": -50}, []),
        ("Anlæg", "Smart investeringsforslag: Bedre Indkøb", "Anlæg", {"2023": 100, "2024": 0, "2025": 0}, []),
        ("Nettoeffektivisering", None, None, {"2023": 0, "2024": -100, "2025": -250}, []),
        ("Investeringsbehov", None, None, {"2023": 400, "2024": 50, "2025": 0}, [])]),
    ("Ældre", [2023, 2024, 2025], [
        ("Investeringsforslag: Skærme i plejen", None, None, {"2023": -5, "2024": -20, "2025": -20}, []),
        ("Anlæg/drift", "Investeringsforslag: Skærme i plejen", "Anlæg/drift", {"2023": 70, "2024": 0, "2025": 0},
         []),
        ("Nettoeffektivisering", None, None, {"2023": -5, "2024": -20, "2025": -20}, []),
        ("Investeringsbehov", None, None, {"2023": 70, "2024": 0, "2025": 0}, [])]),
    ("I alt", [2023, 2024, 2025], [
        ("Nettoeffektivisering", None, None, {"2023": -5, "2024": -120, "2025": -270}, []),
        ("Investeringsbehov", None, None, {"2023": 470, "2024": 50, "2025": 0}, [])]),
]


def test_column_boxes_names_written_twice_and_years_boxed_with_the_first_row_read_as_rows():
    # rules overview-column-boxes, overview-name-twice, years-among-first-row; a block's last total label over
    # the next column headers names no block
    text = RULED_BLOCK_SKOLER + RULED_BLOCK_AELDRE_LABELS + RULED_BLOCK_AELDRE_FIGURES + RULED_GRAND
    assert _read(text) == RULED_EXPECTED


def test_pdfminer_labels_of_two_blocks_before_their_figures_and_years_among_the_first_row():
    # pdfminer: the second block's name and labels before the first block's figures; the area cells written at
    # their rows' figures belong to the block of those figures; a year's box and a first-row box in turn
    skoler_labels, skoler_figures = RULED_BLOCK_SKOLER.split("\n\n    Styringsom", 1)
    skoler_figures = ("\n    Styringsom" + skoler_figures).replace(
        "    2024\n\n    2025\n\n    0\n\n    -100\n\n    -200\n",
        "    2024\n\n    0\n\n    -100\n\n    2025\n\n    -200\n")
    assert skoler_figures.count("2025") == 1
    text = (skoler_labels + "\n" + RULED_BLOCK_AELDRE_LABELS + skoler_figures + RULED_BLOCK_AELDRE_FIGURES
            + RULED_GRAND)
    assert _read(text) == RULED_EXPECTED


def test_boxes_that_do_not_span_every_year_column_are_read_as_written():
    # two boxes of two lines for three year columns: no run of boxes spans the columns, so no box is read down;
    # the rows then do not fit the labels and the totals, and nothing is read
    text = (RULED_BLOCK_SKOLER + RULED_BLOCK_AELDRE_LABELS + RULED_BLOCK_AELDRE_FIGURES + RULED_GRAND).replace(
        "    300\n    0\n\n    50\n    0\n\n    0\n    -50\n", "    300\n    0\n\n    50\n    0\n\n    0\n\n    -50\n")
    got = _read(text)
    assert got is None or all(flagged == sorted(values) for _, _, rows in got for *_, values, flagged in rows)


def test_a_first_row_among_years_more_figures_than_years_is_no_header():
    from extract.overview_cells import _year_run

    lines = lines_of("2023\n1\n2\n3\n2024\n5\n")
    run, among, end = _year_run(lines, 0)
    assert [ln.text for ln in run] == ["2023"] and among == [] and end == 1
    lines = lines_of("2023\n1\n2024\n2\n2025\n3\n")
    run, among, end = _year_run(lines, 0)
    assert [ln.text for ln in run] == ["2023", "2024", "2025"] and [ln.text for ln in among] == ["1", "2"]
    assert lines[end - 1].text == "2025"  # the figure after the last year is not among the first row's


def _boxes(*cells: str) -> str:
    """pdfminer's way: each text box, a blank line after it."""
    return "\n\n".join(cells) + "\n"


# two blocks of one proposal each over three years, and "I alt": the labels first, then each block's years and
# figures. pdfminer made text boxes of neighbouring columns and wrote each box row by row: the first block's 2023
# column, then its 2024-2025 columns; the second block's 2023-2024 columns, then its 2025 column
COLUMN_GROUPS = _boxes(
    "Oversigt over investeringsforslag", "Skoler", "Forslag", "Investeringsforslag: Ny løsning", "Anlæg",
    "Nettoeffektivisering", "Investeringsbehov", "Ældre", "Forslag", "Investeringsforslag: Skærme", "Anlæg/drift",
    "Nettoeffektivisering", "Investeringsbehov", "I alt", "I alt", "Nettoeffektivisering", "Investeringsbehov",
    "*Der kan forekomme afrundingsforskelle i oversigten",
    "2023", "2024", "2025", "0", "300", "0", "300", "-100", "-200", "50", "0", "-100", "-200", "50", "0",
    "2023", "2024", "2025", "0", "0", "100", "0", "0", "0", "100", "0", "-50", "0", "-50", "0",
    "2023", "2024", "2025", "0", "-100", "-250", "400", "50", "0")


def test_pdfminer_boxes_of_neighbouring_columns_each_row_by_row_are_read_where_one_split_holds():
    """Rule `overview-column-groups`: read as written (row by row over every column) the blocks' totals fail;
    of every split of the columns into runs, each run written row by row, the totals hold for one set of
    figures per block (and "I alt" over them): those are the rows, decided."""
    got = _read(COLUMN_GROUPS)
    assert got is not None
    values = {(name, label): (cells, flagged) for name, _, rows in got for label, _, _, cells, flagged in rows}
    assert values[("Skoler", "Investeringsforslag: Ny løsning")] == ({"2023": 0, "2024": -100, "2025": -200}, [])
    assert values[("Skoler", "Anlæg")] == ({"2023": 300, "2024": 50, "2025": 0}, [])
    assert values[("Ældre", "Investeringsforslag: Skærme")] == ({"2023": 0, "2024": 0, "2025": -50}, [])
    assert values[("Ældre", "Anlæg/drift")] == ({"2023": 100, "2024": 0, "2025": 0}, [])
    assert values[("I alt", "Investeringsbehov")] == ({"2023": 400, "2024": 50, "2025": 0}, [])
    # "I alt" that adds up under no split: nothing decided, every figure flagged as before
    broken = _read(COLUMN_GROUPS.replace("\n400\n", "\n410\n"))
    assert broken is not None
    assert all(flagged == sorted(cells) for _, _, rows in broken for *_, cells, flagged in rows)


def test_column_group_orders_give_every_split_of_the_columns_into_runs():
    """Two rows over three columns: four splits (no cut, after the first, after the second, both); each run's
    cells written row by row, returned row by row. The first is the order written; the last, every column a run,
    column by column."""
    from extract.overview_cells import column_group_orders

    written = [(str(k), None) for k in range(6)]
    orders = [[f for f, _ in order] for order in column_group_orders(written, 2, 3)]  # type: ignore[arg-type]
    assert orders == [["0", "1", "2", "3", "4", "5"],  # one run: as written
                      ["0", "1", "4", "2", "3", "5"],  # the first two columns a run, then the third
                      ["0", "2", "3", "1", "4", "5"],  # the first column, then the other two
                      ["0", "2", "4", "1", "3", "5"]]  # column by column
    assert column_group_orders(written[:5], 2, 3) == []  # not a whole block of figures


def test_a_blocks_name_written_straight_after_a_proposals_label_is_the_blocks_name():
    """Rule `block-name-after-label`: pdftotext wrote the later block's name straight after a proposal's label
    (and its column's head after it). A line that starts a label of its own after a label that reads as complete,
    with the column's head ("Forslag") after it, names a block; a line that goes on with the label (after "i",
    in lower case) stays the label's, and without the column's head after it the name is the label's too; the
    overview's own heading ("Oversigt over ...") then names no block in its place: nothing is read."""
    labels_last = IN_TURN.replace("    Ældre\n    Investeringsforslag: Robotter\n",
                                  "    Investeringsforslag: Robotter\n    Ældre\n    Forslag\n")
    got = _read(labels_last)
    assert got is not None
    assert [name for name, _, _ in got] == ["Skoler", "Ældre", "I alt"]
    assert [label for label, *_ in got[1][2]][2] == "Investeringsforslag: Robotter"
    wrapped = labels_last.replace("Investeringsforslag: Robotter\n", "Investeringsforslag: Robotter i\n")
    assert _read(wrapped) is None  # "Ældre" goes on with the label: one block's name short, nothing read
    no_head = labels_last.replace("    Ældre\n    Forslag\n", "    Ældre\n")
    assert _read(no_head) is None
