"""A figure that reads as one of the table's own header years is flagged, never stored as decided (text dumps whose
reading order puts header cells on lines of their own)."""
from __future__ import annotations

from extract.placement import flag_year_lookalikes
from extract.tables import RawRow, TableHeader, Token
from parsers.records import Line


def _row(label: str, figures: dict[str, str]) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    placed = {key: Token(text, line) for key, text in figures.items()}
    return RawRow([label], [line], None, list(placed.values()), placed=placed)


def test_a_header_year_among_the_figures_is_flagged_and_amounts_are_not():
    header = TableHeader([2021, 2022, 2023], "1.000 kr.", 2021, False, False, 0)
    rows = [_row("Systemejer", {"2021": "2021", "2022": "-458"}), _row("Licens", {"2021": "2.021", "2022": "1500"})]
    flag_year_lookalikes(rows, header)
    assert rows[0].uncertain == {"2021": []}
    assert rows[1].uncertain == {}  # 2.021 is an amount, and so is 1500


def test_a_year_after_the_headers_last_is_flagged_too():
    # pdftotext wrote a budget table's first label between its years ("2016" / "Hardware" / "2017"): the header
    # read 2016 alone, and 2017 came with the figures
    header = TableHeader([2016], None, None, False, True, 0)
    rows = [_row("Hardware", {"2016": "2017", "total": "1.530.000"})]
    flag_year_lookalikes(rows, header)
    assert rows[0].uncertain == {"2016": []}
