"""PDF tables in an office template, on small PDFs drawn here: a group heading merged across all columns stays
inside the table, a label and an area cell that both wrap make one row, a header row repeated after a page break
is not data, and prose right below the table ends it."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import pipeline

YEARS = ["2021", "2022", "2023", "2024"]
COLS = [380, 440, 500, 555]  # right edges of the year columns
LABEL_X, AREA_X = 71, 250
WIDTH, HEIGHT = A4


class Page:
    """Draws rows top-down with a ruling line above each, as a Word table does."""

    def __init__(self, canvas: Canvas) -> None:
        self.c, self.y = canvas, HEIGHT - 80

    def text(self, words: str, x: float = LABEL_X) -> None:
        self.c.drawString(x, self.y, words)
        self.y -= 16

    def rule(self) -> None:
        self.c.line(LABEL_X - 4, self.y + 12, COLS[-1] + 10, self.y + 12)

    def row(self, label: str | list[str], area: str | list[str] = "", figures: list[str] = ()) -> None:
        labels, areas = ([label] if isinstance(label, str) else label), ([area] if isinstance(area, str) else area)
        self.rule()
        top = self.y
        for i in range(max(len(labels), len(areas))):
            y = top - 11 * i
            if i < len(labels):
                self.c.drawString(LABEL_X, y, labels[i])
            if i < len(areas):
                self.c.drawString(AREA_X, y, areas[i])
            if i == 0:
                for x, f in zip(COLS, figures, strict=False):
                    self.c.drawRightString(x, y, f)
        self.y = top - 11 * max(len(labels), len(areas)) - 6

    def header(self) -> None:
        self.rule()
        self.c.drawString(LABEL_X, self.y, "1.000 kr. 2021 p/l")
        self.c.drawString(AREA_X, self.y, "Styringsområde")
        for x, year in zip(COLS, YEARS, strict=True):
            self.c.drawRightString(x, self.y, year)
        self.y -= 18


def _proposal(path: Path, body) -> Path:
    c = Canvas(str(path), pagesize=A4)
    page = Page(c)
    page.text("INVESTERINGSFORSLAG")
    page.text("Forslagets titel: BC77 Prøveforslag om tabeller")
    page.text("Fremstillende forvaltning: Økonomiforvaltningen")
    page.text("Tabel 1. Forslagets samlede økonomiske konsekvenser")
    page.header()
    body(c, page)
    c.save()
    return path


def _table1(path: Path) -> dict:
    result = pipeline.extract_file(path)
    assert result.error is None, result.error
    (doc,) = result.documents
    table = next(t for t in doc.tables if t.number == 1)
    return {r.label: (r.group, r.area, r.values()) for r in table.rows}


def test_a_heading_merged_across_all_columns_stays_inside_the_table(tmp_path):
    def body(c, page):
        page.row("E-tavler", figures=[])
        page.row("Projektledelse", "Service", ["100", "0", "0", "0"])
        page.row("Innovationsproces udvikling af nye løsninger med leverandører (1 år varighed)")
        page.row("Workshops", "Service", ["150", "50", "0", "0"])
        page.row("Samlet udgift", "Service", ["250", "50", "0", "0"])

    rows = _table1(_proposal(tmp_path / "merged.pdf", body))
    assert rows["Workshops"] == ("Innovationsproces udvikling af nye løsninger med leverandører (1 år varighed)",
                                 "Service", {"2021": 150, "2022": 50, "2023": 0, "2024": 0})
    assert rows["Samlet udgift"][2]["2021"] == 250


def test_prose_right_below_the_table_ends_it(tmp_path):
    def body(c, page):
        page.row("Projektledelse", "Service", ["100", "0", "0", "0"])
        page.text("")
        page.text("Der afsættes 200 t.kr. i 2021 og 600 t.kr. i 2022 til udvikling af løsningen som beskrevet.")
        page.text("Samlet set forventes en gevinst fra 2023 som beskrevet i afsnit 4 nedenfor her.")

    rows = _table1(_proposal(tmp_path / "prose.pdf", body))
    assert list(rows) == ["Projektledelse"]


def test_a_label_and_an_area_that_both_wrap_make_one_row(tmp_path):
    def body(c, page):
        page.row("Projektledelse", "Service", ["100", "0", "0", "0"])
        page.row(["Innovationssamarbejde med", "leverandører om udvikling"], ["Innovation", "spuljen"],
                 ["300", "0", "0", "0"])
        page.row("Samlet udgift", "Service", ["400", "0", "0", "0"])

    rows = _table1(_proposal(tmp_path / "wrapped.pdf", body))
    assert rows["Innovationssamarbejde med leverandører om udvikling"] == (
        None, "Innovationspuljen", {"2021": 300, "2022": 0, "2023": 0, "2024": 0})
    assert len(rows) == 3


def test_a_header_row_repeated_after_a_page_break_is_not_data(tmp_path):
    def body(c, page):
        page.row("Projektledelse", "Service", ["100", "0", "0", "0"])
        c.showPage()
        page.y = HEIGHT - 80
        page.header()  # the table goes on: its header row printed again
        page.row("Licens", "Service", ["20", "20", "20", "20"])
        page.row("Samlet udgift", "Service", ["120", "20", "20", "20"])

    rows = _table1(_proposal(tmp_path / "broken.pdf", body))
    assert set(rows) == {"Projektledelse", "Licens", "Samlet udgift"}
    assert rows["Licens"][2] == {"2021": 20, "2022": 20, "2023": 20, "2024": 20}


def test_a_unit_glued_to_the_next_cells_figure_is_parted_from_it():
    """A figure that fills its cell touches the unit of the cell before it, and the PDF's words join them
    ("8.900.000" "kr.11.570.000" "kr."): each cell keeps its own figure and unit."""
    from extract.layout import merge_units
    from parsers.records import Word

    words = [Word("8.900.000", 403.6, 460.0, 451.9, 470.0), Word("kr.11.570.000", 455.0, 460.0, 522.8, 470.0),
             Word("kr.", 525.8, 460.0, 538.3, 470.0)]
    merged = merge_units(words)
    assert [w.text for w in merged] == ["8.900.000 kr.", "11.570.000 kr."]
    assert merged[0].x1 <= merged[1].x0 < 480.0  # the unit's share of the glued word stays with the cell before
