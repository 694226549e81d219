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

from extract.placement import SearchBudget, totals_can_hold
from extract.settings import DEFAULT, TextSettings
from extract.tables import (
    LabelCell,
    RawRow,
    TableHeader,
    Token,
    is_figure,
    is_group_heading,
    is_total_label,
    label_cells,
)
from parsers.records import Line
from parsers.text import normalize_space


def _copy(rows: list[RawRow]) -> list[RawRow]:
    return [dataclasses.replace(r, numbers=list(r.numbers), placed=None, uncertain={}) for r in rows]


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


def tails_given(rows: list[RawRow], extra: list[Token], after: int, ncols: int, most: int
                ) -> Iterator[list[RawRow]]:
    """Every way to append the figures `extra`, in runs, in order, to the ends of rows after row `after` that have
    room for them (new rows each time); none past `most` figures."""
    if not extra:
        yield _copy(rows)
        return
    if len(extra) > most:
        return
    later = [j for j in range(after + 1, len(rows)) if rows[j].numbers and len(rows[j].numbers) < ncols]
    for sizes in _compositions(len(extra)):
        for targets in itertools.combinations(later, len(sizes)):
            if any(len(rows[j].numbers) + k > ncols for j, k in zip(targets, sizes, strict=True)):
                continue
            trial = _copy(rows)
            rest = list(extra)
            for j, k in zip(targets, sizes, strict=True):
                trial[j].numbers, rest = trial[j].numbers + rest[:k], rest[k:]
            yield trial


def later_cells_trials(rows: list[RawRow], at: int, ncols: int, settings: TextSettings = DEFAULT
                       ) -> Iterator[list[RawRow]]:
    """Every split of the figures of row `at` and the unlabelled row after it: the row keeps its first ones, the
    rest go in runs to the ends of later rows that have room, in row order; the unlabelled row goes."""
    figures = rows[at].numbers + rows[at + 1].numbers
    base = rows[: at + 1] + rows[at + 2 :]
    for own in range(max(1, len(figures) - settings.max_later_cells), len(rows[at].numbers) + 1):
        trial = _copy(base)
        trial[at].numbers = figures[:own]
        yield from tails_given(trial, figures[own:], at, ncols, settings.max_later_cells)


def _holds(rows: list[RawRow], header: TableHeader, settings: TextSettings, budget: SearchBudget) -> bool | None:
    """Some placement of the rows makes every total add up; None once the rule's budget has run out."""
    return totals_can_hold(rows, header, settings, budget)


def _settled(rows: list[RawRow], trials: Iterator[list[RawRow]], header: TableHeader, settings: TextSettings,
             budget: SearchBudget) -> list[RawRow]:
    """The trial under which the table's totals all hold, when the rows as read fail them; `rows` when no trial
    or too many to try. Several trials may hold where the totals cannot tell which of a block's rows a figure
    belongs to (two rows empty in its column): the first is taken, and the figures another puts in another row
    are stored flagged."""
    found: list[list[RawRow]] = []
    for n, trial in enumerate(trials):
        if n >= settings.max_later_splits or budget.left < 0:
            return rows  # more to try than the rule may: the rows stay as read (flagged where placement doubts)
        if _holds(trial, header, settings, budget):
            found.append(trial)
    if not found or budget.left < 0:
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
    budget = SearchBudget(settings.max_split_nodes)
    if at is None or _holds(rows, header, settings, budget) is not False:
        return rows
    return _settled(rows, later_cells_trials(rows, at, ncols, settings), header, settings, budget)


@dataclasses.dataclass(frozen=True, slots=True)
class Cut:
    """Two rows whose figures the written order does not tell apart: row `first`'s figures run on into row
    `then`'s (the next row, or a total left without figures after label lines only)."""

    first: int
    then: int


def _is_heading(row: RawRow) -> bool:
    return not row.numbers and is_group_heading(row.label)


def free_cuts(rows: list[RawRow], body: list[Line]) -> list[Cut]:
    """Where one row's figures may run on into another's: row i's last figure and row i+1's first are lone
    figures on consecutive lines (blank lines aside), nothing between them, no label, to mark where one row ends
    and the next begins; or row i's figures are followed by rows without figures only, up to a total without
    figures (its label written after them, its figures taken by the row above). A row is cut from one side."""
    at = {id(ln): n for n, ln in enumerate(ln for ln in body if not ln.is_blank)}
    out: list[Cut] = []
    for i, (a, b) in enumerate(zip(rows, rows[1:], strict=False)):
        if not a.numbers or not is_figure(a.numbers[-1].line.stripped) or (out and out[-1].then == i):
            continue
        last = a.numbers[-1].line
        if b.numbers:
            first = b.numbers[0].line
            if is_figure(first.stripped) and id(last) in at and id(first) in at and at[id(first)] == at[id(last)] + 1:
                out.append(Cut(i, i + 1))
            continue
        j = next((j for j in range(i + 1, len(rows)) if rows[j].numbers or is_total_label(rows[j].label)), None)
        if j is not None and not rows[j].numbers and len(a.numbers) > 1:
            out.append(Cut(i, j))
    return out


