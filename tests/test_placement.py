"""Year placement of text-dump rows: decided by evidence, or stored flagged uncertain (never a silent guess).

Every snippet is written here by hand in the shape a PDF-to-text tool leaves a table: cells run together on one
line, empty cells gone.
"""
from __future__ import annotations

import textwrap

from extract.checks import run_checks
from extract.document import extract_document
from extract.records import ExtractedDocument, TableRow
from parsers.records import SourceDocument
from parsers.textfile import text_to_lines


def extract(text: str) -> ExtractedDocument:
    lines = text_to_lines(textwrap.dedent(text).strip("\n"))
    return extract_document(SourceDocument("snippet.txt", 1, "business_case", lines))


def row(doc: ExtractedDocument, table: int, label: str) -> TableRow:
    return next(r for r in doc.tables[table].rows if r.label == label)


EQUALLY_SHORT = """
    BUSINESS CASE
    Forslagets titel: Ny portal
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2022 p/l
    2021 2022 2023 2024
    Effektiviseringsgevinst -100 -100 -100
    Driftsomkostninger 40 40 40
    Samlet varig ændring -60 -60 -60
"""


def test_equally_short_rows_are_flagged_where_a_shift_changes_the_figure():
    # every row has 3 figures for 4 years: the totals add up whichever 3 years they take, and the single spaces
    # say nothing, so the figure at the end that a shift moves is flagged; the middle years hold the same
    # figure under either placement and are decided
    doc = extract(EQUALLY_SHORT)
    for label in ("Effektiviseringsgevinst", "Driftsomkostninger", "Samlet varig ændring"):
        r = row(doc, 0, label)
        assert len(r.cells) == 3
        keys = [c.key for c in r.cells]
        flagged = r.uncertain_keys()
        assert flagged in ([keys[0]], [keys[-1]])
        assert "2022" not in flagged and "2023" not in flagged
        # the first figure stands under 2021 (the last year empty) or under 2022 (the first year empty)
        cell = next(c for c in r.cells if c.uncertain)
        assert {cell.key, *cell.candidates} in ({"2021", "2022"}, {"2023", "2024"})


def test_flagged_cells_are_reported_and_exported():
    doc = extract(EQUALLY_SHORT)
    findings = [f for f in run_checks([doc]) if f.rule == "placement-ambiguous"]
    assert len(findings) == 3
    assert all(set(f.values["candidates"]) in ({"2021", "2022"}, {"2023", "2024"}) for f in findings)
    exported = doc.to_schema_dict()["tables"][0]["rows"]
    assert all(len(r["uncertain"]) == 1 for r in exported)


def test_totals_arithmetic_decides_a_short_row():
    # B's 3 figures can only stand under 2022-2024: under 2021-2023 the total row stops adding up
    doc = extract("""
        BUSINESS CASE
        Forslagets titel: Ny portal
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2022 p/l
        2021 2022 2023 2024
        Effektiviseringsgevinst 10 20 30 40
        Driftsomkostninger 5 6 7
        Samlet varig ændring 10 25 36 47
    """)
    r = row(doc, 0, "Driftsomkostninger")
    assert r.values() == {"2022": 5, "2023": 6, "2024": 7}
    assert r.uncertain_keys() == []
    assert all("totals" in c.prov.inferred_by for c in r.cells)  # the evidence used is recorded with each figure


def test_a_repeated_table_decides_where_its_own_arithmetic_cannot():
    # Tabel 2 repeats Tabel 1's rows under its own year header, every row one short: Tabel 1 (complete, so
    # decided) says the figures start in 2022
    doc = extract("""
        BUSINESS CASE
        Forslagets titel: Ny portal
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2022 p/l
        2021 2022 2023 2024
        Effektiviseringsgevinst 0 -300 -500 -700
        Driftsomkostninger 0 100 150 200
        Samlet varig ændring 0 -200 -350 -500

        Tabel 2. Effektiviseringer
        1.000 kr. 2022 p/l
        2021 2022 2023 2024
        Effektiviseringsgevinst -300 -500 -700
        Driftsomkostninger 100 150 200
        Samlet varig ændring -200 -350 -500
    """)
    r = row(doc, 1, "Effektiviseringsgevinst")
    assert r.values() == {"2022": -300, "2023": -500, "2024": -700}
    assert r.uncertain_keys() == []
    assert all("repeated-table" in c.prov.inferred_by for c in r.cells)


def test_a_row_with_every_column_is_never_flagged():
    doc = extract("""
        BUSINESS CASE
        Forslagets titel: Ny portal
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2022 p/l
        2021 2022 2023
        Effektiviseringsgevinst 1 2 3
        Driftsomkostninger 4 5 6
        Samlet varig ændring 5 7 9
    """)
    assert all(not r.uncertain_keys() for r in doc.tables[0].rows)


