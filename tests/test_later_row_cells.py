"""pdftotext's cell-per-line reading order (poppler's default), rows it splits or joins where it writes cells
apart from their rows: rules `cells-of-later-rows`, `figure-run-split`, `heading-after-its-rows`,
`block-figures-before-labels` (extract/later_row_cells.py), and `header-year-in-body` (extract/tables.py); the
search they share (placement.totals_can_hold). Synthetic snippets, a cell per line with blank lines between."""
from __future__ import annotations

from extract import later_row_cells
from extract.document import extract_document
from extract.later_row_cells import cells_of_later_rows, heading_to_block_top
from extract.placement import SearchBudget, place_table, totals_can_hold
from extract.settings import TextSettings
from extract.tables import RawRow, TableHeader, Token
from parsers.records import Line, SourceDocument
from parsers.textfile import text_to_lines


def _doc(cells: list[str]):
    head = ["INVESTERINGSFORSLAG", "Forslagets titel: BC01 Nyt system"]
    text = "\n\n".join(head + cells)
    return extract_document(SourceDocument("s.txt", 1, "business_case", text_to_lines(text)))


def _table(doc, number: int):
    return next(t for t in doc.tables if t.number == number)


CAPTION_1 = ["Tabel 1. Forslagets samlede økonomiske konsekvenser", "1.000 kr. 2022 p/l", "Styringsområde",
             "2021", "2022", "2023", "2024"]
PERMANENT = ["Varige ændringer",
             "Besparelse på drift", "Service", "-500", "-800", "-800",
             "Drift af system", "Service", "100", "100", "100",
             "Varige ændringer i alt", "Service", "-400", "-700", "-700"]
# pdftotext wrote Projektledelse's 2022 cell and the grand total's 2023-2024 cells right after the permanent
# changes' total, as if they went on it; the rows they belong to come out short where they stand
HOISTED = ["200", "-700", "-700"]
IMPLEMENTATION = ["Implementeringsomkostninger",
                  "Projektledelse", "Anlæg", "300",
                  "Indkøb af system", "Anlæg", "1.000",
                  "Implementeringsomkostninger i alt", "1.300", "200",
                  "Samlet økonomisk påvirkning", "1.300", "-200"]


def test_cells_written_after_a_full_row_go_to_the_later_rows_the_totals_say():
    t1 = _table(_doc(CAPTION_1 + PERMANENT + HOISTED + IMPLEMENTATION), 1)
    rows = {r.label: r for r in t1.rows}
    assert rows["Varige ændringer i alt"].values() == {"2022": -400, "2023": -700, "2024": -700}
    assert rows["Samlet økonomisk påvirkning"].values() == {"2021": 1300, "2022": -200, "2023": -700, "2024": -700}
    assert rows["Besparelse på drift"].values() == {"2022": -500, "2023": -800, "2024": -800}
    assert rows["Projektledelse"].values() == {"2021": 300, "2022": 200}
    assert [r.label for r in t1.rows].count("Samlet økonomisk påvirkning") == 1
    # short rows in a table written a cell per line: every figure stays flagged (`assembly-unconfirmed`)
    assert "2022" in rows["Projektledelse"].uncertain_keys()


def _row(label: str, *figures: str) -> RawRow:
    lines = [Line(f, None, n) for n, f in enumerate(figures)]
    return RawRow([label] if label else [], lines, None, [Token(f, ln) for f, ln in zip(figures, lines, strict=True)])


def test_a_figure_the_totals_give_to_either_of_two_rows_goes_to_the_nearer_in_doubt():
    header = TableHeader([2021, 2022, 2023, 2024], "1000 kr.", 2022, False, False, 0)
    rows = [_row("Varige ændringer"), _row("Besparelse på drift", "-500", "-800", "-800"),
            _row("Drift af system", "100", "100", "100"),
            _row("Varige ændringer i alt", "-400", "-700", "-700", "200"), _row("", "-700", "-700"),
            _row("Implementeringsomkostninger"), _row("Projektledelse", "300"), _row("Indkøb af system", "1.000"),
            _row("Implementeringsomkostninger i alt", "1.300", "200"),
            _row("Samlet økonomisk påvirkning", "1.300", "-200")]
    out = {r.label: r for r in cells_of_later_rows(rows, header)}
    assert [t.text for t in out["Projektledelse"].numbers] == ["300", "200"]
    assert [t.text for t in out["Projektledelse"].figures_in_doubt] == ["200"]  # Indkøb's, says another split
    assert [t.text for t in out["Samlet økonomisk påvirkning"].numbers] == ["1.300", "-200", "-700", "-700"]
    assert not out["Samlet økonomisk påvirkning"].figures_in_doubt
    assert [t.text for t in out["Varige ændringer i alt"].numbers] == ["-400", "-700", "-700"]
    assert len(out) == len(rows) - 1  # the row of figures without a label is gone
    placed = list(out.values())
    place_table(placed, header, {})
    assert out["Projektledelse"].placed["2022"].text == "200" and "2022" in out["Projektledelse"].uncertain


