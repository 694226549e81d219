"""The text path's steps on small synthetic snippets: page furniture, document starts, label-only rows."""
from __future__ import annotations

import textwrap

import pytest

from extract.tables import TableHeader, lines_to_raw_rows
from parsers.furniture import furniture_indices
from parsers.split import drop_page_numbers, split_documents
from parsers.textfile import text_to_lines


def lines_of(text: str):
    return text_to_lines(textwrap.dedent(text).strip("\n"))


def page(header: str, body: list[str], n: int, of: int) -> str:
    return "\n".join([header, *body, f"Side {n} af {of}"])


def test_running_header_and_footer_are_dropped_on_every_page():
    # an office template: the same header line and a page count on each page, pages glued by form feeds
    bodies = [["Baggrund", "Formålet er"], ["Indhold", "Løsningen er"], ["Økonomi", "Prisen er"], ["Risiko", "lav"]]
    pages = [page("Kommunen Investeringsforslag AB12", body, i, 4) for i, body in enumerate(bodies, start=1)]
    lines = text_to_lines("\f".join(pages))
    kept = [ln.text for ln in drop_page_numbers(lines)]
    assert kept == [text for body in bodies for text in body]


def test_running_header_that_names_each_documents_kind_is_dropped():
    # a bundle: the header keeps its opening words and changes the kind or code after them
    headers = ["Byens Kommune Oversigt"] + ["Byens Kommune Business case"] * 3
    bodies = ["Baggrund", "Indhold", "Økonomi", "Risiko"]
    pages = [page(h, [body], i + 1, 4) for i, (h, body) in enumerate(zip(headers, bodies, strict=True))]
    lines = text_to_lines("\f".join(pages))
    dropped = {lines[i].text for i in furniture_indices(lines)}
    assert dropped >= set(headers)
    assert not dropped & set(bodies)


def test_a_running_title_of_the_kind_alone_is_dropped():
    """Rule `running-title`: in a bundle, a proposal without a code has a running header of its kind alone
    ("Business case") under the institution's line, on its later pages only: too few pages of the bundle to
    repeat it, it is furniture all the same."""
    first = [page("Københavns Kommune\nInvesteringsforslag AB12", [body], i, 4)
             for i, body in enumerate(["Baggrund", "Indhold", "Økonomi"], start=1)]
    second = ["BUSINESS CASE\nForslagets titel: Noget\nTabel 2. Varige ændringer\nLønudgifter",
              "Københavns Kommune\nBusiness case\n1.000 kr. 2016 p/l\n2016\nHardware"]
    lines = text_to_lines("\f".join(first + second))
    dropped = {lines[i].text for i in furniture_indices(lines)}
    assert "Business case" in dropped
    assert not dropped & {"BUSINESS CASE", "Hardware", "Lønudgifter", "Baggrund"}


def test_no_furniture_without_pages_or_repetition():
    lines = lines_of("""
        Kommunen Investeringsforslag AB12
        Tabel 1. Noget
        Kommunen Investeringsforslag AB12
    """)
    assert furniture_indices(lines) == set()  # no form feeds: no page tops to compare
    # page tops that share their opening words but no line that repeats whole: captions, not a running header
    captions = text_to_lines("\f".join(f"Tabel {n}. Udgifter til {w}\ntekst {w}" for n, w in enumerate(
        ("drift", "anlæg", "service", "løn"), start=1)))
    assert furniture_indices(captions) == set()


def test_a_header_word_on_a_page_top_is_kept():
    pages = [page("INVESTERINGSFORSLAG", ["Forslagets titel: AB12 Noget" if i == 1 else "tekst"], i, 3)
             for i in range(1, 4)]
    kept = [ln.text for ln in drop_page_numbers(text_to_lines("\f".join(pages)))]
    assert kept.count("INVESTERINGSFORSLAG") == 3


def test_header_word_with_the_budget_round_beside_it_starts_a_document():
    docs = split_documents(lines_of("""
        INVESTERINGSFORSLAG
        Forslagets titel: AB01 Første
        INVESTERINGSFORSLAG OFS 2020-21
        Forslagets titel: AB02 Anden
    """), "x.txt")
    assert [d.kind for d in docs] == ["investeringsforslag", "investeringsforslag"]


