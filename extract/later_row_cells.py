"""Figures that poppler's pdftotext (a cell per line) wrote apart from their rows, shared out again by the totals.

pdftotext orders a table's cells by its own text blocks, not by rows, and the line reading (`lines_to_raw_rows`)
gives each label the figures after it, up to the columns. Where the tool wrote figures away from their rows,
that fills the wrong rows. Four shapes, each a rule here:

- `cells-of-later-rows`: cells of rows further down (a row's later years, the grand total's last years), in
  columns that stand empty below a full row, written right after that row's figures, as if they went on it:

      Varige ændringer i alt / Service / -2.626 / -3.626 / -3.626 / -3.626 / -3.626 /  <- the row's own five
      926 /                                  <- the 2023 cell of "Implementeringsomkostninger i ØKF", below
      -3.626 / -3.626 / -3.626 /             <- the last three years of "Samlet økonomisk påvirkning"

  The row takes a figure too many, the rest is taken for a grand total without a label (`infer_missing_labels`),
  and the rows they belong to come out short.
- `figure-run-split`: two rows' figures as one run of lone figures, nothing written between them (their labels
  elsewhere), cut where the first row's columns were full; or a total's figures before its label, taken by the
  row above (`heading-after-its-rows`: the block's heading written between them goes back to the block's top).
- `block-figures-before-labels`: a block's figures, row after row, before all its label cells.

Nothing in the written order tells how the figures are shared. Every sharing the shape allows is tried (a row
takes one to all the columns), and the table's totals choose: the rows change only when the totals do not add
up as read (not even within rounding) and add up under some sharing (placement.totals_can_hold). Where several
sharings add up (two rows of a block both empty in a figure's column), the first found is kept, and the figures
another sharing gives to another row are stored flagged (`RawRow.figures_in_doubt`). A table too large to try
within `max_later_splits` and `max_split_nodes` stays as read. The moved figures are checked again by placement's
arithmetic, as any figure gathered from several lines.
"""
from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator

from extract.cell_per_line import row_sizes
from extract.placement import SearchBudget, totals_can_hold
from extract.settings import DEFAULT, TextSettings
from extract.tables import (
    GRAND_TOTAL_INFERRED,
    LabelCell,
    RawRow,
    TableHeader,
    Token,
    is_figure,
    is_total_label,
    label_cells,
)
from parsers.records import Line
from parsers.text import normalize_space


def _deal(trial: list[RawRow], indices: Iterable[int], figures: list[Token], sizes: Iterable[int]) -> int:
    """Give `figures`, in order, to the rows of `trial` at `indices`, each its size's worth; how many were given."""
    at = 0
    for i, k in zip(indices, sizes, strict=True):
        trial[i].numbers, at = figures[at : at + k], at + k
    return at


def _copy(rows: list[RawRow]) -> list[RawRow]:
    return [dataclasses.replace(r, numbers=list(r.numbers), placed=None, uncertain={},
                                figures_in_doubt=list(r.figures_in_doubt)) for r in rows]


def _ncols(header: TableHeader) -> int:
    return len(header.years) + (1 if header.has_total_column else 0)


def _open(rows: list[RawRow], header: TableHeader, settings: TextSettings, budget: SearchBudget) -> bool:
    """The rules may share the rows' figures again: read line by line (no reading order rebuilt elsewhere, whose
    keys the figures keep), and the totals do not add up as read, not even within rounding."""
    if any(r.keys_read is not None or r.readings for r in rows):
        return False
    return totals_can_hold(rows, header, settings, budget, rounded=True) is False


def _settled(rows: list[RawRow], trials: Iterator[list[RawRow]], header: TableHeader, settings: TextSettings,
             budget: SearchBudget) -> list[RawRow]:
    """The first trial under which the totals add up; `rows` when none does, or when there are more trials or
    more placements to try than allowed. Figures that another trial that adds up gives to another row are
    stored flagged. Every trial of a rule holds the same rows (the same indices), only their figures differ."""
    found: list[list[RawRow]] = []
    for n, trial in enumerate(trials):
        if n >= settings.max_later_splits or budget.left < 0:
            return rows
        if totals_can_hold(trial, header, settings, budget):
            found.append(trial)
    if not found or budget.left < 0:
        return rows
    owners = [{id(tok): i for i, row in enumerate(trial) for tok in row.numbers} for trial in found]
    chosen = found[0]
    for i, row in enumerate(chosen):
        row.figures_in_doubt += [tok for tok in row.numbers if all(tok is not t for t in row.figures_in_doubt)
                                 and any(o.get(id(tok)) != i for o in owners[1:])]
    return chosen


# ---------------------------------------------------------------- cells-of-later-rows


