"""Dumps that keep the page's columns as runs of spaces (poppler's `pdftotext -layout`) and dumps that write a
row's cells top-aligned (pdftotext -layout, pdfplumber): rule `column-offsets` (extract/column_offsets.py) places a
short row's figures by where they stand on the line; rule `label-continues-below` (extract/tables.py) gives a
wrapped label's lower-case lines under the figures to the row above."""
from __future__ import annotations

import textwrap

from extract.column_offsets import aligned_keys
from extract.document import extract_document
from extract.records import ExtractedDocument
from extract.tables import Token
from parsers.records import Line, SourceDocument
from parsers.textfile import text_to_lines


def extract(text: str) -> ExtractedDocument:
    lines = text_to_lines(textwrap.dedent(text).strip("\n"))
    return extract_document(SourceDocument("snippet.txt", 1, "business_case", lines))


def rows(doc: ExtractedDocument, table: int = 0) -> dict[str, tuple[dict, list[str]]]:
    return {r.label: (r.values(), r.uncertain_keys()) for r in doc.tables[table].rows}


# the implementation block fills its first year only, every row of it as short: its totals add up in any year,
# and the lines end at their figure (no spaces after); only where the figures stand says 2021
LAYOUT = """
    BUSINESS CASE
    Forslagets titel: BC10 Robotter

    Tabel 1. Forslagets samlede økonomiske konsekvenser

     1.000 kr. 2022 p/l                       Styringsom        2021      2022      2023      2024
                                              råde
     Varige ændringer
     Effektiviseringspotentiale               Service                     -458      -458      -458
     Drift og vedligehold af robotter         Service             30        85        85        85
     Samlet varig ændring                                         30      -373      -373      -373
     Implementeringsomkostninger
     Udvikling af robot                       Service            150
     Tilkobling af robot                      Service             10
     Samlede implementeringsomkostninger                         160
"""


def test_short_rows_stand_where_the_line_puts_them():
    found = rows(extract(LAYOUT))
    assert found["Udvikling af robot"] == ({"2021": 150}, [])
    assert found["Tilkobling af robot"] == ({"2021": 10}, [])
    assert found["Samlede implementeringsomkostninger"] == ({"2021": 160}, [])
    assert found["Effektiviseringspotentiale"] == ({"2022": -458, "2023": -458, "2024": -458}, [])


def test_without_the_pages_columns_the_short_rows_stay_undecided():
    # the same table with single spaces (pdftotext -raw): nothing says which year the short rows fill
    squeezed = "\n".join(" ".join(line.split()) for line in textwrap.dedent(LAYOUT).splitlines())
    found = rows(extract(squeezed))
    for label in ("Udvikling af robot", "Tilkobling af robot", "Samlede implementeringsomkostninger"):
        values, flagged = found[label]
        assert len(values) == 1 and flagged == list(values)


def _tok(text: str, end: int) -> Token:
    return Token(text, Line(text, None, 1), end=end)


def test_a_figure_between_two_heads_or_two_in_one_column_align_nowhere():
    keys, ends = ["2021", "2022", "2023"], [40, 50, 60]
    assert aligned_keys([_tok("150", 41)], keys, ends) == ["2021"]
    assert aligned_keys([_tok("5", 50), _tok("6", 61)], keys, ends) == ["2022", "2023"]
    assert aligned_keys([_tok("150", 45)], keys, ends) is None  # half way between 2021 and 2022
    assert aligned_keys([_tok("1", 49), _tok("2", 51)], keys, ends) is None  # both under 2022


# top-aligned cells: the label's first line beside the figures, the rest below, in lower case
TOP_ALIGNED = """
    BUSINESS CASE
    Forslagets titel: BC01 Portal

    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2016 p/l Styringsområde 2016 2017
    Implementeringsomkostninger
    Omkostninger til Drift 600 400
    virksomhedssamarbejde
    Interne omkostninger til test, Drift 525 350
    evaluering, drift og KS
    Samlede 1.125 750
    implementeringsomkostninger
"""


def test_a_wrapped_labels_lower_case_lines_under_the_figures_go_on_the_row_above():
    found = rows(extract(TOP_ALIGNED))
    assert found["Omkostninger til virksomhedssamarbejde"][0] == {"2016": 600, "2017": 400}
    assert found["Interne omkostninger til test, evaluering, drift og KS"][0] == {"2016": 525, "2017": 350}
    assert found["Samlede implementeringsomkostninger"][0] == {"2016": 1125, "2017": 750}
    assert len(found) == 3  # no row made of a label's last line
    assert {r.group for r in extract(TOP_ALIGNED).tables[0].rows} == {"Implementeringsomkostninger"}