@pytest.mark.parametrize("own", ["Forslagets\ntitel:\nAB02 Anden", "Kort resumé: Et forslag.", "Tabel 1. Økonomi"])
def test_a_header_word_over_a_proposals_own_first_page_starts_a_document(own):
    """A proposal after an overview, without a "Forslagets titel:" line of its own (the label wrapped, or only
    the summary or Tabel 1 follows): its header word starts it. A header word over nothing of a proposal's own
    (a running header) does not."""
    docs = split_documents(lines_of(f"""
        Oversigt over smarte investeringer
        Ældreområdet 2022 2023
        BUSINESS CASE
        {own}
        tekst
        BUSINESS CASE
        tekst
    """), "x.txt")
    assert [d.kind for d in docs] == ["overview", "business_case"]


def test_a_title_field_starts_a_document_whose_header_word_was_lost():
    docs = split_documents(lines_of("""
        INNOVATIONSFORSLAG
        Forslagets titel: AB01 Første forslag
        tekst
        Forslagets titel: AB02 Andet forslag
        tekst
        Forslagets titel: AB02 Andet forslag
    """), "x.txt")
    assert len(docs) == 2  # the same title repeated later is not a third proposal
    assert docs[1].kind == "innovationsforslag"
    assert docs[1].lines[0].text.endswith("AB02 Andet forslag")


HEADER = TableHeader(years=[2017, 2018], unit=None, price_level=None, has_area=False, has_total_column=False,
                     body_start=0)


def test_a_block_name_above_a_labelled_row_is_a_row_of_its_own():
    # a dump without trailing spaces: "Byggeri i Nordhavn" has no figures and the next line a label of its own
    rows = lines_to_raw_rows(lines_of("""
        Byggeri i Nordhavn
        Projektledelse 100 0
        Licens 40 0
    """), HEADER, 99)
    assert [r.label for r in rows] == ["Byggeri i Nordhavn", "Projektledelse", "Licens"]
    assert rows[0].numbers == []


def test_a_wrapped_block_name_above_a_wrapped_label_are_two_rows():
    rows = lines_to_raw_rows(lines_of("""
        Uden for målsætning
        Varige ændringer totalt,
        administration
        -132 -132
        Innovation af nye
        løsninger i byen
        Projektledelse 400 0
    """), HEADER, 99)
    assert [r.label for r in rows] == ["Uden for målsætning", "Varige ændringer totalt, administration",
                                       "Innovation af nye løsninger i byen", "Projektledelse"]
    assert [len(r.numbers) for r in rows] == [0, 2, 0, 2]


def test_a_wrapped_label_stays_one_label():
    rows = lines_to_raw_rows(lines_of("""
        Interne udgifter til
        Drift af løsningen 100 0
        Udvikling (projektledelse,
        Konsulenter) 5 5
        Design ekstern
        leverandør 7 7
        Systemudvikling
        KIT el. ekstern
        leverandør 8 8
    """), HEADER, 99)
    assert [r.label for r in rows] == [
        "Interne udgifter til Drift af løsningen", "Udvikling (projektledelse, Konsulenter)",
        "Design ekstern leverandør", "Systemudvikling KIT el. ekstern leverandør",
    ]


def test_a_repeated_header_row_after_a_page_break_is_not_a_row():
    rows = lines_to_raw_rows(lines_of("""
        Reduceret løn -100 -200
        1.000 kr. 2016 p/l 2017 2018
        Varige ændringer totalt, service -100 -200
    """), HEADER, 99)
    assert [r.label for r in rows] == ["Reduceret løn", "Varige ændringer totalt, service"]


def test_a_wrapped_name_above_a_figures_line_without_label_stays_one_label():
    # "... i Den Sociale" / "Hjemmepleje": a capital after a complete-looking line is not enough without a label
    # on the figures line, unless what starts there is a total
    rows = lines_to_raw_rows(lines_of("""
        Nøgler og kørebøger i Den Sociale
        Hjemmepleje
        0 -600
    """), HEADER, 99)
    assert [r.label for r in rows] == ["Nøgler og kørebøger i Den Sociale Hjemmepleje"]


