"""A table written a cell per line, column by column (poppler's default pdftotext on a ruled table)."""
from __future__ import annotations

import textwrap

import pipeline
from extract.cell_per_line import (
    area_bands_to_raw_rows,
    area_rows_to_raw_rows,
    column_blocks_to_raw_rows,
    column_runs_to_raw_rows,
    find_column_blocks,
    flag_unconfirmed_order,
    join_wrapped_labels,
)
from extract.document import extract_document
from extract.placement import place_table
from extract.tables import (
    RawRow,
    TableRegion,
    Token,
    attach_trailing_total_label,
    labels_before_header,
    lines_to_raw_rows,
    region_to_header,
)
from parsers.records import Line, SourceDocument
from parsers.textfile import text_to_lines

COLUMN_BLOCKS = """
    Tabel 4. Varige ændringer, administration
    1.000 kr. 2021 p/l
    Inden for målsætning
    Uden for målsætning
    Varige ændringer totalt,
    administration

    2021

    0

    0

    0

    2022

    -814

    5

    -809
    7
    Næste afsnit
"""


def lines_of(text: str):
    return text_to_lines(textwrap.dedent(text).strip("\n"))


def _line_rows(text: str, number: int = 1):
    """A table snippet (its caption first) read line by line: its header and raw rows."""
    lines = lines_of(text)
    header = region_to_header(lines, TableRegion(number, "x", 0, len(lines), lines[0]))
    return header, lines_to_raw_rows(lines, header, len(lines))


def _before_header_rows(text: str, number: int | None = 2, caption: str = "x"):
    """A table snippet (its caption first) read line by line, then its label column written before the years
    given to its rows (labels_before_header): its header and raw rows."""
    lines = lines_of(text)
    region = TableRegion(number, caption, 0, len(lines), lines[0])
    header = region_to_header(lines, region)
    return header, labels_before_header(lines_to_raw_rows(lines, header, len(lines)), lines, region, header)


def region(lines) -> TableRegion:
    return TableRegion(4, "Varige ændringer, administration", 0, len(lines), lines[0])


def test_column_blocks_found_with_years_and_equal_figure_counts():
    lines = lines_of(COLUMN_BLOCKS)
    found = find_column_blocks(lines, 0, len(lines))
    assert found is not None
    assert found.years == [2021, 2022]
    # the stray "7" after the last block (a page number) belongs to no row
    assert [[ln.stripped for ln in b] for b in found.blocks] == [["0", "0", "0"], ["-814", "5", "-809"]]


def test_wrapped_label_joins_a_lower_case_line_and_a_line_broken_after_a_comma():
    lines = lines_of("Varige ændringer totalt,\nadministration\nNye lønomkostninger, support,\nUddannelse\nDrift")
    assert [[ln.stripped for ln in g] for g in join_wrapped_labels(lines)] == [
        ["Varige ændringer totalt,", "administration"], ["Nye lønomkostninger, support,", "Uddannelse"], ["Drift"]]


def test_column_blocks_rebuild_rows_and_the_totals_confirm_them():
    lines = lines_of(COLUMN_BLOCKS)
    header, rows = column_blocks_to_raw_rows(lines, region(lines))
    assert header.years == [2021, 2022] and header.price_level == 2021 and header.unit == "1000 kr."
    assert [r.label for r in rows] == ["Inden for målsætning", "Uden for målsætning",
                                       "Varige ændringer totalt, administration"]
    place_table(rows, header, {})
    assert [{k: t.text for k, t in r.placed.items()} for r in rows] == [
        {"2021": "0", "2022": "-814"}, {"2021": "0", "2022": "5"}, {"2021": "0", "2022": "-809"}]
    assert not any(r.uncertain for r in rows)


def test_column_blocks_figures_of_a_column_that_does_not_add_up_stay_uncertain():
    lines = lines_of(COLUMN_BLOCKS.replace("-809", "-800"))
    header, rows = column_blocks_to_raw_rows(lines, region(lines))
    place_table(rows, header, {})
    # 2021 adds up (0 + 0 = 0), 2022 does not: each of its figures is flagged, never guessed
    assert all(set(r.uncertain) == {"2022"} for r in rows)


def test_not_column_blocks_when_labels_and_figures_do_not_match_or_blocks_differ():
    extra_label = COLUMN_BLOCKS.replace("Uden for målsætning", "Uden for målsætning\nEkstra række")
    lines = lines_of(extra_label)
    assert column_blocks_to_raw_rows(lines, region(lines)) is None
    uneven = COLUMN_BLOCKS.replace("    0\n\n    2022", "    2022")  # the first block one figure short
    lines = lines_of(uneven)
    assert column_blocks_to_raw_rows(lines, region(lines)) is None
    row_per_line = "Tabel 1. X\n1.000 kr. 2021 p/l\nLabel 2021 2022\nDrift 1 2\nI alt 1 2"
    lines = lines_of(row_per_line)
    assert find_column_blocks(lines, 0, len(lines)) is None


AREA_BANDS = """
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2021 p/l
    Implementeringsomkostninger
    Systemudvikling KIT el. ekstern
    leverandør
    Projektledelse
    Samlede
    implementeringsomkostninger
    Samlet økonomisk påvirkning
    Styringsom
    råde
    2021
    2022
    Anlæg
    Anlæg
    300
    450
    750
    10
    20
    30
    750
    30
    Note til alle tabeller
"""


def _bands(text: str):
    """A table of `text` read as pdftotext's area bands: its header and rows, None when it is not that shape."""
    lines = lines_of(text)
    return area_bands_to_raw_rows(lines, TableRegion(1, "x", 0, len(lines), lines[0]))


def _placed(header, rows):
    """The rows placed under the header's years, the band order flagged where the arithmetic does not confirm it."""
    place_table(rows, header, {})
    flag_unconfirmed_order(rows)
    return rows


def test_area_bands_read_column_by_column_then_the_grand_total_alone():
    header, rows = _bands(AREA_BANDS)
    assert header.years == [2021, 2022] and header.has_area
    assert [r.label for r in rows] == ["Implementeringsomkostninger", "Systemudvikling KIT el. ekstern leverandør",
                                       "Projektledelse", "Samlede implementeringsomkostninger",
                                       "Samlet økonomisk påvirkning"]
    assert [r.area for r in rows] == [None, "Anlæg", "Anlæg", None, None]
    assert [[t.text for t in r.numbers] for r in rows] == [[], ["300", "10"], ["450", "20"], ["750", "30"],
                                                           ["750", "30"]]
    assert not any(r.uncertain for r in _placed(header, rows))


def test_area_cells_written_before_the_years_are_the_first_bands():
    """pdftotext may write the first band's area cells right under the area header, before the years."""
    text = AREA_BANDS.replace("    råde\n    2021\n    2022\n    Anlæg\n    Anlæg\n",
                              "    råde\n    Anlæg\n    Anlæg\n    2021\n    2022\n")
    header, rows = _bands(text)
    assert header.years == [2021, 2022]
    assert [(r.area, [t.text for t in r.numbers]) for r in rows if r.numbers] == [
        ("Anlæg", ["300", "10"]), ("Anlæg", ["450", "20"]), (None, ["750", "30"]), (None, ["750", "30"])]
    assert not any(r.uncertain for r in _placed(header, rows))


def test_a_table_under_the_section_heading_that_stands_for_its_caption_reads_the_same():
    """A dump that lost "Tabel 1." starts the table at the section heading: that line is no label."""
    text = AREA_BANDS.replace("Tabel 1. Forslagets samlede økonomiske konsekvenser",
                              "1. Forslagets samlede økonomiske konsekvenser")
    header, rows = _bands(text)
    assert [r.label for r in rows][:2] == ["Implementeringsomkostninger", "Systemudvikling KIT el. ekstern leverandør"]
    assert not any(r.uncertain for r in _placed(header, rows))


def test_area_bands_that_leave_figures_over_or_too_many_rows_are_not_read_as_decided():
    # an empty cell left out: not whole rows; read row by row (band-short-rows), no reading adds up: all in doubt
    _, rows = _bands(AREA_BANDS.replace("    30\n    Note", "    Note"))
    assert all(r.order_doubt for r in rows if r.numbers)
    assert _bands(AREA_BANDS.replace("Samlet økonomisk påvirkning", "Samlet økonomisk påvirkning\nEkstra")) is None


def test_a_band_table_whose_arithmetic_fails_once_is_flagged_whole():
    rows = _placed(*_bands(AREA_BANDS.replace("    20\n", "    21\n")))  # 2022 no longer adds up
    assert all(set(r.uncertain) == {"2021", "2022"} for r in rows if r.numbers)


def test_a_total_label_written_after_its_figures_labels_them():
    # office pdftotext: the last row's figures, then its (vertically centred) label
    text = """
        Tabel 2. Varige ændringer, service
        1.000 kr. 2016 p/l
        2016
        2017
        Omkostninger
        600
        400
        Interne omkostninger
        525
        350
        1.125
        750
        Varige ændringer totalt, service
    """
    header, rows = _line_rows(text, number=2)
    assert rows[-1].label == "Varige ændringer totalt, service"
    assert [t.text for t in rows[-1].numbers] == ["1.125", "750"]
    assert rows[-1].label_inferred_by.startswith("label-after-figures")


def test_a_total_label_written_after_its_figures_keeps_its_wrapped_lines():
    # a total's label wrapped in its narrow cell ("Samlede" / "implementeringsomkostninger") after its figures:
    # the lower-case line continues it, and the prose below the table is not part of it
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2026 p/l
        2025
        2026
        Ekstern konsulentbistand
        300
        0
        Uddannelse af medarbejdere
        200
        0
        500
        0
        Samlede
        implementeringsomkostninger
    """
    header, rows = _line_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Ekstern konsulentbistand", ["300", "0"]), ("Uddannelse af medarbejdere", ["200", "0"]),
        ("Samlede implementeringsomkostninger", ["500", "0"])]


def test_label_lines_that_could_each_start_a_label_leave_their_rows_figures_flagged():
    """A cell per line, figures on lines of their own: two block names and then the row's label stand above the
    figures, each line a capital after a complete line. Which lines are the row's, nothing says: its figures are
    stored flagged. A label wrapped in lower case is one label, decided."""
    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2016 p/l
        2017
        2018
        Licens til software
        40
        0
        E-tavler i Verahus
        Innovationsproces med OPI samarbejde (1 år varighed)
        Projektledelse 6 mdr
        400
        0
        Workshops med
        leverandører
        150
        0
    """
    header, rows = _line_rows(text, number=2)
    assert [(r.label, r.label_doubt) for r in rows] == [
        ("Licens til software", False),
        ("E-tavler i Verahus Innovationsproces med OPI samarbejde (1 år varighed) Projektledelse 6 mdr", True),
        ("Workshops med leverandører", False)]


