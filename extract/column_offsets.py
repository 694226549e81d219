"""Rule `column-offsets`: a dump that keeps the page's columns as runs of spaces (poppler's `pdftotext -layout`)
sets each figure under its year's head, character for character, within a few characters.

Such a dump writes a row's empty cells as spaces only, and no spaces after its last figure: a short row
("Udvikling af robot   Service   150", a cost in the first year only) says nothing by its count or by the spaces at
its end, and when every row of a block is as short the totals add up in any year. Where the figure stands on its
line does: the header line ("1.000 kr. 2022 p/l   Styringsom   2021   2022 ...") gives where each column's head
ends, and a figure that ends nearest one head, closer than half the distance to the next, stands in that column.

`year_column_ends` reads the header line (one line holding every year of the header in order, set apart by runs
of two or more spaces: no other dump spaces its header so); `aligned_keys` gives a row's keys by where its figures
end; extract/placement.py weighs a placement by how many of its figures stand where the line puts them.
"""
from __future__ import annotations

import regex

from extract.tables import PRICE_LEVEL, TOTAL_COLUMN, UNIT, TableHeader, TableRegion, Token
from parsers.records import Line

YEAR_TOKEN = regex.compile(r"(?<![\d.])(19[5-9]\d|20\d\d)(?![\d.])")


def year_column_ends(lines: list[Line], region: TableRegion, header: TableHeader) -> list[int] | None:
    """Where each column's head ends on the header line (a character offset per year, then "I alt" when the
    table has that column); None when no line of the header holds all the years, spaced as columns."""
    for i in range(region.start, header.body_start):
        text = lines[i].text
        masked = PRICE_LEVEL.sub(lambda m: " " * len(m.group()), UNIT.sub(lambda m: " " * len(m.group()), text))
        found = list(YEAR_TOKEN.finditer(masked))
        if [int(m.group()) for m in found] != header.years or len(found) < 2:
            continue
        between = [text[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)]
        if any(len(gap) < 2 or gap.strip() for gap in between):
            return None  # years one space apart: a dump that does not keep the columns
        ends = [m.end() for m in found]
        if header.has_total_column:
            total = regex.search(r"(?i)\b(i\s*alt|total)\b", text[ends[-1] :])
            if total is None or not TOTAL_COLUMN.match(total.group()):
                return None
            ends.append(ends[-1] + total.end())
        return ends
    return None


def aligned_keys(tokens: list[Token], keys: list[str], ends: list[int]) -> list[str] | None:
    """The key of each figure by where it ends on its line: the column whose head ends nearest, closer than half
    the distance to the next head; None when a figure stands between columns or two stand in one."""
    if len(keys) != len(ends) or len(ends) < 2 or any(t.end is None for t in tokens):
        return None
    half = min(b - a for a, b in zip(ends, ends[1:], strict=False)) / 2
    out: list[int] = []
    for tok in tokens:
        j = min(range(len(ends)), key=lambda k, tok=tok: abs(tok.end - ends[k]))
        if abs(tok.end - ends[j]) >= half or (out and j <= out[-1]):
            return None
        out.append(j)
    return [keys[j] for j in out]