def test_a_padded_dump_closes_rows_by_its_spaces_not_by_capitals():
    # every line padded with spaces (the tool kept the empty cells' width): a run of spaces closes a row without
    # figures, and a capital does not start a label
    padded = ["Smart investeringsforslag: CSC ", "Social Mobility 0 -6.000 ", "Byggeri i Nordhavn      ",
              "Projektledelse 100 0 "]
    rows = lines_to_raw_rows(text_to_lines("\n".join(padded)), HEADER, 99)
    assert [r.label for r in rows] == ["Smart investeringsforslag: CSC Social Mobility", "Byggeri i Nordhavn",
                                       "Projektledelse"]


AREA_HEADER = TableHeader(years=[2017, 2018], unit=None, price_level=None, has_area=True, has_total_column=False,
                          body_start=0)


def test_an_area_cell_wrapped_at_its_slash_after_the_label():
    rows = lines_to_raw_rows(lines_of("""
        Anlæg/drift Anlæg/
        drift
        18.100 6.300
    """), AREA_HEADER, 99)
    assert [(r.label, r.area) for r in rows] == [("Anlæg/drift", "Anlæg/drift")]


def test_an_overview_line_that_repeats_the_proposal_name_before_its_area_is_the_area_row():
    from extract.placement import place_table
    from extract.tables import raw_rows_to_table_rows

    rows = lines_to_raw_rows(lines_of("""
        Smart investeringsforslag: Nye
        nøgler
        0 -600
        Smart investeringsforslag: Nye
        nøgler
        Anlæg Anlæg 500 600
    """), AREA_HEADER, 99)
    place_table(rows, AREA_HEADER, {})
    table = raw_rows_to_table_rows(rows, "overview")
    assert [(r.group, r.label, r.area) for r in table] == [
        (None, "Smart investeringsforslag: Nye nøgler", None),
        ("Smart investeringsforslag: Nye nøgler", "Anlæg", "Anlæg"),
    ]


def test_a_risk_level_written_as_a_range_is_kept_as_written():
    from extract.nlp import risk_level_in

    assert risk_level_in("Risikoen vurderes samlet som lav til mellem.") == "lav til mellem"
    assert risk_level_in("Samlet risiko: mellem lav") == "mellem lav"
    assert risk_level_in("Risikoen er lav-middel.") == "lav-middel"
    assert risk_level_in("Risikoen er middel til høj.") == "middel til høj"
    # "mellem" alone is the preposition, not a level
    assert risk_level_in("Risikoen ved samarbejdet mellem forvaltningerne er høj.") == "høj"


def test_labels_printed_as_a_block_take_their_values_in_order():
    # a dump that puts a form table's columns one after the other: the labels, then the values, a paragraph each
    from extract.header import field_after

    lines = lines_of("""
        Forslagets titel:

        Resumé:

        Fremstillende
        forvaltning:

        Berørte forvaltninger:

        AB05 Nye løsninger i
        Koncernservice

        Vi vil gøre noget nyt.

        Økonomiforvaltningen
    """)
    assert field_after(lines, "title", stop_at_blank=False).text == "AB05 Nye løsninger i Koncernservice"
    assert field_after(lines, "summary", stop_at_blank=False).text == "Vi vil gøre noget nyt."


def test_the_presenting_department_in_a_block_of_labels_is_the_value_at_its_place():
    """pdfminer: the title's value beside its label, then the other labels as a block and their values after it,
    a paragraph each (the summary, the presenting department, the affected list): the department is the paragraph
    at the label's place, not the first department named in the summary or the list."""
    from extract.header import presenting_department

    lines = lines_of("""
        Forslagets titel:

        Velfærdsteknologi i ydelsescentret

        Kort resumé:

        Fremstillende
        forvaltning:

        Øvrige berørte
        forvaltninger:

        Socialforvaltningen ønsker at udbrede løsningen til alle enheder,
        når den er afprøvet.

        Beskæftigelses- og Integrationsforvaltningen

        Økonomiforvaltningen
        Socialforvaltningen
    """)
    found = presenting_department(lines)
    assert found is not None and found.text == "Beskæftigelses- og Integrationsforvaltningen"
    assert found.lines[-1].text.strip() == "Beskæftigelses- og Integrationsforvaltningen"