def test_a_row_whose_label_lines_are_undecided_is_exported_flagged(tmp_path):
    text = textwrap.dedent("""\
        INVESTERINGSFORSLAG
        Forslagets titel: Overblik på tavler
        Fremstillende forvaltning: Socialforvaltningen

        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2016 p/l
        2017
        2018
        Licens til software
        40
        0
        E-tavler i Verahus
        Innovationsproces med OPI samarbejde (1 år varighed)
        Projektledelse 6 mdr
        400
        0
        Samlede serviceinvesteringer
        440
        0
    """)
    path = tmp_path / "bc.txt"
    path.write_text(text, encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.error is None, result.error
    [doc] = result.documents
    [table] = [t for t in doc.tables if t.number == 2]
    flagged = {r.label[:10]: r.uncertain_keys() for r in table.rows if r.cells}
    assert flagged == {"Licens til": [], "E-tavler i": ["2017", "2018"], "Samlede se": []}
    assert {(f.rule, f.key) for f in result.findings if f.row and f.row.startswith("E-tavler")} == {
        ("placement-ambiguous", "2017"), ("placement-ambiguous", "2018")}


def test_label_after_figures_only_for_figures_without_a_label():
    rows = [RawRow(["Omkostninger"], [], None, []), RawRow([], [], None, [])]
    rows[0].numbers = rows[1].numbers = [Token("1", Line("1", None, 1))]
    rows.append(RawRow(["Varige ændringer totalt, service"], []))
    assert len(attach_trailing_total_label(list(rows))) == 2
    rows[1].label_parts = ["Andet"]  # figures with a label of their own keep it
    assert len(attach_trailing_total_label(list(rows))) == 3


def test_header_years_written_again_a_cell_per_line_are_not_figures():
    text = """
        Tabel 2. Varige ændringer, service
        1.000 kr. 2016 p/l
        2016
        2017
        2018
        Drift
        1.100
        1.500
        Varige ændringer totalt, service
        1.100
        1.500
        2017
        2018
        I alt
    """
    header, rows = _line_rows(text, number=2)
    assert [[t.text for t in r.numbers] for r in rows if r.numbers] == [["1.100", "1.500"], ["1.100", "1.500"]]
    # a lone year among figures may be a figure: kept
    lines = lines_of(text.replace("        2017\n        2018\n        I alt", "        2017\n        I alt"))
    rows = lines_to_raw_rows(lines, header, len(lines))
    assert [t.text for t in rows[1].numbers] == ["1.100", "1.500", "2017"]


def test_a_label_written_between_its_figures_and_the_next_rows_label_goes_up():
    # office pdftotext: row 2's figures, then its label, then row 3's label and figures
    text = """
        Tabel 2. Varige ændringer, service
        1.000 kr. 2016 p/l
        2016
        2017
        Reducerede lønomkostninger
        -224
        -555
        68
        235
        Nye omkostninger vedr. teknologi
        Nye lønomkostninger, support
        6
        6
    """
    header, rows = _line_rows(text, number=2)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Reducerede lønomkostninger", ["-224", "-555"]), ("Nye omkostninger vedr. teknologi", ["68", "235"]),
        ("Nye lønomkostninger, support", ["6", "6"])]


def test_a_label_of_area_cells_alone_leaves_its_figures_flagged():
    # pdftotext read the area column apart from the labels: "Service Service" is no row's label
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2016 p/l 2016 2017
        Service Service 100 200
        I alt 100 200
    """
    header, rows = _line_rows(text)
    place_table(rows, header, {})
    assert set(rows[0].uncertain) == {"2016", "2017"}


CELLS_OF_SHORT_ROWS = """
    Tabel 2. Varige ændringer, service
    1.000 kr. 2016 p/l
    2016
    2017
    2018
    Omkostninger
    600
    400
    Interne omkostninger
    525
    350
    Varige ændringer totalt, service
    1.125
    750
"""


def _assembled(text: str, reference=None):
    from extract.cell_per_line import flag_unconfirmed_assembly

    lines = lines_of(text)
    header = region_to_header(lines, TableRegion(2, "x", 0, len(lines), lines[0]))
    rows = lines_to_raw_rows(lines, header, len(lines))
    place_table(rows, header, reference or {})
    flag_unconfirmed_assembly(rows, header, lines[header.body_start:])
    return [r for r in rows if r.numbers]


def test_short_rows_assembled_from_cells_on_lines_of_their_own_are_flagged():
    """Two figures under three years, no spaces to say which year is empty; the total adds up whichever it is. A
    repeat of the rows in another table, itself read from the same kind of dump, agrees with the shifted reading
    and would decide it: the assembly is still not confirmed, so every figure stays flagged."""
    from extract.placement import ReferenceRow

    shifted = {label: ReferenceRow({"2016": a, "2017": b}) for label, a, b in (
        ("omkostninger", 600, 400), ("interne omkostninger", 525, 350),
        ("varige ændringer totalt, service", 1125, 750))}
    rows = _assembled(CELLS_OF_SHORT_ROWS, shifted)
    assert len(rows) == 3 and all(set(r.uncertain) == set(r.placed) for r in rows)


def test_full_rows_stand_where_their_column_adds_up_and_are_flagged_where_it_does_not():
    full = CELLS_OF_SHORT_ROWS.replace("400\n", "400\n    0\n").replace("350\n", "350\n    0\n").replace(
        "750\n", "750\n    0\n")
    assert all(not r.uncertain for r in _assembled(full))
    wrong = full.replace("1.125", "1.126")  # 2016 no longer adds up: one of its figures went to another row
    assert all(set(r.uncertain) == {"2016"} for r in _assembled(wrong))


def test_rows_whose_labels_come_after_their_figures_are_flagged_though_a_column_adds_up():
    """A tool wrote the table above's figures after this table's caption, and this table's labels after them:
    the line-by-line assembly gives each label figures written before it. Every row is full and every column
    adds up (the table above's own total holds in its rows, which these take over), which says nothing of rows
    assembled so. The same rows with their labels before their figures stand."""
    text = """
    Tabel 3. Serviceinvesteringer i forslaget
    1.000 kr. 2016 p/l
    2016
    2017
    2018
    -100
    -200
    -300
    40
    40
    45
    -60
    -160
    -255
    Tilpasning af arbejdsgange
    Design og brugertest
    Investeringer totalt, service
"""
    rows = _assembled(text)
    assert len(rows) == 3 and all(set(r.uncertain) == set(r.placed) for r in rows)
    before = """
    Tabel 3. Serviceinvesteringer i forslaget
    1.000 kr. 2016 p/l
    2016
    2017
    2018
    Tilpasning af arbejdsgange
    -100
    -200
    -300
    Design og brugertest
    40
    40
    45
    Investeringer totalt, service
    -60
    -160
    -255
"""
    rows = _assembled(before)
    assert len(rows) == 3 and not any(r.uncertain for r in rows)


def test_a_row_per_line_table_is_not_judged_as_cells():
    text = """
        Tabel 2. Varige ændringer, service
        1.000 kr. 2016 p/l
        2016 2017 2018
        Omkostninger 600 400 0
        Interne omkostninger 525 350 0
        Varige ændringer totalt, service 1.126 750 0
    """
    rows = _assembled(text)  # its total is wrong, but the rows were read whole, line by line
    assert len(rows) == 3 and not any(r.uncertain for r in rows)


def test_a_closing_total_read_alone_after_its_band_is_chosen_by_the_arithmetic():
    # the band's two area rows column by column (300 450 | 10 20), then the closing total alone (750 30 = 300+450,
    # 10+20), then the grand total alone: the arithmetic tells this reading from the one with the total among the
    # band (which would give Systemudvikling 300 20 and a total of 10 30)
    text = AREA_BANDS.replace("""    300
    450
    750
    10
    20
    30
""", """    300
    450
    10
    20
    750
    30
""")
    header, rows = _bands(text)
    assert [[t.text for t in r.numbers] for r in rows] == [[], ["300", "10"], ["450", "20"], ["750", "30"],
                                                           ["750", "30"]]
    assert not any(r.uncertain for r in _placed(header, rows))


def test_band_readings_that_both_add_up_leave_the_table_flagged():
    # every figure zero: the total among its band or alone after it add up alike; nothing chooses
    text = AREA_BANDS
    for f in ("300", "450", "750", "10", "20", "30"):
        text = text.replace(f"    {f}\n", "    0\n")
    rows = _placed(*_bands(text))
    assert all(set(r.uncertain) == {"2021", "2022"} for r in rows if r.numbers)


CAPTIONS_AFTER_BODIES = """
    Tabel 2. Varige ændringer, service
    1.000 kr. 2020 p/l

    2021

    2022

    Gevinst

    -100

    -200

    2021

    2022

    Hardware

    300

    0

    2021

    2022

    Licens

    40

    50

    Tabel 3. Serviceinvesteringer i forslaget
    1.000 kr. 2020 p/l
    Tabel 4. Anlægsinvesteringer i forslaget
    1.000 kr. 2019 p/l
    1. Næste afsnit
    Her begynder teksten igen.
"""


def test_bodies_written_before_their_captions_go_to_the_captions_that_have_none():
    from extract.tables import lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    lines = lines_of(CAPTIONS_AFTER_BODIES)
    regions = regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case"))
    got = {}
    for r in regions:
        header = region_to_header(lines, r)
        rows = lines_to_raw_rows(lines, header, r.end)
        got[r.number] = (header.years, header.price_level, [(x.label, [t.text for t in x.numbers]) for x in rows],
                         r.body_moved)
    assert got == {
        2: ([2021, 2022], 2020, [("Gevinst", ["-100", "-200"])], False),
        3: ([2021, 2022], 2020, [("Hardware", ["300", "0"])], True),
        4: ([2021, 2022], 2019, [("Licens", ["40", "50"])], True),
    }


def test_bodies_are_not_moved_when_the_empty_captions_are_not_as_many():
    from extract.tables import lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    text = CAPTIONS_AFTER_BODIES.replace("    Tabel 4. Anlægsinvesteringer i forslaget\n    1.000 kr. 2019 p/l\n", "")
    lines = lines_of(text)
    regions = lines_to_regions(lines, find_sections(lines), "business_case")
    assert regions_given_their_bodies(lines, regions) == regions


CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES = """\
    Tabel 2. Varige ændringer, service
    1.000 kr. 2020 p/l

    2021

    2022

    Gevinst

    -100

    -200

    1.000 kr. 2020 p/l

    2021

    2022

    Hardware

    300

    0

    1.000 kr. 2020 p/l

    2021

    2022

    Licens

    40

    50

    Tabel 3. Serviceinvesteringer i forslaget

    Tabel 4. Anlægsinvesteringer i forslaget
    Investeringen dækker udvikling og uddannelse af medarbejderne.

    1. Næste afsnit
    Her begynder teksten igen.
"""


def _regions_read(text: str) -> dict:
    from extract.tables import lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    lines = lines_of(text)
    got = {}
    for r in regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case")):
        header = region_to_header(lines, r)
        rows = lines_to_raw_rows(lines, header, r.end) if header else []
        got[r.number] = (header and header.years, header and header.price_level,
                         [(x.label, [t.text for t in x.numbers]) for x in rows], r.body_moved)
    return got


def test_bodies_each_under_its_unit_line_go_to_the_captions_written_after_them_with_no_header():
    """pdftotext wrote Tabel 2's body and then the next two tables' bodies, each under its own unit line and
    years, and only then the two captions, a note after them: the captions start no region (no header follows
    them), yet each extra body goes to its caption, flagged."""
    assert _regions_read(CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES) == {
        2: ([2021, 2022], 2020, [("Gevinst", ["-100", "-200"])], False),
        3: ([2021, 2022], 2020, [("Hardware", ["300", "0"])], True),
        4: ([2021, 2022], 2020, [("Licens", ["40", "50"])], True),
    }


def test_a_trailing_caption_may_carry_its_own_unit_line_instead_of_its_body():
    """The first body given away has no unit line over its years: pdftotext wrote it under the caption instead."""
    text = CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES.replace("    -200\n\n    1.000 kr. 2020 p/l\n", "    -200\n\n", 1)
    text = text.replace("    Tabel 3. Serviceinvesteringer i forslaget\n",
                        "    Tabel 3. Serviceinvesteringer i forslaget\n    1000 kr. 2018 p/l\n")
    assert _regions_read(text) == {
        2: ([2021, 2022], 2020, [("Gevinst", ["-100", "-200"])], False),
        3: ([2021, 2022], 2018, [("Hardware", ["300", "0"])], True),
        4: ([2021, 2022], 2020, [("Licens", ["40", "50"])], True),
    }


def test_captions_after_the_bodies_count_only_when_each_extra_body_has_its_unit_line():
    """Without a unit line over each extra run of years, two runs are one table's years written twice (a header
    repeated over a page break), not other tables' bodies: nothing moves."""
    text = CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES.replace(
        "    Licens\n", "    Licens\n", 1).replace("    -200\n\n    1.000 kr. 2020 p/l\n", "    -200\n\n", 1)
    got = _regions_read(text)
    assert set(got) == {2} and got[2][3] is False


