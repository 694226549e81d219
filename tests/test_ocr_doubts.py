"""Figures read by OCR keep Tesseract's confidence; an unsure one, or one the table's arithmetic contradicts, is
flagged uncertain with an ocr-uncertain finding (extract/ocr_doubts.py). Tables built here, cell by cell."""
from __future__ import annotations

from extract.checks import run_checks
from extract.ocr_doubts import flag_ocr_doubts
from extract.records import Cell, ExtractedDocument, Provenance, Table, TableRow
from extract.settings import TextSettings
from models.rows import file_rows
from parsers.records import Line, Word


def _cell(key: str, value: int, confidence: float | None = 92.0, ocr: bool = True) -> Cell:
    return Cell(key, value, Provenance(1, 5, 5, str(value), (300.0, 100.0, 320.0, 110.0), None, ocr, confidence))


def _doc(rows: list[TableRow], tables: int = 1) -> ExtractedDocument:
    made = [Table(n, f"Tabel {n}", 2022, "1.000 kr.", [2022, 2023], [TableRow(r.label, r.group, r.area, r.is_total,
                                                                           [_cell(c.key, c.value, c.prov.confidence,
                                                                                  c.prov.ocr) for c in r.cells])
                                                                  for r in rows])
            for n in range(1, tables + 1)]
    return ExtractedDocument("scan.pdf", 1, "business_case", title="T", tables=made)


def _rows(a2022: int = 100, conf: float = 92.0, ocr: bool = True) -> list[TableRow]:
    return [
        TableRow("Løn", cells=[_cell("2022", a2022, conf, ocr), _cell("2023", 50, ocr=ocr)]),
        TableRow("Drift", cells=[_cell("2022", 20, ocr=ocr), _cell("2023", 30, ocr=ocr)]),
        TableRow("I alt", is_total=True, cells=[_cell("2022", 120, ocr=ocr), _cell("2023", 80, ocr=ocr)]),
    ]


def test_a_figure_read_with_low_confidence_is_flagged_with_its_confidence():
    doc = _doc(_rows())
    doc.tables[0].rows[1].cells[1].prov.confidence = 41.0  # Drift 2023: Tesseract was unsure of "30"
    flag_ocr_doubts(doc)
    flagged = [(r.label, c.key, c.doubt) for r in doc.tables[0].rows for c in r.cells if c.uncertain]
    assert flagged == [("Drift", "2023", "low-confidence")]
    [finding] = [f for f in run_checks([doc]) if f.rule == "ocr-uncertain"]
    assert (finding.row, finding.key, finding.values["confidence"]) == ("Drift", "2023", 41.0)
    assert "confidence in it is 41, below the threshold" in finding.message
    assert doc.to_schema_dict()["tables"][0]["rows"][1]["uncertain"] == ["2023"]


def test_the_threshold_comes_from_the_settings():
    doc = _doc(_rows(conf=70.0))
    flag_ocr_doubts(doc, TextSettings(ocr_min_confidence=75.0))
    assert [c.key for c in doc.tables[0].rows[0].cells if c.uncertain] == ["2022"]
    doc = _doc(_rows(conf=70.0))
    flag_ocr_doubts(doc, TextSettings(ocr_min_confidence=65.0))
    assert not any(c.uncertain for r in doc.tables[0].rows for c in r.cells)


def test_a_total_that_does_not_add_up_flags_every_ocr_figure_of_that_column_only():
    doc = _doc(_rows(a2022=180))  # "100" misread as "180": 180 + 20 != 120
    flag_ocr_doubts(doc)
    flagged = sorted((r.label, c.key) for r in doc.tables[0].rows for c in r.cells if c.uncertain)
    assert flagged == [("Drift", "2022"), ("I alt", "2022"), ("Løn", "2022")]  # 2023 adds up: left alone
    assert {c.doubt for r in doc.tables[0].rows for c in r.cells if c.uncertain} == {"totals-contradict"}
    rules = {f.rule for f in run_checks([doc])}
    assert "ocr-uncertain" in rules and "placement-ambiguous" not in rules