def test_a_label_followed_by_the_next_label_without_blank_lines_is_empty():
    from extract.header import field_after

    lines = lines_of("""
        Forslagets titel: AB01 Noget
        Resumé:
        Fremstillende
        forvaltning: Økonomiforvaltningen
    """)
    assert field_after(lines, "summary", stop_at_blank=False).text == ""


def test_the_overview_title_is_its_heading_not_the_running_header_above_it():
    from extract.header import overview_title

    lines = lines_of("""
        Oversigt

        Oversigt over smarte investeringer, der er godkendt

        Hjemmeplejen
    """)
    assert overview_title(lines).text == "Oversigt over smarte investeringer, der er godkendt"


def test_a_label_wrapped_over_three_padded_lines_keeps_its_figures_after_a_blank_line():
    padded = ["Effekt Service 1 2 ", "Interne udgifter (projektledelse, pro- ", "ceskonsulenter, driftsressourcer, ",
              "licenser og andet)      ", "", "Anlæg 1.050 1.700 ", "Samlet 5 5 "]
    rows = lines_to_raw_rows(text_to_lines("\n".join(padded)), AREA_HEADER, 99)
    assert [(r.label, r.area, [t.text for t in r.numbers]) for r in rows] == [
        ("Effekt", "Service", ["1", "2"]),
        ("Interne udgifter (projektledelse, proceskonsulenter, driftsressourcer, licenser og andet)", "Anlæg",
         ["1.050", "1.700"]),
        ("Samlet", None, ["5", "5"]),
    ]


def test_section_headings_without_their_numbers_are_the_templates_known_headings():
    from parsers.sections import find_sections

    spans = find_sections(lines_of("""
        Baggrund og formål
        Teksten om baggrunden.
        Forslagets indhold
        Løsningen.
        Risikovurdering
        Risikoen er lav.
        Hvem er hørt?
    """))
    assert [(s.number, s.heading) for s in spans] == [
        (1, "Baggrund og formål"), (2, "Forslagets indhold"), (3, "Risikovurdering"), (4, "Hvem er hørt?"),
    ]
    assert spans[2].body == "Risikoen er lav."


def test_numbered_headings_win_over_unnumbered_ones():
    from parsers.sections import find_sections

    spans = find_sections(lines_of("""
        1. Baggrund og formål
        tekst
        2. Forslagets indhold
        Økonomi
        3. Økonomi
        tekst
    """))
    assert [s.heading for s in spans] == ["Baggrund og formål", "Forslagets indhold", "Økonomi"]


def test_an_overview_heading_names_its_proposals_in_any_compound():
    for heading in ("Oversigt over smarte investeringer, der er godkendt",
                    "Oversigt over godkendte investeringsforslag", "Oversigt over forslag til budget 2023"):
        docs = split_documents(lines_of(f"""
            {heading}
            Ældreområdet
            Forslag 2022 2023
            Nettoeffektivisering 0 -100
            INVESTERINGSFORSLAG
            Forslagets titel: AB01 Første
        """), "x.txt")
        assert [d.kind for d in docs] == ["overview", "investeringsforslag"], heading
    assert [d.kind for d in split_documents(lines_of("""
        Oversigt over tidsplanen
        INVESTERINGSFORSLAG
        Forslagets titel: AB01 Første
    """), "x.txt")] == ["investeringsforslag"]


def test_an_overview_blocks_label_column_head_is_no_part_of_the_blocks_name():
    from extract.tables import _overview_blocks

    for head in ("Forslag", "Omprioriteringsforslag", "Investeringsforslag"):
        lines = lines_of(f"""
            Ældreområdet
            {head} 2022 2023
            Investeringsforslag: Ny portal 0 -100
        """)
        (block,) = _overview_blocks(lines)
        assert block.caption == "Ældreområdet", head


