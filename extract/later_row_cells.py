"""Rule `cells-of-later-rows` (poppler's pdftotext, a cell per line): cells of later rows written among a row's own.

pdftotext orders a table's cells by its own text blocks, not by rows. Where the cells below a full row stand
empty in its right-hand columns, it may write cells of rows further down in those columns (a row's later years,
the grand total's last years) right after that row's figures, as if they went on it:

    Varige ændringer i alt / Service / -2.626 / -3.626 / -3.626 / -3.626 / -3.626 /   <- the row's own five
    926 /                                    <- the 2023 cell of "Implementeringsomkostninger i ØKF", below
    -3.626 / -3.626 / -3.626 /               <- the last three years of "Samlet økonomisk påvirkning"
    Implementeringsomkostninger i ØKF / Anlæg / 4.923 / 3.872 / ...

Read line by line, the row takes a figure too many, and the figures left over are taken for a grand total's
figures without a label (`infer_missing_labels`), while the rows they belong to come out short.

The figures after the row's own are the last cells of later short rows, in the order of those rows. Nothing in
the written order tells how many of the figures are the row's own, nor which rows the others end: every way to
split them is tried, and the table's totals choose. The figures move only when the table's totals do not all
hold as read and they all hold under exactly one split; the moved figures are then confirmed by those totals
(placement's arithmetic), as any figure gathered from several lines.
"""
from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator

from extract.placement import place_table, totals_hold
from extract.settings import DEFAULT, TextSettings
from extract.tables import RawRow, TableHeader, is_figure
from parsers.records import Line


@dataclasses.dataclass(frozen=True, slots=True)
class LaterCells:
    """One way to read the figures after row `row`'s own: it keeps `own` of them, and each (row index, count)
    of `given` appends that many of the rest, in order, to the end of a later row."""

    row: int
    own: int
    given: tuple[tuple[int, int], ...]


def _overflow_at(rows: list[RawRow], ncols: int) -> int | None:
    """Index of a full row followed by figures without a label of their own (a row of them, or one whose label
    was inferred): the figures the line reading could not fit on the row."""
    for i, (row, nxt) in enumerate(zip(rows, rows[1:], strict=False)):
        if (len(row.numbers) == ncols and nxt.numbers and row.label.strip()
                and (not nxt.label.strip() or nxt.label_inferred_by is not None)):
            return i
    return None