def test_a_figure_in_doubt_stays_flagged_where_the_totals_decide_its_year():
    header = TableHeader([2021, 2022], "1000 kr.", 2022, False, False, 0)
    rows = [_row("Projekt", "100"), _row("Drift", "50", "50"), _row("I alt", "150", "50")]
    place_table(rows, header, {})
    assert rows[0].placed["2021"].text == "100" and not rows[0].uncertain  # the total decides 2021
    rows[0].figures_in_doubt = [rows[0].numbers[0]]  # ...but another reading gave the figure to another row
    place_table(rows, header, {})
    assert "2021" in rows[0].uncertain


def test_cells_after_a_full_row_stay_where_no_split_makes_the_totals_hold():
    wrong = ["200", "-700", "-600"]  # the grand total's last cell no longer adds up under any split
    t1 = _table(_doc(CAPTION_1 + PERMANENT + wrong + IMPLEMENTATION), 1)
    rows = {r.label: r for r in t1.rows}
    assert rows["Projektledelse"].values() == {"2021": 300}
    grand = [r for r in t1.rows if r.label == "Samlet økonomisk påvirkning"]
    assert len(grand) == 2  # as read: the figures left over taken for a grand total without a label
    assert all(set(r.uncertain_keys()) == set(r.values()) for r in grand)  # and stored flagged


CAPTION_3 = ["Tabel 3. Varige ændringer, service", "1.000 kr. 2022 p/l", "2021", "2022", "2023", "2024"]
# two rows' figures in one run before any label, then a row with its label, whose figures run on into the
# total's; the other labels after the table: the line reading fills the first row of each run to the columns
RUNS = ["-500", "-800", "-800", "100", "100", "100",
        "Drift af nyt system", "50", "50", "50", "-350", "-650", "-650",
        "Besparelse på løn", "Drift af gammelt system", "I alt"]


def _values_in_order(row) -> list[float]:
    return [row.values()[k] for k in sorted(row.values())]


def test_a_run_of_figures_is_split_between_its_rows_where_the_totals_hold():
    t3 = _table(_doc(CAPTION_3 + RUNS), 3)
    rows = {r.label: _values_in_order(r) for r in t3.rows}
    assert rows == {"Besparelse på løn": [-500, -800, -800], "Drift af gammelt system": [100, 100, 100],
                    "Drift af nyt system": [50, 50, 50], "I alt": [-350, -650, -650]}


def test_a_run_of_figures_stays_split_as_read_when_no_split_adds_up():
    runs = [("-640" if t == "-650" else t) for t in RUNS]  # the total adds up under no split
    t3 = _table(_doc(CAPTION_3 + runs), 3)
    rows = {r.label: _values_in_order(r) for r in t3.rows}
    assert rows["Besparelse på løn"] == [-500, -800, -800, 100]  # the columns filled as read
    assert all(set(r.uncertain_keys()) == set(r.values()) for r in t3.rows)


CAPTION_2 = ["Tabel 2. Årsværk til projektet", "2021", "2022"]
# the header's third year written after the first row's figures; the rows after it have three figures
YEAR_LATE = ["Systemejer", "1", "0,5", "2023",
             "Projektleder", "1", "1", "0,5",
             "I alt", "2", "1,5", "0,5"]


def test_a_next_year_alone_among_the_rows_heads_a_column_when_rows_after_it_need_one():
    t2 = _table(_doc(CAPTION_2 + YEAR_LATE), 2)
    assert t2.years == [2021, 2022, 2023]
    rows = {r.label: r.values() for r in t2.rows}
    assert rows["Projektleder"] == {"2021": 1, "2022": 1, "2023": 0.5}
    assert rows["I alt"] == {"2021": 2, "2022": 1.5, "2023": 0.5}
    assert not any(2023 in r.values().values() for r in t2.rows)


def test_a_next_year_alone_stays_a_figure_when_no_row_needs_another_column():
    cells = ["Systemejer", "1", "0,5", "2023", "Projektleder", "1", "1", "I alt", "2", "1,5"]
    t2 = _table(_doc(CAPTION_2 + cells), 2)
    assert t2.years == [2021, 2022]