def test_an_overview_title_wrapped_onto_the_line_above_the_first_block_is_no_part_of_its_name():
    from extract.tables import _overview_blocks

    dump = ["Oversigt over smarte investeringer, der", " indstilles til godkendelse", "Dagtilbud og skoler",
            " Omprioriteringsforslag 2018 2019", "Investeringsforslag: Ny portal 0 -100"]
    for gap in ("\n", "\n\n"):  # a dump may write a blank line after each line
        (block,) = _overview_blocks(text_to_lines(gap.join(dump)))
        assert block.caption == "Dagtilbud og skoler", repr(gap)


def test_a_word_broken_in_a_narrow_cell_is_rejoined_when_the_document_writes_it_whole():
    from extract.tables import RawRow, document_vocabulary, rejoin_broken_words

    lines = lines_of("""
        Implementeringsomkostninger
        Samlede implementeringso
        mkostninger
        Drift af
        eksisterende system
    """)
    rows = [RawRow(["Samlede implementeringso", "mkostninger"], []), RawRow(["Drift af", "eksisterende system"], []),
            RawRow(["Samlede omkost", "ninger"], [])]
    rejoin_broken_words(rows, document_vocabulary(lines))
    assert [r.label for r in rows] == ["Samlede implementeringsomkostninger", "Drift af eksisterende system",
                                       "Samlede omkost ninger"]  # 'omkostninger' is not written whole here


def test_labels_written_as_a_block_before_their_rows_figures_go_one_to_a_row():
    # pdfminer: two wrapped labels, each a cell of lines with a blank line after it, then each row's figures
    header = TableHeader([2022, 2023], "1000 kr.", 2022, False, False, 0)
    rows = lines_to_raw_rows(lines_of("""
        Nettoeffekt inden for
        målsætningen (skøn)

        Nettoeffekt uden for
        målsætningen (skøn)

        -878 -1.170

        -

        -

        Varige ændringer totalt 878 -1.170
    """), header, 99)
    assert [(r.label, [t.text for t in r.numbers]) for r in rows] == [
        ("Nettoeffekt inden for målsætningen (skøn)", ["-878", "-1.170"]),
        ("Nettoeffekt uden for målsætningen (skøn)", ["-", "-"]),
        ("Varige ændringer totalt", ["878", "-1.170"])]


def test_labels_a_blank_line_apart_stay_one_label_where_no_cell_wraps_without_one():
    # a padded dump puts a blank line after every line, a wrapped label's too: the blank is no cell's end there
    from extract.tables import RawRow, labels_written_as_a_block
    from parsers.records import Line

    lines = [Line("Interne omkostninger til test,", None, 1), Line("og KS", None, 3), Line("525 350", None, 5)]
    row = RawRow([lines[0].text, lines[1].text], lines, None, [])
    row.numbers = [object()]
    empty = RawRow([], [Line("0 0", None, 7)], None, [object()])
    assert [r.label for r in labels_written_as_a_block([row, empty])] == ["Interne omkostninger til test, og KS", ""]


def test_running_header_on_every_page_but_the_first_is_dropped():
    # a three-page proposal: the first page carries the title block, the later two the running header, which is
    # then on two pages of three, under the share the repetition count needs
    bodies = [["INVESTERINGSFORSLAG", "Formålet er"], ["Kommunen", "Løsningen er"], ["Kommunen", "Prisen er"]]
    lines = text_to_lines("\f".join("\n".join(body) for body in bodies))
    assert {lines[i].text for i in furniture_indices(lines)} == {"Kommunen"}
    # a year line at the top of the later pages is a table header written again over the page break: kept
    years = [["Formålet er"], ["2021", "Løsningen er"], ["2021", "Prisen er"]]
    lines = text_to_lines("\f".join("\n".join(body) for body in years))
    assert furniture_indices(lines) == set()