def test_a_block_heading_after_a_total_written_after_its_figures_is_a_row_of_its_own():
    # pdftotext, a cell per line: the total's figures, then its label, then the next block's heading, then that
    # block's first row: neither the heading nor the first label is part of the total's label
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2019 p/l
        2019
        2020
        Varige ændringer
        Gevinst
        -100
        -200
        -100
        -200
        Samlet varig ændring
        Implementeringsomkostninger
        Frikøb af fagpersoner
        1.500
        0
        Implementeringsomkostninger
        i alt
        1.500
        0
    """
    header, rows = _line_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", []), ("Gevinst", ["-100", "-200"]), ("Samlet varig ændring", ["-100", "-200"]),
        ("Implementeringsomkostninger", []), ("Frikøb af fagpersoner", ["1.500", "0"]),
        ("Implementeringsomkostninger i alt", ["1.500", "0"])]


# pdftotext, a ruled table with an area column read row by row: the labels (a block heading, wrapped labels) before
# the header, then each row's area and its figures; the second row is short (no figures after 2017), and the two
# totals have no area cell, so their figures follow the row above's
AREA_ROWS = """
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2016 p/l
    Implementeringsomkostninger
    Omkostninger til
    virksomhedssamarbejde
    Interne omkostninger til test,
    evaluering og drift
    Samlede
    implementeringsomkostninger
    Samlet økonomisk påvirkning

    Styringsom
    råde

    2016

    2017

    2018

    Drift

    600

    400

    10

    Drift

    525

    350

    1.125

    750

    10

    1.125

    750

    10

    Note til alle tabeller: Alle besparelser er angivet med negativt (-) fortegn.
"""


def _area_rows(text: str):
    lines = lines_of(text)
    return area_rows_to_raw_rows(lines, TableRegion(1, "x", 0, len(lines), lines[0]))


def test_rows_read_one_after_the_other_take_the_figures_the_totals_confirm():
    """Which of the 14 figures after the second area are its row's, the layout does not say (2, then 3 and 3; or
    3, 2, 3; ...): the one split whose totals add up is kept, and the short row fills its first years."""
    header, rows = _area_rows(AREA_ROWS)
    assert header.years == [2016, 2017, 2018]
    got = [(r.label, r.area, {k: t.text for k, t in (r.placed or {}).items()}, r.order_doubt) for r in rows]
    assert got == [
        ("Implementeringsomkostninger", None, {}, False),
        ("Omkostninger til virksomhedssamarbejde", "Drift", {"2016": "600", "2017": "400", "2018": "10"}, False),
        ("Interne omkostninger til test, evaluering og drift", "Drift", {"2016": "525", "2017": "350"}, False),
        ("Samlede implementeringsomkostninger", None, {"2016": "1.125", "2017": "750", "2018": "10"}, False),
        ("Samlet økonomisk påvirkning", None, {"2016": "1.125", "2017": "750", "2018": "10"}, False),
    ]
    _placed(header, rows)
    assert all(not r.uncertain for r in rows)  # decided: the empty 2018 of the short row is what the sums confirm


def test_a_short_row_may_fill_its_last_years_when_the_totals_say_so():
    text = AREA_ROWS.replace("    525\n\n    350\n", "    350\n\n    10\n", 1).replace(
        "    1.125\n\n    750\n\n    10\n\n    1.125\n\n    750\n\n    10\n",
        "    600\n\n    750\n\n    20\n\n    600\n\n    750\n\n    20\n", 1)
    header, rows = _area_rows(text)
    placed = {r.label[:7]: {k: t.text for k, t in (r.placed or {}).items()} for r in rows if r.numbers}
    assert placed["Interne"] == {"2017": "350", "2018": "10"}  # a cost that starts a year later
    assert not any(r.order_doubt for r in rows)


def test_rows_read_one_after_the_other_stay_flagged_when_the_totals_do_not_choose():
    """Without a total that adds up, every split is as good as the next: the figures are kept, flagged."""
    text = AREA_ROWS.replace("    1.125\n", "    1.126\n")
    header, rows = _area_rows(text)
    assert all(r.order_doubt for r in rows if r.numbers)
    _placed(header, rows)
    assert all(r.uncertain for r in rows if r.numbers)


def test_areas_written_as_a_band_are_not_rows_read_one_after_the_other():
    text = AREA_ROWS.replace("    Drift\n\n    600\n", "    Drift\n\n    Drift\n\n    600\n", 1)
    assert _area_rows(text) is None


def test_a_blocks_labels_written_after_its_rows_figures_label_those_rows():
    """pdftotext, a cell per line: the first block's rows as area and figures, then the block's heading and its
    two labels, then the next block's heading and the label of the row whose figures follow."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2017 p/l
        Styringsområde
        2017
        2018
        Service
        -959
        -3.834
        -959
        -3.834
        Varige ændringer
        Reduceret kørselstid for
        medarbejderne
        Samlet varig ændring
        Implementeringsomkostninger
        Dobbeltomkostninger i
        overgangsperioden
        Service
        1.794
        0
        Samlede implementeringsomkostninger
        1.794
        0
    """
    header, rows = _line_rows(text)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", None, []),
        ("Reduceret kørselstid for medarbejderne", "Service", ["-959", "-3.834"]),
        ("Samlet varig ændring", None, ["-959", "-3.834"]),
        ("Implementeringsomkostninger", None, []),
        ("Dobbeltomkostninger i overgangsperioden", "Service", ["1.794", "0"]),
        ("Samlede implementeringsomkostninger", None, ["1.794", "0"]),
    ]
    assert rows[1].label_inferred_by.startswith("labels-after-block")


def test_labels_after_a_block_need_one_left_for_the_next_row():
    """As many label cells as unlabelled rows and none for the figures that follow: which rows they name is not
    clear, so none is given."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2017 p/l
        Styringsområde
        2017
        2018
        Service
        -959
        -3.834
        -959
        -3.834
        Reduceret kørselstid
        Samlet varig ændring
        Service
        1.794
        0
    """
    header, rows = _line_rows(text)
    assert not any((r.label_inferred_by or "").startswith("labels-after-block") for r in rows)


LABELS_AFTER_TABLE = """
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2016 p/l
    Styringsområde
    2015
    2016
    Sparede udgifter til papir
    Service
    -2.726
    -3.635
    Hosting hos leverandøren
    Service
    1.069
    1.069
    -1.657
    -2.566
    7.309
    1.825
    Samlede implementeringsomkostninger
    7.309
    1.825
    Samlet økonomisk påvirkning
    5.652
    -741
    Varige ændringer
    Samlet varig ændring
    Implementeringsomkostninger
    Midlertidige
    implementeringsomkostninger
    Service
