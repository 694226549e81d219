"""The one place that reads Danish numbers.

`1.125` is 1125 (a dot groups thousands), `-1.022` is -1022, a lone dash is zero, `6,7` is 6.7 (a comma is the
decimal mark), `½` is 0.5 and `3,5 mio. kr.` is 3500 when counted in 1.000 kr.
"""
from __future__ import annotations

import regex

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
ZERO_MARKS = frozenset({"-", "\u2013", "\u2014", "\u2212", "_"})

# A token that is a table figure: optional sign, digits with thousands dots or a decimal comma, optional "kr."
NUMBER_TOKEN = regex.compile(
    rf"""^(?P<sign>[{DASHES}+]\s?)?
        (?P<body>\d{{1,3}}(?:\.\d{{3}})+|\d+)
        (?:,(?P<frac>\d+))?
        (?P<half>½)?
        (?:\s*kr\.?)?$""",
    regex.VERBOSE,
)
SCALES = {"mio": 1000, "mia": 1_000_000, "t": 1}


# The largest magnitude bcx stores, on every database, exactly as parsed: the figures' column is Numeric(18, 4) (14
# digits before the point on PostgreSQL), and SQLite keeps it as a double, exact for every integer below 2**53. No
# amount in 1.000 kr. comes near it; a longer run of digits is a flattening accident (two cells glued) and is
# refused with a finding (extract/checks.py: value-out-of-range), never stored rounded.
STORABLE_LIMIT = 10**14


def storable_number(value: float) -> bool:
    return abs(value) < STORABLE_LIMIT


def is_zero_mark(token: str) -> bool:
    return token.strip() in ZERO_MARKS


def parse_number(token: str) -> int | float | None:
    """Parse one table cell. Returns None when the token is not a number.

    Integers come back as int; a decimal comma gives a float (staff counts such as 6,7 årsværk).
    """
    token = token.strip()
    if not token:
        return None
    if is_zero_mark(token):
        return 0
    if token == "½":
        return 0.5
    m = NUMBER_TOKEN.match(token)
    if not m:
        return None
    body = m["body"]
    # "1.125" is a thousands group; "1.12" never occurs as a Danish amount, the regex only admits 3-digit groups.
    value: int | float = int(body.replace(".", ""))
    if m["frac"]:
        value = float(f"{value}.{m['frac']}")
    if m["half"]:
        value = value + 0.5
    if m["sign"] and m["sign"].strip() in DASHES:
        value = -value
    return value


AMOUNT_IN_TEXT = regex.compile(r"(?P<num>-?\d+(?:\.\d{3})*(?:,\d+)?)\s*(?P<scale>mio|mia|t)\.\s*kr", regex.IGNORECASE)


def parse_amount_in_thousands(text: str) -> float | None:
    """Read a prose amount like `3,5 mio. kr.` or `500 t.kr.` as a figure in 1.000 kr."""
    m = AMOUNT_IN_TEXT.search(text)
    if not m:
        return None
    value = parse_number(m["num"])
    if value is None:
        return None
    result = value * SCALES[m["scale"].lower()]
    return int(result) if float(result).is_integer() else result