def test_running_header_on_both_pages_of_a_two_page_proposal_is_dropped():
    # two pages are too few for the repetition count; a line with words at the top of both is still furniture
    bodies = [["Kommunen", "Innovationsforslag AB01", "INNOVATIONSFORSLAG", "Formålet er"],
              ["Kommunen", "Innovationsforslag AB01", "1.000 kr. 2025 p/l", "Prisen er"]]
    lines = text_to_lines("\f".join("\n".join(body) for body in bodies))
    dropped = [lines[i].text for i in sorted(furniture_indices(lines))]
    assert dropped == ["Kommunen", "Innovationsforslag AB01"] * 2
    # the same line at the top of one page only, or figures at the top of both: kept
    one = text_to_lines("Kommunen\nFormålet er\nog målet\fPrisen er\nog prisen\nKommunen")
    assert furniture_indices(one) == set()
    figures = text_to_lines("0\n-\nFormålet er\f0\n-\nPrisen er")
    assert furniture_indices(figures) == set()


def test_a_zero_last_on_a_page_is_a_tables_cell_not_its_number():
    # pdftotext, a cell per line: a table's last figures end the page; pages are numbered from 1
    pages = ["Tabel\n5.100\n0\n0", "Tekst\n-\n0\n0", "Mere\n7\n0\n0"]
    kept = [ln.text for ln in drop_page_numbers(text_to_lines("\f".join(pages)))]
    assert kept == ["Tabel", "5.100", "0", "0", "Tekst", "-", "0", "0", "Mere", "7", "0", "0"]
    numbered = [ln.text for ln in drop_page_numbers(text_to_lines("Tabel\n0\n1\fTekst\n0\n2\fMere\n0\n3"))]
    assert numbered == ["Tabel", "0", "Tekst", "0", "Mere", "0"]


def test_a_page_top_naming_the_documents_kind_and_code_is_a_running_header():
    # a bundle: each proposal's pages carry its own code under the institution's line, too few to repeat
    pages = ["Kommunen\nINNOVATIONSFORSLAG\nForslagets titel: SI/BU03 Noget\ntekst",
             "Kommunen\nInnovationsforslag SI/BU03\n1000 kr. 2016 p/l\n2015",
             "Kommunen\nINNOVATIONSFORSLAG\nForslagets titel: SI/UD02 Andet\ntekst"]
    lines = text_to_lines("\f".join(pages))
    assert "Innovationsforslag SI/BU03" not in [ln.text for ln in drop_page_numbers(lines)]
    # pdfminer may write a table's unit line and first label before the page's header: still its header
    lines = text_to_lines("INNOVATIONSFORSLAG\nForslagets titel: SI/BU03 Noget\ntekst\f1000 kr. 2016 p/l\n"
                          "Udskiftning af udstyr\nInnovationsforslag SI/BU03\n2015")
    assert "Innovationsforslag SI/BU03" not in [ln.text for ln in drop_page_numbers(lines)]
    # the same words inside a page's text stay
    lines = text_to_lines("Baggrund\ntekst\nmere\nmest\nInnovationsforslag SI/BU03\fIndhold\ntekst\fRisiko\ntekst")
    assert "Innovationsforslag SI/BU03" in [ln.text for ln in drop_page_numbers(lines)]


def test_the_municipalitys_name_at_a_page_top_is_a_running_header_on_any_number_of_pages():
    # a two-page proposal: the title block on the first page, the institution line on the second only
    lines = text_to_lines("BUSINESS CASE\nForslagets titel: Noget\ntekst\fKøbenhavns Kommune\n1.000 kr. 2016 p/l\n2016")
    assert "Københavns Kommune" not in [ln.text for ln in drop_page_numbers(lines)]
    # the name inside a page's text stays
    lines = text_to_lines("BUSINESS CASE\nFormålet\ner at\nspare tid i\nKøbenhavns Kommune\fIndhold\ntekst")
    assert "Københavns Kommune" in [ln.text for ln in drop_page_numbers(lines)]