"""


def test_label_cells_written_after_the_table_label_its_unlabelled_rows_in_order():
    """pdftotext put the labels of two rows (and the block headings) after the whole table, the second row's area
    last: they go to the rows without labels in order, the first heading to the top, the second before the row
    its next label names."""
    header, rows = _line_rows(LABELS_AFTER_TABLE)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", None, []),
        ("Sparede udgifter til papir", "Service", ["-2.726", "-3.635"]),
        ("Hosting hos leverandøren", "Service", ["1.069", "1.069"]),
        ("Samlet varig ændring", None, ["-1.657", "-2.566"]),
        ("Implementeringsomkostninger", None, []),
        ("Midlertidige implementeringsomkostninger", "Service", ["7.309", "1.825"]),
        ("Samlede implementeringsomkostninger", None, ["7.309", "1.825"]),
        ("Samlet økonomisk påvirkning", None, ["5.652", "-741"]),
    ]


def test_label_cells_after_the_table_must_be_as_many_as_the_unlabelled_rows():
    header, rows = _line_rows(LABELS_AFTER_TABLE.replace("    Samlet varig ændring\n", ""))
    assert not any((r.label_inferred_by or "").startswith("labels-after-table") for r in rows)


def test_a_blocks_labels_after_its_figures_bring_their_area_cells():
    """The first block's figures without their areas, then its heading, each label followed by its area cell,
    then the next block's heading and the label and area of the row whose figures follow."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1000 kr. 2021 p/l
        Styringsområde
        2021
        2022
        -
        -3.005
        -
        -3.005
        Varige ændringer
        Sparede udgifter til papir og porto
        Service
        Samlet varig ændring
        Implementeringsomkostninger
        Opsætning af teknisk infrastruktur
        Anlæg
        650
        550
    """
    header, rows = _line_rows(text)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", None, []),
        ("Sparede udgifter til papir og porto", "Service", ["-", "-3.005"]),
        ("Samlet varig ændring", None, ["-", "-3.005"]),
        ("Implementeringsomkostninger", None, []),
        ("Opsætning af teknisk infrastruktur", "Anlæg", ["650", "550"]),
    ]


def test_rows_after_the_header_written_again_in_a_cell_per_line_table_are_flagged(tmp_path):
    """pdftotext wrote Tabel 2's body, then the next table's body under its own unit line and years, and only a
    caption of that table later, which no rule can pair with it: the rows after the header written again add up
    among themselves, yet they may be the other table's, so they are stored flagged; the rows before are not."""
    text = textwrap.dedent("""\
        INVESTERINGSFORSLAG
        Forslagets titel: Overblik på tavler
        Fremstillende forvaltning: Socialforvaltningen

        Tabel 2. Varige ændringer, service
        1.000 kr. 2026 p/l

        2025

        2026

        Færre registreringer

        -100

        -200

        Varige ændringer totalt, service

        -100

        -200

        1.000 kr. 2026 p/l

        2025

        2026

        Design og brugertest

        928

        1.746

        Investeringer totalt, service

        928

        1.746
    """)
    path = tmp_path / "bc.txt"
    path.write_text(text, encoding="utf-8")
    result = pipeline.extract_file(path)
    [doc] = result.documents
    [table] = [t for t in doc.tables if t.number == 2]
    assert {r.label: (r.values(), r.uncertain_keys()) for r in table.rows if r.cells} == {
        "Færre registreringer": ({"2025": -100, "2026": -200}, []),
        "Varige ændringer totalt, service": ({"2025": -100, "2026": -200}, []),
        "Design og brugertest": ({"2025": 928, "2026": 1746}, ["2025", "2026"]),
        "Investeringer totalt, service": ({"2025": 928, "2026": 1746}, ["2025", "2026"]),
    }


# pdfminer, a table without an area column: the label cells (a page number among them), the years, then every
# figure on a line of its own, column by column (the tool writes each column as a block)
LABEL_COLUMNS = """
    Tabel 2. Serviceinvesteringer i forslaget

    1

    1.000 kr. 2026 p/l

    Ekstern konsulentbistand

    Uddannelse af medarbejdere

    Investeringer totalt, service

    2025

    2026

    300

    200

    500

    40

    0

    40

    4. Implementering af forslaget
"""


def _label_columns(text: str):
    lines = lines_of(text)
    return column_runs_to_raw_rows(lines, TableRegion(2, "x", 0, len(lines), lines[0]))


def test_label_then_figure_columns_are_read_column_by_column_when_the_totals_say_so():
    header, rows = _label_columns(LABEL_COLUMNS)
    assert header.years == [2025, 2026] and header.price_level == 2026 and not header.has_area
    assert [(r.label, [t.text for t in r.numbers], r.order_doubt) for r in rows] == [
        ("Ekstern konsulentbistand", ["300", "40"], False),
        ("Uddannelse af medarbejdere", ["200", "0"], False),
        ("Investeringer totalt, service", ["500", "40"], False)]


def test_label_then_figure_columns_are_read_row_by_row_when_the_totals_say_so():
    text = LABEL_COLUMNS.replace("    300\n\n    200\n\n    500\n\n    40\n\n    0\n\n    40\n",
                                 "    300\n\n    40\n\n    200\n\n    0\n\n    500\n\n    40\n")
    header, rows = _label_columns(text)
    assert [([t.text for t in r.numbers], r.order_doubt) for r in rows] == [
        (["300", "40"], False), (["200", "0"], False), (["500", "40"], False)]


def test_label_then_figure_columns_stay_flagged_when_the_totals_do_not_choose():
    text = LABEL_COLUMNS.replace("    500\n", "    501\n")
    header, rows = _label_columns(text)
    assert all(r.order_doubt for r in rows)
    assert _label_columns(LABEL_COLUMNS.replace("    40\n\n    4.", "    4.")) is None  # not rows x years


# pdfminer, a table with an area column, block by block: the first block's heading before the header, then per
# block its labels and area cells and its figures as one run, column by column (a text box per column)
COLUMN_RUNS = """
    Tabel 1. Forslagets samlede økonomiske konsekvenser

    1.000 kr. 2020 p/l

    Varige ændringer

    Styringsområde

    2020

    2021

    Bortfald af licensaftale

    Service

    Samlet varig ændring

    -885

    -885

    -900

    -900

    Implementeringsomkostninger

    Ekstern konsulentbistand

    Anlæg

    Samlede

    implementeringsomkostninger

    300

    300

    0

    0

    Tilbagebetalingstid baseret på serviceeffektivisering: 6 år
"""


def _column_runs(text: str):
    lines = lines_of(text)
    return column_runs_to_raw_rows(lines, TableRegion(1, "x", 0, len(lines), lines[0]))


def test_column_runs_give_each_block_its_rows_and_areas_as_the_totals_confirm():
    header, rows = _column_runs(COLUMN_RUNS)
    assert header.years == [2020, 2021] and header.has_area
    assert [(r.label, r.area, [t.text for t in r.numbers], r.order_doubt) for r in rows] == [
        ("Varige ændringer", None, [], False),
        ("Bortfald af licensaftale", "Service", ["-885", "-900"], False),
        ("Samlet varig ændring", None, ["-885", "-900"], False),
        ("Implementeringsomkostninger", None, [], False),
        ("Ekstern konsulentbistand", "Anlæg", ["300", "0"], False),
        ("Samlede implementeringsomkostninger", None, ["300", "0"], False),
    ]


def test_column_runs_followed_by_label_cells_must_be_decided_by_the_totals():
    """Label cells after the last figures may be labels written after their rows: an undecided reading is left
    to the line-by-line reading."""
    text = COLUMN_RUNS.replace("    Tilbagebetalingstid", "    Samlet økonomisk påvirkning\n\n    Tilbagebetalingstid")
    assert _column_runs(text) is None
    undecided = COLUMN_RUNS.replace("    -900\n\n    -900\n", "    -900\n\n    -901\n")
    header, rows = _column_runs(undecided)
    assert all(r.order_doubt for r in rows if r.numbers)
    assert _column_runs(undecided.replace("    Tilbagebetalingstid",
                                          "    Samlet økonomisk påvirkning\n\n    Tilbagebetalingstid")) is None


def test_column_runs_end_at_prose_and_are_not_read_around_the_header_written_again():
    """A wrapped line of the note below the table (no full stop at its end) is no label. The years written again
    mean another table's body came first (pdfminer, like pdftotext, may write it before its caption): its figures
    add up among themselves too, so this shape is not read."""
    prose = COLUMN_RUNS.replace("    Tilbagebetalingstid baseret på serviceeffektivisering: 6 år\n",
                                "    De løbende udgifter omfatter licenser, support, vedligehold af løsningen. Alle\n")
    header, rows = _column_runs(prose)
    assert [r.label for r in rows if r.numbers][-1] == "Samlede implementeringsomkostninger"
    assert not any(r.order_doubt for r in rows)
    again = COLUMN_RUNS.replace("    Tilbagebetalingstid baseret på serviceeffektivisering: 6 år\n",
                                "    2020\n\n    2021\n\n    55\n\n    66\n")
    assert _column_runs(again) is None  # the figures before it may be another table's: left to the line reading