# a block's figures row after row, then its label cells (each with its area), then the next block as usual; the
# grand total's last three years written with them (Tabel 1 of an office template through pdftotext)
BLOCK_FIRST = ["-100", "-100", "-100", "20", "50", "50", "50", "20", "-50", "-50", "-50", "-50", "-50", "-50",
               "Varige ændringer", "Besparelse på løn", "Service", "Drift af robot", "Service",
               "Samlet varig ændring",
               "Implementeringsomkostninger", "Udvikling af robot", "Service", "150",
               "Samlede implementeringsomkostninger", "150", "Samlet økonomisk påvirkning", "170"]


def test_a_blocks_figures_written_before_its_labels_go_to_them_as_the_totals_say():
    t1 = _table(_doc(CAPTION_1 + BLOCK_FIRST), 1)
    rows = {r.label: r for r in t1.rows}
    assert rows["Besparelse på løn"].values() == {"2022": -100, "2023": -100, "2024": -100}
    assert rows["Besparelse på løn"].area == "Service"
    assert rows["Drift af robot"].values() == {"2021": 20, "2022": 50, "2023": 50, "2024": 50}
    assert rows["Samlet varig ændring"].values() == {"2021": 20, "2022": -50, "2023": -50, "2024": -50}
    assert rows["Udvikling af robot"].values() == {"2021": 150}
    assert rows["Samlet økonomisk påvirkning"].values() == {"2021": 170, "2022": -50, "2023": -50, "2024": -50}
    assert rows["Besparelse på løn"].group == "Varige ændringer"
    assert rows["Udvikling af robot"].group == "Implementeringsomkostninger"


def test_a_blocks_figures_before_its_labels_stay_as_read_without_a_total_to_check():
    cells = ["-100", "-100", "-100", "20", "50", "50", "50",
             "Varige ændringer", "Besparelse på løn", "Service", "Drift af robot", "Service",
             "Implementeringsomkostninger", "Udvikling af robot", "Service", "150"]
    t1 = _table(_doc(CAPTION_1 + cells), 1)
    rows = {r.label: r for r in t1.rows}
    # as the line reading filled the columns (`labels-after-block`), every figure flagged
    assert _values_in_order(rows["Besparelse på løn"]) == [-100, -100, -100, 20]
    assert all(set(r.uncertain_keys()) == set(r.values()) for r in t1.rows)


# a total's label written after its figures, which the row above took, and the block's heading written after
# the block's rows, right before that label
# (and the header's later years after the figures, `header-tail-in-body`)
TOTAL_LATE = ["Tabel 3. Serviceinvesteringer i forslaget", "1.000 kr. 2022 p/l", "2022", "2023",
              "Projektledelse", "600", "600", "Udvikling af løsninger", "800", "1.200", "1.400", "1.800",
              "2024", "2025", "Implementeringsomkostninger", "Samlede implementeringsomkostninger",
              "Note til alle tabeller: Alle besparelser er angivet med negativt (-) fortegn.", "1. Baggrund og formål",
              "Forslaget handler om noget andet."]


def test_a_totals_figures_taken_by_the_row_above_go_back_to_it_and_its_heading_to_the_top():
    t3 = _table(_doc(TOTAL_LATE), 3)
    rows = {r.label: _values_in_order(r) for r in t3.rows if r.cells}
    assert rows == {"Projektledelse": [600, 600], "Udvikling af løsninger": [800, 1200],
                    "Samlede implementeringsomkostninger": [1400, 1800]}
    # the heading heads the rows above its total: they are the implementation block's
    assert [r.group for r in t3.rows if not r.is_total] == ["Implementeringsomkostninger"] * 2


def test_a_totals_figures_stay_with_the_row_above_when_no_split_adds_up():
    cells = [("1.790" if t == "1.800" else t) for t in TOTAL_LATE]
    t3 = _table(_doc(cells), 3)
    rows = {r.label: _values_in_order(r) for r in t3.rows if r.cells}
    assert rows["Udvikling af løsninger"] == [800, 1200, 1400, 1790]
    assert "Samlede implementeringsomkostninger" not in rows


def _hoisted_rows() -> list[RawRow]:
    return [_row("Varige ændringer"), _row("Besparelse på drift", "-500", "-800", "-800"),
            _row("Drift af system", "100", "100", "100"),
            _row("Varige ændringer i alt", "-400", "-700", "-700", "200"), _row("", "-700", "-700"),
            _row("Implementeringsomkostninger"), _row("Projektledelse", "300"), _row("Indkøb af system", "1.000"),
            _row("Implementeringsomkostninger i alt", "1.300", "200"),
            _row("Samlet økonomisk påvirkning", "1.300", "-200")]