def test_the_running_headers_second_line_after_a_tables_labels_is_dropped():
    # pdfminer wrote the page's institution line at its top and the kind ("Business case") after the table's
    # labels, far below: on a page the running header opens, its other line is furniture wherever it stands
    page = ("Københavns Kommune\nTabel 3. Anlægsinvesteringer i forslaget\n1.000 kr. 2022 p/l\n"
            "Uddannelse af medarbejdere\nTest og pilotafprøvning\nInvesteringer totalt, anlæg\nBusiness case\n"
            "2022\n240")
    lines = text_to_lines("BUSINESS CASE\nForslagets titel: Noget\ntekst\f" + page)
    kept = [ln.text for ln in drop_page_numbers(lines)]
    assert "Business case" not in kept and "Investeringer totalt, anlæg" in kept
    # on a page the running header does not open, the same line stays (a heading of the text, say)
    lines = text_to_lines("BUSINESS CASE\nForslagets titel: Noget\ntekst\f" + page.replace("Københavns Kommune\n", ""))
    assert "Business case" in [ln.text for ln in drop_page_numbers(lines)]


def test_section_numbers_written_on_lines_of_their_own_still_number_the_headings():
    # pdfminer put each heading's number in a text box of its own: "5." / "Implementering af forslaget"
    from parsers.sections import find_sections

    lines = lines_of("""
        1.

        Baggrund og formål
        Tekst om baggrunden.
        2. Forslagets indhold
        Tekst om indholdet.
        3.
        Økonomi
        Tekst om økonomien.
        4.
        Et punkt i en liste, der fortsætter som en sætning. Og videre.
    """)
    assert [(s.number, s.heading) for s in find_sections(lines)] == [
        (1, "Baggrund og formål"), (2, "Forslagets indhold"), (3, "Økonomi")]


def test_payback_labels_written_as_a_block_take_their_values_in_order():
    # pdfminer: the payback table's label column, then its value column
    from extract.header import payback

    lines = lines_of("""
        Tilbagebetalingstid baseret på serviceeffektivisering

        Tilbagebetalingstid baseret på totaløkonomi

        6 år

        8 år

        Note til alle tabeller.
    """)
    assert payback(lines) == {"service": 6.0, "total": 8.0}


def test_tick_marks_written_as_a_block_before_the_names_tick_the_names_in_order():
    # pdfminer: the grid's mark column, then its name column
    from extract.header import affected_departments

    lines = lines_of("""
        Berørte forvaltninger:

        Økonomiforvaltningen

        ☐
        ☒
        ☐

         Økonomiforvaltningen
         Socialforvaltningen
         Kultur- og Fritidsforvaltningen

        Tabel 1. Forslagets samlede økonomiske konsekvenser
    """)
    assert affected_departments(lines)[0] == ["Socialforvaltningen"]
    # a mark lost: the names outnumber the marks, so no mark is paired with a name
    first = next(i for i, ln in enumerate(lines) if ln.stripped == "☐")
    assert affected_departments(lines[:first] + lines[first + 1 :])[0] != ["Økonomiforvaltningen"]


def test_the_tick_box_grid_after_the_other_fields_values_is_found():
    # pdfminer wrote the form's labels as a block: the grid comes after the summary and the presenting department
    from extract.header import affected_departments

    lines = lines_of("""
        Berørte
        forvaltninger:

        Forslaget skal gøre udbetaling af kontanthjælp enklere.

        Socialforvaltningen

        ☐ Økonomiforvaltningen
        ☒ Socialforvaltningen
        ☐ Kultur- og Fritidsforvaltningen

        Tabel 1. Forslagets samlede økonomiske konsekvenser
    """)
    assert affected_departments(lines)[0] == ["Socialforvaltningen"]


def test_a_resume_that_begins_with_the_proposals_title_begins_after_it():
    from extract.header import without_title

    title = "BC05 Nye automatiseringsløsninger i Koncernservice"
    assert without_title(f"{title} Koncernservice ønsker at implementere fem løsninger.", title) == (
        "Koncernservice ønsker at implementere fem løsninger.")
    assert without_title("Koncernservice ønsker noget.", title) == "Koncernservice ønsker noget."
    assert without_title(title, title) == title  # nothing after it: the resumé is what it is