def test_column_runs_need_each_runs_labels_written_before_it():
    """pdftotext: a row's figures, then a label, then figures, ...: the first run has no label before it, so the
    labels may be written after their figures; every order of a block's rows adds up alike, so this is not read
    as column runs (the line-by-line reading knows labels written after their figures)."""
    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1000 kr. 2016 p/l

        2016

        2017

        850

        100

        Design og brugertest

        1.000

        600

        Test og pilotafprøvning

        405

        500

        2.255

        1.200

        Systemudvikling og integration til fagsystemer

        Investeringer totalt, service
    """
    lines = lines_of(text)
    assert column_runs_to_raw_rows(lines, TableRegion(2, "x", 0, len(lines), lines[0])) is None


def test_a_budget_caption_wrapped_over_two_lines_starts_a_table_written_a_cell_per_line():
    """pdftotext wrapped an unnumbered budget table's caption over two lines, then wrote its column head and its
    years a cell per line: the header is five lines below the caption, and the table before it ends there."""
    from extract.tables import lines_to_regions
    from parsers.sections import find_sections

    text = """
        Tabel 3. Serviceinvesteringer i forslaget
        Investeringer totalt, service

        Budget - Digital understøttelse af forebyggende hjemmebesøg i Sundheds- og
        Omsorgsforvaltningen
        Udgiftspost

        2022

        2023

        I alt

        Hardware

        490.000 kr.
    """
    lines = lines_of(text)
    regions = lines_to_regions(lines, find_sections(lines), "business_case")
    # the budget table's body starts after its caption's second line (its region starts on the caption's last line)
    assert [(r.number, r.caption, r.start) for r in regions] == [
        (3, "Serviceinvesteringer i forslaget", 0),
        (None, "Budget - Digital understøttelse af forebyggende hjemmebesøg i Sundheds- og Omsorgsforvaltningen", 4)]
    assert regions[0].end == 3


WRAPPED_BUDGET = """\
    INVESTERINGSFORSLAG
    Forslagets titel: Tavler i hjemmeplejen
    Fremstillende forvaltning: Socialforvaltningen

    Budget - Nye arbejdsgange for kørsel til skoler i Børne- og
    Ungdomsforvaltningen
    Udgiftspost

    2017
    2.540.000 kr.

    Dobbeltomkostninger i overgangsperioden

    2018

    I alt

    510.000 kr. 3.050.000 kr.

    Evaluering

    860.000 kr. 2.550.000 kr. 3.410.000 kr.

    I alt

    3.400.000 kr. 3.060.000 kr. 6.460.000 kr.
"""


def test_a_wrapped_budget_captions_second_line_is_no_row(tmp_path):
    """pdftotext wrapped a budget table's caption ("... i Børne- og" / "Ungdomsforvaltningen") and wrote the
    first row's first amount with the first year: the caption's second line is the caption's, never a row label
    holding that amount unflagged."""
    years, rows = _tables_read(tmp_path, WRAPPED_BUDGET)[None]
    assert "Ungdomsforvaltningen" not in rows
    assert years == [2017, 2018]
    values, flagged = rows["Dobbeltomkostninger i overgangsperioden"]
    # its 2017 amount stands with the header; whatever the row holds is right or flagged
    truth = {"2017": 2540000, "2018": 510000, "total": 3050000}
    assert all(truth[k] == v or k in flagged for k, v in values.items())


def test_the_label_columns_head_written_between_the_years_does_not_end_the_header():
    """pdftotext wrote a budget table's header a cell per line in reading order: the first year, the label
    column's head ("Udgiftspost"), the second year, the total column: all one header."""
    text = """
        Budget - Ny løsning
        2015

        Udgiftspost

        2016

        I alt

        Hardware

        171.000 kr.
    """
    lines = lines_of(text)
    header = region_to_header(lines, TableRegion(None, "Budget - Ny løsning", 0, len(lines), lines[0]))
    assert (header.years, header.has_total_column, lines[header.body_start].text) == ([2015, 2016], True, "")


# what pdftotext writes after a block's rows and its total's figures: the block's heading, the total's label, the
# next block's heading, and the next row's label and figures
AFTER_BLOCK = """        Varige ændringer
        Samlet varig ændring
        Implementeringsomkostninger
        Tilpasning af arbejdsgange
        400
        350
"""


def test_a_block_totals_label_written_after_the_block_goes_to_its_figures_when_they_add_up():
    """pdftotext, a cell per line: the first block's rows, then its total's figures without a label; the block's
    heading, the total's label and the next block's heading only after them, before the next row."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        2021
        2022
        Færre registreringer
        -510
        -2.040
        Hosting
        437
        873
        -73
        -1.167
    """ + AFTER_BLOCK
    _, rows = _line_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", []), ("Færre registreringer", ["-510", "-2.040"]), ("Hosting", ["437", "873"]),
        ("Samlet varig ændring", ["-73", "-1.167"]), ("Implementeringsomkostninger", []),
        ("Tilpasning af arbejdsgange", ["400", "350"])]
    # figures that are not the block's sums take no total's label from below
    _, rows = _line_rows(text.replace("        -73\n", "        -70\n"))
    assert "Samlet varig ændring" not in [r.label for r in rows]


def test_a_block_totals_label_written_after_the_block_allows_the_rounding_of_three_figures():
    """Three figures rounded to 1.000 kr. may miss their printed total by one ("-2.019 + 941 + 205" printed as
    -872, not -873): the total's label written after the block is still its figures'. By two, it is not."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        2021
        2022
        Færre registreringer
        -321
        -2.019
        Hosting
        21
        941
        Support
        0
        205
        -300
        -872
    """ + AFTER_BLOCK
    _, rows = _line_rows(text)
    assert {r.label: [t.text for t in r.numbers] for r in rows}["Samlet varig ændring"] == ["-300", "-872"]
    _, rows = _line_rows(text.replace("        -872\n", "        -871\n"))
    assert "Samlet varig ændring" not in [r.label for r in rows]


def test_a_moved_bodys_total_takes_the_total_label_written_under_its_caption():
    """Tabel 3's body ends in its total's figures without a label; pdftotext wrote that label under Tabel 3's
    caption and unit line, after the bodies. The figures add up over the rows above, so the label is the total's."""
    from extract.tables import labels_under_caption, lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    text = CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES.replace(
        "    Hardware\n\n    300\n\n    0\n",
        "    Hardware\n\n    300\n\n    0\n\n    Licens\n\n    20\n\n    5\n\n    320\n\n    5\n").replace(
        "    Tabel 3. Serviceinvesteringer i forslaget\n",
        "    Tabel 3. Serviceinvesteringer i forslaget\n    1000 kr. 2020 p/l\n    Investeringer totalt, service\n"
    ).replace("    -200\n\n    1.000 kr. 2020 p/l\n", "    -200\n\n", 1)

    def table_3(text):
        lines = lines_of(text)
        regions = regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case"))
        r = next(r for r in regions if r.number == 3)
        rows = labels_under_caption(lines_to_raw_rows(lines, region_to_header(lines, r), r.end), r)
        return [(x.label, [t.text for t in x.numbers]) for x in rows]

    assert table_3(text) == [("Hardware", ["300", "0"]), ("Licens", ["20", "5"]),
                             ("Investeringer totalt, service", ["320", "5"])]
    # two label cells under the caption for the body's two rows without a label: in order
    two = text.replace("    Licens\n\n    20\n", "    20\n").replace(
        "    1000 kr. 2020 p/l\n    Investeringer totalt, service\n",
        "    1000 kr. 2020 p/l\n    Licens\n    Investeringer totalt, service\n")
    assert table_3(two) == table_3(text)
    # figures that do not add up keep no label
    assert table_3(text.replace("    320\n", "    330\n"))[-1] == ("", ["330", "5"])
    # the text under the caption's label cells is no label cell of its own (the cells are as many as the rows)
    prose = text.replace("    Investeringer totalt, service\n", "    Investeringer totalt, service\n\n"
                         "    Alle besparelser er angivet med negativt fortegn, og udgifter med positivt fortegn.\n", 1)
    assert table_3(prose) == table_3(text)


def test_the_last_captions_label_cells_under_it_before_a_paragraph_label_its_moved_body():
    """The last of the captions written after the bodies (Tabel 4) has its total's label cell under it, then a
    paragraph whose first line is short: the caption's lines run to the region's end, and the paragraph, judged
    as the text box it is, is prose, no label cell."""
    from extract.tables import labels_under_caption, lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    text = CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES.replace(
        "    Licens\n\n    40\n\n    50\n",
        "    Licens\n\n    40\n\n    50\n\n    Hosting\n\n    10\n\n    5\n\n    50\n\n    55\n").replace(
        "    Tabel 4. Anlægsinvesteringer i forslaget\n"
        "    Investeringen dækker udvikling og uddannelse af medarbejderne.\n",
        "    Tabel 4. Anlægsinvesteringer i forslaget\n\n    Investeringer totalt, anlæg\n\n"
        "    Beregningerne er kvalitetssikret af økonomi.\n"
        "    Investeringen dækker udvikling og uddannelse af medarbejderne.\n")
    assert text.count("Investeringer totalt, anlæg") == 1
    lines = lines_of(text)
    regions = regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case"))
    r = next(r for r in regions if r.number == 4)
    rows = labels_under_caption(lines_to_raw_rows(lines, region_to_header(lines, r), r.end), r)
    assert [(x.label, [t.text for t in x.numbers]) for x in rows] == [
        ("Licens", ["40", "50"]), ("Hosting", ["10", "5"]), ("Investeringer totalt, anlæg", ["50", "55"])]
    # a note of one short sentence under the label cells ends a sentence: no label cell either
    note = text.replace("    Investeringen dækker udvikling og uddannelse af medarbejderne.\n", "")
    lines = lines_of(note)
    regions = regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case"))
    r = next(r for r in regions if r.number == 4)
    rows = labels_under_caption(lines_to_raw_rows(lines, region_to_header(lines, r), r.end), r)
    assert rows[-1].label == "Investeringer totalt, anlæg"


def test_a_tables_labels_written_after_the_next_tables_body_label_its_unlabelled_rows_flagged():
    """pdftotext wrote Tabel 2's first label inline, its other two rows as figures alone, then Tabel 3's body,
    and only then Tabel 2's two remaining labels and Tabel 3's caption."""
    from extract.tables import labels_after_moved_bodies, lines_to_regions, regions_given_their_bodies
    from parsers.sections import find_sections

    text = """
        Tabel 2. Varige ændringer, service
        1.000 kr. 2020 p/l
        2021
        2022
        Gevinst
        -100
        -200
        30
        40
        -70
        -160
        1.000 kr. 2020 p/l
        2021
        2022
        Hardware
        300
        0
        Nye udgifter
        Varige ændringer totalt, service
        Tabel 3. Serviceinvesteringer i forslaget
    """

    def read(text):
        lines = lines_of(text.replace("\n", "\n\n"))  # pdftotext: a blank line between the cells
        regions = regions_given_their_bodies(lines, lines_to_regions(lines, find_sections(lines), "business_case"))
        tables = [(r, lines_to_raw_rows(lines, region_to_header(lines, r), r.end)) for r in regions]
        labels_after_moved_bodies(tables)
        return {r.number: [(x.label, [t.text for t in x.numbers], x.label_doubt) for x in rows] for r, rows in tables}

    assert read(text) == {
        2: [("Gevinst", ["-100", "-200"], False), ("Nye udgifter", ["30", "40"], True),
            ("Varige ændringer totalt, service", ["-70", "-160"], True)],
        3: [("Hardware", ["300", "0"], False)],
    }
    # a total whose figures do not add up takes no label: nothing moves
    got = read(text.replace("        -70\n", "        -60\n"))
    assert [label for label, _, _ in got[2]] == ["Gevinst", "", ""]