CELL_PER_LINE = """
    BUSINESS CASE
    Forslagets titel: Ny portal
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2022 p/l
    2021

    2022

    Effektiviseringsgevinst

    -100

    -200

    Driftsomkostninger

    50

    60

    Samlet varig ændring

    -50

    -150
"""


def test_a_row_gathered_from_a_cell_per_line_is_decided_only_where_the_totals_confirm_it():
    # a dump in reading order puts every cell on a line of its own: a row is gathered from several lines and may
    # have taken a neighbour's figure; 2021 adds up (-100 + 50 = -50), 2022 does not (-200 + 60 != -150)
    doc = extract(CELL_PER_LINE)
    for label in ("Effektiviseringsgevinst", "Driftsomkostninger", "Samlet varig ændring"):
        r = row(doc, 0, label)
        assert set(r.values()) == {"2021", "2022"}
        assert r.uncertain_keys() == ["2022"], label


def test_figures_without_a_label_are_flagged():
    doc = extract("""
        BUSINESS CASE
        Forslagets titel: Ny portal
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2022 p/l
        2021 2022
        Effektiviseringsgevinst -100 -200
        5 6
    """)
    unlabelled = [r for r in doc.tables[0].rows if not r.label.strip()]
    assert unlabelled and all(set(r.uncertain_keys()) == set(r.values()) for r in unlabelled)


def test_the_years_repeated_a_year_per_line_are_not_a_row():
    doc = extract(CELL_PER_LINE.replace("    Samlet varig ændring", "    2021\n\n    2022\n\n    Samlet varig ændring"))
    assert all(set(r.values().values()) & {2021, 2022} == set() for r in doc.tables[0].rows)


def test_a_table_placed_after_the_next_sections_first_paragraph_is_found_with_its_price_level():
    doc = extract("""
        BUSINESS CASE
        Forslagets titel: Ny portal
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1. Baggrund og formål
        Portalen blev taget i brug for nogle år siden, og den skal nu fornyes for at kunne bruges af alle.
        1.000 kr. 2022 p/l
        2021 2022
        Effektiviseringsgevinst -100 -200
        Driftsomkostninger 50 60
        Samlet varig ændring -50 -140
        2. Forslagets indhold
        Indholdet.
    """)
    [table] = doc.tables
    assert (table.number, table.caption, table.price_level, table.unit) == (
        1, "Forslagets samlede økonomiske konsekvenser", 2022, "1000 kr.")
    assert row(doc, 0, "Driftsomkostninger").values() == {"2021": 50, "2022": 60}
    assert (doc.price_level, doc.unit) == (2022, "1000 kr.")


BLOCKS_EQUALLY_SHORT = """
    BUSINESS CASE
    Forslagets titel: Ny portal
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2022 p/l
    2021 2022 2023 2024
    Varige ændringer
    Effektiviseringsgevinst -100 -250 -250
    Samlet varig ændring -100 -250 -250
    Implementeringsomkostninger
    Projektledelse 300 200
    Samlede implementeringsomkostninger 300 200
"""


def test_a_blocks_short_rows_are_guessed_toward_its_side_and_stay_flagged():
    """Rule `block-years`: with nothing in the dump to say which years a short row fills (single spaces, totals
    that hold either way), the guess follows the block: a permanent change runs on to the last year once it
    starts, an implementation cost falls in the first years. The shifted figures stay flagged all the same."""
    doc = extract(BLOCKS_EQUALLY_SHORT)
    for label in ("Effektiviseringsgevinst", "Samlet varig ændring"):
        r = row(doc, 0, label)
        assert r.values() == {"2022": -100, "2023": -250, "2024": -250}
        assert "2022" in r.uncertain_keys()
    r = row(doc, 0, "Projektledelse")
    assert r.values() == {"2021": 300, "2022": 200} and r.uncertain_keys()
    # a block that names no side (an unknown heading): the guess fills from the left, as before
    other = extract(BLOCKS_EQUALLY_SHORT.replace("Varige ændringer\n", "Andre poster\n").replace(
        "Samlet varig ændring", "Samlet andre poster"))
    assert row(other, 0, "Effektiviseringsgevinst").values() == {"2021": -100, "2022": -250, "2023": -250}


def test_block_leanings_name_each_rows_side_by_label_heading_total_or_caption():
    from extract.placement import block_leanings

    labels = ["Varige ændringer", "Gevinst", "Samlet varig ændring", "Licens", "Samlede implementeringsomkostninger",
              "Samlet økonomisk påvirkning"]
    headings = [True, False, False, False, False, False]
    # "Licens" names nothing and stands under no heading of its own block: the total below it names its block
    assert block_leanings(labels, headings) == [1, 1, 1, -1, -1, 0]
    assert block_leanings(["Hardware", "I alt"], [False, False], "Anlægsinvesteringer i forslaget") == [-1, -1]
    assert block_leanings(["Hardware"], [False], "Oversigt") == [0]