def test_some_placement_making_every_total_add_up_is_found_or_said_to_be_none():
    header = TableHeader([2021, 2022, 2023, 2024], "1000 kr.", 2022, False, False, 0)
    rows = cells_of_later_rows(_hoisted_rows(), header)
    assert totals_can_hold(rows, header) is True
    assert totals_can_hold(_hoisted_rows(), header) is False  # as read: the grand totals cannot both add up
    assert totals_can_hold(rows, header, budget=SearchBudget(3)) is None  # too few tries to tell
    assert totals_can_hold([_row("Projektledelse", "300")], header) is False  # no total to check


def test_a_split_past_the_rules_budget_leaves_the_rows_as_read():
    header = TableHeader([2021, 2022, 2023, 2024], "1000 kr.", 2022, False, False, 0)
    rows = _hoisted_rows()
    assert cells_of_later_rows(rows, header, TextSettings(max_split_nodes=40)) is rows
    assert cells_of_later_rows(rows, header, TextSettings(max_later_splits=2)) is rows


def test_figures_after_a_full_row_whose_label_was_found_elsewhere_are_that_rows_own():
    header = TableHeader([2021, 2022, 2023, 2024], "1000 kr.", 2022, False, False, 0)
    rows = _hoisted_rows()
    rows[4].label_parts = ["Drift af nyt system"]  # a label written after its figures, given back to them
    rows[4].label_inferred_by = "label-after-figures: a label written after its figures"
    assert cells_of_later_rows(rows, header) is rows


def test_a_block_without_a_total_is_left_as_read_without_a_search(monkeypatch):
    calls = []
    monkeypatch.setattr(later_row_cells, "totals_can_hold", lambda *a, **k: calls.append(1))
    header = TableHeader([2021, 2022, 2023, 2024], "1000 kr.", 2022, True, False, 0)
    labels = [t for i in range(10) for t in (f"Besparelse nummer {i}", "Service")]
    rows = ([_row("", *["-100"] * 4) for _ in range(10)] + [_row("Varige ændringer"), _row(labels[0])]
            + [RawRow([t], [Line(t, None, 0)]) for t in labels[1:]] + [_row("Udvikling af robot", "150")])
    assert later_row_cells.block_figures_before_labels(rows, header) is rows
    assert not calls  # ten labels, forty figures, no total to check a sharing by: nothing tried


def test_a_heading_goes_to_its_blocks_top_only_before_a_total_left_without_figures():
    heading = _row("Implementeringsomkostninger")
    rows = [_row("Projektledelse", "600", "600"), _row("Udvikling", "800", "1.200"), heading,
            _row("Samlede implementeringsomkostninger")]
    assert heading_to_block_top(rows)[0] is heading
    rows[3] = _row("Samlede implementeringsomkostninger", "1.400", "1.800")  # a total of its own figures
    assert heading_to_block_top(rows) == rows


def test_a_lone_year_under_a_header_with_a_total_column_is_a_total_cell():
    # rows of three figures fill two years and the total column: a bare year after a row's figures is its total
    cells = ["Tabel 2. Licenser", "2021", "2022", "I alt", "Licens", "1.000", "1.023", "2023",
             "Drift", "1", "2", "3", "I alt", "1.001", "1.025", "2.026"]
    t2 = _table(_doc(cells), 2)
    assert t2.years == [2021, 2022]
    assert {r.label: r.values() for r in t2.rows}["Licens"] == {"2021": 1000, "2022": 1023, "total": 2023}


def test_a_run_of_figures_labelled_after_its_block_is_shared_among_all_its_rows_as_the_totals_say():
    # three rows and their total written figures first (short rows: no dash in an empty cell), then the labels;
    # the line reading fills each row to the columns, so every row but the first takes a neighbour's figures
    cells = CAPTION_1 + ["-100", "-100", "-100", "20", "50", "50", "50", "-10", "-10", "-10",
                         "20", "-60", "-60", "-60",
                         "Varige ændringer", "Besparelse på løn", "Service", "Drift af robot", "Service",
                         "Licenser", "Service", "Samlet varig ændring", "Service",
                         "Implementeringsomkostninger", "Udvikling af robot", "Service", "150",
                         "Samlede implementeringsomkostninger", "150", "Samlet økonomisk påvirkning", "170", "-60",
                         "-60", "-60"]
    rows = {r.label: _values_in_order(r) for r in _table(_doc(cells), 1).rows}
    assert rows["Besparelse på løn"] == [-100, -100, -100]
    assert rows["Drift af robot"] == [20, 50, 50, 50]
    assert rows["Licenser"] == [-10, -10, -10]
    assert rows["Samlet varig ændring"] == [20, -60, -60, -60]