def test_a_line_at_a_new_pages_top_before_the_header_written_again_is_no_label():
    """A two-page proposal: its running header ("Kommunen") on the second page only, right above the table's
    header written again; it labels no row."""
    text = ("Tabel 2. Serviceinvesteringer i forslaget\n1.000 kr. 2016 p/l\n2015\n2016\nHardware\n807\n113\n"
            "\fKommunen\n1.000 kr. 2016 p/l\n2015\n2016\n50\n60\nInvesteringer totalt, service\n")
    lines = text_to_lines(text)
    header = region_to_header(lines, TableRegion(2, "x", 0, len(lines), lines[0]))
    rows = lines_to_raw_rows(lines, header, len(lines))
    assert "Kommunen" not in " ".join(r.label for r in rows)
    assert [t.text for r in rows for t in r.numbers] == ["807", "113", "50", "60"]


def test_the_economy_sections_heading_stands_for_tabel_1_with_its_header_a_cell_per_line():
    """No "Tabel 1." caption: the section heading names the table, and pdftotext wrote the area column's head
    ("Styringsom" / "råde") and the years a line each, the second year five lines below the heading."""
    from extract.tables import lines_to_regions
    from parsers.sections import find_sections

    lines = lines_of("""
        1. Forslagets samlede økonomiske konsekvenser
        Styringsom
        råde
        2017
        2018
        Design og brugertest
        Drift
        1.102
        -
        2. Baggrund og formål
        Tekst.
    """)
    regions = lines_to_regions(lines, find_sections(lines), "business_case")
    assert [(r.number, r.start) for r in regions] == [(1, 0)]
    assert region_to_header(lines, regions[0]).years == [2017, 2018]


def test_a_band_with_a_short_row_is_read_row_by_row_and_the_totals_choose_its_year():
    """pdftotext, a ruled table with an area column: the first band column by column (two areas and their total),
    the second, whose first row has one figure only, row by row; which year that figure stands under, only the
    total below it says."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2020 p/l
        Gevinst
        Licens
        Samlet varig ændring
        Projektledelse
        Samlede implementeringsomkostninger
        Styringsområde
        2021
        2022
        Service
        Service
        10
        20
        30
        1
        2
        3
        Anlæg
        50
        50
        0
    """
    lines = lines_of(text)
    got = area_bands_to_raw_rows(lines, TableRegion(1, "x", 0, len(lines), lines[0]))
    assert got is not None
    _, rows = got
    assert [(r.label, r.area, {k: t.text for k, t in r.placed.items()}, r.order_doubt) for r in rows] == [
        ("Gevinst", "Service", {"2021": "10", "2022": "1"}, False),
        ("Licens", "Service", {"2021": "20", "2022": "2"}, False),
        ("Samlet varig ændring", None, {"2021": "30", "2022": "3"}, False),
        ("Projektledelse", "Anlæg", {"2021": "50"}, False),
        ("Samlede implementeringsomkostninger", None, {"2021": "50", "2022": "0"}, False),
    ]
    # a total that does not tell the short row's year: read, but in doubt
    _, rows = area_bands_to_raw_rows(*(lambda ls: (ls, TableRegion(1, "x", 0, len(ls), ls[0])))(
        lines_of(text.replace("        50\n        50\n        0\n", "        50\n        50\n        50\n"))))
    assert all(r.order_doubt for r in rows)


def test_bands_that_leave_a_line_of_figures_unread_are_not_read_row_by_row():
    """pdfminer wrote part of a row as one line of several figures after the area cells: the bands do not hold
    the body's figures, so no band reading is taken."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2020 p/l
        Gevinst
        Licens
        Samlet varig ændring
        Styringsområde
        Service
        Service
        2021
        2022
        -
        -
        -
        -547 -2.187
        Note til alle tabeller
    """
    lines = lines_of(text)
    assert area_bands_to_raw_rows(lines, TableRegion(1, "x", 0, len(lines), lines[0])) is None


def test_the_label_column_written_before_the_years_labels_the_rows_after_them():
    """pdftotext wrote the label cells between the unit line and the years, then each row's figures alone."""

    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2025 p/l
        Dobbeltomkostninger i overgangsperioden
        Opsætning af teknisk infrastruktur
        2024
        2025
        395
        45
        1.010
        150
        Investeringer totalt, service
        1.405
        195
    """
    _, rows = _before_header_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Dobbeltomkostninger i overgangsperioden", ["395", "45"]),
        ("Opsætning af teknisk infrastruktur", ["1.010", "150"]),
        ("Investeringer totalt, service", ["1.405", "195"])]
    # three label cells for two unlabelled rows: which is whose is not known, nothing given
    more = text.replace("        Opsætning af teknisk infrastruktur\n",
                        "        Opsætning af teknisk infrastruktur\n        Hardware\n")
    _, rows = _before_header_rows(more)
    assert [r.label for r in rows][:2] == ["", ""]


def test_labels_after_the_table_skip_the_area_columns_head_written_among_them():
    """The area column's head ("Styrings" / "område") written with the label cells after the figures."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1000 kr. 2025 p/l
        2024
        2025
        395
        45
        1.010
        150
        Samlede
        implementeringsomkostninger
        1.405
        195
        Styrings
        område
        Implementeringsomkostninger
        Dobbeltomkostninger i
        overgangsperioden
        Opsætning af teknisk
        infrastruktur
    """
    _, rows = _line_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Implementeringsomkostninger", []),
        ("Dobbeltomkostninger i overgangsperioden", ["395", "45"]),
        ("Opsætning af teknisk infrastruktur", ["1.010", "150"]),
        ("Samlede implementeringsomkostninger", ["1.405", "195"])]


def test_the_area_columns_head_wrapped_before_the_years_labels_no_row():
    """"Styringsomr" / "åde" between the unit line and the years is the area column's head, not a label cell."""
    _, rows = _before_header_rows("""
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1.000 kr. 2022 p/l
        Styringsomr
        åde
        2021
        2022
        300
        400
        Samlet økonomisk påvirkning
        300
        400
    """, 1)
    assert rows[0].label == ""


def test_labels_after_the_table_end_where_the_text_below_it_begins():
    """The label cells written after the figures, then the text below the table: a sentence ending and another
    beginning on one line is prose, no label cell, and what follows it is not counted."""
    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2024 p/l
        2023
        2024
        Test
        610
        648
        1.535
        35
        2.145
        683
        Tilpasning af arbejdsgange
        Investeringer totalt, service
        Der er regnet med en årsværkspris. De løbende driftsudgifter
        omfatter licenser og support
    """
    _, rows = _line_rows(text, 2)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows if r.numbers] == [
        ("Test", ["610", "648"]), ("Tilpasning af arbejdsgange", ["1.535", "35"]),
        ("Investeringer totalt, service", ["2.145", "683"])]


def test_a_form_fields_label_after_the_table_ends_its_body():
    """pdftotext wrote the proposal's header fields after its first table (labels after the figures): the title
    field's label ends the table, so the label cells before it label the rows."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1000 kr. 2022 p/l
        2021
        2022
        299
        105
        150
        410
        449
        515
        Midlertidige
        implementeringsomkostninger
        Projektledelse
        Samlede implementeringsomkostninger
        Forslagets titel:
        SI/SO05 - Nye digitale veje
        Kort resumé:
        Borgerne får en hurtigere service.
    """
    _, rows = _line_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Midlertidige implementeringsomkostninger", ["299", "105"]), ("Projektledelse", ["150", "410"]),
        ("Samlede implementeringsomkostninger", ["449", "515"])]


def test_labels_before_the_years_that_would_shift_by_a_row_are_not_given():
    """A budget table: its label column's head ("Udgiftspost") written among the label cells is no label; were it
    counted, every label would fall a row short and the total's figures would take a row's label. Labels that
    no total checks are given in doubt."""

    def read(text):
        _, rows = _before_header_rows(text, None, "Budget - x")
        return [(r.label, [t.text for t in r.numbers], r.label_doubt) for r in rows]

    budget = """
        Budget - Ny løsning
        1.000 kr. 2016 p/l
        Udgiftspost
        Indkøb af udstyr
        Drift af løsningen
        I alt
        2016
        2017
        100
        200
        50
        60
        150
        260
    """
    assert read(budget) == [("Indkøb af udstyr", ["100", "200"], False), ("Drift af løsningen", ["50", "60"], False),
                            ("I alt", ["150", "260"], False)]
    # the total's label lost: the figures that add up take no other row's label
    assert [label for label, _, _ in read(budget.replace("        I alt\n", ""))] == ["", "", ""]
    # no total among them: given in doubt
    got = read(budget.replace("        I alt\n", "        Licens\n").replace("        150\n        260\n",
                                                                              "        15\n        26\n"))
    assert [(label, doubt) for label, _, doubt in got] == [("Indkøb af udstyr", True), ("Drift af løsningen", True),
                                                          ("Licens", True)]


def test_a_first_label_written_among_the_header_years_labels_the_first_row():
    """pdftotext wrote a budget table's first label between its years ("2016" / label / "2017" / "I alt"): the
    header goes on after it, and the label is the first row's (in doubt: no total checks the order)."""
    header, rows = _before_header_rows("""
        Budget - Ny løsning
        Udgiftspost
        2016
        Tilpasning af arbejdsgange
        2017
        I alt
        1.530.000 kr. 1.265.000 kr. 2.795.000 kr.
        Projektledelse
        797.000 kr.
        721.000 kr. 1.518.000 kr.
    """, None, "Budget - Ny løsning")
    assert (header.years, header.has_total_column) == ([2016, 2017], True)
    assert [(r.label, len(r.numbers), r.label_doubt) for r in rows] == [
        ("Tilpasning af arbejdsgange", 3, True), ("Projektledelse", 3, False)]


