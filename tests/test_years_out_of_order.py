"""Rule `years-out-of-order` (extract/placement.years_out_of_order): a header whose years a tool wrote out of order
("2016 2017 2018 2015": pdfminer writes a column's head after the others when its text box starts lower) leaves
open whether the figures moved with the head. The rows another table repeats decide; otherwise the figures the two
readings put under different years are stored flagged, never as decided."""
from __future__ import annotations

from extract.placement import ReferenceRow, years_out_of_order
from extract.tables import RawRow, TableHeader, Token
from parsers.records import Line


def _row(label: str, figures: dict[str, str]) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    placed = {key: Token(text, line) for key, text in figures.items()}
    return RawRow([label], [line], None, list(placed.values()), placed=placed)


def _header(years: list[int]) -> TableHeader:
    return TableHeader(years=years, unit="1.000 kr.", price_level=2015, has_area=False, has_total_column=False,
                       body_start=0)


def _table() -> tuple[list[RawRow], TableHeader]:
    """Tabel 3 as read in the order written: the first column of figures under 2016, the first year written."""
    rows = [_row("Uddannelse af medarbejdere", {"2016": "1.700", "2017": "50", "2018": "-", "2015": "-"}),
            _row("Ekstern konsulentbistand", {"2016": "2.574", "2017": "197", "2018": "-", "2015": "-"}),
            _row("Investeringer totalt, service", {"2016": "4.274", "2017": "247", "2018": "-", "2015": "-"})]
    return rows, _header([2016, 2017, 2018, 2015])


def _values(row: RawRow) -> dict[str, str]:
    return {k: t.text for k, t in sorted(row.placed.items())}


def test_the_repeated_table_puts_the_figures_in_the_pages_order():
    # Tabel 1 has the training row's 1.700 under 2015: the figures stood in the page's order, the head moved alone
    rows, header = _table()
    reference = {"uddannelse af medarbejdere": ReferenceRow({"2015": 1700, "2016": 50, "2017": 0, "2018": 0})}
    years_out_of_order(rows, header, reference)
    assert header.years == [2015, 2016, 2017, 2018]
    assert _values(rows[0]) == {"2015": "1.700", "2016": "50", "2017": "-", "2018": "-"}
    assert _values(rows[2]) == {"2015": "4.274", "2016": "247", "2017": "-", "2018": "-"}
    assert all(not r.uncertain for r in rows)


def test_the_repeated_table_keeps_the_order_written_when_it_agrees_with_that():
    rows, header = _table()
    reference = {"ekstern konsulentbistand": ReferenceRow({"2015": 0, "2016": 2574, "2017": 197, "2018": 0})}
    years_out_of_order(rows, header, reference)
    assert header.years == [2015, 2016, 2017, 2018]
    assert _values(rows[1]) == {"2015": "-", "2016": "2.574", "2017": "197", "2018": "-"}
    assert all(not r.uncertain for r in rows)


def test_without_a_repeat_every_figure_the_readings_place_differently_is_flagged():
    # every total adds up either way; an undecided repeat (itself a guess) and a row of zeros decide nothing
    rows, header = _table()
    reference = {"uddannelse af medarbejdere": ReferenceRow({"2015": 1700, "2016": 50}, decided=False),
                 "investeringer totalt, service": ReferenceRow({"2015": 0, "2016": 0, "2017": 0, "2018": 0})}
    years_out_of_order(rows, header, reference)
    assert header.years == [2015, 2016, 2017, 2018]
    assert _values(rows[0]) == {"2015": "-", "2016": "1.700", "2017": "50", "2018": "-"}
    # 2016 as written is 2015 in the page's order, 2017 is 2016, ...: every column moves, so every figure
    assert rows[0].uncertain == {"2016": ["2015"], "2017": ["2016"], "2018": ["2017"], "2015": ["2018"]}
    assert all(set(r.uncertain) == {"2015", "2016", "2017", "2018"} for r in rows)


def test_years_in_order_are_left_alone():
    rows = [_row("Uddannelse af medarbejdere", {"2015": "1.700", "2016": "50"})]
    header = _header([2015, 2016])
    years_out_of_order(rows, header, {})
    assert header.years == [2015, 2016] and _values(rows[0]) == {"2015": "1.700", "2016": "50"}
    assert not rows[0].uncertain