def heading_to_block_top(rows: list[RawRow]) -> list[RawRow]:
    """Rule `heading-after-its-rows` (pdftotext, a cell per line): a block's heading written after the block's
    rows, right before its total: a heading heads rows below it, and a total right after it has none. It goes
    back before the rows with figures above it (since the last total or heading)."""
    out = list(rows)
    for i in range(1, len(out) - 1):
        if not (_is_heading(out[i]) and is_total_label(out[i + 1].label)):
            continue
        top = i
        while top and out[top - 1].numbers and not is_total_label(out[top - 1].label):
            top -= 1
        if top < i and (top == 0 or is_total_label(out[top - 1].label)):  # no heading above those rows
            out.insert(top, out.pop(i))
    return out


def _split_trials(rows: list[RawRow], cuts: list[Cut], ncols: int) -> Iterator[list[RawRow]]:
    options = []
    for c in cuts:
        n = len(rows[c.first].numbers) + len(rows[c.then].numbers)
        options.append([k for k in range(max(1, n - ncols), min(ncols, n - 1) + 1)])
    for ks in itertools.product(*options):
        if all(k == len(rows[c.first].numbers) for c, k in zip(cuts, ks, strict=True)):
            continue  # the rows as read
        trial = _copy(rows)
        for c, k in zip(cuts, ks, strict=True):
            run = trial[c.first].numbers + trial[c.then].numbers
            trial[c.first].numbers, trial[c.then].numbers = run[:k], run[k:]
        yield trial


def figure_runs_split_by_totals(rows: list[RawRow], body: list[Line], header: TableHeader,
                                settings: TextSettings = DEFAULT) -> list[RawRow]:
    """Rule `figure-run-split` (a cell per line, labels written apart from their figures): two rows whose figures
    are one run of lone figures, nothing written between them, were split where the line reading filled the first
    row's columns; a total whose label came after its figures, which the row above took (`free_cuts`). Where the
    table's totals do not hold as read, each such run is split at every point that fits the columns (a heading
    written after its block's rows back at their top: `heading-after-its-rows`), and the totals choose."""
    budget = SearchBudget(settings.max_split_nodes)
    base = heading_to_block_top(rows)
    cuts = free_cuts(base, body)
    if not cuts or _holds(rows, header, settings, budget) is not False:
        return rows
    return _settled(rows, _split_trials(base, cuts, _ncols(header)), header, settings, budget)


def _block_rows(cells: list[LabelCell]) -> list[RawRow]:
    return [RawRow([normalize_space(c.label_lines[0].text)], c.lines) if c.heading
            else RawRow([ln.text for ln in c.label_lines], c.lines, c.area,
                        label_inferred_by="block-figures-before-labels: a block's labels written after its figures")
            for c in cells]


def block_figures_before_labels(rows: list[RawRow], header: TableHeader, settings: TextSettings = DEFAULT
                                ) -> list[RawRow]:
    """Rule `block-figures-before-labels` (pdftotext, a cell per line): a block's figures, row after row, written
    before any of its label cells, which follow them (a heading, each label with its area cell), and then the
    next block as usual. The line reading takes the figures for rows without labels, filled to the columns, and
    joins the labels into the next row's. The labels go back to rows of their own, and the figures are shared
    among them in order, each row one to all the columns; the figures left over are the last cells of later
    rows (`cells-of-later-rows`, the grand total's last years). Only shares under which the block's own total
    holds are tried for the whole table, whose totals choose; a block without a total is left as read."""
    ncols = _ncols(header)
    n = 0
    while n < len(rows) and rows[n].numbers and not rows[n].label.strip():
        n += 1
    figures = [t for r in rows[:n] for t in r.numbers]
    if not n or not all(is_figure(t.line.stripped) for t in figures):
        return rows
    j = n
    label_lines: list[Line] = []
    while j < len(rows) and not rows[j].numbers:
        label_lines += [ln for ln in rows[j].lines if not ln.is_blank]
        j += 1
    if j == len(rows) or not label_lines:
        return rows
    written = {id(t.line) for t in rows[j].numbers}
    cells = label_cells(label_lines + [ln for ln in rows[j].lines if id(ln) not in written and not ln.is_blank])
    if not cells or cells[-1].heading or not cells[-1].label_lines:
        return rows
    end = len(cells) - 1  # the last label is the next row's own; headings right before it head its block
    while end and cells[end - 1].heading:
        end -= 1
    block, between, own = cells[:end], cells[end:-1], cells[-1]
    data = [i for i, c in enumerate(block) if not c.heading]
    budget = SearchBudget(settings.max_split_nodes)
    if not data or len(figures) < len(data) or _holds(rows, header, settings, budget) is not False:
        return rows
    nxt = dataclasses.replace(rows[j], label_parts=[ln.text for ln in own.label_lines],
                              lines=own.lines + [t.line for t in rows[j].numbers], area=own.area or rows[j].area)
    base = _block_rows(block) + _block_rows(between) + [nxt] + rows[j + 1 :]

    def trials() -> Iterator[list[RawRow]]:
        for sizes in itertools.product(range(1, ncols + 1), repeat=len(data)):
            if sum(sizes) > len(figures) or len(figures) - sum(sizes) > ncols:
                continue
            trial = _copy(base)
            at = 0
            for i, k in zip(data, sizes, strict=True):
                trial[i].numbers, at = figures[at : at + k], at + k
            if _holds(trial[: len(block)], header, settings, budget):  # the block's own total first
                yield from tails_given(trial, figures[at:], len(block) - 1, ncols, ncols)

    return _settled(rows, trials(), header, settings, budget)