def _compositions(n: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut n figures, in order, into runs of one or more."""
    for cuts in itertools.product((False, True), repeat=n - 1):
        sizes, size = [], 1
        for cut in cuts:
            if cut:
                sizes.append(size)
                size = 1
            else:
                size += 1
        yield (*sizes, size)


def later_cells_readings(rows: list[RawRow], at: int, ncols: int, settings: TextSettings = DEFAULT
                         ) -> Iterator[LaterCells]:
    """Every split of the figures of row `at` and the unlabelled row after it: the row keeps its first `own`,
    the rest go in runs to the ends of later rows that have room, in row order."""
    figures = len(rows[at].numbers) + len(rows[at + 1].numbers)
    later = [j for j in range(at + 2, len(rows)) if rows[j].numbers and len(rows[j].numbers) < ncols]
    for own in range(max(1, figures - settings.max_later_cells), len(rows[at].numbers) + 1):
        for sizes in _compositions(figures - own):
            for targets in itertools.combinations(later, len(sizes)):
                if all(len(rows[j].numbers) + k <= ncols for j, k in zip(targets, sizes, strict=True)):
                    yield LaterCells(at, own, tuple(zip(targets, sizes, strict=True)))


def apply_reading(rows: list[RawRow], reading: LaterCells) -> list[RawRow]:
    """New rows (the given ones untouched) with the figures moved as `reading` says; the unlabelled row goes."""
    at = reading.row
    figures = rows[at].numbers + rows[at + 1].numbers
    rest = figures[reading.own :]
    extra: dict[int, list] = {}
    for j, k in reading.given:
        extra[j], rest = rest[:k], rest[k:]
    out: list[RawRow] = []
    for i, row in enumerate(rows):
        if i == at + 1:
            continue
        numbers = figures[: reading.own] if i == at else row.numbers + extra.get(i, [])
        out.append(dataclasses.replace(row, numbers=list(numbers), placed=None, uncertain={}))
    return out


def _holds(rows: list[RawRow], header: TableHeader, settings: TextSettings) -> bool:
    trial = [dataclasses.replace(r, numbers=list(r.numbers), placed=None, uncertain={}) for r in rows]
    place_table(trial, header, {}, settings)
    return totals_hold(trial, header)


def _settled(rows: list[RawRow], trials: Iterator[list[RawRow]], header: TableHeader, settings: TextSettings
             ) -> list[RawRow]:
    """The trial under which the table's totals all hold, when the rows as read fail them; `rows` when no trial
    or too many to try. Several trials may hold where the totals cannot tell which of a block's rows a figure
    belongs to (two rows empty in its column): the first is taken, and the figures another puts in another row
    are stored flagged."""
    found: list[list[RawRow]] = []
    for n, trial in enumerate(trials):
        if n >= settings.max_later_splits:
            return rows  # too many ways to split: the rows stay as read (and flagged where placement doubts)
        if _holds(trial, header, settings):
            found.append(trial)
    if not found:
        return rows
    owners = [{id(tok): i for i, row in enumerate(trial) for tok in row.numbers} for trial in found]
    chosen = found[0]
    for i, row in enumerate(chosen):
        row.figures_in_doubt = [tok for tok in row.numbers if any(o.get(id(tok)) != i for o in owners[1:])]
    return chosen


def _ncols(header: TableHeader) -> int:
    return len(header.years) + (1 if header.has_total_column else 0)


def cells_of_later_rows(rows: list[RawRow], header: TableHeader, settings: TextSettings = DEFAULT) -> list[RawRow]:
    """Rule `cells-of-later-rows` (see the module): the rows with the figures after a full row's own moved to the
    ends of the later rows they belong to, when the table's totals hold under such a split and not as read."""
    ncols = _ncols(header)
    at = _overflow_at(rows, ncols)
    if at is None or _holds(rows, header, settings):
        return rows
    trials = (apply_reading(rows, r) for r in later_cells_readings(rows, at, ncols, settings))
    return _settled(rows, trials, header, settings)


def free_boundaries(rows: list[RawRow], body: list[Line]) -> list[int]:
    """Indices i where row i's last figure and row i+1's first are lone figures on consecutive lines (blank
    lines aside): nothing between them, no label, marks where one row ends and the next begins."""
    at = {id(ln): n for n, ln in enumerate(ln for ln in body if not ln.is_blank)}
    out = []
    for i, (a, b) in enumerate(zip(rows, rows[1:], strict=False)):
        if not (a.numbers and b.numbers):
            continue
        last, first = a.numbers[-1].line, b.numbers[0].line
        if (is_figure(last.stripped) and is_figure(first.stripped) and id(last) in at and id(first) in at
                and at[id(first)] == at[id(last)] + 1):
            out.append(i)
    return out


def _split_trials(rows: list[RawRow], cuts: list[int], ncols: int) -> Iterator[list[RawRow]]:
    options = []
    for i in cuts:
        n = len(rows[i].numbers) + len(rows[i + 1].numbers)
        options.append([k for k in range(max(1, n - ncols), min(ncols, n - 1) + 1)])
    for ks in itertools.product(*options):
        if all(k == len(rows[i].numbers) for i, k in zip(cuts, ks, strict=True)):
            continue  # the rows as read
        trial = [dataclasses.replace(r, numbers=list(r.numbers), placed=None, uncertain={}) for r in rows]
        for i, k in zip(cuts, ks, strict=True):  # cuts are apart: each pair of rows is split once
            run = trial[i].numbers + trial[i + 1].numbers
            trial[i].numbers, trial[i + 1].numbers = run[:k], run[k:]
        yield trial


def figure_runs_split_by_totals(rows: list[RawRow], body: list[Line], header: TableHeader,
                                settings: TextSettings = DEFAULT) -> list[RawRow]:
    """Rule `figure-run-split` (a cell per line, labels written apart from their figures): two rows whose figures
    are one run of lone figures, nothing written between them, were split where the line reading filled the first
    row's columns. Where the table's totals do not hold as read, each such run is split at every point that fits
    the columns, and the totals choose."""
    cuts = free_boundaries(rows, body)
    cuts = [c for n, c in enumerate(cuts) if not n or cuts[n - 1] != c - 1]  # a row is split off one side only
    if not cuts or _holds(rows, header, settings):
        return rows
    return _settled(rows, _split_trials(rows, cuts, _ncols(header)), header, settings)