def _overflow_at(rows: list[RawRow], ncols: int) -> int | None:
    """Index of a full row followed by figures without a label of their own (a row of them, or one taken for the
    grand total without a label): the figures the line reading could not fit on the row."""
    for i, (row, nxt) in enumerate(zip(rows, rows[1:], strict=False)):
        if (len(row.numbers) == ncols and nxt.numbers and row.label.strip()
                and (not nxt.label.strip() or nxt.label_inferred_by == GRAND_TOTAL_INFERRED)):
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
    room for them, the nearer rows first (new rows each time); none past `most` figures."""
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
    """Every split of the figures of row `at` and the unlabelled row after it: the row keeps its first ones (the
    most first), the rest go in runs to the ends of later rows that have room, in row order; the unlabelled row
    goes."""
    figures = rows[at].numbers + rows[at + 1].numbers
    base = rows[: at + 1] + rows[at + 2 :]
    for own in range(len(rows[at].numbers), max(1, len(figures) - settings.max_later_cells) - 1, -1):
        trial = _copy(base)
        trial[at].numbers = figures[:own]
        yield from tails_given(trial, figures[own:], at, ncols, settings.max_later_cells)


def cells_of_later_rows(rows: list[RawRow], header: TableHeader, settings: TextSettings = DEFAULT) -> list[RawRow]:
    """Rule `cells-of-later-rows` (see the module): the figures after a full row's own go to the ends of the later
    rows the totals say."""
    ncols = _ncols(header)
    at = _overflow_at(rows, ncols)
    budget = SearchBudget(settings.max_split_nodes)
    if at is None or not _open(rows, header, settings, budget):
        return rows
    return _settled(rows, later_cells_trials(rows, at, ncols, settings), header, settings, budget)


# ---------------------------------------------------------------- figure-run-split


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """Rows whose figures the written order does not tell apart: one run of figures, shared by `rows` in order
    (the last may be a total left without figures after rows without figures, which may take none)."""

    rows: tuple[int, ...]
    open_total: bool = False


def figure_runs(rows: list[RawRow], body: list[Line]) -> list[Run]:
    """Where rows' figures run on into each other: row i's last figure and row i+1's first are lone figures on
    consecutive lines (blank lines aside), nothing between them, no label, to mark where one row ends and the
    next begins; and a run followed by rows without figures only, up to a total without figures (its label
    written after them, its figures taken by the rows above), runs on into that total."""
    at = {id(ln): n for n, ln in enumerate(ln for ln in body if not ln.is_blank)}

    def joined(a: RawRow, b: RawRow) -> bool:
        last, first = a.numbers[-1].line, b.numbers[0].line
        return (is_figure(last.stripped) and is_figure(first.stripped) and id(last) in at and id(first) in at
                and at[id(first)] == at[id(last)] + 1)

    out: list[Run] = []
    i = 0
    while i < len(rows):
        if not rows[i].numbers or not is_figure(rows[i].numbers[-1].line.stripped):
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < len(rows) and rows[run[-1] + 1].numbers and joined(rows[run[-1]], rows[run[-1] + 1]):
            run.append(run[-1] + 1)
        j = next((j for j in range(run[-1] + 1, len(rows)) if rows[j].numbers or is_total_label(rows[j].label)),
                 None)
        total = j is not None and not rows[j].numbers and sum(len(rows[r].numbers) for r in run) > len(run)
        if len(run) > 1 or total:
            out.append(Run((*run, j) if total else tuple(run), total))
        i = run[-1] + 1
    return out


def heading_to_block_top(rows: list[RawRow]) -> list[RawRow]:
    """Rule `heading-after-its-rows` (pdftotext, a cell per line): a block's heading written after the block's
    rows, right before its total's label, whose figures the rows above took: a heading heads rows below it, and
    a total right after it has none. It goes back before the rows with figures above it, when no heading or
    total stands above those (new list; the rows themselves untouched)."""
    out = list(rows)
    for i in range(1, len(out) - 1):
        if not (out[i].is_heading and is_total_label(out[i + 1].label) and not out[i + 1].numbers):
            continue
        top = i
        while top and out[top - 1].numbers and not is_total_label(out[top - 1].label):
            top -= 1
        if top < i and (top == 0 or is_total_label(out[top - 1].label)):
            out.insert(top, out.pop(i))
    return out


def _run_options(rows: list[RawRow], run: Run, ncols: int) -> list[tuple[int, ...]]:
    """Every way the run's rows can share its figures, in order, each one to all the columns (a total left
    without figures also none)."""
    n = sum(len(rows[r].numbers) for r in run.rows)
    shares = list(row_sizes(len(run.rows), n, n, ncols))
    if run.open_total:
        shares += [(*sizes, 0) for sizes in row_sizes(len(run.rows) - 1, n, n, ncols)]
    return shares


def _split_trials(rows: list[RawRow], runs: list[Run], ncols: int) -> Iterator[list[RawRow]]:
    """Every way to share each run's figures among its rows, but the rows as read."""
    read = [tuple(len(rows[r].numbers) for r in run.rows) for run in runs]
    for shares in itertools.product(*(_run_options(rows, run, ncols) for run in runs)):
        if list(shares) == read:
            continue
        trial = _copy(rows)
        for run, sizes in zip(runs, shares, strict=True):
            _deal(trial, run.rows, [t for r in run.rows for t in rows[r].numbers], sizes)
        yield trial