# pdfplumber: one space between cells; a label wrapped below its figures, joined by a dash, opening a bracket
DASHED = """
    BUSINESS CASE
    Forslagets titel: TV02 Pilot

    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2023 p/l 2022 2023 2024 2025
    Implementeringsomkostninger
    Projektledelse 2 årsværk 600 600
    Faglige nøgleressourcer – 300 300
    frikøb eller eksterne eksperter
    Udvikling af løsninger 800 1.200
    (KIT/ekstern)
    Samlede implementeringsomkostninger 1.700 2.100
"""


def test_a_dash_that_joins_a_wrapped_label_is_no_empty_cell():
    found = rows(extract(DASHED))
    values, _ = found["Faglige nøgleressourcer – frikøb eller eksterne eksperter"]
    assert sorted(values.values()) == [300, 300]  # two figures: the dash is the label's, not a zero
    assert "Udvikling af løsninger (KIT/ekstern)" in found
    # every row as short: the totals add up in any two years, so the figures stay flagged, never shifted and
    # decided by a zero that is not there (read as a zero in 2022, the dash put every other row a year later)
    for label in ("Projektledelse 2 årsværk", "Samlede implementeringsomkostninger"):
        values, flagged = found[label]
        assert flagged == list(values)


# an overview through pdftotext -layout: a proposal's name wrapped below its figures, the last line in capitals;
# the template then names the proposal again over its area row; an area cell wrapped after its slash
OVERVIEW = """
    Oversigt over smarte investeringer, der er godkendt
    Hjemmeplejen
     1.000 kr. p/l                             Styringsom      2016        2017         2018
                                               råde
     Smart investeringsforslag: Elektroniske                      0        -600       -1.600
     nøgler og kørebøger i Den Sociale
     Hjemmepleje
     Smart investeringsforslag:
     Elektroniske nøgler og kørebøger i
     Den Sociale Hjemmepleje
     Anlæg                                     Anlæg          3.800      2.000            0
     Smart investeringsforslag: Skærmbesøg                        0        -100         -200
     Anlæg/drift                               Anlæg/           500        600            0
                                               drift
     Nettoeffektivisering                                          0       -700       -1.800
     Investeringsbehov                                         4.300      2.600            0
"""


def test_an_overview_rows_name_ends_before_it_is_written_again_over_its_area_row():
    lines = text_to_lines(textwrap.dedent(OVERVIEW).strip("\n"))
    doc = extract_document(SourceDocument("o.txt", 1, "overview", lines))
    found = [(r.label, r.area, r.values()) for r in doc.tables[0].rows]
    name = "Smart investeringsforslag: Elektroniske nøgler og kørebøger i Den Sociale Hjemmepleje"
    assert found[0] == (name, None, {"2016": 0, "2017": -600, "2018": -1600})
    assert found[1][1:] == ("Anlæg", {"2016": 3800, "2017": 2000, "2018": 0})
    assert found[3][1:] == ("Anlæg/drift", {"2016": 500, "2017": 600, "2018": 0})
    assert "drift" not in found[3][0].replace("Anlæg/drift", "")


def test_without_an_area_column_the_area_rows_label_ends_the_name_above():
    text = textwrap.dedent("""
        Oversigt over smarte investeringer, der er godkendt
        Dagtilbud og skoler
        Omprioriteringsforslag                                    2020    2021     2022
        Investeringsforslag: Nye arbejdsgange for                    0     -700    -1.500
        jobsamtaler med ledige i Beskæftigelses- og
        Integrationsforvaltningen
        Anlæg                                                     4.300   3.000        0
        Nettoeffektivisering                                         0     -700    -1.500
        Investeringsbehov                                         4.300   3.000        0
    """).strip("\\n")
    doc = extract_document(SourceDocument("o.txt", 1, "overview", text_to_lines(text)))
    found = [(r.label, r.values()) for r in doc.tables[0].rows]
    assert found[0] == ("Investeringsforslag: Nye arbejdsgange for jobsamtaler med ledige i Beskæftigelses- og "
                        "Integrationsforvaltningen", {"2020": 0, "2021": -700, "2022": -1500})
    assert found[1] == ("Anlæg", {"2020": 4300, "2021": 3000, "2022": 0})


def test_a_label_line_ending_in_a_dash_then_its_figures_a_cell_per_line_is_one_row():
    # PyMuPDF writes a cell per line: the label's first line ends in its dash, then the rest, then the figures
    found = rows(extract("""
        BUSINESS CASE
        Forslagets titel: TV02 Pilot

        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2023 p/l
        2022
        2023
        2024
        Faglige nøgleressourcer –
        frikøb eller eksterne eksperter
        300
        300
        Virksomhedssamarbejde -
        udgifter til virksomheder
        500
        200
    """))
    assert sorted(found["Faglige nøgleressourcer – frikøb eller eksterne eksperter"][0].values()) == [300, 300]
    assert sorted(found["Virksomhedssamarbejde - udgifter til virksomheder"][0].values()) == [200, 500]
    assert len(found) == 2
