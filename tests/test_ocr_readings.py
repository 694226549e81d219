"""What OCR makes of a few fixed strings, and how the extractors still read them: "p/l" read as "p/1l" (the price
level, and the year before it is not a column), a code's zero read as "O" ("TVO2"), only for OCR text."""
from __future__ import annotations

import pytest

from extract.header import split_code
from extract.tables import PRICE_LEVEL, is_unit_line


@pytest.mark.parametrize("text", ["1.000 kr. 2023 p/l", "1.000 kr. 2023 p/1l", "1.000 kr. 2023 p/1",
                                  "1.000 kr. 2023 p/I", "(2023 p/l.)"])
def test_the_price_level_reads_however_ocr_renders_the_l(text):
    m = PRICE_LEVEL.search(text)
    assert m is not None and m["y1"] == "2023"
    assert is_unit_line(text)


def test_a_year_followed_by_other_text_is_no_price_level():
    assert PRICE_LEVEL.search("1.000 kr. 2023 pr. år") is None


@pytest.mark.parametrize("title,code", [("TVO2 - Forenkling af borgerens møde", "TV02"),
                                        ("SI/UDO02 - Udvikling", "SI/UD02"), ("BCO4 Digitalisering", "BC04"),
                                        ("BC04 - Digitalisering", "BC04")])
def test_a_codes_zero_read_as_o_by_ocr_is_a_zero(title, code):
    assert split_code(title, ocr=True)[0] == code


def test_a_text_layers_code_is_taken_as_written():
    assert split_code("TVO2 - Forenkling", ocr=False) == ("TVO2", "Forenkling")


def test_a_section_number_with_a_scans_specks_beside_its_point_is_a_heading_when_read_by_ocr():
    from parsers.records import Line
    from parsers.sections import find_sections

    def lines(ocr: bool) -> list[Line]:
        texts = ["1. Baggrund og formål", "Tekst.", "2. Forslagets indhold", "Tekst.", "3... Økonomi", "Tekst.",
                 "4. Opfølgning", "Tekst."]
        return [Line(t, 1, i, ocr=ocr) for i, t in enumerate(texts, start=1)]

    assert [s.heading for s in find_sections(lines(True))] == ["Baggrund og formål", "Forslagets indhold",
                                                                "Økonomi", "Opfølgning"]
    assert "Økonomi" not in [s.heading for s in find_sections(lines(False))]  # a text layer's "3..." is no heading


def test_a_payback_whose_space_before_ar_ocr_lost_is_read():
    from extract.header import payback
    from parsers.records import Line

    text = "Tilbagebetalingstid baseret på serviceeffektivisering 6år"
    assert payback([Line(text, 1, 1, ocr=True)]) == {"service": 6.0}
    assert payback([Line(text.replace("6år", "6 år"), 1, 1)]) == {"service": 6.0}


def test_p_slash_l_read_as_capital_i_and_l():
    assert PRICE_LEVEL.search("1.000 kr. 2016 p/Il område 2016 2017")["y1"] == "2016"


def test_the_price_levels_year_is_no_column_however_ocr_renders_p_slash_l():
    from extract.tables import _column_year_words
    from parsers.records import Word

    for pl in ("p/l", "p/Il", "p/1l", "p/1"):
        texts = ["1.000", "kr.", "2016", pl, "område", "2016", "2017"]
        words = [Word(t, 10.0 * i, 0.0, 10.0 * i + 8, 8.0) for i, t in enumerate(texts)]
        assert [w.x0 for w in _column_year_words(words)] == [50.0, 60.0], pl


def _grid():
    from extract.layout import Column, Grid

    cols = [Column("2021", 300.0, 320.0), Column("2022", 350.0, 370.0), Column("2023", 400.0, 420.0)]
    return Grid(cols, 300.0, 290.0, None, 72.0, 280.0)