def figure_runs_split_by_totals(rows: list[RawRow], body: list[Line], header: TableHeader,
                                settings: TextSettings = DEFAULT) -> list[RawRow]:
    """Rule `figure-run-split` (see the module): runs of figures rows share (`figure_runs`) shared out as the totals
    say, a block's heading written after its rows back at their top (`heading-after-its-rows`)."""
    budget = SearchBudget(settings.max_split_nodes)
    base = heading_to_block_top(rows)
    runs = figure_runs(base, body)
    if not runs or not _open(rows, header, settings, budget):
        return rows
    return _settled(rows, _split_trials(base, runs, _ncols(header)), header, settings, budget)


# ---------------------------------------------------------------- block-figures-before-labels


BLOCK_LABELS_AFTER = "block-figures-before-labels: a block's labels written after its figures"


def _block_rows(cells: list[LabelCell]) -> list[RawRow]:
    return [RawRow([normalize_space(c.label_lines[0].text)], c.lines) if c.heading
            else RawRow([ln.text for ln in c.label_lines], c.lines, c.area, label_inferred_by=BLOCK_LABELS_AFTER)
            for c in cells]


@dataclasses.dataclass(slots=True)
class _Block:
    """The rows a block's figures and labels make: `rows` (the block's, then the next row's and the rest), the
    indices of the block's rows that take figures, and the figures in the order written."""

    rows: list[RawRow]
    size: int
    data: list[int]
    figures: list[Token]


def _block_written_first(rows: list[RawRow]) -> _Block | None:
    """The table's first rows are figures without labels (lone figures, a cell per line), then rows without
    figures, then a row whose lines before its figures hold the block's label cells and its own: the block's
    rows (headings, labels with their areas), the headings between, and that row relabelled. None otherwise, or
    when the block has no total to check its rows by."""
    n = 0
    while n < len(rows) and rows[n].numbers and not rows[n].label.strip():
        n += 1
    figures = [t for r in rows[:n] for t in r.numbers]
    if not n or not all(is_figure(t.line.stripped) for t in figures):
        return None
    j = n
    label_lines: list[Line] = []
    while j < len(rows) and not rows[j].numbers:
        label_lines += [ln for ln in rows[j].lines if not ln.is_blank]
        j += 1
    if j == len(rows) or not label_lines:
        return None
    written = {id(t.line) for t in rows[j].numbers}
    cells = label_cells(label_lines + [ln for ln in rows[j].lines if id(ln) not in written and not ln.is_blank])
    if not cells or cells[-1].heading or not cells[-1].label_lines:
        return None
    end = len(cells) - 1  # the last label is the next row's own; headings right before it head its block
    while end and cells[end - 1].heading:
        end -= 1
    block, between, own = cells[:end], cells[end:-1], cells[-1]
    data = [i for i, c in enumerate(block) if not c.heading]
    totals = [i for i in data if is_total_label(normalize_space(" ".join(ln.text for ln in block[i].label_lines)))]
    if not totals or len(figures) < len(data):
        return None
    nxt = dataclasses.replace(rows[j], label_parts=[ln.text for ln in own.label_lines],
                              lines=own.lines + [t.line for t in rows[j].numbers], area=own.area or rows[j].area)
    return _Block(_block_rows(block) + _block_rows(between) + [nxt] + rows[j + 1 :], len(block), data, figures)


def block_figures_before_labels(rows: list[RawRow], header: TableHeader, settings: TextSettings = DEFAULT
                                ) -> list[RawRow]:
    """Rule `block-figures-before-labels` (pdftotext, a cell per line): a block's figures, row after row, written
    before any of its label cells, which follow them (a heading, each label with its area cell), then the next
    block as usual. The line reading takes the figures for rows without labels, filled to the columns, and joins
    the labels into the next row's. The labels go back to rows of their own and the figures are shared among
    them in order; the figures left over are the last cells of later rows (`cells-of-later-rows`: the grand
    total's last years). Only shares under which the block's own total adds up are tried for the whole table."""
    ncols = _ncols(header)
    found = _block_written_first(rows)
    budget = SearchBudget(settings.max_split_nodes)
    if found is None or not _open(rows, header, settings, budget):
        return rows
    n = len(found.figures)

    def trials() -> Iterator[list[RawRow]]:
        for tried, sizes in enumerate(row_sizes(len(found.data), n - ncols, n, ncols)):
            if tried >= settings.max_later_splits or budget.left < 0:
                budget.left = -1  # more shares than the rule may try: the rows stay as read
                return
            trial = _copy(found.rows)
            at = _deal(trial, found.data, found.figures, sizes)
            if totals_can_hold(trial[: found.size], header, settings, budget):  # the block's own total first
                yield from tails_given(trial, found.figures[at:], found.size - 1, ncols, ncols)

    return _settled(rows, trials(), header, settings, budget)
