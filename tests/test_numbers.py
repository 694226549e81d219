from hypothesis import given
from hypothesis import strategies as st

from parsers.numbers import parse_amount_in_thousands, parse_number
from parsers.text import join_lines


def test_danish_numbers():
    assert parse_number("1.125") == 1125
    assert parse_number("-1.022") == -1022
    assert parse_number("\u22121.022") == -1022
    assert parse_number("-") == 0
    assert parse_number("\u2013") == 0
    assert parse_number("0") == 0
    assert parse_number("6,7") == 6.7
    assert parse_number("300.000kr.") == 300000
    assert parse_number("1.125.000kr.") == 1125000
    assert parse_number("2016") == 2016


def test_not_numbers():
    for token in ("", "abc", "1.12", "p/l", "2x", "Service"):
        assert parse_number(token) is None, token


def test_amounts_in_prose_are_in_thousands():
    assert parse_amount_in_thousands("Investeringsudgiften på 3,5 mio. kr. er vurderet") == 3500
    assert parse_amount_in_thousands("500 t.kr. til projektledelse") == 500


@given(st.text())
def test_number_parser_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, int | float)


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_formatted_integers_round_trip(n):
    grouped = f"{abs(n):,}".replace(",", ".")
    assert parse_number(("-" if n < 0 else "") + grouped) == n


def test_dehyphenation():
    assert join_lines(["ejendomsadministrationsom-", "rådet"]) == "ejendomsadministrationsområdet"
    assert join_lines(["syge- og hjemmepleje"]) == "syge- og hjemmepleje"
    assert join_lines(["handicap- og", "ældreområdet"]) == "handicap- og ældreområdet"
    assert join_lines(["CPR-", "udtræk"]) == "CPR-udtræk"
    assert join_lines(["Samlede", "implementeringsom-", "kostninger"]) == "Samlede implementeringsomkostninger"