def test_figures_without_a_label_below_the_block_totals_are_the_grand_total_but_not_below_a_lone_total():
    """Tabel 1's grand total ("Samlet økonomisk påvirkning") stands under its block totals, and a dump that lost
    its label leaves its figures there. Under a budget's total ("I alt") a row of figures without a label is no
    grand total (a row's cells written late): it gets no label."""
    from extract.tables import GRAND_TOTAL_LABEL, RawRow, Token, infer_missing_labels
    from parsers.records import Line

    def row(label: str, *figures: str) -> RawRow:
        return RawRow([label] if label else [], [], None, [Token(f, Line(f, None, 1)) for f in figures])

    tabel1 = infer_missing_labels([row("Løn", "-100", "-200"), row("Samlet varig ændring", "-100", "-200"),
                                   row("Hardware", "500", "0"), row("Samlede implementeringsomkostninger", "500", "0"),
                                   row("", "400", "-200")])
    assert tabel1[-1].label == GRAND_TOTAL_LABEL and tabel1[-1].label_inferred_by
    one_block = infer_missing_labels([row("Hardware", "500", "0"),
                                      row("Samlede implementeringsomkostninger", "500", "0"), row("", "500", "0")])
    assert one_block[-1].label == GRAND_TOTAL_LABEL
    budget = infer_missing_labels([row("Projektledelse", "100", "200"), row("Systemudvikling", "50"),
                                   row("I alt", "150", "300"), row("", "100", "150")])
    assert budget[-1].label == "" and budget[-1].label_inferred_by is None


def test_a_label_written_after_its_figures_before_a_page_break():
    """Rule `label-before-page-break` (a cell per line, pdftotext): a row's figures, then its wrapped label, then
    the next page with the header written again and the next row's figures: the label is the row's above, the
    next row's label comes later (or not at all)."""
    page1 = "Licens\n40\n40\n50\n50\nNye lønomkostninger, vedr.\nkompetencefastholdelse"
    page2 = "1.000 kr. 2016 p/l\n2017\n2018\n90\n90"
    lines = text_to_lines(page1 + "\n\f" + page2)
    rows = lines_to_raw_rows(lines, HEADER, len(lines))
    labelled = [(r.label, [t.text for t in r.numbers]) for r in rows if r.numbers]
    assert labelled == [("Licens", ["40", "40"]), ("Nye lønomkostninger, vedr. kompetencefastholdelse", ["50", "50"]),
                        ("", ["90", "90"])]


def test_a_hyphen_pdfium_marks_at_a_line_end_is_a_word_break_or_a_suspended_compounds():
    # pdfium writes a hyphen that ended a PDF line as U+FFFE and runs the lines together
    from parsers.text import normalize_space

    assert normalize_space("byens træer i Teknik\ufffeog Miljøforvaltningen") == (
        "byens træer i Teknik- og Miljøforvaltningen")
    assert normalize_space("i ejendomsadministrations\ufffeområdet") == "i ejendomsadministrationsområdet"
    assert normalize_space("bedre IT\ufffeunderstøttelse") == "bedre IT-understøttelse"


def test_a_department_name_whose_suspended_hyphen_pdftotext_dropped_is_written_as_the_name():
    from extract.document import extract_document
    from parsers.records import SourceDocument

    lines = lines_of("""
        BUSINESS CASE
        Forslagets titel: SI/KF05 – Pilotforsøg i hjemmeplejen i Sundhedsog Omsorgsforvaltningen
        Kort resumé: Et forsøg med Teknikog Miljøforvaltningen og Kulturog Fritidsforvaltningen.
    """)
    doc = extract_document(SourceDocument("x.txt", 1, "business_case", lines))
    assert doc.code == "SI/KF05"
    assert doc.title == "Pilotforsøg i hjemmeplejen i Sundheds- og Omsorgsforvaltningen"
    assert doc.summary == "Et forsøg med Teknik- og Miljøforvaltningen og Kultur- og Fritidsforvaltningen."
    # a word that merely ends in "og" before a department is no lost hyphen
    assert extract_document(SourceDocument("x.txt", 1, "business_case", lines_of("""
        BUSINESS CASE
        Forslagets titel: BC01 Ny katalog Socialforvaltningen
    """))).title == "Ny katalog Socialforvaltningen"
