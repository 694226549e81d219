"""A table header's year columns, read as written, including the years a header gets wrong.

A year column's header is normally a year between 1950 and 2099 ("2023"). A header may also carry
- a letter typed or read for a digit ("2O23", "2l23"): the year it spells, the letter read as its digit;
- a number outside the years a budget spans ("1899", "2999"): kept as written, the arithmetic of the columns
  beside it is the document's own;
- something that is no year at all ("20244", a digit too many): the year its neighbours imply (one after the column
  before it, or one before the column after it), a guess, so its figures are stored flagged.
Dropping such a column (or stopping the header at it) would put the next columns' figures under the wrong years,
silently; every column is kept, and each header that was not a plain year is reported (extract/checks.py:
header-year) with its text as written.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

YEAR = regex.compile(r"^(19[5-9]\d|20\d\d)$")
# a header cell meant as a year: four or five characters of digits, perhaps a letter that looks like a digit
YEARISH = regex.compile(r"^(?=(?:\D*\d){3})[\dOoIl]{4,5}$")
FOUR_DIGITS = regex.compile(r"^\d{4}$")
# the words a header line of year columns holds besides its years: the area column's head, the total column's
HEADER_WORDS = regex.compile(r"^(styring\S*|\S*område|\S*råde|i|alt|total)$", regex.IGNORECASE)
LOOKALIKE_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


@dataclass(frozen=True, slots=True)
class HeaderYear:
    """One year column of a header: the year stored, the header's text as written, and how the year was read."""

    year: int
    text: str
    how: str  # "read" | "lookalike" (a letter read as a digit) | "as-written" (outside 1950-2099) | "neighbours"

    @property
    def key(self) -> str:
        return str(self.year)

    @property
    def guessed(self) -> bool:
        """The year is implied by the columns beside it, not read: its figures are stored flagged."""
        return self.how == "neighbours"


def is_year(text: str) -> bool:
    return bool(YEAR.match(text))


def is_yearish(text: str) -> bool:
    """A token that may head a year column: a year, four digits, or four-five digits with a lookalike letter."""
    return bool(YEAR.match(text) or FOUR_DIGITS.match(text) or YEARISH.match(text))


def header_year_tokens(tokens: list[str]) -> list[str] | None:
    """The year-column tokens of a header line, or None when the line is no line of year columns.

    A line of year columns has at least one plain year, or is two or more four-digit numbers beside header words
    only (a header whose years all lie outside 1950-2099). Other tokens (the unit, 'Styringsområde', 'I alt') are
    no columns of years; a figure such as '1.125' is not year-like, so a body row is not taken for a header."""
    stripped = [t.strip("()") for t in tokens]
    yearish = [t for t in stripped if is_yearish(t)]
    if any(YEAR.match(t) for t in yearish):
        return yearish
    others = [t for t in stripped if not is_yearish(t)]
    if len(yearish) >= 2 and all(FOUR_DIGITS.match(t) for t in yearish) and all(HEADER_WORDS.match(t) for t in others):
        return yearish
    return None


def read_header_years(tokens: list[str], before: int | None = None) -> list[HeaderYear]:
    """Each year-column token read as a HeaderYear; `before` is the year of the column just before these (a
    header wrapped over lines). A token that spells no number is given the year its neighbours imply; one with
    no neighbour to go by is left out."""
    read: list[HeaderYear | None] = []
    for text in tokens:
        if YEAR.match(text):
            read.append(HeaderYear(int(text), text, "read"))
        elif FOUR_DIGITS.match(text):
            read.append(HeaderYear(int(text), text, "as-written"))
        elif YEAR.match(spelled := text.translate(LOOKALIKE_DIGITS)):
            read.append(HeaderYear(int(spelled), text, "lookalike"))
        else:
            read.append(None)
    out: list[HeaderYear] = []
    for i, (text, hy) in enumerate(zip(tokens, read, strict=True)):
        if hy is None:
            prev = out[-1].year if out else before
            after = next((r.year - (j - i) for j, r in enumerate(read) if j > i and r is not None), None)
            implied = prev + 1 if prev is not None else after
            if implied is None:
                continue
            hy = HeaderYear(implied, text, "neighbours")
        out.append(hy)
    return out