def _line(words: list[tuple[str, float]], ocr: bool):
    from parsers.records import Line, Word

    made = [Word(t, x1 - 6 * len(t), 100.0, x1, 108.0, conf=90.0) for t, x1 in words]
    return Line(" ".join(t for t, _ in words), 1, 1, made, ocr=ocr)


def test_a_one_stroke_letter_under_a_year_column_of_a_scanned_row_is_the_figure_1_with_no_confidence():
    from extract.layout import line_to_cells

    words = [("Systemejer", 130.0), ("i", 140.0), ("implementering", 230.0), ("i", 320.0), ("0,5", 370.0)]
    cells = line_to_cells(_line(words, ocr=True), _grid())
    assert [(c.key, w.text, w.conf) for c, w in cells.figures] == [("2021", "1", 0.0), ("2022", "0,5", 90.0)]
    assert [w.text for w in cells.label_words] == ["Systemejer", "i", "implementering"]  # the label's "i" stays
    text = line_to_cells(_line(words, ocr=False), _grid())  # a text layer's "i" is a letter
    assert [w.text for _, w in text.figures] == ["0,5"]


def test_i_alt_read_as_l_alt_is_the_total_label():
    from extract.layout import line_to_cells

    cells = line_to_cells(_line([("l", 76.0), ("alt", 92.0), ("6,7", 320.0), ("5", 370.0)], ocr=True), _grid())
    assert [w.text for w in cells.label_words] == ["I", "alt"]


def test_the_i_alt_column_header_read_as_l_alt_is_the_total_column():
    from extract.tables import TableRegion, region_to_header
    from parsers.records import Line

    def header(ocr: bool):
        lines = [Line("Tabel 3. Serviceinvesteringer i forslaget", 1, 1, ocr=ocr),
                 Line("1.000 kr. 2016 p/1l 2016 2017 2018 l alt", 1, 2, ocr=ocr),
                 Line("Implementeringsudgifter 3.200 3.200", 1, 3, ocr=ocr)]
        return region_to_header(lines, TableRegion(3, "Serviceinvesteringer i forslaget", 0, 3, lines[0]))

    read = header(ocr=True)
    assert read.years == [2016, 2017, 2018] and read.price_level == 2016 and read.has_total_column
    assert not header(ocr=False).has_total_column  # a text layer's "l alt" is no column header


def test_between_scanned_lines_a_row_gap_separates_rows_where_the_scan_lost_the_faint_rule():
    from extract.layout import starts_new_row
    from parsers.records import Line, Word

    def line(text: str, top: float, ocr: bool) -> Line:
        return Line(text, 1, 1, [Word(text, 72.0, top, 160.0, top + 7.0)], ocr=ocr)

    rules = [365.4, 411.2]  # the table's darker rules only: none between its body rows
    inden, uden = line("Inden for målsætning*", 384.0, True), line("Uden for målsætning", 399.0, True)
    assert starts_new_row(inden, uden, rules)  # 8 pt apart: two rows
    wrapped = line("eksterne eksperter", 393.0, True)  # 2 pt below: a label wrapped in its cell
    assert not starts_new_row(inden, wrapped, rules)
    # a text layer's rules are all there: without a rule between them the lines are one cell
    assert not starts_new_row(line("Inden", 384.0, False), line("Uden", 399.0, False), rules)


def test_a_minus_read_as_a_quotation_mark_under_a_year_column_is_a_minus_with_no_confidence():
    from extract.layout import line_to_cells

    words = [("Effektivisering", 130.0), ("-2.592", 320.0), ('"4.212', 370.0), ("“4.212", 420.0)]
    cells = line_to_cells(_line(words, ocr=True), _grid())
    assert [(c.key, w.text, w.conf) for c, w in cells.figures] == [("2021", "-2.592", 90.0), ("2022", "-4.212", 0.0),
                                                                   ("2023", "-4.212", 0.0)]
    label_quote = line_to_cells(_line([('"Citat', 130.0), ("5", 320.0)], ocr=True), _grid())
    assert [w.text for w in label_quote.label_words] == ['"Citat']  # in the label it is a quotation mark