def test_a_repeated_row_that_differs_flags_both_readings():
    doc = _doc(_rows(), tables=2)
    doc.tables[1].rows[2].cells[1].value = 86  # Tabel 2 repeats "I alt" 2023 as 86 where Tabel 1 reads 80
    doc.tables[1].rows[1].cells[1].value = 36  # and its Drift 2023 so that Tabel 2 itself adds up
    flag_ocr_doubts(doc)
    flagged = {(t.number, r.label, c.key) for t in doc.tables for r in t.rows for c in r.cells if c.uncertain}
    assert {(1, "I alt", "2023"), (2, "I alt", "2023"), (1, "Drift", "2023"), (2, "Drift", "2023")} == flagged


def test_figures_of_a_text_layer_are_never_flagged_for_ocr():
    doc = _doc(_rows(a2022=180, conf=10.0, ocr=False))
    flag_ocr_doubts(doc)
    assert not any(c.uncertain for r in doc.tables[0].rows for c in r.cells)


def test_the_confidence_is_kept_in_the_provenance_and_stored():
    word = Word("1.250", 300.0, 100.0, 330.0, 110.0, conf=88.5)
    unsure = Word("Løn", 72.0, 100.0, 90.0, 110.0, conf=52.0)
    line = Line("Løn 1.250", 1, 5, [unsure, word], ocr=True)
    prov = Provenance.of_lines([line], "1.250", None, None, words=[word])
    assert (prov.ocr, prov.confidence) == (True, 88.5)  # the figure's own word, not the least sure of its line
    assert Provenance.of_lines([line], line.text).confidence == 52.0
    doc = _doc(_rows())
    doc.tables[0].rows[0].cells[0].prov = prov
    rows = file_rows([doc])
    assert rows.values[0].ocr_confidence == 88.5 and rows.values[0].ocr
    text_prov = Provenance.of_lines([Line("Løn 1.250", 1, 5, [Word("1.250", 1, 2, 3, 4)])], "1.250")
    assert text_prov.confidence is None


def test_a_contradiction_in_most_rows_is_the_sources_arithmetic_and_flags_nothing():
    """A source whose "I alt" column is printed 0 on every row (scanned/ 002's Tabel 2): no misreading explains
    that; the row-total findings report it as for a text PDF, and no figure is flagged for it."""
    rows = [TableRow(f"Post {i}", cells=[_cell("2022", 10 * i), _cell("2023", 0), _cell("total", 0)])
            for i in range(1, 5)]
    doc = _doc(rows)
    for t in doc.tables:
        t.rows = [TableRow(r.label, cells=[_cell(c.key, c.value) for c in r.cells]) for r in rows]
    flag_ocr_doubts(doc)
    assert not any(c.uncertain for r in doc.tables[0].rows for c in r.cells)
    assert sum(f.rule == "row-total" for f in run_checks([doc])) == 4
    for r in doc.tables[0].rows:  # now the I alt column adds up, but for one row: a misread, flagged
        r.cells[2].value = r.cells[0].value
    doc.tables[0].rows[0].cells[2].value = 19
    flag_ocr_doubts(doc)
    assert [r.label for r in doc.tables[0].rows if any(c.uncertain for c in r.cells)] == ["Post 1"]


def test_a_thousands_point_read_as_a_comma_is_a_whole_amount_flagged():
    doc = _doc(_rows())
    cell = doc.tables[0].rows[0].cells[1]
    cell.value, cell.prov.text = -5.1, "-5,100"  # "-5.100" as Tesseract read it
    decimal = doc.tables[0].rows[1].cells[1]
    decimal.value, decimal.prov.text = 6.7, "6,7"  # a real decimal: left alone
    flag_ocr_doubts(doc)
    assert (cell.value, cell.uncertain, cell.doubt) == (-5100, True, "comma-separator")
    assert decimal.value == 6.7
    assert any(f.rule == "ocr-uncertain" and "read as a comma" in f.message for f in run_checks([doc]))
