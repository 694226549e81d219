"""PDF page furniture by position: a line in the outer margin band of its page is a running header or footer."""
from __future__ import annotations

from parsers.furniture import in_margin
from parsers.records import Line, Word

HEIGHT = 842.0  # A4 in points


def _line(text: str, top: float, size: float = 8.0) -> Line:
    words, x = [], 50.0
    for w in text.split():
        words.append(Word(w, x, top, x + 6 * len(w), top + size))
        x += 6 * len(w) + 3
    return Line(text=text, page=2, lineno=1, words=words)


def test_running_header_and_footer_lie_in_the_margin_band():
    assert in_margin(_line("Københavns Kommune Investeringsforslag BC04", 31), HEIGHT)
    assert in_margin(_line("Side 2 af 3", 810), HEIGHT)


def test_body_text_and_a_table_header_at_the_top_of_the_body_do_not():
    assert not in_margin(_line("1.000 kr. 2017 p/l 2017 2018 2019", 52, size=9), HEIGHT)
    assert not in_margin(_line("Samlet økonomisk påvirkning -897 -1.794", 780, size=9), HEIGHT)
    assert not in_margin(_line("Tabel 1. Forslagets samlede økonomiske konsekvenser", 400), HEIGHT)


def test_a_line_reaching_into_the_body_is_not_furniture():
    assert not in_margin(_line("Københavns Kommune", 30, size=20), HEIGHT)  # bottom at 50 > 5 % of the page