def test_the_area_columns_head_wrapped_anywhere_is_no_label_cell_after_the_table():
    """"Styringsomr" / "åde" written with the label cells after the figures spell the area column's head."""
    from extract.tables import area_head_lines

    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        2019
        2020
        -
        -488
        -
        -488
        1.000 kr. 2019 p/l
        Styringsomr
        åde
        Varige ændringer
        Frigjort tid i den borgerrettede
        indsats
        Service
        Samlet varig ændring
    """
    _, rows = _line_rows(text)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows] == [
        ("Varige ændringer", None, []), ("Frigjort tid i den borgerrettede indsats", "Service", ["-", "-488"]),
        ("Samlet varig ændring", None, ["-", "-488"])]
    lines = lines_of("Styrings-\nområde\nHardware\nStyringsomr\nåde\nåde")
    assert [ln.text for ln in lines if id(ln) in area_head_lines(lines)] == ["Styrings-", "område", "Styringsomr",
                                                                           "åde"]


def test_a_label_column_split_before_the_years_and_after_the_figures_labels_the_rows_in_order():
    """pdftotext wrote the first label cell before the years and the other two after all the figures; the total's
    label falls on figures that add up."""

    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2019 p/l
        Ekstern konsulentbistand
        2018
        2019
        500
        -
        940
        -
        1.440
        -
        Dobbeltomkostninger i overgangsperioden
        Investeringer totalt, service
        Alle besparelser er angivet med negativt fortegn. De løbende
    """
    _, rows = _before_header_rows(text)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Ekstern konsulentbistand", ["500", "-"]), ("Dobbeltomkostninger i overgangsperioden", ["940", "-"]),
        ("Investeringer totalt, service", ["1.440", "-"])]


def test_a_totals_label_after_figures_that_add_up_is_theirs_though_the_header_was_written_again():
    """Over a page break (the header written again, a page number left among the label cells before the years),
    the total's label after its figures is still theirs: the figures add up over the rows above."""
    from extract.tables import total_label_after_its_sum

    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2023 p/l
        Evaluering
        1
        2022
        2023
        415
        951
        1.000 kr. 2023 p/l
        2022
        2023
        Tilpasning
        880
        330
        1.295
        1.281
        Investeringer totalt, service
    """
    _, rows = _before_header_rows(text)
    rows = total_label_after_its_sum(rows)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Evaluering", ["415", "951"]), ("Tilpasning", ["880", "330"]),
        ("Investeringer totalt, service", ["1.295", "1.281"])]
    # figures that do not add up: the label is not given
    rows = total_label_after_its_sum(_before_header_rows(text.replace("        1.295\n", "        1.290\n"))[1])
    assert "Investeringer totalt, service" not in [r.label for r in rows if r.numbers]


def test_a_header_written_again_at_a_page_top_is_no_other_tables_body():
    """Tabel 2 breaks across a page: its unit line and years stand again at the top of the next page (a running
    header among them), then its last row; only the next run of years is Tabel 3's body, written before its
    caption."""
    text = "\n\n".join(["Tabel 2. Varige ændringer, service\n1.000 kr. 2020 p/l", "2021", "2022", "Gevinst", "-100",
                        "-200", "\f1.000 kr. 2020 p/l\nBusiness case", "2021", "2022", "Licens, fortsat", "40", "50",
                        "1.000 kr. 2020 p/l", "2021", "2022", "Hardware", "300", "0",
                        "Tabel 3. Serviceinvesteringer i forslaget",
                        "Investeringen dækker udvikling og uddannelse af medarbejderne.",
                        "1. Næste afsnit\nHer begynder teksten igen."]) + "\n"
    got = _regions_read(text)
    assert got[3] == ([2021, 2022], 2020, [("Hardware", ["300", "0"])], True)
    assert [label for label, _ in got[2][2]][:1] == ["Gevinst"] and "Hardware" not in str(got[2])


ONE_LABEL_AFTER_TABLE = """
    Tabel 1. Forslagets samlede økonomiske konsekvenser
    1.000 kr. 2020 p/l
    2019
    2020
    335
    355
    Systemudvikling og integration til
    fagsystemer
    851
    626
    Samlede
    implementeringsomkostninger
    1.186
    981
    Styringsomr
    åde
    Implementeringsomkostninger
    Indkøb af hardware
    Service
"""


def test_one_label_cell_after_the_table_labels_its_one_unlabelled_row_when_it_shows_a_rows():
    """Rule `labels-after-table` for one row: pdftotext wrote the first row's label (under its block's heading,
    its area cell after it) after the whole table. One label cell is a row's when its area cell or a heading
    comes with it; a lone line after the table may be the text below it: it labels the row only flagged, and
    only when it reads as a label (not a sentence, a total's label, or a line with a figure)."""
    header, rows = _line_rows(ONE_LABEL_AFTER_TABLE)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows][:2] == [
        ("Implementeringsomkostninger", None, []), ("Indkøb af hardware", "Service", ["335", "355"])]
    assert not rows[1].label_doubt
    lone = ONE_LABEL_AFTER_TABLE.replace("    Implementeringsomkostninger\n", "").replace("    Service\n", "")
    header, rows = _line_rows(lone)
    assert [(r.label, [t.text for t in r.numbers], r.label_doubt) for r in rows][0] == (
        "Indkøb af hardware", ["335", "355"], True)
    for below in ("Indkøb af hardware er afsluttet.", "Investeringer i alt", "Side 3 af 7"):
        header, rows = _line_rows(lone.replace("Indkøb af hardware", below))
        assert not any((r.label_inferred_by or "").startswith("labels-after-table") for r in rows), below


# pdftotext on an office table with an "I alt" column: the right part of Tabel 3's header ("2027" / "2028" /
# "I alt") written after Tabel 2's body, before Tabel 3's caption; and Tabel 4's written among its first row's
# figures
HEADER_TAILS = """\
    INVESTERINGSFORSLAG
    Forslagets titel: Tavler i hjemmeplejen
    Fremstillende forvaltning: Socialforvaltningen

    Tabel 2. Varige ændringer, service
    1.000 kr. 2026 p/l

    2025

    2026

    2027

    2028

    Licens

    300

    500

    Varige ændringer totalt, service

    300

    500

    2027

    2028

    I alt

    Tabel 3. Serviceinvesteringer i forslaget
    1.000 kr. 2026 p/l

    2025

    2026

    Uddannelse

    1.200

    1.200

    Investeringer totalt, service

    1.200

    1.200

    Tabel 4. Anlægsinvesteringer i forslaget
    1.000 kr. 2026 p/l

    2025

    2026

    Hardware

    2.500

    2.750

    2027

    2028

    5.250

    I alt

    Investeringer totalt, anlæg

    2.500

    2.750

    5.250

    4. Implementering af forslaget
    Her begynder teksten igen.
"""


def _tables_read(tmp_path, text: str) -> dict:
    path = tmp_path / "bc.txt"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    [doc] = pipeline.extract_file(path).documents
    return {t.number: (t.years, {r.label: (r.values(), r.uncertain_keys()) for r in t.rows}) for t in doc.tables}


def test_a_headers_right_part_written_before_its_caption_heads_that_tables_columns(tmp_path):
    """Rule `header-tail-before-caption`: the lone years and "I alt" that end Tabel 2 go on from Tabel 3's header
    ("2025" / "2026"): they are Tabel 3's last columns. Its rows' two figures then fill two of five columns,
    the last the total column: flagged, never two years stored as certain."""
    got = _tables_read(tmp_path, HEADER_TAILS)
    assert got[2][0] == [2025, 2026, 2027, 2028] and "I alt" not in got[2][1]
    years, rows = got[3]
    assert years == [2025, 2026, 2027, 2028]
    assert rows["Uddannelse"] == ({"2025": 1200, "total": 1200}, ["2025", "total"])
    # years that do not go on from the next table's header stay where they are: nothing moves
    other = HEADER_TAILS.replace("    2027\n\n    2028\n\n    I alt\n\n    Tabel 3",
                                 "    2026\n\n    I alt\n\n    Tabel 3")
    assert _tables_read(tmp_path, other)[3][0] == [2025, 2026]


def test_a_headers_right_part_written_among_the_figures_heads_columns_and_is_no_row(tmp_path):
    """Rule `header-tail-in-body`: "2027" / "2028" after the first row's first figures, then "I alt" after its
    total, go on from Tabel 4's header: its last columns, neither a row of figures nor a label's first word."""
    years, rows = _tables_read(tmp_path, HEADER_TAILS)[4]
    assert years == [2025, 2026, 2027, 2028]
    assert list(rows) == ["Hardware", "Investeringer totalt, anlæg"]
    assert rows["Hardware"][0] == {"2025": 2500, "2026": 2750, "total": 5250}
    # one lone year among the figures, no "I alt" after it: it may be a figure, and is kept as one
    one = HEADER_TAILS.replace("    2027\n\n    2028\n\n    5.250\n\n    I alt\n", "    2027\n\n    5.250\n")
    years, rows = _tables_read(tmp_path, one)[4]
    assert years == [2025, 2026] and 2027 in [v for vals, _ in rows.values() for v in vals.values()]


BUDGET_CELLS = """
    Budget - Ny portal
    Udgiftspost
    2023
    2024
    I alt
    Design og brugertest
    330.000 kr.
    180.000 kr.
    510.000 kr.
    Projektledelse
    595.000 kr.
    590.000 kr.
    1.185.000 kr.
    I alt
    925.000 kr.
    Hardware
    770.000 kr. 1.695.000 kr.
"""


def test_a_budget_tables_amounts_with_their_unit_are_cells_on_lines_of_their_own():
    """Rule `assembly-unconfirmed` for a budget table, its amounts written with their unit ("330.000 kr."): the
    dump wrote them a cell per line too. A label written between the last row's cells (pdftotext's reading
    order) leaves that row short and gives its other cells to a row of its own: no figure stands unflagged."""
    rows = _assembled(BUDGET_CELLS)
    assert [r.label for r in rows][-2:] == ["I alt", "Hardware"]
    assert all(set(r.uncertain) == set(r.placed) for r in rows)



