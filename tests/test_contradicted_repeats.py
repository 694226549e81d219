"""A reading that every total confirms can still be wrong where two rows trade figures within a column: the
document's own repeats show it. Rule `repeat-contradicts` (extract/placement.flag_contradicted_repeats): Tabel 2-N
against Tabel 1; rule `overview-contradicted` (extract/overview_cells.flag_contradicted_overview): an overview
against the proposals in the same file. What they contradict is stored flagged, never as decided."""
from __future__ import annotations

from extract.checks import run_checks
from extract.overview_cells import flag_contradicted_overview
from extract.placement import PlacedTable, flag_contradicted_repeats
from extract.records import Cell, ExtractedDocument, Table, TableRow
from extract.tables import RawRow, Token
from parsers.records import Line


def _row(label: str, figures: list[str], inferred: str | None = None) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    placed = {str(2025 + i): Token(text, line) for i, text in enumerate(figures)}
    row = RawRow([label], [line], None, list(placed.values()), placed=placed)
    row.inferred_by = inferred
    return row


def _tables(rebuilt: bool) -> tuple[list[RawRow], list[RawRow]]:
    """Tabel 1 read off whole rows; Tabel 2's two middle rows as a reading that took pdfminer's column-by-column
    boxes ("-623 / 813 / -831 / 813 / ...") row by row: the two rows trade figures in 2026, and the total holds."""
    first = [_row("Effektiviseringsgevinst", ["-2.980", "-2.980", "-2.980"]),
             _row("Reducerede lønudgifter", ["-623", "-831", "-831"]),
             _row("Nye lønudgifter til support", ["813", "813", "813"]),
             _row("Samlet varig ændring", ["-2.790", "-2.998", "-2.998"])]
    second = [_row("Effektiviseringsgevinst", ["-2.980", "-2.980", "-2.980"]),
              _row("Reducerede lønudgifter", ["-623", "813", "-831"]),
              _row("Nye lønudgifter til support", ["813", "-831", "813"]),
              _row("Varige ændringer totalt, service", ["-2.790", "-2.998", "-2.998"])]
    tables = [PlacedTable(1, "1.000 kr.", first), PlacedTable(2, "1.000 kr.", second, rebuilt=rebuilt)]
    flag_contradicted_repeats(tables)
    return first, second


def test_figures_a_rebuilt_reading_traded_within_a_column_are_flagged():
    first, second = _tables(rebuilt=True)
    assert second[1].uncertain == {"2026": []} and second[2].uncertain == {"2026": []}
    assert not second[0].uncertain
    # a total confirms the rows above it only as they were read (two blocks may trade a column, totals and all)
    assert second[3].uncertain == {"2026": []}
    # Tabel 1 was read off whole rows: its figures stand as read
    assert all(not r.uncertain for r in first)


def test_copies_both_read_off_whole_rows_are_the_sources_own_and_stay_as_read():
    first, second = _tables(rebuilt=False)
    assert all(not r.uncertain for r in first + second)


def test_a_placement_the_evidence_inferred_is_flagged_where_contradicted():
    first = [_row("Drift", ["100", "200"])]
    second = [_row("Drift", ["-", "100"], inferred="placed-by: spacing")]
    flag_contradicted_repeats([PlacedTable(1, "1.000 kr.", first), PlacedTable(3, "1.000 kr.", second)])
    assert second[0].uncertain == {"2025": [], "2026": []} and not first[0].uncertain


def test_tables_in_another_unit_are_not_compared():
    first = [_row("Drift", ["100", "200"])]
    second = [_row("Drift", ["1", "2"])]
    flag_contradicted_repeats([PlacedTable(1, "1.000 kr.", first), PlacedTable(2, "årsværk", second, rebuilt=True)])
    assert not second[0].uncertain


def _cells(values: list[float]) -> list[Cell]:
    return [Cell(str(2019 + i), v) for i, v in enumerate(values)]


def _proposal(ordinal: int, title: str, net: list[float]) -> ExtractedDocument:
    t1 = Table(1, "Forslagets samlede økonomiske konsekvenser", 2019, "1.000 kr.", [2019, 2020, 2021], [
        TableRow("Færre registreringer", "Varige ændringer", "Service", False, _cells(net)),
        TableRow("Samlet varig ændring", "Varige ændringer", None, True, _cells(net))])
    return ExtractedDocument("bundle.txt", ordinal, "investeringsforslag", title=title, tables=[t1])


def _overview() -> ExtractedDocument:
    """A block whose two proposals' labels the dump wrote before both their figures: read in that order, each took
    the other's row, and the block's total adds up either way."""
    rows = [TableRow("Investeringsforslag: Skærmbesøg", None, None, False, _cells([0, -1800, -2600])),
            TableRow("Investeringsforslag: Digital dokumentation", None, None, False, _cells([0, -100, -300])),
            TableRow("Nettoeffektivisering", None, None, True, _cells([0, -1900, -2900]))]
    block = Table(None, "Voksne med funktionsnedsættelse", None, "1.000 kr.", [2019, 2020, 2021], rows)
    return ExtractedDocument("bundle.txt", 1, "overview", title="Oversigt", tables=[block])


def test_an_overview_row_its_proposal_contradicts_is_flagged_with_its_blocks_other_rows():
    docs = [_overview(), _proposal(2, "Digital dokumentation", [0, -1800, -2600])]
    flag_contradicted_overview(docs, dumped={0})
    rows = docs[0].tables[0].rows
    # the proposal in the file has -1.800: the row it traded with (no proposal in the file) is as doubtful
    assert rows[1].uncertain_keys() == ["2020", "2021"] and rows[0].uncertain_keys() == ["2020", "2021"]
    assert rows[2].uncertain_keys() == []  # the total adds up whichever row holds which figures
    assert all(not c.uncertain for t in docs[1].tables for r in t.rows for c in r.cells)
    findings = run_checks(docs)
    assert {f.rule for f in findings} >= {"overview-agrees", "placement-ambiguous"}


def test_an_overview_read_off_a_pdfs_positions_or_within_its_rounding_is_left_as_read():
    docs = [_overview(), _proposal(2, "Digital dokumentation", [0, -1800, -2600])]
    flag_contradicted_overview(docs, dumped=set())
    assert all(not r.uncertain_keys() for r in docs[0].tables[0].rows)
    # -150 and -350 round (half away from zero) to -200 and -400, not the overview's -100 and -300: the check
    # reports it, but a rounding of the source's own is no sign of a misreading
    docs = [_overview(), _proposal(2, "Digital dokumentation", [0, -150, -350])]
    assert {f.rule for f in run_checks(docs)} >= {"overview-agrees"}
    flag_contradicted_overview(docs, dumped={0})
    assert all(not r.uncertain_keys() for r in docs[0].tables[0].rows)


def test_an_overview_that_differs_from_its_proposal_without_a_trade_is_the_sources_own():
    # the proposal's -3.000 stands in no row of the block: an overview made before the proposal's last figures
    docs = [_overview(), _proposal(2, "Digital dokumentation", [0, -3000, -4000])]
    assert {f.rule for f in run_checks(docs)} >= {"overview-agrees"}
    flag_contradicted_overview(docs, dumped={0})
    assert all(not r.uncertain_keys() for r in docs[0].tables[0].rows)
