"""Which rows a total row adds up: the one rule shared by year placement and by the validation checks.

A total row sums the ordinary rows since the previous total or block heading; a total that follows totals only
(e.g. "Samlet økonomisk påvirkning" under "Samlet varig ændring" and "Samlede implementeringsomkostninger")
sums those subtotals.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class RowKind(Enum):
    HEADING = "heading"  # a block heading: components start afresh below it
    TOTAL = "total"
    ROW = "row"
    SKIP = "skip"  # a row with no figures


@dataclass(frozen=True, slots=True)
class Equation:
    total: int
    components: tuple[int, ...]
    of_subtotals: bool  # a grand total: the sum of the block totals above it


def total_equations(kinds: list[RowKind]) -> list[Equation]:
    eqs: list[Equation] = []
    since: list[int] = []
    subtotals: list[int] = []
    for i, kind in enumerate(kinds):
        if kind is RowKind.HEADING:
            since = []
        elif kind is RowKind.TOTAL:
            if since:
                eqs.append(Equation(i, tuple(since), False))
                subtotals.append(i)
            elif subtotals:
                eqs.append(Equation(i, tuple(subtotals), True))
                subtotals = [i]
            since = []
        elif kind is RowKind.ROW:
            since.append(i)
    return eqs


def rounding_slack(parts: int) -> float:
    """How far a block total of `parts` figures may be from their sum when telling which figure or label is
    whose: each figure is rounded to 1.000 kr., so a sum of three or more may be off by one ("-573" printed as
    -572); two must add up exactly, lest small figures pair by chance. (extract/checks.py still reports such a
    difference.)"""
    return 0.5 * (parts - 1) + 1e-9