ROWS_BEFORE_THEIR_LABELS = """
    Tabel 1. Forslagets samlede økonomi
    1.000 kr. 2016 p/l
    Styringsområde
    2016
    2017
    Lønudgifter
    Service
    -100
    -200
    40
    40
    -60
    -160
    300
    0
    Varige ændringer
    Licens
    Service
    Samlet varig ændring
    Implementeringsomkostninger
    Projektledelse
    Anlæg
    Hardware
    Service
    200
    0
    Samlede implementeringsomkostninger
    500
    0
"""


def test_label_cells_written_after_their_rows_figures_name_them_in_order():
    """Rule `labels-after-their-rows`: three rows' figures without labels, then the label column's cells of those
    rows and of the next (a block's heading out of its place, a row with its area, a total, the next block's
    heading, a row, the next row): the rows take the cells in order, the last names the figures after it; the
    heading after the total starts the next block, the one inside the first block is dropped."""
    from extract.tables import labels_after_their_rows

    def read(text: str) -> list[RawRow]:
        lines = lines_of(text)
        header = region_to_header(lines, TableRegion(1, "x", 0, len(lines), lines[0]))
        return labels_after_their_rows(lines_to_raw_rows(lines, header, len(lines)))

    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in read(ROWS_BEFORE_THEIR_LABELS)] == [
        ("Lønudgifter", "Service", ["-100", "-200"]), ("Licens", "Service", ["40", "40"]),
        ("Samlet varig ændring", None, ["-60", "-160"]), ("Implementeringsomkostninger", None, []),
        ("Projektledelse", "Anlæg", ["300", "0"]), ("Hardware", "Service", ["200", "0"]),
        ("Samlede implementeringsomkostninger", None, ["500", "0"])]
    assert [r.label_doubt for r in read(ROWS_BEFORE_THEIR_LABELS) if r.numbers] == [False, True, True, True, True,
                                                                                   False]
    # a cell too few (the total's label lost): the counts do not fit, no label of the run is moved
    lost = read(ROWS_BEFORE_THEIR_LABELS.replace("    Samlet varig ændring\n", ""))
    assert [r.label for r in lost if r.numbers][1:4] == ["", "", ""]


def test_the_area_columns_head_wrapped_after_the_years_is_no_rows_label():
    """Rule `area-head-after-years`: pdfminer wrote the labels first, then the years, then the area column's head
    wrapped anywhere ("Styring" / "sområd" / "e"), then each row's area cell and figures: the head is a header
    cell, never the first row's label (it took the first row's figures unflagged)."""
    text = """
        Tabel 1. Forslagets samlede økonomiske konsekvenser
        1000 kr. 2022 p/l
        2022
        2023
        Styring
        sområd
        e
        Service
        -478
        -1.910
        Service
        94
        140
    """
    header, rows = _line_rows(text)
    assert header.has_area
    assert "Styring sområd e" not in [r.label for r in rows]
    # pieces that do not join up into the head are no header cell
    header, rows = _line_rows(text.replace("        e\n", "        ej\n"))
    assert "Styring sområd ej" in [r.label for r in rows]


MOST_COLUMNS = """
    Tabel 2. Varige ændringer, service
    2021
    2022
    2023
    Licens
    100
    200
    300
    Hosting
    50
    80
    70
    Varige ændringer totalt, service
    150
    400
    370
"""


def test_a_column_that_adds_up_among_columns_that_do_not_is_flagged_with_them():
    """Rule `assembly-unconfirmed`: one column whose total does not add up among columns that do is the
    document's own arithmetic (that column flagged alone); when most columns do not add up, the rows were
    assembled wrong and the column that adds up does so by chance: every figure flagged."""
    rows = _assembled(MOST_COLUMNS)
    assert [sorted(r.uncertain) for r in rows] == [["2022"]] * 3
    rows = _assembled(MOST_COLUMNS.replace("    400\n    370\n", "    400\n    500\n"))
    assert [sorted(r.uncertain) for r in rows] == [["2021", "2022", "2023"]] * 3


def test_a_total_label_naming_another_table_written_after_a_rows_figures_is_not_that_rows():
    """Rule `total-of-another-table`: pdftotext wrote Tabel 2's total label ("Varige ændringer totalt, service")
    after the last body given to the captions written later (Anlægsinvesteringer): the line reading gives it to
    that body's total, whose figures add up as any total's do. The caption names another table: the row is left
    without a label and the label stays after the rows, for its own table."""
    from extract.tables import foreign_total_labels

    text = """
        Tabel 4. Anlægsinvesteringer i forslaget
        2021
        2022
        Hardware
        300
        0
        Licens
        20
        5
        320
        5
        Varige ændringer totalt, service
    """
    _, rows = _line_rows(text, 4)
    assert rows[-1].label == "Varige ændringer totalt, service" and rows[-1].numbers
    got = foreign_total_labels(rows, "Anlægsinvesteringer i forslaget")
    assert [(r.label, [t.text for t in r.numbers]) for r in got] == [
        ("Hardware", ["300", "0"]), ("Licens", ["20", "5"]), ("", ["320", "5"]),
        ("Varige ændringer totalt, service", [])]
    # its own table's caption, or a caption naming two kinds, keeps the label where it is
    for caption in ("Varige ændringer, service", "Varige ændringer, Anlægsinvesteringer i forslaget"):
        _, rows = _line_rows(text, 4)
        assert foreign_total_labels(rows, caption)[-1].label == "Varige ændringer totalt, service"


def test_labels_before_the_header_and_after_the_table_label_the_first_rows_across_labelled_ones():
    """pdftotext, a table across a page break: the first row's label before the years, its figures, the header
    written again on the next page, two rows' figures without labels, rows labelled inline, and the two missing
    labels only after the table. The cells before the years and those after the table are as many as the
    unlabelled rows: they label them in order, flagged (the order written alone places them)."""
    text = """
        Tabel 2. Serviceinvesteringer i forslaget
        1.000 kr. 2021 p/l
        Frikøb af fagpersoner

        2020

        2021

        30

        575

        1.000 kr. 2021 p/l

        2020

        2021

        100

        400

        1.365

        105

        Uddannelse

        325

        455

        Investeringer totalt, service

        1.820

        1.535

        Evaluering
        Design og brugertest
    """
    _, rows = _before_header_rows(text)
    got = [(r.label, [t.text for t in r.numbers], r.label_doubt) for r in rows if r.numbers]
    assert got == [("Frikøb af fagpersoner", ["30", "575"], True), ("Evaluering", ["100", "400"], True),
                   ("Design og brugertest", ["1.365", "105"], True), ("Uddannelse", ["325", "455"], False),
                   ("Investeringer totalt, service", ["1.820", "1.535"], False)]
    # one label too few after the table: nothing is given
    _, rows = _before_header_rows(text.replace("        Evaluering\n", ""))
    assert [r.label for r in rows if r.numbers][:3] == ["", "", ""]


def test_a_budget_tables_body_goes_to_its_caption_written_after_the_bodies():
    """pdftotext wrote Tabel 3's body, then a budget table's (its years, "I alt", amounts with "kr."), and only
    then both captions: the budget caption takes the last body though no unit line stands over it (its amounts
    carry their unit), and its dash ("Budget - ...") is no figure that would make the caption a body of its own."""
    text = CAPTIONS_WITHOUT_HEADERS_AFTER_BODIES.replace(
        "    Tabel 3. Serviceinvesteringer i forslaget\n\n    Tabel 4. Anlægsinvesteringer i forslaget\n",
        "    2021\n\n    2022\n\n    I alt\n\n    Licens\n\n    40.000 kr.\n\n    50.000 kr.\n\n    90.000 kr.\n\n"
        "    Tabel 3. Serviceinvesteringer i forslaget\n\n    Tabel 4. Anlægsinvesteringer i forslaget\n\n"
        "    Budget - Ny portal\n    Udgiftspost\n")
    got = _regions_read(text)
    assert got[None][0] == [2021, 2022] and got[None][2] == [("Licens", ["40.000 kr.", "50.000 kr.", "90.000 kr."])]
    assert got[None][3]  # a body given away: stored flagged
    assert got[4][2] == [("Licens", ["40", "50"])]


# pdftotext, a cell per line: the figures first, then the area column's head, the labels and one area cell, the
# table's first, after the total's label: the first row's, or the total's? (rule `lone-area-after-total`)
LONE_AREA = """\
INNOVATIONSFORSLAG
Forslagets titel: TV07 - Afprøvning af planlægning

Tabel 1. Forslagets samlede økonomi
1000 kr. 2017 p/l
2017

2018

Systemudvikling og
integration til fagsystemer
250

300

Evaluering og
gevinstopfølgning
650

750

170

280

1.070

1.330

Styring
sområd
e
Implementeringsomkostninger
Tilpasning af arbejdsgange og
vejledninger
Samlede implementerings
omkostninger
Service

1. Baggrund og formål
Tekst.
"""


def test_a_lone_area_after_the_total_label_is_given_to_no_row():
    doc = extract_document(SourceDocument("s.txt", 1, "innovationsforslag", text_to_lines(LONE_AREA)))
    rows = {r.label: (r.area, {c.key: c.value for c in r.cells}) for r in doc.tables[0].rows}
    assert rows["Samlede implementeringsomkostninger"] == (None, {"2017": 1070, "2018": 1330})
    assert rows["Tilpasning af arbejdsgange og vejledninger"] == (None, {"2017": 170, "2018": 280})
    # each row's area in its turn: the total's in its turn is its own
    in_turn = LONE_AREA.replace("vejledninger\n", "vejledninger\nAnlæg\n")
    doc = extract_document(SourceDocument("s.txt", 1, "innovationsforslag", text_to_lines(in_turn)))
    areas = {r.label: r.area for r in doc.tables[0].rows}
    assert areas["Tilpasning af arbejdsgange og vejledninger"] == "Anlæg"
    assert areas["Samlede implementeringsomkostninger"] == "Service"
